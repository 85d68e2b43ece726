// The aggregates form: offer only the criteria that fit the kind chosen in the same row (each option
// says its kind in data-kind). Without this script every fitting criterion is listed, grouped by kind,
// and the server names a wrong pair by row and field.
(() => {
  for (const row of document.querySelectorAll("[data-aggregate-row]")) {
    const kind = row.querySelector("[data-aggregate-kind]");
    const criterion = row.querySelector("[data-aggregate-criterion]");
    if (!kind || !criterion) continue;
    const sync = () => {
      for (const option of criterion.querySelectorAll("option[data-kind]")) {
        const fits = !kind.value || option.dataset.kind === kind.value;
        option.disabled = !fits;
        option.hidden = !fits;
      }
      const chosen = criterion.selectedOptions[0];
      if (chosen && chosen.disabled) criterion.value = "";
    };
    kind.addEventListener("change", sync);
    sync();
  }
})();

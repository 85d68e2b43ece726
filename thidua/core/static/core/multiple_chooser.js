// thidua.core.widgets.ScopedMultipleChooser: the chosen rows as a list, each with its hidden input and a
// button that takes it off; "add" opens the chooser's modal in Wagtail's multiple-selection mode
// (?multiple=1: a tick per row) and appends the ticked rows not already in the list.
(() => {
  const refresh = (box) => {
    const empty = box.querySelector("[data-thidua-multi-empty]");
    if (empty) empty.hidden = box.querySelector("[data-thidua-multi-list] [data-thidua-multi-row]") !== null;
  };

  const add = (box, item) => {
    const list = box.querySelector("[data-thidua-multi-list]");
    const id = String(item.id);
    if (list.querySelector(`[data-thidua-multi-row][data-id="${CSS.escape(id)}"]`)) return;
    const row = box.querySelector("[data-thidua-multi-template]").content.firstElementChild.cloneNode(true);
    row.dataset.id = id;
    row.querySelector("input").value = id;
    // textContent, never HTML: the title is a name typed by someone.
    row.querySelector("[data-thidua-multi-title]").textContent = item.title;
    row.querySelector(".visuallyhidden").textContent = ` ${item.title}`;
    list.appendChild(row);
  };

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const remove = target && target.closest("[data-thidua-multi-remove]");
    if (remove) {
      const box = remove.closest("[data-thidua-multi-chooser]");
      remove.closest("[data-thidua-multi-row]").remove();
      refresh(box);
      return;
    }
    const choose = target && target.closest("[data-thidua-multi-choose]");
    if (!choose) return;
    const box = choose.closest("[data-thidua-multi-chooser]");
    // The same modal as a single chooser's (ChooserModal in Wagtail's chooser-widget.js does this).
    window.ModalWorkflow({
      url: box.dataset.modalUrl,
      urlParams: { multiple: 1 },
      onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
      responses: {
        chosen: (result) => {
          (Array.isArray(result) ? result : [result]).forEach((item) => add(box, item));
          refresh(box);
        },
      },
    });
  });
})();

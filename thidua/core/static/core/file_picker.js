// thidua.core.widgets.FilePickerInput: write the chosen file's name beside the "Chọn tệp…" button.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.classList.contains("thidua-file__input")) return;
  const box = input.closest("[data-thidua-file]");
  if (!box) return;
  const names = Array.from(input.files || [], (file) => file.name);
  box.querySelector("[data-thidua-file-name]").textContent = names.join(", ");
  if (names.length) box.dataset.chosen = "";
  else delete box.dataset.chosen;
});

// The assignment form: only the target field of the chosen kind is shown, and a search box
// narrows a long list of people. Without JavaScript every field shows and the form still works.
(function () {
  "use strict";
  const kind = document.getElementById("id_kind");
  if (kind) {
    const targets = document.querySelectorAll("[data-kind]");
    const show = function () {
      targets.forEach(function (field) {
        field.hidden = Boolean(kind.value) && field.dataset.kind !== kind.value;
      });
    };
    kind.addEventListener("change", show);
    show();
  }
  document.querySelectorAll(".select-search").forEach(function (box) {
    const select = document.getElementById(box.dataset.filters);
    if (!select) return;
    box.hidden = false;
    box.addEventListener("input", function () {
      const words = box.value.trim().toLowerCase();
      Array.from(select.options).forEach(function (option) {
        option.hidden = Boolean(words) && !option.selected && !option.text.toLowerCase().includes(words);
      });
    });
  });
})();

/* Long checkbox lists (a meeting's invited municipalities and organisations): a filter field
   above the list hides the choices whose label does not contain what was typed, and the list
   scrolls in its own box. Without JavaScript the full list works as it is. */
(function () {
  "use strict";
  const groups = new Map();
  document.querySelectorAll("input[data-filterable]").forEach(function (input) {
    const box = input.closest(".form-check").parentElement;
    if (!groups.has(box)) groups.set(box, input.name);
  });
  groups.forEach(function (name, box) {
    box.classList.add("choice-box");
    const label = document.createElement("label");
    label.className = "form-label visually-hidden";
    label.htmlFor = "filter-" + name;
    label.textContent = box.closest("form").dataset.filterLabel;
    const filter = document.createElement("input");
    filter.type = "search";
    filter.id = "filter-" + name;
    filter.className = "form-control form-control-sm mb-2";
    filter.placeholder = label.textContent;
    filter.setAttribute("aria-controls", box.id || "");
    box.before(label, filter);
    filter.addEventListener("input", function () {
      const wanted = filter.value.trim().toLocaleLowerCase();
      box.querySelectorAll(".form-check").forEach(function (choice) {
        const text = choice.textContent.trim().toLocaleLowerCase();
        choice.hidden = wanted !== "" && !text.includes(wanted);
      });
    });
  });
})();

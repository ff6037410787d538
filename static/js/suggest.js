/* Suggestions for the typed filters (a project, working group or municipality): as the user
   types, the field's list of suggestions is filled from its small endpoint (at most 20
   names). Choosing a name and sending the form sends the row's key, so that a name shared by
   several rows still finds the one chosen. Without JavaScript the typed text works as it is. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    const keys = new Map();
    let timer = null;
    let asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const text = input.value.trim();
        if (text.length < 2 || text === asked || keys.has(input.value)) return;
        asked = text;
        const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (asked !== text) return;
            list.replaceChildren();
            data.suggestions.forEach(function (suggestion) {
              keys.set(suggestion.label, suggestion.key);
              const option = document.createElement("option");
              option.value = suggestion.label;
              list.append(option);
            });
          })
          .catch(function () { /* the typed text still works */ });
      }, 150);
    });
    input.form.addEventListener("submit", function () {
      if (keys.has(input.value)) input.value = keys.get(input.value);
    });
  });
})();

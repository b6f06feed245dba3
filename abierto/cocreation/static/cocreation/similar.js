// Similar proposals while a person writes a proposal. Progressive enhancement: without JavaScript the form's
// "Buscar propuestas parecidas" button gives the same list. The answer is an HTML fragment read aloud politely.
(function () {
  "use strict";
  var box = document.getElementById("parecidas-en-vivo");
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var form = box.closest("form");
  var fields = ["title", "problem", "gap", "what"];
  var timer = null;
  var last = "";

  function value(name) {
    var field = form.elements[name];
    return field && field.value ? field.value : "";
  }

  function lookup() {
    var title = value("title");
    var text = [value("problem"), value("gap"), value("what")].join(" ").slice(0, 2000);
    var key = title + "|" + text;
    if (key === last || (title + text).trim().length < 12) return;
    last = key;
    var params = new URLSearchParams({ title: title, texto: text });
    if (box.dataset.exclude) params.set("excluir", box.dataset.exclude);
    fetch(box.dataset.url + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (html) box.innerHTML = html; })
      .catch(function () { /* the button still works */ });
  }

  form.addEventListener("input", function (event) {
    if (fields.indexOf(event.target.name) < 0) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 700);
  });
})();

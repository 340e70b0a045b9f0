// Courses: progressive enhancement only; every form and table works without JavaScript.
(function () {
  "use strict";

  // "Mark as completed" without leaving the page: post the same form, update the bars.
  function setBar(line, percent) {
    if (!line) return;
    var bar = line.querySelector(".progress");
    line.querySelector(".progress-fill rect").setAttribute("width", percent);
    bar.setAttribute("aria-valuenow", percent);
    line.querySelector("[data-progress-value]").textContent = percent + "%";
  }

  document.querySelectorAll("form[data-complete-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var action = form.querySelector("input[name=action]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          document.querySelectorAll('[data-progress="course"]').forEach(function (line) {
            setBar(line, data.course.percent);
          });
          document
            .querySelectorAll('[data-progress="module"][data-progress-id="' + data.module.id + '"]')
            .forEach(function (line) { setBar(line, data.module.percent); });
          var id = form.action.match(/lessons\/(\d+)\//)[1];
          document.querySelectorAll('[data-lesson-state="' + id + '"]').forEach(function (el) {
            el.textContent = data.completed ? "✓" : "○";
          });
          action.value = data.completed ? "undo" : "complete";
          button.textContent = data.completed ? form.dataset.labelDone : form.dataset.labelTodo;
          button.classList.toggle("button-primary", !data.completed);
          button.setAttribute("aria-pressed", data.completed ? "true" : "false");
          form.querySelector("[data-complete-status]").textContent = button.textContent;
          var help = form.querySelector(".help");
          if (help) help.remove();
        })
        .catch(function () { form.submit(); })
        .finally(function () { button.disabled = false; });
    });
  });

  // Sortable tables: the header links sort on the server; with JavaScript, in place.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var link = th.querySelector("a");
      if (!link) return;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.dataset.sortType === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > 1; });
        function key(row) {
          var cell = row.cells[column];
          var value = cell.dataset.sortValue !== undefined ? cell.dataset.sortValue : cell.textContent.trim();
          return numeric ? parseFloat(value) || 0 : value;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = numeric ? x - y : String(x).localeCompare(String(y), document.documentElement.lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });
})();

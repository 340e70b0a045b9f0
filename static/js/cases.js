// Practice cases: extra rows, autosave of report drafts, running total while grading.
// Progressive enhancement only: the forms work without JavaScript.
(function () {
  "use strict";

  // --- Report editor: add rows to a formset --------------------------------------------
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var prefix = button.getAttribute("data-add-row");
    var template = document.getElementById(prefix + "-empty");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var maximum = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var rows = document.querySelector('[data-formset="' + prefix + '"]');
    if (!template || !total || !rows) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (maximum && index >= parseInt(maximum.value, 10)) return;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      while (holder.firstChild) rows.appendChild(holder.firstChild);
      total.value = String(index + 1);
      var first = rows.lastElementChild && rows.lastElementChild.querySelector("input, textarea");
      if (first) first.focus();
    });
  });

  // --- Report editor: autosave ---------------------------------------------------------
  // Posts the form (without files) to its own endpoint, cases:report_autosave, which answers
  // JSON {saved, saved_at, fishbone} or {saved: false, errors}.
  var form = document.getElementById("report-form");
  if (form && window.fetch && window.FormData) {
    var status = form.querySelector("[data-testid=autosave-status]");
    var preview = document.querySelector("[data-fishbone-preview]");
    var timer = null;
    var inFlight = false;
    var again = false;

    var save = function () {
      timer = null;
      if (inFlight) { again = true; return; }
      inFlight = true;
      var data = new FormData(form);
      data.delete("attachments");
      status.textContent = form.getAttribute("data-saving-text");
      fetch(form.getAttribute("data-autosave-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json();
      }).then(function (result) {
        if (result.saved) {
          status.textContent = form.getAttribute("data-saved-text") + " " + result.saved_at;
          form.setAttribute("data-autosaved", "1");
          if (preview && result.fishbone) preview.innerHTML = result.fishbone;
        } else {
          status.textContent = form.getAttribute("data-error-text") + " " + (result.errors || []).join(" ");
        }
      }).catch(function () {
        status.textContent = form.getAttribute("data-error-text");
      }).then(function () {
        inFlight = false;
        if (again) { again = false; schedule(); }
      });
    };
    var schedule = function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, 1500);
    };
    form.addEventListener("input", function (event) {
      if (event.target.type !== "file") schedule();
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "radio") schedule();
    });
    form.addEventListener("submit", function () {
      if (timer) window.clearTimeout(timer);
      timer = null;
    });
    // Whatever was typed before this deferred script ran fired no event we heard: save it too.
    var typedEarly = Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "file") return false;
      if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
      return "defaultValue" in field && field.value !== field.defaultValue;
    });
    if (typedEarly) schedule();
  }

  // --- Grading: running total ----------------------------------------------------------
  var grading = document.querySelector("[data-grading-form]");
  if (grading) {
    var output = grading.querySelector("[data-running-total]");
    var update = function () {
      var earned = 0;
      var possible = 0;
      var chosen = 0;
      var criteria = grading.querySelectorAll("[data-criterion]");
      criteria.forEach(function (criterion) {
        possible += parseFloat(criterion.getAttribute("data-max")) || 0;
        var checked = criterion.querySelector("input[type=radio]:checked");
        if (checked) {
          earned += parseFloat(checked.getAttribute("data-points")) || 0;
          chosen += 1;
        }
      });
      var percent = possible ? (earned / possible) * 100 : 0;
      output.textContent = earned.toFixed(2).replace(/\.00$/, "") + " / " +
        possible.toFixed(2).replace(/\.00$/, "") + " = " + percent.toFixed(2) +
        " (" + chosen + "/" + criteria.length + ")";
    };
    grading.addEventListener("change", update);
    update();
  }
})();

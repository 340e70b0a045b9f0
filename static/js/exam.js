// Taking an exam: autosave every change, a display-only countdown, navigation state.
// The server decides everything (time, validity, sequence); without JavaScript the page is a
// plain form whose buttons save before they move.
(function () {
  "use strict";
  var form = document.getElementById("exam-form");
  var statusBox = document.querySelector(".save-status");
  var autoSubmit = document.getElementById("auto-submit-form");

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function setStatus(text, isError) {
    if (!statusBox) return;
    statusBox.textContent = text;
    statusBox.classList.toggle("is-error", !!isError);
  }

  // --- Autosave ---------------------------------------------------------------------------
  var dirty = false, inFlight = false, again = false, timer = null, retryTimer = null;

  function answered(fieldset) {
    var essay = fieldset.querySelector("textarea");
    if (essay) return essay.value.trim() !== "";
    return fieldset.querySelector("input[name$='-choice']:checked") !== null;
  }
  function refreshNav() {
    form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
      var button = form.querySelector("[data-nav-position='" + fieldset.dataset.position + "']");
      if (!button) return;
      var flag = fieldset.querySelector("input[name$='-flag']");
      button.classList.toggle("is-answered", answered(fieldset));
      button.classList.toggle("is-flagged", !!(flag && flag.checked));
    });
  }
  function showConflict(message) {
    var link = document.createElement("a");
    link.href = window.location.href;
    link.textContent = form.dataset.msgReload;
    setStatus(message + " ", true);
    statusBox.appendChild(link);
  }
  function save() {
    if (!form) return Promise.resolve();
    if (inFlight) { again = true; return Promise.resolve(); }
    inFlight = true; again = false; dirty = false;
    setStatus(form.dataset.msgSaving);
    var data = new FormData(form);
    return fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      inFlight = false;
      var body = result.body;
      if (body.closed && body.redirect) { window.location.href = body.redirect; return; }
      if (body.versions) {
        Object.keys(body.versions).forEach(function (position) {
          var input = form.querySelector("[data-version-for='" + position + "']");
          if (input) input.value = body.versions[position];
        });
      }
      if (result.status >= 400) { setStatus(body.message || "", true); return; }
      if (body.conflicts && body.conflicts.length) { showConflict(body.message); return; }
      setStatus(form.dataset.msgSaved + " · " + body.saved_at);
      refreshNav();
      if (again || dirty) save();
    }).catch(function () {
      inFlight = false; dirty = true;
      setStatus(form.dataset.msgOffline, true);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(save, 5000);
    });
  }
  function schedule(delay) {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }
  if (form) {
    form.addEventListener("change", function () { schedule(150); });
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") schedule(1200);
    });
    form.addEventListener("submit", function () { clearTimeout(timer); dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty || inFlight) { event.preventDefault(); event.returnValue = ""; }
    });
    // An answer given before this deferred script ran fired no event we heard: save it too.
    var answeredEarly = Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
      return field.tagName === "TEXTAREA" && field.value !== field.defaultValue;
    });
    if (answeredEarly) schedule(150);
  }

  // --- Countdown (display only: the server's clock decides) -----------------------------------
  var clock = document.querySelector(".exam-timer");
  if (clock) {
    var left = parseInt(clock.dataset.secondsLeft, 10);
    var end = Date.now() + left * 1000;
    var value = clock.querySelector(".exam-timer-value");
    var finished = false;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var tick = function () {
      var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
      var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
      value.textContent = (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
      clock.classList.toggle("is-low", seconds <= 300);
      if (seconds === 0 && !finished) {
        finished = true;
        value.textContent = clock.dataset.labelUp;
        var done = function () { if (autoSubmit) autoSubmit.submit(); };
        dirty = false;
        (form ? save() : Promise.resolve()).then(done, done);
      }
    };
    tick();
    setInterval(tick, 1000);
  }
})();

// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // Close the mobile menu when a link inside it is followed.
  document.querySelectorAll("details.nav-toggle a").forEach(function (link) {
    link.addEventListener("click", function () {
      var details = link.closest("details");
      if (details && window.matchMedia("(max-width: 760px)").matches) details.open = false;
    });
  });
  // Keep the menu open on wide screens, where it is a normal navigation bar.
  var toggle = document.querySelector("details.nav-toggle");
  function sync() {
    if (toggle && window.matchMedia("(min-width: 761px)").matches) toggle.open = true;
  }
  sync();
  window.addEventListener("resize", sync);
  // Fields whose whole text is meant to be copied (share links) select it on focus.
  document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
    field.addEventListener("focus", function () {
      field.select();
    });
  });
})();

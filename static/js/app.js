// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // The navigation (templates/includes/header.html) is sent open: a bar on wide screens, and,
  // without JavaScript, a list on phones. Here it folds into the menu button below 1024 px.
  var WIDE = window.matchMedia("(min-width: 1024px)");
  var nav = document.querySelector("details[data-nav-toggle]");
  function fitNavigation() {
    if (nav) nav.open = WIDE.matches;
  }
  fitNavigation();
  WIDE.addEventListener("change", fitNavigation);
  if (nav) {
    nav.querySelectorAll("a").forEach(function (link) {
      link.addEventListener("click", function () {
        if (!WIDE.matches) nav.open = false;
      });
    });
    // On a wide screen the bar stays a bar.
    nav.addEventListener("toggle", function () {
      if (WIDE.matches && !nav.open) nav.open = true;
    });
  }
  // The user's menu closes on a click elsewhere and on Escape.
  var userMenu = document.querySelector("details[data-user-menu]");
  if (userMenu) {
    document.addEventListener("click", function (event) {
      if (userMenu.open && !userMenu.contains(event.target)) userMenu.open = false;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && userMenu.open) {
        userMenu.open = false;
        userMenu.querySelector("summary").focus();
      }
    });
  }
  // Fields whose whole text is meant to be copied (share links) select it on focus.
  document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
    field.addEventListener("focus", function () {
      field.select();
    });
  });
})();

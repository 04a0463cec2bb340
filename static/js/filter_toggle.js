/*
 * Battery Region Education Map: filter forms that fold away on phones.
 *
 * Each button[data-filter-toggle] (templates/includes/filter_toggle.html) shows and hides the form its aria-controls
 * names. The button is hidden in the HTML, so without this script the filters simply stay in view; portal.css hides
 * the button on wider screens and folds a form (.is-folded) only on phone widths. On a phone a form starts folded
 * when its button has data-folded-on-phone, unless the form shows an error. No inline scripts (strict CSP).
 */
(function () {
  "use strict";

  const PHONE = window.matchMedia("(max-width: 40rem)");

  function setOpen(button, panel, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-folded", !open);
  }

  function init(root) {
    root.querySelectorAll("button[data-filter-toggle]").forEach(function (button) {
      const panel = document.getElementById(button.getAttribute("aria-controls"));
      if (!panel || button.dataset.ready) {
        return;
      }
      button.dataset.ready = "true";
      const hasError = panel.querySelector(".has-error, .error, [aria-invalid='true']") !== null;
      setOpen(button, panel, !(PHONE.matches && button.hasAttribute("data-folded-on-phone") && !hasError));
      button.hidden = false;
      button.addEventListener("click", function () {
        setOpen(button, panel, button.getAttribute("aria-expanded") !== "true");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
  // Parts of a page that htmx brings in may hold a form of their own.
  document.addEventListener("htmx:load", function (event) {
    init(event.target);
  });
})();

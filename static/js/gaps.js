/*
 * Battery Region Education Map: the gap analysis pages (templates/gaps/dashboard.html, detail.html, overlaps.html).
 *
 * The pages work without this script. It only shows the "Print report" buttons (button[data-print], hidden in the
 * HTML because they need a script) and prints the page when one is chosen; before printing, the report's date
 * ([data-print-date]) becomes the day it is printed, in the page's language. No inline scripts (strict CSP).
 */
(function () {
  "use strict";

  // English pages write dates as in Europe ("4 December 2026"), like the dates the server writes; plain "en" is American.
  const LOCALES = { en: "en-GB" };

  function printDate() {
    const language = document.documentElement.lang;
    const locale = LOCALES[language] || language || undefined;
    const today = new Date().toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.textContent = today;
    });
  }

  function init() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    window.addEventListener("beforeprint", printDate);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * One click shows every translated field of a change form in one language.
 *
 * django-modeltranslation's tabbed admin gives each translated field its own jQuery UI tabs (one tab per language,
 * the tab's text is the language code). The buttons added at the top of the form click that language's tab in every
 * tab group, those of the inlines too. Texts come from the admin's JavaScript catalogue (djangojs).
 */
(function () {
  "use strict";

  const LANGUAGES = ["fi", "sv", "en"];

  function languageName(code) {
    try {
      const names = new Intl.DisplayNames([document.documentElement.lang || code], { type: "language" });
      return names.of(code) || code;
    } catch (error) {
      return code;
    }
  }

  function showLanguage(code, buttons) {
    document.querySelectorAll(".ui-tabs").forEach(function (group) {
      const tabs = group.querySelectorAll(":scope > .ui-tabs-nav a, :scope > ul a");
      tabs.forEach(function (tab) {
        if (tab.textContent.trim() === code && !tab.closest("li").classList.contains("ui-tabs-active")) {
          tab.click();
        }
      });
    });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.language === code));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("body.change-form #content-main form");
    if (!form || !form.querySelector(".mt")) {
      return;
    }
    const control = document.createElement("div");
    control.className = "admin-language-switch";
    control.setAttribute("role", "group");
    const label = document.createElement("span");
    label.className = "admin-language-switch-label";
    label.id = "admin-language-switch-label";
    label.textContent = typeof window.gettext === "function" ? gettext("Show the translated fields in:") : "Show the translated fields in:";
    control.setAttribute("aria-labelledby", label.id);
    control.append(label);
    const buttons = LANGUAGES.map(function (code) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button admin-language-button";
      button.dataset.language = code;
      button.setAttribute("aria-pressed", "false");
      button.textContent = languageName(code) + " (" + code + ")";
      control.append(button);
      return button;
    });
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        showLanguage(button.dataset.language, buttons);
      });
    });
    form.prepend(control);
  });
})();

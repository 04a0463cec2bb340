/*
 * Battery Region Education Map: the API documentation pages (/api/docs/ Swagger UI, /api/redoc/ ReDoc;
 * templates/api/). Both libraries skip heading levels (Swagger UI puts its h3 groups under the h1 title, ReDoc its
 * h5 "Parameters" under h2 operations), which breaks the outline a screen reader lists. This gives every heading
 * that skips a level the level it stands for, with aria-level, whenever the library redraws; the elements stay
 * the library's own, so its rendering is not disturbed. In Swagger UI also: its own <main> holds the operations
 * only, so its description of the API above them becomes a region named by its title (no content outside a
 * landmark); an operation's parameter fields get the parameter's name as their accessible name (Swagger UI writes
 * the name beside the field, not as its label); and its example blocks, which scroll sideways, can be reached with
 * the keyboard.
 */
(function () {
  "use strict";

  let queued = false;

  function levelOf(heading) {
    return Number(heading.tagName.substring(1));
  }

  function outline() {
    queued = false;
    landmarks();
    swaggerFields();
    let previous = 0;
    document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (heading) {
      const own = levelOf(heading);
      const level = Math.min(own, previous + 1);
      if (level !== own) {
        if (heading.getAttribute("aria-level") !== String(level)) {
          heading.setAttribute("aria-level", String(level));
        }
      } else if (heading.hasAttribute("aria-level")) {
        heading.removeAttribute("aria-level");
      }
      previous = level;
    });
  }

  function landmarks() {
    const info = document.querySelector(".swagger-ui .information-container");
    if (info && !info.hasAttribute("role")) {
      const title = info.querySelector("h1, h2");
      if (title) {
        title.id = title.id || "api-docs-title";
        info.setAttribute("role", "region");
        info.setAttribute("aria-labelledby", title.id);
      }
    }
  }

  function swaggerFields() {
    document.querySelectorAll(".swagger-ui tr[data-param-name]").forEach(function (row) {
      const name = row.dataset.paramName + (row.dataset.paramIn ? " (" + row.dataset.paramIn + ")" : "");
      row.querySelectorAll("select, input, textarea").forEach(function (field) {
        if (!field.hasAttribute("aria-label") && !field.labels.length) {
          field.setAttribute("aria-label", name);
        }
      });
    });
    document.querySelectorAll(".swagger-ui pre:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }

  function queue() {
    if (!queued) {
      queued = true;
      window.requestAnimationFrame(outline);
    }
  }

  new MutationObserver(queue).observe(document.documentElement, { childList: true, subtree: true });
  queue();
})();

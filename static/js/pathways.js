/*
 * Battery Region Education Map: the pathway page (/<lang>/pathways/, templates/gaps/pathways.html).
 *
 * The page works without this script: the form is a plain GET form, the route graph is a picture and the list
 * beside it has every route. This script adds:
 *
 * 1. The form with htmx (hx-get on #pathway-form, results into #pathway-results, address pushed): empty fields are
 *    left out of the address, a change does not search while no starting point is chosen (it could only give an
 *    error), the results are marked busy while loading, the fields' error state follows the last answer, and the
 *    new result is announced in #pathway-status.
 *
 * 2. The route graph (svg[data-route-graph], drawn by the server from gaps/pathways/graph.py). Its nodes become toggle
 *    buttons: role="button", aria-pressed, aria-label from data-label; one tab stop, the arrow keys move between
 *    nodes (up and down in a column, left and right to the nearest node of the next column), Home and End go to the
 *    first and last node. Choosing a node (click, Enter or Space) marks the routes through it: each node and edge
 *    lists its routes in data-routes (their numbers in the list, space-separated) and each list item has its number
 *    in data-route.
 *    Choosing it again or pressing Escape clears the marks. The graph is scaled to the width of the page, but not
 *    below 85 % of its natural size (then it scrolls sideways inside its own region, never the page), so that its
 *    text stays readable. It sits in <details data-graph-toggle>, open as the server sends it; on a narrow screen
 *    this script closes it, so that the list of routes comes first and the graph is one button away.
 *
 * 3. The small map of the results sits in a closed <details data-map-toggle> ("Show on map"). Leaflet is loaded only
 *    when a map is first opened: its stylesheet and script, then map.js, from the addresses in data-leaflet-css,
 *    data-leaflet-js and data-map-js on #pathway-results (the page's own static files, never a CDN). map.js draws the
 *    maps it finds when it runs, so it is run once more for each new map that htmx brings and that is opened.
 *
 * Text comes from the page: data-label and data-status on the nodes, and the json_script #pathway-text
 * ({"cleared", "through" with %(name)s}). No inline scripts or styles (the page can send a strict CSP).
 */
(function () {
  "use strict";

  const MIN_SCALE = 0.85;
  const MAX_SCALE = 1.25;
  const NARROW = "(max-width: 40rem)"; // as in pathways.css: the list first, the graph behind its toggle

  function readJSON(id) {
    const element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function format(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function keysOf(element) {
    return (element.getAttribute("data-routes") || "").split(" ").filter(Boolean);
  }

  /* The graph ------------------------------------------------------------------------------------------------ */

  function fitGraph(svg) {
    const box = svg.viewBox && svg.viewBox.baseVal;
    const scroller = svg.parentElement;
    if (!box || !box.width || !scroller || !scroller.clientWidth) {
      return; // not shown (a closed toggle): fitted when it opens
    }
    const style = window.getComputedStyle(scroller);
    const available =
      scroller.clientWidth - parseFloat(style.paddingLeft || "0") - parseFloat(style.paddingRight || "0");
    const width = Math.max(box.width * MIN_SCALE, Math.min(available, box.width * MAX_SCALE));
    svg.style.width = width + "px";
    svg.style.height = (width * box.height) / box.width + "px";
  }

  function initGraph(root) {
    const svg = root.querySelector("svg[data-route-graph]");
    if (!svg || svg.getAttribute("data-ready")) {
      return;
    }
    svg.setAttribute("data-ready", "true");
    const disclosure = svg.closest("details[data-graph-toggle]");
    if (disclosure) {
      if (window.matchMedia && window.matchMedia(NARROW).matches) {
        disclosure.open = false;
      }
      disclosure.addEventListener("toggle", function () {
        if (disclosure.open) {
          fitGraph(svg);
        }
      });
    }
    fitGraph(svg);

    const text = readJSON("pathway-text") || {};
    const status = document.getElementById("pathway-status");
    const nodes = Array.from(svg.querySelectorAll(".graph-node"));
    const edges = Array.from(svg.querySelectorAll(".graph-edge"));
    const items = Array.from(document.querySelectorAll("#route-list li.route[data-route]"));
    const routes = new Map(); // element -> its route keys
    nodes.concat(edges).forEach(function (element) {
      routes.set(element, keysOf(element));
    });

    // Nodes in columns, top to bottom (the server writes them column by column in that order).
    const columns = [];
    nodes.forEach(function (node) {
      const index = Number(node.getAttribute("data-column"));
      (columns[index] = columns[index] || []).push(node);
    });
    const filled = columns.filter(Boolean);

    // A group of toggle buttons now, no longer a picture.
    svg.setAttribute("role", "group");
    nodes.forEach(function (node, index) {
      node.setAttribute("role", "button");
      node.setAttribute("tabindex", index === 0 ? "0" : "-1");
      node.setAttribute("aria-pressed", "false");
      node.setAttribute("aria-label", node.getAttribute("data-label") || "");
    });

    let chosen = null;

    function mark(element, wanted) {
      if (!wanted) {
        element.classList.remove("is-on", "is-off");
        return;
      }
      const on = routes.get(element).some(function (key) {
        return wanted.has(key);
      });
      element.classList.toggle("is-on", on);
      element.classList.toggle("is-off", !on);
    }

    function choose(node) {
      chosen = node;
      const wanted = node ? new Set(routes.get(node)) : null;
      nodes.forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === node));
        mark(other, wanted);
      });
      edges.forEach(function (edge) {
        mark(edge, wanted);
      });
      const name = node ? node.getAttribute("data-name") || "" : "";
      items.forEach(function (item) {
        const on = Boolean(wanted && wanted.has(item.getAttribute("data-route")));
        item.classList.toggle("is-highlighted", on);
        // A marked route among an occupation's further routes is shown: its <details> opens.
        const more = item.closest("details.more-routes");
        if (on && more) {
          more.open = true;
        }
        const note = item.querySelector(".route-mark");
        if (note) {
          note.hidden = !on;
          note.textContent = on ? format(text.through, { name: name }) : "";
        }
      });
      if (status) {
        status.textContent = node ? node.getAttribute("data-status") || "" : text.cleared || "";
      }
    }

    function toggle(node) {
      choose(chosen === node ? null : node);
    }

    function focusNode(node) {
      if (!node) {
        return;
      }
      nodes.forEach(function (other) {
        other.setAttribute("tabindex", other === node ? "0" : "-1");
      });
      node.focus();
    }

    function middle(node) {
      const rect = node.getBoundingClientRect();
      return rect.top + rect.height / 2;
    }

    function neighbour(node, key) {
      const column = columns[Number(node.getAttribute("data-column"))];
      const row = column.indexOf(node);
      if (key === "ArrowDown") {
        return column[row + 1];
      }
      if (key === "ArrowUp") {
        return column[row - 1];
      }
      if (key === "Home") {
        return nodes[0];
      }
      if (key === "End") {
        return nodes[nodes.length - 1];
      }
      const here = filled.indexOf(column);
      const next = filled[key === "ArrowRight" ? here + 1 : here - 1];
      if (!next) {
        return null;
      }
      const y = middle(node);
      return next.reduce(function (best, candidate) {
        return Math.abs(middle(candidate) - y) < Math.abs(middle(best) - y) ? candidate : best;
      });
    }

    svg.addEventListener("click", function (event) {
      const node = event.target.closest(".graph-node");
      if (node && svg.contains(node)) {
        focusNode(node);
        toggle(node);
      }
    });
    svg.addEventListener("keydown", function (event) {
      const node = event.target.closest && event.target.closest(".graph-node");
      if (!node) {
        return;
      }
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault(); // Space would scroll the page
        toggle(node);
      } else if (event.key === "Escape") {
        if (chosen) {
          event.preventDefault();
          choose(null);
        }
      } else if (["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End"].indexOf(event.key) >= 0) {
        event.preventDefault();
        focusNode(neighbour(node, event.key));
      }
    });
  }

  function fitAll() {
    document.querySelectorAll("svg[data-route-graph]").forEach(fitGraph);
  }

  /* The small map of the results ------------------------------------------------------------------------------- */

  let leaflet = null; // the promise of Leaflet's files, once asked for
  let drawing = Promise.resolve(); // one map.js run at a time

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", function () {
        resolve(script);
      });
      script.addEventListener("error", reject);
      document.body.appendChild(script);
    });
  }

  function loadStyle(href) {
    return new Promise(function (resolve, reject) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.addEventListener("load", resolve);
      link.addEventListener("error", reject);
      document.head.appendChild(link);
    });
  }

  function loadLeaflet(results) {
    if (!leaflet) {
      leaflet = Promise.all([loadStyle(results.dataset.leafletCss), loadScript(results.dataset.leafletJs)]);
    }
    return leaflet;
  }

  /** Draw the map of the results if it is shown and not drawn yet. */
  function drawMap(results) {
    drawing = drawing
      .then(function () {
        const map = results.querySelector("details[open] .site-map[data-map-items]");
        if (!map || map.getAttribute("data-map-places") || !results.dataset.mapJs) {
          return null;
        }
        return loadLeaflet(results).then(function () {
          return loadScript(results.dataset.mapJs).then(function (script) {
            script.remove();
          });
        });
      })
      .catch(function () {
        leaflet = null; // the list still has every place; the next opening tries again
      });
  }

  function initMap(results) {
    // "toggle" does not bubble: listen while it goes down to the <details>.
    results.addEventListener(
      "toggle",
      function (event) {
        if (event.target.matches && event.target.matches("details[data-map-toggle]") && event.target.open) {
          drawMap(results);
        }
      },
      true
    );
  }

  /* The form ------------------------------------------------------------------------------------------------- */

  function initForm() {
    const form = document.getElementById("pathway-form");
    const results = document.getElementById("pathway-results");
    const status = document.getElementById("pathway-status");
    if (!form || !results) {
      return;
    }
    form.addEventListener("htmx:confirm", function (event) {
      const start = form.elements.namedItem("start");
      const trigger = event.detail && event.detail.triggeringEvent;
      if (start && !start.value && trigger && trigger.type === "change") {
        event.preventDefault(); // nothing to search from yet; "Show routes" still explains what is missing
      }
    });
    // Leave empty fields out of the address, so that it reads ?start=fi-vocational rather than ?start=…&occupation=&…
    form.addEventListener("htmx:configRequest", function (event) {
      Array.from(event.detail.formData.entries()).forEach(function (entry) {
        if (entry[1] === "") {
          delete event.detail.parameters[entry[0]];
        }
      });
    });
    form.addEventListener("htmx:beforeRequest", function () {
      results.setAttribute("aria-busy", "true");
    });
    form.addEventListener("htmx:afterRequest", function () {
      results.removeAttribute("aria-busy");
    });
    // After the settle, not the swap: until then htmx gives elements with an id (the routes) their old attributes,
    // and at the settle puts back the server's, which would wipe a route marked in between.
    // htmx fires the event on every element it swapped, the out-of-band field errors too: act once, for the results.
    results.addEventListener("htmx:afterSettle", function (event) {
      if (event.target !== results) {
        return;
      }
      // The field errors came out of band: the controls follow them.
      form.querySelectorAll(".field-errors[data-for]").forEach(function (errors) {
        const invalid = errors.textContent.trim() !== "";
        const wrapper = errors.closest(".pf-field, .pf-checkboxes");
        if (wrapper) {
          wrapper.classList.toggle("has-error", invalid);
        }
        const control = form.querySelector('select[name="' + errors.getAttribute("data-for") + '"]');
        if (control) {
          if (invalid) {
            control.setAttribute("aria-invalid", "true");
          } else {
            control.removeAttribute("aria-invalid");
          }
        }
      });
      initGraph(results);
      drawMap(results);
      const title = results.querySelector("#results-title");
      const alerting = results.querySelector('[role="alert"]'); // an error summary speaks for itself
      if (status) {
        status.textContent = title && !alerting ? title.textContent.trim() : "";
      }
    });
    // The language links in the header keep the choices that htmx has put in the address.
    document.body.addEventListener("htmx:pushedIntoHistory", function () {
      document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
        const url = new URL(link.href, window.location.href);
        url.search = window.location.search;
        link.href = url.pathname + url.search;
      });
    });
  }

  function init() {
    initForm();
    initGraph(document);
    const results = document.getElementById("pathway-results");
    if (results) {
      initMap(results);
      drawMap(results);
    }
    let pending = false;
    window.addEventListener("resize", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(function () {
          pending = false;
          fitAll();
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * Battery Region Education Map: the map's optional layer "Cross-border cooperation" (templates/programmes/map.html).
 *
 * A line between the two actors of each cross-border link the viewer may see, from the json_script named by
 * #map-layers' data-map-lines (programmes/map_lines.py):
 *      {"lines": [{"kind", "kindLabel", "colour", "dash", "from": {"name", "lang", "url", "lat", "lng"}, "to": {…},
 *                  "networkUrl", "actions": [{"title", "url"}]}],
 *       "skipped": 2, "text": {"network": "…", "actions": "…"}}
 * The layer is off until the checkbox #map-layer-links is ticked; the fieldset stays hidden without JavaScript or
 * without the map (js/map.js gives the map as #map's portalMap, or with the "map:ready" event). Each line has the
 * colour and dash pattern of its kind (the legend in the fieldset names them), a tooltip naming both actors and the
 * kind, and a popup with links to both actors, the actions of a joint action, and the network page's table.
 * Once drawn or removed, #map gets data-map-lines="<number of lines on the map>", for tests and styles.
 */
(function () {
  "use strict";

  if (!window.L) {
    return;
  }

  function escapeHTML(text) {
    const span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }

  function safeURL(url) {
    // Addresses come from the server; only paths of this site are made links.
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : "";
  }

  function actorLink(end) {
    const url = safeURL(end.url);
    const name = escapeHTML(end.name);
    const lang = end.lang ? ' lang="' + escapeHTML(end.lang) + '"' : "";
    return url ? '<a href="' + escapeHTML(url) + '"' + lang + ">" + name + "</a>" : "<span" + lang + ">" + name + "</span>";
  }

  function popupContent(line, text) {
    let html = '<p class="map-popup-title">' + actorLink(line.from) + " – " + actorLink(line.to) + "</p>";
    html += "<p>" + escapeHTML(line.kindLabel) + "</p>";
    if (line.actions && line.actions.length) {
      html += "<ul>";
      line.actions.forEach(function (action) {
        const url = safeURL(action.url);
        html += "<li>" + (url ? '<a href="' + escapeHTML(url) + '">' + escapeHTML(action.title) + "</a>" : escapeHTML(action.title)) + "</li>";
      });
      html += "</ul>";
    }
    const network = safeURL(line.networkUrl);
    if (network) {
      html += '<p><a href="' + escapeHTML(network) + '">' + escapeHTML(text.network || "") + "</a></p>";
    }
    return html;
  }

  function setUp(element, map) {
    const fieldset = document.getElementById("map-layers");
    const box = document.getElementById("map-layer-links");
    const source = fieldset && document.getElementById(fieldset.dataset.mapLines);
    if (!fieldset || !box || !source) {
      return;
    }
    let data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    const text = data.text || {};
    const layer = L.layerGroup(
      (data.lines || []).map(function (line) {
        const path = L.polyline(
          [
            [line.from.lat, line.from.lng],
            [line.to.lat, line.to.lng],
          ],
          { color: line.colour, weight: 3, opacity: 0.95, dashArray: line.dash || null, className: "map-link-line" }
        );
        path.bindTooltip(line.from.name + " – " + line.to.name + ": " + line.kindLabel, { sticky: true });
        path.bindPopup(popupContent(line, text));
        return path;
      })
    );
    function update() {
      if (box.checked) {
        layer.addTo(map);
        element.dataset.mapLines = String(layer.getLayers().length);
      } else {
        layer.remove();
        element.dataset.mapLines = "0";
      }
    }
    box.addEventListener("change", update);
    fieldset.hidden = false;
    update(); // a box the browser kept ticked (back button) draws at once
  }

  function init() {
    const element = document.getElementById("map");
    if (!element) {
      return;
    }
    if (element.portalMap) {
      setUp(element, element.portalMap);
    } else {
      element.addEventListener("map:ready", function (event) {
        setUp(element, event.detail.map);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

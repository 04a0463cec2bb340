/*
 * The site form's map: a click fills the latitude and longitude (5 decimals), typed coordinates move the marker.
 *
 * The latitude input carries data-site-map (the URL of the region boundaries as GeoJSON, the public map's outlines),
 * data-site-map-label (the map's accessible name) and data-site-map-help (the visible hint). No tiles: the bundled
 * boundaries are the background. Keyboard users type the numbers; the map only adds a way to pick them.
 */
(function () {
  "use strict";

  const REGION_STYLE = { color: "#3d4a5c", weight: 1, opacity: 0.9, fillColor: "#d9ebe3", fillOpacity: 0.6 };
  const MARKER_STYLE = { radius: 7, color: "#7a1f00", weight: 2, fillColor: "#e0512b", fillOpacity: 0.9 };
  const WHOLE_AREA = [[62.2, 14.5], [67.5, 30.0]];
  const DECIMALS = 5;

  function parse(input) {
    const value = parseFloat(String(input.value).replace(",", "."));
    return Number.isFinite(value) ? value : null;
  }

  function setUp(latitude) {
    const longitude = document.getElementById(latitude.id.replace(/latitude$/, "longitude"));
    if (!longitude || typeof L === "undefined") {
      return;
    }
    const row = longitude.closest(".form-row") || longitude.parentElement;
    const figure = document.createElement("div");
    figure.className = "admin-site-map-row form-row";
    const help = document.createElement("p");
    help.className = "help admin-site-map-help";
    help.id = latitude.id + "_map_help";
    help.textContent = latitude.dataset.siteMapHelp || "";
    const element = document.createElement("div");
    element.className = "admin-site-map";
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", latitude.dataset.siteMapLabel || "");
    element.setAttribute("aria-describedby", help.id);
    figure.append(element, help);
    row.after(figure);

    const map = L.map(element, { attributionControl: false, scrollWheelZoom: false, keyboard: false });
    map.fitBounds(WHOLE_AREA);
    let marker = null;

    function place(lat, lng) {
      if (marker) {
        marker.setLatLng([lat, lng]);
      } else {
        marker = L.circleMarker([lat, lng], MARKER_STYLE).addTo(map);
      }
    }

    function fromInputs() {
      const lat = parse(latitude);
      const lng = parse(longitude);
      if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        return;
      }
      place(lat, lng);
      if (!map.getBounds().contains([lat, lng])) {
        map.panTo([lat, lng]);
      }
    }

    map.on("click", function (event) {
      const lat = event.latlng.lat.toFixed(DECIMALS);
      const lng = L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(DECIMALS);
      latitude.value = lat;
      longitude.value = lng;
      latitude.dispatchEvent(new Event("change", { bubbles: true }));
      longitude.dispatchEvent(new Event("change", { bubbles: true }));
      place(Number(lat), Number(lng));
    });
    latitude.addEventListener("input", fromInputs);
    longitude.addEventListener("input", fromInputs);
    fromInputs();
    if (marker) {
      map.setView(marker.getLatLng(), 8, { animate: false });
    }

    fetch(latitude.dataset.siteMap, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (boundaries) {
        if (boundaries && boundaries.features && boundaries.features.length) {
          L.geoJSON(boundaries, { interactive: false, style: REGION_STYLE }).addTo(map);
          if (marker) {
            marker.bringToFront();
          }
        }
        element.dataset.boundaries = boundaries && boundaries.features ? String(boundaries.features.length) : "0";
      })
      .catch(function () {
        element.dataset.boundaries = "0";
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-site-map]").forEach(setUp);
  });
})();

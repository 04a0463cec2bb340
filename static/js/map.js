/*
 * Battery Region Education Map: the Leaflet maps of the portal.
 *
 * Two modes, chosen by the markup. Both read their data from the page (json_script elements or the list of places),
 * never from inline scripts.
 *
 * 1. The actor and education map (/<lang>/map/, templates/programmes/map.html):
 *      <div id="map" data-map-list="map-results" data-map-config="map-config" role="region" aria-label="…">
 *    Clustered markers (leaflet.markercluster), the region boundaries, a popup per place. The first view fits the
 *    regions and the places, so the markers wait for the boundaries (OUTLINES_WAIT_MS at most); when the list has a
 *    [data-map-focus] element (?programme= or ?actor=, one record's places), it fits those places instead. The places are the rows
 *    of the list beside the map (templates/programmes/includes/map_results.html), so the page holds them once:
 *      <tr data-kind="provider" data-lat="65.0121" data-lng="25.4651"> with, inside it, the elements
 *      [data-place=name] (a link; its href, text and lang), [data-place=kind], [data-place=town] and, for a
 *      programme, [data-place=provider]: the fields of an item below. The programmes given at one site are one row
 *      with their name links in list items (each with its provider, or the provider once after the list when they
 *      share one): one marker whose popup lists them all. When htmx
 *      swaps #map-results, the markers are redrawn from the new rows, so the map and the list always come from the
 *      same server response.
 *    data-map-items="ID" (a json_script of items) instead of data-map-list works too.
 *
 * 2. A small map of a few places, for the pathway results (the programme and actor pages show a server-drawn SVG
 *    picture instead, programmes/region_picture.py, and load no map library):
 *      <div class="site-map" data-map-items="ID" aria-label="…" [data-map-config="CONFIG_ID"]></div>
 *      {{ items|json_script:"ID" }}
 *    One marker per item, not clustered, zoomed to fit them. Give the element an aria-label (for example
 *    "Map of the places where this programme is given"), or put it in a <figure> whose <figcaption> names it
 *    (map.js then sets aria-labelledby). Without a role it gets role="region" and is an interactive
 *    map (focusable, zoom buttons, markers reachable with Tab). With role="img" it is a picture: no zoom buttons and
 *    no keyboard stops inside, for a page that lists the same places in a table next to it. Its size comes from
 *    static/css/map.css (.site-map). Without data-map-config there are no tiles and no region outlines, only the
 *    markers on a plain background: pass programmes.map.map_config() for those.
 *
 * Items (a JSON array for the small maps: gaps/pathways/views.py for the pathway page; placesInList() reads the same
 * fields from the list):
 *      {"name": "OSAO", "url": "/fi/actors/osao/", "kind": "provider", "kind_label": "Education provider",
 *       "town": "Oulu", "lat": 65.0121, "lng": 25.4651}
 *    kind is an Actor.Kind value or "programme" (it picks the colour and the shape); an empty url shows the name
 *    without a link (the place's own page), and so does a url that is neither a path nor http(s); optional:
 *    "name_lang", "town_lang" (the language of the text, which differs from the page's when it is a fallback),
 *    "provider" and "provider_lang"; "links": [{"name", "name_lang", "url"[, "provider", "provider_lang"]}, …] for
 *    several programmes at one place (the popup lists them all, name and url are then the first's, and "provider"
 *    is that of all of them when they share one).
 *
 * Config (optional for small maps; programmes.map.map_config() builds it, boundaries=False skips the outlines):
 *      {"tiles": {"url": "https://…/{z}/{x}/{y}.png", "attribution": "<a …>…</a>"} or null (no tiles),
 *       "boundariesUrl": the address of the region boundaries, or null: a GeoJSON FeatureCollection with properties
 *                        name, lang and label ([longitude, latitude] inside the region, where its name is written)
 *                        (programmes.map_views.region_outlines; on the map page the address carries the
 *                        outlines' digest, so the browser keeps the answer),
 *       "boundaryAttribution": "© EuroGeographics for the administrative boundaries.",
 *       "text": {"zoomIn", "zoomOut", "closePopup", "cluster" (with %(count)s), "map"}}   (translated)
 *
 * The boundaries come from a fetch: when it fails, the map has its markers without the regions. Once the boundaries
 * are drawn (or have failed), the map element gets data-map-outlines="<number of regions>", for tests and styles.
 *
 * Scripts and styles a page needs: vendor/leaflet/leaflet.css, css/map.css, then (defer) vendor/leaflet/leaflet.js
 * and js/map.js. The clustered map also needs vendor/leaflet-markercluster/MarkerCluster.css and
 * leaflet.markercluster.js (without them markers are simply not clustered), and htmx for the in-place updates.
 */
(function () {
  "use strict";

  if (!window.L) {
    return; // Leaflet did not load: the list on the page still has every place.
  }

  // One colour and one shape per type, so that colour is never the only cue (the legend names them).
  // Every colour has at least 4.5:1 contrast on white and 3:1 on the region fill.
  const KINDS = {
    programme: { colour: "#c2410c", shape: '<circle cx="12" cy="12" r="9.5"/>' },
    // A site whose programmes are all planned or proposed: the programme's colour as a ring, hollow in the middle.
    planned_programme: {
      colour: "#c2410c",
      shape: '<circle cx="12" cy="12" r="9.5"/><circle cx="12" cy="12" r="5.5" fill="#fff" stroke="none"/>',
    },
    provider: { colour: "#1d4ed8", shape: '<rect x="3" y="3" width="18" height="18" rx="2"/>' },
    employer: { colour: "#6d28d9", shape: '<path d="M12 1.5 22.5 12 12 22.5 1.5 12Z"/>' },
    authority: { colour: "#374151", shape: '<path d="M12 2 22.5 20.5H1.5Z"/>' },
    developer: { colour: "#15803d", shape: '<path d="M12 1.5 21.1 6.8V17.2L12 22.5 2.9 17.2V6.8Z"/>' },
    cluster: { colour: "#0e7490", shape: '<path d="M12 2.5 22 9.8 18.2 21.5H5.8L2 9.8Z"/>' },
    research: {
      colour: "#be185d",
      shape: '<path d="M12 1.8 14.8 8.9 22.5 9.4 16.6 14.3 18.5 21.7 12 17.6 5.5 21.7 7.4 14.3 1.5 9.4 9.2 8.9Z"/>',
    },
  };
  const FALLBACK_KIND = { colour: "#1b2430", shape: '<circle cx="12" cy="12" r="9"/>' };
  const REGION_STYLE = { color: "#3d4a5c", weight: 1.5, opacity: 0.9, fillColor: "#d9ebe3", fillOpacity: 0.75 };
  const LABEL_MIN_ZOOM = 4.5; // the whole area on a wide screen; on a phone, the names come with the first zoom
  const LABEL_FULL_ZOOM = 5.5; // below this, smaller names, so that neighbouring regions' names do not overlap
  const FOCUS_MAX_ZOOM = 6.5; // the first view of one programme's or actor's places
  const OUTLINES_WAIT_MS = 2000; // the full map draws its markers without the boundaries after this
  const WHOLE_AREA = L.latLngBounds([62.2, 14.5], [67.5, 30.0]); // when there is nothing to fit to
  let captionCount = 0;
  const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function readJSON(id) {
    const element = id && document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  const outlineRequests = {};

  /** A promise of the GeoJSON boundaries at the address (one request per page and address), null if none come. */
  function fetchOutlines(url) {
    if (!url) {
      return Promise.resolve(null);
    }
    if (!outlineRequests[url]) {
      outlineRequests[url] = fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .catch(function () {
          return null; // the markers do without the regions
        });
    }
    return outlineRequests[url];
  }

  function escapeHTML(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function symbolSVG(kind) {
    const style = KINDS[kind] || FALLBACK_KIND;
    return (
      '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
      '<g fill="' + style.colour + '" stroke="#fff" stroke-width="2" stroke-linejoin="round">' +
      style.shape +
      "</g></svg>"
    );
  }

  /** Fill the legend's and the list's empty symbol placeholders: <span class="map-symbol" data-kind="…">. */
  function fillSymbols(root) {
    root.querySelectorAll(".map-symbol[data-kind]").forEach(function (span) {
      if (!span.firstChild) {
        span.innerHTML = symbolSVG(span.dataset.kind);
        span.setAttribute("aria-hidden", "true");
      }
    });
  }

  function textElement(tag, className, text, lang) {
    const element = document.createElement(tag);
    element.className = className;
    element.textContent = text;
    if (lang) {
      element.lang = lang;
    }
    return element;
  }

  /** The url for a link if it leads to an http(s) address (a path on this site does); "" for anything else. */
  function linkAddress(url) {
    if (typeof url !== "string" || !url) {
      return "";
    }
    try {
      // The browser reads the link's href against the same base, so it goes where this says.
      const address = new URL(url, document.baseURI);
      return address.protocol === "http:" || address.protocol === "https:" ? url : "";
    } catch (error) {
      return "";
    }
  }

  /** A place's name, linked to its page (never to javascript: or data:, whatever the items say). */
  function nameLink(item) {
    const href = linkAddress(item.url);
    if (!href) {
      return textElement("span", "", item.name, item.name_lang); // already on its own page
    }
    const link = textElement("a", "", item.name, item.name_lang);
    link.href = href;
    return link;
  }

  /** The popup: the name linked to its page (for the programmes at one site, each one, with its provider when they
   * do not share one), the type, the provider, the town. Built from text, never from HTML. */
  function popupContent(item) {
    const box = document.createElement("div");
    box.className = "map-popup";
    const links = item.links || [item];
    if (links.length > 1) {
      const list = document.createElement("ul");
      list.className = "map-popup-names";
      links.forEach(function (entry) {
        const line = document.createElement("li");
        line.appendChild(nameLink(entry));
        if (entry.provider) {
          line.appendChild(textElement("span", "map-popup-provider", entry.provider, entry.provider_lang));
        }
        list.appendChild(line);
      });
      box.appendChild(list);
    } else {
      const title = document.createElement("p");
      title.className = "map-popup-name";
      title.appendChild(nameLink(links[0]));
      box.appendChild(title);
    }
    box.appendChild(textElement("p", "map-popup-kind", item.kind_label));
    if (item.provider) {
      box.appendChild(textElement("p", "map-popup-provider", item.provider, item.provider_lang));
    }
    box.appendChild(textElement("p", "map-popup-town", item.town, item.town_lang));
    return box;
  }

  /** What a marker's title calls the place: its name, or the names of the programmes at the site. */
  function placeName(item) {
    return (item.links || [item])
      .map(function (entry) {
        return entry.name;
      })
      .join("; ");
  }

  function markerFor(item, keyboard) {
    const icon = L.divIcon({
      className: "map-marker map-marker-" + item.kind,
      html: symbolSVG(item.kind),
      iconSize: [26, 26],
      iconAnchor: [13, 13],
      popupAnchor: [0, -11],
    });
    // Leaflet makes the marker a focusable button; its title is the accessible name.
    const marker = L.marker([item.lat, item.lng], {
      icon: icon,
      title: [placeName(item), item.kind_label, item.town].filter(Boolean).join(", "),
      keyboard: keyboard !== false,
      riseOnHover: true,
    });
    marker.bindPopup(
      function () {
        return popupContent(item);
      },
      // Keep the popup clear of the zoom buttons (top left) and the attribution (bottom right).
      { autoPanPaddingTopLeft: L.point(56, 12), autoPanPaddingBottomRight: L.point(12, 32) }
    );
    return marker;
  }

  function clusterIcon(text) {
    const template = text.cluster || "%(count)s";
    return function (cluster) {
      const count = cluster.getChildCount();
      const size = count < 10 ? "small" : count < 50 ? "medium" : "large";
      const pixels = { small: 34, medium: 40, large: 46 }[size];
      return L.divIcon({
        className: "map-cluster map-cluster-" + size,
        html:
          '<span class="map-cluster-count" aria-hidden="true" data-count="' + count + '">' + count + "</span>" +
          '<span class="visually-hidden">' + escapeHTML(template.replace("%(count)s", count)) + "</span>",
        iconSize: [pixels, pixels],
      });
    };
  }

  /** A Leaflet map on the element, with translated controls and optional tiles (the boundaries come later). */
  function createMap(element, config, options) {
    const text = config.text || {};
    const picture = Boolean(options && options.picture);
    const tiles = config.tiles && config.tiles.url ? config.tiles : null;
    element.querySelectorAll(".map-nojs").forEach(function (note) {
      note.remove();
    });
    if (!element.getAttribute("role")) {
      element.setAttribute("role", "region");
    }
    if (!element.getAttribute("aria-label") && !element.getAttribute("aria-labelledby")) {
      // Named by its figure's caption when it has one, else just "Map".
      const figure = element.closest("figure");
      const caption = figure && figure.querySelector("figcaption");
      if (caption) {
        caption.id = caption.id || "map-caption-" + (captionCount += 1);
        element.setAttribute("aria-labelledby", caption.id);
      } else {
        element.setAttribute("aria-label", text.map || "Map");
      }
    }
    const map = L.map(element, {
      zoomControl: false,
      keyboard: !picture,
      scrollWheelZoom: false, // until the map has focus, so that scrolling the page does not zoom it
      minZoom: 3,
      maxZoom: tiles ? 17 : 12,
      zoomSnap: 0.25, // fit the area snugly; the zoom buttons and keys still step by one
      zoomDelta: 1,
      zoomAnimation: !reducedMotion,
      fadeAnimation: !reducedMotion,
      markerZoomAnimation: !reducedMotion,
    });
    if (!picture) {
      L.control.zoom({ zoomInTitle: text.zoomIn || "Zoom in", zoomOutTitle: text.zoomOut || "Zoom out" }).addTo(map);
    }
    map.on("focus", function () {
      map.scrollWheelZoom.enable();
    });
    map.on("blur", function () {
      map.scrollWheelZoom.disable();
    });
    if (tiles) {
      L.tileLayer(tiles.url, {
        attribution: tiles.attribution,
        maxZoom: 17,
        // Tile servers such as OpenStreetMap's want to know the site; the portal's own policy is same-origin.
        referrerPolicy: "strict-origin-when-cross-origin",
      }).addTo(map);
    }
    // Keyboard users land in the popup (Esc closes it and returns them to the marker); the close button speaks
    // the page's language.
    let openPopup = null;
    map.on("popupopen", function (event) {
      openPopup = event.popup;
      const container = event.popup.getElement();
      const close = container && container.querySelector(".leaflet-popup-close-button");
      if (close && text.closePopup) {
        close.setAttribute("aria-label", text.closePopup);
        close.title = text.closePopup;
      }
      const link = container && container.querySelector(".map-popup a");
      if (link) {
        link.focus({ preventScroll: true });
      }
    });
    // Leaflet closes a popup with Esc only while the map itself has the focus; do it from a marker or the popup too.
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && event.target !== element && openPopup) {
        map.closePopup();
        event.stopPropagation();
      }
    });
    map.on("popupclose", function (event) {
      openPopup = null;
      const container = event.popup.getElement();
      const source = event.popup._source; // the marker the popup belongs to
      const active = document.activeElement;
      const focusWasInPopup = !active || active === document.body || (container && container.contains(active));
      if (focusWasInPopup && source && source.getElement) {
        const markerElement = source.getElement();
        if (markerElement) {
          markerElement.focus({ preventScroll: true });
        }
      }
    });
    return { map: map, text: text };
  }

  /** Draw the region boundaries (a GeoJSON FeatureCollection or null) with their names; the layer, or null. */
  function drawOutlines(element, map, boundaries, attribution) {
    const features = boundaries && Array.isArray(boundaries.features) ? boundaries.features : [];
    element.dataset.mapOutlines = String(features.length);
    if (!features.length) {
      return null;
    }
    map.createPane("regionLabels");
    const pane = map.getPane("regionLabels");
    pane.style.zIndex = 450; // above the outlines, below the markers and popups
    pane.style.pointerEvents = "none";
    const outlines = L.geoJSON(boundaries, {
      interactive: false,
      style: REGION_STYLE,
      attribution: escapeHTML(attribution || ""),
      onEachFeature: function (feature, layer) {
        const properties = feature.properties || {};
        if (!properties.name) {
          return;
        }
        const tooltip = {
          permanent: true,
          direction: "center",
          className: "map-region-label",
          pane: "regionLabels",
          opacity: 1,
        };
        const content = textElement("span", "", properties.name, properties.lang);
        const label = properties.label;
        if (Array.isArray(label) && label.length === 2) {
          // The point the server chose inside the region ([longitude, latitude]); the centre of a bent region's
          // bounding box can be outside it.
          L.tooltip(tooltip).setLatLng([label[1], label[0]]).setContent(content).addTo(map);
        } else {
          layer.bindTooltip(content, tooltip);
        }
      },
    }).addTo(map);
    // Region names only when there is room for them.
    const toggleLabels = function () {
      pane.classList.toggle("map-labels-hidden", map.getZoom() < LABEL_MIN_ZOOM);
      pane.classList.toggle("map-labels-small", map.getZoom() < LABEL_FULL_ZOOM);
    };
    map.on("zoomend", toggleLabels);
    map.whenReady(toggleLabels);
    return outlines;
  }

  function fitTo(map, bounds, padding) {
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [padding || 20, padding || 20], maxZoom: 10, animate: false });
    } else {
      map.fitBounds(WHOLE_AREA, { animate: false });
    }
  }

  /** The clustered map of /map/, redrawn whenever htmx brings new results. */
  function initFullMap(element) {
    const config = readJSON(element.dataset.mapConfig) || {};
    const made = createMap(element, config);
    const map = made.map;
    // Other layers (js/map_links.js) draw on the same map: it is the element's portalMap, and "map:ready" says so.
    element.portalMap = map;
    element.dispatchEvent(new CustomEvent("map:ready", { detail: { map: map } }));
    const layer = L.markerClusterGroup
      ? L.markerClusterGroup({
          showCoverageOnHover: false,
          spiderfyOnMaxZoom: true,
          zoomToBoundsOnClick: true,
          maxClusterRadius: 48,
          animate: !reducedMotion,
          iconCreateFunction: clusterIcon(made.text),
        })
      : L.featureGroup();
    layer.addTo(map);
    if (L.MarkerClusterGroup && layer instanceof L.MarkerClusterGroup) {
      // leaflet.markercluster makes a group a focusable button but only reacts to clicks: Enter zooms in too
      // (or spreads out places on one spot), and focus goes back to the map, from where Tab reaches the places.
      layer.on("clusterkeypress", function (event) {
        const key = event.originalEvent || {};
        if (key.key === "Enter" || key.keyCode === 13) {
          layer._zoomOrSpiderfy(event);
        }
      });
    }

    let outlines = null;
    let fitted = false;

    function render() {
      const items = element.dataset.mapList
        ? placesInList(document.getElementById(element.dataset.mapList))
        : readJSON(element.dataset.mapItems) || [];
      layer.clearLayers();
      const markers = items.map(function (item) {
        return markerFor(item, true);
      });
      if (layer.addLayers) {
        layer.addLayers(markers);
      } else {
        markers.forEach(function (marker) {
          layer.addLayer(marker);
        });
      }
      const markerBounds = L.latLngBounds(
        items.map(function (item) {
          return [item.lat, item.lng];
        })
      );
      if (!fitted) {
        fitted = true;
        const list = element.dataset.mapList && document.getElementById(element.dataset.mapList);
        if (list && list.querySelector("[data-map-focus]") && markerBounds.isValid()) {
          // One programme's or actor's places (?programme= or ?actor=): zoom to them, not to the whole area.
          map.fitBounds(markerBounds, { padding: [40, 40], maxZoom: FOCUS_MAX_ZOOM, animate: false });
          element.dataset.mapPlaces = String(items.length);
          return;
        }
        const bounds = L.latLngBounds([]);
        if (outlines) {
          bounds.extend(outlines.getBounds());
        }
        if (markerBounds.isValid()) {
          bounds.extend(markerBounds);
        }
        fitTo(map, bounds);
      } else if (markerBounds.isValid() && !map.getBounds().contains(markerBounds)) {
        // Keep the reader's view unless some of the new places are outside it.
        fitTo(map, markerBounds.extend(map.getBounds()));
      }
      element.dataset.mapPlaces = String(items.length); // for tests and styles: the map is drawn
    }

    // The first view fits the regions and the places: wait for the boundaries, but not for long.
    function firstView() {
      if (!fitted) {
        render();
      }
    }
    window.setTimeout(firstView, OUTLINES_WAIT_MS);
    fetchOutlines(config.boundariesUrl).then(function (boundaries) {
      outlines = drawOutlines(element, map, boundaries, config.boundaryAttribution);
      firstView();
    });

    const results = document.getElementById("map-results");
    const status = document.getElementById("map-status");
    const form = document.querySelector("form.map-filters");
    if (form) {
      // Leave empty filters out of the address, so that it reads ?country=SE rather than ?segment=&kind=&…
      form.addEventListener("htmx:configRequest", function (event) {
        Array.from(event.detail.formData.entries()).forEach(function (entry) {
          if (entry[1] === "") {
            delete event.detail.parameters[entry[0]];
          }
        });
      });
      form.addEventListener("htmx:beforeRequest", function () {
        if (results) {
          results.setAttribute("aria-busy", "true");
        }
      });
      form.addEventListener("htmx:afterRequest", function () {
        if (results) {
          results.removeAttribute("aria-busy");
        }
      });
    }
    // The language links in the header keep the filters that htmx has put in the address.
    document.body.addEventListener("htmx:pushedIntoHistory", function () {
      document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
        const url = new URL(link.href, window.location.href);
        url.search = window.location.search;
        link.href = url.pathname + url.search;
      });
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (!results || event.detail.target !== results) {
        return;
      }
      map.closePopup();
      render();
      fillSymbols(results);
      const count = results.querySelector(".map-count");
      if (status && count) {
        status.textContent = count.textContent.trim(); // role="status": read out after each change
      }
    });
  }

  /** The places of the full map, read from the rows of the list beside it (see the top of this file). */
  function placesInList(list) {
    if (!list) {
      return [];
    }
    return Array.from(list.querySelectorAll("tr[data-lat][data-lng]")).map(function (row) {
      function part(name, within) {
        return (within || row).querySelector('[data-place="' + name + '"]');
      }
      const town = part("town");
      const kind = part("kind");
      // Each name link with the provider beside it (in its list item when a site has several programmes).
      // Each name link, with its own provider when it is in a list item (several programmes at one site); a
      // provider directly in the row's heading is that of every name in it.
      const links = Array.from(row.querySelectorAll('[data-place="name"]')).map(function (name) {
        const link = { name: name.textContent, name_lang: name.lang, url: name.getAttribute("href") || "" };
        const provider = name.parentElement.tagName === "LI" ? part("provider", name.parentElement) : null;
        if (provider) {
          link.provider = provider.textContent;
          link.provider_lang = provider.lang;
        }
        return link;
      });
      const shared = row.querySelector('th > [data-place="provider"]');
      const first = links[0] || { name: "", name_lang: "", url: "" };
      const item = {
        name: first.name,
        name_lang: first.name_lang,
        url: first.url,
        kind: row.dataset.kind,
        kind_label: kind ? kind.textContent : "",
        town: town ? town.textContent : "",
        town_lang: town ? town.lang : "",
        lat: Number(row.dataset.lat),
        lng: Number(row.dataset.lng),
      };
      if (shared) {
        item.provider = shared.textContent;
        item.provider_lang = shared.lang;
      }
      if (links.length > 1) {
        item.links = links;
      }
      return item;
    });
  }

  /** A small, non-clustered map of a few places (programme and actor pages). */
  function initSmallMap(element) {
    const items = readJSON(element.dataset.mapItems) || [];
    const config = readJSON(element.dataset.mapConfig) || {};
    // role="img": a picture beside a table of the same places, so no keyboard stops inside it.
    const picture = element.getAttribute("role") === "img";
    const map = createMap(element, config, { picture: picture }).map;
    fetchOutlines(config.boundariesUrl).then(function (boundaries) {
      drawOutlines(element, map, boundaries, config.boundaryAttribution);
    });
    const group = L.featureGroup(
      items.map(function (item) {
        return markerFor(item, !picture);
      })
    ).addTo(map);
    if (items.length === 1) {
      map.setView([items[0].lat, items[0].lng], 8);
    } else {
      fitTo(map, group.getBounds(), 40);
    }
    element.dataset.mapPlaces = String(items.length);
  }

  function init() {
    fillSymbols(document);
    document.querySelectorAll(".map-legend[hidden]").forEach(function (legend) {
      legend.hidden = false;
    });
    const full = document.getElementById("map");
    if (full && (full.dataset.mapList || full.dataset.mapItems)) {
      initFullMap(full);
    }
    document.querySelectorAll(".site-map[data-map-items]").forEach(initSmallMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

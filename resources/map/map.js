/*
 * Navigator's map: everything the page does after folium's `L.map(...)` call.
 *
 * Python (navigator/gui/map_view.py) drives it through `window.navigatorMap` (runJavaScript with JSON
 * arguments) and hears back through the QWebChannel object `bridge`.
 *
 * Rules kept here:
 *  - Text from the data pack is DATA: it only ever reaches the DOM through textContent or setAttribute,
 *    never innerHTML (the few innerHTML strings below are constants).
 *  - Schools are drawn alike whatever their sector; only the family's own criteria (`state`) change a
 *    marker, and they change its shape as well as its colour.
 *  - No visible English: labels come from setTexts(); DEFAULT_TEXTS only fill in until it is called.
 *  - Nothing is fetched: no tile layer unless setTiles() is given a local URL.
 */
(function () {
  'use strict';

  var map = window[document.currentScript.dataset.mapVar];
  var bridge = null;

  var DEFAULT_TEXTS = {
    map_label: 'Map of schools',
    legend_title: 'Map key',
    school: 'School',
    match: 'Matches your choices',
    partial: 'Matches some choices',
    zoned: 'Your zoned school',
    home: 'Home',
    transit_line: 'Transit line',
    stop: 'Stop',
    zone: 'Attendance zone',
    zoom_in: 'Zoom in',
    zoom_out: 'Zoom out',
    close: 'Close',
    cluster: '{n} schools'
  };
  var STATES = ['match', 'partial', 'zoned'];
  var texts = Object.assign({}, DEFAULT_TEXTS);
  var rtl = false;

  /* ---------- small helpers ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Pack text: laid out by its own first strong character (an English name in an Arabic screen).
  function dataEl(tag, className, text) {
    var node = el(tag, className, text);
    node.dir = 'auto';
    return node;
  }

  function str(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  function safeColor(value, fallback) {
    var c = str(value).trim();
    if (/^[0-9a-fA-F]{6}$/.test(c) || /^[0-9a-fA-F]{3}$/.test(c)) c = '#' + c;
    return /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c) ? c : fallback;
  }

  function isNum(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function send(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (bridge && typeof bridge[method] === 'function') bridge[method].apply(bridge, args);
  }

  function escapeHtml(text) {
    var d = document.createElement('div');
    d.textContent = str(text);
    return d.innerHTML;
  }

  /* ---------- panes: the home ring under zones under lines under stops under markers ---------- */

  [['nv-ring', 330], ['nv-zones', 350], ['nv-transit', 410], ['nv-stops', 420]].forEach(function (p) {
    map.createPane(p[0]).style.zIndex = String(p[1]);
  });
  map.setMinZoom(3);
  map.setMaxZoom(19);
  map.getContainer().setAttribute('role', 'region');

  var zoneLayer = L.featureGroup().addTo(map);
  var transitLayer = L.featureGroup().addTo(map);
  var stopLayer = L.featureGroup().addTo(map);
  var homeLayer = L.featureGroup().addTo(map);
  var tileLayer = null;

  var schoolLayer = L.markerClusterGroup({
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 44,
    disableClusteringAtZoom: 16,
    iconCreateFunction: function (cluster) {
      var n = cluster.getChildCount();
      var inner = el('span', 'nv-cluster-count', n);
      return L.divIcon({ html: inner, className: 'nv-cluster', iconSize: L.point(44, 44) });
    }
  }).addTo(map);

  var schoolMarkers = new Map(); // id -> marker
  var highlightedId = null;

  /* ---------- content built from data, as text ---------- */

  function schoolCard(props) {
    var card = el('div', 'nv-card');
    card.appendChild(dataEl('div', 'nv-card-name', props.name));
    if (str(props.label)) card.appendChild(dataEl('div', 'nv-card-label', props.label));
    return card;
  }

  function schoolAccessibleName(props) {
    var parts = [str(props.name), str(props.label)].filter(Boolean);
    var state = STATES.indexOf(props.state) >= 0 ? texts[props.state] : '';
    if (state) parts.push(state);
    return parts.join(', ');
  }

  function lineNames(stop) {
    var lines = Array.isArray(stop.lines) ? stop.lines : [];
    return lines.map(function (line) {
      if (line && typeof line === 'object') {
        return { name: str(line.name || line.line || line.short_name || line.id), color: line.color };
      }
      return { name: str(line), color: null };
    }).filter(function (l) { return l.name; });
  }

  function stopCard(stop) {
    var card = el('div', 'nv-card');
    card.appendChild(dataEl('div', 'nv-card-name', stop.name));
    var lines = lineNames(stop);
    if (lines.length) {
      var list = el('div', 'nv-card-lines');
      lines.forEach(function (line) {
        var chip = el('span', 'nv-chip');
        var sw = el('span', 'nv-chip-swatch');
        sw.style.backgroundColor = safeColor(line.color, '#5f6b7a');
        chip.appendChild(sw);
        chip.appendChild(dataEl('span', 'nv-chip-name', line.name));
        list.appendChild(chip);
      });
      card.appendChild(list);
    }
    return card;
  }

  function lineCard(props) {
    var card = el('div', 'nv-card');
    var short = str(props.line);
    var name = str(props.name);
    card.appendChild(dataEl('div', 'nv-card-name', short && name && short !== name ? short + ' · ' + name : (name || short)));
    return card;
  }

  /* ---------- schools ---------- */

  function schoolIcon(state, highlighted) {
    var cls = 'nv-school nv-state-' + (STATES.indexOf(state) >= 0 ? state : 'none');
    if (highlighted) cls += ' nv-highlight';
    return L.divIcon({
      className: cls,
      html: '<span class="nv-pin" aria-hidden="true"></span>',
      iconSize: L.point(40, 40),
      iconAnchor: L.point(20, 20),
      popupAnchor: L.point(0, -16),
      tooltipAnchor: L.point(16, 0)
    });
  }

  function labelSchool(marker) {
    var node = marker.getElement();
    if (!node) return;
    node.setAttribute('aria-label', schoolAccessibleName(marker.nvProps));
    node.setAttribute('data-school-id', marker.nvProps.id);
  }

  function makeSchoolMarker(feature) {
    var props = feature.properties || {};
    var coords = feature.geometry && feature.geometry.coordinates;
    if (!Array.isArray(coords) || !isNum(coords[0]) || !isNum(coords[1])) return null;
    var id = str(props.id);
    if (!id) return null;
    var clean = { id: id, name: str(props.name), label: str(props.label), state: str(props.state) };
    var marker = L.marker([coords[1], coords[0]], {
      icon: schoolIcon(clean.state, id === highlightedId),
      keyboard: true,
      riseOnHover: true
    });
    marker.nvProps = clean;
    marker.bindPopup(function () { return schoolCard(clean); }, { maxWidth: 320, minWidth: 160 });
    marker.bindTooltip(function () { return schoolCard(clean); }, { direction: 'auto', opacity: 1 });
    marker.on('add', function () { labelSchool(marker); });
    marker.on('click', function () { send('schoolClicked', id); });
    marker.on('keypress', function (e) {
      var key = e.originalEvent && e.originalEvent.key;
      if (key === 'Enter' || key === ' ') send('schoolClicked', id);
    });
    marker.on('mouseover', function () { send('schoolHovered', id); });
    marker.on('mouseout', function () { send('schoolHovered', ''); });
    return marker;
  }

  function setSchools(features, fit) {
    schoolLayer.clearLayers();
    schoolMarkers.clear();
    var markers = [];
    (Array.isArray(features) ? features : []).forEach(function (f) {
      var m = makeSchoolMarker(f || {});
      if (m && !schoolMarkers.has(m.nvProps.id)) {
        schoolMarkers.set(m.nvProps.id, m);
        markers.push(m);
      }
    });
    schoolLayer.addLayers(markers);
    updateLegend();
    if (fit && markers.length) fitLayers([schoolLayer, homeLayer]);
    if (highlightedId && !schoolMarkers.has(highlightedId)) highlightedId = null;
    applyHighlight(false);
  }

  function applyHighlight(pan) {
    document.querySelectorAll('.nv-cluster.nv-highlight').forEach(function (n) {
      n.classList.remove('nv-highlight');
    });
    schoolMarkers.forEach(function (marker, id) {
      var on = id === highlightedId;
      if (!!marker.nvHighlighted !== on) {
        marker.nvHighlighted = on;
        marker.setIcon(schoolIcon(marker.nvProps.state, on));
        marker.setZIndexOffset(on ? 1000 : 0);
        labelSchool(marker);
      }
    });
    var marker = highlightedId ? schoolMarkers.get(highlightedId) : null;
    if (!marker) return;
    var shown = schoolLayer.getVisibleParent(marker);
    if (shown && shown !== marker && shown.getElement()) shown.getElement().classList.add('nv-highlight');
    if (pan) {
      var inner = map.getBounds().pad(-0.1);
      if (!inner.contains(marker.getLatLng())) map.panTo(marker.getLatLng());
    }
  }

  function highlight(id) {
    highlightedId = id ? str(id) : null;
    applyHighlight(true);
  }

  schoolLayer.on('animationend', function () { applyHighlight(false); });
  map.on('zoomend', function () { applyHighlight(false); });

  schoolLayer.on('clusterkeypress', function (e) {
    var key = e.originalEvent && e.originalEvent.key;
    if (key !== 'Enter' && key !== ' ') return;
    if (map.getZoom() >= map.getMaxZoom()) e.layer.spiderfy();
    else e.layer.zoomToBounds({ padding: [48, 48] });
  });

  // Keyboard focus on a school counts as hovering it (the list beside the map can follow along).
  map.getContainer().addEventListener('focusin', function (e) {
    var node = e.target.closest && e.target.closest('[data-school-id]');
    if (node) send('schoolHovered', node.getAttribute('data-school-id'));
  });
  map.getContainer().addEventListener('focusout', function (e) {
    var node = e.target.closest && e.target.closest('[data-school-id]');
    if (node) send('schoolHovered', '');
  });

  function labelCluster(cluster) {
    var node = cluster.getElement && cluster.getElement();
    if (node) node.setAttribute('aria-label', texts.cluster.replace('{n}', String(cluster.getChildCount())));
  }
  // Clusters are (re)drawn all the time: name each one as it appears.
  map.on('layeradd', function (e) {
    if (e.layer instanceof L.MarkerCluster) labelCluster(e.layer);
  });

  function openSchool(id) {
    var marker = schoolMarkers.get(str(id));
    if (!marker) return false;
    schoolLayer.zoomToShowLayer(marker, function () { marker.openPopup(); });
    return true;
  }

  /* ---------- home ---------- */

  var homeMarker = null;

  function setHome(lat, lon, radius, fit) {
    homeLayer.clearLayers();
    homeMarker = null;
    if (!isNum(lat) || !isNum(lon)) { updateLegend(); return; }
    if (isNum(radius) && radius > 0) {
      L.circle([lat, lon], {
        radius: radius, pane: 'nv-ring', interactive: false,
        color: '#b4530f', weight: 3, dashArray: '8 6', fillColor: '#ffffff', fillOpacity: 0.45
      }).addTo(homeLayer);
    }
    homeMarker = L.marker([lat, lon], {
      icon: L.divIcon({
        className: 'nv-home', html: '<span class="nv-home-shape" aria-hidden="true"></span>',
        iconSize: L.point(44, 44), iconAnchor: L.point(22, 24), tooltipAnchor: L.point(18, 0)
      }),
      keyboard: true, zIndexOffset: 500, bubblingMouseEvents: false
    });
    homeMarker.bindTooltip(function () { return el('div', 'nv-card-name', texts.home); }, { direction: 'auto' });
    homeMarker.on('add', function () {
      var node = homeMarker.getElement();
      if (node) node.setAttribute('aria-label', texts.home);
    });
    homeMarker.addTo(homeLayer);
    updateLegend();
    if (fit) fitLayers([homeLayer]);
  }

  function clearHome() { setHome(null, null, null, false); }

  /* ---------- transit ---------- */

  function setTransit(lines, stops) {
    transitLayer.clearLayers();
    stopLayer.clearLayers();
    var features = lines && Array.isArray(lines.features) ? lines.features.filter(function (f) {
      var t = f && f.geometry && f.geometry.type;
      return t === 'LineString' || t === 'MultiLineString';
    }) : [];
    var collection = { type: 'FeatureCollection', features: features };
    // A white casing under each line keeps pale colours visible on the background.
    L.geoJSON(collection, {
      pane: 'nv-transit', interactive: false,
      style: function () { return { color: '#ffffff', weight: 9, opacity: 0.9, lineCap: 'round', lineJoin: 'round' }; }
    }).addTo(transitLayer);
    L.geoJSON(collection, {
      pane: 'nv-transit', bubblingMouseEvents: false,
      style: function (f) {
        return { color: safeColor(f.properties && f.properties.color, '#5f6b7a'), weight: 5, opacity: 0.95,
          lineCap: 'round', lineJoin: 'round' };
      },
      onEachFeature: function (f, layer) {
        var props = f.properties || {};
        layer.bindTooltip(function () { return lineCard(props); }, { sticky: true });
      }
    }).addTo(transitLayer);
    (Array.isArray(stops) ? stops : []).forEach(function (s) {
      if (!s) return;
      var lat = isNum(s.lat) ? s.lat : s.latitude;
      var lon = isNum(s.lon) ? s.lon : s.longitude;
      if (!isNum(lat) || !isNum(lon)) return;
      var stop = { name: str(s.name), lines: s.lines };
      L.circleMarker([lat, lon], {
        pane: 'nv-stops', radius: 6, weight: 3, color: '#1f2a37', fillColor: '#ffffff', fillOpacity: 1,
        bubblingMouseEvents: false
      }).bindTooltip(function () { return stopCard(stop); }, { direction: 'auto' }).addTo(stopLayer);
    });
    updateLegend();
  }

  /* ---------- zones ---------- */

  function setBoundaries(features) {
    zoneLayer.clearLayers();
    var list = (Array.isArray(features) ? features : []).filter(function (f) {
      var t = f && f.geometry && f.geometry.type;
      return t === 'Polygon' || t === 'MultiPolygon';
    });
    L.geoJSON({ type: 'FeatureCollection', features: list }, {
      pane: 'nv-zones',
      style: function () {
        return { color: '#5a4b94', weight: 3, dashArray: '10 6', fillColor: '#7b6bb8', fillOpacity: 0.08 };
      },
      onEachFeature: function (f, layer) {
        var name = str(f.properties && f.properties.name);
        if (name) layer.bindTooltip(function () { return dataEl('div', 'nv-card-name', name); }, { sticky: true });
      }
    }).addTo(zoneLayer);
    updateLegend();
  }

  /* ---------- view ---------- */

  function fitLayers(layers) {
    var bounds = L.latLngBounds([]);
    layers.forEach(function (layer) {
      if (layer.getLayers().length) bounds.extend(layer.getBounds());
    });
    if (!bounds.isValid()) return;
    // Keep the schools clear of the map key (bottom right, bottom left when right-to-left) and
    // of the zoom buttons (top left, top right when right-to-left).
    var legend = document.querySelector('.nv-legend');
    var key = legend ? legend.offsetWidth + 24 : 48;
    var rtl = document.documentElement.dir === 'rtl';
    map.fitBounds(bounds, {
      paddingTopLeft: [rtl ? key : 72, 48],
      paddingBottomRight: [rtl ? 72 : key, 48],
      maxZoom: 16, animate: false
    });
  }

  function setView(lat, lon, zoom) {
    if (isNum(lat) && isNum(lon)) map.setView([lat, lon], isNum(zoom) ? zoom : map.getZoom(), { animate: false });
  }

  function fitAll() {
    fitLayers([schoolLayer, homeLayer, zoneLayer, transitLayer, stopLayer]);
  }

  /* ---------- optional base tiles (hook for a local MBTiles server; none by default) ---------- */

  function setTiles(urlTemplate, options) {
    if (tileLayer) { map.removeLayer(tileLayer); tileLayer = null; }
    if (map.attributionControl) { map.removeControl(map.attributionControl); map.attributionControl = null; }
    var url = str(urlTemplate);
    if (!url) return true;
    if (!/^(file|qrc|navigator-tiles):/i.test(url)) return false; // never a network URL
    var opts = options || {};
    tileLayer = L.tileLayer(url, { maxZoom: isNum(opts.max_zoom) ? opts.max_zoom : 19 }).addTo(map);
    tileLayer.bringToBack();
    if (str(opts.attribution)) {
      // Leaflet writes attributions as HTML: escape the data first.
      map.attributionControl = L.control.attribution({ prefix: false }).addTo(map);
      map.attributionControl.addAttribution(escapeHtml(opts.attribution));
    }
    document.body.classList.add('nv-has-tiles');
    return true;
  }

  /* ---------- legend ---------- */

  var Legend = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd: function () {
      var box = el('section', 'nv-legend leaflet-bar');
      box.setAttribute('aria-labelledby', 'nv-legend-title');
      var title = el('h2', 'nv-legend-title');
      title.id = 'nv-legend-title';
      box.appendChild(title);
      var list = el('ul', 'nv-legend-list');
      box.appendChild(list);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this._title = title;
      this._list = list;
      return box;
    },
    render: function (rows) {
      this._title.textContent = texts.legend_title;
      var list = this._list;
      while (list.firstChild) list.removeChild(list.firstChild);
      rows.forEach(function (row) {
        var item = el('li', 'nv-legend-row');
        item.setAttribute('data-key', row.key);
        var sym = el('span', 'nv-sym ' + row.symbol);
        sym.setAttribute('aria-hidden', 'true');
        if (row.color) sym.style.backgroundColor = row.color;
        if (row.inner) sym.appendChild(el('span', row.inner));
        item.appendChild(sym);
        item.appendChild(el('span', 'nv-legend-text', texts[row.key]));
        list.appendChild(item);
      });
    }
  });
  var legend = new Legend().addTo(map);

  function updateLegend() {
    var rows = [];
    var states = {};
    schoolMarkers.forEach(function (m) { states[STATES.indexOf(m.nvProps.state) >= 0 ? m.nvProps.state : 'none'] = true; });
    STATES.forEach(function (s) {
      if (states[s]) rows.push({ key: s, symbol: 'nv-school nv-state-' + s, inner: 'nv-pin' });
    });
    if (states.none) rows.push({ key: 'school', symbol: 'nv-school nv-state-none', inner: 'nv-pin' });
    if (homeMarker) rows.push({ key: 'home', symbol: 'nv-home', inner: 'nv-home-shape' });
    if (transitLayer.getLayers().some(function (g) { return g.getLayers().length; })) {
      rows.push({ key: 'transit_line', symbol: 'nv-sym-line' });
    }
    if (stopLayer.getLayers().length) rows.push({ key: 'stop', symbol: 'nv-sym-stop' });
    if (zoneLayer.getLayers().some(function (g) { return g.getLayers().length; })) {
      rows.push({ key: 'zone', symbol: 'nv-sym-zone' });
    }
    legend.render(rows);
    legend.getContainer().hidden = rows.length === 0;
  }

  /* ---------- texts and direction ---------- */

  function placeControls() {
    if (map.zoomControl) map.zoomControl.setPosition(rtl ? 'topright' : 'topleft');
    legend.setPosition(rtl ? 'bottomleft' : 'bottomright');
  }

  function setTexts(newTexts, isRtl, lang) {
    texts = Object.assign({}, DEFAULT_TEXTS);
    Object.keys(newTexts || {}).forEach(function (k) {
      if (typeof newTexts[k] === 'string' && newTexts[k]) texts[k] = newTexts[k];
    });
    rtl = !!isRtl;
    var root = document.documentElement;
    root.setAttribute('dir', rtl ? 'rtl' : 'ltr');
    if (str(lang)) root.setAttribute('lang', str(lang));
    document.title = texts.map_label;
    map.getContainer().setAttribute('aria-label', texts.map_label);
    placeControls();  // re-creates the zoom buttons: label them after
    if (map.zoomControl) {
      map.zoomControl.options.zoomInTitle = texts.zoom_in;
      map.zoomControl.options.zoomOutTitle = texts.zoom_out;
      var zc = map.zoomControl.getContainer();
      [['.leaflet-control-zoom-in', texts.zoom_in], ['.leaflet-control-zoom-out', texts.zoom_out]].forEach(function (b) {
        var btn = zc.querySelector(b[0]);
        if (btn) { btn.title = b[1]; btn.setAttribute('aria-label', b[1]); }
      });
    }
    schoolMarkers.forEach(labelSchool);
    if (homeMarker && homeMarker.getElement()) homeMarker.getElement().setAttribute('aria-label', texts.home);
    document.querySelectorAll('.leaflet-popup-close-button').forEach(function (b) {
      b.setAttribute('aria-label', texts.close);
    });
    schoolLayer.refreshClusters();
    updateLegend();
  }

  map.on('popupopen', function (e) {
    var btn = e.popup.getElement() && e.popup.getElement().querySelector('.leaflet-popup-close-button');
    if (btn) { btn.setAttribute('aria-label', texts.close); btn.title = texts.close; }
  });

  /* ---------- map clicks (tap the map to set home) ---------- */

  map.on('click', function (e) {
    send('mapClicked', e.latlng.lat, e.latlng.lng);
  });

  /* ---------- the API Python calls ---------- */

  function reset() {
    highlightedId = null;
    map.closePopup();
    setSchools([], false);
    clearHome();
    setBoundaries([]);
  }

  window.navigatorMap = {
    setSchools: setSchools,
    setHome: setHome,
    clearHome: clearHome,
    setTransit: setTransit,
    setBoundaries: setBoundaries,
    highlight: highlight,
    openSchool: openSchool,
    setTexts: setTexts,
    setView: setView,
    fitAll: fitAll,
    setTiles: setTiles,
    reset: reset,
    // read-only views, for tests and diagnostics
    schoolCount: function () { return schoolLayer.getLayers().length; },
    schoolIds: function () { return Array.from(schoolMarkers.keys()); },
    markerFor: function (id) { return schoolMarkers.get(str(id)) || null; },
    highlighted: function () { return highlightedId; },
    map: map,
    errors: []
  };

  window.addEventListener('error', function (e) {
    var msg = str(e.message) + ' (' + str(e.filename) + ':' + str(e.lineno) + ')';
    window.navigatorMap.errors.push(msg);
    send('pageError', msg);
  });

  setTexts({}, false);

  /* ---------- the channel back to Python ---------- */

  function connect() {
    if (typeof QWebChannel === 'undefined' || !window.qt || !window.qt.webChannelTransport) return;
    new QWebChannel(window.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      send('pageReady');
    });
  }
  connect();
})();

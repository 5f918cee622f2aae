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
 *  - Nothing is fetched from outside: the street map's tiles come from the pack through the app's own
 *    navigator-tiles: scheme (setBasemap), drawn by protomaps-leaflet (installed from npm).
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
    stop: 'Stop',
    stop_zoom: 'Stops: zoom in to see them',
    zone: 'Attendance zone',
    zoom_in: 'Zoom in',
    zoom_out: 'Zoom out',
    close: 'Close',
    cluster: '{n} schools',
    no_basemap: 'No street map for this area',
    basemap_credit: '',
    show_key: 'Show the map key',
    hide_key: 'Hide the map key',
    trip_walk: 'Walk',
    trip_ride: 'Bus or train ride',
    basemap_can_add: 'The school district can add a street map.',
    all_lines: 'Show every line',
    near_lines: 'Show only the lines near you',
    cluster_open: 'Schools here'
  };
  var STATES = ['match', 'partial', 'zoned'];
  // A household's Together map: each child's schools in the child's own shape (never a colour).
  var SHAPES = ['circle', 'square', 'triangle', 'pentagon', 'hexagon', 'star'];
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

  /* ---------- panes: place names under the home ring under zones under lines under stops under
     the trip, and the schools (and home) above all of them, at every zoom ---------- */

  [['nv-places', 320], ['nv-ring', 330], ['nv-zones', 350], ['nv-transit', 410], ['nv-stops', 420],
   ['nv-trip', 430], ['nv-labels', 440], ['nv-schools', 620]].forEach(function (p) {
    map.createPane(p[0]).style.zIndex = String(p[1]);
  });
  map.getPane('nv-places').style.pointerEvents = 'none';
  map.getPane('nv-labels').style.pointerEvents = 'none';
  map.setMinZoom(3);
  map.setMaxZoom(19);
  map.getContainer().setAttribute('role', 'region');

  var zoneLayer = L.featureGroup().addTo(map);
  var transitLayer = L.featureGroup().addTo(map);
  var stopLayer = L.featureGroup().addTo(map);
  // A town's few stops are always drawn. A city's thousands (LA Metro's bus stops) are drawn
  // only from street zoom, only those in view, on one canvas instead of an SVG element each: at
  // city zoom they would cover the map, and they cost the page about 100 MB.  Small and grey
  // either way, under the schools' pane: a tap on a school is the school's.
  var MANY_STOPS = 500;
  var STOPS_FROM_ZOOM = 15;
  var stopCanvas = L.canvas({ pane: 'nv-stops', padding: 0.3 });
  var allStops = [];

  function drawStops() {
    stopLayer.clearLayers();
    var many = allStops.length > MANY_STOPS;
    if (many && map.getZoom() < STOPS_FROM_ZOOM) return;
    var near = many ? map.getBounds().pad(0.3) : null;
    allStops.forEach(function (stop) {
      if (near && !near.contains([stop.lat, stop.lon])) return;
      L.circleMarker([stop.lat, stop.lon], {
        pane: 'nv-stops', radius: many ? 4 : 5, weight: 2, color: '#6b7683', fillColor: '#ffffff', fillOpacity: 1,
        bubblingMouseEvents: false, renderer: many ? stopCanvas : undefined
      }).bindTooltip(function () { return stopCard(stop); }, { direction: 'auto' }).addTo(stopLayer);
    });
  }
  map.on('moveend', function () {
    if (allStops.length > MANY_STOPS) { drawStops(); updateLegend(); }
  });
  var homeLayer = L.featureGroup().addTo(map);
  var tripLayer = L.featureGroup().addTo(map);
  var tripLegs = [];  // what setTrip drew: one 'walk' or 'ride' per leg
  var lastTrip = null;

  var shapedMap = false;  // set by setSchools before the clusters are made again
  var schoolLayer = L.markerClusterGroup({
    clusterPane: 'nv-schools',
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    zoomToBoundsOnClick: false,  // a tap opens the group into its schools, named (openCluster)
    // Markers that would overlap always group (a tap zooms in, or fans them out at the last zoom):
    // no school ever hides another, however close, even at street level.
    // A household's Together map groups only markers on the same spot: each child's shape shows.
    maxClusterRadius: function () { return shapedMap ? 2 : 40; },
    iconCreateFunction: function (cluster) {
      var n = cluster.getChildCount();
      var inner = el('span', 'nv-cluster-count', n);
      var zoned = clusterHasZoned(cluster);
      if (zoned) {
        var badge = el('span', 'nv-cluster-zoned');
        badge.setAttribute('aria-hidden', 'true');
        inner = [inner, badge];
        var box = document.createElement('span');
        box.className = 'nv-cluster-inner';
        inner.forEach(function (node) { box.appendChild(node); });
        inner = box;
      }
      return L.divIcon({ html: inner, className: 'nv-cluster' + (zoned ? ' nv-has-zoned' : ''),
        iconSize: L.point(44, 44) });
    }
  }).addTo(map);

  var schoolMarkers = new Map(); // id -> marker
  var highlightedId = null;
  // The schools the list shows on screen: never grouped, each named beside its marker, and framed
  // with the home (setListed).  The rest of the results group in clusters, smaller and quieter.
  var listedLayer = L.featureGroup().addTo(map);
  var nameLayer = L.featureGroup().addTo(map);  // their names, beside them (aria: the marker's own label)
  var listedIds = [];

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
    if (str(props.who)) parts.push(str(props.who));
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

  function schoolIcon(state, highlighted, shape, listed, offset) {
    var cls = 'nv-school nv-state-' + (STATES.indexOf(state) >= 0 ? state : 'none');
    if (SHAPES.indexOf(shape) >= 0) cls += ' nv-shape nv-shape-' + shape;
    if (highlighted) cls += ' nv-highlight';
    if (listed) cls += ' nv-listed';
    var shift = offset || [0, 0];
    if (shift[0] || shift[1]) cls += ' nv-spread';
    return L.divIcon({
      className: cls,
      html: '<span class="nv-pin" aria-hidden="true"></span>',
      iconSize: L.point(40, 40),
      iconAnchor: L.point(20 - shift[0], 20 - shift[1]),
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
    var clean = { id: id, name: str(props.name), label: str(props.label), state: str(props.state),
                  shape: str(props.shape), who: str(props.who), key: str(props.key) };
    var marker = L.marker([coords[1], coords[0]], {
      icon: schoolIcon(clean.state, id === highlightedId, clean.shape, false),
      pane: 'nv-schools',
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
    shapedMap = (Array.isArray(features) ? features : []).some(function (f) {
      return f && f.properties && SHAPES.indexOf(str(f.properties.shape)) >= 0;
    });
    schoolLayer.clearLayers();
    listedLayer.clearLayers();
    nameLayer.clearLayers();
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
    var listed = listedIds;
    listedIds = [];
    setListed(listed, false);
    updateLegend();
    if (fit && markers.length) fitLayers([schoolLayer, homeLayer]);
    if (highlightedId && !schoolMarkers.has(highlightedId)) highlightedId = null;
    applyHighlight(false);
    placeHome();
  }

  function isListed(id) { return listedIds.indexOf(id) >= 0; }

  function schoolIconOf(marker) {
    var id = marker.nvProps.id;
    return schoolIcon(marker.nvProps.state, id === highlightedId, marker.nvProps.shape, isListed(id),
      isListed(id) ? marker.nvOffset : null);
  }

  // Listed schools on one campus (or a few metres apart) would hide each other: at each zoom the
  // later ones in the list's order step aside around the first, 34 px out, each still its own
  // marker to tap, with its name beside it.
  var SPREAD = 34;
  function spreadListed() {
    var placed = [];
    listedIds.forEach(function (id) {
      var marker = schoolMarkers.get(id);
      var p = map.latLngToContainerPoint(marker.getLatLng());
      var offset = [0, 0];
      for (var k = 0; k < 12; k++) {
        var x = p.x + offset[0], y = p.y + offset[1];
        if (!placed.some(function (q) { return Math.abs(q.x - x) < 30 && Math.abs(q.y - y) < 30; })) break;
        var angle = -Math.PI / 2 + k * Math.PI / 3;
        var ring = k < 6 ? 1 : 2;
        offset = [Math.round(Math.cos(angle) * SPREAD * ring), Math.round(Math.sin(angle) * SPREAD * ring)];
      }
      placed.push({ x: p.x + offset[0], y: p.y + offset[1] });
      var before = marker.nvOffset || [0, 0];
      if (before[0] !== offset[0] || before[1] !== offset[1]) {
        marker.nvOffset = offset;
        marker.setIcon(schoolIconOf(marker));
        labelSchool(marker);
      }
    });
    drawNames();
  }

  function drawNames() {
    nameLayer.clearLayers();
    listedIds.forEach(function (id) {
      var marker = schoolMarkers.get(id);
      var shift = marker.nvOffset || [0, 0];
      L.marker(marker.getLatLng(), {
        pane: 'nv-labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'nv-name-tip', iconSize: null, iconAnchor: L.point(-shift[0], -shift[1]),
          html: dataEl('span', 'nv-school-name', marker.nvProps.name) })
      }).addTo(nameLayer).nvFor = marker;
    });
  }

  // The schools on screen in the list, in its order: out of the clusters, named, above the rest;
  // with `frame`, the view shows them and the home (and not much more); with `only`, the other
  // results are not drawn (a school's profile: that school, the home and the trip).
  function setListed(ids, frame, only) {
    document.body.classList.toggle('nv-only-listed', !!only);
    var wanted = (Array.isArray(ids) ? ids : []).map(str).filter(function (id) { return schoolMarkers.has(id); });
    var before = listedIds;
    listedIds = wanted;
    before.forEach(function (id) {
      if (wanted.indexOf(id) >= 0) return;
      var marker = schoolMarkers.get(id);
      if (!marker) return;
      listedLayer.removeLayer(marker);
      marker.setIcon(schoolIconOf(marker));
      schoolLayer.addLayer(marker);
    });
    wanted.forEach(function (id) {
      if (before.indexOf(id) >= 0) return;
      var marker = schoolMarkers.get(id);
      schoolLayer.removeLayer(marker);
      marker.setIcon(schoolIconOf(marker));
      listedLayer.addLayer(marker);
      labelSchool(marker);
    });
    before.forEach(function (id) {
      var marker = schoolMarkers.get(id);
      if (marker && wanted.indexOf(id) < 0 && marker.nvOffset) { marker.nvOffset = null; marker.setIcon(schoolIconOf(marker)); }
    });
    document.body.classList.toggle('nv-has-listed', listedIds.length > 0);
    if (frame) frameListed();
    spreadListed();
    placeHome();
    declutterSoon();
  }

  function frameListed() {
    if (!listedIds.length) { if (homeMarker) setView(homeMarker.getLatLng().lat, homeMarker.getLatLng().lng, 15); return; }
    var bounds = L.latLngBounds([]);
    listedIds.forEach(function (id) { bounds.extend(schoolMarkers.get(id).getLatLng()); });
    if (homeMarker) bounds.extend(homeMarker.getLatLng());
    fitBounds(bounds, 16);
  }

  function applyHighlight(pan) {
    document.querySelectorAll('.nv-cluster.nv-highlight').forEach(function (n) {
      n.classList.remove('nv-highlight');
    });
    schoolMarkers.forEach(function (marker, id) {
      var on = id === highlightedId;
      if (!!marker.nvHighlighted !== on) {
        marker.nvHighlighted = on;
        marker.setIcon(schoolIconOf(marker));
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

  schoolLayer.on('animationend', function () { applyHighlight(false); placeHome(); });
  map.on('zoomend', function () { applyHighlight(false); placeHome(); });

  // A tap (or Enter) on a group opens it into its schools, named: a short list to choose from;
  // a big group (the whole county zoomed out) zooms in instead.
  var CLUSTER_LIST_MAX = 12;
  function openCluster(cluster) {
    var children = cluster.getAllChildMarkers();
    if (children.length > CLUSTER_LIST_MAX) { cluster.zoomToBounds({ padding: [48, 48] }); return; }
    children.sort(function (a, b) { return a.nvProps.name.localeCompare(b.nvProps.name); });
    var box = el('div', 'nv-card nv-cluster-list');
    box.appendChild(el('div', 'nv-card-name', texts.cluster_open));
    var list = el('ul', 'nv-cluster-schools');
    children.forEach(function (marker) {
      var item = el('li');
      var button = dataEl('button', 'nv-cluster-school', marker.nvProps.name);
      button.type = 'button';
      button.setAttribute('data-school-id', marker.nvProps.id);
      if (marker.nvProps.state === 'zoned') button.appendChild(el('span', 'nv-cluster-zoned-note', ' · ' + texts.zoned));
      L.DomEvent.on(button, 'click', function (ev) {
        L.DomEvent.stop(ev);
        map.closePopup();
        send('schoolClicked', marker.nvProps.id);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(list);
    L.popup({ maxWidth: 340, minWidth: 200, className: 'nv-cluster-popup' })
      .setLatLng(cluster.getLatLng()).setContent(box).openOn(map);
    var first = box.querySelector('button');
    if (first) first.focus();
  }
  schoolLayer.on('clusterclick', function (e) { openCluster(e.layer); });
  schoolLayer.on('clusterkeypress', function (e) {
    var key = e.originalEvent && e.originalEvent.key;
    if (key === 'Enter' || key === ' ') openCluster(e.layer);
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

  function clusterHasZoned(cluster) {
    return cluster.getAllChildMarkers().some(function (m) { return m.nvProps && m.nvProps.state === 'zoned'; });
  }

  function labelCluster(cluster) {
    var node = cluster.getElement && cluster.getElement();
    if (!node) return;
    var label = texts.cluster.replace('{n}', String(cluster.getChildCount()));
    node.setAttribute('aria-label', clusterHasZoned(cluster) ? label + ', ' + texts.zoned : label);
  }
  // Clusters are (re)drawn all the time: name each one as it appears.
  map.on('layeradd', function (e) {
    if (e.layer instanceof L.MarkerCluster) labelCluster(e.layer);
  });

  function openSchool(id) {
    var marker = schoolMarkers.get(str(id));
    if (!marker) return false;
    if (isListed(marker.nvProps.id)) { marker.openPopup(); return true; }
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
      pane: 'nv-schools', keyboard: true, zIndexOffset: 500, bubblingMouseEvents: false
    });
    homeMarker.bindTooltip(function () { return el('div', 'nv-card-name', texts.home); }, { direction: 'auto' });
    homeMarker.on('add', function () {
      var node = homeMarker.getElement();
      if (node) node.setAttribute('aria-label', texts.home);
      placeHome();
    });
    homeMarker.addTo(homeLayer);
    updateLegend();
    if (fit) fitLayers([homeLayer]);
  }

  // The home never hides a school: with a school (or a group of them) under it, the house stands
  // above its spot on a stem, and only the house itself takes taps, so the school stays in sight and
  // can be tapped too.
  function placeHome() {
    var node = homeMarker && homeMarker.getElement();
    if (!node) return;
    var here = map.latLngToLayerPoint(homeMarker.getLatLng());
    var covered = false;
    schoolMarkers.forEach(function (marker) {
      if (covered) return;
      var shown = isListed(marker.nvProps.id) ? marker : schoolLayer.getVisibleParent(marker);
      if (!shown) return;
      var p = map.latLngToLayerPoint(shown.getLatLng());
      covered = Math.abs(p.x - here.x) < 40 && Math.abs(p.y - here.y) < 44;
    });
    node.classList.toggle('nv-lifted', covered);
  }

  function clearHome() { setHome(null, null, null, false); }

  /* ---------- transit ---------- */

  // Lines that explain themselves: only the lines serving the home's and the listed schools'
  // stops are drawn (setLineFocus), the rest when the family asks in the key; without a street map
  // the trains are drawn too, thinner, as bearings.  Each line in the feed's colour (or one of
  // PALETTE's, apart from its neighbours), with its own dash pattern, and named with its operator
  // on the map and in the key: never colour alone.
  var PALETTE = ['#1b6ca8', '#b8336a', '#2e7d32', '#8e5b00', '#6a3d9a', '#00838f', '#c2410c', '#4b5563'];
  var DASHES = ['', '14 6', '4 6', '16 5 4 5', '9 9', '2 5 10 5'];
  var allLines = [];        // [{id, name, mode, color, features}], the pack's order
  var lineFocus = [];       // ids of the lines near the family
  var showAllLines = false; // the family asked for every line, in the key
  var drawnLines = [];      // [{id, name, color, dash, bearing}] what drawLines drew
  var lineLabels = L.featureGroup().addTo(map);

  function setTransit(lines, stops) {
    var features = lines && Array.isArray(lines.features) ? lines.features.filter(function (f) {
      var t = f && f.geometry && f.geometry.type;
      return t === 'LineString' || t === 'MultiLineString';
    }) : [];
    var byId = new Map();
    features.forEach(function (f) {
      var props = f.properties || {};
      var id = str(props.line) || str(props.name);
      if (!byId.has(id)) {
        byId.set(id, { id: id, name: str(props.name) || id, mode: str(props.mode),
          color: safeColor(props.color, ''), features: [] });
      }
      byId.get(id).features.push(f);
    });
    allLines = Array.from(byId.values());
    drawLines();
    allStops = [];
    (Array.isArray(stops) ? stops : []).forEach(function (s) {
      if (!s) return;
      var lat = isNum(s.lat) ? s.lat : s.latitude;
      var lon = isNum(s.lon) ? s.lon : s.longitude;
      if (!isNum(lat) || !isNum(lon)) return;
      allStops.push({ name: str(s.name), lines: s.lines, lat: lat, lon: lon });
    });
    drawStops();
    updateLegend();
  }

  function setLineFocus(ids) {
    lineFocus = (Array.isArray(ids) ? ids : []).map(str);
    drawLines();
    updateLegend();
  }

  function setShowAllLines(all) {
    showAllLines = !!all;
    drawLines();
    updateLegend();
  }

  function linesToDraw() {
    // A town's few lines are all drawn; a city's, only the family's (and trains as bearings).
    var few = allLines.length <= 8;
    return allLines.filter(function (line) {
      return showAllLines || few || lineFocus.indexOf(line.id) >= 0;
    }).map(function (line) { return { line: line, bearing: false }; }).concat(
      (!basemapInfo && !showAllLines && allLines.length > 8) ? allLines.filter(function (line) {
        return line.mode === 'rail' && lineFocus.indexOf(line.id) < 0;
      }).map(function (line) { return { line: line, bearing: true }; }) : []);
  }

  function drawLines() {
    transitLayer.clearLayers();
    drawnLines = [];
    var used = {};
    linesToDraw().forEach(function (item, k) {
      var line = item.line;
      var color = line.color && !used[line.color] ? line.color : (line.color || PALETTE[k % PALETTE.length]);
      used[color] = true;
      var dash = item.bearing ? '2 6' : DASHES[k % DASHES.length];
      var collection = { type: 'FeatureCollection', features: line.features };
      // A white casing under each line keeps pale colours visible on the background.
      L.geoJSON(collection, { pane: 'nv-transit', interactive: false, style: function () {
        return { color: '#ffffff', weight: item.bearing ? 6 : 9, opacity: 0.9, lineCap: 'round', lineJoin: 'round' };
      } }).addTo(transitLayer);
      L.geoJSON(collection, {
        pane: 'nv-transit', bubblingMouseEvents: false,
        style: function () {
          return { color: color, weight: item.bearing ? 3 : 5, opacity: item.bearing ? 0.7 : 0.95,
            dashArray: dash || null, lineCap: dash ? 'butt' : 'round', lineJoin: 'round',
            className: 'nv-line' + (item.bearing ? ' nv-line-bearing' : '') };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () { return lineCard({ name: line.name }); }, { sticky: true });
        }
      }).addTo(transitLayer);
      drawnLines.push({ id: line.id, name: line.name, color: color, dash: dash, bearing: item.bearing,
        mode: line.mode });
    });
    placeLineLabels();
  }

  // Each drawn line's name on the line itself, at its point nearest the middle of the view.
  function placeLineLabels() {
    lineLabels.clearLayers();
    var middle = map.getCenter();
    var view = map.getBounds();
    drawnLines.forEach(function (drawn) {
      var line = allLines.find(function (l) { return l.id === drawn.id; });
      var best = null, bestD = Infinity;
      line.features.forEach(function (f) {
        var parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
        parts.forEach(function (part) {
          part.forEach(function (c) {
            if (!Array.isArray(c) || !isNum(c[0]) || !isNum(c[1])) return;
            var d = (c[1] - middle.lat) * (c[1] - middle.lat) + (c[0] - middle.lng) * (c[0] - middle.lng);
            if (d < bestD) { bestD = d; best = c; }
          });
        });
      });
      if (!best || !view.contains([best[1], best[0]])) return;
      var label = dataEl('span', 'nv-line-name', drawn.name);
      label.style.borderColor = drawn.color;
      var candidates = lineCandidates(line, middle, view);
      L.marker([best[1], best[0]], {
        pane: 'nv-labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'nv-line-label' + (drawn.bearing ? ' nv-line-label-bearing' : ''),
          html: label, iconSize: null })
      }).addTo(lineLabels).nvCandidates = candidates;
    });
  }

  // Up to 8 points of a line in view, nearest the middle first, at least 80 px apart: where its
  // name may go when a nearer place is taken.
  function lineCandidates(line, middle, view) {
    var points = [];
    line.features.forEach(function (f) {
      var parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      parts.forEach(function (part) {
        part.forEach(function (c) {
          if (Array.isArray(c) && isNum(c[0]) && isNum(c[1]) && view.contains([c[1], c[0]])) points.push(L.latLng(c[1], c[0]));
        });
      });
    });
    points.sort(function (a, b) { return a.distanceTo(middle) - b.distanceTo(middle); });
    var chosen = [];
    points.forEach(function (p) {
      if (chosen.length >= 8) return;
      var q = map.latLngToContainerPoint(p);
      if (chosen.every(function (c) { return map.latLngToContainerPoint(c).distanceTo(q) > 80; })) chosen.push(p);
    });
    return chosen;
  }

  /* ---------- place names, for a map without a street map ---------- */

  var placeLayer = L.featureGroup().addTo(map);
  var allPlaces = [];

  function setPlaces(places) {
    allPlaces = (Array.isArray(places) ? places : []).filter(function (p) {
      return p && isNum(p.lat) && isNum(p.lon) && str(p.name);
    }).map(function (p) { return { name: str(p.name), lat: p.lat, lon: p.lon }; });
    drawPlaces();
  }

  function drawPlaces() {
    placeLayer.clearLayers();
    if (basemapInfo) return;
    allPlaces.forEach(function (p) {
      L.marker([p.lat, p.lon], {
        pane: 'nv-places', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'nv-place', html: dataEl('span', 'nv-place-name', p.name), iconSize: null })
      }).addTo(placeLayer);
    });
    declutterSoon();
  }

  // Names never sit on each other: the listed schools' names first (in the list's order), then the
  // lines', then the places' (biggest first); a name that would cover a marker or a name already
  // shown is hidden.  Worked out from the map's own projection (not the DOM's positions, which
  // trail a zoom by a frame).
  function declutter() {
    var shown = [];
    var size = map.getSize();
    // side: where a name goes around its point (a school's 20 px off its marker's middle), or
    // undefined: centred on it (a line's, a place's).
    function box(latlng, w, h, side, shift) {
      var p = map.latLngToContainerPoint(latlng);
      if (shift) p = p.add(L.point(shift[0], shift[1]));
      var x = p.x - w / 2, y = p.y - h / 2;
      if (side === 'right') x = p.x + 20;
      else if (side === 'left') x = p.x - 20 - w;
      else if (side === 'above') y = p.y - 20 - h;
      else if (side === 'below') y = p.y + 20;
      return { left: x, right: x + w, top: y, bottom: y + h };
    }
    function clashes(r) {
      return r.right < 0 || r.left > size.x || r.bottom < 0 || r.top > size.y ||
        shown.some(function (o) {
          return r.left < o.right + 4 && r.right > o.left - 4 && r.top < o.bottom + 2 && r.bottom > o.top - 2;
        });
    }
    // sides: where the name may go, tried in turn (a school's: after its marker, else before it)
    function place(layer, sides, shift) {
      var node = layer.getElement() && layer.getElement().firstChild;
      if (!node) return;
      node.classList.remove('nv-hidden-label', 'nv-at-right', 'nv-at-left', 'nv-at-above', 'nv-at-below');
      for (var i = 0; i < sides.length; i++) {
        var r = box(layer.getLatLng(), node.offsetWidth, node.offsetHeight, sides[i], shift);
        if (!clashes(r)) {
          shown.push(r);
          if (sides[i]) node.classList.add('nv-at-' + sides[i]);
          return;
        }
      }
      node.classList.add('nv-hidden-label');
    }
    var corner = map.getContainer().getBoundingClientRect();
    document.querySelectorAll('.nv-legend, .nv-basemap-note, .leaflet-control-zoom').forEach(function (node) {
      if (node.hidden) return;
      var r = node.getBoundingClientRect();
      shown.push({ left: r.left - corner.left, right: r.right - corner.left, top: r.top - corner.top,
        bottom: r.bottom - corner.top });
    });
    listedIds.forEach(function (id) {
      var m = schoolMarkers.get(id);
      shown.push(box(m.getLatLng(), 36, 36, undefined, m.nvOffset));
    });
    if (homeMarker) shown.push(box(homeMarker.getLatLng(), 40, 40));
    var sides = rtl ? ['left', 'right', 'above', 'below'] : ['right', 'left', 'above', 'below'];
    nameLayer.eachLayer(function (m) { place(m, sides, m.nvFor && m.nvFor.nvOffset); });
    lineLabels.eachLayer(function (m) {
      var node = m.getElement() && m.getElement().firstChild;
      var spots = m.nvCandidates && m.nvCandidates.length ? m.nvCandidates : [m.getLatLng()];
      for (var i = 0; i < spots.length; i++) {
        if (!node) return;
        var r = box(spots[i], node.offsetWidth, node.offsetHeight);
        if (!clashes(r)) {
          if (!spots[i].equals(m.getLatLng())) m.setLatLng(spots[i]);
          node.classList.remove('nv-hidden-label');
          shown.push(r);
          return;
        }
      }
      if (node) node.classList.add('nv-hidden-label');
    });
    placeLayer.eachLayer(function (m) { place(m, [undefined]); });
  }

  // After the frame in which Leaflet has put every marker and label in its new place.
  var declutterFrame = null;
  function declutterSoon() {
    if (declutterFrame !== null) cancelAnimationFrame(declutterFrame);
    declutterFrame = requestAnimationFrame(function () { declutterFrame = null; declutter(); });
  }
  map.on('moveend', function () { placeLineLabels(); declutterSoon(); });
  map.on('zoomend', function () { spreadListed(); declutterSoon(); });

  /* ---------- one school's trip: walks dashed, rides solid along their stops ---------- */

  // Not colour alone: a walk is a dotted line, a ride a thick solid one with its stops as dots;
  // in high contrast both are black on a white casing.
  function setTrip(legs, fit) {
    tripLayer.clearLayers();
    tripLegs = [];
    lastTrip = Array.isArray(legs) ? legs : [];
    lastTrip.forEach(function (leg) {
      if (!leg) return;
      var pts = (Array.isArray(leg.path) ? leg.path : []).filter(function (p) {
        return Array.isArray(p) && isNum(p[0]) && isNum(p[1]);
      });
      if (pts.length < 2) return;
      var walk = leg.mode === 'walk';
      // Near-black on a white casing: it stands out over every line's own colour.
      var ink = look.contrast ? '#000000' : '#16202c';
      L.polyline(pts, { pane: 'nv-trip', color: '#ffffff', weight: walk ? 9 : 15, opacity: 0.95,
        lineCap: 'round', lineJoin: 'round', interactive: false }).addTo(tripLayer);
      var line = L.polyline(pts, { pane: 'nv-trip', color: ink, weight: walk ? 5 : 9, opacity: 1,
        dashArray: walk ? '1 10' : null, lineCap: 'round', lineJoin: 'round',
        className: 'nv-trip-leg nv-trip-' + (walk ? 'walk' : 'ride'), bubblingMouseEvents: false });
      var label = str(leg.label);
      if (label) line.bindTooltip(function () { return dataEl('div', 'nv-card-name', label); }, { sticky: true });
      line.addTo(tripLayer);
      if (!walk) {
        pts.forEach(function (p) {
          L.circleMarker(p, { pane: 'nv-trip', radius: 5, weight: 3, color: ink, fillColor: '#ffffff',
            fillOpacity: 1, interactive: false }).addTo(tripLayer);
        });
      }
      tripLegs.push(walk ? 'walk' : 'ride');
    });
    updateLegend();
    if (fit && tripLegs.length) {
      // The profile frames the whole of it: home, the trip, and the school at its end.
      var bounds = tripLayer.getBounds();
      if (homeMarker) bounds.extend(homeMarker.getLatLng());
      var school = highlightedId && schoolMarkers.get(highlightedId);
      if (school) bounds.extend(school.getLatLng());
      fitBounds(bounds, 16);
    }
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
    fitBounds(bounds, 16);
  }

  function fitBounds(bounds, maxZoom) {
    if (!bounds.isValid()) return;
    // Keep the schools clear of the map key (bottom right, bottom left when right-to-left) and
    // of the zoom buttons (top left, top right when right-to-left); named schools need room on
    // their label's side.
    var size = map.getSize();
    var below = 16;
    ['.nv-legend', '.nv-basemap-note'].forEach(function (selector) {
      var node = document.querySelector(selector);
      if (node && !node.hidden) below = Math.max(below, node.offsetHeight + 16);
    });
    below = Math.min(below, size.y / 3);
    var names = listedIds.length ? Math.min(120, size.x / 5) : 24;
    var rtl = document.documentElement.dir === 'rtl';
    map.fitBounds(bounds, {
      paddingTopLeft: [rtl ? names : 64, 32],
      paddingBottomRight: [rtl ? 64 : names, below],
      maxZoom: maxZoom, animate: false
    });
  }

  function setView(lat, lon, zoom) {
    if (isNum(lat) && isNum(lon)) map.setView([lat, lon], isNum(zoom) ? zoom : map.getZoom(), { animate: false });
  }

  function fitAll() {
    fitLayers([schoolLayer, homeLayer, zoneLayer, transitLayer, stopLayer]);
  }

  /* ---------- the street map under everything: vector tiles from the pack ---------- */

  // Colours for the street map.  Quiet, so schools, home, lines and zones stay what the eye finds
  // first; the high-contrast style draws edges in near-black and labels heavier.
  var BASEMAP_STYLES = {
    normal: {
      land: '#eaece5', water: '#b5d0e6', waterEdge: '#8db4d6', park: '#cfe4c0', parkEdge: '#a7cb93',
      rail: '#7d8591', railTie: '#ffffff', minor: '#ffffff', minorCase: '#c3c8ce',
      secondary: '#ffffff', secondaryCase: '#a9b0b8',
      major: '#fbe9a6', majorCase: '#c9a94e', freeway: '#f6c589', freewayCase: '#bf8440',
      label: '#39424e', halo: '#ffffff', parkLabel: '#2c6127', waterLabel: '#2b5c88',
      landmark: '#5b4a8c', weight: 400
    },
    contrast: {
      land: '#ffffff', water: '#8fc1f2', waterEdge: '#0b3d91', park: '#bfe3b4', parkEdge: '#1b5e20',
      rail: '#000000', railTie: '#ffffff', minor: '#ffffff', minorCase: '#000000',
      secondary: '#ffffff', secondaryCase: '#000000',
      major: '#fff27a', majorCase: '#000000', freeway: '#ffb347', freewayCase: '#000000',
      label: '#000000', halo: '#ffffff', parkLabel: '#0b3d0b', waterLabel: '#002a6b',
      landmark: '#2a0066', weight: 700
    }
  };
  var FONT_FAMILY = 'system-ui, "Noto Sans", "DejaVu Sans", "Noto Sans KR", "NanumGothic", ' +
    '"Noto Sans CJK KR", "WenQuanYi Micro Hei", "Noto Sans Arabic", sans-serif';
  var look = { nameKeys: ['name:en'], contrast: false, scale: 1 };
  var basemap = null;          // the protomaps-leaflet layer, when the pack has a street map
  var basemapInfo = null;      // what Python said about it (url, zooms, layer scheme, credit)
  var placedLabels = new Map(); // "layer|text" -> {layer, text, key}: what the labeller drew

  function width(stops) {
    // Line widths by zoom, e.g. [[12, 1], [16, 8]], straight between stops.
    return function (z) {
      if (z <= stops[0][0]) return stops[0][1];
      for (var i = 1; i < stops.length; i++) {
        if (z <= stops[i][0]) {
          var a = stops[i - 1], b = stops[i];
          return a[1] + (b[1] - a[1]) * (z - a[0]) / (b[0] - a[0]);
        }
      }
      return stops[stops.length - 1][1];
    };
  }

  function font(size, weight) {
    return function (z) {
      var px = (typeof size === 'function' ? size(z) : size) * look.scale;
      return String(weight || BASEMAP_STYLES[look.contrast ? 'contrast' : 'normal'].weight) + ' ' +
        px.toFixed(1) + 'px ' + FONT_FAMILY;
    };
  }

  function kindIs() {
    var kinds = Array.prototype.slice.call(arguments);
    return function (z, f) { return kinds.indexOf(f.props.kind) >= 0; };
  }

  // The text a label shows: a park, landmark or river in the family's language when the data has
  // it; a street or freeway as signed.
  function chosenKey(layer, props) {
    if (layer !== 'streets' && layer !== 'freeways') {
      for (var i = 0; i < look.nameKeys.length; i++) {
        if (str(props[look.nameKeys[i]])) return look.nameKeys[i];
      }
    }
    if (layer === 'freeways' && !str(props.name) && str(props.ref)) return 'ref';
    return 'name';
  }

  // Wraps a label symbolizer so the page can say which labels it drew (the tests read it).
  function recorded(layer, symbolizer) {
    return {
      place: function (layout, geom, feature) {
        var labels = symbolizer.place(layout, geom, feature);
        if (labels && labels.length) {
          var key = chosenKey(layer, feature.props);
          var text = str(feature.props[key]);
          placedLabels.set(layer + '|' + text, { layer: layer, text: text, key: key });
        }
        return labels;
      }
    };
  }

  function navigatorRules(P, c) {
    var paint = [
      { dataLayer: 'water', symbolizer: new P.PolygonSymbolizer({ fill: c.water, stroke: c.waterEdge, width: 1 }),
        filter: function (z, f) { return f.geomType === 3; } },
      { dataLayer: 'water', symbolizer: new P.LineSymbolizer({ color: c.water, width: width([[12, 1.5], [16, 5]]) }),
        filter: function (z, f) { return f.geomType === 2; } },
      { dataLayer: 'parks', symbolizer: new P.PolygonSymbolizer({ fill: c.park, stroke: c.parkEdge, width: 1 }) },
      { dataLayer: 'streets', symbolizer: new P.LineSymbolizer({ color: c.minorCase, width: width([[13, 2.5], [16, 12], [19, 30]]) }),
        filter: kindIs('minor'), minzoom: 13 },
      { dataLayer: 'streets', symbolizer: new P.LineSymbolizer({ color: c.secondaryCase, width: width([[12, 1.5], [14, 5], [16, 13], [19, 34]]) }),
        filter: kindIs('secondary') },
      { dataLayer: 'streets', symbolizer: new P.LineSymbolizer({ color: c.majorCase, width: width([[11, 2], [14, 8], [16, 16], [19, 40]]) }),
        filter: kindIs('major') },
      { dataLayer: 'streets', symbolizer: new P.LineSymbolizer({ color: c.minor, width: width([[13, 1.5], [16, 10], [19, 27]]) }),
        filter: kindIs('minor'), minzoom: 13 },
      { dataLayer: 'streets', symbolizer: new P.LineSymbolizer({ color: c.secondary, width: width([[12, 0.5], [14, 3.5], [16, 11], [19, 31]]) }),
        filter: kindIs('secondary') },
      { dataLayer: 'streets', symbolizer: new P.LineSymbolizer({ color: c.major, width: width([[11, 1], [14, 6], [16, 13], [19, 36]]) }),
        filter: kindIs('major') },
      { dataLayer: 'rail', symbolizer: new P.LineSymbolizer({ color: c.rail, width: width([[10, 1.5], [16, 4]]) }) },
      { dataLayer: 'rail', symbolizer: new P.LineSymbolizer({ color: c.railTie, width: width([[10, 0.5], [16, 2]]), dash: [4, 4] }),
        minzoom: 13 },
      { dataLayer: 'freeways', symbolizer: new P.LineSymbolizer({ color: c.freewayCase, width: width([[8, 2], [12, 5], [16, 18], [19, 44]]) }) },
      { dataLayer: 'freeways', symbolizer: new P.LineSymbolizer({ color: c.freeway, width: width([[8, 1], [12, 3], [16, 14], [19, 38]]) }) },
      { dataLayer: 'landmarks', symbolizer: new P.CircleSymbolizer({ radius: 4, fill: c.landmark, stroke: c.halo, width: 2 }),
        filter: function (z, f) { return f.props.kind !== 'park' && f.props.kind !== 'water'; }, minzoom: 14 }
    ];
    function text(layer, options) {
      return recorded(layer, new P.LineLabelSymbolizer(Object.assign({
        labelProps: function (z, f) { return [chosenKey(layer, f.props)]; },
        stroke: c.halo, width: 3
      }, options)));
    }
    function pointText(layer, options) {
      return recorded(layer, new P.CenteredTextSymbolizer(Object.assign({
        labelProps: function (z, f) { return [chosenKey(layer, f.props)]; },
        stroke: c.halo, width: 3, lineHeight: 1.5, maxLineChars: 16
      }, options)));
    }
    // Labels are placed in this order and an earlier one keeps its place: freeways, then main
    // streets, then avenues, then side streets, so a city's dense grid never hides the boulevard a
    // family steers by.  Side streets are named from zoom 15, where their names fit at kiosk sizes.
    var labels = [
      { dataLayer: 'freeways', symbolizer: text('freeways', { fill: c.label, font: font(13, 700) }), minzoom: 11 },
      { dataLayer: 'streets', symbolizer: text('streets', { fill: c.label, font: font(width([[13, 12.5], [16, 15.5]]), 700),
        repeatDistance: 320 }), filter: kindIs('major'), minzoom: 12 },
      { dataLayer: 'streets', symbolizer: text('streets', { fill: c.label, font: font(width([[14, 12], [16, 15]])) }),
        filter: kindIs('secondary'), minzoom: 14 },
      { dataLayer: 'streets', symbolizer: text('streets', { fill: c.label, font: font(width([[15, 12], [16, 14]])) }),
        filter: kindIs('minor'), minzoom: 15 },
      { dataLayer: 'rail', symbolizer: text('rail', { fill: c.rail, font: font(12, 600) }), minzoom: 14 },
      { dataLayer: 'water', symbolizer: text('water', { fill: c.waterLabel, font: font(12, 600) }),
        filter: function (z, f) { return f.geomType === 2; }, minzoom: 14 },
      { dataLayer: 'landmarks', symbolizer: pointText('landmarks', { fill: c.parkLabel, font: font(13, 600) }),
        filter: kindIs('park'), minzoom: 13 },
      { dataLayer: 'landmarks', symbolizer: pointText('landmarks', { fill: c.waterLabel, font: font(12, 600) }),
        filter: kindIs('water'), minzoom: 14 },
      { dataLayer: 'landmarks', symbolizer: recorded('landmarks', new P.OffsetTextSymbolizer({
        labelProps: function (z, f) { return [chosenKey('landmarks', f.props)]; },
        fill: c.landmark, stroke: c.halo, width: 3, font: font(12.5, 600), offsetX: 6, offsetY: 4,
        lineHeight: 1.5, maxLineChars: 16
      })), filter: function (z, f) { return f.props.kind !== 'park' && f.props.kind !== 'water'; }, minzoom: 14 }
    ];
    return { paint: paint, labels: labels };
  }

  function basemapLayerOptions() {
    var P = window.protomapsL;
    var c = BASEMAP_STYLES[look.contrast ? 'contrast' : 'normal'];
    var options = {
      url: basemapInfo.url, maxDataZoom: basemapInfo.max_zoom, levelDiff: 0, maxZoom: 19,
      attribution: '', backgroundColor: c.land, noWrap: true
    };
    if (basemapInfo.layer_scheme === 'protomaps') {
      options.flavor = look.contrast ? 'black' : 'light';
      options.lang = look.nameKeys[0].replace('name:', '');
      options.levelDiff = 1;
      delete options.backgroundColor;
    } else {
      var rules = navigatorRules(P, c);
      options.paintRules = rules.paint;
      options.labelRules = rules.labels;
    }
    return options;
  }

  function drawBasemap() {
    if (basemap) { map.removeLayer(basemap); basemap = null; }
    placedLabels.clear();
    document.body.classList.toggle('nv-has-basemap', !!basemapInfo);
    updateBasemapNote();
    drawPlaces();
    drawLines();
    if (!basemapInfo) return;
    var options = basemapLayerOptions();
    // protomaps-leaflet's layer options: its sources live in the layer, so a new style is a new layer.
    basemap = window.protomapsL.leafletLayer(options);
    basemap.addTo(map);
    basemap.bringToBack();
    document.documentElement.style.setProperty('--nv-land', options.backgroundColor || '');
  }

  // Called by Python with the pack's street map (or null: the pack has none).
  function setBasemap(info) {
    var ok = info && typeof info === 'object' && /^navigator-tiles:\/\/\/[A-Za-z0-9_-]+\/\{z\}\/\{x\}\/\{y\}\.mvt$/.test(str(info.url));
    if (ok && typeof window.protomapsL === 'undefined') {
      console.warn('the street map script is missing: drawing no street map');
      ok = false;
    }
    basemapInfo = ok ? {
      url: str(info.url), max_zoom: isNum(info.max_zoom) ? info.max_zoom : 14,
      layer_scheme: str(info.layer_scheme) || 'navigator'
    } : null;
    drawBasemap();
    return !!basemapInfo;
  }

  // Language (its name:LANG keys, best first), high contrast and text size.
  function setLook(nameKeys, contrast, scale) {
    var keys = (Array.isArray(nameKeys) ? nameKeys : []).map(str).filter(function (k) { return /^name:[A-Za-z-]+$/.test(k); });
    var next = { nameKeys: keys.length ? keys : ['name:en'], contrast: !!contrast,
      scale: isNum(scale) && scale > 0.5 && scale < 3 ? scale : 1 };
    var restyle = next.contrast !== look.contrast || next.scale !== look.scale ||
      (basemapInfo && basemapInfo.layer_scheme === 'protomaps' && next.nameKeys[0] !== look.nameKeys[0]);
    var relabel = next.nameKeys.join() !== look.nameKeys.join();
    var recolour = next.contrast !== look.contrast;
    look = next;
    document.body.classList.toggle('nv-contrast', look.contrast);
    if (recolour && lastTrip && lastTrip.length) setTrip(lastTrip, false);
    document.documentElement.style.setProperty('--nv-scale', String(look.scale));
    if (!basemap) return;
    if (restyle) {
      drawBasemap();
    } else if (relabel) {
      placedLabels.clear();
      basemap.clearLayout();
      basemap.rerenderTiles();
    }
  }

  /* ---------- "no street map" and the street map's source ---------- */

  var BasemapNote = L.Control.extend({
    options: { position: 'bottomleft' },
    onAdd: function () {
      var box = el('div', 'nv-basemap-note');
      box.setAttribute('role', 'note');
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });
  var basemapNote = new BasemapNote().addTo(map);

  function updateBasemapNote() {
    var box = basemapNote.getContainer();
    box.textContent = basemapInfo ? texts.basemap_credit : texts.no_basemap;
    if (!basemapInfo) box.appendChild(el('span', 'nv-basemap-can-add', texts.basemap_can_add));
    box.classList.toggle('nv-basemap-missing', !basemapInfo);
    box.hidden = !box.textContent;
  }

  /* ---------- legend ---------- */

  // The key folds away behind one big button (the family's choice holds for the session; a small
  // map starts folded so the key never covers the schools).
  var legendFolded = null; // null: not chosen yet
  var Legend = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd: function () {
      var box = el('section', 'nv-legend leaflet-bar');
      box.setAttribute('aria-labelledby', 'nv-legend-title');
      var toggle = el('button', 'nv-legend-toggle');
      toggle.type = 'button';
      toggle.setAttribute('aria-controls', 'nv-legend-list');
      var title = el('span', 'nv-legend-title');
      title.id = 'nv-legend-title';
      toggle.appendChild(title);
      var chevron = el('span', 'nv-legend-chevron');
      chevron.setAttribute('aria-hidden', 'true');
      toggle.appendChild(chevron);
      box.appendChild(toggle);
      var list = el('ul', 'nv-legend-list');
      list.id = 'nv-legend-list';
      box.appendChild(list);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.on(toggle, 'click', function (e) {
        L.DomEvent.stop(e);
        setLegendFolded(!isLegendFolded());
        send('legendFolded', isLegendFolded());
      });
      this._title = title;
      this._list = list;
      this._toggle = toggle;
      return box;
    },
    render: function (rows) {
      this._title.textContent = texts.legend_title;
      var list = this._list;
      while (list.firstChild) list.removeChild(list.firstChild);
      rows.forEach(function (row) {
        var item = el('li', 'nv-legend-row');
        item.setAttribute('data-key', row.key);
        if (row.button) {
          var button = el('button', 'nv-legend-button', row.text);
          button.type = 'button';
          L.DomEvent.on(button, 'click', function (e) { L.DomEvent.stop(e); row.button(); });
          item.appendChild(button);
          list.appendChild(item);
          return;
        }
        if (row.line) {
          item.appendChild(lineSymbol(row.line));
          item.appendChild(dataEl('span', 'nv-legend-text', row.text));
          list.appendChild(item);
          return;
        }
        var sym = el('span', 'nv-sym ' + row.symbol);
        sym.setAttribute('aria-hidden', 'true');
        if (row.color) sym.style.backgroundColor = row.color;
        if (row.inner) sym.appendChild(el('span', row.inner));
        item.appendChild(sym);
        item.appendChild(el('span', 'nv-legend-text', row.text || texts[row.key]));
        list.appendChild(item);
      });
      applyLegendFold();
    }
  });
  var legend = new Legend().addTo(map);

  // A line in the key: its colour and its dash pattern, as drawn.
  function lineSymbol(line) {
    var NS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('class', 'nv-sym nv-sym-line-drawn');
    svg.setAttribute('viewBox', '0 0 40 12');
    svg.setAttribute('aria-hidden', 'true');
    [['#ffffff', line.bearing ? 6 : 9, ''], [line.color, line.bearing ? 3 : 5, line.dash]].forEach(function (s) {
      var path = document.createElementNS(NS, 'line');
      path.setAttribute('x1', '2'); path.setAttribute('y1', '6');
      path.setAttribute('x2', '38'); path.setAttribute('y2', '6');
      path.setAttribute('stroke', s[0]);
      path.setAttribute('stroke-width', String(s[1]));
      if (s[2]) path.setAttribute('stroke-dasharray', s[2]);
      svg.appendChild(path);
    });
    return svg;
  }

  function isLegendFolded() {
    if (legendFolded !== null) return legendFolded;
    var size = map.getSize();
    return size.x < 700 || size.y < 500;
  }

  function applyLegendFold() {
    var folded = isLegendFolded();
    var box = legend.getContainer();
    box.classList.toggle('nv-folded', folded);
    legend._list.hidden = folded;
    legend._toggle.setAttribute('aria-expanded', folded ? 'false' : 'true');
    legend._toggle.title = folded ? texts.show_key : texts.hide_key;
    legend._toggle.setAttribute('aria-label', texts.legend_title + ': ' + (folded ? texts.show_key : texts.hide_key));
  }

  // null forgets the choice (a new family).
  function setLegendFolded(folded) {
    legendFolded = folded === null || folded === undefined ? null : !!folded;
    applyLegendFold();
  }

  map.on('resize', applyLegendFold);

  function updateLegend() {
    var rows = [];
    var states = {};
    var shapes = {};
    schoolMarkers.forEach(function (m) {
      if (SHAPES.indexOf(m.nvProps.shape) >= 0) {
        shapes[m.nvProps.shape] = m.nvProps.key || m.nvProps.who;
        return;
      }
      states[STATES.indexOf(m.nvProps.state) >= 0 ? m.nvProps.state : 'none'] = true;
    });
    SHAPES.forEach(function (shape) {
      if (shapes[shape]) {
        rows.push({ key: 'shape-' + shape, text: shapes[shape], inner: 'nv-pin',
                    symbol: 'nv-school nv-state-match nv-shape nv-shape-' + shape });
      }
    });
    STATES.forEach(function (s) {
      if (states[s]) rows.push({ key: s, symbol: 'nv-school nv-state-' + s, inner: 'nv-pin' });
    });
    if (states.none) rows.push({ key: 'school', symbol: 'nv-school nv-state-none', inner: 'nv-pin' });
    if (homeMarker) rows.push({ key: 'home', symbol: 'nv-home', inner: 'nv-home-shape' });
    drawnLines.forEach(function (line) {
      rows.push({ key: 'line', line: line, text: line.name });
    });
    if (allLines.length > 8) {
      rows.push({ key: 'all-lines', text: showAllLines ? texts.near_lines : texts.all_lines,
        button: function () { setShowAllLines(!showAllLines); } });
    }
    if (allStops.length) {
      var hidden = allStops.length > MANY_STOPS && map.getZoom() < STOPS_FROM_ZOOM;
      rows.push({ key: 'stop', symbol: 'nv-sym-stop', text: hidden ? texts.stop_zoom : undefined });
    }
    if (zoneLayer.getLayers().some(function (g) { return g.getLayers().length; })) {
      rows.push({ key: 'zone', symbol: 'nv-sym-zone' });
    }
    if (tripLegs.indexOf('walk') >= 0) rows.push({ key: 'trip_walk', symbol: 'nv-sym-walk' });
    if (tripLegs.indexOf('ride') >= 0) rows.push({ key: 'trip_ride', symbol: 'nv-sym-ride' });
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
    updateBasemapNote();
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
    setLegendFolded(null);
    map.closePopup();
    setSchools([], false);
    clearHome();
    setBoundaries([]);
    setTrip([], false);
    listedIds = [];
    document.body.classList.remove('nv-only-listed', 'nv-has-listed');
    showAllLines = false;
    setLineFocus([]);
  }

  window.navigatorMap = {
    setSchools: setSchools,
    setHome: setHome,
    clearHome: clearHome,
    setTransit: setTransit,
    setBoundaries: setBoundaries,
    setTrip: setTrip,
    highlight: highlight,
    openSchool: openSchool,
    setTexts: setTexts,
    setView: setView,
    fitAll: fitAll,
    setBasemap: setBasemap,
    setLook: setLook,
    setLegendFolded: setLegendFolded,
    setListed: setListed,
    setLineFocus: setLineFocus,
    setShowAllLines: setShowAllLines,
    setPlaces: setPlaces,
    reset: reset,
    // read-only views, for tests and diagnostics
    schoolCount: function () { return schoolLayer.getLayers().length + listedLayer.getLayers().length; },
    schoolIds: function () { return Array.from(schoolMarkers.keys()); },
    markerFor: function (id) { return schoolMarkers.get(str(id)) || null; },
    highlighted: function () { return highlightedId; },
    listedIds: function () { return listedIds.slice(); },
    declutter: declutter,
    // the school's marker, or the group it is drawn in at this zoom
    shownAs: function (id) {
      var m = schoolMarkers.get(str(id));
      var shown = m && (isListed(m.nvProps.id) ? m : schoolLayer.getVisibleParent(m));
      return shown ? shown.getElement() : null;
    },
    drawnLines: function () { return drawnLines.map(function (l) { return Object.assign({}, l); }); },
    shownLabels: function () {
      return Array.from(document.querySelectorAll('.nv-school-name, .nv-line-name, .nv-place-name')).filter(function (n) {
        return !n.classList.contains('nv-hidden-label');
      }).map(function (n) { return n.textContent; });
    },
    basemapLabels: function () { return Array.from(placedLabels.values()); },
    basemapStyle: function () { return basemap ? { contrast: look.contrast, scale: look.scale,
      nameKeys: look.nameKeys, land: basemap.backgroundColor || null } : null; },
    homeLifted: function () { var n = homeMarker && homeMarker.getElement(); return !!(n && n.classList.contains('nv-lifted')); },
    legendFolded: isLegendFolded,
    tripLegs: function () { return tripLegs.slice(); },
    tripInView: function () { return tripLegs.length > 0 && map.getBounds().contains(tripLayer.getBounds()); },
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

/*
 * Navigator's map: everything the page does after folium's `L.map(...)` call, in parts by layer.
 *
 * Python (navigator/gui/map_view.py) drives it through `window.navigatorMap` (runJavaScript with JSON
 * arguments) and hears back through the QWebChannel object `bridge`.
 *
 * The parts are plain scripts, loaded in this order (APP_SCRIPTS in navigator/gui/map_template.py):
 *   map-base.js     this file: the map, its panes, small helpers and the channel back to Python;
 *   map-streets.js  the street map (the pack's vector tiles) and its note;
 *   map-transit.js  lines and stops;
 *   map-schools.js  school markers, clusters, the listed schools and their names;
 *   map-family.js   the home, the trip to one school, attendance zones;
 *   map-labels.js   place names, and names that never sit on each other;
 *   map-view.js     framing the view;
 *   map-key.js      the key;
 *   map-api.js      window.navigatorMap, texts and direction; it starts the page.
 * They share one object, window.navigatorMapParts (`nv` in each): this file's helpers, each part's
 * layers and the functions the others call, and the state more than one part reads (nv.texts,
 * nv.listedIds, nv.homeMarker, ...), which lives only there.  Nothing runs across parts while they
 * load: a part calls another's function only from an event or from Python, after map-api.js ran.
 *
 * Rules kept here:
 *  - Text from the data pack is DATA: it only ever reaches the DOM through textContent or setAttribute,
 *    never innerHTML (the few innerHTML strings in the parts are constants).
 *  - Schools are drawn alike whatever their sector; only the family's own criteria (`state`) change a
 *    marker, and they change its shape as well as its colour.
 *  - No visible English: labels come from setTexts(); DEFAULT_TEXTS only fill in until it is called.
 *  - Nothing is fetched from outside: the street map's tiles come from the pack through the app's own
 *    navigator-tiles: scheme (setBasemap), drawn by protomaps-leaflet (installed from npm).
 */
(function () {
  'use strict';

  var nv = window.navigatorMapParts = {};
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
  nv.texts = Object.assign({}, DEFAULT_TEXTS);
  nv.rtl = false;

  // What the other parts use.
  Object.assign(nv, { map: map, DEFAULT_TEXTS: DEFAULT_TEXTS, STATES: STATES, SHAPES: SHAPES, el: el,
    dataEl: dataEl, str: str, safeColor: safeColor, isNum: isNum, send: send, connect: connect });

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

  /* ---------- the channel back to Python ---------- */

  function connect() {
    if (typeof QWebChannel === 'undefined' || !window.qt || !window.qt.webChannelTransport) return;
    new QWebChannel(window.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      send('pageReady');
    });
  }
})();

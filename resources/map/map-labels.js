/*
 * Navigator's map, names on the map that never sit on each other: place names for a map without a street
 * map, and the decluttering of every name (schools', lines', places').
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, dataEl = nv.dataEl, str = nv.str, isNum = nv.isNum;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { setPlaces: setPlaces, drawPlaces: drawPlaces, declutter: declutter,
    declutterSoon: declutterSoon });

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
    if (nv.basemapInfo) return;
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
    nv.listedIds.forEach(function (id) {
      var m = nv.schoolMarkers.get(id);
      shown.push(box(m.getLatLng(), 36, 36, undefined, m.nvOffset));
    });
    if (nv.homeMarker) shown.push(box(nv.homeMarker.getLatLng(), 40, 40));
    var sides = nv.rtl ? ['left', 'right', 'above', 'below'] : ['right', 'left', 'above', 'below'];
    nv.nameLayer.eachLayer(function (m) { place(m, sides, m.nvFor && m.nvFor.nvOffset); });
    nv.lineLabels.eachLayer(function (m) {
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
  map.on('moveend', function () { nv.placeLineLabels(); declutterSoon(); });
  map.on('zoomend', function () { nv.spreadListed(); declutterSoon(); });
})(window.navigatorMapParts);

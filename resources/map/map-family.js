/*
 * Navigator's map, the family's own places: the home (and the ring around it), the trip to one school and
 * the attendance zones.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, el = nv.el, dataEl = nv.dataEl, str = nv.str, isNum = nv.isNum;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { setHome: setHome, clearHome: clearHome, placeHome: placeHome, setTrip: setTrip,
    setBoundaries: setBoundaries });

  var zoneLayer = nv.zoneLayer = L.featureGroup().addTo(map);
  var homeLayer = nv.homeLayer = L.featureGroup().addTo(map);
  var tripLayer = nv.tripLayer = L.featureGroup().addTo(map);
  nv.tripLegs = [];  // what setTrip drew: one 'walk' or 'ride' per leg
  nv.lastTrip = null;

  /* ---------- home ---------- */

  nv.homeMarker = null;

  function setHome(lat, lon, radius, fit) {
    homeLayer.clearLayers();
    nv.homeMarker = null;
    if (!isNum(lat) || !isNum(lon)) { nv.updateLegend(); return; }
    if (isNum(radius) && radius > 0) {
      L.circle([lat, lon], {
        radius: radius, pane: 'nv-ring', interactive: false,
        color: '#b4530f', weight: 3, dashArray: '8 6', fillColor: '#ffffff', fillOpacity: 0.45
      }).addTo(homeLayer);
    }
    nv.homeMarker = L.marker([lat, lon], {
      icon: L.divIcon({
        className: 'nv-home', html: '<span class="nv-home-shape" aria-hidden="true"></span>',
        iconSize: L.point(44, 44), iconAnchor: L.point(22, 24), tooltipAnchor: L.point(18, 0)
      }),
      pane: 'nv-schools', keyboard: true, zIndexOffset: 500, bubblingMouseEvents: false
    });
    nv.homeMarker.bindTooltip(function () { return el('div', 'nv-card-name', nv.texts.home); }, { direction: 'auto' });
    nv.homeMarker.on('add', function () {
      var node = nv.homeMarker.getElement();
      if (node) node.setAttribute('aria-label', nv.texts.home);
      placeHome();
    });
    nv.homeMarker.addTo(homeLayer);
    nv.updateLegend();
    if (fit) nv.fitLayers([homeLayer]);
  }

  // The home never hides a school: with a school (or a group of them) under it, the house stands
  // above its spot on a stem, and only the house itself takes taps, so the school stays in sight and
  // can be tapped too.
  function placeHome() {
    var node = nv.homeMarker && nv.homeMarker.getElement();
    if (!node) return;
    var here = map.latLngToLayerPoint(nv.homeMarker.getLatLng());
    var covered = false;
    nv.schoolMarkers.forEach(function (marker) {
      if (covered) return;
      var shown = nv.isListed(marker.nvProps.id) ? marker : nv.schoolLayer.getVisibleParent(marker);
      if (!shown) return;
      var p = map.latLngToLayerPoint(shown.getLatLng());
      covered = Math.abs(p.x - here.x) < 40 && Math.abs(p.y - here.y) < 44;
    });
    node.classList.toggle('nv-lifted', covered);
  }

  function clearHome() { setHome(null, null, null, false); }

  /* ---------- one school's trip: walks dashed, rides solid along their stops ---------- */

  // Not colour alone: a walk is a dotted line, a ride a thick solid one with its stops as dots;
  // in high contrast both are black on a white casing.
  function setTrip(legs, fit) {
    tripLayer.clearLayers();
    nv.tripLegs = [];
    nv.lastTrip = Array.isArray(legs) ? legs : [];
    nv.lastTrip.forEach(function (leg) {
      if (!leg) return;
      var pts = (Array.isArray(leg.path) ? leg.path : []).filter(function (p) {
        return Array.isArray(p) && isNum(p[0]) && isNum(p[1]);
      });
      if (pts.length < 2) return;
      var walk = leg.mode === 'walk';
      // Near-black on a white casing: it stands out over every line's own colour.
      var ink = nv.look.contrast ? '#000000' : '#16202c';
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
      nv.tripLegs.push(walk ? 'walk' : 'ride');
    });
    nv.updateLegend();
    if (fit && nv.tripLegs.length) {
      // The profile frames the whole of it: home, the trip, and the school at its end.
      var bounds = tripLayer.getBounds();
      if (nv.homeMarker) bounds.extend(nv.homeMarker.getLatLng());
      var school = nv.highlightedId && nv.schoolMarkers.get(nv.highlightedId);
      if (school) bounds.extend(school.getLatLng());
      nv.fitBounds(bounds, 16);
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
    nv.updateLegend();
  }
})(window.navigatorMapParts);

/*
 * Navigator's map, framing: what the view shows when the map is told to fit the schools, the home or a trip.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, isNum = nv.isNum;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { fitLayers: fitLayers, fitBounds: fitBounds, setView: setView, fitAll: fitAll });

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
    var names = nv.listedIds.length ? Math.min(120, size.x / 5) : 24;
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
    fitLayers([nv.schoolLayer, nv.homeLayer, nv.zoneLayer, nv.transitLayer, nv.stopLayer]);
  }
})(window.navigatorMapParts);

/*
 * Navigator's map, the API Python calls (window.navigatorMap), texts and direction, taps on the map, and the
 * page's start: the last part loaded, so every other part is in place when it runs.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, DEFAULT_TEXTS = nv.DEFAULT_TEXTS, str = nv.str, send = nv.send;

  /* ---------- texts and direction ---------- */

  function placeControls() {
    if (map.zoomControl) map.zoomControl.setPosition(nv.rtl ? 'topright' : 'topleft');
    nv.legend.setPosition(nv.rtl ? 'bottomleft' : 'bottomright');
  }

  function setTexts(newTexts, isRtl, lang) {
    nv.texts = Object.assign({}, DEFAULT_TEXTS);
    Object.keys(newTexts || {}).forEach(function (k) {
      if (typeof newTexts[k] === 'string' && newTexts[k]) nv.texts[k] = newTexts[k];
    });
    nv.rtl = !!isRtl;
    var root = document.documentElement;
    root.setAttribute('dir', nv.rtl ? 'rtl' : 'ltr');
    if (str(lang)) root.setAttribute('lang', str(lang));
    document.title = nv.texts.map_label;
    map.getContainer().setAttribute('aria-label', nv.texts.map_label);
    placeControls();  // re-creates the zoom buttons: label them after
    if (map.zoomControl) {
      map.zoomControl.options.zoomInTitle = nv.texts.zoom_in;
      map.zoomControl.options.zoomOutTitle = nv.texts.zoom_out;
      var zc = map.zoomControl.getContainer();
      [['.leaflet-control-zoom-in', nv.texts.zoom_in], ['.leaflet-control-zoom-out', nv.texts.zoom_out]].forEach(function (b) {
        var btn = zc.querySelector(b[0]);
        if (btn) { btn.title = b[1]; btn.setAttribute('aria-label', b[1]); }
      });
    }
    nv.schoolMarkers.forEach(nv.labelSchool);
    if (nv.homeMarker && nv.homeMarker.getElement()) nv.homeMarker.getElement().setAttribute('aria-label', nv.texts.home);
    document.querySelectorAll('.leaflet-popup-close-button').forEach(function (b) {
      b.setAttribute('aria-label', nv.texts.close);
    });
    nv.schoolLayer.refreshClusters();
    nv.updateLegend();
    nv.updateBasemapNote();
  }

  map.on('popupopen', function (e) {
    var btn = e.popup.getElement() && e.popup.getElement().querySelector('.leaflet-popup-close-button');
    if (btn) { btn.setAttribute('aria-label', nv.texts.close); btn.title = nv.texts.close; }
  });

  /* ---------- map clicks (tap the map to set home) ---------- */

  map.on('click', function (e) {
    send('mapClicked', e.latlng.lat, e.latlng.lng);
  });

  /* ---------- the API Python calls ---------- */

  function reset() {
    nv.highlightedId = null;
    nv.setLegendFolded(null);
    map.closePopup();
    nv.setSchools([], false);
    nv.clearHome();
    nv.setBoundaries([]);
    nv.setTrip([], false);
    nv.listedIds = [];
    document.body.classList.remove('nv-only-listed', 'nv-has-listed');
    nv.showAllLines = false;
    nv.setLineFocus([]);
  }

  window.navigatorMap = {
    setSchools: nv.setSchools,
    setHome: nv.setHome,
    clearHome: nv.clearHome,
    setTransit: nv.setTransit,
    setBoundaries: nv.setBoundaries,
    setTrip: nv.setTrip,
    highlight: nv.highlight,
    openSchool: nv.openSchool,
    setTexts: setTexts,
    setView: nv.setView,
    fitAll: nv.fitAll,
    setBasemap: nv.setBasemap,
    setLook: nv.setLook,
    setLegendFolded: nv.setLegendFolded,
    setListed: nv.setListed,
    setLineFocus: nv.setLineFocus,
    setShowAllLines: nv.setShowAllLines,
    setPlaces: nv.setPlaces,
    reset: reset,
    // read-only views, for tests and diagnostics
    schoolCount: function () { return nv.schoolLayer.getLayers().length + nv.listedLayer.getLayers().length; },
    schoolIds: function () { return Array.from(nv.schoolMarkers.keys()); },
    markerFor: function (id) { return nv.schoolMarkers.get(str(id)) || null; },
    highlighted: function () { return nv.highlightedId; },
    listedIds: function () { return nv.listedIds.slice(); },
    declutter: nv.declutter,
    // the school's marker, or the group it is drawn in at this zoom
    shownAs: function (id) {
      var m = nv.schoolMarkers.get(str(id));
      var shown = m && (nv.isListed(m.nvProps.id) ? m : nv.schoolLayer.getVisibleParent(m));
      return shown ? shown.getElement() : null;
    },
    drawnLines: function () { return nv.drawnLines.map(function (l) { return Object.assign({}, l); }); },
    shownLabels: function () {
      return Array.from(document.querySelectorAll('.nv-school-name, .nv-line-name, .nv-place-name')).filter(function (n) {
        return !n.classList.contains('nv-hidden-label');
      }).map(function (n) { return n.textContent; });
    },
    basemapLabels: function () { return Array.from(nv.placedLabels.values()); },
    basemapStyle: function () { return nv.basemap ? { contrast: nv.look.contrast, scale: nv.look.scale,
      nameKeys: nv.look.nameKeys, land: nv.basemap.backgroundColor || null } : null; },
    homeLifted: function () { var n = nv.homeMarker && nv.homeMarker.getElement(); return !!(n && n.classList.contains('nv-lifted')); },
    legendFolded: nv.isLegendFolded,
    tripLegs: function () { return nv.tripLegs.slice(); },
    tripInView: function () { return nv.tripLegs.length > 0 && map.getBounds().contains(nv.tripLayer.getBounds()); },
    map: map,
    errors: []
  };

  window.addEventListener('error', function (e) {
    var msg = str(e.message) + ' (' + str(e.filename) + ':' + str(e.lineno) + ')';
    window.navigatorMap.errors.push(msg);
    send('pageError', msg);
  });

  setTexts({}, false);

  nv.connect();
})(window.navigatorMapParts);

/*
 * Navigator's map, the street map under everything: the pack's vector tiles, drawn by protomaps-leaflet in
 * Navigator's own quiet style (or the protomaps flavour), its labels in the family's language, and the
 * note that says when there is no street map or whose it is.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, el = nv.el, str = nv.str, isNum = nv.isNum;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { setBasemap: setBasemap, setLook: setLook, updateBasemapNote: updateBasemapNote });

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
  nv.look = { nameKeys: ['name:en'], contrast: false, scale: 1 };
  nv.basemap = null;          // the protomaps-leaflet layer, when the pack has a street map
  nv.basemapInfo = null;      // what Python said about it (url, zooms, layer scheme, credit)
  var placedLabels = nv.placedLabels = new Map(); // "layer|text" -> {layer, text, key}: what the labeller drew

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
      var px = (typeof size === 'function' ? size(z) : size) * nv.look.scale;
      return String(weight || BASEMAP_STYLES[nv.look.contrast ? 'contrast' : 'normal'].weight) + ' ' +
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
      for (var i = 0; i < nv.look.nameKeys.length; i++) {
        if (str(props[nv.look.nameKeys[i]])) return nv.look.nameKeys[i];
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
    var c = BASEMAP_STYLES[nv.look.contrast ? 'contrast' : 'normal'];
    var options = {
      url: nv.basemapInfo.url, maxDataZoom: nv.basemapInfo.max_zoom, levelDiff: 0, maxZoom: 19,
      attribution: '', backgroundColor: c.land, noWrap: true
    };
    if (nv.basemapInfo.layer_scheme === 'protomaps') {
      options.flavor = nv.look.contrast ? 'black' : 'light';
      options.lang = nv.look.nameKeys[0].replace('name:', '');
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
    if (nv.basemap) { map.removeLayer(nv.basemap); nv.basemap = null; }
    placedLabels.clear();
    document.body.classList.toggle('nv-has-basemap', !!nv.basemapInfo);
    updateBasemapNote();
    nv.drawPlaces();
    nv.drawLines();
    if (!nv.basemapInfo) return;
    var options = basemapLayerOptions();
    // protomaps-leaflet's layer options: its sources live in the layer, so a new style is a new layer.
    nv.basemap = window.protomapsL.leafletLayer(options);
    nv.basemap.addTo(map);
    nv.basemap.bringToBack();
    document.documentElement.style.setProperty('--nv-land', options.backgroundColor || '');
  }

  // Called by Python with the pack's street map (or null: the pack has none).
  function setBasemap(info) {
    var ok = info && typeof info === 'object' && /^navigator-tiles:\/\/\/[A-Za-z0-9_-]+\/\{z\}\/\{x\}\/\{y\}\.mvt$/.test(str(info.url));
    if (ok && typeof window.protomapsL === 'undefined') {
      console.warn('the street map script is missing: drawing no street map');
      ok = false;
    }
    nv.basemapInfo = ok ? {
      url: str(info.url), max_zoom: isNum(info.max_zoom) ? info.max_zoom : 14,
      layer_scheme: str(info.layer_scheme) || 'navigator'
    } : null;
    drawBasemap();
    return !!nv.basemapInfo;
  }

  // Language (its name:LANG keys, best first), high contrast and text size.
  function setLook(nameKeys, contrast, scale) {
    var keys = (Array.isArray(nameKeys) ? nameKeys : []).map(str).filter(function (k) { return /^name:[A-Za-z-]+$/.test(k); });
    var next = { nameKeys: keys.length ? keys : ['name:en'], contrast: !!contrast,
      scale: isNum(scale) && scale > 0.5 && scale < 3 ? scale : 1 };
    var restyle = next.contrast !== nv.look.contrast || next.scale !== nv.look.scale ||
      (nv.basemapInfo && nv.basemapInfo.layer_scheme === 'protomaps' && next.nameKeys[0] !== nv.look.nameKeys[0]);
    var relabel = next.nameKeys.join() !== nv.look.nameKeys.join();
    var recolour = next.contrast !== nv.look.contrast;
    nv.look = next;
    document.body.classList.toggle('nv-contrast', nv.look.contrast);
    if (recolour && nv.lastTrip && nv.lastTrip.length) nv.setTrip(nv.lastTrip, false);
    document.documentElement.style.setProperty('--nv-scale', String(nv.look.scale));
    if (!nv.basemap) return;
    if (restyle) {
      drawBasemap();
    } else if (relabel) {
      placedLabels.clear();
      nv.basemap.clearLayout();
      nv.basemap.rerenderTiles();
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
    box.textContent = nv.basemapInfo ? nv.texts.basemap_credit : nv.texts.no_basemap;
    if (!nv.basemapInfo) box.appendChild(el('span', 'nv-basemap-can-add', nv.texts.basemap_can_add));
    box.classList.toggle('nv-basemap-missing', !nv.basemapInfo);
    box.hidden = !box.textContent;
  }
})(window.navigatorMapParts);

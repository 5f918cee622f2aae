/*
 * Navigator's map, transit: the lines near the family (or every line, when asked), each in its colour and
 * dash pattern and named on the line itself, and the stops with the lines that call there.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, el = nv.el, dataEl = nv.dataEl, str = nv.str, safeColor = nv.safeColor, isNum = nv.isNum;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { setTransit: setTransit, setLineFocus: setLineFocus, setShowAllLines: setShowAllLines,
    drawLines: drawLines, placeLineLabels: placeLineLabels });

  var transitLayer = nv.transitLayer = L.featureGroup().addTo(map);
  var stopLayer = nv.stopLayer = L.featureGroup().addTo(map);
  // A town's few stops are always drawn. A city's thousands (LA Metro's bus stops) are drawn
  // only from street zoom, only those in view, on one canvas instead of an SVG element each: at
  // city zoom they would cover the map, and they cost the page about 100 MB.  Small and grey
  // either way, under the schools' pane: a tap on a school is the school's.
  var MANY_STOPS = nv.MANY_STOPS = 500;
  var STOPS_FROM_ZOOM = nv.STOPS_FROM_ZOOM = 15;
  var stopCanvas = L.canvas({ pane: 'nv-stops', padding: 0.3 });
  nv.allStops = [];

  function drawStops() {
    stopLayer.clearLayers();
    var many = nv.allStops.length > MANY_STOPS;
    if (many && map.getZoom() < STOPS_FROM_ZOOM) return;
    var near = many ? map.getBounds().pad(0.3) : null;
    nv.allStops.forEach(function (stop) {
      if (near && !near.contains([stop.lat, stop.lon])) return;
      L.circleMarker([stop.lat, stop.lon], {
        pane: 'nv-stops', radius: many ? 4 : 5, weight: 2, color: '#6b7683', fillColor: '#ffffff', fillOpacity: 1,
        bubblingMouseEvents: false, renderer: many ? stopCanvas : undefined
      }).bindTooltip(function () { return stopCard(stop); }, { direction: 'auto' }).addTo(stopLayer);
    });
  }
  map.on('moveend', function () {
    if (nv.allStops.length > MANY_STOPS) { drawStops(); nv.updateLegend(); }
  });

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

  /* ---------- transit ---------- */

  // Lines that explain themselves: only the lines serving the home's and the listed schools'
  // stops are drawn (setLineFocus), the rest when the family asks in the key; without a street map
  // the trains are drawn too, thinner, as bearings.  Each line in the feed's colour (or one of
  // PALETTE's, apart from its neighbours), with its own dash pattern, and named with its operator
  // on the map and in the key: never colour alone.
  var PALETTE = ['#1b6ca8', '#b8336a', '#2e7d32', '#8e5b00', '#6a3d9a', '#00838f', '#c2410c', '#4b5563'];
  var DASHES = ['', '14 6', '4 6', '16 5 4 5', '9 9', '2 5 10 5'];
  nv.allLines = [];        // [{id, name, mode, color, features}], the pack's order
  var lineFocus = [];       // ids of the lines near the family
  nv.showAllLines = false; // the family asked for every line, in the key
  nv.drawnLines = [];      // [{id, name, color, dash, bearing}] what drawLines drew
  var lineLabels = nv.lineLabels = L.featureGroup().addTo(map);

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
    nv.allLines = Array.from(byId.values());
    drawLines();
    nv.allStops = [];
    (Array.isArray(stops) ? stops : []).forEach(function (s) {
      if (!s) return;
      var lat = isNum(s.lat) ? s.lat : s.latitude;
      var lon = isNum(s.lon) ? s.lon : s.longitude;
      if (!isNum(lat) || !isNum(lon)) return;
      nv.allStops.push({ name: str(s.name), lines: s.lines, lat: lat, lon: lon });
    });
    drawStops();
    nv.updateLegend();
  }

  function setLineFocus(ids) {
    lineFocus = (Array.isArray(ids) ? ids : []).map(str);
    drawLines();
    nv.updateLegend();
  }

  function setShowAllLines(all) {
    nv.showAllLines = !!all;
    drawLines();
    nv.updateLegend();
  }

  function linesToDraw() {
    // A town's few lines are all drawn; a city's, only the family's (and trains as bearings).
    var few = nv.allLines.length <= 8;
    return nv.allLines.filter(function (line) {
      return nv.showAllLines || few || lineFocus.indexOf(line.id) >= 0;
    }).map(function (line) { return { line: line, bearing: false }; }).concat(
      (!nv.basemapInfo && !nv.showAllLines && nv.allLines.length > 8) ? nv.allLines.filter(function (line) {
        return line.mode === 'rail' && lineFocus.indexOf(line.id) < 0;
      }).map(function (line) { return { line: line, bearing: true }; }) : []);
  }

  function drawLines() {
    transitLayer.clearLayers();
    nv.drawnLines = [];
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
      nv.drawnLines.push({ id: line.id, name: line.name, color: color, dash: dash, bearing: item.bearing,
        mode: line.mode });
    });
    placeLineLabels();
  }

  // Each drawn line's name on the line itself, at its point nearest the middle of the view.
  function placeLineLabels() {
    lineLabels.clearLayers();
    var middle = map.getCenter();
    var view = map.getBounds();
    nv.drawnLines.forEach(function (drawn) {
      var line = nv.allLines.find(function (l) { return l.id === drawn.id; });
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
})(window.navigatorMapParts);

/*
 * Navigator's map, the key (legend): one row for each kind of thing drawn, folding away behind one button.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, STATES = nv.STATES, SHAPES = nv.SHAPES, el = nv.el, dataEl = nv.dataEl, send = nv.send;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { isLegendFolded: isLegendFolded, setLegendFolded: setLegendFolded,
    updateLegend: updateLegend });

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
      this._title.textContent = nv.texts.legend_title;
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
        item.appendChild(el('span', 'nv-legend-text', row.text || nv.texts[row.key]));
        list.appendChild(item);
      });
      applyLegendFold();
    }
  });
  var legend = nv.legend = new Legend().addTo(map);

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
    legend._toggle.title = folded ? nv.texts.show_key : nv.texts.hide_key;
    legend._toggle.setAttribute('aria-label', nv.texts.legend_title + ': ' + (folded ? nv.texts.show_key : nv.texts.hide_key));
    keepNoteBeside();
  }

  // The street map's note (the other bottom corner) as narrow as the key leaves room for, so a
  // narrow map (beside a wide list) never has the one under the other: map.css reads the width,
  // told when the key is drawn, folded or hidden, and by an observer when the text size changes.
  function keepNoteBeside() {
    var box = legend.getContainer();
    map.getContainer().style.setProperty('--nv-key-width', (box.hidden ? 0 : box.offsetWidth) + 'px');
  }
  new ResizeObserver(keepNoteBeside).observe(legend.getContainer());

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
    nv.schoolMarkers.forEach(function (m) {
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
    if (nv.homeMarker) rows.push({ key: 'home', symbol: 'nv-home', inner: 'nv-home-shape' });
    nv.drawnLines.forEach(function (line) {
      rows.push({ key: 'line', line: line, text: line.name });
    });
    if (nv.allLines.length > 8) {
      rows.push({ key: 'all-lines', text: nv.showAllLines ? nv.texts.near_lines : nv.texts.all_lines,
        button: function () { nv.setShowAllLines(!nv.showAllLines); } });
    }
    if (nv.allStops.length) {
      var hidden = nv.allStops.length > nv.MANY_STOPS && map.getZoom() < nv.STOPS_FROM_ZOOM;
      rows.push({ key: 'stop', symbol: 'nv-sym-stop', text: hidden ? nv.texts.stop_zoom : undefined });
    }
    if (nv.zoneLayer.getLayers().some(function (g) { return g.getLayers().length; })) {
      rows.push({ key: 'zone', symbol: 'nv-sym-zone' });
    }
    if (nv.tripLegs.indexOf('walk') >= 0) rows.push({ key: 'trip_walk', symbol: 'nv-sym-walk' });
    if (nv.tripLegs.indexOf('ride') >= 0) rows.push({ key: 'trip_ride', symbol: 'nv-sym-ride' });
    legend.render(rows);
    legend.getContainer().hidden = rows.length === 0;
    keepNoteBeside();
  }
})(window.navigatorMapParts);

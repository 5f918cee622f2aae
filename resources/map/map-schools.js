/*
 * Navigator's map, the schools: their markers (drawn alike whatever their sector), the clusters they group
 * in, the schools the list shows (out of the clusters, named beside their markers), the highlight and
 * the short list a tap on a cluster opens.
 * One part of the map page: map-base.js says how the parts fit together.
 */
(function (nv) {
  'use strict';

  var map = nv.map, STATES = nv.STATES, SHAPES = nv.SHAPES, el = nv.el, dataEl = nv.dataEl, str = nv.str,
    isNum = nv.isNum, send = nv.send;
  // What the other parts call (declarations are hoisted).
  Object.assign(nv, { setSchools: setSchools, setListed: setListed, labelSchool: labelSchool,
    isListed: isListed, spreadListed: spreadListed, highlight: highlight, openSchool: openSchool });

  var shapedMap = false;  // set by setSchools before the clusters are made again
  var schoolLayer = nv.schoolLayer = L.markerClusterGroup({
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

  var schoolMarkers = nv.schoolMarkers = new Map(); // id -> marker
  nv.highlightedId = null;
  // The schools the list shows on screen: never grouped, each named beside its marker, and framed
  // with the home (setListed).  The rest of the results group in clusters, smaller and quieter.
  var listedLayer = nv.listedLayer = L.featureGroup().addTo(map);
  var nameLayer = nv.nameLayer = L.featureGroup().addTo(map);  // their names, beside them (aria: the marker's own label)
  nv.listedIds = [];

  /* ---------- content built from data, as text ---------- */

  function schoolCard(props) {
    var card = el('div', 'nv-card');
    card.appendChild(dataEl('div', 'nv-card-name', props.name));
    if (str(props.label)) card.appendChild(dataEl('div', 'nv-card-label', props.label));
    return card;
  }

  function schoolAccessibleName(props) {
    var parts = [str(props.name), str(props.label)].filter(Boolean);
    var state = STATES.indexOf(props.state) >= 0 ? nv.texts[props.state] : '';
    if (state) parts.push(state);
    if (str(props.who)) parts.push(str(props.who));
    return parts.join(', ');
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
      icon: schoolIcon(clean.state, id === nv.highlightedId, clean.shape, false),
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
    var listed = nv.listedIds;
    nv.listedIds = [];
    setListed(listed, false);
    nv.updateLegend();
    if (fit && markers.length) nv.fitLayers([schoolLayer, nv.homeLayer]);
    if (nv.highlightedId && !schoolMarkers.has(nv.highlightedId)) nv.highlightedId = null;
    applyHighlight(false);
    nv.placeHome();
  }

  function isListed(id) { return nv.listedIds.indexOf(id) >= 0; }

  function schoolIconOf(marker) {
    var id = marker.nvProps.id;
    return schoolIcon(marker.nvProps.state, id === nv.highlightedId, marker.nvProps.shape, isListed(id),
      isListed(id) ? marker.nvOffset : null);
  }

  // Listed schools on one campus (or a few metres apart) would hide each other: at each zoom the
  // later ones in the list's order step aside around the first, 34 px out, each still its own
  // marker to tap, with its name beside it.
  var SPREAD = 34;
  function spreadListed() {
    var placed = [];
    nv.listedIds.forEach(function (id) {
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
    nv.listedIds.forEach(function (id) {
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
    var before = nv.listedIds;
    nv.listedIds = wanted;
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
    document.body.classList.toggle('nv-has-listed', nv.listedIds.length > 0);
    if (frame) frameListed();
    spreadListed();
    nv.placeHome();
    nv.declutterSoon();
  }

  function frameListed() {
    if (!nv.listedIds.length) { if (nv.homeMarker) nv.setView(nv.homeMarker.getLatLng().lat, nv.homeMarker.getLatLng().lng, 15); return; }
    var bounds = L.latLngBounds([]);
    nv.listedIds.forEach(function (id) { bounds.extend(schoolMarkers.get(id).getLatLng()); });
    if (nv.homeMarker) bounds.extend(nv.homeMarker.getLatLng());
    nv.fitBounds(bounds, 16);
  }

  function applyHighlight(pan) {
    document.querySelectorAll('.nv-cluster.nv-highlight').forEach(function (n) {
      n.classList.remove('nv-highlight');
    });
    schoolMarkers.forEach(function (marker, id) {
      var on = id === nv.highlightedId;
      if (!!marker.nvHighlighted !== on) {
        marker.nvHighlighted = on;
        marker.setIcon(schoolIconOf(marker));
        marker.setZIndexOffset(on ? 1000 : 0);
        labelSchool(marker);
      }
    });
    var marker = nv.highlightedId ? schoolMarkers.get(nv.highlightedId) : null;
    if (!marker) return;
    var shown = schoolLayer.getVisibleParent(marker);
    if (shown && shown !== marker && shown.getElement()) shown.getElement().classList.add('nv-highlight');
    if (pan) {
      var inner = map.getBounds().pad(-0.1);
      if (!inner.contains(marker.getLatLng())) map.panTo(marker.getLatLng());
    }
  }

  function highlight(id) {
    nv.highlightedId = id ? str(id) : null;
    applyHighlight(true);
  }

  schoolLayer.on('animationend', function () { applyHighlight(false); nv.placeHome(); });
  map.on('zoomend', function () { applyHighlight(false); nv.placeHome(); });

  // A tap (or Enter) on a group opens it into its schools, named: a short list to choose from;
  // a big group (the whole county zoomed out) zooms in instead.
  var CLUSTER_LIST_MAX = 12;
  function openCluster(cluster) {
    var children = cluster.getAllChildMarkers();
    if (children.length > CLUSTER_LIST_MAX) { cluster.zoomToBounds({ padding: [48, 48] }); return; }
    children.sort(function (a, b) { return a.nvProps.name.localeCompare(b.nvProps.name); });
    var box = el('div', 'nv-card nv-cluster-list');
    box.appendChild(el('div', 'nv-card-name', nv.texts.cluster_open));
    var list = el('ul', 'nv-cluster-schools');
    children.forEach(function (marker) {
      var item = el('li');
      var button = dataEl('button', 'nv-cluster-school', marker.nvProps.name);
      button.type = 'button';
      button.setAttribute('data-school-id', marker.nvProps.id);
      if (marker.nvProps.state === 'zoned') button.appendChild(el('span', 'nv-cluster-zoned-note', ' · ' + nv.texts.zoned));
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
    var label = nv.texts.cluster.replace('{n}', String(cluster.getChildCount()));
    node.setAttribute('aria-label', clusterHasZoned(cluster) ? label + ', ' + nv.texts.zoned : label);
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
})(window.navigatorMapParts);

"""The offline school map: a folium-built Leaflet page in a QWebEngineView, driven over QWebChannel.

The page is built by folium ahead of time, filled in once per run (:func:`page_html`) and loaded
once per view; after that every change goes through :class:`MapView`'s methods, which call
``window.navigatorMap`` in the page with JSON arguments, and the page answers through the
:class:`MapBridge` registered as ``bridge``.

How the page stays offline:

* folium renders the map into resources/map/map.html (our Figure template) ahead of time
  (navigator/gui/map_template.py keeps the result as resources/map/page.html); its CDN links become
  ``file:`` URLs of the Leaflet and Leaflet.markercluster copies that the xstatic packages install;
  folium's other extras (jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped;
* the map's scripts (``map-*.js``, by layer: map_template.APP_SCRIPTS) and map.css are local files
  beside the template, ``qwebchannel.js`` comes from Qt's ``qrc:``,
  and protomaps-leaflet (the street map's renderer) from npm's install in ``node_modules/``;
* the street map's tiles come from the pack through the app's own ``navigator-tiles:`` URL scheme
  (navigator/gui/tile_scheme.py): no web server, no port;
* the page's Content-Security-Policy allows scripts only from ``file:``/``qrc:`` and the page's own
  inline scripts (by hash), styles and images only from local schemes, and connections only to
  ``navigator-tiles:``;
* the view uses a private, off-the-record profile whose :class:`~navigator.gui.web_guard.RequestGuard`
  blocks any request that is not local, and the page refuses every navigation after the first load.

Calls made before the page is up are kept and applied when it reports ``ready``; the latest state of
each layer is kept too, so a crashed renderer is reloaded and redrawn as it was.  What the page is
given is cleaned up first (:mod:`navigator.gui.map_data`): only finite numbers and plain JSON.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from navigator.basemap.store import BasemapInfo
from navigator.resources import resources_dir, street_map_script


def configure_chromium_environment() -> None:
    """Chromium flags that must be set before QtWebEngine starts (it reads them once).

    Chromium refuses to start its sandbox as root, and an offscreen platform has no GPU; leave any flags
    the caller already chose alone.
    """
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    wanted = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        wanted.append("--no-sandbox")
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        wanted.append("--disable-gpu")
    added = [flag for flag in wanted if flag not in flags]
    if added:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, *added])


configure_chromium_environment()

import shiboken6  # noqa: E402
from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWebChannel import QWebChannel  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from navigator.gui import map_data, tile_scheme  # noqa: E402
from navigator.gui.tile_scheme import TileSchemeHandler, install_tile_handler, scheme_registered  # noqa: E402
from navigator.gui.web_guard import RequestGuard, install_guard, private_profile  # noqa: E402

log = logging.getLogger(__name__)

BACKGROUND = "#dce6ed"  # the page's "water" colour, also painted by Qt before the page is up
CSP_PLACEHOLDER = "__NAVIGATOR_CSP__"


# ---------------------------------------------------------------------------------------------------
# The page


def map_dir() -> Path:
    return resources_dir() / "map"


def leaflet_files() -> dict[str, Path]:
    """Leaflet and Leaflet.markercluster as the xstatic packages install them."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    lf = Path(leaflet.BASE_DIR)
    mc = Path(markercluster.BASE_DIR)
    files = {
        "leaflet_js": lf / "leaflet.js",
        "leaflet_css": lf / "leaflet.css",
        "markercluster_js": mc / "leaflet.markercluster.js",
        "markercluster_css": mc / "MarkerCluster.css",
    }
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"map assets missing: {', '.join(missing)}")
    return files


def page_base_url() -> QUrl:
    """resources/map/ (with its trailing slash, so the map-*.js scripts and map.css resolve inside it)."""
    return QUrl.fromLocalFile(str(map_dir()) + os.sep)


def _content_security_policy(html: str) -> str:
    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in inline
    )
    return (
        "default-src 'none'; "
        f"script-src file: qrc: {hashes}; "
        "style-src file: 'unsafe-inline'; "
        "img-src file: qrc: data: blob:; "
        "font-src file: data:; "
        f"connect-src {tile_scheme.SCHEME}:; media-src 'none'; object-src 'none'; frame-src 'none'; "
        "worker-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


@cache
def page_html() -> str:
    """The folium-built page kept in resources/map/page.html, with the local Leaflet files filled in."""
    from navigator.gui.map_template import ASSETS, page_path

    html = page_path().read_text(encoding="utf-8")
    for key, path in leaflet_files().items():
        html = html.replace(ASSETS[key], path.as_uri())
    script = street_map_script()
    if script.is_file():
        html = html.replace(ASSETS["protomaps_js"], script.as_uri())
    else:  # the map still works, without a street map (setup.sh installs it; a warning says so)
        log.warning("the street map's script %s is missing: run scripts/setup.sh", script)
        html = html.replace(f'<script src="{ASSETS["protomaps_js"]}"></script>', "")
    if re.search(r"(src|href)=\"(https?:)?//", html):
        raise RuntimeError("the map page links to the network")
    return html.replace(CSP_PLACEHOLDER, _content_security_policy(html))


# ---------------------------------------------------------------------------------------------------
# The profile: one private profile (and guard) per app run for every map view


_profile: tuple[QWebEngineProfile, RequestGuard, TileSchemeHandler] | None = None


def map_profile() -> tuple[QWebEngineProfile, RequestGuard]:
    """The off-the-record profile the map pages share, and the guard that sees their requests."""
    return _shared_profile()[:2]


def map_tiles() -> TileSchemeHandler:
    """The street map's URL scheme handler on that profile (it counts the tiles it served)."""
    return _shared_profile()[2]


def _shared_profile() -> tuple[QWebEngineProfile, RequestGuard, TileSchemeHandler]:
    global _profile
    if _profile is not None and not shiboken6.isValid(_profile[0]):
        _profile = None  # the C++ profile went away without telling us (PySide ownership quirk)
    if _profile is None:
        app = QApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before a MapView")
        if not scheme_registered():
            log.warning("the %s: scheme was not registered before the QApplication; no street map",
                        tile_scheme.SCHEME)
        profile = private_profile(app)
        _profile = (profile, install_guard(profile, (tile_scheme.SCHEME,)), install_tile_handler(profile))
        profile.destroyed.connect(_forget_profile)
    return _profile


def _forget_profile(*_args: object) -> None:
    global _profile
    _profile = None


# ---------------------------------------------------------------------------------------------------
# Page and bridge


class MapPage(QWebEnginePage):
    """The map's page: logs console messages, never shows dialogs, never navigates after loading."""

    console_message = Signal(int, str)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.console: list[tuple[int, str]] = []  # (level, "message (source:line)")
        self.dialogs: list[str] = []  # alert/confirm/prompt attempts: none should ever happen
        self._navigations = 0

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 (Qt override)
        text = f"{message} ({source}:{line})"
        self.console.append((int(level.value), text))
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.warning("map page: %s", text)
        else:
            log.debug("map page: %s", text)
        self.console_message.emit(int(level.value), text)

    def errors(self) -> list[str]:
        error = int(QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel.value)
        return [text for level, text in self.console if level == error]

    def javaScriptAlert(self, origin, message):  # noqa: N802
        self.dialogs.append(f"alert: {message}")
        log.warning("map page tried alert(): %s", message)

    def javaScriptConfirm(self, origin, message):  # noqa: N802
        self.dialogs.append(f"confirm: {message}")
        return False

    def javaScriptPrompt(self, origin, message, default):  # noqa: N802
        self.dialogs.append(f"prompt: {message}")
        return False, ""

    def acceptNavigationRequest(self, url, navigation_type, is_main_frame):  # noqa: N802
        # The page is loaded by MapView (and reloaded only after a renderer crash); nothing in it may
        # navigate anywhere (a link, a dropped file, a script).
        if self._navigations == 0 or navigation_type == QWebEnginePage.NavigationType.NavigationTypeReload:
            self._navigations += 1
            return True
        log.warning("map page navigation refused: %s", url.toString())
        return False

    def allow_next_load(self) -> None:
        self._navigations = 0

    def createWindow(self, window_type):  # noqa: N802
        return None


class MapBridge(QObject):
    """The object the page sees as ``bridge``: its slots are what the page may tell Python."""

    page_ready = Signal()
    school_clicked = Signal(str)
    school_hovered = Signal(str)
    map_clicked = Signal(float, float)
    page_error = Signal(str)
    legend_folded = Signal(bool)

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 (called from JavaScript)
        self.page_ready.emit()

    @Slot(bool)
    def legendFolded(self, folded: bool) -> None:  # noqa: N802
        self.legend_folded.emit(bool(folded))

    @Slot(str)
    def schoolClicked(self, school_id: str) -> None:  # noqa: N802
        self.school_clicked.emit(str(school_id))

    @Slot(str)
    def schoolHovered(self, school_id: str) -> None:  # noqa: N802
        self.school_hovered.emit(str(school_id or ""))

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:  # noqa: N802
        self.map_clicked.emit(float(lat), float(lon))

    @Slot(str)
    def pageError(self, message: str) -> None:  # noqa: N802
        log.warning("map page error: %s", message)
        self.page_error.emit(str(message))


# ---------------------------------------------------------------------------------------------------
# The view


class MapView(QWebEngineView):
    """The school map.  Load once; then ``set_*`` calls update it in place.

    Signals: ``school_clicked(id)``, ``school_hovered(id)`` ("" when the pointer or focus leaves),
    ``map_clicked(lat, lon)`` (an empty spot of the map was clicked or tapped), ``ready()`` (page and
    channel are up; calls made earlier have been applied), ``page_error(message)``.
    """

    school_clicked = Signal(str)
    school_hovered = Signal(str)
    map_clicked = Signal(float, float)
    ready = Signal()
    page_error = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, profile: QWebEngineProfile | None = None) -> None:
        super().__init__(parent)
        if profile is None:
            profile, self.guard = map_profile()
            self.tiles: TileSchemeHandler | None = map_tiles()
        else:
            self.guard = None
            self.tiles = None
        self._page = MapPage(profile, self)
        self._page.setBackgroundColor(QColor(BACKGROUND))
        self.setPage(self._page)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no Back/Reload/View source
        self.setAcceptDrops(False)

        self.bridge = MapBridge(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject("bridge", self.bridge)
        self._page.setWebChannel(self._channel)
        self.bridge.page_ready.connect(self._on_page_ready)
        self.bridge.school_clicked.connect(self.school_clicked)
        self.bridge.school_hovered.connect(self.school_hovered)
        self.bridge.map_clicked.connect(self.map_clicked)
        self.bridge.page_error.connect(self.page_error)
        self.bridge.legend_folded.connect(self._remember_legend)

        self.load_count = 0
        self._ready = False
        self._state: dict[str, str] = {}  # latest call per layer, in call order: replayed on (re)load
        self._page.loadStarted.connect(self._on_load_started)
        self._page.renderProcessTerminated.connect(self._on_renderer_gone)
        self._page.setHtml(page_html(), page_base_url())

    # -- state ---------------------------------------------------------------------------------------

    @property
    def is_ready(self) -> bool:
        return self._ready

    def _on_load_started(self) -> None:
        self.load_count += 1
        self._ready = False

    def _on_page_ready(self) -> None:
        self._ready = True
        for script in self._state.values():
            self._page.runJavaScript(script, 0)
        self.ready.emit()

    def _on_renderer_gone(self, status, exit_code) -> None:
        self._ready = False
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return  # the app is closing
        log.warning("map renderer ended (%s, %s); reloading", status, exit_code)
        self._page.allow_next_load()
        self._page.setHtml(page_html(), page_base_url())

    def _call(self, key: str | None, function: str, *args: Any) -> None:
        script = f"void window.navigatorMap.{function}({','.join(map_data.to_json(a) for a in args)});"
        if key is not None:
            self._state.pop(key, None)
            self._state[key] = script
        if self._ready:
            self._page.runJavaScript(script, 0)

    def evaluate(self, script: str, callback: Callable[[Any], None]) -> None:
        """Run ``script`` in the page and pass its (JSON-like) value to ``callback``."""
        self._page.runJavaScript(script, 0, callback)

    # -- the API -------------------------------------------------------------------------------------

    def set_schools(self, features: Iterable[Mapping[str, Any]], fit_bounds: bool = False) -> None:
        """GeoJSON Point features with properties ``id``, ``name``, ``label`` and ``state``
        ("match" | "partial" | "zoned": the family's criteria only).  Dense markers cluster."""
        self._call("schools", "setSchools", map_data.school_features(features), bool(fit_bounds))

    def set_home(self, lat: float, lon: float, radius_m: float | None = None, fit: bool = False) -> None:
        """The family's home (or ZIP centre), with a ring of ``radius_m`` metres if given."""
        if not map_data.finite(lat, lon):
            raise ValueError(f"home must be finite coordinates, not {lat!r}, {lon!r}")
        radius = float(radius_m) if radius_m is not None and map_data.finite(radius_m) \
            and radius_m > 0 else None
        self._call("home", "setHome", float(lat), float(lon), radius, bool(fit))

    def clear_home(self) -> None:
        self._call("home", "clearHome")

    def set_transit(
        self, lines_geojson: Mapping[str, Any] | str | None, stops: Iterable[Mapping[str, Any]] = ()
    ) -> None:
        """Line shapes (a FeatureCollection whose features have ``line``, ``name``, ``mode``, ``color``)
        drawn in their own colours, and stops (``name``, ``lat``/``lon`` or ``latitude``/``longitude``,
        ``lines``: names, or dicts with ``name`` and ``color``) with their name and lines in a tooltip."""
        collection = map_data.maybe_json(lines_geojson) or {}
        lines = {"type": "FeatureCollection", "features": map_data.features(collection.get("features") or [])}
        self._call("transit", "setTransit", lines, map_data.stops(stops))

    def set_boundaries(self, features: Iterable[Mapping[str, Any] | str]) -> None:
        """Zone outlines: GeoJSON (Multi)Polygon features (a ``name`` property becomes a tooltip), or bare
        geometries as the pack's boundaries table holds them."""
        self._call("boundaries", "setBoundaries", map_data.features(features))

    def set_trip(self, legs: Iterable[Mapping[str, Any]], fit: bool = False) -> None:
        """One school's trip: legs with ``mode`` ("walk" dashed, a ride solid along its stops),
        ``path`` ([latitude, longitude] points) and ``label`` (words, shown as text); [] clears it.
        ``fit`` zooms to the trip."""
        clean = []
        for leg in legs:
            path = [[float(p[0]), float(p[1])] for p in leg.get("path") or ()
                    if isinstance(p, list | tuple) and len(p) >= 2 and map_data.finite(p[0], p[1])]
            if len(path) >= 2:
                clean.append({"mode": "walk" if leg.get("mode") == "walk" else "ride", "path": path,
                              "label": str(leg.get("label") or "")})
        self._call("trip", "setTrip", clean, bool(fit))

    def set_listed(self, school_ids: Iterable[str], frame: bool = False, only: bool = False) -> None:
        """The schools the list shows on screen, in its order: named on the map, never grouped, the
        other results quieter (``only``: not drawn); ``frame`` shows them and the home, and not
        much more."""
        self._call("listed", "setListed", [str(i) for i in school_ids], bool(frame), bool(only))

    def set_line_focus(self, line_ids: Iterable[str]) -> None:
        """The lines drawn by default (those serving the home's and the listed schools' stops); the
        key offers the rest."""
        self._call("line_focus", "setLineFocus", sorted(str(i) for i in line_ids))

    def set_places(self, places: Iterable[tuple[str, float, float]]) -> None:
        """Place names (name, latitude, longitude), drawn when the pack has no street map."""
        self._call("places", "setPlaces", [{"name": str(name), "lat": float(lat), "lon": float(lon)}
                                           for name, lat, lon in places if map_data.finite(lat, lon)])

    def highlight(self, school_id: str | None) -> None:
        """Enlarge and outline one school's marker (None: none) and pan to it if it is off-screen."""
        self._call("highlight", "highlight", school_id or None)

    def open_popup(self, school_id: str) -> None:
        """Show a school's popup, zooming in far enough to take it out of its cluster."""
        self._call(None, "openSchool", str(school_id))

    def set_texts(self, texts: Mapping[str, str], rtl: bool = False, lang: str | None = None) -> None:
        """Legend and control labels in the current language, and the page's ``dir`` (and ``lang``).

        Keys: legend_title, school, match, partial, zoned, home, stop, zone, zoom_in,
        zoom_out, close, map_label, cluster ("{n} schools").  Missing keys keep their English default.
        """
        clean = {str(k): str(v) for k, v in texts.items() if v is not None}
        self._call("texts", "setTexts", clean, bool(rtl), lang or "")

    def set_view(self, lat: float, lon: float, zoom: int | None = None) -> None:
        if not map_data.finite(lat, lon):
            raise ValueError("view centre must be finite coordinates")
        self._call("view", "setView", float(lat), float(lon), zoom)

    def fit_all(self) -> None:
        """Zoom to everything drawn."""
        self._call("view", "fitAll")

    def set_basemap(self, pack_path: Path | None) -> BasemapInfo | None:
        """Draw the pack's street map under everything (None, or a pack without one: the map says
        there is no street map).  Its tiles reach the page through the navigator-tiles: scheme."""
        info = None
        if pack_path is not None and self.tiles is not None:
            url, info = self.tiles.add_pack(pack_path)
        if info is None:
            self._call("basemap", "setBasemap", None)
            return None
        self._call("basemap", "setBasemap", {"url": url, "max_zoom": info.max_zoom,
                                             "layer_scheme": info.layer_scheme})
        return info

    def set_look(self, name_keys: Iterable[str], high_contrast: bool, text_scale: float) -> None:
        """The street map's labels in a language (its ``name:LANG`` keys, best first; streets keep
        the names they are signed with), its high-contrast style, and the map's text size."""
        self._call("look", "setLook", [str(k) for k in name_keys], bool(high_contrast),
                   float(text_scale) if map_data.finite(text_scale) else 1.0)

    def _remember_legend(self, folded: bool) -> None:
        """The family folded or opened the key: kept for this session (and a reloaded page)."""
        self._state.pop("legend", None)
        self._state["legend"] = f"void window.navigatorMap.setLegendFolded({map_data.to_json(bool(folded))});"

    def reset(self) -> None:
        """Forget the family: schools' states, home, zones, highlight, trip, the key's folding (transit,
        street map and texts stay)."""
        for key in ("schools", "home", "boundaries", "highlight", "legend", "trip", "listed", "line_focus"):
            self._state.pop(key, None)
        self._call(None, "reset")

"""The street map's tiles, from the pack to the map page, through a URL scheme of our own.

The page asks for ``navigator-tiles:///<pack token>/<z>/<x>/<y>.mvt``; :class:`TileSchemeHandler`
answers from the pack's ``basemap_tiles`` table (``navigator.basemap.store.TileStore``).  No web
server, no port, nothing a browser elsewhere on the machine could reach: the scheme exists only
inside this app's web profile.

Chromium learns about a scheme once, at start: :func:`register_tile_scheme` must run before the
QApplication is made (``navigator.gui.app.application`` does it).  The scheme is secure and local
(the page's ``file:`` origin may fetch it, and it may fetch nothing itself), CORS-enabled so the
page's ``fetch()`` reads the answer, and it never reaches the request guard's "network" side.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from navigator.basemap.store import BasemapInfo, TileStore

log = logging.getLogger(__name__)

SCHEME = "navigator-tiles"
_PATH = re.compile(r"^/([A-Za-z0-9_-]+)/(\d{1,2})/(\d{1,7})/(\d{1,7})\.mvt$")
CONTENT_TYPE = b"application/vnd.mapbox-vector-tile"


def register_tile_scheme() -> None:
    """Tell QtWebEngine about the scheme (once, before the QApplication exists)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    flag = QWebEngineUrlScheme.Flag
    scheme.setFlags(flag.SecureScheme | flag.LocalScheme | flag.CorsEnabled | flag.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)


def scheme_registered() -> bool:
    return bool(QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name())


class TileSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers tile requests from the packs the app has opened, and counts them.

    ``served`` counts tiles answered with data, ``empty`` the ones the pack does not have (the
    page draws them blank), ``refused`` malformed or unknown requests.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stores: dict[str, TileStore] = {}
        self._tokens: dict[Path, str] = {}
        self.served = 0
        self.empty = 0
        self.refused = 0

    def add_pack(self, pack_path: Path) -> tuple[str, BasemapInfo | None]:
        """The URL template for a pack's tiles and what they are (None: no street map)."""
        path = Path(pack_path).resolve()
        token = self._tokens.get(path)
        if token is None:
            token = f"p{len(self._tokens) + 1}"
            self._tokens[path] = token
            self._stores[token] = TileStore(path)
        return f"{SCHEME}:///{token}/{{z}}/{{x}}/{{y}}.mvt", self._stores[token].info

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        url = job.requestUrl()
        match = _PATH.match(url.path())
        store = self._stores.get(match.group(1)) if match else None
        if job.requestMethod() != QByteArray(b"GET") or store is None:
            self.refused += 1
            log.warning("tile request refused: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        z, x, y = (int(v) for v in match.groups()[1:])
        data = store.tile(z, x, y)
        if data:
            self.served += 1
        else:
            self.empty += 1
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data or b""))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(CONTENT_TYPE, buffer)


def install_tile_handler(profile: QWebEngineProfile) -> TileSchemeHandler:
    handler = TileSchemeHandler(profile)
    profile.installUrlSchemeHandler(SCHEME.encode(), handler)
    return handler

"""Keeping the embedded web page offline and forgetful.

The map is a web page inside the app.  It must never reach the network (the kiosk has none, and a family's
search must not leak), and nothing it does may be written to disk.  Two pieces do that:

* :func:`private_profile` makes an off-the-record ``QWebEngineProfile`` (cookies, storage and HTTP cache in
  memory only, gone when the app closes) with the web features the map does not need switched off;
* :class:`RequestGuard` sees every request any page of that profile makes, records it in ``seen`` and
  blocks anything that is not local (``file:``, ``qrc:``, ``data:``, ``blob:`` and the schemes passed in).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineProfileBuilder,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

LOCAL_SCHEMES: frozenset[str] = frozenset({"file", "qrc", "data", "blob"})


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Records every URL a page asks for and blocks all that are not local.

    ``seen`` holds every requested URL (as text) in order; ``blocked`` the ones refused.  ``blocked_request``
    is emitted for each refusal so the app can log it (it should never happen).
    """

    blocked_request = Signal(str)

    def __init__(self, parent: QObject | None = None, extra_schemes: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.allowed_schemes: frozenset[str] = LOCAL_SCHEMES | {s.lower() for s in extra_schemes}
        self.seen: list[str] = []
        self.blocked: list[str] = []

    def is_allowed(self, scheme: str) -> bool:
        return scheme.lower() in self.allowed_schemes

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt override)
        url = info.requestUrl()
        text = url.toString()
        self.seen.append(text)
        if not self.is_allowed(url.scheme()):
            info.block(True)
            self.blocked.append(text)
            self.blocked_request.emit(text)


def install_guard(profile: QWebEngineProfile, extra_schemes: Iterable[str] = ()) -> RequestGuard:
    """Install a :class:`RequestGuard` on ``profile`` (owned by it) and return it."""
    guard = RequestGuard(profile, extra_schemes)
    profile.setUrlRequestInterceptor(guard)
    return guard


def private_profile(parent: QObject | None = None) -> QWebEngineProfile:
    """An off-the-record profile for local pages: nothing reaches the disk, no web extras.

    Off-the-record forces cookies, storage and the HTTP cache into memory; the cache is switched off
    altogether since every asset is a local file anyway.
    """
    profile = QWebEngineProfileBuilder.createOffTheRecordProfile(parent)
    if not profile.isOffTheRecord():
        raise RuntimeError("QtWebEngine did not make an off-the-record profile")
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    profile.setSpellCheckEnabled(False)
    settings = profile.settings()
    attr = QWebEngineSettings.WebAttribute
    for attribute, on in (
        (attr.LocalContentCanAccessFileUrls, True),  # the page's own scripts and styles are files
        (attr.LocalContentCanAccessRemoteUrls, False),
        (attr.LocalStorageEnabled, False),
        (attr.JavascriptCanOpenWindows, False),
        (attr.JavascriptCanAccessClipboard, False),
        (attr.JavascriptCanPaste, False),
        (attr.PluginsEnabled, False),
        (attr.PdfViewerEnabled, False),
        (attr.NavigateOnDropEnabled, False),  # a file dropped on the map must not replace it
        (attr.DnsPrefetchEnabled, False),
        (attr.HyperlinkAuditingEnabled, False),
        (attr.WebRTCPublicInterfacesOnly, True),
        (attr.FullScreenSupportEnabled, False),
        (attr.ScreenCaptureEnabled, False),
        (attr.ErrorPageEnabled, False),
        (attr.FocusOnNavigationEnabled, False),
        (attr.AutoLoadIconsForPage, False),  # no favicon requests
        (attr.TouchIconsEnabled, False),
    ):
        settings.setAttribute(attribute, on)
    return profile

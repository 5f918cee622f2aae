"""How the app looks: text size, the stylesheet (default or high contrast) and language direction.

Text zoom changes the application font's point size; the stylesheet never fixes an absolute size
for ordinary text, and its few larger or smaller roles (headings, notes) are computed from the
same base, so everything grows together and layouts make room instead of clipping.  Qt's own
dialogs and buttons are translated from Qt's shipped ``qtbase_*.qm`` files.

Every scrolling part of every screen and dialog scrolls with a flick of the finger: one style
(``TouchStyle``) gives each scroll area a touch scroller as Qt polishes it, so a screen or dialog
added later needs nothing of its own.  The scroll bars themselves are 44 px wide (the
stylesheets).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QProxyStyle,
    QScroller,
    QWidget,
)

from navigator.i18n import is_rtl
from navigator.resources import resources_dir

BASE_POINT_SIZE = 13.0  # big and plain: 13 pt at 100 %
SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
DEFAULT_SCALE_INDEX = 1
ROLE_FACTORS = {"H1": 1.7, "H2": 1.3, "LEAD": 1.12, "SMALL": 0.88, "BADGE": 0.95, "GLYPH": 1.5}

# Qt's catalogue names where they differ from ours.
QT_LANGUAGE = {"zh_Hans": "zh_CN", "zh_Hant": "zh_TW"}


_SIDES = re.compile(r"\b(padding|border|margin)-(left|right)\b")


def stylesheet(scale: float, high_contrast: bool, rtl: bool = False) -> str:
    """The QSS for a text scale: ``%H1%``-style tokens in the file become point sizes.

    Right to left (Arabic, Farsi), Qt mirrors where a drop-down's arrow sits but not the padding
    kept free for it, nor a side border: those swap sides, or the arrow covers the text."""
    name = "high-contrast.qss" if high_contrast else "default.qss"
    folder = resources_dir() / "styles"
    text = (folder / name).read_text(encoding="utf-8").replace("%STYLES%", folder.as_posix())
    if rtl:
        text = _SIDES.sub(lambda m: f"{m[1]}-{'right' if m[2] == 'left' else 'left'}", text)
    base = BASE_POINT_SIZE * scale
    for token, factor in ROLE_FACTORS.items():
        text = text.replace(f"%{token}%", f"{base * factor:.1f}pt")
    return text.replace("%BASE%", f"{base:.1f}pt")


class TouchStyle(QProxyStyle):
    """The platform's style, with flick scrolling for every scroll area it polishes.

    A dialog's scrollers are let go when it finishes, before Qt deletes it: a scroller left on a
    deleted widget crashes Qt's gesture handling later (a known Qt problem with QScroller)."""

    def polish(self, target):  # noqa: D102 - QStyle.polish has widget, palette and app overloads
        result = super().polish(target)
        if isinstance(target, QAbstractScrollArea):
            flick_scrolling(target)
        elif isinstance(target, QDialog) and not target.property("releasesScrollers"):
            target.setProperty("releasesScrollers", True)
            target.finished.connect(lambda _result, dialog=target: release_scrolling(dialog))
        return result


def flick_scrolling(area: QAbstractScrollArea) -> None:
    """A finger dragged across the content scrolls it, with momentum (a mouse still selects)."""
    viewport = area.viewport()
    if not QScroller.hasScroller(viewport):
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)


def release_scrolling(root: QWidget) -> None:
    """Stop and let go of the touch scrollers of every scroll area in ``root``."""
    for area in root.findChildren(QAbstractScrollArea):
        viewport = area.viewport()
        if QScroller.hasScroller(viewport):
            QScroller.scroller(viewport).stop()
            QScroller.ungrabGesture(viewport)


def use_touch_style(app: QApplication) -> None:
    """Install ``TouchStyle`` once per application (before the stylesheet, which wraps it)."""
    if not isinstance(getattr(app, "navigator_style", None), TouchStyle):
        style = TouchStyle()
        app.setStyle(style)
        app.navigator_style = style  # kept: the application does not own a Python wrapper


class Appearance:
    """The current text scale and theme, applied to the whole application at once."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        use_touch_style(app)
        self.scale_index = DEFAULT_SCALE_INDEX
        self.high_contrast = False
        self._qt_translator: QTranslator | None = None
        self.rtl = False  # the language reads right to left: the stylesheet's sides swap
        # Told (scale, high_contrast) after every change: the map page follows the app's look.
        self.listeners: list[Callable[[float, bool], None]] = []

    @property
    def scale(self) -> float:
        return SCALES[self.scale_index]

    def apply(self) -> None:
        font = QFont(self.app.font())
        font.setPointSizeF(BASE_POINT_SIZE * self.scale)
        self.app.setFont(font)
        self.app.setStyleSheet(stylesheet(self.scale, self.high_contrast, self.rtl))
        for listener in self.listeners:
            listener(self.scale, self.high_contrast)

    def zoom(self, steps: int) -> None:
        """+1 larger, -1 smaller, 0 back to normal."""
        index = DEFAULT_SCALE_INDEX if steps == 0 else self.scale_index + steps
        index = max(0, min(len(SCALES) - 1, index))
        if index != self.scale_index or steps == 0:
            self.scale_index = index
            self.apply()

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.apply()

    def reset(self) -> None:
        self.scale_index = DEFAULT_SCALE_INDEX
        self.high_contrast = False
        self.apply()

    def apply_language(self, code: str) -> None:
        """Right-to-left layout for Arabic and the like; Qt's own strings in the same language."""
        self.app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(code)
                                    else Qt.LayoutDirection.LeftToRight)
        if is_rtl(code) != self.rtl:
            self.rtl = is_rtl(code)
            self.apply()
        if self._qt_translator is not None:
            self.app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if code == "en":
            return
        translator = QTranslator(self.app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{QT_LANGUAGE.get(code, code)}", folder):
            self.app.installTranslator(translator)
            self._qt_translator = translator


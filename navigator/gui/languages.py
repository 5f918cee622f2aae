"""Choosing a language: the welcome screen's big buttons and the picker on every screen.

Each language is named in its own script ("Español", "한국어"), read from the catalogues once per
run; the ones whose translation the community is still checking carry a star, explained beneath.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from navigator.gui.choices import choice_buttons
from navigator.gui.dialogs import FittedDialog
from navigator.gui.layouts import nest
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import Language, _, available_languages, translations_for


@cache
def languages() -> tuple[Language, ...]:
    """The languages on offer (read once per run): the complete ones first, then those whose
    translation is still being checked by the community."""
    found = available_languages()
    return tuple(sorted(found, key=lambda lang: lang.needs_review))


def language_named(code: str) -> Language | None:
    return next((lang for lang in languages() if lang.code == code), None)


REVIEW_MARK = " *"


def review_note(language: Language) -> str:
    """Why a language is marked: in that language when its catalogue has the words, else in the
    screen language."""
    message = "* Translation still being checked by the community"
    own = translations_for(language.code).gettext(message)
    return own if own != message else _("* Translation still being checked by the community")


def language_button_text(language: Language) -> str:
    return language.name + (REVIEW_MARK if language.needs_review else "")


class LanguageButtons(QWidget):
    """One big button per language, each named in its own script; ``chosen(code)`` on a press.

    Languages whose translation is still being checked carry a star, explained beneath."""

    chosen = Signal(str)

    def __init__(self, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.languages = languages()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(10)
        nest(outer, grid)
        self.group, self.buttons = choice_buttons(grid, len(self.languages), columns)
        for language, button in zip(self.languages, self.buttons, strict=True):
            button.setLayoutDirection(Qt.LayoutDirection.RightToLeft if language.rtl
                                      else Qt.LayoutDirection.LeftToRight)
            button.setProperty("lang", language.code)
            button.clicked.connect(lambda _checked=False, code=language.code: self.chosen.emit(code))
        self.note = plain_label("small")
        self.note.setVisible(any(lang.needs_review for lang in self.languages))
        outer.addWidget(self.note)

    def retranslate(self, current: str) -> None:
        for language, button in zip(self.languages, self.buttons, strict=True):
            button.setText(language_button_text(language))
            button.setChecked(language.code == current)
            note = review_note(language).lstrip("* ") if language.needs_review else ""
            button.setAccessibleName(language.name + (f" ({note})" if note else ""))
        self.note.setText(_("* Translation still being checked by the community"))


def globe_icon(size: int = 64) -> QIcon:
    """A drawn globe: language pickers are recognised by it whatever script the screen is in.

    Dark lines on a white disc, so it shows on the default and the high-contrast theme alike."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#10233f"))
    pen.setWidthF(size / 16)
    painter.setPen(pen)
    painter.setBrush(QColor("#ffffff"))
    m = size / 10
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    painter.drawEllipse(box)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(box.adjusted(box.width() * 0.28, 0, -box.width() * 0.28, 0))
    c = box.center()
    painter.drawLine(QPointF(c.x(), box.top()), QPointF(c.x(), box.bottom()))
    painter.drawLine(QPointF(box.left(), c.y()), QPointF(box.right(), c.y()))
    for dy in (-0.3, 0.3):
        y = c.y() + dy * box.height()
        half = (box.width() / 2) * (1 - (2 * dy) ** 2) ** 0.5
        painter.drawLine(QPointF(c.x() - half, y), QPointF(c.x() + half, y))
    painter.end()
    return QIcon(pixmap)


class LanguageDialog(FittedDialog):
    """The language choice reachable from every screen: big buttons, own-script names."""

    def __init__(self, parent: QWidget, current: str, on_choose: Callable[[str], None]) -> None:
        super().__init__(parent, preferred_width=600)
        self.setObjectName("languageDialog")
        self.setModal(True)
        self.setWindowTitle(_("Choose a language"))
        heading = plain_label("heading")
        heading.setText(_("Choose a language"))
        self.body_layout.addWidget(heading)
        self.buttons = LanguageButtons(columns=2)
        self.buttons.retranslate(current)
        self.body_layout.addWidget(self.buttons)
        self.body_layout.addStretch(1)
        cancel = BigButton()
        cancel.setText(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.button_row.addStretch(1)
        self.button_row.addWidget(cancel)
        self.buttons.chosen.connect(lambda code: (self.accept(), on_choose(code)))
        self.finished.connect(self.deleteLater)
        checked = self.buttons.group.checkedButton()
        if checked is not None:
            checked.setFocus()


class LanguagePicker(BigButton):
    """The top bar's language button: a globe and the current language in its own script."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setIcon(globe_icon())
        self.setIconSize(QSize(24, 24))
        self.clicked.connect(self.open_dialog)
        self._current = "en"

    def retranslate(self, current: str) -> None:
        self._current = current
        language = language_named(current)
        name = language.name if language else current
        self.setText(name)
        self.setAccessibleName(_("Language: {language}. Press to choose another.").format(
            language=name))
        self.setToolTip(_("Choose a language"))

    def open_dialog(self) -> LanguageDialog:
        dialog = LanguageDialog(self.window(), self._current, self.chosen.emit)
        dialog.open()
        return dialog

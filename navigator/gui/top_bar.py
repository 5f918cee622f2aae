"""The bars around every screen: where you are (region, demo badge), the language, start over,
the counsellor's tools; and the view controls (text size, high contrast).

They only emit signals; the main window decides what each one does.  Every text is set in
``retranslate`` so a language change reaches them at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QMenu, QToolButton, QVBoxLayout, QWidget

from navigator.catalogue.pack import Pack
from navigator.gui.languages import LanguagePicker, languages
from navigator.gui.layouts import Reflows, nest
from navigator.gui.widgets import BigButton, MenuButton, plain_label
from navigator.i18n import _, pgettext
from navigator.pack_texts import region_about, region_name


class TopBar(Reflows, QFrame):
    """Region on the left; language, counsellor tools and "Start over" on the right; a demo strip."""

    language_chosen = Signal(str)
    start_over = Signal()
    save_session = Signal()
    open_session = Signal()
    open_qr_text = Signal()
    open_reach = Signal()  # the counsellor's map of where families can reach
    second_language_chosen = Signal(object)  # a language code, or None for none
    about_pack = Signal()  # "About this information": the pack's sources and signature

    def __init__(self, pack: Pack, counsellor: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "topbar")
        self.pack = pack
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(12, 8, 12, 8)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        nest(column, self.grid)
        row = QHBoxLayout()  # the buttons, kept together
        row.setSpacing(10)
        # The demo warning is a strip across the whole window: nobody may mistake it for real data.
        self.badge = plain_label("badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setVisible(pack.region.demo)
        column.addWidget(self.badge)
        self.region = plain_label("region")
        self.about = BigButton()
        self.about.clicked.connect(self.about_pack)
        self.where = QWidget()  # the region's name and its "About this information" together
        where = QHBoxLayout(self.where)
        where.setContentsMargins(0, 0, 0, 0)
        where.addWidget(self.region, 1)
        where.addWidget(self.about, 0, Qt.AlignmentFlag.AlignVCenter)
        self.buttons = QWidget()
        self.buttons.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self._stacked: bool | None = None
        self.setMinimumWidth(200)  # never makes the window wider: it stacks instead (see _reflow)

        self.language = LanguagePicker()
        self.language.chosen.connect(self.language_chosen)
        row.addWidget(self.language)

        self.tools: QToolButton | None = None
        if counsellor:
            self.tools = MenuButton()
            self.menu = self.tools.menu()
            self.save_action = QAction(self.menu)
            self.save_action.triggered.connect(self.save_session)
            self.open_action = QAction(self.menu)
            self.open_action.triggered.connect(self.open_session)
            self.menu.addAction(self.save_action)
            self.menu.addAction(self.open_action)
            self.qr_action = QAction(self.menu)
            self.qr_action.triggered.connect(self.open_qr_text)
            self.menu.addAction(self.qr_action)
            self.reach_action = QAction(self.menu)
            self.reach_action.triggered.connect(self.open_reach)
            self.menu.addAction(self.reach_action)
            self.menu.addSeparator()
            self.second_menu = QMenu(self.menu)
            self.menu.addMenu(self.second_menu)
            self.second_group = QActionGroup(self.second_menu)
            self.second_actions: dict[str | None, QAction] = {}
            for code in (None, *(lang.code for lang in languages())):
                action = QAction(self.second_menu)
                action.setCheckable(True)
                action.triggered.connect(lambda _on=False, c=code: self.second_language_chosen.emit(c))
                self.second_group.addAction(action)
                self.second_menu.addAction(action)
                self.second_actions[code] = action
            row.addWidget(self.tools)

        self.restart = BigButton("danger")
        self.restart.clicked.connect(self.start_over)
        row.addWidget(self.restart)
        self._reflow()

    def _reflow(self) -> None:
        """Region and buttons on one line when they fit; at large text sizes, the region above."""
        region = self.region.fontMetrics().horizontalAdvance(self.region.text()) + 24 \
            + self.about.sizeHint().width() + 10
        stacked = self.width() < region + self.buttons.sizeHint().width() + 40
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self.grid.removeWidget(self.where)
        self.grid.removeWidget(self.buttons)
        self.grid.addWidget(self.where, 0, 0)
        if stacked:
            self.grid.addWidget(self.buttons, 1, 0, Qt.AlignmentFlag.AlignTrailing)
        else:
            self.grid.addWidget(self.buttons, 0, 1)
        self.grid.setColumnStretch(0, 1)

    def retranslate(self, lang: str, second_language: str | None) -> None:
        self.region.setText(region_name(self.pack, lang))
        self.badge.setText(_("Demo data — fictional schools"))
        about = region_about(self.pack, lang)
        self.badge.setToolTip(about or _("The schools, streets and dates here are made up, for trying "
                                         "the app."))
        self.language.retranslate(lang)
        # TRANSLATORS: a top-bar button: where the schools' information comes from, who signed it.
        self.about.setText(_("About this information"))
        self.about.setAccessibleName(_("About this information: where it comes from, when it was "
                                       "built, and who signed it"))
        self.about.setToolTip(self.about.accessibleName())
        self.restart.setText(_("Start over"))
        self.restart.setAccessibleName(_("Start over: erase everything you entered"))
        if self.tools is not None:
            # TRANSLATORS: a short button label (the top bar is narrow): opens the counsellor's tools.
            self.tools.setText(pgettext("button", "Counsellor"))
            self.tools.setAccessibleName(_("Counsellor tools: save or open a family's session, show a "
                                           "second language"))
            self.tools.setToolTip(self.tools.accessibleName())
            self.save_action.setText(_("Save session…"))
            self.open_action.setText(_("Open session…"))
            self.qr_action.setText(_("Open a list from its QR text…"))
            self.reach_action.setText(_("Where families can reach…"))
            self.second_menu.setTitle(_("Show a second language"))
            for code, action in self.second_actions.items():
                name = next((lng.name for lng in languages() if lng.code == code), "")
                action.setText(name if code else _("No second language"))
                action.setChecked(code == second_language)
        self._stacked = None
        self._reflow()



class ViewControls(QWidget):
    """Text smaller / larger and the high-contrast switch (the bottom bar holds them)."""

    zoom = Signal(int)  # -1 smaller, +1 larger
    high_contrast = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.smaller = BigButton("glyph")
        self.larger = BigButton("glyph")
        self.smaller.clicked.connect(lambda: self.zoom.emit(-1))
        self.larger.clicked.connect(lambda: self.zoom.emit(+1))
        self.contrast = BigButton()
        self.contrast.setCheckable(True)
        self.contrast.toggled.connect(self.high_contrast)
        for widget in (self.smaller, self.larger, self.contrast):
            row.addWidget(widget)

    def retranslate(self) -> None:
        # TRANSLATORS: the "smaller text" button: a letter of your script and a minus sign.
        self.smaller.setText(pgettext("text size button", "A−"))
        # TRANSLATORS: the "larger text" button: a letter of your script and a plus sign.
        self.larger.setText(pgettext("text size button", "A+"))
        self.smaller.setAccessibleName(_("Smaller text"))
        self.larger.setAccessibleName(_("Larger text"))
        self.smaller.setToolTip(_("Smaller text (Ctrl and minus)"))
        self.larger.setToolTip(_("Larger text (Ctrl and plus)"))
        self.contrast.setText(_("High contrast"))
        self.contrast.setAccessibleName(_("High contrast colours"))

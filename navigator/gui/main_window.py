"""The window: a top bar (region, language, start over), a step bar, one page at a time, and a
bottom bar (back, text size, high contrast, next).

The window owns the things every page shares: the family's state, the one map view, and the
look (text size, theme, language direction).  Pages come from ``navigator.gui.pages.<name>``.
"""

from __future__ import annotations

import importlib
import importlib.util
from copy import deepcopy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from navigator.errors import UserError
from navigator.gui.appearance import Appearance
from navigator.gui.choices import StepBar
from navigator.gui.dialogs import ask, tell
from navigator.gui.map_sync import MapSync
from navigator.gui.map_view import MapView
from navigator.gui.operations import tasks
from navigator.gui.pages.base import Page
from navigator.gui.read_aloud import ReadAloud
from navigator.gui.state import FamilyState
from navigator.gui.top_bar import TopBar, ViewControls
from navigator.gui.trip_view import TripMap
from navigator.gui.widgets import BigButton
from navigator.i18n import N_, _

# The family's path, in order; each name is a module in navigator.gui.pages defining PAGE.
PAGES = ("welcome", "home", "child", "needs", "results", "profile", "shortlist", "together")
if importlib.util.find_spec("navigator.gui.pages.compare") is not None:
    PAGES += ("compare",)

# Pages about the household as a whole (no child switcher above them).
HOUSEHOLD_PAGES = ("welcome", "home")
# The steps in the step bar, and what each is called there.
STEPS = ("home", "child", "needs", "results", "shortlist")
STEP_LABELS = {"home": N_("Where you live"), "child": N_("Your child"), "needs": N_("What matters"),
               "results": N_("Schools"), "shortlist": N_("My list")}
# Pages off the path light up the step they belong to.
STEP_OF = {"profile": "results", "compare": "shortlist", "together": "results"}
NEXT = {"welcome": "home", "home": "child", "child": "needs", "needs": "results", "results": "shortlist"}
BACK = {"home": "welcome", "child": "home", "needs": "child", "results": "needs", "shortlist": "results"}


class MainWindow(QMainWindow):
    def __init__(self, state: FamilyState, kiosk: bool = False, export_folder: Path | None = None,
                 printer_name: str | None = None):
        super().__init__()
        self.state = state
        self.kiosk = kiosk
        self.export_folder = export_folder
        self.printer_name = printer_name  # from the settings file; None: the system default
        if kiosk:
            # Before any child exists: changing flags later re-creates the native window under the
            # web view, which QtWebEngine does not survive.
            self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint
                                | Qt.WindowType.WindowStaysOnTopHint)
        app = QApplication.instance()
        self.appearance = Appearance(app)
        self.appearance.apply()
        self.map_view = MapView()
        self.map_view.setMinimumSize(320, 260)
        self.map_sync = MapSync(state, self.map_view)
        self.trip_map = TripMap(state, self.map_view)  # the selected school's trip, drawn
        self.appearance.listeners.append(self.map_sync.set_appearance)
        self.map_sync.set_appearance(self.appearance.scale, self.appearance.high_contrast)
        self.history: list[str] = []

        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(state.pack, counsellor=not kiosk)
        layout.addWidget(self.top_bar)
        self.step_bar = StepBar(STEPS)
        step_holder = QWidget()
        step_layout = QHBoxLayout(step_holder)
        step_layout.setContentsMargins(12, 8, 12, 4)
        step_layout.addWidget(self.step_bar)
        layout.addWidget(step_holder)
        from navigator.gui.household_bar import HouseholdBar

        self.household_bar = HouseholdBar(state)
        self.household_bar.add_requested.connect(lambda: self.go("child"))
        self.household_bar.together_requested.connect(lambda: self.go("together"))
        layout.addWidget(self.household_bar)
        self.stack = QStackedWidget()
        # The pages scroll, so the window never needs their natural height: with it, the top
        # bar's height-for-width would make the window taller than a 768-pixel laptop screen
        # at large text, pushing Back and Next off the bottom.
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        layout.addWidget(self.stack, 1)
        self.read_aloud = ReadAloud(state, parent=self)  # before the pages: they have its buttons
        self.pages: dict[str, Page] = {}
        for name in PAGES:
            page_class = importlib.import_module(f"navigator.gui.pages.{name}").PAGE
            page = page_class(state, self)
            self.pages[name] = page
            self.stack.addWidget(page)

        bottom = QWidget()
        bottom.setObjectName("bottomBar")
        row = QHBoxLayout(bottom)
        row.setContentsMargins(12, 6, 12, 10)
        self.back_button = BigButton()
        self.back_button.clicked.connect(self.back)
        self.view_controls = ViewControls()
        self.next_button = BigButton("primary")
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.view_controls)
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout.addWidget(bottom)
        self.setCentralWidget(central)

        self.top_bar.language_chosen.connect(state.set_language)
        self.top_bar.start_over.connect(self.confirm_start_over)
        self.top_bar.save_session.connect(self.choose_save_path)
        self.top_bar.open_session.connect(self.choose_open_path)
        self.top_bar.open_qr_text.connect(self.open_list_from_qr)
        self.top_bar.open_reach.connect(self.open_reach)
        self.top_bar.second_language_chosen.connect(self.set_second_language)
        self.top_bar.about_pack.connect(self.show_about_pack)
        self.step_bar.step.connect(self.go)
        self.view_controls.zoom.connect(self.zoom)
        self.view_controls.high_contrast.connect(self.appearance.set_high_contrast)
        self._shortcuts()

        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self._after_reset)
        state.household_changed.connect(self._update_nav)
        self.retranslate()
        self.read_aloud.watch(self)
        self.go("welcome")

    def closeEvent(self, event) -> None:  # noqa: N802 - the voice's thread ends with the window
        self.read_aloud.close()
        super().closeEvent(event)

    def _shortcuts(self) -> None:
        for keys, steps in ((QKeySequence.StandardKey.ZoomIn, 1), ("Ctrl+=", 1),
                            (QKeySequence.StandardKey.ZoomOut, -1), ("Ctrl+0", 0)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda s=steps: self.zoom(s))

    # --- moving between pages ---------------------------------------------------------------

    def go(self, name: str) -> None:
        page = self.pages[name]
        if self.stack.currentWidget() is not page:
            current = self.stack.currentWidget()
            if current is not None:
                self.history.append(current.name)
                if current.name == "together":  # the map shows the current child's schools again
                    self.pages["results"]._feed_map()
            self.stack.setCurrentWidget(page)
        self.step_bar.set_current(STEP_OF.get(name, name))
        self._update_nav()
        page.on_shown()
        self._update_title()

    def current(self) -> str:
        return self.stack.currentWidget().name

    def show_profile(self, school_id: str) -> None:
        self.state.select(school_id)
        self.go("profile")

    def back_target(self) -> str | None:
        name = self.current()
        if name in BACK:
            return BACK[name]
        previous = [p for p in reversed(self.history) if p != name]
        return previous[0] if previous else None

    def back(self) -> None:
        target = self.back_target()
        if target:
            self.go(target)

    def next(self) -> None:
        target = NEXT.get(self.current())
        if target:
            self.go(target)

    def _update_nav(self) -> None:
        name = self.current()
        self.back_button.setVisible(name != "welcome" and self.back_target() is not None)
        self.next_button.setVisible(name in NEXT and name != "welcome")
        self.step_bar.parentWidget().setVisible(name != "welcome")
        # One child needs no switcher (and keeps the screen's height): Your child offers
        # "Add a brother or sister"; from two children on, the row is on every child's screen.
        self.household_bar.setVisible(name not in HOUSEHOLD_PAGES
                                      and len(self.state.household.children) > 1)
        next_names = {"needs": _("Show schools"), "results": _("See my list")}
        self.next_button.setText(next_names.get(name, _("Next")))

    def _update_title(self) -> None:
        # TRANSLATORS: the window title; {step} is the screen's name.
        self.setWindowTitle(_("Navigator — {step}").format(step=self.pages[self.current()].title()))

    # --- language and look ------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = self.state.language
        self.appearance.apply_language(lang)
        self.top_bar.retranslate(lang, self.state.second_language)
        self.step_bar.set_texts([_(STEP_LABELS[s]) for s in STEPS])
        self.view_controls.retranslate()
        self.back_button.setText(_("Back"))
        for page in self.pages.values():
            page.retranslate()
        self._update_nav()
        self._update_title()

    def zoom(self, steps: int) -> None:
        self.appearance.zoom(steps)

    def set_second_language(self, code: str | None) -> None:
        """A counsellor reads in one language with another beneath headings (shown by the pages)."""
        self.state.second_language = code
        self.retranslate()

    # --- start over -------------------------------------------------------------------------

    def confirm_start_over(self) -> None:
        ask(self, _("Start over?"),
            _("Everything you entered will be erased: your home, and every child's grade, choices "
              "and list."),
            yes=_("Yes, erase everything"), no=_("No, keep going"), on_yes=self.state.start_over)

    def _after_reset(self) -> None:
        self.history.clear()
        for page in self.pages.values():
            page.on_reset()
        self.go("welcome")
        self.history.clear()
        self._update_nav()

    # --- counsellor sessions ----------------------------------------------------------------

    def _start_folder(self) -> str:
        return str(self.export_folder or Path.home())

    def choose_save_path(self) -> None:
        if self.kiosk:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save session"), str(Path(self._start_folder()) / _("family-list.json")),
            _("Navigator lists (*.json)"))
        if path:
            self.save_session(Path(path))

    def choose_open_path(self) -> None:
        if self.kiosk:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open session"), self._start_folder(), _("Navigator lists (*.json)"))
        if path:
            self.open_session(Path(path))

    def save_session(self, path: Path) -> bool:
        """The household as a list file (docs/list-format.md): version 2 for two or more children
        (or a brother or sister who attends a school); one child alone stays a version-1 file,
        which keeps the pack it was made with (for "What changed") and opens in older Navigators."""
        from navigator.household.listfile import save_household
        from navigator.shortlist import save_list

        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        household = self.state.to_household()
        try:
            if len(household.children) > 1 or household.attending or household.children[0].label:
                save_household(path, household)
            else:
                save_list(path, self.state.to_family_list())
        except (OSError, UserError) as err:
            tell(self, _("The session was not saved"),
                 _("Choose another folder, or check that the disk is not full."), detail=str(err))
            return False
        return True

    def open_session(self, path: Path) -> bool:
        """Open a saved session; a corrupt, newer or other-region file gets a message, never a crash.

        A household file (list version 2) opens every child; a one-child file (version 1) opens
        as before, with "What changed" when the pack it was made with is kept."""
        from navigator.household.listfile import VERSION, list_version
        from navigator.shortlist import load_list, missing_schools

        if list_version(path) == VERSION:
            return self.open_household_session(path)
        family = self._read_session(load_list, path)
        if family is None or self._for_another_area(family.region):
            return False
        missing = missing_schools(family, self.state.pack.known_ids(family.ids()))
        self.state.load_family_list(family)
        self._show_opened(family, missing, family.notices)
        return True

    def open_household_session(self, path: Path) -> bool:
        from navigator.household.listfile import check_against_pack, load_household

        household = self._read_session(load_household, path)
        if household is None or self._for_another_area(household.region):
            return False
        listed = {s.id for c in household.children for s in c.schools}
        known = self.state.pack.known_ids(listed | {a.school_id for a in household.attending})
        missing = sorted(listed - known)
        for child in household.children:
            child.schools = [s for s in child.schools if s.id in known]
        household.attending = [a for a in household.attending if a.school_id in known]
        try:
            check_against_pack(household, self.state.pack, str(path))
        except UserError as err:
            tell(self, _("This session cannot be opened"),
                 _("The file does not match the data about schools on this computer."),
                 detail=str(err))
            return False
        self.state.load_household(household)
        self._show_opened(household, missing)
        return True

    def _read_session(self, read, path: Path):
        """The file read by ``read`` (a one-child list or a household), or None after saying why
        it cannot be opened: a damaged or newer file is a message, never a crash."""
        try:
            return read(path)
        except UserError as err:
            tell(self, _("This session cannot be opened"),
                 _("The file is damaged, is not a Navigator list, or was saved by a newer version of "
                   "Navigator."), detail=str(err))
        except Exception as err:  # noqa: BLE001 - any unreadable file is a message, not a crash
            tell(self, _("This session cannot be opened"), _("The file could not be read."),
                 detail=str(err))
        return None

    def _for_another_area(self, region: str) -> bool:
        if region == self.state.pack.region.id:
            return False
        tell(self, _("This session is for another area"),
             _("It was saved with data for a different area. Open it with that area's data."),
             detail=region)
        return True

    def _show_opened(self, session, missing: list[str], notices: list[str] = ()) -> None:
        """My list for the opened session; then, once the packs are compared, what changed since
        it was saved, and the schools left out unless What changed says so (else, a school that
        was listed twice)."""
        self.retranslate()
        self.go("shortlist")

        def then(update) -> None:
            if missing and (update is None or not update.compared):
                tell(self, _("Some schools are no longer listed"),
                     _("Some schools in this session are not in the current data, so they were "
                       "left out."), detail=", ".join(missing))
            elif notices:
                tell(self, _("A school was listed twice"),
                     _("Each school is kept once, at its first place in the list, with its notes "
                       "joined."), detail=" ".join(notices))

        self.show_what_changed(session, then)

    def show_what_changed(self, family, then=None) -> None:
        """A session (one child's list or a household) made with other information: say what
        changed for its schools (or only that the information was updated, when the pack it was
        made with is not kept), once the worker has compared the two packs; then ``then(update)``
        (None: nothing to say)."""
        from navigator.gui.what_changed import open_what_changed

        def compared(update) -> None:
            if update is not None:
                self.what_changed_dialog = open_what_changed(self, update)
            if then is not None:
                then(update)

        self.state.operations.run(tasks.what_changed(deepcopy(family), self.state.previous_pack),
                                  done=compared, key="what changed", owner=self)

    def show_about_pack(self):
        """"About this information": region, build date, sources, and who signed the pack."""
        from navigator.gui.about_pack import open_about_pack

        self.about_pack_dialog = open_about_pack(self)
        return self.about_pack_dialog

    # --- the take-home list ------------------------------------------------------------------

    def export_list(self):
        """"Print or save my list": print, QR code, and (not in kiosk mode) files."""
        from navigator.gui.export_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self)
        return self.export_dialog

    def open_reach(self):
        """Counsellor: the map of where families without a car can reach (never in kiosk mode)."""
        if self.kiosk:
            return None
        from navigator.gui.reach_view import ReachDialog

        self.reach_dialog = ReachDialog(self)
        self.reach_dialog.finished.connect(self.reach_dialog.deleteLater)
        self.reach_dialog.open()
        return self.reach_dialog

    def open_list_from_qr(self):
        """Counsellor: a family's list back on screen from their QR code's text."""
        if self.kiosk:
            return None
        from navigator.gui.qr_dialog import QrReadDialog

        self.qr_read_dialog = QrReadDialog(self)
        self.qr_read_dialog.finished.connect(self.qr_read_dialog.deleteLater)
        self.qr_read_dialog.open()
        return self.qr_read_dialog


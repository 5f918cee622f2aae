"""``navigator screenshots OUTDIR [--lang CODE]... [--variant V]... [--pack PATH] [--home ZIP]``: every
screen and
dialog, in each language, at normal and at the largest text size and in high contrast, as PNGs
(OUTDIR/<lang>/<variant>/NN-<shot>.png), on a 1366 x 768 kiosk screen.

The family is Rosa's: ZIP 00104 on the demo pack (``--home``, else the pack's own first ZIP, else
the ZIP at the middle of its schools), kindergarten, Spanish dual language
and a one-seat ride, one dual-language school's profile, and a list of three.  Each grab waits
for the search, the work the screen asked of the operations layer, and the map, so the pictures
show what a family would see; a dialog is drawn over the dimmed window, where the family sees it.

``SHOTS`` is the list of what is shot: a screen or dialog added later is one line there (a name
and what opens it).  The same list drives the test that nothing is cut off or overlaps
(``tests/gui/test_every_screen.py`` and ``test_every_dialog.py``), through ``Walkthrough.show``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from navigator.errors import UserError
from navigator.gui.selftest import dispose, wait_until

DEFAULT_LANGUAGES = ("en", "es", "ko")
SIZE = (1366, 768)  # the commonest kiosk laptop screen
ZIP = "00104"
TIMEOUT_S = 20.0
VARIANTS = ("normal", "largest", "contrast")


def _settle(ms: int = 300) -> None:
    wait_until(lambda: False, ms / 1000)


@dataclass(frozen=True)
class Shot:
    """One picture: its file name, and what brings it to the screen (a page, or a dialog it
    returns, which ``Walkthrough`` closes afterwards)."""

    name: str
    open: Callable[[Walkthrough], object]
    settle_ms: int = 200


# What is shot, in the family's order.  A new screen or dialog: one line here.
SHOTS: tuple[Shot, ...] = (
    Shot("01-welcome", lambda w: w.page("welcome")),
    Shot("02-language", lambda w: w.window.top_bar.language.open_dialog()),
    Shot("03-home", lambda w: w.page("home"), 500),
    Shot("04-child", lambda w: w.page("child")),
    Shot("05-needs", lambda w: w.page("needs")),
    Shot("06-explain", lambda w: w.window.pages["needs"].sped_info.explain()),
    Shot("07-results", lambda w: w.page("results"), 800),
    Shot("08-sort-by-result", lambda w: w.window.pages["results"].ask_indicator_sort()),
    Shot("09-profile", lambda w: w.profile(), 400),
    Shot("10-profile-second-language", lambda w: w.profile(second="en"), 400),
    Shot("11-shortlist", lambda w: w.page("shortlist"), 400),
    Shot("12-compare", lambda w: w.compare()),
    Shot("13-print-or-save", lambda w: w.window.export_list(), 400),
    Shot("14-qr", lambda w: w.qr()),
    Shot("15-open-from-qr", lambda w: w.window.open_list_from_qr()),
    Shot("16-start-over", lambda w: w.start_over_question()),
    Shot("17-still-there", lambda w: w.countdown()),
    Shot("18-needs-trip", lambda w: w.trip_needs(), 400),
    Shot("19-results-trips", lambda w: w.trip_results(), 800),
    Shot("20-profile-trip", lambda w: w.trip_profile(), 1200),
    Shot("21-child-switcher", lambda w: w.household("shortlist"), 400),
    Shot("22-together", lambda w: w.household("together"), 900),
    Shot("23-remove-child", lambda w: w.remove_child_question()),
    Shot("24-reading-aloud", lambda w: w.reading_aloud(), 400),
    Shot("25-where-families-can-reach", lambda w: w.reach_map(), 400),
)


class Walkthrough:
    """Drives one main window through the family's path; ``show`` brings up one shot."""

    def __init__(self, pack_path: Path, size: tuple[int, int] = SIZE, home: str | None = None) -> None:
        from navigator.gui.app import create_window
        from navigator.search.location import central_zip, home_from_zip

        self.app, self.state, self.window = create_window(pack_path, offscreen=True)
        self.size = size
        self.window.resize(*size)
        self.window.show()
        if not wait_until(lambda: self.window.map_view.is_ready, TIMEOUT_S):
            raise RuntimeError("the map did not load")
        pack = self.state.pack
        self.zip = home or (ZIP if pack.has_zip(ZIP) else central_zip(pack)) or ZIP
        try:
            home_from_zip(pack, self.zip)  # a ZIP neither the pack nor the US list knows: one sentence
        except UserError:
            dispose(self.window)
            raise
        details = sorted(pack.dual_languages(offered_only=True), key=lambda d: (d != "es", d))
        self.dual = f"dual_language:{details[0]}" if details else None
        self.dialogs: list = []

    # --- the family -----------------------------------------------------------------------------

    def _search(self, action) -> None:
        """Run ``action`` (which starts a search) and wait for its answer, and for what the
        screens work out from it (My list's checks)."""
        answers: list = []
        self.state.results_ready.connect(answers.append)
        self.state.search_failed.connect(answers.append)
        try:
            action()
            wait_until(lambda: bool(answers), TIMEOUT_S)
            self.state.operations.wait(TIMEOUT_S)
        finally:
            self.state.results_ready.disconnect(answers.append)
            self.state.search_failed.disconnect(answers.append)

    def family(self, lang: str) -> None:
        """Rosa's session, from a fresh start, in ``lang``."""
        state, window = self.state, self.window
        self.close_dialogs()
        state.start_over()
        self._before = None
        state.set_language(lang)
        window.go("home")
        home = window.pages["home"]
        home.zip_field.setText(self.zip)
        self._search(home.find_zip)
        self._search(lambda: state.set_grade(0))
        programs = (self.dual,) if self.dual else ()
        self._search(lambda: state.update_filters(programs=programs, one_seat=state.home is not None))
        results = state.results.results if state.results else []
        chosen = [r for r in results if self.dual and self.dual in r.matched] or results
        self.school = chosen[0].id if chosen else ""
        for result in (chosen + [r for r in results if r not in chosen])[:3]:
            state.add_to_shortlist(result.id)
        window.go("welcome")

    def set_variant(self, variant: str) -> None:
        from navigator.gui.appearance import DEFAULT_SCALE_INDEX, SCALES

        appearance = self.window.appearance
        appearance.scale_index = len(SCALES) - 1 if variant == "largest" else DEFAULT_SCALE_INDEX
        appearance.high_contrast = variant == "contrast"
        self.window.view_controls.contrast.blockSignals(True)
        self.window.view_controls.contrast.setChecked(variant == "contrast")
        self.window.view_controls.contrast.blockSignals(False)
        appearance.apply()
        self.window.resize(*self.size)

    # --- what the shots open --------------------------------------------------------------------

    def page(self, name: str) -> None:
        if self.state.second_language:
            self.window.set_second_language(None)
        self._without_trips()
        self.window.go(name)

    # Trips by bus or train (the pack's timetable): asked for in their own shots only, so the
    # other shots stay as Rosa's family sees them without.
    # Without the family's other choices, so that the trips include changes of bus and train.
    TRIP = {"transit_minutes": 45.0, "order": "trip", "programs": (), "one_seat": False}
    _before: dict | None = None

    def _without_trips(self) -> None:
        if self._before is not None:
            before, self._before = self._before, None
            self._search(lambda: self.state.update_filters(**before))

    def _with_trips(self) -> None:
        if self.state.home is not None and self._before is None:
            self._before = {k: getattr(self.state.filters, k) for k in self.TRIP}
            self._search(lambda: self.state.update_filters(**self.TRIP))

    def trip_needs(self) -> None:
        self.page("needs")
        self._with_trips()
        page = self.window.pages["needs"]
        page.scroll.ensureWidgetVisible(page.trip_choice, 0, 0)

    def trip_results(self) -> None:
        self.page("results")
        self._with_trips()

    def trip_profile(self) -> None:
        """The school with the most changes on its trip: every kind of step and leg."""
        self.page("results")
        self._with_trips()
        results = self.state.results.results if self.state.results else []
        trips = [r for r in results if r.trip]
        if trips:
            chosen = max(trips, key=lambda r: (r.trip["transfers"], len(r.trip["legs"]), r.id))
            self.state.select(chosen.id)
            self.window.show_profile(chosen.id)

    def profile(self, second: str | None = None) -> None:
        self._without_trips()
        if second is not None and second == self.state.language:
            second = "ko" if self.state.language != "ko" else "en"
        self.window.set_second_language(second)
        if self.school:
            self.window.show_profile(self.school)

    def compare(self):
        page = self.window.pages["shortlist"]
        self.page("shortlist")
        for school_id in page.model.ids():
            page.model.set_compared(school_id, True)
        return page.open_compare()

    def qr(self):
        self.page("shortlist")
        export = self.window.export_list()
        self.dialogs.append(export)
        return export.show_qr()

    def start_over_question(self):
        self.page("shortlist")
        self.window.confirm_start_over()
        from navigator.gui.dialogs import PlainDialog

        return next(d for d in self.window.findChildren(PlainDialog) if d.isVisible())

    def household(self, page: str) -> None:
        """Rosa's household: Luis (her kindergartner, the list above) and Ana in grade 6, whose
        list has two schools; then ``page``."""
        state = self.state
        if len(state.household.children) < 2:
            state.rename_child(state.current_child, "Luis")
            self._search(lambda: state.add_child("Ana"))
            self._search(lambda: state.set_grade(6))
            results = state.results.results if state.results else []
            for result in results[:2]:
                state.add_to_shortlist(result.id)
            # Ticked to compare, as Luis's are after the compare shot (with none ticked, the
            # Compare button's long Spanish hint does not fit beside Print at the largest text:
            # a limit of My list's top row, not of the household).
            shortlist = self.window.pages["shortlist"]
            for school_id in shortlist.model.ids():
                shortlist.model.set_compared(school_id, True)
        self.page(page)

    def remove_child_question(self):
        self.household("shortlist")
        return self.window.household_bar.confirm_remove()

    def reach_map(self):
        """Counsellor → Where families can reach, grade 9, the square reaching most schools tapped."""
        dialog = self.window.open_reach()
        dialog.grade.setCurrentIndex(10)
        dialog.ask()
        self.state.operations.wait(TIMEOUT_S)
        if dialog.reach is not None and len(dialog.reach.grid):
            dialog.canvas.pick(int(dialog.reach.total.argmax()))
            self.state.operations.wait(TIMEOUT_S)
        return dialog

    def countdown(self):
        from navigator.gui.kiosk import COUNTDOWN_S, CountdownDialog

        self.page("needs")
        dialog = CountdownDialog(self.window, COUNTDOWN_S)
        dialog.open()
        return dialog

    # --- showing and grabbing -------------------------------------------------------------------

    def reading_aloud(self) -> None:
        """A profile section being read aloud: outlined, its button "Stop reading" (the voice
        itself is the machine's; where it has none for the language, the buttons say so)."""
        from navigator.gui.selftest import wait_until

        self.profile()
        reader = self.window.read_aloud
        wait_until(lambda: reader.voice.locales is not None, TIMEOUT_S)
        page = self.window.pages["profile"]
        if page.sections:
            number = min(2, len(page.sections) - 1)
            page.scroll.ensureWidgetVisible(page.sections[number], 0, 0)
            page.read_button(number).click()

    def show(self, shot: Shot, settle: bool = True):
        """Bring ``shot`` to the screen; returns the dialog it opened (or None for a page)."""
        self.close_dialogs()
        self.window.read_aloud.stop()  # a reading ends with its shot
        opened = shot.open(self)
        self.state.operations.wait(TIMEOUT_S)  # what the screen worked out off the GUI thread
        dialog = opened if hasattr(opened, "isModal") else None
        if dialog is not None:
            self.dialogs.append(dialog)
            self._centre(dialog)
        if settle:
            _settle(shot.settle_ms)
        return dialog

    def _centre(self, dialog) -> None:
        """Where a window manager puts a dialog: over the middle of the window, kept on screen."""
        width, height = self.size
        dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
        top_left = self.window.geometry().topLeft()
        dialog.move(top_left.x() + max(0, (width - dialog.width()) // 2),
                    top_left.y() + max(0, (height - dialog.height()) // 2))

    def close_dialogs(self) -> None:
        for dialog in reversed(self.dialogs):
            try:
                dialog.reject()
            except RuntimeError:  # already deleted by Qt
                pass
        self.dialogs = []
        _settle(20)

    def grab(self, dialog, path: Path) -> Path:
        """The window as the family sees it, with the open dialog over it."""
        from PySide6.QtGui import QColor, QPainter

        picture = self.window.grab()
        if dialog is not None:
            painter = QPainter(picture)
            painter.fillRect(picture.rect(), QColor(0, 0, 0, 90))
            offset = dialog.geometry().topLeft() - self.window.geometry().topLeft()
            painter.drawPixmap(offset, dialog.grab())
            painter.end()
        if not picture.save(str(path)):
            raise OSError(f"could not write {path}")
        return path

    def walk(self, lang: str, out: Path, variants: Iterable[str] = VARIANTS) -> list[Path]:
        self.family(lang)
        shots = []
        for variant in variants:
            folder = out / lang / variant
            folder.mkdir(parents=True, exist_ok=True)
            self.set_variant(variant)
            for shot in SHOTS:
                dialog = self.show(shot)
                shots.append(self.grab(dialog, folder / f"{shot.name}.png"))
            self.close_dialogs()
        self.set_variant("normal")
        return shots

    def each(self, languages: Iterable[str], variants: Iterable[str],
             wanted: Callable[[str], bool] = lambda _name: True) -> Iterator[tuple]:
        """(language, variant, shot, dialog) with each (wanted) shot on screen, for checks."""
        for lang in languages:
            self.family(lang)
            for variant in variants:
                self.set_variant(variant)
                for shot in SHOTS:
                    if wanted(shot.name):
                        yield lang, variant, shot, self.show(shot, settle=False)
        self.close_dialogs()
        self.set_variant("normal")

    def close(self) -> None:
        self.close_dialogs()
        self.state.operations.wait()
        dispose(self.window)


def take_screenshots(out: Path, languages: Iterable[str] = DEFAULT_LANGUAGES,
                     pack_path: Path | None = None,
                     variants: Iterable[str] = VARIANTS, home: str | None = None) -> list[Path]:
    from navigator.i18n import translator
    from navigator.resources import demo_pack

    original = translator.language
    walkthrough = Walkthrough(pack_path or demo_pack(), home=home)
    try:
        shots = []
        for lang in languages:
            shots += walkthrough.walk(lang, out, list(variants))
        return shots
    finally:
        walkthrough.state.start_over()
        walkthrough.state.set_language(original)
        walkthrough.close()

"""Kiosk mode: full screen with no way out but the attendant's chord, a "still there?" countdown
that starts over, and nothing about the family left on the machine afterwards.

The privacy test points HOME, the XDG folders and TMPDIR at a fresh folder before the kiosk
window opens, runs a whole session with marker strings, starts over, then reads every file the
app could have written: that folder, the app's QStandardPaths locations, the temp folder and the
web profile's paths (plus the real user's app folders, for files changed during the test).
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app_window import close_app_window  # noqa: E402
from PySide6.QtCore import QStandardPaths, Qt  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit  # noqa: E402

from navigator.gui import map_view as _map_view  # noqa: E402,F401  (Chromium flags first)
from navigator.gui.app import create_window  # noqa: E402
from navigator.gui.dialogs import PlainDialog  # noqa: E402
from navigator.gui.kiosk import ATTENDANT_CHORD, CountdownDialog, KioskMode  # noqa: E402
from navigator.gui.map_view import map_profile  # noqa: E402
from navigator.gui.selftest import dispose, wait_until  # noqa: E402
from navigator.i18n import translations_for  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402
from navigator.search.location import home_from_zip  # noqa: E402

Location = QStandardPaths.StandardLocation
APP_LOCATIONS = (Location.AppDataLocation, Location.AppLocalDataLocation, Location.AppConfigLocation,
                 Location.CacheLocation, Location.ConfigLocation, Location.GenericCacheLocation,
                 Location.GenericDataLocation, Location.TempLocation, Location.RuntimeLocation,
                 Location.HomeLocation, Location.StateLocation, Location.GenericStateLocation)


def _app_folders() -> list[Path]:
    return [Path(p) for p in (QStandardPaths.writableLocation(loc) for loc in APP_LOCATIONS) if p]


@pytest.fixture(scope="module")
def real_app_folders(qapp) -> list[Path]:
    """The real user's Navigator folders (before any redirect): only files changed in the test count."""
    folders = [Path(QStandardPaths.writableLocation(loc)) for loc in
               (Location.AppDataLocation, Location.AppLocalDataLocation, Location.AppConfigLocation,
                Location.CacheLocation)]
    return [f for f in folders if str(f) not in ("", ".")]


@pytest.fixture
def private_machine(tmp_path: Path, monkeypatch) -> Path:
    """A fresh HOME, XDG folders and temp folder: everything the app could write lands in here."""
    root = tmp_path / "machine"
    for name in ("home", "data", "config", "cache", "state", "runtime", "tmp"):
        (root / name).mkdir(parents=True)
    (root / "runtime").chmod(0o700)
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / "state"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(root / "runtime"))
    monkeypatch.setenv("TMPDIR", str(root / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return root


@pytest.fixture
def kiosk(qapp):
    _app, _state, window = create_window(demo_pack(), kiosk=True)
    mode = KioskMode(window, idle_s=600, countdown_s=2)  # attached before it shows, as the app does
    window.showFullScreen()
    window.activateWindow()
    assert wait_until(lambda: window.map_view.is_ready, 30), "the map never loaded"
    yield mode
    mode.quitting = True  # let the test close it
    QTest.qWait(0)
    close_app_window(window)


def _scan(folders: list[Path], needles: list[str], since: float | None = None) -> list[str]:
    found = []
    encoded = [n.encode("utf-8") for n in needles] + [n.encode("utf-16-le") for n in needles]
    for folder in folders:
        if not folder.exists():
            continue
        paths = [folder] if folder.is_file() else (p for p in folder.rglob("*") if p.is_file())
        for path in paths:
            try:
                if since is not None and path.stat().st_mtime < since:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            found += [f"{path}: {n!r}" for n, e in zip(needles * 2, encoded, strict=True) if e in data]
    return found


def _wait_results(state, action) -> None:
    answers: list = []
    state.results_ready.connect(answers.append)
    try:
        action()
        assert wait_until(lambda: bool(answers), 10), "no search result"
    finally:
        state.results_ready.disconnect(answers.append)


def test_kiosk_window_has_no_way_out_but_the_chord(kiosk):
    window = kiosk.window
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.top_bar.tools is None  # no save, open or file dialog in a kiosk
    assert not window.close() and window.isVisible()  # Alt+F4 and the window manager are refused
    assert kiosk.chord.key() == QKeySequence(ATTENDANT_CHORD) == QKeySequence("Ctrl+Alt+Shift+Q")
    assert kiosk.chord.context() == Qt.ShortcutContext.ApplicationShortcut
    welcome = window.pages["welcome"]
    assert welcome.privacy.property("role") == "kiosk" and "shared" in welcome.privacy.text()


def test_a_kiosk_session_leaves_nothing_on_disk(private_machine: Path, real_app_folders, qapp, qtbot):
    started = time.time() - 1
    marker = f"navigator-privacy-{uuid.uuid4().hex}"
    unit = uuid.uuid4().hex[:10].upper()
    address = f"1421 Calle Luna Apt {unit}"
    _app, state, window = create_window(demo_pack(), kiosk=True)
    mode = KioskMode(window, idle_s=600, countdown_s=2)
    window.showFullScreen()
    try:
        assert wait_until(lambda: window.map_view.is_ready, 30)
        qtbot.mouseClick(window.pages["welcome"].start, Qt.MouseButton.LeftButton)
        home = window.pages["home"]
        QTest.keyClicks(home.zip_field, "00104")
        _wait_results(state, lambda: QTest.keyClick(home.zip_field, Qt.Key.Key_Return))
        assert state.home.label == "00104"
        home.address_field.setText(address)
        _wait_results(state, home.find_address)
        assert state.home.label == address and state.home.exact
        home.stop_field.setText(f"Civic Center {marker}")  # typed, not found: still the family's
        home.find_stop()
        window.next()
        _wait_results(state, lambda: qtbot.mouseClick(window.pages["child"].buttons[0],
                                                      Qt.MouseButton.LeftButton))
        window.next()
        needs = window.pages["needs"]
        _wait_results(state, lambda: qtbot.mouseClick(needs.program_rows["dual_language"].box,
                                                      Qt.MouseButton.LeftButton))
        _wait_results(state, lambda: qtbot.mouseClick(needs.one_seat.box, Qt.MouseButton.LeftButton))
        window.next()
        for result in state.results.results[:3]:
            state.add_to_shortlist(result.id)
        state.set_note(state.shortlist[0].id, f"ask about the bus {marker}")
        window.go("shortlist")
        QTest.qWait(300)
        # A household: a sister with her own name, grade, list and note, and a brother who
        # already attends a school; none of it may reach the disk either.
        sister = f"Nia{unit}"
        window.go("child")
        assert not window.household_bar.isVisible()  # one child: no switcher row yet
        qtbot.mouseClick(window.pages["child"].add_sibling, Qt.MouseButton.LeftButton)
        assert window.household_bar.isVisible()
        assert window.current() == "child" and state.current_child == 2
        child_page = window.pages["child"]
        child_page.name_field.setText(sister)
        child_page.name_field.editingFinished.emit()
        _wait_results(state, lambda: qtbot.mouseClick(child_page.buttons[6],
                                                      Qt.MouseButton.LeftButton))
        child_page.sibling_name.setText(f"Teo{unit}")
        child_page.sibling_add.click()
        state.add_to_shortlist(state.results.results[0].id)
        state.set_note(state.shortlist[0].id, f"her friend goes here {marker}")
        assert [c.label for c in state.household.children] == [None, sister]
        assert [a.label for a in state.household.attending] == [f"Teo{unit}"]
        window.go("shortlist")
        QTest.qWait(300)

        qtbot.mouseClick(window.top_bar.restart, Qt.MouseButton.LeftButton)
        dialog = next(d for d in window.findChildren(PlainDialog) if d.isVisible())
        qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)

        assert (state.home, state.grade, state.shortlist, state.results) == (None, None, [], None)
        assert state.filters == type(state.filters)() and state.selected == ""
        household = state.household  # every child at once, and who attends where
        assert [(c.number, c.label, c.grade, c.schools) for c in household.children] == \
            [(1, None, None, [])]
        assert household.attending == [] and household.home is None
        assert window.household_bar.buttons.keys() == {1}
        assert window.current() == "welcome"
        typed = [f.text() for f in window.findChildren(QLineEdit)]
        typed += [f.toPlainText() for f in window.findChildren(QPlainTextEdit)]
        assert [t for t in typed if t] == []  # every field the family typed in is empty again
        QTest.qWait(300)  # anything written late would be written by now

        profile, _guard = map_profile()  # the map's one web profile (not page().profile(): see report)
        assert profile.isOffTheRecord()
        folders = [private_machine, *_app_folders(), Path(tempfile.gettempdir())]
        folders += [Path(p) for p in (profile.persistentStoragePath(), profile.cachePath()) if p]
        assert all(str(f).startswith(str(private_machine)) for f in _app_folders())
        assert not _scan(folders, [marker, unit, "00104", "Calle Luna", sister])
        assert not _scan(real_app_folders, [marker, unit, "00104", "Calle Luna", sister],
                         since=started)
    finally:
        mode.quitting = True
        state.operations.wait()
        dispose(window)


def _new_files(folder: Path, since: float, skip: tuple[str, ...] = ()) -> list[Path]:
    """Files under ``folder`` written since ``since`` (compiled Python and the skipped folders aside)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip and d != "__pycache__"]
        for name in files:
            path = Path(root) / name
            try:
                if path.stat().st_mtime >= since:
                    found.append(path)
            except OSError:
                continue
    return found


def test_an_idle_kiosk_session_with_every_dialog_leaves_nothing(private_machine: Path, real_app_folders,
                                                                qapp, qtbot):
    """The family opens compare, print and the QR code, then walks away: the idle countdown runs
    out, everything on screen and in memory is gone, and nothing of theirs is on the disk (home,
    temp folders, the app's folders, the working directory), nor any new file at all."""
    started = time.time() - 1
    marker = f"navigator-idle-{uuid.uuid4().hex}"
    unit = uuid.uuid4().hex[:10].upper()
    address = f"1421 Calle Luna Apt {unit}"
    workdir = Path.cwd()
    _app, state, window = create_window(demo_pack(), kiosk=True)
    mode = KioskMode(window, idle_s=600, countdown_s=2)
    window.showFullScreen()
    try:
        assert wait_until(lambda: window.map_view.is_ready, 30)
        _wait_results(state, lambda: state.set_home(home_from_zip(state.pack, "00104")))
        home = window.pages["home"]
        home.address_field.setText(address)
        _wait_results(state, home.find_address)
        assert state.home.label == address
        _wait_results(state, lambda: state.set_grade(0))
        for result in state.results.results[:3]:
            state.add_to_shortlist(result.id)
        state.set_note(state.shortlist[0].id, f"call about the bus {marker}")
        window.go("shortlist")
        page = window.pages["shortlist"]
        for school in state.shortlist[:2]:
            page.model.set_compared(school.id, True)
        compare = page.open_compare()
        assert wait_until(compare.isVisible, 5)
        QTest.qWait(200)  # left open: the wipe must close it too
        export = window.export_list()
        assert wait_until(export.isVisible, 5)
        export.print_list()  # the print dialog (or "no printer is ready" in a kiosk without one)
        QTest.qWait(300)
        print_dialog = getattr(export, "print_dialog", None)
        if print_dialog is not None:
            print_dialog.reject()
        qr = export.show_qr()
        assert qr is not None and wait_until(qr.isVisible, 5)
        QTest.qWait(300)

        mode.idle.setInterval(300)
        mode.idle.start()
        assert wait_until(lambda: mode.dialog is not None, 5), "no countdown"
        assert mode.dialog.remaining == 2
        with qtbot.waitSignal(mode.timed_out, timeout=8000):
            pass  # nobody answers: the countdown runs out and the kiosk wipes the session
        assert mode.dialog is None
        assert (state.home, state.grade, state.shortlist, state.results) == (None, None, [], None)
        assert window.current() == "welcome"
        shown = [w for w in qapp.topLevelWidgets() if w.isVisible() and w is not window]
        assert shown == [], [type(w).__name__ for w in shown]  # no dialog left with their list
        typed = [f.text() for f in window.findChildren(QLineEdit)]
        typed += [f.toPlainText() for f in window.findChildren(QPlainTextEdit)]
        assert [t for t in typed if t] == []
        QTest.qWait(300)

        profile, _guard = map_profile()
        folders = [private_machine, *_app_folders(), Path(tempfile.gettempdir())]
        folders += [Path(p) for p in (profile.persistentStoragePath(), profile.cachePath()) if p]
        needles = [marker, unit, "00104", "Calle Luna"]
        assert not _scan(folders, needles)
        assert not _scan(real_app_folders, needles, since=started)
        new_here = _new_files(workdir, started, skip=(".git", ".venv", ".pytest_cache", "build", "dist"))
        assert not _scan(new_here, needles) and new_here == []
        written = [p for p in _new_files(private_machine, started)
                   if "runtime" not in p.parts]  # Qt's runtime folder holds sockets only
        assert not _scan(written, needles)
    finally:
        mode.quitting = True
        state.operations.wait()
        dispose(window)


def test_idle_countdown_then_start_over(kiosk, qtbot):
    window, state = kiosk.window, kiosk.state
    state.set_language("es")
    kiosk.default_language = "en"
    _wait_results(state, lambda: state.set_home(home_from_zip(state.pack, "00104")))
    state.set_grade(0)
    window.go("child")
    window.zoom(1)
    kiosk.idle.setInterval(300)
    kiosk.idle.start()
    assert wait_until(lambda: kiosk.dialog is not None, 3), "no countdown"
    dialog = kiosk.dialog
    assert isinstance(dialog, CountdownDialog) and dialog.isVisible()
    spanish = translations_for("es").gettext("Still there?")
    assert dialog.heading.text() == spanish != "Still there?"
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)  # "I'm still here"
    assert kiosk.dialog is None and state.home is not None and state.grade == 0
    with qtbot.waitSignal(kiosk.timed_out, timeout=6000):
        pass  # no touch: the countdown runs out (300 ms idle + 2 s)
    assert state.home is None and state.grade is None
    assert window.current() == "welcome"
    assert state.language == "en"  # the next family starts in the kiosk's language
    assert window.appearance.scale_index == 1 and not window.appearance.high_contrast


def test_idle_on_an_empty_welcome_screen_asks_nothing(kiosk):
    kiosk.idle.setInterval(200)
    kiosk.idle.start()
    QTest.qWait(600)
    assert kiosk.dialog is None and kiosk.window.current() == "welcome"


def test_the_attendant_chord_quits(kiosk, qapp, monkeypatch):
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    window = kiosk.window
    window.activateWindow()
    assert wait_until(lambda: window.isActiveWindow(), 3)
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert quits == [True] and kiosk.quitting and not window.isVisible()


def test_reading_aloud_in_a_kiosk_leaves_nothing_and_the_idle_timeout_stops_it(
        private_machine: Path, real_app_folders, private_voice, qapp, qtbot):
    """Read aloud the zoned school's card, its profile (which names the family's ZIP) and My list
    (with the family's note), through the real speech-dispatcher and espeak-ng; the kiosk's idle
    timeout stops the reading, and nothing the family heard is on the disk, the daemon's own
    folder and log included."""
    from speech_server import need_speech


    need_speech()
    started = time.time() - 1
    marker = f"navigator-voice-{uuid.uuid4().hex}"
    _app, state, window = create_window(demo_pack(), kiosk=True)
    mode = KioskMode(window, idle_s=600, countdown_s=2)
    window.showFullScreen()
    reader = window.read_aloud
    try:
        assert wait_until(lambda: window.map_view.is_ready, 30)
        _wait_results(state, lambda: state.set_home(home_from_zip(state.pack, "00104")))
        _wait_results(state, lambda: state.set_grade(0))
        window.go("results")
        assert wait_until(lambda: reader.voice.locales is not None, 30), "no speech engine"
        zoned = next(iter(state.results.zoned))
        window.pages["results"].read_card(zoned)
        assert reader.last.shown[0] == state.pack.school_name(zoned)
        assert wait_until(lambda: reader.voice.spoke_at is not None, 10)
        window.show_profile(zoned)
        profile = window.pages["profile"]
        profile.read_button(0).click()
        assert "ZIP code 00104" in reader.last.spoken  # "The zoned school for ZIP code 00104…"
        state.add_to_shortlist(zoned)
        state.set_note(zoned, f"ask about the bus {marker}")
        window.go("shortlist")
        page = window.pages["shortlist"]
        page.list_read.click()
        assert marker in reader.last.spoken
        assert wait_until(lambda: reader.voice.spoke_at is not None, 10)

        mode.idle.setInterval(300)
        mode.idle.start()
        with qtbot.waitSignal(mode.timed_out, timeout=8000):
            pass  # nobody answers: the kiosk starts over
        assert reader.current_key is None and page.view.property("reading") is False
        assert wait_until(lambda: not reader.voice.speaking_now, 10), "the voice went on"
        QTest.qWait(300)
        folders = [private_machine, *_app_folders(), Path(tempfile.gettempdir()), private_voice]
        assert any(private_voice.iterdir())  # the daemon's log is there, and scanned
        # (the daemon's log has timestamps: "00104" alone could be a microsecond count)
        assert not _scan(folders, [marker, "ZIP code 00104"])
        assert not _scan(real_app_folders, [marker, "ZIP code 00104"], since=started)
    finally:
        mode.quitting = True
        state.operations.wait()
        dispose(window)

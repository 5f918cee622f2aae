"""The app on a newer, signed pack: "About this information" and "What changed" (real packs)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from demo import TODAY
from newer_demo import newer_demo
from PySide6.QtCore import Qt

from navigator.catalogue.pack import open_pack
from navigator.catalogue.signing import generate_key, pack_trust, read_public_key, sign_pack
from navigator.deadlines import timeline
from navigator.gui.widgets import TOUCH
from navigator.resources import demo_pack
from navigator.shortlist import FamilyList, ListedSchool, load_list, save_list

ONEILL, PENA, SYCAMORE = "99999996099136", "99999996099078", "99999996099029"
SIGNER = "Valle Verde USD enrollment office (demo)"


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, Path]:
    """The demo pack as installed last week, and this week's signed build with its changes."""
    folder = tmp_path_factory.mktemp("packs")
    newer = newer_demo(folder / "demo")
    old = folder / "old.sqlite"
    shutil.copyfile(demo_pack(), old)
    generate_key(folder / "district.key", SIGNER)
    sign_pack(newer, folder / "district.key", signed_at="2026-11-30T16:00:00Z")
    return {"old": old, "newer": newer, "pub": folder / "district.key.pub"}


@pytest.fixture(scope="module")
def window(qapp, packs):
    from navigator.gui.main_window import MainWindow
    from navigator.gui.selftest import dispose
    from navigator.gui.state import FamilyState

    state = FamilyState(open_pack(packs["newer"]))
    state.today = lambda: TODAY
    state.pack_trust = pack_trust(packs["newer"], [read_public_key(packs["pub"])], True)
    state.previous_pack = packs["old"]
    state.set_language("en")
    main = MainWindow(state)
    main.resize(1366, 768)
    main.show()
    yield main
    state.operations.wait()
    dispose(main)


def session(folder: Path, pack: Path) -> Path:
    """Mr. Kim's session for the Park family, saved last week on ``pack``."""
    with open_pack(pack) as made_with:
        family = FamilyList(region=made_with.region.id, pack=made_with.stamp(), schools=[
            ListedSchool(ONEILL), ListedSchool(PENA), ListedSchool(SYCAMORE)])
    save_list(folder / "park.json", family)
    return folder / "park.json"


def texts(dialog, name: str) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in dialog.findChildren(QLabel, name)]


def test_about_shows_who_signed_the_pack(window, qtbot) -> None:
    window.state.set_language("en")
    button = window.top_bar.about
    assert button.text() == "About this information" and button.height() >= TOUCH
    assert "who signed it" in button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.about_pack_dialog
    qtbot.waitUntil(dialog.isVisible)
    signature = texts(dialog, "aboutSignature")[0]
    key_id = read_public_key(window.state.previous_pack.parent / "district.key.pub").key_id
    assert signature.startswith(f"Signed by {SIGNER} on November 30, 2026 (key {key_id}).")
    assert "checked the signature" in signature
    assert any("Application dates for 2027-28, from Valle Verde Unified School District (demo) "
               "(as of November 15, 2026)" in t for t in texts(dialog, ""))
    assert dialog.close_button.height() >= TOUCH and dialog.accessibleName() == \
        "About this information"
    window.state.set_language("ko")
    assert "서명" in texts(dialog, "aboutSignature")[0]
    dialog.accept()
    window.state.set_language("en")


def test_about_says_when_a_pack_is_not_signed(qtbot, packs) -> None:
    from navigator.catalogue.signing import PackTrust
    from navigator.gui.about_pack import signature_text

    assert signature_text(PackTrust("unsigned")).startswith("Not signed.")
    trust = pack_trust(packs["newer"], [], False)
    assert trust.status == "unchecked" and "was not checked" in signature_text(trust)


def test_a_session_opened_on_a_newer_pack_says_what_changed(window, qtbot, tmp_path) -> None:
    path = session(tmp_path, window.state.previous_pack)
    assert load_list(path).pack["built_at"] != window.state.pack.region.built_at
    assert window.open_session(path)
    window.state.operations.wait()  # the packs, compared off the GUI thread
    dialog = window.what_changed_dialog
    qtbot.waitUntil(dialog.isVisible)
    items = texts(dialog, "whatChangedItem")
    assert "• Valle Verde Choices: magnet programs now closes on November 20, 2026 at 5:00\u202fPM, " \
           "not December 4, 2026 at 5:00\u202fPM." in items
    assert "• Sycamore K-8 School is now called Sycamore Oaks K-8 School." in items
    assert "• Escuela Peña Elementary now offers Science, technology, engineering and math " \
           "(STEM)." in items
    assert not any("Hillcrest" in i for i in items)  # not on this family's list
    assert dialog.close_button.height() >= TOUCH
    window.state.set_language("es")
    assert any("20 de noviembre de 2026" in i for i in texts(dialog, "whatChangedItem"))
    window.state.set_language("en")
    dialog.accept()
    # The list's dates are the new pack's.
    entries = timeline(window.state.pack, [s.id for s in window.state.shortlist], "en",
                       TODAY)
    magnet = next(e for e in entries if e.deadline_id == "vvusd-magnet-closes")
    assert magnet.date == date(2026, 11, 20)


def test_without_the_earlier_pack_it_says_only_that_it_was_updated(window, qtbot, tmp_path,
                                                                  packs) -> None:
    path = session(tmp_path, packs["old"])
    kept, window.state.previous_pack = window.state.previous_pack, None
    try:
        assert window.open_session(path)
        window.state.operations.wait()
        dialog = window.what_changed_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert texts(dialog, "whatChangedItem") == []
        assert texts(dialog, "whatChangedUnknown")[0].startswith(
            "The earlier information is no longer on this computer")
        dialog.accept()
    finally:
        window.state.previous_pack = kept


def test_a_session_saved_on_this_pack_opens_without_a_word(window, tmp_path) -> None:
    window.what_changed_dialog = None
    path = session(tmp_path, window.state.pack.path)
    assert window.open_session(path)
    window.state.operations.wait()
    assert window.what_changed_dialog is None
    saved = tmp_path / "again.json"
    assert window.save_session(saved)
    assert load_list(saved).pack == window.state.pack.stamp()


def test_a_household_opened_on_a_newer_pack_says_what_changed_for_every_child(window, qtbot,
                                                                             tmp_path) -> None:
    from navigator.household import Household, load_household, save_household

    with open_pack(window.state.previous_pack) as made_with:
        household = Household(region=made_with.region.id, pack=made_with.stamp())
        household.child(1).grade = 0
        household.child(1).schools = [ListedSchool(PENA)]
        ana = household.add_child("Ana", 6)
        ana.schools = [ListedSchool(SYCAMORE)]
    save_household(tmp_path / "park.json", household)
    assert load_household(tmp_path / "park.json").pack == household.pack
    window.what_changed_dialog = None
    assert window.open_session(tmp_path / "park.json")
    assert len(window.state.household.children) == 2
    window.state.operations.wait()
    dialog = window.what_changed_dialog
    qtbot.waitUntil(dialog.isVisible)
    items = texts(dialog, "whatChangedItem")
    assert "• Sycamore K-8 School is now called Sycamore Oaks K-8 School." in items  # Ana's
    assert "• Escuela Peña Elementary now offers Science, technology, engineering and math " \
           "(STEM)." in items  # Luis's
    dialog.accept()
    # Saved again in the app, the household names the pack open now.
    assert window.save_session(tmp_path / "again.json")
    assert load_household(tmp_path / "again.json").pack["sha256"] == window.state.pack.sha256
    window.state.start_over()

"""The app with a broken pack or list file: a message for the attendant or counsellor, never a
crash; the pack's unusable entries counted where staff see them (the welcome screen)."""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo import ROOT  # noqa: E402
from hostile import copy_demo, damage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from navigator.errors import UserError  # noqa: E402
from navigator.gui.app import create_window, problem_dialog  # noqa: E402
from navigator.gui.dialogs import PlainDialog  # noqa: E402
from navigator.gui.selftest import dispose, wait_until  # noqa: E402


def test_a_pack_the_app_cannot_open_is_a_message(tmp_path, qapp):
    pack = damage(copy_demo(tmp_path / "pack.sqlite"), "DROP TABLE processes")
    with pytest.raises(UserError) as refused:
        create_window(pack)
    dialog = problem_dialog(str(refused.value))
    assert "cannot be used" in dialog.text.text() and "has no table processes" in dialog.detail.text()
    dialog.deleteLater()


def test_the_welcome_screen_counts_what_the_pack_could_not_use(tmp_path, qapp):
    pack = damage(copy_demo(tmp_path / "pack.sqlite"),
                  "UPDATE schools SET latitude = 'north' WHERE rowid <= 2",
                  "UPDATE sources SET as_of = 'soon' WHERE rowid = 1", loose=("schools", "sources"))
    _app, state, window = create_window(pack)
    try:
        welcome = window.pages["welcome"]
        assert wait_until(lambda: welcome.left_out == 3, 5)
        assert not welcome.data_note.isHidden() and "3 entries" in welcome.data_note.text()
        assert "2 schools with unusable coordinates" in welcome.data_note.toolTip()
    finally:
        state.operations.wait()
        dispose(window)


def test_a_broken_session_file_is_a_message_not_a_crash(demo_window, tmp_path, qapp):
    window = demo_window
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    wrong = json.loads((ROOT / "data" / "demo" / "shortlist.json").read_text(encoding="utf-8"))
    wrong["family"]["home"]["latitude"] = "x"
    typed = tmp_path / "typed.json"
    typed.write_text(json.dumps(wrong))
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    for path in (deep, typed, binary, tmp_path):
        assert window.open_session(path) is False
        dialogs = [d for d in QApplication.topLevelWidgets() if isinstance(d, PlainDialog) and d.isVisible()]
        assert dialogs and str(path) in dialogs[-1].detail.text()
        for dialog in dialogs:
            dialog.accept()


def test_a_session_with_a_school_twice_opens_with_a_word(demo_window, tmp_path, qapp):
    window = demo_window
    data = json.loads((ROOT / "data" / "demo" / "shortlist.json").read_text(encoding="utf-8"))
    data["schools"].append(dict(data["schools"][0], rank=9, note="again"))
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(data))
    assert window.open_session(path) is True
    window.state.operations.wait()  # said once the packs are compared, off the GUI thread
    ids = [s.id for s in window.state.shortlist]
    assert len(ids) == len(set(ids)) == len(data["schools"]) - 1
    dialogs = [d for d in QApplication.topLevelWidgets() if isinstance(d, PlainDialog) and d.isVisible()]
    assert dialogs and "more than once" in dialogs[-1].detail.text()
    for dialog in dialogs:
        dialog.accept()
    window.state.start_over()
    window.state.set_language("en")  # the list was in Spanish: later tests expect English


def test_the_app_self_test_reads_a_loose_pack(loose_pack, capsys):
    from navigator.gui.selftest import self_test

    passed, line = self_test(loose_pack)
    assert passed, line

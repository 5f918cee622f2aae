"""Every language on screen: a draft says so once on Welcome in its own language, Arabic and Farsi
mirror the window (switching live), and the self-test prints in Armenian and Arabic."""

from __future__ import annotations

from demo import TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from navigator.exports import fonts
from navigator.gui.selftest import export_problem
from navigator.i18n import DRAFT_NOTE, draft_note


def test_welcome_says_once_in_the_drafts_language_that_no_speaker_has_checked_it(demo_window):
    window, state = demo_window, demo_window.state
    window.go("welcome")
    note = window.pages["welcome"].draft
    try:
        for lang in ("hy", "zh_Hant", "vi", "ar", "fa"):
            state.set_language(lang)
            assert note.isVisible() and note.text() == draft_note(lang) != DRAFT_NOTE, lang
            shown = [w for w in window.pages["welcome"].findChildren(type(note))
                     if w.isVisible() and w.text() == note.text()]
            assert len(shown) == 1  # once
        for lang in ("en", "es", "ko"):  # checked by people who speak them: nothing to say
            state.set_language(lang)
            assert not note.isVisible(), lang
    finally:
        state.set_language("en")


def test_arabic_and_farsi_mirror_the_window_and_switch_back_live(demo_window):
    state = demo_window.state
    try:
        for lang, direction in (("ar", Qt.LayoutDirection.RightToLeft),
                                ("es", Qt.LayoutDirection.LeftToRight),
                                ("fa", Qt.LayoutDirection.RightToLeft)):
            state.set_language(lang)
            assert QApplication.layoutDirection() == direction, lang
            assert demo_window.isRightToLeft() == (direction == Qt.LayoutDirection.RightToLeft)
            back = demo_window.pages["welcome"].start
            assert back.isRightToLeft() == demo_window.isRightToLeft()
    finally:
        state.set_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_self_test_prints_armenian_and_arabic_and_fails_without_an_arabic_font(
        demo_window, monkeypatch):
    pack = demo_window.state.pack
    ids = ["99999990129011", "99999996099078"]
    assert export_problem(pack, ids, TODAY) is None
    monkeypatch.setitem(fonts.CANDIDATES, "arabic", [("NoSuchArabic.ttf", "NoSuchArabic.ttf")])
    problem = export_problem(pack, ids, TODAY)
    assert problem and "Arabic" in problem

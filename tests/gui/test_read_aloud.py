"""Read aloud with the real engine (Qt TextToSpeech → the tests' speech-dispatcher → espeak-ng):
the words handed to the engine are the words on screen in the family's language, the part read is
outlined, a tap elsewhere and Start over stop it, a language without a voice says so, and
espeak-ng's reading of a profile section is sound, not silence."""

from __future__ import annotations

import array
import math
import re

import pytest
from demo import LAS_FLORES, PUENTE
from PySide6.QtCore import Qt
from speech_server import need_speech

from navigator.gui.read_aloud import ReadAloudButton, card_key, shown_texts
from navigator.gui.selftest import wait_until
from navigator.i18n import translations_for
from navigator.speech.voices import espeak_wav

HANGUL = re.compile(r"[\uac00-\ud7a3]")
RMS_FLOOR = 500  # of 32,767: speech is thousands; a silent WAV is 0


@pytest.fixture
def family(private_voice, rosa):
    """Rosa's search, the voice started (as the results page starts it) and its voices known."""
    need_speech()
    reader = rosa.read_aloud
    rosa.go("results")
    assert wait_until(lambda: reader.voice.locales is not None, 30), "the speech engine never started"
    assert "es_419" in reader.voice.locales and "ko_KR" in reader.voice.locales
    yield rosa
    reader.stop()


def tap_read_pill(qtbot, view, school_id: str) -> None:
    index = view.model().index(view.model().row_of(school_id))
    view.scrollTo(index)
    qtbot.wait(50)
    layout = view.delegate.layout_for(index, view.viewport().width(), view.font())
    point = layout.pills["read"].translated(view.visualRect(index).topLeft()).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def rms(wav: bytes) -> float:
    samples = array.array("h", wav[44:])  # after the RIFF header: 16-bit mono
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_a_card_is_read_in_spanish_as_it_is_shown(family, qtbot):
    state, reader = family.state, family.read_aloud
    state.set_language("es")
    page = family.pages["results"]
    view = page.list_view
    tap_read_pill(qtbot, view, PUENTE)
    row = page.model.row_of(PUENTE)
    assert reader.last.lang == "es"
    assert reader.last.shown == tuple(page.model.spoken_parts(row))  # the card's own words
    assert page.model.texts(row).name in reader.last.spoken
    distance = page.model.texts(row).distance  # "0.5 mi · 15 min a pie": "0.5 millas · 15 minutos…"
    miles, minutes = re.match(r"([\d.]+) mi · (\d+) min a pie", distance).groups()
    assert f"{miles} millas, {minutes} minutos a pie" in reader.last.spoken
    assert wait_until(lambda: reader.voice.spoke_at is not None, 10), "the engine never spoke"
    reader.stop()
    # (No event loop between asking and looking: the engine's answers wait.)
    reader.read(card_key(PUENTE), None, page.model.spoken_parts(row))  # as read_card does
    assert reader.current_key == card_key(PUENTE)
    assert view.delegate._pill_texts(PUENTE)["read"] == "Detener la lectura"
    reader.stop()
    assert view.delegate._pill_texts(PUENTE)["read"] == "Leer en voz alta"


def test_a_profile_section_is_read_in_korean_outlined_and_a_tap_elsewhere_stops_it(family, qtbot):
    state, reader = family.state, family.read_aloud
    state.set_language("ko")
    family.show_profile(LAS_FLORES)
    page = family.pages["profile"]
    assert wait_until(lambda: page.profile is not None and len(page.sections) > 5)
    contact = next(s for s in page.sections if shown_texts(s)[0] == "연락처")
    button = contact.findChild(ReadAloudButton)
    assert button.accessibleName() == "소리 내어 읽기" == button.text().strip()
    button.click()
    assert reader.current.shown == tuple(shown_texts(contact))  # the labels on screen, in order
    assert page.profile.phone in reader.current.shown
    assert HANGUL.search(reader.current.spoken)
    assert contact.property("reading") is True  # the part being read is outlined
    assert button.accessibleName() == "읽기 멈추기"
    # Any tap elsewhere stops it: here, the page's name.
    qtbot.mouseClick(page.school_name, Qt.MouseButton.LeftButton)
    assert reader.current_key is None and contact.property("reading") is False
    assert button.accessibleName() == "소리 내어 읽기"


def test_start_over_stops_the_reading(family, qtbot):
    state, reader = family.state, family.read_aloud
    family.show_profile(LAS_FLORES)
    page = family.pages["profile"]
    page.read_button(0).click()
    assert reader.current.shown[0] == page.profile.name  # the school in brief starts with its name
    stops = reader.voice.stops
    state.start_over()
    assert reader.voice.stops == stops + 1  # the engine is told to stop
    assert reader.current_key is None
    assert wait_until(lambda: not reader.voice.speaking_now, 10), "the engine went on speaking"


def test_plan_and_list_are_read_as_shown(family, qtbot):
    state, reader = family.state, family.read_aloud
    state.set_language("es")
    for school in (LAS_FLORES, PUENTE):
        state.add_to_shortlist(school)
    family.go("shortlist")
    page = family.pages["shortlist"]
    page.plan_read.click()
    assert reader.current.shown[0] == "Qué hacer ahora" == page.plan_title.text()
    assert page.plan_box.property("reading") is True
    # Another "Read aloud": the plan stops, the list is read.
    qtbot.mouseClick(page.heading, Qt.MouseButton.LeftButton)  # a tap elsewhere stops the plan
    assert reader.current_key is None and page.plan_box.property("reading") is False
    page.list_read.click()
    assert reader.current_key == "list" and reader.last.shown[0] == page.heading.text()
    assert page.view.property("reading") is True
    assert reader.last.shown[1:3] == (page.model.row_text(0), page.model.row_text(1))


def test_a_language_without_a_voice_says_so(family):
    state, reader = family.state, family.read_aloud
    state.set_language("tl")  # no Tagalog voice in espeak-ng
    family.go("shortlist")
    button = family.pages["shortlist"].list_read
    said = translations_for("tl").gettext("No voice for this language on this computer")
    assert button.accessibleName() == said == button.text().strip() and not button.isEnabled()
    assert reader.read("list", None, ["Kumusta"]) is None  # never in another language's voice
    assert not family.pages["shortlist"].plan_read.isVisibleTo(family)  # one button says so
    cards = family.pages["results"].list_view.delegate
    assert cards._pill_texts(PUENTE)["read"] == translations_for("tl").gettext(
        "No voice for this language")
    state.set_language("es")
    assert button.isEnabled() and button.accessibleName() == "Leer mi lista en voz alta"


def test_espeak_reads_a_profile_section_aloud(family, qtbot):
    family.state.set_language("es")
    family.show_profile(LAS_FLORES)
    page = family.pages["profile"]
    page.read_button(1).click()
    spoken = family.read_aloud.current.spoken
    family.read_aloud.stop()
    wav = espeak_wav(spoken, "es")
    assert wav[:4] == b"RIFF" and len(wav) > 22050 * 2  # more than a second of speech
    assert rms(wav) > RMS_FLOOR
    assert rms(espeak_wav(" ", "es")) < RMS_FLOOR  # the floor tells speech from silence

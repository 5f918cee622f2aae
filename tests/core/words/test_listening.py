"""The words a listener hears (navigator.speech): the screen's own texts with times, dates,
distances and school terms in words, in the family's language; and which voice speaks what."""

from __future__ import annotations

from datetime import date

import pytest

from navigator.i18n import (
    format_clock,
    format_date,
    format_distance,
    format_short_date,
    format_walk_minutes,
    translations_for,
)
from navigator.speech.listening import reading
from navigator.speech.voices import voice_locale

SPEECHD = {"en_US", "es_419", "es_ES", "ko_KR", "hy_AM", "vi_VN", "ru_RU", "ar_EG", "fa_IR",
           "yue_HK", "de_DE"}  # what speech-dispatcher with espeak-ng offers (in part)


def spoken(lang: str, *texts: str) -> str:
    return reading(texts, lang).spoken


def test_the_shown_texts_are_kept_as_shown() -> None:
    r = reading(["  Las Flores Elementary ", "", "Grades K–5"], "en")
    assert r.shown == ("Las Flores Elementary", "Grades K–5") and r.lang == "en"


@pytest.mark.parametrize(("lang", "minutes", "said"), [
    ("en", 7 * 60 + 26, "7:26 in the morning"),
    ("en", 17 * 60, "5:00 in the afternoon"),
    ("es", 7 * 60 + 26, "7:26 de la mañana"),
    ("ko", 19 * 60 + 5, "저녁 7:05"),
    ("ru", 7 * 60 + 26, "7:26 утра"),
])
def test_times_are_said_with_the_part_of_the_day(lang, minutes, said) -> None:
    shown = format_clock(minutes, lang)
    about = translations_for(lang).gettext("about {time}").format(time=shown)
    assert said in spoken(lang, about)
    assert shown not in spoken(lang, about) or shown == said
    if lang == "en":
        assert spoken(lang, about).startswith("about ")  # an estimate stays "about"


def test_abbreviated_dates_are_said_in_full() -> None:
    day = date(2026, 10, 13)
    assert spoken("en", format_short_date(day, "en")) == "Tuesday, October 13, 2026."
    assert spoken("es", format_short_date(day, "es")) == "martes, 13 de octubre de 2026."
    assert "화요일" in spoken("ko", format_short_date(day, "ko"))
    assert spoken("en", format_date(day, "en")) == "October 13, 2026."  # already in full


def test_units_are_said_as_words_with_their_plural() -> None:
    assert spoken("en", format_distance(1.3, "en")) == "0.8 miles."
    assert spoken("en", format_distance(1.609344, "en")) == "1.0 miles."
    assert spoken("en", format_walk_minutes(1, "en")) == "1 minute walk."
    assert spoken("es", format_distance(1.3, "es"), format_walk_minutes(12, "es")) == \
        "0.8 millas. 12 minutos a pie."
    assert spoken("ru", format_walk_minutes(12, "ru")) == "12 минут пешком."
    assert spoken("ru", format_walk_minutes(2, "ru")) == "2 минуты пешком."
    assert spoken("ko", format_distance(1.3, "ko")) == "0.8마일."
    assert "mi" not in spoken("en", "Within 2 mi · 15 min").split()


def test_school_terms_and_grade_ranges_are_said_in_words() -> None:
    assert spoken("en", "Grades TK–5") == "Grades transitional kindergarten to 5."
    assert spoken("en", "Grades K–8") == "Grades kindergarten to 8."
    assert spoken("en", "transitional kindergarten (TK)") == "transitional kindergarten."  # once
    assert spoken("es", "IEP (Programa de Educación Individualizada)") == \
        "Programa de Educación Individualizada."
    assert spoken("ko", "개별화 교육 프로그램(IEP)") == "개별화 교육 프로그램."
    assert spoken("es", "Grados TK–5") == "Grados kínder de transición a 5."
    assert "IEP" not in spoken("en", "Places here are given through your child's IEP team.")


def test_marks_are_not_read_as_symbols() -> None:
    assert spoken("en", "⚠ Closes in 3 days · Choices form") == "Closes in 3 days, Choices form."
    assert spoken("en", "✓ On my list") == "On my list."


def test_every_line_ends_as_a_sentence() -> None:
    assert spoken("en", "Las Flores\nGrades K–5", "Phone: 555-0100") == \
        "Las Flores. Grades kindergarten to 5. Phone: 555-0100."


def test_a_language_speaks_only_through_its_own_voice() -> None:
    assert voice_locale("es", SPEECHD) == "es_419"
    assert voice_locale("ko", SPEECHD) == "ko_KR"
    assert voice_locale("zh_Hant", SPEECHD) == "yue_HK"
    assert voice_locale("zh_Hans", SPEECHD) is None  # no Mandarin voice: said so, not Cantonese
    assert voice_locale("tl", SPEECHD) is None  # no Tagalog voice: never English sounds
    assert voice_locale("de", SPEECHD) == "de_DE"  # outside the table: the same language only
    assert voice_locale("es", {"en_US"}) is None

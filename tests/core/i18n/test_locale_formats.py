"""Dates, times, numbers and distances in every language the app ships, from babel's locale data:
what a family reads on a card or a printed list, written the way its language writes it."""

from __future__ import annotations

from datetime import date

import pytest

from navigator.i18n import (
    available_languages,
    babel_locale,
    format_clock,
    format_date,
    format_distance,
    format_number,
    format_walk_minutes,
    translator,
)

NOV_15 = date(2026, 11, 15)
KM_PER_MILE = 1.609344

# lang: (date, 5:05 PM, 1234.5, 0.8 mi, 12 mi, 25 km, a 12-minute walk)
EXPECTED = {
    "en": ("November 15, 2026", "5:05 PM", "1,234.5", "0.8 mi", "12 mi", "25 km", "12 min walk"),
    "es": ("15 de noviembre de 2026", "5:05 p.m.", "1,234.5", "0.8 mi", "12 mi", "25 km", "12 min a pie"),
    "ko": ("2026년 11월 15일", "오후 5:05", "1,234.5", "0.8마일", "12마일", "25km", "도보 12분"),
    "hy": ("2026 թ. նոյեմբերի 15", "17:05", "1 234,5", "0,8 մղոն", "12 մղոն", "25 կմ",
           "12 րոպե քայլելով"),
    "zh_Hans": ("2026年11月15日", "17:05", "1,234.5", "0.8 英里", "12 英里", "25 公里", "步行 12 分钟"),
    "zh_Hant": ("2026年11月15日", "下午5:05", "1,234.5", "0.8 英里", "12 英里", "25 公里", "步行 12 分鐘"),
    "vi": ("15 tháng 11, 2026", "17:05", "1.234,5", "0,8 dặm", "12 dặm", "25 km", "12 phút đi bộ"),
    "tl": ("Nobyembre 15, 2026", "5:05 PM", "1,234.5", "0.8 milya", "12 milya", "25 km",
           "12 minutong lakad"),
    "ru": ("15 ноября 2026 г.", "17:05", "1 234,5", "0,8 мили", "12 миль", "25 км", "12 мин пешком"),
    "ar": ("15 نوفمبر 2026", "5:05 م", "1,234.5", "0.8 ميل", "12 ميلًا", "25 كم", "12 دقيقة سيرًا"),
    "fa": ("15 نوامبر 2026", "17:05", "1,234.5", "0.8 مایل", "12 مایل", "25 کیلومتر", "12 دقیقه پیاده"),
}


def _spaces(text: str) -> str:
    """CLDR writes narrow and no-break spaces ("5:05 PM", "1 234,5"); a reader sees a space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_every_language_is_covered() -> None:
    assert {lang.code for lang in available_languages()} == set(EXPECTED)


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_date_time_number_distance_and_walk(lang: str) -> None:
    day, clock, number, near, far, km, walk = EXPECTED[lang]
    assert _spaces(format_date(NOV_15, lang)) == day
    assert _spaces(format_clock("17:05", lang)) == clock
    assert _spaces(format_number(1234.5, lang, decimals=1)) == number
    assert format_distance(0.8 * KM_PER_MILE, lang, "mi") == near
    assert format_distance(12 * KM_PER_MILE, lang, "mi") == far
    assert format_distance(24.6, lang, "km") == km
    assert format_walk_minutes(11.6, lang) == walk


def test_numbers_stay_in_western_digits() -> None:
    """Arabic and Persian screens keep 0-9, as the families' forms, phones and buses write them."""
    for lang in ("ar", "fa"):
        assert format_number(1234.5, lang, decimals=1).isascii()


def test_traditional_chinese_is_written_as_taiwan_writes_it() -> None:
    assert str(babel_locale("zh_Hant")) == "zh_Hant_TW"
    assert str(babel_locale("zh_Hans")) == "zh_Hans_CN"


@pytest.mark.parametrize(("system", "catalogue"), [
    ("zh_TW", "zh_Hant"), ("zh-HK", "zh_Hant"), ("zh_MO", "zh_Hant"), ("zh_Hant_HK", "zh_Hant"),
    ("zh_CN", "zh_Hans"), ("zh_SG", "zh_Hans"), ("zh", "zh_Hans"),
    ("ru_RU", "ru"), ("fa_IR", "fa"), ("ar_EG", "ar"), ("hy_AM", "hy"), ("vi_VN", "vi"),
    ("fil_PH", "tl"), ("tl", "tl"),
])
def test_system_locales_pick_the_catalogue_in_their_script(system: str, catalogue: str) -> None:
    assert translator.resolve(system) == catalogue

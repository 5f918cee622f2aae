"""Dates, times, numbers, distances and lists in the family's language (babel's locale data);
each function takes the language, or ``None`` for the screen language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Literal

from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from navigator.geo import KM_PER_MILE
from navigator.i18n.catalogues import babel_locale
from navigator.i18n.translator import translations_for, translator

DistanceUnit = Literal["mi", "km"]


def _lang(lang: str | None) -> str:
    return translator.language if lang is None else lang


def default_distance_unit(territory: str | None) -> DistanceUnit:
    """Miles where road distances are given in miles (the US by default), kilometres elsewhere."""
    return "mi" if (territory or "US").upper() in {"US", "GB", "LR", "MM", "PR"} else "km"


def format_date(d: date, lang: str | None = None, style: str = "long") -> str:
    """``November 15, 2026`` / ``15 de noviembre de 2026`` / ``2026년 11월 15일``."""
    return babel_dates.format_date(d, format=style, locale=babel_locale(_lang(lang)))


def format_weekday_date(d: date, lang: str | None = None) -> str:
    """The date with its weekday: ``Sunday, November 15, 2026`` / ``2026년 11월 15일 일요일``."""
    return babel_dates.format_date(d, format="full", locale=babel_locale(_lang(lang)))


def format_deadline(d: date, hhmm: str | None = None, lang: str | None = None) -> str:
    """A pack's date with its time if it has one: ``February 12, 2027 at 5:00 PM``."""
    day = format_date(d, lang)
    clock = format_clock(hhmm, lang) if hhmm else None
    if clock is None:
        return day
    # TRANSLATORS: a deadline's date and time, e.g. "February 12, 2027 at 5:00 PM".
    return translations_for(_lang(lang)).gettext("{date} at {time}").format(date=day, time=clock)


def format_weekday(d: date, lang: str | None = None, width: str = "wide") -> str:
    """The weekday name alone: ``Sunday`` / ``domingo`` / ``일요일``."""
    pattern = {"wide": "EEEE", "abbreviated": "EEE", "short": "EEEEEE"}[width]
    return babel_dates.format_date(d, format=pattern, locale=babel_locale(_lang(lang)))


def format_clock(clock: str | int, lang: str | None = None) -> str | None:
    """A time of day, from the pack ("17:00") or in minutes after midnight (441): ``7:21 AM`` /
    ``7:21 a.m.`` / ``오전 7:21``; None when the text is not a time.

    Korean as its printed lists write it ("오전 7:21", not CLDR's "AM 7:21"); a service day's
    times past midnight (25:10) are read on the clock (1:10 AM).
    """
    if isinstance(clock, int):
        at = time((clock // 60) % 24, clock % 60)
    else:
        try:
            at = time.fromisoformat(clock)
        except (TypeError, ValueError):
            return None
    code = _lang(lang)
    pattern = "aaaa h:mm" if code.split("_")[0] == "ko" else "short"
    return babel_dates.format_time(at, format=pattern, locale=babel_locale(code))


def format_short_date(d: date, lang: str | None = None) -> str:
    """The date with an abbreviated weekday: ``Tue, Oct 11, 2022`` / ``mar, 11 oct 2022``."""
    return babel_dates.format_skeleton("yMMMEd", d, locale=babel_locale(_lang(lang)))


def format_number(value: float, lang: str | None = None, decimals: int | None = None) -> str:
    """A number with the language's separators; ``decimals`` fixes the digits after the point."""
    loc = babel_locale(_lang(lang))
    if decimals is None:
        return babel_numbers.format_decimal(value, locale=loc)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=loc)


def format_distance(km: float, lang: str | None = None, unit: DistanceUnit = "mi") -> str:
    """``0.8 mi`` / ``1,2 km``: one decimal under 10, none above; a school next door is ``0.1``."""
    if unit not in ("mi", "km"):
        raise ValueError(f"unknown distance unit {unit!r}")
    if km < 0:
        raise ValueError(f"negative distance {km!r}")
    value = km / KM_PER_MILE if unit == "mi" else km
    if 0 < value < 0.05:
        value = 0.1  # never "0.0 mi" for a school that is there
    # Under 10 the number has a decimal, which takes one form of the unit in every language (Russian
    # "0,8 мили"); a whole number takes the plural of its number ("12 миль", "3 أميال").
    t = translations_for(_lang(lang))
    if round(value, 1) < 10:
        number = format_number(value, lang, decimals=1)
        if unit == "mi":
            # TRANSLATORS: a distance in miles, e.g. "0.8 mi"; {distance} is already a formatted number.
            text = t.pgettext("distance", "{distance} mi")
        else:
            # TRANSLATORS: a distance in kilometres, e.g. "1.2 km"; {distance} is a formatted number.
            text = t.pgettext("distance", "{distance} km")
        return text.format(distance=number)
    whole = round(value)
    number = format_number(whole, lang, decimals=0)
    if unit == "mi":
        # TRANSLATORS: a whole number of miles, 10 or more, e.g. "12 mi"; {distance} is a formatted
        # number. Use the unit's plural for that number where your language has one.
        text = t.npgettext("whole distance", "{distance} mi", "{distance} mi", whole)
    else:
        # TRANSLATORS: a whole number of kilometres, 10 or more, e.g. "25 km".
        text = t.npgettext("whole distance", "{distance} km", "{distance} km", whole)
    return text.format(distance=number)


def format_walk_minutes(minutes: float, lang: str | None = None) -> str:
    """``12 min walk`` / ``12 min a pie`` / ``도보 12분`` (at least one minute)."""
    n = max(1, round(minutes))
    # TRANSLATORS: walking time to a school; {minutes} is a formatted number.
    text = translations_for(_lang(lang)).ngettext("{minutes} min walk", "{minutes} min walk", n)
    return text.format(minutes=format_number(n, lang))


def format_list_of(items: Iterable[str], lang: str | None = None) -> str:
    """``A, B and C`` / ``A, B y C`` / ``A, B 및 C``."""
    return babel_lists.format_list(list(items), locale=babel_locale(_lang(lang)))


def format_count(n: int, singular: str, plural: str, lang: str | None = None) -> str:
    """``1 school`` / ``3 schools``: a plural message whose ``{n}`` is the formatted count.

    Call it with literal strings: extraction treats ``format_count`` as a keyword (see babel.cfg).
    """
    return translations_for(_lang(lang)).ngettext(singular, plural, n).format(n=format_number(n, lang))


def format_school_count(n: int, lang: str | None = None) -> str:
    return format_count(n, "{n} school", "{n} schools", lang)

"""The words a listener hears: the texts on screen, in the family's language, made speakable.

Why from the screen's own texts and not from the data again: what is read must be what the family
sees (a second wording could drift from it, or from its translation).  Only what a listener could
not follow is changed, and each change is undone from the same function that made the text shown:

* a time as the screen shows it (``format_clock``: "7:26 AM", "오전 7:26") becomes the language's
  own spoken time of day (CLDR's flexible day periods: "7:26 in the morning", "7:26 de la
  mañana", "아침 7:26"); "about 7:26 AM" keeps its "about";
* an abbreviated month or weekday ("Tue, Oct 11") becomes its full name;
* a number with a unit's abbreviation ("0.8 mi", "12 min") is said with the unit's word and its
  plural ("0.8 miles", "12 minutes"); the abbreviations are the catalogue's own;
* grade ranges ("TK–5") and the abbreviations a family may not know (TK, IEP, ELD) are said in
  words; "(TK)" after the words it shortens is dropped, not said twice;
* the marks drawn beside words (✓ ⚠ ⓘ ·) are not read as symbols.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from babel import dates as babel_dates
from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal

from navigator.i18n import babel_locale, format_clock, translations_for

# Said as a pause: the separators and marks drawn between and beside words.
PAUSES = {"·": ",", "•": ",", "|": ","}
SILENT_MARKS = "✓✔✗✕✘⚠ⓘ○●◆◇▲▼→←↑↓★☆"
NUMBER = r"\d+(?:[.,\u00a0\u202f\u066b\u066c]\d+)*"


def _unit_words(t) -> list[tuple[str, Callable[[int], str]]]:
    """Each unit's abbreviation as the catalogue writes it after a number, and its word."""
    return [
        # TRANSLATORS: the abbreviation of miles as this language's screens show it after a
        # number ("0.8 mi"); read aloud it is replaced by "{n} mile(s)" below.
        (t.pgettext("unit abbreviation", "mi"), lambda n: t.ngettext("{n} mile", "{n} miles", n)),
        # TRANSLATORS: the abbreviation of kilometres as shown after a number ("1.2 km").
        (t.pgettext("unit abbreviation", "km"),
         lambda n: t.ngettext("{n} kilometre", "{n} kilometres", n)),
        # TRANSLATORS: the abbreviation of minutes as shown after a number ("12 min walk").
        (t.pgettext("unit abbreviation", "min"),
         lambda n: t.ngettext("{n} minute", "{n} minutes", n)),
    ]


def _term_words(t) -> list[tuple[str, str]]:
    """The short terms of school choice a listener may not know, and their words read aloud."""
    return [("TK", t.pgettext("spoken", "transitional kindergarten")),
            ("IEP", t.pgettext("spoken", "Individualized Education Program")),
            ("ELD", t.pgettext("spoken", "English language development"))]


@dataclass(frozen=True)
class Reading:
    """What one "Read aloud" reads: the texts as shown, and the words handed to the voice."""

    lang: str
    shown: tuple[str, ...]
    spoken: str


def reading(texts: Iterable[str], lang: str) -> Reading:
    """The texts shown (in order) and the words a listener hears, in ``lang``."""
    shown = tuple(t.strip() for t in texts if t and t.strip())
    return Reading(lang, shown, " ".join(_sentence(_spoken(text, lang)) for text in shown))


def for_listening(texts: Iterable[str], lang: str) -> str:
    return reading(texts, lang).spoken


def prepare(lang: str) -> None:
    """Make ``lang``'s tables now (about 0.1 s: every time of day, the date names), so the first
    tap on "Read aloud" does not wait for them."""
    _words(lang)
    _date_names(lang)


def _sentence(text: str) -> str:
    """One text as a sentence: a pause after it even where the screen has only a line's end."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out = []
    for line in lines:
        out.append(line if line[-1] in ".!?:;。！？؟," else line + ".")
    return " ".join(out)


def _spoken(text: str, lang: str) -> str:
    words = _words(lang)
    text = words.clock.sub(lambda m: words.clocks[m.group(0)], text) if words.clocks else text
    text = _dates(text, lang)
    text = words.range.sub(lambda m: words.range_words.format(
        low=_grade_word(m.group(1), words), high=_grade_word(m.group(2), words)), text)
    for pattern, repl in words.terms:
        text = pattern.sub(repl, text)
    for pattern, said in words.units:
        text = pattern.sub(lambda m, said=said: _with_unit(m.group(1), said, lang), text)
    for mark, pause in PAUSES.items():
        text = text.replace(f" {mark} ", f"{pause} ").replace(mark, pause)
    text = "".join(ch for ch in text if ch not in SILENT_MARKS)
    return re.sub(r"\s+([,.])", r"\1", re.sub(r"[ \t]+", " ", text)).strip(" ,")


def _with_unit(number: str, said: Callable[[int], str], lang: str) -> str:
    """``0.8`` and "{n} mile"/"{n} miles": the plural by the number as written; one with
    decimals ("0.8", "1.0") takes the form of 2 in every catalogue's plural rule ("0.8 miles",
    "1.0 miles", "0,8 мили"), as CLDR's rules for visible decimals say."""
    if get_decimal_symbol(babel_locale(lang)) in number:
        count = 2
    else:
        try:
            count = int(parse_decimal(number.replace("\u202f", "\u00a0"), locale=babel_locale(lang)))
        except (NumberFormatError, ValueError):
            count = 2
    return said(count).format(n=number)


def _grade_word(token: str, words: _Words) -> str:
    return words.grades.get(token, token)


@dataclass
class _Words:
    clocks: dict[str, str]
    clock: re.Pattern
    range: re.Pattern
    range_words: str
    grades: dict[str, str]
    terms: list[tuple[re.Pattern, str]]
    units: list[tuple[re.Pattern, Callable[[int], str]]]


@lru_cache(maxsize=16)
def _words(lang: str) -> _Words:
    """Everything said differently in ``lang``, made once: every time of day as the screen shows
    it and as it is said (1,440 of them: an exact reverse of ``format_clock``), the grade words,
    the terms and the units."""
    t = translations_for(lang)
    loc = babel_locale(lang)
    clocks = {}
    for minute in range(24 * 60):
        shown = format_clock(minute, lang)
        if shown:
            clocks[shown] = babel_dates.format_skeleton("Bhm", time(minute // 60, minute % 60),
                                                        locale=loc)
    alternatives = sorted(clocks, key=len, reverse=True)
    clock = re.compile(r"(?<!\d)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\d)")
    grades = {
        t.pgettext("grade", "PK"): t.gettext("preschool"),
        t.pgettext("grade", "TK"): t.pgettext("spoken", "transitional kindergarten"),
        t.pgettext("grade", "K"): t.gettext("kindergarten"),
    }
    grade_token = "|".join(map(re.escape, sorted(grades, key=len, reverse=True)))
    shown_range = t.gettext("{low}–{high}")
    low_at, high_at = shown_range.find("{low}"), shown_range.find("{high}")
    between = shown_range[low_at + 5:high_at] if 0 <= low_at < high_at else "–"
    token = rf"(\d+|{grade_token})"
    span = re.compile(rf"(?<!\w){token}{re.escape(between)}{token}(?!\d)")
    # TRANSLATORS: a range of grades read aloud, e.g. "kindergarten to 5" for "K–5".
    range_words = t.pgettext("spoken", "{low} to {high}")
    terms = []
    for short, said in _term_words(t):
        # "words (TK)": the words are already there; "TK (words)": the words said once; "TK": said.
        terms.append((re.compile(rf"\s*[(（]{short}[)）]"), ""))
        terms.append((re.compile(rf"(?<!\w){short}\s*[(（]([^)）]+)[)）]"), r"\1"))
        terms.append((re.compile(rf"(?<!\w){short}(?!\w)"), said.replace("\\", r"\\")))
    units = []
    for shown_unit, said in _unit_words(t):
        pattern = re.compile(rf"({NUMBER})[\s\u00a0\u202f]*{re.escape(shown_unit)}(?!\w)")
        units.append((pattern, said))
    return _Words(clocks, clock, span, range_words, grades, terms, units)


def _dates(text: str, lang: str) -> str:
    """Abbreviated month and weekday names in full, where a number or comma shows they are a
    date's ("Tue, Oct 11" → "Tuesday, October 11"; "mar, 11 oct" → "martes, 11 octubre")."""
    months, days = _date_names(lang)
    if months:
        text = months[0].sub(lambda m: months[1][m.group(1) or m.group(2)], text)
    if days:
        text = days[0].sub(lambda m: days[1][m.group(1) or m.group(2)], text)
    return text


@lru_cache(maxsize=16)
def _date_names(lang: str) -> tuple[tuple | None, tuple | None]:
    """(pattern, abbreviated → wide) for months (beside a day's number: "Oct 11", "11 oct") and
    for weekdays (before a comma: "Tue,")."""
    loc = babel_locale(lang)
    found = []
    for names, kind in ((loc.months, "month"), (loc.days, "day")):
        short, wide = names["format"]["abbreviated"], names["format"]["wide"]
        table = {short[k].rstrip("."): wide[k] for k in short
                 if short[k].rstrip(".") != wide[k]
                 and (len(short[k].rstrip(".")) >= 2 or not short[k].isascii())}  # 화, never "M"
        if not table:
            found.append(None)
            continue
        names_re = "(" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + ")"
        if kind == "month":
            pattern = (rf"(?<!\w){names_re}\.?(?=[\s\u00a0]+(?:\w{{1,3}}[\s\u00a0]+)?\d)"
                       rf"|(?<=\d[\s\u00a0]){names_re}\.?(?!\w)")
        else:
            pattern = rf"(?<!\w){names_re}\.?(?=,)|(?<=[(（]){names_re}(?=[)）])"
        found.append((re.compile(pattern), table))
    return found[0], found[1]

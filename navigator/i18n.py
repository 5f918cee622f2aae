"""Translations and locale formatting: gettext catalogues read with babel, no Qt.

Why it looks like this:

* A ``Translator`` holds the screen language and the catalogues loaded so far.
  Widgets register a listener and retranslate themselves when the language
  changes, so switching takes effect at once, without a restart.
* ``translations_for(lang)`` gives any language's catalogue without touching the
  screen language: a counsellor prints a list in Korean while reading English.
* The module-level ``_``, ``ngettext`` and ``pgettext`` delegate to one default
  ``Translator`` so code can simply ``from navigator.i18n import _``; nothing is
  put in ``builtins``.
* Catalogues are ``translations/<lang>/LC_MESSAGES/navigator.po``.  A ``.mo`` is
  used when it is at least as new as its ``.po``; otherwise the ``.po`` is
  compiled in memory, so a fresh clone works without a build step.
* A language is discovered from its ``.po`` header (``X-Navigator-Language-Name``,
  ``X-Navigator-Review``), so adding one needs no code change.
* A translation whose placeholders differ from the English is dropped when
  compiling, so a slip in a community translation shows English, never a crash.
* Korean particles depend on the word before them (학교는, 프로그램은).  A Korean
  translation writes ``{name}은(는)`` where a name is filled in; the strings
  its catalogue returns resolve that to the right particle when formatted
  (:func:`resolve_particles`), so no caller has to remember it.

Keeping the catalogues (extract, update, compile, a new language) is
``navigator.translation_tools``: the app itself never needs it.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
import string
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, PoFileParser

from navigator.geo import KM_PER_MILE
from navigator.resources import translations_dir

log = logging.getLogger(__name__)

DOMAIN = "navigator"
SOURCE_LANGUAGE = "en"
NAME_HEADER = "X-Navigator-Language-Name"
REVIEW_HEADER = "X-Navigator-Review"
DIRECTION_HEADER = "X-Navigator-Direction"  # optional: "rtl"/"ltr" where babel does not know

# Babel locale used for dates and numbers; any other code is parsed as it is.  Spanish is the
# Spanish of the United States (es_US): the families are in US districts, and they write
# "1.2 millas" and "5:00 p.m." as in Mexico and Central America, not "1,2" and "17:00".
BABEL_LOCALES = {
    "en": "en_US", "es": "es_US", "ko": "ko_KR", "zh_Hans": "zh_Hans_CN", "hy": "hy_AM",
    "tl": "fil_PH", "vi": "vi_VN", "ar": "ar",
}

Listener = Callable[[str], None]
DistanceUnit = Literal["mi", "km"]


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


@dataclass(frozen=True)
class Language:
    """A language the app can show, named in its own script for the language menu."""

    code: str
    name: str
    rtl: bool = False
    needs_review: bool = False


# --- catalogues ------------------------------------------------------------------------------


class NavigatorCatalog(Catalog):
    """A babel Catalog that keeps the ``X-Navigator-*`` headers babel would otherwise drop."""

    extra_headers: tuple[tuple[str, str], ...] = ()

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = super()._get_mime_headers()
        return headers[:-1] + list(self.extra_headers) + headers[-1:]  # Generated-By stays last

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        self.extra_headers = tuple((k, v) for k, v in headers if k.lower().startswith("x-navigator-"))
        super()._set_mime_headers(headers)

    mime_headers = property(_get_mime_headers, _set_mime_headers)


def catalogue_path(directory: Path, lang: str, suffix: str = ".po") -> Path:
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def read_catalog(path: Path) -> Catalog:
    """Read a .po/.pot, keeping our headers; a malformed file raises ``PoFileError``."""
    catalog = NavigatorCatalog(domain=DOMAIN)
    with path.open("rb") as f:
        PoFileParser(catalog, ignore_obsolete=True, abort_invalid=True).parse(f)
    return catalog


_PERCENT = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def placeholders(text: str) -> list[str]:
    """The ``{name}`` and ``%s`` placeholders in a message, sorted, for comparing translations."""
    try:
        fields = [f"{{{name}}}" for _text, name, _spec, _conv in string.Formatter().parse(text)
                  if name is not None]
    except ValueError:
        fields = ["{<unbalanced braces>}"]
    return sorted(fields + _PERCENT.findall(text))


def _placeholders_match(message: Message) -> bool:
    if isinstance(message.id, str):
        return not message.string or placeholders(message.string) == placeholders(message.id)
    expected = placeholders(message.id[-1])
    return all(not s or placeholders(s) == expected for s in message.string)


def compiled_catalogue(catalog: Catalog) -> bytes:
    """Compile a catalogue, leaving out translations whose placeholders would break ``format``."""
    for message in list(catalog):
        if message.id and not _placeholders_match(message):
            log.warning("%s: dropping translation of %r: placeholders differ", catalog.locale, message.id)
            catalog.delete(message.id, context=message.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


# --- Korean particles --------------------------------------------------------------------------

# The two-form notation a Korean translation writes after a placeholder, and its two forms: after a
# syllable with a final consonant (batchim), and after one without.  (으)로 also takes 로 after ㄹ.
_PARTICLES = {"은(는)": ("은", "는"), "이(가)": ("이", "가"), "을(를)": ("을", "를"),
              "과(와)": ("과", "와"), "(으)로": ("으로", "로")}
_PARTICLE = re.compile("|".join(re.escape(p) for p in _PARTICLES))
_CLOSING = "\"'”’)]}」』》〉»"  # quotes and brackets between a word and its particle
# How a digit is read in Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구): its final consonant, if any.
_DIGIT_BATCHIM = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
# A Latin word is read as in English; these endings are heard as a final consonant (Lab, Bank, Tom).
_LATIN_BATCHIM = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "b": "ㅂ", "k": "ㄱ", "p": "ㅂ", "g": "ㅇ"}
_RIEUL = 8  # ㄹ's index among the final consonants of a Hangul syllable


def _final_consonant(word: str) -> str | None:
    """The final consonant heard at the end of ``word``: "" for none, "ㄹ", another, or None if unsure."""
    word = word.rstrip().rstrip(_CLOSING).rstrip()
    if not word:
        return None
    last = word[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "" if final == 0 else ("ㄹ" if final == _RIEUL else "ㄱ")
    if last.isdigit():
        return _DIGIT_BATCHIM.get(last, "")
    if last.isascii() and last.isalpha():
        latin = word.lower()
        if latin.endswith("e") and len(latin) > 2 and latin[-2] in "lmn":
            latin = latin[:-1]  # a silent e: Line, Lane, Time are heard ending in n, n, m
        return _LATIN_BATCHIM.get(latin[-1], "")
    return None


def resolve_particles(text: str) -> str:
    """``프로그램은(는)`` -> ``프로그램은``, ``학교은(는)`` -> ``학교는``; left as written when unsure."""
    def choose(match: re.Match) -> str:
        notation = match.group(0)
        final = _final_consonant(text[:match.start()])
        if final is None:
            return notation
        with_batchim, without = _PARTICLES[notation]
        if notation == "(으)로" and final == "ㄹ":
            return without
        return with_batchim if final else without

    return _PARTICLE.sub(choose, text)


class _ParticleText(str):
    """A Korean message: formatting it fills the placeholders, then picks the particles."""

    def format(self, *args, **kwargs) -> str:
        return resolve_particles(str.format(self, *args, **kwargs))


class _KoreanTranslations(gettext.GNUTranslations):
    def gettext(self, message):
        return _ParticleText(super().gettext(message))

    def ngettext(self, msgid1, msgid2, n):
        return _ParticleText(super().ngettext(msgid1, msgid2, n))

    def pgettext(self, context, message):
        return _ParticleText(super().pgettext(context, message))

    def npgettext(self, context, msgid1, msgid2, n):
        return _ParticleText(super().npgettext(context, msgid1, msgid2, n))


def _load(directory: Path, lang: str) -> gettext.NullTranslations:
    """The catalogue for one language: a fresh .mo, else the .po compiled in memory."""
    po, mo = catalogue_path(directory, lang), catalogue_path(directory, lang, ".mo")
    kind = _KoreanTranslations if lang.split("_")[0] == "ko" else gettext.GNUTranslations
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as f:
                return kind(f)
        if po.is_file():
            return kind(io.BytesIO(compiled_catalogue(read_catalog(po))))
    except (OSError, ValueError, PoFileError):
        log.exception("could not load the %s catalogue; showing English", lang)
    return gettext.NullTranslations()


def _headers(lang_dir: Path) -> dict[str, str] | None:
    """A catalogue's header fields (lower-case names) from its .po, or its .mo in a frozen build."""
    po, mo = lang_dir / "LC_MESSAGES" / f"{DOMAIN}.po", lang_dir / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        if po.is_file():
            return {k.lower(): v for k, v in read_catalog(po).mime_headers}
        if mo.is_file():
            with mo.open("rb") as f:
                return gettext.GNUTranslations(f).info()
    except (OSError, ValueError, PoFileError):
        log.exception("unreadable catalogue in %s", lang_dir)
    return None


def _catalogue_codes(directory: Path) -> list[str]:
    """English plus every directory holding a catalogue, without reading any of them."""
    found = {p.parent.parent.name for p in directory.glob(f"*/LC_MESSAGES/{DOMAIN}.[pm]o")}
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def available_languages(directory: Path | None = None) -> list[Language]:
    """English (the source language) first, then every catalogue found, by code."""
    root = directory or translations_dir()
    found = {SOURCE_LANGUAGE: Language(SOURCE_LANGUAGE, "English")}
    for lang_dir in sorted(root.iterdir()) if root.is_dir() else ():
        headers = _headers(lang_dir) if lang_dir.is_dir() else None
        if headers is None:
            continue
        loc = babel_locale(lang_dir.name)
        found[lang_dir.name] = Language(
            code=lang_dir.name,
            name=headers.get(NAME_HEADER.lower()) or loc.get_display_name(loc) or lang_dir.name,
            rtl=headers.get(DIRECTION_HEADER.lower(), loc.text_direction) == "rtl",
            needs_review=headers.get(REVIEW_HEADER.lower(), "").strip().lower() == "needed",
        )
    return [found.pop(SOURCE_LANGUAGE), *found.values()]


# --- the translator ------------------------------------------------------------------------------


class Translator:
    """The screen language, the catalogues loaded so far, and who to tell when the language changes.

    Pass one around as context; the module-level default serves ``_`` and friends.
    """

    def __init__(self, directory: Path | None = None, language: str = SOURCE_LANGUAGE) -> None:
        self._directory = directory
        self._cache: dict[str, gettext.NullTranslations] = {}
        self._listeners: list[Listener] = []
        self._language = SOURCE_LANGUAGE
        self._current: gettext.NullTranslations | None = None  # loaded on first use, not at import
        if language != SOURCE_LANGUAGE:
            self.set_language(language)

    @property
    def directory(self) -> Path:
        return self._directory or translations_dir()

    @property
    def language(self) -> str:
        return self._language

    def languages(self) -> list[Language]:
        return available_languages(self.directory)

    def resolve(self, code: str) -> str:
        """The best catalogue for a code such as ``es-MX``, ``zh_CN`` or ``fil``; English if none."""
        wanted = code.replace("-", "_")
        codes = _catalogue_codes(self.directory)
        by_lower = {c.lower(): c for c in codes}
        if wanted.lower() in by_lower:
            return by_lower[wanted.lower()]
        try:
            base = Locale.parse(wanted).language
        except (ValueError, UnknownLocaleError):
            base = None
        for candidate in codes:
            if base and babel_locale(candidate).language == base:
                return candidate
        log.warning("no catalogue for %r; using English", code)
        return SOURCE_LANGUAGE

    def translations_for(self, lang: str) -> gettext.NullTranslations:
        """One language's catalogue (falling back to English), without changing the screen language."""
        if lang not in self._cache:
            code = self.resolve(lang)
            if code not in self._cache:
                translations = _load(self.directory, code)
                if code != SOURCE_LANGUAGE:
                    translations.add_fallback(self.translations_for(SOURCE_LANGUAGE))
                self._cache[code] = translations
            self._cache[lang] = self._cache[code]
        return self._cache[lang]

    def set_language(self, code: str) -> str:
        """Switch the screen language now and tell every listener; returns the code chosen."""
        resolved = self.resolve(code)
        if resolved == self._language and self._current is not None:
            return resolved
        self._current = self.translations_for(resolved)
        self._language = resolved
        for listener in list(self._listeners):
            try:
                listener(resolved)
            except Exception:  # one broken widget must not stop the others retranslating
                log.exception("language listener %r failed", listener)
        return resolved

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(code)`` after each change; returns a function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self.remove_listener(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _active(self) -> gettext.NullTranslations:
        if self._current is None:
            self._current = self.translations_for(self._language)
        return self._current

    def gettext(self, message: str) -> str:
        return self._active().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._active().ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._active().pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._active().npgettext(context, singular, plural, n)


translator = Translator()


def _(message: str) -> str:
    """Translate into the current screen language."""
    return translator.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator.pgettext(context, message)


def set_language(code: str) -> str:
    return translator.set_language(code)


def translations_for(lang: str) -> gettext.NullTranslations:
    return translator.translations_for(lang)


@contextmanager
def in_language(code: str | None) -> Iterator[str]:
    """The command line's ``--lang``: the current language for a while (English when None), then
    back to what it was.  Yields the catalogue code chosen; a code with no catalogue is refused."""
    wanted = code or SOURCE_LANGUAGE
    resolved = translator.resolve(wanted)
    if resolved == SOURCE_LANGUAGE and wanted.replace("-", "_").split("_")[0] != SOURCE_LANGUAGE:
        from navigator.errors import UserError

        known = ", ".join(lang.code for lang in available_languages(translator.directory))
        raise UserError(f"No language {wanted!r} in this Navigator; use one of: {known}.")
    previous = translator.language
    translator.set_language(resolved)
    try:
        yield resolved
    finally:
        translator.set_language(previous)


# --- locale formatting ------------------------------------------------------------------------


@lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    """The babel locale for a catalogue code (``es`` -> ``es``, ``ko`` -> ``ko_KR``); en_US if unknown."""
    try:
        return Locale.parse(BABEL_LOCALES.get(lang, lang).replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse(BABEL_LOCALES[SOURCE_LANGUAGE])


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
    number = format_number(value, lang, decimals=1 if round(value, 1) < 10 else 0)
    t = translations_for(_lang(lang))
    if unit == "mi":
        # TRANSLATORS: a distance in miles, e.g. "0.8 mi"; {distance} is already a formatted number.
        text = t.pgettext("distance", "{distance} mi")
    else:
        # TRANSLATORS: a distance in kilometres, e.g. "1.2 km"; {distance} is a formatted number.
        text = t.pgettext("distance", "{distance} km")
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

"""The gettext catalogues: where they are, reading a ``.po`` (keeping our headers), compiling it in
memory, and the languages found.

* Catalogues are ``translations/<lang>/LC_MESSAGES/navigator.po``.  A ``.mo`` is used when it is
  at least as new as its ``.po``; otherwise the ``.po`` is compiled in memory, so a fresh clone
  works without a build step.
* A language is discovered from its ``.po`` header (``X-Navigator-Language-Name``,
  ``X-Navigator-Review``), so adding one needs no code change.
* A translation whose placeholders differ from the English is dropped when compiling, so a slip
  in a community translation shows English, never a crash.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, PoFileParser

from navigator.i18n.korean import KoreanTranslations
from navigator.resources import translations_dir

log = logging.getLogger("navigator.i18n")

DOMAIN = "navigator"
SOURCE_LANGUAGE = "en"
NAME_HEADER = "X-Navigator-Language-Name"
REVIEW_HEADER = "X-Navigator-Review"
DIRECTION_HEADER = "X-Navigator-Direction"  # optional: "rtl"/"ltr" where babel does not know

# Babel locale used for dates and numbers; any other code is parsed as it is.  Spanish is the
# Spanish of the United States (es_US): the families are in US districts, and they write
# "1.2 millas" and "5:00 p.m." as in Mexico and Central America, not "1,2" and "17:00".
# Traditional Chinese is written as Taiwan writes it (translations/GLOSSARY.md), so its dates and
# times are Taiwan's ("下午5:05"); Tagalog's locale data is CLDR's Filipino.
BABEL_LOCALES = {
    "en": "en_US", "es": "es_US", "ko": "ko_KR", "zh_Hans": "zh_Hans_CN", "zh_Hant": "zh_Hant_TW",
    "hy": "hy_AM", "tl": "fil_PH", "vi": "vi_VN", "ru": "ru_RU", "ar": "ar", "fa": "fa_IR",
}

@dataclass(frozen=True)
class Language:
    """A language the app can show, named in its own script for the language menu."""

    code: str
    name: str
    rtl: bool = False
    needs_review: bool = False


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


@lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    """The babel locale for a catalogue code (``es`` -> ``es``, ``ko`` -> ``ko_KR``); en_US if unknown."""
    try:
        return Locale.parse(BABEL_LOCALES.get(lang, lang).replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse(BABEL_LOCALES[SOURCE_LANGUAGE])


def load_catalogue(directory: Path, lang: str) -> gettext.NullTranslations:
    """The catalogue for one language: a fresh .mo, else the .po compiled in memory."""
    po, mo = catalogue_path(directory, lang), catalogue_path(directory, lang, ".mo")
    kind = KoreanTranslations if lang.split("_")[0] == "ko" else gettext.GNUTranslations
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


def catalogue_codes(directory: Path) -> list[str]:
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

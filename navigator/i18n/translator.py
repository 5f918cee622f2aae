"""The screen language and the module-level ``_``.

* A ``Translator`` holds the screen language and the catalogues loaded so far.  Widgets register
  a listener and retranslate themselves when the language changes, so switching takes effect at
  once, without a restart.
* ``translations_for(lang)`` gives any language's catalogue without touching the screen language:
  a counsellor prints a list in Korean while reading English.
* The module-level ``_``, ``ngettext`` and ``pgettext`` delegate to one default ``Translator``;
  nothing is put in ``builtins``.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from navigator.i18n.catalogues import (
    SOURCE_LANGUAGE,
    Language,
    available_languages,
    babel_locale,
    catalogue_codes,
    load_catalogue,
)
from navigator.resources import translations_dir

log = logging.getLogger("navigator.i18n")

Listener = Callable[[str], None]


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def _script(locale: Locale) -> str | None:
    """The script a locale is written in, said or likely: ``zh_TW`` -> Hant, ``zh_CN`` -> Hans."""
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        if key in likely:
            return Locale.parse(likely[key]).script
    return None


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
        codes = catalogue_codes(self.directory)
        by_lower = {c.lower(): c for c in codes}
        if wanted.lower() in by_lower:
            return by_lower[wanted.lower()]
        try:
            asked = Locale.parse(wanted)
        except (ValueError, UnknownLocaleError):
            asked = None
        same_language = [c for c in codes if asked and babel_locale(c).language == asked.language]
        if asked and same_language:
            # The same script first: zh_TW and zh_HK read Traditional characters, zh_CN Simplified.
            script = _script(asked)
            return min(same_language, key=lambda c: babel_locale(c).script != script)
        log.warning("no catalogue for %r; using English", code)
        return SOURCE_LANGUAGE

    def translations_for(self, lang: str) -> gettext.NullTranslations:
        """One language's catalogue (falling back to English), without changing the screen language."""
        if lang not in self._cache:
            code = self.resolve(lang)
            if code not in self._cache:
                translations = load_catalogue(self.directory, code)
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

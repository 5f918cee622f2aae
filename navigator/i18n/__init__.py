"""Translations and locale formatting: gettext catalogues read with babel, no Qt.

Import from here (``from navigator.i18n import _, format_date``); the parts are ``catalogues.py``
(reading and compiling the catalogues, the languages found), ``korean.py`` (particles),
``translator.py`` (the screen language, ``_``), ``formatting.py`` (dates, numbers, distances) and
``review.py`` (whether a person has checked a translation, which way a language reads).

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

from navigator.i18n.catalogues import (
    BABEL_LOCALES,
    DIRECTION_HEADER,
    DOMAIN,
    NAME_HEADER,
    REVIEW_HEADER,
    SOURCE_LANGUAGE,
    Language,
    NavigatorCatalog,
    available_languages,
    babel_locale,
    catalogue_path,
    compiled_catalogue,
    placeholders,
    read_catalog,
)
from navigator.i18n.formatting import (
    DistanceUnit,
    default_distance_unit,
    format_clock,
    format_count,
    format_date,
    format_deadline,
    format_distance,
    format_list_of,
    format_number,
    format_school_count,
    format_short_date,
    format_walk_minutes,
    format_weekday,
    format_weekday_date,
)
from navigator.i18n.korean import resolve_particles
from navigator.i18n.review import DRAFT_NOTE, REVIEW_NEEDED, draft_note, is_rtl, needs_review
from navigator.i18n.translator import (
    N_,
    Listener,
    Translator,
    _,
    in_language,
    ngettext,
    pgettext,
    set_language,
    translations_for,
    translator,
)

__all__ = [
    "BABEL_LOCALES", "DIRECTION_HEADER", "DOMAIN", "DRAFT_NOTE", "NAME_HEADER", "REVIEW_HEADER",
    "REVIEW_NEEDED", "SOURCE_LANGUAGE",
    "DistanceUnit", "Language", "Listener", "N_", "NavigatorCatalog", "Translator", "_",
    "available_languages", "babel_locale", "catalogue_path", "compiled_catalogue",
    "default_distance_unit", "draft_note", "format_clock", "format_count", "format_date", "format_deadline",
    "format_distance", "format_list_of", "format_number", "format_school_count",
    "format_short_date", "format_walk_minutes", "format_weekday", "format_weekday_date",
    "in_language", "is_rtl", "needs_review", "ngettext", "pgettext", "placeholders", "read_catalog",
    "resolve_particles",
    "set_language", "translations_for", "translator",
]

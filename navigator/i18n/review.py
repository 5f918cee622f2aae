"""Whether a person who speaks a language has checked its translation, and which way it reads.

A catalogue that no native speaker has checked carries ``X-Navigator-Review: needed`` in its
header; a reviewer signs it off by replacing that one line with their name and the day
(``X-Navigator-Review: Jane Doe, 2026-12-01``).  A draft is a help, not a promise: the app says
so once on Welcome and the printed list says so on its first page, each in that language, so a
family knows to ask staff instead of trusting an odd sentence.
"""

from __future__ import annotations

from functools import cache

from navigator.i18n.catalogues import Language, available_languages
from navigator.i18n.translator import N_, translations_for

REVIEW_NEEDED = "needed"

# TRANSLATORS: shown once on Welcome and on the printed list while this catalogue is a draft.
DRAFT_NOTE = N_("This translation has not yet been checked by a person who speaks it: ask staff "
                "if something is unclear.")


@cache
def _languages() -> dict[str, Language]:
    """The installed catalogues' languages, read once per run (headers only matter here)."""
    return {language.code: language for language in available_languages()}


def language_info(code: str) -> Language | None:
    return _languages().get(code)


def needs_review(code: str) -> bool:
    language = language_info(code)
    return language is not None and language.needs_review


def is_rtl(code: str) -> bool:
    """Whether ``code`` reads right to left (Arabic, Farsi): the screen and the paper mirror."""
    language = language_info(code)
    return language is not None and language.rtl


def draft_note(code: str) -> str:
    """The draft warning in that language, or "" when a person has checked the translation."""
    return translations_for(code).gettext(DRAFT_NOTE) if needs_review(code) else ""

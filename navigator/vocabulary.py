"""Words for codes (programmes, services, languages) in any language.

Standard codes are translated by the app's own catalogues; a region's own
codes by the pack's translations.  English is the visible fallback.
"""

from __future__ import annotations

from navigator.catalogue.codes import standard_codes
from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Text
from navigator.i18n import translations_for

_STANDARD = standard_codes()


def _translated(message: str, lang: str) -> Text:
    value = translations_for(lang).gettext(message)
    fallback = lang != "en" and value == message
    return Text(value, "en" if fallback else lang, fallback)


def code_label(pack: Pack | None, category: str, code: str, lang: str) -> Text:
    standard = _STANDARD.get((category, code))
    if standard is not None:
        return _translated(standard.label, lang)
    if pack is not None:
        row = pack.conn.execute("SELECT label FROM codes WHERE category = ? AND code = ?",
                                (category, code)).fetchone()
        if row:
            translated = pack.text("code", f"{category}:{code}", "label", lang) if lang != "en" \
                else None
            return Text(translated, lang, False) if translated else Text(row[0], "en", lang != "en")
    return Text(code, "en", lang != "en")


def code_description(pack: Pack | None, category: str, code: str, lang: str) -> Text | None:
    standard = _STANDARD.get((category, code))
    if standard is not None:
        return _translated(standard.description, lang) if standard.description else None
    if pack is not None:
        row = pack.conn.execute("SELECT description FROM codes WHERE category = ? AND code = ?",
                                (category, code)).fetchone()
        if row and row[0]:
            translated = pack.text("code", f"{category}:{code}", "description", lang) \
                if lang != "en" else None
            return Text(translated, lang, False) if translated else Text(row[0], "en", lang != "en")
    return None

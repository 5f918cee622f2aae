"""The pack's own words in the family's language: the region's name, where each fact comes from
(a source's title and publisher), the names of ZIP-code areas, and the place a home stands for.

Why one module: the app, the command line and the printed list must name the region and the
sources the same way, in every language.  The rules, in order:

* the pack's translations table first (the region's ``texts`` overlay; entities ``region``,
  ``source``, ``zip``; REGION.md);
* else the English text as the pack has it, with one exception: in a demo pack, a name ending
  in " (demo)" is the app's own label, so that label is shown in the family's language
  ("Valle Verde Unified School District (demostración)");
* names are proper names: an English one is shown as it is, never marked "(in English)".

Phrases are whole sentences or "a, b" lists, never parentheses inside parentheses.
Every function takes the language explicitly; nothing here reads the screen language.
"""

from __future__ import annotations

from datetime import date

from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Source
from navigator.i18n import format_date, translations_for
from navigator.search.query import Home

DEMO_SUFFIX = " (demo)"


def demo_marked(pack: Pack, text: str, lang: str) -> str:
    """``text`` with a demo pack's trailing " (demo)" in ``lang``; other texts unchanged."""
    if not (pack.region.demo and text.endswith(DEMO_SUFFIX)) or lang == "en":
        return text
    # TRANSLATORS: a name from the demo data marked as made up, e.g. "Valle Verde (demo)".
    return translations_for(lang).pgettext("demo data", "{name} (demo)").format(
        name=text[:-len(DEMO_SUFFIX)])


def pack_text(pack: Pack, entity: str, entity_id: str, field: str, english: str | None,
              lang: str) -> str | None:
    """A name from the pack in ``lang``: its translation, else the English (demo label translated)."""
    if lang != "en":
        translated = pack.text(entity, entity_id, field, lang)
        if translated:
            return translated
    return None if english is None else demo_marked(pack, english, lang)


def region_name(pack: Pack, lang: str) -> str:
    """"Valle Verde (demo)" / "Valle Verde (demostración)" / "발레 베르데 (데모)"."""
    return pack_text(pack, "region", pack.region.id, "name", pack.region.name, lang) or ""


def region_about(pack: Pack, lang: str) -> str | None:
    """The region's own description (a demo pack says it is made up), if the pack has one."""
    return pack.text("region", pack.region.id, "about", lang) or (
        pack.text("region", pack.region.id, "about", "en") if lang != "en" else None)


def source_title(pack: Pack, source: Source, lang: str) -> str:
    """What the source is: "Application dates for 2027-28" / "Fechas de solicitud para 2027-28"."""
    return pack_text(pack, "source", source.id, "name", source.name, lang) or source.id


def source_publisher(pack: Pack, source: Source, lang: str) -> str:
    """Who published it: a proper name, with a demo pack's label in ``lang``."""
    return pack_text(pack, "source", source.id, "publisher", source.publisher, lang) or ""


def source_line(pack: Pack, source: Source, lang: str) -> str:
    """"Source: Application dates for 2027-28 — Valle Verde Unified School District (demo), as
    of October 1, 2026": the title, the publisher and the date, in one line."""
    _ = translations_for(lang).gettext
    title, publisher = source_title(pack, source, lang), source_publisher(pack, source, lang)
    when = _as_of(source.as_of, lang)
    if when is None:
        # TRANSLATORS: where a fact comes from, when the publisher gives no date.
        return _("Source: {title} — {publisher}, date not given").format(
            title=title, publisher=publisher)
    # TRANSLATORS: where a fact comes from: the source's title, its publisher and its date.
    return _("Source: {title} — {publisher}, as of {date}").format(
        title=title, publisher=publisher, date=when)


def _as_of(as_of: str | None, lang: str) -> str | None:
    if not as_of:
        return None
    try:
        return format_date(date.fromisoformat(as_of), lang)
    except ValueError:
        return as_of


def zip_area(pack: Pack, zip_code: str, lang: str) -> str | None:
    """The pack's name for a ZIP code's area ("Las Flores", "Los Angeles, CA") in ``lang``."""
    row = pack.conn.execute("SELECT name FROM zips WHERE zip = ?", (zip_code,)).fetchone()
    return pack_text(pack, "zip", zip_code, "name", row[0] if row else None, lang)


def home_place(pack: Pack, home: Home | dict, lang: str) -> str:
    """The place a home stands for, in words: "ZIP code 00104, Las Flores",
    a stop's name, the matched address, or "the place you tapped on the map"."""
    get = home.get if isinstance(home, dict) else lambda name: getattr(home, name)
    kind, label, matched = get("kind"), get("label") or "", get("matched") or ""
    _ = translations_for(lang).gettext
    if kind == "zip":
        area = zip_area(pack, label, lang)
        if area is None and matched.startswith(f"ZIP {label}, "):
            area = matched[len(f"ZIP {label}, "):]  # from the installed US ZIP list
        if area:
            # TRANSLATORS: the area a home's ZIP code stands for, e.g. "ZIP code 00104, Las Flores".
            return _("ZIP code {zip}, {area}").format(zip=label, area=area)
        return _("ZIP code {zip}").format(zip=label)
    if kind == "point":
        return _("the place you tapped on the map")
    return matched or label


def texts_in_every_language(pack: Pack, entity: str, entity_id: str, fieldname: str,
                            base: str | None) -> dict:
    """A pack text in English and every language the pack translates it into (kept in a finding's
    data, so it can be said again in any language without the pack: :func:`text_in`)."""
    if base is None:
        return {}
    found = {"en": base}
    for (lang, value) in pack.conn.execute(
            "SELECT lang, value FROM translations WHERE entity = ? AND entity_id = ? AND field = ?",
            (entity, entity_id, fieldname)):
        found[lang] = value
    return found


def text_in(texts: dict, lang: str) -> str:
    """A pack text in ``lang``, or the English one marked as English."""
    if lang in texts:
        return texts[lang]
    english = texts.get("en", "")
    if lang == "en" or not english:
        return english
    return translations_for(lang).pgettext("fallback", "{text} (in English)").format(text=english)

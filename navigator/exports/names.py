"""How every export names the region and a source: one function each.

The exports (PDF, web page, calendar, spreadsheet, phone codes) call these and nothing else for
those two names, so how a pack's region and source titles are said in the family's language (the
pack's own translations, the "(demo)" label) is decided in one place.
"""

from __future__ import annotations

from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Source


def region_name(pack: Pack, lang: str) -> str:
    """The region's name in ``lang``: the pack's translation, else its own name."""
    return pack.text("region", pack.region.id, "name", lang) or pack.region.name


def source_title(pack: Pack, source: Source, lang: str) -> str:
    """A source's title in ``lang``: the pack's translation, else the title as published."""
    return pack.text("source", source.id, "name", lang) or source.name

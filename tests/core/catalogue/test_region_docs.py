"""Every section, key and format the region builder accepts is described in REGION.md.

The builder refuses what it does not know (navigator/catalogue/build/region.py lists what it
accepts, once); a district data person learns what it knows from REGION.md.  These tests fail
when the two part: a key the code accepts that the page does not describe, in its own section.
"""

from __future__ import annotations

import re

import pytest
from demo import ROOT

from navigator.catalogue.build import indicators, table
from navigator.catalogue.build.kinds import KINDS
from navigator.catalogue.build.region import (
    COMMON_KEYS,
    FORMATS,
    REGION_KEYS,
    SECTION_KEYS,
    SOURCE_SECTIONS,
)

PAGE = (ROOT / "navigator" / "catalogue" / "REGION.md").read_text(
    encoding="utf-8")


def chapter(section: str) -> str:
    """The part of REGION.md under the heading that names ``[[section]]``."""
    parts = re.split(r"^## ", PAGE, flags=re.M)
    found = [p for p in parts if f"`[[{section}]]`" in p.splitlines()[0]]
    assert found, f"REGION.md has no heading for [[{section}]]"
    return found[0]


def described(name: str, text: str) -> bool:
    """Named in code: `name`, `a, name, b`, `[schools.name]`, or name = ... in an example."""
    word = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
    return re.search(rf"`[^`\n]*{word}[^`\n]*`", text) is not None or \
        re.search(rf"^{re.escape(name)} = ", text, flags=re.M) is not None


def test_every_section_has_its_chapter() -> None:
    for section in SOURCE_SECTIONS:
        chapter(section)


def test_region_and_common_keys_are_described() -> None:
    intro = PAGE.split("## `[[schools]]`")[0]
    assert [k for k in REGION_KEYS if not described(k, intro)] == []
    assert [k for k in COMMON_KEYS if not described(k, intro)] == []


@pytest.mark.parametrize("section", SOURCE_SECTIONS)
def test_each_sections_keys_and_formats_are_described(section: str) -> None:
    text = chapter(section)
    assert [k for k in SECTION_KEYS[section] if not described(k, text)] == []
    assert [f for f in FORMATS.get(section, ()) if f'"{f}"' not in text and f"`{f}`" not in text] == []


def test_column_mappings_and_overlay_kinds_are_described() -> None:
    schools, results, overlays = chapter("schools"), chapter("indicators"), chapter("overlay")
    assert [k for k in sorted(table.KNOWN) if not described(k, schools)] == []
    assert [k for k in indicators.FIELDS if not described(k, results)] == []
    assert [k for k in indicators.INDICATORS if not described(k, results)] == []
    assert [k for k in KINDS if not described(k, overlays)] == []
    for kind in KINDS.values():
        assert [c.name for c in kind.columns if not c.info and not described(c.name, overlays)] == []


def test_the_test_notices_an_undescribed_key(monkeypatch) -> None:
    monkeypatch.setitem(SECTION_KEYS, "zips", ("never_described_anywhere",))
    with pytest.raises(AssertionError):
        test_each_sections_keys_and_formats_are_described("zips")

"""Plural forms: each catalogue's header agrees with CLDR (babel's locale data) on how many forms
its language has and which number takes which, and every plural message gives every form.

A wrong ``Plural-Forms`` line fails silently on screen ("21 школ" for "21 школа"), and a missing
form shows English; only these checks notice either.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from demo import ROOT

from navigator.i18n import babel_locale, format_count, format_distance, read_catalog

TRANSLATIONS = ROOT / "translations"
TRANSLATED = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/navigator.po")
                    if p.parent.parent.name != "en")
# Tagalog keeps gettext's "one against the rest": CLDR's Filipino categories follow the linker of
# a spelled-out number (isang, apat na), which never shows after a digit (translations/GLOSSARY.md).
ONE_AGAINST_THE_REST = ("tl",)
# Vietnamese: CLDR 46 gave it a "one" category (0 and 1), but a noun after a number never changes
# ("1 trường, 5 trường"), so one form serves, as gettext's table (babel.messages.plurals) keeps it.
ONE_FORM = ("vi",)
EXCEPTIONS = ONE_AGAINST_THE_REST + ONE_FORM
COUNTED = range(1001)


def _po(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "navigator.po"


def test_every_language_is_checked() -> None:
    assert set(TRANSLATED) == {"es", "ko", "hy", "zh_Hans", "zh_Hant", "vi", "tl", "ru", "ar", "fa"}


def _cldr_categories(lang: str) -> set[str]:
    """CLDR's plural categories of the whole numbers 0 to 1000 (what the app counts)."""
    return {babel_locale(lang).plural_form(n) for n in COUNTED}


@pytest.mark.parametrize("lang", [lang for lang in TRANSLATED if lang not in EXCEPTIONS])
def test_header_has_a_form_for_each_cldr_category(lang: str) -> None:
    """Categories that only fractions or millions take (Russian "other", Spanish "many") do not count."""
    assert read_catalog(_po(lang)).num_plurals == len(_cldr_categories(lang))


@pytest.mark.parametrize("lang", [lang for lang in TRANSLATED if lang not in EXCEPTIONS])
def test_header_rule_picks_one_form_per_cldr_category(lang: str) -> None:
    rule, cldr = gettext.c2py(read_catalog(_po(lang)).plural_expr), babel_locale(lang).plural_form
    pairs = sorted({(rule(n), cldr(n)) for n in COUNTED})
    forms, categories = [form for form, _ in pairs], [category for _, category in pairs]
    assert len(set(forms)) == len(forms) and len(set(categories)) == len(categories), (
        f"{lang}: the header's Plural-Forms and CLDR group numbers differently: {pairs}")
    order = ["zero", "one", "two", "few", "many", "other"]  # gettext's forms follow CLDR's order
    assert categories == sorted(categories, key=order.index), pairs


@pytest.mark.parametrize("lang", ONE_AGAINST_THE_REST)
def test_one_against_the_rest(lang: str) -> None:
    rule = gettext.c2py(read_catalog(_po(lang)).plural_expr)
    assert [rule(n) for n in (0, 1, 2, 4, 11, 21)] == [1, 0, 1, 1, 1, 1]


@pytest.mark.parametrize("lang", ONE_FORM)
def test_one_form(lang: str) -> None:
    catalog = read_catalog(_po(lang))
    assert (catalog.num_plurals, catalog.plural_expr) == (1, "0")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_plural_message_gives_every_form(lang: str) -> None:
    catalog = read_catalog(_po(lang))
    short = [m.id for m in catalog if m.id and m.pluralizable
             and (len(m.string) != catalog.num_plurals or not all(m.string))]
    assert not short, f"{lang}: plural messages without all {catalog.num_plurals} forms: {short}"


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", ["1 школа", "3 школы", "5 школ", "11 школ", "21 школа", "22 школы"]),
    ("ar", ["1 مدرسة", "3 مدارس", "5 مدارس", "11 مدرسة", "21 مدرسة", "22 مدرسة"]),
    ("hy", ["1 դպրոց", "3 դպրոց", "5 դպրոց", "11 դպրոց", "21 դպրոց", "22 դպրոց"]),
    ("tl", ["1 paaralan", "3 paaralan", "5 paaralan", "11 paaralan", "21 paaralan", "22 paaralan"]),
])
def test_counts_take_the_form_of_their_number(lang: str, expected: list[str]) -> None:
    counts = [format_count(n, "{n} school", "{n} schools", lang) for n in (1, 3, 5, 11, 21, 22)]
    assert counts == expected


@pytest.mark.parametrize(("lang", "miles", "expected"), [
    ("ru", 1.0, "1,0 мили"),  # a decimal takes the genitive singular whatever the number
    ("ru", 12, "12 миль"),
    ("ru", 21, "21 миля"),
    ("ru", 22, "22 мили"),
    ("ar", 4.4, "4.4 ميل"),
    ("ar", 12, "12 ميلًا"),
    ("ar", 103, "103 أميال"),  # 103 % 100 is 3: the plural of three to ten
    ("en", 12, "12 mi"),
    ("es", 12, "12 mi"),
])
def test_whole_distances_take_the_form_of_their_number(lang: str, miles: float, expected: str) -> None:
    assert format_distance(miles * 1.609344, lang, "mi") == expected

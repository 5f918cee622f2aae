"""Numbers on a right-to-left page: a phone number, a time, a date keep their left-to-right order.

Without isolation the bidi algorithm shows "(213) 555-0100" inside Arabic as "0100-555 (213)";
wrapped in LRI ... PDI it reads as written, and its spaces do not break across lines.
"""

from __future__ import annotations

import pytest

from navigator.text import LRI, PDI, clean_line, isolate_numbers


@pytest.mark.parametrize(("text", "expected"), [
    ("اتصلوا على (213) 555-0100.", f"اتصلوا على {LRI}(213)\u00a0555-0100{PDI}."),
    ("الساعة 5:00 م", f"الساعة {LRI}5:00{PDI} م"),
    ("من 8:00–3:00، 12/01/2026.", f"من {LRI}8:00–3:00{PDI}، {LRI}12/01/2026{PDI}."),
    ("ساعت 18:00 (86 روز دیگر)", f"ساعت {LRI}18:00{PDI} (86 روز دیگر)"),  # its own brackets
    ("+1 213 555 0100", f"{LRI}+1\u00a0213\u00a0555\u00a00100{PDI}"),
    ("3 مدارس", "3 مدارس"),  # a plain number needs nothing
])
def test_numbers_are_isolated_left_to_right(text, expected) -> None:
    assert isolate_numbers(text) == expected


def test_isolates_are_only_added_on_the_way_out() -> None:
    """The pack reader removes isolates from data, so a pack cannot smuggle unbalanced ones in;
    the page adds them balanced."""
    assert clean_line(f"{LRI}5:00") == "5:00"
    out = isolate_numbers("بين 8:00 و 9:30 و (213) 555-0100")
    assert out.count(LRI) == out.count(PDI) == 3

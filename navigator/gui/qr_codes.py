"""The codes the QR dialog pages through, worked out off the GUI thread.

Qt-free, so the operations layer makes them on its worker: each child's list code (the core's
:func:`navigator.exports.phone.phone_codes`, which plans the list against the pack), then each
date of the plans once, as a calendar event.  Encoding a long list as a QR code takes a tenth of a
second, so each code's drawing (an SVG, black on white with its quiet zone) is made here too;
the dialog only paints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from navigator.errors import UserError
from navigator.exports.phone import PhoneCodes, phone_codes
from navigator.exports.qr import qr_matrix, qr_svg
from navigator.facts import line_start
from navigator.household.model import Household, child_label
from navigator.i18n import _, format_number

QUIET = 4  # modules of white around the code (qr_svg draws them)


@dataclass(frozen=True)
class PhoneCode:
    text: str
    title: str  # "Your list" / "Dec 4, 2026: Valle Verde Choices: dual-language programs"
    holds: str  # what it holds, in words
    calendar: bool
    svg: str  # the code drawn: black modules on white, quiet zone included
    modules: int  # modules across, quiet zone included (to draw each one whole pixels wide)


def _code(text: str, title: str, holds: str, calendar: bool) -> PhoneCode:
    return PhoneCode(text, title, holds, calendar, qr_svg(text),
                     len(qr_matrix(text)) + 2 * QUIET)


def household_codes(pack, household: Household, lang: str, today: date, engine
                    ) -> list[PhoneCode]:
    """Each child's list code, then the calendar codes (each date once), in ``lang``: the family
    pages through them with Previous and Next.  Empty when a pack's ids cannot be encoded.
    ``engine``: the worker's search engine over ``pack``, for each child's trips."""
    several = len(household.children) > 1
    result: list[PhoneCode] = []
    events: list[PhoneCode] = []
    seen: set[str] = set()
    for child in household.children:
        if several and not child.schools:
            continue
        family = household.child_list(child)
        family.language = lang
        try:
            codes: PhoneCodes = phone_codes(pack, family, lang, today, engine=engine)
        except UserError:  # a pack whose ids cannot be encoded: say so instead of a code
            return []
        listed = codes.list_code
        names = [line_start(lang) + _("{rank}. {school}").format(
            rank=format_number(rank), school=pack.school_name(school.id) or school.id)
            for rank, school in enumerate(family.schools[:listed.held], start=1)]
        title = _("{child}'s list").format(child=child_label(child, lang)) if several \
            else _("Your list")
        result.append(_code(listed.text, title, "\n".join([listed.holds, *names]), False))
        for event in codes.events:
            if event.text in seen:
                continue
            seen.add(event.text)
            events.append(_code(event.text, event.caption,
                                _("A calendar event for {date}: point the camera at the code and "
                                  "tap the event your phone offers to add it.").format(
                                    date=event.caption), True))
    return result + events

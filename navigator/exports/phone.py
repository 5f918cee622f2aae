"""What a family carries on a phone with no app and no internet: the texts of the QR codes.

* **The list code** is plain text a phone camera shows as it is: the ranked schools, each with
  its phone number and its next date (marked as the plan marks it), in the family's language,
  then the app's line (:func:`navigator.exports.qr.app_line`) so a counsellor's Navigator can open
  the list again.  When the text is too long for one code of at most
  :data:`~navigator.exports.qr.LIST_MAX_VERSION`, things are dropped in this order, and
  :attr:`ListCode.holds` says in words what is left: the closing reminder, then the phone numbers,
  then schools from the bottom of the list ("schools 1 to 12 of 30": the rest are on paper).
* **One calendar code per date to act on** (each step of the plan with a date still ahead): an
  iCalendar ``VEVENT`` that phone cameras offer to add to the calendar, all-day like the ``.ics``
  export and with the same UID, so adding both never doubles an event.  Its words are the
  family's language; a too-long event loses its description first, then shortens its title.

Everything is built from the same plan (:mod:`navigator.next_steps`) as the printout, so the phone
and the paper never disagree about a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from navigator.catalogue.codes import kind_label
from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Text
from navigator.deadlines import (
    format_when,
)
from navigator.exports.qr import EVENT_MAX_VERSION, LIST_MAX_VERSION, app_line, fits
from navigator.i18n import format_clock, format_date, format_number, translations_for
from navigator.list_review import ListReview, review_list
from navigator.list_trips import ListTrips, list_trips
from navigator.next_steps import MARKS, UNKNOWN, NextStep, headline
from navigator.pack_texts import region_name
from navigator.shortlist import FamilyList

if TYPE_CHECKING:
    from navigator.search.engine import SearchEngine

NAME_LIMIT = 80  # characters of a school's or a process's name in a code (then "…")


@dataclass(frozen=True)
class CodeSchool:
    """One listed school as the list code says it (texts already in the family's language)."""

    rank: int
    id: str
    name: str
    phone: str
    next_date: str  # "⚠ Closes tomorrow: Dec 4, 2026 at 5:00 PM", or "? No date in this data"
    trip: str = ""  # "27 min by bus · 1 change: leave 7:21 AM, arrive 7:52 AM", when asked for


@dataclass
class ListCode:
    text: str
    held: int  # the first ``held`` schools are in the code
    total: int
    phones: bool  # whether their phone numbers are
    holds: str  # what the code holds, in words, for the printout and the screen

    @property
    def partial(self) -> bool:
        return self.held < self.total


@dataclass
class EventCode:
    deadline_id: str
    date: date
    caption: str  # "Dec 4, 2026: Valle Verde Choices: dual-language programs"
    text: str  # BEGIN:VEVENT ... END:VEVENT


@dataclass
class PhoneCodes:
    list_code: ListCode
    events: list[EventCode] = field(default_factory=list)


def short(text: str, limit: int = NAME_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a 5,000-character name fits a code)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _pack_text(value: Text | None, lang: str) -> str:
    if value is None or not value.value:
        return ""
    return value.value


def phone_codes(pack: Pack, family_list: FamilyList, lang: str, today: date,
                review: ListReview | None = None,
                trips: ListTrips | None | bool = True, engine: SearchEngine | None = None
                ) -> PhoneCodes:
    """The list code and the calendar codes for a family's list, in ``lang``, on ``today``; each
    school's trip too when the family asked for trip times (``trips``: found already, or True to
    find them here, with ``engine`` when the caller has one).  ``review``: the list's plan when
    the caller made it (the printout)."""
    if trips is True:
        trips = list_trips(pack, family_list, today, engine) if family_list.ids() else None
    if review is None:
        review = review_list(pack, family_list.ids(), today, lang, grade=family_list.grade,
                             home=family_list.home, checks=False)
    plan, steps = review.plan, review.steps
    schools = []
    for rank, school_id in enumerate(family_list.ids(), start=1):
        profile = plan.profiles[school_id]
        step = next((s for s in steps if s.covers(school_id)), None)
        schools.append(CodeSchool(rank, school_id, short(profile.name), profile.phone or "",
                                  _next_date(step, lang),
                                  trips.summary(school_id, lang) if trips else ""))
    t = translations_for(lang)
    _ = t.gettext
    header = _("{title} · {region} · {date}").format(
        title=_("Our school list"), region=region_name(pack, lang),
        date=format_date(today, lang, "medium"))
    reminder = _("Not an application: apply to each school by its date.")
    code = list_code(schools, header, reminder, pack.region.id, lang)
    events = [event_code(step, lang, today, pack.region.id) for step in steps
              if (step.deadline or step.opens) is not None and (step.days_left or 0) >= 0
              and (step.opens_in or 0) >= 0]
    return PhoneCodes(code, [e for e in events if e is not None])


def _next_date(step: NextStep | None, lang: str) -> str:
    _ = translations_for(lang).gettext
    if step is None:  # no process in the pack reaches this school
        return f"{MARKS[UNKNOWN]} {_('No date in this data')}"
    deadline = step.deadline or step.opens
    words = f"{step.mark} {headline(step, lang)}"
    if deadline is None:
        return words
    return _("{countdown}: {date}").format(
        countdown=words, date=format_when(date.fromisoformat(deadline.date), deadline.time, lang,
                                          "medium"))


def _list_text(schools: list[CodeSchool], header: str, reminder: str | None, region: str,
               lang: str, held: int, phones: bool) -> str:
    t = translations_for(lang)
    _ = t.gettext
    lines = [header, ""]
    for school in schools[:held]:
        lines.append(_("{rank}. {school}").format(rank=format_number(school.rank, lang),
                                                          school=school.name))
        if phones and school.phone:
            lines.append(f"☎ {school.phone}")
        lines.append(school.next_date)
        if phones and school.trip:  # dropped with the phone numbers when the code is full
            lines.append(school.trip)
    if held < len(schools):
        lines += ["", _("Schools 1 to {held} of {total}: the others are on your printed "
                                "list.").format(held=format_number(held, lang),
                                                total=format_number(len(schools), lang))]
    if reminder:
        lines += ["", reminder]
    lines.append(app_line(region, [s.id for s in schools[:held]], len(schools)))
    return "\n".join(lines)


def list_code(schools: list[CodeSchool], header: str, reminder: str, region: str,
              lang: str) -> ListCode:
    """The list as text that fits one code, dropping (in order) the reminder, the phone numbers,
    then schools from the bottom; never more than the code can hold, never an error."""
    total = len(schools)
    text = ""
    held, phones = total, True
    for reminder_kept, phones in ((reminder, True), (None, True), (None, False)):
        text = _list_text(schools, header, reminder_kept, region, lang, total, phones)
        if fits(text, LIST_MAX_VERSION):
            break
    else:
        phones = True
        low, high = 0, total  # the most schools (with phone numbers) that fit
        while low < high:
            middle = (low + high + 1) // 2
            if fits(_list_text(schools, header, None, region, lang, middle, True), LIST_MAX_VERSION):
                low = middle
            else:
                high = middle - 1
        held = low
        text = _list_text(schools, header, None, region, lang, held, True)
        if not fits(text, LIST_MAX_VERSION):  # even the header is too long: the app's line alone
            text = app_line(region, [], total)
            held = 0
    return ListCode(text, held, total, phones, _holds(held, total, phones, lang))


def _holds(held: int, total: int, phones: bool, lang: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    if held == 0:
        return _("This list is too long for a QR code: use the printed list.")
    if held < total:
        return _("The code holds your first {held} schools of {total}, with their phone "
                         "numbers and next dates; the others are on this printed list.").format(
            held=format_number(held, lang), total=format_number(total, lang))
    if not phones:
        return t.ngettext("The code holds your {n} school in your order with its next date (no "
                          "phone number: they do not all fit).",
                          "The code holds your {n} schools in your order with their next dates (no "
                          "phone numbers: they do not all fit).", total).format(
            n=format_number(total, lang))
    return t.ngettext("The code holds your {n} school in your order, with its phone number and "
                      "next date, as text: no app or internet needed.",
                      "The code holds your {n} schools in your order, with their phone numbers and "
                      "next dates, as text: no app or internet needed.", total).format(
        n=format_number(total, lang))


# --- calendar events -----------------------------------------------------------------------------


def _ics_text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _vevent(uid: str, day: date, stamp: date, summary: str, description: str) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
             f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
             f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{_ics_text(summary)}"]
    if description:
        lines.append(f"DESCRIPTION:{_ics_text(description)}")
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


def event_code(step: NextStep, lang: str, today: date, region: str) -> EventCode | None:
    """A calendar-event code for the step's date (its deadline, or a registration's opening)."""
    t = translations_for(lang)
    _ = t.gettext
    deadline = step.deadline or step.opens
    if deadline is None:
        return None
    day = date.fromisoformat(deadline.date)
    what = _pack_text(deadline.label, lang) or kind_label(deadline.kind, lang)
    if deadline.time:  # an all-day event (as in the .ics export): the closing time goes in words
        what = _("{what}, {time}").format(
            what=what, time=format_clock(deadline.time, lang))
    process = short(_pack_text(step.process.name, lang))
    summary = _("{what}: {process}").format(what=what, process=process)
    schools = ", ".join(short(s.name) for s in step.schools)
    parts = [_("Schools: {schools}").format(schools=schools)]
    contact = " · ".join(x for x in (step.process.phone, step.process.url) if x)
    uid = f"{deadline.id}@{region or 'region'}.navigator"
    candidates = ["\n".join(parts + ([contact] if contact else [])), "\n".join(parts), ""]
    text = ""
    for description in candidates:
        text = _vevent(uid, day, today, summary, description)
        if fits(text, EVENT_MAX_VERSION):
            break
    else:
        text = _vevent(uid, day, today, short(summary, 40), "")
    caption = _("{date}: {what}").format(date=format_date(day, lang, "medium"),
                                                 what=process)
    return EventCode(deadline.id, day, caption, text)

"""The application windows that apply to a family's shortlist, with countdowns.

Why it looks like this:

* ``today`` is always passed in (the CLI's ``--today``, the app's clock, a test's
  fixed date); nothing here reads the clock, so countdowns are reproducible.
* Dates are calendar dates in the region's own time: "closes 2026-12-04 at 17:00"
  means that day wherever the family's computer thinks it is.  Days left are
  plain date differences (``date - date``), never datetimes, so a machine's time
  zone or a daylight-saving change cannot shift a deadline by a day.
* A process covering several listed schools (a district choice window) appears
  once, naming the listed schools it covers; a charter lottery names its school.
* Which processes apply (:func:`application_plan`) is decided once, here, and
  used by the list checker and every export, so they never disagree.  When the
  family's zoned schools are known, the zoned-school process applies only to
  them and open enrollment (a transfer) only to the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Text
from navigator.i18n import format_clock, format_date, format_weekday_date, translations_for
from navigator.profile import ApplicationProcess, SchoolProfile, school_profile

# Kinds of process that reach one programme or school (chosen over a general transfer).
SPECIFIC_KINDS = ("charter_lottery", "magnet", "choice", "other")
# Kinds of date after which a family can no longer do the thing on time.
CLOSING_KINDS = ("closes", "accept_by")


@dataclass
class Route:
    """One application process as it applies to the listed schools."""

    process: ApplicationProcess
    schools: list[str]  # listed school ids it covers, in rank order
    applicants_per_seat: dict[str, float]  # school id -> last year's demand, where published

    @property
    def needs_application(self) -> bool:
        return self.process.kind != "zone"


@dataclass
class ApplicationPlan:
    """Which processes apply to which listed schools (in one language)."""

    school_ids: list[str]
    profiles: dict[str, SchoolProfile]
    routes: dict[str, Route]  # process id -> route, ordered by the first listed school it covers
    by_school: dict[str, list[str]] = field(default_factory=dict)  # school id -> process ids

    def applications(self, school_id: str) -> list[Route]:
        """The processes a family must apply through for this school (not the zoned-school one)."""
        return [self.routes[p] for p in self.by_school.get(school_id, ())
                if self.routes[p].needs_application]


def _applies(process: ApplicationProcess, school_id: str, zoned: set[str] | None) -> bool:
    if zoned is None:
        return True
    if process.kind == "zone":
        return school_id in zoned
    if process.kind == "open_enrollment":
        return school_id not in zoned
    return True


def _chosen(processes: list[ApplicationProcess], school_id: str,
            zoned: set[str] | None) -> list[ApplicationProcess]:
    """The zoned-school process (for a zoned school), then the processes to apply through.

    A school reached through a programme's own process (a lottery, a magnet, a
    dual-language choice) is applied to through that; open enrollment is the way
    in only for a school with nothing more specific.  Without a known home the
    zoned-school process is left out: we cannot say the school is the family's.
    """
    usable = [p for p in processes if _applies(p, school_id, zoned)]
    zone = [p for p in usable if p.kind == "zone"] if zoned is not None else []
    specific = [p for p in usable if p.scope == "school" or p.kind in SPECIFIC_KINDS]
    general = [p for p in usable if p.kind == "open_enrollment" and p not in specific]
    return zone + (specific or general)


def application_plan(pack: Pack, school_ids: list[str], lang: str = "en",
                     zoned: set[str] | None = None) -> ApplicationPlan:
    """Profiles of the listed schools and the processes that apply to each.

    ``zoned``: the family's zoned school ids, or None when the home is unknown.
    """
    profiles = {school_id: school_profile(pack, school_id, lang) for school_id in school_ids}
    plan = ApplicationPlan(list(school_ids), profiles, {})
    for school_id in school_ids:
        chosen = _chosen(profiles[school_id].processes, school_id, zoned)
        plan.by_school[school_id] = [p.id for p in chosen]
        for process in chosen:
            route = plan.routes.setdefault(process.id, Route(process, [], {}))
            route.schools.append(school_id)
            if process.applicants_per_seat is not None:
                route.applicants_per_seat[school_id] = process.applicants_per_seat
    return plan


@dataclass
class TimelineEntry:
    """One date of one process, as the family sees it."""

    deadline_id: str
    date: date
    time: str | None  # "17:00", local to the region; None when the pack gives no time
    kind: str  # opens, closes, lottery, notification, accept_by, other
    label: Text | None
    process: ApplicationProcess
    schools: list[str]  # the listed schools this date is for, in rank order
    days_left: int  # negative when the date has passed
    source_id: str
    late_options: Text | None = None  # what can still be done, for a passed closing date

    @property
    def past(self) -> bool:
        return self.days_left < 0

    @property
    def region_wide(self) -> bool:
        return self.process.scope != "school"


def days_between(today: date, when: date) -> int:
    """Calendar days from ``today`` to ``when``: plain dates, so no clock or time zone enters."""
    return (when - today).days


def timeline(pack: Pack, school_ids: list[str], lang: str, today: date,
             zoned: set[str] | None = None, plan: ApplicationPlan | None = None
             ) -> list[TimelineEntry]:
    """Every date of the processes that apply to the listed schools, earliest first."""
    plan = plan or application_plan(pack, school_ids, lang, zoned)
    entries = []
    for route in plan.routes.values():
        for deadline in route.process.deadlines:
            when = date.fromisoformat(deadline.date)
            left = days_between(today, when)
            late = route.process.late_options if left < 0 and deadline.kind in CLOSING_KINDS \
                else None
            entries.append(TimelineEntry(
                deadline.id, when, deadline.time, deadline.kind, deadline.label, route.process,
                list(route.schools), left, deadline.source_id, late))
    entries.sort(key=lambda e: (e.date, e.time or "", e.process.id, e.deadline_id))
    return entries


def next_closing(entries: list[TimelineEntry], process_id: str) -> TimelineEntry | None:
    """The process's next application deadline, or its last one when all have passed."""
    closing = [e for e in entries if e.process.id == process_id and e.kind == "closes"]
    upcoming = [e for e in closing if not e.past]
    return upcoming[0] if upcoming else (closing[-1] if closing else None)


def countdown(days_left: int, kind: str, lang: str) -> str:
    """``closes in 5 days`` / ``closes tomorrow`` / ``closes today`` / ``closed 3 days ago``."""
    t = translations_for(lang)
    _ = t.gettext
    n = abs(days_left)
    if kind == "closes":
        if days_left == 0:
            return _("closes today")
        if days_left == 1:
            return _("closes tomorrow")
        if days_left == -1:
            return _("closed yesterday")
        if days_left > 0:
            return t.ngettext("closes in {n} day", "closes in {n} days", n).format(n=n)
        return t.ngettext("closed {n} day ago", "closed {n} days ago", n).format(n=n)
    if kind == "opens":
        if days_left == 0:
            return _("opens today")
        if days_left == 1:
            return _("opens tomorrow")
        if days_left == -1:
            return _("opened yesterday")
        if days_left > 0:
            return t.ngettext("opens in {n} day", "opens in {n} days", n).format(n=n)
        return t.ngettext("opened {n} day ago", "opened {n} days ago", n).format(n=n)
    if days_left == 0:
        return t.pgettext("countdown", "today")
    if days_left == 1:
        return t.pgettext("countdown", "tomorrow")
    if days_left == -1:
        return t.pgettext("countdown", "yesterday")
    if days_left > 0:
        return t.ngettext("in {n} day", "in {n} days", n).format(n=n)
    return t.ngettext("{n} day ago", "{n} days ago", n).format(n=n)


def format_when(day: date, clock: str | None, lang: str, style: str = "full") -> str:
    """``Friday, December 4, 2026 at 5:00 PM`` in ``lang``: the date (``style``: "full" with its
    weekday, "long" without, "medium" short as "Dec 4, 2026"), and the pack's local time when it
    gives one ("17:00"), as the region's own clock, never converted."""
    text = format_weekday_date(day, lang) if style == "full" else format_date(day, lang, style)
    at = format_clock(clock, lang) if clock else None
    if not at:  # no time, or one the pack wrote badly: the date alone is still true
        return text
    _ = translations_for(lang).gettext
    return _("{date} at {time}").format(date=text, time=at)

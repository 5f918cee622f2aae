"""The family's take-home list, in one language: the one model every export renders.

Why it looks like this:

* :func:`build_document` reads the pack once and says everything in one
  language: the PDF, HTML, CSV and calendar only lay it out, so they can never
  disagree about a date, a process or a source.
* The order is what a family needs first: the plan ("What to do next", the most urgent step
  first, from :mod:`navigator.next_steps`) and a calendar code for each of its dates, the ranked
  list, the map and the list's QR code, the list checks; then each application process **once**,
  in its own section, and the schools one by one, each saying where its process is ("See
  “Valle Verde Choices”, page 3": the PDF fills in the page, the web page links to it); the sources
  together in small print at the end.  (Every date is under its process; the calendar export
  has them all.)
* The printed layout is an *outline* of :class:`Group` s of :class:`Block` s.
  Two documents built from the same list in two languages have the same groups
  with the same keys, so a counsellor's side-by-side print zips them row by row
  and the two columns stay level.
* Pack texts keep their language: a text shown in English because the pack has
  no translation says so ("(in English)") and carries ``lang="en"``.
* Every figure cites a numbered source with its as-of date; unknowns are written
  as "Unknown", never left blank.
* Long texts cannot break the page: names are shortened with an ellipsis on paper
  (:data:`NAME_LIMIT`), notes at :data:`NOTE_LIMIT`; the spreadsheet keeps every text whole.
* This is the family's list, not an application: the document says so on top.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date

from navigator import indicators
from navigator.catalogue.codes import kind_label
from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Text
from navigator.deadlines import (
    Route,
    TimelineEntry,
    countdown,
    format_when,
    timeline,
)
from navigator.errors import UserError
from navigator.exports.phone import PhoneCodes, phone_codes
from navigator.facts import grade_name
from navigator.geo import KM_PER_MILE
from navigator.grades import span_label
from navigator.i18n import (
    available_languages,
    format_date,
    format_distance,
    format_number,
    format_walk_minutes,
    translations_for,
)
from navigator.list_review import review_list
from navigator.list_trips import ListTrips, list_trips
from navigator.next_steps import URGENT, NextStep, step_words
from navigator.pack_texts import region_name, source_title
from navigator.profile import ApplicationProcess, SchoolProfile
from navigator.shortlist import FamilyList, missing_schools
from navigator.vocabulary import code_label

_STEP = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=\S)")
CSV_COLUMNS = ("rank", "school", "id", "address", "phone", "website", "grades", "type", "apply",
               "where", "next_date", "dates", "documents", "programs", "transit", "trip", "trip_minutes",
               "trip_depart", "trip_arrive", "trip_transfers", "timetable_date", "note", "sources")
# The trip columns are empty when the family asked for no trip time; "trip" says why a school has
# none ("no trip ... within 30 min", "trip time unknown: ..."), the others are then empty.
NAME_LIMIT = 120  # characters of a school's or a process's name on paper (then "…")
NOTE_LIMIT = 1500  # characters of the family's note on paper


@dataclass
class Block:
    """One paragraph of the outline.

    kinds: title, lead, notice, heading, school, subheading, text, field (``label``:
    ``text``), step, item, date, warning, info, small, action (a step of the plan: ``label`` is
    its mark and headline, ``text`` its sentences).
    """

    kind: str
    text: str
    label: str = ""
    lang: str = ""  # set when the text is in another language than the document (a fallback)
    muted: bool = False  # a date that has passed
    level: str = ""  # a plan step's urgency (navigator.next_steps levels): urgent ones are bold
    # A reference to another group (its ``anchor``): the PDF says the page, the web page links.
    # ``text`` already says it without a page; ``ref_name`` is what it points to, by name.
    ref: str = ""
    ref_name: str = ""

    @property
    def urgent(self) -> bool:
        return self.level in URGENT


@dataclass
class Group:
    """Blocks kept together on a page; ``figure`` names a drawing placed with them ("figures":
    the map and the list's code; "calendar": ``codes``, one calendar-event code per date)."""

    key: str
    blocks: list[Block]
    figure: str | None = None
    keep_with_next: bool = False  # a heading: printed on the same page as what follows
    anchor: str = ""  # what references to this group name ("process:<id>")
    keep_with_previous: bool = False  # never alone at the top of a page (the sources)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (caption, code text)
    # A "figures" group's own map and list code (a household's print has one per child); when
    # unset, the document's.
    sketch: MapSketch | None = None
    code: str = ""


def checks_group(key: str, heading: str, warnings: list, messages: list[str],
                 nothing: str) -> Group:
    """The list checker's findings under ``heading`` (warnings marked as such), or ``nothing``."""
    blocks = [Block("heading", heading)]
    blocks += [Block("warning" if w.severity == "warning" else "info", m)
               for w, m in zip(warnings, messages, strict=True)]
    if not warnings:
        blocks.append(Block("text", nothing))
    return Group(key, blocks)


@dataclass
class TimelineRow:
    """One date, worded for the calendar and the printed timeline."""

    deadline_id: str
    date: date
    when: str  # the date (and time) in words
    countdown: str
    what: str  # the date's label
    process: str
    schools: list[str]  # names, in rank order
    past: bool
    how_to_apply: str
    where: str
    contact: str  # the process's phone and web address, as plain text
    late_options: str
    source: str
    children: str = ""  # a household's: who the date is for ("Luis and Ana"), "" for one child


@dataclass
class MapSketch:
    """Home and schools as coordinates, with rail lines for orientation: no tiles, no network."""

    home: tuple[float, float] | None
    schools: list[tuple[int, float, float]]  # (rank, lat, lon)
    lines: list[tuple[str, list[tuple[float, float]], str]]  # (colour, [(lat, lon)], name)
    unit: str
    scale_km: float = 1.0
    scale_label: str = ""

    def bounds(self) -> tuple[float, float, float, float] | None:
        points = [(lat, lon) for _rank, lat, lon in self.schools]
        if self.home:
            points.append(self.home)
        if not points:
            return None
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return min(lats), max(lats), min(lons), max(lons)

    def aspect(self, low: float = 0.4, high: float = 0.75) -> float:
        """Height / width for a drawing that fits the points without wasting paper."""
        bounds = self.bounds()
        if bounds is None:
            return low
        south, north, west, east = bounds
        across = max((east - west) * math.cos(math.radians((south + north) / 2)), 0.004)
        return min(high, max(low, (north - south + 0.004) / across))

    def projector(self, width: float, height: float, pad: float):
        """A function (lat, lon) -> (x, y) in a width x height box (y down), and units per km."""
        south, north, west, east = self.bounds() or (0, 0, 0, 0)
        mid = math.radians((south + north) / 2)
        span_x = max((east - west) * math.cos(mid), 0.004)  # at least ~400 m across
        span_y = max(north - south, 0.004)
        scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        cx, cy = (west + east) / 2, (south + north) / 2

        def project(lat: float, lon: float) -> tuple[float, float]:
            return (width / 2 + (lon - cx) * math.cos(mid) * scale,
                    height / 2 - (lat - cy) * scale)

        return project, scale / 111.32  # degrees of latitude -> km

    def line_labels(self, project, fits) -> list[tuple[str, str, float, float]]:
        """(colour, name, x, y) for each named line: the point of it inside the frame
        (``fits(x, y)``) farthest from home and the schools, so no marker hides a name."""
        markers = [project(lat, lon) for _rank, lat, lon in self.schools]
        if self.home:
            markers.append(project(*self.home))
        labels = []
        for colour, points, name in self.lines:
            inside = [xy for xy in _densify([project(*p) for p in points]) if fits(*xy)]
            if not name or not inside:
                continue
            x, y = max(inside, key=lambda xy: min(
                (math.dist(xy, m) for m in markers + [xy2 for *_r, xy2 in labels]), default=0))
            labels.append((colour, name, (x, y)))
        return [(colour, name, x, y) for colour, name, (x, y) in labels]


@dataclass
class SchoolEntry:
    rank: int
    id: str
    name: str
    row: dict[str, str]  # CSV_COLUMNS -> text


@dataclass
class Document:
    lang: str
    rtl: bool
    title: str
    groups: list[Group]
    schools: list[SchoolEntry]
    timeline: list[TimelineRow]
    warnings: list[str]
    csv_headers: dict[str, str]
    qr_text: str  # the list code's text (navigator.exports.phone)
    map: MapSketch
    region: str
    today: date
    unknown: str
    notice: str
    region_id: str = ""
    time_zone: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    steps: list[NextStep] = field(default_factory=list)  # the plan, most urgent first
    phone: PhoneCodes | None = None


def build_document(pack: Pack, family_list: FamilyList, lang: str, today: date,
                   zoned: set[str] | None = None) -> Document:
    """The take-home list in ``lang`` on ``today``; refuses a list for another pack."""
    if family_list.region and family_list.region != pack.region.id:
        raise UserError(f"The list is for region {family_list.region!r} but the pack is for "
                        f"{pack.region.id!r}; open the list with the pack it was made with.")
    known = {school_id for (school_id,) in pack.conn.execute("SELECT id FROM schools")}
    missing = missing_schools(family_list, known)
    if missing:
        raise UserError(f"The list names {len(missing)} school(s) this pack does not have "
                        f"({', '.join(missing[:5])}); open the list with the pack it was made "
                        "with, or remove them.")
    return _Builder(pack, family_list, lang, today, zoned).build()


def text_of(value: Text | None, lang: str, unknown: bool = True) -> str:
    """A pack text, marked "(in English)" when it fell back; "Unknown" (or "") when missing."""
    t = translations_for(lang)
    if value is None or not value.value:
        _ = t.gettext
        return _("Unknown") if unknown else ""
    if value.fallback:
        return t.pgettext("fallback", "{text} (in English)").format(text=value.value)
    return value.value


def short(text: str, limit: int = NAME_LIMIT) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def split_steps(text: str) -> tuple[str, list[str]]:
    """A how-to-apply text as its introduction and its numbered steps ("1. ... 2. ...")."""
    marks = list(_STEP.finditer(text))
    expected = [m for i, m in enumerate(marks) if m.group(1) == str(i + 1)]
    if len(expected) < 2 or len(expected) != len(marks):
        return text.strip(), []
    intro = text[:expected[0].start()].strip()
    steps = [text[m.end():(expected[i + 1].start() if i + 1 < len(expected) else len(text))].strip()
             for i, m in enumerate(expected)]
    return intro, steps


class _Builder:
    def __init__(self, pack: Pack, family_list: FamilyList, lang: str, today: date,
                 zoned: set[str] | None):
        self.pack, self.list, self.lang, self.today = pack, family_list, lang, today
        self.t = translations_for(lang)
        self.ids = family_list.ids()
        self.review = review_list(pack, self.ids, today, lang, grade=family_list.grade,
                                  home=family_list.home, zoned=zoned)
        self.zoned, self.plan, self.steps = self.review.zoned, self.review.plan, self.review.steps
        self.entries: list[TimelineEntry] = timeline(pack, self.ids, lang, today, plan=self.plan)
        self.sources = {s.id: s for s in pack.sources()}
        self.refs: dict[str, int] = {}
        self.names = {i: short(self.plan.profiles[i].name) for i in self.ids}
        self.unknown = self._("Unknown")
        # Each school's trip by bus or train, when the family asked for trip times.
        self.trips: ListTrips | None = list_trips(pack, family_list, today) if self.ids else None

    def _(self, message: str) -> str:
        """Translate into the document's language (``self._`` is an extraction keyword too)."""
        return self.t.gettext(message)

    # --- small helpers ---------------------------------------------------------------------------

    def ref(self, *source_ids: str | None) -> str:
        numbers = []
        for source_id in source_ids:
            if source_id and source_id in self.sources:
                numbers.append(self.refs.setdefault(source_id, len(self.refs) + 1))
        return " ".join(f"[{n}]" for n in sorted(set(numbers)))

    def sourced(self, refs: str) -> Block:
        return Block("small", self._("Source: {refs}").format(refs=refs) if refs
                     else self._("Source: not recorded in this data"))

    def cited(self, heading: Block, source_ids: list[str | None]) -> Block:
        """A subheading with the sources of what follows it: "Bus and train nearby [7]"."""
        refs = self.ref(*source_ids)
        return Block(heading.kind, f"{heading.text} {refs}" if refs else
                     self._("{heading} (source not recorded in this data)").format(
                         heading=heading.text), heading.label, heading.lang)

    def when(self, entry: TimelineEntry, weekday: bool = True) -> str:
        return format_when(entry.date, entry.time, self.lang, "full" if weekday else "long")

    def dated(self, entry: TimelineEntry, weekday: bool = True) -> str:
        return self._("{date} ({countdown})").format(
            date=self.when(entry, weekday), countdown=countdown(entry.days_left, entry.kind, self.lang))

    def label(self, entry: TimelineEntry) -> str:
        return text_of(entry.label, self.lang) if entry.label else kind_label(entry.kind, self.lang)

    def block(self, kind: str, value: Text | None, label: str = "") -> Block:
        return Block(kind, text_of(value, self.lang), label,
                     lang="en" if value is not None and value.fallback else "")

    def school_names(self, ids: list[str]) -> str:
        return ", ".join(self.names[i] for i in ids)

    def route_name(self, route: Route) -> str:
        return short(text_of(route.process.name, self.lang))

    def process_name(self, process: ApplicationProcess) -> str:
        return short(text_of(process.name, self.lang))

    def grades(self, profile: SchoolProfile) -> str:
        span = span_label(profile.grade_low, profile.grade_high)
        return span if span else self.unknown

    def see(self, process: ApplicationProcess, label: str = "") -> Block:
        """"See “process” under “How to apply”" (the PDF says the page instead)."""
        name = self.process_name(process)
        return Block("field", self.see_below().format(process=name), label,
                     ref=f"process:{process.id}", ref_name=name)

    def see_below(self) -> str:
        return self._("See “{process}” under “How to apply”.")

    def school_step(self, school_id: str) -> NextStep | None:
        """The school's most urgent step of the plan (the plan is in that order)."""
        return next((s for s in self.steps if s.covers(school_id)), None)

    def step_date(self, step: NextStep | None) -> str:
        """``⚠ Closes tomorrow · Friday, December 4, 2026 at 5:00 PM`` for a school's next date."""
        if step is None:
            return self.unknown
        words = step_words(step, self.lang)
        return " · ".join(x for x in (f"{words.mark} {words.headline}", words.when) if x)

    # --- the document -----------------------------------------------------------------------------

    def build(self) -> Document:
        _ = self.t.gettext
        region = region_name(self.pack, self.lang)
        notice = _("This is your list, not a submitted application. Navigator does not apply for "
                   "you: apply through each school's process below, before its deadline.")
        phone = phone_codes(self.pack, self.list, self.lang, self.today, self.review,
                            trips=self.trips)
        groups = [self.cover(region, notice)]
        groups += self.plan_groups(phone)
        entries = [self.school_entry(rank, i) for rank, i in enumerate(self.ids, start=1)]
        groups.append(_heading("ranked-heading", [Block("heading", _("Your ranked list"))]))
        for rank, school_id in enumerate(self.ids, start=1):
            groups.append(self.summary(rank, school_id))
        if not self.ids:
            groups.append(Group("ranked-empty", [Block("text", _("Your list has no schools yet."))]))
        if self.trips is not None:
            groups.append(Group("trips-about", [self.cited(Block("small", self.trips.settings_text(
                self.lang)), [s for s in self.sources if s.startswith("transit")])]))
        groups.append(self.figures(phone))
        warnings = self.review.warnings
        messages = [w.message(self.lang) for w in warnings]
        groups.append(checks_group("checks", _("Check your list"), warnings, messages,
                                   _("We found nothing to fix in your list.")))
        if self.list.indicators:
            groups.append(self.results_about())
        routes = list(self.plan.routes.values())
        if routes:
            groups.append(_heading("apply-heading", [
                Block("heading", _("How to apply")),
                Block("small", _("Each way to apply is explained once; the schools it is for are "
                                 "named under it."))]))
            groups += [self.process_group(route) for route in routes]
        groups.append(_heading("details-heading", [Block("heading", _("Your schools, one by one"))]))
        for rank, school_id in enumerate(self.ids, start=1):
            groups += self.details(rank, school_id)
        rows = [self.timeline_row(e) for e in self.entries]  # the calendar export's events
        groups.append(self.sources_group())
        return Document(
            lang=self.lang, rtl=_rtl(self.lang), title=_("Our school list"), groups=groups,
            schools=entries, timeline=rows, warnings=messages, csv_headers=self.csv_headers(),
            qr_text=phone.list_code.text, map=self.map_sketch(), region=region,
            today=self.today, unknown=self.unknown, notice=notice, region_id=self.pack.region.id,
            time_zone=self.pack.meta.get("timezone"),
            labels={"calendar": _("School application dates"),
                    "not_submitted": notice,
                    "footer": _("Our school list: not a submitted application"),
                    "map": _("Map of your list"), "qr": _("QR code with your list"),
                    "see_page": _("See “{process}”, page {page}."),
                    "see_below": self.see_below()},
            steps=self.steps, phone=phone)

    def cover(self, region: str, notice: str) -> Group:
        _ = self.t.gettext
        blocks = [Block("title", _("Our school list")),
                  Block("lead", _("{region} · made on {date}").format(
                      region=region, date=format_date(self.today, self.lang))),
                  Block("notice", notice)]
        if self.pack.region.demo:
            about = self.pack.text("region", self.pack.region.id, "about", self.lang) or \
                self.pack.text("region", self.pack.region.id, "about", "en") or \
                _("This is demo data, not real schools.")
            blocks.append(Block("warning", about))
        home = self.list.home or {}
        where = home.get("matched") or home.get("label")
        blocks.append(Block("field", short(str(where)) if where else self.unknown, _("Home")))
        grade = self.list.grade
        blocks.append(Block("field", grade_name(grade, self.lang) if grade is not None
                            else self.unknown, _("Grade next school year")))
        if self.zoned is not None:  # the zoned school was found from the attendance zones
            zones = [z for (z,) in self.pack.conn.execute(
                "SELECT DISTINCT source_id FROM boundaries WHERE kind = 'attendance'")]
            blocks.append(self.sourced(self.ref(*zones)))
        return Group("cover", blocks)

    # --- the plan ---------------------------------------------------------------------------------

    def plan_groups(self, phone: PhoneCodes) -> list[Group]:
        """"What to do next": one box per step, the most urgent first, then the calendar codes."""
        _ = self.t.gettext
        if not self.steps:
            return []
        groups = [_heading("plan-heading", [
            Block("heading", _("What to do next")),
            Block("small", _("Most urgent first. ⚠ closes within a week; ✕ deadline passed; "
                             "○ later; ✓ no deadline; ? no date in this data."))])]
        for step in self.steps:
            words = step_words(step, self.lang, self.process_name(step.process))
            head = " · ".join(x for x in (f"{words.mark} {words.headline}", words.when) if x)
            name = self.process_name(step.process)
            groups.append(Group(f"step:{step.process.id}", [
                Block("action", "\n".join([words.sentence, *words.details]), head,
                      level=step.level, muted=step.level == "passed" and not step.late_options,
                      ref=f"process:{step.process.id}", ref_name=name)]))
        events = phone.events
        if events:
            groups.append(Group("calendar", [Block("small", _(
                "Add a date to your phone's calendar: point the camera at its code and tap the "
                "event it offers. No app or internet needed."))], figure="calendar",
                codes=[(e.caption, e.text) for e in events]))
        return groups

    def summary(self, rank: int, school_id: str) -> Group:
        _ = self.t.gettext
        routes = [self.plan.routes[p] for p in self.plan.by_school[school_id]]
        step = self.school_step(school_id)
        how = "; ".join(self.route_name(r) for r in routes) or self.unknown
        blocks = [Block("school", _("{rank}. {school}").format(rank=rank, school=self.names[school_id])),
                  Block("field", how, _("How to get a place")),
                  Block("field", self.step_date(step), _("Next date"),
                        level=step.level if step else "",
                        muted=bool(step and step.level == "passed"))]
        trip = self.trips.summary(school_id, self.lang) if self.trips is not None else ""
        if trip:
            blocks.append(Block("field", trip, _("By bus or train")))
        return Group(f"summary:{rank}", blocks)

    def figures(self, phone: PhoneCodes) -> Group:
        _ = self.t.gettext
        home = _("The house is your home; the numbers are your schools, in your order. North is "
                 "up.") if self.list.home else _("The numbers are your schools, in your order. "
                                                 "North is up.")
        return Group("figures", [
            Block("small", _("Map of your list: a sketch, not a street map. {legend}").format(
                legend=home)),
            Block("small", _("Scan the code to carry this list on a phone. {holds} Its last line "
                             "lets a counsellor's Navigator open the list again.").format(
                holds=phone.list_code.holds)),
        ], figure="figures")

    # --- each process, once -------------------------------------------------------------------------

    def process_group(self, route: Route) -> Group:
        _ = self.t.gettext
        process: ApplicationProcess = route.process
        blocks = [Block("subheading", self.route_name(route),
                        lang="en" if process.name.fallback else ""),
                  Block("field", self.school_names(route.schools), _("For"))]
        if process.how_to_apply is not None:
            intro, steps = split_steps(process.how_to_apply.value)
            marker = "en" if process.how_to_apply.fallback else ""
            blocks.append(self.block("text", Text(intro, process.how_to_apply.lang,
                                                  process.how_to_apply.fallback)) if intro
                          else Block("text", ""))
            blocks += [Block("step", step, str(n), lang=marker)
                       for n, step in enumerate(steps, start=1)]
        else:
            blocks.append(Block("field", self.unknown, _("How to apply")))
        blocks.append(self.block("field", process.where_to_apply, _("Where to apply")))
        contact = " · ".join(x for x in (process.phone, process.url) if x)
        blocks.append(Block("field", contact or self.unknown, _("Contact")))
        if process.documents is not None:
            blocks.append(Block("field", "", _("Documents to bring")))
            marker = "en" if process.documents.fallback else ""
            blocks += [Block("item", part.strip(), lang=marker)
                       for part in process.documents.value.split(";") if part.strip()]
            if process.documents.fallback:
                blocks.append(Block("small", _("(in English)")))
        else:
            blocks.append(Block("field", self.unknown, _("Documents to bring")))
        refs = [process.source_id]
        dates = [e for e in self.entries if e.process.id == process.id]
        if dates:
            blocks.append(Block("field", "", _("Dates")))
        for entry in dates:
            blocks.append(Block("item", f"{self.dated(entry)}: {self.label(entry)}", muted=entry.past))
            refs.append(entry.source_id)
        if not dates:
            blocks.append(Block("field", _("The data has no date for this process: ask the school or "
                                           "the district when to apply."), _("Dates")))
        if process.late_options is not None:
            blocks.append(self.block("field", process.late_options, _("After the deadline")))
        for school_id in route.schools:
            if school_id not in route.applicants_per_seat:
                continue
            value = format_number(route.applicants_per_seat[school_id], self.lang)
            demand = next((q.demand_source_id for q in self.plan.profiles[school_id].processes
                           if q.id == process.id), None)
            cited = self.ref(demand)
            text = _("{value} applicants per seat (source {refs})").format(value=value, refs=cited) \
                if cited else _("{value} applicants per seat (source not recorded in this "
                                "data)").format(value=value)
            if len(route.schools) > 1:
                text = _("{school}: {demand}").format(school=self.names[school_id], demand=text)
            blocks.append(Block("field", text, _("Demand last year")))
        blocks.append(self.sourced(self.ref(*refs)))
        return Group(f"process:{process.id}", blocks, anchor=f"process:{process.id}")

    # --- each school ------------------------------------------------------------------------------------

    def details(self, rank: int, school_id: str) -> list[Group]:
        _ = self.t.gettext
        p = self.plan.profiles[school_id]
        sector = {"district": _("District school"), "charter": _("Charter school")}.get(
            p.sector or "", self.unknown)
        address = ", ".join(x for x in (p.address, p.city, " ".join(
            y for y in (p.state, p.zip) if y)) if x) or self.unknown
        head = [Block("school", _("{rank}. {school}").format(rank=rank, school=self.names[school_id])),
                Block("field", address, _("Address")),
                Block("field", p.phone or self.unknown, _("Phone")),
                Block("field", p.website or self.unknown, _("Website")),
                Block("field", _("{grades} · {type}").format(grades=self.grades(p), type=sector),
                      _("Grades and type"))]
        note = self.list.schools[rank - 1].note
        if note:
            head.append(Block("field", note if len(note) <= NOTE_LIMIT
                              else note[:NOTE_LIMIT - 1].rstrip() + "…", _("Your note")))
        head.append(self.sourced(self.ref(p.source_id)))
        routes = [self.plan.routes[x] for x in self.plan.by_school[school_id]]
        for index, route in enumerate(routes):
            head.append(self.see(route.process, _("How to apply") if index == 0 else ""))
        if not routes:
            head.append(Block("field", self.unknown, _("How to apply")))
        groups = [Group(f"school:{rank}", head)]
        groups.append(Group(f"offer:{rank}", self.offer_blocks(p)))
        groups.append(Group(f"transit:{rank}", self.transit_blocks(p)))
        if self.trips is not None:
            groups.append(Group(f"trip:{rank}", self.trip_blocks(school_id)))
        if self.list.indicators:
            groups.append(Group(f"results:{rank}", self.results_blocks(p)))
        return groups

    # --- school results (only those the family looked at) -----------------------------------------

    def result_groups(self) -> list[str]:
        group = self.list.indicator_group or "ALL"
        return ["ALL"] if group == "ALL" else ["ALL", group]

    def results_about(self) -> Group:
        """What each result the family looked at means, once, before the schools."""
        _ = self.t.gettext
        blocks = [Block("subheading", _("About the school results in this list")),
                  Block("text", _("Official results, the same for every public school. Each one "
                                  "has two parts that go together: the result this year and the "
                                  "change from the year before. One result is not the whole "
                                  "school."))]
        # Each explanation starts with the indicator's name ("Mathematics: how far, on average...").
        blocks += [Block("text", indicators.explanation(code, self.lang).split("\n\n")[0])
                   for code in self.list.indicators]
        blocks.append(Block("small", _(indicators.CHANGE_EXPLANATION)))
        return Group("results-about", blocks)

    def results_blocks(self, p: SchoolProfile) -> list[Block]:
        """Status and change together for each result the family looked at, per student group;
        withheld values say so, a school without results says why when the pack knows."""
        _ = self.t.gettext
        lang = self.lang
        blocks = [Block("subheading", _("School results"))]
        if not p.indicators:
            blocks.append(Block("field", indicators.missing_reason(p.indicators_missing_reason, lang),
                                indicators.not_reported(lang)))
            return blocks
        refs = []
        for code in self.list.indicators:
            for group in self.result_groups():
                item = indicators.latest(p.indicators, code, group)
                label = _("{indicator} ({group})").format(indicator=indicators.name(code, lang),
                                                          group=indicators.group_name(group, lang))
                if item is None:
                    blocks.append(Block("field", indicators.not_reported(lang), label))
                    continue
                refs.append(item["source"])
                text = _("{year}: {result}. {students}").format(
                    year=item["year"], result=indicators.together(item, lang),
                    students=indicators.students_text(item["students"], lang))
                blocks.append(Block("field", text, label))
        blocks.append(self.sourced(self.ref(*refs)))
        return blocks

    def offer_blocks(self, p: SchoolProfile) -> list[Block]:
        _ = self.t.gettext
        blocks = [Block("subheading", _("Programs and services"))]
        wanted = [(c, w) for key, c in (("programs", "program"), ("el", "el"), ("sped", "sped"),
                                        ("languages", "language"))
                  for w in self.list.filters.get(key) or []]
        refs = []
        answers = {"yes": _("yes"), "no": _("no"), "unknown": _("unknown")}
        for category, code in wanted:
            value, source = _status(p, category, code)
            refs.append(source)
            blocks.append(Block("item", _("{feature}: {answer}").format(
                feature=self.feature_name(category, code), answer=answers[value])))
        offered = [self.feature_name(f.category, f"{f.code}:{f.detail}" if f.detail else f.code)
                   for c in ("program", "el", "sped") for f in p.facts[c]
                   if f.value == "yes" and (c, f"{f.code}:{f.detail}" if f.detail else f.code)
                   not in wanted]
        refs += [f.source_id for c in ("program", "el", "sped") for f in p.facts[c]]
        blocks.append(Block("field", "; ".join(offered) if offered else self.unknown,
                            _("Also offered") if wanted else _("Offered")))
        blocks[0] = self.cited(blocks[0], refs)
        return blocks

    def feature_name(self, category: str, code: str) -> str:
        code, _sep, detail = code.partition(":")
        name = code_label(self.pack, category, code, self.lang).value
        if category == "language":
            return self._("Staff who speak {language}").format(language=name)
        if detail:
            language = code_label(self.pack, "language", detail, self.lang).value
            return self._("{program} ({language})").format(program=name, language=language)
        return name

    def transit_blocks(self, p: SchoolProfile) -> list[Block]:
        _ = self.t.gettext
        blocks = [Block("subheading", _("Bus and train nearby"))]
        has_transit = self.pack.conn.execute("SELECT EXISTS (SELECT 1 FROM stops)").fetchone()[0]
        modes = {"bus": _("bus"), "rail": _("train"), "ferry": _("ferry")}
        for stop in p.transit[:3]:
            blocks.append(Block("item", _("{stop}: {mode} {lines}, {walk}").format(
                stop=stop.stop, mode=modes.get(stop.mode, _("transit")), lines=", ".join(stop.lines),
                walk=format_walk_minutes(stop.walk_min, self.lang))))
        if not p.transit:
            radius = format_distance(self.pack.region.walk_radius_m / 1000, self.lang,
                                     self.pack.region.distance_unit)  # type: ignore[arg-type]
            blocks.append(Block("text", _("No stop within {distance} in this data.").format(
                distance=radius) if has_transit else self.unknown))
        transit_sources = [s for s in self.sources if s.startswith("transit")]
        blocks[0] = self.cited(blocks[0], transit_sources)
        return blocks

    def trip_blocks(self, school_id: str) -> list[Block]:
        """The school's trip: summary with leaving and arriving, the steps, what it was asked for
        and from which timetable's day."""
        _ = self.t.gettext
        trips = self.trips
        blocks = [Block("subheading", _("By bus or train"))]
        summary = trips.summary(school_id, self.lang)
        if not summary:  # an online school
            blocks.append(Block("text", _("Online school: classes happen at home, on a computer.")))
            return blocks
        blocks.append(Block("text", summary))
        steps = trips.steps(school_id, self.lang)
        if steps:
            blocks.append(Block("text", steps))
        blocks.append(Block("small", trips.settings_text(self.lang)))
        return blocks

    def trip_columns(self, school_id: str) -> dict[str, str]:
        empty = {c: "" for c in ("trip", "trip_minutes", "trip_depart", "trip_arrive", "trip_transfers",
                                 "timetable_date")}
        if self.trips is None:
            return empty
        listed = self.trips.schools.get(school_id)
        empty["trip"] = self.trips.summary(school_id, self.lang)
        trip = listed.trip if listed else None
        if trip is None:
            return empty
        return {**empty, "trip_minutes": str(trip["minutes"]), "trip_depart": trip["depart"],
                "trip_arrive": trip["arrive"], "trip_transfers": str(trip["transfers"]),
                "timetable_date": trip["timetable_date"]}

    def timeline_row(self, e: TimelineEntry) -> TimelineRow:
        p = e.process
        intro, steps = split_steps(p.how_to_apply.value) if p.how_to_apply else ("", [])
        how = "\n".join([intro] + [f"{n}. {s}" for n, s in enumerate(steps, start=1)]).strip() \
            if p.how_to_apply else self.unknown
        if p.how_to_apply and p.how_to_apply.fallback:
            how = text_of(Text(how, "en", True), self.lang)
        source = self.sources.get(e.source_id)
        return TimelineRow(
            deadline_id=e.deadline_id, date=e.date, when=self.when(e),
            countdown=countdown(e.days_left, e.kind, self.lang), what=self.label(e),
            process=text_of(p.name, self.lang), schools=[self.names[i] for i in e.schools],
            past=e.past, how_to_apply=how, where=text_of(p.where_to_apply, self.lang),
            contact=" · ".join(x for x in (p.phone, p.url) if x) or self.unknown,
            late_options=text_of(e.late_options, self.lang, unknown=False),
            source=self.source_line(source) if source else self.unknown)

    def source_line(self, source) -> str:
        _ = self.t.gettext
        as_of = format_date(date.fromisoformat(source.as_of), self.lang) if source.as_of \
            else _("as-of date unknown")
        return _("{name}, {publisher}; as of {date}").format(
            name=source_title(self.pack, source, self.lang), publisher=source.publisher, date=as_of)

    def sources_group(self) -> Group:
        _ = self.t.gettext
        blocks = [Block("subheading", _("Where this comes from")),
                  Block("fine", _("Check dates and rules with the school or district before you "
                                  "apply: they can change after these sources were published."))]
        for source_id, number in sorted(self.refs.items(), key=lambda kv: kv[1]):
            source = self.sources[source_id]
            line = f"[{number}] {self.source_line(source)}"
            if source.url:
                line += f" · {source.url}"
            blocks.append(Block("fine", line))
        return Group("sources", blocks, keep_with_previous=True)

    def map_sketch(self) -> MapSketch:
        schools = [(rank, p.latitude, p.longitude) for rank, p in
                   enumerate((self.plan.profiles[i] for i in self.ids), start=1)
                   if p.latitude is not None and p.longitude is not None]
        home = self.list.home
        home_point = (float(home["latitude"]), float(home["longitude"])) \
            if home and "latitude" in home and "longitude" in home else None
        sketch = MapSketch(home_point, schools, [], self.pack.region.distance_unit)
        bounds = sketch.bounds()
        if bounds:
            serving = {line for (line,) in self.pack.conn.execute(
                "SELECT DISTINCT sl.line_id FROM school_stops ss JOIN stop_lines sl "
                f"ON sl.stop_id = ss.stop_id WHERE ss.school_id IN ({','.join('?' * len(self.ids))})",
                self.ids)}
            sketch.lines = _transit_lines(self.pack, bounds, serving)
            south, north, west, east = bounds
            width_km = max((east - west) * 111.32 * math.cos(math.radians((south + north) / 2)),
                           (north - south) * 111.32, 0.5)
            factor = KM_PER_MILE if sketch.unit == "mi" else 1.0
            nice = [n for n in (0.25, 0.5, 1, 2, 5, 10, 20, 50) if n * factor <= width_km / 3]
            step = nice[-1] if nice else 0.25
            sketch.scale_km = step * factor
            sketch.scale_label = format_distance(sketch.scale_km, self.lang, sketch.unit)  # type: ignore[arg-type]
        return sketch

    def csv_headers(self) -> dict[str, str]:
        _ = self.t.gettext
        return {"rank": _("Rank"), "school": _("School"), "id": _("School code"),
                "address": _("Address"), "phone": _("Phone"), "website": _("Website"),
                "grades": _("Grades"), "type": _("Type"), "apply": _("How to get a place"),
                "where": _("Where to apply"), "next_date": _("Next date"), "dates": _("All dates"),
                "documents": _("Documents to bring"), "programs": _("Programs and services"),
                "transit": _("Bus and train nearby"), "trip": _("By bus or train"),
                # TRANSLATORS: spreadsheet columns of a school's trip by bus or train.
                "trip_minutes": _("Trip minutes"), "trip_depart": _("Leave home"),
                "trip_arrive": _("Arrive"), "trip_transfers": _("Changes"),
                "timetable_date": _("Timetable of"), "note": _("Your note"),
                "sources": _("Where this comes from")}

    def school_entry(self, rank: int, school_id: str) -> SchoolEntry:
        _ = self.t.gettext
        p = self.plan.profiles[school_id]
        routes = [self.plan.routes[x] for x in self.plan.by_school[school_id]]
        step = self.school_step(school_id)
        mine = [e for e in self.entries if school_id in e.schools]
        offered = [self.feature_name(c, f"{f.code}:{f.detail}" if f.detail else f.code)
                   for c in ("program", "el", "sped") for f in p.facts[c] if f.value == "yes"]
        sources = sorted({p.source_id, *(r.process.source_id for r in routes),
                          *(e.source_id for e in mine)})
        row = {
            "rank": str(rank), "school": p.name, "id": p.id,
            "address": ", ".join(x for x in (p.address, p.city, p.state, p.zip) if x) or self.unknown,
            "phone": p.phone or self.unknown, "website": p.website or self.unknown,
            "grades": self.grades(p),
            "type": {"district": _("District school"), "charter": _("Charter school")}.get(
                p.sector or "", self.unknown),
            "apply": "; ".join(text_of(r.process.name, self.lang) for r in routes) or self.unknown,
            "where": "; ".join(text_of(r.process.where_to_apply, self.lang) for r in routes)
            or self.unknown,
            "next_date": self.step_date(step),
            "dates": "; ".join(f"{format_date(e.date, self.lang)}: {self.label(e)}" for e in mine)
            or self.unknown,
            "documents": "; ".join(text_of(r.process.documents, self.lang) for r in routes
                                   if r.process.documents) or self.unknown,
            "programs": "; ".join(offered) or self.unknown,
            "transit": "; ".join(f"{s.stop} ({', '.join(s.lines)})" for s in p.transit[:3])
            or self.unknown,
            **self.trip_columns(school_id),
            "note": self.list.schools[rank - 1].note,
            "sources": "; ".join(self.source_line(self.sources[s]) for s in sources
                                 if s in self.sources),
        }
        return SchoolEntry(rank, school_id, p.name, row)



def _densify(points: list[tuple[float, float]], parts: int = 12) -> list[tuple[float, float]]:
    """Points along a polyline, several per segment, to place a label anywhere on it."""
    dense = []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        dense += [(x1 + (x2 - x1) * i / parts, y1 + (y2 - y1) * i / parts) for i in range(parts)]
    return dense + points[-1:]


def _heading(key: str, blocks: list[Block]) -> Group:
    return Group(key, blocks, keep_with_next=True)


def _status(p: SchoolProfile, category: str, wanted: str) -> tuple[str, str | None]:
    """yes / no / unknown for one asked-for code at a school, with the source that says so."""
    code, _sep, detail = wanted.partition(":")
    for fact in p.facts.get(category, []):
        if fact.code == code and (not detail or fact.detail == detail):
            return fact.value, fact.source_id
    if p.reported.get(category) == "complete":
        return "no", next((f.source_id for f in p.facts[category]), None)
    return "unknown", None


def _rtl(lang: str) -> bool:
    return any(language.rtl for language in available_languages() if language.code == lang)


def _transit_lines(pack: Pack, bounds: tuple[float, float, float, float], serving: set[str]
                   ) -> list[tuple[str, list[tuple[float, float]], str]]:
    """Rail lines near the schools, and the lines that stop near a listed school, thinned."""
    south, north, west, east = bounds
    margin = max(north - south, east - west, 0.01) * 0.25
    lines = []
    for (geojson,) in pack.conn.execute("SELECT geojson FROM layers WHERE kind = 'transit'"):
        try:
            features = json.loads(geojson).get("features", [])
        except (ValueError, AttributeError):
            continue
        for feature in features:
            props, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
            if props.get("mode") != "rail" and props.get("line") not in serving:
                continue
            parts = geometry.get("coordinates", [])
            if geometry.get("type") == "LineString":
                parts = [parts]
            elif geometry.get("type") != "MultiLineString":
                continue
            for part in parts:
                points = [(lat, lon) for lon, lat, *_rest in part
                          if south - margin <= lat <= north + margin
                          and west - margin <= lon <= east + margin]
                step = max(1, len(points) // 200)
                if len(points) >= 2:
                    lines.append((str(props.get("color") or "#777777"), points[::step],
                                  str(props.get("name") or props.get("line") or "")))
    return lines

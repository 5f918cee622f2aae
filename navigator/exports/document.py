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
* The printed layout is an *outline* of :class:`Group` s of :class:`Block` s (``model.py``):
  two documents built from the same list in two languages have the same groups with the same
  keys, so a counsellor's side-by-side print zips them row by row.  The sections about each
  process and each school are ``blocks.py``; the spreadsheet's columns ``csv_export.py``; the
  map ``sketch.py``.
* Pack texts keep their language: a text shown in English because the pack has
  no translation says so ("(in English)") and carries ``lang="en"``.
* Every figure cites a numbered source with its as-of date; unknowns are written
  as "Unknown", never left blank.
* Long texts cannot break the page: names are shortened with an ellipsis on paper
  (:data:`NAME_LIMIT`), notes at :data:`NOTE_LIMIT`; the spreadsheet keeps every text whole.
* This is the family's list, not an application: the document says so on top.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from navigator.catalogue.codes import kind_label
from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Text
from navigator.deadlines import Route, TimelineEntry, countdown, format_when, timeline
from navigator.errors import UserError
from navigator.exports.blocks import SchoolSections
from navigator.exports.csv_export import CsvRows
from navigator.exports.model import (
    Block,
    Document,
    Group,
    TimelineRow,
    checks_group,
    heading_group,
    short,
    split_steps,
    text_of,
)
from navigator.exports.phone import PhoneCodes, phone_codes
from navigator.exports.sketch import map_sketch
from navigator.facts import grade_name
from navigator.grades import span_label
from navigator.i18n import draft_note, format_date, is_rtl, translations_for
from navigator.list_review import review_list
from navigator.list_trips import ListTrips, list_trips
from navigator.next_steps import NextStep, step_words
from navigator.pack_texts import region_name, source_title
from navigator.profile import ApplicationProcess, SchoolProfile
from navigator.shortlist import FamilyList, missing_schools
from navigator.text import isolate_numbers

if TYPE_CHECKING:
    from navigator.search.engine import SearchEngine


def build_document(pack: Pack, family_list: FamilyList, lang: str, today: date,
                   zoned: set[str] | None = None, engine: SearchEngine | None = None) -> Document:
    """The take-home list in ``lang`` on ``today``; refuses a list for another pack.  ``engine``:
    the caller's search engine over ``pack``, for the trips (else one is made when needed)."""
    if family_list.region and family_list.region != pack.region.id:
        raise UserError(f"The list is for region {family_list.region!r} but the pack is for "
                        f"{pack.region.id!r}; open the list with the pack it was made with.")
    missing = missing_schools(family_list, pack.known_ids(family_list.ids()))
    if missing:
        raise UserError(f"The list names {len(missing)} school(s) this pack does not have "
                        f"({', '.join(missing[:5])}); open the list with the pack it was made "
                        "with, or remove them.")
    return _Builder(pack, family_list, lang, today, zoned, engine).build()


class _Builder(SchoolSections, CsvRows):
    def __init__(self, pack: Pack, family_list: FamilyList, lang: str, today: date,
                 zoned: set[str] | None, engine: SearchEngine | None):
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
        self.trips: ListTrips | None = \
            list_trips(pack, family_list, today, engine) if self.ids else None

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
        groups.append(heading_group("ranked-heading", [Block("heading", _("Your ranked list"))]))
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
            groups.append(heading_group("apply-heading", [
                Block("heading", _("How to apply")),
                Block("small", _("Each way to apply is explained once; the schools it is for are "
                                 "named under it."))]))
            groups += [self.process_group(route) for route in routes]
        groups.append(heading_group("details-heading", [Block("heading", _("Your schools, one by one"))]))
        for rank, school_id in enumerate(self.ids, start=1):
            groups += self.details(rank, school_id)
        rows = [self.timeline_row(e) for e in self.entries]  # the calendar export's events
        groups.append(self.sources_group())
        if is_rtl(self.lang):
            _isolate_numbers(groups)
        return Document(
            lang=self.lang, rtl=is_rtl(self.lang), title=_("Our school list"), groups=groups,
            schools=entries, timeline=rows, warnings=messages, csv_headers=self.csv_headers(),
            qr_text=phone.list_code.text, region=region,
            map=map_sketch(self.pack, self.list.home, [self.plan.profiles[i] for i in self.ids], self.lang),
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
        draft = draft_note(self.lang)
        if draft:  # said once, on the first page, in the family's language
            blocks.append(Block("info", draft))
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
        groups = [heading_group("plan-heading", [
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


def _isolate_numbers(groups: list[Group]) -> None:
    """On a right-to-left page, numbers, times, dates and phone numbers read left to right
    (the printout and the web page; the calendar and the spreadsheet keep the text as it is)."""
    for group in groups:
        for block in group.blocks:
            block.text, block.label = isolate_numbers(block.text), isolate_numbers(block.label)

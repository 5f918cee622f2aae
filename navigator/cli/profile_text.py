"""One school's profile as plain text for a terminal (``navigator show``, also with
``--household``): the same words as the app's profile screen, in the language asked for (the
app's catalogue for the labels, the code labels of ``navigator.vocabulary`` for programmes and
services, the pack's own translations for its texts, and the family's date formats)."""

from __future__ import annotations

import textwrap
from datetime import date

from navigator import facts, indicators
from navigator.catalogue.codes import kind_label
from navigator.catalogue.pack import Pack
from navigator.deadlines import countdown, days_between
from navigator.i18n import _, format_deadline, format_number, ngettext, pgettext
from navigator.pack_texts import source_line
from navigator.profile import ApplicationProcess, SchoolProfile
from navigator.walking import walk_minutes


def _line(label: str, value: str) -> str:
    # TRANSLATORS: a label and its value on one line, e.g. "Phone: (555) 555-0141".
    return pgettext("label and value", "{label}: {value}").format(label=label, value=value)


class _Printer:
    """Collects the lines of one profile; every heading and label in the asked-for language."""

    def __init__(self, pack: Pack, profile: SchoolProfile, lang: str, today: date) -> None:
        self.pack, self.profile, self.lang, self.today = pack, profile, lang, today
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        self.lines += ["", text, "-" * _width(text)]

    def sources(self, ids) -> None:
        for source_id in sorted({i for i in ids if i}):
            source = self.profile.sources.get(source_id)
            if source is not None:
                self.lines.append("  " + source_line(self.pack, source, self.lang))

    def paragraphs(self, label: str, text: str) -> None:
        """A label and a pack text that may run to steps and pages, wrapped for a terminal."""
        paragraphs = [p for p in text.splitlines() if p.strip()]
        if len(paragraphs) == 1 and len(label) + len(text) < 96:
            self.lines.append("  " + _line(label, text))
            return
        self.lines.append("  " + _line(label, "").rstrip())
        self.lines += [textwrap.fill(p, 100, initial_indent="    ", subsequent_indent="    ")
                       for p in paragraphs]

    def process(self, process: ApplicationProcess) -> None:
        self.lines += ["", facts.shown(process.name)]
        for deadline in process.deadlines:
            try:
                when = date.fromisoformat(deadline.date)
            except ValueError:
                continue
            label = facts.shown(deadline.label) if deadline.label else kind_label(deadline.kind,
                                                                                 self.lang)
            left = countdown(days_between(self.today, when), deadline.kind, self.lang)
            self.lines.append(f"  • {label}: {format_deadline(when, deadline.time, self.lang)} ({left})")
        for label, text in ((_("How to apply"), process.how_to_apply),
                            (_("Where to apply"), process.where_to_apply),
                            (_("Documents to bring"), process.documents),
                            (_("If you miss the date"), process.late_options)):
            if text is not None:
                self.paragraphs(label, facts.shown(text))
        for label, value in ((_("Phone"), process.phone), (_("Website"), process.url)):
            if value:
                self.lines.append("  " + _line(label, value))
        if process.max_choices:
            self.lines.append("  " + ngettext("You can list up to {n} school.",
                                              "You can list up to {n} schools.",
                                              process.max_choices).format(
                n=format_number(process.max_choices)))
        if process.applicants_per_seat is not None:
            self.lines.append("  " + _line(_("Last year"), _("{n} applicants for each seat").format(
                n=format_number(process.applicants_per_seat, decimals=1))))
        self.sources([process.source_id, process.demand_source_id,
                      *(d.source_id for d in process.deadlines)])


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Hangul and other wide characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def format_profile(pack: Pack, p: SchoolProfile, lang: str, today: date) -> str:
    """The profile as plain text for the terminal, in the current language (set from ``lang``)."""
    out = _Printer(pack, p, lang, today)
    out.lines += [p.name, "=" * _width(p.name)]
    status = facts.status_text(p.status, p.open_date, p.closed_date)
    if status is not None:  # a closed school, or one not open yet, says so before anything else
        out.lines.append(status)
    out.lines.append(_line(_("Grades"), facts.span_short(p.grade_low, p.grade_high)))
    out.lines.append(_line(_("School type"), facts.sector_text(p.sector, p.charter_kind)))
    if p.is_virtual:
        out.lines.append(_line(_("Where classes happen"),
                               _("Online school: classes happen at home, on a computer.")))
    address = ", ".join(part for part in (p.address, p.city,
                                          " ".join(x for x in (p.state, p.zip) if x)) if part)
    out.lines.append(_line(_("Address"), address or _("Unknown")))
    out.lines.append(_line(_("Phone"), p.phone or _("Unknown")))
    out.lines.append(_line(_("Website"), p.website or _("Unknown")))
    out.sources([p.source_id])

    out.heading(_("How to apply"))
    out.lines.append(facts.site_kind_text(p.site_kind, p.placed_by)
                     or facts.applying_text(p.sector, p.charter_kind))
    if not p.processes:
        out.lines.append(_("How to apply: Unknown. Ask the school."))
    for process in p.processes:
        out.process(process)

    for category, title in facts.CATEGORY_TITLES.items():
        out.heading(_(title))
        out.lines.append(facts.reported_text(p.reported.get(category, "unknown")))
        rows = p.facts.get(category, [])
        for fact in rows:
            words = facts.code_text(pack, category, fact.code, fact.detail)
            out.lines.append(f"  {facts.yes_no(fact.value)}: {words}")
            if fact.note is not None:
                out.lines.append(f"      {facts.shown(fact.note)}")
        out.sources(f.source_id for f in rows)

    out.heading(_("Getting there"))
    for name, words in facts.stop_rows(p.transit):  # a row with no name: a note
        out.lines.append(f"  {name}: {words}" if name else f"  {words}")
    if not p.transit:
        out.lines.append(_("No bus stop or train station within a {walk}.").format(
            walk=facts.walk_short(walk_minutes(pack.region.walk_radius_m / 1000))))

    out.heading(_("School results"))
    for item in p.indicators:
        out.lines.append(f"  {indicators.headline(item, lang)}: {indicators.together(item, lang)}; "
                         f"{indicators.students_text(item['students'], lang)}")
    if not p.indicators:
        out.lines.append(indicators.not_reported(lang))
        out.lines.append(indicators.missing_reason(p.indicators_missing_reason, lang))
    out.sources(i["source"] for i in p.indicators)
    return "\n".join(out.lines)

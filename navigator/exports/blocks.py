"""The take-home list's sections about each way to apply and each school, in one language: the
blocks :class:`navigator.exports.document` puts after the plan and the ranked list.

* Each application process **once**, in its own section (how to apply, step by step, where,
  documents, every date, what can still be done after the deadline, last year's demand), naming
  the listed schools it is for.
* Each school one by one: its facts, where its process is ("See “Valle Verde Choices”", the
  PDF adds the page), the programs and services the family asked about (yes / no / unknown), the
  bus and train nearby, its trip when the family asked for trip times, and the school results the
  family looked at (status and change together, never one grade).

A mixin of the document builder: it reads the builder's ``pack``, ``list``, ``lang``, ``t``,
``plan``, ``entries``, ``names``, ``unknown``, ``trips`` and its small helpers (``ref``,
``sourced``, ``cited``, ``block``, ``see``, ...).
"""

from __future__ import annotations

from navigator import indicators
from navigator.catalogue.records import Text
from navigator.deadlines import Route
from navigator.exports.model import NOTE_LIMIT, Block, Group, split_steps
from navigator.i18n import format_distance, format_number, format_walk_minutes
from navigator.profile import ApplicationProcess, SchoolProfile
from navigator.vocabulary import code_label


class SchoolSections:
    """The sections about each process and each school (see the module's docstring)."""

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
        for stop in p.transit[:3]:  # those with lines first (navigator.profile)
            walk = format_walk_minutes(stop.walk_min, self.lang)
            blocks.append(Block("item", _("{stop}: {mode} {lines}, {walk}").format(
                stop=stop.stop, mode=modes.get(stop.mode, _("transit")), lines=", ".join(stop.lines),
                walk=walk) if stop.lines else
                # TRANSLATORS: a stop near the school that the data has no timetable for.
                _("{stop}: no timetable in this pack, {walk}").format(stop=stop.stop, walk=walk)))
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


def _status(p: SchoolProfile, category: str, wanted: str) -> tuple[str, str | None]:
    """yes / no / unknown for one asked-for code at a school, with the source that says so."""
    code, _sep, detail = wanted.partition(":")
    for fact in p.facts.get(category, []):
        if fact.code == code and (not detail or fact.detail == detail):
            return fact.value, fact.source_id
    if p.reported.get(category) == "complete":
        return "no", next((f.source_id for f in p.facts[category]), None)
    return "unknown", None

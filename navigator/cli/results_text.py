"""A list of schools as plain text for a terminal (``navigator search``, also each child's list
with ``--household``): what the app's results list says, in the same words and the language
asked for: the family's home in words, each school's distance in the region's unit, its grades
and type, and each criterion as matched, not met or unknown."""

from __future__ import annotations

from datetime import date

from navigator import facts, indicators
from navigator.catalogue.line_names import line_title
from navigator.catalogue.pack import Pack
from navigator.i18n import _, format_list_of, format_number, format_school_count, ngettext, translator
from navigator.pack_texts import home_place
from navigator.search.query import Query, approximate_place, indicator_of
from navigator.search.results import SearchResult


def format_list(pack: Pack, query: Query, result: SearchResult) -> str:
    """The results as the app's list shows them, in the current language."""
    home = query.home
    lines = []
    if home is not None:
        place = home_place(pack, home, translator.language)
        lines.append((_("Home: {place}") if home.exact else
                      _("Home, the nearest match: {place}")).format(place=place))
    shown = len(result.results)
    if shown < result.count:
        lines.append(ngettext("Showing {shown} of {n} school", "Showing {shown} of {n} schools",
                              result.count).format(shown=format_number(shown),
                                                   n=format_number(result.count)))
    else:
        lines.append(format_school_count(result.count))
    if query.wants_trips() and home is not None:
        lines += _trips_note(query, result)
    if result.zoned:  # said even when --limit leaves the zoned school out of the list
        names = [row[0] for row in pack.conn.execute(
            f"SELECT name FROM schools WHERE id IN ({','.join('?' * len(result.zoned))}) "
            "ORDER BY coalesce(grade_low, 99), name", list(result.zoned))]
        approximate = approximate_place(home) is not None
        place = home_place(pack, home, translator.language) if approximate else None
        lines += ["", f"{facts.zoned_heading(len(names))}: {format_list_of(names)}. "
                      f"{facts.zoned_explanation(len(names), place)}"]
    unit = "km" if pack.region.distance_unit == "km" else "mi"
    kinds = dict(pack.conn.execute("SELECT id, charter_kind FROM schools "
                                   "WHERE charter_kind IS NOT NULL"))
    ctx = facts.CriteriaContext(pack=pack, grade=query.grade, within_km=query.within_km,
                                walk_min=query.walk_min, open_on=query.open_on, unit=unit,
                                lines=_line_names(pack, query.line),
                                transit_minutes=query.transit_minutes)
    code = indicator_of(query.order)
    group = "open"
    for rank, school in enumerate(result.results, start=1):
        if school.group != group:  # online schools, then referral ones, under their own heading
            group = school.group
            heading = facts.group_heading(group)
            if heading:
                lines += ["", f"== {heading} =="]
        name = school.name + (f" — {_('Zoned school')}" if school.zoned else "")
        about = [facts.grades_text(school.grade_low, school.grade_high),
                 facts.sector_text(school.sector, kinds.get(school.id))]
        if school.pending:
            about.append(facts.opens_text(school.opens))
        if query.home is not None or school.virtual:  # no home: no distance to speak of
            about.append(facts.distance_text(school, unit, query.home is not None))
        about.append(_("id {id}").format(id=school.id))
        about = " · ".join(about)
        lines += ["", f"{rank:>3}  {name}", f"     {about}"]
        place = facts.site_kind_text(school.site_kind, school.placed_by)
        if place:
            lines.append(f"     {place}")
        verdicts = facts.criteria_lines(school, ctx)
        if verdicts:
            lines.append("     " + "  ".join(f"{facts.MARKS[v]} {words}" for v, words in verdicts))
        if code is not None:
            item = school.indicator or {"indicator": code, "group": query.indicator_group}
            lines.append(f"     {indicator_line(item)}")
        if school.trip is not None:
            lines.append(f"     {trip_line(school.trip)}")
    return "\n".join(lines)


def indicator_line(item: dict) -> str:
    """Which result, then status and change together, as published; withheld said in words."""
    text = _("{result}: {values}").format(result=indicators.headline(item),
                                          values=indicators.together(item))
    if item.get("students") is not None:
        text += "; " + indicators.students_text(item["students"])
    return text


def _trips_note(query: Query, result: SearchResult) -> list[str]:
    """What the trips are for, the timetables' days they read, and a stop beyond the walk."""
    from navigator.list_trips import trips_note
    from navigator.transit.planner import next_school_day
    from navigator.transit.words import longer_walk_hint

    lang = translator.language
    lines = trips_note(query.arrive_by, query.on_date or next_school_day(date.today()),
                       [r.trip for r in result.results], result.no_stop_near_home, lang)
    hint = longer_walk_hint(result.no_stop_near_home, lang) if result.no_stop_near_home else None
    return lines + ([hint] if hint else [])


def trip_line(trip: dict) -> str:
    """The trip beside a school, in the words the app uses (navigator.transit.words)."""
    from navigator.transit.words import trip_line as words

    return words(trip, translator.language)


def _line_names(pack: Pack, typed: str | None) -> dict[str, str]:
    if not typed:
        return {}
    row = pack.conn.execute("SELECT short_name, long_name, mode, agency FROM lines WHERE id = ? "
                            "OR short_name = ? OR long_name = ?", (typed, typed, typed)).fetchone()
    return {typed: line_title(*row, typed) if row else typed}

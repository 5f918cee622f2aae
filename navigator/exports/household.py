"""A household's take-home list: one PDF, calendar, spreadsheet or web page for every child.

Why it is built this way: each child's section *is* that child's one-child list
(:func:`navigator.exports.document.build_document` of :meth:`Household.child_list`), composed
rather than rewritten, so a child's plan, ranked list, checks, ways to apply and schools read
exactly as a one-child list does.  Their groups are re-keyed per child (``child2:summary:1``) so
page references ("See “Lottery”, page 4") point inside the right child's section.  After the
children come what only a household has:

* **Every date, once**: the children's dates merged by deadline (the same lottery for two
  children is one line naming both), earliest first; the calendar file has one event per
  date, its description naming the children (:func:`merged_timeline`).
* **Across your children**: the household checks (:func:`navigator.household.check.check_household`)
  that no one child's list can say: the same application, a hard morning, both lists needing
  a second choice, sibling priority where the district records it.

A household of one child exports exactly as the one-child list always has.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from babel.lists import format_list

from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.exports.csv_export import BOM, CSV_COLUMNS, csv_cell
from navigator.exports.document import build_document
from navigator.exports.model import Block, Document, Group, TimelineRow, checks_group
from navigator.facts import grade_name
from navigator.household.check import check_household
from navigator.household.model import Household, child_label
from navigator.i18n import babel_locale, translations_for
from navigator.search.engine import SearchEngine
from navigator.transit.between import between_schools


def child_documents(pack: Pack, household: Household, lang: str, today: date,
                    engine: SearchEngine) -> list[tuple[str, Document]]:
    """Each child's own one-child document, with the child's name, in household order."""
    return [(child_label(child, lang), build_document(pack, household.child_list(child), lang,
                                                      today, engine=engine))
            for child in household.children]


def merged_timeline(children: list[tuple[str, Document]], lang: str) -> list[TimelineRow]:
    """Every date of every child's list once, earliest first, naming the children it is for."""
    rows: dict[str, TimelineRow] = {}
    who: dict[str, list[str]] = {}
    for name, doc in children:
        for row in doc.timeline:
            found = rows.get(row.deadline_id)
            if found is None:
                rows[row.deadline_id] = replace(row, schools=list(row.schools))
                who[row.deadline_id] = [name]
                continue
            found.schools += [s for s in row.schools if s not in found.schools]
            if name not in who[row.deadline_id]:
                who[row.deadline_id].append(name)
    locale = babel_locale(lang)
    merged = [replace(row, children=format_list(who[key], locale=locale))
              for key, row in rows.items()]
    merged.sort(key=lambda r: (r.date, r.when, r.deadline_id))
    return merged


def _child_groups(number: int, heading: str, grade: str, doc: Document) -> list[Group]:
    """A child's document without its cover, re-keyed, under a heading with the child's name."""
    prefix = f"child{number}:"
    groups = []
    for group in doc.groups[1:]:  # the household's cover says the home and every child
        blocks = [replace(b, ref=prefix + b.ref) if b.ref else b for b in group.blocks]
        groups.append(replace(group, key=prefix + group.key, blocks=blocks,
                              anchor=prefix + group.anchor if group.anchor else "",
                              sketch=doc.map if group.figure == "figures" else group.sketch,
                              code=doc.qr_text if group.figure == "figures" else group.code))
    first = groups[0]
    groups[0] = replace(first, blocks=[Block("title", heading), Block("lead", grade)]
                        + first.blocks)
    return groups


def household_document(pack: Pack, household: Household, lang: str, today: date,
                       engine: SearchEngine | None = None) -> Document:
    """The household's outline in ``lang``: a cover, a section per child, every date once, the
    checks across the children.  Renders with the one-child PDF, web page and calendar.
    ``engine``: the caller's search engine over ``pack`` (else one is made), for every trip."""
    t = translations_for(lang)
    _ = t.gettext
    engine = engine or SearchEngine(pack)
    children = child_documents(pack, household, lang, today, engine)
    first = children[0][1]
    unknown = first.unknown
    # The first child's cover, less its grade (each child's is said below, with their name).
    cover = [b for b in first.groups[0].blocks if b.label != _("Grade next school year")]
    cover[0] = Block("title", _("Our household's school list"))
    for child, (name, doc) in zip(household.children, children, strict=True):
        grade = grade_name(child.grade, lang) if child.grade is not None else unknown
        cover.append(Block("field", t.ngettext("{grade} · {n} school on the list",
                                               "{grade} · {n} schools on the list",
                                               len(doc.schools)).format(
            grade=grade, n=len(doc.schools)), name))
    groups = [Group("cover", cover)]
    for child, (name, doc) in zip(household.children, children, strict=True):
        grade = grade_name(child.grade, lang) if child.grade is not None else unknown
        groups += _child_groups(child.number, name, _("Grade next school year: {grade}").format(
            grade=grade), doc)
    timeline = merged_timeline(children, lang)
    dates = [Block("heading", _("Every date, once")),
             Block("small", _("The dates of every child's list, earliest first; a date shared "
                              "by two children is written once, with both names."))]
    for row in timeline:
        dates.append(Block("field", _("{what} · {process}\nFor {children}: {schools}").format(
            what=row.what, process=row.process, children=row.children,
            schools=", ".join(row.schools)), row.when, muted=row.past))
    if not timeline:
        dates.append(Block("text", _("No dates in this data for the schools on these lists.")))
    groups.append(Group("household-dates", dates))
    trips = between_schools(engine, today)
    warnings = [w for w in check_household(pack, household, today, trip_minutes=trips)
                if w.base is None]
    messages = [w.message(lang) for w in warnings]
    groups.append(checks_group("household-checks", _("Across your children"), warnings, messages,
                               _("We found nothing to add across your children's lists.")))
    schools = [entry for _name, doc in children for entry in doc.schools]
    return replace(first, title=_("Our household's school list"), groups=groups, schools=schools,
                   timeline=timeline,
                   warnings=[m for _n, d in children for m in d.warnings] + messages,
                   steps=[s for _n, d in children for s in d.steps])


def render_household_csv(pack: Pack, household: Household, lang: str, today: date,
                         engine: SearchEngine) -> bytes:
    """One row per school per child, a ``child`` column first (UTF-8 with BOM, as one child's)."""
    _ = translations_for(lang).gettext
    children = child_documents(pack, household, lang, today, engine)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = children[0][1].csv_headers
    writer.writerow([_("Child")] + [headers[c] for c in CSV_COLUMNS])
    for name, doc in children:
        for school in doc.schools:
            writer.writerow([csv_cell(name)] + [csv_cell(school.row[c]) for c in CSV_COLUMNS])
    return (BOM + buffer.getvalue()).encode("utf-8")


def render_household(pack: Pack, household: Household, fmt: str, lang: str, today: date,
                     second_lang: str | None = None, engine: SearchEngine | None = None) -> bytes:
    """The household's export in memory; one child exports as the one-child list does.
    ``engine``: the caller's search engine over ``pack`` (the app's worker keeps one); else one
    is made for the whole export, not one per child."""
    from navigator.exports import FORMATS, render

    if fmt not in FORMATS:
        raise UserError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    if len(household.children) == 1:
        return render(pack, household.child_list(household.children[0]), fmt, lang, today,
                      second_lang, engine=engine)
    engine = engine or SearchEngine(pack)
    if fmt == "csv":
        return render_household_csv(pack, household, lang, today, engine)
    doc = household_document(pack, household, lang, today, engine)
    second = household_document(pack, household, second_lang, today, engine) \
        if second_lang and second_lang != lang else None
    if fmt == "pdf":
        from navigator.exports.pdf import render_pdf

        return render_pdf(doc, second)
    if fmt == "ics":
        from navigator.exports.ics import render_ics

        return render_ics(doc, second)
    from navigator.exports.html import render_html

    return render_html(doc, second).encode("utf-8")


def export_household(pack: Pack, household: Household, fmt: str, lang: str, today: date,
                     out: Path, second_lang: str | None = None) -> None:
    """Render and write the household's export; nothing is written when anything fails."""
    from navigator.exports import write_export

    write_export(out, render_household(pack, household, fmt, lang, today, second_lang))

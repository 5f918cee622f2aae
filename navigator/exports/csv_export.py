"""The list as a spreadsheet: one row per ranked school, header in the family's language.

The columns and each school's row are made while the document is built (:class:`CsvRows`, a
mixin of the document builder), so a row says what the printed list says, in its words;
:func:`render_csv` writes them.

UTF-8 with a byte-order mark, because spreadsheet programs open a BOM-less CSV
in the machine's legacy code page and turn Korean and Spanish into garbage.
Every cell is plain text (a leading ``=``, ``+``, ``-`` or ``@`` is quoted with
an apostrophe) so no pack text can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io

from navigator.exports.model import Document, SchoolEntry, text_of
from navigator.i18n import format_date

CSV_COLUMNS = ("rank", "school", "id", "address", "phone", "website", "grades", "type", "apply",
               "where", "next_date", "dates", "documents", "programs", "transit", "trip", "trip_minutes",
               "trip_depart", "trip_arrive", "trip_estimated", "trip_transfers", "timetable_date", "note",
               "sources")
# The trip columns are empty when the family asked for no trip time; "trip" says why a school has
# none ("no trip ... within 30 min", "trip time unknown: ..."), the others are then empty.
BOM = "\ufeff"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def render_csv(doc: Document) -> bytes:
    """The CSV file's bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 says)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([doc.csv_headers[c] for c in CSV_COLUMNS])
    for school in doc.schools:
        writer.writerow([csv_cell(school.row[c]) for c in CSV_COLUMNS])
    return (BOM + buffer.getvalue()).encode("utf-8")


class CsvRows:
    """The spreadsheet's header and rows, as the document builder makes them (it reads the
    builder's ``t``, ``lang``, ``plan``, ``entries``, ``trips``, ``sources``, ``list`` and
    ``unknown``, and its ``school_step``, ``step_date``, ``feature_name``, ``grades``, ``label``
    and ``source_line``)."""

    def trip_columns(self, school_id: str) -> dict[str, str]:
        empty = {c: "" for c in ("trip", "trip_minutes", "trip_depart", "trip_arrive", "trip_estimated",
                                 "trip_transfers", "timetable_date")}
        if self.trips is None:
            return empty
        listed = self.trips.schools.get(school_id)
        empty["trip"] = self.trips.summary(school_id, self.lang)
        trip = listed.trip if listed else None
        if trip is None:
            return empty
        _ = self.t.gettext
        return {**empty, "trip_minutes": str(trip["minutes"]), "trip_depart": trip["depart"],
                "trip_arrive": trip["arrive"], "trip_transfers": str(trip["transfers"]),
                "trip_estimated": _("yes") if trip.get("estimated") else _("no"),
                "timetable_date": ", ".join(trip.get("timetable_dates") or [trip["timetable_date"]])}

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
                # TRANSLATORS: a spreadsheet column: "yes" when a trip's times are estimates (the
                # timetable does not give them at every stop).
                "trip_estimated": _("Times estimated"),
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
        # TRANSLATORS: in place of a stop's lines, when the data has no timetable for it.
        untimed = _("no timetable in this pack")
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
            "transit": "; ".join(f"{s.stop} ({', '.join(s.lines) or untimed})"
                                 for s in p.transit[:3]) or self.unknown,
            **self.trip_columns(school_id),
            "note": self.list.schools[rank - 1].note,
            "sources": "; ".join(self.source_line(self.sources[s]) for s in sources
                                 if s in self.sources),
        }
        return SchoolEntry(rank, school_id, p.name, row)

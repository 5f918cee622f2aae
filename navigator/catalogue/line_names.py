"""What a line is called where a family reads it: its number or name, and who runs it.

Route numbers repeat across operators (Los Angeles County has a Metro 2 and a Compton 2; Arcadia
and La Puente each run a Green Line), so a line is named with its operator ("Metro 2", "Arcadia
Transit Green Line") unless its own name already says who runs it ("Metro A Line (Blue)", "La
Campana Bus", the demo's "Verde Line" of Valle Verde Transit).  The operator is ``agency.txt``'s
``agency_name``, shortened at a dash or a bracket ("Metro - Los Angeles" is "Metro").  One place
for this, so the map, a stop's lines, the search list and a trip's steps agree.
"""

from __future__ import annotations

import re
import sqlite3

# Words that say what kind of service something is, not whose: sharing one does not name the operator.
_GENERIC = frozenset("""
    transit transportation transport bus buses trolley shuttle express line lines link route routes
    system division area rapid service services authority district city county the of and de del
    la las los el metro local commuter north south east west
""".split())
_WORD = re.compile(r"[^\W_]+")


def operator_name(agency: str | None) -> str | None:
    """The operator as a family says it: the agency's name before a dash or a bracket."""
    if not agency:
        return None
    short = re.split(r"\s[-\u2013\u2014]\s|\s\(", agency.strip(), maxsplit=1)[0].strip()
    return short or agency.strip()


def vehicle_name(short: str | None, long: str | None, mode: str) -> str | None:
    """What the vehicle shows: a bus its number ("10"), a train its line's name ("Verde Line")."""
    return (short or long) if mode == "bus" else (long or short)


def names_operator(name: str, operator: str) -> bool:
    """Does the line's own name already say who runs it (the operator's name in it, or a word
    of it that is not a generic one like "Transit" or "Line")?"""
    if operator.casefold() in name.casefold():
        return True
    own = {w.casefold() for w in _WORD.findall(operator)} - _GENERIC
    return bool(own & {w.casefold() for w in _WORD.findall(name)})


def line_title(short: str | None, long: str | None, mode: str, agency: str | None,
               fallback: str = "") -> str:
    """``Metro 2``, ``Arcadia Transit Green Line``, ``Metro A Line (Blue)``: a line in a list."""
    name = vehicle_name(short, long, mode) or fallback
    operator = operator_name(agency)
    if not operator or not name or names_operator(name, operator):
        return name
    return f"{operator} {name}"


def line_titles(conn: sqlite3.Connection) -> dict[str, str]:
    """Every line's title, by line id."""
    return {line_id: line_title(short, long, mode, agency, line_id) for line_id, short, long, mode, agency
            in conn.execute("SELECT id, short_name, long_name, mode, agency FROM lines")}


def _natural(text: str) -> tuple:
    """"Metro 2" before "Metro 10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", text))


def stop_lines(conn: sqlite3.Connection, stop_ids: list[str] | None = None
               ) -> dict[str, list[tuple[str, str | None]]]:
    """Stop id -> its lines as (title, colour), each title once (a line whose two directions are
    two routes of the feed, or two platforms' routes, is listed once), in natural order; every
    stop's, or those of ``stop_ids``."""
    titles = line_titles(conn)
    found: dict[str, dict[str, str | None]] = {}
    sql = "SELECT sl.stop_id, sl.line_id, l.color FROM stop_lines sl JOIN lines l ON l.id = sl.line_id"
    if stop_ids is not None:
        sql += f" WHERE sl.stop_id IN ({','.join('?' * len(stop_ids))})"
    for stop_id, line_id, color in conn.execute(sql, stop_ids or []):
        title = titles.get(line_id) or line_id
        lines = found.setdefault(stop_id, {})
        if title not in lines or (lines[title] is None and color):
            lines[title] = color
    return {stop_id: sorted(lines.items(), key=lambda item: _natural(item[0]))
            for stop_id, lines in found.items()}

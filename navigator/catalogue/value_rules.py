"""One value judged by the pack's own rules before the builder writes it.

Why: ``rules.py`` says which values the readers leave out or show as unknown, and ``catalogue
validate`` lists them.  A builder that checked values its own way wrote packs validate then
flagged (applicants per seat of ``inf`` or ``1e308``, a ``javascript:`` address from a
spreadsheet formula).  Here a value is put alone in a one-row scratch table shaped as the pack's
(its declared types and none of its constraints, so SQLite stores the value as a pack would) and
every rule on that column is run against it: the very SQL validate runs, so the builder and
validate cannot disagree.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

from navigator.catalogue.rules import Rule, expected, rules


@cache
def _scratch() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    for name, table in expected().tables.items():
        columns = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
        conn.execute(f'CREATE TABLE "{name}" ({columns})')
    return conn


def _mentions(sql: str, column: str) -> bool:
    return re.search(rf'(?<![\w.])"?{re.escape(column)}"?(?![\w(])', sql) is not None


@cache
def value_rules(table: str, column: str) -> tuple[Rule, ...]:
    """The enforced rules that judge ``table.column`` alone: those that make it unknown, and
    those that leave a row out for this column and no other (a deadline's date)."""
    others = [c for c in expected().columns_of(table) if c != column]
    return tuple(rule for rule in rules() if rule.table == table and rule.enforced and (
        column in rule.columns or (not rule.columns and _mentions(rule.bad, column)
                                   and not any(_mentions(rule.bad, o) for o in others))))


def broken_rule(table: str, column: str, value: object) -> Rule | None:
    """The first rule ``value`` breaks as ``table.column`` of a pack, or None."""
    conn = _scratch()
    conn.execute(f'DELETE FROM "{table}"')
    conn.execute(f'INSERT INTO "{table}" ("{column}") VALUES (?)', (value,))
    for rule in value_rules(table, column):
        if conn.execute(f'SELECT 1 FROM main."{table}" AS "{table}" '
                        f"WHERE coalesce(({rule.bad}), 0)").fetchone():
            return rule
    return None


def rule_sentence(value: str, rule: Rule) -> str:
    """Why a value is refused, in the words validate would use, and what the build did."""
    article = "an" if rule.what[:1] in "aeiou" else "a"
    done = "skipped" if not rule.columns else "left empty (unknown), as the app would show it"
    return (f"\"{value[:60]}\" cannot be used: 'navigator catalogue validate' would call it "
            f"{article} {rule.what}; {done}")

"""Checking a pack: settings, SQLite's own integrity check, and every rule the readers apply.

The builder only ever writes valid packs; this is for packs that travelled (copied to a kiosk,
edited by hand, half-downloaded) before they are trusted.  A pack the readers refuse outright
(not SQLite, a table or column missing, a newer schema) never gets here: ``open_pack`` says why,
and ``catalogue validate`` exits with 2.  Everything listed here is a row or value the readers
leave out, show as unknown, or ignore (:mod:`navigator.catalogue.rules`: the same rules, so
validate and the app never disagree about a pack).
"""

from __future__ import annotations

from navigator.catalogue import rules
from navigator.catalogue.pack import Pack
from navigator.catalogue.schema import META_KEYS


def validate(pack: Pack) -> list[str]:
    """Problems found, one sentence each; an empty list means the pack is sound."""
    conn = pack.conn
    problems = [f"meta has no {key!r}" for key in META_KEYS if key not in pack.meta]
    problems += pack.meta_problems
    integrity = conn.execute("PRAGMA main.integrity_check(1)").fetchone()[0]
    if integrity != "ok":
        problems.append(f"the database is damaged ({integrity})")
    for rule in rules.rules():
        count, first = rules.count_hits(conn, rule)
        if count:
            problems.append(f"{rule.describe(count)}, first: {first}")
    return problems

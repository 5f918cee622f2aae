"""Broken packs and list files, made on purpose: what a USB stick, a spreadsheet edited by hand or
a half-finished copy can bring.  Shared by the reliability tests (test_reliability.py)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from navigator.resources import demo_pack

RLO = "\u202e"  # right-to-left override: "Las Flores" shown as "serolF saL"


def copy_demo(path: Path) -> Path:
    shutil.copyfile(demo_pack(), path)
    return path


def loosen(conn: sqlite3.Connection, table: str) -> None:
    """Rebuild ``table`` with its columns' declared types but none of its constraints, indexes or
    CHECKs, as a hand-made pack would have it: any value can then be written into it."""
    columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
    declared = ", ".join(f'"{c[1]}" {c[2]}' for c in columns)
    names = ", ".join(f'"{c[1]}"' for c in columns)
    conn.execute(f'CREATE TABLE "_loose" ({declared})')
    conn.execute(f'INSERT INTO "_loose" SELECT {names} FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "_loose" RENAME TO "{table}"')


def damage(path: Path, *statements: str, loose: tuple[str, ...] = ()) -> Path:
    """Run SQL against a pack file (foreign keys and constraints off, tables in ``loose`` loosened)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for table in loose:
        loosen(conn, table)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path

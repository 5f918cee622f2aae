"""Broken packs and list files, made on purpose: what a USB stick, a spreadsheet edited by hand or
a half-finished copy can bring.  Shared by the reliability tests (test_reliability.py)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
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


# --- packs to install, and commands measured as a family's laptop would feel them -----------------


def pack_built(path: Path, built_at: str, region_id: str | None = None,
               region_name: str | None = None, padding_mb: int = 0) -> Path:
    """The demo pack as if built at ``built_at`` (of another region, with a map layer of
    ``padding_mb`` MB so that copying it takes a while)."""
    shutil.copyfile(demo_pack(), path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", (built_at,))
        if region_id is not None:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'region_id'", (region_id,))
        if region_name is not None:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'region_name'", (region_name,))
        if padding_mb:
            conn.execute("INSERT INTO layers VALUES ('padding', 'basemap', 'Padding', ?, "
                         "'schools-1')", (json.dumps({"type": "FeatureCollection", "features": [],
                                                      "padding": os.urandom(padding_mb << 19).hex()}),))
    conn.close()
    return path


# Runs one command as its only child and reports what it cost: exit code, seconds, the peak
# resident memory of the command (getrusage of the children: the wrapper waits for no other).
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"code": done.returncode, "seconds": time.monotonic() - start,
                  "peak_mb": peak / 1024, "stderr": done.stderr, "stdout": done.stdout}))
"""


@dataclass
class Measured:
    code: int
    seconds: float
    peak_mb: float
    stderr: str
    stdout: str


def measured(*argv: object, env: dict | None = None, timeout: float = 320) -> Measured:
    """``navigator ARGV`` run in a fresh process, with its time and peak memory."""
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "navigator", *map(str, argv)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NAVIGATOR_DEBUG": "", **(env or {})})
    assert done.returncode == 0, done.stderr
    return Measured(**json.loads(done.stdout))


def one_sentence(err: str) -> str:
    """The one line a refusal prints (no traceback); fails the test otherwise."""
    lines = err.strip().splitlines()
    assert "Traceback" not in err and len(lines) == 1 and lines[0].startswith("navigator: "), err
    return lines[0]

"""The demo region a build later, with one of each kind of change: what "What changed" and
`navigator catalogue diff` are tested on (tests/core/catalogue and tests/gui alike)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from navigator.catalogue.build.builder import build_pack
from navigator.resources import demo_sources

HILLCREST, PENA, SYCAMORE = "99999996099052", "99999996099078", "99999996099029"
NEWER_BUILT_AT = "2031-01-06T09:00:00Z"  # after any build of the demo pack


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def edit_tsv_school(path: Path, school_id: str, **values: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0] == school_id:
            for key, value in values.items():
                cells[header.index(key)] = value
            lines[i] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def newer_demo(folder: Path) -> Path:
    """The demo sources with one of each kind of change, built into a pack."""
    shutil.copytree(demo_sources().parent, folder)
    # A deadline moves, one is added; the magnet application closes earlier.
    def deadlines(rows):
        for row in rows:
            if row[0] == "vvusd-magnet-closes":
                row[3] = "2026-11-20"
        return rows + [["lottery-pu-info", "lottery-pu", "other", "2027-01-09", "10:00",
                        "Open house", "Jornada de puertas abiertas", "학교 공개 행사"]]
    edit_csv(folder / "deadlines.csv", deadlines)
    # Escuela Peña gains STEM; Hillcrest's gifted program goes (its list is complete: a no).
    edit_csv(folder / "features.csv", lambda rows: [
        r for r in rows if not (r[0] == HILLCREST and r[2] == "gifted")]
        + [[PENA, "program", "stem", "yes", "", "", "", ""]])
    # The Puente lottery's first two priorities swap.
    def processes(rows):
        column = rows[0].index("priorities")
        for row in rows:
            if row[0] == "lottery-pu":
                codes = row[column].split(";")
                row[column] = ";".join([codes[1], codes[0], *codes[2:]])
        return rows
    edit_csv(folder / "processes.csv", processes)
    # Sycamore is renamed and moves about 300 m north.
    edit_tsv_school(folder / "schools.txt", SYCAMORE, School="Sycamore Oaks K-8 School")
    lines = (folder / "schools.txt").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines:
        cells = line.split("\t")
        if cells[0] == SYCAMORE:
            latitude = float(cells[header.index("Latitude")])
    edit_tsv_school(folder / "schools.txt", SYCAMORE, Latitude=f"{latitude + 0.0027:.6f}",
                    Street="900 Oak Street")
    # The deadlines source has a new as-of date.
    region = folder / "region.toml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace('name = "Application dates for 2027-28"\n'
                                   'publisher = "Valle Verde Unified School District (demo)"\n'
                                   "as_of = 2026-10-01",
                                   'name = "Application dates for 2027-28"\n'
                                   'publisher = "Valle Verde Unified School District (demo)"\n'
                                   "as_of = 2026-11-15"), encoding="utf-8")
    out = folder / "newer.sqlite"
    build_pack(region, out, strict=True, built_at=NEWER_BUILT_AT)
    return out

"""Small GTFS feeds made in a test from the demo town's timetable (data/demo/transit), and packs
built from them with a few schools at its stops."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from cde_format import cde_row, write_cde

from navigator.catalogue.build.builder import build_pack
from navigator.cli import main

DEMO_FEED = Path(__file__).resolve().parent.parent / "data" / "demo" / "transit"


def rows(name: str, folder: Path = DEMO_FEED) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, table: list[dict[str, str]], columns: list[str] | None = None) -> None:
    columns = columns or list(dict.fromkeys(k for row in table for k in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")


def stop_point(stop_id: str) -> tuple[float, float]:
    stop = next(r for r in rows("stops.txt") if r["stop_id"] == stop_id)
    return float(stop["stop_lat"]), float(stop["stop_lon"])


def demo_feed(folder: Path, keep_routes: set[str] | None = None, **tables) -> Path:
    """The demo feed in ``folder``, keeping only the trips of ``keep_routes`` (all when None); each
    keyword replaces a table (``stop_times=[...]`` for stop_times.txt), None removes it."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in DEMO_FEED.iterdir():
        shutil.copy(path, folder / path.name)
    if keep_routes is not None:
        trips = [t for t in rows("trips.txt") if t["route_id"] in keep_routes]
        kept = {t["trip_id"] for t in trips}
        write_rows(folder / "trips.txt", trips)
        write_rows(folder / "stop_times.txt", [r for r in rows("stop_times.txt") if r["trip_id"] in kept])
        (folder / "transfers.txt").unlink()
    for name, table in tables.items():
        path = folder / f"{name}.txt"
        if table is None:
            path.unlink(missing_ok=True)
        else:
            write_rows(path, table)
    return folder


def school_at(cds: str, name: str, stop_id: str) -> str:
    return cde_row(cds, name, *stop_point(stop_id))


def build(folder: Path, feeds: list[Path], schools: list[str], publisher: str | None = None) -> Path:
    """A pack of ``schools`` (CDE rows) and ``feeds``; the region file gives no publisher unless
    asked, so the feed's own agency.txt names it."""
    write_cde(folder / "schools.txt", schools)
    given = f'publisher = "{publisher}"\n' if publisher else ""
    transit = "".join(f'[[transit]]\npath = "{feed}"\n{given}' for feed in feeds)
    (folder / "region.toml").write_text(
        '[region]\nid = "feed-test"\nname = "Feed test"\nlanguages = ["en", "es", "ko"]\n'
        '[[schools]]\nformat = "cde"\npath = "schools.txt"\n' + transit, encoding="utf-8")
    build_pack(folder / "region.toml", folder / "pack.sqlite")
    return folder / "pack.sqlite"


def trip_json(capsys, pack: Path, *argv: str) -> dict:
    code = main(["trip", "--pack", str(pack), *argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def trip_text(capsys, pack: Path, *argv: str) -> list[str]:
    code = main(["trip", "--pack", str(pack), *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out.replace("\u202f", " ").splitlines()


def near(stop_id: str) -> str:
    lat, lon = stop_point(stop_id)
    return f"{lat},{lon}"

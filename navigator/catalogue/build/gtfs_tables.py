"""The tables of a GTFS feed, zipped or in a folder, read as streams of rows.

Real feeds are untidy (short rows, stray spaces, a folder zipped inside the zip, a member that
is cut short), so every way a table can be unreadable ends in one sentence naming the file.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from navigator.catalogue.build.report import BuildReport
from navigator.errors import UserError

REQUIRED_FILES = ("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
REQUIRED_COLUMNS = {
    "stops.txt": ("stop_id", "stop_name", "stop_lat", "stop_lon"),
    "routes.txt": ("route_id", "route_type"),
    "trips.txt": ("route_id", "trip_id"),
    "stop_times.txt": ("trip_id", "stop_id"),
    "shapes.txt": ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"),
}
_GTFS_DATE = re.compile(r"^\d{8}$")


@dataclass
class Table:
    """One CSV table: its columns by name and its rows as (line number, cells)."""

    columns: dict[str, int]
    rows: Iterator[tuple[int, list[str]]]

    def index(self, column: str) -> int | None:
        return self.columns.get(column)


def cell(cells: list[str], index: int | None) -> str:
    """A stripped value, or "" for an absent column or a short row: real feeds are untidy."""
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


@contextmanager
def reading(label: str) -> Iterator[None]:
    """Turn what can go wrong while reading a table into one sentence for the user.

    A damaged zip often opens fine and only fails mid-stream (a CRC mismatch at the
    end of a member, a broken deflate block), so this wraps the whole read.
    """
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise UserError(
            f"The file {label} is corrupt or truncated ({err}); download the feed again."
        ) from None
    except UnicodeDecodeError:
        raise UserError(f"The file {label} is not UTF-8 text; save it as UTF-8.") from None
    except csv.Error as err:
        raise UserError(
            f"The file {label} is not valid CSV ({err}); fix the file or download it again."
        ) from None
    except OSError as err:
        raise UserError(f"The file {label} cannot be read ({err}); check the file.") from None


def open_table(handle: TextIO, label: str, required: Iterable[str]) -> Table:
    """Check the header of an open CSV file and stream its rows."""
    reader = csv.reader(handle)
    with reading(label):
        header = [h.strip() for h in next(reader, [])]
    columns = {name: i for i, name in enumerate(header) if name}
    missing = [c for c in required if c not in columns]
    if missing:
        handle.close()
        shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
        raise UserError(
            f"The file {label} has no column {missing[0]!r} (its header has: {shown or 'nothing'}); "
            "fix its header or download the feed again."
        )
    return Table(columns, _rows(handle, reader, label))


def _rows(handle: TextIO, reader, label: str) -> Iterator[tuple[int, list[str]]]:
    with handle, reading(label):
        for cells in reader:
            if cells and any(cells):
                yield reader.line_num, cells


class FeedFiles:
    """The tables of a GTFS feed, whether zipped or unpacked in a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}  # file name -> zip member or file path
        if not path.exists():
            raise UserError(f"The GTFS feed {path} does not exist; check its path in the region file.")
        if path.is_dir():
            self._members = {p.name: str(p) for p in path.iterdir() if p.is_file()}
        else:
            self._open_zip()

    def _open_zip(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise UserError(
                f"The GTFS feed {self.path} is not a zip file, or is truncated or corrupt; "
                "download the feed again (or give the folder of its .txt files)."
            ) from None
        except OSError as err:
            raise UserError(f"The GTFS feed {self.path} cannot be read ({err}).") from None
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            # Some publishers zip a folder: accept its files, preferring the shallowest copy.
            name = info.filename.rsplit("/", 1)[-1]
            known = self._members.get(name)
            if known is None or known.count("/") > info.filename.count("/"):
                self._members[name] = info.filename

    def __enter__(self) -> FeedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._zip is not None:
            self._zip.close()

    def has(self, name: str) -> bool:
        return name in self._members

    def require(self, names: Iterable[str]) -> None:
        for name in names:
            if not self.has(name):
                raise UserError(
                    f"The GTFS feed {self.path} has no {name}; a feed needs "
                    f"{', '.join(REQUIRED_FILES)}, so download the complete feed."
                )

    def label(self, name: str) -> str:
        return f"{name} in the GTFS feed {self.path}"

    def open_binary(self, name: str):
        """The raw bytes of one table (for readers that parse CSV themselves, e.g. pandas)."""
        with reading(self.label(name)):
            if self._zip is None:
                return open(self._members[name], "rb")
            return self._zip.open(self._members[name])

    def table(self, name: str) -> Table:
        label = self.label(name)
        with reading(label):
            if self._zip is None:
                handle = open(self._members[name], encoding="utf-8-sig", newline="")
            else:
                binary = self._zip.open(self._members[name])
                handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        return open_table(handle, label, REQUIRED_COLUMNS.get(name, ()))


class Tally:
    """Counts rows skipped for one reason, so a feed with thousands says so once."""

    def __init__(self) -> None:
        self.count = 0
        self.first_line: int | None = None
        self.first_value = ""

    def add(self, line: int | None, value: str) -> None:
        if self.count == 0:
            self.first_line, self.first_value = line, value
        self.count += 1

    def report(self, report: BuildReport, file: str, what: str) -> None:
        if self.count:
            report.problem(
                file, self.first_line,
                f"{self.count} row(s) name {what} (first: {self.first_value!r}); skipped",
            )


def coordinates(lat: str, lon: str) -> tuple[float, float] | None:
    """(lat, lon), or None when unusable; 0,0 is a placeholder, not a stop in the ocean."""
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        return None
    if not (math.isfinite(y) and math.isfinite(x)):
        return None
    if not (-90 <= y <= 90 and -180 <= x <= 180) or (y == 0 and x == 0):
        return None
    return y, x


def iso_date(value: str) -> str | None:
    if not _GTFS_DATE.match(value):
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


@dataclass
class RawStop:
    """A row of stops.txt as read, before platforms are folded into stations."""

    id: str
    name: str
    line: int
    kind: int  # GTFS location_type: 0 stop/platform, 1 station, 2-4 entrance, node, boarding area
    parent: str
    coords: tuple[float, float] | None  # (lat, lon)


@dataclass
class FeedTrip:
    route_id: str
    direction: str
    shape_id: str

"""Writing files in the CDE Public Schools directory layout for tests.

The real rows quoted in ../shared/docs/data-sources.md are read from there at
test time (never copied here); the synthetic rows are ours, shaped like them.
"""

from __future__ import annotations

from pathlib import Path

from navigator.catalogue.build.cde import LAYOUT

DEFAULTS = {column: "No Data" for column in LAYOUT} | {
    "StatusType": "Active", "County": "Los Angeles", "District": "Test Unified", "State": "CA",
    "City": "Los Angeles", "Charter": "N", "SOCType": "Elementary Schools (Public)",
    "EdOpsCode": "TRAD", "EdOpsName": "Traditional", "EILCode": "ELEM", "EILName": "Elementary",
    "GSoffered": "K-5", "GSserved": "K-5", "Virtual": "N", "Magnet": "N", "Multilingual": "N",
    "LastUpDate": "06/01/2026", "OpenDate": "07/01/1980",
}


def cde_row(cds: str, name: str, lat: float | str | None, lon: float | str | None, **values) -> str:
    row = DEFAULTS | {"CDSCode": cds, "School": name} | values
    row["Latitude"] = "No Data" if lat is None else str(lat)
    row["Longitude"] = "No Data" if lon is None else str(lon)
    return "\t".join(row[c] for c in LAYOUT)


def write_cde(path: Path, rows: list[str], columns: list[str] | None = None) -> Path:
    path.write_text("\t".join(columns or LAYOUT) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def real_rows(shared_docs: Path) -> list[str]:
    """The three real directory rows quoted in data-sources.md, tab-separated again."""
    text = (shared_docs / "data-sources.md").read_text(encoding="utf-8")
    rows = [line.strip() for line in text.splitlines() if line.strip().startswith("0110017")]
    return ["\t".join(cell.strip() for cell in row.split(" | ")) for row in rows]

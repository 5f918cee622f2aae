"""What a pack holds, for `navigator catalogue info` and the app's About box."""

from __future__ import annotations

from dataclasses import asdict

from navigator.basemap.store import read_basemap
from navigator.catalogue.pack import Pack


def pack_info(pack: Pack) -> dict:
    """The JSON shape `catalogue info --json` prints."""
    return {
        "region": asdict(pack.region) | {"languages": list(pack.region.languages)},
        "schema_version": pack.schema_version,
        "counts": pack.counts(),
        "sources": [asdict(s) for s in pack.sources()],
        "basemap": basemap.as_json() if (basemap := read_basemap(pack.conn)) else None,
    }


def format_info(info: dict) -> str:
    region = info["region"]
    lines = [
        f"{region['name']} ({region['id']})" + ("  [DEMO DATA: fictional schools]"
                                                if region["demo"] else ""),
        f"Schema version {info['schema_version']}, built {region['built_at']}, "
        f"languages: {', '.join(region['languages'])}",
        "",
        "Counts:",
    ]
    lines += [f"  {table:<17} {count:>8,}" for table, count in info["counts"].items()]
    basemap = info.get("basemap")
    if basemap:
        lines += ["", f"Street map: {basemap['tiles']:,} {basemap['format']} tiles, zoom "
                      f"{basemap['zooms'][0]}-{basemap['zooms'][1]}, {_size(basemap['bytes'])}, "
                      f"layers {', '.join(basemap['layers'])}; {basemap['source']}, as of "
                      f"{basemap['as_of'] or 'unknown'}"]
    else:
        lines += ["", "Street map: none (the app's map shows schools, transit and zones only)"]
    lines += ["", "Sources:"]
    for source in info["sources"]:
        lines.append(f"  {source['id']:<12} {source['name']} — {source['publisher']} "
                     f"({source['file']}), as of {source['as_of'] or 'unknown'}")
    return "\n".join(lines)


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.0f} kB"

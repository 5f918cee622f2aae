"""What a pack holds, for `navigator catalogue info` and the app's About box."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import numpy as np

from navigator.basemap.store import read_basemap
from navigator.catalogue.pack import Pack
from navigator.catalogue.sites import REFERRAL, SITE_KINDS

# What each kind means, for the person reading `catalogue info` (English, like the rest of it).
SITE_KIND_WORDS = {
    "open": "families apply or enrol",
    "referral": "places by referral or placement; listed only where a family's needs make it relevant",
    "not_an_option": "juvenile court, ROP, adult education...: never listed for families",
    "preschool": "listed only for families asking for pre-kindergarten",
    "referral:district": "placed by the district or county office",
    "referral:iep": "placed through the child's IEP team",
}


def pack_info(pack: Pack) -> dict:
    """The JSON shape `catalogue info --json` prints."""
    return {
        "region": asdict(pack.region) | {"languages": list(pack.region.languages)},
        "schema_version": pack.schema_version,
        "counts": pack.counts(),
        "site_kinds": site_kind_counts(pack),
        "sources": [asdict(s) for s in pack.sources()],
        "basemap": basemap.as_json() if (basemap := read_basemap(pack.conn)) else None,
        "timetables": timetable_info(pack),
    }


# How a stop time is known, by the code in a timetable's ``estimated`` array (SCHEMA.md).
HOW_KNOWN = ("timetable", "by_distance", "by_stop_count", "approximate", "frequency")


def site_kind_counts(pack: Pack) -> dict[str, int]:
    """How many schools of each kind of site (navigator.catalogue.sites), every kind listed;
    referral schools also counted by who places students (``referral:iep``...)."""
    found = dict(pack.conn.execute("SELECT site_kind, count(*) FROM schools GROUP BY 1"))
    counts = {kind: found.get(kind, 0) for kind in SITE_KINDS}
    for placed_by, n in pack.conn.execute(
            "SELECT placed_by, count(*) FROM schools WHERE site_kind = ? AND placed_by IS NOT NULL "
            "GROUP BY 1 ORDER BY 1", (REFERRAL,)):
        counts[f"{REFERRAL}:{placed_by}"] = n
    return counts


def timetable_info(pack: Pack, today: date | None = None) -> list[dict]:
    """Each GTFS feed's service dates (trips are only as good as the dates the feed covers) and
    how its stop times are known (the timetable's own, or estimates, by kind)."""
    today = today or date.today()
    rows = pack.conn.execute("SELECT source_id, start_date, end_date, week_start, trips, stop_times "
                             "FROM timetable_feeds ORDER BY source_id").fetchall()
    return [{"source_id": source, "start_date": start, "end_date": end, "week_start": week,
             "trips": trips, "stop_times": stop_times, "expired": date.fromisoformat(end) < today,
             "stop_times_known": _how_known(pack, source)}
            for source, start, end, week, trips, stop_times in rows]


def _how_known(pack: Pack, source: str) -> dict[str, int] | None:
    """Stop times per kind (HOW_KNOWN); None for a pack built before the builder kept it."""
    row = pack.conn.execute("SELECT data FROM timetable_arrays WHERE source_id = ? AND name = "
                            "'estimated'", (source,)).fetchone()
    if row is None or not isinstance(row[0], bytes):
        return None
    counts = np.bincount(np.frombuffer(row[0], dtype=np.uint8), minlength=len(HOW_KNOWN))
    return {kind: int(n) for kind, n in zip(HOW_KNOWN, counts, strict=False)}


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
    lines += ["", "Kinds of school site (how a family gets a place):"]
    lines += [f"  {kind:<17} {count:>8,}  {SITE_KIND_WORDS.get(kind, '')}"
              for kind, count in info["site_kinds"].items()]
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
        if source.get("sha256"):
            lines.append(f"  {'':<12} SHA-256 {source['sha256']}"
                         + (f", from {source['url']}" if source.get("url") else ""))
    lines += ["", "Timetables (trip times):"]
    for feed in info["timetables"]:
        expired = "  EXPIRED: other dates use the representative week" if feed["expired"] else ""
        lines.append(f"  {feed['source_id']:<12} service {feed['start_date']} to {feed['end_date']}, "
                     f"representative week from {feed['week_start']}; {feed['trips']:,} trips, "
                     f"{feed['stop_times']:,} stop times{expired}")
        known = feed.get("stop_times_known")
        estimated = sum(n for kind, n in (known or {}).items() if kind != "timetable")
        if estimated:
            kinds = ", ".join(f"{kind.replace('_', ' ')} {n:,}" for kind, n in known.items()
                              if kind != "timetable" and n)
            lines.append(f"  {'':<12} {estimated / max(1, feed['stop_times']):.0%} of stop times are "
                         f"estimates ({kinds}): shown as \"about\"")
    if not info["timetables"]:
        lines.append("  none (trip times are unknown)")
    return "\n".join(lines)


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.0f} kB"

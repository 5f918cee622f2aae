"""From a region TOML to a pack: read every source, check references, write once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from navigator import __version__
from navigator.catalogue.build import cde, table
from navigator.catalogue.build.basemap import build_basemap
from navigator.catalogue.build.boundaries import read_boundaries
from navigator.catalogue.build.fetched import checked_sha256
from navigator.catalogue.build.gtfs import feed_agencies, read_gtfs, read_stops_file
from navigator.catalogue.build.indicators import read_indicators
from navigator.catalogue.build.kinds import ORDER
from navigator.catalogue.build.overlay import (
    Overlay,
    apply_overlay,
    check_late_texts,
    overlay_parts,
)
from navigator.catalogue.build.places import (
    installed_zips,
    installed_zips_source,
    read_addresses,
    read_zips,
)
from navigator.catalogue.build.region import Region, SourceEntry, load_region
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.transit_links import stops_near_schools, stops_near_stops
from navigator.catalogue.build.writer import PackContent, write_pack
from navigator.catalogue.codes import standard_codes
from navigator.catalogue.line_names import line_title, operator_name
from navigator.catalogue.records import CodeRecord, Layer, School, Source, TransitFeed
from navigator.catalogue.schema import SCHEMA_VERSION
from navigator.catalogue.sites import SITE_KINDS
from navigator.errors import UserError
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN

# Stops this close (straight line) count as a walking change; 400 m is about 7 minutes on foot.
TRANSFER_RADIUS_M = 400.0
DEFAULT_NAMES = {"schools": "School directory", "transit": "Transit timetable (GTFS)",
                 "overlay": "District programs and deadlines", "boundaries": "Attendance zones",
                 "zips": "ZIP code centroids", "addresses": "Address points",
                 "indicators": "School results", "basemap": "Street map"}


def build_pack(region_toml: Path, out: Path, *, strict: bool = False,
               built_at: str | None = None, sources_dir: Path | None = None) -> BuildReport:
    """Build the pack; raise UserError on a file-level problem (or any row problem if strict).

    ``sources_dir``: the folder ``catalogue fetch`` downloaded the region's files into."""
    region = load_region(region_toml, sources_dir)
    report = BuildReport()
    content = collect(region, report)
    content.meta["built_at"] = built_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    report.counts = content.counts()
    if strict and report.problems:
        raise UserError(f"The build found {len(report.problems)} problem(s) in the sources and "
                        f"--strict is set; the first: {report.problems[0]}.")
    write_pack(out, content)
    return report


def read_overlays(region: Region, report: BuildReport) -> tuple[PackContent, Overlay]:
    """The schools and the district's facts on top of them (the template starts from these)."""
    content = PackContent(meta={})
    schools = _schools(region, content, report)
    overlay = Overlay(schools, set(standard_codes()))
    for fact in content.features:  # the directories' own facts, before the overlays
        overlay.features[(fact.school_id, fact.category, fact.code, fact.detail)] = fact
    _overlays(region, overlay, content, report)
    return content, overlay


def collect(region: Region, report: BuildReport) -> PackContent:
    content, overlay = read_overlays(region, report)
    content.meta = {
        "schema_version": str(SCHEMA_VERSION), "region_id": region.id,
        "region_name": region.name, "default_language": region.default_language,
        "languages": json.dumps(region.languages), "distance_unit": region.distance_unit,
        "walk_radius_m": f"{region.walk_radius_m:g}", "builder_version": __version__,
        "demo": "1" if region.demo else "0",
    }
    schools = overlay.schools
    _transit(region, schools, content, report)
    _places(region, schools, content, report)
    # The street map's sources are read last (they need the region's extent), but their ids are known.
    basemaps = {f"{entry.section}-{entry.index + 1}" for entry in region.section("basemap")}
    check_late_texts(overlay, {"source": {s.id for s in content.sources} | basemaps,
                               "zip": {z.zip for z in content.zips}}, report)
    content.schools = sorted(schools.values(), key=lambda s: s.id)
    report.site_kinds = {kind: n for kind in SITE_KINDS
                         if (n := sum(1 for s in content.schools if s.site_kind == kind))}
    content.features = sorted(overlay.features.values(),
                              key=lambda f: (f.school_id, f.category, f.code, f.detail))
    content.coverage = sorted(overlay.coverage.values(), key=lambda c: (c.school_id, c.category))
    used = {(f.category, f.code) for f in content.features}
    content.codes = [CodeRecord(c.category, c.code, c.label, c.description or None)
                     for key, c in sorted(standard_codes().items())
                     if c.category != "language" or key in used] + overlay.codes
    content.processes = sorted(overlay.processes.values(), key=lambda p: p.id)
    content.school_processes = sorted(overlay.school_processes.values(),
                                      key=lambda s: (s.school_id, s.process_id))
    content.process_priorities = [p for process_id in sorted(overlay.priorities)
                                  for p in overlay.priorities[process_id]]
    content.deadlines = sorted(overlay.deadlines.values(), key=lambda d: (d.date, d.id))
    content.school_hours = [overlay.hours[school_id] for school_id in sorted(overlay.hours)]
    content.translations = sorted(overlay.translations,
                                  key=lambda t: (t.entity, t.entity_id, t.field, t.lang))
    _basemap(region, content, report)
    return content


def _source(region: Region, entry: SourceEntry, name: str | None = None,
            publisher: str | None = None) -> Source:
    options = entry.options
    publisher = options.get("publisher", publisher)
    if not publisher:
        raise UserError(f"{entry.where()} ({entry.path.name}) needs a publisher = \"...\" so the "
                        "app can say where its facts come from.")
    return Source(id=f"{entry.section}-{entry.index + 1}",
                  name=options.get("name", name or DEFAULT_NAMES[entry.section]),
                  publisher=publisher, file=entry.path.name, as_of=options.get("as_of"),
                  url=options.get("url"), sha256=_sha256(entry, region))


def _sha256(entry: SourceEntry, region: Region) -> str | None:
    """The file's SHA-256 as ``catalogue fetch`` recorded it (checked against the file), or as
    the region file pins it; None for a local file that pins none."""
    if entry.options.get("url") is None and "sha256" not in entry.options:
        return None
    folder = region.sources_dir if region.sources_dir is not None and entry.options.get("url") \
        else region.toml_path.parent
    return checked_sha256(folder, str(entry.options["path"]), entry.path, entry.options.get("sha256"))


def _schools(region: Region, content: PackContent, report: BuildReport) -> dict[str, School]:
    schools: dict[str, School] = {}
    for entry in region.section("schools"):
        if entry.format == "cde":
            source = _source(region, entry, cde.NAME, cde.PUBLISHER)
            found = cde.read_cde(entry.path, source, entry.options, report)
        else:
            source = _source(region, entry)
            found = table.read_table(entry.path, source, entry.options, report)
        content.sources.append(source)
        for school in found.schools:
            if school.id in schools:
                report.problem(entry.path, None, f"school id {school.id} is already in an "
                               "earlier schools file; kept the first")
                continue
            schools[school.id] = school
        content.features += [f for f in found.features if f.school_id in schools]
        content.coverage += found.coverage
    if not schools:
        files = ", ".join(e.path.name for e in region.section("schools"))
        raise UserError(f"The region's schools sources ({files}) hold no school; check the files "
                        "and the region file's filters.")
    return schools


def _overlays(region: Region, overlay: Overlay, content: PackContent,
              report: BuildReport) -> None:
    parts = [(part, entry) for entry in region.section("overlay")
             for part in overlay_parts(entry, report)]
    sources: dict[int, Source] = {}
    for part, entry in sorted(parts, key=lambda pair: (ORDER.index(pair[0].kind), pair[1].index)):
        if entry.index not in sources:  # a workbook's sheets share their entry's source
            sources[entry.index] = _source(region, entry)
            content.sources.append(sources[entry.index])
        apply_overlay(overlay, part, sources[entry.index], report)


def _transit(region: Region, schools: dict[str, School], content: PackContent,
             report: BuildReport) -> None:
    entries = region.section("transit")
    feeds: list[TransitFeed] = []
    for entry in entries:
        if entry.format == "stops":
            source = _source(region, entry, publisher="Transit agency")
            feed = read_stops_file(entry.path, entry.options.get("mode", "bus"), source, report)
        else:
            agencies = ", ".join(feed_agencies(entry.path))  # who publishes it, by the feed's word
            source = _source(region, entry, f"{agencies} timetable (GTFS)" if agencies else None,
                             agencies or "Transit agency")
            feed = read_gtfs(entry.path, source, report)
        content.sources.append(source)
        feeds.append(feed)
    prefix = len(feeds) > 1  # ids from two feeds may clash
    lines_layer = []
    for feed in feeds:
        tag = f"{feed.source.id}:" if prefix else ""
        for stop in feed.stops:
            stop.id = tag + stop.id
        for line in feed.lines:
            line.id = tag + line.id
        if feed.timetable is not None:
            timetable = feed.timetable
            timetable.stop_ids = [tag + s for s in timetable.stop_ids]
            timetable.pattern_lines = [tag + line for line in timetable.pattern_lines]
            timetable.transfers = [(tag + a, tag + b, s) for a, b, s in timetable.transfers]
            content.timetables.append(timetable)
        content.stops += feed.stops
        content.lines += feed.lines
        content.stop_lines += sorted((tag + s, tag + line) for s, line in feed.stop_lines)
        for line in feed.lines:
            for polyline in feed.shapes.get(line.id[len(tag):], []):
                lines_layer.append({
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": [list(p) for p in polyline]},
                    "properties": {"line": line.id, "mode": line.mode, "color": line.color,
                                   "name": line_title(line.short_name, line.long_name, line.mode,
                                                      line.agency, line.id),
                                   "operator": operator_name(line.agency)},
                })
    content.stops.sort(key=lambda s: s.id)
    content.lines.sort(key=lambda line: line.id)
    if lines_layer:
        content.layers.append(Layer("transit_lines", "transit", "Transit lines", json.dumps(
            {"type": "FeatureCollection", "features": lines_layer}, separators=(",", ":")),
            feeds[0].source.id))
    placed = [s for s in schools.values() if s.latitude is not None]
    content.school_stops = stops_near_schools(placed, content.stops, region.walk_radius_m)
    content.transfers = _transfers(content)


def _transfers(content: PackContent) -> list[tuple[str, str, int | None, str]]:
    """Walking changes between nearby timetabled stops (of any feed), then the feeds' own
    transfers.txt rules on top (a minimum time, or "no transfer here").

    A walk to a stop whose lines all stop where one already is would only catch the same
    vehicles later (or, riding back, the same line the other way), so it is left out: the
    changes that remain are the ones that reach another line.
    """
    timed = {stop_id for t in content.timetables for stop_id in t.stop_ids}
    stops = [s for s in content.stops if s.id in timed]
    lines_at: dict[str, set[str]] = {}
    for stop_id, line_id in content.stop_lines:
        lines_at.setdefault(stop_id, set()).add(line_id)
    found: dict[tuple[str, str], tuple[int | None, str]] = {}
    for a, b, metres in stops_near_stops(stops, TRANSFER_RADIUS_M):
        if lines_at.get(b, set()) <= lines_at.get(a, set()):
            continue
        found[(a, b)] = (round(metres * DETOUR_FACTOR / (WALK_KM_PER_MIN * 1000) * 60), "walk")
    for timetable in content.timetables:
        for a, b, seconds in timetable.transfers:
            walk = found.get((a, b), (0, ""))[0] or 0
            found[(a, b)] = (None if seconds is None else max(seconds, walk), "feed")
    return [(a, b, seconds, kind) for (a, b), (seconds, kind) in sorted(found.items())]


def _places(region: Region, schools: dict[str, School], content: PackContent,
            report: BuildReport) -> None:
    for entry in region.section("boundaries"):
        source = _source(region, entry)
        content.sources.append(source)
        found, zoned = read_boundaries(entry.path, source, entry.options, report, set(schools))
        content.boundaries += found
        content.boundary_schools += zoned
    for entry in region.section("zips"):
        source = _source(region, entry)
        content.sources.append(source)
        content.zips += read_zips(entry.path, source, report)
    if not region.section("zips"):  # the installed list's ZIP codes of the region, read once here
        points = [(s.latitude, s.longitude) for s in schools.values()
                  if s.latitude is not None and s.longitude is not None and not s.is_virtual]
        found = installed_zips(points, "zips-us")
        if found:
            content.sources.append(installed_zips_source("zips-us"))
            content.zips += found
    for entry in region.section("addresses"):
        source = _source(region, entry)
        content.sources.append(source)
        content.addresses += read_addresses(entry.path, source, report)
    for entry in region.section("indicators"):
        if entry.format == "ca-dashboard":
            source = _source(region, entry, "California School Dashboard",
                             "California Department of Education")
        else:
            source = _source(region, entry)
        content.sources.append(source)
        content.indicators += read_indicators(entry.path, source, entry.options, report, set(schools))
    content.indicators.sort(key=lambda i: (i.school_id, i.indicator, i.student_group, i.year))


def _basemap(region: Region, content: PackContent, report: BuildReport) -> None:
    entries = region.section("basemap")
    if not entries:
        return
    sources = [_source(region, entry) for entry in entries]
    built = build_basemap(entries, [s.id for s in sources], region_bbox(content), region.languages,
                          report)
    content.sources += sources
    content.basemap = built.record
    content.basemap_tiles = built.tiles


def region_bbox(content: PackContent) -> tuple[float, float, float, float] | None:
    """West, south, east, north of everything the region places on the map (virtual schools'
    far-off offices left out), or None when it places nothing."""
    points = [(s.longitude, s.latitude) for s in content.schools
              if s.latitude is not None and s.longitude is not None and not s.is_virtual]
    points += [(s.longitude, s.latitude) for s in content.stops]
    points += [(a.longitude, a.latitude) for a in content.addresses]
    points += [(z.longitude, z.latitude) for z in content.zips]
    for b in content.boundaries:
        points += [(b.min_lon, b.min_lat), (b.max_lon, b.max_lat)]
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)

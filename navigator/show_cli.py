"""`navigator show`: one school's full profile, as the app's profile screen shows it."""

from __future__ import annotations

import argparse
import json
import textwrap

from navigator.catalogue.pack import open_pack
from navigator.grades import span_label
from navigator.profile import SchoolProfile, school_profile


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("school_id", help="the school's id (from 'navigator search')")
    parser.add_argument("--lang", default="en", help="language of the pack's texts (default en)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, pack_path) -> int:
    with open_pack(pack_path) as pack:
        profile = school_profile(pack, args.school_id, args.lang)
        from navigator.cli import note_left_out

        note_left_out(pack)
    if args.json:
        data = profile.to_json()
        data["sources"] = {k: {"name": v.name, "publisher": v.publisher, "file": v.file,
                               "as_of": v.as_of} for k, v in profile.sources.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_profile(profile))
    return 0


def _source(profile: SchoolProfile, source_id: str) -> str:
    source = profile.sources.get(source_id)
    if source is None:
        return source_id
    return f"{source.name}, {source.publisher}, as of {source.as_of or 'unknown'}"


def format_profile(profile: SchoolProfile) -> str:
    """A plain-text profile for the terminal (English labels; pack texts in the asked language)."""
    lines = [profile.name, "=" * len(profile.name)]
    address = ", ".join(p for p in (profile.address, profile.city, profile.zip) if p)
    lines += [f"Address:  {address or 'unknown'}", f"Phone:    {profile.phone or 'unknown'}",
              f"Website:  {profile.website or 'unknown'}",
              f"Grades:   {span_label(profile.grade_low, profile.grade_high) or 'unknown'}",
              f"Sector:   {profile.sector or 'unknown'}"
              + (f" ({profile.charter_kind})" if profile.charter_kind else ""),
              f"Virtual:  {'yes' if profile.is_virtual else profile.virtual or 'unknown'}",
              f"Source:   {_source(profile, profile.source_id)}", ""]
    for category, facts in profile.facts.items():
        lines.append(f"{category} ({profile.reported[category]}):")
        for fact in facts:
            detail = f":{fact.detail}" if fact.detail else ""
            note = f" — {fact.note.value}" if fact.note else ""
            lines.append(f"  {fact.value:<3} {fact.code}{detail}{note}  [{_source(profile, fact.source_id)}]")
        if not facts:
            lines.append("  unknown (not reported)")
    lines.append("Nearby stops:")
    lines += [f"  {s.stop} ({s.mode}; {', '.join(s.lines) or 'lines unknown'}): {s.distance_m:.0f} m, "
              f"~{s.walk_min} min walk" for s in profile.transit] or ["  none within walking distance"]
    lines.append("How to apply:")
    for process in profile.processes:
        lines.append(f"  {process.name.value} ({process.kind})  [{_source(profile, process.source_id)}]")
        if process.how_to_apply:
            lines += [textwrap.fill(paragraph, 100, initial_indent="    ", subsequent_indent="    ")
                      for paragraph in process.how_to_apply.value.splitlines() if paragraph.strip()]
        for deadline in process.deadlines:
            label = deadline.label.value if deadline.label else deadline.kind
            lines.append(f"    {deadline.date} {deadline.time or ''} {label}".rstrip())
    lines.append("Results (status and change together):")
    for item in profile.indicators:
        if item["suppressed"]:
            figures = "not reported (withheld by the publisher)"
        else:
            figures = (f"status {item['status']} ({item['status_level'] or 'level unknown'}), "
                       f"change {item['change'] if item['change'] is not None else 'unknown'}"
                       f" ({item['change_level'] or 'level unknown'})")
        lines.append(f"  {item['indicator']} {item['group']} {item['year']}: {figures}; "
                     f"{item['students'] or 'unknown'} students  [{_source(profile, item['source'])}]")
    if not profile.indicators:
        lines.append(f"  none reported ({profile.indicators_missing_reason or 'no reason given'})")
    return "\n".join(lines)

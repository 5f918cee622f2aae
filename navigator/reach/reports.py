"""One door to the four kinds of report: the file's suffix picks the layout of the same model."""

from __future__ import annotations

from navigator.catalogue.pack import Pack
from navigator.reach.count import ReachMap
from navigator.reach.report_model import build_report


def render(reach: ReachMap, pack: Pack, lang: str, suffix: str) -> bytes:
    """The report's bytes for ``suffix`` (.geojson, .csv, .html or .pdf) in ``lang``."""
    report = build_report(reach, pack, lang)
    if suffix == ".geojson":
        from navigator.reach.report_data import geojson

        return geojson(reach, report)
    if suffix == ".csv":
        from navigator.reach.report_data import csv_bytes

        return csv_bytes(reach, report)
    if suffix == ".html":
        from navigator.reach.report_html import render_html

        return render_html(reach, report)
    from navigator.reach.report_pdf import render_pdf

    return render_pdf(reach, report)

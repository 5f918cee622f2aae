"""The reach map as one web page: the squares drawn in SVG (each says its count when tapped or
hovered, and the table by ZIP area says it in numbers), what was asked, the sources.  No script,
no network: the page is whole in itself."""

from __future__ import annotations

from html import escape

from navigator.i18n import format_number
from navigator.reach.count import ReachMap
from navigator.reach.report_model import ReachReport, colours

WIDTH = 760


def map_svg(reach: ReachMap, report: ReachReport, width: int = WIDTH) -> str:
    grid = reach.grid
    if not len(grid):
        return ""
    cols = grid.column - grid.column.min()
    rows = grid.row.max() - grid.row
    span_c, span_r = int(cols.max()) + 1, int(rows.max()) + 1
    size = width / span_c
    height = round(size * span_r)
    fill = colours(reach)
    total, kind = reach.total, reach.kind()
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(report.title)}"><title>{escape(report.title)}</title>']
    for i in range(len(grid)):
        x, y = cols[i] * size, rows[i] * size
        words = format_number(int(total[i]), report.lang) if kind[i] != 0 else report.legend[1][1]
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{size + 0.3:.1f}" height="{size + 0.3:.1f}" '
                     f'fill="{fill[i]}"><title>{escape(words)}</title></rect>')
    top = int(grid.row.max())
    for code, column, row in report.zip_points:  # the ZIP areas, to find one's way on the map
        x, y = (column - grid.column.min()) * size, (top + 1 - row) * size
        parts.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="13" '
                     f'font-weight="bold" fill="#000" stroke="#fff" stroke-width="3" '
                     f'paint-order="stroke">{escape(code)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def render_html(reach: ReachMap, report: ReachReport) -> bytes:
    rtl = report.lang in ("ar", "fa")
    legend = "".join(f'<li><span class="swatch" style="background:{c}"></span>{escape(w)}</li>'
                     for c, w in report.legend)
    asked = "".join(f"<tr><th>{escape(a)}</th><td>{_lines(b)}</td></tr>" for a, b in report.asked)
    head = "".join(f"<th>{escape(h)}</th>" for h in report.zip_heading)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in (
            f"{r.zip} {r.name}".strip(), format_number(r.cells, report.lang),
            format_number(r.none, report.lang),
            format_number(r.unknown, report.lang), format_number(r.median, report.lang),
            *(format_number(m, report.lang) for m in r.by_sector))) + "</tr>"
        for r in report.zip_rows)
    table = f'<h2>{escape(report.labels["by_zip"])}</h2><table class="zips"><tr>{head}</tr>{body}</table>' \
        if report.zip_rows else ""
    notes = "".join(f"<p>{escape(n)}</p>" for n in report.notes)
    sources = "".join(f"<li>{escape(s)}</li>" for s in report.sources)
    page = f"""<!DOCTYPE html>
<html lang="{report.lang.replace('_', '-')}" dir="{'rtl' if rtl else 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(report.title)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;font-size:1.05em}}
svg{{max-width:100%;height:auto;border:1px solid #bbb}} .swatch{{display:inline-block;width:1.2em;
height:1.2em;margin:0 .4em;vertical-align:middle;border:1px solid #888}}
ul.legend{{list-style:none;padding:0}}
table{{border-collapse:collapse}} th,td{{border:1px solid #ccc;padding:.3em .5em;text-align:start}}</style>
</head><body><h1>{escape(report.title)}</h1><p>{escape(report.labels["region"])}</p>
{map_svg(reach, report)}
<h2>{escape(report.labels["legend"])}</h2><ul class="legend">{legend}</ul>
{notes}<h2>{escape(report.labels["asked"])}</h2><table>{asked}</table>
{table}<h2>{escape(report.labels["sources"])}</h2><ol>{sources}</ol></body></html>
"""
    return page.encode("utf-8")

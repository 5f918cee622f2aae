"""The list as one self-contained HTML file a counsellor can email.

Why it looks like this:

* One file, nothing fetched: the styles are inline, the map and the QR code are
  inline SVG, and there is no link, script, image or font from anywhere.  Web
  addresses from the pack are printed as plain text, never as links, so the file
  makes no request when opened and a mistyped address in the data cannot
  become a trap.
* Every pack text is escaped (``html.escape``): a school name is data, never markup.
* Two languages sit side by side in a two-column grid, row by row, each column
  with its own ``lang`` (and ``dir`` for right-to-left languages).
* The plan's steps are boxes whose urgency shows in a mark and bold words (and a thick bar), not
  colour alone; a school's "See ..." names its process's section (which has an ``id``), in words:
  the page has no link at all.
"""

from __future__ import annotations

import re
from html import escape

from navigator.exports.model import Block, Document, Group
from navigator.exports.qr import qr_svg
from navigator.exports.sketch import MapSketch

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

CSS = """
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#141414;font:16px/1.5 "Noto Sans","Nanum Gothic",
"Malgun Gothic","Apple SD Gothic Neo","Segoe UI",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px;background:#fff}
.row{display:grid;grid-template-columns:1fr;gap:0 28px;break-inside:avoid}
.row.two{grid-template-columns:1fr 1fr}
.col{min-width:0;overflow-wrap:anywhere}
h1{font-size:1.9em;margin:0 0 .1em}
h2{font-size:1.35em;color:#19468c;border-bottom:2px solid #19468c;margin:1.2em 0 .4em}
h3{font-size:1.15em;margin:1em 0 .2em}
h4{font-size:1em;color:#19468c;margin:.9em 0 .2em}
p{margin:.3em 0}
.lead,.small{color:#5a5a5a}
.small{font-size:.82em}
.notice,.warning,.info{padding:.5em .8em;margin:.6em 0;border-left:5px solid #194668}
.notice{background:#ecf1fa;font-weight:bold;border-color:#194668}
.warning{background:#fff6e6;border-color:#c46e00}
.info{background:#ebf4fc;border-color:#286eaa}
.field{display:grid;grid-template-columns:minmax(7em,30%) 1fr;gap:0 .8em;margin:.2em 0}
.field .label{font-weight:bold;font-size:.92em}
.date{font-weight:bold;margin-top:.6em}
.past{color:#737373}
.step{border-left:3px solid #737373;background:#f6f6f6;padding:.4em .8em;margin:.6em 0}
.step.urgent{border-left:8px solid #141414;background:#fff3e0}
.step .head{font-weight:bold;font-size:1.05em}
.step.urgent .head{font-size:1.15em}
.field.urgent .value{font-weight:bold}
.fine{font-size:.75em;color:#5a5a5a;margin:.1em 0}
.codes{display:flex;flex-wrap:wrap;gap:16px;margin:.4em 0 1em}
.codes figure{margin:0;width:170px}
.codes figcaption{font-size:.82em;color:#5a5a5a}
ol,ul{margin:.3em 0;padding-inline-start:1.6em}
.figures{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start;margin:1em 0}
.figures .map{flex:1 1 420px}
.figures .qr{flex:0 0 200px}
svg{max-width:100%;height:auto}
@media print{body{background:#fff}main{padding:0}.row{break-inside:avoid}}
"""


def render_html(doc: Document, second: Document | None = None) -> str:
    """The whole HTML page: ``doc`` alone, or ``doc`` and ``second`` side by side."""
    docs = [doc] + ([second] if second is not None else [])
    body = []
    for groups in zip(*(d.groups for d in docs), strict=True):
        if len({g.key for g in groups}) != 1:
            raise ValueError("documents differ in structure")
        if groups[0].figure == "figures":
            body.append(_figures(docs, groups))
            continue
        cols = "".join(_column(d, g) for d, g in zip(docs, groups, strict=True))
        anchor = f' id="{_anchor(groups[0].anchor)}"' if groups[0].anchor else ""
        body.append(f'<section class="row{" two" if second else ""}"{anchor}>{cols}</section>')
        if groups[0].figure == "calendar":
            body.append(_codes(docs[0], groups[0]))
    direction = "rtl" if doc.rtl else "ltr"
    return ("<!DOCTYPE html>\n"
            f'<html lang="{_lang(doc.lang)}" dir="{direction}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(doc.title)}</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def _anchor(key: str) -> str:
    """A group's anchor as an HTML id (``process:vvusd-magnet`` -> ``process-vvusd-magnet``)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _lang(code: str) -> str:
    return escape(code.replace("_", "-"))


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _column(doc: Document, group: Group) -> str:
    parts, open_list = [], None
    for block in group.blocks:
        wanted = {"step": "ol", "item": "ul"}.get(block.kind)
        if open_list and wanted != open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        if wanted and not open_list:
            parts.append(f"<{wanted}>")
            open_list = wanted
        parts.append(_block(block, doc))
    if open_list:
        parts.append(f"</{open_list}>")
    direction = ' dir="rtl"' if doc.rtl else ""
    return f'<div class="col" lang="{_lang(doc.lang)}"{direction}>{"".join(parts)}</div>'


_TAGS = {"title": ("h1", ""), "lead": ("p", "lead"), "heading": ("h2", ""), "school": ("h3", ""),
         "subheading": ("h4", ""), "text": ("p", ""), "fine": ("p", "fine"), "date": ("p", "date"),
         "small": ("p", "small"),
         "notice": ("p", "notice"), "warning": ("div", "warning"), "info": ("div", "info"),
         "step": ("li", ""), "item": ("li", "")}


def _block(block: Block, doc: Document) -> str:
    if not block.text and not block.label:
        return ""
    classes = []
    lang = f' lang="{_lang(block.lang)}"' if block.lang else ""
    if block.muted:
        classes.append("past")
    if block.urgent:
        classes.append("urgent")
    if block.kind == "action":
        see = doc.labels["see_below"].format(process=block.ref_name) if block.ref else ""
        link = f"<p>{_text(see)}</p>" if see else ""
        cls = " ".join(["step", *classes])
        return (f'<div class="{cls}" role="note"><p class="head">{_text(block.label)}</p>'
                f'<p>{_text(block.text)}</p>{link}</div>')
    if block.kind == "field":
        cls = " ".join(["field", *classes])
        value = _text(block.text)
        return (f'<div class="{cls}"><span class="label">{_text(block.label)}</span>'
                f'<span class="value"{lang}>{value}</span></div>')
    tag, cls = _TAGS[block.kind]
    classes = [c for c in [cls, *classes] if c]
    role = ' role="note"' if block.kind in ("notice", "warning", "info") else ""
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attr}{lang}{role}>{_text(block.text)}</{tag}>"


def _codes(doc: Document, group: Group) -> str:
    """The calendar codes, each with its date and process beneath."""
    figures = "".join(
        f'<figure>{qr_svg(text, 170, caption)}<figcaption lang="{_lang(doc.lang)}">'
        f"{_text(caption)}</figcaption></figure>" for caption, text in group.codes)
    return f'<section class="codes">{figures}</section>'


def _figures(docs: list[Document], groups: tuple[Group, ...]) -> str:
    map_caption = "".join(f'<p class="small" lang="{_lang(d.lang)}">{_text(g.blocks[0].text)}</p>'
                          for d, g in zip(docs, groups, strict=True))
    qr_caption = "".join(f'<p class="small" lang="{_lang(d.lang)}">{_text(g.blocks[1].text)}</p>'
                         for d, g in zip(docs, groups, strict=True))
    doc = docs[0]
    sketch, code = groups[0].sketch or doc.map, groups[0].code or doc.qr_text
    return (f'<section class="figures"><div class="map">{map_svg(sketch, doc.labels["map"])}'
            f'{map_caption}</div><div class="qr">'
            f'{qr_svg(code, 180, doc.labels["qr"])}{qr_caption}</div></section>')


def map_svg(sketch: MapSketch, label: str, width: int = 640) -> str:
    """The sketch as inline SVG: rail lines, home, numbered schools, a scale bar, north."""
    height = round(width * sketch.aspect())
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
             f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="#f6f8f4" '
             'stroke="#bebebe"/>']
    if sketch.bounds() is not None:
        project, per_km = sketch.projector(width, height, pad=30)
        for colour, points, _name in sketch.lines:
            colour = colour if _COLOUR.match(colour) else "#777777"
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in points))
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                         'stroke-opacity="0.45" stroke-width="5" stroke-linejoin="round"/>')
        for colour, name, x, y in sketch.line_labels(
                project, lambda x, y: 16 < x < width - 34 and 14 < y < height - 30):
            colour = colour if _COLOUR.match(colour) else "#777777"
            box = 8 + 7 * len(name)
            parts.append(f'<rect x="{x - box / 2:.1f}" y="{y - 8:.1f}" width="{box}" height="16" '
                         f'rx="3" fill="{colour}"/><text x="{x:.1f}" y="{y + 4:.1f}" '
                         'text-anchor="middle" font-size="11" font-weight="bold" '
                         f'fill="#fff">{escape(name)}</text>')
        if sketch.home:
            x, y = project(*sketch.home)
            parts.append(f'<path d="M{x - 10:.1f} {y - 1:.1f} L{x:.1f} {y - 11:.1f} '
                         f'L{x + 10:.1f} {y - 1:.1f} L{x + 7:.1f} {y - 1:.1f} L{x + 7:.1f} '
                         f'{y + 9:.1f} L{x - 7:.1f} {y + 9:.1f} L{x - 7:.1f} {y - 1:.1f} Z" '
                         'fill="#c82828" stroke="#fff" stroke-width="1.5"/>')
        for rank, lat, lon in sorted(sketch.schools, reverse=True):
            x, y = project(lat, lon)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="#19468c" stroke="#fff" '
                         f'stroke-width="2"/><text x="{x:.1f}" y="{y + 4.5:.1f}" '
                         'text-anchor="middle" font-size="13" font-weight="bold" '
                         f'fill="#fff">{rank}</text>')
        bar = sketch.scale_km * per_km
        parts.append(f'<rect x="8" y="{height - 26}" width="{bar + 70:.1f}" height="20" fill="#fff"/>'
                     f'<path d="M14 {height - 18} v6 h{bar:.1f} v-6" fill="none" stroke="#141414" '
                     f'stroke-width="2"/><text x="{bar + 22:.1f}" y="{height - 12}" '
                     f'font-size="12">{escape(sketch.scale_label)}</text>')
    parts.append(f'<path d="M{width - 20} 10 l-7 18 l7 -5 l7 5 z" fill="#141414"/></svg>')
    return "".join(parts)

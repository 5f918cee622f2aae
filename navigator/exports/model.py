"""The take-home list's model: the outline every export renders, in one language.

The printed layout is an *outline* of :class:`Group` s of :class:`Block` s.  Two documents built
from the same list in two languages have the same groups with the same keys, so a counsellor's
side-by-side print zips them row by row and the two columns stay level.  :class:`Document` also
carries what the other formats need: the calendar's dates (:class:`TimelineRow`), the spreadsheet's
rows (:class:`SchoolEntry`), the map sketch and the phone's codes.  Built by
:func:`navigator.exports.document.build_document`; laid out by ``pdf.py``, ``html.py``,
``ics.py`` and ``csv_export.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from navigator.catalogue.records import Text
from navigator.exports.phone import PhoneCodes
from navigator.exports.sketch import MapSketch
from navigator.i18n import translations_for
from navigator.next_steps import URGENT, NextStep

_STEP = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=\S)")
NAME_LIMIT = 120  # characters of a school's or a process's name on paper (then "…")
NOTE_LIMIT = 1500  # characters of the family's note on paper


@dataclass
class Block:
    """One paragraph of the outline.

    kinds: title, lead, notice, heading, school, subheading, text, field (``label``:
    ``text``), step, item, date, warning, info, small, action (a step of the plan: ``label`` is
    its mark and headline, ``text`` its sentences).
    """

    kind: str
    text: str
    label: str = ""
    lang: str = ""  # set when the text is in another language than the document (a fallback)
    muted: bool = False  # a date that has passed
    level: str = ""  # a plan step's urgency (navigator.next_steps levels): urgent ones are bold
    # A reference to another group (its ``anchor``): the PDF says the page, the web page links.
    # ``text`` already says it without a page; ``ref_name`` is what it points to, by name.
    ref: str = ""
    ref_name: str = ""

    @property
    def urgent(self) -> bool:
        return self.level in URGENT


@dataclass
class Group:
    """Blocks kept together on a page; ``figure`` names a drawing placed with them ("figures":
    the map and the list's code; "calendar": ``codes``, one calendar-event code per date)."""

    key: str
    blocks: list[Block]
    figure: str | None = None
    keep_with_next: bool = False  # a heading: printed on the same page as what follows
    anchor: str = ""  # what references to this group name ("process:<id>")
    keep_with_previous: bool = False  # never alone at the top of a page (the sources)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (caption, code text)
    # A "figures" group's own map and list code (a household's print has one per child); when
    # unset, the document's.
    sketch: MapSketch | None = None
    code: str = ""


def checks_group(key: str, heading: str, warnings: list, messages: list[str],
                 nothing: str) -> Group:
    """The list checker's findings under ``heading`` (warnings marked as such), or ``nothing``."""
    blocks = [Block("heading", heading)]
    blocks += [Block("warning" if w.severity == "warning" else "info", m)
               for w, m in zip(warnings, messages, strict=True)]
    if not warnings:
        blocks.append(Block("text", nothing))
    return Group(key, blocks)


def heading_group(key: str, blocks: list[Block]) -> Group:
    """A heading's group: printed on the same page as what follows it."""
    return Group(key, blocks, keep_with_next=True)


@dataclass
class TimelineRow:
    """One date, worded for the calendar and the printed timeline."""

    deadline_id: str
    date: date
    when: str  # the date (and time) in words
    countdown: str
    what: str  # the date's label
    process: str
    schools: list[str]  # names, in rank order
    past: bool
    how_to_apply: str
    where: str
    contact: str  # the process's phone and web address, as plain text
    late_options: str
    source: str
    children: str = ""  # a household's: who the date is for ("Luis and Ana"), "" for one child


@dataclass
class SchoolEntry:
    rank: int
    id: str
    name: str
    row: dict[str, str]  # CSV_COLUMNS -> text


@dataclass
class Document:
    lang: str
    rtl: bool
    title: str
    groups: list[Group]
    schools: list[SchoolEntry]
    timeline: list[TimelineRow]
    warnings: list[str]
    csv_headers: dict[str, str]
    qr_text: str  # the list code's text (navigator.exports.phone)
    map: MapSketch
    region: str
    today: date
    unknown: str
    notice: str
    region_id: str = ""
    time_zone: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    steps: list[NextStep] = field(default_factory=list)  # the plan, most urgent first
    phone: PhoneCodes | None = None


def text_of(value: Text | None, lang: str, unknown: bool = True) -> str:
    """A pack text, marked "(in English)" when it fell back; "Unknown" (or "") when missing."""
    t = translations_for(lang)
    if value is None or not value.value:
        _ = t.gettext
        return _("Unknown") if unknown else ""
    if value.fallback:
        return t.pgettext("fallback", "{text} (in English)").format(text=value.value)
    return value.value


def short(text: str, limit: int = NAME_LIMIT) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def split_steps(text: str) -> tuple[str, list[str]]:
    """A how-to-apply text as its introduction and its numbered steps ("1. ... 2. ...")."""
    marks = list(_STEP.finditer(text))
    expected = [m for i, m in enumerate(marks) if m.group(1) == str(i + 1)]
    if len(expected) < 2 or len(expected) != len(marks):
        return text.strip(), []
    intro = text[:expected[0].start()].strip()
    steps = [text[m.end():(expected[i + 1].start() if i + 1 < len(expected) else len(text))].strip()
             for i, m in enumerate(expected)]
    return intro, steps

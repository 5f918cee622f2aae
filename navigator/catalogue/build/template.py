"""``navigator catalogue template REGION.toml --out overlays.xlsx``: a workbook for district staff.

Why: the people who know a district's programmes, services and dates work in spreadsheets, not
in TOML and CSV.  The workbook holds what the region's sources say today, one sheet per overlay
kind (``kinds.py``), with every school listed, drop-downs for codes, real date cells, the
translations beside their text, and a first sheet that explains every column in the staff's
language.  Read back by the builder unchanged, it gives the same pack as the files it came from.

Unknown stays apart from no: a school with nothing known in a category gets an empty row (an
empty value means unknown); "no" and "complete" are written only where staff say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from navigator.catalogue.build.builder import read_overlays
from navigator.catalogue.build.csvfile import Row
from navigator.catalogue.build.kinds import (
    CODE,
    CODES,
    DATE,
    ENTITIES,
    FIXED_CHOICES,
    KINDS,
    NUMBER,
    ORDER,
    TIME,
    WHOLE,
    Column,
    Kind,
    gather_spread,
    spread_name,
    translation_of,
)
from navigator.catalogue.build.overlay import Overlay, overlay_parts
from navigator.catalogue.build.region import Region, SourceEntry, load_region
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.codes import CATEGORIES, LANGUAGE_NAMES, PRIORITY, kind_label, standard_codes
from navigator.errors import UserError
from navigator.files import written_whole
from navigator.i18n import N_, translations_for

LISTS_SHEET = "lists"
HEADER_FILL = "DDE6F0"
INFO_FILL = "F2F2F2"


@dataclass
class Sheet:
    """One sheet to write: its kind, the source entry it came from (None: a new, empty one)."""

    name: str
    kind: Kind
    entry: SourceEntry | None
    header: list[str] = field(default_factory=list)  # the source's own columns
    rows: list[Row] = field(default_factory=list)


@dataclass
class Template:
    path: Path
    sheets: list[Sheet]
    region: Region

    def region_entries(self) -> str:
        """The [[overlay]] entries that make the builder read this workbook instead."""
        lines = []
        for sheet in self.sheets:
            prefix = "" if sheet.entry is not None else "# "
            lines.append(f"{prefix}[[overlay]]")
            lines.append(f'{prefix}path = "{self.path.name}"')
            lines.append(f'{prefix}sheet = "{sheet.name}"')
            options = sheet.entry.options if sheet.entry is not None else {"publisher": "..."}
            for key in ("name", "publisher", "as_of", "url"):
                if key in options:
                    value = json.dumps(str(options[key]), ensure_ascii=False)  # a TOML string
                    lines.append(f"{prefix}{key} = {value}")
            lines.append("")
        return "\n".join(lines)


def write_template(region_toml: Path, out: Path, lang: str | None = None,
                   sources_dir: Path | None = None) -> Template:
    """Write the workbook (atomically) and say which sheets it has."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a builder dependency
        raise UserError("Writing a workbook needs openpyxl; install Navigator's builder "
                        "dependencies (pip install openpyxl).") from None
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"The workbook {out} must end in .xlsx (an Excel workbook).")
    region = load_region(region_toml, sources_dir)
    lang = lang or region.default_language
    _content, overlay = read_overlays(region, BuildReport())
    sheets = _sheets(region)
    _prefill(sheets, overlay)
    template = Template(out, sheets, region)
    book = _book(template, overlay, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(out) as temp:
        book.save(temp)
    return template


# --- what goes in ------------------------------------------------------------------------------


def _sheets(region: Region) -> list[Sheet]:
    """One sheet per overlay the region names, then an empty one for each kind it lacks."""
    sheets: list[Sheet] = []
    for entry in region.section("overlay"):
        for part in overlay_parts(entry, BuildReport()):
            taken = sum(1 for s in sheets if s.kind.name == part.kind)
            name = part.kind if not taken else f"{part.kind} {taken + 1}"
            header, rows = part.rows()
            kind = KINDS[part.kind]
            sheet = Sheet(name, kind, entry, header)
            for row in rows:
                gather_spread(kind, header, row)
                sheet.rows.append(row)
            sheets.append(sheet)
    for name in ORDER:
        if not any(s.kind.name == name for s in sheets):
            sheets.append(Sheet(name, KINDS[name], None))
    return sorted(sheets, key=lambda s: ORDER.index(s.kind.name))


def _blank(values: dict[str, str]) -> Row:
    return Row(0, dict(values), len(values))


def _prefill(sheets: list[Sheet], overlay: Overlay) -> None:
    """Every school in the first features, demand and schedule sheets, an empty row where unknown."""
    schools = sorted(overlay.schools.values(), key=lambda s: (s.name.casefold(), s.id))
    features = next(s for s in sheets if s.kind.name == "features")
    order = {school.id: i for i, school in enumerate(schools)}
    rows = sorted(features.rows, key=lambda r: order.get(r.get("school_id") or "", len(order)))
    filled: list[Row] = []
    for school in schools:
        mine = [r for r in rows if r.get("school_id") == school.id]
        filled += mine
        said = {(r.get("category") or "").lower() for r in mine}
        filled += [_blank({"school_id": school.id, "category": category})
                   for category in CATEGORIES if category not in said]
    features.rows = filled + [r for r in rows if (r.get("school_id") or "") not in order]

    demand = next(s for s in sheets if s.kind.name == "demand")
    said = {(r.get("school_id"), r.get("process_id")) for r in demand.rows}
    for (school_id, process_id) in sorted(overlay.school_processes,
                                          key=lambda k: (k[1], order.get(k[0], 0))):
        process = overlay.processes[process_id]
        if process.kind != "zone" and (school_id, process_id) not in said:
            demand.rows.append(_blank({"school_id": school_id, "process_id": process_id}))

    schedule = next(s for s in sheets if s.kind.name == "schedule")
    said = {r.get("school_id") for r in schedule.rows}
    schedule.rows += [_blank({"school_id": school.id}) for school in schools if school.id not in said]


# --- the columns of a sheet --------------------------------------------------------------------


@dataclass(frozen=True)
class OutColumn:
    name: str
    spec: Column | None  # None: a column the source had that Navigator does not read
    lang: str | None = None  # a translation column: its language
    index: int = 0  # a spread column's number (priority_1...)


def _columns(sheet: Sheet, region: Region, spread: int) -> list[OutColumn]:
    languages = [code for code in region.languages if code != region.default_language]
    found: dict[str, list[str]] = {}
    for name in sheet.header:
        translated = translation_of(name, sheet.kind)
        if translated and translated[1] not in languages:
            found.setdefault(translated[0], []).append(translated[1])
    columns: list[OutColumn] = []
    for spec in sheet.kind.columns:
        if spec.type == CODES:
            columns += [OutColumn(spread_name(spec, n), spec, index=n) for n in range(1, spread + 1)]
            continue
        columns.append(OutColumn(spec.name, spec))
        if spec.translatable:
            columns += [OutColumn(f"{spec.name}_{code}", spec, code)
                        for code in languages + found.get(spec.name, [])]
    known = {c.name for c in columns} | {c.name for c in sheet.kind.columns}
    columns += [OutColumn(name, None) for name in sheet.header
                if name and name not in known and not _is_spread(name, sheet.kind)]
    return columns


def _is_spread(name: str, kind: Kind) -> bool:
    return any(spec.type == CODES and name.startswith(spread_name(spec, 0)[:-1])
               for spec in kind.columns)


def _cell_value(column: OutColumn, row: Row, overlay: Overlay):
    """What the cell holds: a real date, time or number where the column is one, else text."""
    if column.spec is not None and column.spec.info:
        school = overlay.schools.get(row.get("school_id") or "")
        return school.name if school else None
    if column.index:
        codes = [c.strip() for c in (row.get(column.spec.name) or "").split(";") if c.strip()]
        return codes[column.index - 1] if column.index <= len(codes) else None
    text = row.get(column.name)
    if text is None or column.spec is None or column.lang:
        return text
    try:
        if column.spec.type == DATE:
            return date.fromisoformat(text)
        if column.spec.type == TIME:
            return time.fromisoformat(text)
        if column.spec.type == NUMBER:
            return float(text)
        if column.spec.type == WHOLE:
            return int(text)
    except ValueError:
        return text  # kept as written: the build will say what is wrong with it
    return text


# --- the workbook ------------------------------------------------------------------------------


def _choices(overlay: Overlay, region: Region, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Every code list the drop-downs use: (code, what it means in ``lang``)."""
    t = translations_for(lang)
    standard = standard_codes()
    own = {(c.category, c.code): c.label for c in overlay.codes}

    def label(category: str, code: str) -> str:
        if (category, code) in standard:
            return t.gettext(standard[(category, code)].label)
        return own.get((category, code), "")

    lists: dict[str, list[tuple[str, str]]] = {
        name: [(value, "") for value in values] for name, values in FIXED_CHOICES.items()}
    lists["deadline_kind"] = [(k, _deadline_kind(k, lang)) for k in FIXED_CHOICES["deadline_kind"]]
    lists["entity"] = [(entity, "") for entity in ENTITIES]
    codes = sorted(overlay.known_codes)
    lists["feature_code"] = [("*", "")] + [
        (code, label(category, code)) for category, code in codes if category in CATEGORIES]
    seen: set[str] = set()
    lists["feature_code"] = [p for p in lists["feature_code"]
                             if not (p[0] in seen or seen.add(p[0]))]
    lists["priority"] = [(code, label(category, code)) for category, code in codes
                         if category == PRIORITY]
    languages = list(dict.fromkeys([*region.languages, *LANGUAGE_NAMES]))
    lists["language"] = [(code, t.gettext(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else "")
                         for code in languages]
    lists["school"] = [(s.id, s.name) for s in sorted(overlay.schools.values(),
                                                       key=lambda s: (s.name.casefold(), s.id))]
    lists["process"] = [(p.id, p.name) for p in sorted(overlay.processes.values(),
                                                        key=lambda p: p.id)]
    return lists


def _deadline_kind(kind: str, lang: str) -> str:
    return kind_label(kind, lang) if kind != "other" else ""


def _book(template: Template, overlay: Overlay, lang: str):
    from openpyxl import Workbook

    t = translations_for(lang)
    book = Workbook()
    help_sheet = book.active
    help_sheet.title = t.gettext(N_("Read me"))[:31]
    lists = _choices(overlay, template.region, lang)
    ranges = _write_lists(book, lists, t)
    spread = max(len(lists["priority"]), 1)
    written = []
    for sheet in template.sheets:
        columns = _columns(sheet, template.region, spread)
        _write_sheet(book.create_sheet(sheet.name), sheet, columns, overlay, ranges, t)
        written.append((sheet, columns))
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    _write_help(help_sheet, template, written, lists, t)
    return book


def _write_lists(book, lists: dict[str, list[tuple[str, str]]], t) -> dict[str, str]:
    """The "lists" sheet: each code list in a column, what it means beside it; its ranges."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(LISTS_SHEET)
    ranges = {}
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    for i, (name, values) in enumerate(lists.items()):
        code_col, meaning_col = get_column_letter(2 * i + 1), get_column_letter(2 * i + 2)
        sheet[f"{code_col}1"] = name
        # TRANSLATORS: the heading of a column in the staff's workbook: what each code means.
        sheet[f"{meaning_col}1"] = t.gettext(N_("what it means"))
        for cell in (sheet[f"{code_col}1"], sheet[f"{meaning_col}1"]):
            cell.font, cell.fill = bold, fill
        for row, (code, meaning) in enumerate(values, start=2):
            sheet[f"{code_col}{row}"] = code
            sheet[f"{meaning_col}{row}"] = meaning or None
        last = max(len(values) + 1, 2)
        ranges[name] = f"={LISTS_SHEET}!${code_col}$2:${code_col}${last}"
        sheet.column_dimensions[code_col].width = max(12, min(24, max(
            (len(c) for c, _m in values), default=0) + 2))
        sheet.column_dimensions[meaning_col].width = 30 if any(m for _c, m in values) else 4
    sheet.freeze_panes = "A2"
    return ranges


def _write_sheet(ws, sheet: Sheet, columns: list[OutColumn], overlay: Overlay,
                 ranges: dict[str, str], t) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    fill, info_fill = PatternFill("solid", fgColor=HEADER_FILL), PatternFill("solid", fgColor=INFO_FILL)
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.name)
        cell.font, cell.fill = bold, fill
        help_text = _column_help(column, t)
        if help_text:
            cell.comment = Comment(help_text, "Navigator", width=320, height=140)
        letter = get_column_letter(i)
        spec = column.spec
        ws.column_dimensions[letter].width = spec.width if spec else 16
        if spec is None or column.lang:
            continue
        target = f"{letter}2:{letter}1048576"
        if spec.info:
            for row in range(2, len(sheet.rows) + 2):
                ws.cell(row=row, column=i).fill = info_fill
        if spec.choices and spec.type in (CODE, CODES) and spec.choices in ranges:
            check = DataValidation(type="list", formula1=ranges[spec.choices], allow_blank=True)
            check.error = t.gettext(N_("Choose a value from the list. The sheet \"lists\" says "
                                       "what each one means."))
            check.errorTitle = t.gettext(N_("Not in the list"))
        elif spec.type == DATE:
            check = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                                   formula2="DATE(2100,12,31)", allow_blank=True)
            check.error = t.gettext(N_("Write a real date, as YYYY-MM-DD (for example 2027-01-15)."))
            check.errorTitle = t.gettext(N_("Not a date"))
        elif spec.type in (NUMBER, WHOLE):
            check = DataValidation(type="decimal" if spec.type == NUMBER else "whole",
                                   operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            check.error = t.gettext(N_("Write a number of zero or more."))
            check.errorTitle = t.gettext(N_("Not a number"))
        else:
            continue
        check.showErrorMessage = True
        ws.add_data_validation(check)
        check.add(target)
    for r, row in enumerate(sheet.rows, start=2):
        for i, column in enumerate(columns, start=1):
            value = _cell_value(column, row, overlay)
            if value is None:
                continue
            cell = ws.cell(row=r, column=i, value=value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, time):
                cell.number_format = "hh:mm"
            elif isinstance(value, str) and column.spec and column.spec.name.endswith("_id"):
                cell.number_format = "@"  # an id stays text: 00123 keeps its zeros
    # The school's (or the row's) id stays in view, with the school's name beside it.
    kept = 2 if len(columns) > 1 and columns[1].spec and columns[1].spec.info else 1
    ws.freeze_panes = f"{get_column_letter(kept + 1)}2"


def _column_help(column: OutColumn, t) -> str:
    if column.spec is None:
        return ""
    if column.lang:
        name = LANGUAGE_NAMES.get(column.lang)
        language = t.gettext(name) if name else column.lang
        # TRANSLATORS: the help of a translation column in the staff's workbook, e.g. name_es.
        return t.gettext(N_("The same text as {column}, in {language}.")).format(
            column=column.spec.name, language=language)
    text = t.gettext(column.spec.help)
    if column.index:
        # TRANSLATORS: the admission priorities, one per column: priority_1 comes first.
        text += " " + t.gettext(N_("One priority per column: {column} comes first.")).format(
            column=spread_name(column.spec, 1))
    return text


def _write_help(ws, template: Template, written, lists, t) -> None:
    """The first sheet: what the workbook is, the rules, and every column in plain words."""
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 70
    ws.column_dimensions["D"].width = 36
    ws["A1"] = t.gettext(N_("{region}: the district's own information for Navigator")).format(
        region=template.region.name)
    ws["A1"].font = Font(bold=True, size=14)
    paragraphs = [
        N_("Each sheet holds one kind of information. Change what has changed, add a row for "
           "what is new, and give the file back to the person who builds Navigator's catalogue."),
        N_("An empty cell means unknown: Navigator tells families it does not know. To say that a "
           "school does not have something, write no. To say that a school's list for a category "
           "is complete (so anything missing is a no), add a row with the code * and the value "
           "complete."),
        N_("Dates are real dates (YYYY-MM-DD). A cell with a drop-down list takes only the values "
           "in it; the sheet \"lists\" says what each code means."),
        N_("Keep the sheet names and the column names in the first row as they are: Navigator "
           "reads the sheets by them. Grey columns are there to help you read; Navigator does "
           "not read them."),
    ]
    row = 3
    for text in paragraphs:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.cell(row=row, column=1, value=t.gettext(text)).alignment = wrap
        ws.row_dimensions[row].height = 48
        row += 1
    row += 1
    headings = (N_("sheet"), N_("column"), N_("what it means"), N_("allowed values"))
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for i, heading in enumerate(headings, start=1):
        cell = ws.cell(row=row, column=i, value=t.gettext(heading))
        cell.font, cell.fill = Font(bold=True), fill
    ws.freeze_panes = f"A{row + 1}"
    for sheet, columns in written:
        row += 1
        ws.cell(row=row, column=1, value=sheet.name).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.cell(row=row, column=2, value=t.gettext(sheet.kind.help)).alignment = wrap
        ws.row_dimensions[row].height = 32
        for column in columns:
            if column.spec is None or column.index > 1:
                continue
            row += 1
            name = column.name if not column.index else f"{column.name}, {spread_name(column.spec, 2)}…"
            ws.cell(row=row, column=2, value=name)
            ws.cell(row=row, column=3, value=_column_help(column, t)).alignment = wrap
            ws.cell(row=row, column=4, value=_allowed(column, lists, t)).alignment = wrap
            ws.row_dimensions[row].height = 15 * max(1, len(ws.cell(row=row, column=3).value) // 80 + 1)


def _allowed(column: OutColumn, lists, t) -> str:
    spec = column.spec
    if column.lang:
        return ""
    if spec.type == DATE:
        return "YYYY-MM-DD"
    if spec.type == TIME:
        return "HH:MM"
    if spec.type in (NUMBER, WHOLE):
        return t.gettext(N_("a number"))
    if spec.choices in FIXED_CHOICES:
        return ", ".join(FIXED_CHOICES[spec.choices])
    if spec.choices:
        # TRANSLATORS: where the allowed codes are listed: {list} is a column name of that sheet.
        return t.gettext(N_("see the sheet \"lists\", column {list}")).format(list=spec.choices)
    return spec.example

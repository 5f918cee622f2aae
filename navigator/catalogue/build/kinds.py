"""The overlay kinds, described once: their columns, types, code lists and plain-words help.

The CSV and workbook readers (``overlay.py``, ``workbook.py``) check each cell against this
description, and the template (``template.py``) writes its sheets, drop-downs and help page
from it, so adding a kind is one entry in ``KINDS`` (and its row reader in ``overlay.py``).

Help texts are marked with ``N_`` and translated where they are shown (the template's first
sheet, in the language the district staff asked for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from navigator.catalogue.build.csvfile import Row
from navigator.catalogue.rules import Rule
from navigator.catalogue.sites import PLACED_BY, SITE_KINDS
from navigator.catalogue.value_rules import broken_rule, rule_sentence
from navigator.i18n import N_

# Value types: what a cell must hold, how the workbook stores it, and the sentence for a bad one.
TEXT, CODE, DATE, TIME, NUMBER, WHOLE, CODES = ("text", "code", "date", "time", "number", "whole",
                                               "codes")

# Fixed code lists, checked in every cell; the others ("school", "process", "feature_code",
# "priority", "language", "entity") come from the region being built, and its readers check them.
FIXED_CHOICES: dict[str, tuple[str, ...]] = {
    "category": ("program", "el", "sped", "language"),
    "code_category": ("program", "el", "sped", "language", "priority"),
    "value": ("yes", "no", "complete"),
    "yes_no": ("yes", "no"),
    "process_kind": ("zone", "choice", "magnet", "charter_lottery", "open_enrollment", "other"),
    "deadline_kind": ("opens", "closes", "lottery", "notification", "accept_by", "other"),
    "scope": ("region", "school"),
    "site_kind": SITE_KINDS,
    "placed_by": PLACED_BY,
}
# What a `texts` row may translate: offered as a drop-down, but not enforced (a new kind may add
# an entity of its own).
ENTITIES = ("region", "process", "deadline", "code", "feature")


@dataclass(frozen=True)
class Column:
    name: str
    help: str  # plain words, for the template's first sheet (N_: translated where shown)
    type: str = TEXT
    required: bool = False
    choices: str | None = None  # a code list: FIXED_CHOICES, or one the region supplies
    translatable: bool = False  # FIELD_LANG columns hold its translations
    info: bool = False  # written by the template for people to read; the readers ignore it
    width: int = 16  # the template's column width, in characters
    example: str = ""
    blank_unknown: bool = False  # an empty cell means "not known": the row says nothing, silently
    # The pack's column this one is written to ("table.column"): its value must pass the rules
    # the readers and validate apply to it (value_rules.py), so no build writes what they refuse.
    pack: str | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    help: str
    columns: tuple[Column, ...]
    entity: str | None = None  # the translations entity of its texts

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def translatable(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.translatable)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


SCHOOL_NAME = Column("school_name", N_("The school's name, to help you find the row. Changing it "
                                       "here changes nothing: names come from the school directory."),
                     info=True, width=34)

KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("codes", N_("The district's own names for programs, services and admission priorities "
                     "that are not in Navigator's standard list."), (
        Column("category", N_("What the code is: program, el (English-learner service), sped "
                              "(special-education service), language or priority (an admission "
                              "priority)."), CODE, True, "code_category", width=14),
        Column("code", N_("A short name made of lowercase letters, digits and underscores, for "
                          "example farm_to_school."), required=True, width=20, example="farm_to_school"),
        Column("label", N_("What families read: the name in plain words."), required=True,
               translatable=True, width=30),
        Column("description", N_("One or two plain sentences that explain it to a family."),
               translatable=True, width=40),
    ), entity="code"),
    Kind("features", N_("What each school offers: programs, English-learner services, "
                        "special-education services and languages the staff speak."), (
        Column("school_id", N_("The school's code in the school directory."), CODE, True, "school",
               width=17),
        SCHOOL_NAME,
        Column("category", N_("program, el (English-learner service), sped (special-education "
                              "service) or language (a language the staff speak)."),
               CODE, True, "category", width=11),
        Column("code", N_("Which program, service or language (a language is its two-letter code, "
                          "for example es). Write * with the value complete."),
               CODE, True, "feature_code", width=18),
        Column("value", N_("yes: the school has it. no: you checked, and it does not. complete: "
                           "this school's list for the category is complete, so anything not "
                           "listed is a no. Leave it empty if you do not know: empty means unknown."),
               CODE, True, "value", width=10, blank_unknown=True),
        Column("detail", N_("Only where needed: the language of a dual-language program (es, ko...), "
                            "or the theme of a magnet."), width=10),
        Column("note", N_("A short note for families, for example \"kindergarten and 1st grade "
                          "only\"."), translatable=True, width=36),
    ), entity="feature"),
    Kind("processes", N_("How a family applies: the zoned school, choice and magnet applications, "
                         "charter lotteries, open enrollment."), (
        Column("process_id", N_("A short name for the process, used by the deadlines sheet."),
               required=True, width=22),
        Column("kind", N_("zone, choice, magnet, charter_lottery, open_enrollment or other."),
               CODE, True, "process_kind", width=16),
        Column("scope", N_("region (one application for many schools) or school (one school's "
                           "own). Empty: chosen from the schools column."), CODE, False, "scope",
               width=9),
        Column("name", N_("The name families see, for example \"Magnet programs application\"."),
               required=True, translatable=True, width=30),
        Column("schools", N_("Which schools it covers: * (all), sector:district, sector:charter, "
                             "program:magnet (any program code), or school codes separated by ;."),
               required=True, width=22),
        Column("priorities", N_("Who gets a place first when there are more applicants than seats, "
                                "first first. Leave them all empty if the district does not say."),
               CODES, choices="priority", width=18),
        Column("priorities_note", N_("The district's own words on its priorities, where families "
                                     "need more than the list: who counts as a brother or sister, "
                                     "what happens with twins."), translatable=True, width=36),
        Column("how_to_apply", N_("The steps, in plain words."), translatable=True, width=40),
        Column("where_to_apply", N_("Where to apply: an office and its hours, or a web site."),
               translatable=True, width=30),
        Column("url", N_("The web page of the application."), width=24, pack="processes.url"),
        Column("phone", N_("A phone number families can call."), width=16),
        Column("documents", N_("The documents to bring, separated by ;."), translatable=True,
               width=30),
        Column("late_options", N_("What a family can still do after the deadline (a late "
                                  "application, a waiting list)."), translatable=True, width=30),
        Column("max_choices", N_("The most schools a family may list (a whole number)."), WHOLE,
               width=12, pack="processes.max_choices"),
        Column("recommended_choices", N_("How many schools the district advises listing (a whole "
                                         "number)."), WHOLE, width=12,
               pack="processes.recommended_choices"),
        Column("ranked_preference", N_("yes if the district places children by the order the "
                                       "family ranked the schools in; no if not."),
               CODE, False, "yes_no", width=12),
        Column("per_household", N_("yes if one application covers every child in a family; no "
                                   "if each child needs their own. Empty if you do not know."),
               CODE, False, "yes_no", width=12),
    ), entity="process"),
    Kind("deadlines", N_("The dates of each process: when applications open and close, the "
                         "lottery, the results, the last day to accept a place."), (
        Column("deadline_id", N_("A short name for the date, different for every row."),
               required=True, width=28),
        Column("process_id", N_("The process it belongs to (from the processes sheet)."),
               CODE, True, "process", width=22),
        Column("kind", N_("opens, closes, lottery, notification (families are told the result), "
                          "accept_by (last day to accept a place) or other."),
               CODE, True, "deadline_kind", width=13),
        Column("date", N_("The date, written YYYY-MM-DD (for example 2027-01-15)."), DATE, True,
               width=12, example="2027-01-15", pack="deadlines.date"),
        Column("time", N_("The time of day, written HH:MM on a 24-hour clock (for example 17:00); "
                          "empty if the whole day counts."), TIME, width=8, example="17:00",
               pack="deadlines.time"),
        Column("label", N_("What the date is, in a few words (\"Last day to apply\")."),
               translatable=True, width=30),
    ), entity="deadline"),
    Kind("demand", N_("How many children applied for each seat last year, where the district "
                      "publishes it."), (
        Column("school_id", N_("The school's code in the school directory."), CODE, True, "school",
               width=17),
        SCHOOL_NAME,
        Column("process_id", N_("The process (from the processes sheet)."), CODE, True, "process",
               width=22),
        Column("applicants_per_seat", N_("Applicants per seat last year, for example 2.5. Empty "
                                         "if not published."), NUMBER, True, width=12,
               blank_unknown=True, pack="school_processes.applicants_per_seat"),
    )),
    Kind("texts", N_("A translation of any other text in the pack, for example the region's name."), (
        Column("entity", N_("What the text belongs to: region, process, deadline, code or feature."),
               CODE, True, "entity", width=10),
        Column("entity_id", N_("Which one: its id (the region's id for the region)."), required=True,
               width=22),
        Column("field", N_("Which text: name, about, label, description..."), required=True,
               width=12),
        Column("lang", N_("The language of the text (es, ko...)."), CODE, True, "language",
               width=7),
        Column("value", N_("The text itself."), required=True, width=50),
    )),
    Kind("schedule", N_("When each school's day starts and ends: a trip by bus or train is "
                        "planned to arrive by the start time."), (
        Column("school_id", N_("The school's code in the school directory."), CODE, True, "school",
               width=17),
        SCHOOL_NAME,
        Column("start_time", N_("When the school day starts, written HH:MM on a 24-hour clock (for "
                                "example 08:00). Leave it empty if you do not know."),
               TIME, True, width=10, example="08:00", blank_unknown=True),
        Column("end_time", N_("When the school day ends, written HH:MM (for example 14:30)."), TIME,
               width=10, example="14:30"),
    )),
    Kind("sites", N_("How a family gets a place at a school, where the school directory says it "
                     "wrongly or not at all. Only the schools you list change."), (
        Column("school_id", N_("The school's code in the school directory."), CODE, True, "school",
               width=17),
        SCHOOL_NAME,
        Column("site_kind", N_("open: families apply or enrol. referral: places are given by "
                               "referral or placement, not by application (continuation, community "
                               "day, special-education centres). not_an_option: not a school "
                               "families choose (juvenile court, adult education, career centres "
                               "for other schools' students); families never see it. preschool: "
                               "shown only to families asking for pre-kindergarten."),
               CODE, True, "site_kind", width=14),
        Column("placed_by", N_("For a referral school: district (the district or county office "
                               "refers students) or iep (the child's IEP team decides). Empty: iep "
                               "for special-education schools, else district."),
               CODE, False, "placed_by", width=10),
    )),
)}

# Applied in this order, so that each can refer to what came before.
ORDER = ("codes", "features", "processes", "deadlines", "demand", "texts", "schedule", "sites")

# A translation column: the text's name and a language code, which may name its script or region
# as the catalogues do ("label_es", "label_es-mx", "label_zh_Hant"); a field name is lower case.
_LANG_SUFFIX = re.compile(
    r"^(?P<field>[a-z_]+?)_(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+|_[A-Z][a-z]{3}|_[A-Z]{2})?)$")
_SPREAD = re.compile(r"^(?P<field>[a-z_]+?)_(?P<n>\d{1,2})$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is true


def translation_of(column: str, kind: Kind) -> tuple[str, str] | None:
    """``name_es`` -> (``name``, ``es``) when ``name`` is a text of ``kind``; else None."""
    match = _LANG_SUFFIX.match(column)
    if match and match["field"] in kind.translatable:
        return match["field"], match["lang"]
    return None


def reads(kind: Kind, name: str) -> bool:
    """Whether the kind's reader uses a column of this name (its own, a translation of one, or
    one of a list spread over numbered columns); the others are for people (school_name)."""
    column = kind.column(name)
    if column is not None:
        return not column.info
    spread = _SPREAD.match(name)
    return translation_of(name, kind) is not None or (spread is not None and any(
        c.type == CODES and spread_name(c, int(spread["n"])) == name for c in kind.columns))


def spread_name(column: Column, n: int) -> str:
    """``priorities`` spread over numbered columns: ``priority_1``, ``priority_2``..."""
    stem = column.name[:-3] + "y" if column.name.endswith("ies") else column.name.rstrip("s")
    return f"{stem}_{n}"


def gather_spread(kind: Kind, header: list[str], row: Row) -> None:
    """Join numbered columns (``priority_1``, ``priority_2``...) into their list column, in order.

    A workbook gives each priority its own cell with a drop-down; a CSV may do either.
    """
    for column in kind.columns:
        if column.type != CODES:
            continue
        numbered = []
        for name in header:
            match = _SPREAD.match(name)
            if match and spread_name(column, int(match["n"])) == name:
                numbered.append((int(match["n"]), name))
        values = [row.get(name) for _n, name in sorted(numbered)]
        values = [v for v in values if v]
        if values:
            joined = ";".join(filter(None, [row.get(column.name), *values]))
            row.values[column.name] = joined


UNKNOWN = ""  # check_cells' sentence for a row whose value is left empty: unknown, skipped silently


def check_cells(kind: Kind, row: Row) -> tuple[str, str] | None:
    """The first cell of ``row`` that breaks its column's rule, as (column, sentence).

    The sentence is ``UNKNOWN`` when the row leaves its value empty: that is how a sheet says
    "we do not know", and the row is skipped without a complaint.
    """
    for column in kind.columns:
        if column.blank_unknown and row.get(column.name) is None:
            return column.name, UNKNOWN
    for column in kind.columns:
        if column.info:
            continue
        value = row.get(column.name)
        if value is None:
            if column.required:
                return column.name, f"the {column.name} cell is empty; fill it in"
            continue
        problem = _check(column, value)
        rule = _pack_rule(column, value) if problem is None else None
        if rule is not None and not rule.columns:  # the readers would leave the row out
            problem = rule_sentence(value, rule)
        if problem:
            return column.name, problem
    return None


def unusable_values(kind: Kind, row: Row) -> list[tuple[str, str]]:
    """Values of the right type that the pack's rules would show as unknown (applicants per
    seat of 1e308, a ``javascript:`` link): each is emptied, so the pack holds it as unknown, as
    the app would show it, and said as (column, sentence).  Call before :func:`check_cells`."""
    emptied = []
    for column in kind.columns:
        value = row.get(column.name)
        if value is None or column.pack is None or _check(column, value) is not None:
            continue
        rule = _pack_rule(column, value)
        if rule is not None and rule.columns:
            emptied.append((column.name, rule_sentence(value, rule)))
            row.values[column.name] = ""
    return emptied


def _pack_rule(column: Column, value: str) -> Rule | None:
    """The rule of the pack a value breaks (checked as the type it is written as), or None."""
    if column.pack is None:
        return None
    typed = {NUMBER: float, WHOLE: int}.get(column.type, str)(value)
    return broken_rule(*column.pack.split("."), typed)


def _check(column: Column, value: str) -> str | None:
    if column.type == DATE:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"\"{value}\" is not a date; write YYYY-MM-DD"
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"\"{value}\" is not a date; write YYYY-MM-DD"
    elif column.type == TIME:
        if not _TIME.match(value):
            return f"\"{value}\" is not a time; write HH:MM on a 24-hour clock"
    elif column.type == NUMBER:
        try:
            number = float(value)
        except ValueError:
            return f"\"{value}\" is not a number; write it with a dot, e.g. 2.5"
        if number < 0 or number != number:
            return f"\"{value}\" is not a number of zero or more"
    elif column.type == WHOLE:
        if not WHOLE_NUMBER.fullmatch(value):
            digits = value.isascii() and value.isdigit()
            return f"\"{value[:40]}\" is {'too large' if digits else 'not a whole number'}; " \
                "write a whole number such as 3"
    elif column.type == CODE and column.choices in FIXED_CHOICES:
        allowed = FIXED_CHOICES[column.choices]
        if value.lower() not in allowed:
            return f"\"{value}\" is not one of {', '.join(allowed)}"
    return None


def kind_of_header(header: list[str]) -> str | None:
    """The kind whose required columns the header has (the first in ORDER)."""
    for name in ORDER:
        if all(c in header for c in KINDS[name].required):
            return name
    return None

"""Which kind of site each school of a directory is (``navigator.catalogue.sites``), from the
directory's own words.

California's directory says it in three places (``../shared/docs/data-sources.md`` counts
them): ``SOCType`` (the type of school, on every school row), ``EdOpsCode`` (its educational
option, e.g. ``JUV`` juvenile court, ``OPP`` opportunity; empty on a third of the rows) and, where
``EdOpsCode`` is empty, the name ("Central Juvenile Hall", "Newark Opportunity").  Each gives a
kind; the strictest wins, so an "Elementary Schools (Public)" row whose option is ``JUV`` is a
juvenile court school.  Any other table (NCES files, a state's export) says it in a school-type
column read through the region's mapping, with defaults for the plain words such files use.
A district overlay of kind ``sites`` has the last word (``overlay.py``).
"""

from __future__ import annotations

import re

from navigator.catalogue.sites import (
    BY_DISTRICT,
    BY_IEP,
    NOT_AN_OPTION,
    OPEN,
    PRESCHOOL,
    REFERRAL,
    SITE_KINDS,
)

Kind = tuple[str, str | None]  # (site kind, placed_by)

# The strictest reading wins: a site that is not a family's option is never shown as one.
STRICTNESS = (NOT_AN_OPTION, PRESCHOOL, REFERRAL, OPEN)

CDE_SOC_TYPES: dict[str, Kind] = {
    "elementary schools (public)": (OPEN, None),
    "elemen schools in 1 school dist. (public)": (OPEN, None),
    "intermediate/middle schools (public)": (OPEN, None),
    "junior high schools (public)": (OPEN, None),
    "high schools (public)": (OPEN, None),
    "high schools in 1 school dist. (public)": (OPEN, None),
    "k-12 schools (public)": (OPEN, None),
    "alternative schools of choice": (OPEN, None),
    "continuation high schools": (REFERRAL, BY_DISTRICT),
    "district community day schools": (REFERRAL, BY_DISTRICT),
    "opportunity schools": (REFERRAL, BY_DISTRICT),
    "county community": (REFERRAL, BY_DISTRICT),
    "special education schools (public)": (REFERRAL, BY_IEP),
    "state special schools": (REFERRAL, BY_IEP),
    "juvenile court schools": (NOT_AN_OPTION, None),
    "youth authority facilities": (NOT_AN_OPTION, None),
    "roc/rop": (NOT_AN_OPTION, None),
    "adult education centers": (NOT_AN_OPTION, None),
    "other county or district programs": (NOT_AN_OPTION, None),
    "preschool": (PRESCHOOL, None),
}
CDE_ED_OPS: dict[str, Kind] = {
    "TRAD": (OPEN, None), "ALTSOC": (OPEN, None),
    "CON": (REFERRAL, BY_DISTRICT), "COMMDAY": (REFERRAL, BY_DISTRICT),
    "OPP": (REFERRAL, BY_DISTRICT), "COMM": (REFERRAL, BY_DISTRICT),
    "HOMHOS": (REFERRAL, BY_DISTRICT),  # home and hospital instruction
    "SPEC": (REFERRAL, BY_IEP), "SPECON": (REFERRAL, BY_IEP), "SSS": (REFERRAL, BY_IEP),
    "JUV": (NOT_AN_OPTION, None), "YTH": (NOT_AN_OPTION, None), "ROP": (NOT_AN_OPTION, None),
}
# Names that say what the row is, read only where EdOpsCode is empty.  "Camp" alone names
# towns too (Happy Camp Elementary, French Camp Elementary), so it counts only in a name
# without a school word ("Camp Afflerbaugh", "Mendenhall, William Camp").
_SCHOOL_WORD = r"elementary|middle|high|school|academy|intermediate|junior|charter|k-8|prep"
NAME_RULES: tuple[tuple[re.Pattern, Kind], ...] = (
    (re.compile(r"juvenile|detention|probation|sheriff|honor rancho|youth (guidance|authority)"
                r"|correctional|\bjail\b", re.I), (NOT_AN_OPTION, None)),
    (re.compile(rf"^(?!.*\b({_SCHOOL_WORD})\b).*\bcamp\b", re.I), (NOT_AN_OPTION, None)),
    (re.compile(r"\badult\b|\bro[cp]\b", re.I), (NOT_AN_OPTION, None)),
    (re.compile(r"\bpre-?school\b|\bpre-?k\b", re.I), (PRESCHOOL, None)),
    (re.compile(r"continuation|community day|county community|\bopportunity\b(?! youth)"
                r"(?<!academy of opportunity)", re.I), (REFERRAL, BY_DISTRICT)),
)

# Plain words of other tables' school types (NCES "Special Education School", a state's
# "Juvenile Detention Center"); a type none of them names is taken as open, and the build
# summary says which types were, so a district can map them in [schools.site_kinds].
TABLE_WORDS: tuple[tuple[re.Pattern, Kind], ...] = (
    (re.compile(r"juvenile|detention|correction|\bjail\b|youth authority|adult", re.I),
     (NOT_AN_OPTION, None)),
    (re.compile(r"pre-?school|pre-?k|prekindergarten|early childhood|head start", re.I),
     (PRESCHOOL, None)),
    (re.compile(r"special education|special ed\b", re.I), (REFERRAL, BY_IEP)),
    (re.compile(r"continuation|community day|opportunity", re.I), (REFERRAL, BY_DISTRICT)),
)


def strictest(kinds: list[Kind]) -> Kind:
    """The strictest of several readings (not an option, preschool, referral, open)."""
    return min(kinds, key=lambda k: STRICTNESS.index(k[0]), default=(OPEN, None))


def cde_site_kind(soc_type: str | None, ed_ops_code: str | None, name: str) -> Kind:
    """The kind of a CDE directory row, from its school type, option and (if no option) name."""
    found = []
    if soc_type:
        found.append(CDE_SOC_TYPES.get(soc_type.strip().lower(), (OPEN, None)))
    if ed_ops_code:
        found.append(CDE_ED_OPS.get(ed_ops_code.strip().upper(), (OPEN, None)))
    else:
        found += [kind for pattern, kind in NAME_RULES if pattern.search(name)]
    return strictest(found)


def table_site_kind(text: str | None, mapping: dict[str, str]) -> Kind | None:
    """The kind a table's cell says: through the region's ``[schools.site_kinds]`` mapping (its
    values are kinds, or ``referral:iep``), else the plain words above; None when neither
    names it (the school is then taken as open, and counted)."""
    if not text:
        return None
    mapped = mapping.get(text.strip().lower())
    if mapped is not None:
        return parse_kind(mapped)
    if text.strip().lower() in SITE_KINDS:
        return parse_kind(text.strip().lower())
    for pattern, kind in TABLE_WORDS:
        if pattern.search(text):
            return kind
    return None


def parse_kind(text: str) -> Kind:
    """``open``, ``referral`` (by the district), ``referral:iep``, ``not_an_option``,
    ``preschool``; a ValueError for anything else."""
    kind, _, placed = text.strip().lower().partition(":")
    if kind not in SITE_KINDS or (placed and (kind != REFERRAL or placed not in (BY_DISTRICT,
                                                                                BY_IEP))):
        raise ValueError(text)
    if kind == REFERRAL:
        return kind, placed or BY_DISTRICT
    return kind, None

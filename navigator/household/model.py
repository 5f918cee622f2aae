"""The household: up to six children planned together from one home.

Why it looks like this:

* Each child has a stable ``number`` (1, 2, ...) that never changes while the household lives,
  so a tab, a timeline entry or a warning can point at a child even when the family renames
  them; the smallest free number is given to a new child.  The family's own ``label`` (a first
  name) is optional: without one the child is shown as "Child 2" in the screen's language.
* The home belongs to the household, not to a child: every child's search starts from it, so
  adding a second child "copies the home" by construction and asks only for grade and needs.
* A child's needs are the search filters, stored as in the one-child list file (the names of
  :class:`navigator.search.query.Query` fields), and their ranked list is a list of
  :class:`navigator.shortlist.ListedSchool`; :meth:`Household.child_list` gives any child as
  the one-child :class:`navigator.shortlist.FamilyList` every existing check and export reads.
* ``attending``: brothers and sisters who already attend a school (and are not being planned
  for), which is what a process's ``sibling`` priority depends on.  Only what the family says.
* Every change that could make the household invalid (a seventh child, a label too long or the
  same as another child's, a grade that is not a school grade) raises a one-sentence
  :class:`navigator.errors.UserError` and leaves the household as it was.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, time

from babel.lists import format_list

from navigator.errors import UserError
from navigator.i18n import babel_locale, translations_for
from navigator.search.query import Home, Query
from navigator.shortlist import FamilyList, ListedSchool

MAX_CHILDREN = 6
MAX_ATTENDING = 6  # older brothers and sisters already at a school
MAX_LABEL = 40  # characters in a child's label: a first name, not a paragraph
LOWEST_GRADE, HIGHEST_GRADE = -1, 12  # TK .. 12, as the search takes them
# The search criteria a child's needs may hold (as the app's session stores them); the home, the
# grade, the limit and the schools always shown come from elsewhere.
FILTER_FIELDS = tuple(f.name for f in fields(Query)
                      if f.name not in ("home", "grade", "limit", "include"))


@dataclass
class Child:
    """One child the family plans for: grade, needs, ranked list."""

    number: int
    label: str | None = None  # the family's word for the child; None: "Child {number}"
    grade: int | None = None  # -1 TK, 0 K, 1..12
    filters: dict = field(default_factory=dict)  # Query field name -> JSON value
    schools: list[ListedSchool] = field(default_factory=list)  # first choice first

    def ids(self) -> list[str]:
        return [s.id for s in self.schools]


@dataclass
class Attending:
    """A brother or sister who already attends a school (the family says so)."""

    label: str
    school_id: str


@dataclass
class Household:
    region: str
    children: list[Child] = field(default_factory=lambda: [Child(1)])
    home: dict | None = None  # as the search found it (Home's fields), shared by every child
    attending: list[Attending] = field(default_factory=list)
    language: str = "en"
    second_language: str | None = None
    saved_at: str | None = None
    # The school results the family opened and the student group beside "All students": one
    # choice for the household, printed with every child's schools.
    indicators: list[str] = field(default_factory=list)
    indicator_group: str = "ALL"
    # The pack the household was saved with (Pack.stamp()): "What changed" when it is opened on
    # newer information.  None for a household saved before files named their pack.
    pack: dict | None = None

    # --- finding children ------------------------------------------------------------------------

    def child(self, number: int) -> Child:
        for child in self.children:
            if child.number == number:
                return child
        raise UserError(f"There is no child number {number} in this household.")

    def numbers(self) -> list[int]:
        return [c.number for c in self.children]

    # --- changing the household --------------------------------------------------------------

    def add_child(self, label: str | None = None, grade: int | None = None) -> Child:
        """A new child with the household's home, no needs and an empty list."""
        if len(self.children) >= MAX_CHILDREN:
            raise UserError(f"A household can plan for at most {MAX_CHILDREN} children; remove "
                            "one before adding another.")
        number = min(set(range(1, MAX_CHILDREN + 2)) - set(self.numbers()))
        child = Child(number)
        self._set_label(child, label)
        child.grade = check_grade(grade)
        self.children.append(child)
        return child

    def remove_child(self, number: int) -> None:
        """Forget one child (their grade, needs, list and notes); the others stay as they are.

        The last child cannot be removed, only erased with the rest (:meth:`erase`)."""
        child = self.child(number)
        if len(self.children) == 1:
            raise UserError("This is the only child in the household; use Start over to "
                            "erase everything instead.")
        self.children.remove(child)

    def erase(self) -> None:
        """Forget everything about the family at once: every child, the home, who attends where.

        What is left is a fresh household of one unnamed child, as a new family starts."""
        self.children = [Child(1)]
        self.home = None
        self.attending = []
        self.second_language = None
        self.saved_at = None
        self.indicators = []
        self.indicator_group = "ALL"

    def rename(self, number: int, label: str | None) -> None:
        self._set_label(self.child(number), label)

    def set_grade(self, number: int, grade: int | None) -> None:
        self.child(number).grade = check_grade(grade)

    def add_attending(self, label: str, school_id: str) -> Attending:
        """Say that a brother or sister already attends ``school_id``."""
        if len(self.attending) >= MAX_ATTENDING:
            raise UserError(f"At most {MAX_ATTENDING} brothers and sisters who already attend a "
                            "school can be given.")
        name = clean_label(label)
        if name is None:
            raise UserError("Give the name of the brother or sister who attends the school.")
        if not isinstance(school_id, str) or not school_id:
            raise UserError(f"Say which school {name} attends.")
        entry = Attending(name, school_id)
        if entry in self.attending:
            raise UserError(f"{name} is already listed at that school.")
        self.attending.append(entry)
        return entry

    def remove_attending(self, label: str, school_id: str) -> None:
        self.attending = [a for a in self.attending
                          if not (a.label == label and a.school_id == school_id)]

    def _set_label(self, child: Child, label: str | None) -> None:
        name = clean_label(label)
        if name is not None:
            for other in self.children:
                if other is not child and other.label is not None and \
                        _fold(other.label) == _fold(name):
                    raise UserError(f"Another child is already called {other.label!r}; give "
                                    "each child a different name.")
        child.label = name

    # --- one child as the one-child list everything else reads ------------------------------

    def child_list(self, child: Child) -> FamilyList:
        """The child as a one-child list: the household's home, languages and results shown."""
        return FamilyList(
            region=self.region, schools=[ListedSchool(s.id, s.note) for s in child.schools],
            language=self.language, second_language=self.second_language, home=self.home,
            grade=child.grade, filters=dict(child.filters), saved_at=self.saved_at,
            indicators=list(self.indicators), indicator_group=self.indicator_group)

    @classmethod
    def from_family_list(cls, family: FamilyList) -> Household:
        """A one-child list (list file version 1) as a household of one."""
        return cls(region=family.region,
                   children=[Child(1, None, family.grade, dict(family.filters),
                                   [ListedSchool(s.id, s.note) for s in family.schools])],
                   home=family.home, language=family.language,
                   second_language=family.second_language, saved_at=family.saved_at,
                   indicators=list(family.indicators), indicator_group=family.indicator_group,
                   pack=dict(family.pack) if family.pack else None)

    def ids(self) -> list[str]:
        """Every child's listed schools, each once, in the children's order (what changed for
        them is what a counsellor is told)."""
        return list(dict.fromkeys(s.id for c in self.children for s in c.schools))

    def home_point(self) -> Home | None:
        return Home(**self.home) if self.home else None


def clean_label(label: str | None) -> str | None:
    """The label as stored: trimmed, None when empty; a UserError when it cannot be one."""
    if label is None:
        return None
    if not isinstance(label, str):
        raise UserError("A child's name must be text.")
    name = unicodedata.normalize("NFC", " ".join(label.split()))
    if not name:
        return None
    if len(name) > MAX_LABEL:
        raise UserError(f"The name {name[:MAX_LABEL]!r}... is longer than {MAX_LABEL} characters; "
                        "a first name is enough.")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise UserError(f"The name {name!r} contains characters that cannot be shown; type it "
                        "again.")
    return name


def check_grade(grade: int | None) -> int | None:
    if grade is None:
        return None
    if isinstance(grade, bool) or not isinstance(grade, int) or \
            not LOWEST_GRADE <= grade <= HIGHEST_GRADE:
        raise UserError(f"Grade {grade!r} is not a school grade; use TK, K or 1 to 12.")
    return grade


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


# --- words ----------------------------------------------------------------------------------------


def child_label(child: Child, lang: str) -> str:
    """The name the family gave, or "Child 2" in ``lang``."""
    if child.label:
        return child.label
    _ = translations_for(lang).gettext
    # TRANSLATORS: a child the family has not named; {n} is 1 to 6 (their place in the household).
    return _("Child {n}").format(n=child.number)


def label_of(labels: dict[int, str | None], number: int, lang: str) -> str:
    """A child's name from a ``{number: label or None}`` record (as warnings keep them)."""
    return child_label(Child(number, labels.get(number)), lang)


def names_list(labels: dict[int, str | None], numbers: list[int], lang: str) -> str:
    """``Luis and Ana`` / ``Luis y Ana`` / ``Luis, Ana``: children by number, in ``lang``."""
    return format_list([label_of(labels, n, lang) for n in numbers], locale=babel_locale(lang))


def labels_of(household: Household) -> dict[int, str | None]:
    """Every child's number and label, the language-free record a warning keeps."""
    return {c.number: c.label for c in household.children}


# --- a child's search -----------------------------------------------------------------------------


def child_query(household: Household, child: Child) -> Query:
    """The search for one child: the household's home, the child's grade and needs."""
    return Query(home=household.home_point(), grade=child.grade, **needs(child))


def needs(child: Child) -> dict:
    """The child's needs as Query fields.

    A need saved by a newer Navigator (a name this one does not know) is left out, as the app
    does; a need of the wrong type is a UserError naming the child (the list file's reader
    checks every child with this, so a search never meets one)."""
    values = {}
    who = child_label(child, "en")
    for name, value in child.filters.items():
        if name not in FILTER_FIELDS:
            continue
        default = getattr(Query(), name)
        if name in ("open_on", "on_date"):
            try:
                values[name] = date.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                raise UserError(f"{who}'s needs: {name} {value!r} is not a date written "
                                "YYYY-MM-DD.") from None
        elif name == "arrive_by":
            try:
                values[name] = time.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                raise UserError(f"{who}'s needs: arrive_by {value!r} is not a time of day "
                                "written HH:MM.") from None
        elif name == "max_transfers":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
                raise UserError(f"{who}'s needs: max_transfers must be a whole number from 0 "
                                "to 6.")
            values[name] = value
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UserError(f"{who}'s needs: {name} must be a list of codes.")
            values[name] = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise UserError(f"{who}'s needs: {name} must be true or false.")
            values[name] = value
        elif name in ("within_km", "walk_min", "transit_within_m", "transit_minutes",
                      "trip_walk_min"):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                      or not math.isfinite(value) or value <= 0):
                raise UserError(f"{who}'s needs: {name} must be a positive number.")
            values[name] = value
        else:
            if value is not None and not isinstance(value, str):
                raise UserError(f"{who}'s needs: {name} must be text.")
            values[name] = value if value is not None else default
    return values

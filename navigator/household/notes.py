"""What the household checks find, said in plain words in any language.

A :class:`HouseholdWarning` is a :class:`navigator.list_check.ListWarning` that also says which
children it concerns (their numbers; their labels are kept in ``params["labels"]``), so a screen
that shows one-child warnings shows these the same way, and can put a child's name or tab
beside each.  A one-child warning found for one child (or the same one for several) is kept
whole in ``base`` and said with the children's names in front.

The messages use the family's own names for the children; nothing here guesses a child's
gender (the Spanish and Korean sentences are written around the name, not "your son").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.lists import format_list

from navigator.catalogue.codes import PRIORITY, standard_codes
from navigator.household.model import label_of, names_list
from navigator.i18n import babel_locale, format_date, format_distance, translations_for
from navigator.list_check import ListWarning, school_names
from navigator.pack_texts import text_in

_STANDARD = standard_codes()


@dataclass
class HouseholdWarning(ListWarning):
    children: list[int] = field(default_factory=list)  # numbers, in household order
    base: ListWarning | None = None  # a one-child warning, said for ``children``

    def message(self, lang: str) -> str:
        if self.base is not None:
            return _prefixed(self, lang)
        return _MESSAGES[self.kind](self, lang)

    def to_json(self, lang: str) -> dict:
        """The warning as data (for ``--json`` and tests), with its message in ``lang``."""
        return {"kind": self.kind, "severity": self.severity, "children": list(self.children),
                "schools": list(self.schools), "process": self.process,
                "message": self.message(lang)}


def children_names(w: HouseholdWarning, lang: str, numbers: list[int] | None = None) -> str:
    return names_list(w.params["labels"], w.children if numbers is None else numbers, lang)


def _child(w: HouseholdWarning, number: int, lang: str) -> str:
    return label_of(w.params["labels"], number, lang)


def _prefixed(w: HouseholdWarning, lang: str) -> str:
    t = translations_for(lang)
    # TRANSLATORS: a finding about some of the children's lists; {children} are their names
    # ("Luis and Ana"), {message} the finding itself.
    return t.pgettext("household", "{children}: {message}").format(
        children=children_names(w, lang), message=w.base.message(lang))


def _process(w: HouseholdWarning, lang: str) -> str:
    return text_in(w.params["process_name"], lang)


def _with_note(w: HouseholdWarning, lang: str, text: str) -> str:
    """The message, then the district's own words on its priorities where the pack has them."""
    note = w.params.get("priorities_note")
    if not note:
        return text
    _ = translations_for(lang).gettext
    return text + "\n" + _("In the district's words: {note}").format(note=text_in(note, lang))


# --- sibling priority (siblings.py) -------------------------------------------------------------


def _sibling_attends(w: HouseholdWarning, lang: str) -> str:
    t = translations_for(lang)
    text = t.ngettext(
        "{sibling} already attends {school}: {children} gets priority there as a brother or "
        "sister, as long as {sibling} still attends next year.",
        "{sibling} already attends {school}: {children} get priority there as brothers and "
        "sisters, as long as {sibling} still attends next year.",
        len(w.children)).format(sibling=w.params["sibling"], school=school_names(w, lang),
                                children=children_names(w, lang))
    return _with_note(w, lang, text)


def _siblings_applying(w: HouseholdWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    if len(w.children) == 2:
        text = _("If {first} gets a place at {school}, {second} gets priority there, and the "
                 "other way round: brothers and sisters admitted at the same time come "
                 "first.").format(first=_child(w, w.children[0], lang),
                                  second=_child(w, w.children[1], lang), school=school_names(w, lang))
    else:
        text = _("If one of {children} gets a place at {school}, the others get priority "
                 "there: brothers and sisters admitted at the same time come first.").format(
            children=children_names(w, lang), school=school_names(w, lang))
    return _with_note(w, lang, text)


def _siblings_could_apply(w: HouseholdWarning, lang: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    listing, others = w.params["listing"], w.params["others"]
    if listing:
        first = t.ngettext(
            "{others} could also apply to {school}, which is on {listing}'s list.",
            "{others} could also apply to {school}, which is on {listing}'s list.",
            len(others)).format(others=children_names(w, lang, others), school=school_names(w, lang),
                                listing=children_names(w, lang, listing))
    else:
        first = _("{school} teaches the grades of {children}.").format(
            school=school_names(w, lang), children=children_names(w, lang))
    second = t.ngettext(
        "If they apply together and one of them gets a place, the other gets priority there: "
        "brothers and sisters admitted at the same time come first.",
        "If they apply together and one of them gets a place, the others get priority there: "
        "brothers and sisters admitted at the same time come first.",
        len(w.children) - 1)
    return _with_note(w, lang, f"{first} {second}")


def _sibling_applying_unknown(w: HouseholdWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    return _with_note(w, lang, _(
        "“{process}” gives priority to brothers and sisters who already attend {school}; the "
        "district does not say whether one admitted at the same time counts, so ask before "
        "{children} apply.").format(process=_process(w, lang), school=school_names(w, lang),
                                    children=children_names(w, lang)))


def _priority_words(w: HouseholdWarning, lang: str) -> str:
    """The process's priorities in ``lang``: standard codes through the app's catalogue, a
    region's own through the texts the pack gave (kept in ``params``)."""
    words = []
    for item in w.params["priorities"]:
        standard = _STANDARD.get((PRIORITY, item["code"]))
        words.append(translations_for(lang).gettext(standard.label) if standard
                     else text_in(item["label"], lang) or item["code"])
    return format_list(words, locale=babel_locale(lang))


def _siblings_not_listed(w: HouseholdWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    if w.params.get("sibling"):
        text = _("{sibling} attends {school}, but brothers and sisters are not among the "
                 "priorities the district gives for “{process}”: {priorities}.").format(
            sibling=w.params["sibling"], school=school_names(w, lang), process=_process(w, lang),
            priorities=_priority_words(w, lang))
    else:
        text = _("{children} are applying to {school}, but brothers and sisters are not among "
                 "the priorities the district gives for “{process}”: {priorities}.").format(
            children=children_names(w, lang), school=school_names(w, lang),
            process=_process(w, lang), priorities=_priority_words(w, lang))
    return _with_note(w, lang, text)


def _siblings_unknown(w: HouseholdWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    if w.params.get("sibling"):
        text = _("{sibling} attends {school}, but the district does not say whether brothers "
                 "and sisters come first in “{process}”; ask the school.").format(
            sibling=w.params["sibling"], school=school_names(w, lang), process=_process(w, lang))
    else:
        text = _("{children} are applying to {school}, but the district does not say whether "
                 "brothers and sisters come first in “{process}”; ask the school before you "
                 "apply.").format(children=children_names(w, lang), school=school_names(w, lang),
                                  process=_process(w, lang))
    return _with_note(w, lang, text)


# --- across the children's lists (check.py) -----------------------------------------------------


def _same_application(w: HouseholdWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    names, process = children_names(w, lang), _process(w, lang)
    per_household = w.params.get("per_household")
    if per_household is True:
        lines = [_("“{process}” takes one application per household: apply once and list "
                   "{children} on it.").format(process=process, children=names)]
    elif per_household is False:
        lines = [_("“{process}” needs its own application for each child: {children} each "
                   "need one.").format(process=process, children=names)]
    else:
        lines = [_("{children} apply through “{process}”.").format(children=names,
                                                                       process=process)]
    if w.params.get("date"):
        lines.append(_("The last day to apply is {date} for each of them.").format(
            date=format_date(date.fromisoformat(w.params["date"]), lang)))
    return "\n".join(lines)


def _needs_second_choice(w: HouseholdWarning, lang: str) -> str:
    t = translations_for(lang)
    return t.ngettext(
        "{children} has only one school on the list: add a second choice, in case there is no "
        "place there.",
        "{children} each have only one school on their list: add a second choice to each, in "
        "case there is no place there.",
        len(w.children)).format(children=children_names(w, lang))


def _list_empty(w: HouseholdWarning, lang: str) -> str:
    t = translations_for(lang)
    return t.ngettext("{children} has no school on the list yet.",
                      "{children} have no school on their lists yet.",
                      len(w.children)).format(children=children_names(w, lang))


def _far_apart(w: HouseholdWarning, lang: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    first, second = w.children
    a, b = w.schools
    values = {"first": _child(w, first, lang), "second": _child(w, second, lang),
              "school1": school_names(w, lang, [a]), "school2": school_names(w, lang, [b]),
              "distance": format_distance(w.params["km"], lang, w.params["unit"])}
    if w.params.get("opposite"):
        text = _("If {first} and {second} both get their first choices, {school1} and "
                 "{school2} are {distance} apart, in opposite directions from home: a hard "
                 "morning without a car.").format(**values)
    else:
        text = _("If {first} and {second} both get their first choices, {school1} and "
                 "{school2} are {distance} apart: a hard morning without a car.").format(**values)
    minutes = w.params.get("trip_min")
    if minutes is not None:
        text += "\n" + t.ngettext(
            "By public transit the trip between them takes about {n} minute.",
            "By public transit the trip between them takes about {n} minutes.",
            round(minutes)).format(n=round(minutes))
    return text


_MESSAGES = {
    "sibling_attends": _sibling_attends, "siblings_applying": _siblings_applying,
    "siblings_could_apply": _siblings_could_apply,
    "sibling_applying_unknown": _sibling_applying_unknown,
    "siblings_not_listed": _siblings_not_listed, "siblings_unknown": _siblings_unknown,
    "same_application": _same_application, "needs_second_choice": _needs_second_choice,
    "list_empty": _list_empty, "far_apart": _far_apart,
}

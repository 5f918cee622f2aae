"""Plain words for the terms families ask about: one place, so every screen explains "zoned
school", "charter", "IEP" or "one-seat ride" the same way (product.md lists the terms).

Codes from the pack get their label and description from ``navigator.vocabulary`` (so a region's
own codes work too); a pack text that has no translation is shown in English, marked as such.
"""

from __future__ import annotations

from navigator.catalogue.pack import Pack
from navigator.grades import TK
from navigator.i18n import N_, _
from navigator.vocabulary import code_description, code_label

# A grade as the grade buttons and the child switcher name it.  Ordinals are whole messages ("1st
# grade", "2nd grade" ...), one per grade, because every language forms them differently.
GRADE_NAMES = {
    TK: N_("Transitional kindergarten (TK)"),
    0: N_("Kindergarten"),
    1: N_("1st grade"), 2: N_("2nd grade"), 3: N_("3rd grade"), 4: N_("4th grade"),
    5: N_("5th grade"), 6: N_("6th grade"), 7: N_("7th grade"), 8: N_("8th grade"),
    9: N_("9th grade"), 10: N_("10th grade"), 11: N_("11th grade"), 12: N_("12th grade"),
}


def grade_name(grade: int) -> str:
    """A grade in plain words in the current language ("Kindergarten", "3rd grade")."""
    return _(GRADE_NAMES[grade])


def explanation(term: str) -> str:
    """The plain explanation of a term, in the current language."""
    texts = {
        "zoned": _(
            "A zoned school (neighborhood school) is the public school your address is assigned to. "
            "It must offer your child a place. You can also apply to other schools, such as magnet, "
            "dual-language or charter schools."),
        "tk": _(
            "Transitional kindergarten (TK) is a free year of public school before kindergarten, for "
            "four-year-olds. It is taught at elementary schools."),
        "el": _(
            "An English learner (EL) is a student who is still learning English. Schools give them "
            "daily English lessons (English language development, ELD) and other help."),
        "iep": _(
            "Special education is free help and teaching for students with disabilities. An IEP "
            "(Individualized Education Program) is the written plan of the services a child gets."),
        "district": _(
            "A public school run by the school district. Your zoned school is a district school."),
        "charter": _(
            "A free public school that runs itself under its own charter. You apply to it directly; "
            "when more families apply than there are seats, places are given by a lottery (a random "
            "draw)."),
        "one_seat": _(
            "A one-seat ride means one bus or train line goes from a stop near your home to a stop "
            "near the school, with no change."),
        "open_now": _(
            "Only schools with an application period that is open today. Schools you apply to "
            "later in the year are left out."),
        "drop_unknown": _(
            "Some schools have not reported everything. Normally we show them and say what is "
            "unknown. Choose this to leave them out."),
    }
    return texts[term]


def _code_explanations() -> dict[tuple[str, str], str]:
    """Codes whose standard description is too short for a family meeting the term first."""
    return {
        ("program", "magnet"): _(
            "A magnet program is a district program with a theme, such as science or the arts. "
            "Children from anywhere in the district can apply; when there are more applicants than "
            "seats, places are usually given by a lottery."),
        ("sped", "sdc"): _(
            "A special day class (SDC) is a smaller class with a special-education teacher, for "
            "students whose IEP says they need it for most of the school day."),
        ("sped", "resource"): _(
            "In a resource program (RSP), a student with an IEP spends most of the day in a regular "
            "class and gets extra help from a specialist for part of the day."),
    }


def code_name(pack: Pack, category: str, code: str, lang: str) -> str:
    """A program, service or language code in words; "(in English)" when the pack has no
    translation."""
    text = code_label(pack, category, code, lang)
    return text.value + (" " + _("(in English)") if text.fallback else "")


def code_explanation(pack: Pack, category: str, code: str, lang: str) -> str | None:
    own = _code_explanations().get((category, code))
    if own:
        return own
    text = code_description(pack, category, code, lang)
    if text is None:
        return None
    return text.value + (" " + _("(in English)") if text.fallback else "")

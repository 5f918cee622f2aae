"""The standard vocabulary: program, service, language and priority codes, the official results
(indicators) and the kinds of date.

A pack stores codes, never display words, so the same pack reads in every
language: the app translates these labels through gettext.  A region can add
codes of its own (with labels per language) through an overlay.
"""

from __future__ import annotations

from dataclasses import dataclass

from navigator.i18n import N_, translations_for

CATEGORIES = ("program", "el", "sped", "language")
# Admission priorities are codes too (category "priority"), but of processes, not of schools:
# a district lists them in its own order on each process (REGION.md, overlay `processes`).
PRIORITY = "priority"


@dataclass(frozen=True)
class Code:
    category: str
    code: str
    label: str
    description: str = ""


STANDARD_CODES: tuple[Code, ...] = (
    Code("program", "dual_language", N_("Dual-language immersion"),
         N_("Children learn in two languages, for example English and Spanish, "
            "with the goal of reading and writing well in both.")),
    Code("program", "multilingual", N_("Multilingual program"),
         N_("The state lists at least one multilingual program here "
            "(bilingual, dual-language or immersion); it does not say which language.")),
    Code("program", "magnet", N_("Magnet program"),
         N_("A district program with a theme, such as science or the arts, open to "
            "students from across the district, usually through an application.")),
    Code("program", "pilot", N_("Pilot school"),
         N_("A district school with more freedom over its schedule, budget and teaching.")),
    Code("program", "stem", N_("Science, technology, engineering and math (STEM)")),
    Code("program", "arts", N_("Arts")),
    Code("program", "ib", N_("International Baccalaureate (IB)")),
    Code("program", "gifted", N_("Gifted and talented (GATE)")),
    Code("program", "cte", N_("Career and technical education")),
    Code("program", "early_college", N_("Early college")),
    Code("program", "montessori", N_("Montessori")),
    Code("el", "eld", N_("English language development (ELD)"),
         N_("Daily lessons that help English learners learn English.")),
    Code("el", "newcomer", N_("Newcomer program"),
         N_("Extra support for students who have just arrived in the country.")),
    Code("el", "dual_language", N_("Dual-language program for English learners")),
    Code("el", "bilingual_staff", N_("Bilingual staff")),
    Code("sped", "resource", N_("Resource program"),
         N_("A student with an IEP spends most of the day in a regular class and "
            "gets extra help from a specialist for part of the day.")),
    Code("sped", "sdc", N_("Special day class"),
         N_("A smaller class, taught by a special-education teacher, for students "
            "whose IEP says they need it for most of the day.")),
    Code("sped", "autism", N_("Autism program")),
    Code("sped", "dhh", N_("Deaf and hard of hearing program")),
    Code("sped", "speech", N_("Speech and language services")),
    Code("sped", "inclusion", N_("Full inclusion"),
         N_("Students with disabilities learn in regular classes with support.")),
    Code("sped", "accessible", N_("Wheelchair-accessible campus")),
    Code("sped", "special_school", N_("Special-education school"),
         N_("A school that serves only students with disabilities.")),
)

# Who comes first when an application process has more applicants than seats, in the plain words a
# family needs ("sibling" is a brother or sister who attends the school; "sibling_applying" one who
# is admitted through the same application).  A region adds its own with a `codes` overlay row of
# category "priority".
PRIORITY_CODES: tuple[Code, ...] = (
    Code(PRIORITY, "sibling", N_("Brother or sister at the school"),
         N_("Children whose brother or sister already attends the school, and will still attend "
            "next year, get a place first.")),
    Code(PRIORITY, "sibling_applying", N_("Brother or sister admitted at the same time"),
         N_("When one child in a family is admitted through this application, a brother or "
            "sister applying for the same year comes first.")),
    Code(PRIORITY, "zone", N_("Lives in the school's zone"),
         N_("Children who live in the school's attendance zone get a place first.")),
    Code(PRIORITY, "district_resident", N_("Lives in the district"),
         N_("Children who live inside the school district come before those from outside it.")),
    Code(PRIORITY, "feeder", N_("Comes from a feeder school"),
         N_("Children moving up from a school that sends its students here come first.")),
    Code(PRIORITY, "staff", N_("Child of a staff member"),
         N_("Children of the school's teachers and staff come first.")),
    Code(PRIORITY, "low_income", N_("Family with a low income"),
         N_("Children from families with a low income (for example, families who qualify for "
            "free or reduced-price school meals) come first.")),
    Code(PRIORITY, "english_learner", N_("English learner"),
         N_("Children who are learning English come first for some of the seats.")),
)

# Languages spoken by staff are ISO 639-1 codes (category "language"); these
# are the ones the app names without help from the pack.
LANGUAGE_NAMES = {
    "en": N_("English"), "es": N_("Spanish"), "ko": N_("Korean"), "zh": N_("Chinese"),
    "hy": N_("Armenian"), "tl": N_("Tagalog"), "vi": N_("Vietnamese"), "ar": N_("Arabic"),
    "fa": N_("Persian"), "ru": N_("Russian"), "ja": N_("Japanese"), "km": N_("Khmer"),
}


def standard_codes() -> dict[tuple[str, str], Code]:
    """Every standard code keyed by (category, code), language codes included."""
    codes = {(c.category, c.code): c for c in STANDARD_CODES + PRIORITY_CODES}
    for iso, name in LANGUAGE_NAMES.items():
        codes[("language", iso)] = Code("language", iso, name)
    return codes


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # N_ message
    short: str  # N_ message: one line, always shown beside the name
    explanation: str  # N_ message: the "?" text
    unit: str  # "points" (distance from standard) or "percent"
    higher_is_better: bool  # which way is better: more points above the standard, fewer absences


# Official school results (the pack's ``indicators`` table): the codes a pack may hold, in the
# fixed order every screen and export shows them (never by value), each with its names marked for
# translation and which way is better.  Ordering by one of them is something a family asks for,
# never the default; a school without a reported value goes last, never counted as zero.
INDICATORS: dict[str, Indicator] = {i.code: i for i in (
    Indicator("ela", N_("English language arts"),
              N_("How far students' reading and writing test scores are from the state's "
                 "standard."),
              N_("English language arts (reading and writing): how far, on average, students' test "
                 "scores are above or below the state's standard for their grade. 0 means exactly "
                 "at the standard; above 0 is better. Students in grades 3 to 8 and 11 take the "
                 "test."), "points", True),
    Indicator("math", N_("Mathematics"),
              N_("How far students' math test scores are from the state's standard."),
              N_("Mathematics: how far, on average, students' test scores are above or below the "
                 "state's standard for their grade. 0 means exactly at the standard; above 0 is "
                 "better. Students in grades 3 to 8 and 11 take the test."), "points", True),
    Indicator("elpi", N_("English learner progress"),
              N_("The share of English learners who moved up in English this year."),
              N_("English learner progress: the share of English learners who moved up at least "
                 "one level on the state's English test, or stayed at the top level. Higher is "
                 "better."), "percent", True),
    Indicator("chronic", N_("Chronic absenteeism"),
              N_("The share of students who missed many school days."),
              N_("Chronic absenteeism: the share of students who missed 10 percent or more of the "
                 "school days they were enrolled (about 18 days in a full year). Lower is better."),
              "percent", False),
    Indicator("suspension", N_("Suspension rate"),
              N_("The share of students suspended at least once."),
              N_("Suspension rate: the share of students who were suspended at least once during "
                 "the school year. Lower is better."), "percent", False),
    Indicator("graduation", N_("Graduation rate"),
              N_("The share of students who finished high school on time."),
              N_("Graduation rate: the share of students who finished high school with a regular "
                 "diploma within four years (or five). Higher is better."), "percent", True),
    Indicator("cci", N_("College and career readiness"),
              N_("The share of graduates ready for college or a career."),
              N_("College and career readiness: the share of graduates who finished high school "
                 "ready for college or a career by the state's measures (courses, tests, "
                 "certificates). Higher is better."), "percent", True),
)}


# The kinds of date a process has (the pack's ``deadlines.kind``), named when the pack gives a date
# no label of its own.
def kind_label(kind: str, lang: str) -> str:
    """A plain name for a kind of date, used when the pack gives the date no label."""
    t = translations_for(lang)
    labels = {
        "opens": t.pgettext("deadline", "Applications open"),
        "closes": t.pgettext("deadline", "Last day to apply"),
        "lottery": t.pgettext("deadline", "Lottery"),
        "notification": t.pgettext("deadline", "Results"),
        "accept_by": t.pgettext("deadline", "Last day to accept a place"),
    }
    return labels.get(kind, t.pgettext("deadline", "Date"))

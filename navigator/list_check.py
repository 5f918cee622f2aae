"""The list checker: what could go wrong with a family's ranked list, in plain words.

:func:`check_list` returns structured warnings (``kind``, the schools, the
process, language-free ``params``) so the app can show, sort or highlight them;
``ListWarning.message(lang)`` says each one in any language, so switching the
screen language or printing in a second language needs no new check.

The checks, in the order they are returned:

* ``deadline_passed``: every application deadline of a process on the list has
  passed; the message adds what the family can still do when the pack says.
* ``deadline_soon``: a process on the list closes within the week (today, tomorrow or in up to
  :data:`navigator.next_steps.WEEK_DAYS` days), the same steps the plan marks as urgent.
* ``grade_not_offered`` / ``grade_unknown``: the child's grade is outside the
  school's grades, or the pack does not know its grades.  Transitional
  kindergarten at a school starting at kindergarten is not flagged: directories
  write TK as K, so we cannot say (the same rule as the search).
* ``separate_applications``: the list's schools go through more than one
  application (the zoned school needs none: it is a registration).
* ``too_many_choices`` / ``too_few_choices``: more schools for a process than it
  accepts (``max_choices``), or fewer than it recommends (``recommended_choices``).
* ``high_demand_only``: every school on the list had more than
  :data:`HIGH_DEMAND` applicants per seat last year (for the process the family
  applies through).  A school without a figure counts as unknown, so a list with
  one is never flagged: we do not guess.
* ``zoned_missing``: none of the family's zoned schools is on the list.
* ``ranked_preference`` (information): a process that places children by their
  ranked choices; ranking in true order of preference does not hurt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.lists import format_list

from navigator.catalogue.pack import Pack
from navigator.deadlines import ApplicationPlan, application_plan, countdown, days_between, format_when
from navigator.facts import grade_name
from navigator.grades import TK, K, span_label
from navigator.i18n import babel_locale, format_date, format_number, translations_for
from navigator.next_steps import NextStep, next_steps, plan_schools
from navigator.pack_texts import text_in, texts_in_every_language
from navigator.search.query import approximate_place
from navigator.search.zones import zoned_schools

# More applicants per seat than this, at every listed school: fewer than half get a place.
HIGH_DEMAND = 2.0


@dataclass
class ListWarning:
    """One finding about the list; ``params`` hold only data (ids, numbers, ISO dates, texts)."""

    kind: str
    schools: list[str]
    process: str | None = None
    params: dict = field(default_factory=dict)
    severity: str = "warning"  # "warning", or "info" for an explanation

    def message(self, lang: str) -> str:
        """The finding in plain words in ``lang``; extra lines start with a bullet."""
        return _MESSAGES[self.kind](self, lang)


def zoned_ids(pack: Pack, home: dict | None, grade: int | None) -> set[str] | None:
    """The family's zoned schools for the grade, or None when home or grade is unknown."""
    if not home or grade is None:
        return None
    try:
        lat, lon = float(home["latitude"]), float(home["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    return set(zoned_schools(pack, lat, lon, grade))


def check_list(pack: Pack, school_ids: list[str], today: date, *, grade: int | None = None,
               zoned: set[str] | None = None, home: dict | None = None,
               plan: ApplicationPlan | None = None,
               steps: list[NextStep] | None = None) -> list[ListWarning]:
    """Check a ranked list (school ids, first choice first) on ``today``.

    ``home``: as in the list file (latitude, longitude, kind, matched).  ``zoned``: the family's
    zoned school ids; when None they are found from ``home`` and ``grade``.  A home that is a
    ZIP's centre or a stop makes the zoned-school warning say so.  ``plan`` and ``steps``: the
    plan and its next steps when the caller has them (:func:`navigator.list_review.review_list`).
    """
    if zoned is None:
        zoned = zoned_ids(pack, home, grade)
    plan = plan or application_plan(pack, school_ids, "en", zoned)
    names = {i: plan.profiles[i].name for i in school_ids}

    def process_params(process_id: str, schools: list[str]) -> dict:
        process = plan.routes[process_id].process
        return {"names": {i: names[i] for i in schools},
                "process_name": texts_in_every_language(pack, "process", process_id, "name",
                                                        process.name.value)}

    found: list[ListWarning] = []
    applications = [r for r in plan.routes.values() if r.needs_application]
    for route in applications:
        closing = [d for d in route.process.deadlines if d.kind == "closes"]
        if closing and all(days_between(today, date.fromisoformat(d.date)) < 0 for d in closing):
            late = route.process.late_options
            params = process_params(route.process.id, route.schools) | {
                "date": closing[-1].date,
                "late_options": texts_in_every_language(pack, "process", route.process.id, "late_options",
                                       late.value if late else None)}
            found.append(ListWarning("deadline_passed", list(route.schools), route.process.id,
                                     params))
    for step in steps if steps is not None else next_steps(plan_schools(plan), today):
        if step.urgent and not step.registration and step.deadline is not None:
            ids = [s.school_id for s in step.schools]
            found.append(ListWarning("deadline_soon", ids, step.process.id,
                                     process_params(step.process.id, ids)
                                     | {"date": step.deadline.date, "time": step.deadline.time,
                                        "days_left": step.days_left}))
    if grade is not None:
        for school_id in school_ids:
            profile = plan.profiles[school_id]
            low, high = profile.grade_low, profile.grade_high
            params = {"names": {school_id: names[school_id]}, "grade": grade,
                      "span": span_label(low, high)}
            if low is None or high is None:
                found.append(ListWarning("grade_unknown", [school_id], None, params, "info"))
            elif not low <= grade <= high and not (grade == TK and low == K):
                found.append(ListWarning("grade_not_offered", [school_id], None, params))
    if len(applications) > 1:
        groups = [{"process": r.process.id, "schools": list(r.schools),
                   "process_name": texts_in_every_language(pack, "process", r.process.id, "name",
                                          r.process.name.value)} for r in applications]
        found.append(ListWarning(
            "separate_applications", [i for i in school_ids if plan.applications(i)], None,
            {"names": names, "groups": groups}))
    for route in applications:
        process, count = route.process, len(route.schools)
        if process.max_choices is not None and count > process.max_choices:
            found.append(ListWarning("too_many_choices", list(route.schools), process.id,
                                     process_params(process.id, route.schools)
                                     | {"count": count, "max": process.max_choices}))
        elif process.recommended_choices is not None and count < process.recommended_choices:
            found.append(ListWarning("too_few_choices", list(route.schools), process.id,
                                     process_params(process.id, route.schools)
                                     | {"count": count, "recommended": process.recommended_choices}))
    demand = _demand(plan, school_ids)
    if school_ids and all(demand.get(i) is not None and demand[i] > HIGH_DEMAND for i in school_ids):
        found.append(ListWarning("high_demand_only", list(school_ids), None,
                                 {"names": names, "applicants_per_seat": demand,
                                  "threshold": HIGH_DEMAND}))
    if zoned and not zoned & set(school_ids):
        zoned_names = {i: name for i, name in pack.conn.execute(
            f"SELECT id, name FROM schools WHERE id IN ({','.join('?' * len(zoned))}) ORDER BY name",
            sorted(zoned))}
        found.append(ListWarning("zoned_missing", list(zoned_names), None,
                                 {"names": zoned_names, "near": approximate_place(home)}))
    for route in applications:
        if route.process.ranked_preference:
            found.append(ListWarning("ranked_preference", list(route.schools), route.process.id,
                                     process_params(route.process.id, route.schools), "info"))
    return found


def _demand(plan: ApplicationPlan, school_ids: list[str]) -> dict[str, float | None]:
    """Per school, the lowest demand among the processes the family applies through."""
    demand: dict[str, float | None] = {}
    for school_id in school_ids:
        figures = [r.applicants_per_seat[school_id] for r in plan.applications(school_id)
                   if school_id in r.applicants_per_seat]
        demand[school_id] = min(figures) if figures else None
    return demand


# --- messages ----------------------------------------------------------------------------------


def school_names(warning: ListWarning, lang: str, ids: list[str] | None = None) -> str:
    """The names of the warning's schools (or of ``ids``), as a list in ``lang``: "A, B and C"."""
    names = warning.params.get("names", {})
    return format_list([names.get(i, i) for i in (ids if ids is not None else warning.schools)],
                       locale=babel_locale(lang))


def _deadline_passed(w: ListWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    lines = [_("The last day to apply through “{process}” was {date}: {schools}.").format(
        process=text_in(w.params["process_name"], lang), schools=school_names(w, lang),
        date=format_date(date.fromisoformat(w.params["date"]), lang))]
    if w.params.get("late_options"):
        lines.append(_("What you can still do: {options}").format(
            options=text_in(w.params["late_options"], lang)))
    else:
        lines.append(_("We do not know whether late applications are taken; ask the school or "
                       "the district."))
    return "\n".join(lines)


def _deadline_soon(w: ListWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    return _("“{process}” {countdown}, {date}: {schools}. Apply before then.").format(
        process=text_in(w.params["process_name"], lang),
        countdown=countdown(w.params["days_left"], "closes", lang),
        date=format_when(date.fromisoformat(w.params["date"]), w.params.get("time"), lang),
        schools=school_names(w, lang))


def _grade_not_offered(w: ListWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    return _("{school} does not teach {grade}: it teaches grades {span}.").format(
        school=school_names(w, lang), grade=grade_name(w.params["grade"], lang), span=w.params["span"])


def _grade_unknown(w: ListWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    return _("We do not know which grades {school} teaches; ask the school whether it takes "
             "{grade}.").format(school=school_names(w, lang), grade=grade_name(w.params["grade"], lang))


def _separate_applications(w: ListWarning, lang: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    groups = w.params["groups"]
    lines = [t.ngettext("Your list needs {n} separate application, each with its own form and "
                        "dates:",
                        "Your list needs {n} separate applications, each with its own form and "
                        "dates:", len(groups)).format(n=format_number(len(groups), lang))]
    for group in groups:
        lines.append(_("• {process} — {schools}").format(
            process=text_in(group["process_name"], lang), schools=school_names(w, lang, group["schools"])))
    return "\n".join(lines)


def _too_many(w: ListWarning, lang: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    process = text_in(w.params["process_name"], lang)
    return "\n".join([
        t.ngettext("“{process}” accepts at most {n} choice.",
                   "“{process}” accepts at most {n} choices.", w.params["max"]).format(
            process=process, n=format_number(w.params["max"], lang)),
        t.ngettext("Your list has {n} school that goes through it: {schools}.",
                   "Your list has {n} schools that go through it: {schools}.",
                   w.params["count"]).format(n=format_number(w.params["count"], lang),
                                             schools=school_names(w, lang)),
        _("Keep the ones you want most, in your order of preference."),
    ])


def _too_few(w: ListWarning, lang: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    process = text_in(w.params["process_name"], lang)
    return "\n".join([
        t.ngettext("“{process}” recommends listing {n} choice.",
                   "“{process}” recommends listing {n} choices.", w.params["recommended"]).format(
            process=process, n=format_number(w.params["recommended"], lang)),
        t.ngettext("Your list has {n} school for it: {schools}.",
                   "Your list has {n} schools for it: {schools}.", w.params["count"]).format(
            n=format_number(w.params["count"], lang), schools=school_names(w, lang)),
        _("Families who list too few schools are the ones most often left without a "
                  "place."),
    ])


def _high_demand(w: ListWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    lines = [_("Every school on your list had more than {threshold} applicants per seat "
                       "last year, so a place at any of them is unlikely. Add a school with less "
                       "demand, or your zoned school.").format(
        threshold=format_number(w.params["threshold"], lang))]
    for school_id in w.schools:
        lines.append(_("• {school}: {value} applicants per seat").format(
            school=school_names(w, lang, [school_id]),
            value=format_number(w.params["applicants_per_seat"][school_id], lang)))
    return "\n".join(lines)


def _zoned_missing(w: ListWarning, lang: str) -> str:
    t = translations_for(lang)
    if w.params.get("near"):
        return t.ngettext(
            "The zoned school for {place}, {schools}, is not on your list. If your home is in its "
            "zone, your child has a guaranteed place there; listing it last keeps a sure option.",
            "The zoned schools for {place}, {schools}, are not on your list. If your home is in "
            "their zones, your child has a guaranteed place at the one for their grade; listing it "
            "last keeps a sure option.",
            len(w.schools)).format(place=w.params["near"], schools=school_names(w, lang))
    return t.ngettext(
        "Your zoned school, {schools}, is not on your list. Your child has a guaranteed place "
        "there; listing it last keeps a sure option.",
        "Your zoned schools, {schools}, are not on your list. Your child has a guaranteed place "
        "at the one for their grade; listing it last keeps a sure option.",
        len(w.schools)).format(schools=school_names(w, lang))


def _ranked(w: ListWarning, lang: str) -> str:
    _ = translations_for(lang).gettext
    return _("“{process}” gives places by your order of preference. List the schools in the "
             "order you really prefer them: putting your favourite first does not lower your "
             "chances at your other choices.").format(
        process=text_in(w.params["process_name"], lang))


_MESSAGES = {
    "deadline_passed": _deadline_passed, "deadline_soon": _deadline_soon,
    "grade_not_offered": _grade_not_offered,
    "grade_unknown": _grade_unknown, "separate_applications": _separate_applications,
    "too_many_choices": _too_many, "too_few_choices": _too_few,
    "high_demand_only": _high_demand, "zoned_missing": _zoned_missing,
    "ranked_preference": _ranked,
}

__all__ = ["HIGH_DEMAND", "ListWarning", "check_list", "school_names", "zoned_ids"]

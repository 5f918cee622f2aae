"""A family's list reviewed on one day: the one pipeline behind every place that shows a list.

zoned schools (from the home and the grade, :func:`navigator.list_check.zoned_ids`) → the
application plan (which processes apply to which listed school, in one language:
:func:`navigator.deadlines.application_plan`) → the plan's next steps, most urgent first
(:func:`navigator.next_steps.next_steps`) → the list checks (:func:`navigator.list_check.check_list`).

The printed list and web page, the phone's QR text, My list and the household's checks all start
here, so they never disagree about which school is zoned, which process applies or which date
comes next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from navigator.catalogue.pack import Pack
from navigator.deadlines import ApplicationPlan, application_plan
from navigator.list_check import ListWarning, check_list, zoned_ids
from navigator.next_steps import NextStep, next_steps, plan_schools


@dataclass
class ListReview:
    zoned: set[str] | None  # the family's zoned schools for the grade; None: home or grade unknown
    plan: ApplicationPlan
    steps: list[NextStep]  # what to do next, most urgent first
    warnings: list[ListWarning]  # the list checks, in check_list's order


def review_list(pack: Pack, school_ids: list[str], today: date, lang: str = "en", *,
                grade: int | None = None, home: dict | None = None,
                zoned: set[str] | None = None, checks: bool = True,
                check_empty: bool = False) -> ListReview:
    """Review the ranked list ``school_ids`` on ``today``, the plan's texts in ``lang``.

    ``home``: as in the list file (latitude, longitude, kind, matched); ``zoned``: the zoned
    schools when the caller knows them already (the search found them), else found from
    ``home`` and ``grade``.  ``checks``: False when only the plan is wanted (the phone's codes).
    An empty list is not checked (the screens and the printout say it has no schools yet)
    unless ``check_empty``: a household still says a child's zoned school is missing.
    """
    if zoned is None:
        zoned = zoned_ids(pack, home, grade)
    plan = application_plan(pack, school_ids, lang, zoned)
    steps = next_steps(plan_schools(plan), today)
    warnings = check_list(pack, school_ids, today, grade=grade, zoned=zoned, home=home, plan=plan,
                          steps=steps) if checks and (school_ids or check_empty) else []
    return ListReview(zoned, plan, steps, warnings)

"""The family's plan (navigator.next_steps): one step per process, most urgent first, in words.

Built from processes made here (no pack needed) and from Rosa's demo list on the day before the
Valle Verde Choices deadline (2026-12-04, 5 p.m.), so the order and the words can be checked
against dates chosen for it.
"""

from __future__ import annotations

from datetime import date

import pytest
from demo import EASTGATE, LAS_FLORES, PENA, PUENTE
from demo import PLAN_DAY as DAY

from navigator.catalogue.pack import open_pack
from navigator.catalogue.records import Text
from navigator.deadlines import application_plan
from navigator.list_check import zoned_ids
from navigator.next_steps import (
    LATER,
    MARKS,
    NO_DEADLINE,
    PASSED,
    TODAY,
    TOMORROW,
    UNKNOWN,
    WEEK,
    PlanSchool,
    next_steps,
    plan_schools,
    step_words,
)
from navigator.profile import ApplicationProcess, Deadline
from navigator.resources import demo_pack
from navigator.shortlist import load_list


def process(pid: str, *dates: tuple[str, str], kind: str = "choice", late: str | None = None,
            name: str | None = None) -> ApplicationProcess:
    deadlines = [Deadline(f"{pid}-{k}-{d}", k, d, "17:00" if k == "closes" else None, None, "s")
                 for k, d in dates]
    return ApplicationProcess(
        pid, kind, "region", Text(name or f"Process {pid}", "en", False), None, None, None,
        Text(late, "en", False) if late else None, None, None, None, None, None, None, None,
        deadlines, "s")


def school(sid: str, *processes: ApplicationProcess, for_whom: str = "") -> PlanSchool:
    return PlanSchool(sid, f"School {sid}", tuple(processes), for_whom)


def test_one_process_for_two_schools_is_one_step() -> None:
    choices = process("choices", ("closes", "2026-12-04"))
    steps = next_steps([school("a", choices), school("b", choices)], DAY)
    assert len(steps) == 1
    assert [s.school_id for s in steps[0].schools] == ["a", "b"]
    words = step_words(steps[0], "en")
    assert words.sentence.count("Process choices") == 1
    assert "covers 2 schools on your list: School a and School b" in words.sentence


def test_urgent_first_then_passed_then_later_then_unknown() -> None:
    later = process("later", ("closes", "2027-01-05"))  # next month
    tomorrow = process("tomorrow", ("closes", "2026-12-04"))
    today = process("today", ("closes", "2026-12-03"))
    week = process("week", ("opens", "2026-10-01"), ("closes", "2026-12-09"))
    passed = process("passed", ("closes", "2026-11-14"), ("lottery", "2026-12-20"),
                     late="Join the waiting list.")
    unknown = process("unknown")
    steps = next_steps([school("a", later, unknown), school("b", tomorrow, passed),
                        school("c", week, today)], DAY)
    assert [(s.process.id, s.level) for s in steps] == [
        ("today", TODAY), ("tomorrow", TOMORROW), ("week", WEEK), ("passed", PASSED),
        ("later", LATER), ("unknown", UNKNOWN)]
    assert steps[2].days_left == 6 and steps[4].days_left == 33


def test_a_passed_deadline_says_what_can_still_be_done_and_what_comes_next() -> None:
    passed = process("passed", ("closes", "2026-11-14"), ("lottery", "2026-12-20"),
                     late="Join the waiting list.")
    step = next_steps([school("a", passed)], DAY)[0]
    assert step.level == PASSED and step.days_left == -19
    words = step_words(step, "en")
    assert words.mark == "✕" and words.headline == "Closed 19 days ago"
    assert "What you can still do: Join the waiting list." in words.details
    assert "If you applied: Lottery, Sunday, December 20, 2026." in words.details
    silent = next_steps([school("a", process("p", ("closes", "2026-11-14")))], DAY)[0]
    assert "We do not know whether late applications are taken" in step_words(silent, "en").plain()


def test_unknown_dates_are_said_to_be_unknown() -> None:
    words = step_words(next_steps([school("a", process("p"))], DAY)[0], "es")
    assert words.mark == "?" and words.when == ""
    assert "pregunte" in words.plain().lower()


def test_the_mark_is_a_shape_as_well_as_words() -> None:
    assert len(set(MARKS.values())) >= 5  # passed, urgent, later, no deadline, unknown differ
    step = next_steps([school("a", process("p", ("closes", "2026-12-04")))], DAY)[0]
    words = step_words(step, "en")
    assert (words.mark, words.headline) == ("⚠", "Closes tomorrow")
    assert words.when == "Friday, December 4, 2026 at 5:00\u202fPM"
    assert step_words(step, "ko").headline == "내일 마감"
    assert step_words(step, "es").headline == "Cierra mañana"


def test_a_household_says_whose_school_it_is() -> None:
    choices = process("choices", ("closes", "2027-02-01"))
    steps = next_steps([school("a", choices, for_whom="Ana"), school("b", choices, for_whom="Luis")],
                       DAY)
    assert len(steps) == 1
    assert "School a (for Ana) and School b (for Luis)" in step_words(steps[0], "en").sentence


@pytest.fixture(scope="module")
def rosas_plan():
    family = load_list(demo_pack().parent / "demo" / "shortlist.json")
    with open_pack(demo_pack()) as pack:
        plan = application_plan(pack, family.ids(), "en", zoned_ids(pack, family.home, family.grade))
        yield plan


def test_rosas_plan_on_the_day_before_the_choices_deadline(rosas_plan) -> None:
    steps = next_steps(plan_schools(rosas_plan), DAY)
    assert [s.process.id for s in steps] == ["vvusd-dual-language", "vvusd-zone", "lottery-pu"]
    first, zone, lottery = steps
    assert first.level == TOMORROW and [s.school_id for s in first.schools] == [PENA, EASTGATE]
    assert zone.registration and zone.level == LATER and zone.schools[0].school_id == LAS_FLORES
    assert lottery.level == LATER and lottery.days_left == 71
    assert lottery.schools[0].school_id == PUENTE
    words = step_words(first, "en")
    assert words.plain().startswith("⚠ Closes tomorrow · Friday, December 4, 2026 at 5:00\u202fPM")
    assert "Escuela Peña Elementary and Eastgate Elementary" in words.sentence
    # After the zoned school's registration has opened there is no deadline to it.
    assert next_steps(plan_schools(rosas_plan), date(2027, 2, 1))[1].level in (NO_DEADLINE, LATER)

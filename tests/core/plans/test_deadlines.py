"""Deadlines (timeline, countdowns, date arithmetic, time zones) and the list checker, on the demo pack."""

from __future__ import annotations

import csv
import os
import re
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from demo import CUMBRE, EASTGATE, HILLCREST, LAS_FLORES, MARIPOSA, OAK, PENA, PLAN_DAY, PUENTE, ROOT, TODAY

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.codes import kind_label
from navigator.catalogue.pack import open_pack
from navigator.deadlines import application_plan, countdown, days_between, timeline
from navigator.list_check import HIGH_DEMAND, check_list, zoned_ids
from navigator.search.location import home_from_zip

ROSA = [PUENTE, PENA, EASTGATE, LAS_FLORES]


@pytest.fixture(scope="module")
def rosa_home(pack) -> dict:
    home = home_from_zip(pack, "00104")
    return {"latitude": home.latitude, "longitude": home.longitude}


def kinds(warnings) -> list[str]:
    return [w.kind for w in warnings]


# --- countdowns and date arithmetic ------------------------------------------------------------


@pytest.mark.parametrize(("days", "kind", "lang", "text"), [
    (5, "closes", "en", "closes in 5 days"), (1, "closes", "en", "closes tomorrow"),
    (0, "closes", "en", "closes today"), (-1, "closes", "en", "closed yesterday"),
    (-3, "closes", "en", "closed 3 days ago"), (2, "opens", "en", "opens in 2 days"),
    (-10, "opens", "en", "opened 10 days ago"), (9, "lottery", "en", "in 9 days"),
    (0, "notification", "en", "today"), (-2, "accept_by", "en", "2 days ago"),
    (5, "closes", "es", "cierra en 5 días"), (1, "closes", "es", "cierra mañana"),
    (-3, "closes", "es", "cerró hace 3 días"), (-1, "closes", "es", "cerró ayer"),
    (5, "closes", "ko", "5일 후 마감"), (0, "closes", "ko", "오늘 마감"),
    (-3, "closes", "ko", "3일 전 마감됨"), (9, "lottery", "ko", "9일 후"),
])
def test_countdown_words(days: int, kind: str, lang: str, text: str) -> None:
    assert countdown(days, kind, lang) == text


def test_countdown_singular_and_fallback_language() -> None:
    assert countdown(21, "closes", "es") == "cierra en 21 días"
    assert countdown(-21, "opens", "es") == "abrió hace 21 días"
    assert countdown(3, "closes", "xx") == "closes in 3 days"  # unknown language: English
    assert kind_label("closes", "es") == "Último día para solicitar"
    assert kind_label("something", "ko") == "날짜"


@pytest.mark.parametrize(("today", "when", "days"), [
    (date(2026, 12, 30), date(2027, 1, 2), 3),  # across the year end
    (date(2027, 1, 2), date(2026, 12, 30), -3),
    (date(2027, 1, 31), date(2027, 2, 1), 1),  # across a month end
    (date(2028, 2, 28), date(2028, 3, 1), 2),  # leap year
    (date(2027, 2, 28), date(2027, 3, 1), 1),
    (date(2027, 3, 13), date(2027, 3, 15), 2),  # the US clock change (2027-03-14) takes no day
    (date(2026, 11, 1), date(2026, 11, 2), 1),
])
def test_days_between_plain_dates(today: date, when: date, days: int) -> None:
    assert days_between(today, when) == days


def test_timeline_across_the_year_end(pack) -> None:
    entries = {e.deadline_id: e for e in timeline(pack, [CUMBRE, PENA], "en", date(2026, 12, 30))}
    assert entries["lottery-cu-accept_by"].days_left == 9  # 2027-01-08
    assert entries["vvusd-dual-language-closes"].days_left == -26  # 2026-12-04
    assert entries["vvusd-dual-language-closes"].past
    assert countdown(entries["lottery-cu-accept_by"].days_left, "accept_by", "en") == "in 9 days"
    on_new_year = {e.deadline_id: e for e in timeline(pack, [CUMBRE], "en", date(2027, 1, 2))}
    assert on_new_year["lottery-cu-accept_by"].days_left == 6


@pytest.fixture
def other_time_zone():
    """Run with the machine's clock far from the region's: +14 h, then -11 h."""
    saved = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield use
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Seoul", "UTC"])
def test_machine_time_zone_does_not_shift_dates(pack, other_time_zone, zone: str) -> None:
    before = [(e.deadline_id, e.date, e.days_left) for e in timeline(pack, ROSA, "en", TODAY)]
    other_time_zone(zone)
    assert time.localtime().tm_gmtoff != 0 or zone == "UTC"
    after = [(e.deadline_id, e.date, e.days_left) for e in timeline(pack, ROSA, "en", TODAY)]
    assert after == before


def test_no_clock_is_read_below_the_command_line() -> None:
    """Only the CLI may read today's date; everything else is given ``today``."""
    files = [ROOT / "navigator" / "deadlines.py", ROOT / "navigator" / "list_check.py",
             *sorted((ROOT / "navigator" / "exports").glob("*.py"))]
    for path in files:
        if path.name == "cli.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"date\.today\(|datetime\.now\(|time\.time\(", text), path


# --- the timeline ---------------------------------------------------------------------------------


def test_timeline_for_rosas_list(pack, rosa_home) -> None:
    zoned = zoned_ids(pack, rosa_home, 0)
    assert zoned is not None and LAS_FLORES in zoned
    entries = timeline(pack, ROSA, "es", TODAY, zoned=zoned)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    closes = [e for e in entries if e.kind == "closes"]
    # the district's dual-language window appears once, covering both listed schools
    dual = [e for e in closes if e.process.id == "vvusd-dual-language"]
    assert len(dual) == 1 and dual[0].schools == [PENA, EASTGATE]
    assert dual[0].region_wide and dual[0].days_left == 11 and dual[0].time == "17:00"
    assert dual[0].label.value == "Último día para solicitar"
    puente = [e for e in closes if e.process.id == "lottery-pu"]
    assert len(puente) == 1 and puente[0].schools == [PUENTE] and not puente[0].region_wide
    assert puente[0].date == date(2027, 2, 12) and puente[0].days_left == 81
    # the zoned school's registration, and no open enrollment for schools reached otherwise
    assert {e.process.id for e in entries} == {"vvusd-dual-language", "lottery-pu", "vvusd-zone"}
    zone = [e for e in entries if e.process.id == "vvusd-zone"]
    assert all(e.schools == [LAS_FLORES] for e in zone)
    assert zone[0].process.name.value == "Su escuela asignada (escuela del vecindario)"


def test_without_a_home_no_zoned_school_is_assumed(pack) -> None:
    plan = application_plan(pack, [LAS_FLORES, PENA], "en", zoned=None)
    assert plan.by_school[LAS_FLORES] == ["vvusd-open-enrollment"]
    assert plan.by_school[PENA] == ["vvusd-dual-language"]
    zoned_plan = application_plan(pack, [LAS_FLORES, PENA], "en", zoned={LAS_FLORES})
    assert zoned_plan.by_school[LAS_FLORES] == ["vvusd-zone"]
    assert zoned_plan.applications(LAS_FLORES) == []


def test_passed_deadline_carries_what_can_still_be_done(pack) -> None:
    entries = timeline(pack, [CUMBRE], "ko", TODAY)
    closed = next(e for e in entries if e.deadline_id == "lottery-cu-closes")
    assert closed.past and closed.days_left == -9
    assert countdown(closed.days_left, closed.kind, "en") == "closed 9 days ago"
    assert closed.late_options is not None and "대기자 명단" in closed.late_options.value
    opened = next(e for e in entries if e.deadline_id == "lottery-cu-opens")
    assert opened.past and opened.late_options is None  # nothing was missed when it opened
    lottery = next(e for e in entries if e.deadline_id == "lottery-cu-lottery")
    assert not lottery.past and lottery.days_left == 9


# --- the list checker -----------------------------------------------------------------------------


def test_cumbre_lottery_has_passed(pack) -> None:
    warnings = check_list(pack, [CUMBRE], TODAY, grade=6)
    passed = [w for w in warnings if w.kind == "deadline_passed"]
    assert len(passed) == 1 and passed[0].schools == [CUMBRE] and passed[0].process == "lottery-cu"
    assert passed[0].params["date"] == "2026-11-14"
    english = passed[0].message("en")
    assert "November 14, 2026" in english and "waiting list" in english
    assert "What you can still do" in english
    assert "14 de noviembre de 2026" in passed[0].message("es")
    korean = passed[0].message("ko")
    assert "2026년 11월 14일" in korean and "지금 할 수 있는 일" in korean and "대기자 명단" in korean
    # a week earlier the window was still open
    assert "deadline_passed" not in kinds(check_list(pack, [CUMBRE], date(2026, 11, 14), grade=6))


def test_grade_not_offered(pack) -> None:
    warnings = check_list(pack, [CUMBRE, PUENTE], TODAY, grade=0)
    wrong = [w for w in warnings if w.kind == "grade_not_offered"]
    assert [w.schools for w in wrong] == [[CUMBRE]]
    assert wrong[0].message("en") == ("Cumbre Preparatory Academy does not teach kindergarten: "
                                      "it teaches grades 6-12.")
    assert "kínder" in wrong[0].message("es") and "유치원" in wrong[0].message("ko")
    # transitional kindergarten at a school starting at K: unknown, so not flagged
    assert "grade_not_offered" not in kinds(check_list(pack, [LAS_FLORES], TODAY, grade=-1))


def test_zoned_school_missing_for_a_home_in_00104(pack, rosa_home) -> None:
    warnings = check_list(pack, [PUENTE, PENA], TODAY, grade=0, home=rosa_home)
    missing = [w for w in warnings if w.kind == "zoned_missing"]
    assert len(missing) == 1 and missing[0].schools == [LAS_FLORES]
    assert "Las Flores Elementary" in missing[0].message("en")
    assert "La escuela de su zona, Las Flores Elementary" in missing[0].message("es")
    assert "거주지 배정 학교(Las Flores Elementary)" in missing[0].message("ko")
    listed = check_list(pack, ROSA, TODAY, grade=0, home=rosa_home)
    assert "zoned_missing" not in kinds(listed)
    # the caller may give the zoned schools itself
    given = check_list(pack, [PUENTE], TODAY, grade=0, zoned={HILLCREST})
    assert [w.schools for w in given if w.kind == "zoned_missing"] == [[HILLCREST]]
    # without a grade we cannot say which zoned school is meant: no guess
    assert "zoned_missing" not in kinds(check_list(pack, [PUENTE], TODAY, home=rosa_home))


def test_zoned_school_found_from_a_zip_centre_is_said_to_be_so(pack) -> None:
    """A ZIP's centre is not the family's door: the warning must not promise their seat."""
    home = home_from_zip(pack, "00104")
    record = {"latitude": home.latitude, "longitude": home.longitude, "kind": home.kind,
              "matched": home.matched}
    missing = [w for w in check_list(pack, [PUENTE], TODAY, grade=0, home=record)
               if w.kind == "zoned_missing"]
    assert missing[0].message("en").startswith(
        f"The zoned school for {home.matched}, Las Flores Elementary, is not on your list. "
        "If your home is in its zone")
    assert missing[0].message("es").startswith(f"La escuela de la zona de {home.matched}")
    assert missing[0].message("ko").startswith(f"{home.matched}의 거주지 배정 학교")
    at_the_door = dict(record, kind="address", matched="1421 Calle Luna, 00104")
    exact = [w for w in check_list(pack, [PUENTE], TODAY, grade=0, home=at_the_door)
             if w.kind == "zoned_missing"]
    assert exact[0].message("en").startswith("Your zoned school, Las Flores Elementary")


@pytest.fixture(scope="module")
def four_school_pack(tmp_path_factory) -> Path:
    """The demo region with a fourth school in the dual-language choice (max 3 choices)."""
    folder = tmp_path_factory.mktemp("demo-four") / "demo"
    shutil.copytree(ROOT / "data" / "demo", folder)
    path = folder / "processes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["process_id"] == "vvusd-dual-language":
            assert row["max_choices"] == "3"
            row["schools"] += f";{MARIPOSA}"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = folder.parent / "four.sqlite"
    build_pack(folder / "region.toml", out)
    return out


def test_too_many_choices_for_the_dual_language_process(four_school_pack: Path) -> None:
    with open_pack(four_school_pack) as pack:
        ids = [PENA, EASTGATE, HILLCREST, MARIPOSA]
        warnings = check_list(pack, ids, TODAY, grade=0)
    many = [w for w in warnings if w.kind == "too_many_choices"]
    assert len(many) == 1 and many[0].process == "vvusd-dual-language"
    assert many[0].params["count"] == 4 and many[0].params["max"] == 3
    english = many[0].message("en")
    assert "accepts at most 3 choices" in english and "Your list has 4 schools" in english
    assert "como máximo 3 opciones" in many[0].message("es")
    assert "최대 3곳" in many[0].message("ko")


def test_too_few_choices_and_ranked_preference(pack) -> None:
    warnings = check_list(pack, [PENA], TODAY, grade=0)
    few = [w for w in warnings if w.kind == "too_few_choices"]
    assert len(few) == 1 and few[0].params == few[0].params | {"count": 1, "recommended": 2}
    assert "too few schools" in few[0].message("en")
    ranked = [w for w in warnings if w.kind == "ranked_preference"]
    assert len(ranked) == 1 and ranked[0].severity == "info"
    assert "does not lower your chances" in ranked[0].message("en")
    assert "Valle Verde Choices: 이중언어 프로그램" in ranked[0].message("ko")
    assert "too_few_choices" not in kinds(check_list(pack, [PENA, EASTGATE], TODAY, grade=0))


def test_only_high_demand_schools(pack) -> None:
    assert HIGH_DEMAND == 2.0
    warnings = check_list(pack, [PUENTE, CUMBRE], TODAY)  # 4.5 and 2.7 applicants per seat
    high = [w for w in warnings if w.kind == "high_demand_only"]
    assert len(high) == 1 and high[0].params["applicants_per_seat"] == {PUENTE: 4.5, CUMBRE: 2.7}
    assert "4.5 applicants per seat" in high[0].message("en")
    assert "4.5 solicitantes por lugar" in high[0].message("es")
    # one school with less demand (Oak Street, 0.9), or one without figures: no warning
    assert "high_demand_only" not in kinds(check_list(pack, [PUENTE, CUMBRE, OAK], TODAY))
    assert "high_demand_only" not in kinds(check_list(pack, [PUENTE, LAS_FLORES], TODAY))


def test_separate_applications_name_processes_and_schools(pack, rosa_home) -> None:
    warnings = check_list(pack, ROSA, TODAY, grade=0, home=rosa_home)
    assert kinds(warnings) == ["separate_applications", "ranked_preference"]
    separate = warnings[0]
    groups = {g["process"]: g["schools"] for g in separate.params["groups"]}
    assert groups == {"lottery-pu": [PUENTE], "vvusd-dual-language": [PENA, EASTGATE]}
    english = separate.message("en")
    assert english.startswith("Your list needs 2 separate applications")
    assert "Escuela Peña Elementary and Eastgate Elementary" in english
    assert "Escuela Peña Elementary y Eastgate Elementary" in separate.message("es")


def test_every_message_is_whole_in_every_language(pack, rosa_home) -> None:
    warnings = check_list(pack, [CUMBRE, PENA, PUENTE], TODAY, grade=0, home=rosa_home)
    assert {"deadline_passed", "grade_not_offered", "separate_applications", "too_few_choices",
            "zoned_missing", "ranked_preference"} <= set(kinds(warnings))
    for warning in warnings:
        for lang in ("en", "es", "ko", "vi", "ar"):
            text = warning.message(lang)
            assert text and "{" not in text and "}" not in text, (warning.kind, lang, text)
        assert re.search(r"[\uac00-\ud7af]", warning.message("ko")), warning.kind


def test_a_deadline_within_the_week_is_mentioned(pack, rosa_home) -> None:
    """On 2026-12-03 the Valle Verde Choices form for Peña and Eastgate closes the next day."""
    warnings = check_list(pack, ROSA, PLAN_DAY, grade=0, home=rosa_home)
    assert kinds(warnings)[0] == "deadline_soon"
    soon = warnings[0]
    assert soon.schools == [PENA, EASTGATE] and soon.process == "vvusd-dual-language"
    english = soon.message("en")
    assert "closes tomorrow, Friday, December 4, 2026 at 5:00\u202fPM" in english
    assert "Escuela Peña Elementary and Eastgate Elementary" in english
    assert "cierra mañana" in soon.message("es") and "내일 마감" in soon.message("ko")
    # Eight days before, it is not "this week" yet; a week before, it is.
    assert "deadline_soon" not in kinds(check_list(pack, ROSA, date(2026, 11, 26), grade=0,
                                                   home=rosa_home))
    assert "deadline_soon" in kinds(check_list(pack, ROSA, date(2026, 11, 27), grade=0,
                                               home=rosa_home))

"""Ordering by one school result: only when asked, status and change together, unreported last.

Runs on the demo pack (fictional ELA and math results, some withheld for small groups; an online
school and a special-education centre without results) and on a tiny built pack for a result where
lower is better (chronic absenteeism).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde
from demo import PUENTE, SPECIAL, VIRTUAL

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.errors import UserError
from navigator.resources import demo_pack
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_zip
from navigator.search.query import Query

KEYS = {"indicator", "group", "year", "status", "status_level", "change", "change_level",
        "students", "suppressed", "source"}


@pytest.fixture(scope="module")
def engine():
    with open_pack(demo_pack()) as pack:
        yield SearchEngine(pack)


def ids(result) -> list[str]:
    return [r.id for r in result.results]


def test_sort_by_ela_best_first_unreported_last_status_and_change_together(engine) -> None:
    result = engine.search(Query(order="indicator:ela"))
    rows = [r.indicator for r in result.results]
    assert all(set(row) == KEYS for row in rows)  # every school carries the same fields
    reported = [row for row in rows if row["status"] is not None]
    statuses = [row["status"] for row in reported]
    assert statuses == sorted(statuses, reverse=True)  # higher (nearer or above standard) first
    # Status and change come together: never a status without its change fields.
    assert all(row["change"] is not None and row["status_level"] and row["change_level"]
               for row in reported)
    # Schools without a result come last, as "not reported", never as 0.
    assert ids(result)[-1] == VIRTUAL and SPECIAL not in ids(result)
    for row in rows[len(reported):]:
        assert row["status"] is None and row["change"] is None and row["suppressed"] is False
    # The special-education centre (places through the IEP team) is listed for a family with a
    # special-education need, in its own group after the others, whatever the order.
    with_need = engine.search(Query(order="indicator:ela", sped=("speech",)))
    assert with_need.results[-1].id == SPECIAL and with_need.results[-1].group == "referral"
    assert with_need.results[-1].indicator["status"] is None


def test_withheld_group_goes_last_and_stays_withheld(engine) -> None:
    result = engine.search(Query(order="indicator:math", indicator_group="EL"))
    puente = next(r for r in result.results if r.id == PUENTE)
    assert puente.indicator["suppressed"] is True
    assert puente.indicator["status"] is None and puente.indicator["change"] is None
    assert puente.indicator["students"] == 9
    last = [r for r in result.results if r.indicator["status"] is None]
    assert result.results[-len(last):] == last  # every unreported school after every reported one


def test_ties_are_broken_by_id_not_by_sector(engine) -> None:
    rows = engine.search(Query(order="indicator:math", indicator_group="EL")).results
    tied = [r for r in rows if r.indicator["status"] == -26.1]
    assert len(tied) == 2 and [r.id for r in tied] == sorted(r.id for r in tied)


def test_default_order_is_unchanged_and_carries_no_result(engine) -> None:
    home = home_from_zip(engine.pack, "00104")
    for query in (Query(), Query(home=home), Query(home=home, grade=0)):
        result = engine.search(query)
        assert all(r.indicator is None for r in result.results)
        # Choosing a student group alone changes nothing: the order is never a result by default.
        grouped = engine.search(Query(home=query.home, grade=query.grade, indicator_group="EL"))
        assert ids(grouped) == ids(result)
    by_distance = engine.search(Query(home=home)).results
    kms = [r.distance_km for r in by_distance if r.distance_km is not None]
    assert kms == sorted(kms)


def test_limit_keeps_the_same_first_schools(engine) -> None:
    full = ids(engine.search(Query(order="indicator:ela")))
    assert ids(engine.search(Query(order="indicator:ela", limit=5))) == full[:5]
    assert ids(engine.search(Query(order="indicator:ela", limit=22))) == full[:22]


def test_relabelling_sectors_does_not_move_a_school(tmp_path: Path) -> None:
    swapped = tmp_path / "swapped.sqlite"
    shutil.copy(demo_pack(), swapped)
    conn = sqlite3.connect(swapped)
    conn.execute("UPDATE schools SET sector = CASE sector WHEN 'charter' THEN 'district' "
                 "ELSE 'charter' END, charter_kind = NULL")
    conn.commit()
    conn.close()
    for query in (Query(order="indicator:ela"), Query(order="indicator:math", indicator_group="SWD")):
        with open_pack(demo_pack()) as original, open_pack(swapped) as relabelled:
            assert ids(SearchEngine(original).search(query)) == \
                ids(SearchEngine(relabelled).search(query))


@pytest.mark.parametrize("query, message", [
    (Query(order="indicator:chronic"), "no results for 'chronic'; use one of: indicator:ela"),
    (Query(order="indicator:ela", indicator_group="XX"), "no results for student group 'XX'"),
    (Query(order="stars"), "is not one of: distance, walk, name, trip, or indicator:CODE"),
])
def test_bad_orders_are_refused_in_one_sentence(engine, query, message) -> None:
    with pytest.raises(UserError, match=message.replace("(", r"\(")):
        engine.search(query)


def test_lower_is_better_for_chronic_absenteeism(tmp_path: Path) -> None:
    write_cde(tmp_path / "pubschls.txt", [
        cde_row("19647330000001", "Alpha Elementary", 34.0, -118.2),
        cde_row("19647330000002", "Beta Charter", 34.01, -118.2, Charter="Y"),
        cde_row("19647330000003", "Gamma Elementary", 34.02, -118.2),
        cde_row("19647330000004", "Delta Elementary", 34.03, -118.2)])
    (tmp_path / "chronic.csv").write_text(
        "school,measure,group,yr,rate,change\n"
        "19647330000001,chronic,ALL,2026,22.5,-1.0\n"
        "19647330000002,chronic,ALL,2026,8.0,0.5\n"
        "19647330000003,chronic,ALL,2026,,\n", encoding="utf-8")  # Gamma: withheld
    (tmp_path / "region.toml").write_text(
        '[region]\nid = "r"\nname = "R"\n[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
        '[[indicators]]\nformat = "table"\npath = "chronic.csv"\npublisher = "S"\n'
        '[indicators.columns]\nschool_id = "school"\nindicator = "measure"\n'
        'student_group = "group"\nyear = "yr"\nstatus = "rate"\nchange = "change"\n',
        encoding="utf-8")
    build_pack(tmp_path / "region.toml", tmp_path / "p.sqlite")
    with open_pack(tmp_path / "p.sqlite") as pack:
        result = SearchEngine(pack).search(Query(order="indicator:chronic"))
    # Fewer absences first; the withheld one and the one without any row after them.
    assert [r.name for r in result.results] == ["Beta Charter", "Alpha Elementary",
                                                "Gamma Elementary", "Delta Elementary"]
    assert [r.indicator["status"] for r in result.results] == [8.0, 22.5, None, None]
    assert [r.indicator["suppressed"] for r in result.results] == [False, False, True, False]


def test_cli_order_and_group(capsys) -> None:
    pack = str(demo_pack())
    assert main(["search", "--pack", pack, "--order", "indicator:math", "--group", "EL"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[4].strip() == ("Mathematics — English learners, 2026: 26.1 points below the standard "
                                "(Low); change from the year before: −1.6 points (Maintained); "
                                "65 students")
    assert "Mathematics — English learners, 2026: Not reported (small group, to protect privacy)" in out
    assert "     Mathematics — English learners: No results reported" in lines  # the online school
    # Every school is followed by its result line: status and change on the same line (the
    # continuation and special-education schools, which give places by referral, are not listed).
    results = [line for line in lines if line.strip().startswith("Mathematics — English learners")]
    assert len(results) == 21
    assert all("; change from the year before: " in line for line in results if "standard" in line)
    assert main(["search", "--pack", pack, "--order", "indicator:ela", "--limit", "3",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]
    assert [set(r["indicator"]) for r in rows] == [KEYS] * 3
    assert main(["search", "--pack", pack, "--json"]) == 0
    assert all(r["indicator"] is None for r in json.loads(capsys.readouterr().out)["results"])


def test_cli_group_without_indicator_order(capsys) -> None:
    assert main(["search", "--pack", str(demo_pack()), "--group", "EL"]) == 2
    assert "--group only applies with --order indicator:CODE" in capsys.readouterr().err

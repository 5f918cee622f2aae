"""A household: brothers and sisters planned together (issue 14), on the demo pack and a tiny
region with a shared campus.  The core only: the app's screens and the exports come later."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde
from demo import (
    ARROYO,
    CIELO,
    CUMBRE,
    DEMO_HOUSEHOLD,
    LAS_FLORES,
    MISSION_HIGH,
    NAMU,
    ONE_CHILD,
    PUENTE,
    TODAY,
    VERDE_TECH,
)

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.deadlines import timeline
from navigator.errors import UserError
from navigator.household import (
    MAX_CHILDREN,
    Household,
    check_against_pack,
    child_label,
    child_query,
    load_household,
    open_household,
    save_household,
)
from navigator.household.check import check_household, household_timeline
from navigator.household.listfile import from_json, to_json
from navigator.household.siblings import SiblingContext, school_sibling_notes, sibling_notes
from navigator.household.together import together
from navigator.list_check import zoned_ids
from navigator.shortlist import ListedSchool, load_list


@pytest.fixture
def rosa(pack) -> Household:
    """The demo household: Luis (K) and Ana (6), home at ZIP 00104, both listing Namu."""
    return open_household(DEMO_HOUSEHOLD, pack)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the model -------------------------------------------------------------------------------


def test_the_demo_household_has_two_children_one_home(rosa: Household) -> None:
    assert [(c.number, c.label, c.grade) for c in rosa.children] == [(1, "Luis", 0), (2, "Ana", 6)]
    assert rosa.children[0].ids() == [PUENTE, NAMU, LAS_FLORES]
    assert rosa.children[1].ids() == [NAMU, ARROYO]
    luis, ana = (child_query(rosa, c) for c in rosa.children)
    assert luis.home == ana.home and luis.home.matched.startswith("ZIP 00104")
    assert (luis.grade, ana.grade, ana.sped) == (0, 6, ("speech",))


def test_a_one_child_list_opens_as_a_household_of_one(pack, tmp_path: Path) -> None:
    household = open_household(ONE_CHILD, pack)
    old = load_list(ONE_CHILD)
    assert len(household.children) == 1
    child = household.children[0]
    assert (child.number, child.label, child.grade) == (1, None, old.grade)
    assert child.ids() == old.ids() and child.schools[0].note == old.schools[0].note
    assert household.home == old.home and household.language == "es"
    assert [child_label(child, lang) for lang in ("en", "es", "ko")] == \
        ["Child 1", "Estudiante 1", "자녀 1"]
    # Saved again it becomes version 2 and reads back the same; the one-child view is unchanged.
    save_household(tmp_path / "again.json", household)
    data = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("navigator-list", 2)
    again = load_household(tmp_path / "again.json")
    assert to_json(again) == to_json(household)
    assert household.child_list(child).ids() == old.ids()


def test_adding_a_child_shares_the_home_and_a_seventh_is_refused(rosa: Household) -> None:
    third = rosa.add_child("Marco", 9)
    assert (third.number, third.filters, third.schools) == (3, {}, [])
    assert child_query(rosa, third).home == child_query(rosa, rosa.children[0]).home
    for _ in range(MAX_CHILDREN - 3):
        rosa.add_child()
    with pytest.raises(UserError, match="at most 6 children"):
        rosa.add_child("Seven")
    assert len(rosa.children) == MAX_CHILDREN
    with pytest.raises(UserError, match="already called 'Ana'"):
        rosa.rename(4, " ana ")
    with pytest.raises(UserError, match="longer than 40"):
        rosa.rename(4, "x" * 41)
    with pytest.raises(UserError, match="not a school grade"):
        rosa.set_grade(4, 13)
    assert rosa.child(4).label is None and rosa.child(4).grade is None


def test_removing_one_child_leaves_the_others_and_start_over_erases_all(rosa: Household) -> None:
    ana_before = to_json(rosa)["children"][1]
    rosa.remove_child(1)
    assert [c.label for c in rosa.children] == ["Ana"]
    assert to_json(rosa)["children"][0] == ana_before
    with pytest.raises(UserError, match="only child"):
        rosa.remove_child(2)
    again = rosa.add_child()
    assert again.number == 1 and child_label(again, "en") == "Child 1"  # the free number again
    rosa.add_attending("Marco", PUENTE)
    rosa.add_attending("Sofía", NAMU)
    rosa.remove_attending("Marco", PUENTE)
    assert [(a.label, a.school_id) for a in rosa.attending] == [("Sofía", NAMU)]
    rosa.erase()
    assert to_json(rosa)["children"] == [
        {"number": 1, "label": None, "grade": None, "filters": {}, "schools": []}]
    assert rosa.home is None and rosa.attending == [] and rosa.second_language is None


# --- the file ---------------------------------------------------------------------------------


def _demo_data() -> dict:
    return json.loads(DEMO_HOUSEHOLD.read_text(encoding="utf-8"))


def _seven(data: dict) -> None:
    data["children"] = [{"number": n, "label": f"C{n}", "grade": 1} for n in range(1, 8)]


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["children"][0]["schools"].append({"rank": 4, "id": "99999999999999"}),
     "Luis's list names school 99999999999999, which this pack does not have"),
    (lambda d: d["children"][1]["schools"].append({"rank": 3, "id": LAS_FLORES}),
     "Ana's list names Las Flores Elementary, which teaches grades K-5, not 6"),
    (_seven, "has 7 children; a household holds at most 6"),
    (lambda d: d["children"][0].update(grade="six"), "Luis's grade 'six' is not a school grade"),
    (lambda d: d["children"][1].update(schools={"id": NAMU}), "Ana's \"schools\" must be a list"),
    (lambda d: d["children"][1].update(label=7), "child 2: A child's name must be text"),
    (lambda d: d["children"][1].update(label="LUIS"), "Another child is already called 'Luis'"),
    (lambda d: d["household"]["home"].update(latitude="north"), "no valid latitude"),
    (lambda d: d["household"]["attending"].append({"label": "Marco", "school_id": "x"}),
     "Marco attends school x, which this pack does not have"),
    (lambda d: d.update(version=3), "saved by a newer Navigator (list version 3)"),
    (lambda d: d["children"][0].update(filters={"programs": "dual_language"}),
     "Luis's needs: programs must be a list of codes"),
    (lambda d: d["children"][0].update(filters={"arrive_by": "8am"}),
     "Luis's needs: arrive_by '8am' is not a time of day written HH:MM"),
    (lambda d: d.update(pack={"region": "demo-valle-verde"}), "pack has no built_at"),
])
def test_a_bad_household_file_is_one_sentence_and_exit_2(tmp_path: Path, capsys, change,
                                                         message: str) -> None:
    data = _demo_data()
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    code, out, err = run(["search", "--household", str(path), "--together"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"navigator: The list {path}")
    assert message in err
    assert sorted(tmp_path.iterdir()) == before  # nothing written, nothing half-written


def test_a_failed_save_keeps_the_old_file_whole(rosa: Household, tmp_path: Path) -> None:
    path = tmp_path / "household.json"
    save_household(path, rosa)
    before = path.read_bytes()
    rosa.children[0].filters = {"programs": {"not", "json"}}  # a set cannot be written
    with pytest.raises(TypeError):
        save_household(path, rosa)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == \
        ["household.json"]


def test_a_household_from_another_region_is_refused(pack) -> None:
    data = _demo_data() | {"region": "us-ca-elsewhere"}
    household = from_json(data, "The list x.json")
    with pytest.raises(UserError, match="made for the region 'us-ca-elsewhere'"):
        check_against_pack(household, pack, "The list x.json")


# --- together -----------------------------------------------------------------------------------


def test_together_finds_the_same_school_and_close_pairs_with_distances(pack, rosa) -> None:
    result = together(pack, rosa)
    assert result.count == len(result.options) > 0
    combined = [o.combined_km if o.combined_km is not None else float("inf")
                for o in result.options]
    assert combined == sorted(combined)  # by combined distance from home, never by sector
    assert result.options[-1].school_ids() == ["99109990129094"]  # virtual: no distance, last
    first = result.options[0]  # the two zoned schools, 1.2 km apart
    assert first.kind == "close" and [f.school.id for f in first.fits] == [LAS_FLORES, ARROYO]
    assert first.apart_km == pytest.approx(1.24, abs=0.01)
    assert first.combined_km == pytest.approx(
        first.fits[0].school.distance_km + first.fits[1].school.distance_km)
    assert [leg.km for leg in first.legs] == [pytest.approx(first.apart_km)]
    assert all(f.school.zoned for f in first.fits)
    same = {o.school_ids()[0]: o for o in result.options if o.kind == "same_school"}
    assert {NAMU, CIELO} <= set(same)  # a K-8 and a K-6 teach a kindergartner and a 6th grader
    namu = same[NAMU]
    assert namu.apart_km == 0 and namu.combined_km == pytest.approx(namu.fits[0].school.distance_km)
    assert [f.child for f in namu.fits] == [1, 2]
    assert namu.fits[1].school.matched == ["grade", "sped:speech"]  # Ana's own needs
    assert [n.kind for n in namu.notes] == ["siblings_applying"]
    assert all(o.apart_km <= result.near_km for o in result.options)
    assert all(f.school.grade_low <= rosa.child(f.child).grade <= f.school.grade_high
               for o in result.options for f in o.fits)


def test_together_asks_a_trip_time_of_the_transit_seam(pack, rosa) -> None:
    asked = []

    def trip(a: str, b: str) -> float | None:
        asked.append((a, b))
        return 12.0 if {a, b} == {LAS_FLORES, ARROYO} else None

    result = together(pack, rosa, limit=3, trip_minutes=trip)
    assert result.options[0].legs[0].trip_min == 12.0
    assert len(asked) == sum(len(o.legs) for o in result.options)  # shown options only


def test_together_needs_two_children(pack, rosa, capsys) -> None:
    rosa.remove_child(2)
    with pytest.raises(UserError, match="two or more children"):
        together(pack, rosa)
    code, _out, err = run(["search", "--together", "--grade", "K"], capsys)
    assert code == 2 and "--together needs --household FILE" in err
    code, _out, err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--grade", "K"], capsys)
    assert code == 2 and "leave out --grade" in err


def test_search_together_json_shape(capsys) -> None:
    code, out, _err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--together",
                           "--limit", "6", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"home", "near_km", "candidates", "count", "options", "children"}
    assert data["children"] == [{"child": 1, "label": "Luis", "grade": 0},
                                {"child": 2, "label": "Ana", "grade": 6}]
    assert len(data["options"]) == 6 and data["count"] >= 6
    option = next(o for o in data["options"] if o["schools"] == [NAMU])
    assert set(option) == {"kind", "apart_km", "combined_km", "schools", "children", "legs",
                           "notes"}
    assert option["kind"] == "same_school" and option["legs"] == []
    assert [c["child"] for c in option["children"]] == [1, 2]
    assert set(option["children"][0]) == {"child", "school_id", "name", "sector", "distance_km",
                                          "walk_min", "zoned", "matched", "unmet", "unknown"}
    (note,) = option["notes"]
    assert note["kind"] == "siblings_applying" and note["children"] == [1, 2]
    assert note["message"].startswith(
        "If Luis gets a place at Namu Community Charter School, Ana gets priority there")


def test_search_together_table_and_each_childs_own_search(capsys) -> None:
    code, out, _err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--together",
                           "--apart-mi", "1", "--limit", "2"], capsys)
    assert code == 0
    assert "Schools at most 1.0 mi apart that fit every child:" in out  # the region's unit
    assert "1. Schools close together · 0.8 mi apart · 1.2 mi from home in all" in out
    assert "Luis (kindergarten): Las Flores Elementary (your zoned school), District school, " \
        "K–5, 0.3 mi" in out
    # In the family's language: Korean words and particles, Spanish numbers and units.
    code, out, _err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--together",
                           "--limit", "1", "--lang", "ko"], capsys)
    assert code == 0 and "서로 가까운 학교 · 서로 0.8마일 거리" in out
    assert "Luis (유치원(킨더가튼))" in out and "Together" not in out
    code, out, _err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--json"], capsys)
    data = json.loads(out)
    assert [c["label"] for c in data["children"]] == ["Luis", "Ana"]
    assert all(r["grade_low"] <= 6 <= r["grade_high"] for r in data["children"][1]["search"]
               ["results"])
    code, out, _err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--limit", "1",
                           "--lang", "es"], capsys)
    assert code == 0 and "La escuela de su zona: Las Flores Elementary" in out, out
    assert out.splitlines()[:2] == ["Luis (kínder)", "-------------"]  # the child in Spanish
    code, out, _err = run(["search", "--household", str(DEMO_HOUSEHOLD), "--limit", "1",
                           "--lang", "ko"], capsys)
    heading, line = out.splitlines()[:2]
    assert heading == "Luis (유치원(킨더가튼))" and len(line) == 23  # Hangul is two columns wide


# --- a region with a shared campus, and three children ---------------------------------------


@pytest.fixture(scope="module")
def campus(tmp_path_factory) -> Path:
    """Campus Elementary (K-5) and Campus Middle (6-8) at one address; Unity K-12 charter
    (sibling priorities, one application per household) 0.7 km away; Quiet K-8 whose process
    records no priorities; North Middle 1.1 km north; Far High 11 km away."""
    folder = tmp_path_factory.mktemp("campus")
    lat, lon = 34.0500, -118.2500
    middle = {"GSoffered": "6-8", "EILCode": "INTMIDJR",
              "SOCType": "Intermediate/Middle Schools (Public)"}
    write_cde(folder / "pubschls.txt", [
        cde_row("19647330000101", "Campus Elementary", lat, lon, Street="100 Main Street"),
        cde_row("19647330000102", "Campus Middle", lat + 0.0004, lon, Street="100 Main Street",
                **middle),
        cde_row("19647330000103", "North Middle", lat + 0.0100, lon, Street="900 North Road",
                **middle),
        cde_row("19647330000104", "Far High", lat + 0.1, lon, Street="1 Far Road",
                GSoffered="9-12", EILCode="HS", SOCType="High Schools (Public)"),
        cde_row("19647330000105", "Unity K-12 Charter", lat + 0.005, lon + 0.005,
                Street="50 Unity Way", Charter="Y", FundingType="Directly funded",
                GSoffered="K-12", EILCode="ELEMHIGH"),
        cde_row("19647330000106", "Quiet K-8", lat - 0.004, lon, Street="7 Quiet Lane",
                GSoffered="K-8", EILCode="ELEMHIGH"),
    ])
    (folder / "processes.csv").write_text(
        "process_id,kind,name,schools,priorities,per_household\n"
        "district,choice,District choice,19647330000101;19647330000102;19647330000103;"
        "19647330000106,,\n"
        "unity,charter_lottery,Unity lottery,19647330000105,sibling;sibling_applying,yes\n"
        "far,choice,Far High choice,19647330000104,zone,\n", encoding="utf-8")
    (folder / "region.toml").write_text(
        '[region]\nid = "test-campus"\nname = "Test campus"\n'
        '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
        '[[overlay]]\npath = "processes.csv"\npublisher = "Test Unified"\n', encoding="utf-8")
    out = folder / "campus.sqlite"
    build_pack(folder / "region.toml", out)
    return out


def _three(home: bool = True) -> Household:
    household = Household(region="test-campus")
    household.rename(1, "Lia")
    household.set_grade(1, 0)
    household.add_child("Ben", 6)
    household.add_child("Sol", 9)
    if home:
        household.home = {"latitude": 34.0490, "longitude": -118.2500, "kind": "point",
                          "label": "34.049,-118.25", "matched": "a point on the map",
                          "exact": True}
    return household


def test_two_schools_at_one_address_are_one_campus(campus: Path) -> None:
    household = _three()
    household.remove_child(3)
    with open_pack(campus) as pack:
        result = together(pack, household)
    kinds = {tuple(o.school_ids()): o.kind for o in result.options}
    assert kinds[("19647330000101", "19647330000102")] == "same_campus"
    assert kinds[("19647330000105",)] == "same_school"
    assert kinds[("19647330000101", "19647330000103")] == "close"
    campus_option = next(o for o in result.options if o.kind == "same_campus")
    assert campus_option.apart_km == pytest.approx(0.044, abs=0.002)
    assert campus_option.notes == []  # different schools, a process without priorities: nothing


def test_three_children_together(campus: Path) -> None:
    household = _three()
    with open_pack(campus) as pack:
        result = together(pack, household)
        wide = together(pack, household, near_km=20)
    assert all(len(o.fits) == 3 for o in result.options)
    assert [f.child for f in result.options[0].fits] == [1, 2, 3]
    # Far High is 11 km from the rest: only the K-12 (or a K-8 pair beside it) can hold Sol.
    sols = {o.fits[2].school.id for o in result.options}
    assert sols == {"19647330000105"}
    same = next(o for o in result.options if o.kind == "same_school")
    assert same.school_ids() == ["19647330000105"]
    (note,) = same.notes
    assert note.message("en") == ("If one of Lia, Ben, and Sol gets a place at Unity K-12 "
                                  "Charter, the others get priority there: brothers and sisters "
                                  "admitted at the same time come first.")
    three_schools = [o for o in result.options if len(o.school_ids()) == 3]
    assert three_schools and all(len(o.legs) == 3 for o in three_schools)
    assert all(leg.km <= result.near_km for o in result.options for leg in o.legs)
    assert {f.school.id for o in wide.options for f in o.fits} >= {"19647330000104"}
    assert wide.count > result.count


def test_no_word_on_siblings_where_nothing_is_recorded_unless_two_apply(campus: Path) -> None:
    household = _three()
    household.child(1).schools = [ListedSchool("19647330000106")]
    with open_pack(campus) as pack:
        ctx = SiblingContext(pack, household)
        applying = {c.number: c.ids() for c in household.children}
        assert sibling_notes(ctx, applying, could_apply=False) == []  # one child: nothing to say
        household.child(2).schools = [ListedSchool("19647330000106")]
        (note,) = sibling_notes(SiblingContext(pack, household),
                                {c.number: c.ids() for c in household.children})
    assert note.kind == "siblings_unknown" and note.children == [1, 2]
    assert note.message("en") == ("Lia and Ben are applying to Quiet K-8, but the district does "
                                  "not say whether brothers and sisters come first in “District "
                                  "choice”; ask the school before you apply.")


# --- sibling priority on the demo pack --------------------------------------------------------


def test_sibling_priority_only_where_the_process_records_it(pack, rosa) -> None:
    ctx = SiblingContext(pack, rosa)
    (namu,) = school_sibling_notes(pack, rosa, NAMU, ctx)
    assert (namu.kind, namu.children, namu.process) == ("siblings_applying", [1, 2], "lottery-na")
    assert "In the district's words: A brother or sister counts when they live at the same " \
           "address." in namu.message("en")
    (cielo,) = school_sibling_notes(pack, rosa, CIELO, ctx)  # on no list, teaches both grades
    assert cielo.kind == "siblings_could_apply" and cielo.params["listing"] == []
    assert cielo.message("en").startswith("Cielo Montessori Charter School teaches the grades of "
                                          "Luis and Ana.")
    assert school_sibling_notes(pack, rosa, PUENTE, ctx) == []  # only Luis; nobody attends
    assert school_sibling_notes(pack, rosa, VERDE_TECH, ctx) == []  # records no priorities
    rosa.add_attending("Marco", PUENTE)
    rosa.add_attending("Marco", VERDE_TECH)
    ctx = SiblingContext(pack, rosa)
    (puente,) = school_sibling_notes(pack, rosa, PUENTE, ctx)
    assert puente.message("en") == ("Marco already attends Puente Dual Language Academy: Luis "
                                    "gets priority there as a brother or sister, as long as "
                                    "Marco still attends next year.")
    assert school_sibling_notes(pack, rosa, VERDE_TECH, ctx) == []  # nobody applies there


def test_an_older_child_at_a_school_with_other_priorities(pack, rosa) -> None:
    """Hillcrest's dual-language choice records only `zone`: said as the district records it."""
    rosa.child(1).schools.append(ListedSchool("99999996099052"))
    rosa.add_attending("Marco", "99999996099052")
    (note,) = school_sibling_notes(pack, rosa, "99999996099052")
    assert note.kind == "siblings_not_listed"
    assert note.message("en").endswith("brothers and sisters are not among the priorities the "
                                       "district gives for “Valle Verde Choices: dual-language "
                                       "programs”: Lives in the school's zone.")


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Si Luis consigue un lugar en Namu Community Charter School, Ana tiene prioridad "
           "allí, y viceversa"),
    ("ko", "Luis가 Namu Community Charter School에 자리를 얻으면 Ana는 그 학교에서 우선순위를 "
           "받고, 반대의 경우도 마찬가지입니다"),
])
def test_sibling_priority_in_spanish_and_korean(pack, rosa, lang: str, text: str) -> None:
    (namu,) = school_sibling_notes(pack, rosa, NAMU)
    message = namu.message(lang)
    assert message.startswith(text)
    assert "(는)" not in message and "(가)" not in message and "brothers" not in message


# --- the checker across children and the merged timeline -------------------------------------


def test_the_checker_says_shared_things_once_with_every_name(pack, rosa) -> None:
    warnings = check_household(pack, rosa, TODAY)
    kinds = [w.kind for w in warnings]
    assert kinds == ["separate_applications", "far_apart", "same_application",
                     "siblings_applying"]
    far = warnings[1]
    assert far.children == [1, 2] and far.schools == [PUENTE, NAMU]
    assert far.message("en") == ("If Luis and Ana both get their first choices, Puente Dual "
                                 "Language Academy and Namu Community Charter School are 3.9 mi "
                                 "apart: a hard morning without a car.")
    same = warnings[2]
    assert same.message("en").splitlines() == [
        "“Namu Community Charter School: lottery (charter school application)” takes one "
        "application per household: apply once and list Luis and Ana on it.",
        "The last day to apply is January 15, 2027 for each of them."]
    assert warnings[0].message("en").startswith("Luis: Your list needs 2 separate applications")


def test_a_passed_deadline_and_short_lists_for_two_children_are_said_once(pack, rosa) -> None:
    rosa.child(1).schools = [ListedSchool(PUENTE)]
    rosa.child(2).schools = [ListedSchool(CUMBRE)]
    marco = rosa.add_child("Marco", 9)
    marco.schools = [ListedSchool(CUMBRE), ListedSchool(MISSION_HIGH)]
    warnings = check_household(pack, rosa, TODAY)
    (passed,) = [w for w in warnings if w.kind == "deadline_passed"]
    assert passed.children == [2, 3] and passed.schools == [CUMBRE]
    assert passed.message("en").startswith("Ana and Marco: The last day to apply through “Cumbre "
                                           "Preparatory Academy: lottery")
    (short,) = [w for w in warnings if w.kind == "needs_second_choice"]
    assert short.children == [1, 2]
    assert short.message("en") == ("Luis and Ana each have only one school on their list: add a "
                                   "second choice to each, in case there is no place there.")
    # The same closed application for Ana and Marco: said once above, nothing more to add.
    assert [w for w in warnings if w.kind == "same_application"] == []


def test_the_merged_timeline_has_every_date_once_with_the_children_it_concerns(pack,
                                                                              rosa) -> None:
    entries = household_timeline(pack, rosa, "en", TODAY)
    ids = [e.entry.deadline_id for e in entries]
    assert len(ids) == len(set(ids))
    separate = set()
    for child in rosa.children:
        zoned = zoned_ids(pack, rosa.home, child.grade)
        separate |= {e.deadline_id for e in timeline(pack, child.ids(), "en", TODAY, zoned)}
    assert set(ids) == separate
    by_id = {e.entry.deadline_id: e for e in entries}
    closes = by_id["lottery-na-closes"]
    assert closes.children == [1, 2] and closes.entry.schools == [NAMU]
    assert closes.names(rosa, "en") == "Luis and Ana" and closes.names(rosa, "es") == "Luis y Ana"
    assert by_id["lottery-pu-closes"].children == [1]
    dates = [(e.entry.date, e.entry.time or "") for e in entries]
    assert dates == sorted(dates)


def test_navigator_household_prints_findings_and_dates(capsys) -> None:
    code, out, _err = run(["household", str(DEMO_HOUSEHOLD), "--today", "2026-11-23", "--json"],
                          capsys)
    assert code == 0
    data = json.loads(out)
    assert [w["kind"] for w in data["warnings"]] == ["separate_applications", "far_apart",
                                                    "same_application", "siblings_applying"]
    closes = next(e for e in data["timeline"] if e["deadline_id"] == "lottery-na-closes")
    assert closes["children"] == [1, 2] and closes["days_left"] == 53
    code, out, _err = run(["household", str(DEMO_HOUSEHOLD), "--today", "2026-11-23",
                           "--lang", "es"], capsys)
    assert code == 0 and "15 de enero de 2027 a las 5:00" in out
    assert "Luis y Ana" in out and "Todas las fechas, una sola vez" in out
    assert "Findings" not in out and "Every date" not in out  # every heading in the family's language
    lines = out.splitlines()
    assert lines[0] == "Luis (kínder)" and "Entre sus hijos" in lines


def test_show_with_a_household_says_what_brothers_and_sisters_mean(capsys) -> None:
    code, out, _err = run(["show", NAMU, "--household", str(DEMO_HOUSEHOLD), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [n["kind"] for n in data["household"]["siblings"]] == ["siblings_applying"]
    code, out, _err = run(["show", VERDE_TECH, "--household", str(DEMO_HOUSEHOLD)], capsys)
    assert "Nothing is recorded about brothers and sisters at this school for your household." in out


def test_a_childs_trip_settings_are_needs_like_the_others(pack, rosa) -> None:
    """Set in the app's What matters (issue 12), kept per child, read back as the search's."""
    rosa.child(1).filters.update(transit_minutes=30, arrive_by="07:45", on_date="2026-12-08",
                                 max_transfers=1, trip_walk_min=8)
    query = child_query(rosa, rosa.child(1))
    assert (query.transit_minutes, query.arrive_by.isoformat(), query.on_date, query.max_transfers,
            query.trip_walk_min) == (30, "07:45:00", date(2026, 12, 8), 1, 8)
    assert together(pack, rosa, limit=2).options  # Together runs with a child's trip limit
    saved = from_json(to_json(rosa), "the saved file")
    assert saved.child(1).filters["arrive_by"] == "07:45"
    rosa.child(1).filters["arrive_by"] = "seven"
    with pytest.raises(UserError, match="Luis's needs: arrive_by 'seven' is not a time of day"):
        child_query(rosa, rosa.child(1))

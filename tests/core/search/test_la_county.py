"""Issue 21 on the real Los Angeles County pack (tests/la_county.py): kinds of school site, the
orders, online schools under a distance limit, pending schools, the as-of dates, the counts.

What a family met before: a probation camp first for a 9th grader at 93536, Central Juvenile Hall
6th at 90033, "Compton Unified ROP" at 90220, an opportunity school first for a 6th grader at
90057, online schools "within 1 mile", schools without a trip in id order.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from la_county import REPORTS, zips_built

from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_zip
from navigator.search.query import Query

CAMP_OR_HALL = re.compile(r"\bcamp\b|juvenile|\bhall\b(?<!marshall)", re.I)
MCALISTER = "19647331930619"  # Harold McAlister High (Opportunity), 0.2 mi from 90057's centre
CENTRAL_JUVENILE_HALL = "19101990121897"
COMPTON_ROP = "19748311995281"
RISE_KOHYANG_ELEMENTARY = "19647330136994"  # Pending in 2018: opens 2018-08-20
RAIL_WEEK_DAY = date(2022, 10, 11)  # inside the rail feed's two weeks


@pytest.fixture(scope="module")
def engine(la_county_pack):
    with open_pack(la_county_pack) as pack:
        yield SearchEngine(pack)


def search(engine, zip_code: str, **criteria):
    return engine.search(Query(home=home_from_zip(engine.pack, zip_code), **criteria))


def cli(capsys, *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_no_camp_or_juvenile_hall_for_a_9th_grader_at_93536(engine) -> None:
    result = search(engine, "93536", grade=9)
    assert result.count > 100
    assert not [r.name for r in result.results if CAMP_OR_HALL.search(r.name)]
    assert {r.site_kind for r in result.results} == {"open"}
    assert result.results[0].name == "Academies of the Antelope Valley"  # was a probation camp


def test_no_central_juvenile_hall_at_90033_even_by_name(engine) -> None:
    ids = {r.id for r in search(engine, "90033", grade=9).results}
    assert CENTRAL_JUVENILE_HALL not in ids
    for query in (Query(text="Central Juvenile Hall"), Query(text="Juvenile", referral=True)):
        assert engine.search(query).results == []  # never a family's option, whatever is asked


def test_no_rop_centre_at_90220(engine, la_county_pack, capsys) -> None:
    result = search(engine, "90220", grade=10)
    assert COMPTON_ROP not in {r.id for r in result.results}
    out = cli(capsys, "search", "--pack", str(la_county_pack), "--zip", "90220", "--grade", "10")
    assert "Compton Unified ROP" not in out and " ROP" not in out


def test_an_opportunity_school_is_not_an_ordinary_option_at_90057(engine) -> None:
    result = search(engine, "90057", grade=6, limit=20)
    assert MCALISTER not in {r.id for r in result.results}
    assert result.results[0].site_kind == "open"
    # Asked for (a referral concerns the family), it comes after every ordinary school, in its
    # own group, saying how a place is given.
    with_referral = search(engine, "90057", grade=6, referral=True)
    groups = [r.group for r in with_referral.results]
    assert groups == sorted(groups, key=["open", "online", "referral"].index)
    mcalister = next(r for r in with_referral.results if r.id == MCALISTER)
    assert (mcalister.group, mcalister.site_kind, mcalister.placed_by) == (
        "referral", "referral", "district")


@pytest.mark.parametrize("lang, heading, words", [
    ("en", "Schools that give places by referral, not by application",
     "Places here are given by referral from the district, not by application."),
    ("es", "Escuelas que asignan plazas por remisión, no por solicitud",
     "Aquí las plazas se asignan por remisión del distrito, no se solicitan."),
    ("ko", "신청이 아니라 의뢰(추천)로 자리를 배정하는 학교",
     "이 학교의 자리는 신청이 아니라 교육구의 의뢰(추천)로 배정됩니다."),
])
def test_a_referral_school_says_how_a_place_is_given(la_county_pack, capsys, lang, heading,
                                                     words) -> None:
    out = cli(capsys, "search", "--pack", str(la_county_pack), "--zip", "90057", "--grade", "6",
              "--within-mi", "1", "--referral", "--lang", lang)
    assert f"== {heading} ==" in out
    listed = out.split(f"== {heading} ==")[1]
    assert "Harold McAlister High (Opportunity)" in listed and words in listed
    assert "Harold McAlister" not in out.split(f"== {heading} ==")[0]
    profile = cli(capsys, "show", "--pack", str(la_county_pack), MCALISTER, "--lang", lang)
    assert words in profile


def test_a_juvenile_hall_profile_says_families_do_not_choose_it(la_county_pack, capsys) -> None:
    out = cli(capsys, "show", "--pack", str(la_county_pack), CENTRAL_JUVENILE_HALL, "--json")
    assert json.loads(out)["site_kind"] == "not_an_option"
    for lang, words in (("en", "Families do not choose this school"),
                        ("es", "Las familias no eligen esta escuela"),
                        ("ko", "가족이 선택하는 학교가 아닙니다")):
        assert words in cli(capsys, "show", "--pack", str(la_county_pack), CENTRAL_JUVENILE_HALL,
                            "--lang", lang)


@pytest.mark.parametrize("order", [None, "name", "indicator:ela", "trip"])
def test_online_schools_come_after_in_person_ones_under_a_distance_limit(engine, order) -> None:
    extra = {"on_date": RAIL_WEEK_DAY} if order == "trip" else {}
    result = search(engine, "90057", grade=9, within_km=1.609344, order=order, **extra)
    groups = [r.group for r in result.results]
    online = [r for r in result.results if r.group == "online"]
    assert online and all(r.virtual and r.distance_km is None for r in online)
    assert groups == sorted(groups, key=["open", "online", "referral"].index)
    assert all(not r.virtual for r in result.results if r.group == "open")
    assert all(r.distance_km <= 1.61 for r in result.results if r.group == "open")


@pytest.mark.parametrize("lang, heading", [("en", "Online schools: distance does not apply"),
                                           ("es", "Escuelas en línea: la distancia no cuenta"),
                                           ("ko", "온라인 학교: 거리와 관계없음")])
def test_the_online_group_is_said_in_the_familys_language(la_county_pack, capsys, lang,
                                                          heading) -> None:
    out = cli(capsys, "search", "--pack", str(la_county_pack), "--zip", "90057", "--grade", "9",
              "--within-mi", "1", "--order", "indicator:ela", "--lang", lang)
    before, after = out.split(f"== {heading} ==")
    assert "California Virtual Academy @ Los Angeles" in after
    assert "California Virtual Academy" not in before


def test_quickest_trip_then_the_others_by_distance_never_by_id(engine) -> None:
    result = search(engine, "90012", grade=9, order="trip", on_date=RAIL_WEEK_DAY, limit=300,
                    trip_walk_min=15)
    rows = result.results
    with_trip = [r for r in rows if r.trip is not None]
    without = rows[len(with_trip):]
    assert with_trip and without and rows[:len(with_trip)] == with_trip
    minutes = [r.trip["minutes"] for r in with_trip]
    assert minutes == sorted(minutes)
    in_person = [r for r in without if r.group == "open" and r.distance_km is not None]
    distances = [r.distance_km for r in in_person]
    assert distances == sorted(distances)
    assert [r.id for r in in_person] != sorted(r.id for r in in_person)  # not the pack's id order


@pytest.mark.parametrize("lang, words", [("en", "Opens August 20, 2018"),
                                         ("es", "Abre el 20 de agosto de 2018"),
                                         ("ko", "2018년 8월 20일 개교")])
def test_a_pending_school_says_when_it_opens(la_county_pack, capsys, lang, words) -> None:
    out = cli(capsys, "search", "--pack", str(la_county_pack), "--zip", "90057", "--grade", "K",
              "--text", "Rise Kohyang", "--lang", lang)
    assert words in out
    profile = cli(capsys, "show", "--pack", str(la_county_pack), RISE_KOHYANG_ELEMENTARY,
                  "--lang", lang)
    assert profile.splitlines()[2].startswith({"en": "This school has not opened yet",
                                               "es": "Esta escuela aún no ha abierto",
                                               "ko": "이 학교는 아직 개교하지 않았습니다"}[lang])
    found = json.loads(cli(capsys, "search", "--pack", str(la_county_pack), "--text",
                           "Rise Kohyang Elementary", "--json"))["results"][0]
    assert (found["pending"], found["opens"]) == (True, "2018-08-20")


def test_as_of_dates_are_read_and_fetched_files_keep_their_checksums(la_county_pack) -> None:
    with open_pack(la_county_pack) as pack:
        sources = {s.id: s for s in pack.sources()}
    directory = sources["schools-1"]
    assert directory.as_of == "2018-06-26"  # the 2018 file's latest LastUpDate, Excel-written
    assert directory.url == "https://www.cde.ca.gov/schooldirectory/report?rid=dl1&tp=txt"
    fetched = [s for s in sources.values() if s.id != "zips-us"]
    assert all(s.sha256 and len(s.sha256) == 64 for s in fetched)
    # The region names no ZIP file: the installed US ZIP list's ZIPs of the county are in the
    # pack (a home by ZIP is one row, not the whole list loaded), said as their own source.
    zips = sources["zips-us"]
    assert (zips.name, zips.url, zips.sha256) == ("US ZIP code centres",
                                                  "https://github.com/seanpianka/zipcodes", None)
    assert zips.file.startswith("zipcodes ") and zips.as_of == zips_built()  # the release's day
    assert zips.as_of is not None  # the installed release (2.0 and later) says when it was built
    with open_pack(la_county_pack) as pack:
        assert pack.conn.execute("SELECT latitude, longitude, name FROM zips WHERE zip = '90057'"
                                 ).fetchone() == (34.0622, -118.2763, "Los Angeles, CA")
        assert pack.conn.execute("SELECT count(*) FROM zips").fetchone()[0] > 500
    assert sources["transit-1"].as_of is not None


def test_catalogue_info_counts_each_kind_of_site(la_county_pack, capsys) -> None:
    info = json.loads(cli(capsys, "catalogue", "info", str(la_county_pack), "--json"))
    assert info["site_kinds"] == {"open": 2087, "referral": 152, "not_an_option": 87,
                                  "preschool": 17, "referral:district": 126, "referral:iep": 26}
    text = cli(capsys, "catalogue", "info", str(la_county_pack))
    assert re.search(r"not_an_option +87 ", text)


def test_a_statewide_file_has_no_problems_only_rows_left_out(la_county_pack) -> None:
    report = REPORTS[la_county_pack]
    assert report.problems == []  # so --strict passes
    assert "pubschls.txt: 14,208 rows of other counties left out" in report.notes
    assert "eladownload2024.txt: 7,616 rows of other counties left out" in report.notes
    assert main(["catalogue", "validate", str(la_county_pack)]) == 0


@pytest.mark.parametrize("order", ["distance", "name", "trip", "indicator:math"])
def test_the_apps_sort_key_is_the_engines_order(engine, order) -> None:
    """``result_sort_key`` (for a list already in hand, as the app re-sorts it) agrees with the
    order the engine gives, groups included."""
    from navigator.search.order import result_sort_key

    extra = {"on_date": RAIL_WEEK_DAY} if order == "trip" else {}
    result = search(engine, "90012", grade=9, within_km=8.0, referral=True, order=order, **extra)
    assert len(result.results) > 50
    assert sorted(result.results, key=lambda r: result_sort_key(r, order)) == result.results


def test_the_benchmarks_take_the_county_pack(la_county_pack) -> None:
    """``navigator bench search|household --pack``: the synthetic requests moved onto the county,
    none refused for a code the county has not; ``bench cli`` times the search as a command."""
    from navigator.bench import cli_bench, household_bench, search_bench
    from navigator.bench.real_pack import PackFit
    from navigator.bench.synthetic import query_mix

    with open_pack(la_county_pack) as pack:
        fit = PackFit(pack)
        moved = [fit.query_spec(spec) for spec in query_mix(200)]
        engine = SearchEngine(pack)
        for spec in moved:
            south, north, west, east = fit.box
            assert south <= spec["home"][0] <= north and west <= spec["home"][1] <= east
            assert all((cat, code.split(":")[0]) in engine.codes for key, cat in
                       (("programs", "program"), ("el", "el"), ("sped", "sped"),
                        ("languages", "language")) for code in spec.get(key, ()))
            assert "open_on" not in spec  # the county pack has no application dates
        assert any(spec.get("languages") == () for spec in moved)  # no staff languages here
    figures = search_bench.run_benchmark(0, 40, la_county_pack)
    assert (figures["schools"], figures["queries"]) == (2343, 40)
    assert 0 < figures["same_top_results"] <= 40
    households = household_bench.run_benchmark(0, 6, la_county_pack)
    assert (households["schools"], households["households"]) == (2343, 6)
    assert households["mean_options"] > 0
    timed = cli_bench.run_benchmark(la_county_pack, "90057", runs=1)
    assert timed["search_p50_ms"] > timed["baseline_p50_ms"] > 0
    command = cli_bench.search_command(la_county_pack, "90057", "6")
    assert command[-7:] == ["--pack", str(la_county_pack), "--zip", "90057", "--grade", "6", "--json"]

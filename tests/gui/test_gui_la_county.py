"""Issue 21 in the app, on the real Los Angeles County pack (tests/la_county.py; skipped with the
reason when ../shared is absent): what a family at a kiosk meets on each screen, in English,
Spanish and Korean where words are concerned.

- the home screen where the pack has no attendance zones (finding 8);
- no juvenile hall, camp or ROP centre among a 9th grader's schools (finding 1);
- online schools under a distance limit in their own group, after the in-person ones (finding 5);
- referral schools only when the family's needs make them relevant, saying how a place is given;
- a school not open yet says when it opens, on the list, the profile and My list;
- no stop within the walk of home (finding 6): the nearest station named, and a button for the
  longer walk that finds the trips by train;
- a stop's lines named with their operator, each once (finding 9).
"""

from __future__ import annotations

import os
import re
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QLabel  # noqa: E402

from navigator import facts  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.i18n import translator  # noqa: E402
from navigator.search.location import home_from_zip  # noqa: E402

CAMP_OR_HALL = re.compile(r"\bcamp\b|juvenile|\bhall\b(?<!marshall)|\bROP\b", re.I)
RISE_KOHYANG_ELEMENTARY = "19647330136994"  # Pending in 2018: opens 2018-08-20
BELL_GARDENS_INTERMEDIATE = "19648086058408"
TODAY = date(2026, 12, 8)  # a Tuesday after every feed: each uses its own representative week
LANGS = ("en", "es", "ko")


@pytest.fixture(scope="module")
def la_window(qapp, la_county_pack):
    from navigator.catalogue.pack import open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.selftest import dispose
    from navigator.gui.state import FamilyState

    state = FamilyState(open_pack(la_county_pack))
    state.today = lambda: TODAY
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    assert wait_until(lambda: window.map_view.is_ready, 60), "the map page did not load"
    yield window
    state.set_language("en")
    state.operations.wait()
    dispose(window)


@pytest.fixture
def family(la_window, qtbot):
    """A fresh start at ZIP 90057 (Westlake), in English, no grade yet."""
    state = la_window.state
    state.start_over()
    state.set_language("en")
    with qtbot.waitSignal(state.results_ready, timeout=20000):
        state.set_home(home_from_zip(state.pack, "90057"))
    yield la_window
    state.set_language("en")


def search(qtbot, state, action) -> None:
    with qtbot.waitSignal(state.results_ready, timeout=30000):
        action()


def listed(window) -> list:
    """The list as the family sees it: ("header", group) and ("school", Result) in order."""
    model = window.pages["results"].model
    return [(e.kind, e.header if e.kind == "header" else e.result)
            for e in (model.entry(row) for row in range(model.rowCount()))]


def row_texts(window, school_id: str):
    model = window.pages["results"].model
    return model.texts(model.row_of(school_id))


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_screen_never_names_a_zoned_school_the_pack_cannot_know(family, qtbot, lang):
    state, page = family.state, family.pages["home"]
    state.set_language(lang)
    family.go("home")
    lines, zoned = page.zoned_lines()
    assert zoned == 0
    assert lines == [translator.gettext("This area's data has no attendance zones, so we cannot "
                                        "say which school is your zoned school.")]
    assert lines[0] != "This area's data has no attendance zones, so we cannot say which school " \
        "is your zoned school." or lang == "en"
    # Before: "This is the school your address is assigned to for that grade" beneath it.
    search(qtbot, state, lambda: state.set_grade(9))
    page.refresh()
    assert page.zoned_about.text() == "" and not page.zoned_about.isVisible()
    shown = " ".join(w.text() for w in page.findChildren(QLabel) if w.isVisible())
    assigned = translator.ngettext(
        "This is the school your address is assigned to for that grade. You can also "
        "apply to others.",
        "These are the schools your address is assigned to for that grade. You can also "
        "apply to others.", 1)
    assert assigned.split(".")[0] not in shown and lines[0] in shown


def test_a_9th_graders_list_has_no_hall_camp_or_rop_centre(family, qtbot):
    state = family.state
    search(qtbot, state, lambda: state.set_grade(9))
    schools = [r for kind, r in listed(family) if kind == "school"]
    assert len(schools) > 300
    assert not [r.name for r in schools if CAMP_OR_HALL.search(r.name)]
    assert {r.site_kind for r in schools} == {"open"}
    assert [h for kind, h in listed(family) if kind == "header"] == []  # one group: no headings


@pytest.mark.parametrize("lang, heading", [("en", "Online schools: distance does not apply"),
                                           ("es", "Escuelas en línea: la distancia no cuenta"),
                                           ("ko", "온라인 학교: 거리와 관계없음")])
def test_online_schools_come_after_the_in_person_ones_under_their_heading(family, qtbot, lang,
                                                                           heading):
    state = family.state
    search(qtbot, state, lambda: state.set_grade(9))
    search(qtbot, state, lambda: state.update_filters(within_km=1.609344))
    state.set_language(lang)
    rows = listed(family)
    at = rows.index(("header", "online"))
    before = [r for kind, r in rows[:at] if kind == "school"]
    after = [r for kind, r in rows[at + 1:] if kind == "school"]
    assert before and after
    assert all(not r.virtual and r.distance_km <= 1.61 for r in before)
    assert all(r.virtual and r.group == "online" for r in after)
    assert "California Virtual Academy @ Los Angeles" in {r.name for r in after}
    model = family.pages["results"].model
    assert model.header_texts("online") == (heading, "")
    words = row_texts(family, after[0].id)
    assert words.distance == translator.gettext("Online school — distance does not apply")


@pytest.mark.parametrize("lang, words", [
    ("en", "Places here are given through your child's IEP team, not by application."),
    ("es", None), ("ko", None)])
def test_referral_schools_only_for_a_need_that_makes_them_relevant(family, qtbot, lang, words):
    state = family.state
    search(qtbot, state, lambda: state.set_grade(9))
    assert "referral" not in {getattr(r, "group", None) for _k, r in listed(family)}
    family.go("needs")
    row = family.pages["needs"].sped_rows["special_school"]
    search(qtbot, state, lambda: row.setChecked(True))
    state.set_language(lang)
    rows = listed(family)
    at = rows.index(("header", "referral"))
    referral = [r for kind, r in rows[at + 1:] if kind == "school"]
    assert referral and all(r.site_kind == "referral" and r.placed_by == "iep" for r in referral)
    assert all(r.group == "open" for kind, r in rows[:at] if kind == "school")
    expected = facts.site_kind_text("referral", "iep")
    assert words is None or expected == words
    assert expected != "Places here are given through your child's IEP team, not by " \
        "application." or lang == "en"
    assert row_texts(family, referral[0].id).place == expected
    assert family.pages["results"].model.header_texts("referral")[0] == \
        facts.group_heading("referral")
    family.show_profile(referral[0].id)
    profile = family.pages["profile"]
    assert wait_until(lambda: any(w.text() == expected for w in profile.findChildren(QLabel)))


@pytest.mark.parametrize("lang, opens, status", [
    ("en", "Opens August 20, 2018", "This school has not opened yet: it opens on August 20, 2018."),
    ("es", "Abre el 20 de agosto de 2018", "Esta escuela aún no ha abierto"),
    ("ko", "2018년 8월 20일 개교", "이 학교는 아직 개교하지 않았습니다")])
def test_a_school_not_open_yet_says_when_it_opens_on_every_screen(family, qtbot, lang, opens,
                                                                 status):
    state = family.state
    search(qtbot, state, lambda: state.set_grade(0))
    state.set_language(lang)
    assert row_texts(family, RISE_KOHYANG_ELEMENTARY).place == opens
    family.show_profile(RISE_KOHYANG_ELEMENTARY)
    note = family.pages["profile"].findChild(QLabel, "statusNote")
    assert note is not None and note.text().startswith(status)
    state.add_to_shortlist(RISE_KOHYANG_ELEMENTARY)
    model = family.pages["shortlist"].model
    row = model.ids().index(RISE_KOHYANG_ELEMENTARY)
    assert ("place", opens) in model.row_parts(row)


@pytest.mark.parametrize("lang, station", [
    ("en", "No stop or station within 10 min walk of home: Westlake / MacArthur Park Station is "
           "12 minutes' walk."),
    ("es", "Westlake / MacArthur Park Station"), ("ko", "Westlake / MacArthur Park Station")])
def test_no_stop_within_the_walk_names_the_station_and_offers_the_longer_walk(family, qtbot, lang,
                                                                             station):
    state, page = family.state, family.pages["results"]
    search(qtbot, state, lambda: state.set_grade(9))
    search(qtbot, state, lambda: state.update_filters(transit_minutes=45, order="trip"))
    state.set_language(lang)
    family.go("results")
    assert station in page.trip_note.text()
    assert page.walk_button.isVisible() and page.walk_button.height() >= 44
    assert page.walk_button.text() == translator.gettext(
        "Walk up to {minutes} min to a stop or station").format(minutes=15)
    assert not [r for r in state.results.results if r.trip and any(
        leg["mode"] != "walk" for leg in r.trip["legs"])]  # every "trip" is a walk
    search(qtbot, state, page.walk_button.click)
    assert state.filters.trip_walk_min == 15
    family.go("needs")  # the choice shows by the count like every other, in the same words
    chips = [b.text() for b in family.pages["needs"].chip_buttons]
    assert any(c.startswith(page.walk_button.text()) for c in chips)
    family.go("results")
    assert state.results.no_stop_near_home is None
    assert not page.walk_button.isVisible() and "Westlake" not in page.trip_note.text()
    by_train = [r for r in state.results.results if r.trip and any(
        leg["mode"] == "rail" for leg in r.trip["legs"])]
    assert len(by_train) > 20
    # The profile's steps name the line with its operator (finding 9): "Metro B Line (Red)".
    family.show_profile(by_train[0].id)
    profile = family.pages["profile"]
    rail = next(leg for leg in by_train[0].trip["legs"] if leg["mode"] == "rail")
    assert rail["operator"] == "Metro" and rail["line"].startswith("Metro ")
    assert wait_until(lambda: any(rail["line"] in w.text() for w in profile.findChildren(QLabel)))


def test_a_stops_lines_are_named_with_their_operator_each_once(family, qtbot):
    family.show_profile(BELL_GARDENS_INTERMEDIATE)
    profile = family.pages["profile"]
    texts = [w.text() for w in profile.findChildren(QLabel)]
    trolley = [t for t in texts if "Trolley" in t or "La Campana" in t]
    assert trolley, "the profile names the stops' lines"
    assert any("Bell Gardens Trolley Fixed Route" in t for t in trolley)
    for text in trolley:
        assert text.count("Bell Gardens Trolley Fixed Route") <= 1


def test_bus_stops_without_a_timetable_are_apart_and_say_so(family, qtbot):
    """LA Metro's bus stops are in the pack without their timetable: the profile lists the stops
    with lines first, then says the rest have no timetable, never "lines Unknown"."""
    family.show_profile(BELL_GARDENS_INTERMEDIATE)
    profile = family.pages["profile"]
    texts = [w.text() for w in profile.findChildren(QLabel) if w.isVisibleTo(profile)]
    note = next(i for i, t in enumerate(texts) if "this pack has no timetable for" in t)
    assert re.match(r"\d+ stops this pack has no timetable for: which buses or trains stop there",
                    texts[note])
    timed = [i for i, t in enumerate(texts) if " · lines " in t]
    assert timed and max(timed) < note  # the Trolley's stops first, then the bare ones
    assert texts[note + 2].startswith("Bus stop · ") and "lines" not in texts[note + 2]
    assert not any("lines Unknown" in t for t in texts)


@pytest.mark.parametrize("lang", LANGS)
def test_a_family_told_of_a_referral_can_list_those_schools(family, qtbot, lang):
    """What matters > More: "Also show schools that give places by referral" brings the
    district's referral schools (an opportunity school at 90057) in their own group, and a chip."""
    state = family.state
    search(qtbot, state, lambda: state.set_grade(6))
    mcalister = "19647331930619"  # Harold McAlister High (Opportunity)
    assert family.pages["results"].model.row_of(mcalister) == -1
    family.go("needs")
    page = family.pages["needs"]
    search(qtbot, state, lambda: page.referral_row.setChecked(True))
    assert state.filters.referral is True
    state.set_language(lang)
    rows = listed(family)
    at = rows.index(("header", "referral"))
    assert ("school", next(r for _k, r in rows if getattr(r, "id", "") == mcalister)) in rows[at:]
    assert row_texts(family, mcalister).place == facts.site_kind_text("referral", "district")
    chips = [b.text() for b in page.chip_buttons]
    assert any(translator.gettext("Also schools by referral") in c for c in chips)
    search(qtbot, state, lambda: next(b for b in page.chip_buttons
                                      if translator.gettext("Also schools by referral") in b.text()
                                      ).click())
    assert state.filters.referral is False and not page.referral_row.isChecked()

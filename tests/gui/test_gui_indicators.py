"""School results in the app: the profile, the compare view, the sort by one result, the printout.

Driven through the real window, the demo pack (fictional ELA and math results, some withheld for
small groups) and the real map page, in English, Spanish and Korean.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo import DEMO_LIST, PENA, PUENTE, SPECIAL, TODAY, VIRTUAL  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtWidgets import QLabel, QWidget  # noqa: E402

from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.exports import render  # noqa: E402
from navigator.gui.compare import CompareDialog  # noqa: E402
from navigator.gui.indicators_view import IndicatorSortDialog  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402
from navigator.shortlist import from_json, load_list  # noqa: E402

SECTOR_WORDS = ("charter", "district", "chárter", "distrito", "차터", "교육구")




def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


@pytest.fixture
def family(rosa):
    """ZIP 00104, kindergarten, on the results page, in English."""
    rosa.go("results")
    return rosa


def results_view(window, school_id: str):
    window.show_profile(school_id)
    view = window.pages["profile"].results_view
    assert view is not None
    return view


# --- the profile ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, low, increased_a_lot, students, title", [
    ("en", "39.6 points below the standard (Low)", "+15.4 points (Increased significantly)",
     "694 students", "English language arts"),
    ("es", "39.6 puntos por debajo del estándar (Bajo)",
     "+15.4 puntos (Aumentó considerablemente)", "694 estudiantes", "Artes del lenguaje en inglés"),
    ("ko", "기준보다 39.6점 낮음 (낮음)", "+15.4점 (크게 상승)", "학생 694명", "영어 읽기·쓰기"),
])
def test_profile_shows_status_and_change_together_in_three_languages(family, lang, low,
                                                                      increased_a_lot, students,
                                                                      title):
    family.state.set_language(lang)
    view = results_view(family, PUENTE)
    block = view.blocks["ela"]
    assert block.name.text() == title
    assert not block.body.isVisibleTo(view)  # opened by the family, not shown by default
    view.open_indicator("ela")
    assert "ela" in family.state.indicators_seen
    shown = texts(block)
    # The result and its change sit in the same column of the same table, with year and students.
    assert low in shown and increased_a_lot in shown and students in shown and "2026" in shown
    assert block.info.accessibleName() and block.toggle.accessibleName().endswith(title)
    # The explanation is plain words in the language, with what "change" means.
    explanation = block.info._explanation
    assert {"en": "0 means exactly at the standard", "es": "0 significa justo en el estándar",
            "ko": "0은 기준과 정확히 같다"}[lang] in explanation
    # Level words are translated: no English level word is left on a Spanish or Korean screen.
    if lang != "en":
        assert not any(word in " ".join(texts(view)) for word in ("Low", "Increased", "Medium"))
    # Switching language retranslates the open table at once.
    family.state.set_language("en" if lang != "en" else "ko")
    again = family.pages["profile"].results_view
    assert again.blocks["ela"].body.isVisibleTo(again)
    assert any(t in texts(again.blocks["ela"]) for t in ("39.6 points below the standard (Low)",
                                                        "기준보다 39.6점 낮음 (낮음)"))


def test_group_beside_all_students_and_withheld_is_not_zero(family):
    state = family.state
    view = results_view(family, PUENTE)
    view.open_indicator("math")
    index = view.group_box.findData("EL")
    view.group_box.setCurrentIndex(index)
    assert state.indicator_group == "EL"
    math = texts(view.blocks["math"])
    assert "All students" in math and "English learners" in math
    assert "3.8 points below the standard (Medium)" in math  # all students
    assert "Not reported (small group, to protect privacy)" in math  # English learners: withheld
    assert not any(t.startswith(("0 points", "0.0", "+0.0", "−0.0")) for t in math)
    withheld = view.blocks["math"].findChild(QLabel, "withheld")
    assert withheld is not None and withheld.text().startswith("Not reported")
    # The source and its as-of date are shown under the table.
    assert any(t.startswith("Source: School Dashboard: mathematics (demo)")
               and "as of October 15, 2026" in t for t in math)
    # The group stays chosen on the next school's profile, and in Korean.
    state.set_language("ko")
    view = results_view(family, PENA)
    assert view.group_box.currentData() == "EL"
    assert "공개되지 않음(학생 수가 적어 개인정보 보호를 위해)" not in texts(view)  # Peña: reported
    assert "영어 학습자(EL)" in texts(view.blocks["math"])


@pytest.mark.parametrize("lang, missing, reason", [
    ("en", "No results reported", "This is an online school: its results are not in this data."),
    ("es", "No hay resultados publicados",
     "Es una escuela en línea: sus resultados no están en estos datos."),
    ("ko", "공개된 결과 없음", "온라인 학교입니다. 이 자료에는 이 학교의 결과가 없습니다."),
])
def test_school_without_results_says_so_and_why(family, lang, missing, reason):
    family.state.set_language(lang)
    view = results_view(family, VIRTUAL)
    assert view.findChild(QLabel, "noResults").text() == missing
    assert view.findChild(QLabel, "noResultsReason").text() == reason
    assert not view.blocks and not view.chooser.isVisibleTo(view)
    special = results_view(family, SPECIAL)
    assert "special-education" in special.findChild(QLabel, "noResultsReason").text() or lang != "en"


def test_profile_results_are_neutral(family):
    """District and charter: the same rows and words, no sector words, no colours of our own."""
    shapes = []
    for school_id in (PENA, PUENTE):
        view = results_view(family, school_id)
        for code in view.blocks:
            view.open_indicator(code)
        words = texts(view)
        assert not any(w in t.lower() for t in words for w in SECTOR_WORDS)
        assert all(not w.styleSheet() for w in view.findChildren(QWidget))
        shapes.append([t for t in words if not any(c.isdigit() for c in t)])
    assert shapes[0] == shapes[1]


def test_start_over_forgets_the_group_and_the_opened_results(family):
    state = family.state
    state.indicator_group = "SWD"
    state.indicators_seen.add("math")
    state.start_over()
    assert state.indicator_group == "ALL" and state.indicators_seen == set()


# --- compare ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es", "ko"])
def test_compare_has_the_same_result_rows_for_district_and_charter(family, lang):
    state = family.state
    state.set_language(lang)
    state.indicator_group = "EL"
    dialog = CompareDialog(state, [PENA, PUENTE, VIRTUAL], family)
    state.operations.wait()  # the table, worked out off the GUI thread
    try:
        labels = dialog.row_labels()
        # No parentheses inside parentheses: a group's name may carry its own ("(EL)").
        expected = {"en": ["English language arts — All students",
                           "English language arts — English learners",
                           "Mathematics — All students", "Mathematics — English learners",
                           "Where the school results come from"],
                    "es": ["Artes del lenguaje en inglés — Todos los estudiantes",
                           "Artes del lenguaje en inglés — Aprendices de inglés (EL)",
                           "Matemáticas — Todos los estudiantes",
                           "Matemáticas — Aprendices de inglés (EL)",
                           "De dónde vienen los resultados escolares"],
                    "ko": ["영어 읽기·쓰기 — 전체 학생", "영어 읽기·쓰기 — 영어 학습자(EL)",
                           "수학 — 전체 학생", "수학 — 영어 학습자(EL)", "학교 성과 결과의 출처"]}[lang]
        assert labels[-5:] == expected
        row = labels.index(expected[0])
        result, change = {"en": ("Result: ", "Change from the year before: "),
                          "es": ("Resultado: ", "Cambio respecto al año anterior: "),
                          "ko": ("결과: ", "작년 대비 변화: ")}[lang]
        for column in (0, 1):  # Peña (district), Puente (charter): the same lines
            cell = dialog.cell(row, column).split("\n")
            assert len(cell) == 4 and cell[1].startswith(result) and cell[2].startswith(change)
        withheld = dialog.cell(labels.index(expected[3]), 1)
        assert withheld.split("\n")[1] == {"en": "Not reported (small group, to protect privacy)",
                                           "es": "No se publica (grupo pequeño, para proteger la "
                                                 "privacidad)",
                                           "ko": "공개되지 않음(학생 수가 적어 개인정보 보호를 위해)"}[lang]
        assert dialog.cell(row, 2).split("\n")[0] == {"en": "No results reported",
                                                      "es": "No hay resultados publicados",
                                                      "ko": "공개된 결과 없음"}[lang]
        assert "2026" in dialog.cell(labels.index(expected[4]), 0)  # source with its as-of date
    finally:
        dialog.close()
        state.indicator_group = "ALL"


# --- sorting by one result -------------------------------------------------------------------------


def test_sort_by_a_result_only_when_asked_and_rows_show_status_and_change(family, qtbot):
    state, page = family.state, family.pages["results"]
    model = page.model
    default = [model.id_at(r) for r in range(model.rowCount())]
    assert page.sort_box.currentData() == "distance" and not page.sort_note.isVisibleTo(page)
    assert all(model.texts(r).result == "" for r in range(model.rowCount()) if model.id_at(r))
    # "By a school result…" asks which one; cancelling changes nothing.
    dialog = page.ask_indicator_sort()
    assert not dialog.sort_button.isEnabled()  # nothing chosen for the family
    dialog.reject()
    assert page.sort_box.currentData() == "distance"
    qtbot.waitUntil(lambda: not page.findChildren(IndicatorSortDialog))  # none kept, hidden
    dialog = page.ask_indicator_sort()
    dialog.choose("ela")
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        dialog.sort_button.click()
    assert state.filters.order == "indicator:ela" and "ela" in state.indicators_seen
    assert page.sort_box.currentText() == "English language arts"
    assert page.sort_note.isVisibleTo(page) and "highest first" in page.sort_note.text()
    others = [r for r in range(model.rowCount()) if model.id_at(r) and not model.entry(r).result.zoned]
    rows = [model.texts(r).result for r in others]
    reported = [t for t in rows if "No results reported" not in t]
    assert reported and all("; change from the year before: " in t for t in reported)
    assert all(" (Low)" in t or " (Medium)" in t or " (High)" in t or "Very" in t for t in reported)
    # The online school has none; the special-education centre, which gives places through the
    # IEP team, is listed only for a family asking for a special-education service.
    assert rows[-1:] == ["English language arts — All students: No results reported"]
    assert rows.count("English language arts — All students: No results reported") == 1
    statuses = [model.entry(r).result.indicator["status"] for r in others[:len(reported)]]
    assert statuses == sorted(statuses, reverse=True)
    # Korean: the row and the note are retranslated at once.
    state.set_language("ko")
    assert model.texts(others[0]).result.startswith("영어 읽기·쓰기 — 전체 학생, 2026년: 기준보다")
    assert "작년 대비 변화" in model.texts(others[0]).result
    assert "높은 순서대로" in page.sort_note.text()
    state.set_language("en")
    # Back to distance: the default order again, without results on the rows.
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        page.sort_box.setCurrentIndex(page.sort_box.findData("distance"))
    assert state.filters.order is None and not page.sort_note.isVisibleTo(page)
    assert [model.id_at(r) for r in range(model.rowCount())] == default
    assert all(model.texts(r).result == "" for r in range(model.rowCount()) if model.id_at(r))


def test_sort_for_a_group_shows_withheld_in_words_and_start_over_resets_it(family, qtbot):
    state, page = family.state, family.pages["results"]
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        page.sort_by_indicator("math", "EL")
    model = page.model
    puente = model.texts(model.row_of(PUENTE)).result
    assert puente == "Mathematics — English learners, 2026: Not reported (small group, to protect privacy)"
    # Same fields for a district and a charter school while sorted.
    keys = [[k for k, _t in model.texts(model.row_of(i)).fields()] for i in (PENA, PUENTE)]
    assert keys[0] == keys[1] and "result" in keys[0]
    state.start_over()
    assert page.sort_box.currentData() == "distance" and state.filters.order is None


# --- the printed list ------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_includes_the_results_the_family_looked_at(family, tmp_path: Path):
    state = family.state
    state.add_to_shortlist(PUENTE)
    state.add_to_shortlist(VIRTUAL)
    without = pdf_text(render(state.pack, state.to_family_list(), "pdf", "en", TODAY))
    assert "School results" not in without
    view = results_view(family, PUENTE)
    view.open_indicator("math")  # the family looked at mathematics only
    view.group_box.setCurrentIndex(view.group_box.findData("EL"))
    family_list = state.to_family_list()
    assert family_list.indicators == ["math"] and family_list.indicator_group == "EL"
    text = " ".join(pdf_text(render(state.pack, family_list, "pdf", "en",
                                    TODAY)).split())
    assert "School results" in text and "About the school results in this list" in text
    assert ("2026: 3.8 points below the standard (Medium); change from the year before: −7.6 "
            "points (Declined). 604 students") in text
    assert "2026: Not reported (small group, to protect privacy). 9 students" in text
    assert "English language arts (All students)" not in text  # not looked at: not printed
    assert "No results reported This is an online school" in text  # the virtual school, and why
    assert "School Dashboard: mathematics (demo), Valle Verde County Office of Education (demo); as " \
           "of October 15, 2026" in text
    korean = " ".join(pdf_text(render(state.pack, family_list, "pdf", "ko",
                                      TODAY)).split())
    assert "기준보다 3.8점 낮음 (보통), 작년 대비 변화: −7.6점 (하락)" in korean
    # The list file keeps them; a file from before school results still loads.
    saved = family_list.to_json()
    assert saved["family"]["indicators"] == ["math"]
    assert from_json(json.loads(json.dumps(saved)), "test").indicators == ["math"]
    old = load_list(DEMO_LIST)
    assert old.indicators == [] and old.indicator_group == "ALL"


def test_demand_line_cites_its_source():
    with open_pack(demo_pack()) as pack:
        old = load_list(DEMO_LIST)
        text = " ".join(pdf_text(render(pack, old, "pdf", "en", TODAY)).split())
    assert "source not recorded in this data" not in text
    assert "applicants per seat (source [" in text

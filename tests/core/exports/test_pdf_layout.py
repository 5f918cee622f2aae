"""The printed list as Rosa takes it to the district office: read back with pypdf.

The demo list (Puente, Peña, Eastgate, Las Flores) on 2026-12-03, the day before the Valle Verde
Choices form for Peña and Eastgate closes: the plan comes first, each process is explained once,
web addresses are whole, bullets are lines of their own, a 5,000-character name or note makes no
blank page, and the sources never sit alone on a page.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde
from demo import PLAN_DAY as DAY
from demo import ROOT
from pypdf import PdfReader

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.exports import render
from navigator.shortlist import FamilyList, ListedSchool, load_list

FOOTER = re.compile(r"^.*not a submitted application\s+\d+/\d+$|^.*no es una solicitud enviada.*$")


@pytest.fixture(scope="module")
def family() -> FamilyList:
    return load_list(ROOT / "data" / "demo" / "shortlist.json")


@pytest.fixture(scope="module")
def english(pack, family) -> PdfReader:
    return PdfReader(io.BytesIO(render(pack, family, "pdf", "en", DAY)))


@pytest.fixture(scope="module")
def two_languages(pack, family) -> PdfReader:
    return PdfReader(io.BytesIO(render(pack, family, "pdf", "es", DAY, second_lang="en")))


def pages_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def body_lines(page_text: str) -> list[str]:
    """A page's lines without its footer."""
    return [line for line in page_text.splitlines() if line.strip() and not FOOTER.match(line)]


def test_the_plan_is_on_the_first_page_most_urgent_first(english) -> None:
    first = english.pages[0].extract_text()
    assert "What to do next" in first
    urgent = first.index("⚠ Closes tomorrow · Friday, December 4, 2026 at 5:00 PM")
    later = first.index("○ Closes in 71 days · Friday, February 12, 2027")
    assert urgent < later
    assert "covers 2 schools on your list: Escuela\nPeña Elementary and Eastgate Elementary" in first \
        or "covers 2 schools on your list: Escuela Peña Elementary and Eastgate Elementary" in first


def test_urgent_words_are_bold_as_well_as_marked(english) -> None:
    fonts: list[tuple[str, str]] = []

    def visit(text, _cm, _tm, font, _size) -> None:
        if text.strip() and font:
            fonts.append((text.strip(), str(font.get("/BaseFont"))))

    english.pages[0].extract_text(visitor_text=visit)
    urgent = [font for text, font in fonts if text.startswith("⚠ Closes tomorrow")]
    assert urgent and all("Bold" in font for font in urgent)
    ranked = pages_text(english)[1]  # the ranked list: the urgent next dates in bold too
    assert "⚠ Closes tomorrow" in ranked


def test_page_count_and_no_page_of_sources_alone(english, two_languages) -> None:
    assert len(english.pages) <= 6  # 7 before: a process printed twice, a page of sources
    assert len(two_languages.pages) <= 9  # 10 before
    for reader in (english, two_languages):
        for page in pages_text(reader):
            lines = body_lines(page)
            assert lines, "a blank page"
            heading = next((i for i, line in enumerate(lines)
                            if line.startswith(("Where this comes from", "De dónde viene"))), None)
            if heading is not None:
                assert heading > 0, "a page that holds only the sources"


def test_each_process_is_explained_once_and_named_with_its_page(english) -> None:
    text = "\n".join(pages_text(english))
    flat = re.sub(r"\s+", " ", text)
    for sentence in ("Choose up to 3 dual-language schools in your order of preference",
                     "Find your address on the map to see your zoned school",
                     "Enter your child's name, date of birth and grade"):
        assert flat.count(sentence) == 1, sentence
    refs = re.findall(r"See “Valle Verde Choices: dual-language programs”, page (\d+)\.", flat)
    assert len(refs) >= 3  # the plan, Peña and Eastgate
    page = int(refs[0])
    assert "Valle Verde Choices: dual-language programs" in english.pages[page - 1].extract_text()
    assert "Dual-language classes teach in English" in english.pages[page - 1].extract_text()


def test_two_languages_side_by_side_keep_their_references(two_languages) -> None:
    flat = re.sub(r"\s+", " ", "\n".join(pages_text(two_languages)))
    assert re.search(r"Vea “Valle Verde Choices: programas de doble inmersión \(dos idiomas\)”, "
                     r"página \d+", flat)
    assert re.search(r"See “Valle Verde Choices: dual-language programs”, page \d+", flat)
    assert "Cierra mañana" in flat and "Closes tomorrow" in flat


def test_web_addresses_are_never_broken_inside_a_word(pack, english) -> None:
    lines = [line for page in pages_text(english) for line in page.splitlines()]
    urls = {row[0] for row in pack.conn.execute(
        "SELECT url FROM processes WHERE url IS NOT NULL UNION SELECT website FROM schools "
        "WHERE website IS NOT NULL UNION SELECT url FROM sources WHERE url IS NOT NULL")}
    printed = [u for u in urls if any(u in line for line in lines)]
    assert len(printed) >= 6
    for index, line in enumerate(lines[:-1]):
        word = line.split(" ")[-1] if line else ""
        if re.match(r"https?://", word) and not re.search(r"[/.\-?&=_]$", word):
            assert word.rstrip(",.;") in urls or word in urls, f"broken: {word!r} / {lines[index + 1]!r}"


def test_every_bullet_begins_its_own_line(english) -> None:
    for page in pages_text(english):
        for line in page.splitlines():
            if "•" in line:
                assert line.lstrip().startswith("•") and line.count("•") == 1, line


def test_korean_sentences_have_their_particles_chosen(pack, family) -> None:
    text = "\n".join(pages_text(PdfReader(io.BytesIO(render(pack, family, "pdf", "ko", DAY)))))
    assert not re.search(r"(은\(는\)|이\(가\)|을\(를\)|과\(와\)|\(으\)로)", text)
    assert "다음에 할 일" in text and "내일 마감" in text


# --- long texts ------------------------------------------------------------------------------------

LONG_NAME = "Escuela " + "Larguísima" * 499  # 5,000 characters, one "word"
LONG_NOTE = ("Ask about the bus and the after-school programme. " * 100)[:5000]


@pytest.fixture(scope="module")
def long_pack(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    write_cde(folder / "pubschls.txt", [
        cde_row("19647330000001", LONG_NAME, 34.05, -118.25),
        cde_row("19647330000002", "Short Name School", 34.06, -118.24),
    ])
    (folder / "region.toml").write_text(
        '[region]\nid = "test-long"\nname = "Long texts"\n'
        '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n', encoding="utf-8")
    build_pack(folder / "region.toml", folder / "pack.sqlite")
    return folder / "pack.sqlite"


def test_a_5000_character_name_and_note_make_no_blank_page(long_pack: Path) -> None:
    listed = FamilyList(region="test-long", schools=[
        ListedSchool("19647330000002", LONG_NOTE), ListedSchool("19647330000001", LONG_NOTE)])
    with open_pack(long_pack) as pack:
        for second in (None, "es"):
            reader = PdfReader(io.BytesIO(render(pack, listed, "pdf", "en", DAY, second)))
            texts = pages_text(reader)
            for number, page in enumerate(texts, start=1):
                assert body_lines(page), f"page {number} is blank"
            flat = re.sub(r"\s+", "", "".join(texts))
            assert "Escuela" + "Larguísima" * 5 in flat and "…" in flat  # shortened, not lost
            assert len(texts) <= 8
        spreadsheet = render(pack, listed, "csv", "en", DAY).decode("utf-8-sig")
        html = render(pack, listed, "html", "en", DAY).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(spreadsheet)))
    # The pack's reader already ends a name past 200 characters with an ellipsis (rules.py); the
    # family's own note is kept whole in the spreadsheet.
    assert LONG_NAME.startswith(rows[1]["School"][:-1]) and rows[1]["School"].endswith("…")
    assert rows[0]["Your note"] == LONG_NOTE
    assert LONG_NAME not in html and "Escuela " + "Larguísima" * 5 in html


def test_the_web_page_also_starts_with_the_plan(pack, family) -> None:
    page = render(pack, family, "html", "es", DAY).decode("utf-8")
    headings = re.findall(r"<h2>([^<]*)</h2>", page)
    assert headings[0] == "Qué hacer ahora"
    first = re.search(r'<div class="step([^"]*)" role="note"><p class="head">([^<]*)</p>', page)
    assert first.group(1) == " urgent" and first.group(2).startswith("⚠ Cierra mañana")
    assert page.count("Dual-language classes teach") == 0  # (English text stays out of Spanish)
    assert page.count("Elija hasta 3") == 1  # the dual-language process, explained once

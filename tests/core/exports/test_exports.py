"""Every export format parsed back: PDF text, ICS, CSV, QR text, HTML; bad input leaves no file."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde
from demo import DEMO_LIST, PUENTE, TODAY
from hostile import copy_demo
from icalendar import Calendar
from pypdf import PdfReader

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli.export import main
from navigator.errors import UserError
from navigator.exports import render
from navigator.exports.document import build_document
from navigator.exports.fonts import pdf_fonts
from navigator.exports.html import render_html
from navigator.exports.model import split_steps
from navigator.exports.qr import parse_qr_text, qr_png, qr_svg, qr_text
from navigator.shortlist import FamilyList, ListedSchool, load_list

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def family() -> FamilyList:
    return load_list(DEMO_LIST)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


# --- the example list ------------------------------------------------------------------------------


def test_demo_list_is_a_valid_list_with_deadlines(pack, family) -> None:
    data = json.loads(DEMO_LIST.read_text(encoding="utf-8"))
    assert data["format"] == "navigator-list" and data["version"] == 1
    assert [s["rank"] for s in data["schools"]] == list(range(1, len(data["schools"]) + 1))
    assert 3 <= len(family.schools) <= 5 and family.region == pack.region.id
    doc = build_document(pack, family, "en", TODAY)
    for name in (s.name for s in doc.schools):
        assert any(name in row.schools for row in doc.timeline), f"{name} has no dates"


def test_documents_in_any_languages_line_up(pack, family) -> None:
    keys = {lang: [g.key for g in build_document(pack, family, lang, TODAY).groups]
            for lang in ("en", "es", "ko", "vi")}
    assert keys["es"] == keys["en"] == keys["ko"] == keys["vi"]


def test_missing_translation_is_marked_english(pack, family, tmp_path: Path) -> None:
    without = copy_demo(tmp_path / "no-vietnamese.sqlite")
    with sqlite3.connect(without) as conn:
        conn.execute("DELETE FROM translations WHERE lang = 'vi'")  # a pack without Vietnamese texts
    with open_pack(without) as bare:
        doc = build_document(bare, family, "vi", TODAY)
    fallback = [b for g in doc.groups for b in g.blocks if b.lang == "en"]
    assert fallback, "pack texts in English should say so"
    assert any(b.kind == "subheading" for b in fallback)
    for lang in ("ko", "vi", "ar"):  # the demo pack has its texts in every language
        translated = build_document(pack, family, lang, TODAY)
        assert not [b for g in translated.groups for b in g.blocks if b.lang == "en"], lang


def test_steps_are_split_from_how_to_apply() -> None:
    intro, steps = split_steps("Apply online. 1. Go to the site. 2. Create an account. 3. Submit.")
    assert intro == "Apply online." and steps == ["Go to the site.", "Create an account.", "Submit."]
    assert split_steps("Grades 1 to 12. Bring 2 documents.") == \
        ("Grades 1 to 12. Bring 2 documents.", [])


# --- PDF ---------------------------------------------------------------------------------------------


def test_pdf_in_korean_shows_korean_text(pack, family) -> None:
    data = render(pack, family, "pdf", "ko", TODAY)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert text.index("우리 가족 학교 목록") < text.index("Puente Dual Language Academy")
    assert text.index("희망 순위 목록") < text.index("목록 점검")
    for expected in ("2026년 12월 4일", "Valle Verde Choices: 이중언어 프로그램", "Escuela Peña Elementary",
                     "제출된 신청서가 아닙니다", "11일 후 마감", "준비할 서류", "주소 증명 서류",
                     "2026년 10월 1일 기준", "거주지 배정 학교"):
        assert expected in text, expected
    first_page = flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert "11일 후 마감" in first_page  # the plan: Valle Verde Choices closes in 11 days
    assert "1. Puente Dual Language Academy" in first_page


def test_pdf_side_by_side_spanish_and_english(pack, family) -> None:
    data = render(pack, family, "pdf", "es", TODAY, second_lang="en")
    text = pdf_text(data)
    for expected in ("Nuestra lista de escuelas", "Our school list", "4 de diciembre de 2026",
                     "December 4, 2026", "programas de doble inmersión", "dual-language programs",
                     "Escuela Peña Elementary", "no una solicitud enviada",
                     "not a submitted application", "cierra en 11 días", "closes in 11 days"):
        assert expected in text, expected


def test_pdf_embeds_its_fonts(pack, family) -> None:
    reader = PdfReader(io.BytesIO(render(pack, family, "pdf", "ko", TODAY)))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                fonts.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    assert fonts and all(embedded for _name, embedded in fonts)
    assert any("Nanum" in name for name, _embedded in fonts)


def test_missing_korean_font_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="No Korean font"):
        pdf_fonts(hangul=True, dirs=[tmp_path])
    with pytest.raises(UserError, match="No font was found"):
        pdf_fonts(hangul=False, dirs=[tmp_path])
    with pytest.raises(UserError, match="No Chinese font"):  # never a PDF of empty boxes
        pdf_fonts(hangul=False, dirs=[tmp_path], han=True)
    (tmp_path / "fonts").mkdir()
    source = pdf_fonts(hangul=False)[0].regular
    (tmp_path / "fonts" / source.name).write_bytes(source.read_bytes())
    found = pdf_fonts(hangul=False, dirs=[tmp_path])
    assert found[0].regular.parent == tmp_path / "fonts"


# --- ICS ---------------------------------------------------------------------------------------------


def test_ics_one_all_day_event_per_date(pack, family) -> None:
    doc = build_document(pack, family, "es", TODAY)
    data = render(pack, family, "ics", "es", TODAY)
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(doc.timeline) > 5
    by_uid = {str(e["UID"]): e for e in events}
    closes = by_uid["vvusd-dual-language-closes@demo-valle-verde.navigator"]
    start = closes.decoded("DTSTART")
    assert start == date(2026, 12, 4) and type(start) is date  # all day, not a moment
    assert closes.decoded("DTEND") == date(2026, 12, 5)
    title = str(closes["SUMMARY"])
    assert "Último día para solicitar" in title and "Escuela Peña Elementary" in title
    assert "Valle Verde Choices: programas de doble inmersión" in title
    description = str(closes["DESCRIPTION"])
    assert "Cómo solicitar:" in description and "1. Entre a choices.vvusd.example.org" in description
    assert "5:00\u202fp.m." in description and "no una solicitud enviada" in description
    lottery = by_uid["lottery-pu-closes@demo-valle-verde.navigator"]
    assert "Puente Dual Language Academy: lotería" in str(lottery["SUMMARY"])
    alarms = [(e, a) for e in events for a in e.walk("VALARM")]
    future = [e for e in events if e.decoded("DTSTART") >= TODAY]
    assert len(alarms) == len(future) and len(future) < len(events)  # none for passed dates
    assert all(str(a["ACTION"]) == "DISPLAY" for _e, a in alarms)
    trigger = alarms[0][1].decoded("TRIGGER")
    assert trigger.days == -3 and trigger.seconds == 9 * 3600  # 9:00 three days before


def test_ics_is_stable_and_valid(pack, family) -> None:
    first = render(pack, family, "ics", "ko", TODAY)
    assert render(pack, family, "ics", "ko", TODAY) == first  # same list, same day, same file
    text = first.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))  # folded
    for required in ("VERSION:2.0", "PRODID:", "DTSTAMP:20261123T000000Z"):
        assert required in text
    cal = Calendar.from_ical(first)
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert "신청 마감일" in " ".join(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


def test_ics_second_language_in_the_description(pack, family) -> None:
    cal = Calendar.from_ical(render(pack, family, "ics", "ko", TODAY, second_lang="en"))
    description = str(next(iter(cal.walk("VEVENT")))["DESCRIPTION"])
    assert "신청 방법:" in description and "How to apply:" in description


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Adak"])
def test_ics_dates_ignore_the_machine_time_zone(pack, family, zone, monkeypatch) -> None:
    import time

    before = render(pack, family, "ics", "en", TODAY)
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        after = render(pack, family, "ics", "en", TODAY)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert after == before
    starts = [e.decoded("DTSTART") for e in Calendar.from_ical(after).walk("VEVENT")]
    assert date(2026, 12, 4) in starts and all(type(s) is date for s in starts)


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_round_trip_with_bom(pack, family) -> None:
    data = render(pack, family, "csv", "ko", TODAY)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["순위", "학교", "학교 코드"]
    assert [r[0] for r in body] == ["1", "2", "3", "4"]
    assert [r[2] for r in body] == family.ids()
    assert body[1][1] == "Escuela Peña Elementary"
    record = dict(zip(header, body[1], strict=True))
    assert "Valle Verde Choices: 이중언어 프로그램" in record["입학 방법"]
    assert "2026년 12월 4일" in record["다음 날짜"]
    assert record["메모"] == family.schools[1].note
    spanish = list(csv.reader(io.StringIO(render(pack, family, "csv", "es", TODAY)
                                          .decode("utf-8-sig"))))
    assert spanish[0][:2] == ["Orden", "Escuela"]


def test_csv_cells_cannot_become_formulas(pack) -> None:
    listed = FamilyList(region=pack.region.id, schools=[ListedSchool(PUENTE, "=1+1")])
    rows = list(csv.reader(io.StringIO(render(pack, listed, "csv", "en", TODAY).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("Your note")] == "'=1+1"


# --- QR ----------------------------------------------------------------------------------------------


def test_qr_text_round_trip(family) -> None:
    text = qr_text(family)
    assert text == "NAV1|demo-valle-verde|" + ",".join(family.ids())
    back = parse_qr_text(text)
    assert back.region == family.region and back.ids() == family.ids()
    assert parse_qr_text(text + "|g=0|future=1").ids() == family.ids()  # later fields ignored
    assert qr_png(text).startswith(b"\x89PNG\r\n\x1a\n")
    svg = qr_svg(text, label="<list>")
    assert svg.startswith("<svg") and "http" not in svg and "&lt;list&gt;" in svg


@pytest.mark.parametrize(("text", "message"), [
    ("hello", "not a Navigator school list"), ("NAV2|demo|1,2", "newer Navigator"),
    ("NAV1|demo", "incomplete"), ("NAV1||1,2", "incomplete"), ("NAV1|demo|1,1", "damaged"),
    ("NAV1|demo|1,<x>", "damaged"),
])
def test_qr_text_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_qr_text(text)


# --- HTML --------------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data) -> None:
        self.text.append(data)


def parse_html(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def test_html_is_self_contained(pack, family) -> None:
    page = render(pack, family, "html", "es", TODAY, second_lang="en").decode("utf-8")
    parsed = parse_html(page)
    assert {"script", "link", "img", "iframe", "a", "object", "embed"}.isdisjoint(parsed.tags)
    # the map, the list's code and one calendar code per date of the plan
    assert parsed.tags.count("svg") == 2 + len(build_document(pack, family, "es", TODAY).phone.events)
    assert not [a for a in parsed.attrs if a[0] in ("src", "href", "xmlns", "srcset")]
    assert not [a for a in parsed.attrs if a[1] and ("http" in a[1] or "url(" in a[1])]
    text = "".join(parsed.text)
    # every web address is plain text from the pack, never markup
    assert page.count("http") == text.count("http") > 0
    assert "https://www.puenteacademy.example.org" in text
    for expected in ("Nuestra lista de escuelas", "Our school list", "4 de diciembre de 2026",
                     "no una solicitud enviada"):
        assert expected in text
    assert 'lang="es"' in page and 'lang="en"' in page


@pytest.fixture(scope="module")
def hostile_pack(tmp_path_factory) -> Path:
    """A tiny pack whose school, process and texts are hostile markup."""
    folder = tmp_path_factory.mktemp("hostile")
    write_cde(folder / "pubschls.txt", [
        cde_row("19647330000001", HOSTILE, 34.05, -118.25, Phone="No Data"),
        cde_row("19647330000002", "Plain & Simple School", 34.06, -118.24, Charter="Y",
                FundingType="Directly funded"),
    ])
    (folder / "processes.csv").write_text(
        "process_id,kind,name,schools,how_to_apply,url\n"
        "lot,charter_lottery,<script>alert(2)</script> lottery,19647330000001,"
        "\"1. Go to <a href='http://evil.example.org'>here</a>. 2. Submit.\","
        "javascript:alert(3)\n", encoding="utf-8")
    (folder / "deadlines.csv").write_text(
        "deadline_id,process_id,kind,date,label\nlot-closes,lot,closes,2026-12-10,<b>close</b>\n",
        encoding="utf-8")
    (folder / "region.toml").write_text(
        '[region]\nid = "test-hostile"\nname = "Test <i>Region</i>"\n'
        '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
        '[[overlay]]\npath = "processes.csv"\npublisher = "Test"\n'
        '[[overlay]]\npath = "deadlines.csv"\npublisher = "Test"\n', encoding="utf-8")
    build_pack(folder / "region.toml", folder / "pack.sqlite")
    return folder / "pack.sqlite"


def test_html_escapes_pack_text(hostile_pack: Path) -> None:
    listed = FamilyList(region="test-hostile", schools=[
        ListedSchool("19647330000001", "<u>our</u> note"), ListedSchool("19647330000002")])
    with open_pack(hostile_pack) as pack:
        page = render_html(build_document(pack, listed, "en", TODAY))
        data = render(pack, listed, "pdf", "en", TODAY)
    parsed = parse_html(page)
    assert {"img", "script", "a", "b", "i", "u"}.isdisjoint(parsed.tags)
    text = "".join(parsed.text)
    assert HOSTILE in text and "<script>alert(2)</script> lottery" in text
    assert "<b>close</b>" in text and "<u>our</u> note" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Unknown" in text  # the hostile school has no phone: said, not left blank
    assert not [a for a in parsed.attrs if a[0].startswith("on") or a[0] in ("href", "src")]
    assert HOSTILE in pdf_text(data)  # printed exactly as written


# --- the command line and bad input ------------------------------------------------------------


def run_cli(*args: str) -> int:
    return main(["--today", "2026-11-23", *args])


@pytest.mark.parametrize("fmt", ["pdf", "ics", "csv", "html"])
def test_cli_writes_each_format(tmp_path: Path, fmt: str, capsys) -> None:
    out = tmp_path / f"list.{fmt}"
    assert run_cli("--list", str(DEMO_LIST), "--format", fmt, "--lang", "ko", "--out", str(out)) == 0
    assert out.stat().st_size > 500
    assert f"Wrote {out}" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def bad_list(folder: Path, text: str) -> Path:
    path = folder / "LIST.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not valid JSON"),
    (json.dumps({"format": "navigator-list", "version": 9, "schools": []}), "newer Navigator"),
    (json.dumps({"format": "something-else"}), "is not a Navigator list"),
    (json.dumps({"format": "navigator-list", "version": 1, "region": "demo-valle-verde",
                 "schools": [{"rank": 1, "id": "00000000000000"}]}), "does not have"),
    (json.dumps({"format": "navigator-list", "version": 1, "region": "somewhere-else",
                 "schools": []}), "is for region 'somewhere-else'"),
])
def test_bad_list_exits_2_and_writes_nothing(tmp_path: Path, capsys, content: str,
                                             message: str) -> None:
    out = tmp_path / "out" / "list.pdf"
    out.parent.mkdir()
    code = run_cli("--list", str(bad_list(tmp_path, content)), "--format", "pdf", "--out", str(out))
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_bad_pack_and_language_exit_2(tmp_path: Path, capsys) -> None:
    out = tmp_path / "list.csv"
    not_a_pack = tmp_path / "pack.sqlite"
    not_a_pack.write_text("hello", encoding="utf-8")
    assert main(["--pack", str(not_a_pack), "--list", str(DEMO_LIST), "--format", "csv",
                 "--out", str(out)]) == 2
    assert "is not a Navigator pack" in capsys.readouterr().err
    assert run_cli("--list", str(DEMO_LIST), "--format", "csv", "--lang", "xx",
                   "--out", str(out)) == 2
    assert "No language 'xx'" in capsys.readouterr().err
    assert run_cli("--list", str(DEMO_LIST), "--format", "csv", "--out",
                   str(tmp_path / "missing" / "list.csv")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["pack.sqlite"]


def test_failed_render_keeps_the_old_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "list.ics"
    out.write_bytes(b"old")
    code = run_cli("--list", str(bad_list(tmp_path, "[]")), "--format", "ics", "--out", str(out))
    assert code == 2 and out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LIST.json", "list.ics"]

"""The command line as a newcomer meets it, in the family's language: `navigator show` and
`navigator search` say what the app says (the same catalogue, code labels, units and dates), explain
their options, refuse a home outside the region, and the pack's own names come in the family's
language too (``navigator.pack_texts``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from demo import LAS_FLORES, PUENTE, ROOT

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.line_names import operator_name
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.pack_texts import home_place, region_name, source_line, source_publisher, source_title
from navigator.resources import demo_pack
from navigator.search.location import home_from_stop, home_from_zip

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Codes as the pack stores them: never shown to a family.
RAW_CODE = re.compile(r"\b(dual_language|charter_lottery|bilingual_staff|open_enrollment|"
                      r"special_school|farm_to_school|eld|sdc|tk|magnet:\w+)\b")
ENGLISH_WORDS = ("Address:", "Grades:", "How to apply", "Source:", " as of ", "Increased",
                 "Significantly", "withheld", "status ", "change ", "students", "Nearby stops",
                 "school(s)", "not met", "Matched", "Sector", "Distance", "Home:")


def run(capsys, *argv: str) -> str:
    """The command's output, every run of spaces (narrow no-break ones too) as one space."""
    assert main(list(argv)) == 0
    return re.sub(r"[ \u202f\u00a0]+", " ", capsys.readouterr().out)


def nested(text: str) -> bool:
    """True when a parenthesis opens inside another: "(ZIP 00104 (Las Flores (demo)))"."""
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth > 1:
            return True
    return False


def latin_words(pack, text: str) -> list[str]:
    """Latin-script words left in a Korean text once the pack's own names and addresses are
    taken out (they are data), and the abbreviations the glossary keeps."""
    conn = pack.conn
    data = [r[0] for r in conn.execute("SELECT name FROM schools")]
    data += [r[0] for r in conn.execute("SELECT address || ', ' || city || ', ' || state || ' ' || "
                                        "zip FROM schools WHERE address IS NOT NULL")]
    data += [r[0] for r in conn.execute("SELECT name FROM stops")]
    data += [r[0] for r in conn.execute("SELECT website FROM schools WHERE website IS NOT NULL")]
    data += [r[0] for r in conn.execute("SELECT value FROM translations WHERE lang = 'ko'")]
    data += [r[0] for r in conn.execute("SELECT url FROM processes WHERE url IS NOT NULL")]
    data += [operator_name(r[0]) for r in conn.execute("SELECT agency FROM lines WHERE agency IS NOT NULL")]
    for word in sorted(data, key=len, reverse=True):
        text = text.replace(word, " ")
    text = re.sub(r"https?://\S+|\S+\.example\.org\S*", " ", text)
    allowed = {"TK", "IEP", "SDC", "RSP", "ELD", "EL", "ZIP", "GATE", "STEM", "IB", "CTE", "K",
               "PK", "ID", "GIS", "GTFS", "CDE", "Navigator", "Valle", "Verde", "Choices"}
    return [w for w in re.findall(r"[A-Za-z]+", text) if w not in allowed]


# --- navigator show -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es", "ko"])
def test_show_speaks_the_familys_language(capsys, lang):
    out = run(capsys, "show", PUENTE, "--lang", lang)
    assert not [w for w in ENGLISH_WORDS if w in out], out
    assert not RAW_CODE.findall(out), RAW_CODE.findall(out)
    assert not ISO_DATE.findall(out), ISO_DATE.findall(out)
    assert not [line for line in out.splitlines() if nested(line)]
    if lang == "es":
        assert "Dirección: 2580 Calle Luna" in out and "Grados: K–5" in out
        assert "Sí: Inmersión en dos idiomas (Español)" in out
        assert "Último día para solicitar: 12 de febrero de 2027 a las 5:00 p.m." in out
        assert "Fuente: Fechas de solicitud para 2027-28 — Valle Verde Unified School District " \
               "(demostración), datos al 1 de octubre de 2026" in out
        assert "+15.4 puntos (Aumentó considerablemente)" in out
    else:
        with open_pack(demo_pack()) as pack:
            assert latin_words(pack, out) == []
        assert "2027년 2월 12일 오후 5:00" in out
        assert "출처: 2027-28학년도 지원 일정 — 발레 베르데 통합 교육구 (데모), 2026년 10월 1일 기준" in out


def test_show_in_english_says_the_same_as_the_profile_screen(capsys):
    out = run(capsys, "show", LAS_FLORES)
    assert "Grades: K–5" in out and "School type: District school" in out
    assert "No: Dual-language immersion (Spanish)" not in out  # a fact the pack does not hold
    assert "English language arts — All students, 2026: " in out
    assert "; change from the year before: " in out
    assert not ISO_DATE.findall(out) and not RAW_CODE.findall(out)


# --- navigator search -----------------------------------------------------------------------------


def test_search_lang_translates_the_list_and_its_criteria(capsys):
    out = run(capsys, "search", "--zip", "00104", "--grade", "K", "--program", "dual_language:es",
              "--lang", "es")
    assert "program:dual_language:es" not in out and "not met" not in out
    assert "✗ No se ofrece: Inmersión en dos idiomas (Español)" in out
    assert "✓ Ofrece kínder" in out
    assert out.startswith("Casa: código postal 00104, Las Flores\n4 escuelas\n")
    assert "Grados K–5 · Escuela del distrito · 0.3 mi · 9 min a pie" in out


def test_lang_is_never_taken_for_the_staff_language_filter(capsys):
    import json

    everything = json.loads(run(capsys, "search", "--json"))["count"]
    spanish = json.loads(run(capsys, "search", "--lang", "es", "--json"))
    assert spanish["count"] == everything
    assert all("language:es" not in r["matched"] for r in spanish["results"])
    assert main(["search", "--lang", "xx"]) == 2
    assert "No language 'xx'" in capsys.readouterr().err


def test_search_help_explains_every_option_and_lists_the_codes(capsys):
    with pytest.raises(SystemExit) as done:
        main(["search", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert "district: a school run by the school district" in flat
    assert "charter: a free public school that runs itself" in flat
    assert "k12: schools for all grades" in flat
    assert "Codes: the standard ones." in out and not [x for x in out.splitlines() if nested(x)]
    for code in ("eld", "sdc", "resource", "dual_language", "magnet", "speech"):
        assert re.search(rf"^\s+{code}\s+\S", out, re.M), code
    assert "farm_to_school" not in out  # a region's own code: only with its pack
    with pytest.raises(SystemExit):
        main(["search", "--pack", str(demo_pack()), "--help"])
    out = capsys.readouterr().out
    assert re.search(r"^\s+farm_to_school\s+Garden and farm-to-school program", out, re.M)
    assert "dual_language:es, dual_language:ko" in out


def test_a_zip_outside_the_region_is_refused_in_one_sentence(capsys):
    assert main(["search", "--zip", "90057", "--grade", "K"]) == 2
    err = capsys.readouterr().err
    assert "ZIP 90057, Los Angeles, CA is outside the area this pack covers, Valle Verde (demo)" in err
    assert "nearest school is 8.0 mi away" in err and err.count("\n") == 1
    assert main(["search", "--near", "34.0522,-118.2437"]) == 2  # downtown Los Angeles
    assert "outside the area" in capsys.readouterr().err
    assert main(["search", "--near", "34.075,-118.15"]) == 0  # just past the last school: inside


def test_a_station_as_home_carries_the_zoned_caution(capsys):
    out = run(capsys, "search", "--stop", "civic center", "--grade", "6", "--limit", "3")
    assert ("Your zoned school: Arroyo Middle School. The zoned school for Civic Center Station. "
            "If your home is in its zone, your child has a place here.") in out
    korean = run(capsys, "search", "--stop", "civic center", "--grade", "6", "--lang", "ko")
    assert "Civic Center Station" in korean and "집이 같은 배정 구역에 있다면" in korean


def test_distances_in_the_regions_unit_and_counts_in_plural_forms(capsys):
    out = run(capsys, "search", "--zip", "00104", "--grade", "K")
    assert " mi · " in out and " km" not in out
    assert "school(s)" not in out
    assert run(capsys, "search", "--text", "Puente").startswith("1 school\n")
    assert run(capsys, "search", "--text", "Elementary", "--limit", "2").startswith(
        "Showing 2 of ")


# --- the pack's own words -------------------------------------------------------------------------


def test_pack_texts_in_every_language():
    with open_pack(demo_pack()) as pack:
        assert region_name(pack, "en") == "Valle Verde (demo)"
        assert region_name(pack, "es") == "Valle Verde (demostración)"
        assert region_name(pack, "ko") == "발레 베르데 (데모)"
        sources = {s.id: s for s in pack.sources()}
        dates = sources["overlay-4"]
        assert source_title(pack, dates, "es") == "Fechas de solicitud para 2027-28"
        assert source_title(pack, dates, "ko") == "2027-28학년도 지원 일정"
        # The demo label the data writes in English is shown in the family's language.
        assert source_publisher(pack, dates, "es") == "Valle Verde Unified School District (demostración)"
        assert source_publisher(pack, dates, "en") == "Valle Verde Unified School District (demo)"
        for lang in ("en", "es", "ko"):
            for source in sources.values():
                line = source_line(pack, source, lang)
                assert not nested(line), line
                assert "(demo)" not in line or lang == "en", line
        zip_home = home_from_zip(pack, "00104")
        assert home_place(pack, zip_home, "en") == "ZIP code 00104, Las Flores"
        assert home_place(pack, zip_home, "ko") == "우편번호 00104, 라스 플로레스"
        assert home_place(pack, home_from_zip(pack, "90057"), "es") == \
            "código postal 90057, Los Angeles, CA"
        assert home_place(pack, home_from_stop(pack, "civic center"), "es") == "Civic Center Station"


def test_a_texts_overlay_translates_sources_and_refuses_unknown_ones(tmp_path: Path, capsys):
    folder = tmp_path / "demo"
    shutil.copytree(ROOT / "data" / "demo", folder)
    with (folder / "texts.csv").open("a", encoding="utf-8") as texts:
        texts.write("source,overlay-99,name,es,No existe\n")
        texts.write("source,overlay-4,url,es,https://otra.example.org\n")
        texts.write("zip,00199,name,ko,없는 우편번호\n")
    report = build_pack(folder / "region.toml", tmp_path / "pack.sqlite")
    problems = [str(p) for p in report.problems]
    assert any("no source 'overlay-99' in this region; skipped" in p for p in problems)
    assert any("a source has no text 'url' (only name, publisher); skipped" in p for p in problems)
    assert any("no zip '00199' in this region; skipped" in p for p in problems)
    with open_pack(tmp_path / "pack.sqlite") as pack:
        assert pack.text("source", "overlay-4", "name", "es") == "Fechas de solicitud para 2027-28"
        assert pack.text("source", "overlay-99", "name", "es") is None


@pytest.mark.parametrize("lang, script", [("ar", "ARABIC"), ("fa", "ARABIC"), ("hy", "ARMENIAN"),
                                          ("zh_Hant", "CJK"), ("ru", "CYRILLIC")])
def test_a_terminal_gets_the_familys_script_even_in_the_c_locale(lang, script):
    """A counsellor's terminal, or a kiosk's, started with no locale set (LANG=C): the command
    still writes UTF-8 (Python's own C-locale coercion), in logical order, for the terminal to
    shape and set right to left as it does every program's; never question marks or an error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING"))}
    done = subprocess.run([sys.executable, "-m", "navigator", "search", "--zip", "00104", "--lang", lang],
                          env={**env, "LANG": "C", "LC_ALL": "C"}, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")  # not a byte that is not UTF-8
    letters = [c for c in out if c.isalpha() and ord(c) > 0x7F]
    assert letters and "?" not in out and "\ufffd" not in out
    assert sum(unicodedata.name(c, "").startswith(script) for c in letters) > len(letters) / 2
    assert "Las Flores Elementary" in out  # the pack's own names, as written

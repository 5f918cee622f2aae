"""Nothing a file can do crashes Navigator or fools a family (issue 17).

Broken packs (tables or columns missing, values of the wrong type or out of range, NULLs where a
value is required, truncated, garbage in the middle, not SQLite at all, a folder) and broken list
files (deep nesting, wrong types, undecodable bytes, huge, a school twice) go through the command
line in-process (fast) and, for a few, as a real subprocess (what a person at a terminal sees).
Every case ends in a result, or in one sentence and exit code 2, never in a traceback, and never
with a file half-written.  The property tests draw the damage at random (hypothesis), within a
bounded number of examples so the suite stays inside its time budget.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Hypothesis keeps caches in .hypothesis/ of the working directory; a test run writes nothing there
# (the kiosk test checks that no new file appears in it).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      str(Path(tempfile.gettempdir()) / "navigator-hypothesis"))

from demo import DEMO_LIST, PUENTE, TODAY  # noqa: E402
from hostile import RLO, copy_demo, damage, loosen  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from navigator.catalogue import rules  # noqa: E402
from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.cli import main  # noqa: E402
from navigator.cli.common import INTERNAL_ERROR  # noqa: E402
from navigator.exports import render  # noqa: E402
from navigator.profile import school_profile  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402
from navigator.search.engine import SearchEngine  # noqa: E402
from navigator.search.query import Query  # noqa: E402
from navigator.shortlist import (  # noqa: E402
    MAX_FILE_BYTES,
    MAX_NOTE,
    MAX_SCHOOLS,
    FamilyList,
    ListedSchool,
    load_list,
)

settings.register_profile("navigator", max_examples=20, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile("navigator")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, *words: str) -> None:
    """Exit 2 with one line on stderr, naming what is wrong; no traceback."""
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("navigator: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err


def commands(pack: Path, tmp: Path) -> list[list[str]]:
    return [["search", "--pack", pack, "--zip", "00104", "--grade", "K", "--limit", "5"],
            ["search", "--pack", pack, "--near", "34.09,-118.13", "--within-mi", "2", "--transit", "any",
             "--open-on", "2026-12-01", "--program", "dual_language:es", "--json"],
            ["show", "--pack", pack, PUENTE],
            ["export", "--pack", pack, "--list", DEMO_LIST, "--format", "csv", "--out", tmp / "out.csv",
             "--today", "2026-11-23"]]


# --- packs that are not packs ---------------------------------------------------------------------


@pytest.mark.parametrize("table", ["schools", "processes", "deadlines", "stops_rtree"])
def test_a_pack_missing_a_table_is_refused_by_every_command(table, tmp_path, capsys):
    pack = damage(copy_demo(tmp_path / "pack.sqlite"), f"DROP TABLE {table}")
    for argv in commands(pack, tmp_path) + [["--pack", pack, "--self-test"],
                                            ["catalogue", "validate", pack]]:
        code, _out, err = run(capsys, *argv)
        assert_refused(code, err, str(pack), "has no table", table)
    assert not (tmp_path / "out.csv").exists()


def test_a_pack_missing_a_column_is_refused(tmp_path, capsys):
    pack = damage(copy_demo(tmp_path / "pack.sqlite"), "ALTER TABLE deadlines DROP COLUMN label")
    code, _out, err = run(capsys, "show", "--pack", pack, PUENTE)
    assert_refused(code, err, "its table deadlines has no column label")


def test_a_folder_a_missing_file_an_empty_file_and_text_are_told_apart(tmp_path, capsys):
    folder = tmp_path / "pack.sqlite"
    folder.mkdir()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    for path, words in ((folder, "is a folder"), (tmp_path / "gone.sqlite", "does not exist"),
                        (empty, "is an empty file"), (text, "not an SQLite database")):
        code, _out, err = run(capsys, "search", "--pack", path, "--zip", "00104")
        assert_refused(code, err, str(path), words)


def test_a_truncated_pack_is_refused_before_any_query(tmp_path, capsys):
    whole = demo_pack().read_bytes()
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(whole[: len(whole) // 3])
    code, _out, err = run(capsys, "show", "--pack", cut, PUENTE)
    assert_refused(code, err, "is incomplete", "copy it again")


def test_a_pack_damaged_in_the_middle_is_one_sentence(tmp_path, capsys):
    pack = copy_demo(tmp_path / "pack.sqlite")
    data = bytearray(pack.read_bytes())
    data[40960:40960 + 60000] = b"\xde\xad" * 30000
    pack.write_bytes(bytes(data))
    for argv in commands(pack, tmp_path):
        code, _out, err = run(capsys, *argv)
        assert_refused(code, err, "is damaged")
    assert not (tmp_path / "out.csv").exists()


def test_validate_exit_codes(tmp_path, capsys):
    assert run(capsys, "catalogue", "validate", demo_pack())[0] == 0
    bad = damage(copy_demo(tmp_path / "bad.sqlite"), "UPDATE schools SET latitude = 999 WHERE id = ?"
                 .replace("?", f"'{PUENTE}'"))
    code, _out, err = run(capsys, "catalogue", "validate", bad)
    assert code == 1 and f"1 school with unusable coordinates (shown as unknown), first: {PUENTE}" in err
    text = tmp_path / "text.sqlite"
    text.write_text("hello")
    assert run(capsys, "catalogue", "validate", text)[0] == 2


# --- values SQLite's loose typing lets through -----------------------------------------------------


def test_loose_values_are_left_out_or_unknown_never_a_crash(loose_pack, tmp_path, capsys):
    code, out, err = run(capsys, "search", "--pack", loose_pack, "--zip", "00104", "--limit", "40")
    assert code == 0 and "Traceback" not in err
    assert " mi · " in out and "12797" not in out and "12,797" not in out
    assert err.count("navigator: note:") == 1 and "has entries Navigator cannot use" in err
    code, _out, err = run(capsys, "catalogue", "validate", loose_pack)
    assert code == 1
    for problem in ("2 schools with unusable coordinates (shown as unknown)",
                    "1 school with no usable name (left out)",
                    "1 school with unusable grades (shown as unknown)",
                    "1 school website that is not a web address (shown as unknown)",
                    "stops near schools at unusable distances (left out)",
                    "unusable applicants-per-seat figures (shown as unknown)",
                    "1 deadline with an unusable date (left out)",
                    "1 source with an unusable as-of date (shown as unknown)",
                    "lines with unusable colours (shown as unknown)"):
        assert problem in err
    for argv in commands(loose_pack, tmp_path):
        code, _out, err = run(capsys, *argv)
        # The demo list names the school left out for its NULL name: the export says so.
        assert code == 0 or (argv[0] == "export" and "this pack does not have (99999996099086)" in err), err
    with open_pack(loose_pack) as pack:
        engine = SearchEngine(pack)
        result = engine.search(Query(limit=None))
        by_id = {r.id: r for r in result.results}
        assert "99999996099086" not in by_id  # no name: left out
        assert by_id["99999996099060"].latitude is None and by_id["99999996099078"].latitude is None
        assert (by_id[PUENTE].grade_low, by_id[PUENTE].grade_high) == (None, None)
        profile = school_profile(pack, PUENTE)
        assert profile.transit == []  # negative distances: left out
        assert all(p.applicants_per_seat is None for p in profile.processes)
        dates = [d.date for p in profile.processes for d in p.deadlines]
        assert "2027-02-30" not in dates and dates
        assert all(color is None for (color,) in pack.conn.execute("SELECT color FROM lines"))
        flores = next(r for r in result.results if r.name.startswith("Las Flores"))
        assert RLO not in flores.name and flores.name == "Las Flores gpj.exe"
        assert school_profile(pack, flores.id).website is None


def test_validate_and_the_readers_agree_table_by_table(tmp_path, capsys):
    """Every table of the schema, with every column of one row given a value of the wrong kind
    (and the next row out of range): validate lists problems, the readers still answer."""
    schema = rules.expected()
    for table in schema.tables:
        pack = copy_demo(tmp_path / f"{table}.sqlite")
        conn = sqlite3.connect(pack)
        if not conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]:
            conn.close()
            continue
        loosen(conn, table)
        sets = ", ".join(f'"{c}" = X\'00FF\'' for c in schema.columns_of(table))
        big = ", ".join(f'"{c}" = -9e999' for c in schema.columns_of(table))
        conn.execute(f'UPDATE "{table}" SET {sets} WHERE rowid = (SELECT min(rowid) FROM "{table}")')
        conn.execute(f'UPDATE "{table}" SET {big} WHERE rowid = (SELECT max(rowid) FROM "{table}")')
        conn.commit()
        conn.close()
        code, _out, err = run(capsys, "catalogue", "validate", pack)
        assert code in (1, 2) and "Traceback" not in err, (table, err)
        if code == 2:  # the meta table or the sources: not a usable pack at all
            assert_refused(code, err)
            continue
        for argv in commands(pack, tmp_path):
            code, _out, err = run(capsys, *argv)
            assert code in (0, 2) and "Traceback" not in err and code != INTERNAL_ERROR, (table, argv, err)
            if code == 2:
                assert_refused(code, err)
        with open_pack(pack) as opened:
            for (school_id,) in opened.conn.execute("SELECT id FROM schools"):
                school_profile(opened, school_id, "es")
            ids = [i for (i,) in opened.conn.execute("SELECT id FROM schools LIMIT 6")]
            render(opened, FamilyList(region=opened.region.id, schools=[ListedSchool(i) for i in ids]),
                   "html", "ko", __import__("datetime").date(2026, 11, 23))


# --- text that could fool a family -------------------------------------------------------------------


ARABIC = "مدرسة الأمل الابتدائية"
HEBREW = "בית ספר השלום"
HINDI = "क्\u200dष विद्यालय"  # a joiner inside Devanagari: real text
PERSIAN = "می\u200cخواهم"  # a non-joiner inside Persian: real text


@pytest.fixture(scope="module")
def tricky_pack(tmp_path_factory) -> Path:
    pack = copy_demo(tmp_path_factory.mktemp("tricky") / "pack.sqlite")
    return damage(
        pack,
        f"UPDATE schools SET name = 'Las Flores {RLO}gpj.exe' WHERE name = 'Las Flores Elementary'",
        f"UPDATE schools SET name = '{ARABIC}', address = '\u2066{HEBREW}\u2069' WHERE id = '{PUENTE}'",
        f"UPDATE schools SET name = '{HINDI}', city = '{PERSIAN}' WHERE id = '99999996099078'",
        "UPDATE schools SET name = 'Oak' || char(8203) || char(10) || 'Street' || char(65279) "
        "WHERE id = '99999996099086'",
        f"UPDATE processes SET how_to_apply = 'Apply' || char(8232) || 'online {RLO}now' ",
        "UPDATE translations SET value = value || '\u200f\u061c' WHERE lang = 'es'",
        f"UPDATE stops SET name = name || '{RLO}'")


def test_hidden_characters_are_gone_from_every_output_and_real_scripts_stay(tricky_pack, tmp_path,
                                                                            capsys):
    hidden = [RLO, "\u2066", "\u2069", "\u200b", "\ufeff", "\u2028", "\u200f", "\u061c"]
    outputs = []
    for argv in ([["search", "--pack", tricky_pack, "--limit", "40"],
                  ["search", "--pack", tricky_pack, "--zip", "00104", "--transit", "any", "--json"],
                  ["show", "--pack", tricky_pack, PUENTE, "--lang", "es"],
                  ["show", "--pack", tricky_pack, "99999996099078", "--json"]]):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        outputs.append(out)
    with open_pack(tricky_pack) as pack:
        flores = pack.conn.execute("SELECT id FROM schools WHERE name LIKE 'Las Flores%'").fetchone()[0]
        data = demo_list()
        data["schools"] = [{"rank": i, "id": school, "note": f"note {RLO}txt.exe"} for i, school in
                           enumerate((PUENTE, "99999996099078", "99999996099086", flores), start=1)]
        listed = load_list(write_list(tmp_path / "list.json", data))

        for fmt in ("csv", "html", "ics"):
            outputs.append(render(pack, listed, fmt, "es", TODAY).decode("utf-8-sig"))
    joined = "\n".join(outputs)
    assert not [h for h in hidden if h in joined]
    assert "Las Flores gpj.exe" in joined and "OakStreet" in joined.replace(" ", "")
    assert ARABIC in joined and HEBREW in joined and HINDI in joined and PERSIAN in joined


# --- list files ---------------------------------------------------------------------------------------


def write_list(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def demo_list() -> dict:
    return json.loads(DEMO_LIST.read_text(encoding="utf-8"))


def export_list(capsys, tmp_path: Path, path: Path) -> tuple[int, str, str]:
    out = tmp_path / "list.pdf"
    result = run(capsys, "export", "--list", path, "--format", "pdf", "--out", out, "--today", "2026-11-23")
    if result[0] != 0:
        assert not out.exists()
    return result


def test_broken_list_files_get_one_sentence(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    wrong = demo_list()
    wrong["family"]["home"]["latitude"] = "x"
    binary = tmp_path / "binary.json"
    binary.write_bytes(b'{"format": "navigator-list", "note": "\xff\xfe\xfa"}')
    huge = demo_list()
    huge["schools"][0]["note"] = "x" * (60 * 1024 * 1024)
    long_note = demo_list()
    long_note["schools"][0]["note"] = "x" * (MAX_NOTE + 1)
    many = demo_list()
    many["schools"] = [{"rank": i, "id": str(i), "note": ""} for i in range(MAX_SCHOOLS + 1)]
    cases = [(deep, "nested too deeply"),
             (write_list(tmp_path / "wrong.json", wrong), "family.home.latitude should be a number"),
             (binary, "is not UTF-8 text"),
             (write_list(tmp_path / "huge.json", huge), "too large"),
             (write_list(tmp_path / "note.json", long_note), "note is longer than 2,000 characters"),
             (write_list(tmp_path / "many.json", many), f"more than {MAX_SCHOOLS} entries"),
             (tmp_path, "is a folder")]
    for path, words in cases:
        code, _out, err = export_list(capsys, tmp_path, path)
        assert_refused(code, err, words)


def test_the_same_school_twice_is_merged_with_a_word(tmp_path, capsys):
    data = demo_list()
    first = data["schools"][0]
    data["schools"].append({"rank": 9, "id": first["id"], "note": "second thoughts"})
    path = write_list(tmp_path / "twice.json", data)
    family = load_list(path)
    assert family.ids().count(first["id"]) == 1 and family.ids()[0] == first["id"]
    assert family.schools[0].note == f"{first['note']}\nsecond thoughts"
    code, _out, err = run(capsys, "export", "--list", path, "--format", "csv", "--out", tmp_path / "l.csv")
    assert code == 0 and "more than once" in err
    rows = (tmp_path / "l.csv").read_text(encoding="utf-8-sig")
    assert rows.count(first["id"]) == 1


def test_hidden_characters_in_a_family_note_are_removed(tmp_path):
    data = demo_list()
    data["schools"][0]["note"] = f"bus 22 {RLO}evah ot"
    data["family"]["home"]["matched"] = f"ZIP{RLO} 00104"
    family = load_list(write_list(tmp_path / "note.json", data))
    assert family.schools[0].note == "bus 22 evah ot" and family.home["matched"] == "ZIP 00104"


def test_the_list_size_limit_is_checked_before_reading(tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 50)  # sparse: costs no disk
    reads: list[int] = []
    real_open = open

    def spying_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if str(file) == str(big):
            reads.append(1)
        return handle

    monkeypatch.setattr("builtins.open", spying_open)
    code, _out, err = export_list(capsys, tmp_path, big)
    assert_refused(code, err, "too large")
    assert reads == []


# --- at random ---------------------------------------------------------------------------------------

SCHEMA = rules.expected()
TABLES = sorted(t for t in SCHEMA.tables if t != "meta")
WEIRD = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                  st.text(max_size=30), st.binary(max_size=10), st.sampled_from(
                      ["", " ", "NaN", "9e999", "2026-02-30", "1e3", "-1", RLO + "x", "\x00", "yes"]))


@st.composite
def pack_damage(draw) -> list:
    """A few of: a table dropped, a column dropped, values of any type written into a column."""
    steps = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(TABLES))
        kind = draw(st.sampled_from(["value", "value", "value", "drop_table", "drop_column"]))
        column = draw(st.sampled_from(SCHEMA.columns_of(table)))
        steps.append((kind, table, column, draw(WEIRD), draw(st.integers(0, 40))))
    return steps


def apply_damage(path: Path, steps: list) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    loosened = set()
    for kind, table, column, value, row in steps:
        present = {r[1] for r in conn.execute("PRAGMA table_list")}
        if table not in present:
            continue
        if kind == "drop_table":
            conn.execute(f'DROP TABLE "{table}"')
        elif kind == "drop_column":
            if table not in loosened:
                loosen(conn, table)
                loosened.add(table)
            if column in {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}:
                conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        else:
            if table not in loosened:
                loosen(conn, table)
                loosened.add(table)
            if column in {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid IN '
                             f'(SELECT rowid FROM "{table}" ORDER BY rowid LIMIT 3 OFFSET ?)', (value, row))
    conn.commit()
    conn.close()


def assert_calm(code: int, err: str, out_file: Path | None = None) -> None:
    assert "Traceback" not in err and code != INTERNAL_ERROR, err
    assert code in (0, 1, 2), err
    if code == 2:
        assert_refused(code, err)
        if out_file is not None:
            assert not out_file.exists()


@given(steps=pack_damage())
def test_randomly_damaged_packs(tmp_path_factory, capsys, steps):
    folder = tmp_path_factory.mktemp("random")
    pack = copy_demo(folder / "pack.sqlite")
    apply_damage(pack, steps)
    for argv in commands(pack, folder)[1:] + [["catalogue", "validate", pack]]:
        code, _out, err = run(capsys, *argv)
        assert_calm(code, err, folder / "out.csv" if argv[0] == "export" else None)


@given(cut=st.integers(0, 417_000), garbage=st.binary(min_size=1, max_size=400),
       at=st.integers(0, 417_000), truncate=st.booleans())
def test_packs_cut_short_or_overwritten_at_random(tmp_path_factory, capsys, cut, garbage, at, truncate):
    folder = tmp_path_factory.mktemp("bytes")
    data = bytearray(demo_pack().read_bytes())
    if truncate:
        data = data[:cut]
    else:
        data[at:at + len(garbage)] = garbage
    pack = folder / "pack.sqlite"
    pack.write_bytes(bytes(data))
    for argv in commands(pack, folder)[1:]:
        code, _out, err = run(capsys, *argv)
        assert_calm(code, err, folder / "out.csv" if argv[0] == "export" else None)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=4),
                    max_leaves=12)
PATHS = [("format",), ("version",), ("region",), ("language",), ("second_language",), ("family",),
         ("family", "home"), ("family", "home", "latitude"), ("family", "home", "kind"),
         ("family", "grade"), ("family", "filters"), ("family", "filters", "within_km"),
         ("family", "filters", "open_on"), ("family", "filters", "programs"), ("family", "indicators"),
         ("schools",), ("schools", 0), ("schools", 0, "id"), ("schools", 0, "note"),
         ("schools", 1, "rank")]


@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), JSON), min_size=1, max_size=3))
def test_randomly_damaged_list_files(tmp_path_factory, capsys, changes):
    folder = tmp_path_factory.mktemp("lists")
    data = demo_list()
    for path, value in changes:
        target = data
        for key in path[:-1]:
            if isinstance(target, dict):
                target = target.setdefault(key, {})
            elif isinstance(target, list) and isinstance(key, int) and key < len(target):
                target = target[key]
            else:
                break
        else:
            if isinstance(target, dict):
                target[path[-1]] = value
            elif isinstance(target, list) and isinstance(path[-1], int) and path[-1] < len(target):
                target[path[-1]] = value
    listed = write_list(folder / "list.json", data)
    for fmt in ("csv", "ics"):
        out = folder / f"out.{fmt}"
        code, _out, err = run(capsys, "export", "--list", listed, "--format", fmt, "--out", out,
                              "--today", "2026-11-23")
        assert_calm(code, err, out)


@given(raw=st.binary(max_size=300))
def test_list_files_of_random_bytes(tmp_path_factory, capsys, raw):
    folder = tmp_path_factory.mktemp("raw")
    listed = folder / "list.json"
    listed.write_bytes(raw)
    out = folder / "out.csv"
    code, _out, err = run(capsys, "export", "--list", listed, "--format", "csv", "--out", out)
    assert_calm(code, err, out)
    assert code == 2


# --- what a person at a terminal sees ------------------------------------------------------------------


def test_no_traceback_reaches_a_terminal(tmp_path):
    missing = damage(copy_demo(tmp_path / "missing.sqlite"), "DROP TABLE schools")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000)
    env = {**os.environ, "NAVIGATOR_DEBUG": ""}
    for argv in (["search", "--pack", missing, "--zip", "00104"],
                 ["show", "--pack", tmp_path, PUENTE],
                 ["export", "--list", deep, "--format", "csv", "--out", tmp_path / "x.csv"]):
        done = subprocess.run([sys.executable, "-m", "navigator", *map(str, argv)], capture_output=True,
                              text=True, env=env, timeout=120)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_name_of_5000_characters_is_shortened_everywhere(tmp_path, capsys):
    long_name = "Academia " + "muy larga " * 499
    pack = damage(copy_demo(tmp_path / "pack.sqlite"),
                  f"UPDATE schools SET name = '{long_name}' WHERE id = '{PUENTE}'",
                  f"UPDATE processes SET how_to_apply = '{'x' * 9000}'")
    with open_pack(pack) as opened:
        name = school_profile(opened, PUENTE).name
        assert len(name) <= rules.MAX_LINE and name.endswith("…") and name.startswith("Academia muy")
        steps = school_profile(opened, PUENTE).processes[0].how_to_apply.value
        assert len(steps) == rules.MAX_TEXT and steps.endswith("…")
    code, out, _err = run(capsys, "show", "--pack", pack, PUENTE)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= rules.MAX_LINE + 40
    code, out, _err = run(capsys, "search", "--pack", pack, "--limit", "40")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= rules.MAX_LINE + 40


def test_the_invisible_character_list_matches_unicode():
    """navigator.text lists the characters it removes by hand (computing them costs 0.3 s at
    start-up); this recomputes them from unicodedata."""
    import re
    import unicodedata

    from navigator.text import _INVISIBLE, HIDDEN_CHARACTERS

    visible_format = set("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
                         "\U000110bd\U000110cd\u200c\u200d")
    hidden_class = re.compile(f"[{HIDDEN_CHARACTERS}]")
    for code in range(1, sys.maxunicode + 1, 1):
        char = chr(code)
        category = unicodedata.category(char)
        removed = (category == "Cc" and char not in "\t\n\r\x0b\x0c\x85") or category == "Cs" or \
            (category == "Cf" and char not in visible_format)
        assert bool(_INVISIBLE.fullmatch(char)) == removed, hex(code)
        if (removed and category != "Cs") or category in ("Zl", "Zp") or char in "\t\n\r":
            assert hidden_class.fullmatch(char), hex(code)

"""The bundled demo pack: it rebuilds to the same content and answers the people it is for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.catalogue.schema import TABLES
from navigator.catalogue.validate import validate
from navigator.cli import main
from navigator.resources import demo_pack, demo_sources
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_address, home_from_zip
from navigator.search.query import Query


def table_contents(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    contents = {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in TABLES}
    contents["meta"] = sorted(r for r in conn.execute("SELECT * FROM meta") if r[0] != "built_at")
    conn.close()
    return contents


def test_rebuilding_the_demo_pack_gives_the_same_content(tmp_path: Path) -> None:
    report = build_pack(demo_sources(), tmp_path / "demo.sqlite", strict=True)
    assert report.problems == []
    assert table_contents(tmp_path / "demo.sqlite") == table_contents(demo_pack())


@pytest.fixture(scope="module")
def engine():
    with open_pack(demo_pack()) as pack:
        yield SearchEngine(pack)


def test_demo_pack_is_valid_and_labelled(engine: SearchEngine) -> None:
    pack = engine.pack
    assert validate(pack) == []
    assert pack.region.demo and "demo" in pack.region.name
    assert pack.text("region", pack.region.id, "about", "ko")
    counts = pack.counts()
    assert counts["schools"] == 23 and counts["processes"] == 12 and counts["lines"] == 4
    sectors = dict(pack.conn.execute("SELECT sector, count(*) FROM schools GROUP BY sector"))
    assert sectors == {"charter": 8, "district": 15}


def test_rosa_spanish_dual_language_on_her_bus_line(engine: SearchEngine) -> None:
    home = home_from_zip(engine.pack, "00104")
    result = engine.search(Query(home=home, grade=0, programs=("dual_language:es",), one_seat=True))
    names = [r.name for r in result.results]
    assert names == ["Las Flores Elementary", "Puente Dual Language Academy",
                     "Escuela Peña Elementary", "Eastgate Elementary"]
    zoned = result.results[0]
    assert zoned.zoned and zoned.unmet == ["program:dual_language:es"]  # shown, and why
    assert all(r.matched == ["grade", "program:dual_language:es", "one_seat"]
               for r in result.results[1:])


def test_mr_kim_speech_resource_korean(engine: SearchEngine) -> None:
    result = engine.search(Query(sped=("speech", "resource"), languages=("ko",), drop_unknown=True))
    assert sorted(r.name for r in result.results) == [
        "Hillcrest Elementary", "Mission High School", "Namu Community Charter School",
        "Sierra Vista Middle School"]
    with_unknowns = engine.search(Query(sped=("speech", "resource"), languages=("ko",)))
    jacaranda = next(r for r in with_unknowns.results if r.name == "Jacaranda Elementary")
    assert "sped:speech" in jacaranda.unknown and "language:ko" in jacaranda.matched


def test_address_finds_rosas_block(engine: SearchEngine) -> None:
    home = home_from_address(engine.pack, "1421 calle luna")
    assert home.exact and home.matched.startswith("1421 Calle Luna")


def test_default_command_describes_the_demo_pack(capsys) -> None:
    """`navigator` opens the app now (tests/test_gui_flow.py runs it with --self-test); the pack's
    summary is `navigator catalogue info`."""
    assert main(["catalogue", "info", str(demo_pack())]) == 0
    out = capsys.readouterr().out
    assert "Valle Verde (demo)" in out and "DEMO DATA" in out and "schools" in out
    from navigator.cli import _parser

    args = _parser().parse_args(["--lang", "es", "--kiosk"])
    assert args.command is None and args.lang == "es" and args.kiosk  # the app's own options

"""What changed between two builds of the demo region: exactly what was edited, said plainly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newer_demo import HILLCREST, NEWER_BUILT_AT, PENA, SYCAMORE, newer_demo

from navigator.catalogue.diff import diff_packs, diff_schools
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.diff_report import change_sentence, format_diff
from navigator.resources import demo_pack


@pytest.fixture(scope="module")
def newer(tmp_path_factory) -> Path:
    return newer_demo(tmp_path_factory.mktemp("diff") / "demo")


@pytest.fixture(scope="module")
def changes(newer: Path):
    with open_pack(demo_pack()) as old, open_pack(newer) as new:
        return diff_packs(old, new)


def test_the_diff_lists_exactly_what_was_edited(changes) -> None:
    assert [(c.kind, c.subject) for c in changes.changes] == [
        ("school_renamed", SYCAMORE),
        ("school_moved", SYCAMORE),
        ("feature_added", f"{PENA}|program|stem|"),
        ("feature_removed", f"{HILLCREST}|program|gifted|"),
        ("deadline_moved", "vvusd-magnet-closes"),
        ("deadline_added", "lottery-pu-info"),
        ("priorities_changed", "lottery-pu"),
        ("source_updated", "overlay-4"),
    ]
    moved = changes.changes[1]
    assert 280 < moved.info["distance_m"] < 320
    deadline = changes.changes[4]
    assert (deadline.old, deadline.new) == ({"date": "2026-12-04", "time": "17:00"},
                                            {"date": "2026-11-20", "time": "17:00"})
    assert HILLCREST not in deadline.schools and "99999996099136" in deadline.schools
    assert changes.changes[3].new == "no"  # complete list: a real no, not an unknown


def test_the_diff_of_some_schools_is_the_whole_diff_kept_to_them(newer: Path, changes) -> None:
    """What a session opened on the newer pack is told (diff_schools reads only its schools'
    rows and their processes') is, change for change, the whole diff's changes for them."""
    with open_pack(demo_pack()) as old, open_pack(newer) as new:
        every = sorted(old.known_ids(new.school_names()))
        lists = [[school_id] for school_id in every] + [every, [SYCAMORE, PENA, "99999996099136"],
                                                        [HILLCREST, "no-such-school"], []]
        for ids in lists:
            kept = diff_schools(old, new, ids)
            assert kept.changes == changes.for_schools(ids), ids
            assert (kept.old, kept.new) == (changes.old, changes.new)
    told = {c.kind for ids in lists[:-4] for c in changes.for_schools(ids)}
    assert told == {"school_renamed", "school_moved", "feature_added", "feature_removed",
                    "deadline_moved", "deadline_added", "priorities_changed"}  # each kind tried


def test_the_report_says_it_in_each_language(changes) -> None:
    english = format_diff(changes, "en")
    assert "Valle Verde Choices" in english or "magnet" in english.lower()
    moved = change_sentence(changes.changes[4], "en").replace("\u202f", " ")
    assert moved.endswith("now closes on November 20, 2026 at 5:00 PM, not December 4, 2026 at "
                          "5:00 PM.")
    assert "Sycamore K-8 School is now called Sycamore Oaks K-8 School." in english
    assert "0.2 mi" in change_sentence(changes.changes[1], "en")
    spanish = format_diff(changes, "es")
    assert "20 de noviembre de 2026" in spanish and "now closes" not in spanish
    korean = format_diff(changes, "ko")
    assert "2026년 11월 20일" in korean and "Schools" not in korean
    assert change_sentence(changes.changes[1], "ko", "km").count("km") == 1


def test_the_cli_prints_the_report_and_json(newer: Path, capsys) -> None:
    assert main(["catalogue", "diff", str(demo_pack()), str(newer), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["new"]["built_at"] == NEWER_BUILT_AT
    assert [c["kind"] for c in data["changes"]].count("deadline_moved") == 1
    assert main(["catalogue", "diff", str(demo_pack()), str(newer), "--lang", "es"]) == 0
    assert "Escuelas" in capsys.readouterr().out
    assert main(["catalogue", "diff", str(demo_pack()), str(demo_pack())]) == 0
    assert "Nothing changed." in capsys.readouterr().out
    assert main(["catalogue", "diff", str(demo_pack()), str(newer.parent / "none.sqlite")]) == 2

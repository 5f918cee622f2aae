"""One atomic write for every save and export, with the permissions each kind of file needs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from navigator.errors import UserError
from navigator.files import ORDINARY, PRIVATE, write_atomic
from navigator.household import Household, save_household
from navigator.shortlist import FamilyList, save_list


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_familys_list_is_theirs_alone_and_an_export_is_an_ordinary_file(tmp_path: Path) -> None:
    save_list(tmp_path / "list.json", FamilyList(region="demo"))
    save_household(tmp_path / "household.json",
                   Household.from_family_list(FamilyList(region="demo")))
    write_atomic(tmp_path / "list.pdf", b"%PDF", ORDINARY)
    umask = os.umask(0o022)
    os.umask(umask)
    assert _mode(tmp_path / "list.json") == _mode(tmp_path / "household.json") == PRIVATE
    assert _mode(tmp_path / "list.pdf") == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["household.json", "list.json", "list.pdf"]


def test_a_refused_write_is_one_sentence_and_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "list.csv"
    write_atomic(target, b"old")
    with pytest.raises(UserError, match=r"^Cannot write in .*missing"):
        write_atomic(tmp_path / "missing" / "list.csv", b"new")
    with pytest.raises(TypeError):  # fails while writing: the temporary file goes too
        write_atomic(target, "not bytes")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["list.csv"]


def test_a_file_a_library_writes_is_renamed_whole_or_not_left_at_all(tmp_path: Path) -> None:
    """The pack builder's SQLite and the staff's workbook are written under a temporary name and
    renamed when whole: a build that fails leaves the pack before it, and no temporary file."""
    import sqlite3

    from navigator.files import written_whole

    pack = tmp_path / "pack.sqlite"
    pack.write_bytes(b"the pack before")
    with pytest.raises(RuntimeError), written_whole(pack) as temp:
        sqlite3.connect(temp).close()
        raise RuntimeError("the build failed half-way")
    assert pack.read_bytes() == b"the pack before"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.sqlite"]
    with written_whole(pack) as temp:
        assert temp.parent == tmp_path and temp.name.endswith(".partial")
        conn = sqlite3.connect(temp)
        with conn:
            conn.execute("CREATE TABLE meta (key TEXT)")
        conn.close()
    assert sqlite3.connect(pack).execute("SELECT name FROM sqlite_master").fetchall() == [("meta",)]
    umask = os.umask(0o022)
    os.umask(umask)
    assert _mode(pack) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["pack.sqlite"]

"""Signed packs: keygen, sign, verify, and installing from a USB stick that can be pulled out."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from navigator.catalogue.install import installed_packs
from navigator.catalogue.pack import open_pack
from navigator.catalogue.signing import signature_path
from navigator.catalogue.validate import validate
from navigator.cli import main
from navigator.resources import demo_pack

BUILDS = {"v0": "2030-01-01T08:00:00Z", "v1": "2030-02-01T08:00:00Z", "v2": "2030-03-01T08:00:00Z"}


def pack_built_at(path: Path, built_at: str, padding_mb: int = 0) -> Path:
    """The demo pack as if built at ``built_at`` (and made large with a map layer, for the copy
    that is killed half-way)."""
    shutil.copyfile(demo_pack(), path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", (built_at,))
        if padding_mb:
            conn.execute("INSERT INTO layers VALUES ('padding', 'basemap', 'Padding', ?, "
                         "'schools-1')", ("x" * (padding_mb << 20),))
    conn.close()
    return path


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    assert main(["catalogue", "keygen", "--out", str(folder / "district.key"),
                 "--signer", "Valle Verde USD (demo)"]) == 0
    assert main(["catalogue", "keygen", "--out", str(folder / "other.key"), "--signer",
                 "Someone else"]) == 0
    return {"key": folder / "district.key", "pub": folder / "district.key.pub",
            "other": folder / "other.key", "other_pub": folder / "other.key.pub"}


@pytest.fixture(scope="module")
def stick(tmp_path_factory, keys) -> Path:
    """A USB stick: three signed builds of the demo pack, each in its own folder."""
    folder = tmp_path_factory.mktemp("stick")
    for name, built_at in BUILDS.items():
        (folder / name).mkdir()
        pack = pack_built_at(folder / name / "demo.sqlite", built_at)
        assert main(["catalogue", "sign", str(pack), "--key", str(keys["key"])]) == 0
    return folder


def settings(folder: Path, keys: dict[str, Path] | None) -> Path:
    path = folder / "navigator.toml"
    lines = ['pack_folder = "packs"']
    if keys is not None:
        public = json.loads(keys["pub"].read_text())["public_key"]
        lines.append(f'trusted_keys = ["{public}"]')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_keygen_writes_a_private_key_only_its_owner_reads(keys, capsys) -> None:
    mode = stat.S_IMODE(keys["key"].stat().st_mode)
    assert mode == 0o600
    public = json.loads(keys["pub"].read_text())
    assert public["public_key"].startswith("ed25519:") and public["signer"] == "Valle Verde USD (demo)"
    assert "private_key" not in public
    assert main(["catalogue", "keygen", "--out", str(keys["key"])]) == 2  # never overwritten
    assert "already exists" in capsys.readouterr().err


def test_sign_and_verify(stick: Path, keys, capsys) -> None:
    pack = stick / "v1" / "demo.sqlite"
    assert main(["catalogue", "verify", str(pack), "--key", str(keys["pub"])]) == 0
    assert "signed by Valle Verde USD (demo)" in capsys.readouterr().out
    document = json.loads(signature_path(pack).read_text())
    assert document["pack"]["built_at"] == BUILDS["v1"]
    assert document["pack"]["region_id"] == "demo-valle-verde"
    public = json.loads(keys["pub"].read_text())["public_key"]
    assert main(["catalogue", "verify", str(pack), "--key", public]) == 0  # the key's text works too


@pytest.mark.parametrize("damage, message", [
    ("flip a byte of the pack", "was changed after it was signed"),
    ("flip a byte of the signature", "does not match"),
    ("remove the signature", "is not signed"),
    ("use another key", "does not trust"),
])
def test_a_damaged_or_foreign_pack_is_refused(stick: Path, keys, tmp_path: Path, capsys,
                                              damage: str, message: str) -> None:
    pack = tmp_path / "demo.sqlite"
    shutil.copyfile(stick / "v1" / "demo.sqlite", pack)
    shutil.copyfile(signature_path(stick / "v1" / "demo.sqlite"), signature_path(pack))
    key = keys["pub"]
    if damage == "flip a byte of the pack":
        data = bytearray(pack.read_bytes())
        data[len(data) // 2] ^= 0x01
        pack.write_bytes(bytes(data))
    elif damage == "flip a byte of the signature":
        document = json.loads(signature_path(pack).read_text())
        raw = bytearray(document["signature"].encode())
        raw[5] = ord("A") if raw[5] != ord("A") else ord("B")
        document["signature"] = raw.decode()
        signature_path(pack).write_text(json.dumps(document))
    elif damage == "remove the signature":
        signature_path(pack).unlink()
    elif damage == "use another key":
        key = keys["other_pub"]
    capsys.readouterr()
    assert main(["catalogue", "verify", str(pack), "--key", str(key)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1  # one sentence


def test_install_rollback_and_refusals_keep_a_working_pack(stick: Path, keys, tmp_path: Path,
                                                          capsys) -> None:
    config = settings(tmp_path, keys)
    folder = tmp_path / "packs"

    def current_built_at() -> str:
        installed = installed_packs(folder)
        with open_pack(installed.current) as pack:
            assert validate(pack) == []
            return pack.region.built_at

    assert main(["catalogue", "install", str(stick / "v1"), "--config", str(config)]) == 0
    assert current_built_at() == BUILDS["v1"]
    assert main(["catalogue", "install", str(stick / "v2" / "demo.sqlite"), "--config",
                 str(config)]) == 0
    installed = installed_packs(folder)
    assert current_built_at() == BUILDS["v2"]
    with open_pack(installed.previous) as previous:
        assert previous.region.built_at == BUILDS["v1"]
    assert signature_path(installed.current).is_file()

    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    unsigned = tmp_path / "unsigned"
    unsigned.mkdir()
    pack_built_at(unsigned / "demo.sqlite", "2031-01-01T00:00:00Z")
    other = tmp_path / "other"
    other.mkdir()
    pack_built_at(other / "demo.sqlite", "2031-01-01T00:00:00Z")
    assert main(["catalogue", "sign", str(other / "demo.sqlite"), "--key", str(keys["other"])]) == 0
    capsys.readouterr()
    for source, message in ((stick / "v0", "before the newest one"),
                            (unsigned, "is not signed"), (other, "does not trust")):
        assert main(["catalogue", "install", str(source), "--config", str(config)]) == 2
        err = capsys.readouterr().err
        assert message in err, err
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing touched
    assert main(["catalogue", "install", str(stick / "v2"), "--config", str(config)]) == 0
    assert "already installed" in capsys.readouterr().out

    assert main(["catalogue", "install", "--rollback", "--config", str(config)]) == 0
    assert current_built_at() == BUILDS["v1"]
    assert main(["catalogue", "install", "--rollback", "--config", str(config)]) == 0
    assert current_built_at() == BUILDS["v2"]


def test_the_app_refuses_a_pack_the_settings_do_not_trust(stick: Path, keys, tmp_path: Path,
                                                         capsys) -> None:
    config = settings(tmp_path, keys)
    pack = tmp_path / "demo.sqlite"
    shutil.copyfile(stick / "v1" / "demo.sqlite", pack)
    shutil.copyfile(signature_path(stick / "v1" / "demo.sqlite"), signature_path(pack))
    data = bytearray(pack.read_bytes())
    data[-100] ^= 0x01
    pack.write_bytes(bytes(data))
    assert main(["--pack", str(pack), "--config", str(config), "--self-test"]) == 2
    assert "was changed after it was signed" in capsys.readouterr().err


def test_killing_the_install_midway_leaves_the_old_pack_opening(stick: Path, keys,
                                                               tmp_path: Path) -> None:
    config = settings(tmp_path, keys)
    folder = tmp_path / "packs"
    assert main(["catalogue", "install", str(stick / "v1"), "--config", str(config)]) == 0
    old = installed_packs(folder).current
    big = tmp_path / "big"
    big.mkdir()
    pack_built_at(big / "demo.sqlite", "2031-06-01T00:00:00Z", padding_mb=192)
    assert main(["catalogue", "sign", str(big / "demo.sqlite"), "--key", str(keys["key"])]) == 0
    child = subprocess.Popen([sys.executable, "-m", "navigator", "catalogue", "install", str(big),
                              "--config", str(config)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    partial = None
    while time.monotonic() < deadline and child.poll() is None:
        partial = next((p for p in folder.iterdir() if p.name.startswith(".install-")
                        and p.exists() and p.stat().st_size > 0), None)
        if partial is not None:
            break
        time.sleep(0.001)
    assert partial is not None and child.poll() is None, "the copy was not caught under way"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert child.returncode == -signal.SIGKILL
    installed = installed_packs(folder)
    assert installed.current == old
    with open_pack(installed.current) as pack:  # the old pack still opens, whole
        assert pack.region.built_at == BUILDS["v1"] and validate(pack) == []
    # Installing again finishes, and tidies what the killed copy left.
    assert main(["catalogue", "install", str(big), "--config", str(config)]) == 0
    assert not any(p.name.startswith(".install-") for p in folder.iterdir())
    with open_pack(installed_packs(folder).current) as pack:
        assert pack.region.built_at == "2031-06-01T00:00:00Z"


def test_trusted_keys_that_cannot_be_read_refuse_every_pack(stick: Path, tmp_path: Path,
                                                           capsys) -> None:
    from navigator.config import load_config

    config = tmp_path / "navigator.toml"
    config.write_text('pack_folder = "packs"\ntrusted_keys = ["ed25519:not-a-key", 7]\n',
                      encoding="utf-8")
    loaded = load_config(config)
    assert loaded.keys_configured and loaded.trusted_keys == []
    assert len([w for w in loaded.warnings if "trusted_keys entry" in w]) == 2
    assert loaded.pack_folder == tmp_path / "packs"
    assert main(["catalogue", "install", str(stick / "v1"), "--config", str(config)]) == 2
    assert "none of them can be read" in capsys.readouterr().err
    assert not (tmp_path / "packs").exists()

"""Every small file read by size first (issue 24, findings 4 and 8): signatures, keys, trusted
keys in the settings, the settings file, list files.

Each hostile file is refused in one sentence with exit code 2, run as a real process whose time
and peak memory are measured (``hostile.measured``): a 1.5 GB signature (sparse, so it costs no
disk), ``/dev/zero`` and a FIFO where a key belongs, documents nested 100,000 deep, numbers of
5,000 digits, NaN in a list file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from demo import ROOT
from hostile import measured, one_sentence

from navigator.cli import main
from navigator.resources import demo_pack

GIANT = 1_500_000_000


@pytest.fixture(scope="module")
def signed_pack(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("signed")
    pack = folder / "stick" / "demo.sqlite"
    pack.parent.mkdir()
    shutil.copyfile(demo_pack(), pack)
    assert main(["catalogue", "keygen", "--out", str(folder / "k.key"), "--signer", "Demo"]) == 0
    assert main(["catalogue", "sign", str(pack), "--key", str(folder / "k.key")]) == 0
    return {"pack": pack, "sig": pack.with_name("demo.sqlite.sig"), "pub": folder / "k.key.pub"}


def stick_with(tmp_path: Path, signed_pack: dict[str, Path], signature: bytes | None) -> Path:
    """A copy of the signed pack whose .sig is replaced by ``signature`` (None: a sparse 1.5 GB
    file)."""
    pack = tmp_path / "stick" / "demo.sqlite"
    pack.parent.mkdir(exist_ok=True)
    shutil.copyfile(signed_pack["pack"], pack)
    sig = pack.with_name("demo.sqlite.sig")
    if signature is None:
        with open(sig, "wb") as handle:
            handle.truncate(GIANT)
    else:
        sig.write_bytes(signature)
    return pack


def refused(result, *words: str) -> str:
    assert result.code == 2, result.stderr
    line = one_sentence(result.stderr)
    for word in words:
        assert word in line, line
    return line


def test_a_giant_signature_is_refused_by_its_size(tmp_path, signed_pack) -> None:
    pack = stick_with(tmp_path, signed_pack, None)
    result = measured("catalogue", "verify", pack, "--key", signed_pack["pub"])
    refused(result, "is too large (1,500,000,000 bytes; at most 65,536 are read)")
    assert result.peak_mb < 200, result
    print(f"1.5 GB .sig refused in {result.seconds:.1f} s, peak {result.peak_mb:.0f} MB")


@pytest.mark.parametrize("where", ["signature", "public key"])
def test_deep_nesting_and_giant_numbers_in_signatures_and_keys(tmp_path, signed_pack,
                                                               where) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000  # over the size limit, and over Python's nesting
    deep_small = b"[" * 30_000 + b"]" * 30_000  # under the size limit
    document = json.loads((signed_pack["sig"] if where == "signature" else
                           signed_pack["pub"]).read_text())
    document["version"] = 10 ** 4299
    digits = json.dumps(document).replace(str(10 ** 4299), "1" + "0" * 5000).encode()
    for content, words in ((deep, "too large"), (deep_small, "nested too deeply"),
                           (digits, "more than 4,300 digits"),
                           (b'{"version": NaN}', "NaN or Infinity")):
        if where == "signature":
            pack = stick_with(tmp_path, signed_pack, content)
            result = measured("catalogue", "verify", pack, "--key", signed_pack["pub"])
        else:
            pub = tmp_path / "hostile.pub"
            pub.write_bytes(content)
            result = measured("catalogue", "verify", signed_pack["pack"], "--key", pub)
        refused(result, words)


def settings_with_key(tmp_path: Path, key: str) -> Path:
    config = tmp_path / "navigator.toml"
    config.write_text(f'pack_folder = "packs"\ntrusted_keys = [{json.dumps(key)}]\n',
                      encoding="utf-8")
    return config


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "folder", "giant"])
def test_a_trusted_key_that_is_no_key_file_refuses_every_pack(tmp_path, signed_pack,
                                                              kind) -> None:
    """trusted_keys = ["/dev/zero"] took 7.5 GB then exit 70; a FIFO there hung."""
    key = {"/dev/zero": Path("/dev/zero"), "fifo": tmp_path / "key.fifo",
           "folder": tmp_path, "giant": tmp_path / "giant.pub"}[kind]
    if kind == "fifo":
        os.mkfifo(key)
    if kind == "giant":
        with open(key, "wb") as handle:
            handle.truncate(GIANT)
    config = settings_with_key(tmp_path, str(key))
    result = measured("catalogue", "install", signed_pack["pack"].parent, "--config", config,
                      timeout=120)
    assert result.code == 2 and result.peak_mb < 200, result
    warning, refusal = result.stderr.strip().splitlines()  # the setting, then the refusal
    assert "trusted_keys entry" in warning and ("not a regular file" in warning or
                                                "is a folder" in warning or
                                                "too large" in warning), warning
    assert "none of them can be read" in refusal and "Traceback" not in result.stderr
    assert not (tmp_path / "packs").exists()
    app = measured("--pack", signed_pack["pack"], "--config", config, "--self-test", timeout=120)
    assert app.code == 2 and "none of them can be read" in app.stderr.strip().splitlines()[-1]


def test_fifos_where_files_belong_never_hang(tmp_path, signed_pack) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sig_fifo = tmp_path / "stick" / "demo.sqlite.sig"
    pack = stick_with(tmp_path, signed_pack, b"")
    sig_fifo.unlink()
    os.mkfifo(sig_fifo)
    cases = [(("catalogue", "verify", pack, "--key", signed_pack["pub"]), "not a regular file"),
             (("search", "--pack", fifo, "--zip", "00104"), "not a regular file"),
             (("export", "--list", fifo, "--format", "csv", "--out", tmp_path / "x.csv"),
              "not a regular file"),
             (("household", fifo), "not a regular file")]
    for argv, words in cases:
        refused(measured(*argv, timeout=120), words)


def test_a_settings_file_is_read_by_size_first(tmp_path) -> None:
    config = tmp_path / "navigator.toml"
    with open(config, "wb") as handle:
        handle.truncate(GIANT)
    result = measured("catalogue", "install", "--rollback", "--config", config)
    assert result.peak_mb < 200 and "is too large" in result.stderr and \
        "Using the defaults" in result.stderr, result


def family_list(version: int) -> dict:
    name = "shortlist.json" if version == 1 else "household.json"
    return json.loads((ROOT / "data" / "demo" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("version", [1, 2])
def test_list_files_with_numbers_json_should_not_hold(tmp_path, version) -> None:
    """NaN trip minutes, 5,000-digit numbers: refused with advice for a list file."""
    data = family_list(version)
    filters = data["family"]["filters"] if version == 1 else data["children"][0]["filters"]
    filters["transit_minutes"] = 123456789
    text = json.dumps(data)
    for number, words in (("NaN", "NaN or Infinity"), ("Infinity", "NaN or Infinity"),
                          ("9" * 5000, "more than 4,300 digits")):
        path = tmp_path / f"list-{version}.json"
        path.write_text(text.replace("123456789", number), encoding="utf-8")
        for argv in (("export", "--list", path, "--format", "csv", "--out", tmp_path / "x.csv"),
                     ("household", path)):
            code_line = refused(measured(*argv), words, "open a list saved by Navigator")
            assert "--" not in code_line  # no command-line flag is offered as the fix
    assert not (tmp_path / "x.csv").exists()


def test_a_trip_minutes_need_that_is_not_a_number_names_the_child(tmp_path) -> None:
    """A household list read by another JSON writer: NaN cannot be written as JSON, but a
    negative or zero trip time names the child and the need, not a command-line flag."""
    data = family_list(2)
    data["children"][0]["filters"]["transit_minutes"] = -5
    path = tmp_path / "household.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    line = refused(measured("household", path), "transit_minutes must be a positive number")
    assert "--transit" not in line

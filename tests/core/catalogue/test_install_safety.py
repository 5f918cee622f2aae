"""Installs as trustworthy as the update systems people rely on (issue 24, findings 1 to 3).

A pack folder must always hold a whole, verified current pack, whatever happens: an older pack
brought in by way of another region (TUF's rollback attack), two installs at once, a kill at any
step, a region id that walks out of the folder.  The installs here are real processes (killed
with SIGKILL at each step, or raced twenty times with packs of 20 MB), the packs signed with a
key made in the test.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import one_sentence, pack_built

from navigator.catalogue.install import PAUSE_ENV, installed_packs
from navigator.catalogue.install_state import INDEX, LOCK, PACK_NAME, write_index
from navigator.catalogue.pack import open_pack
from navigator.catalogue.signing import read_public_key, signature_path, verify_pack
from navigator.catalogue.validate import validate
from navigator.cli import main

VV = "demo-valle-verde"


@pytest.fixture(scope="module")
def key(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("key")
    assert main(["catalogue", "keygen", "--out", str(folder / "district.key"),
                 "--signer", "Valle Verde USD (demo)"]) == 0
    return folder / "district.key"


def settings(folder: Path, key: Path) -> Path:
    public = json.loads(key.with_name(key.name + ".pub").read_text())["public_key"]
    path = folder / "navigator.toml"
    path.write_text(f'pack_folder = "packs"\ntrusted_keys = ["{public}"]\n', encoding="utf-8")
    return path


def signed(folder: Path, key: Path, built_at: str, **options) -> Path:
    """A folder (a USB stick) holding one signed pack."""
    folder.mkdir(parents=True, exist_ok=True)
    pack = pack_built(folder / "pack.sqlite", built_at, **options)
    assert main(["catalogue", "sign", str(pack), "--key", str(key)]) == 0
    return folder


def signed_anyway(folder: Path, key: Path, region_id: str) -> Path:
    """A pack whose region id Navigator refuses, signed as the district's key would sign it (a
    stolen key, or a builder of another make): the signature itself is good."""
    import base64

    import nacl.signing

    from navigator.catalogue import signing

    folder.mkdir(parents=True, exist_ok=True)
    pack = pack_built(folder / "pack.sqlite", "2030-01-01T08:00:00Z", region_id=region_id)
    secret = json.loads(key.read_text())
    signer = nacl.signing.SigningKey(base64.b64decode(secret["private_key"]))
    size, sha256 = signing.file_digest(pack)
    document = {"format": signing.FORMAT, "version": 1, "algorithm": "ed25519",
                "signer": secret["signer"], "key_id": secret["key_id"],
                "signed_at": "2030-01-01T09:00:00Z",
                "pack": {"file": pack.name, "size": size, "sha256": sha256,
                         "region_id": region_id, "region_name": "Escaped",
                         "built_at": "2030-01-01T08:00:00Z", "schema_version": "1"}}
    document["signature"] = base64.b64encode(
        signer.sign(signing._message(document)).signature).decode()
    signing.signature_path(pack).write_text(json.dumps(document))
    return folder


def install(config: Path, source: Path | None = None, *extra: str) -> tuple[int, str, str]:
    argv = [sys.executable, "-m", "navigator", "catalogue", "install", "--config", str(config)]
    done = subprocess.run([*argv, *([str(source)] if source else []), *extra],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NAVIGATOR_DEBUG": ""})
    return done.returncode, done.stdout, done.stderr


def assert_sound(folder: Path, key: Path) -> tuple[str, str]:
    """The folder holds a whole, verified current pack that its index names, a previous pack if
    it names one, and nothing else but the lock and an interrupted install's hidden files;
    returns the current pack's region and build time."""
    installed = installed_packs(folder)
    assert installed.problem is None and installed.current is not None
    trusted = [read_public_key(key.with_name(key.name + ".pub"))]
    verify_pack(installed.current, trusted)
    with open_pack(installed.current) as pack:
        assert validate(pack) == []
        found = pack.region.id, pack.region.built_at
    data = json.loads((folder / INDEX).read_text())
    if data["previous"]:
        assert installed.previous is not None and installed.previous.is_file()
    for path in folder.iterdir():
        name = path.name.removesuffix(".sig")
        assert name in (INDEX, LOCK) or PACK_NAME.fullmatch(name) \
            or name.startswith(".install-"), f"unexpected {path.name} in the pack folder"
    return found


def test_an_older_pack_is_refused_whatever_was_installed_between(tmp_path, key) -> None:
    """Finding 1: another region's packs in between do not make an old build new again."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    newer = signed(tmp_path / "vv-march", key, "2030-03-01T08:00:00Z")
    older = signed(tmp_path / "vv-january", key, "2030-01-01T08:00:00Z")
    assert install(config, newer)[0] == 0
    for n, month in enumerate(("04", "05")):  # twice: the newer Valle Verde pack is tidied away
        other = signed(tmp_path / f"other-{n}", key, f"2030-{month}-01T08:00:00Z",
                       region_id="demo-otra", region_name="Otra")
        assert install(config, other)[0] == 0
    assert not any(VV in p.name for p in folder.iterdir())  # Valle Verde's pack is gone...
    code, _out, err = install(config, older)
    assert code == 2, err  # ...but the folder remembers its newest build
    assert "before the newest one this computer has had (2030-03-01T08:00:00Z)" in one_sentence(err)
    assert assert_sound(folder, key) == ("demo-otra", "2030-05-01T08:00:00Z")
    # The same build time with other bytes is refused too; the newest build itself is welcome.
    twin = signed(tmp_path / "vv-twin", key, "2030-03-01T08:00:00Z", padding_mb=1)
    code, _out, err = install(config, twin)
    assert code == 2 and "but it is a different file" in one_sentence(err)
    assert install(config, newer)[0] == 0
    assert assert_sound(folder, key) == (VV, "2030-03-01T08:00:00Z")


def test_a_version_1_index_remembers_through_its_packs(tmp_path, key) -> None:
    """A folder set up before the index kept the newest builds: its packs stand for them."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    assert install(config, signed(tmp_path / "march", key, "2030-03-01T08:00:00Z"))[0] == 0
    data = json.loads((folder / INDEX).read_text())
    (folder / INDEX).write_text(json.dumps({"format": data["format"], "version": 1,
                                            "current": data["current"], "previous": None}))
    code, _out, err = install(config, signed(tmp_path / "jan", key, "2030-01-01T08:00:00Z"))
    assert code == 2 and "before the newest one" in err


def test_a_region_id_that_leaves_the_folder_is_refused(tmp_path, key, capsys) -> None:
    """Finding 3: the pack's region id names files in the pack folder."""
    config = settings(tmp_path, key)
    for bad in ("../../escaped", "a/b", "UPPER", ".hidden", "x\ny"):
        stick = signed_anyway(tmp_path / f"bad{abs(hash(bad))}", key, bad)
        code, _out, err = install(config, stick)
        assert code == 2 and "which is not one (lowercase letters, digits and dashes)" in \
            one_sentence(err)
        assert main(["search", "--pack", str(stick / "pack.sqlite"), "--zip", "00104"]) == 2
        assert "is not one" in capsys.readouterr().err
    assert not (tmp_path / "packs").exists() or not any((tmp_path / "packs").iterdir())
    assert not (tmp_path.parent / "escaped").exists()


def paused(config: Path, source: Path, step: str) -> subprocess.Popen:
    """An install stopped at ``step`` (it prints that it has paused, then sleeps)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "navigator", "catalogue", "install", str(source), "--config",
         str(config)], stderr=subprocess.PIPE, text=True, env={**os.environ, PAUSE_ENV: step})
    line = child.stderr.readline()
    assert line.strip() == f"paused at {step}", line
    return child


def kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("step", ["locked", "copying", "signature renamed", "pack renamed",
                                  "committed"])
def test_a_kill_at_any_step_leaves_a_whole_verified_pack(tmp_path, key, step) -> None:
    """Finding 2: SIGKILL at each step of an install; the next install clears what it left."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    assert install(config, signed(tmp_path / "v1", key, "2030-01-01T08:00:00Z"))[0] == 0
    v2 = signed(tmp_path / "v2", key, "2030-02-01T08:00:00Z", padding_mb=8)
    kill(paused(config, v2, step))
    expected = "2030-02-01T08:00:00Z" if step == "committed" else "2030-01-01T08:00:00Z"
    assert assert_sound(folder, key) == (VV, expected)
    if step in ("copying", "signature renamed"):
        assert any(p.name.startswith(".install-") for p in folder.iterdir())
    # While the killed one is gone, its lock went with it: the next install runs, and tidies.
    code, out, err = install(config, signed(tmp_path / "v3", key, "2030-03-01T08:00:00Z"))
    assert code == 0, err
    assert assert_sound(folder, key) == (VV, "2030-03-01T08:00:00Z")
    assert not [p for p in folder.iterdir() if p.name.startswith(".install-")]
    installed = installed_packs(folder)
    with open_pack(installed.previous) as previous:
        assert previous.region.built_at == expected
    assert len([p for p in folder.iterdir() if p.suffix == ".sqlite"]) == 2


def test_killed_at_random_moments(tmp_path, key) -> None:
    """Kills by timing, spread over a whole install of a 24 MB pack, as a power cut would fall."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    assert install(config, signed(tmp_path / "v0", key, "2030-01-01T00:00:00Z"))[0] == 0
    started = time.monotonic()
    big = signed(tmp_path / "timing", key, "2030-01-02T00:00:00Z", padding_mb=24)
    assert install(config, big)[0] == 0
    whole = time.monotonic() - started
    rng = random.Random(24)
    for n in range(6):
        stick = signed(tmp_path / f"k{n}", key, f"2030-02-{n + 1:02d}T00:00:00Z", padding_mb=24)
        before = assert_sound(folder, key)
        child = subprocess.Popen([sys.executable, "-m", "navigator", "catalogue", "install",
                                  str(stick), "--config", str(config)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, whole))
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        after = assert_sound(folder, key)
        assert after in (before, (VV, f"2030-02-{n + 1:02d}T00:00:00Z"))


def test_two_installs_at_once(tmp_path, key) -> None:
    """Finding 2: two staff, two sticks, a double click: 10 races of two installs of 20 MB
    packs, the second started at once, a moment later, or once the first is done.  Each ends
    installed, or refused in one sentence (another install is running, or the other's pack is
    newer); never exit 70; a verified current pack after every race."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    assert install(config, signed(tmp_path / "start", key, "2030-01-01T00:00:00Z"))[0] == 0
    rng = random.Random(2)
    delays = (0, 0, 0, 0.05, 0.05, 0.3, 0.3, 1.0, 1.0, 6.0)  # seconds between the two starts
    outcomes: dict[str, int] = {}
    for trial, delay in enumerate(delays):
        sticks = [signed(tmp_path / f"t{trial}-{n}", key, f"2031-{trial + 1:02d}-01T0{n}:00:00Z",
                         padding_mb=20) for n in (0, 1)]
        children = []
        for n, stick in enumerate(rng.sample(sticks, 2)):  # either first
            if n:
                time.sleep(delay)
            children.append(subprocess.Popen(
                [sys.executable, "-m", "navigator", "catalogue", "install", str(stick),
                 "--config", str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, env={**os.environ, "NAVIGATOR_DEBUG": ""}))
        for child in children:
            out, err = child.communicate(timeout=300)
            assert child.returncode in (0, 2), err
            if child.returncode == 2:
                line = one_sentence(err)
                assert "Another install is running" in line or "before the newest one" in line
                outcomes[line.split(" ")[1]] = outcomes.get(line.split(" ")[1], 0) + 1
            else:
                assert out.startswith("Installed") and not err
                outcomes["installed"] = outcomes.get("installed", 0) + 1
        assert_sound(folder, key)
        assert not [p for p in folder.iterdir() if p.name.startswith(".install-")]
        for stick in sticks:
            for path in stick.iterdir():
                path.unlink()
    assert outcomes["installed"] >= len(delays) and outcomes["installed"] + sum(
        n for word, n in outcomes.items() if word != "installed") == 2 * len(delays)
    print(f"two installs at once, {len(delays)} races: {outcomes}")
    code, out, _err = install(config, None, "--rollback")
    assert code == 0 and out.startswith("Back to")
    assert_sound(folder, key)


def test_a_second_install_waits_for_no_one(tmp_path, key) -> None:
    """One install at a time: the second says so at once, and the first finishes."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    first = paused(config, signed(tmp_path / "a", key, "2030-01-01T00:00:00Z"), "copying")
    code, _out, err = install(config, signed(tmp_path / "b", key, "2030-02-01T00:00:00Z"))
    assert code == 2 and "Another install is running in" in one_sentence(err)
    code, _out, err = install(config, None, "--rollback")
    assert code == 2 and "Another install is running" in err
    kill(first)
    assert install(config, tmp_path / "b")[0] == 0
    assert assert_sound(folder, key) == (VV, "2030-02-01T00:00:00Z")


def test_the_app_never_opens_the_demo_pack_in_place_of_a_missing_one(tmp_path, key) -> None:
    """An index naming a pack that is gone, or damaged, is one sentence (and the attendant's
    message in the app), never the fictional demo pack shown to a family."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    assert install(config, signed(tmp_path / "v1", key, "2030-01-01T08:00:00Z"))[0] == 0
    current = installed_packs(folder).current
    current.unlink()
    argv = [sys.executable, "-m", "navigator", "--config", str(config), "--self-test"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "which is not there" in one_sentence(done.stderr)
    (folder / INDEX).write_text('{"format": "navigator-installed-packs", "ver')
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "is not valid JSON" in one_sentence(done.stderr)
    # The next install mends it.
    assert install(config, signed(tmp_path / "v2", key, "2030-02-01T08:00:00Z"))[0] == 0
    assert assert_sound(folder, key) == (VV, "2030-02-01T08:00:00Z")


def test_a_region_name_cannot_forge_a_line_of_output(tmp_path, key) -> None:
    config = settings(tmp_path, key)
    stick = signed(tmp_path / "forged", key, "2030-01-01T08:00:00Z",
                   region_name="Valle Verde\nnavigator: Installed Demo (built 2099)")
    code, out, err = install(config, stick)
    assert code == 0, err
    assert len(out.strip().splitlines()) == 1 and "Valle Verde navigator: Installed" in out


def test_tidying_leaves_what_installs_did_not_name(tmp_path, key) -> None:
    """The pack folder may hold other files; only the packs installs named are ever removed."""
    config, folder = settings(tmp_path, key), tmp_path / "packs"
    folder.mkdir()
    (folder / "notes.sqlite").write_bytes(b"the attendant's own file")
    (folder / ".hidden.partial").write_bytes(b"not ours")
    for n in range(3):
        assert install(config, signed(tmp_path / f"v{n}", key, f"2030-0{n + 1}-01T00:00:00Z"))[0] == 0
    assert (folder / "notes.sqlite").exists() and (folder / ".hidden.partial").exists()
    assert len([p for p in folder.iterdir() if PACK_NAME.fullmatch(p.name)]) == 2
    # An index written by this module survives a reader that never saw "newest".
    installed = installed_packs(folder)
    write_index(folder, installed.current, installed.previous, installed.newest)
    assert installed_packs(folder).newest == installed.newest
    assert signature_path(installed.current).is_file()

"""A crash keeps nothing (issue 24, finding 7): the app and every QtWebEngine process it starts
run with a core-file limit of 0 (soft and hard), and the app itself is not dumpable.

The app is started for real, in kiosk mode on the demo pack, and the limits are read from
/proc/PID/limits of the app and of each of its descendants once the map's renderer is up.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from navigator.core_dumps import ALLOW_ENV

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def core_limit(pid: int) -> tuple[str, str]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            soft, hard = line.split()[4:6]
            return soft, hard
    raise AssertionError(f"no core limit for {pid}")


def descendants(pid: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        found += children
        frontier += children
    return found


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def start_app(tmp_path: Path, env: dict) -> subprocess.Popen:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]

    def core_dumps_allowed() -> None:  # what a system that keeps cores gives a program
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))

    return subprocess.Popen(
        [sys.executable, "-m", "navigator", "--kiosk"], cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
             "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
             "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(tmp_path), **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=core_dumps_allowed)


def renderers(app: subprocess.Popen, timeout: float = 90) -> list[int]:
    """The app's QtWebEngine processes, once the map has its renderer: a process the zygote
    forked (it keeps the zygote's command line), or one started as ``--type=renderer``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert app.poll() is None, "the app stopped"
        found = [p for p in descendants(app.pid) if "QtWebEngineProcess" in command_of(p)]
        forked = [p for p in found if set(descendants(p)) & set(found)]
        if forked or any("--type=renderer" in command_of(p) for p in found):
            return found
        time.sleep(0.5)
    raise AssertionError("QtWebEngine started no renderer")


def stop(app: subprocess.Popen) -> None:
    app.send_signal(signal.SIGTERM)
    try:
        app.wait(30)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait(30)


def test_the_kiosk_and_its_renderers_keep_no_core(tmp_path) -> None:
    app = start_app(tmp_path, {})
    try:
        processes = renderers(app)
        assert core_limit(app.pid) == ("0", "0")
        for pid in processes:
            assert core_limit(pid) == ("0", "0"), command_of(pid)
        print(f"core limit 0 (soft and hard) in the app and its {len(processes)} QtWebEngine "
              "processes (zygotes and the renderer they forked)")
    finally:
        stop(app)
    assert not list(tmp_path.glob("core*"))


def test_a_developer_may_ask_for_core_dumps(tmp_path) -> None:
    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0:
        pytest.skip("this machine allows no core dumps at all")
    app = start_app(tmp_path, {ALLOW_ENV: "1"})
    try:
        renderers(app)
        assert core_limit(app.pid) != ("0", "0")
    finally:
        stop(app)


def test_the_app_is_not_dumpable() -> None:
    """PR_GET_DUMPABLE (3) answers 0 once forbid_core_dumps has run (read in the process)."""
    code = ("import ctypes; from navigator.core_dumps import forbid_core_dumps; "
            "libc = ctypes.CDLL(None); before = libc.prctl(3, 0, 0, 0, 0); forbid_core_dumps(); "
            "print(before, libc.prctl(3, 0, 0, 0, 0))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={k: v for k, v in os.environ.items() if k != ALLOW_ENV})
    assert done.stdout.split() == ["1", "0"]

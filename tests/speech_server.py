"""A private speech-dispatcher for the read-aloud tests: the real daemon and espeak-ng, its own
socket, settings and log under a test folder, its sound sent to ALSA's null device (a test
machine has no sound card; a speech-dispatcher that cannot open one never finishes a sentence).

The daemon is started by the app's own first connection (speech-dispatcher's autospawn, as on a
kiosk); :func:`private_speech` ends it afterwards by the pid it wrote in the test's folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SETTINGS = """\
# Written by the read-aloud tests: ALSA's null device, no sound card needed.
AudioOutputMethod "alsa"
AudioALSADevice "null"
Include "/etc/speech-dispatcher/clients/*.conf"
"""


def need_speech() -> None:
    """Skip (with the reason) where the system's voices are not installed."""
    if shutil.which("speech-dispatcher") is None or shutil.which("espeak-ng") is None:
        pytest.skip("speech-dispatcher and espeak-ng are not installed (scripts/setup.sh installs them)")
    from PySide6.QtTextToSpeech import QTextToSpeech

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's speech-dispatcher engine (qtspeech speechd plugin) is not installed")


def write_settings(config_home: Path) -> None:
    folder = config_home / "speech-dispatcher"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "speechd.conf").write_text(SETTINGS, encoding="utf-8")


def stop_daemon(runtime: Path) -> None:
    """End the daemon this test's connection spawned (its pid file is in the test's folder)."""
    pid_files = sorted((runtime / "speech-dispatcher" / "pid").glob("*.pid"))
    try:
        pid = int(pid_files[0].read_text().strip())
    except (IndexError, OSError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@contextmanager
def private_speech(root: Path) -> Iterator[Path]:
    """The environment under ``root`` for a private speech-dispatcher; ``root/runtime`` holds its
    socket, pid and log."""
    need_speech()
    runtime, config = root / "runtime", root / "config"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    write_settings(config)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_RUNTIME_DIR", str(runtime))
        patch.setenv("XDG_CONFIG_HOME", str(config))
        try:
            yield runtime
        finally:
            stop_daemon(runtime)

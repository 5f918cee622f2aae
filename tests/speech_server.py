"""Read aloud in the tests: whether this machine has the voices (else the test is skipped with
the reason).  The GUI tests' one speech-dispatcher is ``private_voice`` in gui/conftest.py (the
bench's :func:`navigator.bench.speech_bench.private_speech_daemon`)."""

from __future__ import annotations

import shutil

import pytest


def need_speech() -> None:
    """Skip (with the reason) where the system's voices are not installed."""
    if shutil.which("speech-dispatcher") is None or shutil.which("espeak-ng") is None:
        pytest.skip("speech-dispatcher and espeak-ng are not installed (scripts/setup.sh installs them)")
    from PySide6.QtTextToSpeech import QTextToSpeech

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's speech-dispatcher engine (qtspeech speechd plugin) is not installed")

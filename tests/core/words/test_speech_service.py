"""Asking the speech service before Qt's engine connects to it: a wedged service (it accepts the
connection and never answers, as a kiosk's did without a sound card) means no voice, in seconds,
never a frozen app."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from navigator.speech.voices import speech_service_answers

pytestmark = pytest.mark.skipif(shutil.which("spd-say") is None,
                                reason="spd-say (speech-dispatcher) is not installed")


def test_a_service_that_never_answers_is_no_voice_within_the_timeout(tmp_path, monkeypatch):
    path = tmp_path / "speechd.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen()
    held = []
    threading.Thread(target=lambda: held.append(server.accept()), daemon=True).start()
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    started = time.perf_counter()
    assert speech_service_answers(timeout_s=1.5) is False
    assert time.perf_counter() - started < 5
    assert held, "spd-say never connected: the test did not reach the wedged service"
    server.close()


def test_no_service_at_all_is_no_voice(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'absent.sock'}")
    monkeypatch.setenv("HOME", str(tmp_path))  # no autospawned service of the desk's
    assert speech_service_answers(timeout_s=3) is False

"""`navigator bench speech`: from a tap on "Read aloud" to the voice starting to speak.

The app on the demo pack (offscreen), Spanish, a school's profile: each profile section's button
is tapped in turn (a real mouse click) and timed to the engine's "speaking" state (Qt
TextToSpeech → speech-dispatcher → espeak-ng); the target is 300 ms.  Also timed: the engine's
start on its thread (the tap never waits for it: it starts when the page shows) and how long the
tap keeps the GUI thread.

Baselines in the same run: espeak-ng alone, from starting the program on the same words to its
first sound on stdout (the synthesiser without Qt or the daemon); and Qt's "mock" engine through
the same path (Qt's own cost, no synthesiser).

speech-dispatcher runs privately for the run (:func:`private_speech_daemon`, also the tests'),
its sound sent to ALSA's null device, so the figure is the same on a machine with no sound card
(where a speech-dispatcher that cannot open one never finishes a sentence, and one left stuck
makes every later connection wait) and leaves the desk's own settings alone.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Debian's own log level (3: no text spoken), and the sound to ALSA's null device.
SETTINGS = 'LogLevel 3\nAudioOutputMethod "alsa"\nAudioALSADevice "null"\n' \
           'Include "/etc/speech-dispatcher/clients/*.conf"\n'
TARGET_MS = 300


@contextmanager
def private_speech_daemon(root: Path) -> Iterator[Path]:
    """A speech-dispatcher of its own under ``root`` (settings, socket, pid and log), its sound
    sent to ALSA's null device, for as long as the block runs; the app finds it through
    ``SPEECHD_ADDRESS`` (libspeechd's own variable).  Yields its log folder."""
    config, log = root / "speech-dispatcher", root / "speech-log"
    config.mkdir(parents=True)
    log.mkdir()
    (config / "speechd.conf").write_text(SETTINGS, encoding="utf-8")
    socket = root / "speechd.sock"
    daemon = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--config-dir", str(config), "--communication-method",
         "unix_socket", "--socket-path", str(socket), "--timeout", "0", "--pid-file",
         str(root / "speechd.pid"), "--log-dir", str(log)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    previous = os.environ.get("SPEECHD_ADDRESS")
    try:
        for _ in range(200):
            if socket.exists() or daemon.poll() is not None:
                break
            time.sleep(0.05)
        if not socket.exists():
            raise RuntimeError("speech-dispatcher did not start")
        os.environ["SPEECHD_ADDRESS"] = f"unix_socket:{socket}"
        yield log
    finally:
        if previous is None:
            os.environ.pop("SPEECHD_ADDRESS", None)
        else:
            os.environ["SPEECHD_ADDRESS"] = previous
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


def _espeak_first_sound_ms(text: str, voice: str = "es-419") -> float:
    """espeak-ng on ``text``: ms from starting it to its first bytes of sound past the header."""
    started = time.perf_counter()
    with subprocess.Popen(["espeak-ng", "-v", voice, "-b", "1", "--stdout"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
        proc.stdout.read(44 + 1024)
        first = time.perf_counter()
        proc.stdout.read()
    return (first - started) * 1000


def _median_max(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} / {max(values):.0f} ms (n={len(values)})"


def run_benchmark(rounds: int = 3) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from navigator.gui.app import create_window
    from navigator.gui.read_aloud import Voice
    from navigator.gui.selftest import dispose, wait_until
    from navigator.resources import demo_pack

    with tempfile.TemporaryDirectory(prefix="navigator-speech-") as folder, \
            private_speech_daemon(Path(folder)):
        _app, state, window = create_window(demo_pack(), lang="es", offscreen=True)
        try:
            window.resize(1366, 768)
            window.show()
            school = min(state.pack.school_names())  # any school: the first by its id
            started = time.perf_counter()
            window.show_profile(school)  # the page shows: the engine starts on its thread
            reader = window.read_aloud
            if not wait_until(lambda: reader.voice.locales is not None, 30):
                raise RuntimeError("the speech engine did not start within 30 s")
            engine_start_ms = (time.perf_counter() - started) * 1000
            page = window.pages["profile"]
            taps, gui_ms, texts = [], [], []
            for _round in range(rounds):
                for number in range(len(page.sections)):
                    button = page.read_button(number)
                    before = time.perf_counter()
                    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                    gui_ms.append((time.perf_counter() - before) * 1000)
                    if reader.current is None:
                        continue
                    texts.append(reader.current.spoken)
                    if not wait_until(lambda: reader.voice.spoke_at is not None, 10):
                        raise RuntimeError("the engine did not start speaking within 10 s")
                    taps.append((reader.voice.spoke_at - before) * 1000)
                    reader.stop()
                    wait_until(lambda: not reader.voice.speaking_now, 5)
            espeak = [_espeak_first_sound_ms(text) for text in texts]
            mock = _mock_taps(texts[:10], Voice)
        finally:
            state.operations.wait()
            dispose(window)
    return {
        "tap to speaking (speechd), median / max": _median_max(taps),
        "target": f"<= {TARGET_MS} ms",
        "GUI thread per tap, median / max": _median_max(gui_ms),
        "engine start (on its thread)": f"{engine_start_ms:.0f} ms",
        "baseline: espeak-ng alone to first sound": _median_max(espeak),
        "baseline: Qt mock engine, say to speaking": _median_max(mock),
        "words per reading, median": f"{statistics.median(len(t.split()) for t in texts):.0f}",
    }


def _mock_taps(texts: list[str], voice_class) -> list[float]:
    """Qt's mock engine through the same thread and signals: Qt's own part of the time."""
    from navigator.gui.selftest import wait_until

    voice = voice_class(engine="mock")
    voice.start()
    wait_until(lambda: voice.locales is not None, 10)
    out = []
    locale = sorted(voice.locales)[0] if voice.locales else "en_US"
    for text in texts:
        voice.say(text, locale)
        if wait_until(lambda: voice.spoke_at is not None, 5):
            out.append((voice.spoke_at - voice.asked_at) * 1000)
        voice.stop()
        wait_until(lambda: not voice.speaking_now, 5)
    voice.close()
    return out or [float("nan")]

"""Read aloud: the "🔊 Read aloud" buttons, the one voice behind them, and what stops it.

Why it looks like this:

* The words read are the texts on screen (a section's labels, a card's lines), made speakable by
  :mod:`navigator.speech.listening` in the family's language; the part being read is outlined
  (``reading`` property, the stylesheet's ``[reading="true"]``).
* Qt's speech engine (speech-dispatcher with espeak-ng on Debian) takes about two seconds to
  start, and a speech-dispatcher without sound can hang: the engine lives on its own thread
  (:class:`_Engine`), started when a screen with buttons first shows, so a tap never waits for it.
* A language speaks only through its own voice (:func:`navigator.speech.voices.voice_locale`);
  without one every button says "No voice for this language on this computer" and is disabled.
* Any tap elsewhere, a language change, Start over and the kiosk's idle timeout (a Start over)
  stop the reading.  Nothing is written: the words go to the engine in memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from navigator.gui.widgets import WrapButton
from navigator.i18n import _
from navigator.speech.listening import Reading, reading
from navigator.speech.listening import prepare as prepare_words
from navigator.speech.voices import speech_service_answers, voice_locale

ENGINE = "speechd"  # the system's voices; Qt's "mock" engine is never used for a family
TAP_STOPS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
RESTART_GRACE_S = 1.0  # a tap that stopped a reading is not also the tap that starts it again
_STRANDED: list[QThread] = []  # voice threads a hung engine kept from ending (see Voice.close)
READING_COLOR = "#b35c00"  # the outline of the part being read (the stylesheet's too)


def card_key(school_id: str) -> str:
    """The reading key of a school's card in the results."""
    return f"card:{school_id}"


@lru_cache(maxsize=32)

def speaker_icon(size: int = 48, color: str = "#10233f") -> QIcon:
    """A drawn loudspeaker with two sound waves: recognised whatever the screen's script."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 48
    body = QPainterPath()
    body.moveTo(6 * s, 18 * s)
    for x, y in ((14, 18), (25, 8), (25, 40), (14, 30), (6, 30)):
        body.lineTo(x * s, y * s)
    body.closeSubpath()
    painter.fillPath(body, QColor(color))
    pen = QPen(QColor(color))
    pen.setWidthF(3.5 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for r in (9, 16):
        painter.drawArc(QRectF((24 - r) * s + 6 * s, (24 - r) * s, 2 * r * s, 2 * r * s),
                        -50 * 16, 100 * 16)
    painter.end()
    return QIcon(pixmap)


def shown_texts(widget: QWidget) -> list[str]:
    """The texts a section shows, in order: its visible labels (not the counsellor's second
    language beneath them, which is not the family's)."""
    return [label.text() for label in widget.findChildren(QLabel)
            if label.text() and label.isVisibleTo(widget) and label.objectName() != "secondLanguage"
            and label.textFormat() != Qt.TextFormat.RichText]


class _Engine(QObject):
    """The speech engine, on the voice thread: every call here may take seconds."""

    started = Signal(list)  # the engine's locale names; [] when it could not start
    speaking = Signal(bool)

    def __init__(self, engine: str) -> None:
        super().__init__()
        self.engine_name = engine
        self.tts = None

    @Slot()
    def start(self) -> None:
        if self.tts is not None:
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:  # a built app on a machine without the sound libraries Qt's needs
            self.started.emit([])
            return
        if self.engine_name == "speechd" and not speech_service_answers():
            self.started.emit([])  # no answer: no voice, rather than a frozen window
            return
        self.tts = QTextToSpeech(self.engine_name, self)
        ready = self.tts.state() != QTextToSpeech.State.Error
        self.tts.stateChanged.connect(
            lambda s: self.speaking.emit(s == QTextToSpeech.State.Speaking))
        self.started.emit(sorted({loc.name() for loc in self.tts.availableLocales()}) if ready else [])

    @Slot(str, str)
    def say(self, text: str, locale: str) -> None:
        from PySide6.QtCore import QLocale

        self.start()
        if self.tts is None:  # the service did not answer: nothing to speak with
            return
        self.tts.setLocale(QLocale(locale))
        self.tts.say(text)

    @Slot()
    def stop(self) -> None:
        if self.tts is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            self.tts.stop(QTextToSpeech.BoundaryHint.Immediate)


class Voice(QObject):
    """The GUI's side of the engine: asks by queued signals, hears back the same way."""

    locales_known = Signal()
    speaking = Signal(bool)
    _start = Signal()
    _say = Signal(str, str)
    _stop = Signal()

    def __init__(self, engine: str = ENGINE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locales: set[str] | None = None  # None until the engine has started
        self.engine_name = engine
        self._thread: QThread | None = None
        self._engine: _Engine | None = None
        self.asked_at: float | None = None  # perf_counter of the last say (the bench's tap)
        self.spoke_at: float | None = None  # and of the engine's "speaking" after it
        self.speaking_now = False
        self.stops = 0  # stops sent to the engine (a test's witness)

    def start(self) -> None:
        """Start the engine on its thread (once); the answer is ``locales_known``."""
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("voice")
        self._engine = _Engine(self.engine_name)
        self._engine.moveToThread(self._thread)
        self._start.connect(self._engine.start)
        self._say.connect(self._engine.say)
        self._stop.connect(self._engine.stop)
        self._engine.started.connect(self._started)
        self._engine.speaking.connect(self._speaking)
        self._thread.finished.connect(self._engine.deleteLater)
        self._thread.start()
        self._start.emit()

    def _started(self, locales: list) -> None:
        self.locales = set(locales)
        self.locales_known.emit()

    def _speaking(self, on: bool) -> None:
        self.speaking_now = on
        if on and self.spoke_at is None:
            self.spoke_at = time.perf_counter()
        self.speaking.emit(on)

    def locale_for(self, lang: str) -> str | None:
        """The engine locale for ``lang``; None when there is no voice (or not known yet)."""
        return None if self.locales is None else voice_locale(lang, self.locales)

    def say(self, text: str, locale: str) -> None:
        self.start()
        self.asked_at, self.spoke_at = time.perf_counter(), None
        self._say.emit(text, locale)

    def stop(self) -> None:
        if self._thread is not None:
            self.stops += 1
            self._stop.emit()

    def close(self) -> None:
        """Stop and end the voice thread (before the window goes: a running QThread must not be
        deleted)."""
        if self._thread is None:
            return
        self._stop.emit()
        self._thread.quit()
        if not self._thread.wait(5000):
            # Still inside the engine (a speech-dispatcher that hangs): kept, never deleted
            # while it runs (that would abort the app); the process's end takes it.
            _STRANDED.append(self._thread)
        self._thread = None


class ReadAloudButton(WrapButton):
    """"🔊 Read aloud": a speaker and the word; "Stop reading" while it reads."""

    def __init__(self, reader: ReadAloud, key: str, target: QWidget,
                 texts: Callable[[], list[str]] | None = None, label: str = "") -> None:
        """``label``: an ``N_``-marked message for the button where "Read aloud" alone would not
        say which part it reads."""
        super().__init__()
        self.reader, self.key, self.target, self.label = reader, key, target, label
        self.texts = texts or (lambda: shown_texts(target))
        self.setObjectName("readAloud")
        self.setIcon(speaker_icon())
        self.setIconSize(QSize(24, 24))
        self.clicked.connect(lambda: reader.toggle(self.key, self.target, self.texts, self))
        reader.register(self)
        self.refresh()

    def refresh(self) -> None:
        reading_here = self.reader.current_key == self.key
        available = self.reader.has_voice()
        self.setEnabled(available)
        if not available:
            text = _("No voice for this language on this computer")
        else:
            text = _("Stop reading") if reading_here else _(self.label or "Read aloud")
        self.setText(" " + text)  # a space between the speaker and the word
        self.setAccessibleName(text)


class ReadAloud(QObject):
    """One per window: which part is being read, the outline on it, and everything that stops it."""

    changed = Signal()  # a reading started or stopped (buttons and painted cards redraw)

    def __init__(self, state, voice: Voice | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.voice = voice or Voice(parent=self)
        self.current_key: str | None = None
        self.current: Reading | None = None
        self.last: Reading | None = None  # the last words handed to the engine
        self._target: QWidget | None = None
        self._buttons: list[ReadAloudButton] = []
        self._stopped: tuple[str | None, float] = (None, 0.0)
        self.voice.locales_known.connect(self._refresh)
        self.voice.speaking.connect(self._speaking)
        state.reset_done.connect(self.stop)
        state.language_changed.connect(self._language_changed)

    def watch(self, widget: QWidget) -> None:
        """Hear the taps on ``widget`` and everything in it (later ones too, as they are
        polished).  Per widget, as the kiosk does: an application-wide Python event filter
        crashes PySide once QtWebEngine runs."""
        for each in (widget, *widget.findChildren(QWidget)):
            each.installEventFilter(self)

    def prepare(self) -> None:
        """Start the engine now (a screen with buttons is showing), and make the language's
        spoken forms, so a tap speaks at once."""
        self.voice.start()
        prepare_words(self.state.language)

    def _language_changed(self, lang: str) -> None:
        self.stop()
        if self.voice.locales is not None:
            prepare_words(lang)
        self._refresh()

    def has_voice(self) -> bool:
        """True until the engine says otherwise: the button is there before the engine is."""
        return self.voice.locales is None or self.voice.locale_for(self.state.language) is not None

    def register(self, button: ReadAloudButton) -> None:
        """Told of each button (a profile's are made anew each time it is shown: the gone ones
        are dropped at the next refresh, not from their ``destroyed`` signal, which can come
        when this object is already being deleted with the window)."""
        self._buttons.append(button)

    def _forget(self, button) -> None:
        self._buttons = [b for b in self._buttons if b is not button]

    def toggle(self, key: str, target: QWidget | None, texts: Callable[[], list[str]],
               source: QWidget | None = None) -> None:
        """Read ``key``'s texts, or stop when it is the part being read (or the tap just
        stopped it)."""
        if self.current_key == key:
            self.stop()
            return
        stopped_key, at = self._stopped
        if stopped_key == key and time.monotonic() - at < RESTART_GRACE_S:
            return
        self.read(key, target, texts())

    def read(self, key: str, target: QWidget | None, texts: list[str]) -> Reading | None:
        locale = self.voice.locale_for(self.state.language) if self.voice.locales is not None \
            else None
        if self.voice.locales is not None and locale is None:
            return None  # no voice: the buttons say so
        self.stop()
        self.current = reading(texts, self.state.language)
        if not self.current.spoken:
            self.current = None
            return None
        self.current_key, self.last = key, self.current
        self._outline(target)
        self.voice.say(self.current.spoken, locale or self._pending_locale())
        self._refresh()
        return self.current

    def _pending_locale(self) -> str:
        """Tapped before the engine has started: the language's first voice name (the engine
        speaks it if it has it; otherwise its default, which is why the engine starts early)."""
        from navigator.speech.voices import VOICE_LOCALES

        return (VOICE_LOCALES.get(self.state.language) or (self.state.language,))[0]

    def stop(self) -> None:
        if self.current_key is None:
            return
        self._stopped = (self.current_key, time.monotonic())
        self.current_key, self.current = None, None
        self.voice.stop()
        self._outline(None)
        self._refresh()

    def _speaking(self, on: bool) -> None:
        if not on and self.current_key is not None and self.voice.spoke_at is not None:
            self.current_key, self.current = None, None  # read to the end
            self._outline(None)
            self._refresh()

    def _outline(self, target: QWidget | None) -> None:
        for widget in (self._target, target):
            if widget is None:
                continue
            try:
                widget.setProperty("reading", widget is target)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                widget.update()
            except RuntimeError:  # the part was rebuilt while it was read
                pass
        self._target = target

    def _refresh(self) -> None:
        for button in list(self._buttons):
            try:
                button.refresh()
            except RuntimeError:
                self._forget(button)
        self.changed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        """A tap anywhere stops the reading (a tap on its own button too: then it stays stopped)."""
        kind = event.type()
        if kind == QEvent.Type.ChildPolished:
            child = event.child()
            if isinstance(child, QWidget):
                self.watch(child)
        elif kind in TAP_STOPS and self.current_key is not None:
            self.stop()
        return False

    def close(self) -> None:
        self.stop()
        self.voice.close()

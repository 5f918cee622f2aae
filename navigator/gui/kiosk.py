"""Kiosk mode: full screen, no way out but the attendant's key chord, and a fresh start for the
next family when nobody has touched the screen for a while.

* The window has no frame and cannot be closed (Alt+F4, the window manager): only the attendant's
  chord **Ctrl+Alt+Shift+Q** quits, without asking anything.
* After ``idle_s`` seconds without a touch, click or key, a big "Still there?" dialog counts
  down ``countdown_s`` seconds; "I'm still here" (or any touch or key) keeps the session,
  otherwise everything the family entered is wiped, the language, text size and contrast return
  to the kiosk's defaults, and the welcome screen comes back.
* Nothing about the family is written anywhere: the state lives in memory, the map's web
  profile is off the record, and there is no save, open or file dialog in kiosk mode.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from navigator.gui.appearance import DEFAULT_SCALE_INDEX
from navigator.gui.dialogs import FittedDialog
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _, format_number, ngettext

ATTENDANT_CHORD = "Ctrl+Alt+Shift+Q"
DEFAULT_IDLE_S = 180
COUNTDOWN_S = 30
ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
            QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
            QEvent.Type.InputMethod}
PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin}


class CountdownDialog(FittedDialog):
    """"Still there? Starting over in 30 seconds" with one big "I'm still here"."""

    def __init__(self, parent, seconds: int) -> None:
        super().__init__(parent, preferred_width=560)
        self.setObjectName("countdownDialog")
        self.setModal(True)
        self.remaining = seconds
        self.heading = plain_label("heading")
        self.text = plain_label("lead")
        self.button = BigButton("primary")
        self.button.setMinimumHeight(72)
        self.button.clicked.connect(self.accept)
        self.body_layout.addWidget(self.heading)
        self.body_layout.addWidget(self.text)
        self.body_layout.addStretch(1)
        self.button_row.addWidget(self.button)
        self.retranslate()
        self.button.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Still there?"))
        self.heading.setText(_("Still there?"))
        self.text.setText(ngettext("Starting over in {n} second. Everything you entered will be erased.",
                                   "Starting over in {n} seconds. Everything you entered will be "
                                   "erased.", self.remaining).format(n=format_number(self.remaining)))
        self.button.setText(_("I'm still here"))

    def tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        self.retranslate()


class KioskMode(QObject):
    """Attach to a MainWindow made with ``kiosk=True`` (frameless, no counsellor tools); the app
    then shows it full screen."""

    timed_out = Signal()  # after the idle wipe

    def __init__(self, window, idle_s: int = DEFAULT_IDLE_S, countdown_s: int = COUNTDOWN_S,
                 default_language: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.idle_s = idle_s
        self.countdown_s = countdown_s
        self.default_language = default_language or self.state.language
        self.quitting = False
        self.dialog: CountdownDialog | None = None

        self.chord = QShortcut(QKeySequence(ATTENDANT_CHORD), window)
        self.chord.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.chord.activated.connect(self.attendant_quit)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(idle_s * 1000))
        self.idle.timeout.connect(self._idle_reached)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self._watch(window)
        self.state.language_changed.connect(self._retranslate)
        self.idle.start()

    # --- the way out ----------------------------------------------------------------------------

    def attendant_quit(self) -> None:
        """The attendant's chord: quit at once, asking nothing (the family's data is in memory)."""
        self.quitting = True
        self.state.start_over()
        self.window.close()
        QApplication.instance().quit()

    # --- noticing people ------------------------------------------------------------------------

    def _watch(self, widget: QWidget) -> None:
        """Hear the input of ``widget`` and everything in it.

        Per widget, not on the QApplication: an application-wide Python event filter crashes
        PySide once QtWebEngine runs.  Widgets made later (dialogs, list rows) are picked up
        when their parent hears ``ChildPolished``."""
        for each in (widget, *widget.findChildren(QWidget)):
            each.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.ChildPolished:
            child = event.child()
            if isinstance(child, QWidget):
                self._watch(child)
            return False
        if obj is self.window and kind == QEvent.Type.Close and not self.quitting:
            event.ignore()
            return True
        if obj is self.window and kind == QEvent.Type.WindowStateChange:
            if self.window.windowState() & Qt.WindowState.WindowMinimized and not self.quitting:
                QTimer.singleShot(0, self.window.showFullScreen)
        if kind in ACTIVITY and self.window.isVisible():
            if self.dialog is not None:
                if kind in PRESSES:
                    QTimer.singleShot(0, self.still_here)
            else:
                self.idle.start()
        return False

    def _nothing_to_erase(self) -> bool:
        s = self.state
        return (s.home is None and s.grade is None and not s.shortlist and s.filters == type(s.filters)()
                and self.window.current() == "welcome")

    def _idle_reached(self) -> None:
        if self._nothing_to_erase():
            self._restore_defaults()
            self.idle.start()
            return
        self.dialog = CountdownDialog(self.window, self.countdown_s)
        self.dialog.accepted.connect(self.still_here)
        self.dialog.open()
        self.ticker.start()

    def _tick(self) -> None:
        if self.dialog is None:
            self.ticker.stop()
            return
        self.dialog.tick()
        if self.dialog.remaining <= 0:
            self.wipe()

    def _retranslate(self) -> None:
        if self.dialog is not None:
            self.dialog.retranslate()

    def _close_dialog(self) -> None:
        self.ticker.stop()
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.close()
            dialog.deleteLater()

    def still_here(self) -> None:
        self._close_dialog()
        self.idle.start()

    def wipe(self) -> None:
        """Nobody answered: erase the family and set the kiosk up for the next one."""
        self._close_dialog()
        self.state.start_over()
        self._restore_defaults()
        self.idle.start()
        self.timed_out.emit()

    def _restore_defaults(self) -> None:
        if self.state.language != self.default_language:
            self.state.set_language(self.default_language)
        appearance = self.window.appearance
        if appearance.scale_index != DEFAULT_SCALE_INDEX or appearance.high_contrast:
            self.window.view_controls.contrast.setChecked(False)
            appearance.reset()

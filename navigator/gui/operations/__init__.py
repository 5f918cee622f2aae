"""The one way from a screen to the core: the work runs off the GUI thread, the answer comes back.

Why: on a 100,000-school pack, Together held the window for a third of a second, and the trip
between schools on a bus-scale timetable for a fifth; a family at a kiosk taps again, or thinks
the app froze.  So no screen calls the core itself.  A screen hands :meth:`Operations.run` a
*task* (most are in :mod:`navigator.gui.operations.tasks`) and says what to do with its answer::

    self.state.operations.run(
        tasks.together_options(household, today, SHOWN),  # runs on the worker thread
        done=self._show,           # on the GUI thread, with the task's answer
        failed=self._say_why,      # on the GUI thread, with a Failure (else: a message box)
        key="together",            # a newer run with the same key makes this one stale
        owner=self,                # nothing is delivered once this widget is gone
        busy=self._busy)           # True when asked, False once answered (optional)

A task is a function of one :class:`Core`: the worker's own pack connection and search engine.
It never touches a widget (Qt widgets live on the GUI thread only) and never the family's
state: it is given copies of what it reads (``state.to_household()`` is a copy; ids, dates and
queries are values).

Threads and the pack.  One worker thread does every task that reads the pack, one after another,
on a connection opened on that thread and one search engine, so the search index and a
bus-scale timetable are in memory once.  The GUI thread keeps its own connection
(``state.pack``) for one-row lookups through the pack's methods (never ``pack.conn``).  A second
worker thread, with no pack at all, paints and writes (a print job never waits for a search, nor
a search for the printer).  No SQLite connection is ever used by two threads: each thread opens
its own, and ``open_pack`` keeps SQLite's same-thread check on, so a connection handed to
another thread fails at once instead of corrupting a read.

The cycle collector.  Python's collector stops every thread while it walks the objects it
tracks, and the app keeps millions of them (the search index of a 100,000-school pack is 1.2
million; a bus-scale timetable, a pack diff's two snapshots, an export's fonts): one walk took
up to a second, the window frozen with it.  So the collector waits while any task runs
(reference counting still frees a task's data the moment it returns), and once the workers are
idle, what is alive is moved out of its sight (``gc.freeze``): the index, the timetable and the
family's answers are never cyclic garbage, so its walks stay short.  :meth:`Operations.sweep`
(Start over, between families) lets it walk everything once, then freezes what is left.

Stale answers.  Each ``key`` counts its runs; an answer whose run is no longer the newest of its
key is dropped (a task not yet started is skipped altogether), so typing fast never shows an old
list.  :meth:`Operations.drop_all` (Start over, the kiosk's idle wipe) drops every answer on its
way: nothing about the previous family reaches the screen.

Failures.  A task's exception becomes a :class:`Failure`: one sentence in the family's language
(the run's ``failure`` message, translated when it is shown) and the core's own words beneath
for the staff.  Without ``failed`` the sentence is shown in a message box over the owner.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal

from navigator.errors import UserError
from navigator.i18n import N_, _

log = logging.getLogger(__name__)

T = TypeVar("T")
Task = Callable[["Core"], T]

# What a failure says when the screen gives no sentence of its own.
FAILURE_HEADING = N_("Something went wrong")
FAILURE = N_("Navigator could not work this out. Please ask a staff member for help.")


class Core:
    """What a task gets on its worker thread: the pack, opened on that thread, and one search
    engine over it (made when first asked for, then kept: its index and timetable are read once)."""

    def __init__(self, pack_path: Path | None) -> None:
        self._path = pack_path
        self._pack = None
        self._engine = None

    @property
    def pack(self):
        if self._pack is None:
            if self._path is None:
                raise RuntimeError("this task runs on the thread without a pack")
            from navigator.catalogue.pack import open_pack

            self._pack = open_pack(self._path)
        return self._pack

    @property
    def engine(self):
        if self._engine is None:
            from navigator.search.engine import SearchEngine

            self._engine = SearchEngine(self.pack)
        return self._engine

    def close(self) -> None:
        if self._pack is not None:
            self._pack.close()
        self._pack = self._engine = None


@dataclass(frozen=True)
class Failure:
    """A task that failed: ``sentence`` for the family (their language), ``detail`` for staff."""

    sentence: str
    detail: str
    error: BaseException


@dataclass
class _Run:
    number: int
    task: Task
    done: Callable[[Any], None] | None
    failed: Callable[[Failure], None] | None
    key: str | None
    count: int  # this run's number among its key's runs
    epoch: int
    owner: QObject | None
    busy: Callable[[bool], None] | None
    failure: str


class _Lane:
    """One worker thread and the Core it alone uses."""

    def __init__(self, name: str, pack_path: Path | None) -> None:
        self.core = Core(pack_path)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"navigator-{name}")


_SKIPPED = object()  # a run that was stale before it started: nothing was done


class _Collector:
    """Python's cycle collector, kept off the family's time (see the module's docstring); one
    for the process, as the collector is."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._held = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        """While a task runs (on any worker): no collection."""
        with self._lock:
            self._running += 1
            if self._running == 1 and gc.isenabled():
                gc.disable()
                self._held = True
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0 and self._held:
                    self._held = False
                    gc.enable()

    @staticmethod
    def settle() -> None:
        """The workers are idle: what is alive now is the app's and the family's, kept."""
        gc.freeze()

    @staticmethod
    def sweep() -> None:
        """Everything walked once (what the last family left is freed), the rest kept."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()


_collector = _Collector()


class Operations(QObject):
    """Runs the screens' tasks on the worker threads and hands their answers back in order."""

    _answered = Signal(object, object, object)  # run, answer, error (from a worker thread)
    idle = Signal()  # nothing asked is still running or waiting to be delivered

    def __init__(self, pack_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {"pack": _Lane("pack", Path(pack_path)), "free": _Lane("free", None)}
        self._counts: dict[str, int] = {}
        self._epoch = 0
        self._runs = 0
        self._waiting = 0
        self._closed = False
        self._answered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # --- asking -----------------------------------------------------------------------------

    def run(self, task: Task, *, done: Callable[[Any], None] | None = None,
            failed: Callable[[Failure], None] | None = None, key: str | None = None,
            owner: QObject | None = None, busy: Callable[[bool], None] | None = None,
            failure: str = FAILURE, needs_pack: bool = True) -> int:
        """Run ``task`` on a worker thread (``needs_pack`` False: the one without the pack);
        ``done(answer)`` or ``failed(Failure)`` follow on this (the GUI) thread unless the answer
        went stale.  ``failure`` is an untranslated message (``N_``).  Returns the run's number."""
        if self._closed:
            raise RuntimeError("the operations were closed")
        self._runs += 1
        count = 0
        if key is not None:
            count = self._counts[key] = self._counts.get(key, 0) + 1
        run = _Run(self._runs, task, done, failed, key, count, self._epoch, owner, busy, failure)
        self._waiting += 1
        if busy is not None:
            busy(True)
        lane = self._lanes["pack" if needs_pack else "free"]
        lane.executor.submit(self._work, lane, run)
        return run.number

    def drop_all(self) -> None:
        """Drop every answer still on its way (Start over: they are about another family)."""
        self._epoch += 1

    @staticmethod
    def sweep() -> None:
        """Let the cycle collector walk everything once (between families: Start over, a window
        closed), then keep what is left out of its sight again."""
        _collector.sweep()

    def stale(self, run: _Run) -> bool:
        return run.epoch != self._epoch or (run.key is not None and self._counts[run.key] != run.count)

    # --- on the worker thread -------------------------------------------------------------------

    def _work(self, lane: _Lane, run: _Run) -> None:
        if self.stale(run):
            self._answered.emit(run, None, _SKIPPED)
            return
        try:
            with _collector.paused():
                answer = run.task(lane.core)
        except Exception as err:  # noqa: BLE001 - every failure is reported, never a crash
            if not isinstance(err, UserError):
                log.error("a task failed", exc_info=err)
            self._answered.emit(run, None, err)
            return
        self._answered.emit(run, answer, None)

    # --- back on the GUI thread -----------------------------------------------------------------

    def _deliver(self, run: _Run, answer: Any, error: Any) -> None:
        self._waiting -= 1
        try:
            owner_gone = run.owner is not None and not shiboken6.isValid(run.owner)
            newest = run.key is None or self._counts[run.key] == run.count
            if owner_gone:
                return
            if run.busy is not None and newest:
                run.busy(False)
            if error is _SKIPPED or self.stale(run):
                return
            if error is not None:
                self._fail(run, error)
            elif run.done is not None:
                run.done(answer)
        finally:
            if self._waiting == 0:
                _collector.settle()
                self.idle.emit()

    def _fail(self, run: _Run, error: BaseException) -> None:
        detail = str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
        failure = Failure(_(run.failure), detail, error)
        if run.failed is not None:
            run.failed(failure)
            return
        from PySide6.QtWidgets import QWidget

        if isinstance(run.owner, QWidget):
            from navigator.gui.dialogs import tell

            tell(run.owner.window(), _(FAILURE_HEADING), failure.sentence, detail=failure.detail)

    # --- waiting and closing --------------------------------------------------------------------

    def busy(self) -> bool:
        """Something asked is still running or waiting to be delivered."""
        return self._waiting > 0

    def wait(self, timeout_s: float = 60.0) -> bool:
        """Run the event loop until every answer is delivered (tests, screenshots, closing; a
        screen never waits).  False when the time ran out first."""
        if not self._waiting:
            return True
        loop = QEventLoop()
        self.idle.connect(loop.quit)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        try:
            if self._waiting:
                loop.exec()
        finally:
            self.idle.disconnect(loop.quit)
        return not self._waiting

    def close(self) -> None:
        """Finish what is running, close the worker's pack on its own thread, end the threads."""
        if self._closed:
            return
        self._closed = True
        self._epoch += 1
        for lane in self._lanes.values():
            lane.executor.submit(lane.core.close)
            lane.executor.shutdown(wait=True)
        _collector.sweep()

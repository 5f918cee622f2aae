"""The operations layer (navigator/gui/operations): core work on a worker thread with its own pack,
answers back on the GUI thread, stale answers dropped, failures in the family's language."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo import PUENTE  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from navigator.errors import UserError  # noqa: E402
from navigator.gui.operations import Failure, Operations  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.i18n import N_, translations_for, translator  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402

PREPARED = N_("Your list could not be prepared. Please ask a staff member for help.")


@pytest.fixture
def operations(qapp):
    ops = Operations(demo_pack())
    yield ops
    ops.close()


def test_a_task_runs_on_the_worker_with_its_own_pack_and_answers_on_the_gui_thread(operations):
    seen: dict = {}

    def task(core):
        seen["thread"] = threading.current_thread().name
        return core.pack.school_name(PUENTE), core.engine.pack is core.pack

    answers: list = []
    operations.run(task, done=lambda answer: answers.append((answer, threading.current_thread())))
    assert answers == []  # nothing is answered while the GUI thread waits for nothing
    assert operations.wait(30)
    assert seen["thread"].startswith("navigator-pack")
    (name, same_pack), thread = answers[0]
    assert name == "Puente Dual Language Academy" and same_pack
    assert thread is threading.main_thread()


def test_a_newer_run_with_the_same_key_makes_the_older_stale(operations):
    """The older answer is dropped; a run superseded before it started is never run at all."""
    release = threading.Event()
    ran: list[str] = []
    answers: list[str] = []

    def slow(core):
        ran.append("first")
        release.wait(10)
        return "first"

    def named(name):
        def task(core):
            ran.append(name)
            return name
        return task

    operations.run(slow, done=answers.append, key="search")
    operations.run(named("second"), done=answers.append, key="search")
    operations.run(named("third"), done=answers.append, key="search")
    operations.run(named("other key"), done=answers.append, key="checks")
    release.set()
    assert operations.wait(30)
    assert ran == ["first", "third", "other key"]  # "second" was stale before it started
    assert answers == ["third", "other key"]  # "first" was stale when it came back


def test_drop_all_drops_every_answer_on_its_way(operations):
    release = threading.Event()
    answers: list = []
    operations.run(lambda core: release.wait(10) and "before", done=answers.append)
    operations.drop_all()  # Start over: those answers are about the family that left
    operations.run(lambda core: "after", done=answers.append)
    release.set()
    assert operations.wait(30)
    assert answers == ["after"]


def test_nothing_is_delivered_to_a_widget_that_is_gone(operations):
    from shiboken6 import delete

    release = threading.Event()
    answers: list = []
    owner = QWidget()
    operations.run(lambda core: release.wait(10), done=answers.append, owner=owner)
    delete(owner)
    release.set()
    assert operations.wait(30)
    assert answers == []


def test_a_failure_is_one_sentence_in_the_familys_language_and_the_cores_words(operations):
    failures: list[Failure] = []

    def refused(core):
        raise UserError("The pack has no school 123.")

    translator.set_language("es")
    try:
        operations.run(refused, failed=failures.append, failure=PREPARED)
        operations.run(lambda core: {}["missing"], failed=failures.append, failure=PREPARED)
        assert operations.wait(30)
    finally:
        translator.set_language("en")
    spanish = translations_for("es").gettext(PREPARED)
    assert spanish != PREPARED
    assert [f.sentence for f in failures] == [spanish, spanish]
    assert failures[0].detail == "The pack has no school 123."
    assert failures[1].detail == "KeyError: 'missing'" and isinstance(failures[1].error, KeyError)


def test_without_its_own_handler_a_failure_is_told_over_the_window(operations, qtbot):
    from navigator.gui.dialogs import PlainDialog

    window = QWidget()
    window.resize(800, 600)
    window.show()
    qtbot.addWidget(window)

    def refused(core):
        raise UserError("No timetable for that day.")

    operations.run(refused, owner=window)
    assert operations.wait(30)
    dialog = next(d for d in window.findChildren(PlainDialog) if d.isVisible())
    assert dialog.heading.text() == "Something went wrong"
    assert dialog.text.text().startswith("Navigator could not work this out.")
    assert dialog.detail.text() == "No timetable for that day."
    dialog.accept()


def test_work_without_the_pack_runs_on_the_other_worker(operations):
    release = threading.Event()
    where: list[str] = []

    def printing(core):
        where.append(threading.current_thread().name)
        with pytest.raises(RuntimeError):
            core.pack  # noqa: B018 - this worker has no pack
        return "printed"

    answers: list = []
    operations.run(lambda core: release.wait(10), key="a long search")  # the pack's worker is busy
    operations.run(printing, done=answers.append, needs_pack=False)
    assert wait_until(lambda: answers == ["printed"], 10)  # it did not wait for the search
    release.set()
    assert operations.wait(30)
    assert answers == ["printed"] and where[0].startswith("navigator-free")


def test_busy_is_said_when_asked_and_when_answered(operations):
    said: list[bool] = []
    operations.run(lambda core: 1, busy=said.append)
    assert said == [True]
    assert operations.wait(30)
    assert said == [True, False]


def test_the_cycle_collector_waits_while_a_task_runs(operations):
    """A full collection stops every thread; over a task's transient data it froze the window."""
    assert gc.isenabled()
    during: list[bool] = []
    operations.run(lambda core: during.append(gc.isenabled()))
    assert operations.wait(30)
    assert during == [False] and gc.isenabled()


def test_closing_ends_the_workers(qapp):
    others = set(threading.enumerate())  # another window's workers, left by an earlier test file
    ops = Operations(demo_pack())
    ops.run(lambda core: core.pack.school_name(PUENTE))
    assert ops.wait(30)
    mine = {t for t in threading.enumerate() if t.name.startswith("navigator-")} - others
    assert any(t.name.startswith("navigator-pack") for t in mine)
    ops.close()
    assert not any(t.is_alive() for t in mine)
    with pytest.raises(RuntimeError):
        ops.run(lambda core: None)


def test_what_runs_on_the_workers_never_loads_a_widget():
    """The tasks and the Qt-free builders they call: importing them loads no QtWidgets."""
    code = ("import sys; import navigator.gui.operations.tasks, navigator.gui.qr_codes, "
            "navigator.gui.compare_table, navigator.gui.map_data; "
            "print('PySide6.QtWidgets' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"

"""The task runner: work off the UI thread, callbacks back on it."""

import threading

import pytest
import shiboken6
from PySide6.QtCore import QThread, QThreadPool
from pytestqt.qtbot import QtBot

from classroom_desk.ui.task_runner import TaskRunner


def test_success_comes_back_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["on_ui_thread"] = QThread.currentThread() is ui_thread

    runner.run(work, on_success=done, on_failure=lambda error: seen.update(error=error))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42 and seen["on_ui_thread"] is True
    assert seen["worker"] != threading.get_ident()
    assert not runner.busy


def test_failure_is_reported_not_swallowed(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def work() -> None:
        raise OSError("server unreachable")

    runner.run(work, on_success=lambda _: None, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], OSError) and str(errors[0]) == "server unreachable"
    assert runner.wait(1000)


def held_task(runner: TaskRunner) -> tuple[threading.Event, list[object]]:
    """A task on ``runner`` that runs until the event is set; what reaches its callbacks."""
    release = threading.Event()
    called: list[object] = []

    def work() -> int:
        release.wait(10)
        return 1

    runner.run(work, on_success=called.append, on_failure=called.append)
    return release, called


def test_a_closed_runner_drops_what_its_tasks_report(qtbot: QtBot) -> None:
    """A window closed to open another school: the sync it started ends, and must not
    call back into the window (nor read its store, closed by then)."""
    runner = TaskRunner()
    release, called = held_task(runner)
    runner.close()
    release.set()
    assert runner.wait(10_000)
    qtbot.wait(50)  # the report, queued to the UI thread, is delivered here (to nobody)
    assert called == [] and not runner.busy


def test_a_task_outliving_its_runner_ends_quietly(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str]
) -> None:
    """The window (with its runner) is deleted while a task still runs, as after a school
    switch whose sync outlasted the wait: the task has no one to tell, and says nothing."""
    runner = TaskRunner()
    release, called = held_task(runner)
    shiboken6.delete(runner)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert called == []
    assert "Error" not in capfd.readouterr().err

"""The task runner: work off the UI thread, callbacks back on it."""

import threading

from PySide6.QtCore import QThread
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

"""One runner for work that can take longer than a frame (sync, imports, reports).

A task runs on Qt's global thread pool; its success or failure callback runs back on
the UI thread. Tasks get no Qt objects and must open their own store connection: the
UI thread's connection stays the UI thread's.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _TaskSignals(QObject):
    succeeded = Signal(object)
    """The task returned; carries its result."""
    failed = Signal(object, str)
    """The task raised; carries the exception and its formatted traceback."""


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _TaskSignals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        # The window that asked may be gone (its runner with it): then there is none to tell.
        with suppress(RuntimeError):
            try:
                result = self._work()
            except Exception as error:  # every failure goes back to the UI thread
                self._signals.failed.emit(error, traceback.format_exc())
            else:
                self._signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables off the UI thread with success/failure callbacks on it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._running: set[_TaskSignals] = set()
        self._closed = False

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        signals = _TaskSignals(self)
        self._running.add(signals)

        @Slot(object)
        def succeeded(result: Any) -> None:
            self._running.discard(signals)
            if not self._closed:
                on_success(result)

        @Slot(object, str)
        def failed(error: Exception, _trace: str) -> None:
            self._running.discard(signals)
            if not self._closed:
                on_failure(error)

        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        self._pool.start(_Task(work, signals))

    def close(self) -> None:
        """The window closed: tasks still running end (each on its own connection), but
        report to nobody. Their callbacks would read the window's store, closed by then,
        and draw in a window that is gone while another school's shows."""
        self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, timeout_ms: int) -> bool:
        """Block until running tasks finish (used at quit, with a bound)."""
        return self._pool.waitForDone(timeout_ms)

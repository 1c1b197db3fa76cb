"""Runs the weekly rollup's rebuild on the task runner whenever the school may have changed,
one run at a time: the teacher's window never waits for it (reads are computed meanwhile)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
from classroom_desk.ui.task_runner import TaskRunner

_log = logging.getLogger(__name__)


class RollupRebuildRunner(QObject):
    """Starts ``service.run`` off the UI thread on :meth:`request`; a request made while it
    runs starts it once more when it ends (the change may have come after its last check)."""

    finished = Signal(bool)
    """A run ended: ``True`` when every row is built, ``False`` when it was stopped."""

    def __init__(
        self,
        service: RollupRebuildService,
        runner: TaskRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner or TaskRunner(self)
        self._running = False
        self._again = False
        self._stopped = False

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self._runner.run(self._service.run, on_success=self._on_done, on_failure=self._on_failed)

    def stop(self) -> None:
        """No more runs; the one running ends after its current transaction."""
        self._stopped = True
        self._service.stop()

    def _on_done(self, finished: bool) -> None:
        self._running = False
        if self._again:
            self.request()
            return
        self.finished.emit(bool(finished))

    def _on_failed(self, error: Exception) -> None:
        # The figures stay computed (right, only slower); the next request tries again.
        self._running = False
        _log.warning("the weekly rollup's rebuild stopped: %s", error)
        if self._again:
            self.request()

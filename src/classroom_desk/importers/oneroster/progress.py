"""Progress and cancel for a long import, without knowing who listens (CLI, later a Qt bar)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TextIO

from classroom_desk.importers.errors import ImportCancelledError

#: Rows between two progress reports (and cancel checks) while files are read.
REPORT_EVERY = 1000


class ProgressCallback(Protocol):
    def __call__(self, rows_done: int, rows_total: int | None, current_file: str) -> None: ...


class ProgressTracker:
    """Counts rows read, reports every :data:`REPORT_EVERY` rows and checks for cancel."""

    def __init__(
        self,
        callback: ProgressCallback | None,
        should_cancel: Callable[[], bool] | None,
        rows_total: int | None,
    ) -> None:
        self._callback = callback
        self._should_cancel = should_cancel
        self.rows_total = rows_total
        self.rows_done = 0

    def row_read(self, current_file: str) -> None:
        self.rows_done += 1
        if self.rows_done % REPORT_EVERY == 0:
            self.step(current_file)

    def step(self, current_file: str) -> None:
        """Report where the import is and raise :class:`ImportCancelledError` if asked to stop."""
        if self._callback is not None:
            done = self.rows_done
            total = None if self.rows_total is None else max(self.rows_total, done)
            self._callback(done, total, current_file)
        self.check_cancel()

    def check_cancel(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise ImportCancelledError("the import was cancelled; nothing was changed")


class TerminalProgress:
    """Progress for the command-line imports: one line on a terminal, rewritten in place
    (nothing when the stream is not a terminal, so logs and pipes stay clean)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    def __call__(self, rows_done: int, rows_total: int | None, current_file: str) -> None:
        if not self._stream.isatty():
            return
        of_total = "" if rows_total is None else f" of {rows_total:,}"
        self._stream.write(f"\r\x1b[2K{current_file}: {rows_done:,}{of_total} rows")
        self._stream.flush()
        self._shown = True

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *_: object) -> None:
        """Clear the progress line, so what is printed next starts on a line of its own."""
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()

"""What an import raises: a located problem in the input, or the user's cancel."""

from __future__ import annotations

from classroom_desk.i18n import translate


def expected(what: str) -> str:
    """``expected {what}`` in the teacher's language: what an :class:`InputError` says after
    its place (``what`` is translated by its caller)."""
    return translate("Import", "expected {what}").format(what=what)


class InputError(Exception):
    """The input cannot be imported; ``str()`` is ``file:line:column: what was expected``.

    The column is the 1-based CSV column number, or a column's name when the problem is
    that the column is missing. Nothing was written when this is raised.
    """

    def __init__(self, file: str, line: int, column: int | str, expected: str) -> None:
        super().__init__(f"{file}:{line}:{column}: {expected}")
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected


class ImportCancelledError(Exception):
    """The user cancelled the import; nothing was written."""

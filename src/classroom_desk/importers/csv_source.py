"""Streaming a CSV file safely: UTF-8 only, no NUL bytes, bounded sizes, strict quoting.

Records come out one at a time with the line each starts on, so memory stays flat however
large the file, and every problem is raised as ``file:line:column``. The stdlib ``csv``
module does the parsing; this module checks the bytes before it sees them.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from classroom_desk.importers.errors import InputError

#: Reading a damaged zip member fails with these rather than OSError.
_READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)
_WIDE_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


@dataclass(frozen=True, slots=True)
class CsvLimits:
    """Sizes past which a file is refused rather than read (a wrong or hostile file)."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_line_bytes: int = 1024 * 1024


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One CSV record and the (1-based) line it starts on."""

    line: int
    fields: list[str]


def read_records(binary: IO[bytes], *, name: str, limits: CsvLimits) -> Iterator[CsvRecord]:
    """Yield the records of ``binary`` (blank lines come out as empty records)."""
    lines = _CheckedLines(binary, name=name, limits=limits)
    reader = csv.reader(lines, strict=True, skipinitialspace=True)
    while True:
        start = lines.line_number + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _quoting_error(name, start, "".join(lines.record_text), error) from None
        lines.record_text.clear()
        yield CsvRecord(start, fields)


def count_lines(binary: IO[bytes], max_bytes: int) -> int:
    """Lines in the first ``max_bytes`` of a file, for a progress total (quoted line breaks
    make it an upper bound). Unreadable bytes are left for :func:`read_records` to report."""
    count, last, remaining = 0, b"\n", max_bytes
    try:
        while remaining > 0 and (chunk := binary.read(min(1 << 20, remaining))):
            count += chunk.count(b"\n")
            last, remaining = chunk[-1:], remaining - len(chunk)
    except _READ_ERRORS:
        pass
    return count + (last != b"\n")


class _CheckedLines:
    """The file's lines as text for ``csv.reader``, each checked before it is decoded.

    ``record_text`` holds the lines of the record being read, to locate a problem in it.
    """

    def __init__(self, binary: IO[bytes], *, name: str, limits: CsvLimits) -> None:
        self._binary = binary
        self._name = name
        self._limits = limits
        self._bytes_read = 0
        self.line_number = 0
        self.record_text: list[str] = []

    def __iter__(self) -> Iterator[str]:
        while raw := self._read_line():
            self.line_number += 1
            self._check_size(raw)
            if self.line_number == 1:
                raw = self._without_bom(raw)
            text = self._decode(raw)
            self.record_text.append(text)
            yield text

    def _read_line(self) -> bytes:
        try:
            return self._binary.readline(self._limits.max_line_bytes + 1)
        except _READ_ERRORS as error:
            raise self._error(1, f"a readable file; reading failed ({error})") from None

    def _check_size(self, raw: bytes) -> None:
        self._bytes_read += len(raw)
        if self._bytes_read > self._limits.max_file_bytes:
            raise self._error(
                1,
                f"a file of at most {_size(self._limits.max_file_bytes)}; this one is larger "
                "(is it the right file?)",
            )
        if len(raw) > self._limits.max_line_bytes:
            raise self._error(
                1, f"lines of at most {_size(self._limits.max_line_bytes)}; this one is longer"
            )

    def _without_bom(self, raw: bytes) -> bytes:
        for bom, encoding in _WIDE_BOMS.items():
            if raw.startswith(bom):
                raise self._error(
                    1, f"UTF-8 text; this file is {encoding} (save it as 'CSV UTF-8')"
                )
        return raw.removeprefix(codecs.BOM_UTF8)

    def _decode(self, raw: bytes) -> str:
        nul = raw.find(b"\x00")
        if nul >= 0:
            raise self._error(
                self._column_at(raw[:nul]),
                "text; found a NUL byte (a spreadsheet or UTF-16 file saved as .csv?)",
            )
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise self._error(
                self._column_at(raw[: error.start]),
                f"UTF-8 text; found the byte 0x{raw[error.start]:02X} (save it as 'CSV UTF-8')",
            ) from None

    def _column_at(self, raw_prefix: bytes) -> int:
        """The CSV column in which the current line's ``raw_prefix`` ends."""
        text = "".join(self.record_text) + raw_prefix.decode("utf-8", errors="replace")
        return _column_count(text)

    def _error(self, column: int, expected: str) -> InputError:
        return InputError(self._name, max(self.line_number, 1), column, f"expected {expected}")


def _column_count(text: str) -> int:
    """The column in which the (possibly unfinished) last record of ``text`` ends."""
    return _walk(text)[0]


def _quoting_error(name: str, start: int, text: str, error: csv.Error) -> InputError:
    column, problem = _walk(text)
    if problem is not None:
        line_offset, problem_column, expected = problem
        return InputError(name, start + line_offset, problem_column, f"expected {expected}")
    message = str(error)
    if "field limit" in message:
        expected = f"values of at most {csv.field_size_limit()} characters"
    elif "new-line character" in message:
        column = _column_count(text[: text.find("\r")])
        expected = "lines ending in LF or CRLF; found a carriage return (CR) alone"
    else:
        expected = f"well-formed CSV ({message})"
    return InputError(name, start, column, f"expected {expected}")


def _walk(text: str) -> tuple[int, tuple[int, int, str] | None]:
    """Follow CSV quoting through ``text`` (one record, perhaps unfinished), as the strict
    reader with ``skipinitialspace`` does: the column it ends in, and the first quoting
    problem as (line offset, column, what was expected), if there is one."""
    line = column = 1
    opened_at = (1, 1)
    in_quotes, after_quote, field_start = False, False, True
    for character in text:
        if in_quotes:
            if character == '"':
                in_quotes, after_quote = False, True
            elif character == "\n":
                line += 1
            continue
        if after_quote:
            after_quote = False
            if character == '"':  # a doubled quote inside a quoted value
                in_quotes = True
                continue
            if character not in ",\r\n":
                problem = "a comma after a closing quote (quote the whole value)"
                return column, (line - 1, column, problem)
        if character == ",":
            column, field_start = column + 1, True
        elif character == '"' and field_start:
            in_quotes, field_start, opened_at = True, False, (line, column)
        elif character != " ":
            field_start = False
    if in_quotes:
        problem = "a closing quote for the value that starts here"
        return column, (opened_at[0] - 1, opened_at[1], problem)
    return column, None


def _size(limit: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if limit >= scale:
            return f"{limit / scale:g} {unit}"
    return f"{limit} bytes"

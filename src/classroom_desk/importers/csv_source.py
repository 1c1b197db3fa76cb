"""Streaming a CSV file safely: no NUL bytes, bounded sizes, strict quoting, UTF-8 (or,
for files whose format is detected, UTF-16/UTF-32 with their byte order mark and a
semicolon or tab instead of the comma).

Records come out one at a time with the line each starts on, so memory stays flat however
large the file, and every problem is raised as ``file:line:column``. The stdlib ``csv``
module does the parsing; this module checks the bytes before it sees them.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from classroom_desk.i18n import translatable, translate
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.errors import expected as expected_text

#: Reading a damaged zip member fails with these rather than OSError.
_READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)
#: Longest first, so a UTF-32 BOM is not taken for UTF-16's.
_WIDE_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
#: Separators a header line is read with, and how a message names each.
DELIMITERS = {
    ",": translatable("Import", "comma"),
    ";": translatable("Import", "semicolon"),
    "\t": translatable("Import", "tab"),
}
#: The first bytes of files that are not text at all, and what they are.
_NOT_TEXT = {
    b"PK\x03\x04": translatable("Import", "a zip or an Excel workbook (.xlsx)"),
    b"\xd0\xcf\x11\xe0": translatable("Import", "an Excel 97-2003 workbook (.xls)"),
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


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """How a file is written: its encoding and the separator of its fields."""

    encoding: str = "UTF-8"
    delimiter: str = ","

    @property
    def delimiter_name(self) -> str:
        """``comma``, ``semicolon`` or ``tab`` in the teacher's language."""
        return translate("Import", DELIMITERS[self.delimiter])

    def differences(self) -> list[str]:
        """What is not the plain UTF-8, comma-separated CSV, in words (``UTF-16``,
        ``semicolon-separated``), for the report."""
        found = [] if self.encoding == "UTF-8" else [self.encoding]
        if self.delimiter != ",":
            found.append(
                translate("Import", "{separator}-separated").format(separator=self.delimiter_name)
            )
        return found


def read_records(binary: IO[bytes], *, name: str, limits: CsvLimits) -> Iterator[CsvRecord]:
    """Yield the records of ``binary`` (blank lines come out as empty records): UTF-8 and
    comma-separated only."""
    return iter(CsvReader(binary, name=name, limits=limits, detect=False))


class CsvReader:
    """The records of one file, its encoding and separator found from its start when
    ``detect`` is set (a byte order mark; the separator its first line uses most);
    ``format`` says what was found once iteration has begun."""

    def __init__(
        self, binary: IO[bytes], *, name: str, limits: CsvLimits, detect: bool = True
    ) -> None:
        self._lines = _CheckedLines(binary, name=name, limits=limits, detect=detect)
        self._name = name
        self.format = CsvFormat()

    def __iter__(self) -> Iterator[CsvRecord]:
        lines = self._lines
        delimiter = lines.detect_delimiter()
        self.format = CsvFormat(lines.encoding, delimiter)
        reader = csv.reader(lines, delimiter=delimiter, strict=True, skipinitialspace=True)
        while True:
            start = lines.line_number + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                text = "".join(lines.record_text)
                raise _quoting_error(self._name, start, text, delimiter, error) from None
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


class _Prefixed(io.RawIOBase):
    """``head`` (bytes already read) followed by the rest of ``source``."""

    def __init__(self, head: bytes, source: IO[bytes]) -> None:
        self._head = head
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._source.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _CheckedLines:
    """The file's lines as text for ``csv.reader``, each checked before it is decoded.

    ``record_text`` holds the lines of the record being read, to locate a problem in it.
    """

    def __init__(self, binary: IO[bytes], *, name: str, limits: CsvLimits, detect: bool) -> None:
        self._name = name
        self._limits = limits
        self._detect = detect
        self._bytes_read = 0
        self._text: io.TextIOWrapper | None = None
        self._binary = binary
        self._pending: list[str] = []
        self.encoding = "UTF-8"
        self.delimiter = ","
        #: Lines handed to the CSV reader, and lines read from the file (more while the
        #: first lines are read ahead to find the separator).
        self.line_number = 0
        self._lines_read = 0
        self.record_text: list[str] = []

    def detect_delimiter(self) -> str:
        """The separator of the first line with any text (read ahead and kept for
        ``__iter__``); a comma when the format is not detected."""
        if not self._detect:
            return ","
        for text in self._lines():
            self._pending.append(text)
            if text.strip():
                self.delimiter = self._delimiter_of(text)
                return self.delimiter
        return ","

    def __iter__(self) -> Iterator[str]:
        while self._pending:
            yield self._hand_over(self._pending.pop(0))
        for text in self._lines():
            yield self._hand_over(text)

    def _hand_over(self, text: str) -> str:
        self.line_number += 1
        self.record_text.append(text)
        return text

    def _lines(self) -> Iterator[str]:
        while True:
            text = self._next_line()
            if not text:
                return
            self._lines_read += 1
            yield text

    def _next_line(self) -> str:
        if self._text is not None:
            return self._read_text_line(self._text)
        raw = self._read_line()
        if not raw:
            return ""
        self._check_size(len(raw))
        if self._lines_read == 0:
            raw = self._start_of_file(raw)
            if self._text is not None:
                return self._read_text_line(self._text)
        return self._decode(raw)

    def _read_line(self) -> bytes:
        try:
            return self._binary.readline(self._limits.max_line_bytes + 1)
        except _READ_ERRORS as error:
            raise self._error(
                1,
                translate("Import", "a readable file; reading failed ({error})").format(
                    error=error
                ),
            ) from None

    def _read_text_line(self, text: io.TextIOWrapper) -> str:
        try:
            line = text.readline(self._limits.max_line_bytes + 1)
        except _READ_ERRORS as error:
            raise self._error(
                1,
                translate("Import", "a readable file; reading failed ({error})").format(
                    error=error
                ),
            ) from None
        except UnicodeDecodeError as error:
            raise self._error(
                1,
                translate("Import", "{encoding} text; it does not decode ({reason})").format(
                    encoding=self.encoding, reason=error.reason
                ),
                line=self._lines_read + 1,
            ) from None
        self._check_size(len(line))
        nul = line.find("\x00")
        if nul >= 0:
            column = _column_count("".join(self.record_text) + line[:nul], self.delimiter)
            raise self._error(
                column,
                translate("Import", "text; found a NUL character"),
                line=self._lines_read + 1,
            )
        return line

    def _start_of_file(self, raw: bytes) -> bytes:
        """Checks the first line's first bytes: a byte order mark (UTF-16 and UTF-32 are
        read when the format is detected), or a file that is not text."""
        for bom, encoding in _WIDE_BOMS.items():
            if raw.startswith(bom):
                if not self._detect:
                    raise self._error(
                        1,
                        translate(
                            "Import", "UTF-8 text; this file is {encoding} (save it as 'CSV UTF-8')"
                        ).format(encoding=encoding),
                    )
                codec = "utf-32" if encoding == "UTF-32" else "utf-16"
                self.encoding = encoding
                self._bytes_read = 0
                stream = io.BufferedReader(_Prefixed(raw, self._binary))
                self._text = io.TextIOWrapper(stream, encoding=codec, newline="")
                return raw
        if self._detect:
            for magic, what in _NOT_TEXT.items():
                if raw.startswith(magic):
                    raise self._error(
                        1,
                        translate(
                            "Import",
                            "CSV text; this file is {what} (save it from Excel as 'CSV UTF-8')",
                        ).format(what=translate("Import", what)),
                    )
        return raw.removeprefix(codecs.BOM_UTF8)

    def _check_size(self, size: int) -> None:
        self._bytes_read += size
        if self._bytes_read > self._limits.max_file_bytes:
            raise self._error(
                1,
                translate(
                    "Import",
                    "a file of at most {size_text}; this one is larger (is it the right file?)",
                ).format(size_text=size_text(self._limits.max_file_bytes)),
                line=self._lines_read + 1,
            )
        if size > self._limits.max_line_bytes:
            raise self._error(
                1,
                translate("Import", "lines of at most {size_text}; this one is longer").format(
                    size_text=size_text(self._limits.max_line_bytes)
                ),
                line=self._lines_read + 1,
            )

    def _decode(self, raw: bytes) -> str:
        nul = raw.find(b"\x00")
        if nul >= 0:
            raise self._error(
                self._column_at(raw[:nul]),
                translate(
                    "Import", "text; found a NUL byte (a spreadsheet or UTF-16 file saved as .csv?)"
                ),
                line=self._lines_read + 1,
            )
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = raw[error.start]
            raise self._error(
                self._column_at(raw[: error.start]),
                translate(
                    "Import", "UTF-8 text; found the byte 0x{byte}{hint} (save it as 'CSV UTF-8')"
                ).format(byte=format(byte, "02X"), hint=_windows_1252_hint(byte)),
                line=self._lines_read + 1,
            ) from None

    def _delimiter_of(self, text: str) -> str:
        counts = _count_outside_quotes(text)
        delimiter = max(DELIMITERS, key=lambda candidate: counts[candidate])
        if counts[delimiter]:
            return delimiter
        others = sorted({c for c in text if c in "|:^~"})
        hint = (
            translate("Import", " (is it separated by {others}?)").format(others=repr(others[0]))
            if others
            else ""
        )
        raise self._error(
            1,
            translate(
                "Import",
                "comma-, semicolon- or tab-separated values; the first line has none of them",
            )
            + hint,
            line=self._lines_read,
        )

    def _column_at(self, raw_prefix: bytes) -> int:
        """The CSV column in which the current line's ``raw_prefix`` ends."""
        text = "".join(self.record_text) + raw_prefix.decode("utf-8", errors="replace")
        return _column_count(text, self.delimiter)

    def _error(self, column: int, expected: str, *, line: int | None = None) -> InputError:
        at = self.line_number if line is None else line
        return InputError(self._name, max(at, 1), column, expected_text(expected))


def _windows_1252_hint(byte: int) -> str:
    """What a byte that is not UTF-8 would be in Windows-1252 (Latin-1's superset, what
    Excel writes on Windows), which is how such files usually come about."""
    character = bytes([byte]).decode("cp1252", errors="replace")
    if character == "\ufffd" or not character.isprintable():
        return ""
    return translate("Import", " ({character} in Windows-1252 or Latin-1)").format(
        character=repr(character)
    )


def _count_outside_quotes(text: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for character in text:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in counts:
            counts[character] += 1
    return counts


def _column_count(text: str, delimiter: str = ",") -> int:
    """The column in which the (possibly unfinished) last record of ``text`` ends."""
    return _walk(text, delimiter)[0]


def _quoting_error(
    name: str, start: int, text: str, delimiter: str, error: csv.Error
) -> InputError:
    column, problem = _walk(text, delimiter)
    if problem is not None:
        line_offset, problem_column, expected = problem
        return InputError(name, start + line_offset, problem_column, expected_text(expected))
    message = str(error)
    if "field limit" in message:
        column = _oversized_column(text, delimiter, csv.field_size_limit())
        expected = translate("Import", "values of at most {field_size_limit} characters").format(
            field_size_limit=csv.field_size_limit()
        )
    elif "new-line character" in message:
        column = _column_count(text[: text.find("\r")], delimiter)
        expected = translate(
            "Import", "lines ending in LF or CRLF; found a carriage return (CR) alone"
        )
    else:
        expected = translate("Import", "well-formed CSV ({message})").format(message=message)
    return InputError(name, start, column, expected_text(expected))


def _oversized_column(text: str, delimiter: str, limit: int) -> int:
    """The column of the first value in ``text`` longer than ``limit`` characters (the
    csv module refuses to read such a value, so the record is walked by hand)."""
    column, length, quoted = 1, 0, False
    for character in text:
        if character == '"':
            quoted = not quoted
        elif character == delimiter and not quoted:
            column, length = column + 1, 0
            continue
        length += 1
        if length > limit:
            return column
    return column


def _walk(text: str, delimiter: str = ",") -> tuple[int, tuple[int, int, str] | None]:
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
            if character != delimiter and character not in "\r\n":
                separator = (
                    translate("Import", DELIMITERS[delimiter])
                    if delimiter in DELIMITERS
                    else repr(delimiter)
                )
                problem = translate(
                    "Import", "a {separator} after a closing quote (quote the whole value)"
                ).format(separator=separator)
                return column, (line - 1, column, problem)
        if character == delimiter:
            column, field_start = column + 1, True
        elif character == '"' and field_start:
            in_quotes, field_start, opened_at = True, False, (line, column)
        elif character != " ":
            field_start = False
    if in_quotes:
        problem = translate("Import", "a closing quote for the value that starts here")
        return column, (opened_at[0] - 1, opened_at[1], problem)
    return column, None


def size_text(size: int) -> str:
    """``1 MB``, ``3.5 KB`` or ``200 bytes``, for messages."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"

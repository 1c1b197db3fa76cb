"""The checked CSV reader on its own: line numbers, tolerated quirks, located refusals."""

from __future__ import annotations

import io

import pytest

from classroom_desk.importers.csv_source import CsvLimits, count_lines, read_records
from classroom_desk.importers.errors import InputError


def _read(data: bytes, limits: CsvLimits | None = None) -> list[tuple[int, list[str]]]:
    records = read_records(io.BytesIO(data), name="f.csv", limits=limits or CsvLimits())
    return [(record.line, record.fields) for record in records]


def _refusal(data: bytes, limits: CsvLimits | None = None) -> tuple[int, int | str, str]:
    with pytest.raises(InputError) as raised:
        _read(data, limits)
    return raised.value.line, raised.value.column, raised.value.expected


def test_records_carry_the_line_they_start_on_across_quoted_line_breaks() -> None:
    data = b'\xef\xbb\xbfa,b\r\n1,"two\r\nlines"\r\n\r\n3, "spaced"\n4,5'
    assert _read(data) == [
        (1, ["a", "b"]),
        (2, ["1", "two\r\nlines"]),
        (4, []),
        (5, ["3", "spaced"]),
        (6, ["4", "5"]),
    ]


def test_a_stray_quote_inside_a_value_is_kept_as_text() -> None:
    assert _read(b'a,b\n1,5" screen\n') == [(1, ["a", "b"]), (2, ["1", '5" screen'])]


@pytest.mark.parametrize(
    ("data", "line", "column", "expected"),
    [
        (b"a,b\n1,2\r3\n", 2, 2, "expected lines ending in LF or CRLF"),
        (b'a,b\n1,"x\n\n', 2, 2, "expected a closing quote"),
        (b'a,b,c\n1,2,"x"y\n', 2, 3, "expected a comma after a closing quote"),
        (b'a,b\n1,"x\n"" y" z\n', 3, 2, "expected a comma after a closing quote"),
        (b"a,b\n1,\xe2\x82\n", 2, 2, "expected UTF-8 text; found the byte 0xE2"),
        (b'a,b\n"1,\x00",2\n', 2, 1, "expected text; found a NUL byte"),
        (b"\xfe\xffa,b", 1, 1, "expected UTF-8 text; this file is UTF-16"),
    ],
)
def test_refusals_name_the_line_and_column(
    data: bytes, line: int, column: int, expected: str
) -> None:
    found_line, found_column, found = _refusal(data)
    assert (found_line, found_column) == (line, column)
    assert found.startswith(expected), found


def test_a_value_over_the_csv_field_limit_is_refused() -> None:
    data = b'a,b\n1,"' + b"x" * 200_000 + b'"\n'
    line, column, expected = _refusal(data, CsvLimits(max_line_bytes=1 << 20))
    assert (line, column) == (2, 2)
    assert expected.startswith("expected values of at most")


def test_sizes_are_checked_while_reading_whatever_the_file_claims() -> None:
    rows = b"a,b\n" + b"1,2\n" * 100
    assert _refusal(rows, CsvLimits(max_file_bytes=40))[::2] == (
        11,
        "expected a file of at most 40 bytes; this one is larger (is it the right file?)",
    )
    line, _, expected = _refusal(b"a,b\n" + b"x" * 100 + b"\n", CsvLimits(max_line_bytes=50))
    assert (line, expected) == (2, "expected lines of at most 50 bytes; this one is longer")


def test_line_counts_for_progress_stop_at_the_limit() -> None:
    assert count_lines(io.BytesIO(b"a\nb\nc"), 1 << 20) == 3
    assert count_lines(io.BytesIO(b"a\nb\n"), 1 << 20) == 2
    assert count_lines(io.BytesIO(b"a\n" * 1000), 10) == 5

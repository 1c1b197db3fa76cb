"""Property tests: random and broken CSV never crash the importer, never import half a
package, and every refusal names ``file:line:column``."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from classroom_desk.importers.csv_source import CsvLimits, read_records
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import import_oneroster
from classroom_desk.store.database import Store, open_store
from tests.importers.conftest import store_checksum
from tests.importers.packages import BASE_FILES, write_package

LOCATION = re.compile(r"^(?P<file>.+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*|[A-Za-z]+): \S")
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NASTY = [
    b"\x00",
    b"\xff",
    b"\xe9",
    b"\xc3",
    b'"',
    b'""',
    b",",
    b"\r",
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"=cmd|' /C calc'!A0",
    b'=HYPERLINK("http://evil.test")',
    b"+1",
    b"@SUM(A1)",
    b"tobedeleted",
    b"cls-nope",
    b"s-1",
]
KNOWN_IDS = ["org-1", "org-d", "crs-r", "crs-m", "cls-r", "cls-m", "cls-a", "t-1", "s-1", "s-4"]


FORMULAS = ["=1+2", "+SUM(A1:A9)", "-3", "@cmd", '=HYPERLINK("http://evil.test","x")']


def _cell_edit(content: bytes, draw: st.DrawFn, value: bytes) -> bytes:
    """Replace one cell of one data row (header kept) with ``value``, quoted as CSV."""
    lines = content.split(b"\n")
    rows = [index for index, line in enumerate(lines) if index > 0 and line.strip()]
    if not rows:
        return content
    index = draw(st.sampled_from(rows))
    cells = lines[index].split(b",")
    cells[draw(st.integers(0, len(cells) - 1))] = b'"' + value.replace(b'"', b'""') + b'"'
    lines[index] = b",".join(cells)
    return b"\n".join(lines)


@st.composite
def broken_file(draw: st.DrawFn, content: bytes) -> bytes:
    """One file with a few random injuries: bytes inserted or cut, a line repeated, an id
    swapped for another, a cell made a formula or a status changed, another encoding."""
    injuries = ["insert", "cut", "repeat", "swap", "swap", "formula", "status", "encode"]
    for _ in range(draw(st.integers(1, 2))):
        injury = draw(st.sampled_from(injuries))
        position = draw(st.integers(0, len(content)))
        if injury == "insert":
            extra = draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=4))
            content = content[:position] + extra + content[position:]
        elif injury == "cut":
            content = content[:position] + content[position + draw(st.integers(1, 12)) :]
        elif injury == "repeat":
            lines = content.split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            content = b"\n".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
        elif injury == "swap":
            old = draw(st.sampled_from(KNOWN_IDS)).encode()
            new = draw(st.sampled_from([*KNOWN_IDS, "x-9", "=1+1", ""])).encode()
            content = content.replace(old, new, 1)
        elif injury == "formula":
            content = _cell_edit(content, draw, draw(st.sampled_from(FORMULAS)).encode())
        elif injury == "status":
            status = draw(st.sampled_from([b"tobedeleted", b"inactive", b"", b"active"]))
            content = content.replace(b",active,", b"," + status + b",", draw(st.integers(1, 3)))
        else:
            encoding = draw(st.sampled_from(["utf-16", "latin-1", "cp1252"]))
            text = content.decode("utf-8", errors="replace").replace("Ava", "Zoé")
            content = text.encode(encoding, errors="replace")
    return content


@st.composite
def broken_package(draw: st.DrawFn) -> tuple[dict[str, bytes], dict[str, str]]:
    files = {name: text.encode() for name, text in BASE_FILES.items()}
    for name in draw(st.lists(st.sampled_from(sorted(files)), max_size=3)):
        files[name] = draw(broken_file(files[name]))
    modes = {name.removesuffix(".csv"): draw(st.sampled_from(["bulk", "delta"])) for name in files}
    return files, modes


@pytest.fixture(scope="module")
def imported_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the base package, so a broken import has something to spoil."""
    folder = tmp_path_factory.mktemp("imported")
    store = open_store(folder / "school.sqlite")
    import_oneroster(write_package(folder / "package"), store)
    store.close()
    return folder / "school.sqlite"


@contextmanager
def _copied_store(template: Path) -> Iterator[tuple[Store, Path]]:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "school.sqlite"
        shutil.copyfile(template, path)
        store = open_store(path)
        try:
            yield store, Path(scratch)
        finally:
            store.close()


def _assert_consistent(connection: sqlite3.Connection) -> None:
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@SETTINGS
@given(package=broken_package())
def test_a_broken_package_imports_whole_or_not_at_all(
    imported_store_file: Path, package: tuple[dict[str, bytes], dict[str, str]]
) -> None:
    files, modes = package
    with _copied_store(imported_store_file) as (store, scratch):
        folder = write_package(scratch / "package", files, modes=modes)
        before = store_checksum(store.connection)
        try:
            report = import_oneroster(folder, store)
        except InputError as error:
            event(f"refused: {error.expected.split(';')[0][:40]}")
            located = LOCATION.match(str(error))
            assert located is not None, str(error)
            assert Path(located["file"]).name in {*files, "manifest.csv"}
            assert store_checksum(store.connection) == before
            return
        event("imported")
        _assert_consistent(store.connection)
        after = store_checksum(store.connection)
        again = import_oneroster(folder, store)
        assert store_checksum(store.connection) == after, report.summary()
        assert all(c.added == c.updated == c.removed == 0 for c in again.changes.values())


@settings(max_examples=500, deadline=None)
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_bytes_read_as_records_or_refused_with_a_location(data: bytes) -> None:
    try:
        records = list(read_records(io.BytesIO(data), name="any.csv", limits=CsvLimits()))
    except InputError as error:
        assert error.file == "any.csv" and error.line >= 1
        assert isinstance(error.column, int) and error.column >= 1
        assert LOCATION.match(str(error)), str(error)
        return
    assert all(record.line >= 1 for record in records)
    assert "\x00" not in "".join(field for record in records for field in record.fields)


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(
        st.text(
            st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_text_written_as_csv_comes_back_as_written(cells: list[str]) -> None:
    """Quoting, commas, quotes, line breaks, formulas: what a CSV writer makes, we read
    (values are compared stripped, as the importer strips them)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(cells)
    records = list(
        read_records(io.BytesIO(buffer.getvalue().encode()), name="w.csv", limits=CsvLimits())
    )
    assert len(records) == 1
    assert [field.strip() for field in records[0].fields] == [cell.strip() for cell in cells]

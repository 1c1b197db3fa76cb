"""An activity import stages its rows in a scratch file beside the store, never in memory.

SQLCipher keeps temporary tables and sorts in memory, so staging in ``temp`` cost
memory in proportion to the file (554-614 MB for 1,000,000 rows). These tests pin down
what replaced it: no statement on the scratch file sorts or builds an automatic index
(SQLite's sorter and automatic indexes would hold the rows in memory again), the
scratch file is encrypted with a key of its own while it exists, and it is gone after the
import however it ends.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.importers.activity import guess_mapping, import_activity
from classroom_desk.importers.activity import importer as importer_module
from classroom_desk.importers.activity.rows import derived_id
from classroom_desk.importers.activity.values import normalize_text
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.progress import ImportCancelledError
from classroom_desk.store import unit_progress as unit_progress_module
from classroom_desk.store.database import Store, StoreKey, open_store
from classroom_desk.store.encryption import SQLITE_HEADER
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.scratch import STALE_AFTER_S, scratch_files, scratch_schema
from tests.importers.test_activity import IREADY_HEADERS, iready_file, summary_row

ATTEMPT_HEADERS = ["Student ID", "Subject", "Skill", "Score", "Time spent (min)", "Date"]


def _csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([headers, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _attempt_rows(dataset: SchoolDataset, count: int) -> list[list[str]]:
    students = dataset.students
    return [
        [
            students[n % len(students)].source_id,
            "Math" if n % 2 else "Reading",
            f"Skill {n % 7}",
            str(50 + n % 50),
            str(5 + n % 20),
            f"2026-11-{10 + n % 9:02d}",
        ]
        for n in range(count)
    ]


@pytest.fixture
def encrypted_demo(tmp_path: Path, demo_dataset: SchoolDataset) -> Store:
    store = open_store(tmp_path / "data" / "school.sqlite", StoreKey.generate())
    load_dataset(store, demo_dataset)
    return store


def _traced(store: Store) -> list[str]:
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    return statements


def _plan(connection: sqlite3.Connection, statement: str) -> list[str]:
    return [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + statement)]


def _attempts_file(tmp_path: Path, dataset: SchoolDataset) -> tuple[Path, list[str], int]:
    rows = _attempt_rows(dataset, 40)
    return _csv(tmp_path / "export.csv", ATTEMPT_HEADERS, rows), ATTEMPT_HEADERS, len(rows)


def _summaries_file(tmp_path: Path, dataset: SchoolDataset) -> tuple[Path, list[str], int]:
    rows = [summary_row(student) for student in dataset.students[:5]]
    return iready_file(tmp_path, rows), IREADY_HEADERS, len(rows)


@pytest.mark.parametrize("write", [_attempts_file, _summaries_file], ids=["attempts", "summaries"])
def test_no_statement_on_the_stage_sorts_or_builds_an_index_in_memory(
    tmp_path: Path,
    encrypted_demo: Store,
    demo_dataset: SchoolDataset,
    write: Callable[[Path, SchoolDataset], tuple[Path, list[str], int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer_module, "RUN_ROWS", 7)  # several runs to merge
    path, headers, count = write(tmp_path, demo_dataset)
    statements = _traced(encrypted_demo)
    result = import_activity(path, encrypted_demo, guess_mapping(headers), source="Vendor")
    encrypted_demo.connection.set_trace_callback(None)
    assert result.report is not None and result.report.added == count
    on_scratch = [s for s in statements if "scratch." in s]
    assert any(s.lstrip().startswith("INSERT") for s in on_scratch), "nothing was staged"

    # Each statement explained again, in order, on an empty scratch file where the import's
    # own statements made the same tables (SQLite's plans without statistics do not depend
    # on the rows): the queries are explained, the tables and indexes made.
    connection = encrypted_demo.connection
    connection.create_function("activity_attempt_id", 2, lambda *_: "", deterministic=True)
    connection.create_function("activity_summary_id", 4, lambda *_: "", deterministic=True)
    with scratch_schema(encrypted_demo):
        for statement in on_scratch:
            plan = _plan(connection, statement)
            in_memory = [step for step in plan if re.search(r"TEMP B-TREE|AUTOMATIC", step)]
            assert not in_memory, f"{statement}\n-> {plan}"
            if statement.lstrip().startswith("CREATE"):
                connection.execute(statement)


def test_the_scratch_file_is_encrypted_with_its_own_key_while_the_import_runs(
    tmp_path: Path, encrypted_demo: Store, demo_dataset: SchoolDataset
) -> None:
    rows = _attempt_rows(demo_dataset, 3000)
    path = _csv(tmp_path / "export.csv", ATTEMPT_HEADERS, rows)
    seen: list[bytes] = []

    def look(*_args: object) -> None:
        for file in scratch_files(encrypted_demo.path):
            seen.append(file.read_bytes())

    result = import_activity(
        path, encrypted_demo, guess_mapping(ATTEMPT_HEADERS), source="Vendor", progress=look
    )
    assert result.report is not None and result.report.added == len(rows)
    written = [content for content in seen if len(content) > 4096]
    assert written, "no scratch file was seen while the import ran"
    ids = {row[0].encode() for row in rows}
    for content in written:
        assert not content.startswith(SQLITE_HEADER)
        assert not any(sis in content for sis in ids)
        assert b"Skill 3" not in content
    # And it is gone once the import has ended.
    assert scratch_files(encrypted_demo.path) == []


def test_the_scratch_file_is_removed_however_the_import_ends(
    tmp_path: Path, encrypted_demo: Store, demo_dataset: SchoolDataset
) -> None:
    mapping = guess_mapping(ATTEMPT_HEADERS)
    rows = _attempt_rows(demo_dataset, 200)
    folder = encrypted_demo.path.parent
    before = sorted(folder.iterdir())

    bad = _csv(
        tmp_path / "bad.csv",
        ATTEMPT_HEADERS,
        [*rows, [rows[0][0], "Math", "X", "140", "5", "2026-11-12"]],
    )
    with pytest.raises(InputError):
        import_activity(bad, encrypted_demo, mapping, source="Vendor")
    assert sorted(folder.iterdir()) == before

    good = _csv(tmp_path / "good.csv", ATTEMPT_HEADERS, rows)
    with pytest.raises(ImportCancelledError):
        import_activity(good, encrypted_demo, mapping, source="Vendor", should_cancel=lambda: True)
    assert sorted(folder.iterdir()) == before

    unknown = _csv(tmp_path / "unknown.csv", ATTEMPT_HEADERS, [["no-such-student", *rows[0][1:]]])
    asked = import_activity(unknown, encrypted_demo, mapping, source="Vendor")
    assert asked.needs_answers
    assert sorted(folder.iterdir()) == before

    result = import_activity(good, encrypted_demo, mapping, source="Vendor")
    assert result.report is not None and result.report.added == len(rows)
    assert scratch_files(encrypted_demo.path) == []
    # The connection is left as it was: no scratch schema attached, no open transaction.
    # (The connection's own temporary database may be there: the weekly rollup's refresh
    # keeps its work tables in it, as the roster import does.)
    names = [row[1] for row in encrypted_demo.connection.execute("PRAGMA database_list")]
    assert [name for name in names if name != "temp"] == ["main"]
    assert not encrypted_demo.connection.in_transaction


def test_a_scratch_file_left_by_a_crash_is_removed_by_the_next_import(
    tmp_path: Path, encrypted_demo: Store, demo_dataset: SchoolDataset
) -> None:
    store_path = encrypted_demo.path
    stale = store_path.with_name(f"{store_path.stem}-0123456789ab.scratch")
    stale.write_bytes(os.urandom(8192))
    Path(f"{stale}-journal").write_bytes(os.urandom(512))
    an_hour_ago = time.time() - STALE_AFTER_S - 60
    os.utime(stale, (an_hour_ago, an_hour_ago))
    recent = store_path.with_name(f"{store_path.stem}-ba9876543210.scratch")
    recent.write_bytes(os.urandom(8192))  # another import may be using it right now
    other = store_path.with_name("another-0123456789ab.scratch")
    other.write_bytes(b"not ours")

    path = _csv(tmp_path / "export.csv", ATTEMPT_HEADERS, _attempt_rows(demo_dataset, 10))
    import_activity(path, encrypted_demo, guess_mapping(ATTEMPT_HEADERS), source="Vendor")

    assert not stale.exists() and not Path(f"{stale}-journal").exists()
    assert recent.exists() and other.exists()


def test_attempt_ids_are_those_the_window_function_gave(
    tmp_path: Path, encrypted_demo: Store, demo_dataset: SchoolDataset
) -> None:
    """Rows repeated in a file are numbered by their order, as before the stage moved:
    the ids of attempts imported by earlier versions must not change (or a re-import of an
    old file would add them again)."""
    rows = _attempt_rows(demo_dataset, 30)
    repeated = [*rows, rows[3], rows[3], rows[8]]
    path = _csv(tmp_path / "export.csv", ATTEMPT_HEADERS, repeated)
    result = import_activity(path, encrypted_demo, guess_mapping(ATTEMPT_HEADERS), source="IXL")
    assert result.report is not None and result.report.added == len(repeated)
    connection = encrypted_demo.connection
    stored = {
        row[0] for row in connection.execute("SELECT id FROM unit_attempt WHERE source_id = 'IXL'")
    }
    expected = set()
    keys: dict[str, int] = {}
    for student_id, unit_id, completed_at, score, minutes in connection.execute(
        "SELECT student_id, unit_id, completed_at, score, minutes FROM unit_attempt"
        " WHERE source_id = 'IXL'"
    ):
        key = f"row|{student_id}|{unit_id}|{completed_at}|{score}|{minutes}"
        keys[key] = keys.get(key, 0) + 1
    for key, count in keys.items():
        for n in range(1, count + 1):
            expected.add(derived_id("attempt", normalize_text("IXL"), key, str(n)))
    assert stored == expected


def test_folding_in_small_chunks_stores_what_one_chunk_does(
    tmp_path: Path, demo_dataset: SchoolDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attempts go in from sorted runs merged by time, and unit progress is folded by
    ranges of rows: runs and ranges of a few rows must store the same attempts, ids and
    progress as one, with repeated rows far apart (numbered across runs) and times out of
    order."""
    rows = _attempt_rows(demo_dataset, 60)
    rows = [*rows, rows[2], rows[40], rows[2], *reversed(rows[:10])]
    path = _csv(tmp_path / "export.csv", ATTEMPT_HEADERS, rows)

    def imported(name: str) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
        store = open_store(tmp_path / name / "school.sqlite", StoreKey.generate())
        load_dataset(store, demo_dataset)
        result = import_activity(path, store, guess_mapping(ATTEMPT_HEADERS), source="IXL")
        assert result.report is not None and result.report.added == len(rows)
        connection = store.connection
        attempts = set(connection.execute("SELECT * FROM unit_attempt"))
        progress = set(connection.execute("SELECT * FROM unit_progress"))
        store.close()
        return attempts, progress

    whole = imported("whole")
    monkeypatch.setattr(importer_module, "RUN_ROWS", 7)
    monkeypatch.setattr(unit_progress_module, "FOLD_ROWS", 5)
    assert imported("chunked") == whole

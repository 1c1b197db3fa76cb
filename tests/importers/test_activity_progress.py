"""An activity import keeps unit_progress (latest score per student and unit) right:
new attempts folded in with the store's tie rule, nothing changed on a failed import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.importers.activity import guess_mapping, import_activity
from classroom_desk.importers.errors import InputError
from classroom_desk.store.database import Store
from tests.store.test_unit_progress import recomputed, stored

HEADERS = ["Student ID", "Student", "Subject", "Skill", "Score", "Time spent (min)", "Date"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADERS, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_imported_attempts_are_folded_into_unit_progress(
    tmp_path: Path, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    connection = demo_store.connection
    assert stored(connection) == recomputed(connection)
    student = demo_dataset.students[1]
    (title,) = connection.execute(
        "SELECT u.title FROM unit_progress p JOIN unit u ON u.id = p.unit_id"
        " WHERE p.student_id = ? AND p.content_area_id = 'math' ORDER BY u.id LIMIT 1",
        (student.id,),
    ).fetchone()
    rows = [
        # Two attempts of one unit on one day (the same time): the later line wins.
        [student.source_id, "", "Math", title, "95", "20", "2026-12-01"],
        [student.source_id, "", "Math", title, "55", "20", "2026-12-01"],
        [student.source_id, "", "Math", "A skill never seen", "70", "10", "2026-12-02"],
        [student.source_id, "", "Math", "A skill never seen", "85", "10", "2026-11-30"],
    ]
    path = _write(tmp_path / "ixl.csv", rows)
    report = import_activity(path, demo_store, guess_mapping(HEADERS), source="IXL").report
    assert report is not None and report.added == 4
    assert stored(connection) == recomputed(connection)
    latest = dict(
        connection.execute(
            "SELECT u.title, p.latest_score FROM unit_progress p JOIN unit u ON u.id = p.unit_id"
            " WHERE p.student_id = ? AND u.title IN (?, 'A skill never seen')",
            (student.id, title),
        ).fetchall()
    )
    assert latest == {title: 55.0, "A skill never seen": 70.0}

    before = stored(connection)
    again = import_activity(path, demo_store, guess_mapping(HEADERS), source="IXL").report
    assert again is not None and again.added == 0
    assert stored(connection) == before

    bad = _write(tmp_path / "bad.csv", [rows[0], [*rows[0][:4], "101", "20", "2026-12-03"]])
    with pytest.raises(InputError):
        import_activity(bad, demo_store, guess_mapping(HEADERS), source="Other")
    assert stored(connection) == before

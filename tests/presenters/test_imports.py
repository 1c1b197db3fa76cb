"""A roster imported while the demo is open goes into the teacher's own school store."""

from pathlib import Path

import pytest

from classroom_desk.presenters.imports import ImportService
from classroom_desk.store.database import Store, open_store

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "oneroster"


def count(path: Path, table: str) -> int:
    store = open_store(path)
    try:
        return int(store.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        store.close()


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared OneRoster samples are not beside the repo")
def test_roster_import_on_the_demo_lands_in_the_school_store(
    demo_store: Store, tmp_path: Path
) -> None:
    school = tmp_path / "school.sqlite"
    service = ImportService(demo_store.path, roster_store_path=school)
    demo_students = count(demo_store.path, "student")
    report = service.import_roster(SAMPLES / "Test_minimal_data_set")
    assert report.summary()
    assert count(school, "student") == 3
    assert count(demo_store.path, "student") == demo_students
    assert "Close and reopen" in service.roster_imported_note()
    assert not service.can_open_school
    offering = ImportService(demo_store.path, roster_store_path=school, open_school=lambda: None)
    assert offering.can_open_school
    assert "Open your school now?" in offering.roster_imported_note()


def test_roster_import_on_the_school_store_needs_no_note(tmp_path: Path) -> None:
    school = tmp_path / "school.sqlite"
    assert ImportService(school, roster_store_path=school).roster_imported_note() == ""
    assert ImportService(school).roster_imported_note() == ""

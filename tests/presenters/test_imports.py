"""A roster imported while the demo is open goes into the teacher's own school store."""

from pathlib import Path

import pytest

from classroom_desk.presenters.imports import ImportReport, ImportService, roster_preview_view
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


def test_the_roster_preview_lists_each_table_and_asks_a_yes_only_for_removals() -> None:
    report = ImportReport(
        package="/exports/maple.zip", version="1.1", school="Maple", applied=False
    )
    report.changes["students"].set_count("added", 7)
    report.changes["students"].names["added"] = ("Ava Nguyen", "Ben Ortiz")
    report.ignored.append("users with the role parent: 1")
    view = roster_preview_view(report)
    assert view.title == "Import roster: maple.zip"
    assert view.headline == "Maple: OneRoster 1.1 roster from maple.zip."
    assert view.tables[0] == ("Students", ("7 added: Ava Nguyen, Ben Ortiz and 5 more",))
    assert view.tables[1] == ("Teachers", ("no change",))
    assert not view.needs_yes and view.import_label == "Import"
    assert view.details == ("Not imported: users with the role parent: 1.",)

    report.changes["students"].set_count("removed", 3)
    report.removals = ("3 of 10 students (30%: Cleo Park)",)
    report.cause = "users.csv marks them tobedeleted"
    asking = roster_preview_view(report)
    assert asking.needs_yes and asking.import_label == "Import and remove them"
    assert asking.removals == (
        "This import would remove or make inactive 3 of 10 students (30%: Cleo Park)."
        " Likely cause: users.csv marks them tobedeleted."
    )


def test_nothing_to_change_is_said() -> None:
    view = roster_preview_view(ImportReport(package="p", version="1.2", school="Oak"))
    assert view.headline.endswith("Importing it would change nothing.")

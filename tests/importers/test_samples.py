"""Every real OneRoster package in ../shared/samples/oneroster imports, with what it holds
checked row by row (none of them is broken enough to refuse: see each test's docstring)."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from classroom_desk.importers.oneroster import ImportReport, import_oneroster
from classroom_desk.importers.oneroster.roster import DEFAULT_TIME_ZONE
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.store.database import Store, open_store
from tests.importers.conftest import row_counts, store_checksum

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "oneroster"
pytestmark = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the shared OneRoster samples are not at {SAMPLES}"
)
SAMPLE_NAMES = (
    "Test_minimal_data_set",
    "Test_full_data_set",
    "v1p2_full_dataset",
    "oneroster_test_data",
)


def _names(connection: sqlite3.Connection, table: str) -> set[str]:
    rows = connection.execute(f"SELECT given_name || ' ' || family_name FROM {table}")
    return {row[0] for row in rows}


def _sections(connection: sqlite3.Connection) -> set[tuple[str, str, str]]:
    rows = connection.execute(
        "SELECT c.name, c.grade, t.given_name FROM class_section c"
        " JOIN teacher t ON t.id = c.teacher_id"
    )
    return {tuple(row) for row in rows}


def _enrolled(connection: sqlite3.Connection) -> set[tuple[str, str]]:
    rows = connection.execute(
        "SELECT c.source_id, s.source_id FROM enrollment e"
        " JOIN class_section c ON c.id = e.section_id JOIN student s ON s.id = e.student_id"
    )
    return {tuple(row) for row in rows}


def _import(name: str, store: Store) -> ImportReport:
    return import_oneroster(SAMPLES / name, store)


def test_every_sample_package_has_a_test() -> None:
    assert {path.name for path in SAMPLES.iterdir() if path.is_dir()} == set(SAMPLE_NAMES)


def test_minimal_1_1_package(store: Store) -> None:
    """1.1, statuses and dates blank (allowed in bulk files), no courses.csv. The only org
    is a department, which the classes name as their school, so it becomes the school. Jim
    Smith is a teacher in users.csv but enrolled as a student: those enrollments are
    reported, not imported; the parent is left out."""
    report = _import("Test_minimal_data_set", store)
    connection = store.connection
    assert row_counts(connection) == {
        "school": 1,
        "teacher": 2,
        "student": 3,
        "class_section": 2,
        "enrollment": 2,
    }
    assert _names(connection, "teacher") == {"John Doe", "Jim Smith"}
    assert _names(connection, "student") == {"Mary Jones", "mmichel Jones", "Anna Brown"}
    assert _sections(connection) == {
        ("Introduction to Physics", "", "John"),
        ("History - 2", "", "John"),
    }
    assert _enrolled(connection) == {
        ("cls-222-123456", "usr-222-1234561232"),
        ("cls-222-123478", "usr-222-1234561232"),
    }
    assert report.school == "History Department"
    assert "student enrollments of users who are teachers: 2" in " ".join(report.ignored)
    assert "users with the role parent: 1" in report.ignored
    assert any("no courses.csv" in note for note in report.notes)


def test_full_1_1_package_drops_what_it_marks_tobedeleted(store: Store) -> None:
    """1.1 with statuses: History - 2 is tobedeleted in the bulk classes.csv, so it and the
    three (active) enrollments into it are left out; Mary's blank status means active."""
    report = _import("Test_full_data_set", store)
    connection = store.connection
    assert row_counts(connection) == {
        "school": 1,
        "teacher": 2,
        "student": 3,
        "class_section": 1,
        "enrollment": 1,
    }
    assert _sections(connection) == {("Introduction to Physics", "9-11", "John")}
    assert _enrolled(connection) == {("cls-222-123456", "usr-222-1234561232")}
    assert connection.execute(
        "SELECT teacher_id FROM class_section WHERE source_id = 'cls-222-123456'"
    ).fetchone() == (record_id("teacher", "usr-222-123456"),)
    assert [(f.name, f.mode, f.rows, f.to_be_deleted) for f in report.files][2:3] == [
        ("classes.csv", "bulk", 2, 1)
    ]
    assert "enrollments and roles of classes or users the SIS deleted: 3" in report.ignored


def test_1_2_package_with_misspelled_headers_and_roles(store: Store) -> None:
    """1.2: roles come from roles.csv, whose header says dataLastModified and ends in two
    unnamed columns its rows leave out; users.csv says prefferedGivenName and has dates
    like 1/05/2023 and 15/06/2023; userprofiles.csv holds roles, but the manifest gives
    file.userProfiles no value, so it is not read. Preferred names win."""
    report = _import("v1p2_full_dataset", store)
    connection = store.connection
    assert row_counts(connection) == {
        "school": 1,
        "teacher": 2,
        "student": 3,
        "class_section": 1,
        "enrollment": 1,
    }
    assert _names(connection, "teacher") == {"John Doe", "Jim Smith"}
    assert _names(connection, "student") == {"MJ Jones", "mmichel Charlie", "Anna Brown"}
    assert "users with the role siteAdministrator: 1" in report.ignored
    assert "files userprofiles.csv (not used by Classroom Desk)" in report.ignored
    assert "Read the column dataLastModified in roles.csv as dateLastModified." in report.notes
    assert "Read the column prefferedGivenName in users.csv as preferredGivenName." in (
        report.notes
    )


def test_1_2_delta_package_keeps_a_class_without_teacher_for_later(store: Store) -> None:
    """1.2, every file a delta, into an empty store: Bruce Wayne is a student (roles.csv),
    Gotham High School the school. CLASS_001 has no teacher enrolled, so it is kept in
    the SIS mirror but not shown; demographics.csv and userProfiles.csv are not used."""
    report = _import("oneroster_test_data", store)
    connection = store.connection
    assert row_counts(connection) == {
        "school": 1,
        "teacher": 0,
        "student": 1,
        "class_section": 0,
        "enrollment": 0,
    }
    assert _names(connection, "student") == {"Bruce Wayne"}
    assert connection.execute("SELECT name, time_zone FROM school").fetchone() == (
        "Gotham High School",
        DEFAULT_TIME_ZONE,
    )
    assert connection.execute("SELECT sourced_id FROM oneroster_class").fetchall() == [
        ("CLASS_001",)
    ]
    ignored = " ".join(report.ignored)
    assert "classes with no teacher enrolled: 1 (such as CLASS_001)" in ignored
    assert "demographics.csv (not used by Classroom Desk)" in ignored


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_importing_a_sample_twice_changes_nothing(name: str, store: Store) -> None:
    _import(name, store)
    before = store_checksum(store.connection)
    report = _import(name, store)
    assert store_checksum(store.connection) == before
    assert all(
        (c.added, c.updated, c.removed, c.made_inactive) == (0, 0, 0, 0)
        for c in report.changes.values()
    )


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_zipped_sample_imports_exactly_like_its_folder(
    name: str, store: Store, tmp_path: Path, empty_store_file: Path
) -> None:
    """Zipped the way a file manager does it: the files inside a folder of the same name."""
    archive = Path(shutil.make_archive(str(tmp_path / name), "zip", SAMPLES, name))
    assert all(member.startswith(f"{name}/") for member in zipfile.ZipFile(archive).namelist())
    from_zip = import_oneroster(archive, store)
    folder_store_path = tmp_path / "folder.sqlite"
    shutil.copyfile(empty_store_file, folder_store_path)
    folder_store = open_store(folder_store_path)
    try:
        from_folder = _import(name, folder_store)
        assert store_checksum(folder_store.connection) == store_checksum(store.connection)
    finally:
        folder_store.close()
    assert from_zip.files == from_folder.files
    assert from_zip.ignored == from_folder.ignored

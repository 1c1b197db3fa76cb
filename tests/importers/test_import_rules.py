"""How a roster import maps OneRoster to our tables, and how deltas, re-imports and messy
exports behave (on the small package in ``packages.py``)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from classroom_desk.importers.errors import ImportCancelledError, InputError
from classroom_desk.importers.oneroster import (
    ImportOptions,
    RemovalsNeedConfirmationError,
    import_oneroster,
)
from classroom_desk.importers.oneroster.roster import DEFAULT_TIME_ZONE
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.importers.conftest import row_counts, store_checksum
from tests.importers.packages import (
    BASE_COUNTS,
    BASE_FILES,
    ENROLLMENT_HEADER,
    USER_HEADER,
    replaced,
    write_package,
)

CONFIRMED = ImportOptions(confirm_removals=True)


def _section(connection: sqlite3.Connection, sourced_id: str) -> tuple[str, str, str, str]:
    row = connection.execute(
        "SELECT c.name, c.grade, t.source_id,"
        " COALESCE((SELECT group_concat(content_area_id) FROM section_content_area a"
        "  WHERE a.section_id = c.id), '')"
        " FROM class_section c JOIN teacher t ON t.id = c.teacher_id WHERE c.id = ?",
        (record_id("class", sourced_id),),
    ).fetchone()
    return tuple(row)


def _student(connection: sqlite3.Connection, sourced_id: str) -> tuple[str, str, int] | None:
    row = connection.execute(
        "SELECT given_name, grade, active FROM student WHERE id = ?",
        (record_id("student", sourced_id),),
    ).fetchone()
    return None if row is None else tuple(row)


def _delta(tmp_path: Path, files: dict[str, str]) -> Path:
    """A package of delta files."""
    modes = {name.removesuffix(".csv"): "delta" for name in files}
    return write_package(tmp_path / "delta", files, modes=modes)


def test_the_roster_maps_classes_teachers_students_and_content_areas(
    store: Store, package: Path
) -> None:
    report = import_oneroster(package, store)
    connection = store.connection
    assert {k: v for k, v in row_counts(connection).items() if k != "school"} == BASE_COUNTS
    # Reading from the title and the course's subjects; math from the course's subjects,
    # the grade from the course when the class has none; art gets no content area.
    assert _section(connection, "cls-r") == ("Reading 4A", "4", "t-1", "reading")
    assert _section(connection, "cls-m") == ("Homeroom 4A", "4", "t-1", "math")
    assert _section(connection, "cls-a") == ("Art 4", "4", "t-2", "")
    assert _student(connection, "s-1") == ("Ava", "4", 1)
    assert connection.execute("SELECT name, time_zone FROM school").fetchone() == (
        "Maple Elementary",
        DEFAULT_TIME_ZONE,
    )
    assert report.changes["students"].added == 4
    assert report.changes["enrollments"].added == 6
    assert any("co-teacher enrollments (a class shows one teacher): 1" in i for i in report.ignored)
    assert "users with the role parent: 1" in report.ignored


def test_a_re_import_keeps_the_schools_own_time_zone_and_thresholds(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    with store.transaction() as connection:
        connection.execute("UPDATE school SET time_zone = 'America/Denver', mastery_score = 85")
    renamed = write_package(
        tmp_path / "renamed", replaced("orgs.csv", "Maple Elementary", "Maple Ridge Elementary")
    )
    report = import_oneroster(renamed, store)
    assert store.connection.execute(
        "SELECT name, time_zone, mastery_score FROM school"
    ).fetchall() == [("Maple Ridge Elementary", "America/Denver", 85.0)]
    assert not any("time zone" in note for note in report.notes)


def test_a_delta_adds_changes_and_deletes_and_keeps_students_with_history(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    connection = store.connection
    actions = TeacherActions(store, ensure_device(store))
    actions.save_note(student_id=record_id("student", "s-3"), body="Reads fluently now")
    delta = {
        "users.csv": USER_HEADER + "\n"
        "s-1,active,2024-09-01,true,org-1,student,,,Avery,Nguyen,,1001,,,,,05,\n"
        "s-2,tobedeleted,2024-09-01,,,,,,,,,,,,,,,\n"
        "s-3,tobedeleted,2024-09-01,,,,,,,,,,,,,,,\n"
        "s-5,active,2024-09-01,true,org-1,student,,,Eli,Moss,,1005,,,,,04,\n",
        "enrollments.csv": ENROLLMENT_HEADER + "\n"
        "e-s2-r,tobedeleted,2024-09-01,,,,,,,\n"
        "e-s3-r,tobedeleted,2024-09-01,,,,,,,\n"
        "e-s5-m,active,2024-09-01,cls-m,org-1,s-5,student,false,,\n",
        "classes.csv": BASE_FILES["classes.csv"].splitlines()[0] + "\n"
        "cls-a,tobedeleted,2024-09-01,,,,,,,,,,,\n",
    }
    unchanged = store_checksum(connection)
    with pytest.raises(RemovalsNeedConfirmationError) as refused:
        import_oneroster(_delta(tmp_path, delta), store)
    assert refused.value.removals == ("2 of 4 students (50%: Ben Ortiz, Cleo Park)",)
    assert store_checksum(connection) == unchanged
    report = import_oneroster(_delta(tmp_path, delta), store, options=CONFIRMED)

    assert _student(connection, "s-1") == ("Avery", "5", 1)
    assert _student(connection, "s-2") is None  # nothing refers to Ben: deleted
    assert _student(connection, "s-3") == ("Cleo", "4", 0)  # a note refers to Cleo: kept
    assert _student(connection, "s-5") == ("Eli", "4", 1)
    assert connection.execute("SELECT COUNT(*) FROM conference_note").fetchone() == (1,)
    assert connection.execute(
        "SELECT COUNT(*) FROM class_section WHERE id = ?", (record_id("class", "cls-a"),)
    ).fetchone() == (0,)
    students = report.changes["students"]
    assert (students.added, students.updated, students.removed, students.made_inactive) == (
        1,
        1,
        1,
        1,
    )
    # s-2 and s-3 left Reading 4A, Dev's art enrollment went with the class, Eli joined.
    assert report.changes["enrollments"].removed == 3
    assert report.changes["enrollments"].added == 1
    assert report.changes["classes"].removed == 1

    before = store_checksum(connection)
    again = import_oneroster(_delta(tmp_path, delta), store)
    assert store_checksum(connection) == before
    assert again.changes["students"].added == again.changes["students"].updated == 0


def test_a_deleted_student_who_comes_back_is_active_again(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    actions = TeacherActions(store, ensure_device(store))
    actions.save_note(student_id=record_id("student", "s-4"), body="Moved away")
    without_dev = write_package(
        tmp_path / "without", replaced("users.csv", "s-4,active", "s-4,tobedeleted")
    )
    import_oneroster(without_dev, store, options=CONFIRMED)
    assert _student(store.connection, "s-4") == ("Dev", "4", 0)
    import_oneroster(package, store)
    assert _student(store.connection, "s-4") == ("Dev", "4", 1)
    assert row_counts(store.connection)["enrollment"] == BASE_COUNTS["enrollment"]


def test_a_bulk_file_replaces_what_the_last_one_listed(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    users = "\n".join(
        line for line in BASE_FILES["users.csv"].splitlines() if not line.startswith("s-4,")
    )
    enrollments = "\n".join(
        line for line in BASE_FILES["enrollments.csv"].splitlines() if ",s-4," not in line
    )
    smaller = write_package(
        tmp_path / "smaller",
        {**BASE_FILES, "users.csv": users, "enrollments.csv": enrollments},
    )
    report = import_oneroster(smaller, store, options=CONFIRMED)
    assert _student(store.connection, "s-4") is None
    assert report.changes["students"].removed == 1
    assert report.changes["enrollments"].removed == 2


def test_a_delta_of_enrollments_alone_refers_to_earlier_imports(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    delta = {"enrollments.csv": ENROLLMENT_HEADER + "\ne-s4-r,active,,cls-r,org-1,s-4,student,,,\n"}
    report = import_oneroster(_delta(tmp_path, delta), store)
    assert report.changes["enrollments"].added == 1
    assert row_counts(store.connection)["enrollment"] == BASE_COUNTS["enrollment"] + 1


def test_terms_are_kept_and_a_delta_can_change_or_delete_them(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    terms = (
        "SELECT sourced_id, title, start_date, end_date, school_year"
        " FROM oneroster_academic_session"
    )
    assert store.connection.execute(terms).fetchall() == [
        ("term-1", "Fall", "2024-08-26", "2024-12-20", "2025")
    ]
    header = BASE_FILES["academicSessions.csv"].splitlines()[0]
    delta = {
        "academicSessions.csv": header + "\n"
        "term-1,tobedeleted,2024-12-21,Fall,term,2024-08-26,2024-12-20,,2025\n"
        "term-2,active,2024-12-21,Spring,term,2025-01-06,2025-05-30,,2025\n"
    }
    import_oneroster(_delta(tmp_path, delta), store)
    assert store.connection.execute(terms).fetchall() == [
        ("term-2", "Spring", "2025-01-06", "2025-05-30", "2025")
    ]


def test_a_new_teacher_enrollment_brings_a_waiting_class_onto_the_roster(
    store: Store, tmp_path: Path
) -> None:
    no_teacher = {
        **BASE_FILES,
        "enrollments.csv": "\n".join(
            line
            for line in BASE_FILES["enrollments.csv"].splitlines()
            if not line.startswith("e-t2-a")
        ),
    }
    report = import_oneroster(write_package(tmp_path / "first", no_teacher), store)
    assert any("classes with no teacher enrolled: 1 (such as cls-a)" in i for i in report.ignored)
    delta = {"enrollments.csv": ENROLLMENT_HEADER + "\ne-t2-a,active,,cls-a,org-1,t-2,teacher,,,\n"}
    report = import_oneroster(_delta(tmp_path, delta), store)
    assert report.changes["classes"].added == 1
    assert report.changes["enrollments"].added == 1  # Dev, enrolled in art all along


def test_messy_exports_import_like_clean_ones(
    store: Store, package: Path, tmp_path: Path, empty_store_file: Path
) -> None:
    """BOM, CRLF, header case and spaces, extra and ext_ columns, TRUE/1 booleans, trailing
    empty columns, ISO times and d/m/yyyy dates, no final newline: the same roster."""
    import_oneroster(package, store)
    clean = store_checksum(store.connection)

    messy = dict(BASE_FILES)
    users = BASE_FILES["users.csv"].replace("2024-08-01", "1/08/2024").rstrip("\n")
    users_lines = users.split("\n")
    users_lines[0] = (
        users_lines[0].upper().replace("GIVENNAME", " givenName ") + ",ext_lunch,Nickname"
    )
    users_lines[1:] = [line + ",free,x" for line in users_lines[1:]]
    messy["users.csv"] = b"\xef\xbb\xbf" + "\r\n".join(users_lines).encode()
    messy["enrollments.csv"] = (
        BASE_FILES["enrollments.csv"]
        .replace(",true,", ",TRUE,")
        .replace(",false,", ",0,")
        .replace("2024-08-01", "2024-08-01T12:30:00.000Z")
        .replace("\n", ",,\r\n")
    )
    other = tmp_path / "other.sqlite"
    other.write_bytes(empty_store_file.read_bytes())
    messy_store = open_store(other)
    try:
        report = import_oneroster(write_package(tmp_path / "messy", messy), messy_store)
        assert store_checksum(messy_store.connection) == clean
    finally:
        messy_store.close()
    assert "extension columns in users.csv: ext_lunch" in report.ignored
    assert "unknown columns in users.csv: Nickname" in report.ignored


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x.test","y")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1+2"]
)
def test_cells_that_look_like_formulas_are_stored_as_the_text_they_are(
    store: Store, tmp_path: Path, text: str
) -> None:
    quoted = '"' + text.replace('"', '""') + '"'
    files = replaced("users.csv", ",Ava,", f",{quoted},")
    files["classes.csv"] = BASE_FILES["classes.csv"].replace("Art 4", quoted)
    import_oneroster(write_package(tmp_path / "formulas", files), store)
    connection = store.connection
    assert _student(connection, "s-1") == (text, "4", 1)
    assert connection.execute(
        "SELECT name, typeof(name) FROM class_section WHERE id = ?", (record_id("class", "cls-a"),)
    ).fetchone() == (text, "text")


def test_ids_come_from_sourced_ids_so_laptops_and_versions_agree(
    store: Store, package: Path
) -> None:
    """The ids are pinned: changing how they are derived would orphan every imported row."""
    import_oneroster(package, store)
    assert store.connection.execute(
        "SELECT id, source_id FROM student WHERE source_id = 's-1'"
    ).fetchone() == ("1f95cf2a-6fe0-5415-a152-e3fab1b68088", "s-1")
    assert record_id("teacher", "s-1") == "a4003ffe-e655-57c1-8ce9-366008f7e333"


def test_progress_counts_rows_and_a_cancel_changes_nothing(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    before = store_checksum(store.connection)
    many = "".join(
        f"x-{n},active,,true,org-1,student,,,Kid{n},Test,,,,,,,04,\n" for n in range(2500)
    )
    big = write_package(
        tmp_path / "big", {**BASE_FILES, "users.csv": BASE_FILES["users.csv"] + many}
    )
    seen: list[tuple[int, int | None, str]] = []

    def progress(done: int, total: int | None, current: str) -> None:
        seen.append((done, total, current))

    with pytest.raises(ImportCancelledError):
        import_oneroster(big, store, progress=progress, should_cancel=lambda: len(seen) >= 2)
    assert store_checksum(store.connection) == before
    assert seen[0][2] == "users.csv" and seen[0][0] == 1000

    seen.clear()
    calls = iter(range(10_000))
    with pytest.raises(ImportCancelledError):
        # Let the reading finish and cancel while the store is being written.
        import_oneroster(big, store, progress=progress, should_cancel=lambda: next(calls) >= 4)
    assert store_checksum(store.connection) == before

    seen.clear()
    report = import_oneroster(big, store, progress=progress)
    assert report.changes["students"].added == 2500
    totals = {total for _, total, _ in seen}
    assert len(totals) == 1 and totals.pop() == report.rows_read
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)


def test_a_store_that_holds_another_school_is_refused(
    store: Store, package: Path, tmp_path: Path
) -> None:
    from classroom_desk.demo import build_demo_school
    from classroom_desk.store.loading import load_dataset

    load_dataset(store, build_demo_school(datetime(2026, 11, 19, tzinfo=UTC)))
    before = store_checksum(store.connection)
    with pytest.raises(InputError) as raised:
        import_oneroster(package, store)
    assert str(raised.value).endswith(
        "orgs.csv:3:1: expected the school this store holds (Maple Ridge Demo School); "
        "Maple Elementary is another school (each school needs its own: another --data-dir on a "
        "laptop, another --database on the server)"
    )
    assert store_checksum(store.connection) == before


def test_a_delta_that_leaves_columns_out_keeps_those_fields(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    delta = {"users.csv": "sourcedId,role,givenName,familyName\ns-1,student,Avery,Nguyen\n"}
    report = import_oneroster(_delta(tmp_path, delta), store)
    assert _student(store.connection, "s-1") == ("Avery", "4", 1)  # the grade is kept
    assert report.changes["students"].updated == 1

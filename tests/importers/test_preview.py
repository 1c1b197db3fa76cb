"""See before you change, large removals need a yes, nothing a teacher wrote goes: the
dry run's preview is the change the import then makes; a student with anything recorded
about them stays, inactive, on the laptop as on the server (one rule)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from classroom_desk.domain.goals import GoalKind
from classroom_desk.importers.oneroster import (
    ImportOptions,
    ImportReport,
    RemovalsNeedConfirmationError,
    import_oneroster,
)
from classroom_desk.importers.oneroster.keeping import (
    Reference,
    gather_history,
    keeping_references,
    sqlite_references,
)
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server.database import make_engine, migrate
from classroom_desk.server.oneroster_import import import_oneroster_on_server, server_history
from classroom_desk.store.database import Store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.importers.corpus import without_lines
from tests.importers.history import add_attempt, add_attempt_on_server
from tests.importers.packages import BASE_FILES, USER_HEADER, write_package
from tests.importers.test_corpus import file_digest

CONFIRMED = ImportOptions(confirm_removals=True)
DRY_RUN = ImportOptions(dry_run=True)
BEN = record_id("student", "s-2")
#: Ben leaves: users.csv and enrollments.csv without him.
WITHOUT_BEN = without_lines("users.csv", "s-2,", files=without_lines("enrollments.csv", ",s-2,"))


def _note(store: Store) -> None:
    TeacherActions(store, ensure_device(store)).save_note(student_id=BEN, body="Reads well")


def _goal(store: Store) -> None:
    TeacherActions(store, ensure_device(store)).set_goal(
        student_id=BEN, content_area_id="reading", kind=GoalKind.MINUTES, target=45
    )


def _profile(store: Store) -> None:
    TeacherActions(store, ensure_device(store)).set_profile_field(
        student_id=BEN, field="strengths", value="Loves maps"
    )


def _reassignment(store: Store) -> None:
    add_attempt(store, BEN, score=55)
    TeacherActions(store, ensure_device(store)).reassign(units=[(BEN, "u1")], mastery_score=80)


@pytest.mark.parametrize(
    ("record", "reasons"),
    [
        (lambda store: add_attempt(store, BEN), "activity"),
        (_note, "notes"),
        (_goal, "goals"),
        (_profile, "profile"),
        (_reassignment, "activity, reassignments"),
    ],
    ids=["activity", "notes", "goals", "profile", "reassignments"],
)
def test_a_student_with_anything_recorded_stays_inactive_and_the_preview_says_why(
    store: Store,
    package: Path,
    tmp_path: Path,
    record: Callable[[Store], None],
    reasons: str,
) -> None:
    import_oneroster(package, store)
    record(store)
    without_ben = write_package(tmp_path / "without", WITHOUT_BEN)
    report = import_oneroster(without_ben, store, options=CONFIRMED)
    students = report.changes["students"]
    assert (students.removed, students.made_inactive) == (0, 1)
    assert students.names["made_inactive"] == (f"Ben Ortiz ({reasons})",)
    assert store.connection.execute(
        "SELECT given_name, active FROM student WHERE id = ?", (BEN,)
    ).fetchone() == ("Ben", 0)


def test_the_dry_run_shows_the_change_the_import_then_makes_and_writes_nothing(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    _note(store)
    delta = {
        "users.csv": USER_HEADER + "\n"
        "s-1,active,2024-09-01,true,org-1,student,,,Avery,Nguyen,,1001,,,,,05,\n"
        "s-2,tobedeleted,2024-09-01,,,,,,,,,,,,,,,\n"
        "s-4,tobedeleted,2024-09-01,,,,,,,,,,,,,,,\n"
        "s-5,active,2024-09-01,true,org-1,student,,,Eli,Moss,,1005,,,,,04,\n",
    }
    delta_package = write_package(tmp_path / "delta", delta, modes={"users": "delta"})
    before = file_digest(store.path)
    preview = import_oneroster(delta_package, store, options=DRY_RUN)
    assert file_digest(store.path) == before, "a dry run writes nothing"
    assert not preview.applied
    assert preview.headline().startswith("Dry run of the OneRoster 1.1 roster")
    students = preview.changes["students"]
    assert students.names == {
        "added": ("Eli Moss",),
        "updated": ("Avery Nguyen",),
        "removed": ("Dev Shah",),
        "made_inactive": ("Ben Ortiz (notes)",),
    }
    assert preview.removals == ("2 of 4 students (50%: Ben Ortiz, Dev Shah)",)
    assert preview.cause == "users.csv marks them tobedeleted"
    assert "This import would remove or make inactive 2 of 4 students" in preview.text()

    imported = import_oneroster(delta_package, store, options=CONFIRMED)
    assert imported.applied
    assert imported.changes == preview.changes
    assert imported.removals == preview.removals
    assert "This import removed or made inactive 2 of 4 students" in imported.text()


def test_a_partial_export_is_refused_with_its_likely_cause_then_imported_when_confirmed(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_oneroster(package, store)
    add_attempt(store, record_id("student", "s-1"))
    one_class = {
        **BASE_FILES,
        "classes.csv": "\n".join(
            BASE_FILES["classes.csv"].splitlines()[:1]
            + [line for line in BASE_FILES["classes.csv"].splitlines() if line.startswith("cls-a")]
        )
        + "\n",
        "users.csv": "\n".join(
            line
            for line in BASE_FILES["users.csv"].splitlines()
            if not line.startswith(("s-1", "s-2", "s-3", "t-1"))
        )
        + "\n",
        "enrollments.csv": "\n".join(
            line
            for line in BASE_FILES["enrollments.csv"].splitlines()
            if "cls-a" in line or line.startswith("sourcedId")
        )
        + "\n",
    }
    partial = write_package(tmp_path / "art-only", one_class)
    before = file_digest(store.path)
    with pytest.raises(RemovalsNeedConfirmationError) as refused:
        import_oneroster(partial, store)
    error = refused.value
    assert (error.file, error.line, error.column) == (f"{partial}/users.csv", 1, 1)
    assert error.removals == (
        "3 of 4 students (75%: Ava Nguyen, Ben Ortiz, Cleo Park)",
        "1 of 2 teachers (50%: Elena Rivera)",
        "2 classes with activity (Homeroom 4A, Reading 4A)",
    )
    assert "is it a partial export" in error.expected
    assert error.expected.endswith("import it with --confirm-removals")
    assert file_digest(store.path) == before
    report = import_oneroster(partial, store, options=CONFIRMED)
    assert report.changes["students"].made_inactive == 1  # Ava has activity
    assert report.changes["students"].removed == 2
    assert report.changes["classes"].removed == 2


# -- one rule: the laptop and the server -------------------------------------------------


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite'}")
    migrate(engine)
    yield engine
    engine.dispose()


def test_the_server_keeps_what_the_laptop_keeps_and_says_so_in_the_same_words(
    store: Store, package: Path, tmp_path: Path, engine: Engine
) -> None:
    import_oneroster(package, store)
    import_oneroster_on_server(engine, package)
    add_attempt(store, BEN)
    add_attempt_on_server(engine, BEN)
    without_ben = write_package(tmp_path / "without", WITHOUT_BEN)
    laptop: ImportReport = import_oneroster(without_ben, store, options=DRY_RUN)
    server: ImportReport = import_oneroster_on_server(engine, without_ben, options=DRY_RUN)
    assert laptop.changes == server.changes
    assert laptop.changes["students"].names["made_inactive"] == ("Ben Ortiz (activity)",)
    assert laptop.removals == server.removals
    assert laptop.text() == server.text()


def test_history_is_read_from_each_databases_foreign_keys(store: Store, engine: Engine) -> None:
    laptop = {(r.table, r.parent) for r in keeping_references(sqlite_references(store.connection))}
    assert {
        ("conference_note", "student"),
        ("goal", "student"),
        ("learner_profile", "student"),
        ("reassignment_event", "student"),
        ("unit_attempt", "student"),
        ("activity_summary", "student"),
    } <= laptop
    assert ("enrollment", "student") not in laptop, "enrollments are the import's own"
    assert ("class_section", "teacher") not in laptop
    with engine.connect() as connection:
        assert server_history(connection) == {}
    fake = [Reference("conference_note", "student_id", "student", "id")]
    assert gather_history(fake, lambda _query: [("s1",), ("s2",)]) == {
        ("student", "s1"): frozenset({"notes"}),
        ("student", "s2"): frozenset({"notes"}),
    }

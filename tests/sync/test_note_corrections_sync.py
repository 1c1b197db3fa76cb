"""A corrected note and an undone goal drop, through a real server to the other laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.goals import GoalKind
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    server_checksums,
    teacher_and_coteacher,
)


def homeroom_student(seat: int) -> str:
    return demo_id("student", f"homeroom-4/{seat}")


@pytest.fixture
def laptops(
    tmp_path: Path, sqlite_server: ServerProcess, memory_keyring: MemoryKeyring
) -> Iterator[list[Laptop]]:
    with teacher_and_coteacher(tmp_path, sqlite_server.url) as made:
        yield made


def test_a_correction_typed_on_reaches_the_other_laptop_as_one_new_version(
    laptops: list[Laptop], sqlite_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(2)
    note = teacher.actions.save_note(student_id=student, body="Reads at grade levl")
    assert note is not None
    teacher.sync()
    version = teacher.actions.revise_note(note_id=note, body="Reads at grade")
    assert version is not None
    with teacher.client() as client:
        # The edit is typed on while its first save is on the wire.
        original = client._acknowledge

        def type_then_acknowledge(*args: object) -> None:
            teacher.actions.revise_note(
                note_id=note, body="Reads at grade level", version_id=version
            )
            original(*args)  # type: ignore[arg-type]

        client._acknowledge = type_then_acknowledge  # type: ignore[method-assign]
        client.push()
    teacher.actions.revise_note(note_id=note, body="Reads at grade level!", version_id=version)
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()
    for laptop in laptops:
        rows = laptop.store.connection.execute(
            "SELECT id, supersedes_id, body FROM conference_note WHERE student_id = ?"
            " ORDER BY created_at",
            (student,),
        ).fetchall()
        assert rows == [
            (note, None, "Reads at grade levl"),
            (version, note, "Reads at grade level!"),
        ]
        assert set(laptop.outbox_states()) <= {"acknowledged"}  # nothing refused
        assert laptop.checksums() == server_checksums(sqlite_server.database_url, laptop.user)


def test_an_undone_goal_drop_reaches_the_other_laptop_and_wins_by_clock(
    laptops: list[Laptop],
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(4)
    goal = teacher.actions.set_goal(
        student_id=student, content_area_id="math", kind=GoalKind.MINUTES, target=40
    )
    teacher.sync()
    coteacher.sync()
    teacher.actions.drop_goal(goal_id=goal)
    teacher.sync()
    coteacher.sync()
    assert coteacher.one("SELECT status FROM goal WHERE id = ?", goal) == "dropped"
    teacher.actions.restore_goal(goal_id=goal)  # the teacher's undo
    teacher.sync()
    coteacher.sync()
    for laptop in laptops:
        assert laptop.one("SELECT status FROM goal WHERE id = ?", goal) == "active"
        assert set(laptop.outbox_states()) <= {"acknowledged"}

"""Learner profiles through a real server (SQLite and PostgreSQL): each field merges on its
own, last writer wins by clock, ties go to the higher device id, and the losing value is
kept and reaches every laptop; bad input is refused with a reason."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.hlc import DEFAULT_MAX_CLOCK_AHEAD
from classroom_desk.domain.profiles import MAX_PROFILE_TEXT, profile_id
from classroom_desk.store.conference_queries import ConferenceQueries
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
    tmp_path: Path, fresh_server: ServerProcess, memory_keyring: MemoryKeyring
) -> Iterator[list[Laptop]]:
    """Two laptops on a server of their own: who wins is decided by the stamps, and a
    shared server holds stamps a few minutes ahead (allowed) that would move their clocks."""
    with teacher_and_coteacher(tmp_path, fresh_server.url) as made:
        yield made


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def profile_of(laptop: Laptop, student: str) -> tuple[dict[str, object], dict[str, list[object]]]:
    profile = ConferenceQueries(laptop.store.connection).learner_profile(student_id=student)
    lost = {name: [v.value for v in values] for name, values in profile.lost.items()}
    return dict(profile.values), lost


def test_both_laptops_edit_offline_and_end_with_one_winner_and_the_loser_visible(
    laptops: list[Laptop], fresh_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(7)
    now = utcnow()
    # Neither laptop has seen a profile for this student: both start one offline.
    teacher.actions.set_profile_field(
        student_id=student, field="strengths", value="Loves to read aloud", now=now
    )
    teacher.actions.set_profile_field(student_id=student, field="mtss_tier", value=2, now=now)
    coteacher.actions.set_profile_field(
        student_id=student,
        field="strengths",
        value="Strong number sense",
        now=now + timedelta(seconds=5),
    )
    coteacher.actions.set_profile_field(
        student_id=student, field="interests", value="Soccer", now=now + timedelta(seconds=5)
    )
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()
    views = [profile_of(laptop, student) for laptop in laptops]
    assert views[0] == views[1]
    values, lost = views[0]
    # The later edit wins its field; fields only one laptop wrote are simply merged.
    assert values["strengths"] == "Strong number sense"
    assert values["mtss_tier"] == 2
    assert values["interests"] == "Soccer"
    assert lost == {"strengths": ["Loves to read aloud"]}
    for laptop in laptops:
        assert laptop.one("SELECT COUNT(*) FROM learner_profile WHERE student_id = ?", student) == 1
        assert set(laptop.outbox_states()) <= {"acknowledged"}
        assert laptop.checksums() == server_checksums(fresh_server.database_url, laptop.user)


def test_a_tie_goes_to_the_higher_device_id_and_a_later_edit_clears_the_conflict(
    laptops: list[Laptop], fresh_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(8)
    # The same moment, ahead of every clock seen so far (but within what the server
    # allows, or the laptops would stamp both edits again at sync): equal time and counter.
    moment = utcnow() + DEFAULT_MAX_CLOCK_AHEAD / 2
    teacher.actions.set_profile_field(student_id=student, field="mtss_tier", value=3, now=moment)
    coteacher.actions.set_profile_field(student_id=student, field="mtss_tier", value=1, now=moment)
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()
    higher, lower = sorted(laptops, key=lambda laptop: laptop.device_id, reverse=True)
    winner = 3 if higher is teacher else 1
    loser = 1 if winner == 3 else 3
    for laptop in laptops:
        values, lost = profile_of(laptop, student)
        assert values["mtss_tier"] == winner
        assert lost == {"mtss_tier": [loser]}
    # The teacher who sees both chooses again: the field is written over what it showed,
    # an update (not a new conflict), and the old loss no longer shows.
    lower.actions.set_profile_field(student_id=student, field="mtss_tier", value=loser)
    for laptop in (lower, higher):
        laptop.sync()
    for laptop in laptops:
        values, lost = profile_of(laptop, student)
        assert (values["mtss_tier"], lost) == (loser, {})
        assert laptop.checksums() == server_checksums(fresh_server.database_url, laptop.user)


def raw_mutation(laptop: Laptop, *, student: str, payload: dict[str, object], record: str) -> None:
    """An outbox entry as a faulty or hostile laptop might send it (no local checks)."""
    now = utcnow()
    stamp = f"{int(now.replace(tzinfo=UTC).timestamp() * 1000):015d}-000000-{laptop.device_id}"
    laptop.store.connection.execute(
        "INSERT INTO outbox (mutation_id, device_id, kind, record_id, student_id, payload,"
        " stamp, created_at) VALUES (?, ?, 'profile.set_field', ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            laptop.device_id,
            record,
            student,
            json.dumps(payload),
            stamp,
            now.isoformat(sep=" "),
        ),
    )


def test_the_server_refuses_bad_profile_changes_with_a_reason(
    laptops: list[Laptop],
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(9)
    good = profile_id(student)
    cases = [
        ({"field": "hobbies", "value": "chess"}, good, "no field 'hobbies'"),
        ({"field": "mtss_tier", "value": 4}, good, "must be 1, 2 or 3"),
        ({"field": "mtss_tier", "value": "2"}, good, "must be 1, 2 or 3"),
        ({"field": "needs", "value": 7}, good, "needs must be text"),
        ({"field": "needs", "value": "x" * (MAX_PROFILE_TEXT + 1)}, good, "too long"),
        ({"field": "needs", "value": "Phonics"}, str(uuid.uuid4()), "not its student's"),
    ]
    for payload, record, _reason in cases:
        raw_mutation(teacher, student=student, payload=payload, record=record)
    # The co-teacher shares only the homeroom: a grade-7 student is out of reach.
    grade7 = demo_id("student", "math-7/0")
    raw_mutation(
        coteacher,
        student=grade7,
        payload={"field": "needs", "value": "x"},
        record=profile_id(grade7),
    )
    teacher_report = teacher.sync()
    coteacher_report = coteacher.sync()
    reasons = [reason for _kind, reason in teacher_report.rejections]
    assert len(reasons) == len(cases)
    for (_payload, _record, expected), reason in zip(cases, reasons, strict=True):
        assert expected in reason
    assert [r for _k, r in coteacher_report.rejections] == [
        "this student is not in your classes on the school server"
    ]
    assert teacher.one("SELECT COUNT(*) FROM learner_profile WHERE student_id = ?", student) == 0
    assert teacher.outbox_states().get("rejected") == len(cases)

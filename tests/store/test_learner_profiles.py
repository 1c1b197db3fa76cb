"""Learner profiles in the store: one row per student, each field stamped, every change
mirrored in the outbox in the same transaction; bad values change nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.profiles import (
    MAX_PROFILE_TEXT,
    PROFILE_FIELDS,
    TEXT_FIELDS,
    checked_value,
    profile_id,
)
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.encryption import INTEGRITY_ERRORS
from classroom_desk.store.teacher_actions import (
    ActionError,
    TeacherActions,
    UnknownRecordError,
    ensure_device,
)
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW.replace(tzinfo=None)


@pytest.fixture
def actions(demo_store: Store) -> TeacherActions:
    return TeacherActions(demo_store, ensure_device(demo_store))


@pytest.fixture
def student(demo_dataset: SchoolDataset) -> str:
    return demo_dataset.students[0].id


def profile_outbox(store: Store) -> list[tuple[str, str, dict[str, object], str]]:
    rows = store.connection.execute(
        "SELECT kind, record_id, payload, stamp FROM outbox"
        " WHERE kind = 'profile.set_field' ORDER BY seq"
    ).fetchall()
    return [(kind, rid, json.loads(payload), stamp) for kind, rid, payload, stamp in rows]


def stored(store: Store, student_id: str, field: str) -> tuple[object, object]:
    row = store.connection.execute(
        f"SELECT {field}, {field}_stamp FROM learner_profile WHERE student_id = ?",
        (student_id,),
    ).fetchone()
    return (None, None) if row is None else (row[0], row[1])


def test_a_field_is_written_with_its_stamp_and_one_outbox_mutation(
    actions: TeacherActions, demo_store: Store, student: str
) -> None:
    record = actions.set_profile_field(
        student_id=student, field="strengths", value="  Explains fractions to peers \r\n", now=NOW
    )
    assert record == profile_id(student)
    value, stamp = stored(demo_store, student, "strengths")
    assert value == "Explains fractions to peers"
    assert [(k, r, p) for k, r, p, _ in profile_outbox(demo_store)] == [
        ("profile.set_field", record, {"field": "strengths", "value": value})
    ]
    assert profile_outbox(demo_store)[0][3] == stamp
    assert Stamp.decode(str(stamp)).device_id == ensure_device(demo_store).id
    # The other fields were never written: no stamp, nothing to win or lose in sync.
    for field in PROFILE_FIELDS:
        if field != "strengths":
            assert stored(demo_store, student, field)[1] is None


def test_typing_on_updates_the_pending_mutation_of_that_field_only(
    actions: TeacherActions, demo_store: Store, student: str
) -> None:
    actions.set_profile_field(student_id=student, field="needs", value="Fluency", now=NOW)
    actions.set_profile_field(student_id=student, field="mtss_tier", value=2, now=NOW)
    actions.set_profile_field(
        student_id=student, field="needs", value="Fluency with facts", now=NOW
    )
    payloads = [p for _, _, p, _ in profile_outbox(demo_store)]
    assert payloads == [
        {"field": "needs", "value": "Fluency with facts"},
        {"field": "mtss_tier", "value": 2},
    ]
    # Once sent and acknowledged, a new edit is a new mutation.
    demo_store.connection.execute("UPDATE outbox SET state = 'acknowledged'")
    actions.set_profile_field(student_id=student, field="needs", value="Facts to 10", now=NOW)
    assert len(profile_outbox(demo_store)) == 3


def test_each_write_and_its_mutation_commit_together(
    actions: TeacherActions, demo_store: Store, student: str
) -> None:
    # A failing outbox insert rolls the profile write back with it.
    demo_store.connection.execute(
        "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox"
        " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(INTEGRITY_ERRORS):
        actions.set_profile_field(student_id=student, field="interests", value="Robots", now=NOW)
    assert demo_store.connection.execute("SELECT COUNT(*) FROM learner_profile").fetchone() == (0,)
    demo_store.connection.execute("DROP TRIGGER refuse_outbox")
    actions.set_profile_field(student_id=student, field="interests", value="Robots", now=NOW)
    assert stored(demo_store, student, "interests")[0] == "Robots"


def test_empty_text_clears_a_field_and_none_clears_the_tier(
    actions: TeacherActions, demo_store: Store, student: str
) -> None:
    actions.set_profile_field(student_id=student, field="supports", value="Audio books", now=NOW)
    actions.set_profile_field(student_id=student, field="mtss_tier", value=3, now=NOW)
    later = NOW + timedelta(minutes=1)
    actions.set_profile_field(student_id=student, field="supports", value="   ", now=later)
    actions.set_profile_field(student_id=student, field="mtss_tier", value=None, now=later)
    assert stored(demo_store, student, "supports")[0] == ""
    assert stored(demo_store, student, "mtss_tier")[0] is None
    profile = ConferenceQueries(demo_store.connection).learner_profile(student_id=student)
    assert profile.value("supports") == "" and profile.tier is None
    assert [p for _, _, p, _ in profile_outbox(demo_store)][-2:] == [
        {"field": "supports", "value": ""},
        {"field": "mtss_tier", "value": None},
    ]


def test_an_unchanged_value_or_clearing_a_missing_profile_writes_nothing(
    actions: TeacherActions, demo_store: Store, student: str
) -> None:
    actions.set_profile_field(student_id=student, field="needs", value="", now=NOW)
    actions.set_profile_field(student_id=student, field="mtss_tier", value=None, now=NOW)
    assert demo_store.connection.execute("SELECT COUNT(*) FROM learner_profile").fetchone() == (0,)
    actions.set_profile_field(student_id=student, field="needs", value="Decoding", now=NOW)
    before = profile_outbox(demo_store)
    actions.set_profile_field(student_id=student, field="needs", value="Decoding ", now=NOW)
    assert profile_outbox(demo_store) == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hobbies", "chess", "no field 'hobbies'"),
        ("mtss_tier", 4, "must be 1, 2 or 3"),
        ("mtss_tier", 0, "must be 1, 2 or 3"),
        ("mtss_tier", True, "must be 1, 2 or 3"),
        ("mtss_tier", "2", "must be 1, 2 or 3"),
        ("needs", 5, "needs must be text"),
        ("strengths", "x" * (MAX_PROFILE_TEXT + 1), "too long"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(
    actions: TeacherActions,
    demo_store: Store,
    student: str,
    field: str,
    value: object,
    message: str,
) -> None:
    with pytest.raises(ActionError, match=message):
        actions.set_profile_field(student_id=student, field=field, value=value, now=NOW)  # type: ignore[arg-type]
    assert demo_store.connection.execute("SELECT COUNT(*) FROM learner_profile").fetchone() == (0,)
    assert profile_outbox(demo_store) == []


def test_an_unknown_student_is_refused(actions: TeacherActions, demo_store: Store) -> None:
    with pytest.raises(UnknownRecordError):
        actions.set_profile_field(student_id="nobody", field="needs", value="x", now=NOW)
    assert profile_outbox(demo_store) == []


profile_texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(["", "  ", "\r\n", "Line one\r\nline two", "\x00a", "é" * 50])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.tuples(st.sampled_from(TEXT_FIELDS), profile_texts), max_size=8))
def test_any_texts_read_back_as_stored_and_the_outbox_holds_the_last_of_each_field(
    actions: TeacherActions, demo_store: Store, student: str, edits: list[tuple[str, str]]
) -> None:
    connection = demo_store.connection
    connection.execute("DELETE FROM outbox")
    connection.execute("DELETE FROM learner_profile")
    expected: dict[str, str] = {}
    for field, text in edits:
        actions.set_profile_field(student_id=student, field=field, value=text, now=NOW)
        expected[field] = str(checked_value(field, text))
    profile = ConferenceQueries(connection).learner_profile(student_id=student)
    for field in TEXT_FIELDS:
        assert profile.value(field) == expected.get(field, "")
    pending = {
        str(p["field"]): p["value"] for _, _, p, _ in profile_outbox(demo_store)
    }  # the last mutation of each field carries what the store holds
    for field, value in pending.items():
        assert value == expected[field]
    written = {field for field, text in expected.items() if text}
    assert written <= set(pending)

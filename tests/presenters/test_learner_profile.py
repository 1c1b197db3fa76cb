"""The panel's Profile section against a real store: edits save as the note does, a
student change saves first, a losing sync value shows until the field is written again."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.profiles import MAX_PROFILE_TEXT, TEXT_FIELDS, profile_id
from classroom_desk.presenters.learner_profile import ProfileEditor
from classroom_desk.presenters.student_panel import SaveState, StudentPanelPresenter
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.replica import Replica
from tests.presenters.test_student_panel import CALENDAR, Clock, context_for, week_rows


@pytest.fixture
def panel(demo_store: Store) -> StudentPanelPresenter:
    return StudentPanelPresenter(
        source=ConferenceQueries(demo_store.connection),
        actions=TeacherActions(demo_store, ensure_device(demo_store)),
        calendar=lambda: CALENDAR,
        thresholds=Thresholds,
        now=Clock(),
    )


def stored(store: Store, student_id: str, name: str) -> object:
    row = store.connection.execute(
        f"SELECT {name} FROM learner_profile WHERE id = ?", (profile_id(student_id),)
    ).fetchone()
    return None if row is None else row[0]


def test_a_new_student_shows_an_empty_profile_with_no_tier(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    panel.open(context_for(week_rows(demo_store)[0]))
    editor = panel.profile
    assert editor.state is SaveState.EMPTY
    assert editor.tier is None
    assert editor.summary() == "No tier · nothing noted yet"
    assert all(editor.fields[name].value == "" for name in TEXT_FIELDS)


def test_edits_are_saved_only_when_committed_and_the_summary_follows(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    editor = panel.profile
    editor.edit("strengths", "Explains her thinking")
    editor.edit("mtss_tier", 2)
    assert editor.state is SaveState.UNSAVED
    assert stored(demo_store, row.student_id, "strengths") is None
    assert editor.save() is SaveState.SAVED
    assert stored(demo_store, row.student_id, "strengths") == "Explains her thinking"
    assert stored(demo_store, row.student_id, "mtss_tier") == 2
    assert editor.summary() == "Tier 2 · Strengths"
    # Typing back to what is stored needs no save.
    editor.edit("needs", "x")
    editor.edit("needs", "")
    assert editor.state is SaveState.SAVED


def test_changing_student_saves_the_profile_being_typed(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    first, second = week_rows(demo_store)[:2]
    panel.open(context_for(first))
    panel.profile.edit("interests", "Dinosaurs")
    panel.open(context_for(second))
    assert stored(demo_store, first.student_id, "interests") == "Dinosaurs"
    assert panel.profile.student_id == second.student_id
    assert panel.profile.fields["interests"].value == ""


def test_a_value_that_cannot_be_saved_fails_with_the_reason_and_keeps_the_text(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    long_text = "x" * (MAX_PROFILE_TEXT + 1)
    panel.profile.edit("supports", long_text)
    assert panel.profile.save() is SaveState.FAILED
    assert panel.profile.error.startswith("Supports: supports is too long")
    assert panel.profile.fields["supports"].value == long_text
    assert stored(demo_store, row.student_id, "supports") is None


def lose_a_conflict(store: Store, student_id: str, name: str, lost: object) -> None:
    """What a pull stores when another laptop's value lost to this field's value."""
    stamp = store.connection.execute(
        f"SELECT {name}_stamp FROM learner_profile WHERE id = ?", (profile_id(student_id),)
    ).fetchone()[0]
    loser = Stamp(Stamp.decode(stamp).millis - 1, 0, "other-laptop").encode()
    store.connection.execute(
        "INSERT INTO profile_conflict (id, profile_id, student_id, field, value, stamp,"
        " device_id, winner_stamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            profile_id(student_id),
            student_id,
            name,
            json.dumps(lost),
            loser,
            "other-laptop",
            stamp,
            "2026-11-19 20:00:00.000000",
        ),
    )


def test_a_losing_value_shows_until_the_field_is_written_again(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    editor = panel.profile
    editor.edit("needs", "Fluency")
    editor.edit("mtss_tier", 3)
    editor.save()
    lose_a_conflict(demo_store, row.student_id, "needs", "Decoding multisyllable words")
    lose_a_conflict(demo_store, row.student_id, "mtss_tier", 2)
    editor.reload()
    assert editor.lost_text("needs") == (
        "Also written on another laptop (Nov\u00a019, 2:59\u00a0PM): “Decoding multisyllable words”"
    )
    assert editor.lost_text("mtss_tier") == (
        "Also written on another laptop (Nov\u00a019, 2:59\u00a0PM): Tier 2"
    )
    assert "· 2 fields have another laptop's value ·" in editor.summary()
    editor.use_lost_value("mtss_tier")
    assert stored(demo_store, row.student_id, "mtss_tier") == 2
    assert editor.lost_text("mtss_tier") == ""
    assert editor.lost_text("needs") != ""


def test_this_laptops_own_losing_value_is_said_to_be_replaced_not_from_elsewhere(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    panel.profile.edit("needs", "Fluency")
    panel.profile.save()
    lose_a_conflict(demo_store, row.student_id, "needs", "Decoding")
    here = ensure_device(demo_store).id
    demo_store.connection.execute("UPDATE profile_conflict SET device_id = ?", (here,))
    panel.profile.reload()
    assert panel.profile.lost_text("needs") == (
        "Written on this laptop (Nov\u00a019, 2:59\u00a0PM), replaced by another laptop's"
        " change: “Decoding”"
    )


def test_a_sync_reload_keeps_the_field_being_typed(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    panel.profile.edit("needs", "typing…")
    # Another laptop's values arrive (as a pull writes them).
    panel.actions.set_profile_field(student_id=row.student_id, field="strengths", value="Art")
    panel.refresh()
    assert panel.profile.fields["strengths"].value == "Art"
    assert panel.profile.fields["needs"].value == "typing…"
    assert panel.profile.state is SaveState.UNSAVED


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.dictionaries(
        st.sampled_from(TEXT_FIELDS),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200),
        max_size=5,
    )
)
def test_any_texts_typed_and_saved_read_back_as_the_store_keeps_them(
    panel: StudentPanelPresenter, demo_store: Store, texts: dict[str, str]
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    editor = panel.profile
    for name, text in texts.items():
        editor.edit(name, text)
    assert editor.save() in (SaveState.SAVED, SaveState.EMPTY)
    fresh = ProfileEditor(ConferenceQueries(demo_store.connection), panel.actions, panel.now)
    fresh.load(row.student_id)
    for name in TEXT_FIELDS:
        assert fresh.fields[name].value == editor.fields[name].saved
        assert not editor.fields[name].dirty


@pytest.fixture(autouse=True)
def _clean_profiles(demo_store: Store) -> None:
    demo_store.connection.execute("DELETE FROM profile_conflict")
    demo_store.connection.execute("DELETE FROM learner_profile")


def test_a_profile_refused_while_read_only_is_saved_by_the_next_save(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    """What refused it may be gone (a teacher's sign-in again): the next save (a student
    change, closing) tries the typed value again rather than repeating the old refusal."""
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    panel.profile.edit("needs", "Sight words")
    Replica(demo_store).remember_role("coach")
    assert panel.profile.save() is SaveState.FAILED
    Replica(demo_store).remember_role("teacher")
    assert panel.profile.save() is SaveState.SAVED
    assert panel.profile.error == ""
    assert stored(demo_store, row.student_id, "needs") == "Sight words"

"""A laptop signed in as a principal or coach changes nothing, whatever action it tries.

Those accounts read the school's records and the server refuses their changes; the
laptop refuses them at once (``TeacherActions._stamp``), so nothing is shown as saved
only to be turned away at the next sync. Every public action of ``PlanActions`` is tried
here, each with arguments a teacher's laptop accepts (so the refusal is the role's, not
bad input), and every row of every table must be the same afterwards. The table of
actions must name them all: an action added later and left out fails a test.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.rotation import DEFAULT_STATIONS, RotationProgress
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.store.database import Store
from classroom_desk.store.plan_actions import GroupDraft, PlanActions
from classroom_desk.store.teacher_actions import ReadOnlyAccountError, ensure_device
from classroom_desk.sync.replica import Replica
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW.replace(tzinfo=None)
WEEK = date(2026, 11, 16)  # the demo's current week
SECTION = demo_id("section", "homeroom-4")
MASTERY = 80.0
READ_ONLY = ("principal", "coach")
REFUSAL = "cannot change them: nothing was saved"

Rows = dict[str, list[tuple[object, ...]]]


@dataclass(frozen=True, slots=True)
class Made:
    """One record of each kind the actions work on, made on a teacher's laptop."""

    area_id: str
    student_id: str  # has a unit to reassign; in the group and the tutoring group
    classmate_id: str  # in the group and the tutoring group
    newcomer_id: str  # in the class, in no group
    unit_id: str
    note_id: str  # its note.put still waits in the outbox
    revision_id: str  # an edit of the note, typed on: its note.put waits too
    batch_id: str
    goal_id: str
    dropped_goal_id: str
    group_id: str
    tutor_id: str
    tutoring_group_id: str
    session_id: str


Action = Callable[[PlanActions, Made], object]

#: Every public action, each called as a teacher's laptop would call it successfully.
ACTIONS: dict[str, Action] = {
    "save_note": lambda a, m: a.save_note(
        student_id=m.student_id, body="Reads with a partner now", now=NOW
    ),
    "revise_note": lambda a, m: a.revise_note(
        note_id=m.note_id, body="Reads aloud with expression", now=NOW
    ),
    "reassign": lambda a, m: a.reassign(
        units=[(m.student_id, m.unit_id)], mastery_score=MASTERY, now=NOW
    ),
    "undo_reassignment": lambda a, m: a.undo_reassignment(batch_id=m.batch_id, now=NOW),
    "set_goal": lambda a, m: a.set_goal(
        student_id=m.student_id,
        content_area_id=m.area_id,
        kind=GoalKind.AVERAGE_SCORE,
        target=90,
        goal_id=m.goal_id,
        now=NOW,
    ),
    "drop_goal": lambda a, m: a.drop_goal(goal_id=m.goal_id, now=NOW),
    "restore_goal": lambda a, m: a.restore_goal(goal_id=m.dropped_goal_id, now=NOW),
    "set_profile_field": lambda a, m: a.set_profile_field(
        student_id=m.student_id, field="interests", value="Dinosaurs", now=NOW
    ),
    "celebrate": lambda a, m: a.celebrate(
        student_id=m.student_id, goal_id=m.goal_id, week=WEEK, note="Met the goal", now=NOW
    ),
    "accept_groups": lambda a, m: a.accept_groups(
        section_id=SECTION,
        content_area_id=m.area_id,
        week=WEEK,
        groups=[
            GroupDraft("Story sleuths", (m.student_id,), group_id=m.group_id),
            GroupDraft("Word builders", (m.classmate_id, m.newcomer_id)),
        ],
        now=NOW,
    ),
    "move_student": lambda a, m: a.move_student(
        student_id=m.newcomer_id, group_id=m.group_id, now=NOW
    ),
    "rename_group": lambda a, m: a.rename_group(group_id=m.group_id, name="Story sleuths", now=NOW),
    "dissolve_group": lambda a, m: a.dissolve_group(group_id=m.group_id, now=NOW),
    "set_up_rotation": lambda a, m: a.set_up_rotation(
        section_id=SECTION,
        content_area_id=m.area_id,
        week=WEEK,
        stations=DEFAULT_STATIONS[:3],
        round_minutes=20,
        now=NOW,
    ),
    "set_rotation_progress": lambda a, m: a.set_rotation_progress(
        section_id=SECTION,
        content_area_id=m.area_id,
        week=WEEK,
        progress=RotationProgress().start_round(0, NOW),
        now=NOW,
    ),
    "save_tutor": lambda a, m: a.save_tutor(
        section_id=SECTION, tutor_id=m.tutor_id, name="Mr. Okafor", now=NOW
    ),
    "save_tutoring_group": lambda a, m: a.save_tutoring_group(
        section_id=SECTION,
        group_id=m.tutoring_group_id,
        members=[m.student_id, m.classmate_id, m.newcomer_id],
        now=NOW,
    ),
    "log_session": lambda a, m: a.log_session(
        group_id=m.tutoring_group_id,
        held_on=WEEK,
        minutes=20,
        attendees=[m.student_id, m.classmate_id],
        now=NOW,
    ),
    "void_session": lambda a, m: a.void_session(session_id=m.session_id, now=NOW),
}

#: Edits typed on into a change still waiting in the outbox: the action rewrites that
#: pending mutation instead of queueing a new one (they once skipped the role's check).
EDITS_OF_WAITING_CHANGES: dict[str, Action] = {
    "save_note in place": lambda a, m: a.save_note(
        student_id=m.student_id, body="Written over by a principal", note_id=m.note_id, now=NOW
    ),
    "revise_note typed on": lambda a, m: a.revise_note(
        note_id=m.note_id, body="Written over by a coach", version_id=m.revision_id, now=NOW
    ),
    "set_profile_field again": lambda a, m: a.set_profile_field(
        student_id=m.student_id, field="strengths", value="Written over", now=NOW
    ),
}


#: Public members of PlanActions that are not actions, each with why.
NOT_ACTIONS = {
    "read_only": "a question (is this laptop read-only?) the screens ask; it writes nothing",
}


def public_members() -> set[str]:
    # Helpers start with "_"; a public member added later shows up here and must be put
    # in ACTIONS or in NOT_ACTIONS with its reason.
    return {
        name for name, _ in inspect.getmembers(PlanActions, callable) if not name.startswith("_")
    }


def sign_in(store: Store, role: str) -> None:
    Replica(store).remember_sign_in(
        server_url="https://school.example",
        user=f"a {role}",
        account_id=f"account of a {role}",
        role=role,
    )


def every_row(store: Store) -> Rows:
    """The whole store: the schema and each table's rows with their rowids (a table
    without rowids, in its key's order)."""
    connection = store.connection
    tables = {
        name: "*" if without_rowid else "rowid, *"
        for (name, without_rowid) in connection.execute(
            "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' ORDER BY name"
        )
    }
    return {
        table: [tuple(row) for row in connection.execute(f'SELECT {columns} FROM "{table}"')]
        for table, columns in tables.items()
    }


def outbox_size(store: Store) -> int:
    return int(store.connection.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def make_one_of_each(store: Store, actions: PlanActions) -> Made:
    student, area, unit = store.connection.execute(
        "SELECT p.student_id, p.content_area_id, p.unit_id FROM unit_progress p"
        " JOIN enrollment e ON e.student_id = p.student_id AND e.section_id = ?"
        " WHERE p.latest_score < ? ORDER BY p.student_id, p.content_area_id, p.unit_id",
        (SECTION, MASTERY),
    ).fetchone()
    classmate, newcomer = (
        row[0]
        for row in store.connection.execute(
            "SELECT student_id FROM enrollment WHERE section_id = ? AND student_id != ?"
            " ORDER BY student_id LIMIT 2",
            (SECTION, student),
        )
    )
    note = actions.save_note(student_id=student, body="Reads aloud with care", now=NOW)
    assert note is not None
    revision = actions.revise_note(note_id=note, body="Reads aloud, with care", now=NOW)
    assert revision is not None
    actions.revise_note(
        note_id=note, body="Reads aloud, with great care", version_id=revision, now=NOW
    )
    actions.set_profile_field(student_id=student, field="strengths", value="Retells", now=NOW)
    dropped = actions.set_goal(
        student_id=student, content_area_id=area, kind=GoalKind.MINUTES, target=120, now=NOW
    )
    actions.drop_goal(goal_id=dropped, now=NOW)
    [group] = actions.accept_groups(
        section_id=SECTION,
        content_area_id=area,
        week=WEEK,
        groups=[GroupDraft("Word detectives", (student, classmate))],
        now=NOW,
    )
    actions.set_up_rotation(
        section_id=SECTION,
        content_area_id=area,
        week=WEEK,
        stations=DEFAULT_STATIONS,
        round_minutes=15,
        now=NOW,
    )
    tutor = actions.save_tutor(section_id=SECTION, name="Ms. Ade", role="volunteer", now=NOW)
    tutoring_group = actions.save_tutoring_group(
        section_id=SECTION,
        content_area_id=area,
        name="Boost",
        tutor_id=tutor,
        schedule=Schedule.of([0, 2], "9:30"),
        plan=Plan(3, 30),
        members=[student, classmate],
        now=NOW,
    )
    return Made(
        area_id=area,
        student_id=student,
        classmate_id=classmate,
        newcomer_id=newcomer,
        unit_id=unit,
        note_id=note,
        revision_id=revision,
        batch_id=actions.reassign(units=[(student, unit)], mastery_score=MASTERY, now=NOW),
        goal_id=actions.set_goal(
            student_id=student,
            content_area_id=area,
            kind=GoalKind.AVERAGE_SCORE,
            target=85,
            now=NOW,
        ),
        dropped_goal_id=dropped,
        group_id=group,
        tutor_id=tutor,
        tutoring_group_id=tutoring_group,
        session_id=actions.log_session(
            group_id=tutoring_group, held_on=WEEK, minutes=25, attendees=[student], now=NOW
        ),
    )


@pytest.fixture
def actions(demo_store: Store) -> PlanActions:
    return PlanActions(demo_store, ensure_device(demo_store))


@pytest.fixture
def made(demo_store: Store, actions: PlanActions) -> Made:
    """The records, made by a signed-in teacher; their changes still wait in the outbox."""
    sign_in(demo_store, "teacher")
    return make_one_of_each(demo_store, actions)


def assert_refused_and_nothing_changed(
    store: Store, actions: PlanActions, made: Made, action: Action
) -> None:
    before = every_row(store)
    with pytest.raises(ReadOnlyAccountError, match=REFUSAL):
        action(actions, made)
    assert every_row(store) == before


def test_the_table_names_every_public_action() -> None:
    members = public_members()
    assert set(NOT_ACTIONS) <= members  # no stale exclusion
    assert set(ACTIONS) == members - set(NOT_ACTIONS)


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_teachers_laptop_saves_each_action(
    demo_store: Store,
    actions: PlanActions,
    made: Made,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The entry must call the action it is named after (not a neighbour copied in).
    called: list[str] = []
    method = getattr(actions, name)

    def recorded(*args: object, **kwargs: object) -> object:
        called.append(name)
        return method(*args, **kwargs)

    monkeypatch.setattr(actions, name, recorded)
    before = outbox_size(demo_store)
    ACTIONS[name](actions, made)
    assert called == [name]
    assert outbox_size(demo_store) > before


@pytest.mark.parametrize("role", READ_ONLY)
@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_read_only_laptop_refuses_each_action_and_writes_nothing(
    demo_store: Store, actions: PlanActions, made: Made, name: str, role: str
) -> None:
    sign_in(demo_store, role)
    assert actions.read_only()
    assert_refused_and_nothing_changed(demo_store, actions, made, ACTIONS[name])


@pytest.mark.parametrize("role", READ_ONLY)
@pytest.mark.parametrize("name", sorted(EDITS_OF_WAITING_CHANGES))
def test_a_read_only_laptop_refuses_edits_of_changes_still_waiting(
    demo_store: Store, actions: PlanActions, made: Made, name: str, role: str
) -> None:
    sign_in(demo_store, role)
    assert_refused_and_nothing_changed(demo_store, actions, made, EDITS_OF_WAITING_CHANGES[name])


def role_never_kept(store: Store) -> None:
    """Signed in before laptops kept the account's role: the server stays the judge."""
    store.connection.execute("UPDATE sync_state SET role = NULL")


def signed_back_in_as_a_teacher(store: Store) -> None:
    sign_in(store, "teacher")


@pytest.mark.parametrize("back_to_writing", [role_never_kept, signed_back_in_as_a_teacher])
def test_a_laptop_no_longer_read_only_writes_again(
    demo_store: Store,
    actions: PlanActions,
    made: Made,
    back_to_writing: Callable[[Store], None],
) -> None:
    sign_in(demo_store, "principal")
    with pytest.raises(ReadOnlyAccountError):
        ACTIONS["save_note"](actions, made)
    back_to_writing(demo_store)
    assert not actions.read_only()
    before = outbox_size(demo_store)
    ACTIONS["save_note"](actions, made)
    ACTIONS["log_session"](actions, made)
    assert outbox_size(demo_store) == before + 2

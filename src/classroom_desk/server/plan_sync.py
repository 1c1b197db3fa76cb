"""Push handlers for a class's groups, rotations and tutoring (one per mutation kind).

Every record belongs to a class section the caller teaches or co-teaches (checked
before a handler runs, from the envelope) and names it again in its payload; a
student it names must be enrolled in that section; a record it refers to (a group, a
tutor, a tutoring group) must be of the same section. A new record is inserted bare
and each field given is merged on its own (last writer wins by clock stamp, a losing
value kept in ``plan_conflict``); tutoring sessions are append-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn, Protocol

from classroom_desk.domain.groups import placement_id
from classroom_desk.domain.rotation import (
    RotationProgress,
    Station,
    StationKind,
    encode_progress,
    encode_stations,
    rotation_id,
)
from classroom_desk.domain.tutoring import (
    Plan,
    Schedule,
    encode_members,
    encode_plan,
    encode_schedule,
)
from classroom_desk.sync.protocol import (
    GroupCreate,
    GroupPlace,
    GroupRename,
    GroupSetStatus,
    Mutation,
    MutationPayload,
    RotationProgressSet,
    RotationSetup,
    TutoringGroupPut,
    TutoringSessionLog,
    TutoringSessionVoid,
    TutorPut,
)


class PlanContext(Protocol):
    """What a handler needs of the mutation being applied (``sync_service._Context``)."""

    mutation: Mutation
    device_id: str
    sections: frozenset[str]

    def one(self, sql: str, **params: Any) -> Any: ...

    def run(self, sql: str, **params: Any) -> None: ...

    def created_at(self) -> str: ...

    def republish(self, table: str, row_id: str) -> int: ...

    def reject(self, reason: str) -> NoReturn: ...

    def merge_field(self, table: str, field: str, value: object, *, section_id: str) -> bool: ...


def _same_class(c: PlanContext, section_id: str) -> str:
    """The payload's class is the envelope's (already checked to be the caller's)."""
    if section_id != c.mutation.student_id:
        c.reject("the change names two different classes")
    return section_id


def _record_section(c: PlanContext, table: str, section_id: str) -> bool:
    """Whether the record exists; one of another class is refused."""
    row = c.one(f"SELECT section_id FROM {table} WHERE id = :id", id=c.mutation.record_id)
    if row is None:
        return False
    if row[0] != section_id:
        c.reject(f"a {table.replace('_', ' ')} with this id belongs to another class")
    return True


def _require_block(c: PlanContext, section_id: str, content_area_id: str) -> None:
    found = c.one(
        "SELECT 1 FROM section_content_area WHERE section_id = :s AND content_area_id = :a",
        s=section_id,
        a=content_area_id,
    )
    if found is None:
        c.reject("this class does not work in that content area on the school server")


def _require_enrolled(c: PlanContext, section_id: str, student_ids: Iterable[str]) -> None:
    for student_id in student_ids:
        found = c.one(
            "SELECT 1 FROM enrollment WHERE section_id = :s AND student_id = :st",
            s=section_id,
            st=student_id,
        )
        if found is None:
            c.reject("a student in this change is not in the class on the school server")


def _insert(c: PlanContext, table: str, values: dict[str, object]) -> None:
    """A new record, bare: its merged fields are written by ``merge_field`` after."""
    row = {"id": c.mutation.record_id, **values, "device_id": c.device_id}
    row["created_at"] = c.created_at()
    columns = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    c.run(f"INSERT INTO {table} ({columns}) VALUES ({marks})", **row)


def _merge(c: PlanContext, table: str, section_id: str, fields: dict[str, object | None]) -> None:
    """Merge each field given (``None``: not sent, unchanged)."""
    for name, value in fields.items():
        if value is not None:
            c.merge_field(table, name, value, section_id=section_id)


# -- groups ------------------------------------------------------------------------------


def _group_create(c: PlanContext, p: GroupCreate) -> None:
    section = _same_class(c, p.section_id)
    _require_block(c, section, p.content_area_id)
    if _record_section(c, "student_group", section):
        c.merge_field("student_group", "name", p.name, section_id=section)
        return
    _insert(
        c,
        "student_group",
        {
            "section_id": section,
            "content_area_id": p.content_area_id,
            "week": p.week.isoformat(),
            "basis": p.basis,
            "reason": p.reason,
            "unit_id": p.unit_id,
        },
    )
    _merge(c, "student_group", section, {"name": p.name, "status": "active"})


def _group_rename(c: PlanContext, p: GroupRename) -> None:
    section = _same_class(c, p.section_id)
    if not _record_section(c, "student_group", section):
        c.reject("the group is not on the school server")
    c.merge_field("student_group", "name", p.name, section_id=section)


def _group_set_status(c: PlanContext, p: GroupSetStatus) -> None:
    section = _same_class(c, p.section_id)
    if not _record_section(c, "student_group", section):
        c.reject("the group is not on the school server")
    c.merge_field("student_group", "status", p.status, section_id=section)


def _group_place(c: PlanContext, p: GroupPlace) -> None:
    section, week, student = p.section_id, p.week.isoformat(), c.mutation.student_id
    if section not in c.sections:
        c.reject("this class is not one of yours on the school server")
    if c.mutation.record_id != placement_id(section, p.content_area_id, week, student):
        c.reject("this placement's id is not its student's and block's")
    _require_enrolled(c, section, [student])
    if p.group_id is not None:
        group = c.one(
            "SELECT 1 FROM student_group WHERE id = :id AND section_id = :s"
            " AND content_area_id = :a AND week = :w",
            id=p.group_id,
            s=section,
            a=p.content_area_id,
            w=week,
        )
        if group is None:
            c.reject("the group is not in this class's block on the school server")
    if c.one("SELECT 1 FROM group_member WHERE id = :id", id=c.mutation.record_id) is None:
        _insert(
            c,
            "group_member",
            {
                "section_id": section,
                "content_area_id": p.content_area_id,
                "week": week,
                "student_id": student,
            },
        )
    # A student leaving every group is a value too (NULL), merged as any other.
    c.merge_field("group_member", "group_id", p.group_id, section_id=section)


# -- the rotation board ------------------------------------------------------------------


def _rotation_row(c: PlanContext, section: str, area: str, week: str) -> None:
    if c.mutation.record_id != rotation_id(section, area, week):
        c.reject("this rotation's id is not its block's")
    _require_block(c, section, area)
    if not _record_section(c, "rotation", section):
        _insert(c, "rotation", {"section_id": section, "content_area_id": area, "week": week})


def _rotation_setup(c: PlanContext, p: RotationSetup) -> None:
    section = _same_class(c, p.section_id)
    _rotation_row(c, section, p.content_area_id, p.week.isoformat())
    stations = [
        Station(StationKind(kind), name)
        for name, kind in zip(p.station_names, p.station_kinds, strict=True)
    ]
    _merge(
        c,
        "rotation",
        section,
        {"stations": encode_stations(stations), "round_minutes": p.round_minutes},
    )


def _rotation_progress(c: PlanContext, p: RotationProgressSet) -> None:
    section = _same_class(c, p.section_id)
    _rotation_row(c, section, p.content_area_id, p.week.isoformat())
    progress = RotationProgress(p.round_number, p.started_at, p.paused_left)
    c.merge_field("rotation", "progress", encode_progress(progress), section_id=section)


# -- tutoring ----------------------------------------------------------------------------


def _tutor_put(c: PlanContext, p: TutorPut) -> None:
    section = _same_class(c, p.section_id)
    if not _record_section(c, "tutor", section):
        if p.name is None or p.role is None:
            c.reject("a new tutor needs a name and a role")
        _insert(c, "tutor", {"section_id": section})
        p = p.model_copy(update={"active": True if p.active is None else p.active})
    active = None if p.active is None else int(p.active)
    _merge(c, "tutor", section, {"name": p.name, "role": p.role, "active": active})


def _require_tutor(c: PlanContext, section: str, tutor_id: str) -> None:
    found = c.one("SELECT 1 FROM tutor WHERE id = :id AND section_id = :s", id=tutor_id, s=section)
    if found is None:
        c.reject("the tutor is not one of this class's on the school server")


def _tutoring_group_put(c: PlanContext, p: TutoringGroupPut) -> None:
    section = _same_class(c, p.section_id)
    if not _record_section(c, "tutoring_group", section):
        missing = [
            name
            for name in ("name", "tutor_id", "schedule_days", "sessions_per_week", "members")
            if getattr(p, name) is None
        ]
        if missing:
            c.reject(f"a new tutoring group needs {', '.join(missing)}")
        if p.content_area_id is not None:
            _require_block(c, section, p.content_area_id)
        _insert(c, "tutoring_group", {"section_id": section, "content_area_id": p.content_area_id})
        p = p.model_copy(update={"active": True if p.active is None else p.active})
    if p.tutor_id is not None:
        _require_tutor(c, section, p.tutor_id)
    if p.members is not None:
        _require_enrolled(c, section, p.members)
    schedule = plan = None
    if p.schedule_days is not None and p.schedule_time is not None:
        days = (int(day) for day in p.schedule_days.split(",") if day)
        schedule = encode_schedule(Schedule.of(days, p.schedule_time))
    if p.sessions_per_week is not None and p.minutes_per_session is not None:
        plan = encode_plan(Plan(p.sessions_per_week, p.minutes_per_session))
    _merge(
        c,
        "tutoring_group",
        section,
        {
            "name": p.name,
            "tutor_id": p.tutor_id,
            "schedule": schedule,
            "plan": plan,
            "members": None if p.members is None else encode_members(p.members),
            "active": None if p.active is None else int(p.active),
        },
    )


def _tutoring_log(c: PlanContext, p: TutoringSessionLog) -> None:
    section = _same_class(c, p.section_id)
    if _record_section(c, "tutoring_session", section):
        c.reject("a tutoring session with this id already exists")
    group = c.one(
        "SELECT 1 FROM tutoring_group WHERE id = :id AND section_id = :s", id=p.group_id, s=section
    )
    if group is None:
        c.reject("the tutoring group is not one of this class's on the school server")
    _require_tutor(c, section, p.tutor_id)
    _require_enrolled(c, section, p.attendees)
    if p.focus_unit_id is not None and (
        c.one("SELECT 1 FROM unit WHERE id = :id", id=p.focus_unit_id) is None
    ):
        c.reject("the session's unit is not on the school server")
    _insert(
        c,
        "tutoring_session",
        {
            "section_id": section,
            "group_id": p.group_id,
            "tutor_id": p.tutor_id,
            "held_on": p.held_on.isoformat(),
            "minutes": p.minutes,
            "attendees": encode_members(p.attendees),
            "focus_unit_id": p.focus_unit_id,
            "focus": p.focus,
            "note": p.note,
        },
    )
    c.merge_field("tutoring_session", "voided", 0, section_id=section)


def _tutoring_void(c: PlanContext, p: TutoringSessionVoid) -> None:
    section = _same_class(c, p.section_id)
    if not _record_section(c, "tutoring_session", section):
        c.reject("the tutoring session is not on the school server")
    c.merge_field("tutoring_session", "voided", int(p.voided), section_id=section)


#: One handler per kind of the catalogue this module serves.
HANDLERS: dict[type[MutationPayload], Callable[[PlanContext, Any], None]] = {
    GroupCreate: _group_create,
    GroupRename: _group_rename,
    GroupSetStatus: _group_set_status,
    GroupPlace: _group_place,
    RotationSetup: _rotation_setup,
    RotationProgressSet: _rotation_progress,
    TutorPut: _tutor_put,
    TutoringGroupPut: _tutoring_group_put,
    TutoringSessionLog: _tutoring_log,
    TutoringSessionVoid: _tutoring_void,
}

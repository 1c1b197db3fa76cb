"""A teacher's plans for centers and tutoring, each as one short durable transaction:
groups of a block, the rotation board, tutors, tutoring groups and the session log.

As every teacher action does (``teacher_actions``): ids are checked first (a clear
error, nothing written), the rows are written, and the matching mutation of the
catalogue goes to the outbox in the same transaction. A class's records are scoped
by its section (the outbox's ``student_id`` holds the section id, as the wire's
envelope does); a placement is scoped by its student. Merged fields get the action's
clock stamp, the same one the server merges with.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from pydantic import ValidationError

from classroom_desk.domain.groups import GroupBasis, placement_id
from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.rotation import (
    RotationProgress,
    Station,
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
from classroom_desk.store.teacher_actions import (
    ActionError,
    TeacherActions,
    UnknownRecordError,
    _utcnow,
    new_id,
)
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.protocol import (
    GroupCreate,
    GroupPlace,
    GroupRename,
    GroupSetStatus,
    MutationPayload,
    RotationProgressSet,
    RotationSetup,
    TutoringGroupPut,
    TutoringSessionLog,
    TutoringSessionVoid,
    TutorPut,
)

P = TypeVar("P", bound=MutationPayload)


@dataclass(frozen=True, slots=True)
class GroupDraft:
    """A group as the teacher accepts it: a new one (``group_id`` None) or one of the
    block's groups kept (renamed if its name changed)."""

    name: str
    student_ids: tuple[str, ...]
    basis: GroupBasis = GroupBasis.TEACHER
    reason: str = ""
    unit_id: str | None = None
    group_id: str | None = None


def _payload(model: type[P], **values: Any) -> P:
    """The change's typed payload, its limits checked; else ActionError in words."""
    try:
        return model(**values)
    except ValidationError as error:
        reasons = []
        for problem in error.errors(include_input=False, include_url=False)[:3]:
            where = ".".join(str(part) for part in problem["loc"])
            message = str(problem["msg"]).removeprefix("Value error, ")
            reasons.append(f"{where}: {message}" if where else message)
        raise ActionError(f"{'; '.join(reasons)}: nothing was saved") from None


def _given(**values: object) -> dict[str, object]:
    """The merged fields a change sets (``None``: not changed)."""
    return {name: value for name, value in values.items() if value is not None}


def _flag(value: bool | None) -> int | None:
    """A yes/no field as stored (1 or 0), ``None`` when not changed."""
    return None if value is None else int(value)


class PlanActions(TeacherActions):
    """Groups, rotations and tutoring, on top of the conference's actions."""

    # -- helpers -----------------------------------------------------------------

    def _checked_class(self, connection: sqlite3.Connection, section_id: str) -> None:
        self._require(connection, "class_section", section_id, "class")

    @staticmethod
    def _require_enrolled(
        connection: sqlite3.Connection, section_id: str, student_ids: Iterable[str]
    ) -> None:
        for student_id in student_ids:
            found = connection.execute(
                "SELECT 1 FROM enrollment WHERE section_id = ? AND student_id = ?",
                (section_id, student_id),
            ).fetchone()
            if found is None:
                raise ActionError(f"student {student_id!r} is not in this class: nothing was saved")

    @staticmethod
    def _section_of(connection: sqlite3.Connection, table: str, record_id: str, what: str) -> str:
        """The class section a record of ``table`` (a constant of this module) belongs to."""
        row = connection.execute(
            f"SELECT section_id FROM {table} WHERE id = ? AND tombstone = 0", (record_id,)
        ).fetchone()
        if row is None:
            raise UnknownRecordError(f"unknown {what} id {record_id!r}: nothing was saved")
        return str(row[0])

    def _write(
        self,
        connection: sqlite3.Connection,
        table: str,
        record_id: str,
        fields: Mapping[str, object],
        stamp: Stamp,
    ) -> None:
        """Merged fields written locally with the change's stamp."""
        if not fields:
            return
        sets = ", ".join(f"{name} = ?, {name}_stamp = ?" for name in fields)
        values: list[object] = []
        for value in fields.values():
            values += [value, stamp.encode()]
        connection.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values, record_id))

    def _insert(
        self,
        connection: sqlite3.Connection,
        table: str,
        values: Mapping[str, object],
        now: datetime,
    ) -> None:
        row = {**values, "device_id": self._device.id, "created_at": to_db_time(now)}
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))

    def _change(
        self,
        connection: sqlite3.Connection,
        *,
        table: str,
        record_id: str,
        scope: str,
        payload: MutationPayload,
        fields: Mapping[str, object],
        now: datetime,
    ) -> None:
        """Write merged fields and queue the change, one stamp for both."""
        stamp = self._stamp(connection, now)
        self._write(connection, table, record_id, fields, stamp)
        self._enqueue(
            connection, record_id=record_id, student_id=scope, payload=payload, stamp=stamp, now=now
        )

    # -- groups ------------------------------------------------------------------

    def accept_groups(
        self,
        *,
        section_id: str,
        content_area_id: str,
        week: date,
        groups: Sequence[GroupDraft],
        now: datetime | None = None,
    ) -> list[str]:
        """Save the block's groups as the teacher accepted them, in one transaction;
        returns their ids in the order given. Groups of the block not kept are
        dissolved; every student's placement follows (a student in no group: none)."""
        moment = now or _utcnow()
        placed = [sid for draft in groups for sid in draft.student_ids]
        if len(placed) != len(set(placed)):
            raise ActionError("a student is in two groups of the block: nothing was saved")
        if any(not draft.student_ids for draft in groups):
            raise ActionError("a group has no students: nothing was saved")
        with self._store.transaction() as connection:
            self._checked_class(connection, section_id)
            self._require(connection, "content_area", content_area_id, "content area")
            self._require_enrolled(connection, section_id, placed)
            block = (section_id, content_area_id, week.isoformat())
            current = {
                row[0]: row[1]
                for row in connection.execute(
                    "SELECT id, name FROM student_group WHERE section_id = ? AND"
                    " content_area_id = ? AND week = ? AND status = 'active' AND tombstone = 0",
                    block,
                )
            }
            ids: list[str] = []
            for position, draft in enumerate(groups):
                if draft.group_id is not None:
                    if draft.group_id not in current:
                        raise UnknownRecordError(
                            f"unknown group id {draft.group_id!r} in this block: nothing was saved"
                        )
                    if current[draft.group_id] != draft.name:
                        self._rename(connection, draft.group_id, section_id, draft.name, moment)
                    ids.append(draft.group_id)
                else:
                    # A microsecond apart: the block's groups read back in this order.
                    made_at = moment + timedelta(microseconds=position)
                    ids.append(self._create_group(connection, block, draft, made_at))
            for group_id in sorted(set(current) - set(ids)):
                self._set_status(connection, group_id, section_id, "dissolved", moment)
            wanted = {sid: gid for gid, d in zip(ids, groups, strict=True) for sid in d.student_ids}
            for (student_id,) in connection.execute(
                "SELECT student_id FROM enrollment WHERE section_id = ? ORDER BY student_id",
                (section_id,),
            ).fetchall():
                self._place(connection, block, student_id, wanted.get(student_id), moment)
        return ids

    def _create_group(
        self,
        connection: sqlite3.Connection,
        block: tuple[str, str, str],
        draft: GroupDraft,
        now: datetime,
    ) -> str:
        section_id, area, week = block
        payload = _payload(
            GroupCreate,
            section_id=section_id,
            content_area_id=area,
            week=date.fromisoformat(week),
            name=draft.name,
            basis=draft.basis.value,
            reason=draft.reason,
            unit_id=draft.unit_id,
        )
        group_id = new_id()
        self._insert(
            connection,
            "student_group",
            {
                "id": group_id,
                "section_id": section_id,
                "content_area_id": area,
                "week": week,
                "basis": payload.basis,
                "reason": payload.reason,
                "unit_id": payload.unit_id,
                "name": payload.name,
                "status": "active",
            },
            now,
        )
        self._change(
            connection,
            table="student_group",
            record_id=group_id,
            scope=section_id,
            payload=payload,
            fields={"name": payload.name, "status": "active"},
            now=now,
        )
        return group_id

    def _rename(
        self,
        connection: sqlite3.Connection,
        group_id: str,
        section_id: str,
        name: str,
        now: datetime,
    ) -> None:
        payload = _payload(GroupRename, section_id=section_id, name=name)
        self._change(
            connection,
            table="student_group",
            record_id=group_id,
            scope=section_id,
            payload=payload,
            fields={"name": payload.name},
            now=now,
        )

    def _set_status(
        self,
        connection: sqlite3.Connection,
        group_id: str,
        section_id: str,
        status: str,
        now: datetime,
    ) -> None:
        self._change(
            connection,
            table="student_group",
            record_id=group_id,
            scope=section_id,
            payload=_payload(GroupSetStatus, section_id=section_id, status=status),
            fields={"status": status},
            now=now,
        )

    def _place(
        self,
        connection: sqlite3.Connection,
        block: tuple[str, str, str],
        student_id: str,
        group_id: str | None,
        now: datetime,
    ) -> bool:
        """The student's placement in the block, written only when it changes."""
        section_id, area, week = block
        record_id = placement_id(section_id, area, week, student_id)
        row = connection.execute(
            "SELECT group_id FROM group_member WHERE id = ?", (record_id,)
        ).fetchone()
        if (row[0] if row else None) == group_id:
            return False
        if row is None:
            self._insert(
                connection,
                "group_member",
                {
                    "id": record_id,
                    "section_id": section_id,
                    "content_area_id": area,
                    "week": week,
                    "student_id": student_id,
                },
                now,
            )
        payload = _payload(
            GroupPlace,
            section_id=section_id,
            content_area_id=area,
            week=date.fromisoformat(week),
            group_id=group_id,
        )
        self._change(
            connection,
            table="group_member",
            record_id=record_id,
            scope=student_id,
            payload=payload,
            fields={"group_id": group_id},
            now=now,
        )
        return True

    def _group(self, connection: sqlite3.Connection, group_id: str) -> tuple[str, str, str]:
        row = connection.execute(
            "SELECT section_id, content_area_id, week FROM student_group"
            " WHERE id = ? AND tombstone = 0",
            (group_id,),
        ).fetchone()
        if row is None:
            raise UnknownRecordError(f"unknown group id {group_id!r}: nothing was saved")
        return row[0], row[1], row[2]

    def move_student(
        self,
        *,
        student_id: str,
        group_id: str | None,
        block: tuple[str, str, date] | None = None,
        now: datetime | None = None,
    ) -> None:
        """Put a student in one of the block's groups (``None``: out of every group).
        ``block`` (section, area, week) is needed only to take a student out."""
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            if group_id is not None:
                key = self._group(connection, group_id)
            elif block is not None:
                key = (block[0], block[1], block[2].isoformat())
            else:
                raise ActionError("which block to take the student out of: nothing was saved")
            self._require_enrolled(connection, key[0], [student_id])
            self._place(connection, key, student_id, group_id, moment)

    def rename_group(self, *, group_id: str, name: str, now: datetime | None = None) -> None:
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            section_id, _area, _week = self._group(connection, group_id)
            self._rename(connection, group_id, section_id, name, moment)

    def dissolve_group(self, *, group_id: str, now: datetime | None = None) -> None:
        """The group is no more: its students are in no group of the block."""
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            block = self._group(connection, group_id)
            members = connection.execute(
                "SELECT student_id FROM group_member WHERE group_id = ? ORDER BY student_id",
                (group_id,),
            ).fetchall()
            for (student_id,) in members:
                self._place(connection, block, student_id, None, moment)
            self._set_status(connection, group_id, block[0], "dissolved", moment)

    # -- the rotation board ------------------------------------------------------

    def _rotation_row(
        self, connection: sqlite3.Connection, section_id: str, area: str, week: date, now: datetime
    ) -> str:
        self._checked_class(connection, section_id)
        record_id = rotation_id(section_id, area, week.isoformat())
        if connection.execute("SELECT 1 FROM rotation WHERE id = ?", (record_id,)).fetchone():
            return record_id
        self._insert(
            connection,
            "rotation",
            {
                "id": record_id,
                "section_id": section_id,
                "content_area_id": area,
                "week": week.isoformat(),
            },
            now,
        )
        return record_id

    def set_up_rotation(
        self,
        *,
        section_id: str,
        content_area_id: str,
        week: date,
        stations: Sequence[Station],
        round_minutes: int,
        now: datetime | None = None,
    ) -> str:
        payload = _payload(
            RotationSetup,
            section_id=section_id,
            content_area_id=content_area_id,
            week=week,
            station_names=[station.name for station in stations],
            station_kinds=[station.kind.value for station in stations],
            round_minutes=round_minutes,
        )
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            record_id = self._rotation_row(connection, section_id, content_area_id, week, moment)
            self._change(
                connection,
                table="rotation",
                record_id=record_id,
                scope=section_id,
                payload=payload,
                fields={"stations": encode_stations(stations), "round_minutes": round_minutes},
                now=moment,
            )
        return record_id

    def set_rotation_progress(
        self,
        *,
        section_id: str,
        content_area_id: str,
        week: date,
        progress: RotationProgress,
        now: datetime | None = None,
    ) -> None:
        payload = _payload(
            RotationProgressSet,
            section_id=section_id,
            content_area_id=content_area_id,
            week=week,
            round_number=progress.round_number,
            started_at=progress.started_at,
            paused_left=progress.paused_left,
        )
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            record_id = self._rotation_row(connection, section_id, content_area_id, week, moment)
            self._change(
                connection,
                table="rotation",
                record_id=record_id,
                scope=section_id,
                payload=payload,
                fields={"progress": encode_progress(progress)},
                now=moment,
            )

    # -- tutoring ----------------------------------------------------------------

    def save_tutor(
        self,
        *,
        section_id: str,
        name: str | None = None,
        role: str | None = None,
        active: bool | None = None,
        tutor_id: str | None = None,
        now: datetime | None = None,
    ) -> str:
        """A new tutor (name and role), or the fields given of an existing one."""
        payload = _payload(TutorPut, section_id=section_id, name=name, role=role, active=active)
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            self._checked_class(connection, section_id)
            if tutor_id is None:
                if payload.name is None or payload.role is None:
                    raise ActionError("a new tutor needs a name and a role: nothing was saved")
                tutor_id = new_id()
                self._insert(
                    connection,
                    "tutor",
                    {"id": tutor_id, "section_id": section_id, "name": "", "role": ""},
                    moment,
                )
                payload = payload.model_copy(update={"active": True})
            elif self._section_of(connection, "tutor", tutor_id, "tutor") != section_id:
                raise ActionError("the tutor belongs to another class: nothing was saved")
            fields = _given(name=payload.name, role=payload.role, active=_flag(payload.active))
            self._change(
                connection,
                table="tutor",
                record_id=tutor_id,
                scope=section_id,
                payload=payload,
                fields=fields,
                now=moment,
            )
        return tutor_id

    def save_tutoring_group(
        self,
        *,
        section_id: str,
        group_id: str | None = None,
        content_area_id: str | None = None,
        name: str | None = None,
        tutor_id: str | None = None,
        schedule: Schedule | None = None,
        plan: Plan | None = None,
        members: Sequence[str] | None = None,
        active: bool | None = None,
        now: datetime | None = None,
    ) -> str:
        """A new tutoring group (every field), or the fields given of an existing one.
        The ratio by grade band is a warning the view shows, never a refusal."""
        payload = _payload(
            TutoringGroupPut,
            section_id=section_id,
            content_area_id=content_area_id if group_id is None else None,
            name=name,
            tutor_id=tutor_id,
            schedule_days=None if schedule is None else ",".join(map(str, schedule.days)),
            schedule_time=None if schedule is None else schedule.time,
            sessions_per_week=None if plan is None else plan.sessions_per_week,
            minutes_per_session=None if plan is None else plan.minutes_per_session,
            members=None if members is None else list(members),
            active=active,
        )
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            self._checked_class(connection, section_id)
            if (
                payload.tutor_id is not None
                and self._section_of(connection, "tutor", payload.tutor_id, "tutor") != section_id
            ):
                raise ActionError("the tutor belongs to another class: nothing was saved")
            if payload.members is not None:
                self._require_enrolled(connection, section_id, payload.members)
            if group_id is None:
                if None in (payload.name, payload.tutor_id, schedule, plan, payload.members):
                    raise ActionError(
                        "a new tutoring group needs a name, a tutor, a schedule, a plan and"
                        " its students: nothing was saved"
                    )
                group_id = new_id()
                self._insert(
                    connection,
                    "tutoring_group",
                    {
                        "id": group_id,
                        "section_id": section_id,
                        "content_area_id": content_area_id,
                        "name": "",
                        "tutor_id": payload.tutor_id,
                        "schedule": "",
                        "plan": "",
                        "members": "[]",
                    },
                    moment,
                )
                payload = payload.model_copy(update={"active": True})
            elif (
                self._section_of(connection, "tutoring_group", group_id, "tutoring group")
                != section_id
            ):
                raise ActionError("the tutoring group belongs to another class: nothing was saved")
            fields = _given(
                name=payload.name,
                tutor_id=payload.tutor_id,
                schedule=None if schedule is None else encode_schedule(schedule),
                plan=None if plan is None else encode_plan(plan),
                members=None if members is None else encode_members(members),
                active=_flag(payload.active),
            )
            self._change(
                connection,
                table="tutoring_group",
                record_id=group_id,
                scope=section_id,
                payload=payload,
                fields=fields,
                now=moment,
            )
        return group_id

    def log_session(
        self,
        *,
        group_id: str,
        held_on: date,
        minutes: int,
        attendees: Sequence[str],
        focus: str = "",
        focus_unit_id: str | None = None,
        note: str = "",
        now: datetime | None = None,
    ) -> str:
        """Log one tutoring session of the group, with its tutor; returns its id."""
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            row = connection.execute(
                "SELECT section_id, tutor_id FROM tutoring_group WHERE id = ? AND tombstone = 0",
                (group_id,),
            ).fetchone()
            if row is None:
                raise UnknownRecordError(
                    f"unknown tutoring group id {group_id!r}: nothing was saved"
                )
            section_id, tutor_id = row
            payload = _payload(
                TutoringSessionLog,
                section_id=section_id,
                group_id=group_id,
                tutor_id=tutor_id,
                held_on=held_on,
                minutes=minutes,
                attendees=list(attendees),
                focus_unit_id=focus_unit_id,
                focus=focus,
                note=note,
            )
            self._require_enrolled(connection, section_id, payload.attendees)
            if focus_unit_id is not None:
                self._require(connection, "unit", focus_unit_id, "unit")
            session_id = new_id()
            self._insert(
                connection,
                "tutoring_session",
                {
                    "id": session_id,
                    "section_id": section_id,
                    "group_id": group_id,
                    "tutor_id": tutor_id,
                    "held_on": held_on.isoformat(),
                    "minutes": payload.minutes,
                    "attendees": encode_members(payload.attendees),
                    "focus_unit_id": focus_unit_id,
                    "focus": payload.focus,
                    "note": payload.note,
                },
                moment,
            )
            self._change(
                connection,
                table="tutoring_session",
                record_id=session_id,
                scope=section_id,
                payload=payload,
                fields={"voided": 0},
                now=moment,
            )
        return session_id

    def void_session(
        self, *, session_id: str, voided: bool = True, now: datetime | None = None
    ) -> None:
        """A session logged by mistake no longer counts (kept, marked); undone by
        ``voided=False``."""
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            section_id = self._section_of(connection, "tutoring_session", session_id, "session")
            self._change(
                connection,
                table="tutoring_session",
                record_id=session_id,
                scope=section_id,
                payload=_payload(TutoringSessionVoid, section_id=section_id, voided=voided),
                fields={"voided": int(voided)},
                now=moment,
            )

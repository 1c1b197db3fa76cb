"""What a teacher does during a conference, each as one short durable transaction.

Every action checks its ids first (a clear error, nothing written), writes its rows,
and appends the matching mutation to the outbox in the same transaction, so what the
UI shows as saved is also what sync will push.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Literal

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.hlc import Stamp, next_stamp
from classroom_desk.domain.notes import MAX_NOTE_CHARS, NOTE_TAGS, plain_text
from classroom_desk.domain.profiles import (
    ProfileValue,
    ProfileValueError,
    checked_value,
    profile_id,
)
from classroom_desk.domain.roles import READ_ONLY_REFUSAL
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.timefmt import to_db_time

# The mutation catalogue's pydantic models are imported by each action, not here: they
# cost about 100 ms of the start, before the roster paints (the window's deferred
# services load them just after it has).
if TYPE_CHECKING:
    from classroom_desk.sync.protocol import MutationPayload

__all__ = [
    "MAX_NOTE_CHARS",
    "NOTE_TAGS",
    "ActionError",
    "ReadOnlyAccountError",
    "TeacherActions",
    "ensure_device",
]


class ActionError(ValueError):
    """A teacher action that cannot be applied; nothing was written."""


class UnknownRecordError(ActionError):
    pass


class ReadOnlyAccountError(ActionError):
    """The laptop is signed in as a principal or coach: the server would refuse the
    change at the next sync, so it is refused now, before anything is written."""


def new_id() -> str:
    return str(uuid.uuid4())


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Device:
    id: str


def ensure_device(store: Store) -> Device:
    """This laptop's identity in sync, made once and kept in the store."""
    with store.transaction() as connection:
        row = connection.execute("SELECT id FROM device").fetchone()
        if row is None:
            device_id = new_id()
            connection.execute(
                "INSERT INTO device (id, clock, created_at) VALUES (?, NULL, ?)",
                (device_id, to_db_time(_utcnow())),
            )
            return Device(device_id)
    return Device(row[0])


def _read_only(connection: sqlite3.Connection) -> bool:
    return RosterQueries(connection).read_only_role() is not None


class TeacherActions:
    """The conference's writes over one open store and this device's identity."""

    def __init__(self, store: Store, device: Device) -> None:
        self._store = store
        self._device = device

    def read_only(self) -> bool:
        """Signed in as an account that changes nothing (a principal, a coach): the
        screens offer no change, and any change is refused before it is written."""
        return _read_only(self._store.connection)

    # -- helpers -----------------------------------------------------------------

    def _stamp(self, connection: sqlite3.Connection, now: datetime) -> Stamp:
        """The stamp of a change this device makes now. Every change takes one, inside its
        own transaction, before it reaches the outbox (as a new row or folded into a waiting
        one): a read-only account's change stops here and the transaction writes nothing."""
        if _read_only(connection):
            raise ReadOnlyAccountError(f"{READ_ONLY_REFUSAL}: nothing was saved")
        row = connection.execute("SELECT clock FROM device WHERE id = ?", (self._device.id,))
        last_text = row.fetchone()[0]
        last = Stamp.decode(last_text) if last_text else None
        wall = int(now.replace(tzinfo=UTC).timestamp() * 1000)
        stamp = next_stamp(last, wall_millis=wall, device_id=self._device.id)
        connection.execute(
            "UPDATE device SET clock = ? WHERE id = ?", (stamp.encode(), self._device.id)
        )
        return stamp

    def _enqueue(
        self,
        connection: sqlite3.Connection,
        *,
        record_id: str,
        student_id: str,
        payload: MutationPayload,
        stamp: Stamp,
        now: datetime,
    ) -> None:
        """Append the change to the outbox; its kind is its payload's (the catalogue)."""
        connection.execute(
            "INSERT INTO outbox (mutation_id, device_id, kind, record_id, student_id, payload,"
            " stamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_id(),
                self._device.id,
                payload.KIND,
                record_id,
                student_id,
                payload.to_json(),
                stamp.encode(),
                to_db_time(now),
            ),
        )

    @staticmethod
    def _require(connection: sqlite3.Connection, table: str, record_id: str, what: str) -> None:
        found = connection.execute(
            f"SELECT 1 FROM {table} WHERE id = ?",  # table names are constants of this module
            (record_id,),
        ).fetchone()
        if found is None:
            raise UnknownRecordError(f"unknown {what} id {record_id!r}: nothing was saved")

    # -- notes -------------------------------------------------------------------

    def save_note(
        self,
        *,
        student_id: str,
        body: str,
        tags: Iterable[str] = (),
        follow_up_on: date | None = None,
        note_id: str | None = None,
        now: datetime | None = None,
    ) -> str | None:
        """Save the conference's note; returns its id, or ``None`` for an empty note.

        A note being written in the open conference (``note_id`` given, still this
        device's latest version) is saved in place as the teacher types; its pending
        outbox mutation carries the newest text.
        """
        text = _plain_note(body)
        tag_list = _checked_tags(tags)
        if not text:
            return None
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            self._require(connection, "student", student_id, "student")
            if note_id is None:
                note_id = new_id()
                connection.execute(
                    "INSERT INTO conference_note (id, student_id, supersedes_id, body, tags,"
                    " follow_up_on, updated_at, device_id, created_at)"
                    " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                    (
                        note_id,
                        student_id,
                        text,
                        ",".join(tag_list),
                        follow_up_on.isoformat() if follow_up_on else None,
                        to_db_time(moment),
                        self._device.id,
                        to_db_time(moment),
                    ),
                )
            else:
                updated = connection.execute(
                    "UPDATE conference_note SET body = ?, tags = ?, follow_up_on = ?,"
                    " updated_at = ? WHERE id = ? AND student_id = ? AND device_id = ?",
                    (
                        text,
                        ",".join(tag_list),
                        follow_up_on.isoformat() if follow_up_on else None,
                        to_db_time(moment),
                        note_id,
                        student_id,
                        self._device.id,
                    ),
                ).rowcount
                if updated != 1:
                    raise UnknownRecordError(
                        f"unknown note id {note_id!r} for this student: nothing was saved"
                    )
            self._put_note(
                connection,
                note_id=note_id,
                student_id=student_id,
                body=text,
                tags=tag_list,
                follow_up_on=follow_up_on.isoformat() if follow_up_on else None,
                now=moment,
            )
        return note_id

    def _put_note(
        self,
        connection: sqlite3.Connection,
        *,
        note_id: str,
        student_id: str,
        body: str,
        tags: list[str],
        follow_up_on: str | None,
        now: datetime,
    ) -> None:
        """The outbox's ``note.put`` for a note this device writes in place: a pending one
        takes the newest text (sync sends an edited mutation again), else a new one."""
        from classroom_desk.sync.protocol import NotePut

        payload = NotePut(
            student_id=student_id,
            body=body,
            tags=tags,  # type: ignore[arg-type]  # checked by _checked_tags
            follow_up_on=date.fromisoformat(follow_up_on) if follow_up_on else None,
        )
        stamp = self._stamp(connection, now)
        coalesced = connection.execute(
            "UPDATE outbox SET payload = ?, stamp = ? WHERE record_id = ?"
            " AND state = 'pending' AND kind = ?",
            (payload.to_json(), stamp.encode(), note_id, NotePut.KIND),
        ).rowcount
        if not coalesced:
            self._enqueue(
                connection,
                record_id=note_id,
                student_id=student_id,
                payload=payload,
                stamp=stamp,
                now=now,
            )

    def revise_note(
        self,
        *,
        note_id: str,
        body: str,
        version_id: str | None = None,
        now: datetime | None = None,
    ) -> str | None:
        """Edit an earlier note: a new version that supersedes it; the old one is kept.

        Returns the new version's id, or ``None`` for an empty text (nothing written).
        ``version_id`` (a version this call made for the same note) continues the edit
        being typed: that version is saved in place, as the open conference's note is.
        The version's own ``note.revise`` mutation is never rewritten, since the server
        refuses a second version under one id; later text goes as a ``note.put``.
        """
        from classroom_desk.sync.protocol import NoteRevise

        text = _plain_note(body)
        if not text:
            return None
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            if version_id is not None:
                self._continue_revision(
                    connection, note_id=note_id, version_id=version_id, body=text, now=moment
                )
                return version_id
            row = connection.execute(
                "SELECT student_id, tags, follow_up_on FROM conference_note WHERE id = ?",
                (note_id,),
            ).fetchone()
            if row is None:
                raise UnknownRecordError(f"unknown note id {note_id!r}: nothing was saved")
            version_id = new_id()
            connection.execute(
                "INSERT INTO conference_note (id, student_id, supersedes_id, body, tags,"
                " follow_up_on, updated_at, device_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    version_id,
                    row[0],
                    note_id,
                    text,
                    row[1],
                    row[2],
                    to_db_time(moment),
                    self._device.id,
                    to_db_time(moment),
                ),
            )
            self._enqueue(
                connection,
                record_id=version_id,
                student_id=row[0],
                payload=NoteRevise(supersedes_id=note_id, body=text),
                stamp=self._stamp(connection, moment),
                now=moment,
            )
        return version_id

    def _continue_revision(
        self,
        connection: sqlite3.Connection,
        *,
        note_id: str,
        version_id: str,
        body: str,
        now: datetime,
    ) -> None:
        row = connection.execute(
            "SELECT student_id, tags, follow_up_on FROM conference_note"
            " WHERE id = ? AND supersedes_id = ? AND device_id = ?",
            (version_id, note_id, self._device.id),
        ).fetchone()
        if row is None:
            raise UnknownRecordError(
                f"unknown edit {version_id!r} of note {note_id!r}: nothing was saved"
            )
        connection.execute(
            "UPDATE conference_note SET body = ?, updated_at = ? WHERE id = ?",
            (body, to_db_time(now), version_id),
        )
        self._put_note(
            connection,
            note_id=version_id,
            student_id=row[0],
            body=body,
            tags=[t for t in row[1].split(",") if t],
            follow_up_on=row[2],
            now=now,
        )

    # -- reassignment ------------------------------------------------------------

    def reassign(
        self,
        *,
        units: Sequence[tuple[str, str]],
        mastery_score: float,
        now: datetime | None = None,
    ) -> str:
        """Reassign (student, unit) pairs as one undoable step; returns the batch id.

        The reason recorded is the unit's latest score; a unit already mastered is
        refused, since reassigning it would send a student back for nothing.
        """
        from classroom_desk.sync.protocol import Reassign

        if not units:
            raise ActionError("no units to reassign")
        moment = now or _utcnow()
        batch_id = new_id()
        with self._store.transaction() as connection:
            for student_id, unit_id in units:
                self._require(connection, "student", student_id, "student")
                self._require(connection, "unit", unit_id, "unit")
                progress = connection.execute(
                    "SELECT latest_score FROM unit_progress WHERE student_id = ? AND unit_id = ?",
                    (student_id, unit_id),
                ).fetchone()
                if progress is None:
                    raise ActionError(f"unit {unit_id!r} was never attempted: nothing was saved")
                if progress[0] >= mastery_score:
                    raise ActionError(f"unit {unit_id!r} is already mastered: nothing was saved")
                event_id = new_id()
                reason = f"latest score {progress[0]:.0f}% under {mastery_score:.0f}%"
                connection.execute(
                    "INSERT INTO reassignment_event (id, student_id, unit_id, action, undoes_id,"
                    " batch_id, score, reason, device_id, created_at)"
                    " VALUES (?, ?, ?, 'reassign', NULL, ?, ?, ?, ?, ?)",
                    (
                        event_id,
                        student_id,
                        unit_id,
                        batch_id,
                        progress[0],
                        reason,
                        self._device.id,
                        to_db_time(moment),
                    ),
                )
                self._enqueue(
                    connection,
                    record_id=event_id,
                    student_id=student_id,
                    payload=Reassign(
                        unit_id=unit_id, batch_id=batch_id, score=progress[0], reason=reason
                    ),
                    stamp=self._stamp(connection, moment),
                    now=moment,
                )
        return batch_id

    def undo_reassignment(self, *, batch_id: str, now: datetime | None = None) -> int:
        """Undo every reassignment of a batch not undone yet; returns how many."""
        from classroom_desk.sync.protocol import UndoReassignment

        moment = now or _utcnow()
        with self._store.transaction() as connection:
            events = connection.execute(
                "SELECT id, student_id, unit_id FROM reassignment_event r"
                " WHERE batch_id = ? AND action = 'reassign'"
                " AND NOT EXISTS (SELECT 1 FROM reassignment_event u WHERE u.undoes_id = r.id)",
                (batch_id,),
            ).fetchall()
            undo_batch = new_id()
            for event_id, student_id, unit_id in events:
                undo_id = new_id()
                connection.execute(
                    "INSERT INTO reassignment_event (id, student_id, unit_id, action, undoes_id,"
                    " batch_id, score, reason, device_id, created_at)"
                    " VALUES (?, ?, ?, 'undo', ?, ?, NULL, 'undone', ?, ?)",
                    (
                        undo_id,
                        student_id,
                        unit_id,
                        event_id,
                        undo_batch,
                        self._device.id,
                        to_db_time(moment),
                    ),
                )
                self._enqueue(
                    connection,
                    record_id=undo_id,
                    student_id=student_id,
                    payload=UndoReassignment(unit_id=unit_id, undoes_id=event_id),
                    stamp=self._stamp(connection, moment),
                    now=moment,
                )
        return len(events)

    # -- goals and celebrations --------------------------------------------------

    def set_goal(
        self,
        *,
        student_id: str,
        content_area_id: str,
        kind: GoalKind,
        target: float,
        goal_id: str | None = None,
        now: datetime | None = None,
    ) -> str:
        """Set a new goal, or change an existing goal's target (last writer wins)."""
        from classroom_desk.sync.protocol import GoalCreate, GoalSetTarget

        if not kind.valid_target(target):
            raise ActionError(f"{target} is not a sensible target for {kind.value}")
        moment = now or _utcnow()
        with self._store.transaction() as connection:
            self._require(connection, "student", student_id, "student")
            self._require(connection, "content_area", content_area_id, "content area")
            stamp = self._stamp(connection, moment)
            if goal_id is None:
                goal_id = new_id()
                connection.execute(
                    "INSERT INTO goal (id, student_id, content_area_id, kind, target,"
                    " target_stamp, status, status_stamp, device_id, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                    (
                        goal_id,
                        student_id,
                        content_area_id,
                        kind.value,
                        target,
                        stamp.encode(),
                        stamp.encode(),
                        self._device.id,
                        to_db_time(moment),
                    ),
                )
                goal_change: type[GoalCreate | GoalSetTarget] = GoalCreate
            else:
                changed = connection.execute(
                    "UPDATE goal SET target = ?, target_stamp = ? WHERE id = ? AND student_id = ?",
                    (target, stamp.encode(), goal_id, student_id),
                ).rowcount
                if changed != 1:
                    raise UnknownRecordError(f"unknown goal id {goal_id!r}: nothing was saved")
                goal_change = GoalSetTarget
            self._enqueue(
                connection,
                record_id=goal_id,
                student_id=student_id,
                payload=goal_change(content_area_id=content_area_id, kind=kind, target=target),
                stamp=stamp,
                now=moment,
            )
        return goal_id

    def drop_goal(self, *, goal_id: str, now: datetime | None = None) -> None:
        """The goal no longer counts (kept, with its history); ``restore_goal`` undoes it."""
        self._set_goal_status(goal_id=goal_id, status="dropped", now=now)

    def restore_goal(self, *, goal_id: str, now: datetime | None = None) -> None:
        """Bring a dropped goal back: its status field written again, newer stamp, so it
        syncs and merges (last writer wins) as any other goal change."""
        self._set_goal_status(goal_id=goal_id, status="active", now=now)

    def _set_goal_status(
        self, *, goal_id: str, status: Literal["active", "dropped"], now: datetime | None
    ) -> None:
        from classroom_desk.sync.protocol import GoalSetStatus

        moment = now or _utcnow()
        with self._store.transaction() as connection:
            row = connection.execute(
                "SELECT student_id FROM goal WHERE id = ?", (goal_id,)
            ).fetchone()
            if row is None:
                raise UnknownRecordError(f"unknown goal id {goal_id!r}: nothing was saved")
            stamp = self._stamp(connection, moment)
            connection.execute(
                "UPDATE goal SET status = ?, status_stamp = ? WHERE id = ?",
                (status, stamp.encode(), goal_id),
            )
            self._enqueue(
                connection,
                record_id=goal_id,
                student_id=row[0],
                payload=GoalSetStatus(status=status),
                stamp=stamp,
                now=moment,
            )

    # -- learner profiles --------------------------------------------------------

    def set_profile_field(
        self,
        *,
        student_id: str,
        field: str,
        value: ProfileValue,
        now: datetime | None = None,
    ) -> str:
        """Write one field of the student's learner profile (made on first use); returns
        the profile's id. Empty text clears a field, ``None`` clears the tier. A value
        equal to the stored one writes nothing. The field merges on its own in sync
        (last writer wins by stamp); a pending change of the same field not sent yet
        takes the new value instead of queueing a second one (autosave while typing).
        """
        from classroom_desk.sync.protocol import ProfileSetField

        try:
            stored = checked_value(field, value)
        except ProfileValueError as error:
            raise ActionError(f"{error}: nothing was saved") from error
        moment = now or _utcnow()
        record_id = profile_id(student_id)
        with self._store.transaction() as connection:
            self._require(connection, "student", student_id, "student")
            row = connection.execute(
                f"SELECT {field} FROM learner_profile WHERE id = ?",  # field is checked above
                (record_id,),
            ).fetchone()
            if row is not None and row[0] == stored:
                return record_id
            if row is None:
                if stored == checked_value(field, None):
                    return record_id  # clearing a field of a profile never written
                connection.execute(
                    "INSERT INTO learner_profile (id, student_id, device_id, created_at,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)",
                    (
                        record_id,
                        student_id,
                        self._device.id,
                        to_db_time(moment),
                        to_db_time(moment),
                    ),
                )
            stamp = self._stamp(connection, moment)
            connection.execute(
                f"UPDATE learner_profile SET {field} = ?, {field}_stamp = ?, updated_at = ?"
                " WHERE id = ?",
                (stored, stamp.encode(), to_db_time(moment), record_id),
            )
            payload = ProfileSetField(field=field, value=stored)
            coalesced = connection.execute(
                "UPDATE outbox SET payload = ?, stamp = ? WHERE seq = (SELECT MAX(seq) FROM outbox"
                " WHERE record_id = ? AND state = 'pending' AND kind = ?"
                " AND json_extract(payload, '$.field') = ?)",
                (payload.to_json(), stamp.encode(), record_id, ProfileSetField.KIND, field),
            ).rowcount
            if not coalesced:
                self._enqueue(
                    connection,
                    record_id=record_id,
                    student_id=student_id,
                    payload=payload,
                    stamp=stamp,
                    now=moment,
                )
        return record_id

    def celebrate(
        self,
        *,
        student_id: str,
        goal_id: str | None,
        week: date | None,
        note: str = "",
        now: datetime | None = None,
    ) -> str:
        from classroom_desk.sync.protocol import CelebrationCreate

        moment = now or _utcnow()
        celebration_id = new_id()
        try:
            text = plain_text(note, what="a celebration's note")
        except ValueError as error:
            raise ActionError(f"{error}: nothing was saved") from None
        with self._store.transaction() as connection:
            self._require(connection, "student", student_id, "student")
            if goal_id is not None:
                self._require(connection, "goal", goal_id, "goal")
            connection.execute(
                "INSERT INTO celebration (id, student_id, goal_id, week, note, device_id,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    celebration_id,
                    student_id,
                    goal_id,
                    week.isoformat() if week else None,
                    text,
                    self._device.id,
                    to_db_time(moment),
                ),
            )
            self._enqueue(
                connection,
                record_id=celebration_id,
                student_id=student_id,
                payload=CelebrationCreate(goal_id=goal_id, week=week, note=text),
                stamp=self._stamp(connection, moment),
                now=moment,
            )
        return celebration_id


def _plain_note(body: str) -> str:
    """Notes are plain text: trimmed, NULs dropped, line ends normalised, bounded."""
    try:
        return plain_text(body, limit=MAX_NOTE_CHARS, what="a note")
    except ValueError as error:
        raise ActionError(f"{error}: nothing was saved") from None


def _checked_tags(tags: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(tags))
    unknown = [t for t in chosen if t not in NOTE_TAGS]
    if unknown:
        raise ActionError(f"unknown note tag(s) {', '.join(map(repr, unknown))}")
    return chosen

"""Push and pull on the server, as DESIGN.md's sync section describes.

Push applies a device's mutations in order, each whole or not at all (runs of them share
a savepoint, see ``_Batch``), and records every outcome and the device's last applied
number in the same transaction: a repeat (same mutation id) answers its first outcome
again, and a mutation that can never apply is recorded rejected with a reason and does
not block the ones after it.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, NoReturn

from sqlalchemy import Connection, String, TextClause, bindparam, text
from sqlalchemy.exc import DataError, IntegrityError

from classroom_desk.domain.hlc import (
    DEFAULT_MAX_CLOCK_AHEAD,
    Stamp,
    StampError,
    ahead_of,
    describe_clock_offset,
)
from classroom_desk.domain.profiles import ProfileValue, profile_id
from classroom_desk.domain.roles import READ_ONLY_REFUSAL, READ_ONLY_ROLES
from classroom_desk.server import class_lists, plan_sync
from classroom_desk.server.access import (
    TEACHERS_ONLY_FIELDS,
    Access,
    access_of,
    without_teachers_text,
)
from classroom_desk.server.auth import Account, Caller, utcnow_text
from classroom_desk.server.database import DriverStatements, epoch, lock_push_scope
from classroom_desk.server.metrics import count_sync_records
from classroom_desk.server.records import BatchPublisher
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.protocol import (
    MUTATION_KINDS,
    CelebrationCreate,
    GoalCreate,
    GoalSetStatus,
    GoalSetTarget,
    Mutation,
    MutationPayload,
    MutationResult,
    NotePut,
    NoteRevise,
    PayloadError,
    Policy,
    ProfileSetField,
    PullRequest,
    PushRequest,
    PushResponse,
    Reassign,
    ReassignmentFeed,
    ReassignmentFeedItem,
    UndoReassignment,
    parse_payload,
)
from classroom_desk.sync.tables import MERGED_FIELDS

CONFLICT_NAMESPACE = uuid.UUID("0d8a3a52-5f8e-4b7c-9a55-3f1e2d9c7b10")
#: A note changed from a device other than its author's becomes a version with this id.
NOTE_VERSION_NAMESPACE = uuid.UUID("5b0f5f0e-8a0e-4f3e-b1c6-1d2f3a4b5c6d")


Outcome = Literal["applied", "duplicate", "rejected"]


class RejectedError(Exception):
    """A mutation that can never apply; the reason is shown to the teacher."""


class ClockAheadError(Exception):
    """A mutation stamped by a clock too far ahead of the server's: not applied, not
    recorded; the laptop sends it again once its clock is right."""


#: Naive UTC, as the store writes times.
_UNIX_EPOCH = datetime(1970, 1, 1)


def _now_millis() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


# -- push -------------------------------------------------------------------------------


def push(
    connection: Connection,
    caller: Caller,
    request: PushRequest,
    *,
    max_clock_ahead: timedelta = DEFAULT_MAX_CLOCK_AHEAD,
) -> PushResponse:
    school_id = caller.account.school_id
    clock = _ServerClock(_now_millis(), max_clock_ahead)
    access = access_of(caller.account)
    # A read-only account changes nothing: each mutation is refused (the refusals are
    # recorded, as any push's outcomes are), and no student is locked.
    students = access.students(connection) if access.writes else set()
    sections = _sections_if_needed(connection, access, request.mutations)
    seen_cursor = request.seen_cursor if _sees_this_list(connection, caller, request) else 0
    # Pushes of one device, or touching one student's (or class's) records, take turns:
    # a replayed request waits, then finds its mutations recorded and answers "duplicate"
    # instead of racing the original, and a field's last writer is decided on the value
    # the other push committed. Pushes of other students run side by side until the
    # publisher numbers their rows.
    # Only ids in the caller's scope: a mutation naming any other is refused before it
    # writes anything, and a batch of made-up ids must not fill the server's lock table.
    lock_push_scope(
        connection,
        request.device_id,
        sorted({m.student_id for m in request.mutations} & (students | set(sections))),
    )
    publisher = BatchPublisher(connection, school_id)
    state = connection.execute(
        text("SELECT account_id, last_applied_seq FROM sync_device WHERE device_id = :d"),
        {"d": request.device_id},
    ).fetchone()
    mutations = sorted(request.mutations, key=lambda m: m.seq)
    driver = DriverStatements(connection)
    batch = _Batch(
        _Target(
            driver,
            school_id,
            request.device_id,
            _Scope(students, sections, access.writes),
            seen_cursor,
            publisher,
            clock,
            _absent_notes(driver, mutations),
        ),
        recorded=_recorded_outcomes(driver, [m.mutation_id for m in mutations]),
        last_applied=0 if state is None else int(state[1]),
    )
    batch.settle(mutations)
    publisher.finish()
    now = utcnow_text()
    driver.run_many(
        _RECORD_OUTCOME,
        [
            {
                "m": mutation_id,
                "d": request.device_id,
                "seq": seq,
                "outcome": outcome,
                "reason": reason,
                "now": now,
            }
            for mutation_id, seq, outcome, reason in batch.new_records
        ],
    )
    if batch.new_records:
        # The device's owner never changes here: it was bound at its first sign-in.
        connection.execute(
            text(
                "INSERT INTO sync_device (device_id, account_id, last_applied_seq, updated_at)"
                " VALUES (:d, :a, :seq, :now) ON CONFLICT (device_id) DO UPDATE SET"
                " last_applied_seq = excluded.last_applied_seq, updated_at = excluded.updated_at"
            ),
            {
                "d": request.device_id,
                "a": caller.account.id,
                "seq": batch.last_applied,
                "now": now,
            },
        )
    return PushResponse(
        last_applied_seq=batch.last_applied, results=batch.results, server_millis=clock.now_millis
    )


#: What makes a mutation rejected (or, for a clock ahead, deferred) instead of applied.
_REFUSALS = (ClockAheadError, RejectedError, IntegrityError, DataError)


class _RunFailedError(Exception):
    """A mutation of a run was refused: the run's savepoint is rolled back."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class _Batch:
    """One push's mutations, applied in order, and what became of each.

    Each mutation must apply whole or not at all, and one refused must not abort the
    others (on PostgreSQL a failed statement aborts the transaction up to the last
    savepoint). A savepoint per mutation costs two statements each; instead mutations
    are applied in runs, each run in one savepoint. When one in a run is refused, the
    run is rolled back, the mutations before the refused one are applied again as a run
    (the same writes on the same state: they apply again), and the refused one alone in
    its own savepoint, where its reason is recorded, as before. A batch with no refusal
    takes one savepoint; each refusal costs at most one replay of the run before it.
    """

    def __init__(
        self,
        target: _Target,
        *,
        recorded: dict[str, tuple[str, str | None]],
        last_applied: int,
    ) -> None:
        self._target = target
        #: mutation id -> (outcome, reason) of every mutation recorded so far, this batch's too.
        self._recorded = recorded
        self.last_applied = last_applied
        self.results: list[MutationResult] = []
        #: (mutation id, seq, outcome, reason) of the mutations this push settled.
        self.new_records: list[tuple[str, int, Outcome, str | None]] = []

    def settle(self, mutations: Sequence[Mutation]) -> None:
        start, stop = 0, len(mutations)
        while start < len(mutations):
            failed = self._run(mutations[start:stop])
            if failed is not None:
                stop = start + failed  # apply the ones before it, then it on its own
                continue
            if stop == len(mutations):
                return
            deferred = self._alone(mutations[stop])
            if deferred is not None:
                # After one change from a clock that is ahead, every later one is too (and
                # may depend on it): none is applied until the laptop's clock is right.
                self.results += [_deferred(m, deferred) for m in mutations[stop + 1 :]]
                return
            start, stop = stop + 1, len(mutations)

    def _run(self, mutations: Sequence[Mutation]) -> int | None:
        """Apply all of ``mutations`` in one savepoint, or none of them: then returns
        the index of the first one refused."""
        if not mutations:
            return None
        target = self._target
        mark = target.publisher.mark()
        #: mutation id -> the rows written, of each applied in this run
        applied: dict[str, list[tuple[str, str, int]]] = {}
        #: in order: the answer to a repeat, or the mutation applied
        done: list[MutationResult | Mutation] = []
        try:
            with target.driver.savepoint():
                for index, mutation in enumerate(mutations):
                    seen = self._seen(mutation, applied)
                    if seen is not None:
                        done.append(seen)
                        continue
                    try:
                        applied[mutation.mutation_id] = _apply(target, mutation)
                    except _REFUSALS:
                        raise _RunFailedError(index) from None
                    done.append(mutation)
        except _RunFailedError as failed:
            target.publisher.rewind(mark)
            return failed.index
        for item in done:
            if isinstance(item, MutationResult):
                self.results.append(item)
            else:
                self._settled(item, None, applied[item.mutation_id])
        return None

    def _alone(self, mutation: Mutation) -> str | None:
        """Apply one mutation in its own savepoint, recording why it is refused; returns
        the reason when it is deferred (its clock is ahead)."""
        seen = self._seen(mutation, {})
        if seen is not None:
            self.results.append(seen)
            return None
        reason: str | None = None
        written: list[tuple[str, str, int]] = []
        try:
            with self._target.driver.savepoint():
                written = _apply(self._target, mutation)
        except ClockAheadError as error:
            self.results.append(_deferred(mutation, str(error)))
            return str(error)
        except RejectedError as error:
            reason = str(error)
        except IntegrityError as error:
            reason = f"conflicts with the school's stored data ({error.orig.__class__.__name__})"
        except DataError as error:
            # A value the database cannot hold (too long, a NUL character): it never will.
            reason = (
                f"holds a value the school server cannot store ({error.orig.__class__.__name__})"
            )
        self._settled(mutation, reason, written)
        return None

    def _seen(self, mutation: Mutation, run: Mapping[str, object]) -> MutationResult | None:
        """The answer to a mutation recorded before (or applied earlier in this run)."""
        if mutation.mutation_id in run:
            seen: tuple[str, str | None] = ("applied", None)
        else:
            found = self._recorded.get(mutation.mutation_id)
            if found is None:
                return None
            seen = found
        return _result(mutation, "duplicate" if seen[0] == "applied" else "rejected", seen[1])

    def _settled(
        self, mutation: Mutation, reason: str | None, written: list[tuple[str, str, int]]
    ) -> None:
        """Record a mutation applied (``reason`` ``None``: its rows are published) or
        refused for good."""
        if reason is None:
            for table, row_id, seq in written:
                self._target.publisher.add(table, row_id, seq)
        outcome: Outcome = "applied" if reason is None else "rejected"
        self._recorded[mutation.mutation_id] = (outcome, reason)
        self.new_records.append((mutation.mutation_id, mutation.seq, outcome, reason))
        self.results.append(_result(mutation, outcome, reason))
        self.last_applied = max(self.last_applied, mutation.seq)


def _result(
    mutation: Mutation,
    outcome: Literal["applied", "duplicate", "rejected", "deferred"],
    reason: str | None,
) -> MutationResult:
    return MutationResult(
        seq=mutation.seq, mutation_id=mutation.mutation_id, outcome=outcome, reason=reason
    )


def _deferred(mutation: Mutation, reason: str) -> MutationResult:
    return _result(mutation, "deferred", reason)


@dataclass(frozen=True, slots=True)
class _ServerClock:
    """The server's clock for one push, and how far ahead of it a stamp may be."""

    now_millis: int
    allowed: timedelta

    def checked(self, text_value: str, device_id: str) -> Stamp:
        """The mutation's stamp, read as numbers; refused when malformed or another
        device's, deferred when its clock is too far ahead."""
        try:
            stamp = Stamp.decode(text_value)
        except StampError as error:
            raise RejectedError(str(error)) from None
        if stamp.device_id != device_id:
            raise RejectedError("the change's clock stamp names another device")
        ahead = ahead_of(stamp, wall_millis=self.now_millis, allowed=self.allowed)
        if ahead:
            offset = describe_clock_offset(timedelta(milliseconds=stamp.millis - self.now_millis))
            raise ClockAheadError(
                f"stamped {offset} ahead of the school server's clock; it is sent again "
                "once this laptop's clock is right"
            )
        return stamp

    def stored(self, text_value: str | None) -> Stamp | None:
        """A stamp already stored, or ``None`` when it cannot win: absent, not canonical
        (written before stamps were checked), or from a clock ahead of this one."""
        if text_value is None:
            return None
        try:
            stamp = Stamp.decode(text_value)
        except StampError:
            return None
        if ahead_of(stamp, wall_millis=self.now_millis, allowed=self.allowed):
            return None
        return stamp


_RECORD_OUTCOME = (
    "INSERT INTO applied_mutation (mutation_id, device_id, seq, outcome, reason, applied_at)"
    " VALUES (:m, :d, :seq, :outcome, :reason, :now)"
)
_RECORDED_OUTCOMES = (
    "SELECT mutation_id, outcome, reason FROM applied_mutation WHERE mutation_id IN :values"
)


def _recorded_outcomes(
    driver: DriverStatements, mutation_ids: list[str]
) -> dict[str, tuple[str, str | None]]:
    return {row[0]: (row[1], row[2]) for row in driver.rows_in(_RECORDED_OUTCOMES, mutation_ids)}


@dataclass(frozen=True, slots=True)
class _Scope:
    """What the caller may change: their students, and their class sections (read only
    for a push that holds a class's record: a group, a rotation, tutoring)."""

    students: set[str]
    sections: frozenset[str]
    writes: bool


def _sections_if_needed(
    connection: Connection, access: Access, mutations: Sequence[Mutation]
) -> frozenset[str]:
    model_fields = (MUTATION_KINDS.get(m.kind) for m in mutations)
    if not access.writes or not any(
        model is not None and "section_id" in model.model_fields for model in model_fields
    ):
        return frozenset()
    return frozenset(access.sections(connection))


@dataclass(frozen=True, slots=True)
class _Target:
    """What one push writes to and with: the same for each of its mutations."""

    driver: DriverStatements
    school_id: str
    device_id: str
    scope: _Scope
    seen_cursor: int
    publisher: BatchPublisher
    clock: _ServerClock
    #: Ids of this batch's notes found not stored when the push began (read at once);
    #: an id leaves the set when its note is written, and is then looked up again.
    absent_notes: set[str]


def _absent_notes(driver: DriverStatements, mutations: Sequence[Mutation]) -> set[str]:
    ids = list({m.record_id for m in mutations if m.kind == NotePut.KIND})
    stored = driver.rows_in("SELECT id FROM conference_note WHERE id IN :values", ids)
    return set(ids).difference(row[0] for row in stored)


def _apply(target: _Target, mutation: Mutation) -> list[tuple[str, str, int]]:
    """Apply one mutation; returns the rows it wrote, to publish (table, id, server_seq)."""
    scope = target.scope
    if not scope.writes:
        raise RejectedError(READ_ONLY_REFUSAL)
    model = MUTATION_KINDS.get(mutation.kind)
    if model is not None and model.SCOPE == "section":
        if mutation.student_id not in scope.sections:
            raise RejectedError("this class is not one of yours on the school server")
    elif mutation.student_id not in scope.students:
        raise RejectedError("this student is not in your classes on the school server")
    try:
        payload = parse_payload(mutation.kind, mutation.payload)
    except PayloadError as error:
        raise RejectedError(str(error)) from None
    stamp = target.clock.checked(mutation.stamp, target.device_id)
    context = _Context(target, mutation, stamp)
    handler = _HANDLERS.get(type(payload))
    if handler is not None:
        handler(context, payload)
    else:
        plan_sync.HANDLERS[type(payload)](context, payload)
    return context.published


class _Context:
    """One mutation being applied: its checked stamp, the SQL to run, what it published."""

    def __init__(self, target: _Target, mutation: Mutation, stamp: Stamp) -> None:
        self.seen_cursor = target.seen_cursor
        #: The caller's class sections (filled for a push with a class's records).
        self.sections = target.scope.sections
        self.driver = target.driver
        self.school_id = target.school_id
        self.device_id = target.device_id
        self.mutation = mutation
        self.stamp = stamp
        self.clock = target.clock
        self.absent_notes = target.absent_notes
        self._publisher = target.publisher
        #: (table, row id, server_seq) of rows this mutation wrote, published if it applies.
        self.published: list[tuple[str, str, int]] = []

    def one(self, sql: str, **params: Any) -> Any:
        return self.driver.one(sql, params)

    def run(self, sql: str, **params: Any) -> None:
        self.driver.run(sql, params)

    def republish(self, table: str, row_id: str) -> int:
        """Publish a row this mutation wrote; returns its provisional ``server_seq``."""
        seq = self._publisher.next_seq()
        self.published.append((table, row_id, seq))
        return seq

    def number(self, table: str, row_id: str, columns: tuple[str, ...], seq: int) -> None:
        """Keep the number ``republish`` gave in ``columns`` of the row (final at commit)."""
        self._publisher.write_seq(table, row_id, columns, seq)

    @functools.cached_property
    def _created_at(self) -> str:
        try:
            return to_db_time(datetime.fromisoformat(self.mutation.created_at))
        except ValueError:
            raise RejectedError("created_at is not a time") from None

    def created_at(self) -> str:
        return self._created_at

    @functools.cached_property
    def _stamp_time(self) -> str:
        return to_db_time(_UNIX_EPOCH + timedelta(milliseconds=self.stamp.millis))

    def stamp_time(self) -> str:
        """The stamp's wall time, as the store writes times."""
        return self._stamp_time

    def reject(self, reason: str) -> NoReturn:
        """Refuse the mutation for good, with the reason the teacher will read."""
        raise RejectedError(reason)

    def merge_field(self, table: str, field: str, value: object, *, section_id: str) -> bool:
        """Write one merged field of a class's record (see ``sync.tables.MERGED_FIELDS``),
        last writer wins; a losing value is kept in ``plan_conflict`` for the section.
        Returns whether this value won."""
        return _set_field(self, field, value, _PLAN_TABLES[table], scope_id=section_id)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# -- notes: append-only; only the device that wrote a version edits it in place -------


def _note_put(c: _Context, p: NotePut) -> None:
    m = c.mutation
    if p.student_id is not None and p.student_id != m.student_id:
        raise RejectedError("the note's student does not match the change")
    row = (
        None
        if m.record_id in c.absent_notes
        else c.one(
            "SELECT student_id, device_id, stamp FROM conference_note WHERE id = :id",
            id=m.record_id,
        )
    )
    if row is None:
        _insert_note(
            c, m.record_id, p.body, ",".join(p.tags), _day(p.follow_up_on), None, known_new=True
        )
        return
    if row[0] != m.student_id:
        raise RejectedError("a note with this id belongs to another student")
    if row[1] != c.device_id:
        # Another device's note is never rewritten: the change becomes a new version of
        # it, and the note itself is published again so the sender's copy is restored.
        version_id = str(uuid.uuid5(NOTE_VERSION_NAMESPACE, f"{m.record_id}/{m.mutation_id}"))
        _insert_note(c, version_id, p.body, ",".join(p.tags), _day(p.follow_up_on), m.record_id)
        c.republish("conference_note", m.record_id)
        return
    stored = c.clock.stored(row[2])
    if stored is not None and c.stamp <= stored:
        return  # an older save arriving late: the newer text stays
    c.run(
        "UPDATE conference_note SET body = :body, tags = :tags, follow_up_on = :follow,"
        " updated_at = :updated, stamp = :stamp WHERE id = :id",
        id=m.record_id,
        body=p.body,
        tags=",".join(p.tags),
        follow=_day(p.follow_up_on),
        updated=c.stamp_time(),
        stamp=m.stamp,
    )
    c.republish("conference_note", m.record_id)


def _insert_note(
    c: _Context,
    note_id: str,
    body: str,
    tags: str,
    follow_up_on: str | None,
    supersedes_id: str | None,
    *,
    known_new: bool = False,
) -> None:
    """Insert a note version (``known_new``: its id was just looked up and is free)."""
    if not known_new and c.one("SELECT 1 FROM conference_note WHERE id = :id", id=note_id):
        raise RejectedError("a note with this id already exists")
    c.absent_notes.discard(note_id)
    c.run(
        "INSERT INTO conference_note (id, student_id, supersedes_id, body, tags, follow_up_on,"
        " updated_at, device_id, created_at, stamp) VALUES (:id, :student, :parent, :body,"
        " :tags, :follow, :updated, :device, :created, :stamp)",
        id=note_id,
        student=c.mutation.student_id,
        parent=supersedes_id,
        body=body,
        tags=tags,
        follow=follow_up_on,
        updated=c.stamp_time() if supersedes_id is None else c.created_at(),
        device=c.device_id,
        created=c.created_at(),
        stamp=c.mutation.stamp,
    )
    c.republish("conference_note", note_id)


def _note_revise(c: _Context, p: NoteRevise) -> None:
    parent = c.one(
        "SELECT student_id, tags, follow_up_on FROM conference_note WHERE id = :id",
        id=p.supersedes_id,
    )
    if parent is None or parent[0] != c.mutation.student_id:
        raise RejectedError("the note this edit replaces is not on the school server")
    _insert_note(c, c.mutation.record_id, p.body, parent[1], parent[2], p.supersedes_id)


# -- reassignments: events; the state is their replay ----------------------------------

_ACTIVE_REASSIGNMENT = (
    "SELECT r.id FROM reassignment_event r WHERE r.student_id = :student AND r.unit_id = :unit"
    " AND r.action = 'reassign' AND r.duplicate_of IS NULL AND r.id <> :id"
    " AND NOT EXISTS (SELECT 1 FROM reassignment_event u WHERE u.undoes_id = r.id)"
    " AND NOT EXISTS (SELECT 1 FROM unit_attempt a WHERE a.student_id = r.student_id"
    " AND a.unit_id = r.unit_id AND a.completed_at > r.created_at)"
    # The first reassigned: committed numbers, then this push's provisional -1, -2, ...
    " ORDER BY CASE WHEN r.feed_seq < 0 THEN 1 ELSE 0 END, ABS(r.feed_seq) LIMIT 1"
)


def _insert_event(
    c: _Context,
    *,
    action: str,
    unit_id: str,
    undoes_id: str | None,
    batch_id: str | None,
    score: float | None,
    reason: str,
) -> None:
    m = c.mutation
    if c.one("SELECT 1 FROM unit WHERE id = :id", id=unit_id) is None:
        raise RejectedError("the unit is not on the school server")
    if c.one("SELECT 1 FROM reassignment_event WHERE id = :id", id=m.record_id) is not None:
        raise RejectedError("a reassignment with this id already exists")
    duplicate_of = None
    if action == "reassign":
        found = c.one(_ACTIVE_REASSIGNMENT, student=m.student_id, unit=unit_id, id=m.record_id)
        duplicate_of = None if found is None else found[0]
    c.run(
        "INSERT INTO reassignment_event (id, student_id, unit_id, action, undoes_id, batch_id,"
        " score, reason, device_id, created_at, duplicate_of, school_id, feed_seq) VALUES"
        " (:id, :student, :unit, :action, :undoes, :batch, :score, :reason, :device, :created,"
        " :duplicate, :school, 0)",
        id=m.record_id,
        student=m.student_id,
        unit=unit_id,
        action=action,
        undoes=undoes_id,
        batch=batch_id or m.record_id,
        score=score,
        reason=reason,
        device=c.device_id,
        created=c.created_at(),
        duplicate=duplicate_of,
        school=c.school_id,
    )
    seq = c.republish("reassignment_event", m.record_id)
    c.number("reassignment_event", m.record_id, ("feed_seq",), seq)


def _reassign(c: _Context, p: Reassign) -> None:
    _insert_event(
        c,
        action="reassign",
        unit_id=p.unit_id,
        undoes_id=None,
        batch_id=p.batch_id,
        score=p.score,
        reason=p.reason,
    )


def _undo_reassignment(c: _Context, p: UndoReassignment) -> None:
    target = c.one(
        "SELECT student_id, unit_id, action FROM reassignment_event WHERE id = :id",
        id=p.undoes_id,
    )
    if target is None or target[0] != c.mutation.student_id or target[2] != "reassign":
        raise RejectedError("the reassignment this undoes is not on the school server")
    _insert_event(
        c,
        action="undo",
        unit_id=target[1],
        undoes_id=p.undoes_id,
        batch_id=None,
        score=None,
        reason="undone",
    )


# -- goals: last writer wins per field (HLC stamp, ties by device); losers kept --------


def _goal_create(c: _Context, p: GoalCreate) -> None:
    m = c.mutation
    _require_content_area(c, p.content_area_id)
    row = c.one("SELECT student_id FROM goal WHERE id = :id", id=m.record_id)
    if row is not None:
        if row[0] != m.student_id:
            raise RejectedError("a goal with this id belongs to another student")
        _set_field(c, "target", p.target)
        return
    c.run(
        "INSERT INTO goal (id, student_id, content_area_id, kind, target, target_stamp, status,"
        " status_stamp, device_id, created_at) VALUES (:id, :student, :area, :kind, :target,"
        " :stamp, 'active', :stamp, :device, :created)",
        id=m.record_id,
        student=m.student_id,
        area=p.content_area_id,
        kind=p.kind.value,
        target=p.target,
        stamp=m.stamp,
        device=c.device_id,
        created=c.created_at(),
    )
    seq = c.republish("goal", m.record_id)
    c.number("goal", m.record_id, ("target_seq", "status_seq"), seq)


def _require_content_area(c: _Context, area: str) -> None:
    if c.one("SELECT 1 FROM content_area WHERE id = :id", id=area) is None:
        raise RejectedError("the content area is not on the school server")


def _goal_set_target(c: _Context, p: GoalSetTarget) -> None:
    _require_content_area(c, p.content_area_id)
    row = c.one("SELECT student_id, kind FROM goal WHERE id = :id", id=c.mutation.record_id)
    if row is None or row[0] != c.mutation.student_id:
        raise RejectedError("the goal is not on the school server")
    if row[1] != p.kind.value:
        raise RejectedError("a goal's kind cannot change")
    _set_field(c, "target", p.target)


def _goal_set_status(c: _Context, p: GoalSetStatus) -> None:
    row = c.one("SELECT student_id FROM goal WHERE id = :id", id=c.mutation.record_id)
    if row is None or row[0] != c.mutation.student_id:
        raise RejectedError("the goal is not on the school server")
    _set_field(c, "status", p.status)


@dataclass(frozen=True, slots=True)
class _MergedTable:
    """A table merged field by field: each field has ``{field}_stamp`` and ``{field}_seq``
    columns; losing values go to ``conflicts``, keyed to the row by ``parent`` and
    scoped by ``scope`` (the student, or for a class's records the section). A table
    of conflicts shared by several record tables names the record's in ``table_column``."""

    name: str
    conflicts: str
    parent: str
    scope: str = "student_id"
    table_column: str | None = None


_GOALS = _MergedTable("goal", "goal_conflict", "goal_id")
_PROFILES = _MergedTable("learner_profile", "profile_conflict", "profile_id")
_PLAN_TABLES = {
    name: _MergedTable(name, "plan_conflict", "record_id", "section_id", "record_table")
    for name in MERGED_FIELDS
}


def _set_field(
    c: _Context,
    field: str,
    value: ProfileValue | float | object,
    table: _MergedTable = _GOALS,
    *,
    scope_id: str | None = None,
) -> bool:
    """Last writer wins by stamp, compared as numbers (ties by device id). A value from
    another laptop that loses is kept when the two edits were concurrent: the pushing
    laptop had not seen the current value. A field never written (no stamp), or
    holding a stamp that cannot win (see ``_ServerClock.stored``), takes any value.
    Returns whether this one won."""
    m = c.mutation
    row = c.one(
        f"SELECT {field}, {field}_stamp, {field}_seq FROM {table.name} WHERE id = :id",
        id=m.record_id,
    )
    current, current_text, current_seq = row[0], row[1], int(row[2])
    current_stamp = c.clock.stored(current_text)
    if current_stamp == c.stamp:
        return False
    # A number still provisional (negative) was written earlier in this push, so with
    # this device's stamp: not concurrent, and the same-device rule below applies anyway.
    concurrent = current_seq > c.seen_cursor
    won = current_stamp is None or c.stamp > current_stamp
    if won:
        c.run(
            f"UPDATE {table.name} SET {field} = :value, {field}_stamp = :stamp WHERE id = :id",
            value=value,
            stamp=m.stamp,
            id=m.record_id,
        )
        winner, winner_stamp, loser, loser_stamp = value, c.stamp, current, current_stamp
    else:
        assert current_stamp is not None
        winner, winner_stamp, loser, loser_stamp = current, current_stamp, value, c.stamp
    seq = c.republish(table.name, m.record_id)
    if won:
        c.number(table.name, m.record_id, (f"{field}_seq",), seq)
    if loser_stamp is None:
        return won  # the field's first value (or one that could never win): nothing lost
    if not concurrent or loser == winner or loser_stamp.device_id == winner_stamp.device_id:
        return won  # an update over a value seen, the same value, or one laptop's own edits
    loser_text = loser_stamp.encode()
    conflict_id = str(uuid.uuid5(CONFLICT_NAMESPACE, f"{m.record_id}/{field}/{loser_text}"))
    if c.one(f"SELECT 1 FROM {table.conflicts} WHERE id = :id", id=conflict_id) is None:
        kind_column, kind_value = (
            ("", "") if table.table_column is None else (f"{table.table_column}, ", ":table, ")
        )
        c.run(
            f"INSERT INTO {table.conflicts} (id, {table.parent}, {table.scope}, {kind_column}"
            "field, value, stamp, device_id, winner_stamp, created_at) VALUES (:id, :parent,"
            f" :scope, {kind_value}:field, :value, :stamp, :device, :winner, :created)",
            id=conflict_id,
            parent=m.record_id,
            scope=m.student_id if scope_id is None else scope_id,
            **({} if table.table_column is None else {"table": table.name}),
            field=field,
            value=json.dumps(loser),
            stamp=loser_text,
            device=loser_stamp.device_id,
            winner=winner_stamp.encode(),
            created=c.created_at(),
        )
        c.republish(table.conflicts, conflict_id)
    return won


# -- learner profiles: one row per student, each field merged as a goal's are ----------


def _profile_set_field(c: _Context, p: ProfileSetField) -> None:
    m = c.mutation
    if m.record_id != profile_id(m.student_id):
        raise RejectedError("this learner profile's id is not its student's")
    row = c.one("SELECT student_id FROM learner_profile WHERE id = :id", id=m.record_id)
    if row is None:
        c.run(
            "INSERT INTO learner_profile (id, student_id, device_id, created_at, updated_at)"
            " VALUES (:id, :student, :device, :created, :updated)",
            id=m.record_id,
            student=m.student_id,
            device=c.device_id,
            created=c.created_at(),
            updated=c.stamp_time(),
        )
    elif row[0] != m.student_id:
        raise RejectedError("a learner profile with this id belongs to another student")
    if _set_field(c, p.field, p.value, _PROFILES):
        c.run(
            "UPDATE learner_profile SET updated_at = :updated"
            " WHERE id = :id AND updated_at < :updated",
            updated=c.stamp_time(),
            id=m.record_id,
        )


def _celebrate(c: _Context, p: CelebrationCreate) -> None:
    m = c.mutation
    if p.goal_id is not None:
        row = c.one("SELECT student_id FROM goal WHERE id = :id", id=p.goal_id)
        if row is None or row[0] != m.student_id:
            raise RejectedError("the goal celebrated is not on the school server")
    if c.one("SELECT 1 FROM celebration WHERE id = :id", id=m.record_id) is not None:
        raise RejectedError("a celebration with this id already exists")
    c.run(
        "INSERT INTO celebration (id, student_id, goal_id, week, note, device_id, created_at)"
        " VALUES (:id, :student, :goal, :week, :note, :device, :created)",
        id=m.record_id,
        student=m.student_id,
        goal=p.goal_id,
        week=_day(p.week),
        note=p.note,
        device=c.device_id,
        created=c.created_at(),
    )
    c.republish("celebration", m.record_id)


#: One handler per kind of the catalogue (``sync.protocol.MUTATION_KINDS``).
_HANDLERS: dict[type[MutationPayload], Callable[[_Context, Any], None]] = {
    NotePut: _note_put,
    NoteRevise: _note_revise,
    Reassign: _reassign,
    UndoReassignment: _undo_reassignment,
    GoalCreate: _goal_create,
    GoalSetTarget: _goal_set_target,
    GoalSetStatus: _goal_set_status,
    CelebrationCreate: _celebrate,
    ProfileSetField: _profile_set_field,
}


# -- pull -------------------------------------------------------------------------------


def _pull_admin(hidden: str) -> TextClause:
    return text(
        "SELECT r.server_seq, r.table_name, r.row_id, r.tombstone, r.data FROM sync_row r"
        f" WHERE r.school_id = :school{hidden} AND r.server_seq > :cursor"
        " AND r.server_seq <= :head ORDER BY r.server_seq LIMIT :limit"
    )


def _scope_part(number: int, source: str, where: str) -> str:
    """One part of a teacher's scope, read through its own index (server migration 0008)
    and cut at the page's limit."""
    return (
        "SELECT * FROM (SELECT r.server_seq, r.table_name, r.row_id, r.tombstone, r.data"
        f" FROM {source} WHERE r.school_id = :school AND {where}"
        " AND r.server_seq > :cursor AND r.server_seq <= :head ORDER BY r.server_seq"
        f" LIMIT :limit) AS part{number}"
    )


def _pull_scoped(hidden: str) -> TextClause:
    """A teacher's page: the school-wide rows, their sections' rows, and their students'
    rows that are not a section's row of theirs (so no row comes twice). Each part reads
    only its own rows, so a page costs what it returns, not the school's whole log."""
    return text(
        "SELECT * FROM ("
        + " UNION ALL ".join(
            _scope_part(number, source, where + hidden)
            for number, (source, where) in enumerate(
                (
                    ("sync_row r", "r.section_id IS NULL AND r.student_id IS NULL"),
                    ("sync_row r", "r.section_id IN :sections"),
                    # From the students to their rows by the student index: CROSS JOIN
                    # keeps SQLite to that order (with IN, or a plain join, and no
                    # statistics, it walked the school's whole log instead).
                    (
                        "(SELECT DISTINCT student_id FROM enrollment"
                        " WHERE section_id IN :sections) AS mine CROSS JOIN sync_row r",
                        "r.student_id = mine.student_id"
                        " AND (r.section_id IS NULL OR r.section_id NOT IN :sections)",
                    ),
                )
            )
        )
        + ") AS page ORDER BY server_seq LIMIT :limit"
        # Typed: an empty class list must compare as text on PostgreSQL too.
    ).bindparams(bindparam("sections", expanding=True, type_=String))


@functools.cache
def _pull_statement(scoped: bool, hidden: tuple[str, ...]) -> TextClause:
    """The page's statement, leaving out the tables ``hidden`` from the caller."""
    left_out = "".join(f" AND r.table_name <> '{table}'" for table in hidden)
    return _pull_scoped(left_out) if scoped else _pull_admin(left_out)


def log_page(
    connection: Connection,
    params: Mapping[str, Any],
    sections: list[str] | None,
    *,
    hidden: tuple[str, ...] = (),
) -> Sequence[Any]:
    """The sync log's first ``limit`` entries in (``cursor``, ``head``] that the caller
    sees, in ``server_seq`` order: the school's, or only those of ``sections`` (their
    rows, their students' and the school-wide ones); never a row of the tables
    ``hidden``."""
    if sections is None:
        return connection.execute(_pull_statement(False, hidden), dict(params)).fetchall()
    return connection.execute(
        _pull_statement(True, hidden), {**params, "sections": sections}
    ).fetchall()


def pull(
    connection: Connection,
    caller: Caller,
    request: PullRequest,
    *,
    class_list_changes: bool = False,
) -> bytes:
    """One page of changes as JSON bytes (built directly: this is the hot path).
    ``class_list_changes``: the laptop reads a change of its class list as a difference
    (see ``class_lists``), so it is sent one instead of a reset."""
    account = caller.account
    school_id = account.school_id
    # The head is read before the rows: every number up to it is committed (see database).
    # One statement with the database's epoch and the policy: a pull is the hot path.
    state = connection.execute(text(_PULL_STATE), {"school": school_id}).one()
    access = access_of(account, principals_read_notes=bool(state[-1]))
    this_epoch = _account_epoch(str(state[0]), account)
    head = int(state[1] or 0)
    policy = None if state[2] is None else _policy(state[2:-1])
    page = functools.partial(_page_json, policy=policy, role=account.role)
    reset = (request.epoch is not None and request.epoch != this_epoch) or request.cursor > head
    if reset and class_list_changes and request.epoch is not None and request.cursor <= head:
        at = _changed_class_list(request.epoch, str(state[0]), account, head)
        changed = None if at is None else _class_list_page(connection, access, request, at)
        if changed is not None:
            rows, forgets, next_cursor, now_at = changed
            return page(
                rows,
                forgets=forgets,
                next_cursor=next_cursor,
                has_more=True,
                epoch=this_epoch if now_at is None else now_at.epoch(this_epoch),
            )
    if reset:
        return page([], next_cursor=0, has_more=True, epoch=this_epoch, reset=True)
    rows, has_more, next_cursor = _log_rows(connection, access, request, head)
    return page(rows, next_cursor=next_cursor, has_more=has_more, epoch=this_epoch)


def _class_list_page(
    connection: Connection, access: Access, request: PullRequest, at: class_lists.Position
) -> tuple[Sequence[Sequence[Any]], list[tuple[str, str]], int, class_lists.Position | None] | None:
    """A page of the change of the account's class list from where the laptop is
    (``at``): the rows to store, those to forget, the cursor after them and where the
    laptop is then (None: the change is all sent). None when it cannot be sent."""
    if at.phase == "pull" and request.cursor < at.until:
        rows, _, next_cursor = _log_rows(connection, access, request, at.until)
        return rows, [], next_cursor, at
    if at.phase == "pull":
        at = class_lists.Position(at.old, at.until, "forget")
    changes = class_lists.changes_page(
        connection, access, at, cursor=request.cursor, limit=request.limit
    )
    if changes is None:
        return None
    count_sync_records("pulled", len(changes.rows) + len(changes.forgets))
    # The cursor stays while catching up and forgetting.
    return _as_read(access, changes.rows), changes.forgets, request.cursor, changes.position


def _log_rows(
    connection: Connection, access: Access, request: PullRequest, head: int
) -> tuple[Sequence[Sequence[Any]], bool, int]:
    """The ordinary page after the request's cursor, up to ``head``: its rows as the
    account receives them, whether more follow, and the cursor after it."""
    params: dict[str, Any] = {
        "school": access.account.school_id,
        "cursor": request.cursor,
        "head": head,
        "limit": request.limit + 1,
    }
    sections = None if access.whole_school else list(access.sections(connection))
    rows = _as_read(access, log_page(connection, params, sections, hidden=access.hidden_tables))
    has_more = len(rows) > request.limit
    rows = rows[: request.limit]
    next_cursor = int(rows[-1][0]) if has_more else head
    count_sync_records("pulled", len(rows))
    return rows, has_more, max(next_cursor, request.cursor)


def _as_read(access: Access, rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """Log rows as ``access`` receives them (teachers' text blank for a read-only role)."""
    return rows if access.note_text else [_without_teachers_text(row) for row in rows]


def _sees_this_list(connection: Connection, caller: Caller, request: PushRequest) -> bool:
    """Whether the laptop's cursor is of the account's present class list: its epoch is
    the list's, or a position within the change to it (it has seen every row it holds
    up to its cursor). Otherwise what it says it has seen is not trusted."""
    this_epoch = caller_epoch(connection, caller.account)
    return request.epoch == this_epoch or (
        request.epoch is not None and class_lists.position_in(request.epoch, this_epoch) is not None
    )


def caller_epoch(connection: Connection, account: Account) -> str:
    return _account_epoch(epoch(connection), account)


def _account_epoch(database_epoch: str, account: Account) -> str:
    """The database's identity, the account's class-list version and, for a read-only
    role, that its laptop holds no raw activity: a cursor made under another database,
    class list or kind of copy cannot be served (the laptop starts again, or is sent the
    change of its class list, and rows the server no longer sends it go)."""
    return f"{database_epoch}.{account.scope_seq}{_epoch_kind(account)}"


def _epoch_kind(account: Account) -> str:
    return ".figures" if account.role in READ_ONLY_ROLES else ""


def _changed_class_list(
    sent_epoch: str, database_epoch: str, account: Account, head: int
) -> class_lists.Position | None:
    """Where a laptop that sent ``sent_epoch`` stands in the change of the account's
    class list: at its start (an epoch of an older list of this database and kind) or
    within it; None when the epoch is neither (the laptop starts again)."""
    within = class_lists.position_in(sent_epoch, _account_epoch(database_epoch, account))
    if within is not None:
        return within
    older = re.fullmatch(
        f"{re.escape(database_epoch)}\\.([0-9]{{1,18}}){re.escape(_epoch_kind(account))}",
        sent_epoch,
    )
    if older is None or int(older[1]) >= account.scope_seq:
        return None
    return class_lists.Position(int(older[1]), head)


_POLICY_COLUMNS = (
    "id, time_zone, first_day_of_week, min_weekly_minutes, mastery_score, target_average,"
    " weekly_units_target"
)
#: (database epoch, the school's head, its policy's columns: NULL when no such school,
#: whether its principals read teachers' notes)
_PULL_STATE = (
    "SELECT (SELECT value FROM server_state WHERE key = 'epoch'),"
    " (SELECT last_seq FROM sync_counter WHERE school_id = :school), "
    + ", ".join(f"s.{column.strip()}" for column in _POLICY_COLUMNS.split(","))
    + ", s.principals_read_notes"
    + " FROM (SELECT 1 AS one) AS here LEFT JOIN school s ON s.id = :school"
)


def school_policy(connection: Connection, school_id: str) -> Policy | None:
    row = connection.execute(
        text(f"SELECT {_POLICY_COLUMNS} FROM school WHERE id = :id"), {"id": school_id}
    ).fetchone()
    return None if row is None else _policy(row)


def _policy(row: Sequence[Any]) -> Policy:
    return Policy(
        school_id=row[0],
        time_zone=row[1],
        first_day_of_week=int(row[2]),
        min_weekly_minutes=int(row[3]),
        mastery_score=float(row[4]),
        target_average=float(row[5]),
        weekly_units_target=int(row[6]),
    )


def _without_teachers_text(row: Sequence[Any]) -> Sequence[Any]:
    """A log row as a read-only role receives it (rare tables: parsed only for them)."""
    if row[1] not in TEACHERS_ONLY_FIELDS or row[3]:
        return row
    data = without_teachers_text(row[1], json.loads(row[4]))
    return (*row[:4], json.dumps(data, separators=(",", ":")))


def _page_json(
    rows: Sequence[Any],
    *,
    forgets: Sequence[tuple[str, str]] = (),
    next_cursor: int,
    has_more: bool,
    epoch: str,
    reset: bool = False,
    policy: Policy | None,
    role: str,
) -> bytes:
    dumps = json.dumps
    # A row to forget: its table and id, no data (server_seq 0: it is no version of it).
    parts = [
        f'{{"table":{dumps(table)},"id":{dumps(row_id)},"server_seq":0,"forget":true}}'
        for table, row_id in forgets
    ]
    parts += [
        f'{{"table":{dumps(row[1])},"id":{dumps(row[2])},"server_seq":{int(row[0])},'
        f'"tombstone":{"true" if row[3] else "false"},"data":{row[4]}}}'
        for row in rows
    ]
    head = {
        "next_cursor": next_cursor,
        "has_more": has_more,
        "epoch": epoch,
        "reset": reset,
        "policy": None if policy is None else policy.model_dump(),
        "role": role,
    }
    return (
        '{"changes":[' + ",".join(parts) + "]," + dumps(head, separators=(",", ":"))[1:]
    ).encode()


# -- the learning platform's feed ------------------------------------------------------


def reassignment_feed(
    connection: Connection, caller: Caller, *, after: int, limit: int
) -> ReassignmentFeed:
    access = access_of(caller.account)
    students = None if access.whole_school else access.students(connection)
    rows = connection.execute(
        text(
            "SELECT r.feed_seq, r.id, r.action, r.student_id, s.source_id, r.unit_id, u.code,"
            " r.undoes_id, r.duplicate_of, r.reason, r.created_at FROM reassignment_event r"
            " JOIN student s ON s.id = r.student_id JOIN unit u ON u.id = r.unit_id"
            " WHERE r.school_id = :school AND r.feed_seq > :after ORDER BY r.feed_seq"
        ),
        {"school": caller.account.school_id, "after": after},
    )
    items: list[ReassignmentFeedItem] = []
    has_more = False
    for row in rows:
        if students is not None and row[3] not in students:
            continue
        if len(items) == limit:
            has_more = True
            break
        items.append(
            ReassignmentFeedItem(
                feed_seq=int(row[0]),
                event_id=row[1],
                action=row[2],
                student_id=row[3],
                student_source_id=row[4],
                unit_id=row[5],
                unit_code=row[6],
                undoes_id=row[7],
                duplicate_of=row[8],
                reason=row[9],
                created_at=row[10],
            )
        )
    next_cursor = items[-1].feed_seq if items else after
    return ReassignmentFeed(items=items, next_cursor=next_cursor, has_more=has_more)

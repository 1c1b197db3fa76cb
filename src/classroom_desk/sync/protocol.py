"""The sync wire format: the one set of request and response schemas both ends use, and
the catalogue of mutations (one typed payload per kind, with its limits).

JSON over HTTP, gzip in both directions. Push sends outbox mutations numbered per
device; pull returns changed rows after a cursor (the server's ``server_seq``), paged,
or an explicit ``reset`` when the cursor cannot be served.

A mutation travels as an envelope (:class:`Mutation`: kind, ids, stamp, payload) so that
one the server cannot read is refused on its own, with a reason, and never fails the
batch around it. Its payload is read with :func:`parse_payload` into the kind's model
below; the laptop builds the same models to enqueue a change, so a kind, its fields and
their limits are written once, here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.groups import MAX_GROUP_NAME, checked_group_name
from classroom_desk.domain.hlc import MAX_DEVICE_ID_CHARS
from classroom_desk.domain.notes import (
    MAX_NOTE_CHARS,
    MAX_TEXT_CHARS,
    NOTE_TAGS,
    NoteTag,
    plain_text,
)
from classroom_desk.domain.profiles import ProfileValueError, checked_value
from classroom_desk.domain.roles import AccountRole
from classroom_desk.domain.rotation import (
    MAX_ROUND_MINUTES,
    MAX_STATION_NAME,
    MAX_STATIONS,
    MIN_ROUND_MINUTES,
)
from classroom_desk.domain.tutoring import (
    MAX_FOCUS,
    MAX_SESSION_MINUTES,
    MAX_SESSION_NOTE,
    MAX_TUTOR_NAME,
    MAX_TUTORING_GROUP_SIZE,
    checked_tutor_name,
)

#: Bumped when a change to these schemas cannot be read by the other side.
PROTOCOL_VERSION = 1

MAX_PUSH_BATCH = 1000
MAX_PULL_LIMIT = 5000
#: An epoch as a laptop echoes it: the server's identity, its class-list version, and
#: its position within a change of that list (``server.class_lists``).
MAX_EPOCH_CHARS = 200
#: A page is one transaction on the laptop: fewer, larger pages mean fewer commits (and
#: better gzip); 5,000 rows are about 2 MB of JSON, 0.4 MB on the wire.
DEFAULT_PULL_LIMIT = 5000

#: Sequence numbers and cursors fit a signed 64-bit column on both databases.
MAX_SEQ = 2**62


def _whole_number(value: object) -> object:
    """JSON's integers, ``226.0`` included (JSON Schema counts it as one); never a bool."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true or false")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: A whole number as JSON writes one (the wire models are strict: no bools, no text).
_WHOLE = BeforeValidator(_whole_number)
SeqNumber = Annotated[int, Field(ge=0, le=MAX_SEQ), _WHOLE]

_NO_NUL = r"^[^\x00]*$"
#: Ids made by the app (UUIDs): never a NUL character, which PostgreSQL cannot store.
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_NO_NUL)]
#: A device's id (a UUID on every laptop): the length the server's columns hold.
DeviceId = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_DEVICE_ID_CHARS, pattern=_NO_NUL)
]
Scalar = str | int | float | bool | None


class _Wire(BaseModel):
    # Strict: a number is a number (``false`` is no cursor, ``"5"`` no score), as the
    # schema says; JSON's ISO dates and enum values are still read.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# -- sign-in and devices ---------------------------------------------------------------


class SignInRequest(_Wire):
    # Stored or looked up in the database: no NUL (PostgreSQL holds none).
    user: Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_NO_NUL)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    device_id: DeviceId
    device_name: Annotated[str, StringConstraints(max_length=200, pattern=_NO_NUL)] = ""
    #: The school to sign in to (an id from :attr:`SignInResponse.schools`), for a person
    #: who teaches in several; omitted, the school their account was made in first.
    school: Identifier | None = None


class SchoolChoice(_Wire):
    """A school a person may sign in to, by the id the server knows it by."""

    id: str
    name: str


#: Sent by a laptop that reads :attr:`SignInResponse.school_name` and ``schools`` (a
#: person's several schools): an older laptop refuses fields it does not know, so a
#: server sends them only to one that says it reads them.
SCHOOLS_HEADER = "X-Classroom-Desk-Schools"


class SignInResponse(_Wire):
    token: str
    token_id: str
    account_id: str
    role: AccountRole
    school_id: str
    teacher_id: str | None
    display_name: str
    #: The school this token is for, by name (an older server sends none).
    school_name: str = ""
    #: Every school this person may sign in to, this one included, by name (an older
    #: server sends none: one school).
    schools: list[SchoolChoice] = []


class DeviceTokenInfo(_Wire):
    id: str
    account_id: str
    user: str
    device_id: str
    device_name: str
    created_at: str
    last_seen_at: str | None
    revoked: bool


# -- push ------------------------------------------------------------------------------


class Mutation(_Wire):
    """One outbox entry: a teacher's change, numbered ``seq`` on the device that made it.

    ``student_id`` is the record's scope: the student it is about or, for a kind whose
    ``SCOPE`` is ``"section"`` (a group, a rotation, a tutor, a tutoring session), the
    class section whose teachers may change and see it.
    """

    seq: Annotated[int, Field(ge=1, le=MAX_SEQ), _WHOLE]
    mutation_id: Identifier
    kind: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    record_id: Identifier
    student_id: Identifier
    payload: dict[str, Scalar | list[str]]
    stamp: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    created_at: Annotated[str, StringConstraints(min_length=1, max_length=40)]


class PushRequest(_Wire):
    device_id: DeviceId
    mutations: Annotated[list[Mutation], Field(max_length=MAX_PUSH_BATCH)]
    #: The device's pull cursor and its epoch: what it has seen, so the server can tell
    #: an edit made over a value the device never saw (a real conflict) from an update.
    seen_cursor: SeqNumber = 0
    epoch: Annotated[str, StringConstraints(max_length=MAX_EPOCH_CHARS)] | None = None


class MutationResult(_Wire):
    """What became of one mutation: applied, a repeat of one applied (duplicate),
    refused for good (rejected, with the reason), or ``deferred``: stamped by a clock
    too far ahead of the server's; not applied nor recorded, to be sent again later."""

    seq: int
    mutation_id: str
    outcome: Literal["applied", "duplicate", "rejected", "deferred"]
    reason: str | None = None


class PushResponse(_Wire):
    last_applied_seq: int
    results: list[MutationResult]
    #: The server's clock (Unix milliseconds) when it answered: a laptop whose changes
    #: were deferred tells its teacher how far off its own clock is.
    server_millis: int | None = None


# -- the mutation catalogue --------------------------------------------------------------

MAX_SCORE: Final = 100.0


def _note_body(text: str) -> str:
    body = plain_text(text, limit=MAX_NOTE_CHARS, what="a note")
    if not body:
        raise ValueError("an empty note cannot be saved")
    return body


def _short_text(text: str) -> str:
    return plain_text(text)


#: A raw string is bounded before any work is done on it (a few times the stored limit:
#: line ends and NULs may go).
NoteBody = Annotated[
    str, StringConstraints(max_length=2 * MAX_NOTE_CHARS), AfterValidator(_note_body)
]
ShortText = Annotated[
    str, StringConstraints(max_length=2 * MAX_TEXT_CHARS), AfterValidator(_short_text)
]
Score = Annotated[float, Field(ge=0, le=MAX_SCORE, allow_inf_nan=False)]


class MutationPayload(_Wire):
    """A mutation's payload; each kind is one subclass, named by ``KIND``."""

    KIND: ClassVar[str]
    #: What the envelope's ``student_id`` names: the student, or the class section.
    SCOPE: ClassVar[Literal["student", "section"]] = "student"

    def to_json(self) -> str:
        """The payload as the outbox stores it and the wire carries it."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True)


class NotePut(MutationPayload):
    """A conference note, new or saved again in place by the device that wrote it."""

    KIND = "note.put"
    student_id: Identifier | None = None
    body: NoteBody
    tags: Annotated[list[NoteTag], Field(max_length=len(NOTE_TAGS))] = []
    follow_up_on: date | None = None


class NoteRevise(MutationPayload):
    """A new version of an earlier note (the earlier one is kept)."""

    KIND = "note.revise"
    supersedes_id: Identifier
    body: NoteBody


class Reassign(MutationPayload):
    KIND = "reassignment.reassign"
    unit_id: Identifier
    batch_id: Identifier | None = None
    score: Score | None = None
    reason: ShortText = ""


class UndoReassignment(MutationPayload):
    KIND = "reassignment.undo"
    undoes_id: Identifier
    #: The unit is the undone event's; a laptop sends it for its own records.
    unit_id: Identifier | None = None


class _GoalTarget(MutationPayload):
    content_area_id: Identifier
    kind: GoalKind
    target: Annotated[float, Field(allow_inf_nan=False)]

    @model_validator(mode="after")
    def _sensible_target(self) -> _GoalTarget:
        if not self.kind.valid_target(self.target):
            raise ValueError(f"{self.target:g} is not a sensible target for {self.kind.value}")
        return self


class GoalCreate(_GoalTarget):
    KIND = "goal.create"


class GoalSetTarget(_GoalTarget):
    KIND = "goal.set_target"


class GoalSetStatus(MutationPayload):
    KIND = "goal.set_status"
    status: Literal["active", "dropped"]


class CelebrationCreate(MutationPayload):
    KIND = "celebration.create"
    goal_id: Identifier | None = None
    week: date | None = None
    note: ShortText = ""


class ProfileSetField(MutationPayload):
    """One field of a student's learner profile (the value as ``checked_value`` keeps it)."""

    KIND = "profile.set_field"
    #: One of ``domain.profiles.PROFILE_FIELDS`` (checked with the value, in its words).
    field: Annotated[str, StringConstraints(max_length=64)]
    value: Annotated[str, StringConstraints(max_length=2 * MAX_TEXT_CHARS)] | int | None

    @model_validator(mode="after")
    def _checked(self) -> ProfileSetField:
        try:
            stored = checked_value(self.field, self.value)
        except ProfileValueError as error:
            raise ValueError(str(error)) from None
        object.__setattr__(self, "value", stored)
        return self


# -- groups, rotations and tutoring: records of a class, each field merged on its own ----


def _group_name(text: str) -> str:
    return checked_group_name(text)


def _tutor_name(text: str) -> str:
    return checked_tutor_name(text)


def _station_name(text: str) -> str:
    plain = " ".join(text.split())
    if not plain:
        raise ValueError("a station needs a name")
    return plain


GroupName = Annotated[
    str, StringConstraints(max_length=4 * MAX_GROUP_NAME), AfterValidator(_group_name)
]
TutorName = Annotated[
    str, StringConstraints(max_length=4 * MAX_TUTOR_NAME), AfterValidator(_tutor_name)
]
StationName = Annotated[
    str, StringConstraints(max_length=MAX_STATION_NAME), AfterValidator(_station_name)
]
GroupBasisName = Literal["unit", "no_activity", "under_minutes", "near_goal", "level",
                         "enrichment", "teacher"]  # fmt: skip
StationKindName = Literal["teacher", "online", "collaborative", "independent", "other"]
TutorRole = Literal["teacher", "paraprofessional", "volunteer"]
#: Days a tutoring group meets: ``"0,2,4"`` (0 = Monday), and a time ``"10:30"``.
ScheduleDays = Annotated[str, StringConstraints(max_length=13, pattern=r"^([0-6](,[0-6])*)?$")]
ScheduleTime = Annotated[
    str, StringConstraints(max_length=5, pattern=r"^(([01]?[0-9]|2[0-3]):[0-5][0-9])?$")
]
Members = Annotated[list[Identifier], Field(max_length=MAX_TUTORING_GROUP_SIZE)]


def _focus(text: str) -> str:
    return " ".join(plain_text(text, limit=MAX_FOCUS, what="a session's focus").split())


def _session_note(text: str) -> str:
    return plain_text(text, limit=MAX_SESSION_NOTE, what="a session's note")


FocusText = Annotated[str, StringConstraints(max_length=2 * MAX_FOCUS), AfterValidator(_focus)]
SessionNote = Annotated[
    str, StringConstraints(max_length=2 * MAX_SESSION_NOTE), AfterValidator(_session_note)
]


class _ClassRecord(MutationPayload):
    """A record of a class section; the envelope's ``student_id`` is that section."""

    SCOPE: ClassVar[Literal["student", "section"]] = "section"
    section_id: Identifier


class _BlockRecord(_ClassRecord):
    """A record of one block: a class's centers in one content area for one week."""

    content_area_id: Identifier
    week: date


class GroupCreate(_BlockRecord):
    KIND = "group.create"
    name: GroupName
    basis: GroupBasisName = "teacher"
    reason: Annotated[str, StringConstraints(max_length=2 * 300)] = ""
    unit_id: Identifier | None = None


class GroupRename(_ClassRecord):
    KIND = "group.rename"
    name: GroupName


class GroupSetStatus(_ClassRecord):
    """A group dissolved (merged into another, or removed) or brought back."""

    KIND = "group.set_status"
    status: Literal["active", "dissolved"]


class GroupPlace(_BlockRecord):
    """Which group of the block a student is in (``None``: none). One record per
    student and block (its id made from them), so a student is in one group per block
    even when two laptops move them at once: the later move wins, the other is kept."""

    KIND = "group.place"
    SCOPE = "student"
    group_id: Identifier | None = None


class RotationSetup(_BlockRecord):
    KIND = "rotation.setup"
    station_names: Annotated[list[StationName], Field(min_length=1, max_length=MAX_STATIONS)]
    station_kinds: Annotated[list[StationKindName], Field(min_length=1, max_length=MAX_STATIONS)]
    round_minutes: Annotated[int, Field(ge=MIN_ROUND_MINUTES, le=MAX_ROUND_MINUTES)]

    @model_validator(mode="after")
    def _paired(self) -> RotationSetup:
        if len(self.station_names) != len(self.station_kinds):
            raise ValueError("each station needs a name and a kind")
        if len({name.casefold() for name in self.station_names}) != len(self.station_names):
            raise ValueError("two stations have the same name")
        return self


class RotationProgressSet(_BlockRecord):
    """The rotation timer: the round (-1 before the first), its start or time left."""

    KIND = "rotation.progress"
    round_number: Annotated[int, Field(ge=-1, le=MAX_STATIONS)]
    started_at: datetime | None = None
    paused_left: Annotated[int, Field(ge=0, le=MAX_ROUND_MINUTES * 60)] | None = None


class TutorPut(_ClassRecord):
    """A tutor, new (name and role given) or changed (only the fields changed)."""

    KIND = "tutor.put"
    name: TutorName | None = None
    role: TutorRole | None = None
    active: bool | None = None


class TutoringGroupPut(_ClassRecord):
    """A tutoring group, new (every field) or changed (only the fields changed)."""

    KIND = "tutoring_group.put"
    content_area_id: Identifier | None = None
    name: GroupName | None = None
    tutor_id: Identifier | None = None
    schedule_days: ScheduleDays | None = None
    schedule_time: ScheduleTime | None = None
    sessions_per_week: Annotated[int, Field(ge=1, le=7)] | None = None
    minutes_per_session: Annotated[int, Field(ge=1, le=MAX_SESSION_MINUTES)] | None = None
    members: Members | None = None
    active: bool | None = None

    @model_validator(mode="after")
    def _whole_values(self) -> TutoringGroupPut:
        if (self.schedule_days is None) != (self.schedule_time is None):
            raise ValueError("a schedule is sent with its days and its time")
        if (self.sessions_per_week is None) != (self.minutes_per_session is None):
            raise ValueError("a plan is sent with its sessions and its minutes")
        if self.members is not None and len(set(self.members)) != len(self.members):
            raise ValueError("a student is listed twice in the group")
        return self


class TutoringSessionLog(_ClassRecord):
    """One tutoring session as it happened: append-only (a mistake is voided)."""

    KIND = "tutoring.log"
    group_id: Identifier
    tutor_id: Identifier
    held_on: date
    minutes: Annotated[int, Field(ge=1, le=MAX_SESSION_MINUTES)]
    attendees: Annotated[list[Identifier], Field(min_length=1, max_length=MAX_TUTORING_GROUP_SIZE)]
    focus_unit_id: Identifier | None = None
    focus: FocusText = ""
    note: SessionNote = ""

    @model_validator(mode="after")
    def _each_once(self) -> TutoringSessionLog:
        if len(set(self.attendees)) != len(self.attendees):
            raise ValueError("a student is listed twice in the session")
        return self


class TutoringSessionVoid(_ClassRecord):
    KIND = "tutoring.void"
    voided: bool


MUTATION_KINDS: Final[dict[str, type[MutationPayload]]] = {
    model.KIND: model
    for model in (
        NotePut,
        NoteRevise,
        Reassign,
        UndoReassignment,
        GoalCreate,
        GoalSetTarget,
        GoalSetStatus,
        CelebrationCreate,
        ProfileSetField,
        GroupCreate,
        GroupRename,
        GroupSetStatus,
        GroupPlace,
        RotationSetup,
        RotationProgressSet,
        TutorPut,
        TutoringGroupPut,
        TutoringSessionLog,
        TutoringSessionVoid,
    )
}


class PayloadError(ValueError):
    """A mutation whose kind or payload is not one the catalogue accepts; the message
    says which field and why, without repeating the value sent."""


def parse_payload(kind: str, payload: Mapping[str, Any]) -> MutationPayload:
    """The typed payload of a mutation of ``kind``, or :class:`PayloadError`.

    Read strictly from its JSON form: a number sent as text, or text as a date that
    is not one, is refused as the wire would refuse it.
    """
    model = MUTATION_KINDS.get(kind)
    if model is None:
        shown = kind if len(kind) <= 64 else f"{kind[:64]}…"
        raise PayloadError(f"the school server does not know the change {shown!r}")
    try:
        return model.model_validate_json(json.dumps(dict(payload)), strict=True)
    except (ValidationError, ValueError) as error:
        raise PayloadError(f"malformed change {kind!r}: {_reasons(error)}") from None


def _reasons(error: Exception) -> str:
    if not isinstance(error, ValidationError):
        return str(error)
    parts = []
    for problem in error.errors(include_input=False, include_url=False)[:5]:
        where = ".".join(str(part) for part in problem["loc"])
        message = str(problem["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


# -- pull ------------------------------------------------------------------------------


class Policy(_Wire):
    """The school's thresholds and calendar, handed down to every laptop."""

    school_id: str
    time_zone: str
    first_day_of_week: int
    min_weekly_minutes: int
    mastery_score: float
    target_average: float
    weekly_units_target: int


#: Sent with a pull by a laptop that reads a change of its class list as a difference
#: (rows to forget, rows to catch up on, its position kept in the epoch): a server sends
#: one instead of a reset only to such a laptop, and an older server ignores the header.
CLASS_LIST_CHANGES_HEADER = "X-Classroom-Desk-Class-List-Changes"


class PullRequest(_Wire):
    cursor: SeqNumber = 0
    #: The server instance the cursor came from; ``None`` for a device that has none.
    epoch: Annotated[str, StringConstraints(max_length=MAX_EPOCH_CHARS)] | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT), _WHOLE] = DEFAULT_PULL_LIMIT


class Change(_Wire):
    """A row as it now stands on the server (``data``), or its deletion (``tombstone``),
    or a row the laptop must no longer hold (``forget``: its account's class list
    changed; sent only to a laptop that says it reads them, see
    :data:`CLASS_LIST_CHANGES_HEADER`)."""

    table: str
    id: str
    server_seq: int
    tombstone: bool = False
    data: dict[str, Scalar] | None = None
    forget: bool = False


class PullResponse(_Wire):
    changes: list[Change]
    next_cursor: int
    has_more: bool
    #: The server database and the caller's class list this cursor belongs to.
    epoch: str
    #: The cursor cannot be served (another server, a restored backup, a changed class
    #: list): the device must start again from cursor 0 and drop rows it does not get.
    reset: bool = False
    policy: Policy | None = None
    #: The caller's role now, so a laptop learns a role given after its sign-in (or
    #: before laptops kept it); None from a server older than this field.
    role: AccountRole | None = None


# -- the learning platform's feed -----------------------------------------------------


class ReassignmentFeedItem(_Wire):
    feed_seq: int
    event_id: str
    action: Literal["reassign", "undo"]
    student_id: str
    student_source_id: str
    unit_id: str
    unit_code: str
    undoes_id: str | None
    duplicate_of: str | None
    reason: str
    created_at: str


class ReassignmentFeed(_Wire):
    items: list[ReassignmentFeedItem]
    next_cursor: int
    has_more: bool


# -- plain reads -------------------------------------------------------------------


class SectionInfo(_Wire):
    id: str
    name: str
    grade: str
    teacher_id: str
    role: Literal["teacher", "co-teacher", "admin", "principal", "coach"]


class StudentInfo(_Wire):
    id: str
    given_name: str
    family_name: str
    grade: str


# -- the School view: a month's figures, never the activity behind them -------------


MAX_MONTH_MINUTES = 31 * 24 * 60
MAX_MONTH_UNITS = 100_000


class MonthStudent(_Wire):
    """One student's month in one content area, as the Skills Summary counts it (each
    unit's latest score in the month for the average; a platform summary's units count
    as completed and mastered)."""

    student_id: str
    given_name: str
    family_name: str
    grade: str
    #: A month holds at most 44,640 minutes; more is no real figure.
    minutes: Annotated[int, Field(ge=0, le=MAX_MONTH_MINUTES)]
    units_completed: Annotated[int, Field(ge=0, le=MAX_MONTH_UNITS)]
    units_mastered: Annotated[int, Field(ge=0, le=MAX_MONTH_UNITS)]
    average_score: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None
    from_summary: bool


class MonthClassArea(_Wire):
    """A class's students in one of its content areas (every enrolled student, those
    with no activity at zero)."""

    section_id: str
    content_area_id: str
    students: list[MonthStudent]


class MonthSection(_Wire):
    id: str
    name: str
    grade: str
    #: The lead teacher's name as the roster shows it ("given family").
    teacher: str


class MonthArea(_Wire):
    id: str
    name: str
    position: Annotated[int, Field(ge=-(2**31), le=2**31)]


class SchoolMonth(_Wire):
    """``GET /school/months/{year}/{month}``: every class the caller may read, in every
    content area it teaches, for a school-local calendar month. Figures only: the
    attempts, notes and goals behind them stay on the server."""

    school_id: str
    school_name: str
    year: Annotated[int, Field(ge=2000, le=2100)]
    month: Annotated[int, Field(ge=1, le=12)]
    policy: Policy
    #: When the server computed these figures (ISO 8601, UTC): the laptop shows a
    #: kept copy's age from it.
    computed_at: datetime
    areas: list[MonthArea]
    sections: list[MonthSection]
    figures: list[MonthClassArea]


class SchoolWeek(SchoolMonth):
    """``GET /school/weeks/{day}``: as a month's answer, for the school week that holds
    the day asked (from the school's first day of the week, local midnight): the roster's
    week. ``year`` and ``month`` are its first day's."""

    week_start: date


class ErrorBody(_Wire):
    detail: str


class ValidationProblem(_Wire):
    """One field that is missing or not valid: where, and which rule (never the value)."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorBody(_Wire):
    detail: list[ValidationProblem]

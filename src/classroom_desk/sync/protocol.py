"""The sync wire format: the one set of request and response schemas both ends use.

JSON over HTTP, gzip in both directions. Push sends outbox mutations numbered per
device; pull returns changed rows after a cursor (the server's ``server_seq``), paged,
or an explicit ``reset`` when the cursor cannot be served.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Bumped when a change to these schemas cannot be read by the other side.
PROTOCOL_VERSION = 1

MAX_PUSH_BATCH = 1000
MAX_PULL_LIMIT = 5000
#: A page is one transaction on the laptop: fewer, larger pages mean fewer commits (and
#: better gzip); 5,000 rows are about 2 MB of JSON, 0.4 MB on the wire.
DEFAULT_PULL_LIMIT = 5000

#: Sequence numbers and cursors fit a signed 64-bit column on both databases.
MAX_SEQ = 2**62
SeqNumber = Annotated[int, Field(ge=0, le=MAX_SEQ)]

#: Ids made by the app (UUIDs): never a NUL character, which PostgreSQL cannot store.
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00]*$")]
Scalar = str | int | float | bool | None


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- sign-in and devices ---------------------------------------------------------------


class SignInRequest(_Wire):
    user: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    device_id: Identifier
    device_name: Annotated[str, StringConstraints(max_length=200)] = ""


class SignInResponse(_Wire):
    token: str
    token_id: str
    account_id: str
    role: Literal["teacher", "admin"]
    school_id: str
    teacher_id: str | None
    display_name: str


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
    """One outbox entry: a teacher's change, numbered ``seq`` on the device that made it."""

    seq: Annotated[int, Field(ge=1, le=MAX_SEQ)]
    mutation_id: Identifier
    kind: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    record_id: Identifier
    student_id: Identifier
    payload: dict[str, Scalar | list[str]]
    stamp: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    created_at: Annotated[str, StringConstraints(min_length=1, max_length=40)]


class PushRequest(_Wire):
    device_id: Identifier
    mutations: Annotated[list[Mutation], Field(max_length=MAX_PUSH_BATCH)]
    #: The device's pull cursor and its epoch: what it has seen, so the server can tell
    #: an edit made over a value the device never saw (a real conflict) from an update.
    seen_cursor: SeqNumber = 0
    epoch: Annotated[str, StringConstraints(max_length=100)] | None = None


class MutationResult(_Wire):
    seq: int
    mutation_id: str
    outcome: Literal["applied", "duplicate", "rejected"]
    reason: str | None = None


class PushResponse(_Wire):
    last_applied_seq: int
    results: list[MutationResult]


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


class PullRequest(_Wire):
    cursor: SeqNumber = 0
    #: The server instance the cursor came from; ``None`` for a device that has none.
    epoch: Annotated[str, StringConstraints(max_length=100)] | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT


class Change(_Wire):
    """A row as it now stands on the server (``data``), or its deletion (``tombstone``)."""

    table: str
    id: str
    server_seq: int
    tombstone: bool = False
    data: dict[str, Scalar] | None = None


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
    role: Literal["teacher", "co-teacher", "admin"]


class StudentInfo(_Wire):
    id: str
    given_name: str
    family_name: str
    grade: str


class ErrorBody(_Wire):
    detail: str

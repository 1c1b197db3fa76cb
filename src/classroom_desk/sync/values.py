"""What sync tells the rest of the app: its errors in words, progress, reports, the status
bar's figures and the problems it set aside. Plain values; no SQL, no HTTP."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from classroom_desk.domain.roles import READ_ONLY_ROLES

# -- errors, in words a teacher can read -----------------------------------------------


class SyncError(Exception):
    """Sync could not finish; ``str(error)`` is a sentence for the status bar."""


class OfflineError(SyncError):
    """The school server could not be reached (after retries)."""


class SignInRequiredError(SyncError):
    """The server refused this device's token (revoked, or never signed in)."""


class ServerRefusedError(SyncError):
    """The server answered with an error that retrying will not fix."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        #: The HTTP status, when the refusal came as one.
        self.status = status


class ProtocolError(SyncError):
    """The server's answer could not be read; nothing from it was stored."""


class ClockAheadError(SyncError):
    """This laptop's clock is too far ahead of the server's: the changes made since it
    went wrong wait on the laptop, and are sent once the clock is right."""


# -- what the UI sees -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: Literal["push", "pull"]
    done: int
    #: Known for push (mutations waiting); for pull the server's total is not known.
    total: int | None
    message: str


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    #: Changes the server did not take yet because this laptop's clock is ahead.
    deferred: int = 0
    pulled: int = 0
    #: Pulled records that could not be stored, set aside (see ``SyncProblem``).
    set_aside: int = 0
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    resets: int = 0
    cursor: int = 0
    rejections: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows, read from the store (no network)."""

    server_url: str | None
    user_name: str | None
    pending: int
    rejected: int
    held_back: int
    last_synced_at: datetime | None
    last_error: str | None
    #: Pulled records set aside because they could not be stored.
    set_aside: int = 0
    #: The account's role as the server said at sign-in; None if signed in before
    #: laptops kept it (such a laptop writes, and the server judges).
    role: str | None = None
    #: The school this store is signed in to (None: signed in before laptops kept it).
    school_id: str | None = None

    @property
    def read_only(self) -> bool:
        return self.role in READ_ONLY_ROLES

    @property
    def signed_in_before(self) -> bool:
        return self.server_url is not None and self.user_name is not None

    @property
    def problems(self) -> int:
        """What the Sync problems window lists."""
        return self.rejected + self.set_aside


@dataclass(frozen=True, slots=True)
class SyncProblem:
    """One line of the Sync problems window: a change of this laptop the server refused,
    or a record from the server this laptop could not store."""

    source: Literal["refused", "set aside"]
    #: What it is about, in words ("goal.set_target", "conference_note row").
    what: str
    record_id: str
    reason: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))


@dataclass(frozen=True, slots=True)
class OtherSchoolSignIn:
    """A sign-in to another school of the same person (one store each): its token, kept
    in memory only when the keyring cannot keep it, or why it failed; and why its first
    copy did not come down with it (it comes with the school's first sync)."""

    school_id: str
    school_name: str
    token: str | None = field(default=None, repr=False)
    remembered: bool = False
    problem: str | None = None
    copy_problem: str | None = None


@dataclass(frozen=True, slots=True)
class SignInResult:
    token: str
    account_id: str
    display_name: str
    #: False when there is no keyring: the token is kept only for this session.
    remembered: bool
    message: str
    #: The school this token is for, by id and name (an older server sends no name).
    school_id: str = ""
    school_name: str = ""
    #: Every school this person may sign in to, (id, name), this one included, as the
    #: server listed them (an older server lists none: one school).
    schools: tuple[tuple[str, str], ...] = ()
    #: The sign-ins to this person's other schools made with it (none: one school).
    other_schools: tuple[OtherSchoolSignIn, ...] = ()
    #: Another person signed in: the schools whose stores the person before kept here,
    #: removed; and each not removed, (name, why) (not offered; tried at the next sign-in).
    removed_schools: tuple[str, ...] = ()
    not_removed: tuple[tuple[str, str], ...] = ()

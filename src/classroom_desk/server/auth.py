"""Accounts, passwords (argon2), device tokens (only their hash is stored), sign-in
throttling and the audit log. What each account may see and do: :mod:`access`.

A sign-in is three short steps so that no transaction is open while a password is
checked (an argon2 check takes a CPU core and 64 MiB for a while): :func:`check_throttle`
(read), :func:`verify_password` (no transaction), then :func:`record_failure` or
:func:`issue_token` (a short write each).
"""

from __future__ import annotations

import hashlib
import math
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, text

from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.protocol import DeviceTokenInfo

#: What each may see and do: ``classroom_desk.server.access``.
Role = Literal["teacher", "admin", "principal", "coach"]
ROLES: tuple[Role, ...] = ("teacher", "admin", "principal", "coach")

_HASHER = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs the same time.
_DUMMY_HASH = _HASHER.hash("not a real password")

MIN_PASSWORD_CHARS = 8
#: A device token unused this long stops working; each use renews it.
TOKEN_IDLE_LIMIT = timedelta(days=90)
#: ``last_seen_at`` is written at most this often per token (it renews the token too).
LAST_SEEN_EVERY = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class ThrottleRule:
    """Failures allowed per ``window`` before each further attempt waits, the wait
    doubling per failure up to ``cap`` seconds: slowed, never locked out."""

    kind: str
    free: int
    cap: float
    window: float = 15 * 60.0

    def wait(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return min(self.cap, 2.0 ** (failures - self.free))


#: One address (any user names: a script trying names), one account from one address,
#: and one account from anywhere (a guess spread over many addresses). The caps are short
#: enough that the right password gets in after the wait, whoever else is failing.
BY_ADDRESS = ThrottleRule("address", free=30, cap=30.0)
BY_ACCOUNT_AND_ADDRESS = ThrottleRule("account+address", free=3, cap=30.0)
BY_ACCOUNT = ThrottleRule("account", free=20, cap=15.0)


def utcnow_text() -> str:
    return to_db_time(datetime.now(UTC))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def hash_token(token: str) -> str:
    """Tokens are 256 random bits: a plain SHA-256 is enough (no offline guessing)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    school_id: str
    username: str
    role: Role
    teacher_id: str | None
    display_name: str
    scope_seq: int


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated request: the account and the device its token is bound to."""

    account: Account
    token_id: str
    device_id: str


class SignInError(Exception):
    pass


class TooManyAttemptsError(SignInError):
    def __init__(self, retry_after: float) -> None:
        super().__init__("too many failed sign-ins; wait and try again")
        self.retry_after = retry_after


class DeviceOwnedError(SignInError):
    """The device id was first registered by another account."""


ACCOUNT_COLUMNS = "id, school_id, username, role, teacher_id, display_name, scope_seq"


def account_of_row(row: Sequence[Any]) -> Account:
    values = tuple(row)
    return Account(
        id=values[0],
        school_id=values[1],
        username=values[2],
        role=values[3],
        teacher_id=values[4],
        display_name=values[5],
        scope_seq=int(values[6]),
    )


def create_account(
    connection: Connection,
    *,
    school_id: str,
    username: str,
    password: str,
    role: Role,
    teacher_id: str | None,
    display_name: str,
) -> Account:
    account_id = str(uuid.uuid4())
    connection.execute(
        text(
            "INSERT INTO account (id, school_id, username, password_hash, role, teacher_id,"
            " display_name, scope_seq, created_at) VALUES (:id, :school, :username, :hash,"
            " :role, :teacher, :display, 0, :now)"
        ),
        {
            "id": account_id,
            "school": school_id,
            "username": username,
            "hash": hash_password(password),
            "role": role,
            "teacher": teacher_id,
            "display": display_name,
            "now": utcnow_text(),
        },
    )
    return Account(account_id, school_id, username, role, teacher_id, display_name, 0)


#: A person's accounts, one per school they work in, the first made first.
_BY_USERNAME = " FROM account WHERE username = :u ORDER BY created_at, id"


def add_school_account(
    connection: Connection, first: Account, *, school_id: str, teacher_id: str | None
) -> Account:
    """``first``'s person in another school: an account there with the same user name,
    password and role; a teacher's linked to that school's record of them
    (``teacher_id``)."""
    account_id = str(uuid.uuid4())
    connection.execute(
        text(
            "INSERT INTO account (id, school_id, username, password_hash, role, teacher_id,"
            " display_name, scope_seq, created_at, disabled_at) SELECT :id, :school, username,"
            " password_hash, role, :teacher, display_name, 0, :now, disabled_at FROM account"
            " WHERE id = :first"
        ),
        {
            "id": account_id,
            "school": school_id,
            "teacher": teacher_id,
            "now": utcnow_text(),
            "first": first.id,
        },
    )
    return replace(first, id=account_id, school_id=school_id, teacher_id=teacher_id, scope_seq=0)


def find_account(
    connection: Connection, username: str, school_id: str | None = None
) -> Account | None:
    """The account of ``username`` in ``school_id``; with no school, the first made (a
    person who works in several schools has one account in each)."""
    accounts = accounts_of(connection, username)
    return next((a for a in accounts if school_id in (None, a.school_id)), None)


def accounts_of(connection: Connection, username: str) -> list[Account]:
    """Every account of ``username``: one per school, the first made first."""
    rows = connection.execute(text(f"SELECT {ACCOUNT_COLUMNS}{_BY_USERNAME}"), {"u": username})
    return [account_of_row(row) for row in rows]


def set_password(connection: Connection, *, username: str, password: str) -> bool:
    """A new password; every device of the account must sign in again."""
    return _change_account(
        connection, username, "password_hash = :value", hash_password(password), revoke=True
    )


def set_disabled(connection: Connection, *, username: str, disabled: bool) -> bool:
    """Disable an account (its devices are revoked, it cannot sign in) or enable it."""
    at = utcnow_text() if disabled else None
    return _change_account(connection, username, "disabled_at = :value", at, revoke=disabled)


def _change_account(
    connection: Connection, username: str, assignment: str, value: object, *, revoke: bool
) -> bool:
    """Set one column of every account of ``username``, one person's in each of their
    schools (False: no such account)."""
    accounts = accounts_of(connection, username)
    for account in accounts:
        connection.execute(
            text(f"UPDATE account SET {assignment} WHERE id = :id"),
            {"value": value, "id": account.id},
        )
        if revoke:
            revoke_account_tokens(connection, account.id)
    return bool(accounts)


def revoke_account_tokens(connection: Connection, account_id: str) -> int:
    return int(
        connection.execute(
            text(
                "UPDATE device_token SET revoked_at = :now"
                " WHERE account_id = :account AND revoked_at IS NULL"
            ),
            {"account": account_id, "now": utcnow_text()},
        ).rowcount
    )


# -- throttling --------------------------------------------------------------------------


def _throttle_keys(username: str, address: str) -> list[tuple[ThrottleRule, str]]:
    name = username.strip().lower()
    return [
        (BY_ADDRESS, f"address|{address}"),
        (BY_ACCOUNT_AND_ADDRESS, f"account+address|{name}|{address}"),
        (BY_ACCOUNT, f"account|{name}"),
    ]


def check_throttle(connection: Connection, username: str, address: str, now: float) -> None:
    """Raise :class:`TooManyAttemptsError` while a sign-in from ``address`` for
    ``username`` must wait (the longest of its waits)."""
    keys = _throttle_keys(username, address)
    rows = {
        row[0]: (row[1], row[2])
        for row in connection.execute(
            text(
                "SELECT key, failures, last_failure_at FROM login_failure WHERE key IN (:a, :b, :c)"
            ),
            {"a": keys[0][1], "b": keys[1][1], "c": keys[2][1]},
        )
    }
    remaining = 0.0
    for rule, key in keys:
        found = rows.get(key)
        if found is None:
            continue
        failures, last = int(found[0]), float(found[1])
        if now - last > rule.window:
            continue
        remaining = max(remaining, last + rule.wait(failures) - now)
    if remaining > 0:
        raise TooManyAttemptsError(remaining)


def record_failure(connection: Connection, username: str, address: str, now: float) -> None:
    """Count a failed sign-in in each of its buckets (a stale count starts again)."""
    for rule, key in _throttle_keys(username, address):
        connection.execute(
            text(
                "INSERT INTO login_failure (key, failures, last_failure_at) VALUES (:k, 1, :now)"
                " ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN"
                " :now - login_failure.last_failure_at > :window THEN 1"
                " ELSE login_failure.failures + 1 END, last_failure_at = excluded.last_failure_at"
            ),
            {"k": key, "now": now, "window": rule.window},
        )


def retry_after_seconds(error: TooManyAttemptsError) -> int:
    return max(1, math.ceil(error.retry_after))


# -- signing in --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Login:
    """A user name's enabled accounts, one per school the person works in."""

    #: The account in the school asked for (the first made when none was asked);
    #: ``None`` when the person has none there.
    account: Account | None
    #: The hash the password is checked against: that account's, else the first's.
    password_hash: str
    #: Every school the person may sign in to, (id, name) by name.
    schools: tuple[tuple[str, str], ...]


def login_of(connection: Connection, username: str, school_id: str | None = None) -> Login | None:
    """The login of ``username`` (``None``: no such enabled account)."""
    rows = connection.execute(
        text(
            f"SELECT {', '.join('a.' + column for column in ACCOUNT_COLUMNS.split(', '))},"
            " a.password_hash, s.name FROM account a JOIN school s ON s.id = a.school_id"
            " WHERE a.username = :u AND a.disabled_at IS NULL ORDER BY a.created_at, a.id"
        ),
        {"u": username},
    ).fetchall()
    if not rows:
        return None
    wanted = [row for row in rows if school_id is None or row[1] == school_id][:1]
    chosen = wanted[0] if wanted else rows[0]
    return Login(
        account=account_of_row(chosen[:7]) if wanted else None,
        password_hash=str(chosen[7]),
        schools=tuple(sorted(((str(r[1]), str(r[8])) for r in rows), key=lambda s: (s[1], s[0]))),
    )


def verify_password(found: Login | None, password: str) -> Login | None:
    """The argon2 check, outside any transaction; an unknown name costs the same.
    Returns the login when the password is right."""
    try:
        _HASHER.verify(_DUMMY_HASH if found is None else found.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return found


def device_owner(connection: Connection, device_id: str) -> str | None:
    """The user name of the account that first registered ``device_id`` (its first
    sign-in): the device is that person's, in every school they work in."""
    row = connection.execute(
        text(
            "SELECT a.username FROM device_token t JOIN account a ON a.id = t.account_id"
            " WHERE t.device_id = :d ORDER BY t.created_at, t.id LIMIT 1"
        ),
        {"d": device_id},
    ).fetchone()
    return None if row is None else str(row[0])


def issue_token(
    connection: Connection,
    *,
    account: Account,
    address: str,
    device_id: str,
    device_name: str,
) -> tuple[str, str]:
    """A new device token for a verified sign-in; returns (token, token id).

    Raises :class:`DeviceOwnedError` when another person registered the device first.
    """
    owner = device_owner(connection, device_id)
    if owner is not None and owner != account.username:
        raise DeviceOwnedError(device_id)
    name = account.username.strip().lower()
    connection.execute(
        text("DELETE FROM login_failure WHERE key IN (:a, :b)"),
        {"a": f"account+address|{name}|{address}", "b": f"account|{name}"},
    )
    token = secrets.token_urlsafe(32)
    token_id = str(uuid.uuid4())
    now = utcnow_text()
    connection.execute(
        text(
            "INSERT INTO device_token (id, account_id, device_id, device_name, token_hash,"
            " created_at, last_seen_at, revoked_at) VALUES (:id, :account, :device, :name,"
            " :hash, :now, :now, NULL)"
        ),
        {
            "id": token_id,
            "account": account.id,
            "device": device_id,
            "name": device_name,
            "hash": hash_token(token),
            "now": now,
        },
    )
    return token, token_id


# -- tokens ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenCheck:
    caller: Caller
    #: The token's ``last_seen_at`` is old enough to be written again (see LAST_SEEN_EVERY).
    stale_last_seen: bool


def authenticate(
    connection: Connection, token: str, *, idle_limit: timedelta = TOKEN_IDLE_LIMIT
) -> TokenCheck | None:
    """The caller a token stands for: not revoked, its account enabled, used within
    ``idle_limit``. ``None`` otherwise."""
    now = datetime.now(UTC)
    row = connection.execute(
        text(
            "SELECT a.id, a.school_id, a.username, a.role, a.teacher_id, a.display_name,"
            " a.scope_seq, t.id, t.device_id, COALESCE(t.last_seen_at, t.created_at)"
            " FROM device_token t JOIN account a ON a.id = t.account_id"
            " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND a.disabled_at IS NULL"
            " AND COALESCE(t.last_seen_at, t.created_at) >= :cutoff"
        ),
        {"hash": hash_token(token), "cutoff": to_db_time(now - idle_limit)},
    ).fetchone()
    if row is None:
        return None
    caller = Caller(account=account_of_row(row[:7]), token_id=row[7], device_id=row[8])
    return TokenCheck(caller, str(row[9]) < to_db_time(now - LAST_SEEN_EVERY))


def touch_token(connection: Connection, token_id: str) -> None:
    """Record that the token was used now: shown by list-devices, and it renews it."""
    connection.execute(
        text("UPDATE device_token SET last_seen_at = :now WHERE id = :id"),
        {"id": token_id, "now": utcnow_text()},
    )


def revoke_token(connection: Connection, token_id: str) -> bool:
    return bool(
        connection.execute(
            text("UPDATE device_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"),
            {"id": token_id, "now": utcnow_text()},
        ).rowcount
    )


def may_revoke(
    connection: Connection, caller: Caller, token_id: str, *, manages_devices: bool
) -> bool:
    """A token's own account may revoke it, and one that manages its school's devices."""
    owner = connection.execute(
        text(
            "SELECT a.id, a.school_id FROM device_token t JOIN account a"
            " ON a.id = t.account_id WHERE t.id = :id"
        ),
        {"id": token_id},
    ).fetchone()
    return owner is not None and (
        owner[0] == caller.account.id or (manages_devices and owner[1] == caller.account.school_id)
    )


def list_device_tokens(
    connection: Connection, *, school_id: str, account_id: str | None
) -> list[DeviceTokenInfo]:
    only_account = "" if account_id is None else " AND a.id = :account"
    rows = connection.execute(
        text(
            "SELECT t.id, a.id, a.username, t.device_id, t.device_name, t.created_at,"
            " t.last_seen_at, t.revoked_at FROM device_token t JOIN account a"
            " ON a.id = t.account_id WHERE a.school_id = :school"
            f"{only_account} ORDER BY t.created_at"
        ),
        {"school": school_id, "account": account_id},
    ).fetchall()
    return [
        DeviceTokenInfo(
            id=r[0],
            account_id=r[1],
            user=r[2],
            device_id=r[3],
            device_name=r[4],
            created_at=r[5],
            last_seen_at=r[6],
            revoked=r[7] is not None,
        )
        for r in rows
    ]


# -- the audit log -----------------------------------------------------------------------


def audit(
    connection: Connection,
    *,
    action: str,
    actor: str,
    subject: str = "",
    address: str = "",
    detail: str = "",
) -> None:
    """One line of the audit log (admin commands, sign-ins): who did what, from where."""
    connection.execute(
        text(
            "INSERT INTO audit_log (at, actor, action, subject, address, detail)"
            " VALUES (:at, :actor, :action, :subject, :address, :detail)"
        ),
        {
            "at": utcnow_text(),
            "actor": actor[:200],
            "action": action,
            "subject": subject[:200],
            "address": address[:100],
            "detail": detail[:1000],
        },
    )


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    actor: str
    action: str
    subject: str
    address: str
    detail: str


def audit_entries(
    connection: Connection, *, limit: int = 100, subject: str | None = None
) -> list[AuditEntry]:
    """The latest entries first; only those about ``subject`` when it is given."""
    where = "" if subject is None else " WHERE subject = :subject"
    rows = connection.execute(
        text(
            "SELECT at, actor, action, subject, address, detail FROM audit_log"
            f"{where} ORDER BY id DESC LIMIT :limit"
        ),
        {"limit": limit, "subject": subject},
    ).fetchall()
    return [AuditEntry(*(str(value) for value in row)) for row in rows]


#: A new class-list version: always a change (a cursor of the old list is refused),
#: and never lower than the sync log's head at the time.
_BUMP_SCOPE = (
    "UPDATE account SET scope_seq ="
    " CASE WHEN scope_seq + 1 > :seq THEN scope_seq + 1 ELSE :seq END WHERE "
)


def bump_scope(connection: Connection, *, teacher_id: str, seq: int) -> None:
    """The classes a teacher sees changed: their devices' older cursors need a reset, and
    so do those of the coaches who read that teacher's classes."""
    connection.execute(
        text(
            _BUMP_SCOPE + "teacher_id = :t OR id IN"
            " (SELECT account_id FROM coach_teacher WHERE teacher_id = :t)"
        ),
        {"seq": seq, "t": teacher_id},
    )


def bump_account_scope(connection: Connection, *, account_id: str, seq: int) -> None:
    """One account's classes changed (a coach given or denied a teacher)."""
    connection.execute(text(_BUMP_SCOPE + "id = :a"), {"seq": seq, "a": account_id})


def bump_role_scope(connection: Connection, *, school_id: str, role: Role, seq: int) -> None:
    """What every account of one role in a school receives changed (a school's choice)."""
    connection.execute(
        text(_BUMP_SCOPE + "school_id = :s AND role = :r"), {"seq": seq, "s": school_id, "r": role}
    )

"""Accounts, passwords (argon2), device tokens (only their hash is stored), slowed
repeated failures, and what each account may see (its sections and their students)."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, text

from classroom_desk.store.timefmt import to_db_time

Role = Literal["teacher", "admin"]
SectionRole = Literal["teacher", "co-teacher", "admin"]

_HASHER = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs the same time.
_DUMMY_HASH = _HASHER.hash("not a real password")

#: Failures allowed before sign-ins for that user from that address are slowed.
FREE_FAILURES = 3
MAX_BACKOFF_SECONDS = 300.0


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


_ACCOUNT_COLUMNS = "id, school_id, username, role, teacher_id, display_name, scope_seq"


def _account(row: Sequence[Any]) -> Account:
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


def find_account(connection: Connection, username: str) -> Account | None:
    row = connection.execute(
        text(f"SELECT {_ACCOUNT_COLUMNS} FROM account WHERE username = :u"), {"u": username}
    ).fetchone()
    return None if row is None else _account(row)


def _throttle_key(username: str, address: str) -> str:
    return f"{username.lower()}|{address}"


def check_throttle(connection: Connection, username: str, address: str, now: float) -> None:
    row = connection.execute(
        text("SELECT failures, last_failure_at FROM login_failure WHERE key = :k"),
        {"k": _throttle_key(username, address)},
    ).fetchone()
    if row is None or row[0] < FREE_FAILURES:
        return
    wait = min(MAX_BACKOFF_SECONDS, 2.0 ** (row[0] - FREE_FAILURES))
    remaining = float(row[1]) + wait - now
    if remaining > 0:
        raise TooManyAttemptsError(remaining)


def record_failure(connection: Connection, username: str, address: str, now: float) -> None:
    connection.execute(
        text(
            "INSERT INTO login_failure (key, failures, last_failure_at) VALUES (:k, 1, :now)"
            " ON CONFLICT (key) DO UPDATE SET failures = login_failure.failures + 1,"
            " last_failure_at = excluded.last_failure_at"
        ),
        {"k": _throttle_key(username, address), "now": now},
    )


def verify_password(connection: Connection, username: str, password: str) -> Account | None:
    row = connection.execute(
        text(f"SELECT {_ACCOUNT_COLUMNS}, password_hash FROM account WHERE username = :u"),
        {"u": username},
    ).fetchone()
    try:
        _HASHER.verify(_DUMMY_HASH if row is None else row[7], password)
    except (VerificationError, InvalidHashError):
        return None
    return None if row is None else _account(row)


def sign_in(
    connection: Connection,
    *,
    username: str,
    password: str,
    address: str,
    device_id: str,
    device_name: str,
) -> tuple[Account, str, str] | None:
    """Check the password, slowing repeated failures (:class:`TooManyAttemptsError`).

    Returns (account, token, token id), or ``None`` for a wrong name or password (the
    failure is recorded in the caller's transaction, which must commit).
    """
    now = time.time()
    check_throttle(connection, username, address, now)
    account = verify_password(connection, username, password)
    if account is None:
        record_failure(connection, username, address, now)
        return None
    connection.execute(
        text("DELETE FROM login_failure WHERE key = :k"),
        {"k": _throttle_key(username, address)},
    )
    token = secrets.token_urlsafe(32)
    token_id = str(uuid.uuid4())
    connection.execute(
        text(
            "INSERT INTO device_token (id, account_id, device_id, device_name, token_hash,"
            " created_at, last_seen_at, revoked_at) VALUES (:id, :account, :device, :name,"
            " :hash, :now, NULL, NULL)"
        ),
        {
            "id": token_id,
            "account": account.id,
            "device": device_id,
            "name": device_name,
            "hash": hash_token(token),
            "now": utcnow_text(),
        },
    )
    return account, token, token_id


def authenticate(connection: Connection, token: str) -> Caller | None:
    row = connection.execute(
        text(
            "SELECT a.id, a.school_id, a.username, a.role, a.teacher_id, a.display_name,"
            " a.scope_seq, t.id, t.device_id FROM device_token t"
            " JOIN account a ON a.id = t.account_id"
            " WHERE t.token_hash = :hash AND t.revoked_at IS NULL"
        ),
        {"hash": hash_token(token)},
    ).fetchone()
    if row is None:
        return None
    return Caller(account=_account(row[:7]), token_id=row[7], device_id=row[8])


def revoke_token(connection: Connection, token_id: str) -> bool:
    return bool(
        connection.execute(
            text("UPDATE device_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"),
            {"id": token_id, "now": utcnow_text()},
        ).rowcount
    )


# -- what an account may see ------------------------------------------------------------


def visible_sections(connection: Connection, account: Account) -> dict[str, SectionRole]:
    """Section id -> the caller's role in it (teacher, co-teacher or admin)."""
    if account.role == "admin":
        rows = connection.execute(
            text("SELECT id FROM class_section WHERE school_id = :s"), {"s": account.school_id}
        )
        return {row[0]: "admin" for row in rows}
    if account.teacher_id is None:
        return {}
    sections: dict[str, SectionRole] = {
        row[0]: "co-teacher"
        for row in connection.execute(
            text("SELECT section_id FROM section_teacher WHERE teacher_id = :t"),
            {"t": account.teacher_id},
        )
    }
    for row in connection.execute(
        text("SELECT id FROM class_section WHERE teacher_id = :t"), {"t": account.teacher_id}
    ):
        sections[row[0]] = "teacher"
    return sections


_VISIBLE_STUDENT = (
    "SELECT 1 FROM student s WHERE s.id = :student AND s.school_id = :school AND ("
    " :admin OR EXISTS (SELECT 1 FROM enrollment e JOIN class_section c ON c.id = e.section_id"
    " WHERE e.student_id = s.id AND (c.teacher_id = :teacher OR EXISTS (SELECT 1 FROM"
    " section_teacher st WHERE st.section_id = c.id AND st.teacher_id = :teacher))))"
)


def may_see_student(connection: Connection, account: Account, student_id: str) -> bool:
    return (
        connection.execute(
            text(_VISIBLE_STUDENT),
            {
                "student": student_id,
                "school": account.school_id,
                "admin": account.role == "admin",
                "teacher": account.teacher_id or "",
            },
        ).fetchone()
        is not None
    )


def bump_scope(connection: Connection, *, teacher_id: str, seq: int) -> None:
    """The classes a teacher sees changed: their devices' older cursors need a reset."""
    connection.execute(
        text("UPDATE account SET scope_seq = :seq WHERE teacher_id = :t"),
        {"seq": seq, "t": teacher_id},
    )

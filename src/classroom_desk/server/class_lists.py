"""Class lists and their changes: a laptop whose account's classes changed is sent the
difference, not the whole history again.

An account's class list (the classes it sees, their students, and the tables hidden from
it) has a version, ``account.scope_seq``, which is part of the epoch its laptops hold.
Each version a laptop may hold is kept here (``class_list_version``): recorded just
before a change to the account's classes (the list its laptops hold then) and just after
(the list they will hold). A laptop at cursor *C* under an older version then needs:

* to **forget** the rows it holds that the account no longer sees (children before their
  parents, so nothing it keeps is left pointing at nothing), and
* to **catch up** on the rows it now sees that it never received: those of its new
  classes and students up to *C* (the rows after *C* reach it by the ordinary pull).

Both are paged like a pull, and between them the laptop pulls as usual up to the head of
when the change began, so that what it keeps is up to date before anything it holds is
forgotten (:class:`Position`). The position is kept in the epoch the laptop echoes, so
the laptop keeps nothing new. When no version is kept (the
laptop is older than :data:`KEPT_VERSIONS` changes, or than this table), or what is
hidden from the account changed, the laptop starts again from nothing, as before.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from sqlalchemy import Connection, String, TextClause, bindparam, text

from classroom_desk.server import auth
from classroom_desk.server.access import Access, access_of
from classroom_desk.server.database import head_seq
from classroom_desk.sync.tables import SYNCED_TABLES

#: Versions kept per account: a laptop that missed more changes than this starts again.
KEPT_VERSIONS = 20
#: Ids bound into one statement at most (SQLite allows 32,766): an account that sees
#: more students than this (a coach of a large school) starts again instead.
MAX_BOUND_IDS = 30_000


@dataclass(frozen=True, slots=True)
class ClassList:
    """What a laptop of one account holds: the rows of these classes and students, and
    none of the hidden tables'."""

    hidden: tuple[str, ...]
    sections: frozenset[str]
    students: frozenset[str]


def class_list_of(connection: Connection, access: Access) -> ClassList | None:
    """The account's class list now; None for an account that reads the whole school
    (it has no list to change)."""
    if access.whole_school:
        return None
    return ClassList(
        hidden=access.hidden_tables,
        sections=frozenset(access.sections(connection)),
        students=frozenset(access.students(connection)),
    )


# -- keeping versions ---------------------------------------------------------------------


def keep_class_lists(
    connection: Connection, *, teachers: Collection[str] = (), account_ids: Collection[str] = ()
) -> None:
    """Record, under its present version, the class list of each account that follows
    ``teachers``' classes (theirs and their coaches') and of each of ``account_ids``.
    Called before a change to classes (the list laptops of this version hold: a list
    grows without a new version when a class is created, so the last one is kept) and
    after its version is bumped (the list they will hold)."""
    for account in _accounts(connection, teachers, account_ids):
        listed = class_list_of(connection, access_of(account))
        if listed is None:
            continue
        connection.execute(
            text(
                "INSERT INTO class_list_version (account_id, scope_seq, hidden, sections,"
                " students) VALUES (:a, :seq, :hidden, :sections, :students)"
                " ON CONFLICT (account_id, scope_seq) DO UPDATE SET hidden = excluded.hidden,"
                " sections = excluded.sections, students = excluded.students"
            ),
            {
                "a": account.id,
                "seq": account.scope_seq,
                "hidden": ",".join(listed.hidden),
                "sections": json.dumps(sorted(listed.sections)),
                "students": json.dumps(sorted(listed.students)),
            },
        )
        connection.execute(
            text(
                "DELETE FROM class_list_version WHERE account_id = :a AND scope_seq <"
                " (SELECT MIN(scope_seq) FROM (SELECT scope_seq FROM class_list_version"
                " WHERE account_id = :a ORDER BY scope_seq DESC LIMIT :kept) AS newest)"
            ),
            {"a": account.id, "kept": KEPT_VERSIONS},
        )


def bump_class_lists(
    connection: Connection,
    school_id: str,
    *,
    teachers: Iterable[str] = (),
    account_ids: Iterable[str] = (),
) -> None:
    """These teachers' classes changed, or the classes these accounts follow (a coach
    given or denied a teacher): the accounts following them get a new class-list version
    (their laptops' cursors are of the old one), recorded."""
    chosen, accounts = sorted(set(teachers)), sorted(set(account_ids))
    seq = head_seq(connection, school_id) + 1
    for teacher_id in chosen:
        auth.bump_scope(connection, teacher_id=teacher_id, seq=seq)
    for account_id in accounts:
        auth.bump_account_scope(connection, account_id=account_id, seq=seq)
    keep_class_lists(connection, teachers=chosen, account_ids=accounts)


def _accounts(
    connection: Connection, teachers: Collection[str], account_ids: Collection[str]
) -> list[auth.Account]:
    if not teachers and not account_ids:
        return []
    statement = text(
        f"SELECT {auth.ACCOUNT_COLUMNS} FROM account WHERE id IN :ids OR teacher_id IN :t"
        " OR id IN (SELECT account_id FROM coach_teacher WHERE teacher_id IN :t)"
    ).bindparams(
        bindparam("ids", expanding=True, type_=String),
        bindparam("t", expanding=True, type_=String),
    )
    rows = connection.execute(statement, {"ids": list(account_ids), "t": list(teachers)})
    return [auth.account_of_row(row) for row in rows]


def kept_class_list(connection: Connection, account_id: str, scope_seq: int) -> ClassList | None:
    row = connection.execute(
        text(
            "SELECT hidden, sections, students FROM class_list_version"
            " WHERE account_id = :a AND scope_seq = :seq"
        ),
        {"a": account_id, "seq": scope_seq},
    ).fetchone()
    if row is None:
        return None
    return ClassList(
        hidden=tuple(name for name in str(row[0]).split(",") if name),
        sections=frozenset(json.loads(row[1])),
        students=frozenset(json.loads(row[2])),
    )


# -- the pull of a change ------------------------------------------------------------------

#: A laptop's position within a change, kept in the epoch it echoes: the epoch of the new
#: list, the old list's version, the log's head when the change began, and the phase.
_POSITION = re.compile(
    r"(?P<epoch>.+)~(?P<old>[0-9]{1,18})~(?P<until>[0-9]{1,18})~"
    r"(?:c(?P<caught>[0-9]{1,18})|(?P<pulling>p)|f(?P<rank>[0-9]{1,3}):(?P<forgot>[0-9]{1,18}))",
    re.DOTALL,
)

Phase = Literal["catch up", "pull", "forget"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a laptop is within the change from class-list version ``old``. Its three
    phases, in order:

    1. **catch up** (the cursor stays): the rows up to the cursor of its new classes and
       students it did not see before, in log order, after row ``after``;
    2. **pull**: the ordinary pull, up to ``until`` (the head when the change began), so
       the laptop has every change to what it keeps (a student's enrollment deleted in
       the class they left) before
    3. **forget**: the rows it no longer sees, children before their parents (the table
       ranked ``rank``, after row ``after``).
    """

    old: int
    until: int
    phase: Phase = "catch up"
    rank: int = 0
    after: int = 0

    def epoch(self, new_epoch: str) -> str:
        phase = {
            "catch up": f"c{self.after}",
            "pull": "p",
            "forget": f"f{self.rank}:{self.after}",
        }[self.phase]
        return f"{new_epoch}~{self.old}~{self.until}~{phase}"


def position_in(sent_epoch: str, new_epoch: str) -> Position | None:
    """The position an epoch sent by a laptop holds, if it is one within the change to
    ``new_epoch`` (one made for a list since changed again is not: it starts again)."""
    found = _POSITION.fullmatch(sent_epoch)
    if found is None or found["epoch"] != new_epoch:
        return None
    old, until = int(found["old"]), int(found["until"])
    if found["caught"] is not None:
        return Position(old, until, after=int(found["caught"]))
    if found["pulling"] is not None:
        return Position(old, until, "pull")
    return Position(old, until, "forget", int(found["rank"]), int(found["forgot"]))


@dataclass(frozen=True, slots=True)
class ChangesPage:
    #: (table, row id) of rows to forget, in the order they must go.
    forgets: list[tuple[str, str]]
    #: Log rows to catch up on, as a pull sends them.
    rows: Sequence[Sequence[Any]]
    #: Where the laptop is after this page; None when the change is all sent.
    position: Position | None


def changes_page(
    connection: Connection, access: Access, at: Position, *, cursor: int, limit: int
) -> ChangesPage | None:
    """The next page of the change from version ``at.old`` of the account's class list to
    the present one, in its catching-up or forgetting phase (the pull between is the
    ordinary one), for a laptop at ``cursor``. None when it cannot be sent (no such
    version kept, what is hidden changed, or too many ids): the laptop starts again."""
    old = kept_class_list(connection, access.account.id, at.old)
    new = class_list_of(connection, access)
    if old is None or new is None or old.hidden != new.hidden:
        return None
    if len(old.students | new.students) + len(old.sections | new.sections) > MAX_BOUND_IDS // 2:
        return None
    school = access.account.school_id
    if at.phase == "catch up":
        rows = connection.execute(
            _catch_up_statement(new.hidden),
            {
                "school": school,
                **_lists("new", new.sections - old.sections, new.students - old.students),
                **_lists("had", old.sections, old.students),
                "after": at.after,
                "cursor": cursor,
                "limit": limit + 1,
            },
        ).fetchall()
        if len(rows) > limit:
            rows = rows[:limit]
            return ChangesPage([], rows, replace(at, after=int(rows[-1][0])))
        return ChangesPage([], rows, Position(at.old, at.until, "pull"))
    found = connection.execute(
        _forget_statement(new.hidden),
        {
            "school": school,
            **_lists("gone", old.sections - new.sections, old.students - new.students),
            **_lists("kept", new.sections, new.students),
            "rank": at.rank,
            "after": at.after,
            "limit": limit + 1,
        },
    ).fetchall()
    forgets = [(str(row[1]), str(row[2])) for row in found[:limit]]
    if len(found) > limit:
        last = found[limit - 1]
        return ChangesPage(forgets, [], replace(at, rank=int(last[3]), after=int(last[0])))
    return ChangesPage(forgets, [], None)


def _lists(name: str, sections: Collection[str], students: Collection[str]) -> dict[str, Any]:
    return {f"{name}_sections": sorted(sections), f"{name}_students": sorted(students)}


def _sees(name: str) -> str:
    """A log row belongs to the classes or students bound as ``name``."""
    return (
        f"((r.section_id IS NOT NULL AND r.section_id IN :{name}_sections)"
        f" OR (r.student_id IS NOT NULL AND r.student_id IN :{name}_students))"
    )


def _bound(statement: TextClause, *names: str) -> TextClause:
    return statement.bindparams(
        *(
            bindparam(f"{name}_{kind}", expanding=True, type_=String)
            for name in names
            for kind in ("sections", "students")
        )
    )


def _left_out(hidden: tuple[str, ...]) -> str:
    return "".join(f" AND r.table_name <> '{table}'" for table in hidden)


@functools.cache
def _forget_statement(hidden: tuple[str, ...]) -> TextClause:
    """Rows of the classes and students gone that the account does not see otherwise,
    children first (the reverse of the synced tables' order), then in log order."""
    ranks = " ".join(
        f"WHEN '{spec.name}' THEN {rank}" for rank, spec in enumerate(reversed(SYNCED_TABLES))
    )
    return _bound(
        text(
            "SELECT * FROM (SELECT r.server_seq, r.table_name, r.row_id,"
            f" CASE r.table_name {ranks} ELSE {len(SYNCED_TABLES)} END AS table_rank"
            f" FROM sync_row r WHERE r.school_id = :school{_left_out(hidden)}"
            f" AND {_sees('gone')} AND NOT {_sees('kept')}) AS gone"
            " WHERE table_rank > :rank OR (table_rank = :rank AND server_seq > :after)"
            " ORDER BY table_rank, server_seq LIMIT :limit"
        ),
        "gone",
        "kept",
    )


@functools.cache
def _catch_up_statement(hidden: tuple[str, ...]) -> TextClause:
    """Rows up to the laptop's cursor of the classes and students new to the account that
    it did not see before, in log order (deleted rows it never had are not sent)."""
    return _bound(
        text(
            "SELECT r.server_seq, r.table_name, r.row_id, r.tombstone, r.data FROM sync_row r"
            f" WHERE r.school_id = :school{_left_out(hidden)} AND NOT r.tombstone"
            " AND r.server_seq > :after AND r.server_seq <= :cursor"
            f" AND {_sees('new')} AND NOT {_sees('had')}"
            " ORDER BY r.server_seq LIMIT :limit"
        ),
        "new",
        "had",
    )

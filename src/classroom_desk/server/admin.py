"""School administration on the server: teachers and accounts, sections and co-teachers,
devices, the demo school, and the reassignment export for the learning platform."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn, TextIO

from sqlalchemy import Connection, text

from classroom_desk.domain.policy import Thresholds, describe_policy
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server import auth
from classroom_desk.server.class_lists import bump_class_lists, keep_class_lists
from classroom_desk.server.database import head_seq
from classroom_desk.server.records import load_dataset, upsert_rows, upsert_school
from classroom_desk.server.sync_service import reassignment_feed
from classroom_desk.sync.tables import TABLES


class AdminError(Exception):
    """A school-admin command that cannot be done; nothing was changed."""


@dataclass(frozen=True, slots=True)
class DemoAccount:
    role: str
    username: str
    password: str
    note: str


DEMO_ACCOUNTS = (
    DemoAccount("teacher", "rivera", "maple-ridge-rivera", "teaches all three classes"),
    DemoAccount("co-teacher", "okafor", "maple-ridge-okafor", "shares Grade 4 Homeroom"),
    DemoAccount("school admin", "admin", "maple-ridge-admin", "sees the whole school"),
)


def only_school(connection: Connection, school_id: str | None = None) -> str:
    """The school a command acts on: ``school_id`` (the school's id, its SIS sourcedId or
    its name), else the server's only school. A server holding several needs the choice,
    and the error lists them."""
    schools = [
        (str(row[0]), str(row[1]))
        for row in connection.execute(text("SELECT id, name FROM school ORDER BY name, id"))
    ]
    if not schools:
        raise AdminError(
            "the server has no school yet: load one (serve --demo, or import-oneroster)"
        )
    if school_id is not None:
        wanted = {school_id, record_id("school", school_id)}
        found = [id_ for id_, name in schools if id_ in wanted]
        found = found or [id_ for id_, name in schools if name.casefold() == school_id.casefold()]
        if len(found) == 1:
            return found[0]
        _school_choice_error(f"no school {school_id!r} on the server", schools)
    if len(schools) > 1:
        _school_choice_error(f"the server holds {len(schools)} schools", schools)
    return schools[0][0]


def school_name(connection: Connection, school_id: str) -> str:
    return str(
        connection.execute(
            text("SELECT name FROM school WHERE id = :id"), {"id": school_id}
        ).scalar_one()
    )


def _school_choice_error(what: str, schools: list[tuple[str, str]]) -> NoReturn:
    listed = "; ".join(f"{id_} ({name})" for id_, name in schools)
    raise AdminError(f"{what}: choose one with --school (its id, SIS sourcedId or name): {listed}")


def create_teacher(
    connection: Connection,
    *,
    username: str,
    password: str,
    given_name: str,
    family_name: str,
    email: str,
    role: auth.Role = "teacher",
    school_id: str | None = None,
    teacher_id: str | None = None,
) -> auth.Account:
    """A sign-in account; a teacher also gets (or is linked to) a teacher record: the one
    given, else the imported teacher with this e-mail, else a new one. A coach reads the
    classes of the teachers given to them later (:func:`coach_teacher`)."""
    school = only_school(connection, school_id)
    taken = auth.accounts_of(connection, username)
    if taken:
        link = "" if any(a.school_id == school for a in taken) else (
            f"; to let them work in this school too: link-school --username {username}"
            f" --school {school}"
        )  # fmt: skip
        raise AdminError(f"the user name {username!r} is taken{link}")
    if len(password) < 8:
        raise AdminError("a password needs at least 8 characters")
    if role not in auth.ROLES:
        raise AdminError(f"no role {role!r}: expected one of {', '.join(auth.ROLES)}")
    linked: str | None = None
    if role == "teacher":
        linked = teacher_id or _imported_teacher(connection, school, email) or str(uuid.uuid4())
        exists = connection.execute(
            text("SELECT 1 FROM teacher WHERE id = :id"), {"id": linked}
        ).first()
        if not exists:
            upsert_rows(
                connection,
                school,
                "teacher",
                [
                    {
                        "id": linked,
                        "school_id": school,
                        "given_name": given_name,
                        "family_name": family_name,
                        "email": email,
                    }
                ],
            )
    return auth.create_account(
        connection,
        school_id=school,
        username=username,
        password=password,
        role=role,
        teacher_id=linked,
        display_name=f"{given_name} {family_name}".strip(),
    )


def _imported_teacher(connection: Connection, school_id: str, email: str) -> str | None:
    """The teacher the SIS roster has with this e-mail and no account yet: an account made
    after ``import-oneroster`` opens that teacher's classes."""
    found = connection.execute(
        text(
            "SELECT t.id FROM teacher t WHERE t.school_id = :school AND t.source_id IS NOT NULL"
            " AND lower(t.email) = lower(:email) AND :email != ''"
            " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.teacher_id = t.id)"
        ),
        {"school": school_id, "email": email.strip()},
    ).all()
    return str(found[0][0]) if len(found) == 1 else None


def set_school_policy(
    connection: Connection, changes: Mapping[str, object], *, school_id: str | None = None
) -> str:
    """Change the school's policy (already validated column values) and publish it, so
    every laptop counts weeks and flags students by it after its next sync; returns the
    policy in words."""
    school = only_school(connection, school_id)
    spec = TABLES["school"]
    row = dict(
        connection.execute(
            text(f"SELECT {', '.join(spec.columns)} FROM school WHERE id = :id"), {"id": school}
        )
        .mappings()
        .one()
    )
    if changes:
        row.update(changes)
        upsert_school(connection, row)
    thresholds = Thresholds(
        min_weekly_minutes=int(row["min_weekly_minutes"]),
        mastery_score=float(row["mastery_score"]),
        target_average=float(row["target_average"]),
        weekly_units_target=int(row["weekly_units_target"]),
    )
    notes = connection.execute(
        text("SELECT principals_read_notes FROM school WHERE id = :id"), {"id": school}
    ).scalar()
    words = describe_policy(
        row["name"], row["time_zone"], int(row["first_day_of_week"]), thresholds
    )
    return f"{words}; principals {'read' if notes else 'do not read'} teachers' notes"


def set_principals_read_notes(
    connection: Connection, allowed: bool, *, school_id: str | None = None
) -> None:
    """The school's choice to let its principals read teachers' notes. Their laptops
    start again at their next sync, so they receive the notes, or hold none any more."""
    school = only_school(connection, school_id)
    changed = connection.execute(
        text(
            "UPDATE school SET principals_read_notes = :allowed"
            " WHERE id = :id AND principals_read_notes != :allowed"
        ),
        {"allowed": allowed, "id": school},
    ).rowcount
    if changed:
        auth.bump_role_scope(
            connection, school_id=school, role="principal", seq=head_seq(connection, school) + 1
        )


def link_school(
    connection: Connection, *, username: str, school_id: str, teacher_id: str | None = None
) -> auth.Account:
    """Let a person who has an account in one school work in another: an account of the
    same user name, password and role in ``school_id``. A teacher's is linked to that
    school's teacher record (``teacher_id``, else the imported one with the teacher's
    e-mail); a principal reads that school as they read theirs, and a coach the teachers
    given to them there. One sign-in then opens either school, each with its own classes,
    sync log and devices."""
    school = only_school(connection, school_id)
    accounts = auth.accounts_of(connection, username)
    if not accounts:
        raise AdminError(f"no account {username!r}")
    if any(account.school_id == school for account in accounts):
        raise AdminError(f"{username!r} already has an account in school {school}")
    first = accounts[0]
    if first.role != "teacher":
        if teacher_id is not None:
            raise AdminError(f"{username!r} is a {first.role}, not a teacher: no --teacher")
        return auth.add_school_account(connection, first, school_id=school, teacher_id=None)
    return auth.add_school_account(
        connection,
        first,
        school_id=school,
        teacher_id=_school_record(connection, first, school, teacher_id),
    )


def _school_record(
    connection: Connection, first: auth.Account, school: str, teacher_id: str | None
) -> str:
    """The record in ``school`` of the teacher whose first account is ``first``."""
    email = connection.execute(
        text("SELECT email FROM teacher WHERE id = :t"), {"t": first.teacher_id}
    ).scalar()
    linked = teacher_id or _imported_teacher(connection, school, str(email or ""))
    if linked is None:
        raise AdminError(
            f"no teacher with {first.username!r}'s e-mail ({email or 'none'}) in school"
            f" {school}'s roster: import it first, or name the teacher record with --teacher"
        )
    owner = connection.execute(
        text(
            "SELECT school_id, (SELECT username FROM account WHERE teacher_id = t.id LIMIT 1)"
            " FROM teacher t WHERE id = :t"
        ),
        {"t": linked},
    ).fetchone()
    if owner is None or owner[0] != school:
        raise AdminError(f"no teacher {linked!r} in school {school}")
    if owner[1] is not None:
        raise AdminError(f"teacher {linked!r} already has an account: {owner[1]!r}")
    return linked


def _teacher_of(
    connection: Connection, username: str, school_id: str | None = None
) -> tuple[str, str]:
    """(teacher id, school) of ``username``'s teacher account in ``school_id``; a teacher
    of several schools needs the school named."""
    accounts = [a for a in auth.accounts_of(connection, username) if a.teacher_id is not None]
    if school_id is not None:
        accounts = [a for a in accounts if a.school_id == school_id]
    if not accounts:
        raise AdminError(f"no teacher account {username!r}")
    if len(accounts) > 1:
        schools = ", ".join(account.school_id for account in accounts)
        raise AdminError(
            f"{username!r} teaches in several schools ({schools}): choose with --school"
        )
    teacher_id = accounts[0].teacher_id
    assert teacher_id is not None  # filtered above
    return teacher_id, accounts[0].school_id


def create_section(
    connection: Connection,
    *,
    name: str,
    grade: str,
    teacher: str,
    content_areas: list[str],
    section_id: str | None = None,
    school_id: str | None = None,
) -> str:
    teacher_id, school = _teacher_of(
        connection, teacher, None if school_id is None else only_school(connection, school_id)
    )
    for area in content_areas:
        if not connection.execute(
            text("SELECT 1 FROM content_area WHERE id = :id"), {"id": area}
        ).first():
            raise AdminError(f"no content area {area!r}")
    new_id = section_id or str(uuid.uuid4())
    upsert_rows(
        connection,
        school,
        "class_section",
        [
            {
                "id": new_id,
                "school_id": school,
                "teacher_id": teacher_id,
                "name": name,
                "grade": grade,
            }
        ],
    )
    upsert_rows(
        connection,
        school,
        "section_content_area",
        [{"section_id": new_id, "content_area_id": area} for area in content_areas],
    )
    return new_id


def assign_co_teacher(connection: Connection, *, section_id: str, teacher: str) -> None:
    """Share a section with another teacher (their account in the section's school);
    their laptops re-read their classes."""
    school = connection.execute(
        text("SELECT school_id FROM class_section WHERE id = :id"), {"id": section_id}
    ).scalar()
    if school is None:
        raise AdminError(f"no section {section_id!r}")
    if not any(a.school_id == school for a in auth.accounts_of(connection, teacher)):
        raise AdminError(f"no section {section_id!r} in this teacher's school")
    teacher_id, school = _teacher_of(connection, teacher, school)
    keep_class_lists(connection, teachers=[teacher_id])
    connection.execute(
        text(
            "INSERT INTO section_teacher (section_id, teacher_id) VALUES (:s, :t)"
            " ON CONFLICT (section_id, teacher_id) DO NOTHING"
        ),
        {"s": section_id, "t": teacher_id},
    )
    bump_class_lists(connection, school, teachers=[teacher_id])


def coach_teacher(
    connection: Connection, *, coach: str, teacher: str, coached: bool, school_id: str | None = None
) -> None:
    """Give a coach a teacher's classes to read (or take them back); the coach's laptops
    re-read their classes. A coach of several schools needs the school named."""
    accounts = [a for a in auth.accounts_of(connection, coach) if a.role == "coach"]
    if school_id is not None:
        school = only_school(connection, school_id)
        accounts = [a for a in accounts if a.school_id == school]
    if not accounts:
        raise AdminError(f"no coach account {coach!r}")
    if len(accounts) > 1:
        schools = ", ".join(a.school_id for a in accounts)
        raise AdminError(f"{coach!r} coaches in several schools ({schools}): choose with --school")
    account = accounts[0]
    if not any(a.school_id == account.school_id for a in auth.accounts_of(connection, teacher)):
        raise AdminError(f"{teacher!r} teaches in another school than {coach!r}")
    teacher_id, school = _teacher_of(connection, teacher, account.school_id)
    pair = {"a": account.id, "t": teacher_id}
    keep_class_lists(connection, account_ids=[account.id])
    if coached:
        changed = connection.execute(
            text(
                "INSERT INTO coach_teacher (account_id, teacher_id) VALUES (:a, :t)"
                " ON CONFLICT (account_id, teacher_id) DO NOTHING"
            ),
            pair,
        ).rowcount
    else:
        changed = connection.execute(
            text("DELETE FROM coach_teacher WHERE account_id = :a AND teacher_id = :t"), pair
        ).rowcount
    if changed:  # the same command twice does not send the coach's laptops back to zero
        bump_class_lists(connection, school, account_ids=[account.id])


def enroll(connection: Connection, *, section_id: str, student_id: str, present: bool) -> None:
    """Add a student to a section or take them out; the section's teachers re-read it."""
    row = connection.execute(
        text("SELECT school_id, teacher_id FROM class_section WHERE id = :id"), {"id": section_id}
    ).fetchone()
    if row is None:
        raise AdminError(f"no section {section_id!r}")
    school, lead = row
    pair = [{"section_id": section_id, "student_id": student_id}]
    teachers = {lead} | {
        r[0]
        for r in connection.execute(
            text("SELECT teacher_id FROM section_teacher WHERE section_id = :s"), {"s": section_id}
        )
    }
    keep_class_lists(connection, teachers=teachers)
    if present:
        upsert_rows(connection, school, "enrollment", pair)
    else:
        from classroom_desk.server.records import delete_rows

        delete_rows(connection, school, "enrollment", pair)
    bump_class_lists(connection, school, teachers=teachers)


def load_demo(connection: Connection, *, now: datetime | None = None) -> bool:
    """Load the demo school and its accounts once; returns whether it was loaded now."""
    from classroom_desk.demo import build_demo_school, demo_id

    dataset = build_demo_school(now or datetime.now(UTC))
    if connection.execute(
        text("SELECT 1 FROM school WHERE id = :id"), {"id": dataset.school.id}
    ).first():
        return False
    load_dataset(connection, dataset)
    rivera, okafor, admin = DEMO_ACCOUNTS
    teacher = dataset.teachers[0]
    create_teacher(
        connection,
        username=rivera.username,
        password=rivera.password,
        given_name=teacher.given_name,
        family_name=teacher.family_name,
        email=teacher.email,
        teacher_id=teacher.id,
    )
    create_teacher(
        connection,
        username=okafor.username,
        password=okafor.password,
        given_name="Samuel",
        family_name="Okafor",
        email="samuel.okafor@demo.classroomdesk.invalid",
        teacher_id=demo_id("teacher", "okafor"),
    )
    assign_co_teacher(
        connection, section_id=demo_id("section", "homeroom-4"), teacher=okafor.username
    )
    create_teacher(
        connection,
        username=admin.username,
        password=admin.password,
        given_name="School",
        family_name="Admin",
        email="admin@demo.classroomdesk.invalid",
        role="admin",
    )
    return True


FEED_COLUMNS = (
    "feed_seq",
    "event_id",
    "action",
    "student_id",
    "student_source_id",
    "unit_id",
    "unit_code",
    "undoes_id",
    "duplicate_of",
    "reason",
    "created_at",
)


def export_reassignments(
    connection: Connection, output: TextIO, *, after: int = 0, school_id: str | None = None
) -> int:
    """Write the reassignment feed after ``after`` as CSV; returns the last feed number."""
    school = only_school(connection, school_id)
    admin = auth.Caller(
        account=auth.Account("cli", school, "cli", "admin", None, "command line", 0),
        token_id="cli",
        device_id="cli",
    )
    writer = csv.writer(output)
    writer.writerow(FEED_COLUMNS)
    cursor = after
    while True:
        page = reassignment_feed(connection, admin, after=cursor, limit=5000)
        for item in page.items:
            writer.writerow(
                ["" if getattr(item, c) is None else getattr(item, c) for c in FEED_COLUMNS]
            )
        cursor = page.next_cursor
        if not page.has_more:
            return cursor


def write_export(
    connection: Connection, path: Path, *, after: int = 0, school_id: str | None = None
) -> int:
    school = only_school(connection, school_id)  # before the file is made
    with path.open("w", newline="", encoding="utf-8") as file:
        return export_reassignments(connection, file, after=after, school_id=school)

"""Who sees and changes what on the school server: every endpoint asks here.

The rule, per role (the README's "Who sees what" says it in the same words):

* **teacher**: the classes they lead or co-teach and those classes' students; changes
  their students' records and their classes' plans.
* **admin**: the whole school; changes any of its records; manages every device.
* **principal**: reads the whole school: figures, goals, reassignments, plans, but no
  conference notes; changes nothing.
* **coach**: reads the classes of the teachers chosen for them (``coach_teacher``) as a
  principal reads the school; changes nothing.

A principal or coach reads figures the server computed (``/school/months``): the raw
activity behind them, every unit attempt and platform summary, never leaves the server for
them.

Conference notes are what a teacher wrote in a 30-second conference with a child; they
reach only the accounts that teach or run the school, and so does the free text a
teacher adds to a celebration or a tutoring session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, bindparam, text

from classroom_desk.domain.roles import READ_ONLY_ROLES
from classroom_desk.server.auth import Account, Role

SectionRole = Literal["teacher", "co-teacher", "admin", "principal", "coach"]

#: Roles that read the whole school (the school's whole sync log).
WHOLE_SCHOOL_ROLES: frozenset[Role] = frozenset({"admin", "principal"})
#: Synced tables an account of a read-only role never receives.
TEACHERS_ONLY_TABLES = ("conference_note",)
#: The raw activity: synced tables only the accounts that change records receive.
RAW_ACTIVITY_TABLES = ("unit_attempt", "activity_summary")
#: Free text a teacher writes on other records, sent blank to a read-only role (the
#: celebration and the tutoring session themselves are figures it sees).
TEACHERS_ONLY_FIELDS: dict[str, tuple[str, ...]] = {
    "celebration": ("note",),
    "tutoring_session": ("note",),
}


def without_teachers_text(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as a read-only role receives it."""
    fields = TEACHERS_ONLY_FIELDS.get(table, ())
    return {key: "" if key in fields and value else value for key, value in row.items()}


@dataclass(frozen=True, slots=True)
class Access:
    """What one account may see and do. Its flags follow from the role alone; the classes
    and students it sees are read from the database when a request needs them."""

    account: Account
    whole_school: bool
    writes: bool
    #: Conference notes reach it.
    note_text: bool
    #: It lists and revokes every device of the school, not only its own.
    manages_devices: bool

    @property
    def hidden_tables(self) -> tuple[str, ...]:
        """Synced tables its laptop never receives."""
        raw = () if self.writes else RAW_ACTIVITY_TABLES
        return raw + (() if self.note_text else TEACHERS_ONLY_TABLES)

    def sections(self, connection: Connection) -> dict[str, SectionRole]:
        """The classes it sees, with its role in each."""
        account = self.account
        if self.whole_school:
            rows = connection.execute(
                text("SELECT id FROM class_section WHERE school_id = :s"),
                {"s": account.school_id},
            )
            school_role: SectionRole = "admin" if account.role == "admin" else "principal"
            return {row[0]: school_role for row in rows}
        if account.role == "coach":
            rows = connection.execute(
                text(
                    "SELECT c.id FROM class_section c JOIN coach_teacher k"
                    " ON k.account_id = :a AND c.school_id = :s AND (c.teacher_id = k.teacher_id"
                    " OR EXISTS (SELECT 1 FROM section_teacher st"
                    " WHERE st.section_id = c.id AND st.teacher_id = k.teacher_id))"
                ),
                {"a": account.id, "s": account.school_id},
            )
            return {row[0]: "coach" for row in rows}
        if account.teacher_id is None:
            return {}
        sections: dict[str, SectionRole] = {}
        for section_id, section_role in connection.execute(
            text(
                "SELECT section_id, 'co-teacher' FROM section_teacher WHERE teacher_id = :t"
                " UNION ALL SELECT id, 'teacher' FROM class_section WHERE teacher_id = :t"
            ),
            {"t": account.teacher_id},
        ):
            if section_role == "teacher" or section_id not in sections:  # the lead wins
                sections[section_id] = section_role
        return sections

    def students(self, connection: Connection) -> set[str]:
        """The students it sees: the school's, or those enrolled in its classes."""
        if self.whole_school:
            rows = connection.execute(
                text("SELECT id FROM student WHERE school_id = :s"),
                {"s": self.account.school_id},
            )
            return {row[0] for row in rows}
        sections = list(self.sections(connection))
        if not sections:
            return set()
        rows = connection.execute(
            text(
                "SELECT DISTINCT student_id FROM enrollment WHERE section_id IN :sections"
            ).bindparams(bindparam("sections", expanding=True)),
            {"sections": sections},
        )
        return {row[0] for row in rows}

    def sees_student(self, connection: Connection, student_id: str) -> bool:
        found = connection.execute(
            text("SELECT 1 FROM student WHERE id = :student AND school_id = :school"),
            {"student": student_id, "school": self.account.school_id},
        ).first()
        if found is None:
            return False
        if self.whole_school:
            return True
        sections = list(self.sections(connection))
        return (
            bool(sections)
            and connection.execute(
                text(
                    "SELECT 1 FROM enrollment WHERE student_id = :student"
                    " AND section_id IN :sections"
                ).bindparams(bindparam("sections", expanding=True)),
                {"student": student_id, "sections": sections},
            ).first()
            is not None
        )


def access_of(account: Account, *, principals_read_notes: bool = False) -> Access:
    """The one place an account's role becomes what it may see and do.
    ``principals_read_notes``: the school's choice (``set-school --principals-read-notes``);
    a coach never reads teachers' notes."""
    role = account.role
    return Access(
        account=account,
        whole_school=role in WHOLE_SCHOOL_ROLES,
        writes=role not in READ_ONLY_ROLES,
        note_text=role not in READ_ONLY_ROLES or (role == "principal" and principals_read_notes),
        manages_devices=role == "admin",
    )


def access_in(connection: Connection, account: Account) -> Access:
    """:func:`access_of` with the school's choice read from the database."""
    allowed = connection.execute(
        text("SELECT principals_read_notes FROM school WHERE id = :s"), {"s": account.school_id}
    ).scalar()
    return access_of(account, principals_read_notes=bool(allowed))

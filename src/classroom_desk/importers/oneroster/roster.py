"""Building the roster (school, teachers, students, classes, enrollments) from the mirror.

The roster is recomputed from the whole mirror on every import, in SQL, into temporary
``projected_*`` tables; the differences become the change set (``changes``) that is shown
and then written. So importing a package twice changes nothing, and a delta ends in the
roster its full export would give.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from classroom_desk.domain.policy import Thresholds
from classroom_desk.i18n import plural, translatable, translate
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.changes import plan_changes
from classroom_desk.importers.oneroster.keeping import (
    RosterHistory,
    gather_history,
    sqlite_references,
)
from classroom_desk.importers.oneroster.report import ImportReport, kind_words
from classroom_desk.importers.oneroster.staging import StagedFile
from classroom_desk.importers.oneroster.values import (
    content_areas,
    grade_of,
    grade_span,
    record_id,
)

#: OneRoster carries no time zone; a new school starts here and the school changes it.
DEFAULT_TIME_ZONE = "America/Chicago"
#: Our content areas (id, name), created when missing; found by id or by name.
CONTENT_AREAS = (("reading", "Reading"), ("math", "Math"))
SAVING = translatable("RosterImport", "saving the roster")

_PROJECTION = {
    "user_kind": "sourced_id TEXT PRIMARY KEY, kind TEXT, role TEXT NOT NULL",
    "class_teacher": "class_sourced_id TEXT PRIMARY KEY, user_sourced_id TEXT NOT NULL",
    "projected_teacher": "id TEXT PRIMARY KEY, school_id, given_name, family_name, email,"
    " source_id TEXT UNIQUE",
    "projected_student": "id TEXT PRIMARY KEY, school_id, given_name, family_name, grade,"
    " source_id TEXT UNIQUE, active",
    "projected_section": "id TEXT PRIMARY KEY, school_id, teacher_id, name, grade,"
    " source_id TEXT UNIQUE, areas",
    "projected_area": "section_id, content_area_id, PRIMARY KEY (section_id, content_area_id)",
    "projected_enrollment": "section_id, student_id, PRIMARY KEY (section_id, student_id)",
    "enrollment_outcome": "sourced_id TEXT PRIMARY KEY, reason TEXT",
    "left_out": "kind TEXT PRIMARY KEY, count INTEGER",
}

# A user is a teacher or a student by their first such role in roles.csv (primary roles
# first), else by users.csv's role column (OneRoster 1.1); ``role`` names what they are
# for the report when they are neither.
_CLASSIFY_USERS = """
INSERT INTO temp.user_kind (sourced_id, kind, role)
SELECT u.sourced_id,
       COALESCE(
           (SELECT lower(r.role) FROM oneroster_role r
             WHERE r.user_sourced_id = u.sourced_id AND r.status = 'active'
               AND lower(r.role) IN ('student', 'teacher')
             ORDER BY lower(r.role_type) = 'primary' DESC, r.sourced_id LIMIT 1),
           CASE WHEN lower(u.role) IN ('student', 'teacher') THEN lower(u.role) END),
       COALESCE(
           (SELECT r.role FROM oneroster_role r
             WHERE r.user_sourced_id = u.sourced_id AND r.status = 'active'
             ORDER BY lower(r.role_type) = 'primary' DESC, r.sourced_id LIMIT 1),
           NULLIF(u.role, ''), 'no role')
  FROM oneroster_user u
 WHERE u.status = 'active'
"""

# A class shows one teacher: the primary teacher if one is marked, else the first by
# enrollment sourcedId (stable from one import to the next).
_CHOOSE_CLASS_TEACHERS = """
INSERT INTO temp.class_teacher (class_sourced_id, user_sourced_id)
SELECT class_sourced_id, user_sourced_id FROM (
    SELECT e.class_sourced_id, e.user_sourced_id,
           ROW_NUMBER() OVER (PARTITION BY e.class_sourced_id
                              ORDER BY e.is_primary DESC, e.sourced_id) AS choice
      FROM oneroster_enrollment e
      JOIN temp.user_kind k ON k.sourced_id = e.user_sourced_id AND k.kind = 'teacher'
     WHERE e.status = 'active' AND lower(e.role) = 'teacher')
 WHERE choice = 1
"""

_GIVEN_NAME = (
    "CASE WHEN u.preferred_given_name != '' THEN u.preferred_given_name ELSE u.given_name END"
)
_FAMILY_NAME = (
    "CASE WHEN u.preferred_family_name != '' THEN u.preferred_family_name ELSE u.family_name END"
)

# A user whose names are blank was another school's when a multi-school package was
# imported (see _forget_other_schools): this store does not know who they are.
_KNOWN_USER = "(u.given_name != '' OR u.family_name != '')"

_PROJECT_TEACHERS = f"""
INSERT INTO temp.projected_teacher (id, school_id, given_name, family_name, email, source_id)
SELECT or_record_id('teacher', u.sourced_id), :school_id, {_GIVEN_NAME}, {_FAMILY_NAME},
       u.email, u.sourced_id
  FROM oneroster_user u JOIN temp.user_kind k ON k.sourced_id = u.sourced_id
 WHERE k.kind = 'teacher' AND {_KNOWN_USER}
"""

_PROJECT_STUDENTS = f"""
INSERT INTO temp.projected_student
       (id, school_id, given_name, family_name, grade, source_id, active)
SELECT or_record_id('student', u.sourced_id), :school_id, {_GIVEN_NAME}, {_FAMILY_NAME},
       or_grade(u.grades), u.sourced_id, 1
  FROM oneroster_user u JOIN temp.user_kind k ON k.sourced_id = u.sourced_id
 WHERE k.kind = 'student' AND {_KNOWN_USER}
"""

# With other schools in the mirror, the store keeps only the people of its school's
# classes: students enrolled in one, teachers teaching or co-teaching one.
_ONLY_THE_SCHOOLS_STUDENTS = """
DELETE FROM temp.projected_student
 WHERE id NOT IN (SELECT student_id FROM temp.projected_enrollment)
"""
_ONLY_THE_SCHOOLS_TEACHERS = """
DELETE FROM temp.projected_teacher
 WHERE id NOT IN (SELECT teacher_id FROM temp.projected_section)
   AND source_id NOT IN (
       SELECT e.user_sourced_id FROM oneroster_enrollment e
         JOIN temp.projected_section s ON s.source_id = e.class_sourced_id
        WHERE e.status = 'active' AND lower(e.role) = 'teacher')
"""
# ...and forgets who the other schools' people are, keeping their sourcedIds so later
# deltas that name them still check.
_FORGET_PEOPLE = f"""
UPDATE oneroster_user
   SET given_name = '', family_name = '', preferred_given_name = '',
       preferred_family_name = '', email = '', identifier = '', grades = ''
 WHERE {_KNOWN_USER.replace("u.", "")}
   AND sourced_id NOT IN (SELECT source_id FROM {{kept}})
"""
_FORGET_OTHER_SCHOOLS = _FORGET_PEOPLE.format(
    kept="temp.projected_student UNION SELECT source_id FROM temp.projected_teacher"
)

# A class is on the roster when it is active, at the school, and has a teacher; its grade
# and content areas fall back on its course's.
_PROJECT_SECTIONS = """
INSERT INTO temp.projected_section (id, school_id, teacher_id, name, grade, source_id, areas)
SELECT or_record_id('class', c.sourced_id), :school_id, p.id, c.title,
       or_grade_span(CASE WHEN c.grades != '' THEN c.grades ELSE COALESCE(co.grades, '') END),
       c.sourced_id,
       or_content_areas(c.subjects, c.title, COALESCE(co.subjects, ''), COALESCE(co.title, ''))
  FROM oneroster_class c
  JOIN temp.class_teacher t ON t.class_sourced_id = c.sourced_id
  JOIN temp.projected_teacher p ON p.source_id = t.user_sourced_id
  LEFT JOIN oneroster_course co ON co.sourced_id = c.course_sourced_id AND co.status = 'active'
 WHERE c.status = 'active' AND c.school_sourced_id = :school_sourced_id
"""

_PROJECT_AREAS = """
INSERT INTO temp.projected_area (section_id, content_area_id)
SELECT s.id, area.value FROM temp.projected_section s, json_each(s.areas) area
"""

_PROJECT_ENROLLMENTS = """
INSERT OR IGNORE INTO temp.projected_enrollment (section_id, student_id)
SELECT s.id, p.id
  FROM oneroster_enrollment e
  JOIN temp.projected_section s ON s.source_id = e.class_sourced_id
  JOIN temp.projected_student p ON p.source_id = e.user_sourced_id
 WHERE e.status = 'active' AND lower(e.role) = 'student'
"""

# Why each active enrollment is or is not on the roster (NULL: it is), as a code and its
# roles (``role|other-role|kind|...``, see ``_outcome_words``).
_ENROLLMENT_OUTCOMES = """
INSERT INTO temp.enrollment_outcome (sourced_id, reason)
SELECT e.sourced_id,
       CASE
           WHEN lower(e.role) NOT IN ('student', 'teacher') THEN 'role|' || e.role
           WHEN k.kind IS NULL THEN 'user'
           WHEN k.kind != lower(e.role) THEN 'kind|' || lower(e.role) || '|' || k.kind
           WHEN s.id IS NULL THEN 'class'
           WHEN lower(e.role) = 'student' AND NOT EXISTS (
                SELECT 1 FROM temp.projected_student p WHERE p.source_id = e.user_sourced_id)
               THEN 'names'
           WHEN lower(e.role) = 'teacher' AND t.user_sourced_id != e.user_sourced_id
               THEN 'co-teacher'
       END
  FROM oneroster_enrollment e
  LEFT JOIN temp.user_kind k ON k.sourced_id = e.user_sourced_id
  LEFT JOIN temp.projected_section s ON s.source_id = e.class_sourced_id
  LEFT JOIN temp.class_teacher t ON t.class_sourced_id = e.class_sourced_id
 WHERE e.status = 'active'
"""


@dataclass(frozen=True, slots=True)
class SchoolChoice:
    sourced_id: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class SchoolOption:
    """A school a multi-school package holds, as the choice is offered."""

    sourced_id: str
    name: str
    classes: int

    def describe(self) -> str:
        return f"{self.sourced_id} {self.name} ({self.classes_words()})"

    def classes_words(self) -> str:
        """``1 class``, ``3 classes``."""
        return plural(
            self.classes,
            translate("RosterImport", "{count} class"),
            translate("RosterImport", "{count} classes"),
        ).format(count=self.classes)


class SchoolChoiceError(InputError):
    """The package holds several schools and one store holds one: the caller chooses."""

    def __init__(self, file: str, expected: str, schools: tuple[SchoolOption, ...]) -> None:
        super().__init__(file, 1, 1, expected)
        self.schools = schools


def plan_roster(
    connection: sqlite3.Connection,
    staged: Mapping[str, StagedFile],
    *,
    orgs_file: str,
    report: ImportReport,
    school_choice: str | None = None,
    history: RosterHistory | None = None,
) -> SchoolChoice | None:
    """Work out the roster the mirror gives and its change against the store's
    (``temp.roster_change``, see ``changes``), inside the caller's transaction; returns
    the school, or None when the package places nobody anywhere.

    ``orgs_file`` names the package's orgs.csv in messages when the package has none;
    ``school_choice`` (a sourcedId or a name) picks the school of a multi-school package;
    ``history`` says what the SIS may not remove (default: what this store records).
    """
    _create_projection_tables(connection)
    connection.execute(_CLASSIFY_USERS)
    connection.execute(_CHOOSE_CLASS_TEACHERS)
    orgs = staged.get("orgs")
    orgs_display = orgs.display if orgs is not None else orgs_file
    school = _choose_school(connection, orgs_display, school_choice)
    if school is None:
        _require_nothing_to_place(connection, orgs, orgs_file)
        return None
    school_id = _write_school(connection, school, orgs, orgs_file, report)
    if history is None:
        history = gather_history(sqlite_references(connection), connection.execute)
    with _sql_functions(connection, _content_area_ids(connection)):
        _project(connection, school, school_id)
        _require_someone(connection, staged, orgs_display)
        plan_changes(connection, history)
    return school


def drop_projection_tables(connection: sqlite3.Connection) -> None:
    for table in _PROJECTION:
        connection.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _create_projection_tables(connection: sqlite3.Connection) -> None:
    drop_projection_tables(connection)
    for table, columns in _PROJECTION.items():
        connection.execute(f"CREATE TABLE temp.{table} ({columns})")


def _choose_school(
    connection: sqlite3.Connection, orgs_display: str, choice: str | None
) -> SchoolChoice | None:
    """The school to import: the one named by ``choice``, else the one this store already
    holds, else the only org whose classes have a teacher (or, failing that, any class),
    else the first org of type school. One store holds one school: a package with several
    and no choice is refused with the schools it holds."""
    orgs = [
        SchoolChoice(*row)
        for row in connection.execute(
            "SELECT sourced_id, name, type FROM oneroster_org"
            " WHERE status = 'active' ORDER BY rowid"
        )
    ]
    options = _school_options(connection)
    if choice is not None:
        wanted = choice.strip().casefold()
        for org in orgs:
            if wanted in (org.sourced_id.casefold(), org.name.casefold()):
                return org
        named = ", ".join(f"{o.sourced_id} {o.name}" for o in options) or translate(
            "RosterImport", "none"
        )
        raise SchoolChoiceError(
            orgs_display,
            translate(
                "RosterImport",
                "expected --school to name a school of the package ({named}); {choice} is not one",
            ).format(named=named, choice=repr(choice)),
            options,
        )
    for org in orgs:
        if connection.execute(
            "SELECT 1 FROM school WHERE id = ?", (record_id("school", org.sourced_id),)
        ).fetchone():
            return org
    taught = [option for option in options if _has_taught_classes(connection, option)]
    for candidates in (taught, options):
        if len(candidates) == 1:
            return next(org for org in orgs if org.sourced_id == candidates[0].sourced_id)
        if len(candidates) > 1:
            listed = ", ".join(option.describe() for option in candidates)
            raise SchoolChoiceError(
                orgs_display,
                translate(
                    "RosterImport",
                    "expected one school (a store holds one); the package holds "
                    "{count} with classes: {listed}: choose one with --school "
                    "(such as --school {sourced_id})",
                ).format(
                    count=len(candidates),
                    listed=listed,
                    sourced_id=candidates[0].sourced_id,
                ),
                tuple(candidates),
            )
    return next((org for org in orgs if org.type.casefold() == "school"), None)


def _school_options(connection: sqlite3.Connection) -> tuple[SchoolOption, ...]:
    """The active orgs that active classes name as their school, most classes first."""
    return tuple(
        SchoolOption(*row)
        for row in connection.execute(
            "SELECT o.sourced_id, o.name, COUNT(*) FROM oneroster_class c"
            " JOIN oneroster_org o ON o.sourced_id = c.school_sourced_id AND o.status = 'active'"
            " WHERE c.status = 'active' GROUP BY o.sourced_id"
            " ORDER BY COUNT(*) DESC, lower(o.type) = 'school' DESC, MIN(c.rowid)"
        )
    )


def _has_taught_classes(connection: sqlite3.Connection, option: SchoolOption) -> bool:
    row = connection.execute(
        "SELECT 1 FROM oneroster_class c JOIN temp.class_teacher t"
        " ON t.class_sourced_id = c.sourced_id"
        " WHERE c.status = 'active' AND c.school_sourced_id = ? LIMIT 1",
        (option.sourced_id,),
    ).fetchone()
    return row is not None


def _require_nothing_to_place(
    connection: sqlite3.Connection, orgs: StagedFile | None, orgs_file: str
) -> None:
    """Without a school there is nowhere to put teachers, students or classes."""
    placeable = connection.execute(
        "SELECT EXISTS (SELECT 1 FROM temp.user_kind WHERE kind IS NOT NULL)"
        " OR EXISTS (SELECT 1 FROM oneroster_class WHERE status = 'active')"
    ).fetchone()[0]
    if not placeable:
        return
    if orgs is None:
        raise InputError(
            orgs_file,
            1,
            1,
            translate(
                "RosterImport",
                "expected orgs.csv with the school: the package has none and none "
                "was imported before",
            ),
        )
    raise InputError(
        orgs.display,
        1,
        orgs.header.column_number("type"),
        translate(
            "RosterImport",
            "expected an org of type school (or one that classes name in schoolSourcedId)",
        ),
    )


def _write_school(
    connection: sqlite3.Connection,
    school: SchoolChoice,
    orgs: StagedFile | None,
    orgs_file: str,
    report: ImportReport,
) -> str:
    """Insert or rename the school; its time zone and thresholds stay the school's own."""
    school_id = record_id("school", school.sourced_id)
    other = connection.execute(
        "SELECT name FROM school WHERE id != ? ORDER BY name LIMIT 1", (school_id,)
    ).fetchone()
    if other is not None:
        raise _school_error(connection, school, orgs, orgs_file, other[0])
    report.school = school.name
    report.school_sourced_id = school.sourced_id
    if school.type.casefold() != "school":
        report.notes.append(
            translate(
                "RosterImport",
                "{school} ({sourced_id}) is a {type} in orgs.csv, not a school; it is used as "
                "the school because the classes name it.",
            ).format(
                school=school.name,
                sourced_id=school.sourced_id,
                type=school.type or translate("RosterImport", "org"),
            )
        )
    existing = connection.execute("SELECT name FROM school WHERE id = ?", (school_id,)).fetchone()
    if existing is None:
        _insert_school(connection, school_id, school.name)
        report.notes.append(
            translate(
                "RosterImport",
                "{name} is new in this store: its time zone was set to "
                "{time_zone} and the default thresholds apply "
                "(OneRoster carries neither); change them with set-school "
                "(classroom-desk set-school on a laptop, classroom-desk-server "
                "set-school on a school server).",
            ).format(name=school.name, time_zone=DEFAULT_TIME_ZONE)
        )
    elif existing[0] != school.name:
        connection.execute("UPDATE school SET name = ? WHERE id = ?", (school.name, school_id))
    return school_id


def _insert_school(connection: sqlite3.Connection, school_id: str, name: str) -> None:
    limits = Thresholds()
    connection.execute(
        "INSERT INTO school (id, name, time_zone, first_day_of_week, min_weekly_minutes,"
        " mastery_score, target_average, weekly_units_target) VALUES (?, ?, ?, 0, ?, ?, ?, ?)",
        (
            school_id,
            name,
            DEFAULT_TIME_ZONE,
            limits.min_weekly_minutes,
            limits.mastery_score,
            limits.target_average,
            limits.weekly_units_target,
        ),
    )


def _school_error(
    connection: sqlite3.Connection,
    school: SchoolChoice,
    orgs: StagedFile | None,
    orgs_file: str,
    other: str,
) -> InputError:
    expected = translate(
        "RosterImport",
        "expected the school this store holds ({other}); {name} is another "
        "school (each school needs its own: another --data-dir on a laptop, "
        "another --database on the server)",
    ).format(other=other, name=school.name)
    if orgs is None:
        return InputError(orgs_file, 1, 1, expected)
    line = connection.execute(
        f"SELECT line FROM {orgs.layout.staged} WHERE sourced_id = ?", (school.sourced_id,)
    ).fetchone()
    return InputError(
        orgs.display, line[0] if line else 1, orgs.header.column_number("sourcedId"), expected
    )


def _content_area_ids(connection: sqlite3.Connection) -> dict[str, str]:
    """Our content areas' ids in this store, creating the missing ones."""
    ids: dict[str, str] = {}
    for key, name in CONTENT_AREAS:
        row = connection.execute(
            "SELECT id FROM content_area WHERE id = ? OR lower(name) = lower(?)"
            " ORDER BY id = ? DESC LIMIT 1",
            (key, name, key),
        ).fetchone()
        if row is None:
            connection.execute(
                "INSERT INTO content_area (id, name, position)"
                " SELECT ?, ?, COALESCE(MAX(position) + 1, 0) FROM content_area",
                (key, name),
            )
        ids[key] = key if row is None else row[0]
    return ids


@contextmanager
def _sql_functions(connection: sqlite3.Connection, area_ids: dict[str, str]) -> Iterator[None]:
    """The Python mappings (ids, grades, content areas) as SQL functions, for one import."""

    def areas(*texts: str) -> str:
        return json.dumps([area_ids[area] for area in content_areas(*texts)])

    functions: dict[str, tuple[int, Callable[..., str]]] = {
        "or_record_id": (2, record_id),
        "or_grade": (1, grade_of),
        "or_grade_span": (1, grade_span),
        "or_content_areas": (-1, areas),
    }
    for name, (arity, function) in functions.items():
        connection.create_function(name, arity, function, deterministic=True)
    try:
        yield
    finally:
        for name, (arity, _) in functions.items():
            connection.create_function(name, arity, None)


def _project(connection: sqlite3.Connection, school: SchoolChoice, school_id: str) -> None:
    parameters = {"school_id": school_id, "school_sourced_id": school.sourced_id}
    connection.execute(_PROJECT_TEACHERS, parameters)
    connection.execute(_PROJECT_STUDENTS, parameters)
    connection.execute(_PROJECT_SECTIONS, parameters)
    connection.execute(_PROJECT_AREAS)
    connection.execute(_PROJECT_ENROLLMENTS)
    connection.execute(_ENROLLMENT_OUTCOMES)
    if _other_schools(connection, school):
        left_out = {
            "students": connection.execute(_ONLY_THE_SCHOOLS_STUDENTS).rowcount,
            "teachers": connection.execute(_ONLY_THE_SCHOOLS_TEACHERS).rowcount,
        }
        connection.execute(_FORGET_OTHER_SCHOOLS)
        connection.executemany(
            "INSERT INTO temp.left_out (kind, count) VALUES (?, ?)", left_out.items()
        )


def known_people(connection: sqlite3.Connection) -> set[str]:
    """The sourcedIds of the mirror's users whose names it keeps (a store holding one
    school of several forgets the others' people)."""
    query = f"SELECT sourced_id FROM oneroster_user u WHERE {_KNOWN_USER}"
    return {sourced_id for (sourced_id,) in connection.execute(query)}


def forget_people(connection: sqlite3.Connection, kept: Iterable[str]) -> None:
    """Forget who the mirror's users are but the ``kept`` ones (sourcedIds), as a store
    of the schools they are people of would (a server importing several schools keeps
    the people of each)."""
    connection.execute("CREATE TEMP TABLE kept_person (source_id TEXT PRIMARY KEY)")
    try:
        connection.executemany(
            "INSERT OR IGNORE INTO temp.kept_person (source_id) VALUES (?)",
            ((sourced_id,) for sourced_id in kept),
        )
        connection.execute(_FORGET_PEOPLE.format(kept="temp.kept_person"))
    finally:
        connection.execute("DROP TABLE temp.kept_person")


def _other_schools(connection: sqlite3.Connection, school: SchoolChoice) -> list[str]:
    """Names of the other orgs the mirror's active classes belong to."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT COALESCE(o.name, c.school_sourced_id) FROM oneroster_class c"
            " LEFT JOIN oneroster_org o ON o.sourced_id = c.school_sourced_id"
            " WHERE c.status = 'active' AND c.school_sourced_id != ?"
            " GROUP BY c.school_sourced_id ORDER BY MIN(c.rowid)",
            (school.sourced_id,),
        )
    ]


def _require_someone(
    connection: sqlite3.Connection, staged: Mapping[str, StagedFile], orgs_display: str
) -> None:
    """A roster of nobody is never what a school means to send: refuse it, with what the
    users were instead (a wrong role column, a partial or empty export)."""
    someone = connection.execute(
        "SELECT EXISTS (SELECT 1 FROM temp.projected_student)"
        " OR EXISTS (SELECT 1 FROM temp.projected_teacher)"
    ).fetchone()[0]
    if someone:
        return
    source = staged.get("users") or staged.get("roles")
    where = source.display if source is not None else orgs_display
    roles = connection.execute(
        "SELECT role, COUNT(*) FROM temp.user_kind GROUP BY role ORDER BY COUNT(*) DESC, role"
    ).fetchall()
    users = sum(count for _, count in roles)
    if users == 0:
        detail = translate(
            "RosterImport", "the package lists no active users, and no earlier import did"
        )
    elif not any(kind for (kind,) in connection.execute("SELECT kind FROM temp.user_kind")):
        listed = ", ".join(f"{role} {count}" for role, count in roles[:6])
        detail = translate(
            "RosterImport", "none of the {users} users is one (their roles: {roles})"
        ).format(users=users, roles=listed)
    else:
        detail = translate("RosterImport", "none of them is enrolled in a class of the school")
    raise InputError(
        where,
        1,
        1,
        translate("RosterImport", "expected teachers or students; {detail}").format(detail=detail),
    )


def report_left_out(
    connection: sqlite3.Connection, school: SchoolChoice, report: ImportReport
) -> None:
    """Say what the mirror holds that the roster does not show, and why."""
    ignored = report.ignored
    for role, count in connection.execute(
        "SELECT role, COUNT(*) FROM temp.user_kind WHERE kind IS NULL GROUP BY role ORDER BY role"
    ):
        ignored.append(
            translate("RosterImport", "users with the role {role}: {count}").format(
                role=role, count=count
            )
        )
    for kind, table in (("users", "oneroster_user"), ("classes", "oneroster_class")):
        (inactive,) = connection.execute(
            f"SELECT COUNT(*) FROM {table} WHERE status = 'inactive'"
        ).fetchone()
        if inactive:
            ignored.append(
                translate("RosterImport", "inactive {kind}: {count}").format(
                    kind=kind_words(kind)
                    if kind == "classes"
                    else translate("RosterImport", "users"),
                    count=inactive,
                )
            )
    _report_classes_left_out(connection, school, ignored)
    for reason, count, examples in connection.execute(
        "SELECT reason, COUNT(*), (SELECT group_concat(sourced_id, ', ') FROM"
        " (SELECT sourced_id FROM temp.enrollment_outcome e WHERE e.reason = o.reason"
        "  ORDER BY sourced_id LIMIT 3))"
        " FROM temp.enrollment_outcome o WHERE reason IS NOT NULL GROUP BY reason ORDER BY reason"
    ):
        ignored.append(
            translate("RosterImport", "{reason}: {count} (such as {examples})").format(
                reason=_outcome_words(reason), count=count, examples=examples
            )
        )


def _outcome_words(reason: str) -> str:
    """Why enrollments are not on the roster, in words (``reason``: a code of
    ``_ENROLLMENT_OUTCOMES``)."""
    code, _, roles = reason.partition("|")
    if code == "role":
        return translate(
            "RosterImport", "{role} enrollments (only students and teachers are imported)"
        ).format(role=roles)
    if code == "kind":
        role, _, kind = roles.partition("|")
        return translate("RosterImport", "{role} enrollments of users who are {kind}s").format(
            role=role, kind=kind
        )
    if code == "user":
        return translate("RosterImport", "enrollments of users who are not imported")
    if code == "class":
        return translate("RosterImport", "enrollments in classes that are not imported")
    if code == "names":
        return translate(
            "RosterImport",
            "enrollments of students whose names this store does not keep (another school's "
            "when a multi-school export was imported: import it again)",
        )
    return translate("RosterImport", "co-teacher enrollments (a class shows one teacher)")


def _report_classes_left_out(
    connection: sqlite3.Connection, school: SchoolChoice, ignored: list[str]
) -> None:
    elsewhere, without_teacher, examples = connection.execute(
        "SELECT SUM(c.school_sourced_id != :school),"
        " SUM(c.school_sourced_id = :school AND t.class_sourced_id IS NULL),"
        " (SELECT group_concat(sourced_id, ', ') FROM (SELECT c2.sourced_id"
        "   FROM oneroster_class c2 LEFT JOIN temp.class_teacher t2"
        "     ON t2.class_sourced_id = c2.sourced_id"
        "  WHERE c2.status = 'active' AND c2.school_sourced_id = :school"
        "    AND t2.class_sourced_id IS NULL ORDER BY c2.sourced_id LIMIT 3))"
        " FROM oneroster_class c LEFT JOIN temp.class_teacher t"
        "   ON t.class_sourced_id = c.sourced_id WHERE c.status = 'active'",
        {"school": school.sourced_id},
    ).fetchone()
    if elsewhere:
        others = ", ".join(_other_schools(connection, school))
        ignored.append(
            translate("RosterImport", "classes of other schools ({others}): {count}").format(
                others=others, count=elsewhere
            )
        )
    for kind, count in connection.execute(
        "SELECT kind, count FROM temp.left_out WHERE count > 0 ORDER BY kind DESC"
    ):
        if kind == "students":
            left_out = translate(
                "RosterImport",
                "students not enrolled in a class of {school}: {count} (this laptop keeps one "
                "school's roster)",
            )
        else:
            left_out = translate(
                "RosterImport",
                "teachers not teaching a class of {school}: {count} (this laptop keeps one "
                "school's roster)",
            )
        ignored.append(left_out.format(school=school.name, count=count))
    if without_teacher:
        ignored.append(
            translate(
                "RosterImport",
                "classes with no teacher enrolled: {count} (such as {examples}); each appears "
                "once a teacher is enrolled",
            ).format(count=without_teacher, examples=examples)
        )

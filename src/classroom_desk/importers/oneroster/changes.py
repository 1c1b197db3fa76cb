"""The change an import makes to the roster, worked out before anything is written.

``plan_changes`` compares the projected roster (``temp.projected_*``) with the store's and
records every row it would add, update, remove, make inactive or keep in
``temp.roster_change``; the preview (counts and the first names of each) is read from it,
the confirmation a large removal needs is judged on it, and ``apply_changes`` writes
exactly it. So what the teacher is shown is what is done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from classroom_desk.i18n import plural, translate
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.keeping import ACTIVITY, RosterHistory, reason_words
from classroom_desk.importers.oneroster.report import ImportReport, and_list, kind_words
from classroom_desk.importers.oneroster.staging import StagedFile
from classroom_desk.importers.oneroster.values import TO_BE_DELETED

#: Removing or making inactive more than this share of the students or teachers needs a yes.
LARGE_REMOVAL_SHARE = 0.10
#: Names the preview shows of each change.
NAMES_SHOWN = 5

ADDED, UPDATED, REMOVED, MADE_INACTIVE, KEPT = (
    "added",
    "updated",
    "removed",
    "made_inactive",
    "kept",
)

CHANGE_TABLES = {
    "roster_change": "kind TEXT NOT NULL, change TEXT NOT NULL, id TEXT NOT NULL,"
    " other_id TEXT, reasons TEXT",
    "kept_reason": "table_name TEXT NOT NULL, id TEXT NOT NULL, reason TEXT NOT NULL,"
    " PRIMARY KEY (table_name, id, reason)",
}

_VALUE_COLUMNS = {
    "teacher": ("school_id", "given_name", "family_name", "email", "source_id"),
    "student": ("school_id", "given_name", "family_name", "grade", "source_id", "active"),
    "class_section": ("school_id", "teacher_id", "name", "grade", "source_id"),
}
#: kind in the change set: (store table, projected table, rows the SIS no longer listing
#: means going, what keeping one does).
_KINDS = {
    "classes": (
        "class_section",
        "projected_section",
        "t.source_id IS NOT NULL",
        KEPT,
    ),
    "students": (
        "student",
        "projected_student",
        # Only students an import made (a hand-made or demo student is never removed).
        "t.active = 1 AND t.id = or_record_id('student', t.source_id)",
        MADE_INACTIVE,
    ),
    "teachers": (
        "teacher",
        "projected_teacher",
        "t.source_id IS NOT NULL",
        KEPT,
    ),
}
_CHILD_KEYS = {
    "section_content_area": ("section_id", "content_area_id"),
    "enrollment": ("section_id", "student_id"),
}
# A class kept for what refers to it, or one made by hand, keeps its teacher too.
_TEACHER_OF_A_REMAINING_CLASS = """
EXISTS (SELECT 1 FROM class_section c WHERE c.teacher_id = t.id
           AND (c.source_id IS NULL OR c.id IN (SELECT id FROM temp.roster_change
                                                 WHERE kind = 'classes' AND change = 'kept')))
"""


def create_change_tables(connection: sqlite3.Connection) -> None:
    drop_change_tables(connection)
    for table, columns in CHANGE_TABLES.items():
        connection.execute(f"CREATE TABLE temp.{table} ({columns})")


def drop_change_tables(connection: sqlite3.Connection) -> None:
    for table in CHANGE_TABLES:
        connection.execute(f"DROP TABLE IF EXISTS temp.{table}")


def plan_changes(connection: sqlite3.Connection, history: RosterHistory) -> None:
    """Fill ``temp.roster_change`` from the projected roster; ``history`` says which rows
    the SIS no longer lists must be kept, and why (see ``keeping``). Needs the import's
    SQL functions (``or_record_id``)."""
    create_change_tables(connection)
    connection.executemany(
        "INSERT INTO temp.kept_reason (table_name, id, reason) VALUES (?, ?, ?)",
        ((table, row_id, reason) for (table, row_id), why in history.items() for reason in why),
    )
    for kind, (table, projected, owned, keeping) in _KINDS.items():
        _plan_upserts(connection, kind, table, projected)
        _plan_going(connection, kind, table, projected, owned, keeping)
    connection.execute(
        "INSERT INTO temp.roster_change (kind, change, id, other_id)"
        " SELECT 'enrollments', 'added', p.section_id, p.student_id"
        "   FROM temp.projected_enrollment p WHERE NOT EXISTS (SELECT 1 FROM enrollment e"
        "  WHERE e.section_id = p.section_id AND e.student_id = p.student_id)"
    )
    connection.execute(
        "INSERT INTO temp.roster_change (kind, change, id, other_id)"
        " SELECT 'enrollments', 'removed', e.section_id, e.student_id FROM enrollment e"
        "  WHERE e.section_id IN (SELECT id FROM class_section WHERE source_id IS NOT NULL)"
        "    AND NOT EXISTS (SELECT 1 FROM temp.projected_enrollment p"
        "  WHERE p.section_id = e.section_id AND p.student_id = e.student_id)"
    )
    connection.execute("CREATE INDEX temp.roster_change_kind ON roster_change (kind, change, id)")


def _plan_upserts(connection: sqlite3.Connection, kind: str, table: str, projected: str) -> None:
    differs = " OR ".join(f"t.{column} IS NOT p.{column}" for column in _VALUE_COLUMNS[table])
    connection.execute(
        f"INSERT INTO temp.roster_change (kind, change, id)"
        f" SELECT ?, CASE WHEN t.id IS NULL THEN 'added' ELSE 'updated' END, p.id"
        f"   FROM temp.{projected} p LEFT JOIN {table} t ON t.id = p.id"
        f"  WHERE t.id IS NULL OR {differs}",
        (kind,),
    )


def _plan_going(
    connection: sqlite3.Connection,
    kind: str,
    table: str,
    projected: str,
    owned: str,
    keeping: str,
) -> None:
    kept = "k.reasons IS NOT NULL"
    reasons = "k.reasons"
    if table == "teacher":
        kept = f"({kept} OR {_TEACHER_OF_A_REMAINING_CLASS})"
        reasons = (
            f"COALESCE(k.reasons, CASE WHEN {_TEACHER_OF_A_REMAINING_CLASS} THEN 'classes' END)"
        )
    connection.execute(
        f"INSERT INTO temp.roster_change (kind, change, id, reasons)"
        f" SELECT ?, CASE WHEN {kept} THEN ? ELSE 'removed' END, t.id, {reasons}"
        f"   FROM {table} t LEFT JOIN (SELECT id, group_concat(reason, ', ') AS reasons"
        f"   FROM (SELECT id, reason FROM temp.kept_reason WHERE table_name = ? ORDER BY reason)"
        f"  GROUP BY id) k ON k.id = t.id"
        f"  WHERE {owned} AND t.id NOT IN (SELECT id FROM temp.{projected})",
        (kind, keeping, table),
    )


# -- the preview ---------------------------------------------------------------------------

_PERSON = "COALESCE(p.given_name, s.given_name) || ' ' || COALESCE(p.family_name, s.family_name)"
_NAMES = {
    "students": (
        f"{_PERSON}",
        "LEFT JOIN temp.projected_student p ON p.id = rc.id LEFT JOIN student s ON s.id = rc.id",
        "COALESCE(p.family_name, s.family_name), COALESCE(p.given_name, s.given_name)",
    ),
    "teachers": (
        f"{_PERSON}",
        "LEFT JOIN temp.projected_teacher p ON p.id = rc.id LEFT JOIN teacher s ON s.id = rc.id",
        "COALESCE(p.family_name, s.family_name), COALESCE(p.given_name, s.given_name)",
    ),
    "classes": (
        "COALESCE(p.name, s.name)",
        "LEFT JOIN temp.projected_section p ON p.id = rc.id"
        " LEFT JOIN class_section s ON s.id = rc.id",
        "COALESCE(p.name, s.name)",
    ),
    "enrollments": (
        f"{_PERSON} || char(31) || COALESCE(pc.name, c.name)",  # student, class
        "LEFT JOIN temp.projected_student p ON p.id = rc.other_id"
        " LEFT JOIN student s ON s.id = rc.other_id"
        " LEFT JOIN temp.projected_section pc ON pc.id = rc.id"
        " LEFT JOIN class_section c ON c.id = rc.id",
        "COALESCE(pc.name, c.name), COALESCE(p.family_name, s.family_name),"
        " COALESCE(p.given_name, s.given_name)",
    ),
}


def describe_changes(connection: sqlite3.Connection, report: ImportReport) -> None:
    """The change set's counts and the first names of each change, into ``report``."""
    for kind, change, count in connection.execute(
        "SELECT kind, change, COUNT(*) FROM temp.roster_change GROUP BY kind, change"
    ):
        report.changes[kind].set_count(change, count)
    for kind in report.changes:
        for change, names in _first_names(connection, kind).items():
            report.changes[kind].names[change] = names


def _first_names(connection: sqlite3.Connection, kind: str) -> dict[str, tuple[str, ...]]:
    name, joins, order = _NAMES[kind]
    found: dict[str, list[str]] = {}
    for change, shown, reasons in connection.execute(
        f"SELECT change, shown, reasons FROM (SELECT rc.change, {name} AS shown, rc.reasons,"
        f" ROW_NUMBER() OVER (PARTITION BY rc.change ORDER BY {order}) AS n"
        f" FROM temp.roster_change rc {joins} WHERE rc.kind = ?)"
        f" WHERE n <= ? ORDER BY change, n",
        (kind, NAMES_SHOWN),
    ):
        if shown is None:
            continue
        student, _, section = shown.partition("\x1f")
        if section:
            shown = translate("RosterImport", "{student} in {section}").format(
                student=student, section=section
            )
        if reasons:
            shown = f"{shown} ({reason_words(reasons)})"
        found.setdefault(change, []).append(shown)
    return {change: tuple(names) for change, names in found.items()}


# -- large removals ------------------------------------------------------------------------


class RemovalsNeedConfirmationError(InputError):
    """The import would remove many students or teachers, or a class with activity; the
    person importing must say yes (``--confirm-removals``, or the dialog). Nothing was
    changed; ``report`` holds the preview, ``removals`` what would go."""

    def __init__(
        self, file: str, expected: str, removals: tuple[str, ...], report: ImportReport
    ) -> None:
        super().__init__(file, 1, 1, expected)
        self.removals = removals
        self.report = report


def removals_to_confirm(connection: sqlite3.Connection) -> tuple[str, ...]:
    """What in the change set needs a yes: more than a tenth of the students or teachers
    going (removed or made inactive), or a class with activity removed."""
    going: list[str] = []
    for kind, table, present in (
        ("students", "student", "active = 1"),
        ("teachers", "teacher", "source_id IS NOT NULL"),
    ):
        (before,) = connection.execute(f"SELECT COUNT(*) FROM {table} WHERE {present}").fetchone()
        names = _going(connection, kind)
        if names and len(names) > LARGE_REMOVAL_SHARE * before:
            going.append(
                translate("RosterImport", "{count} of {before} {kind} ({share}: {names})").format(
                    count=len(names),
                    before=before,
                    kind=kind_words(kind),
                    share=f"{len(names) / before:.0%}",
                    names=_some(names),
                )
            )
    active = [
        row[0]
        for row in connection.execute(
            "SELECT c.name FROM temp.roster_change rc JOIN class_section c ON c.id = rc.id"
            " WHERE rc.kind = 'classes' AND rc.change = 'removed' AND EXISTS ("
            "   SELECT 1 FROM enrollment e JOIN temp.kept_reason k ON k.table_name = 'student'"
            "    AND k.id = e.student_id AND k.reason = ? WHERE e.section_id = c.id)"
            " ORDER BY c.name",
            (ACTIVITY,),
        )
    ]
    if active:
        going.append(
            plural(
                len(active),
                translate("RosterImport", "{count} class with activity ({names})"),
                translate("RosterImport", "{count} classes with activity ({names})"),
            ).format(count=len(active), names=_some(active))
        )
    return tuple(going)


def _going(connection: sqlite3.Connection, kind: str) -> list[str]:
    table = "student" if kind == "students" else "teacher"
    return [
        row[0]
        for row in connection.execute(
            f"SELECT t.given_name || ' ' || t.family_name FROM temp.roster_change rc"
            f" JOIN {table} t ON t.id = rc.id"
            f" WHERE rc.kind = ? AND rc.change IN ('removed', 'made_inactive')"
            f" ORDER BY t.family_name, t.given_name",
            (kind,),
        )
    ]


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    if more > 0:
        return translate("RosterImport", "{names} and {more} more").format(names=shown, more=more)
    return shown


def refuse_removals(
    removals: tuple[str, ...],
    staged: Mapping[str, StagedFile],
    fallback: str,
    report: ImportReport,
    *,
    seen: tuple[str, ...] | None = None,
) -> RemovalsNeedConfirmationError:
    """The refusal of an unconfirmed large removal: what would go, the likely cause (in
    ``report``), and how to say yes; located at the file that asks for it. With ``seen``
    (what a preview showed and was said yes to), the refusal of a package changed since."""
    people_go = report.changes["students"].going or report.changes["teachers"].removed
    files = ("users", "roles", "classes", "enrollments")
    source = next(
        (staged[kind] for kind in (files if people_go else files[2:]) if kind in staged),
        None,
    )
    where = source.display if source is not None else fallback
    going = translate("RosterImport", "this import would remove or make inactive {going}").format(
        going=and_list(removals)
    )
    if seen is not None:
        shown = and_list(seen) if seen else translate("RosterImport", "no removals")
        expected = translate(
            "RosterImport",
            "the package changed since its preview: {going}, but the yes was given for "
            "{shown}. Nothing was changed; preview it again",
        ).format(going=going, shown=shown)
    else:
        expected = translate(
            "RosterImport",
            "{going}. Likely cause: {cause}. Nothing was changed; if this is what the school "
            "means, import it with --confirm-removals",
        ).format(going=going, cause=report.cause)
    return RemovalsNeedConfirmationError(where, expected, removals, report)


@dataclass(frozen=True, slots=True)
class _Cause:
    count: int
    words: str


def likely_cause(connection: sqlite3.Connection, staged: Mapping[str, StagedFile]) -> str:
    """Why the students, teachers and classes going would go, in the words of the most
    common reason."""
    causes = [*_people_causes(connection, staged), *_class_causes(connection, staged)]
    best = max(causes, key=lambda cause: cause.count, default=None)
    if best is None or best.count == 0:
        return translate("RosterImport", "the SIS no longer lists them")
    return best.words


def _people_causes(
    connection: sqlite3.Connection, staged: Mapping[str, StagedFile]
) -> list[_Cause]:
    users = staged.get("users")
    deleted = (
        f"EXISTS (SELECT 1 FROM {users.layout.staged} d WHERE d.sourced_id = x.source_id"
        f" AND d.status = '{TO_BE_DELETED}')"
        if users is not None
        else "0"
    )
    row = connection.execute(
        f"SELECT COALESCE(SUM(u.sourced_id IS NULL AND {deleted}), 0),"
        f" COALESCE(SUM(u.sourced_id IS NULL AND NOT {deleted}), 0),"
        f" COALESCE(SUM(u.status = 'inactive'), 0),"
        f" COALESCE(SUM(u.status = 'active' AND (k.kind IS NULL OR k.kind != x.kind)), 0),"
        f" COALESCE(SUM(u.status = 'active' AND k.kind = x.kind), 0),"
        f" (SELECT group_concat(role, ', ') FROM (SELECT DISTINCT k2.role FROM temp.user_kind k2"
        f"   WHERE k2.kind IS NULL ORDER BY k2.role LIMIT 3))"
        f" FROM temp.roster_change rc"
        f" JOIN (SELECT id, source_id, 'student' AS kind FROM student"
        f"       UNION ALL SELECT id, source_id, 'teacher' FROM teacher) x ON x.id = rc.id"
        f" LEFT JOIN oneroster_user u ON u.sourced_id = x.source_id"
        f" LEFT JOIN temp.user_kind k ON k.sourced_id = x.source_id"
        f" WHERE rc.kind IN ('students', 'teachers') AND rc.change IN ('removed', 'made_inactive')"
    ).fetchone()
    deleted_count, unlisted, inactive, other_role, not_enrolled, roles = row
    if users is not None and users.mode == "bulk":
        unlisted_words = translate(
            "RosterImport",
            "users.csv does not list them, and a bulk users.csv replaces every user (is it a "
            "partial export: one grade, one school, one page of a report?)",
        )
    else:
        unlisted_words = translate("RosterImport", "the SIS no longer lists them")
    role_words = translate(
        "RosterImport", "users.csv or roles.csv no longer gives them the student or teacher role"
    )
    if roles:
        role_words += translate("RosterImport", " (roles found: {roles})").format(roles=roles)
    return [
        _Cause(deleted_count, translate("RosterImport", "users.csv marks them tobedeleted")),
        _Cause(unlisted, unlisted_words),
        _Cause(inactive, translate("RosterImport", "users.csv marks them inactive")),
        _Cause(other_role, role_words),
        _Cause(
            not_enrolled,
            translate("RosterImport", "enrollments.csv enrolls them in no class of the school"),
        ),
    ]


def _class_causes(connection: sqlite3.Connection, staged: Mapping[str, StagedFile]) -> list[_Cause]:
    unlisted, inactive, no_teacher = connection.execute(
        "SELECT COALESCE(SUM(o.sourced_id IS NULL), 0), COALESCE(SUM(o.status = 'inactive'), 0),"
        " COALESCE(SUM(o.status = 'active' AND t.class_sourced_id IS NULL), 0)"
        " FROM temp.roster_change rc JOIN class_section c ON c.id = rc.id"
        " LEFT JOIN oneroster_class o ON o.sourced_id = c.source_id"
        " LEFT JOIN temp.class_teacher t ON t.class_sourced_id = c.source_id"
        " WHERE rc.kind = 'classes' AND rc.change = 'removed'"
    ).fetchone()
    classes = staged.get("classes")
    if classes and classes.mode == "bulk":
        listed = translate("RosterImport", "a bulk classes.csv that does not list them")
    else:
        listed = translate("RosterImport", "the SIS no longer lists them")
    return [
        _Cause(unlisted, translate("RosterImport", "classes go when {why}").format(why=listed)),
        _Cause(inactive, translate("RosterImport", "classes.csv marks them inactive")),
        _Cause(
            no_teacher,
            translate(
                "RosterImport",
                "enrollments.csv enrolls no teacher in them (a class shows once it has one)",
            ),
        ),
    ]


# -- writing -------------------------------------------------------------------------------


def apply_changes(connection: sqlite3.Connection) -> None:
    """Write the change set: parents before children, removals after re-pointing."""
    for table, projected in (
        ("teacher", "projected_teacher"),
        ("student", "projected_student"),
        ("class_section", "projected_section"),
    ):
        _upsert(connection, table, projected)
    _replace_children(connection, "section_content_area", "projected_area")
    _replace_children(connection, "enrollment", "projected_enrollment")
    going = "SELECT id FROM temp.roster_change WHERE kind = ? AND change = ?"
    connection.execute(f"DELETE FROM class_section WHERE id IN ({going})", ("classes", REMOVED))
    connection.execute(
        f"UPDATE student SET active = 0 WHERE id IN ({going})", ("students", MADE_INACTIVE)
    )
    connection.execute(f"DELETE FROM student WHERE id IN ({going})", ("students", REMOVED))
    connection.execute(f"DELETE FROM teacher WHERE id IN ({going})", ("teachers", REMOVED))


def _upsert(connection: sqlite3.Connection, table: str, projected: str) -> None:
    columns = _VALUE_COLUMNS[table]
    assignments = ", ".join(f"{column} = p.{column}" for column in columns)
    differs = " OR ".join(f"{table}.{column} IS NOT p.{column}" for column in columns)
    connection.execute(
        f"UPDATE {table} SET {assignments} FROM temp.{projected} AS p"
        f" WHERE {table}.id = p.id AND ({differs})"
    )
    names = ", ".join(("id", *columns))
    connection.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM temp.{projected} AS p"
        f" WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {table}.id = p.id)"
    )


def _replace_children(connection: sqlite3.Connection, table: str, projected: str) -> None:
    """Make an imported class's rows in ``table`` exactly the projected ones."""
    first, second = _CHILD_KEYS[table]
    connection.execute(
        f"DELETE FROM {table}"
        f" WHERE {first} IN (SELECT id FROM class_section WHERE source_id IS NOT NULL)"
        f" AND NOT EXISTS (SELECT 1 FROM temp.{projected} p"
        f" WHERE p.{first} = {table}.{first} AND p.{second} = {table}.{second})"
    )
    connection.execute(
        f"INSERT INTO {table} ({first}, {second}) SELECT {first}, {second}"
        f" FROM temp.{projected} p WHERE NOT EXISTS (SELECT 1 FROM {table}"
        f" WHERE {table}.{first} = p.{first} AND {table}.{second} = p.{second})"
    )

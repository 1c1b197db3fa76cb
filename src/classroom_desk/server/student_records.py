"""A student's data on request: everything the server holds about one student, written
out for a family's records request (``export-student``), and a student who has left
removed after retention (``forget-student``) from the server and, at their next sync,
from every laptop. Both are written to the audit log with who did it and when.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from classroom_desk.domain.tutoring import decode_members, encode_members
from classroom_desk.server.admin import AdminError
from classroom_desk.server.auth import audit, utcnow_text
from classroom_desk.server.database import Published, ensure_counter, publish
from classroom_desk.server.records import published
from classroom_desk.sync.tables import TABLES

#: Tables holding rows about one student (``student_id``), children before parents: the
#: order rows are removed in, and the order laptops receive the removals in.
STUDENT_TABLES = (
    "group_member",
    "activity_summary",
    "unit_attempt",
    "celebration",
    "goal_conflict",
    "goal",
    "profile_conflict",
    "learner_profile",
    "reassignment_event",
    "conference_note",
    "enrollment",
)
#: Class records that list the student among others (JSON lists of ids): the student is
#: taken out of the list, the record stays for the rest of the group.
MEMBER_LISTS = {"tutoring_group": "members", "tutoring_session": "attendees"}
#: Within a table, a row that another row of the same table refers to goes after it.
_SELF_REFERENCES = {"conference_note": "supersedes_id", "reassignment_event": "undoes_id"}


class UnknownStudentError(AdminError):
    pass


@dataclass(frozen=True, slots=True)
class StudentRecords:
    """Every row about one student, by table, as the server holds them."""

    student_id: str
    school_id: str
    tables: dict[str, list[dict[str, Any]]]
    sis: list[dict[str, Any]]
    sections: dict[str, str]
    #: Tutoring groups and sessions that list the student (``MEMBER_LISTS``), by table.
    listed_in: dict[str, list[dict[str, Any]]]
    #: The small groups the student was placed in, by id: their names and reasons.
    groups: dict[str, dict[str, Any]]

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.tables.items() if rows}


def read_student(connection: Connection, student_id: str) -> StudentRecords:
    student = _rows(connection, "SELECT * FROM student WHERE id = :id", id=student_id)
    if not student:
        raise UnknownStudentError(f"no student with id {student_id!r} on this server")
    tables = {"student": student}
    for table in STUDENT_TABLES:
        tables[table] = _rows(
            connection, f"SELECT * FROM {table} WHERE student_id = :id", id=student_id
        )
    source_id = student[0].get("source_id")
    sis = _sis_records(connection, source_id) if source_id else []
    sections = {
        str(row["id"]): str(row["name"])
        for row in _rows(
            connection,
            "SELECT c.id, c.name FROM class_section c JOIN enrollment e ON e.section_id = c.id"
            " WHERE e.student_id = :id",
            id=student_id,
        )
    }
    listed_in = {
        table: [
            row
            for row in _rows(
                connection,
                f"SELECT * FROM {table} WHERE {column} LIKE :mention",
                mention=f"%{json.dumps(student_id)}%",
            )
            if student_id in decode_members(row[column])
        ]
        for table, column in MEMBER_LISTS.items()
    }
    group_ids = sorted({str(row["group_id"]) for row in tables["group_member"] if row["group_id"]})
    groups = {
        str(row["id"]): row
        for group_id in group_ids
        for row in _rows(
            connection,
            "SELECT id, section_id, week, name, basis, reason FROM student_group WHERE id = :id",
            id=group_id,
        )
    }
    return StudentRecords(
        student_id, str(student[0]["school_id"]), tables, sis, sections, listed_in, groups
    )


def export_student(
    connection: Connection, student_id: str, folder: Path, *, actor: str
) -> tuple[Path, Path]:
    """``student-ID.json`` and ``student-ID.pdf`` in ``folder``; the export is audited."""
    records = read_student(connection, student_id)
    folder.mkdir(parents=True, exist_ok=True)
    exported_at = utcnow_text()
    document = {
        "exported_at": exported_at,
        "student_id": student_id,
        "sections": records.sections,
        "records": records.tables,
        "groups": records.groups,
        "listed_in": records.listed_in,
        "sis_records": records.sis,
    }
    json_path = folder / f"student-{_safe_name(student_id)}.json"
    json_path.write_text(
        json.dumps(document, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )
    pdf_path = json_path.with_suffix(".pdf")
    _write_pdf(pdf_path, _readable_lines(records, exported_at))
    # Ids and counts only, never names or note text.
    audit(
        connection,
        actor=actor,
        action="export-student",
        subject=student_id,
        detail=json.dumps(records.counts(), sort_keys=True),
    )
    return json_path, pdf_path


def forget_student(connection: Connection, student_id: str, *, actor: str) -> dict[str, int]:
    """Remove every row about the student from the server and publish their removal;
    laptops delete the student and all their rows at their next sync. Returns the
    number of rows removed per table."""
    records = read_student(connection, student_id)
    removed: dict[str, int] = {}
    tombstones: list[Published] = []
    for table in STUDENT_TABLES:
        spec = TABLES[table]
        for row in _leaf_first(records.tables[table], _SELF_REFERENCES.get(table)):
            keys = {column: row[column] for column in spec.key}
            where = " AND ".join(f"{column} = :{column}" for column in spec.key)
            connection.execute(text(f"DELETE FROM {table} WHERE {where}"), keys)
            # School-wide scope: the class list that would carry it is being removed too;
            # a tombstone carries ids only.
            tombstones.append(Published(table, spec.row_id(row), keys, tombstone=True))
            removed[table] = removed.get(table, 0) + 1
    updates: list[Published] = []
    for table, column in MEMBER_LISTS.items():
        for row in records.listed_in[table]:
            others = encode_members(m for m in decode_members(row[column]) if m != student_id)
            connection.execute(
                text(f"UPDATE {table} SET {column} = :others WHERE id = :id"),
                {"others": others, "id": row["id"]},
            )
            updates.append(published(TABLES[table], {**row, column: others}))
            removed[f"{table}.{column}"] = removed.get(f"{table}.{column}", 0) + 1
    for sis in records.sis:
        connection.execute(
            text("DELETE FROM sis_record WHERE kind = :kind AND sourced_id = :sourced_id"),
            {"kind": sis["kind"], "sourced_id": sis["sourced_id"]},
        )
    connection.execute(text("DELETE FROM student WHERE id = :id"), {"id": student_id})
    tombstones.append(Published("student", student_id, {"id": student_id}, tombstone=True))
    removed["student"] = 1
    removed["sis_record"] = len(records.sis)
    ensure_counter(connection, records.school_id)
    publish(connection, records.school_id, [*updates, *tombstones])
    audit(
        connection,
        actor=actor,
        action="forget-student",
        subject=student_id,
        detail=json.dumps(removed, sort_keys=True),
    )
    return removed


def _rows(connection: Connection, sql: str, **params: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(text(sql), params)]


def _sis_records(connection: Connection, source_id: str) -> list[dict[str, Any]]:
    """The SIS's own records naming the student (theirs, and enrollments pointing at them)."""
    quoted = json.dumps(source_id)
    return _rows(
        connection,
        "SELECT kind, sourced_id, fields FROM sis_record"
        " WHERE (kind IN ('student', 'users', 'user') AND sourced_id = :id)"
        " OR fields LIKE :mention",
        id=source_id,
        mention=f"%{quoted}%",
    )


def _leaf_first(rows: list[dict[str, Any]], reference: str | None) -> list[dict[str, Any]]:
    """Rows ordered so that none is removed while another still refers to it."""
    if reference is None:
        return rows
    remaining = {str(row["id"]): row for row in rows}
    ordered: list[dict[str, Any]] = []
    while remaining:
        referenced = {str(row[reference]) for row in remaining.values() if row.get(reference)}
        leaves = [row_id for row_id in remaining if row_id not in referenced]
        if not leaves:  # a cycle cannot happen; take the rest as they are
            leaves = list(remaining)
        for row_id in sorted(leaves):
            ordered.append(remaining.pop(row_id))
    return ordered


def _safe_name(value: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in value)


def _readable_lines(records: StudentRecords, exported_at: str) -> list[str]:
    student = records.tables["student"][0]
    lines = [
        f"Records held about {student.get('given_name', '')} {student.get('family_name', '')}",
        f"Student id {records.student_id}; exported {exported_at} by the school server.",
        "",
        "Classes: " + (", ".join(sorted(records.sections.values())) or "none"),
        "Small groups: "
        + (
            "; ".join(
                f"{g['name'] or 'unnamed'} (week of {g['week']}: {g['reason']})"
                for g in records.groups.values()
            )
            or "none"
        ),
        "",
    ]
    for table, rows in records.tables.items():
        lines.append(f"{table.replace('_', ' ').capitalize()} ({len(rows)})")
        lines.extend(_row_lines(rows))
        lines.append("")
    for table, rows in records.listed_in.items():
        lines.append(f"Listed in a {table.replace('_', ' ')} ({len(rows)})")
        lines.extend(_row_lines(rows))
        lines.append("")
    if records.sis:
        lines.append(f"Records from the student information system ({len(records.sis)})")
        for sis in records.sis:
            lines.extend(
                "    " + part for part in textwrap.wrap(f"{sis['kind']}: {sis['fields']}", 96)
            )
    return lines


def _row_lines(rows: list[dict[str, Any]]) -> list[str]:
    """Each row's filled fields, ``name: value; ...``, wrapped and indented."""
    lines: list[str] = []
    for row in rows:
        fields = "; ".join(f"{k}: {v}" for k, v in row.items() if v not in (None, ""))
        lines.extend("    " + part for part in textwrap.wrap(fields, 96) or [""])
    return lines


def _write_pdf(path: Path, lines: Iterable[str]) -> None:
    """Plain pages of text (A4 portrait), 58 lines each."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    all_lines = list(lines)
    per_page = 58
    with PdfPages(path) as pdf:
        for start in range(0, max(len(all_lines), 1), per_page):
            figure = Figure(figsize=(8.27, 11.69))
            for n, line in enumerate(all_lines[start : start + per_page]):
                figure.text(0.06, 0.96 - n * 0.0158, line, fontsize=8, family="DejaVu Sans")
            pdf.savefig(figure)

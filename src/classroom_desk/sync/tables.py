"""Which tables sync, their columns and keys, who owns them: one list both ends read.

The server renders each row as exactly the column values the laptop stores (times as
the store's naive-UTC text, booleans as 0/1), so "the same data" means equal rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from classroom_desk.domain.profiles import PROFILE_FIELDS

Owner = Literal["server", "teacher"]


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ("id",)
    #: server: roster and activity, read-only on the laptop; teacher: made on laptops.
    owner: Owner = "server"
    #: column -> the table its value must exist in before the row can be stored.
    parents: tuple[tuple[str, str], ...] = ()
    #: rows are never updated once stored (unit attempts): insert or delete only.
    immutable: bool = False
    #: column -> value for a row written without it (by an older writer or an admin command).
    defaults: tuple[tuple[str, object], ...] = ()

    def complete(self, data: Mapping[str, object]) -> dict[str, object]:
        """Exactly this table's columns, a missing one given its default (else ``None``)."""
        defaults = dict(self.defaults)
        return {column: data.get(column, defaults.get(column)) for column in self.columns}

    def row_id(self, data: Mapping[str, object]) -> str:
        if len(self.key) == 1:
            return str(data[self.key[0]])
        return "/".join(str(data[column]) for column in self.key)


def _conflict_spec(name: str, record_column: str, record_table: str) -> TableSpec:
    """A table of values that lost a last-writer-wins merge on a field of ``record_table``
    (goals, learner profiles): kept, and synced, so the losing value stays visible."""
    return TableSpec(
        name,
        (
            "id",
            record_column,
            "student_id",
            "field",
            "value",
            "stamp",
            "device_id",
            "winner_stamp",
            "created_at",
        ),
        owner="teacher",
        parents=((record_column, record_table), ("student_id", "student")),
    )


SYNCED_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "school",
        (
            "id",
            "name",
            "time_zone",
            "first_day_of_week",
            "min_weekly_minutes",
            "mastery_score",
            "target_average",
            "weekly_units_target",
        ),
    ),
    TableSpec(
        "teacher",
        ("id", "school_id", "given_name", "family_name", "email", "source_id"),
        parents=(("school_id", "school"),),
    ),
    TableSpec("content_area", ("id", "name", "position")),
    TableSpec(
        "class_section",
        ("id", "school_id", "teacher_id", "name", "grade", "source_id"),
        parents=(("school_id", "school"), ("teacher_id", "teacher")),
    ),
    TableSpec(
        "section_content_area",
        ("section_id", "content_area_id"),
        key=("section_id", "content_area_id"),
        parents=(("section_id", "class_section"), ("content_area_id", "content_area")),
    ),
    TableSpec(
        "student",
        ("id", "school_id", "given_name", "family_name", "grade", "source_id", "active"),
        parents=(("school_id", "school"),),
        # 1, or 0 for a student the SIS no longer lists but who has history here.
        defaults=(("active", 1),),
    ),
    TableSpec(
        "enrollment",
        ("section_id", "student_id"),
        key=("section_id", "student_id"),
        parents=(("section_id", "class_section"), ("student_id", "student")),
    ),
    TableSpec(
        "unit",
        ("id", "content_area_id", "code", "title", "position"),
        parents=(("content_area_id", "content_area"),),
    ),
    TableSpec(
        "unit_attempt",
        (
            "id",
            "student_id",
            "unit_id",
            "content_area_id",
            "score",
            "minutes",
            "completed_at",
            "source_id",
        ),
        parents=(
            ("student_id", "student"),
            ("unit_id", "unit"),
            ("content_area_id", "content_area"),
        ),
        immutable=True,
    ),
    TableSpec(
        "conference_note",
        (
            "id",
            "student_id",
            "supersedes_id",
            "body",
            "tags",
            "follow_up_on",
            "updated_at",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("student_id", "student"), ("supersedes_id", "conference_note")),
    ),
    TableSpec(
        "goal",
        (
            "id",
            "student_id",
            "content_area_id",
            "kind",
            "target",
            "target_stamp",
            "status",
            "status_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("student_id", "student"), ("content_area_id", "content_area")),
    ),
    TableSpec(
        "celebration",
        ("id", "student_id", "goal_id", "week", "note", "device_id", "created_at"),
        owner="teacher",
        parents=(("student_id", "student"), ("goal_id", "goal")),
    ),
    TableSpec(
        "reassignment_event",
        (
            "id",
            "student_id",
            "unit_id",
            "action",
            "undoes_id",
            "batch_id",
            "score",
            "reason",
            "device_id",
            "created_at",
            "duplicate_of",
        ),
        owner="teacher",
        parents=(
            ("student_id", "student"),
            ("unit_id", "unit"),
            ("undoes_id", "reassignment_event"),
        ),
    ),
    _conflict_spec("goal_conflict", "goal_id", "goal"),
    TableSpec(
        "learner_profile",
        (
            "id",
            "student_id",
            *PROFILE_FIELDS,
            *(f"{name}_stamp" for name in PROFILE_FIELDS),
            "device_id",
            "created_at",
            "updated_at",
        ),
        owner="teacher",
        parents=(("student_id", "student"),),
    ),
    _conflict_spec("profile_conflict", "profile_id", "learner_profile"),
    # When the school server last imported the roster and each activity feed.
    TableSpec("data_source", ("id", "kind", "name", "imported_at")),
    # Platform summaries (totals per student and week) the server's inbox imported.
    TableSpec(
        "activity_summary",
        (
            "id",
            "student_id",
            "content_area_id",
            "range_start",
            "range_end",
            "starts_at",
            "minutes",
            "units_completed",
            "units_passed",
            "average_score",
            "source",
            "imported_at",
        ),
        parents=(("student_id", "student"), ("content_area_id", "content_area")),
    ),
    # Groups, rotations and tutoring: records of a class section (a group's placement is
    # its student's). Fields in MERGED_FIELDS merge on their own, last writer wins.
    TableSpec(
        "student_group",
        (
            "id",
            "section_id",
            "content_area_id",
            "week",
            "basis",
            "reason",
            "unit_id",
            "name",
            "name_stamp",
            "status",
            "status_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("section_id", "class_section"), ("content_area_id", "content_area")),
    ),
    TableSpec(
        "group_member",
        (
            "id",
            "section_id",
            "content_area_id",
            "week",
            "student_id",
            "group_id",
            "group_id_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("student_id", "student"), ("group_id", "student_group")),
    ),
    TableSpec(
        "rotation",
        (
            "id",
            "section_id",
            "content_area_id",
            "week",
            "stations",
            "stations_stamp",
            "round_minutes",
            "round_minutes_stamp",
            "progress",
            "progress_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("section_id", "class_section"),),
    ),
    TableSpec(
        "tutor",
        (
            "id",
            "section_id",
            "name",
            "name_stamp",
            "role",
            "role_stamp",
            "active",
            "active_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("section_id", "class_section"),),
    ),
    TableSpec(
        "tutoring_group",
        (
            "id",
            "section_id",
            "content_area_id",
            "name",
            "name_stamp",
            "tutor_id",
            "tutor_id_stamp",
            "schedule",
            "schedule_stamp",
            "plan",
            "plan_stamp",
            "members",
            "members_stamp",
            "active",
            "active_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("section_id", "class_section"), ("tutor_id", "tutor")),
    ),
    TableSpec(
        "tutoring_session",
        (
            "id",
            "section_id",
            "group_id",
            "tutor_id",
            "held_on",
            "minutes",
            "attendees",
            "focus_unit_id",
            "focus",
            "note",
            "voided",
            "voided_stamp",
            "device_id",
            "created_at",
        ),
        owner="teacher",
        parents=(("group_id", "tutoring_group"), ("tutor_id", "tutor")),
    ),
    TableSpec(
        "plan_conflict",
        (
            "id",
            "section_id",
            "record_table",
            "record_id",
            "field",
            "value",
            "stamp",
            "device_id",
            "winner_stamp",
            "created_at",
        ),
        owner="teacher",
        parents=(("section_id", "class_section"),),
    ),
)

#: The fields of each group, rotation and tutoring table that merge on their own (last
#: writer wins by clock stamp, the losing value kept in ``plan_conflict``); each has a
#: ``{field}_stamp`` column, and on the server a ``{field}_seq`` column.
MERGED_FIELDS: dict[str, tuple[str, ...]] = {
    "student_group": ("name", "status"),
    "group_member": ("group_id",),
    "rotation": ("stations", "round_minutes", "progress"),
    "tutor": ("name", "role", "active"),
    "tutoring_group": ("name", "tutor_id", "schedule", "plan", "members", "active"),
    "tutoring_session": ("voided",),
}

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in SYNCED_TABLES}
#: Tables whose rows carry ``server_seq`` and ``tombstone`` columns on the laptop too.
TEACHER_TABLES = tuple(spec.name for spec in SYNCED_TABLES if spec.owner == "teacher")


def upsert_sql(
    spec: TableSpec,
    *,
    paramstyle: Literal["named", "qmark"],
    columns: Sequence[str] | None = None,
    extra: tuple[str, ...] = (),
) -> str:
    """``INSERT ... ON CONFLICT`` of a row of ``spec`` (its ``columns``, by default all,
    and ``extra`` ones): a stored row takes the new values, except an immutable table's,
    which stays as it is. Both ends write synced rows with it (the server with ``:name``
    parameters, the laptop's sqlite3 with ``?``)."""
    columns = [*(spec.columns if columns is None else columns), *extra]
    marks = ", ".join(f":{column}" if paramstyle == "named" else "?" for column in columns)
    updates = [f"{column} = excluded.{column}" for column in columns if column not in spec.key]
    action = (
        "DO NOTHING" if spec.immutable or not updates else f"DO UPDATE SET {', '.join(updates)}"
    )
    return (
        f"INSERT INTO {spec.name} ({', '.join(columns)}) VALUES ({marks})"
        f" ON CONFLICT ({', '.join(spec.key)}) {action}"
    )


def canonical_row(spec: TableSpec, data: Mapping[str, object]) -> str:
    """A row as canonical JSON text (column order fixed), for checksums."""
    return json.dumps([data.get(column) for column in spec.columns], default=str)


def table_checksum(spec: TableSpec, rows: Iterable[Mapping[str, object]]) -> tuple[int, str]:
    """(row count, SHA-256 of the sorted canonical rows): equal data, equal checksum."""
    lines = sorted(canonical_row(spec, row) for row in rows)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode())
        digest.update(b"\n")
    return len(lines), digest.hexdigest()

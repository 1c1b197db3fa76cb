"""The server's schema: the school's roster and activity, teacher-made records, accounts
and device tokens, and the sync log (one row per synced record with its server_seq).

Times are stored as the laptop stores them (naive-UTC text that sorts as time does), so
a row renders to the same values on both ends, on SQLite and on PostgreSQL alike.

Revision ID: 0001_server_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_server_initial"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.String(32)


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(64), primary_key=True)


def _ref(name: str, target: str | None = None, *, nullable: bool = False) -> sa.Column[str]:
    if target is None:
        return sa.Column(name, sa.String(64), nullable=nullable)
    return sa.Column(name, sa.String(64), sa.ForeignKey(target), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "server_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    # -- roster and activity (server-owned) ---------------------------------------------
    op.create_table(
        "school",
        _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("first_day_of_week", sa.Integer(), nullable=False),
        sa.Column("min_weekly_minutes", sa.Integer(), nullable=False),
        sa.Column("mastery_score", sa.Float(), nullable=False),
        sa.Column("target_average", sa.Float(), nullable=False),
        sa.Column("weekly_units_target", sa.Integer(), nullable=False),
    )
    op.create_table(
        "sync_counter",
        sa.Column("school_id", sa.String(64), sa.ForeignKey("school.id"), primary_key=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "teacher",
        _id(),
        _ref("school_id", "school.id"),
        sa.Column("given_name", sa.String(200), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
    )
    op.create_table(
        "content_area",
        _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "class_section",
        _id(),
        _ref("school_id", "school.id"),
        _ref("teacher_id", "teacher.id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(32), nullable=False),
    )
    op.create_index("ix_class_section_teacher", "class_section", ["teacher_id"])
    op.create_table(
        "section_content_area",
        _ref("section_id", "class_section.id"),
        _ref("content_area_id", "content_area.id"),
        sa.PrimaryKeyConstraint("section_id", "content_area_id"),
    )
    op.create_table(
        "student",
        _id(),
        _ref("school_id", "school.id"),
        sa.Column("given_name", sa.String(200), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(32), nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
    )
    op.create_index("ix_student_school", "student", ["school_id"])
    op.create_table(
        "enrollment",
        _ref("section_id", "class_section.id"),
        _ref("student_id", "student.id"),
        sa.PrimaryKeyConstraint("section_id", "student_id"),
    )
    op.create_index("ix_enrollment_student", "enrollment", ["student_id"])
    op.create_table(
        "unit",
        _id(),
        _ref("content_area_id", "content_area.id"),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "unit_attempt",
        _id(),
        _ref("student_id", "student.id"),
        _ref("unit_id", "unit.id"),
        _ref("content_area_id", "content_area.id"),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("completed_at", TIME, nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
    )
    op.create_index("ix_unit_attempt_student_unit", "unit_attempt", ["student_id", "unit_id"])
    # -- teacher-made records -----------------------------------------------------------
    op.create_table(
        "conference_note",
        _id(),
        _ref("student_id", "student.id"),
        _ref("supersedes_id", "conference_note.id", nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("tags", sa.String(500), nullable=False),
        sa.Column("follow_up_on", sa.String(10), nullable=True),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("stamp", sa.String(300), nullable=False),
    )
    op.create_index("ix_conference_note_student", "conference_note", ["student_id"])
    op.create_table(
        "goal",
        _id(),
        _ref("student_id", "student.id"),
        _ref("content_area_id", "content_area.id"),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("target_stamp", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_stamp", sa.String(300), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        # server_seq at which each field's current value was published: a device whose
        # cursor is past it had seen that value when it pushed its own edit.
        sa.Column("target_seq", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("status_seq", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.create_index("ix_goal_student", "goal", ["student_id"])
    op.create_table(
        "goal_conflict",
        _id(),
        _ref("goal_id", "goal.id"),
        _ref("student_id", "student.id"),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(300), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("winner_stamp", sa.String(300), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    )
    op.create_table(
        "celebration",
        _id(),
        _ref("student_id", "student.id"),
        _ref("goal_id", "goal.id", nullable=True),
        sa.Column("week", sa.String(10), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    )
    op.create_table(
        "reassignment_event",
        _id(),
        _ref("student_id", "student.id"),
        _ref("unit_id", "unit.id"),
        sa.Column("action", sa.String(16), nullable=False),
        _ref("undoes_id", "reassignment_event.id", nullable=True),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("duplicate_of", sa.String(64), nullable=True),
        sa.Column("school_id", sa.String(64), sa.ForeignKey("school.id"), nullable=False),
        sa.Column("feed_seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_reassignment_student_unit", "reassignment_event", ["student_id", "unit_id"])
    op.create_index("ix_reassignment_feed", "reassignment_event", ["school_id", "feed_seq"])
    # -- accounts and devices -----------------------------------------------------------
    op.create_table(
        "account",
        _id(),
        _ref("school_id", "school.id"),
        sa.Column("username", sa.String(200), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(500), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        _ref("teacher_id", "teacher.id", nullable=True),
        sa.Column("display_name", sa.String(300), nullable=False),
        # A cursor older than this cannot be served: the classes this account sees changed.
        sa.Column("scope_seq", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("created_at", TIME, nullable=False),
        sa.CheckConstraint("role IN ('teacher', 'admin')", name="ck_account_role"),
    )
    op.create_table(
        "section_teacher",
        _ref("section_id", "class_section.id"),
        _ref("teacher_id", "teacher.id"),
        sa.PrimaryKeyConstraint("section_id", "teacher_id"),
    )
    op.create_index("ix_section_teacher_teacher", "section_teacher", ["teacher_id"])
    op.create_table(
        "device_token",
        _id(),
        _ref("account_id", "account.id"),
        sa.Column("device_id", sa.String(200), nullable=False),
        sa.Column("device_name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("last_seen_at", TIME, nullable=True),
        sa.Column("revoked_at", TIME, nullable=True),
    )
    op.create_index("ix_device_token_account", "device_token", ["account_id"])
    op.create_table(
        "login_failure",
        sa.Column("key", sa.String(500), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.Float(), nullable=False),
    )
    # -- sync ---------------------------------------------------------------------------
    op.create_table(
        "sync_row",
        sa.Column("school_id", sa.String(64), nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(200), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.Column("tombstone", sa.Boolean(), nullable=False),
        sa.Column("section_id", sa.String(64), nullable=True),
        sa.Column("student_id", sa.String(64), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "table_name", "row_id"),
    )
    op.create_index("ix_sync_row_school_seq", "sync_row", ["school_id", "server_seq"], unique=True)
    op.create_table(
        "sync_device",
        sa.Column("device_id", sa.String(200), primary_key=True),
        _ref("account_id", "account.id"),
        sa.Column("last_applied_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
    )
    op.create_table(
        "applied_mutation",
        sa.Column("mutation_id", sa.String(200), primary_key=True),
        sa.Column("device_id", sa.String(200), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("applied_at", TIME, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "applied_mutation",
        "sync_device",
        "sync_row",
        "login_failure",
        "device_token",
        "section_teacher",
        "account",
        "reassignment_event",
        "celebration",
        "goal_conflict",
        "goal",
        "conference_note",
        "unit_attempt",
        "unit",
        "enrollment",
        "student",
        "section_content_area",
        "class_section",
        "content_area",
        "teacher",
        "sync_counter",
        "school",
        "server_state",
    ):
        op.drop_table(table)

"""Initial schema: school, teachers, sections, students, units and unit attempts.

Unit progress is kept by triggers on unit_attempt so the roster's "units to
reassign" is an index lookup; attempts are immutable (delete and insert instead).

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23 13:41:25.219163
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "content_area",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "school",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("time_zone", sa.String(), nullable=False),
        sa.Column("first_day_of_week", sa.Integer(), nullable=False),
        sa.Column("min_weekly_minutes", sa.Integer(), nullable=False),
        sa.Column("mastery_score", sa.Float(), nullable=False),
        sa.Column("target_average", sa.Float(), nullable=False),
        sa.Column("weekly_units_target", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "student",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("school_id", sa.String(), nullable=False),
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("family_name", sa.String(), nullable=False),
        sa.Column("grade", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_student_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_student_source_id"), ["source_id"], unique=False)

    op.create_table(
        "teacher",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("school_id", sa.String(), nullable=False),
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("family_name", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("teacher", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teacher_school_id"), ["school_id"], unique=False)

    op.create_table(
        "unit",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("content_area_id", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_area_id"],
            ["content_area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_content_area_id"), ["content_area_id"], unique=False
        )

    op.create_table(
        "class_section",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("school_id", sa.String(), nullable=False),
        sa.Column("teacher_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("grade", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teacher.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("class_section", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_class_section_school_id"), ["school_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_class_section_teacher_id"), ["teacher_id"], unique=False
        )

    op.create_table(
        "unit_attempt",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("student_id", sa.String(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("content_area_id", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.CheckConstraint("minutes >= 0", name="ck_unit_attempt_minutes"),
        sa.CheckConstraint("score >= 0 AND score <= 100", name="ck_unit_attempt_score"),
        sa.ForeignKeyConstraint(
            ["content_area_id"],
            ["content_area.id"],
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unit_attempt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_unit_attempt_area_time", ["content_area_id", "completed_at"], unique=False
        )
        batch_op.create_index(
            "ix_unit_attempt_student_area_time",
            ["student_id", "content_area_id", "completed_at"],
            unique=False,
        )

    op.create_table(
        "unit_progress",
        sa.Column("student_id", sa.String(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("content_area_id", sa.String(), nullable=False),
        sa.Column("latest_score", sa.Float(), nullable=False),
        sa.Column("latest_completed_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_area_id"],
            ["content_area.id"],
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("student_id", "unit_id"),
    )
    with op.batch_alter_table("unit_progress", schema=None) as batch_op:
        batch_op.create_index(
            "ix_unit_progress_student_area_score",
            ["student_id", "content_area_id", "latest_score"],
            unique=False,
        )

    op.execute(
        """
        CREATE TRIGGER unit_attempt_progress_insert AFTER INSERT ON unit_attempt
        BEGIN
            INSERT INTO unit_progress
                (student_id, unit_id, content_area_id, latest_score, latest_completed_at, attempts)
            VALUES (NEW.student_id, NEW.unit_id, NEW.content_area_id, NEW.score,
                    NEW.completed_at, 1)
            ON CONFLICT (student_id, unit_id) DO UPDATE SET
                attempts = attempts + 1,
                latest_score = CASE WHEN excluded.latest_completed_at >= latest_completed_at
                                    THEN excluded.latest_score ELSE latest_score END,
                latest_completed_at = MAX(latest_completed_at, excluded.latest_completed_at);
        END
        """
    )
    op.execute(
        """
        CREATE TRIGGER unit_attempt_progress_delete AFTER DELETE ON unit_attempt
        BEGIN
            DELETE FROM unit_progress
             WHERE student_id = OLD.student_id AND unit_id = OLD.unit_id;
            INSERT INTO unit_progress
                (student_id, unit_id, content_area_id, latest_score, latest_completed_at, attempts)
            SELECT student_id, unit_id, content_area_id, score, completed_at,
                   (SELECT COUNT(*) FROM unit_attempt
                     WHERE student_id = OLD.student_id AND unit_id = OLD.unit_id)
              FROM unit_attempt
             WHERE student_id = OLD.student_id AND unit_id = OLD.unit_id
             ORDER BY completed_at DESC, rowid DESC
             LIMIT 1;
        END
        """
    )
    op.execute(
        """
        CREATE TRIGGER unit_attempt_immutable BEFORE UPDATE ON unit_attempt
        BEGIN
            SELECT RAISE(ABORT, 'unit attempts are immutable: delete and insert instead');
        END
        """
    )

    op.create_table(
        "enrollment",
        sa.Column("section_id", sa.String(), nullable=False),
        sa.Column("student_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["class_section.id"],
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
        ),
        sa.PrimaryKeyConstraint("section_id", "student_id"),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index("ix_enrollment_student", ["student_id"], unique=False)

    op.create_table(
        "section_content_area",
        sa.Column("section_id", sa.String(), nullable=False),
        sa.Column("content_area_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_area_id"],
            ["content_area.id"],
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["class_section.id"],
        ),
        sa.PrimaryKeyConstraint("section_id", "content_area_id"),
    )


def downgrade() -> None:
    for trigger in (
        "unit_attempt_immutable",
        "unit_attempt_progress_delete",
        "unit_attempt_progress_insert",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("section_content_area")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollment_student")

    op.drop_table("enrollment")
    with op.batch_alter_table("unit_progress", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_progress_student_area_score")

    op.drop_table("unit_progress")
    with op.batch_alter_table("unit_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_attempt_student_area_time")
        batch_op.drop_index("ix_unit_attempt_area_time")

    op.drop_table("unit_attempt")
    with op.batch_alter_table("class_section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_class_section_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_class_section_school_id"))

    op.drop_table("class_section")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_content_area_id"))

    op.drop_table("unit")
    with op.batch_alter_table("teacher", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teacher_school_id"))

    op.drop_table("teacher")
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_student_source_id"))
        batch_op.drop_index(batch_op.f("ix_student_school_id"))

    op.drop_table("student")
    op.drop_table("school")
    op.drop_table("content_area")

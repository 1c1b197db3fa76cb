"""OneRoster import: the SIS records as last imported, and the roster rows they made.

The ``oneroster_*`` tables mirror the parts of a OneRoster package the roster is built
from, keyed by sourcedId, so a delta package can refer to records from an earlier
import (a class imported last month, a course, a parent user) and a class waits there
until a teacher is enrolled in it. ``teacher.source_id`` and ``class_section.source_id``
keep the SIS id of imported rows, as ``student.source_id`` already does; a student the
SIS deletes but who has unit attempts or notes is kept with ``active = 0``.

Revision ID: 0004_oneroster
Revises: 0003_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_oneroster"
down_revision = "0003_sync"
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=False, server_default="")


def _record(name: str, *columns: sa.Column[str]) -> None:
    """A mirror table: sourcedId, the record's status (active or inactive), its fields."""
    op.create_table(
        name,
        sa.Column("sourced_id", sa.String(), primary_key=True),
        sa.Column("status", sa.String(), nullable=False),
        *columns,
        sa.CheckConstraint("status IN ('active', 'inactive')", name=f"ck_{name}_status"),
    )


def upgrade() -> None:
    op.add_column("teacher", sa.Column("source_id", sa.String(), nullable=True))
    op.create_index("ix_teacher_source_id", "teacher", ["source_id"])
    op.add_column("class_section", sa.Column("source_id", sa.String(), nullable=True))
    op.create_index("ix_class_section_source_id", "class_section", ["source_id"])
    op.add_column(
        "student", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    _record("oneroster_org", _text("name"), _text("type"), _text("parent_sourced_id"))
    _record(
        "oneroster_course",
        _text("title"),
        _text("org_sourced_id"),
        _text("subjects"),
        _text("grades"),
    )
    _record(
        "oneroster_class",
        _text("title"),
        _text("grades"),
        _text("course_sourced_id"),
        _text("school_sourced_id"),
        _text("subjects"),
        _text("term_sourced_ids"),
    )
    _record(
        "oneroster_user",
        _text("role"),
        _text("given_name"),
        _text("family_name"),
        _text("preferred_given_name"),
        _text("preferred_family_name"),
        _text("email"),
        _text("identifier"),
        _text("grades"),
    )
    _record(
        "oneroster_role",
        _text("user_sourced_id"),
        _text("role_type"),
        _text("role"),
        _text("org_sourced_id"),
    )
    op.create_index("ix_oneroster_role_user", "oneroster_role", ["user_sourced_id"])
    _record(
        "oneroster_enrollment",
        _text("class_sourced_id"),
        _text("user_sourced_id"),
        _text("role"),
        sa.Column("is_primary", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_oneroster_enrollment_class", "oneroster_enrollment", ["class_sourced_id"])
    op.create_index("ix_oneroster_enrollment_user", "oneroster_enrollment", ["user_sourced_id"])


def downgrade() -> None:
    for table in (
        "oneroster_enrollment",
        "oneroster_role",
        "oneroster_user",
        "oneroster_class",
        "oneroster_course",
        "oneroster_org",
    ):
        op.drop_table(table)
    op.drop_column("student", "active")
    op.drop_index("ix_class_section_source_id", "class_section")
    op.drop_column("class_section", "source_id")
    op.drop_index("ix_teacher_source_id", "teacher")
    op.drop_column("teacher", "source_id")

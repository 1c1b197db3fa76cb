"""Learner profiles on the server: the laptop's ``learner_profile`` and ``profile_conflict``.

As goals do, each field has the ``server_seq`` at which its current value was published
(``*_seq``): a device whose cursor is past it had seen that value when it pushed an
edit over it, which is then an update rather than a conflict.

Revision ID: 0003_server_learner_profiles
Revises: 0002_server_oneroster
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_server_learner_profiles"
down_revision = "0002_server_oneroster"
branch_labels = None
depends_on = None

TIME = sa.String(32)
TEXT_FIELDS = ("strengths", "needs", "interests", "supports", "interventions")
FIELDS = (*TEXT_FIELDS, "mtss_tier")


def upgrade() -> None:
    op.create_table(
        "learner_profile",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("student_id", sa.String(64), sa.ForeignKey("student.id"), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False, server_default="") for name in TEXT_FIELDS),
        sa.Column("mtss_tier", sa.Integer(), nullable=True),
        *(sa.Column(f"{name}_stamp", sa.String(300), nullable=True) for name in FIELDS),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        *(
            sa.Column(f"{name}_seq", sa.BigInteger(), nullable=False, server_default="0")
            for name in FIELDS
        ),
        sa.CheckConstraint(
            "mtss_tier IS NULL OR mtss_tier IN (1, 2, 3)", name="ck_learner_profile_tier"
        ),
    )
    op.create_index("ix_learner_profile_student", "learner_profile", ["student_id"], unique=True)
    op.create_table(
        "profile_conflict",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("profile_id", sa.String(64), sa.ForeignKey("learner_profile.id"), nullable=False),
        sa.Column("student_id", sa.String(64), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(300), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("winner_stamp", sa.String(300), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    )
    op.create_index("ix_profile_conflict_profile", "profile_conflict", ["profile_id"])


def downgrade() -> None:
    op.drop_table("profile_conflict")
    op.drop_table("learner_profile")

"""Learner profiles: one row per student, each field with its own clock stamp.

``learner_profile`` holds strengths, needs, interests, supports and interventions (text,
``''`` when empty) and the MTSS tier (1-3 or NULL); a field's ``*_stamp`` is NULL until
the field is first written. Its id is made from the student's (domain/profiles.py), so
profiles two laptops start offline are one row. ``profile_conflict`` keeps a value that
lost a last-writer-wins race, as ``goal_conflict`` does for goals.

Revision ID: 0008_learner_profiles
Revises: 0007_unit_progress_set_based
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_learner_profiles"
down_revision = "0007_unit_progress_set_based"
branch_labels = None
depends_on = None

TEXT_FIELDS = ("strengths", "needs", "interests", "supports", "interventions")


def upgrade() -> None:
    op.create_table(
        "learner_profile",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False, server_default="") for name in TEXT_FIELDS),
        sa.Column("mtss_tier", sa.Integer(), nullable=True),
        *(sa.Column(f"{name}_stamp", sa.String(), nullable=True) for name in TEXT_FIELDS),
        sa.Column("mtss_tier_stamp", sa.String(), nullable=True),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("tombstone", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint(
            "mtss_tier IS NULL OR mtss_tier IN (1, 2, 3)", name="ck_learner_profile_tier"
        ),
    )
    op.create_index("ix_learner_profile_student", "learner_profile", ["student_id"], unique=True)
    op.create_table(
        "profile_conflict",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("profile_id", sa.String(), sa.ForeignKey("learner_profile.id"), nullable=False),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("winner_stamp", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("tombstone", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_profile_conflict_profile", "profile_conflict", ["profile_id"])
    op.create_index("ix_profile_conflict_student", "profile_conflict", ["student_id"])


def downgrade() -> None:
    op.drop_table("profile_conflict")
    op.drop_table("learner_profile")

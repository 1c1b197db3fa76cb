"""Sync bookkeeping on the laptop: the cursor, losing goal values, held-back rows.

``goal_conflict`` keeps the value that lost a last-writer-wins race (shown in the
student's timeline); ``reassignment_event.duplicate_of`` flags a double reassignment
the server found. ``sync_state`` holds the pull cursor and the last outcome (never the
token: that lives in the OS keyring). ``sync_deferred`` holds pulled rows that arrived
while the laptop had unsent changes to them; ``sync_parked`` holds rows that arrived
before their parent; ``sync_seen`` tracks a full snapshot in progress after a reset.

Revision ID: 0003_sync
Revises: 0002_teacher_actions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sync"
down_revision = "0002_teacher_actions"
branch_labels = None
depends_on = None


def _held_rows(name: str) -> None:
    op.create_table(
        name,
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=False),
        sa.Column("tombstone", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )


def upgrade() -> None:
    op.create_table(
        "goal_conflict",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("goal_id", sa.String(), sa.ForeignKey("goal.id"), nullable=False),
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
    op.create_index("ix_goal_conflict_goal", "goal_conflict", ["goal_id"])
    op.create_index("ix_goal_conflict_student", "goal_conflict", ["student_id"])
    with op.batch_alter_table("reassignment_event") as batch:
        batch.add_column(sa.Column("duplicate_of", sa.String(), nullable=True))
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(), nullable=True),
        sa.Column("user_name", sa.String(), nullable=True),
        sa.Column("account_id", sa.String(), nullable=True),
        sa.Column("epoch", sa.String(), nullable=True),
        sa.Column("cursor", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("snapshot_active", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("last_synced_at", sa.DateTime(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_sync_state_single_row"),
    )
    op.execute("INSERT INTO sync_state (id, cursor, snapshot_active) VALUES (1, 0, 0)")
    _held_rows("sync_deferred")
    _held_rows("sync_parked")
    op.create_table(
        "sync_seen",
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )


def downgrade() -> None:
    for table in ("sync_seen", "sync_parked", "sync_deferred", "sync_state", "goal_conflict"):
        op.drop_table(table)
    with op.batch_alter_table("reassignment_event") as batch:
        batch.drop_column("duplicate_of")

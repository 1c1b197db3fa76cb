"""Accounts a school can run: ``account.disabled_at`` (a disabled account cannot sign in
and its devices are revoked), the audit log of admin commands and sign-ins, and an index
to find who registered a device id first (a device belongs to that account).

Revision ID: 0004_server_accounts
Revises: 0003_server_learner_profiles
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_server_accounts"
down_revision = "0003_server_learner_profiles"
branch_labels = None
depends_on = None

TIME = sa.String(32)


def upgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("disabled_at", TIME, nullable=True))
    op.create_index("ix_device_token_device", "device_token", ["device_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("address", sa.String(100), nullable=False),
        sa.Column("detail", sa.String(1000), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_index("ix_device_token_device", "device_token")
    with op.batch_alter_table("account") as batch:
        batch.drop_column("disabled_at")

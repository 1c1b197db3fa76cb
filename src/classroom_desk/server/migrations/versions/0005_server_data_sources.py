"""Data sources on the server: when the roster and each activity feed were last imported
(by a command or the inbox), published to every laptop of the school.

Revision ID: 0005_server_data_sources
Revises: 0004_server_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_server_data_sources"
down_revision = "0004_server_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_source",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("data_source")

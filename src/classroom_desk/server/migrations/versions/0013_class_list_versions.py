"""The class lists an account's laptops were given: per account and class-list version
(``account.scope_seq``), the classes and students it saw then and the tables hidden from
it. A laptop whose class list changed is sent only the difference (the rows it gains, the
rows it must forget) instead of starting again from nothing.

Revision ID: 0013_class_list_versions
Revises: 0012_data_sources_per_school
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_class_list_versions"
down_revision = "0012_data_sources_per_school"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "class_list_version",
        sa.Column(
            "account_id",
            sa.String(64),
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("scope_seq", sa.BigInteger(), nullable=False),
        sa.Column("hidden", sa.Text(), nullable=False),
        sa.Column("sections", sa.Text(), nullable=False),
        sa.Column("students", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "scope_seq"),
    )


def downgrade() -> None:
    op.drop_table("class_list_version")

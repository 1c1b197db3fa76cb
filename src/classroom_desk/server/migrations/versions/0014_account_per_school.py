"""A person who teaches in several schools of a district: one login, one account row per
school. ``account.username`` was unique on the server; it is now unique per school, so the
rows of one user name are one person's accounts in their schools (the same password, one
sign-in), each with that school's teacher record, sync log and devices.

Revision ID: 0014_account_per_school
Revises: 0013_class_list_versions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_account_per_school"
down_revision = "0013_class_list_versions"
branch_labels = None
depends_on = None

#: PostgreSQL's name for the unnamed unique constraint 0001 put on ``username``.
_POSTGRES_NAME = "account_username_key"
#: SQLite's copy of the table names it by this convention (Alembic's batch mode).
_SQLITE_CONVENTION = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_SQLITE_NAME = "uq_account_username"


def _username_unique(*, unique: bool) -> None:
    """Add or drop the server-wide uniqueness of ``username``."""
    if op.get_bind().dialect.name == "postgresql":
        if unique:
            op.create_unique_constraint(_POSTGRES_NAME, "account", ["username"])
        else:
            op.drop_constraint(_POSTGRES_NAME, "account", type_="unique")
        return
    with op.batch_alter_table(
        "account", recreate="always", naming_convention=_SQLITE_CONVENTION
    ) as batch:
        if unique:
            batch.create_unique_constraint(_SQLITE_NAME, ["username"])
        else:
            batch.drop_constraint(_SQLITE_NAME, type_="unique")


def upgrade() -> None:
    _username_unique(unique=False)
    op.create_index("ux_account_username_school", "account", ["username", "school_id"], unique=True)


def downgrade() -> None:
    shared = (
        op.get_bind()
        .execute(
            sa.text("SELECT username FROM account GROUP BY username HAVING COUNT(*) > 1 LIMIT 1")
        )
        .first()
    )
    if shared is not None:
        raise RuntimeError(
            f"cannot downgrade: {shared[0]!r} has accounts in several schools, which the"
            " older server cannot keep (remove all but one first)"
        )
    op.drop_index("ux_account_username_school", table_name="account")
    _username_unique(unique=True)

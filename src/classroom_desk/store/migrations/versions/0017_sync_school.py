"""The school a store is signed in to, for a teacher who teaches in several (one store per
school): its id names the keyring entry of the store's token, its name labels the window.

``NULL`` on a store signed in before this revision: its token stays under the keyring
entry it was saved under (the server and the user only), so an upgraded laptop syncs on.

Revision ID: 0017_sync_school
Revises: 0016_weekly_rollup_by_week
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_sync_school"
down_revision = "0016_weekly_rollup_by_week"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("school_id", sa.String(), nullable=True))
        batch.add_column(sa.Column("school_name", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("school_name")
        batch.drop_column("school_id")

"""Alembic environment: runs on the connection the store hands over (never a URL from a file)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import classroom_desk.store.models  # noqa: F401  (registers the tables for autogenerate)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through classroom_desk.store.database, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()

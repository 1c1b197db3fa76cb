"""Alembic environment: runs on the connection the store hands over (never a URL from a file)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through classroom_desk.store.database, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()

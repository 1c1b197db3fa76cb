"""The local store: a SQLite file (WAL) whose schema Alembic migrations own."""

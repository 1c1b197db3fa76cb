"""Fixtures for server tests: real server processes, PostgreSQL, the in-memory keyring,
and a migrated SQLite server database (``engine``; some modules have their own)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from classroom_desk.server.database import make_engine, migrate
from tests.sync.harness import (
    fresh_server,
    memory_keyring,
    postgres,
    server,
    sqlite_server,
    sqlite_url,
)

__all__ = ["engine", "fresh_server", "memory_keyring", "postgres", "server", "sqlite_server"]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite server database of the test's own."""
    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    yield engine
    engine.dispose()

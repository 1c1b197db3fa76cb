"""Fixtures for sync tests: real server processes, PostgreSQL, the in-memory keyring."""

from tests.sync.harness import memory_keyring, postgres, server, sqlite_server

__all__ = ["memory_keyring", "postgres", "server", "sqlite_server"]

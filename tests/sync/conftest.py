"""Fixtures for sync tests: real server processes, PostgreSQL, the in-memory keyring."""

from tests.sync.harness import fresh_server, memory_keyring, postgres, server, sqlite_server

__all__ = ["fresh_server", "memory_keyring", "postgres", "server", "sqlite_server"]

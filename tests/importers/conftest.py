"""Fixtures for importer tests: an empty store at schema head, copied per test, and a small
but complete OneRoster package written as a folder."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from classroom_desk.store.database import Store, open_store
from tests.importers.packages import write_package


@pytest.fixture(scope="session")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store file; copying it is much faster than migrating again."""
    path = tmp_path_factory.mktemp("template") / "school.sqlite"
    open_store(path).close()
    return path


@pytest.fixture
def store(tmp_path: Path, empty_store_file: Path) -> Iterator[Store]:
    path = tmp_path / "data" / "school.sqlite"
    path.parent.mkdir()
    shutil.copyfile(empty_store_file, path)
    opened = open_store(path)
    yield opened
    opened.close()


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return write_package(tmp_path / "package")


def store_checksum(connection: sqlite3.Connection) -> str:
    """SHA-256 over every table's rows (sorted), import times left out: equal content,
    equal checksum."""
    digest = hashlib.sha256()
    # data_source holds when each source was last imported: a re-import that adds nothing
    # still refreshes it (the figures are confirmed current), so it is left out here.
    tables = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name != 'data_source' ORDER BY name"
    ).fetchall()
    for (table,) in tables:
        rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
        digest.update(table.encode())
        for row in sorted(repr(row) for row in rows):
            digest.update(row.encode())
    return digest.hexdigest()


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = ("school", "teacher", "student", "class_section", "enrollment")
    return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

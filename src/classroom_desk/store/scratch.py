"""A scratch file beside the store for what an import stages, never held in memory.

SQLCipher keeps SQLite's temporary tables, sorts and automatic indexes in memory (it is
built with ``SQLITE_TEMP_STORE=2`` because it does not encrypt temporary files), so an
activity file staged in ``temp`` cost memory in proportion to its rows: 554-614 MB for
1,000,000 rows. Staging goes to a file attached to the store's connection instead:

- encrypted with a key made for it and never kept anywhere, so the file is unreadable
  once the import ends, even if a crash leaves it behind (a plain store, as in tests and
  on a plain server database, gets a plain scratch file, no less private than the store);
- written without syncing to disk: a crash loses nothing that is not staged again;
- removed when the import ends; one left by a crash is removed by an import an hour
  later or more (one younger may belong to an import still running).

Attaching the file is not enough: SQLite's sorter and automatic indexes still work in
memory, so what reads the stage in an order or joins it must go through an index or a
table keyed in that order (see the importer's stage tables and sorted runs).
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from classroom_desk.store.database import Store
from classroom_desk.store.encryption import StoreKey, attach

SCRATCH_SUFFIX = ".scratch"
#: A scratch file untouched this long belongs to an import that ended in a crash.
STALE_AFTER_S = 3600
#: Page cache of the scratch file: enough for its indexes' hot pages, and a fixed bound.
SCRATCH_CACHE_KIB = 32 * 1024
SCRATCH_PAGE_SIZE = 4096


@contextlib.contextmanager
def scratch_schema(store: Store, schema: str = "scratch") -> Iterator[str]:
    """Attach a new scratch file to the store's connection as ``schema`` for the block."""
    _remove_stale(store.path)
    path = store.path.with_name(f"{store.path.stem}-{secrets.token_hex(6)}{SCRATCH_SUFFIX}")
    connection = store.connection
    key = None if store.key is None else StoreKey.generate()
    attach(connection, path, schema, key)
    try:
        if key is not None:
            connection.execute(f"PRAGMA {schema}.cipher_page_size = {SCRATCH_PAGE_SIZE}")
        connection.execute(f"PRAGMA {schema}.synchronous = OFF")
        connection.execute(f"PRAGMA {schema}.cache_size = -{SCRATCH_CACHE_KIB}")
        yield schema
    finally:
        try:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            connection.execute(f"DETACH DATABASE {schema}")
        finally:
            _remove(path)


def scratch_files(store_path: Path) -> list[Path]:
    return sorted(store_path.parent.glob(f"{store_path.stem}-*{SCRATCH_SUFFIX}"))


def _remove_stale(store_path: Path) -> None:
    now = time.time()
    for path in scratch_files(store_path):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_AFTER_S:
                _remove(path)


def _remove(path: Path) -> None:
    for file in (path, path.with_name(path.name + "-journal")):
        file.unlink(missing_ok=True)

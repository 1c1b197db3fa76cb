"""SQLCipher for the laptop's store: every connection to a store file is made here.

The binding is ``sqlcipher3`` (SQLCipher 4 built into self-contained wheels for Windows,
macOS and Linux). A plain file is opened with the
same module and no key, so the app runs one SQLite everywhere. Its connections have
the standard library's interface; the code types them as ``sqlite3.Connection``.

The key is 32 random bytes handed to SQLCipher as a raw key (``x'...'``): no key
derivation at every open, so encryption costs the page cipher and nothing more.

Pages are 1 KiB (``CIPHER_PAGE_SIZE``, SQLCipher 3's size; SQLCipher 4 makes 4 KiB). The
roster's queries read rows scattered over the file (a student's attempts, progress and
reassignments, by index), one page each: with 1 KiB pages each such read decrypts and
authenticates a quarter of the bytes, and the page cache holds four times the rows. The
whole district's weekly figures read about 26,000 pages: 100 MB of 4 KiB pages, more
than the cache, decrypted again on every query, against about 30 MB of 1 KiB pages,
which stay in the cache (figures in BENCHMARKS.md). The cost: 80 bytes of each page hold
its IV and HMAC (8% at 1 KiB, 2% at 4 KiB), so the file is about 15% larger. Stores
made with 4 KiB pages by the first encrypted version are still opened as they are, and
:func:`convert_page_size` rewrites them (``open_store`` does it once, with their backups).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlcipher3.dbapi2 as dbapi

__all__ = ["dbapi"]

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
#: Catch these around store work: the standard module's errors and SQLCipher's.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, dbapi.Error)
DATABASE_OR_FILE_ERRORS: tuple[type[Exception], ...] = (*DATABASE_ERRORS, OSError)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, dbapi.IntegrityError)
#: What SQLCipher says when the key does not open the file (or it is not a database).
NOT_A_DATABASE = "file is not a database"
#: SQLite's page cache for an encrypted store's connection, at most (KiB). SQLCipher cannot
#: memory-map an encrypted file: every page comes through this cache, decrypted and its
#: HMAC checked. At SQLite's default (2 MB) a class's weekly figures decrypted the same
#: pages again on every query (3.8x the plain store); 64 MiB holds a teacher's store
#: whole, and memory is taken only as pages are read.
ENCRYPTED_CACHE_KIB = 64 * 1024
#: The cipher page size of the stores this version makes (bytes; see the module's docstring).
CIPHER_PAGE_SIZE = 1024
#: The page size the first encrypted version made (SQLCipher 4's default): still opened.
EARLIER_CIPHER_PAGE_SIZE = 4096
#: A conversion's work file and the plain original's second name while it is replaced.
ENCRYPTING_SUFFIX = ".encrypting"
PLAIN_SUFFIX = ".plain-old"


@dataclass(frozen=True, slots=True)
class StoreKey:
    """The store's 256-bit key. Its repr never shows the bytes (it may reach a log)."""

    raw: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES:
            raise ValueError(f"a store key is {KEY_BYTES} bytes, not {len(self.raw)}")

    @classmethod
    def generate(cls) -> StoreKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> StoreKey:
        return cls(bytes.fromhex(text.strip()))

    def hex(self) -> str:
        return self.raw.hex()

    def sql_literal(self) -> str:
        """SQLCipher's raw-key form, for ``PRAGMA key`` and ``ATTACH ... KEY``."""
        return f"\"x'{self.raw.hex()}'\""


def _use_our_page_size_by_default() -> None:
    """SQLCipher's default page size for this process: ``ATTACH ... KEY`` reads (and makes)
    files with it; each connection sets its own too (see :func:`connect`)."""
    setup = dbapi.connect(":memory:")
    try:
        setup.execute(f"PRAGMA cipher_default_page_size = {CIPHER_PAGE_SIZE}")
    finally:
        setup.close()


_use_our_page_size_by_default()


def connect(path: Path | str, key: StoreKey | None, **options: Any) -> sqlite3.Connection:
    """An autocommit connection to ``path``, keyed when ``key`` is given.

    The key and the page size are set before anything reads the file. A new file gets
    ``CIPHER_PAGE_SIZE``; an existing one that this key opens only at the earlier page size
    (a store of the first encrypted version) is opened at that size. A wrong key shows at
    the first read as ``DatabaseError: file is not a database``.
    """
    connection = _keyed(path, key, CIPHER_PAGE_SIZE, options)
    if key is None or not _has_pages(path) or _readable(connection):
        return connection
    earlier = _keyed(path, key, EARLIER_CIPHER_PAGE_SIZE, options)
    if _readable(earlier):
        connection.close()
        return earlier
    earlier.close()
    return connection


def cipher_page_size(connection: sqlite3.Connection, schema: str = "main") -> int:
    """The page size an encrypted connection (or one of its attached files) uses."""
    return int(connection.execute(f"PRAGMA {schema}.cipher_page_size").fetchone()[0])


def attach(connection: sqlite3.Connection, path: Path, schema: str, key: StoreKey | None) -> None:
    """``ATTACH`` the store file at ``path`` as ``schema``, keyed as :func:`connect` keys it,
    with ``CIPHER_PAGE_SIZE`` pages (a copy made by the first encrypted version is
    rewritten with them first)."""
    if key is None:
        connection.execute(f"ATTACH DATABASE ? AS {schema} KEY ''", (str(path),))
        return
    if _has_pages(path):  # ATTACH reads it at SQLCipher's default page size, ours
        convert_page_size(path, key)
    connection.execute(f"ATTACH DATABASE ? AS {schema} KEY {key.sql_literal()}", (str(path),))


def _keyed(
    path: Path | str, key: StoreKey | None, page_size: int, options: dict[str, Any]
) -> sqlite3.Connection:
    connection = dbapi.connect(str(path), isolation_level=None, check_same_thread=False, **options)
    if key is not None:
        connection.execute(f"PRAGMA key = {key.sql_literal()}")
        connection.execute(f"PRAGMA cipher_page_size = {page_size}")
    # The same interface as the standard module's connection, which the code is typed by.
    return cast("sqlite3.Connection", connection)


def _has_pages(path: Path | str) -> bool:
    try:
        return str(path) != ":memory:" and Path(path).stat().st_size > 0
    except OSError:
        return False


def _readable(connection: sqlite3.Connection) -> bool:
    """False when the key and page size do not decrypt the file's first page."""
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as error:
        if NOT_A_DATABASE in str(error):
            return False
        raise
    return True


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (its header is readable text)."""
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def encrypt_plain_file(path: Path, key: StoreKey) -> None:
    """Replace the plain SQLite file at ``path`` with an encrypted copy, crash-safely.

    The copy is written beside it, checked with ``integrity_check``, and put in place
    with one atomic rename; only then is the plain original overwritten and removed.
    A kill at any moment leaves ``path`` either the old plain file (with its WAL) or
    the new encrypted one, each complete; :func:`finish_interrupted_conversion` tidies
    what a kill left beside it.
    """
    finish_interrupted_conversion(path)
    work = _export_encrypted(path, None, key)
    # The plain original keeps a second name while the encrypted copy takes its place, so
    # it can be wiped after the switch whatever happens in between.
    old = path.with_name(path.name + PLAIN_SUFFIX)
    try:
        os.link(path, old)
    except OSError:  # a file system without hard links (FAT): a copy, wiped the same way
        shutil.copyfile(path, old)
    work.replace(path)
    _fsync_dir(path.parent)
    finish_interrupted_conversion(path)


def convert_page_size(path: Path, key: StoreKey) -> bool:
    """Rewrite the encrypted store at ``path`` with ``CIPHER_PAGE_SIZE`` pages, crash-safely
    (a copy beside it, checked, renamed over it); ``False`` when it already has them.

    A kill at any moment leaves ``path`` either the old store or the new one, complete;
    both are encrypted, so the old one needs no wiping.
    """
    finish_interrupted_conversion(path)
    probe = connect(path, key)
    try:
        if cipher_page_size(probe) == CIPHER_PAGE_SIZE:
            return False
    finally:
        probe.close()
    _export_encrypted(path, key, key).replace(path)
    _fsync_dir(path.parent)
    return True


def _export_encrypted(path: Path, source_key: StoreKey | None, key: StoreKey) -> Path:
    """An encrypted, checked and flushed copy of the store at ``path`` beside it, whose WAL
    is folded in and removed first (the rename that follows must not meet it)."""
    work = path.with_name(path.name + ENCRYPTING_SUFFIX)
    source = connect(path, source_key)
    try:
        # Fold the WAL into the file first: the rename must not meet a WAL of the old file.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        user_version = source.execute("PRAGMA user_version").fetchone()[0]
        attach(source, work, "encrypted", key)
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    _check_encrypted(work, key)
    _fsync(work)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if suffix == "-wal" and side.exists() and side.stat().st_size > 0:
            raise dbapi.OperationalError(f"{side} still holds changes; the store is in use")
        side.unlink(missing_ok=True)
    return work


def finish_interrupted_conversion(path: Path) -> None:
    """Tidy what a conversion killed part-way left beside ``path``.

    A half-written encrypted copy is removed. The plain original's second name is
    removed as it is while ``path`` is still that plain file (the same file), and
    overwritten before removal once ``path`` is the encrypted copy.
    """
    path.with_name(path.name + ENCRYPTING_SUFFIX).unlink(missing_ok=True)
    for suffix in ("-journal", "-wal", "-shm"):
        path.with_name(path.name + ENCRYPTING_SUFFIX + suffix).unlink(missing_ok=True)
    old = path.with_name(path.name + PLAIN_SUFFIX)
    if not old.exists():
        return
    if path.exists() and old.samefile(path):
        old.unlink()
    else:
        wipe_file(old)


def wipe_file(path: Path) -> None:
    """Overwrite a file with random bytes, flush it to disk, then remove it.

    On an SSD or a copy-on-write file system the old blocks may survive the overwrite;
    the README says so and recommends the operating system's disk encryption too.
    """
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as file:
            remaining = size
            while remaining > 0:
                chunk = min(remaining, 1 << 20)
                file.write(secrets.token_bytes(chunk))
                remaining -= chunk
            file.flush()
            os.fsync(file.fileno())
        path.unlink()


def _check_encrypted(path: Path, key: StoreKey) -> None:
    check = connect(path, key)
    try:
        problems = [row[0] for row in check.execute("PRAGMA integrity_check(5)")]
    finally:
        check.close()
    if problems != ["ok"]:
        raise dbapi.DatabaseError(f"the encrypted copy failed its check: {'; '.join(problems)}")


def _fsync(path: Path) -> None:
    with path.open("rb") as file:
        os.fsync(file.fileno())


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to flush it; its renames are durable
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

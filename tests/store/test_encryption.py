"""The store on disk: encrypted with SQLCipher, its WAL and backups too; a plain store is
converted once; a wrong key, a deleted keyring entry or a missing passphrase change
nothing. Alembic and SQLAlchemy work on the encrypted file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from classroom_desk.app import DEMO_STORE, SCHOOL_STORE, main, open_with_key
from classroom_desk.demo import build_demo_school
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.database import (
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    CorruptStoreError,
    Store,
    WrongKeyError,
    backup_if_due,
    open_store,
    store_engine,
)
from classroom_desk.store.encryption import (
    PLAIN_SUFFIX,
    StoreKey,
    connect,
    is_plain_sqlite,
)
from classroom_desk.store.keys import (
    KEY_FILE,
    SERVICE,
    PassphraseRequest,
    StoreKeyError,
    keyring_user,
    load_store_key,
)
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.conftest import DEMO_NOW
from tests.sync.harness import MemoryKeyring
from tests.sync.harness import memory_keyring as memory_keyring  # a fixture

NOTE_TEXTS = (
    "Worried about reading at home; grandmother helps with homework",
    "Promised to finish fractions unit by Friday, celebrate with stickers",
)


def demo_secrets(dataset: SchoolDataset) -> list[bytes]:
    """What must never be readable on disk: every student's full name, each name of six
    letters or more, and the notes. (Shorter words turn up by chance in megabytes of
    ciphertext: four given bytes appear once in about four billion.)"""
    found: set[bytes] = set()
    for student in dataset.students:
        found.add(f"{student.given_name} {student.family_name}".encode())
        found.update(n.encode() for n in (student.given_name, student.family_name) if len(n) >= 6)
    found.update(note.encode() for note in NOTE_TEXTS)
    found.update(note[:20].encode("utf-16-le") for note in NOTE_TEXTS)
    return sorted(found)


def readable_secrets(folder: Path, secrets: list[bytes]) -> dict[str, list[str]]:
    """Each file under ``folder`` that holds any of ``secrets`` as bytes, with them."""
    leaks: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits = [secret.decode("utf-8", "replace") for secret in secrets if secret in data]
            if hits:
                leaks[str(path.relative_to(folder))] = hits[:5]
    return leaks


def _add_notes(store: Store) -> None:
    actions = TeacherActions(store, ensure_device(store))
    student = store.connection.execute("SELECT id FROM student ORDER BY id LIMIT 1").fetchone()[0]
    for note in NOTE_TEXTS:
        actions.save_note(student_id=student, body=note)


def smoke_test_in_process(data_dir: Path) -> int:
    """``classroom-desk --demo --smoke-test`` in this process (so it uses the test's
    keyring), its window put away after: later tests count the app's visible windows."""
    from PySide6.QtWidgets import QApplication

    from classroom_desk.ui.main_window import MainWindow

    code = main(["--demo", "--smoke-test", "--data-dir", str(data_dir)])
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.hide()
            widget.deleteLater()
    return code


def test_the_app_leaves_no_name_or_note_readable_on_disk(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The store, its WAL (read while the store is still open) and its backups."""
    assert smoke_test_in_process(tmp_path) == 0
    key = load_store_key(tmp_path, ask=lambda _request: None)
    store = open_store(tmp_path / DEMO_STORE, key)
    try:
        _add_notes(store)
        backup_if_due(store, now=DEMO_NOW.replace(year=2030))
        assert (tmp_path / f"{DEMO_STORE}-wal").stat().st_size > 0  # the notes are in the WAL
        assert len(list((tmp_path / "backups").glob("*.sqlite"))) == 2
        leaks = readable_secrets(tmp_path, demo_secrets(build_demo_school(DEMO_NOW)))
    finally:
        store.close()
    assert leaks == {}
    assert leaks == readable_secrets(tmp_path, demo_secrets(build_demo_school(DEMO_NOW)))


def test_a_plain_store_and_its_backups_are_converted_once(
    tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    path = tmp_path / SCHOOL_STORE
    plain = open_store(path)
    load_dataset(plain, demo_dataset)
    _add_notes(plain)
    backup_if_due(plain, now=DEMO_NOW)
    counts = plain.connection.execute("SELECT COUNT(*) FROM conference_note").fetchone()
    plain.close()
    assert readable_secrets(tmp_path, demo_secrets(demo_dataset))  # plain today

    key = StoreKey.generate()
    store = open_store(path, key)
    try:
        assert store.connection.execute("SELECT COUNT(*) FROM conference_note").fetchone() == (
            counts
        )
        assert store.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        store.close()
    assert not is_plain_sqlite(path)
    assert not path.with_name(path.name + PLAIN_SUFFIX).exists()
    # The plain backups are converted with the store.
    backups = list((tmp_path / "backups").glob("*.sqlite"))
    assert backups and not any(is_plain_sqlite(backup) for backup in backups)
    assert readable_secrets(tmp_path, demo_secrets(demo_dataset)) == {}
    # A second start converts nothing and opens the same data.
    before = path.read_bytes()
    open_store(path, key).close()
    assert path.read_bytes()[:4096] == before[:4096]


def test_a_wrong_key_changes_nothing(tmp_path: Path, demo_dataset: SchoolDataset) -> None:
    path = tmp_path / SCHOOL_STORE
    store = open_store(path, StoreKey.generate())
    load_dataset(store, demo_dataset)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = path.read_bytes()
    with pytest.raises(WrongKeyError, match="this key does not open it"):
        open_store(path, StoreKey.generate())
    with pytest.raises(CorruptStoreError, match="encrypted and no key was given"):
        open_store(path)
    assert path.read_bytes() == before


def test_garbage_is_refused_with_a_key_too(tmp_path: Path) -> None:
    path = tmp_path / SCHOOL_STORE
    path.write_bytes(b"this is a spreadsheet, not a database\n" * 100)
    with pytest.raises(WrongKeyError, match="not a Classroom Desk database"):
        open_store(path, StoreKey.generate())
    assert path.read_bytes() == b"this is a spreadsheet, not a database\n" * 100


def test_a_deleted_keyring_entry_is_said_plainly_and_changes_nothing(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    assert smoke_test_in_process(tmp_path) == 0
    store_file = tmp_path / DEMO_STORE
    before = store_file.read_bytes()
    memory_keyring.delete_password(SERVICE, keyring_user(tmp_path))
    with pytest.raises(StoreKeyError, match="missing from this computer's keyring"):
        load_store_key(tmp_path, ask=lambda _request: "never asked for")
    assert smoke_test_in_process(tmp_path) == 2
    assert store_file.read_bytes() == before
    assert memory_keyring.items == {}  # no new key was made over the old data


def test_the_key_file_says_where_the_key_is_and_never_holds_it(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    key = load_store_key(tmp_path, ask=lambda _request: None)
    assert load_store_key(tmp_path, ask=lambda _request: None) == key
    assert key.hex() not in (tmp_path / KEY_FILE).read_text()
    assert key.hex() == memory_keyring.items[(SERVICE, keyring_user(tmp_path))]
    assert repr(key) == "StoreKey()"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


PASSPHRASE = "maple river lantern 42"


def test_without_a_keyring_a_passphrase_opens_the_store(
    tmp_path: Path, no_keyring: None, demo_dataset: SchoolDataset
) -> None:
    asked: list[PassphraseRequest] = []

    def ask(request: PassphraseRequest) -> str:
        asked.append(request)
        return PASSPHRASE

    path = tmp_path / SCHOOL_STORE
    store = open_with_key(tmp_path, ask, lambda key: open_store(path, key))
    load_dataset(store, demo_dataset)
    store.close()
    assert asked[0].new and "no secure password store" in asked[0].message
    assert PASSPHRASE not in (tmp_path / KEY_FILE).read_text()
    again = open_with_key(tmp_path, ask, lambda key: open_store(path, key))
    again.close()
    assert not asked[1].new
    assert readable_secrets(tmp_path, demo_secrets(demo_dataset)) == {}


def test_a_wrong_passphrase_is_asked_again_then_refused(tmp_path: Path, no_keyring: None) -> None:
    path = tmp_path / SCHOOL_STORE
    open_with_key(tmp_path, lambda _r: PASSPHRASE, lambda key: open_store(path, key)).close()
    before = path.read_bytes()
    typed = iter(["maple river lantern 43", PASSPHRASE])
    asked: list[str] = []

    def ask(request: PassphraseRequest) -> str:
        asked.append(request.message)
        return next(typed)

    open_with_key(tmp_path, ask, lambda key: open_store(path, key)).close()
    assert asked[1].startswith("That passphrase does not unlock the data.")
    with pytest.raises(WrongKeyError):
        open_with_key(tmp_path, lambda _r: "wrong wrong wrong", lambda k: open_store(path, k))
    assert path.read_bytes()[:4096] == before[:4096]


def test_a_weak_or_cancelled_passphrase_locks_nothing(tmp_path: Path, no_keyring: None) -> None:
    with pytest.raises(StoreKeyError, match="at least 12 characters"):
        load_store_key(tmp_path, ask=lambda _r: "short")
    with pytest.raises(StoreKeyError, match="No passphrase was given"):
        load_store_key(tmp_path, ask=lambda _r: None)
    assert not (tmp_path / KEY_FILE).exists()


def test_sqlalchemy_and_alembic_work_on_the_encrypted_store(tmp_path: Path) -> None:
    """An encrypted store at an older schema is backed up (encrypted) and migrated."""
    path = tmp_path / SCHOOL_STORE
    key = StoreKey.generate()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = store_engine(path, key)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008_learner_profiles")
        connection.execute(
            text("INSERT INTO school VALUES ('s1', 'Old', 'America/Denver', 0, 30, 80, 80, 2)")
        )
    engine.dispose()
    assert not is_plain_sqlite(path)

    store = open_store(path, key)
    try:
        version = store.connection.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == (SCHEMA_HEAD,)
    finally:
        store.close()
    (backup,) = (tmp_path / "backups").glob("*before-upgrade*.sqlite")
    assert not is_plain_sqlite(backup)
    copy = connect(backup, key)
    try:
        assert copy.execute("SELECT name FROM school").fetchall() == [("Old",)]
    finally:
        copy.close()
    with store_engine(path, key).connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM school")).scalar() == 1


def test_the_standard_sqlite_module_cannot_read_it(tmp_path: Path) -> None:
    path = tmp_path / SCHOOL_STORE
    open_store(path, StoreKey.generate()).close()
    outsider = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            outsider.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        outsider.close()


def test_a_store_with_the_first_versions_4k_pages_is_rewritten_once_with_its_backups(
    tmp_path: Path, demo_dataset: SchoolDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stores made by the first encrypted version have SQLCipher 4's 4 KiB pages: they
    still open with their key, and are rewritten once with ``CIPHER_PAGE_SIZE`` pages, the
    store and its backups, every row kept; a wrong key still changes nothing."""
    from classroom_desk.store import encryption

    key, path = StoreKey.generate(), tmp_path / SCHOOL_STORE
    with monkeypatch.context() as first_version:
        first_version.setattr(encryption, "CIPHER_PAGE_SIZE", encryption.EARLIER_CIPHER_PAGE_SIZE)
        store = open_store(path, key)
        load_dataset(store, demo_dataset)
        _add_notes(store)
        backup = backup_if_due(store)
        store.close()
    assert backup is not None
    for file in (path, backup):
        probe = connect(file, key)
        assert encryption.cipher_page_size(probe) == 4096
        probe.close()
    with pytest.raises(WrongKeyError):
        open_store(path, StoreKey.generate())

    store = open_store(path, key)
    try:
        assert encryption.cipher_page_size(store.connection) == encryption.CIPHER_PAGE_SIZE == 1024
        notes = store.connection.execute("SELECT body FROM conference_note ORDER BY body")
        assert [row[0] for row in notes] == sorted(NOTE_TEXTS)
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    probe = connect(backup, key)
    assert encryption.cipher_page_size(probe) == 1024
    assert probe.execute("SELECT COUNT(*) FROM student").fetchone()[0] == len(demo_dataset.students)
    probe.close()
    assert not list(tmp_path.rglob("*.encrypting*"))
    assert readable_secrets(tmp_path, demo_secrets(demo_dataset)) == {}

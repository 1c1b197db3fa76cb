"""The keyring is asked for the store key first thing at start (``KeyringLookup.read``),
before Qt is imported: the answer is the same as asking in place, a keyring error or no
keyring at all still end where they did (a plain message, the passphrase), and the lookup
only reads: it neither stores a key nor writes a file."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.errors
import pytest

from classroom_desk.app import SCHOOL_STORE, open_with_key
from classroom_desk.store.database import open_store
from classroom_desk.store.keys import (
    KEY_FILE,
    SERVICE,
    KeyringLookup,
    PassphraseRequest,
    StoreKeyError,
    keyring_user,
    load_store_key,
)
from tests.sync.harness import MemoryKeyring
from tests.sync.harness import memory_keyring as memory_keyring  # a fixture


class SlowKeyring(MemoryKeyring):
    """Answers only once the test lets it, from whichever thread asks; counts writes."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.asked_from: list[str] = []
        self.writes = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.asked_from.append(threading.current_thread().name)
        assert self.release.wait(10), "the test never let the keyring answer"
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writes += 1
        super().set_password(service, username, password)


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the login keyring is locked")


@pytest.fixture
def slow_keyring() -> Iterator[SlowKeyring]:
    previous = keyring.get_keyring()
    backend = SlowKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()
    keyring.set_keyring(previous)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_lookup_asks_once_on_the_callers_thread_and_writes_nothing(
    tmp_path: Path, slow_keyring: SlowKeyring
) -> None:
    slow_keyring.release.set()
    key = load_store_key(tmp_path, ask=lambda _request: None)  # first start: key made
    writes, before = slow_keyring.writes, _files(tmp_path)
    slow_keyring.asked_from.clear()

    lookup = KeyringLookup.read(tmp_path)
    assert load_store_key(tmp_path, ask=lambda _request: None, lookup=lookup) == key

    # Asked once, by the thread that starts the app (no other thread imports beside Qt's).
    assert slow_keyring.asked_from == [threading.current_thread().name]
    assert slow_keyring.writes == writes  # nothing stored
    after = _files(tmp_path)
    assert after == before  # no file written, none changed
    assert all(key.hex().encode() not in data and key.raw not in data for data in after.values())


def test_the_app_reads_the_keyring_before_it_imports_qt(tmp_path: Path) -> None:
    """PySide6's import hook is not safe against another thread importing at the same time:
    the keyring (and its backend's modules) are read before Qt is imported, in one thread."""
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "classroom_desk",
            "--demo",
            "--smoke-test",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "roster rows:" in run.stdout, run.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()]
    imported = [name for name in imported if name and not name.startswith("import time")]
    assert imported.index("keyring") < imported.index("PySide6"), "Qt came before the keyring"


def test_a_new_key_is_stored_by_the_caller_and_never_in_a_file(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    lookup = KeyringLookup.read(tmp_path)
    key = load_store_key(tmp_path, ask=lambda _request: None, lookup=lookup)
    assert memory_keyring.items == {(SERVICE, keyring_user(tmp_path)): key.hex()}
    assert key.hex() not in (tmp_path / KEY_FILE).read_text()


def test_a_keyring_error_read_at_start_is_said_plainly_and_changes_nothing(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    load_store_key(tmp_path, ask=lambda _request: None)
    before = _files(tmp_path)
    keyring.set_keyring(BrokenKeyring())  # the fixture puts the previous one back
    lookup = KeyringLookup.read(tmp_path)
    with pytest.raises(StoreKeyError, match=r"did not give the key.*locked.*nothing was changed"):
        load_store_key(tmp_path, ask=lambda _request: "never asked for", lookup=lookup)
    assert _files(tmp_path) == before


def test_without_a_keyring_the_lookup_leads_to_the_passphrase(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # get_password: NoKeyringError
    asked: list[PassphraseRequest] = []

    def ask(request: PassphraseRequest) -> str:
        asked.append(request)
        return "maple river lantern 42"

    try:
        lookup = KeyringLookup.read(tmp_path)
        store = open_with_key(
            tmp_path, ask, lambda k: open_store(tmp_path / SCHOOL_STORE, k), lookup
        )
        store.close()
    finally:
        keyring.set_keyring(previous)
    assert [request.new for request in asked] == [True]
    assert '"kept_in": "passphrase"' in (tmp_path / KEY_FILE).read_text()


def test_a_lookup_for_another_folder_is_not_used(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    key_one = load_store_key(first, ask=lambda _request: None)
    lookup = KeyringLookup.read(first)
    key_two = load_store_key(second, ask=lambda _request: None, lookup=lookup)
    assert key_two != key_one
    assert memory_keyring.items[(SERVICE, keyring_user(second))] == key_two.hex()

"""Another person signs in on a shared laptop where a teacher of two schools (Elena: Maple,
and Pine in a store of its own) signed in before: the store Elena kept for Pine goes, with
its list entry and her keyring entries; never while work of hers waits unsent, never when
the sign-in fails, never a file outside the data folder. Real servers on 127.0.0.1: the
district's, where the laptop is Elena's (another person is refused there: 403), and the
district's rebuilt one (a new school year), which knows none of the laptop's devices."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from classroom_desk.app import open_app_store
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import StoreKey
from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    SCHOOLS_FILE,
    other_school_store,
    read_school_list,
    write_school_list,
)
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.another_person import NotTheFirstSchoolError
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.school_sign_in import sign_in_everywhere
from classroom_desk.sync.values import SignInRequiredError, SyncError
from tests.server.test_district import _account
from tests.sync.harness import FAST_RETRY, MemoryKeyring, ServerProcess, server_cli
from tests.sync.two_schools import MAPLE, PASSWORD, PINE, USER, district_server

KEY = StoreKey.generate()
PRINCIPAL = "maple-principal"  # Maple only
SAM = "sam"  # Maple, and Pine on the rebuilt server: the same second school as Elena


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = district_server(tmp_path_factory.mktemp("district"))
    _account(process.database_url, PRINCIPAL, "principal", "org-1", "p@maple.test")
    yield process
    process.stop()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = district_server(tmp_path_factory.mktemp("rebuilt"))
    url = process.database_url
    _account(url, PRINCIPAL, "principal", "org-1", "p@maple.test")
    _account(url, SAM, "teacher", "org-1", "sam@maple.test")
    linked = server_cli(
        url, "link-school", "--username", SAM, "--school", "org-3",
        "--teacher", record_id("teacher", "t-2-3"),
    )  # fmt: skip
    assert linked.returncode == 0, linked.stderr
    yield process
    process.stop()


def sync(path: Path) -> None:
    store = open_store(path, KEY)
    try:
        with SyncClient.from_keyring(store, retry=FAST_RETRY) as client:
            client.sync()
    finally:
        store.close()


def sign_in_as(
    data: Path, user: str, server: ServerProcess, password: str = PASSWORD, *, store_file: str = ""
) -> Any:
    store = open_store(data / (store_file or SCHOOL_STORE), KEY)
    try:
        return sign_in_everywhere(store, server_url=server.url, user=user, password=password)
    finally:
        store.close()


def type_offline(path: Path, body: str) -> None:
    store = open_store(path, KEY)
    try:
        student = store.connection.execute("SELECT id FROM student LIMIT 1").fetchone()[0]
        TeacherActions(store, ensure_device(store)).save_note(student_id=student, body=body)
    finally:
        store.close()


def one(path: Path, sql: str) -> object:
    store = open_store(path, KEY)
    try:
        return store.connection.execute(sql).fetchone()[0]
    finally:
        store.close()


def disk(folder: Path, keyring: MemoryKeyring) -> tuple[dict[str, str], dict[object, str]]:
    """Every file under ``folder`` by content, and the keyring's entries."""
    files = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }
    return files, dict(keyring.items)


def entries_of(keyring: MemoryKeyring, user: str) -> list[str]:
    return [entry for _service, entry in keyring.items if f" {user} " in f"{entry} "]


@pytest.fixture
def laptop(tmp_path: Path, district: ServerProcess, memory_keyring: MemoryKeyring) -> Path:
    """Elena's laptop: Maple in ``school.sqlite``, Pine in its own store, both synced."""
    data = tmp_path / "data"
    data.mkdir()
    result = sign_in_as(data, USER, district)
    assert [other.problem for other in result.other_schools] == [None]
    sync(data / SCHOOL_STORE)
    sync(data / other_school_store(PINE))
    assert len(entries_of(memory_keyring, USER)) == 2
    return data


PINE_STORE = other_school_store(PINE)


def test_on_the_server_the_laptop_is_registered_to_another_person_is_refused_and_keeps_all(
    laptop: Path, district: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    before = disk(laptop, memory_keyring)
    with pytest.raises(SyncError, match="registered to another account"):
        sign_in_as(laptop, PRINCIPAL, district)
    assert disk(laptop, memory_keyring) == before


def test_another_person_of_one_school_removes_the_other_school_store_of_the_person_before(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    (laptop / f"{PINE_STORE}-journal").write_bytes(b"")  # a side file left by a crash
    result = sign_in_as(laptop, PRINCIPAL, rebuilt)
    assert not [path.name for path in laptop.glob(f"{PINE_STORE}*")]
    assert not (laptop / SCHOOLS_FILE).exists()  # one school: nothing to switch to
    assert entries_of(memory_keyring, USER) == []
    assert result.removed_schools == ("Pine Elementary",)
    assert result.not_removed == ()
    assert len(entries_of(memory_keyring, PRINCIPAL)) == 1
    assert one(laptop / SCHOOL_STORE, "SELECT user_name FROM sync_state") == PRINCIPAL


def test_another_person_of_the_same_second_school_gets_a_store_of_their_own(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """Elena's Pine store is not taken over as her Maple store is (the store the new person
    signs in from): it goes, and Sam's sign-in to Pine makes a new one, with a device of
    its own (Elena's device is hers on the server) and none of her rows."""
    elena_device = one(laptop / PINE_STORE, "SELECT id FROM device")
    elena_note = "Elena's Pine note, sent"
    type_offline(laptop / PINE_STORE, elena_note)
    sync(laptop / PINE_STORE)
    result = sign_in_as(laptop, SAM, rebuilt)
    assert [(other.school_name, other.problem) for other in result.other_schools] == [
        ("Pine Elementary", None)
    ]
    assert one(laptop / PINE_STORE, "SELECT id FROM device") != elena_device
    assert one(laptop / PINE_STORE, "SELECT user_name FROM sync_state") == SAM
    assert one(laptop / PINE_STORE, "SELECT COUNT(*) FROM conference_note") == 0
    assert [s.id for s in read_school_list(laptop).schools] == [MAPLE, PINE]
    assert entries_of(memory_keyring, USER) == []
    assert len(entries_of(memory_keyring, SAM)) == 2
    assert result.removed_schools == ("Pine Elementary",)


@pytest.mark.parametrize(
    ("store", "school"),
    [(PINE_STORE, "Pine Elementary"), (SCHOOL_STORE, "Maple Elementary")],
    ids=["in-the-other-school", "in-the-first-school"],
)
def test_work_not_yet_sent_refuses_another_person_and_changes_nothing(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring, store: str, school: str
) -> None:
    type_offline(laptop / store, "Typed offline, not yet sent")
    type_offline(laptop / store, "And another")
    before = disk(laptop, memory_keyring)
    with pytest.raises(SyncError, match=f"{school}: 2 not yet sent") as refused:
        sign_in_as(laptop, PRINCIPAL, rebuilt)
    assert getattr(refused.value, "waiting", None) == ((school, 2),)
    assert USER in str(refused.value)
    assert disk(laptop, memory_keyring) == before
    # Elena syncs (her work reaches her school); then the other person signs in.
    sync(laptop / store)
    result = sign_in_as(laptop, PRINCIPAL, rebuilt)
    assert result.removed_schools == ("Pine Elementary",)


def test_a_wrong_password_removes_nothing(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    before = disk(laptop, memory_keyring)
    with pytest.raises(SignInRequiredError):
        sign_in_as(laptop, PRINCIPAL, rebuilt, password="not the password")
    assert disk(laptop, memory_keyring) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_folder_made_read_only_under_the_open_window_refuses_before_anything_is_sent(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """(A folder read only before the app starts: the app cannot open its store at all.)"""
    before = disk(laptop, memory_keyring)
    store = open_store(laptop / SCHOOL_STORE, KEY)
    laptop.chmod(0o555)
    try:
        with pytest.raises(SyncError, match=r"Pine Elementary cannot be checked or removed"):
            sign_in_everywhere(store, server_url=rebuilt.url, user=PRINCIPAL, password=PASSWORD)
    finally:
        laptop.chmod(0o755)
        store.close()
    assert disk(laptop, memory_keyring) == before


def test_a_store_that_cannot_be_removed_is_said_kept_out_of_the_menu_and_removed_later(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """A side file that is a folder (SQLite opens the store all the same; unlink refuses
    it): the store stays on disk, listed as left (the list says what the disk holds) but
    not offered; the next sign-in, once it can, removes it."""
    blocker = laptop / f"{PINE_STORE}-shm"
    blocker.mkdir()
    (blocker / "x").write_bytes(b"")
    result = sign_in_as(laptop, PRINCIPAL, rebuilt)
    assert (laptop / PINE_STORE).exists()
    kept = read_school_list(laptop)
    assert kept.schools == () and [s.id for s in kept.left] == [PINE]
    [(school, why)] = result.not_removed
    assert school == "Pine Elementary" and PINE_STORE in why
    assert result.removed_schools == ()
    assert entries_of(memory_keyring, USER) == []  # her tokens go all the same
    (blocker / "x").unlink()
    blocker.rmdir()
    again = sign_in_as(laptop, PRINCIPAL, rebuilt)
    assert again.removed_schools == ("Pine Elementary",)
    assert not (laptop / PINE_STORE).exists()
    assert not (laptop / SCHOOLS_FILE).exists()


def test_a_list_edited_to_point_outside_the_data_folder_removes_nothing_there(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    outside = laptop.parent / "outside.sqlite"
    outside.write_bytes(b"not the laptop's")
    (laptop / "x").write_bytes(b"a file of the data folder")
    listed = json.loads((laptop / SCHOOLS_FILE).read_text())
    listed["schools"] += [{"id": "../outside.sqlite", "name": "Out"}, {"id": "x", "name": "X"}]
    listed["left"] = [{"id": "../outside.sqlite", "name": "Out"}, {"id": "/", "name": "Root"}]
    listed["first_file"] = "../outside.sqlite"
    (laptop / SCHOOLS_FILE).write_text(json.dumps(listed))
    sign_in_as(laptop, PRINCIPAL, rebuilt)
    assert outside.read_bytes() == b"not the laptop's"
    assert (laptop / "x").read_bytes() == b"a file of the data folder"
    assert (laptop / SCHOOL_STORE).exists()
    assert not (laptop / PINE_STORE).exists()


def test_a_school_whose_store_of_the_person_before_stays_is_not_offered_until_it_goes(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """Sam teaches in Pine too, but Elena's Pine store could not be removed: its file is
    hers, so Pine is neither signed in nor offered to Sam until the next sign-in removes
    it, and then Pine gets a store of Sam's own."""
    elena_device = one(laptop / PINE_STORE, "SELECT id FROM device")
    blocker = laptop / f"{PINE_STORE}-shm"
    blocker.mkdir()
    (blocker / "x").write_bytes(b"")
    result = sign_in_as(laptop, SAM, rebuilt)
    assert [school for school, _why in result.not_removed] == ["Pine Elementary"]
    assert result.other_schools == ()
    kept = read_school_list(laptop)
    assert [s.id for s in kept.schools] == [MAPLE] and [s.id for s in kept.left] == [PINE]
    assert one(laptop / PINE_STORE, "SELECT id FROM device") == elena_device
    (blocker / "x").unlink()
    blocker.rmdir()
    again = sign_in_as(laptop, SAM, rebuilt)
    assert again.removed_schools == ("Pine Elementary",)
    assert [(other.school_name, other.problem) for other in again.other_schools] == [
        ("Pine Elementary", None)
    ]
    assert [s.id for s in read_school_list(laptop).schools] == [MAPLE, PINE]
    assert one(laptop / PINE_STORE, "SELECT id FROM device") != elena_device


def test_another_person_in_the_window_of_an_other_school_is_sent_to_the_first_school(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """The app opens the school shown last: Sam finds Elena's Pine window. Signing in there
    would leave Elena's first store (what the app opens by default) and its keyring entry
    to Sam; refused, naming the school whose window to sign in from, and nothing changes:
    the next start opens Elena's Pine again. Then, from Maple, the next start opens Sam's."""
    write_school_list(laptop, read_school_list(laptop).showing(PINE))  # Elena closed on Pine
    before = disk(laptop, memory_keyring)
    with pytest.raises(NotTheFirstSchoolError, match="Maple Elementary") as refused:
        sign_in_as(laptop, SAM, rebuilt, store_file=PINE_STORE)
    assert (refused.value.user, refused.value.first_school) == (USER, "Maple Elementary")
    assert disk(laptop, memory_keyring) == before
    assert next_start_opens(laptop) == (PINE_STORE, USER)
    # From Maple's window (the School menu), Sam's sign-in takes the laptop over.
    result = sign_in_as(laptop, SAM, rebuilt)
    assert result.removed_schools == ("Pine Elementary",)
    assert entries_of(memory_keyring, USER) == []
    assert next_start_opens(laptop) == (SCHOOL_STORE, SAM)


def next_start_opens(data: Path) -> tuple[str, str]:
    """The store the app opens at its next start, and who it is signed in as."""
    school = read_school_list(data).current
    store = open_app_store(data, demo=False, now=datetime.now(UTC), key=KEY, school=school)
    try:
        user = store.connection.execute("SELECT user_name FROM sync_state").fetchone()[0]
        return store.path.name, str(user)
    finally:
        store.close()


def test_work_not_yet_sent_in_the_first_school_refuses_a_sign_in_from_the_other_school(
    laptop: Path, rebuilt: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    type_offline(laptop / SCHOOL_STORE, "Typed offline in Maple, not yet sent")
    before = disk(laptop, memory_keyring)
    with pytest.raises(SyncError, match="Maple Elementary: 1 not yet sent") as refused:
        sign_in_as(laptop, SAM, rebuilt, store_file=PINE_STORE)
    assert getattr(refused.value, "waiting", None) == (("Maple Elementary", 1),)
    assert disk(laptop, memory_keyring) == before

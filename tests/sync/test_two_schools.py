"""A teacher of two schools on the real server (127.0.0.1): one sign-in keeps each school
in its own store with its own token; each syncs its school and nothing of the other's;
work typed offline in one school goes to that school. (A second school's sign-in that
fails is in ``test_school_sign_in.py``, answered by a server made to fail it.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import StoreKey
from classroom_desk.store.school_files import SCHOOL_STORE, other_school_store, read_school_list
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.school_sign_in import sign_in_everywhere
from tests.sync.harness import FAST_RETRY, MemoryKeyring, ServerProcess
from tests.sync.two_schools import MAPLE, PASSWORD, PINE, USER, district_server

KEY = StoreKey.generate()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = district_server(tmp_path_factory.mktemp("two-schools"))
    yield process
    process.stop()


def school_rows(store: Store) -> tuple[list[str], list[str]]:
    """The school and the classes a store holds, by name."""
    schools = [r[0] for r in store.connection.execute("SELECT name FROM school ORDER BY name")]
    classes = [r[0] for r in store.connection.execute("SELECT name FROM class_section")]
    return schools, sorted(classes)


def sync(store: Store) -> int:
    with SyncClient.from_keyring(store, retry=FAST_RETRY) as client:
        return client.sync().pushed


def test_one_sign_in_keeps_each_school_in_its_own_store_and_each_syncs_its_own(
    tmp_path: Path, server: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    maple = open_store(tmp_path / SCHOOL_STORE, KEY)
    result = sign_in_everywhere(maple, server_url=server.url, user=USER, password=PASSWORD)
    assert (result.school_id, result.school_name) == (MAPLE, "Maple Elementary")
    [pine_signed] = result.other_schools
    assert (pine_signed.school_id, pine_signed.problem) == (PINE, None)
    assert [(s.id, s.name) for s in read_school_list(tmp_path).schools] == [
        (MAPLE, "Maple Elementary"),
        (PINE, "Pine Elementary"),
    ]
    pine = open_store(tmp_path / other_school_store(PINE), KEY)
    try:
        sync(maple)
        sync(pine)
        maple_schools, maple_classes = school_rows(maple)
        pine_schools, pine_classes = school_rows(pine)
        assert maple_schools == ["Maple Elementary"] and pine_schools == ["Pine Elementary"]
        assert maple_classes and pine_classes and not set(maple_classes) & set(pine_classes)
        # Typed offline in Pine: it goes with Pine's token, to Pine, and Maple's outbox
        # stays empty.
        student = pine.connection.execute("SELECT id FROM student LIMIT 1").fetchone()[0]
        TeacherActions(pine, ensure_device(pine)).save_note(
            student_id=student, body="Typed at Pine"
        )
        assert sync(maple) == 0
        assert sync(pine) == 1
        assert pine.connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE state != 'acknowledged'"
        ).fetchone() == (0,)
    finally:
        pine.close()
        maple.close()


def test_each_school_is_on_the_laptop_after_the_sign_in_even_with_no_keyring(
    tmp_path: Path, server: ServerProcess
) -> None:
    """A computer with no keyring keeps each school's token for the session only: a
    school not opened before the app closed would be empty after a restart (and offline
    any day), so the sign-in brings each other school's copy down at once."""
    maple = open_store(tmp_path / SCHOOL_STORE, KEY)
    try:
        result = sign_in_everywhere(maple, server_url=server.url, user=USER, password=PASSWORD)
    finally:
        maple.close()
    [pine_signed] = result.other_schools
    assert not result.remembered and not pine_signed.remembered  # no keyring here
    assert pine_signed.problem is None
    # After a restart: no token anywhere, the store as it is on disk.
    pine = open_store(tmp_path / other_school_store(PINE), KEY)
    try:
        assert school_rows(pine) == (["Pine Elementary"], ["Art 4"])
        assert [r[0] for r in pine.connection.execute("SELECT given_name FROM student")] == ["Dev"]
    finally:
        pine.close()

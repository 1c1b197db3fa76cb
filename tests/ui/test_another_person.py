"""Another person signs in from the window of a laptop where a teacher of two schools
signed in before: the sign-in dialog says whose work waits and where (in the app's
language), or that the stores the person before kept are removed; the School menu then
offers none of them. Real servers on 127.0.0.1 (see ``tests/sync/test_another_person.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from classroom_desk.store.database import open_store
from classroom_desk.store.school_files import SCHOOL_STORE, other_school_store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.school_sign_in import sign_in_everywhere
from tests.sync.harness import FAST_RETRY, MemoryKeyring, ServerProcess
from tests.sync.test_another_person import PRINCIPAL, district, rebuilt
from tests.sync.two_schools import PASSWORD, PINE, USER
from tests.ui.conftest import schools_window, sign_in_from

__all__ = ["district", "rebuilt"]  # the servers, as fixtures here too

#: Where the dialogs are saved to be looked at (set by whoever looks; unset, nowhere).
SHOTS = os.environ.get("CLASSROOM_DESK_SHOTS")


@pytest.fixture
def elena_laptop(
    tmp_path: Path, district: ServerProcess, memory_keyring: MemoryKeyring
) -> Iterator[Path]:
    """Elena signed in to Maple and Pine, both synced."""
    folder = tmp_path / "laptop"
    folder.mkdir()
    for file in (SCHOOL_STORE, other_school_store(PINE)):
        store = open_store(folder / file)
        try:
            if file == SCHOOL_STORE:
                sign_in_everywhere(store, server_url=district.url, user=USER, password=PASSWORD)
            with SyncClient.from_keyring(store, retry=FAST_RETRY) as client:
                client.sync()
        finally:
            store.close()
    yield folder


def sign_in_in_the_window(
    qtbot: QtBot, folder: Path, server: ServerProcess, shot: str, file: str = SCHOOL_STORE
) -> str:
    """The principal signs in from the window's dialog (of the store ``file``); what the
    dialog then says (it stays open to be read), and the School menu's schools."""
    store, window, sync, switcher = schools_window(qtbot, folder, file)
    try:
        assert switcher.button.isVisible()
        dialog = sign_in_from(qtbot, window, server.url, PRINCIPAL, PASSWORD)
        qtbot.waitUntil(lambda: "Elementary" in dialog.message, timeout=30_000)
        assert dialog.isVisible()
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"{shot}.png"))
        message = dialog.message
        dialog.close()
        qtbot.waitUntil(lambda: not sync.running, timeout=30_000)
        return f"{message}\n{[a.text() for a in switcher.school_actions]}"
    finally:
        window.close()
        assert window.sync is not None
        window.sync.runner.wait(10_000)
        store.close()


def test_work_not_yet_sent_is_named_in_spanish_and_the_schools_stay(
    qtbot: QtBot, elena_laptop: Path, rebuilt: ServerProcess, spanish: None
) -> None:
    pine = open_store(elena_laptop / other_school_store(PINE))
    try:
        student = pine.connection.execute("SELECT id FROM student LIMIT 1").fetchone()[0]
        TeacherActions(pine, ensure_device(pine)).save_note(student_id=student, body="Sin red")
    finally:
        pine.close()
    said = sign_in_in_the_window(qtbot, elena_laptop, rebuilt, "another-person-unsent-es")
    assert f"No se inició sesión: {USER}, que inició sesión" in said
    assert "Pine Elementary: 1 cambio sin enviar" in said
    assert "['Maple Elementary', 'Pine Elementary']" in said
    assert (elena_laptop / other_school_store(PINE)).exists()


def test_the_stores_of_the_person_before_removed_are_said_and_no_longer_offered(
    qtbot: QtBot, elena_laptop: Path, rebuilt: ServerProcess
) -> None:
    said = sign_in_in_the_window(qtbot, elena_laptop, rebuilt, "another-person-removed-en")
    assert "kept on this laptop for Pine Elementary has been removed" in said
    assert said.endswith("[]")  # one school: no School menu
    assert not (elena_laptop / other_school_store(PINE)).exists()


def test_in_the_other_school_window_the_first_school_is_named_in_spanish(
    qtbot: QtBot, elena_laptop: Path, rebuilt: ServerProcess, spanish: None
) -> None:
    """The app opened Pine (shown last): the dialog says to sign in from Maple."""
    pine = other_school_store(PINE)
    said = sign_in_in_the_window(qtbot, elena_laptop, rebuilt, "another-person-pine-es", pine)
    assert f"No se inició sesión: {USER} inició sesión en esta computadora" in said
    assert "elija Maple Elementary en el menú Escuela" in said
    assert "['Maple Elementary', 'Pine Elementary']" in said
    assert (elena_laptop / pine).exists() and (elena_laptop / SCHOOL_STORE).exists()

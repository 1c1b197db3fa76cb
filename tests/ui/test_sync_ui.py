"""Sync in the window, against a real server process on 127.0.0.1: the sign-in dialog,
F5, the status line, two laptops sharing a note, a revoked laptop, and no token on disk.

Each laptop is its own data folder holding the app's demo store (built at the tests'
fixed moment); the server's demo is built at its own start, and the first sync's full
snapshot makes the server authoritative for roster and activity (ids are the same).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox
from pytestqt.qtbot import QtBot

from classroom_desk.demo import demo_id
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.sync_status import SyncStatusPresenter
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.sync import credentials
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.sign_in_dialog import SignInDialog
from classroom_desk.ui.timeline_model import KIND_ROLE
from tests.sync.harness import DEMO_PASSWORDS, MemoryKeyring, ServerProcess, sqlite_url
from tests.ui.conftest import laptop_window

HOMEROOM = demo_id("section", "homeroom-4")
STUDENT = demo_id("student", "homeroom-4/3")
SYNC_WAIT_MS = 30_000


@pytest.fixture(scope="module")
def school_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    directory = tmp_path_factory.mktemp("sync-ui-server")
    process = ServerProcess(sqlite_url(directory), directory)
    process.start()
    yield process
    process.stop()


@dataclass
class Laptop:
    data_dir: Path
    store: Store
    window: MainWindow
    sync: SyncStatusPresenter

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.ini"

    def status_text(self) -> str:
        return self.window.sync.widget.label.text() if self.window.sync else ""


LaptopFactory = Callable[[str], Laptop]


@pytest.fixture
def laptop(qtbot: QtBot, tmp_path: Path, demo_dataset: SchoolDataset) -> Iterator[LaptopFactory]:
    made: list[Laptop] = []

    def make(name: str) -> Laptop:
        data_dir = tmp_path / name
        data_dir.mkdir()
        store = open_store(data_dir / "demo.sqlite")
        load_dataset(store, demo_dataset)
        # The server built its demo today, and its snapshot replaces the laptop's: the
        # laptop's "this week" is today's too.
        window, sync = laptop_window(store, data_dir / "settings.ini")
        qtbot.addWidget(window)
        window.show()
        made.append(Laptop(data_dir, store, window, sync))
        return made[-1]

    yield make
    for each in made:
        each.window.close()  # saves, and syncs what waits (bounded), before the store closes
        assert each.window.sync is not None
        each.window.sync.runner.wait(10_000)
        each.store.close()


def open_sign_in(laptop: Laptop, server: ServerProcess, user: str = "rivera") -> SignInDialog:
    """Sync > Sign in, the server and the user's name filled in (not the password)."""
    sync = laptop.window.sync
    assert sync is not None
    sync.sign_in_action.trigger()
    dialog = sync.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url_edit.setText(server.url)
    dialog.user_edit.setText(user)
    return dialog


def sign_in(qtbot: QtBot, laptop: Laptop, server: ServerProcess, user: str) -> None:
    dialog = open_sign_in(laptop, server, user)
    dialog.password_edit.setText(DEMO_PASSWORDS[user])
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.password_edit.text() == ""  # the password does not linger in the field
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=SYNC_WAIT_MS)
    # Signing in starts a sync.
    qtbot.waitUntil(lambda: laptop.status_text().startswith("Last synced"), timeout=SYNC_WAIT_MS)


def keyring_token(keyring: MemoryKeyring, server: ServerProcess, user: str) -> str:
    """The token signing in to ``server`` as ``user`` left in the in-memory keyring."""
    entry = credentials.keyring_user(server.url, user, demo_id("school", "demo"))
    return keyring.items[(credentials.SERVICE, entry)]


def open_student(laptop: Laptop, student_id: str) -> None:
    window = laptop.window
    window._presenter.select_section(HOMEROOM)
    row = window.model.row_of(student_id)
    assert row is not None
    window.table.selectRow(row)
    assert window.panel.student_id == student_id


def timeline_notes(laptop: Laptop) -> list[str]:
    model = laptop.window.panel.timeline_model
    return [
        str(model.index(row, 0).data())
        for row in range(model.rowCount())
        if model.index(row, 0).data(KIND_ROLE) == "note"
    ]


def test_a_note_from_one_laptop_reaches_the_co_teachers_open_panel(
    qtbot: QtBot,
    laptop: LaptopFactory,
    school_server: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    teacher, coteacher = laptop("rivera"), laptop("okafor")
    sign_in(qtbot, teacher, school_server, "rivera")
    sign_in(qtbot, coteacher, school_server, "okafor")

    # The co-teacher has the student open, and is typing a note of their own.
    open_student(coteacher, STUDENT)
    coteacher.window.panel.note_edit.setFocus()
    qtbot.keyClicks(coteacher.window.panel.note_edit, "Half-typed thought")
    assert not any("Read two chapters" in note for note in timeline_notes(coteacher))

    # The teacher writes a note; it waits, then goes out with F5.
    open_student(teacher, STUDENT)
    teacher.window.panel.note_edit.setPlainText("Read two chapters of Hatchet this week")
    assert teacher.window.panel.flush().name == "SAVED"
    teacher.sync.reload_status()
    teacher.window.sync._render()  # type: ignore[union-attr]
    assert teacher.status_text().endswith("1 change waiting")
    seen: list[str] = []
    teacher.window.sync.status_changed.connect(seen.append)  # type: ignore[union-attr]
    with qtbot.waitActive(teacher.window):
        teacher.window.activateWindow()
    qtbot.keyClick(teacher.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not teacher.sync.running, timeout=SYNC_WAIT_MS)
    assert seen[0].startswith("Syncing…")
    assert any("pushing 1 of 1" in text for text in seen)
    assert seen[-1].startswith("Last synced") and "waiting" not in seen[-1]

    # The co-teacher's laptop syncs: the note is in the open panel's timeline, and the
    # note being typed there is untouched.
    editor = coteacher.window.panel.note_edit
    cursor = editor.textCursor().position()
    assert coteacher.window.sync is not None
    coteacher.window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: not coteacher.sync.running, timeout=SYNC_WAIT_MS)
    assert editor.toPlainText() == "Half-typed thought"
    assert editor.textCursor().position() == cursor
    coteacher.window.table.setFocus()  # done typing: the panel catches up
    qtbot.waitUntil(
        lambda: any("Read two chapters" in note for note in timeline_notes(coteacher)),
        timeout=10_000,
    )
    assert editor.toPlainText() == "Half-typed thought"
    assert coteacher.window.panel.student_id == STUDENT  # the selection was kept

    shots = os.environ.get("CLASSROOM_DESK_SCREENSHOT_DIR")
    if shots:
        coteacher.window.resize(1366, 768)
        if not coteacher.window.model.rowCount() or datetime.now(UTC).weekday() < 2:
            coteacher.window.previous_week_action.trigger()  # early in the week: a full one
        qtbot.wait(200)
        coteacher.window.grab().save(str(Path(shots) / "sync.png"))


def test_a_policy_changed_on_the_server_reaches_the_open_window(
    qtbot: QtBot,
    laptop: LaptopFactory,
    school_server: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    def set_school(minutes: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "classroom_desk.server", "set-school",
             "--min-weekly-minutes", minutes, "--database", school_server.database_url],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    teacher = laptop("rivera")
    sign_in(qtbot, teacher, school_server, "rivera")
    assert teacher.window._presenter.thresholds.min_weekly_minutes == 30
    set_school("45")
    try:
        assert teacher.window.sync is not None
        teacher.window.sync.sync_now_action.trigger()
        qtbot.waitUntil(
            lambda: teacher.window._presenter.thresholds.min_weekly_minutes == 45,
            timeout=SYNC_WAIT_MS,
        )
    finally:
        set_school("30")  # the module's server is shared


def test_a_revoked_laptop_cannot_sync_and_says_so(
    qtbot: QtBot,
    laptop: LaptopFactory,
    school_server: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    teacher = laptop("revoked")
    sign_in(qtbot, teacher, school_server, "rivera")
    token = keyring_token(memory_keyring, school_server, "rivera")
    headers = {"Authorization": f"Bearer {token}"}
    devices = httpx.get(f"{school_server.url}/auth/devices", headers=headers).json()
    device_id = teacher.store.connection.execute("SELECT id FROM device").fetchone()[0]
    mine = [d for d in devices if d["device_id"] == device_id and not d["revoked"]]
    answer = httpx.post(
        f"{school_server.url}/auth/devices/{mine[-1]['id']}/revoke", headers=headers
    )
    assert answer.status_code == 204

    assert teacher.window.sync is not None
    teacher.window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: not teacher.sync.running, timeout=SYNC_WAIT_MS)
    assert "no longer accepts this laptop's sign-in" in teacher.status_text()
    assert not teacher.window.sync.timer.isActive()  # no retrying a refused sign-in


def test_the_token_is_not_in_settings_or_the_database(
    qtbot: QtBot,
    laptop: LaptopFactory,
    school_server: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    teacher = laptop("careful")
    sign_in(qtbot, teacher, school_server, "rivera")
    token = keyring_token(memory_keyring, school_server, "rivera")
    teacher.window.save_state()
    teacher.store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [p for p in teacher.data_dir.rglob("*") if p.is_file()]
    assert teacher.settings_path in files and teacher.store.path in files
    for path in files:
        assert token.encode() not in path.read_bytes(), path


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A computer with no keyring backend (headless Linux), for one test."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(previous)


def reads(button: QAbstractButton, text: str) -> bool:
    return button.text() == text


def type_password_and_enter(qtbot: QtBot, dialog: SignInDialog) -> None:
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORDS["rivera"])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_without_a_keyring_it_says_so_and_keeps_working_offline(
    no_keyring: None, qtbot: QtBot, laptop: LaptopFactory, school_server: ServerProcess
) -> None:
    teacher = laptop("headless")
    assert teacher.status_text() == "Not signed in"
    dialog = open_sign_in(teacher, school_server)
    # Before signing in too: never "kept in this computer's password store".
    assert "no secure password store" in dialog.message
    assert "is kept in" not in dialog.message
    dialog.password_edit.setText(DEMO_PASSWORDS["rivera"])
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "keyring" in dialog.message, timeout=SYNC_WAIT_MS)
    assert dialog.isVisible()  # the teacher reads why before closing
    # This session still syncs, with the token held in memory only.
    qtbot.waitUntil(lambda: "Last synced" in teacher.status_text(), timeout=SYNC_WAIT_MS)
    assert "No keyring: sign in again next time" in teacher.status_text()
    dialog.reject()


def test_without_a_keyring_enter_closes_the_notice_and_the_dialog_signs_in_again(
    no_keyring: None, qtbot: QtBot, laptop: LaptopFactory, school_server: ServerProcess
) -> None:
    """No keyring: the notice's only button is Close, so Enter closes it; opened again
    (a token the server revoked, a sign-in ended), the dialog signs in again by keyboard,
    its Sign in back and its Cancel a cancel."""
    teacher = laptop("headless-twice")
    for _time in ("first", "again"):
        dialog = open_sign_in(teacher, school_server)
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert dialog.sign_in_button.isEnabled() and cancel.text() == "Cancel"
        assert "no secure password store" in dialog.message
        type_password_and_enter(qtbot, dialog)
        qtbot.waitUntil(partial(reads, cancel, "Close"), timeout=SYNC_WAIT_MS)
        assert "no secure password store" in dialog.message
        qtbot.waitUntil(lambda: "Last synced" in teacher.status_text(), timeout=SYNC_WAIT_MS)
        # Enter where the dialog's focus is (the Close button, Sign in being off).
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
        assert not dialog.isVisible()


def test_without_a_keyring_the_sign_in_says_so_in_the_apps_language(
    no_keyring: None,
    spanish: None,
    qtbot: QtBot,
    laptop: LaptopFactory,
    school_server: ServerProcess,
) -> None:
    """The dialog in Spanish said why the sign-in is not remembered in English."""
    teacher = laptop("headless-es")
    dialog = open_sign_in(teacher, school_server)
    type_password_and_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: "Sin llavero" in teacher.status_text(), timeout=SYNC_WAIT_MS)
    assert dialog.message.startswith("Esta computadora no tiene un almacén seguro")
    dialog.reject()


def test_https_sign_in_shows_the_fingerprint_then_trusts_it(
    qtbot: QtBot, laptop: LaptopFactory, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """Trust on first use in the dialog: the first Sign in shows the certificate's
    fingerprint and sends no password; Trust and sign in pins it and syncs."""
    from classroom_desk.server.tls import make_certificate

    made = make_certificate(tmp_path / "tls", hosts=["127.0.0.1"])
    server = ServerProcess(sqlite_url(tmp_path), tmp_path, tls=(made.certificate, made.key))
    server.start()
    try:
        teacher = laptop("https-teacher")
        sync = teacher.window.sync
        assert sync is not None
        sync.sign_in_action.trigger()
        dialog = sync.dialog
        assert dialog is not None
        dialog.url_edit.setText(server.url)
        dialog.user_edit.setText("rivera")
        dialog.password_edit.setText(DEMO_PASSWORDS["rivera"])
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: made.fingerprint in dialog.message.replace("\n", ""), timeout=SYNC_WAIT_MS
        )
        assert dialog.sign_in_button.text() == "Trust and sign in"
        assert not memory_keyring.items  # nothing sent, nothing remembered yet
        if os.environ.get("CLASSROOM_DESK_SHOTS"):
            dialog.grab().save(f"{os.environ['CLASSROOM_DESK_SHOTS']}/sign-in-fingerprint.png")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=SYNC_WAIT_MS)
        qtbot.waitUntil(
            lambda: teacher.status_text().startswith("Last synced"), timeout=SYNC_WAIT_MS
        )
        assert "not encrypted" not in teacher.status_text()
    finally:
        server.stop()

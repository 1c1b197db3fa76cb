"""File > Restore from backup as the teacher sees it: the list, the preview, a yes, the
roster showing the restored store; and the passphrase prompt's checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.backups import BackupService
from classroom_desk.store.database import backup_if_due, open_store
from classroom_desk.store.encryption import StoreKey
from classroom_desk.store.keys import check_new_passphrase
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.ui.passphrase_dialog import PassphraseDialog
from classroom_desk.ui.restore_dialog import RestoreBackupDialog
from classroom_desk.ui.task_runner import TaskRunner
from tests.conftest import DEMO_NOW

SHOTS = os.environ.get("CLASSROOM_DESK_SHOTS")  # a folder: save what the tests show


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def test_restore_lists_previews_and_restores(
    qtbot: QtBot, tmp_path: Path, demo_dataset: SchoolDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "school.sqlite", StoreKey.generate())
    load_dataset(store, demo_dataset)
    actions = TeacherActions(store, ensure_device(store))
    student = store.connection.execute("SELECT id FROM student LIMIT 1").fetchone()[0]
    backup_if_due(store, now=DEMO_NOW)
    actions.save_note(student_id=student, body="a note saved after the backup")
    runner = TaskRunner()
    dialog = RestoreBackupDialog(BackupService(store.path, store.key), runner)
    qtbot.add_widget(dialog)
    dialog.show()
    assert dialog.list_widget.count() == 1
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=20000)
    assert "Conference notes: 1 now, 0 in the backup (1 saved since would go)" in (
        dialog.preview_label.text()
    )
    assert dialog.width() <= 1024 and dialog.height() <= 600
    _shot(dialog, "restore-preview")

    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.restored, timeout=20000) as blocker:
        dialog.restore_button.click()
    assert "before-restore" in blocker.args[0]
    assert store.connection.execute("SELECT COUNT(*) FROM conference_note").fetchone() == (0,)
    assert dialog.list_widget.count() == 2  # the store before the restore is a backup now
    _shot(dialog, "restore-done")
    store.close()


def test_choosing_a_passphrase_checks_it_and_asks_twice(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(new=True, message="No keyring here.", check=check_new_passphrase)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.passphrase_edit.setText("short")
    dialog._on_accept()
    assert "at least 12 characters" in dialog.problem_label.text()
    dialog.passphrase_edit.setText("maple river lantern")
    dialog.again_edit.setText("maple river lanterns")
    dialog._on_accept()
    assert "differ" in dialog.problem_label.text() and dialog.result() == 0
    dialog.again_edit.setText("maple river lantern")
    _shot(dialog, "passphrase-new")
    dialog._on_accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase() == "maple river lantern"

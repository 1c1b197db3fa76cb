"""Backups a teacher can use: listed with date and size, compared with the store as it
is now, restored (the current state kept first); a backup from another key or a damaged
one changes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.backups import BackupService
from classroom_desk.store.backups import RestoreError, list_backups
from classroom_desk.store.database import Store, backup_if_due, open_store
from classroom_desk.store.encryption import StoreKey, is_plain_sqlite
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.conftest import DEMO_NOW


@pytest.fixture
def school(tmp_path: Path, demo_dataset: SchoolDataset) -> Store:
    store = open_store(tmp_path / "school.sqlite", StoreKey.generate())
    load_dataset(store, demo_dataset)
    return store


def _notes(store: Store) -> int:
    return int(store.connection.execute("SELECT COUNT(*) FROM conference_note").fetchone()[0])


def test_a_backup_is_listed_previewed_and_restored(school: Store) -> None:
    actions = TeacherActions(school, ensure_device(school))
    student = school.connection.execute("SELECT id FROM student LIMIT 1").fetchone()[0]
    actions.save_note(student_id=student, body="before the backup")
    backup_if_due(school, now=DEMO_NOW)
    actions.save_note(student_id=student, body="after the backup")
    actions.save_note(student_id=student, body="after the backup, again")
    service = BackupService(school.path, school.key)

    (choice,) = service.choices()
    assert "daily backup" in choice.label and ("KB" in choice.label or "MB" in choice.label)
    assert not is_plain_sqlite(choice.path)
    preview = service.preview(choice.path)
    assert preview == ["Conference notes: 3 now, 1 in the backup (2 saved since would go)"]

    message = service.restore(choice.path)
    assert "before-restore" in message
    assert _notes(school) == 1  # the app's own connection sees the restored store
    kept = [b for b in list_backups(school.path) if b.reason == "before-restore"]
    assert len(kept) == 1 and not is_plain_sqlite(kept[0].path)
    # The restore itself can be undone the same way.
    assert service.preview(kept[0].path) == [
        "Conference notes: 1 now, 3 in the backup (2 would come back)"
    ]
    service.restore(kept[0].path)
    assert _notes(school) == 3
    school.close()


def test_newest_backups_come_first(school: Store) -> None:
    for day in range(3):
        backup_if_due(school, now=DEMO_NOW + timedelta(days=day))
    taken = [info.taken_at for info in list_backups(school.path)]
    assert taken == sorted(taken, reverse=True) and len(taken) == 3
    school.close()


def test_a_backup_it_cannot_read_changes_nothing(school: Store, tmp_path: Path) -> None:
    other = open_store(tmp_path / "other" / "school.sqlite", StoreKey.generate())
    backup_if_due(other, now=DEMO_NOW)
    (foreign,) = list_backups(other.path)
    other.close()
    target = tmp_path / "backups" / foreign.path.name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(foreign.path.read_bytes())
    service = BackupService(school.path, school.key)
    students = school.connection.execute("SELECT COUNT(*) FROM student").fetchone()
    with pytest.raises(RestoreError, match="cannot be read"):
        service.preview(target)
    with pytest.raises(RestoreError, match="nothing was changed"):
        service.restore(target)
    assert school.connection.execute("SELECT COUNT(*) FROM student").fetchone() == students
    assert not [b for b in list_backups(school.path) if b.reason == "before-restore"]
    school.close()


def test_a_roster_import_is_backed_up_first(tmp_path: Path) -> None:
    from classroom_desk.presenters.imports import ImportService
    from tests.importers.packages import write_package

    key = StoreKey.generate()
    path = tmp_path / "data" / "school.sqlite"
    service = ImportService(path, key=key)
    service.import_roster(write_package(tmp_path / "package"))
    service.import_roster(write_package(tmp_path / "package"))
    reasons = [b.reason for b in list_backups(path)]
    assert reasons == ["before-roster-import", "before-roster-import"]
    preview = BackupService(path, key).preview(list_backups(path)[-1].path)
    assert preview[0].startswith("Students: 4 now, 0 in the backup (4 saved since would go)")

"""File > Restore from backup, without Qt: the list, the preview, the restore."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from classroom_desk.i18n import translate
from classroom_desk.store.backups import (
    compare_with_backup,
    describe_changes,
    list_backups,
    restore_backup,
)
from classroom_desk.store.database import StoreKey, open_store


@dataclass(frozen=True, slots=True)
class BackupChoice:
    path: Path
    label: str  #: date, why it was taken, size


@dataclass(frozen=True, slots=True)
class BackupService:
    """The backups of the store at ``store_path`` (each call opens its own connection)."""

    store_path: Path
    key: StoreKey | None = None

    def choices(self) -> list[BackupChoice]:
        return [BackupChoice(b.path, b.describe()) for b in list_backups(self.store_path)]

    def preview(self, backup: Path) -> list[str]:
        """What a restore would change, in plain lines (raises ``StoreError``)."""
        with closing(open_store(self.store_path, self.key)) as store:
            return describe_changes(compare_with_backup(store, backup))

    def restore(self, backup: Path) -> str:
        """Restores; the message to show (raises ``StoreError``, nothing changed)."""
        with closing(open_store(self.store_path, self.key)) as store:
            kept = restore_backup(store, backup)
        return translate(
            "Restore",
            "Restored the backup {backup}. The store as it was just before is kept as "
            "{kept}. Changes already synced come back at the next sync.",
        ).format(backup=backup.name, kept=kept.name)

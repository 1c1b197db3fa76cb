"""The store's backups as a teacher uses them: listed with date and size, compared with
the store as it is now, and restored (the store as it is now is kept as one more backup
first, so a restore can itself be undone).

Every copy goes through ``database.copy_store``, encrypted with the store's key.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from classroom_desk.i18n import month_name, translatable, translate, weekday_name
from classroom_desk.store.database import Store, StoreError, backup_store
from classroom_desk.store.encryption import DATABASE_ERRORS, attach, connect

_log = logging.getLogger(__name__)

#: What a teacher recognises, in the order shown: (table, words for its rows).
COMPARED_TABLES = (
    ("student", translatable("Backups", "Students")),
    ("class_section", translatable("Backups", "Classes")),
    ("conference_note", translatable("Backups", "Conference notes")),
    ("goal", translatable("Backups", "Goals")),
    ("reassignment_event", translatable("Backups", "Reassignments")),
    ("learner_profile", translatable("Backups", "Learner profiles")),
    ("unit_attempt", translatable("Backups", "Unit scores")),
)
REASON_WORDS = {
    "daily": translatable("Backups", "daily backup"),
    "before-restore": translatable("Backups", "before a restore"),
    "before-roster-import": translatable("Backups", "before a roster import"),
    "stale-demo": translatable("Backups", "demo before it was rebuilt"),
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>[a-z0-9.-]+)$")


class RestoreError(StoreError):
    """The backup cannot be read with this store's key, or is damaged; nothing changed."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int

    def describe(self) -> str:
        if self.reason in REASON_WORDS:
            reason = translate("Backups", REASON_WORDS[self.reason])
        elif self.reason.startswith("before-upgrade-from-"):
            reason = translate("Backups", "before an app upgrade")
        else:
            reason = self.reason.replace("-", " ")
        local = self.taken_at.astimezone()
        taken = translate("Backups", "{weekday} {day} {month} {year} {time}").format(
            weekday=weekday_name(local.weekday(), short=True),
            day=f"{local.day:02d}",
            month=month_name(local.month),
            year=local.year,
            time=f"{local:%H:%M}",
        )
        return f"{taken} · {reason} · {_size(self.size)}"


@dataclass(frozen=True, slots=True)
class TableChange:
    words: str
    now: int
    in_backup: int
    only_now: int  #: rows the restore would take away
    only_in_backup: int  #: rows the restore would bring back


def list_backups(store_path: Path) -> list[BackupInfo]:
    """The store's backups, newest first."""
    found: list[BackupInfo] = []
    folder = store_path.parent / "backups"
    for path in folder.glob(f"{store_path.stem}-*{store_path.suffix}"):
        match = _NAME.match(path.stem)
        if match is None or match["stem"] != store_path.stem:
            continue
        try:
            taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(path, taken, match["reason"], size))
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def compare_with_backup(store: Store, backup: Path) -> list[TableChange]:
    """What restoring ``backup`` would change, table by table (by row id)."""
    connection = connect(store.path, store.key)
    try:
        attach(connection, backup, "chosen", store.key)
        changes = []
        for table, words in COMPARED_TABLES:
            now, then, only_now, only_then = connection.execute(_comparison(table)).fetchone()
            changes.append(TableChange(words, now, then, only_now, only_then))
        return changes
    except DATABASE_ERRORS as error:
        raise RestoreError(
            translate(
                "Backups", "The backup {name} cannot be read ({error}); nothing was changed."
            ).format(name=backup.name, error=error)
        ) from error
    finally:
        connection.close()


def describe_changes(changes: list[TableChange]) -> list[str]:
    """One plain line per kind of record that would change."""
    lines = []
    for change in changes:
        if not (change.only_now or change.only_in_backup or change.now != change.in_backup):
            continue
        parts = []
        if change.only_now:
            parts.append(
                translate("Backups", "{count} saved since would go").format(count=change.only_now)
            )
        if change.only_in_backup:
            parts.append(
                translate("Backups", "{count} would come back").format(count=change.only_in_backup)
            )
        line = translate("Backups", "{what}: {now} now, {then} in the backup").format(
            what=translate("Backups", change.words), now=change.now, then=change.in_backup
        )
        lines.append(f"{line} ({'; '.join(parts)})" if parts else line)
    return lines or [translate("Backups", "The backup holds the same records as the store now.")]


def restore_backup(store: Store, backup: Path) -> Path:
    """Put ``backup`` in place of the store's content; returns the backup of the store as
    it was just before (so the restore can be undone the same way)."""
    source = connect(backup, store.key)
    try:
        problems = [row[0] for row in source.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise RestoreError(
                translate("Backups", "The backup {name} is damaged ({problems}).").format(
                    name=backup.name, problems="; ".join(problems)
                )
            )
        kept = _kept_backup(store, "before-restore")
        source.backup(store.connection)
    except DATABASE_ERRORS as error:
        raise RestoreError(
            translate(
                "Backups", "The backup {name} cannot be restored ({error}); nothing was changed."
            ).format(name=backup.name, error=error)
        ) from error
    finally:
        source.close()
    _log.warning("restored %s from %s", store.path.name, backup.name)
    return kept


#: Backups kept for each reason other than the daily one (which keeps its own seven).
KEPT_PER_REASON = 7


def backup_before_roster_import(store: Store) -> Path:
    """The store as it is before a roster import changes it (File > Restore from backup)."""
    return _kept_backup(store, "before-roster-import")


def _kept_backup(store: Store, reason: str) -> Path:
    made = backup_store(store.connection, store.path, reason=reason, key=store.key)
    same = [info for info in list_backups(store.path) if info.reason == reason]
    for old in same[KEPT_PER_REASON:]:
        old.path.unlink(missing_ok=True)
    return made


def _comparison(table: str) -> str:
    """Row counts now and in the backup, and the ids only one of them has."""
    only = "SELECT COUNT(*) FROM {0}.{2} WHERE id NOT IN (SELECT id FROM {1}.{2})"
    return (
        f"SELECT (SELECT COUNT(*) FROM main.{table}), (SELECT COUNT(*) FROM chosen.{table}),"
        f" ({only.format('main', 'chosen', table)}), ({only.format('chosen', 'main', table)})"
    )


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"

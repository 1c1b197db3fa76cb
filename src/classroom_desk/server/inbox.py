"""The server's inbox: what the SIS and the vendors drop in a folder (nightly SFTP) is
imported with the same rules and messages as by hand, then moved to ``done/``, to
``failed/`` with ``NAME.error.txt`` beside it, or, when it needs a yes (a roster removing
what the roster import's rule asks a yes for), to ``held/`` with the reason until
``classroom-desk-server inbox approve NAME``, which is the inbox's ``--confirm-removals``.

A file still being written is never read: ``*.part`` (and hidden or ``*.tmp``) files wait,
and any other entry waits until its size and modification time have not changed for
``settle`` seconds. Each entry is recognised by its content: a roster package (a folder or
.zip: OneRoster with ``manifest.csv``, its gradebook too if it has one, or School Data Sync
with ``users.csv`` and no manifest), or a CSV export whose header is the very one a saved
server mapping was made for.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from classroom_desk.importers.activity.gradebook import has_gradebook
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import ImportOptions, RemovalsNeedConfirmationError
from classroom_desk.importers.oneroster.package import looks_like_roster
from classroom_desk.server.oneroster_import import import_oneroster_on_server

DONE, FAILED, HELD = "done", "failed", "held"
#: Approved held items wait here until the next scan imports them with the yes given.
APPROVED = ".approved"
WAITING_SUFFIXES = (".part", ".tmp", ".partial", ".filepart")


class RosterImporter(Protocol):
    """The roster import the inbox runs: imports the package at ``path`` and returns the
    report's summary or, unless ``confirm_removals``, raises
    :class:`~classroom_desk.importers.oneroster.RemovalsNeedConfirmationError` (changing
    nothing) for a package the roster import's rule wants a yes for."""

    def __call__(self, engine: Engine, path: Path, *, confirm_removals: bool) -> str: ...


def server_roster_import(engine: Engine, path: Path, *, confirm_removals: bool) -> str:
    options = ImportOptions(confirm_removals=confirm_removals)
    return import_oneroster_on_server(engine, path, options=options).summary()


@dataclass(frozen=True, slots=True)
class Outcome:
    name: str
    where: str  # done, failed, held
    message: str


@dataclass(slots=True)
class _Seen:
    signature: tuple[int, int, float]
    since: float


@dataclass
class Inbox:
    """One inbox folder on one server database."""

    folder: Path
    engine: Engine
    settle: float = 5.0
    #: The school its activity exports are for (id, SIS sourcedId or name), on a server of
    #: several; else each export's school is found from its students.
    school: str | None = None
    import_roster: RosterImporter = server_roster_import
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, _Seen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for sub in (DONE, FAILED, HELD, APPROVED):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)

    def scan(self, *, wait_to_settle: bool = True) -> list[Outcome]:
        """One pass: every entry that has settled is imported and moved. Without
        ``wait_to_settle`` (a one-off run) entries are looked at twice, ``settle`` apart."""
        if not wait_to_settle:
            self._look()
            if self._seen:
                time.sleep(self.settle)
        return self._look()

    def _look(self) -> list[Outcome]:
        outcomes = []
        now = self.clock()
        present = set()
        for entry in sorted(self.folder.iterdir()):
            if not self._candidate(entry):
                continue
            present.add(entry.name)
            signature = _signature(entry)
            seen = self._seen.get(entry.name)
            if seen is None or seen.signature != signature:
                self._seen[entry.name] = _Seen(signature, now)
                continue
            if now - seen.since < self.settle:
                continue
            del self._seen[entry.name]
            outcomes.append(self.process(entry))
        for name in list(self._seen):
            if name not in present:
                del self._seen[name]
        return outcomes

    def _candidate(self, entry: Path) -> bool:
        name = entry.name
        if name in (DONE, FAILED, HELD, APPROVED) or name.startswith("."):
            return False
        if name.lower().endswith(WAITING_SUFFIXES) or name.endswith(".error.txt"):
            return False
        return entry.is_file() or entry.is_dir()

    def process(self, entry: Path) -> Outcome:
        """Import ``entry`` now and move it where it belongs."""
        approved = (self.folder / APPROVED / entry.name).exists()
        try:
            message = self._import(entry, confirm_removals=approved)
        except RemovalsNeedConfirmationError as held:
            return self._move(entry, HELD, _held_reason(held, entry.name), note="held.txt")
        except (InputError, KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
            text = str(error) if not isinstance(error, KeyError) else str(error.args[0])
            return self._move(entry, FAILED, text, note="error.txt")
        (self.folder / APPROVED / entry.name).unlink(missing_ok=True)
        return self._move(entry, DONE, message)

    def _import(self, entry: Path, *, confirm_removals: bool) -> str:
        from classroom_desk.server.activity_import import (
            import_activity_on_server,
            import_gradebook_on_server,
            mapping_for_file,
            school_of_export,
        )

        if _is_package(entry):
            parts = [self.import_roster(self.engine, entry, confirm_removals=confirm_removals)]
            if has_gradebook(entry):
                parts.append(import_gradebook_on_server(self.engine, entry).summary())
            return " ".join(parts)
        if entry.is_file() and entry.suffix.lower() in (".csv", ".txt"):
            name = mapping_for_file(self.engine, entry)
            school = self.school or school_of_export(self.engine, entry, mapping_name=name)
            return import_activity_on_server(
                self.engine, entry, mapping_name=name, school_id=school
            ).summary()
        raise InputError(
            entry.name,
            1,
            1,
            "expected a roster package (a folder or .zip: OneRoster with manifest.csv, or "
            "School Data Sync CSV) or a CSV activity export",
        )

    def _move(self, entry: Path, where: str, message: str, note: str | None = None) -> Outcome:
        target = self.folder / where / entry.name
        if target.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            target = target.with_name(f"{stamp}-{entry.name}")
        shutil.move(str(entry), str(target))
        if note is not None:
            target.with_name(f"{target.name}.{note}").write_text(message + "\n", encoding="utf-8")
        return Outcome(target.name, where, message)


def approve(folder: Path, name: str) -> Path:
    """Give the yes for a held item: it goes back to the inbox, imported at the next scan
    as if ``--confirm-removals`` had been given."""
    held = folder / HELD / name
    if not held.exists():
        raise FileNotFoundError(f"nothing named {name!r} waits in {folder / HELD}")
    (folder / APPROVED).mkdir(exist_ok=True)
    (folder / APPROVED / name).write_text("approved\n", encoding="utf-8")
    held.with_name(f"{name}.held.txt").unlink(missing_ok=True)
    target = folder / name
    shutil.move(str(held), str(target))
    return target


def _is_package(entry: Path) -> bool:
    return (entry.is_dir() or entry.suffix.lower() == ".zip") and looks_like_roster(entry)


def _held_reason(held: RemovalsNeedConfirmationError, name: str) -> str:
    """The roster import's refusal (what would go, the likely cause), with the inbox's
    way of saying yes."""
    return f"{held}; from the inbox: classroom-desk-server inbox approve {name}"


def _signature(entry: Path) -> tuple[int, int, float]:
    """(total size, files, newest modification) of a file or a folder's files."""
    if entry.is_file():
        stat = entry.stat()
        return stat.st_size, 1, stat.st_mtime
    size = count = 0
    newest = 0.0
    for child in entry.rglob("*"):
        if child.is_file():
            stat = child.stat()
            size, count, newest = size + stat.st_size, count + 1, max(newest, stat.st_mtime)
    return size, count, newest

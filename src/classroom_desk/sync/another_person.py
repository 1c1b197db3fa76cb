"""Another person signs in on a shared laptop: the stores the person before kept for their
other schools go (files, side files, ``schools.json`` entries, keyring entries), as their
first school's store is taken over by the new person. Qt-free.

The first school's store (``school.sqlite``) is the one the app opens by default and the one
another person takes over: signed in from another school's window (the app opens the school
shown last), their sign-in is refused, naming the first school, whose window (School menu)
to sign in from. Removing that store would leave the app nothing to open by default, and
keeping it would leave the rows and keyring entry of the person before to the new one.

Work not yet sent is never lost: while any of those stores, or the store signed in from,
holds changes the school server has not received, another person's sign-in is refused
before anything is sent, naming each school and how many changes wait. Only files named
as other schools' stores are (``school-<hash>.sqlite``, in the data folder) ever removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from classroom_desk.store.database import Store, StoreError, open_store
from classroom_desk.store.encryption import DATABASE_OR_FILE_ERRORS
from classroom_desk.store.school_files import SchoolFile, read_school_list
from classroom_desk.sync import credentials
from classroom_desk.sync.replica import read_status
from classroom_desk.sync.values import SyncError

#: SQLite's files beside a store: removed before the store, so none outlives it (a
#: write-ahead log left behind could be read into a new store of the same name); the log
#: last of them, so a store whose removal stops early is still whole.
_SIDE_FILES = ("-shm", "-journal", "-wal")
#: A store that cannot be opened with the laptop's key: whether work waits in it is unknown.
_UNREADABLE: tuple[type[Exception], ...] = (StoreError, *DATABASE_OR_FILE_ERRORS)


class UnsentWorkError(SyncError):
    """Another person's sign-in refused: the person before has changes not yet sent."""

    def __init__(self, user: str, waiting: tuple[tuple[str, int], ...]) -> None:
        self.user = user
        #: (school name, changes not yet sent), each school with any.
        self.waiting = waiting
        listed = "; ".join(f"{school}: {count} not yet sent" for school, count in waiting)
        super().__init__(
            f"Not signed in: {user} has changes on this laptop the school server has not "
            f"received ({listed}). {user} signs in and syncs first; nothing was changed."
        )


class StoresNotRemovableError(SyncError):
    """Another person's sign-in refused: a store of the person before cannot be checked
    for work not yet sent, or cannot be removed."""

    def __init__(self, schools: tuple[str, ...], detail: str) -> None:
        self.schools = schools
        self.detail = detail
        super().__init__(
            f"Not signed in: the stores kept on this laptop for {', '.join(schools)} cannot "
            f"be checked or removed ({detail}); nothing was changed."
        )


class NotTheFirstSchoolError(SyncError):
    """Another person's sign-in refused: made from another school's window than the first
    school's, the store that is taken over (see the module)."""

    def __init__(self, user: str, first_school: str) -> None:
        self.user = user
        self.first_school = first_school
        super().__init__(
            f"Not signed in: {user} signed in on this laptop before; another person signs "
            f"in from {first_school} (School menu); nothing was changed."
        )


@dataclass(frozen=True, slots=True)
class StoreRemoval:
    """What became of the stores of the person before: the schools removed, and each not
    removed with why (listed as left, tried again at the next sign-in)."""

    removed: tuple[SchoolFile, ...] = ()
    not_removed: tuple[tuple[SchoolFile, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Handover:
    """Another person signs in: the tokens and the other-school stores of the person before
    to remove once the new person is signed in (checked: nothing in them waits)."""

    tokens: tuple[tuple[str, str, str | None], ...]
    leaving: tuple[SchoolFile, ...]

    def carry_out(self, data_dir: Path) -> StoreRemoval:
        """The new person is signed in: the keyring entries, then the stores, go."""
        for server_url, user, school in self.tokens:
            credentials.forget_token(server_url, user, school)
        return remove_stores(data_dir, self.leaving)


def handover_for(store: Store, user: str) -> Handover | None:
    """When ``user`` is another person than the one ``store`` was last signed in as, what
    goes once they are signed in; ``None`` for the same person (or a first sign-in).

    Raises :class:`UnsentWorkError` when any of it holds changes not yet sent,
    :class:`StoresNotRemovableError` when a store cannot be read or the folder written, and
    :class:`NotTheFirstSchoolError` when ``store`` is not the first school's.
    """
    before = read_status(store)
    if before.server_url is None or before.user_name is None:
        return None
    if before.user_name.strip().casefold() == user.strip().casefold():
        return None
    data_dir = store.path.parent
    kept = read_school_list(data_dir)
    here = next((s for s in kept.schools if s.path(data_dir) == store.path), None)
    waiting = [(here.name if here is not None else _school_name(store), before.pending)]
    tokens = [(before.server_url, before.user_name, before.school_id)]
    leaving: list[SchoolFile] = []
    first = (
        kept.schools[0] if kept.schools and kept.schools[0].path(data_dir) != store.path else None
    )
    for school in (*kept.schools, *kept.left):
        path = school.path(data_dir)
        if path == store.path or not path.exists():
            continue
        try:
            other = open_store(path, store.key)
        except _UNREADABLE as error:
            raise StoresNotRemovableError((school.name,), f"{path}: {error}") from error
        try:
            status = read_status(other)
        finally:
            other.close()
        waiting.append((school.name, status.pending))
        if status.server_url is not None and status.user_name is not None:
            tokens.append((status.server_url, status.user_name, status.school_id))
        if school is not first:
            leaving.append(school)
    unsent = tuple((school, count) for school, count in waiting if count)
    if unsent:
        raise UnsentWorkError(before.user_name, unsent)
    if first is not None:
        raise NotTheFirstSchoolError(before.user_name, first.name)
    if leaving and not os.access(data_dir, os.W_OK | os.X_OK):
        raise StoresNotRemovableError(
            tuple(school.name for school in leaving), f"{data_dir} cannot be written"
        )
    return Handover(tuple(tokens), tuple(leaving))


def remove_stores(data_dir: Path, schools: tuple[SchoolFile, ...]) -> StoreRemoval:
    """Remove each school's store (side files first); one that fails is said and kept."""
    removed: list[SchoolFile] = []
    failed: list[tuple[SchoolFile, str]] = []
    for school in schools:
        path = school.path(data_dir)
        try:
            for suffix in _SIDE_FILES:
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            path.unlink(missing_ok=True)
        except OSError as error:
            failed.append((school, f"{path}: {error.strerror or error}"))
        else:
            removed.append(school)
    return StoreRemoval(tuple(removed), tuple(failed))


def _school_name(store: Store) -> str:
    """The name of the school ``store`` was signed in to (a laptop of one school). Read
    here, not through ``Replica.signed_in_as``: making a Replica takes a write transaction
    (its device), which a check before a sign-in must not."""
    row = store.connection.execute("SELECT school_name FROM sync_state WHERE id = 1").fetchone()
    return str(row[0]) if row is not None and row[0] else "this laptop's school"

"""The schools of a teacher who teaches in several: which one the window shows, by name,
and the teacher's choice of another. Qt-free.

Each school is its own store; the window shows one. Switching opens the chosen school's
store first (one that is gone or damaged is said while the window is still there, and
nothing changes), then closes the window (its note saved, as at any close); the
composition root shows the window again on the store opened.
"""

from __future__ import annotations

from pathlib import Path

from classroom_desk.store.database import Store, StoreError, open_store
from classroom_desk.store.encryption import DATABASE_OR_FILE_ERRORS, StoreKey
from classroom_desk.store.school_files import (
    SchoolFile,
    SchoolList,
    read_school_list,
    write_school_list,
)


class SchoolSwitchPresenter:
    """The laptop's schools as ``schools.json`` lists them, and the one ``store_path`` is."""

    def __init__(self, data_dir: Path, store_path: Path, key: StoreKey | None = None) -> None:
        self._data_dir = data_dir
        self._store_path = store_path
        #: The store's key, which opens every school's store (one unlock for all).
        self._key = key
        self.schools = SchoolList()
        #: The school the teacher chose to switch to (set just before the window closes).
        self.chosen: str | None = None
        #: The chosen school's store, opened before the window closes.
        self._opened: Store | None = None
        self.reload()

    def reload(self) -> bool:
        """Read the list again (a sign-in may have added schools); whether it changed."""
        before = self.schools
        self.schools = read_school_list(self._data_dir)
        return self.schools.schools != before.schools

    @property
    def showing(self) -> SchoolFile | None:
        """The school whose store the window shows; ``None`` on a laptop of one school."""
        return next(
            (s for s in self.schools.schools if s.path(self._data_dir) == self._store_path), None
        )

    @property
    def showing_other(self) -> bool:
        """Whether the window shows a school other than the first (a store of its own)."""
        showing = self.showing
        return showing is not None and showing.file != self.schools.first_file

    @property
    def settings_key(self) -> str | None:
        """What the window's choices (class, area) are kept under for this school: ``None``
        for the first (where they always were), else its store's name (a plain name)."""
        showing = self.showing
        return Path(showing.file).stem if showing is not None and self.showing_other else None

    @property
    def switchable(self) -> bool:
        """Whether there is another school to switch to (and so a name to show)."""
        return self.showing is not None and len(self.schools.schools) > 1

    def next_school(self) -> SchoolFile | None:
        """The school after the one showing, in the list's order, the first after the last."""
        showing = self.showing
        if showing is None or not self.switchable:
            return None
        schools = self.schools.schools
        return schools[(schools.index(showing) + 1) % len(schools)]

    def choose(self, school_id: str) -> bool:
        """The teacher chose ``school_id``: whether that is a switch (another school)."""
        showing = self.showing
        if showing is None or showing.id == school_id or self.schools.find(school_id) is None:
            return False
        self.chosen = school_id
        return True

    def open_chosen(self) -> str | None:
        """Open the chosen school's store while the window still shows this one: ``None``
        when it opened, else why not (the choice is then dropped and nothing is changed).
        A store that is gone is said, never made again empty (nor the demo in its place)."""
        chosen = self.schools.find(self.chosen)
        if chosen is None:
            return None
        path = chosen.path(self._data_dir)
        try:
            if not path.is_file():
                raise StoreError(f"{path} is missing (signing in again makes it again).")
            self._opened = open_store(path, self._key)
        except StoreError as error:
            self.chosen = None
            return str(error)
        except DATABASE_OR_FILE_ERRORS as error:
            self.chosen = None
            return f"{path}: {error}"
        return None

    def drop_chosen(self) -> None:
        """The window stayed (a note it could not save): no switch, the store opened closes."""
        self.chosen = None
        if self._opened is not None:
            self._opened.close()
            self._opened = None

    def switched_store(self) -> Store | None:
        """The chosen school's store, opened by :meth:`open_chosen`, the school written
        down as the one to open next time too; ``None`` when the window closed to quit."""
        store, self._opened = self._opened, None
        if store is None or self.chosen is None:
            return None
        schools = read_school_list(self._data_dir).showing(self.chosen)
        if schools.find(self.chosen) is not None:  # a list unreadable now is not written over
            write_school_list(self._data_dir, schools)
        return store

"""Which school's store is which file: a teacher who teaches in several schools keeps one
store per school, all in the data folder and opened with the same key.

The first school stays in ``school.sqlite`` (a laptop upgraded from one school keeps its
store as it was); every other school's file is named by a hash of its id, so no id a
server sends (``../x``, a NUL, 10,000 characters) can name a file outside the folder.
``schools.json`` lists them by name for the School menu, and which one showed last; it
holds no secret and nothing about a student. A missing or unreadable list is one school.
It also names the stores another person left that could not be removed yet (never offered,
removed at the next sign-in).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

SCHOOL_STORE = "school.sqlite"
SCHOOLS_FILE = "schools.json"
#: The most schools one laptop keeps: a person teaches in two or three; a server that
#: lists more (broken or hostile) must not make the laptop create thousands of stores.
MAX_SCHOOLS = 12
#: As the wire's ids and names: no longer, no NUL.
MAX_ID_CHARS = 200
MAX_NAME_CHARS = 200
#: A list of twelve schools is a few KB; a file far larger is not one (and not read).
MAX_LIST_BYTES = 256 * 1024

_log = logging.getLogger(__name__)
#: The first school's store is the one that signed in (``school.sqlite``, or the demo's
#: file on a laptop that signed in from the demo): a plain name in the data folder.
_PLAIN_STORE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,40}\.sqlite")


@dataclass(frozen=True, slots=True)
class SchoolFile:
    """One school this laptop keeps: its id on the server, its name, its store's file."""

    id: str
    name: str
    file: str

    def path(self, data_dir: Path) -> Path:
        return data_dir / self.file


def other_school_store(school_id: str) -> str:
    """The file name of a school's store other than the first: only hex digits come from
    the id, so it is a plain name in the data folder whatever the id holds."""
    digest = hashlib.sha256(school_id.encode("utf-8", "surrogatepass")).hexdigest()
    return f"school-{digest[:24]}.sqlite"


def usable_school(school_id: str, name: str) -> bool:
    """Whether a school as a server named it can be kept: an id and a name that are short
    and hold no NUL (the rest is refused, never cut down to something else)."""
    return (
        0 < len(school_id) <= MAX_ID_CHARS
        and len(name) <= MAX_NAME_CHARS
        and "\x00" not in school_id
        and "\x00" not in name
    )


def _usable(choices: Iterable[tuple[object, object]]) -> list[tuple[str, str]]:
    return [
        (school_id, name)
        for school_id, name in choices
        if isinstance(school_id, str) and isinstance(name, str) and usable_school(school_id, name)
    ]


@dataclass(frozen=True, slots=True)
class SchoolList:
    """The schools this laptop keeps (the first in ``school.sqlite``), the one shown last
    (``None``: the first), and the other-school stores of a person who signed in before
    that could not be removed (``left``: never offered, removed at the next sign-in)."""

    schools: tuple[SchoolFile, ...] = ()
    shown: str | None = None
    left: tuple[SchoolFile, ...] = ()

    @classmethod
    def of(
        cls,
        choices: Iterable[tuple[object, object]],
        *,
        first_file: str = SCHOOL_STORE,
        shown: str | None = None,
        left: Iterable[tuple[object, object]] = (),
    ) -> SchoolList:
        """The list from (id, name) pairs, the first school first (in ``first_file``, the
        store that signed in first): a repeated id or one that cannot be kept is left out,
        and past :data:`MAX_SCHOOLS` the rest too. ``left``: the (id, name) of stores not
        removed (their files named by the id's hash only, as every other school's); a
        school of those is not offered until its file is removed."""
        if not _PLAIN_STORE_NAME.fullmatch(first_file):
            first_file = SCHOOL_STORE
        not_removed = {
            school_id: SchoolFile(school_id, name, other_school_store(school_id))
            for school_id, name in _usable(left)
        }
        schools: list[SchoolFile] = []
        seen: set[str] = set()
        for school_id, name in _usable(choices):
            if school_id in seen or (schools and school_id in not_removed):
                continue  # twice, or its file still holds another person's store
            if len(schools) == MAX_SCHOOLS:
                break
            seen.add(school_id)
            file = first_file if not schools else other_school_store(school_id)
            schools.append(SchoolFile(school_id, name, file))
        return cls(
            tuple(schools),
            shown if shown in seen else None,
            tuple(not_removed.values())[:MAX_SCHOOLS],
        )

    def find(self, school_id: str | None) -> SchoolFile | None:
        return next((school for school in self.schools if school.id == school_id), None)

    def named(self, choice: str, *, ids: Collection[str] = ()) -> tuple[SchoolFile, ...]:
        """The schools ``choice`` names (as a person types it on a command line): the one
        with that id (or one of ``ids``, the ids ``choice`` stands for), else those of that
        name in any case (two of one name: by id only)."""
        by_id = tuple(school for school in self.schools if school.id in {choice, *ids})
        wanted = choice.strip().casefold()
        return by_id or tuple(s for s in self.schools if s.name.casefold() == wanted)

    @property
    def current(self) -> SchoolFile | None:
        """The school to open: the one shown last, else the first."""
        return self.find(self.shown) or (self.schools[0] if self.schools else None)

    @property
    def first_file(self) -> str:
        return self.schools[0].file if self.schools else SCHOOL_STORE

    def showing(self, school_id: str) -> SchoolList:
        return dataclasses.replace(self, shown=school_id if self.find(school_id) else self.shown)

    def joined(self, choices: Iterable[tuple[object, object]]) -> SchoolList:
        """These schools and those of ``choices`` not yet in it, after them (a school no
        longer listed stays: its store may hold work not yet sent)."""
        given = _usable(choices)
        renamed = dict(given)
        kept = [(school.id, renamed.get(school.id, school.name)) for school in self.schools]
        return SchoolList.of(
            [*kept, *given], first_file=self.first_file, shown=self.shown, left=self.left_pairs
        )

    @property
    def left_pairs(self) -> list[tuple[str, str]]:
        return [(school.id, school.name) for school in self.left]


def read_school_list(data_dir: Path) -> SchoolList:
    """The schools as last written; an empty list (one school, as before) when there is
    none or it cannot be read, which is logged."""
    path = data_dir / SCHOOLS_FILE
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            raise ValueError("too large")
        found = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SchoolList()
    except (OSError, ValueError, RecursionError) as error:  # RecursionError: nested deep
        _log.warning("%s unreadable, showing one school: %s", path, type(error).__name__)
        return SchoolList()
    if not isinstance(found, dict) or not isinstance(found.get("schools"), list):
        _log.warning("%s is not a school list, showing one school", path)
        return SchoolList()
    shown, first_file = found.get("shown"), found.get("first_file")
    return SchoolList.of(
        _pairs(found["schools"]),
        first_file=first_file if isinstance(first_file, str) else SCHOOL_STORE,
        shown=shown if isinstance(shown, str) else None,
        left=_pairs(found.get("left")),
    )


def _pairs(entries: object) -> list[tuple[object, object]]:
    """The (id, name) of each entry of a list as ``schools.json`` holds it (else none)."""
    if not isinstance(entries, list):
        return []
    return [(entry.get("id"), entry.get("name")) for entry in entries if isinstance(entry, dict)]


def write_school_list(data_dir: Path, schools: SchoolList) -> None:
    """Write the list whole or not at all (a new file moved into place)."""
    body: dict[str, object] = {
        "schools": [{"id": school.id, "name": school.name} for school in schools.schools],
        "first_file": schools.first_file,
        "shown": schools.shown,
    }
    if schools.left:
        body["left"] = [{"id": school.id, "name": school.name} for school in schools.left]
    path = data_dir / SCHOOLS_FILE
    partial = path.with_name(path.name + ".new")
    partial.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)


def forget_school_list(data_dir: Path) -> None:
    """Back to one school: the list goes (the stores stay, with any work not yet sent)."""
    (data_dir / SCHOOLS_FILE).unlink(missing_ok=True)

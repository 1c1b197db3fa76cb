"""Finding the student a row is about: by SIS id (sourcedId or identifier), then by name.

Names come as exports write them: ``Kim, Sofia``, ``Kim, Sofia M.``, ``Sofia Kim``,
``Sofia M. Kim``, ``Aabram, Hannah BD`` (middle names and initials left out when they do
not match). The class the teacher imports for is searched first, so a namesake in another
class is no question. A name that still fits no student, or more than one, is never
guessed: it becomes a :class:`StudentQuestion` for the teacher (listing that class's
students), answered with a student id (or ``None`` to leave that student's rows out).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from classroom_desk.i18n import plural, translate
from classroom_desk.importers.activity.values import normalize_text

UNMATCHED = "unmatched"
AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True)
class StudentChoice:
    id: str
    name: str
    grade: str
    classes: str


@dataclass(frozen=True, slots=True)
class StudentQuestion:
    """``key`` is how the file names the student; answer it in ``resolutions[key]``."""

    key: str
    reason: str  # UNMATCHED or AMBIGUOUS
    candidates: tuple[StudentChoice, ...]
    rows: int
    first_line: int

    @property
    def text(self) -> str:
        rows = plural(
            self.rows,
            translate("ActivityImport", "{rows} row, first on line {line}"),
            translate("ActivityImport", "{rows} rows, first on line {line}"),
        ).format(rows=self.rows, line=self.first_line)
        if self.reason == AMBIGUOUS:
            return translate(
                "ActivityImport", "{key} could be {count} students ({rows}): which one?"
            ).format(key=repr(self.key), count=len(self.candidates), rows=rows)
        return translate(
            "ActivityImport", "No student matches {key} ({rows}): who is it, or skip these rows?"
        ).format(key=repr(self.key), rows=rows)


@dataclass(frozen=True, slots=True)
class StudentLookup:
    """A row's student: its id, or the question to ask (key and reason)."""

    student_id: str | None
    key: str = ""
    reason: str = ""


class StudentDirectory:
    """The school's students, indexed by SIS id and by name (small: one school);
    ``section_id`` is the class the file is imported for, searched first."""

    def __init__(self, connection: sqlite3.Connection, section_id: str | None = None) -> None:
        self.choices: dict[str, StudentChoice] = {}
        self._by_id: dict[str, set[str]] = defaultdict(set)
        self._by_name: dict[str, set[str]] = defaultdict(set)
        #: (family name, first given name) -> students, for names with middle parts.
        self._by_family_first: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.section: set[str] = set()
        if section_id is not None:
            self.section = {
                row[0]
                for row in connection.execute(
                    "SELECT student_id FROM enrollment WHERE section_id = ?", (section_id,)
                )
            }
        rows = connection.execute(
            """
            SELECT s.id, s.given_name, s.family_name, s.grade, s.source_id,
                   COALESCE(u.identifier, ''),
                   COALESCE((SELECT group_concat(c.name, ', ') FROM enrollment e
                              JOIN class_section c ON c.id = e.section_id
                             WHERE e.student_id = s.id), '')
              FROM student s
              LEFT JOIN oneroster_user u ON u.sourced_id = s.source_id
             ORDER BY s.active DESC, s.family_name, s.given_name
            """
        )
        for id_, given, family, grade, source_id, identifier, classes in rows:
            self.choices[id_] = StudentChoice(id_, f"{given} {family}", grade, classes)
            for key in (source_id, identifier):
                if key.strip():
                    self._by_id[key.strip().casefold()].add(id_)
            self._by_name[normalize_text(f"{given} {family}")].add(id_)
            first = normalize_text(given).split(" ")[0]
            self._by_family_first[(normalize_text(family), first)].add(id_)

    def __contains__(self, student_id: object) -> bool:
        return student_id in self.choices

    def find(self, *, sis_id: str, name: str, first: str, last: str) -> StudentLookup:
        sis = sis_id.strip()
        if sis:
            found = self._by_id.get(sis.casefold(), set())
            if len(found) == 1:
                return StudentLookup(next(iter(found)))
        label = _name_label(name, first, last)
        if label:
            found = self._named(name, first, last)
            if len(found) == 1:
                return StudentLookup(next(iter(found)))
            return StudentLookup(None, label, AMBIGUOUS if found else UNMATCHED)
        if sis:
            found = self._by_id.get(sis.casefold(), set())
            reason = AMBIGUOUS if found else UNMATCHED
            return StudentLookup(None, f"ID {sis}", reason)
        return StudentLookup(None, "", UNMATCHED)

    def _named(self, name: str, first: str, last: str) -> set[str]:
        """The students a name can mean: the class's own first, then the school's; the full
        name first, then family name and first given name (middle parts dropped)."""
        full, partial = self._name_matches(name, first, last)
        for found in (full, partial):
            in_class = found & self.section
            if in_class:
                return in_class
            if found:
                return found
        return set()

    def _name_matches(self, name: str, first: str, last: str) -> tuple[set[str], set[str]]:
        full = set(self._by_name.get(_name_key(name, first, last), set()))
        partial: set[str] = set()
        for family, given in _name_splits(name, first, last):
            partial |= self._by_family_first.get((family, given), set())
        return full, partial

    def candidates(self, key: str, reason: str) -> tuple[StudentChoice, ...]:
        """The students a question offers: the namesakes of an ambiguous name, or the
        class's students (the whole school's when no class was chosen)."""
        if reason == AMBIGUOUS:
            ids = self._named(key, "", "") or self._by_id.get(
                key.removeprefix("ID ").casefold(), set()
            )
            return tuple(self.choices[i] for i in sorted(ids, key=lambda i: self.choices[i].name))
        if self.section:
            return tuple(c for c in self.choices.values() if c.id in self.section)
        return tuple(self.choices.values())


def _name_label(name: str, first: str, last: str) -> str:
    if first.strip() or last.strip():
        return " ".join(f"{first.strip()} {last.strip()}".split())
    return " ".join(name.split())


def _name_key(name: str, first: str, last: str) -> str:
    if first.strip() or last.strip():
        return normalize_text(f"{first} {last}")
    return normalize_text(_flip(name))


def _name_splits(name: str, first: str, last: str) -> list[tuple[str, str]]:
    """(family name, first given name) pairs a name can be read as, its middle names or
    initials left out: ``Aabram, Hannah BD`` is (aabram, hannah); ``Ana Maria de la Cruz``
    is (maria de la cruz, ana), (de la cruz, ana), (la cruz, ana) and (cruz, ana)."""
    if first.strip() or last.strip():
        given = normalize_text(first).split(" ")[0] if first.strip() else ""
        return [(normalize_text(last), given)]
    family, comma, given = name.partition(",")
    if comma:
        givens = normalize_text(given).split(" ")
        return [(normalize_text(family), givens[0])] if givens[0] else []
    words = normalize_text(name).split(" ")
    return [(" ".join(words[k:]), words[0]) for k in range(1, len(words))]


def _flip(name: str) -> str:
    """``Lee, Ann`` -> ``Ann Lee``: exports write names both ways."""
    family, comma, given = name.partition(",")
    return f"{given} {family}" if comma else name

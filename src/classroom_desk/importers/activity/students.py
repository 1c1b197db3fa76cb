"""Finding the student a row is about: by SIS id (sourcedId or identifier), then by name.

A name that fits no student, or more than one, is never guessed: it becomes a
:class:`StudentQuestion` for the teacher, answered with a student id (or ``None`` to leave
that student's rows out) on the next call.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

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
        rows = f"{self.rows} row{'' if self.rows == 1 else 's'}, first on line {self.first_line}"
        if self.reason == AMBIGUOUS:
            return f"{self.key!r} could be {len(self.candidates)} students ({rows}): which one?"
        return f"No student matches {self.key!r} ({rows}): who is it, or skip these rows?"


@dataclass(frozen=True, slots=True)
class StudentLookup:
    """A row's student: its id, or the question to ask (key and reason)."""

    student_id: str | None
    key: str = ""
    reason: str = ""


class StudentDirectory:
    """The school's students, indexed by SIS id and by name (small: one school)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.choices: dict[str, StudentChoice] = {}
        self._by_id: dict[str, set[str]] = defaultdict(set)
        self._by_name: dict[str, set[str]] = defaultdict(set)
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
            found = self._by_name.get(_name_key(name, first, last), set())
            if len(found) == 1:
                return StudentLookup(next(iter(found)))
            return StudentLookup(None, label, AMBIGUOUS if found else UNMATCHED)
        if sis:
            found = self._by_id.get(sis.casefold(), set())
            reason = AMBIGUOUS if found else UNMATCHED
            return StudentLookup(None, f"ID {sis}", reason)
        return StudentLookup(None, "", UNMATCHED)

    def candidates(self, key: str, reason: str) -> tuple[StudentChoice, ...]:
        """The students a question offers: the namesakes of an ambiguous name, or everyone."""
        if reason == AMBIGUOUS:
            ids = self._by_name.get(normalize_text(_flip(key)), set()) or self._by_id.get(
                key.removeprefix("ID ").casefold(), set()
            )
            return tuple(self.choices[i] for i in sorted(ids, key=lambda i: self.choices[i].name))
        return tuple(self.choices.values())


def _name_label(name: str, first: str, last: str) -> str:
    if first.strip() or last.strip():
        return " ".join(f"{first.strip()} {last.strip()}".split())
    return " ".join(name.split())


def _name_key(name: str, first: str, last: str) -> str:
    if first.strip() or last.strip():
        return normalize_text(f"{first} {last}")
    return normalize_text(_flip(name))


def _flip(name: str) -> str:
    """``Lee, Ann`` -> ``Ann Lee``: exports write names both ways."""
    family, comma, given = name.partition(",")
    return f"{given} {family}" if comma else name

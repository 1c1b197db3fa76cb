"""What a roster import keeps that the SIS no longer lists: one rule for the laptop's
store and the school server's database.

A student the SIS drops is removed unless something recorded about them refers to them
(activity, notes, goals, a profile, reassignments): then they stay, made inactive, and
what was written stays with them. A teacher or class the SIS drops is removed unless
something beyond the roster refers to it (an account, a co-teacher): then it stays as it
is. What refers to what is read from each database's own foreign keys, so a table added
later keeps its students too; only the references the import itself rebuilds
(enrollments, a class's content areas and teacher) keep nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from classroom_desk.i18n import translatable, translate

#: The roster tables whose rows the rule keeps, and how the preview names them.
KEPT_TABLES = {"student": "students", "teacher": "teachers", "class_section": "classes"}
#: (referring table, referred table) pairs the import rebuilds itself.
REBUILT = frozenset(
    {
        ("enrollment", "student"),
        ("enrollment", "class_section"),
        ("section_content_area", "class_section"),
        ("class_section", "teacher"),
    }
)
#: What a referring table means, as the preview says why a row was kept.
REASONS = {
    "unit_attempt": "activity",
    "unit_progress": "activity",
    "activity_summary": "activity",
    "conference_note": "notes",
    "goal": "goals",
    "goal_conflict": "goals",
    "celebration": "goals",
    "learner_profile": "profile",
    "profile_conflict": "profile",
    "reassignment_event": "reassignments",
    "account": "an account",
    "section_teacher": "co-teachers",
}
ACTIVITY = "activity"
#: The reasons in the teacher's language (``classes``: a teacher of a class that stays).
_REASON_WORDS = {
    "activity": translatable("RosterImport", "activity"),
    "notes": translatable("RosterImport", "notes"),
    "goals": translatable("RosterImport", "goals"),
    "profile": translatable("RosterImport", "profile"),
    "reassignments": translatable("RosterImport", "reassignments"),
    "an account": translatable("RosterImport", "an account"),
    "co-teachers": translatable("RosterImport", "co-teachers"),
    "classes": translatable("RosterImport", "classes"),
}


def reason_words(reasons: str) -> str:
    """Why rows were kept (``activity, notes`` as stored) in the teacher's language."""
    return ", ".join(
        translate("RosterImport", _REASON_WORDS[reason]) if reason in _REASON_WORDS else reason
        for reason in reasons.split(", ")
    )


@dataclass(frozen=True, slots=True)
class Reference:
    """``table.column`` refers to ``parent.parent_column``."""

    table: str
    column: str
    parent: str
    parent_column: str

    @property
    def reason(self) -> str:
        return REASONS.get(self.table, self.table.replace("_", " "))


#: (roster table, row id) to why it must be kept (``notes``, ``activity``...).
RosterHistory = Mapping[tuple[str, str], frozenset[str]]


def keeping_references(references: Iterable[Reference]) -> list[Reference]:
    """The references that keep a student, teacher or class the SIS dropped."""
    return sorted(
        (
            reference
            for reference in references
            if reference.parent in KEPT_TABLES
            and (reference.table, reference.parent) not in REBUILT
        ),
        key=lambda reference: (reference.parent, reference.table, reference.column),
    )


def gather_history(
    references: Iterable[Reference], run: Callable[[str], Iterable[tuple[object, ...]]]
) -> dict[tuple[str, str], frozenset[str]]:
    """Why each roster row must be kept, from the referring rows ``run`` (a database's
    query function) finds; the SQL is the same on SQLite and PostgreSQL."""
    found: dict[tuple[str, str], set[str]] = {}
    for reference in keeping_references(references):
        query = (
            f'SELECT DISTINCT "{reference.column}" FROM "{reference.table}"'
            f' WHERE "{reference.column}" IS NOT NULL'
        )
        for (value,) in run(query):
            found.setdefault((reference.parent, str(value)), set()).add(reference.reason)
    return {key: frozenset(reasons) for key, reasons in found.items()}


def sqlite_references(connection: sqlite3.Connection) -> list[Reference]:
    """Every foreign key of an SQLite database (the laptop's store)."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return [
        Reference(table, key[3], key[2], key[4] or "id")
        for table in tables
        for key in connection.execute(f'PRAGMA foreign_key_list("{table}")')
    ]

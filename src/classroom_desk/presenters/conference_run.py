"""A conference run: the list the teacher walks with Ctrl+Enter, frozen when the walk starts.

The roster under a run keeps changing (a note lowers a student's priority, a
reassignment drops a student from "To reassign"), so the walk never reads the roster's
order: it reads the order the run was started with, and goes forward from the student
the panel shows to the first one not yet seen in this run. A new list (another filter,
search, sort, class or week) is a new run.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field

from classroom_desk.i18n import translate


@dataclass(slots=True)
class ConferenceRun:
    """The order of one walk and who has been seen in it."""

    order: tuple[str, ...]
    seen: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, shown: Sequence[str]) -> ConferenceRun:
        return cls(order=tuple(shown))

    def __contains__(self, student_id: object) -> bool:
        return student_id in self.order

    def see(self, student_id: str) -> None:
        """The student was opened for a conference in this run."""
        if student_id in self.order:
            self.seen.add(student_id)

    def position(self, student_id: str | None) -> int | None:
        """The student's place in the run, from 1; ``None`` when not in it."""
        if student_id not in self.order:
            return None
        return self.order.index(student_id) + 1

    def next_after(self, student_id: str | None, shown: Container[str]) -> str | None:
        """The first student after ``student_id`` in the run's order who has not been seen
        in it and is still in the list; never one before it. ``None``: the run is done."""
        start = self.order.index(student_id) + 1 if student_id in self.order else 0
        return next(
            (s for s in self.order[start:] if s not in self.seen and s in shown),
            None,
        )

    def progress_text(self, student_id: str | None) -> str:
        """ "3 of 11" for the panel's header; empty for a student outside the run."""
        position = self.position(student_id)
        if position is None:
            return ""
        return translate("Panel", "{position} of {total}").format(
            position=position, total=len(self.order)
        )

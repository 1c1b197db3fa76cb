"""What the Sync problems window lists: this laptop's changes the school server refused,
and records from the server this laptop could not store (set aside, so sync went on).
Qt-free; the window only draws it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from classroom_desk.sync.protocol import (
    CelebrationCreate,
    GoalCreate,
    GoalSetStatus,
    GoalSetTarget,
    NotePut,
    NoteRevise,
    ProfileSetField,
    Reassign,
    UndoReassignment,
)
from classroom_desk.sync.values import SyncProblem

COLUMNS = ("When", "What", "Record", "Why")

#: A change of the catalogue, in the teacher's words.
CHANGE_WORDS = {
    NotePut.KIND: "Conference note",
    NoteRevise.KIND: "Edit of an earlier note",
    Reassign.KIND: "Unit reassignment",
    UndoReassignment.KIND: "Undone reassignment",
    GoalCreate.KIND: "New goal",
    GoalSetTarget.KIND: "Goal target",
    GoalSetStatus.KIND: "Goal dropped or restored",
    CelebrationCreate.KIND: "Celebration",
    ProfileSetField.KIND: "Learner profile",
}


@dataclass(frozen=True, slots=True)
class ProblemLine:
    when: str
    what: str
    record: str
    why: str


@dataclass(frozen=True, slots=True)
class SyncProblemsView:
    lines: tuple[ProblemLine, ...]
    summary: str

    def cell(self, row: int, column: int) -> str:
        line = self.lines[row]
        return (line.when, line.what, line.record, line.why)[column]


def problems_view(
    problems: Sequence[SyncProblem], to_local: Callable[[datetime], datetime]
) -> SyncProblemsView:
    refused = sum(1 for problem in problems if problem.source == "refused")
    set_aside = len(problems) - refused
    lines = tuple(
        ProblemLine(
            when="" if problem.at is None else f"{to_local(problem.at):%b %d, %H:%M}",
            what=_what(problem),
            record=problem.record_id,
            why=problem.reason,
        )
        for problem in problems
    )
    return SyncProblemsView(lines, _summary(refused, set_aside))


def _what(problem: SyncProblem) -> str:
    if problem.source == "refused":
        return f"{CHANGE_WORDS.get(problem.what, problem.what)} (refused by the server)"
    return f"{problem.what.replace('_', ' ').capitalize()} from the server (set aside)"


def _summary(refused: int, set_aside: int) -> str:
    if not refused and not set_aside:
        return "No sync problems: every change was taken and every record stored."
    parts = []
    if refused:
        parts.append(
            f"{refused} change{'' if refused == 1 else 's'} of this laptop the school server "
            "refused (kept here, not sent again)"
        )
    if set_aside:
        parts.append(
            f"{set_aside} record{'' if set_aside == 1 else 's'} from the server this laptop "
            "could not store (set aside; sync went on)"
        )
    return "; ".join(parts) + ". Tell the school's IT person what the last column says."

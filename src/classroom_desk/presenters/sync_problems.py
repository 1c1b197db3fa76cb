"""What the Sync problems window lists: this laptop's changes the school server refused,
and records from the server this laptop could not store (set aside, so sync went on).
Qt-free; the window only draws it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from classroom_desk.i18n import day_and_month, plural, translatable, translate
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

COLUMNS = (
    translatable("SyncProblems", "When"),
    translatable("SyncProblems", "What"),
    translatable("SyncProblems", "Record"),
    translatable("SyncProblems", "Why"),
)

#: A change of the catalogue, in the teacher's words.
CHANGE_WORDS = {
    NotePut.KIND: translatable("SyncProblems", "Conference note"),
    NoteRevise.KIND: translatable("SyncProblems", "Edit of an earlier note"),
    Reassign.KIND: translatable("SyncProblems", "Unit reassignment"),
    UndoReassignment.KIND: translatable("SyncProblems", "Undone reassignment"),
    GoalCreate.KIND: translatable("SyncProblems", "New goal"),
    GoalSetTarget.KIND: translatable("SyncProblems", "Goal target"),
    GoalSetStatus.KIND: translatable("SyncProblems", "Goal dropped or restored"),
    CelebrationCreate.KIND: translatable("SyncProblems", "Celebration"),
    ProfileSetField.KIND: translatable("SyncProblems", "Learner profile"),
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
            when=""
            if problem.at is None
            else f"{day_and_month(to_local(problem.at).date())}, {to_local(problem.at):%H:%M}",
            what=_what(problem),
            record=problem.record_id,
            why=problem.reason,
        )
        for problem in problems
    )
    return SyncProblemsView(lines, _summary(refused, set_aside))


def _what(problem: SyncProblem) -> str:
    if problem.source == "refused":
        what = CHANGE_WORDS.get(problem.what)
        return translate("SyncProblems", "{what} (refused by the server)").format(
            what=problem.what if what is None else translate("SyncProblems", what)
        )
    return translate("SyncProblems", "{what} from the server (set aside)").format(
        what=problem.what.replace("_", " ").capitalize()
    )


def _summary(refused: int, set_aside: int) -> str:
    if not refused and not set_aside:
        return translate(
            "SyncProblems", "No sync problems: every change was taken and every record stored."
        )
    parts = []
    if refused:
        parts.append(
            plural(
                refused,
                translate(
                    "SyncProblems",
                    "{count} change of this laptop the school server refused (kept here, not "
                    "sent again)",
                ),
                translate(
                    "SyncProblems",
                    "{count} changes of this laptop the school server refused (kept here, not "
                    "sent again)",
                ),
            ).format(count=refused)
        )
    if set_aside:
        parts.append(
            plural(
                set_aside,
                translate(
                    "SyncProblems",
                    "{count} record from the server this laptop could not store (set aside; "
                    "sync went on)",
                ),
                translate(
                    "SyncProblems",
                    "{count} records from the server this laptop could not store (set aside; "
                    "sync went on)",
                ),
            ).format(count=set_aside)
        )
    return translate(
        "SyncProblems", "{problems}. Tell the school's IT person what the last column says."
    ).format(problems="; ".join(parts))

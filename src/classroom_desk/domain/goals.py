"""Student goals and their progress, computed from the week's figures, never typed in."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.i18n import translate

#: A goal's fields that merge on their own in sync (last writer wins by clock stamp).
GOAL_FIELDS: Final = ("target", "status")
#: A goal field's value: the target (a number) or the status ("active", "dropped").
GoalValue = float | str


class GoalKind(enum.Enum):
    """What a goal measures, each over one school week in one content area."""

    UNITS_MASTERED = "units_mastered"
    AVERAGE_SCORE = "average_score"
    MINUTES = "minutes"

    def describe(self, target: float, area_name: str) -> str:
        if self is GoalKind.UNITS_MASTERED:
            return translate("Goals", "Master {target} {area} units this week").format(
                target=f"{target:.0f}", area=area_name.lower()
            )
        if self is GoalKind.AVERAGE_SCORE:
            return translate("Goals", "Average {target}% in {area}").format(
                target=f"{target:.0f}", area=area_name.lower()
            )
        return translate("Goals", "{target} minutes of {area} every week").format(
            target=f"{target:.0f}", area=area_name.lower()
        )

    def valid_target(self, target: float) -> bool:
        if self is GoalKind.AVERAGE_SCORE:
            return 0 < target <= 100
        if self is GoalKind.UNITS_MASTERED:
            return 0 < target <= 50 and float(target).is_integer()
        return 0 < target <= 10_080  # minutes in a week


@dataclass(frozen=True, slots=True)
class GoalProgress:
    current: float | None
    target: float

    @property
    def met(self) -> bool:
        return self.current is not None and self.current >= self.target

    @property
    def fraction(self) -> float:
        if self.current is None or self.target <= 0:
            return 0.0
        return min(1.0, self.current / self.target)


def goal_progress(kind: GoalKind, target: float, figures: WeeklyFigures) -> GoalProgress:
    """Where the student stands on a goal this week (no units means no average yet)."""
    current: float | None
    if kind is GoalKind.UNITS_MASTERED:
        current = float(figures.units_mastered)
    elif kind is GoalKind.AVERAGE_SCORE:
        current = figures.average_score
    else:
        current = float(figures.minutes)
    return GoalProgress(current=current, target=target)

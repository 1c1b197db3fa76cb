"""The school's thresholds: the field's defaults, which a school can change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Weekly expectations per student and content area.

    Defaults follow the field's best-practice guides: 30 minutes a week, a unit
    counts as mastered at 80%, an average unit score of 80%, 2 units mastered a week.
    """

    min_weekly_minutes: int = 30
    mastery_score: float = 80.0
    target_average: float = 80.0
    weekly_units_target: int = 2

    def __post_init__(self) -> None:
        if self.min_weekly_minutes < 0:
            raise ValueError(f"min_weekly_minutes must be >= 0, got {self.min_weekly_minutes}")
        if not 0 <= self.mastery_score <= 100:
            raise ValueError(f"mastery_score must be within 0..100, got {self.mastery_score}")
        if not 0 <= self.target_average <= 100:
            raise ValueError(f"target_average must be within 0..100, got {self.target_average}")
        if self.weekly_units_target < 0:
            raise ValueError(f"weekly_units_target must be >= 0, got {self.weekly_units_target}")

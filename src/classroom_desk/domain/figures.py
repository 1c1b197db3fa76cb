"""A student's week in one content area, and what it says about them.

The definitions are DESIGN.md's: the numbers on screen mean exactly this.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import datetime

from classroom_desk.domain.policy import Thresholds
from classroom_desk.i18n import plural, translatable, translate


@dataclass(frozen=True, slots=True)
class WeeklyFigures:
    """Per student, per content area, per school week.

    ``average_score`` is the mean over the units completed in the week, each unit
    counted once with its latest score that week; ``None`` when no unit was completed
    (no average is not a zero). ``units_to_reassign`` counts units whose latest score is
    under the mastery score, as of now.

    Platforms that export only totals per student and date range (summaries) add their
    minutes and units to these figures; the ``summary_*`` parts say how much came from
    them, and ``from_summary`` that a summary counted at all. Summary units have no
    scores of their own (unless the platform gave an average) and nothing to reassign.
    """

    minutes: int = 0
    units_completed: int = 0
    units_mastered: int = 0
    average_score: float | None = None
    units_to_reassign: int = 0
    last_activity: datetime | None = None
    summary_minutes: int = 0
    summary_units_completed: int = 0
    summary_units_mastered: int = 0
    from_summary: bool = False

    def __post_init__(self) -> None:
        counts = (
            self.minutes,
            self.units_completed,
            self.units_mastered,
            self.summary_minutes,
            self.summary_units_completed,
            self.summary_units_mastered,
        )
        if min(counts) < 0:
            raise ValueError(f"weekly counts cannot be negative: {self}")
        if self.units_mastered > self.units_completed:
            raise ValueError(f"more units mastered than completed: {self}")
        if (
            self.summary_minutes > self.minutes
            or self.summary_units_completed > self.units_completed
            or self.summary_units_mastered > self.units_mastered
        ):
            raise ValueError(f"a summary's part exceeds the whole: {self}")
        if (self.summary_minutes or self.summary_units_completed) and not self.from_summary:
            raise ValueError(f"summary figures without a summary: {self}")
        if self.units_completed == 0 and self.average_score is not None:
            raise ValueError(f"an average without a completed unit: {self}")
        if self.average_score is None and self.units_completed > self.summary_units_completed:
            raise ValueError(f"units with scores but no average: {self}")

    @property
    def unit_rows_completed(self) -> int:
        """Units completed that came from unit rows (with scores and detail)."""
        return self.units_completed - self.summary_units_completed

    @property
    def has_activity(self) -> bool:
        return self.minutes > 0 or self.units_completed > 0


class Status(enum.Enum):
    """What a teacher reads at a glance: no activity, on track (every weekly target met),
    or what is missing of time (minutes), mastery (the average) and units (mastered).
    The order is the order of urgency."""

    NO_ACTIVITY = translatable("Status", "No activity")
    NEEDS_TIME_MASTERY_UNITS = translatable("Status", "Needs time, mastery and units")
    NEEDS_TIME_AND_MASTERY = translatable("Status", "Needs time and mastery")
    NEEDS_TIME_AND_UNITS = translatable("Status", "Needs time and units")
    NEEDS_MASTERY_AND_UNITS = translatable("Status", "Needs mastery and units")
    NEEDS_TIME = translatable("Status", "Needs time")
    NEEDS_MASTERY = translatable("Status", "Needs mastery")
    NEEDS_UNITS = translatable("Status", "Needs units")
    ON_TRACK = translatable("Status", "On track")

    @property
    def label(self) -> str:
        """The status in the teacher's language (the value is its English source)."""
        return translate("Status", self.value)

    @property
    def misses(self) -> int:
        """How many weekly targets the status says are missed (no activity: all three)."""
        return _MISSES[self]


_MISSES = {
    Status.NO_ACTIVITY: 3,
    Status.NEEDS_TIME_MASTERY_UNITS: 3,
    Status.NEEDS_TIME_AND_MASTERY: 2,
    Status.NEEDS_TIME_AND_UNITS: 2,
    Status.NEEDS_MASTERY_AND_UNITS: 2,
    Status.NEEDS_TIME: 1,
    Status.NEEDS_MASTERY: 1,
    Status.NEEDS_UNITS: 1,
    Status.ON_TRACK: 0,
}


class Need(enum.Enum):
    """A reason to look at a student this week; the roster filters are these."""

    BELOW_MASTERY = "below_mastery"
    UNDER_MINUTES = "under_minutes"
    FEW_UNITS = "few_units"
    TO_REASSIGN = "to_reassign"
    NO_ACTIVITY = "no_activity"


@dataclass(frozen=True, slots=True)
class Assessment:
    status: Status
    needs: frozenset[Need]
    reasons: tuple[str, ...]

    @property
    def few_units(self) -> bool:
        return Need.FEW_UNITS in self.needs


def percent_text(value: float, threshold: float | None = None) -> str:
    """A score as a teacher reads it, ``75%``; one decimal where rounding would carry it
    across ``threshold`` (79.6 under an 80% target reads ``79.6%``, never ``80%``)."""
    whole = round(value)
    if threshold is not None and (value < threshold) != (whole < threshold):
        tenths = math.floor(value * 10) if value < threshold else math.ceil(value * 10)
        return f"{tenths / 10:.1f}%"
    return f"{whole:.0f}%"


def assess(figures: WeeklyFigures, thresholds: Thresholds) -> Assessment:
    """Status, needs and the reasons in words, from one week's figures: each missed target
    named as the status names it (time, mastery, units), then units to reassign."""
    needs: set[Need] = set()
    reasons: list[str] = []
    if not figures.has_activity:
        needs.update({Need.NO_ACTIVITY, Need.UNDER_MINUTES, Need.FEW_UNITS})
        reasons.append(translate("Status", "no minutes and no units this week"))
    else:
        if figures.minutes < thresholds.min_weekly_minutes:
            needs.add(Need.UNDER_MINUTES)
            reasons.append(
                translate("Status", "{minutes} of {target} minutes").format(
                    minutes=figures.minutes, target=thresholds.min_weekly_minutes
                )
            )
        average = figures.average_score
        if average is not None and average < thresholds.target_average:
            needs.add(Need.BELOW_MASTERY)
            reasons.append(average_text(average, thresholds.target_average))
        if figures.units_mastered < thresholds.weekly_units_target:
            needs.add(Need.FEW_UNITS)
            reasons.append(
                translate("Status", "{mastered} of {target} mastered").format(
                    mastered=figures.units_mastered, target=thresholds.weekly_units_target
                )
            )
    if figures.units_to_reassign:
        needs.add(Need.TO_REASSIGN)
        reasons.append(
            plural(
                figures.units_to_reassign,
                translate("Status", "{count} unit under {mastery}% to reassign"),
                translate("Status", "{count} units under {mastery}% to reassign"),
            ).format(count=figures.units_to_reassign, mastery=f"{thresholds.mastery_score:.0f}")
        )
    return Assessment(_status(needs), frozenset(needs), tuple(reasons))


def average_text(average: float, target: float) -> str:
    """``average 75% (target 80%)``: the score and the target, never read as a product."""
    return translate("Status", "average {average} (target {target}%)").format(
        average=percent_text(average, target), target=f"{target:.0f}"
    )


_STATUS_OF_MISSES = {
    (False, False, False): Status.ON_TRACK,
    (True, False, False): Status.NEEDS_TIME,
    (False, True, False): Status.NEEDS_MASTERY,
    (False, False, True): Status.NEEDS_UNITS,
    (True, True, False): Status.NEEDS_TIME_AND_MASTERY,
    (True, False, True): Status.NEEDS_TIME_AND_UNITS,
    (False, True, True): Status.NEEDS_MASTERY_AND_UNITS,
    (True, True, True): Status.NEEDS_TIME_MASTERY_UNITS,
}


def _status(needs: set[Need]) -> Status:
    """On track only when every weekly target is met; otherwise what is missed."""
    if Need.NO_ACTIVITY in needs:
        return Status.NO_ACTIVITY
    return _STATUS_OF_MISSES[
        (Need.UNDER_MINUTES in needs, Need.BELOW_MASTERY in needs, Need.FEW_UNITS in needs)
    ]

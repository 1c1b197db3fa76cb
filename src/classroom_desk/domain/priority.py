"""Support priority: who the teacher should see first.

The score, from 0 to 200, is documented here and shown in the roster's tooltip:

* **No activity** this week adds 100, so those students always come first.
* **Distance below each threshold**, each as a fraction of its threshold and capped
  at 1, weighted 30 each: minutes short of the weekly minutes, average short of the
  target average, units short of the weekly units target (up to 90 in all).
* **Time since the last conference** adds up to 10, growing by one a day up to ten
  days (a student never conferenced counts as ten days).

Higher comes first; equal scores are ordered by name.
"""

from __future__ import annotations

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.policy import Thresholds
from classroom_desk.i18n import translate

NO_ACTIVITY_WEIGHT = 100.0
DEFICIT_WEIGHT = 30.0
CONFERENCE_DAYS_CAP = 10


def priority_explanation() -> str:
    """How the support priority is worked out, in the teacher's language."""
    return translate(
        "Priority",
        "Support priority (higher first): 100 for no activity this week; up to 30 each for "
        "how far minutes, average score and units mastered are below the school's "
        "thresholds; up to 10 for days since the last conference. Ties by name.",
    )


def _shortfall(value: float, target: float) -> float:
    if target <= 0:
        return 0.0
    return min(1.0, max(0.0, (target - value) / target))


def support_priority(
    figures: WeeklyFigures,
    thresholds: Thresholds,
    days_since_conference: int | None = None,
) -> float:
    """The support priority score described in this module's docstring."""
    score = 0.0 if figures.has_activity else NO_ACTIVITY_WEIGHT
    score += DEFICIT_WEIGHT * _shortfall(figures.minutes, thresholds.min_weekly_minutes)
    if figures.average_score is not None:
        score += DEFICIT_WEIGHT * _shortfall(figures.average_score, thresholds.target_average)
    score += DEFICIT_WEIGHT * _shortfall(figures.units_mastered, thresholds.weekly_units_target)
    days = CONFERENCE_DAYS_CAP if days_since_conference is None else days_since_conference
    score += float(min(max(days, 0), CONFERENCE_DAYS_CAP))
    return round(score, 6)

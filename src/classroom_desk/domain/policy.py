"""The school's thresholds: the field's defaults, which a school can change."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


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


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_weekday(text: str) -> int:
    """0 (Monday) .. 6 (Sunday) from a day's name, its first three letters, or 0-6."""
    cleaned = text.strip().casefold()
    for number, name in enumerate(WEEKDAYS):
        if cleaned in (name.casefold(), name[:3].casefold(), str(number)):
            return number
    raise ValueError(f"expected a day of the week such as Monday or Sunday; got {text!r}")


def parse_time_zone(text: str) -> str:
    """An IANA time zone name the system knows (school weeks and days are counted in it)."""
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ValueError, OSError, ZoneInfoNotFoundError):  # OSError: "America", a directory
        raise ValueError(
            f"expected an IANA time zone such as America/New_York; got {text!r}"
        ) from None
    return name


def _whole_number(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"expected a whole number; got {text!r}") from None
    if value < 0:
        raise ValueError(f"expected a number of 0 or more; got {text!r}")
    return value


def _percent(text: str) -> float:
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        raise ValueError(f"expected a percentage from 0 to 100; got {text!r}") from None
    if not 0 <= value <= 100:
        raise ValueError(f"expected a percentage from 0 to 100; got {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class PolicyOption:
    """One setting of the school's policy, as a command-line option names it."""

    option: str
    #: The ``school`` table's column it sets.
    column: str
    parse: Callable[[str], object]
    help: str

    @property
    def dest(self) -> str:
        """Where argparse keeps the option's text (``--time-zone`` -> ``time_zone``)."""
        return self.option.replace("-", "_")


POLICY_OPTIONS = (
    PolicyOption(
        "time-zone", "time_zone", parse_time_zone, "IANA time zone, e.g. America/New_York"
    ),
    PolicyOption("first-day", "first_day_of_week", parse_weekday, "first day of the school week"),
    PolicyOption(
        "min-weekly-minutes", "min_weekly_minutes", _whole_number, "minutes a week expected"
    ),
    PolicyOption("mastery-score", "mastery_score", _percent, "a unit is mastered at this score"),
    PolicyOption("target-average", "target_average", _percent, "average unit score expected"),
    PolicyOption(
        "weekly-units-target", "weekly_units_target", _whole_number, "units mastered a week"
    ),
)


def policy_changes(given: Mapping[str, str | None]) -> dict[str, object]:
    """The school columns to change, from option name -> text (``None``: not given).

    Raises :class:`ValueError` naming the option, e.g. ``--time-zone: expected ...``.
    """
    changes: dict[str, object] = {}
    for option in POLICY_OPTIONS:
        text = given.get(option.option)
        if text is None:
            continue
        try:
            changes[option.column] = option.parse(text)
        except ValueError as error:
            raise ValueError(f"--{option.option}: {error}") from None
    return changes


def describe_policy(
    name: str, time_zone: str, first_day_of_week: int, thresholds: Thresholds
) -> str:
    """The school's policy in one line, as the commands that change it print it."""
    return (
        f"{name}: time zone {time_zone}, weeks start on {WEEKDAYS[first_day_of_week]}, "
        f"{thresholds.min_weekly_minutes} minutes a week, a unit mastered at "
        f"{thresholds.mastery_score:g}%, average {thresholds.target_average:g}% expected, "
        f"{thresholds.weekly_units_target} units mastered a week"
    )

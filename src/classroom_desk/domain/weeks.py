"""School weeks: which instants belong to which week, in the school's own time zone."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class SchoolCalendar:
    """A school's time zone and first day of week (0 = Monday ... 6 = Sunday).

    Weeks are named by their first local date. Stored instants are naive UTC, so the
    calendar converts a week into the UTC half-open interval ``[start, end)`` that the
    database compares against; a week that spans a DST change is 167 or 169 hours long.
    """

    time_zone: ZoneInfo
    first_day: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.first_day <= 6:
            raise ValueError(f"first_day must be 0 (Monday) .. 6 (Sunday), got {self.first_day}")

    @classmethod
    def named(cls, time_zone: str, first_day: int = 0) -> SchoolCalendar:
        return cls(ZoneInfo(time_zone), first_day)

    def week_start(self, local_day: date) -> date:
        """The first day of the school week holding ``local_day``."""
        return local_day - timedelta(days=(local_day.weekday() - self.first_day) % 7)

    def local_date(self, instant_utc: datetime) -> date:
        """The school-local calendar date of a naive-UTC or aware instant."""
        aware = instant_utc if instant_utc.tzinfo else instant_utc.replace(tzinfo=UTC)
        return aware.astimezone(self.time_zone).date()

    def week_of(self, instant_utc: datetime) -> date:
        return self.week_start(self.local_date(instant_utc))

    def current_week(self, now_utc: datetime | None = None) -> date:
        return self.week_of(now_utc or datetime.now(UTC))

    def utc_bounds(self, week: date) -> tuple[datetime, datetime]:
        """Naive-UTC ``[start, end)`` of the week starting on ``week``, midnight to midnight."""
        if self.week_start(week) != week:
            raise ValueError(f"{week} is not a first day of week ({WEEKDAY_NAMES[self.first_day]})")
        return self._utc_midnight(week), self._utc_midnight(week + timedelta(days=7))

    def month_bounds(self, year: int, month: int) -> tuple[datetime, datetime]:
        """Naive-UTC ``[start, end)`` of a school-local calendar month, midnight to
        midnight (the Skills Summary's month, on the laptop and on the server alike)."""
        last = calendar.monthrange(year, month)[1]
        first = date(year, month, 1)
        return self._utc_midnight(first), self._utc_midnight(first + timedelta(days=last))

    def weeks_of_month(self, year: int, month: int, *, through: date) -> list[date]:
        """The first days of the school weeks of the month (the first may start the
        month before, as the week of its 1st), up to the week holding ``through``."""
        last = date(year, month, calendar.monthrange(year, month)[1])
        end = min(last, self.week_start(through))
        week, weeks = self.week_start(date(year, month, 1)), []
        while week <= end:
            weeks.append(week)
            week += timedelta(days=7)
        return weeks

    def _utc_midnight(self, day: date) -> datetime:
        local = datetime.combine(day, time(0), tzinfo=self.time_zone)
        return local.astimezone(UTC).replace(tzinfo=None)


def shift_weeks(week: date, weeks: int) -> date:
    return week + timedelta(weeks=weeks)

"""How a value that lost a sync conflict is told to the teacher, the same way for goals
and learner profiles: where it was written and when, in plain words, and what the
"Use that" button is called for a screen reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from classroom_desk.domain.conflicts import LostValue
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import clock_time, day_and_month, translatable, translate

V = TypeVar("V")

CONFLICT_TOOLTIP = translatable(
    "Conflicts",
    "Two laptops changed this while apart; the later change is kept and shows. "
    "The other value is kept too: “Use that” writes it back as a new change.",
)


@dataclass(frozen=True, slots=True)
class ConflictNotice:
    """One losing value, shown in amber under what it lost to, with "Use that".

    ``key`` says which value "Use that" takes (a field name); ``action_name`` is the
    button's accessible name."""

    key: str
    text: str
    action_name: str
    tooltip: str = CONFLICT_TOOLTIP


def local_moment(instant_utc: datetime, calendar: SchoolCalendar) -> str:
    """``Nov 19, 2:59 PM`` in the school's time zone (an instant in naive UTC), with
    no-break spaces so a wrapped line never splits a date or a time."""
    aware = instant_utc if instant_utc.tzinfo else instant_utc.replace(tzinfo=UTC)
    local = aware.astimezone(calendar.time_zone)
    day = day_and_month(local.date()).replace(" ", "\u00a0")
    return f"{day}, {clock_time(local.hour, local.minute)}"


def written_where(lost: LostValue[V], calendar: SchoolCalendar | None) -> str:
    """Where and when a losing value was written, after "written" or "changed":
    ``on another laptop, Nov 19, 2:59 PM``; for this laptop's own value, that another
    laptop's change replaced it (else the laptop whose edit lost would blame the other)."""
    where = (
        translate("Conflicts", "on this laptop")
        if lost.here
        else translate("Conflicts", "on another laptop")
    )
    if calendar is not None:
        where = translate("Conflicts", "{where} ({when})").format(
            where=where, when=local_moment(lost.written_at, calendar)
        )
    if lost.here:
        where = translate("Conflicts", "{where}, replaced by another laptop's change").format(
            where=where
        )
    return where


def more_text(count: int) -> str:
    """The note after the newest of several losing values."""
    if count <= 1:
        return ""
    return translate("Conflicts", " (and {count} more)").format(count=count - 1)

"""How fresh each data source is: "activity as of 6:02 today", and whether its figures are
older than two school days (DESIGN.md, Freshness), counted on the school's own week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

#: Figures whose source is older than this many school days are marked.
STALE_AFTER_SCHOOL_DAYS = 2
SCHOOL_DAYS_A_WEEK = 5


def school_days_since(earlier: date, later: date, first_day_of_week: int = 0) -> int:
    """School days ``d`` with ``earlier < d <= later``: the five days from the school's first
    day of week (Monday to Friday by default; Sunday to Thursday when weeks start on Sunday)."""
    if later <= earlier:
        return 0
    whole_weeks, rest = divmod((later - earlier).days, 7)
    count = whole_weeks * SCHOOL_DAYS_A_WEEK
    for offset in range(1, rest + 1):
        day = earlier + timedelta(days=offset)
        count += (day.weekday() - first_day_of_week) % 7 < SCHOOL_DAYS_A_WEEK
    return count


@dataclass(frozen=True, slots=True)
class Freshness:
    """One source as the roster tells it: ``text`` such as "ALEKS activity as of 6:02
    today"; ``stale`` when older than two school days."""

    name: str
    text: str
    stale: bool
    school_days_old: int


def freshness(
    name: str, imported_local: datetime, now_local: datetime, first_day_of_week: int = 0
) -> Freshness:
    """``name`` imported at ``imported_local``, seen at ``now_local`` (both school-local)."""
    age = school_days_since(imported_local.date(), now_local.date(), first_day_of_week)
    stale = age > STALE_AFTER_SCHOOL_DAYS
    when = _when(imported_local, now_local)
    text = f"{name} as of {when}"
    if stale:
        text += f" ({age} school days old)"
    return Freshness(name, text, stale, age)


def _when(moment: datetime, now: datetime) -> str:
    clock = f"{moment.hour % 12 or 12}:{moment.minute:02d}" + ("" if moment.hour < 12 else " pm")
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"{clock} today"
    if days == 1:
        return f"{clock} yesterday"
    if 1 < days < 7:
        return f"{moment:%a} {clock}"
    return f"{moment:%b} {moment.day}" + ("" if moment.year == now.year else f", {moment.year}")


@dataclass(frozen=True, slots=True)
class DataSourceRecord:
    """A source of the school's data and when it was last imported (naive UTC)."""

    id: str
    kind: str  # "roster" or "activity"
    name: str
    imported_at: datetime


def source_label(record: DataSourceRecord) -> str:
    """How the roster names a source: "Roster", "ALEKS activity"."""
    return "Roster" if record.kind == "roster" else f"{record.name} activity"

"""How fresh each data source is: "activity as of 6:02 today", and whether its figures are
older than two school days (DESIGN.md, Freshness), counted on the school's own week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from classroom_desk.i18n import day_and_month, translate, weekday_name

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
    text = translate("Freshness", "{source} as of {when}").format(source=name, when=when)
    if stale:
        text = translate("Freshness", "{text} ({age} school days old)").format(text=text, age=age)
    return Freshness(name, text, stale, age)


def _when(moment: datetime, now: datetime) -> str:
    clock = (
        translate("Freshness", "{hour}:{minute}")
        if moment.hour < 12
        else translate("Freshness", "{hour}:{minute} pm")
    ).format(hour=moment.hour % 12 or 12, minute=f"{moment.minute:02d}")
    days = (now.date() - moment.date()).days
    if days == 0:
        return translate("Freshness", "{clock} today").format(clock=clock)
    if days == 1:
        return translate("Freshness", "{clock} yesterday").format(clock=clock)
    if 1 < days < 7:
        return translate("Freshness", "{weekday} {clock}").format(
            weekday=weekday_name(moment.weekday(), short=True), clock=clock
        )
    if moment.year == now.year:
        return day_and_month(moment.date())
    return translate("Freshness", "{day}, {year}").format(
        day=day_and_month(moment.date()), year=moment.year
    )


@dataclass(frozen=True, slots=True)
class DataSourceRecord:
    """A source of the school's data and when it was last imported (naive UTC)."""

    id: str
    kind: str  # "roster" or "activity"
    name: str
    imported_at: datetime


def source_label(record: DataSourceRecord) -> str:
    """How the roster names a source: "Roster", "ALEKS activity"."""
    if record.kind == "roster":
        return translate("Freshness", "Roster")
    return translate("Freshness", "{platform} activity").format(platform=record.name)

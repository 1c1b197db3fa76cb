"""The School view: a month's or a week's figures for every class the caller may read."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from fastapi.exceptions import RequestValidationError

from classroom_desk.server import school_figures
from classroom_desk.server.database import snapshot_transaction
from classroom_desk.server.deps import NOT_FOUND, CallerDep, EngineDep
from classroom_desk.server.openapi import GUARDED, errors
from classroom_desk.sync.protocol import SchoolMonth, SchoolWeek

router = APIRouter()

Year = Annotated[int, Path(ge=2000, le=2100, description="The calendar year, 2000 to 2100.")]
Month = Annotated[int, Path(ge=1, le=12, description="The month of the year, 1 to 12.")]
Day = Annotated[
    str,
    Path(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Any day of the week wanted, YYYY-MM-DD; weeks from 2000-01-08 to "
        "2100-12-24 are served.",
        json_schema_extra={"format": "date"},
    ),
]
#: The days whose school week starts and ends within the years a month may name.
FIRST_DAY, LAST_DAY = date(2000, 1, 8), date(2100, 12, 24)


def _day(text: str) -> date:
    """The day asked for: a 422 when it is no date (naming the rule, never the value), a
    404 when its week is not one the server serves."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise RequestValidationError(
            [{"loc": ("path", "day"), "msg": "Input should be a valid date", "type": "value_error"}]
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise HTTPException(404, f"no school week is served outside {FIRST_DAY} to {LAST_DAY}")
    return day


@router.get(
    "/school/months/{year}/{month}",
    response_model=SchoolMonth,
    responses=errors(*GUARDED, 404),
)
def school_month(year: Year, month: Month, who: CallerDep, engine: EngineDep) -> SchoolMonth:
    """Each class's students in each content area it teaches, for the school-local
    calendar month, as the Skills Summary counts them. Figures only: no attempt, note
    or goal. A teacher gets their classes, a coach their teachers' classes, an admin
    or a principal the whole school."""
    with snapshot_transaction(engine) as connection:
        found = school_figures.school_month(connection, account=who.account, year=year, month=month)
    if found is None:
        raise HTTPException(404, NOT_FOUND)
    return found


@router.get(
    "/school/weeks/{day}",
    response_model=SchoolWeek,
    responses=errors(*GUARDED, 404),
)
def school_week(day: Day, who: CallerDep, engine: EngineDep) -> SchoolWeek:
    """The month's figures, for the school week that holds ``day`` (the roster's week:
    from the school's first day of the week, local midnight to midnight)."""
    with snapshot_transaction(engine) as connection:
        found = school_figures.school_week(connection, account=who.account, day=_day(day))
    if found is None:
        raise HTTPException(404, NOT_FOUND)
    return found

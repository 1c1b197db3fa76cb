"""The School view: a principal's (or coach's) figures for every class they may read,
fetched from the school server, which computes them (the laptop needs no activity for
it). Offline, the last figures fetched for the month, saying how old they are. Qt-free.

Three levels, each one table: the school by grade, a grade's classes, a class's students
(a read-only roster). The table on screen is the table the CSV and the PDF write.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pydantic

from classroom_desk.i18n import day_and_month, plural, translate
from classroom_desk.presenters.reports import month_label
from classroom_desk.presenters.sync_status import ServerReads
from classroom_desk.reports.skills_summary import (
    Period,
    ReportTable,
    SchoolMonthFigures,
    class_table,
    grade_table,
    grades_in,
    ordered_classes,
    school_month_from_wire,
    school_table,
    trend_table,
)
from classroom_desk.store.database import Store
from classroom_desk.store.school_months import KeptSchoolMonths
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.protocol import SchoolMonth, SchoolWeek
from classroom_desk.sync.replica import Replica
from classroom_desk.sync.values import (
    OfflineError,
    ProtocolError,
    ServerRefusedError,
    SignInRequiredError,
    SyncError,
)

__all__ = [
    "FetchedMonth",
    "Level",
    "NoFiguresError",
    "Period",
    "SchoolMonthFigures",
    "SchoolViewPresenter",
    "fetch_month",
    "fetch_months",
    "fetch_with_year",
    "school_year_months",
]

#: US school years start in August: a trend runs from there.
SCHOOL_YEAR_FIRST_MONTH = 8


class NoFiguresError(Exception):
    """The server could not be asked and this laptop has no copy of the month."""


@dataclass(frozen=True, slots=True)
class FetchedMonth:
    figures: SchoolMonthFigures
    #: When the server computed the figures (aware, UTC).
    computed_at: datetime
    #: The laptop's copy, because the server gave none (``problem`` says why).
    kept: bool = False
    problem: str | None = None
    #: The server could not be reached at all (else it answered, but not with figures).
    unreachable: bool = False


#: The server's ``computed_at`` must fall in this range (a clock or a server gone wrong
#: otherwise), and never more than a day ahead of the laptop.
EARLIEST_COMPUTED = datetime(2000, 1, 1, tzinfo=UTC)


def fetch_month(reads: ServerReads, period: Period, *, now: datetime) -> FetchedMonth:
    """Ask the server for the month (or week) and keep its answer; when it gives none,
    the copy kept for this account. Runs off the UI thread (its own store connection)."""
    found = fetch_months(reads, [period], now=now)[0]
    if isinstance(found, NoFiguresError):
        raise found
    return found


def fetch_months(
    reads: ServerReads, periods: Sequence[Period], *, now: datetime
) -> list[FetchedMonth | NoFiguresError]:
    """Each month (or week) from the server, else its kept copy, else why neither: one
    store connection and one client for them all, and once the server cannot be reached,
    only the kept copies are read (a year of months must not wait on a timeout each)."""
    store = reads.open_store()
    try:
        account = _account(store, reads)
        kept = KeptSchoolMonths(store)
        found: list[FetchedMonth | NoFiguresError] = []
        unreachable: SyncError | None = None
        try:
            client = reads.client(store)
        except SignInRequiredError as error:  # no keyring here: the kept copies still show
            return [_kept_copy(kept, account, period, error) for period in periods]
        with client:
            for period in periods:
                if unreachable is not None:
                    found.append(_kept_copy(kept, account, period, unreachable))
                    continue
                try:
                    figures, computed_at, body = _asked(client, period, now)
                except SyncError as error:
                    if isinstance(error, OfflineError):
                        unreachable = error
                    found.append(_kept_copy(kept, account, period, error))
                    continue
                # A copy that cannot be written (the store busy with a sync) still shows.
                kept.keep(account=account, period=period.key, body=body, at=now)
                found.append(FetchedMonth(figures, computed_at=computed_at))
        return found
    finally:
        store.close()


def _account(store: Store, reads: ServerReads) -> str:
    """The signed-in account the copies are kept for: the one this window asks as."""
    signed_in = Replica(store).signed_in_as()
    if signed_in is None:
        raise NoFiguresError(
            translate("SchoolView", "Sign in to the school server to see the School view.")
        )
    session = reads.session
    if session is not None and (session.server_url, session.user) != (
        signed_in.server_url,
        signed_in.user,
    ):
        raise NoFiguresError(
            translate(
                "SchoolView",
                "Another account signed in on this laptop: open the School view again.",
            )
        )
    return signed_in.account


def _asked(
    client: SyncClient, period: Period, now: datetime
) -> tuple[SchoolMonthFigures, datetime, str]:
    """The server's figures, checked whole before anything is kept."""
    answer = (
        client.school_month(period.year, period.month)
        if period.week_start is None
        else client.school_week(period.week_start)
    )
    computed_at = _aware(answer.computed_at)
    try:
        if not EARLIEST_COMPUTED <= computed_at <= now + timedelta(days=1):
            raise ValueError(f"computed at {computed_at:%Y-%m-%d %H:%M} UTC, not a real time")
        figures = school_month_from_wire(answer)
    except ValueError as error:
        raise ProtocolError(
            f"The school server's figures do not hold together ({error}); nothing was kept."
        ) from error
    return figures, computed_at, answer.model_dump_json()


def _kept_copy(
    kept: KeptSchoolMonths, account: str, period: Period, error: SyncError
) -> FetchedMonth | NoFiguresError:
    why = _why_not_fetched(error)
    copy = kept.kept(account=account, period=period.key)
    if copy is None:
        return NoFiguresError(
            (
                translate(
                    "SchoolView",
                    "No figures for this month on this laptop yet, and the school server gave "
                    "none: {problem}",
                )
                if period.week_start is None
                else translate(
                    "SchoolView",
                    "No figures for this week on this laptop yet, and the school server gave "
                    "none: {problem}",
                )
            ).format(problem=why)
        )
    try:
        wire = SchoolMonth if period.week_start is None else SchoolWeek
        answer = wire.model_validate_json(copy)
        figures = school_month_from_wire(answer)
    except (pydantic.ValidationError, ValueError):
        return NoFiguresError(
            (
                translate(
                    "SchoolView",
                    "This laptop's copy of the month cannot be read (an older version kept "
                    "it), and the school server gave none: {problem}",
                )
                if period.week_start is None
                else translate(
                    "SchoolView",
                    "This laptop's copy of the week cannot be read (an older version kept "
                    "it), and the school server gave none: {problem}",
                )
            ).format(problem=why)
        )
    return FetchedMonth(
        figures,
        computed_at=_aware(answer.computed_at),
        kept=True,
        problem=why,
        unreachable=isinstance(error, OfflineError),
    )


def school_year_months(year: int, month: int) -> list[tuple[int, int]]:
    """From the school year's first month (August) to ``month``: a trend's months."""
    start_year = year if month >= SCHOOL_YEAR_FIRST_MONTH else year - 1
    months = []
    y, m = start_year, SCHOOL_YEAR_FIRST_MONTH
    while (y, m) <= (year, month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def fetch_with_year(
    reads: ServerReads, period: Period, *, now: datetime, with_year: bool
) -> tuple[FetchedMonth, list[SchoolMonthFigures] | None]:
    """The chosen month (or week) and, ``with_year``, every month of the school year up
    to it that the server gives or this laptop kept (one with neither is left out, and
    named). A week has no trend: ``with_year`` is for months."""
    periods = (
        [Period(y, m) for y, m in school_year_months(period.year, period.month)]
        if with_year and period.week_start is None
        else [period]
    )
    found = fetch_months(reads, periods, now=now)
    chosen = found[-1]
    if isinstance(chosen, NoFiguresError):
        raise chosen
    if not with_year:
        return chosen, None
    return chosen, [f.figures for f in found if isinstance(f, FetchedMonth)]


def _why_not_fetched(error: SyncError) -> str:
    """In the School view's words (the sync's speak of changes kept for later)."""
    if isinstance(error, OfflineError):
        return translate("SchoolView", "the school server cannot be reached")
    if isinstance(error, SignInRequiredError):
        return translate("SchoolView", "sign in again to fetch new ones")
    if isinstance(error, ServerRefusedError) and error.status == 404:
        return translate(
            "SchoolView",
            "this school server is older than the School view: ask school IT to update it",
        )
    return str(error)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Level(enum.Enum):
    GRADES = "grades"
    CLASSES = "classes"
    STUDENTS = "students"


class SchoolViewPresenter:
    """Where the principal is (level, grade, class, content area) and the table for it."""

    def __init__(self, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._now = now
        self.fetched: FetchedMonth | None = None
        self.level = Level.GRADES
        self.grade: str | None = None
        self.section_id: str | None = None
        self.content_area_id: str | None = None
        #: The school year's months, month by month, while the trend is shown.
        self.trend: list[SchoolMonthFigures] | None = None

    # -- what is shown ------------------------------------------------------------------

    def show(self, fetched: FetchedMonth) -> None:
        """New figures (another month, or fetched again): keep the place when it still
        exists in them, else go up to where it does."""
        self.fetched = fetched
        figures = fetched.figures
        area_ids = [area_id for area_id, _name in figures.areas]
        if self.content_area_id not in area_ids:
            self.content_area_id = area_ids[0] if area_ids else None
        if self.section_id is not None and not any(
            c.id == self.section_id and self.content_area_id in c.area_ids for c in figures.classes
        ):
            self.section_id = None
            self.level = Level.CLASSES if self.level is Level.STUDENTS else self.level
        if self.grade is not None and not any(
            c.grade == self.grade and self.content_area_id in c.area_ids for c in figures.classes
        ):
            self.grade, self.section_id, self.level = None, None, Level.GRADES

    def areas(self) -> list[tuple[str, str]]:
        return [] if self.fetched is None else list(self.fetched.figures.areas)

    def choose_area(self, area_id: str) -> None:
        self.content_area_id = area_id
        if self.fetched is not None:
            self.show(self.fetched)

    def table(self) -> ReportTable | None:
        """The table for where the principal is (``None`` before any figures)."""
        if self.fetched is None or self.content_area_id is None:
            return None
        figures, area = self.fetched.figures, self.content_area_id
        if self.trend:
            table = trend_table(
                self.trend,
                content_area_id=area,
                grade=self.grade if self.level is not Level.GRADES else None,
                section_id=self.section_id if self.level is Level.STUDENTS else None,
            )
            shown = {(m.year, m.month) for m in self.trend}
            missing = [
                month_label(y, m)
                for y, m in school_year_months(figures.year, figures.month)
                if (y, m) not in shown
            ]
            if not missing:
                return table
            note = translate(
                "SchoolView",
                "Not shown: {months} (the server could not be asked and this laptop kept none).",
            ).format(months=", ".join(missing))
            return dataclasses.replace(table, notes=(*table.notes, note))
        if self.level is Level.STUDENTS and self.section_id is not None:
            return class_table(figures, section_id=self.section_id, content_area_id=area)
        if self.level is Level.CLASSES and self.grade is not None:
            return school_table(figures, grade=self.grade, content_area_id=area)
        return grade_table(figures, content_area_id=area)

    def _row_keys(self) -> list[str]:
        """What each row of the table opens: a grade, or a class's id (in row order); a
        trend's months open nothing."""
        if self.fetched is None or self.content_area_id is None or self.trend:
            return []
        figures, area = self.fetched.figures, self.content_area_id
        if self.level is Level.GRADES:
            return grades_in(figures, content_area_id=area)
        if self.level is Level.CLASSES:
            return [c.id for c in ordered_classes(figures, grade=self.grade, content_area_id=area)]
        return []

    def crumbs(self) -> str:
        """Where the table is, from the school down."""
        if self.fetched is None:
            return ""
        figures = self.fetched.figures
        parts = [figures.school_name]
        if self.level is not Level.GRADES and self.grade is not None:
            parts.append(translate("SchoolView", "Grade {grade}").format(grade=self.grade))
        if self.level is Level.STUDENTS and self.section_id is not None:
            parts.append(figures.class_named(self.section_id).name)
        return " / ".join(parts)

    # -- moving ------------------------------------------------------------------------

    def can_open(self, row: int) -> bool:
        return 0 <= row < len(self._row_keys())

    def open_row(self, row: int) -> bool:
        """Down one level, into the grade or class on ``row`` of the table."""
        keys = self._row_keys()
        if not 0 <= row < len(keys):
            return False
        if self.level is Level.GRADES:
            self.grade, self.level = keys[row], Level.CLASSES
        else:
            self.section_id, self.level = keys[row], Level.STUDENTS
        return True

    def can_go_up(self) -> bool:
        return self.level is not Level.GRADES

    def go_up(self) -> bool:
        if self.level is Level.STUDENTS:
            self.section_id, self.level = None, Level.CLASSES
        elif self.level is Level.CLASSES:
            self.grade, self.level = None, Level.GRADES
        else:
            return False
        return True

    # -- how old ------------------------------------------------------------------------

    def freshness(self) -> str:
        """Where the figures came from and how old they are."""
        fetched = self.fetched
        if fetched is None:
            return ""
        age = self._age((self._now() - fetched.computed_at).total_seconds())
        if not fetched.kept:
            return translate(
                "SchoolView", "Figures from the school server, computed {age}."
            ).format(age=age)
        when = self._when(fetched.computed_at)
        if fetched.unreachable:
            return translate(
                "SchoolView",
                "Offline: figures computed {age} ({when}), kept on this laptop. New ones come "
                "when the server can be reached.",
            ).format(age=age, when=when)
        return translate(
            "SchoolView",
            "The school server gave no new figures ({problem}): these were computed {age} "
            "({when}) and kept on this laptop.",
        ).format(age=age, when=when, problem=fetched.problem or "")

    @staticmethod
    def _age(seconds: float) -> str:
        minutes = int(seconds // 60)
        if minutes < 1:
            return translate("SchoolView", "just now")
        if minutes < 60:
            return plural(
                minutes,
                translate("SchoolView", "1 minute ago"),
                translate("SchoolView", "{count} minutes ago").format(count=minutes),
            )
        hours = minutes // 60
        if hours < 48:
            return plural(
                hours,
                translate("SchoolView", "1 hour ago"),
                translate("SchoolView", "{count} hours ago").format(count=hours),
            )
        return translate("SchoolView", "{count} days ago").format(count=hours // 24)

    @staticmethod
    def _when(moment: datetime) -> str:
        local = moment.astimezone()
        return f"{day_and_month(local.date())}, {local:%H:%M}"

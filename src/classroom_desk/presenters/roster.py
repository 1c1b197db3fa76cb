"""What the roster screen shows, decided without Qt: rows, filters, search, order, week.

``RosterViewState`` holds one class-week's rows and narrows and orders them on the
source data (a Qt proxy would call ``data()`` per comparison). ``RosterPresenter``
chooses which class, content area and week those rows come from.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from classroom_desk.domain.figures import (
    Assessment,
    Need,
    Status,
    WeeklyFigures,
    assess,
    percent_text,
)
from classroom_desk.domain.freshness import (
    DataSourceRecord,
    Freshness,
    freshness,
    source_label,
)
from classroom_desk.domain.goals import goal_progress
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.priority import priority_explanation, support_priority
from classroom_desk.domain.records import (
    ContentAreaRecord,
    GoalLine,
    SchoolRecord,
    SectionSummary,
    StudentWeek,
)
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import (
    plural,
    translatable,
    translate,
    week_span,
    weekday_day_and_month,
)

ALL_SECTIONS = "*"


DEFAULT_CONFERENCE_DAYS = 7


class RosterFilter(enum.Enum):
    """The roster's filters, in the order of their shortcuts (Ctrl+1 ... Ctrl+7)."""

    BELOW_MASTERY = "below_mastery"
    UNDER_MINUTES = "under_minutes"
    FEW_UNITS = "few_units"
    TO_REASSIGN = "to_reassign"
    NO_ACTIVITY = "no_activity"
    NOT_CONFERENCED = "not_conferenced"
    TUTORING = "tutoring"

    def label(self, thresholds: Thresholds) -> str:
        return {
            RosterFilter.BELOW_MASTERY: translate("RosterFilter", "Below {average}%").format(
                average=f"{thresholds.target_average:.0f}"
            ),
            RosterFilter.UNDER_MINUTES: translate("RosterFilter", "Under {minutes} min").format(
                minutes=thresholds.min_weekly_minutes
            ),
            RosterFilter.FEW_UNITS: translate("RosterFilter", "Fewer than {units} mastered").format(
                units=thresholds.weekly_units_target
            ),
            RosterFilter.TO_REASSIGN: translate("RosterFilter", "To reassign"),
            RosterFilter.NO_ACTIVITY: translate("RosterFilter", "No activity"),
            RosterFilter.NOT_CONFERENCED: translate(
                "RosterFilter", "Not seen in {days} days"
            ).format(days=DEFAULT_CONFERENCE_DAYS),
            RosterFilter.TUTORING: translate("RosterFilter", "Tutoring this week"),
        }[self]

    def description(self, thresholds: Thresholds) -> str:
        return {
            RosterFilter.BELOW_MASTERY: translate(
                "RosterFilter", "Average unit score this week under {average}%"
            ).format(average=f"{thresholds.target_average:.0f}"),
            RosterFilter.UNDER_MINUTES: translate(
                "RosterFilter", "Fewer than {minutes} minutes this week"
            ).format(minutes=thresholds.min_weekly_minutes),
            RosterFilter.FEW_UNITS: translate(
                "RosterFilter",
                "Fewer than {units} units mastered (scored {mastery}% or more) this week",
            ).format(
                units=thresholds.weekly_units_target, mastery=f"{thresholds.mastery_score:.0f}"
            ),
            RosterFilter.TO_REASSIGN: translate(
                "RosterFilter",
                "Has units whose latest score is under {mastery}% and that were not "
                "reassigned since",
            ).format(mastery=f"{thresholds.mastery_score:.0f}"),
            RosterFilter.NO_ACTIVITY: translate(
                "RosterFilter", "No minutes and no units this week"
            ),
            RosterFilter.NOT_CONFERENCED: translate(
                "RosterFilter", "No conference note in the last {days} days"
            ).format(days=DEFAULT_CONFERENCE_DAYS),
            RosterFilter.TUTORING: translate(
                "RosterFilter", "In a tutoring group, or tutored this week"
            ),
        }[self]


_FILTER_OF_NEED = {
    Need.BELOW_MASTERY: RosterFilter.BELOW_MASTERY,
    Need.UNDER_MINUTES: RosterFilter.UNDER_MINUTES,
    Need.FEW_UNITS: RosterFilter.FEW_UNITS,
    Need.TO_REASSIGN: RosterFilter.TO_REASSIGN,
    Need.NO_ACTIVITY: RosterFilter.NO_ACTIVITY,
}


class Column(enum.Enum):
    NAME = translatable("Column", "Student")
    STATUS = translatable("Column", "Status")
    MINUTES = translatable("Column", "Minutes")
    MASTERED = translatable("Column", "Mastered")
    AVERAGE = translatable("Column", "Average")
    TO_REASSIGN = translatable("Column", "To reassign")
    PENDING = translatable("Column", "Reassigned")
    GOALS = translatable("Column", "Goals met")
    TUTORING = translatable("Column", "Tutoring")
    LAST_CONFERENCE = translatable("Column", "Last seen")
    LAST_ACTIVITY = translatable("Column", "Last activity")
    PRIORITY = translatable("Column", "Priority")

    @property
    def label(self) -> str:
        """The column's heading in the teacher's language (the value is its English)."""
        return translate("Column", self.value)


COLUMNS: tuple[Column, ...] = tuple(Column)
NUMERIC_COLUMNS = frozenset(
    {
        Column.MINUTES,
        Column.MASTERED,
        Column.AVERAGE,
        Column.TO_REASSIGN,
        Column.PENDING,
        Column.PRIORITY,
    }
)


@dataclass(frozen=True, slots=True)
class GoalTally:
    """Active goals in the roster's content area, and how many this week's data meets."""

    met: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class RosterRow:
    student_id: str
    name: str
    name_key: tuple[str, str]
    grade: str
    figures: WeeklyFigures
    assessment: Assessment
    priority: float
    flags: frozenset[RosterFilter]
    reassigned_pending: int = 0
    days_since_conference: int | None = None
    goals: GoalTally = GoalTally()
    #: Tutoring this week: (sessions, minutes); None for a student not being tutored.
    tutoring: tuple[int, int] | None = None
    #: The average as the roster shows it (never rounded across the school's target).
    average_text: str = "—"

    @classmethod
    def from_week(
        cls,
        week: StudentWeek,
        thresholds: Thresholds,
        *,
        days_since_conference: int | None = None,
        goals: GoalTally = GoalTally(),
        tutoring: tuple[int, int] | None = None,
    ) -> RosterRow:
        assessment = assess(week.figures, thresholds)
        flags = {_FILTER_OF_NEED[need] for need in assessment.needs}
        if tutoring is not None:
            flags.add(RosterFilter.TUTORING)
        if days_since_conference is None or days_since_conference >= DEFAULT_CONFERENCE_DAYS:
            flags.add(RosterFilter.NOT_CONFERENCED)
        return cls(
            student_id=week.student_id,
            name=f"{week.given_name} {week.family_name}",
            name_key=(week.family_name.casefold(), week.given_name.casefold()),
            grade=week.grade,
            figures=week.figures,
            assessment=assessment,
            priority=support_priority(week.figures, thresholds, days_since_conference),
            flags=frozenset(flags),
            reassigned_pending=week.reassigned_pending,
            days_since_conference=days_since_conference,
            goals=goals,
            tutoring=tutoring,
            average_text=(
                "—"
                if week.figures.average_score is None
                else percent_text(week.figures.average_score, thresholds.target_average)
            ),
        )

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def from_summary(self) -> bool:
        """Some of this week's figures came from a platform summary (no unit detail)."""
        return self.figures.from_summary


def summary_note(figures: WeeklyFigures) -> str:
    """Which of the week's figures came from a platform summary rather than unit rows."""
    if not figures.from_summary:
        return ""
    return translate(
        "Roster",
        "Includes a platform summary: {minutes} min, {completed} units completed and "
        "{passed} passed, with no per-unit detail to reassign from",
    ).format(
        minutes=figures.summary_minutes,
        completed=figures.summary_units_completed,
        passed=figures.summary_units_mastered,
    )


# By member name: enum members hash in Python, their names are plain strings (a first
# sort by status reads 5,000 of these).
_STATUS_RANK = {status._name_: rank for rank, status in enumerate(Status)}

# The value each column sorts by; ``None`` sorts last in either direction.
_SORT_KEYS: dict[Column, Callable[[RosterRow], Any]] = {
    Column.NAME: lambda row: row.name_key,
    Column.STATUS: lambda row: _STATUS_RANK[row.assessment.status._name_],
    Column.MINUTES: lambda row: row.figures.minutes,
    Column.MASTERED: lambda row: row.figures.units_mastered,
    Column.AVERAGE: lambda row: row.figures.average_score,
    Column.TO_REASSIGN: lambda row: row.figures.units_to_reassign,
    Column.PENDING: lambda row: row.reassigned_pending,
    Column.GOALS: lambda row: (row.goals.met, row.goals.total) if row.goals.total else None,
    Column.TUTORING: lambda row: None if row.tutoring is None else row.tutoring[::-1],
    Column.LAST_CONFERENCE: lambda row: row.days_since_conference,
    Column.LAST_ACTIVITY: lambda row: row.figures.last_activity,
    Column.PRIORITY: lambda row: row.priority,
}


def format_cell(row: RosterRow, column: Column, calendar: SchoolCalendar) -> str:
    figures = row.figures
    if column is Column.NAME:
        return row.name
    if column is Column.STATUS:
        return row.status.label
    if column is Column.MINUTES:
        return str(figures.minutes)
    if column is Column.MASTERED:
        return str(figures.units_mastered)
    if column is Column.AVERAGE:
        return row.average_text
    if column is Column.TO_REASSIGN:
        return str(figures.units_to_reassign) if figures.units_to_reassign else ""
    if column is Column.PENDING:
        return str(row.reassigned_pending) if row.reassigned_pending else ""
    if column is Column.GOALS:
        if not row.goals.total:
            return ""
        return translate("Roster", "{met} of {total}").format(
            met=row.goals.met, total=row.goals.total
        )
    if column is Column.TUTORING:
        if row.tutoring is None:
            return ""
        return translate("Roster", "{sessions} · {minutes} min").format(
            sessions=row.tutoring[0], minutes=row.tutoring[1]
        )
    if column is Column.LAST_CONFERENCE:
        return _days_ago(row.days_since_conference)
    if column is Column.LAST_ACTIVITY:
        if figures.last_activity is None:
            return translate("Roster", "never")
        return weekday_day_and_month(calendar.local_date(figures.last_activity))
    return f"{row.priority:.0f}"


def tutoring_words(tutoring: tuple[int, int] | None) -> str:
    if tutoring is None:
        return translate("Roster", "Not in a tutoring group this week")
    sessions, minutes = tutoring
    return plural(
        sessions,
        translate("Roster", "Tutoring this week: {sessions} session, {minutes} minutes"),
        translate("Roster", "Tutoring this week: {sessions} sessions, {minutes} minutes"),
    ).format(sessions=sessions, minutes=minutes)


def or_words(names: Sequence[str]) -> str:
    """``Reading or Math``, ``Reading, Math or Science``: names as one choice."""
    if len(names) < 2:
        return "".join(names)
    return translate("Roster", "{first} or {last}").format(
        first=", ".join(names[:-1]), last=names[-1]
    )


def not_an_area_class_words(
    section: str, area_names: Sequence[str], *, others_have_areas: bool
) -> str:
    """Why a class (an art class of the school's roster) shows no minutes or units, as
    the roster and the Skills Summary say it; with where to go when another class has an
    area."""
    areas = or_words(area_names)
    words = translate(
        "Roster",
        "{section} is not a {areas} class: Classroom Desk shows minutes and units of "
        "{areas} classes only.",
    ).format(section=section, areas=areas)
    if others_have_areas:
        words += " " + translate("Roster", "Choose one in the Class box.")
    return words


def _days_ago(days: int | None) -> str:
    if days is None:
        return translate("Roster", "never")
    if days == 0:
        return translate("Roster", "today")
    if days == 1:
        return translate("Roster", "yesterday")
    return translate("Roster", "{days} days ago").format(days=days)


def row_tooltip(row: RosterRow, column: Column) -> str:
    if column is Column.PRIORITY:
        return f"{row.priority:.1f}. {priority_explanation()}"
    if column is Column.PENDING:
        return translate("Roster", "Units reassigned and waiting for the student's retry")
    if column is Column.GOALS:
        return translate("Roster", "Active goals in this content area that this week's data meets")
    if column is Column.TUTORING:
        return tutoring_words(row.tutoring)
    note = summary_note(row.figures)
    return f"{row.name}: {status_line(row.assessment)}" + (f". {note}" if note else "")


def status_line(assessment: Assessment) -> str:
    """The status and what is behind it, as the panel's first line and the roster's
    tooltip say it: ``Needs units: 1 of 2 mastered``, ``On track: every weekly target met``."""
    reasons = "; ".join(assessment.reasons)
    if assessment.status is Status.ON_TRACK:
        met = translate("Status", "every weekly target met")
        reasons = f"{met}; {reasons}" if reasons else met
    return translate("Status", "{status}: {reasons}").format(
        status=assessment.status.label, reasons=reasons
    )


#: Each filter as one bit, so a row's flags are one int: a filter test is an ``&`` and the
#: chip counts tally a few distinct ints (enum members hash in Python, ints in C).
_FILTER_BITS: dict[RosterFilter, int] = {f: 1 << n for n, f in enumerate(RosterFilter)}


def _flag_bits(flags: frozenset[RosterFilter]) -> int:
    bits = 0
    for flag in flags:
        bits |= _FILTER_BITS[flag]
    return bits


@dataclass(slots=True)
class _RowsIndex:
    """What filtering and sorting one ``set_rows`` need, worked out once per set of rows.

    Rows never change between ``set_rows`` calls (a new week or new figures make new
    rows), so each column's order, each row's filter bits, the folded names and the
    chip counts for a search are computed the first time they are asked for and kept.
    """

    rows: list[RosterRow]
    bits: list[int]
    # Each column's sort value for each row (name order), read while the new rows are
    # fresh in memory: a first sort by a column then only sorts (read later, 5,000 rows
    # cost a few milliseconds more in cache misses than the sort itself).
    values: dict[Column, list[Any]]
    folded: list[str] | None = None
    # (column, descending) -> the rows in that order, their filter bits and their
    # name-order positions (where a search's matches are) alongside.
    orders: dict[tuple[Column, bool], tuple[list[RosterRow], list[int], list[int]]] = field(
        default_factory=dict
    )
    # The last search's matches (name-order positions) and its chip counts.
    search: str = ""
    matches: list[bool] | None = None
    counts: dict[RosterFilter, int] | None = None

    @classmethod
    def of(cls, rows: list[RosterRow]) -> _RowsIndex:
        bits_of: dict[frozenset[RosterFilter], int] = {}
        bits = []
        for row in rows:
            value = bits_of.get(row.flags)
            if value is None:
                value = bits_of[row.flags] = _flag_bits(row.flags)
            bits.append(value)
        values: dict[Column, list[Any]] = {
            column: [key(row) for row in rows]
            for column, key in _SORT_KEYS.items()
            if column is not Column.NAME  # name order is the rows' own
        }
        return cls(rows=rows, bits=bits, values=values)

    def ordered(
        self, column: Column, descending: bool
    ) -> tuple[list[RosterRow], list[int], list[int]]:
        """All rows sorted by the column, ties by name, missing values last.

        ``self.rows`` are in name order and Python's sort is stable even reversed, so
        equal values stay in name order; filtering an order keeps it, so filtering
        after sorting gives what sorting after filtering would.
        """
        found = self.orders.get((column, descending))
        if found is not None:
            return found
        count = len(self.rows)
        if column is Column.NAME:
            positions = list(range(count - 1, -1, -1) if descending else range(count))
        else:
            values = self.values[column]
            present = [n for n in range(count) if values[n] is not None]
            missing = [n for n in range(count) if values[n] is None]
            present.sort(key=values.__getitem__, reverse=descending)
            positions = present + missing
        rows, bits = self.rows, self.bits
        found = ([rows[n] for n in positions], [bits[n] for n in positions], positions)
        self.orders[(column, descending)] = found
        return found

    def searched(self, needle: str) -> tuple[list[bool] | None, dict[RosterFilter, int]]:
        """Which rows (name order) a folded, stripped search matches, and each chip's count."""
        if self.counts is None or needle != self.search:
            self.search = needle
            if needle:
                if self.folded is None:
                    self.folded = [row.name.casefold() for row in self.rows]
                self.matches = [needle in name for name in self.folded]
                tally = Counter(b for b, hit in zip(self.bits, self.matches, strict=True) if hit)
            else:
                self.matches = None
                tally = Counter(self.bits)
            self.counts = {
                f: sum(n for bits, n in tally.items() if bits & bit)
                for f, bit in _FILTER_BITS.items()
            }
        return self.matches, self.counts


@dataclass(slots=True)
class RosterViewState:
    """One class-week's rows, narrowed by filters and search, in the chosen order.

    Filters combine with "any" (a student with either need is shown) or "all"; each
    filter's count is how many students it alone matches within the search.
    """

    rows: list[RosterRow] = field(default_factory=list)
    active_filters: set[RosterFilter] = field(default_factory=set)
    match_all: bool = False
    search: str = ""
    sort_column: Column = Column.PRIORITY
    sort_descending: bool = True
    visible: list[RosterRow] = field(default_factory=list)
    filter_counts: dict[RosterFilter, int] = field(default_factory=dict)
    _index: _RowsIndex | None = field(default=None, repr=False, compare=False)

    def set_rows(self, rows: Sequence[RosterRow]) -> None:
        self.rows = sorted(rows, key=lambda row: row.name_key)
        self.refresh()

    def update_rows(self, rows: Sequence[RosterRow]) -> None:
        """New figures for the same list: the students shown keep their places (nobody
        moves under the teacher after a note or a reassignment); those the filters now
        hide leave, and any that now match join at the end in the chosen order. The
        next sort, filter or search orders the list afresh."""
        places = {row.student_id: n for n, row in enumerate(self.visible)}
        self.set_rows(rows)
        end = len(places)
        self.visible.sort(key=lambda row: places.get(row.student_id, end))

    def set_filter(self, roster_filter: RosterFilter, active: bool) -> None:
        if active:
            self.active_filters.add(roster_filter)
        else:
            self.active_filters.discard(roster_filter)
        self.refresh()

    def set_match_all(self, match_all: bool) -> None:
        self.match_all = match_all
        self.refresh()

    def set_search(self, text: str) -> None:
        self.search = text
        self.refresh()

    def sort_by(self, column: Column, descending: bool) -> None:
        self.sort_column, self.sort_descending = column, descending
        self.refresh()

    def refresh(self) -> None:
        index = self._index
        if index is None or index.rows is not self.rows:  # new rows: start afresh
            index = self._index = _RowsIndex.of(self.rows)
        matches, counts = index.searched(self.search.strip().casefold())
        self.filter_counts = dict(counts)
        rows, bits, positions = index.ordered(self.sort_column, self.sort_descending)
        wanted = 0
        for roster_filter in self.active_filters:
            wanted |= _FILTER_BITS[roster_filter]
        if matches is not None:
            rows = [r for r, n in zip(rows, positions, strict=True) if matches[n]]
            bits = [b for b, n in zip(bits, positions, strict=True) if matches[n]]
        if not wanted:
            self.visible = list(rows)
        elif self.match_all:
            self.visible = [r for r, b in zip(rows, bits, strict=True) if b & wanted == wanted]
        else:
            self.visible = [r for r, b in zip(rows, bits, strict=True) if b & wanted]


class RosterSource(Protocol):
    """Where roster data comes from (the store's ``RosterQueries``)."""

    def school(self) -> SchoolRecord | None: ...

    def sections(self) -> list[SectionSummary]: ...

    def content_areas(self) -> list[ContentAreaRecord]: ...

    def weekly_roster(
        self,
        *,
        section_ids: Sequence[str],
        content_area_id: str,
        start_utc: datetime,
        end_utc: datetime,
        thresholds: Thresholds,
    ) -> list[StudentWeek]: ...


class FreshnessSource(Protocol):
    """When each data source was last imported (the store's ``RosterQueries``)."""

    def data_sources(self) -> list[DataSourceRecord]: ...


class GoalSource(Protocol):
    """Active goals (the store's ``ConferenceQueries``)."""

    def active_goals(self, *, student_ids: Sequence[str]) -> list[GoalLine]: ...


class TutoringSource(Protocol):
    """Who is being tutored (the store's ``RosterQueries``)."""

    def tutoring_week(
        self, *, student_ids: Sequence[str], week: date
    ) -> dict[str, tuple[int, int]]: ...


class WeekMode(enum.Enum):
    CURRENT = "current"  # follows the calendar: reopening next Monday shows the new week
    PINNED = "pinned"  # stays on a chosen week


@dataclass(frozen=True, slots=True)
class RosterSettings:
    """What the window remembers between sessions, as plain values."""

    section_id: str | None = None
    content_area_id: str | None = None
    week_mode: WeekMode = WeekMode.CURRENT
    pinned_week: date | None = None
    filters: frozenset[RosterFilter] = frozenset()
    match_all: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "section_id": self.section_id or "",
            "content_area_id": self.content_area_id or "",
            "week_mode": self.week_mode.value,
            "pinned_week": self.pinned_week.isoformat() if self.pinned_week else "",
            "filters": ",".join(sorted(f.name for f in self.filters)),
            "match_all": "1" if self.match_all else "0",
        }

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> RosterSettings:
        """Tolerant of missing or stale values: anything unreadable falls back to defaults."""

        def text(key: str) -> str:
            value = values.get(key)
            return value if isinstance(value, str) else ""

        try:
            pinned = date.fromisoformat(text("pinned_week")) if text("pinned_week") else None
        except ValueError:
            pinned = None
        mode = WeekMode.PINNED if text("week_mode") == "pinned" and pinned else WeekMode.CURRENT
        names = {f.name: f for f in RosterFilter}
        return cls(
            section_id=text("section_id") or None,
            content_area_id=text("content_area_id") or None,
            week_mode=mode,
            pinned_week=pinned,
            filters=frozenset(names[n] for n in text("filters").split(",") if n in names),
            match_all=text("match_all") == "1",
        )


class RosterChange(enum.Enum):
    CONTEXT = "context"  # class, area or week changed: rows replaced
    VIEW = "view"  # filters or search changed: same rows, maybe others shown
    ORDER = "order"  # the order changed: the same students shown, moved
    FIGURES = "figures"  # the same list's figures read again (after an action or a sync)


@dataclass(slots=True)
class RosterPresenter:
    """Chooses class, content area and week, and loads that roster into the view state."""

    source: RosterSource
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    state: RosterViewState = field(default_factory=RosterViewState)
    school: SchoolRecord | None = None
    calendar: SchoolCalendar = field(default_factory=lambda: SchoolCalendar.named("UTC"))
    sections: list[SectionSummary] = field(default_factory=list)
    content_areas: list[ContentAreaRecord] = field(default_factory=list)
    section_id: str = ALL_SECTIONS
    content_area_id: str = ""
    week: date = date.min
    week_mode: WeekMode = WeekMode.CURRENT
    listeners: list[Callable[[RosterChange], None]] = field(default_factory=list)
    goals: GoalSource | None = None
    tutoring: TutoringSource | None = None
    sources: FreshnessSource | None = None
    #: How fresh each data source is, as of the last load (roster first).
    freshness: list[Freshness] = field(default_factory=list)

    @property
    def thresholds(self) -> Thresholds:
        return self.school.thresholds if self.school else Thresholds()

    def start(self, settings: RosterSettings, *, keep_list: bool = False) -> None:
        """Load the school and restore remembered choices that still exist.

        ``keep_list``: the school is read again under the teacher (a sync pulled a new
        policy or classes); if the same class-week is still chosen, its rows keep their
        places as after any action, rather than make a new list."""
        before = (self.section_id, self.content_area_id, self.week)
        self.school = self.source.school()
        if self.school is not None:
            self.calendar = SchoolCalendar.named(
                self.school.time_zone, self.school.first_day_of_week
            )
        self.sections = self.source.sections()
        self.content_areas = self.source.content_areas()
        known_sections = {s.id for s in self.sections}
        if settings.section_id in known_sections or settings.section_id == ALL_SECTIONS:
            self.section_id = settings.section_id
        else:
            self.section_id = self._first_section()
        self.content_area_id = self._area_or_default(settings.content_area_id)
        self.week_mode = settings.week_mode
        current = self.current_week()
        self.week = settings.pinned_week if settings.pinned_week else current
        if self.week_mode is WeekMode.CURRENT or self.calendar.week_start(self.week) != self.week:
            self.week, self.week_mode = current, WeekMode.CURRENT
        self.state.active_filters = set(settings.filters)
        self.state.match_all = settings.match_all
        if keep_list and before == (self.section_id, self.content_area_id, self.week):
            self.refresh_figures()
        else:
            self.reload()

    def _first_section(self) -> str:
        """The first class that works in a content area (an imported roster also has
        art or music classes, which have no figures to show), else the first class."""
        with_areas = [s.id for s in self.sections if s.content_area_ids]
        if with_areas:
            return with_areas[0]
        return self.sections[0].id if self.sections else ALL_SECTIONS

    def settings(self) -> RosterSettings:
        return RosterSettings(
            section_id=self.section_id,
            content_area_id=self.content_area_id,
            week_mode=self.week_mode,
            pinned_week=self.week if self.week_mode is WeekMode.PINNED else None,
            filters=frozenset(self.state.active_filters),
            match_all=self.state.match_all,
        )

    def current_week(self) -> date:
        return self.calendar.current_week(self.now())

    def section_area_ids(self) -> tuple[str, ...]:
        """Content areas the chosen class works in (all of them for "All classes")."""
        if self.section_id == ALL_SECTIONS:
            in_use = {a for s in self.sections for a in s.content_area_ids}
        else:
            in_use = {
                a for s in self.sections if s.id == self.section_id for a in s.content_area_ids
            }
        return tuple(a.id for a in self.content_areas if a.id in in_use)

    def no_area_words(self) -> str:
        """Why there is no list when the chosen class (or every class, for "All classes")
        works in none of the content areas: an imported roster also has art or music
        classes. Names the class and the areas the app follows, and what to do. Empty
        when there is a content area to show."""
        if self.content_area_id:
            return ""
        if not self.sections:
            return translate(
                "Roster",
                "No classes yet. Import a roster (File menu), or sign in to the school server.",
            )
        if not self.content_areas:
            return translate(
                "Roster", "No content area is set up yet: there are no minutes or units to show."
            )
        areas = or_words([area.name for area in self.content_areas])
        section = next((s.name for s in self.sections if s.id == self.section_id), None)
        if section is None:  # "All classes"
            return translate(
                "Roster",
                "None of the classes is a {areas} class: Classroom Desk shows minutes and "
                "units of {areas} classes only.",
            ).format(areas=areas)
        return not_an_area_class_words(
            section,
            [area.name for area in self.content_areas],
            others_have_areas=any(s.content_area_ids for s in self.sections),
        )

    def _area_or_default(self, wanted: str | None) -> str:
        available = self.section_area_ids()
        if wanted in available:
            return wanted
        return available[0] if available else ""

    def select_section(self, section_id: str) -> None:
        self.section_id = section_id
        self.content_area_id = self._area_or_default(self.content_area_id)
        self.reload()

    def select_content_area(self, content_area_id: str) -> None:
        self.content_area_id = self._area_or_default(content_area_id)
        self.reload()

    def shift_week(self, weeks: int) -> None:
        self.go_to_week(self.week + timedelta(weeks=weeks))

    def go_to_week(self, week: date) -> None:
        self.week = self.calendar.week_start(week)
        current = self.current_week()
        self.week_mode = WeekMode.CURRENT if self.week == current else WeekMode.PINNED
        self.reload()

    def go_to_this_week(self) -> None:
        self.go_to_week(self.current_week())

    def week_label(self) -> str:
        span = week_span(self.week)
        if self.week == self.current_week():
            return translate("Roster", "This week · {span}").format(span=span)
        return translate("Roster", "Week of {span}").format(span=span)

    def load_freshness(self) -> list[Freshness]:
        """Each source's "as of" line, now, in the school's time zone and week."""
        if self.sources is None:
            self.freshness = []
            return self.freshness
        now = self.now().astimezone(self.calendar.time_zone)
        first_day = self.calendar.first_day
        self.freshness = [
            freshness(
                source_label(record),
                record.imported_at.replace(tzinfo=UTC).astimezone(self.calendar.time_zone),
                now,
                first_day,
            )
            for record in self.sources.data_sources()
        ]
        return self.freshness

    def reload(self) -> None:
        """The chosen class-week read afresh, in the chosen order (a new list)."""
        self.load_freshness()
        self.state.set_rows(self._rows(self._weeks()))
        self._notify(RosterChange.CONTEXT)

    def refresh_figures(self) -> None:
        """The same list with its figures read again: rows keep their places."""
        self.load_freshness()  # an import or a sync changes how fresh the figures are
        self.state.update_rows(self._rows(self._weeks()))
        self._notify(RosterChange.FIGURES)

    def _weeks(self) -> list[StudentWeek]:
        # "All classes" means every class that works in the chosen content area.
        section_ids = (
            [s.id for s in self.sections if self.content_area_id in s.content_area_ids]
            if self.section_id == ALL_SECTIONS
            else [self.section_id]
        )
        if not self.content_area_id:
            return []
        start, end = self.calendar.utc_bounds(self.week)
        return self.source.weekly_roster(
            section_ids=section_ids,
            content_area_id=self.content_area_id,
            start_utc=start,
            end_utc=end,
            thresholds=self.thresholds,
        )

    def _rows(self, weeks: Sequence[StudentWeek]) -> list[RosterRow]:
        """Roster rows with days since the last conference and this week's goal tally."""
        thresholds = self.thresholds
        today = self.calendar.local_date(self.now())
        tallies: dict[str, GoalTally] = {}
        if self.goals is not None and weeks:
            figures = {w.student_id: w.figures for w in weeks}
            for goal in self.goals.active_goals(student_ids=list(figures)):
                if goal.content_area_id != self.content_area_id:
                    continue
                met = goal_progress(goal.kind, goal.target, figures[goal.student_id]).met
                tally = tallies.get(goal.student_id, GoalTally())
                tallies[goal.student_id] = GoalTally(tally.met + int(met), tally.total + 1)
        tutored: dict[str, tuple[int, int]] = {}
        if self.tutoring is not None and weeks:
            tutored = self.tutoring.tutoring_week(
                student_ids=[w.student_id for w in weeks], week=self.week
            )
        return [
            RosterRow.from_week(
                week,
                thresholds,
                days_since_conference=(
                    None
                    if week.last_conference_at is None
                    else max(0, (today - self.calendar.local_date(week.last_conference_at)).days)
                ),
                goals=tallies.get(week.student_id, GoalTally()),
                tutoring=tutored.get(week.student_id),
            )
            for week in weeks
        ]

    def set_filter(self, roster_filter: RosterFilter, active: bool) -> None:
        self.state.set_filter(roster_filter, active)
        self._notify(RosterChange.VIEW)

    def set_match_all(self, match_all: bool) -> None:
        self.state.set_match_all(match_all)
        self._notify(RosterChange.VIEW)

    def set_search(self, text: str) -> None:
        self.state.set_search(text)
        self._notify(RosterChange.VIEW)

    def sort_by(self, column: Column, descending: bool) -> None:
        self.state.sort_by(column, descending)
        self._notify(RosterChange.ORDER)

    def _notify(self, change: RosterChange) -> None:
        for listener in self.listeners:
            listener(change)

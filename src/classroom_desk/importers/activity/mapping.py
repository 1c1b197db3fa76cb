"""Which CSV column holds which field, and how its values are written: guessed from the
file (:mod:`classroom_desk.importers.activity.guess`), confirmed by the teacher, saved per
source (the learning platform) in the store with the header it was made for, so the same
export next week is read the same way without questions.
"""

from __future__ import annotations

import enum
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from classroom_desk.i18n import day_and_month, translatable, translate
from classroom_desk.importers.activity.values import Clock, ScoreScale
from classroom_desk.store.timefmt import to_db_time


class ExportKind(enum.Enum):
    ATTEMPTS = "attempts"  # one row per unit attempt
    SUMMARY = "summary"  # one row per student, subject and date range


class ActivityField(enum.Enum):
    """A field the import reads; the value is its English label (``label`` is the
    teacher's language)."""

    STUDENT_ID = translatable("ActivityFields", "Student ID")
    STUDENT_NAME = translatable("ActivityFields", "Student name")
    FIRST_NAME = translatable("ActivityFields", "First name")
    LAST_NAME = translatable("ActivityFields", "Last name")
    CONTENT_AREA = translatable("ActivityFields", "Content area")
    UNIT_CODE = translatable("ActivityFields", "Unit code")
    UNIT_TITLE = translatable("ActivityFields", "Unit title")
    SCORE = translatable("ActivityFields", "Score")
    POINTS = translatable("ActivityFields", "Points earned")
    POINTS_POSSIBLE = translatable("ActivityFields", "Points possible")
    MINUTES = translatable("ActivityFields", "Minutes")
    COMPLETED_AT = translatable("ActivityFields", "Date")
    ATTEMPT_ID = translatable("ActivityFields", "Attempt ID")
    RANGE_START = translatable("ActivityFields", "Date range start")
    RANGE_END = translatable("ActivityFields", "Date range end")
    UNITS_COMPLETED = translatable("ActivityFields", "Units completed")
    UNITS_PASSED = translatable("ActivityFields", "Units passed")
    AVERAGE_SCORE = translatable("ActivityFields", "Average score")

    @property
    def label(self) -> str:
        """The field's name in the teacher's language ("Student ID")."""
        return translate("ActivityFields", self.value)

    # Members are singletons: hashing by identity keeps per-row dict lookups in C.
    __hash__ = object.__hash__


#: The fields the mapping dialog offers for each kind of export, in dialog order.
FIELDS_OF_KIND: dict[ExportKind, tuple[ActivityField, ...]] = {
    ExportKind.ATTEMPTS: (
        ActivityField.STUDENT_ID,
        ActivityField.STUDENT_NAME,
        ActivityField.FIRST_NAME,
        ActivityField.LAST_NAME,
        ActivityField.CONTENT_AREA,
        ActivityField.UNIT_CODE,
        ActivityField.UNIT_TITLE,
        ActivityField.SCORE,
        ActivityField.POINTS,
        ActivityField.POINTS_POSSIBLE,
        ActivityField.MINUTES,
        ActivityField.COMPLETED_AT,
        ActivityField.ATTEMPT_ID,
    ),
    ExportKind.SUMMARY: (
        ActivityField.STUDENT_ID,
        ActivityField.STUDENT_NAME,
        ActivityField.FIRST_NAME,
        ActivityField.LAST_NAME,
        ActivityField.CONTENT_AREA,
        ActivityField.RANGE_START,
        ActivityField.RANGE_END,
        ActivityField.MINUTES,
        ActivityField.UNITS_COMPLETED,
        ActivityField.UNITS_PASSED,
        ActivityField.AVERAGE_SCORE,
    ),
}


class PeriodRule(enum.Enum):
    """Which dates a file without a per-row date covers."""

    FILE_WEEK = "file-week"  # the school week the file was written in (a nightly export)
    FIXED = "fixed"  # the dates the teacher chose for this one file


@dataclass(frozen=True, slots=True)
class Period:
    """The dates of a weekly or period export that has no date column."""

    rule: PeriodRule = PeriodRule.FILE_WEEK
    start: date | None = None
    end: date | None = None

    @classmethod
    def fixed(cls, start: date, end: date) -> Period:
        return cls(PeriodRule.FIXED, start, end)

    def dates(self, file_day: date, week_start: Callable[[date], date]) -> tuple[date, date]:
        """(first, last) day covered: the chosen days, or the school week of ``file_day``."""
        if self.rule is PeriodRule.FIXED and self.start is not None and self.end is not None:
            return self.start, self.end
        first = week_start(file_day)
        return first, first + timedelta(days=6)

    def describe(self) -> str:
        if self.rule is PeriodRule.FIXED and self.start is not None and self.end is not None:
            return translate("ActivityImport", "{start} to {end}, {year}").format(
                start=day_and_month(self.start), end=day_and_month(self.end), year=self.end.year
            )
        return translate("ActivityImport", "the school week the file was written in")


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Field -> header text as the file spells it. ``content_area`` (an area id or name)
    applies to every row when the file has no content-area column, as ``period`` gives the
    dates of a file with no date column. Slash dates are read month first (11/16/2026)
    unless ``day_first``; ``clock`` says what ``1:35`` means and ``score_scale`` whether
    ``0.79`` is 79%. ``headers`` is the header row the mapping was made for."""

    kind: ExportKind = ExportKind.ATTEMPTS
    columns: Mapping[ActivityField, str] = field(default_factory=dict)
    content_area: str | None = None
    day_first: bool = False
    score_scale: ScoreScale = ScoreScale.PERCENT
    clock: Clock = Clock.HOURS_MINUTES
    period: Period | None = None
    headers: tuple[str, ...] = ()

    def column(self, which: ActivityField) -> str | None:
        return self.columns.get(which)

    def with_column(self, which: ActivityField, header: str | None) -> ColumnMapping:
        columns = {k: v for k, v in self.columns.items() if k is not which}
        if header:
            columns[which] = header
        return replace(self, columns=columns)

    def missing(self) -> list[str]:
        """What the mapping still needs before a file can be imported, in words."""
        has = set(self.columns)
        needs: list[str] = []
        student_fields = {ActivityField.STUDENT_ID, ActivityField.STUDENT_NAME}
        if (
            not has & student_fields
            and not {
                ActivityField.FIRST_NAME,
                ActivityField.LAST_NAME,
            }
            <= has
        ):
            needs.append(
                translate("ActivityImport", "a student ID or name column (or first and last name)")
            )
        if ActivityField.CONTENT_AREA not in has and not self.content_area:
            needs.append(
                translate(
                    "ActivityImport", "a content-area column or one content area for the whole file"
                )
            )
        if self.kind is ExportKind.ATTEMPTS:
            if not has & {ActivityField.UNIT_CODE, ActivityField.UNIT_TITLE}:
                needs.append(translate("ActivityImport", "a unit code or title column"))
            points = {ActivityField.POINTS, ActivityField.POINTS_POSSIBLE}
            if ActivityField.SCORE not in has and not points <= has:
                needs.append(
                    translate(
                        "ActivityImport", "a score column (or points earned and points possible)"
                    )
                )
            if ActivityField.COMPLETED_AT not in has and self.period is None:
                needs.append(
                    translate("ActivityImport", "a date column or the week the file covers")
                )
        else:
            ranges = {ActivityField.RANGE_START, ActivityField.RANGE_END}
            if not ranges <= has and self.period is None:
                needs.append(
                    translate(
                        "ActivityImport",
                        "date range start and end columns or the week the file covers",
                    )
                )
            needs += [
                translate("ActivityImport", "a {field} column").format(field=f.label.lower())
                for f in (
                    ActivityField.MINUTES,
                    ActivityField.UNITS_COMPLETED,
                    ActivityField.UNITS_PASSED,
                )
                if f not in has
            ]
        return needs

    @property
    def dated_by_period(self) -> bool:
        """The file's rows carry no date of their own: ``period`` dates them."""
        if self.kind is ExportKind.ATTEMPTS:
            return ActivityField.COMPLETED_AT not in self.columns
        return not {ActivityField.RANGE_START, ActivityField.RANGE_END} <= set(self.columns)

    def to_json(self) -> str:
        period = None
        if self.period is not None:
            period = {
                "rule": self.period.rule.value,
                "start": None if self.period.start is None else self.period.start.isoformat(),
                "end": None if self.period.end is None else self.period.end.isoformat(),
            }
        return json.dumps(
            {
                "kind": self.kind.value,
                "columns": {f.name: header for f, header in self.columns.items()},
                "content_area": self.content_area,
                "day_first": self.day_first,
                "score_scale": self.score_scale.value,
                "clock": self.clock.value,
                "period": period,
                "headers": list(self.headers),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        period = data.get("period")
        return cls(
            kind=ExportKind(data["kind"]),
            columns={
                ActivityField[name]: header
                for name, header in data["columns"].items()
                if name in ActivityField.__members__
            },
            content_area=data.get("content_area"),
            day_first=bool(data.get("day_first", False)),
            score_scale=ScoreScale(data.get("score_scale", ScoreScale.PERCENT.value)),
            clock=Clock(data.get("clock", Clock.HOURS_MINUTES.value)),
            period=None
            if period is None
            else Period(
                PeriodRule(period["rule"]),
                None if period["start"] is None else date.fromisoformat(period["start"]),
                None if period["end"] is None else date.fromisoformat(period["end"]),
            ),
            headers=tuple(data.get("headers", ())),
        )


def header_key(header: str) -> str:
    """A header as compared: case, punctuation and spacing ignored, ``%`` kept as a word."""
    text = header.replace("%", " percent ").replace("#", " number ").casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Saved mappings.


def save_mapping(
    connection: sqlite3.Connection,
    *,
    source: str,
    mapping: ColumnMapping,
    now: datetime | None = None,
) -> None:
    """Remember ``mapping`` for ``source`` (one short transaction of its own)."""
    moment = now or datetime.now(UTC)
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            "INSERT INTO activity_mapping (source, mapping, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping,"
            " updated_at = excluded.updated_at",
            (source.strip(), mapping.to_json(), to_db_time(moment)),
        )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def load_mapping(connection: sqlite3.Connection, *, source: str) -> ColumnMapping | None:
    row = connection.execute(
        "SELECT mapping FROM activity_mapping WHERE source = ?", (source.strip(),)
    ).fetchone()
    return None if row is None else ColumnMapping.from_json(row[0])


def saved_sources(connection: sqlite3.Connection) -> list[str]:
    """Sources with a saved mapping, most recently used first."""
    rows = connection.execute("SELECT source FROM activity_mapping ORDER BY updated_at DESC")
    return [r[0] for r in rows]


@dataclass(frozen=True, slots=True)
class SavedMatch:
    """A saved mapping that fits a file: ``exact`` when the file's header is the very one
    the mapping was saved for (it is then used without asking)."""

    source: str
    mapping: ColumnMapping
    exact: bool


def mapping_for_headers(
    connection: sqlite3.Connection, headers: Iterable[str]
) -> SavedMatch | None:
    """The saved mapping made for this very header, else the most recently saved one whose
    columns this file all has: a file from a known platform opens with its mapping."""
    header_list = list(headers)
    keys = [header_key(h) for h in header_list]
    present = set(keys)
    rows = connection.execute(
        "SELECT source, mapping FROM activity_mapping ORDER BY updated_at DESC"
    ).fetchall()
    fitting: SavedMatch | None = None
    for source, text in rows:
        mapping = ColumnMapping.from_json(text)
        if mapping.headers and [header_key(h) for h in mapping.headers] == keys:
            return SavedMatch(source, mapping, exact=True)
        if (
            fitting is None
            and mapping.columns
            and all(header_key(h) in present for h in mapping.columns.values())
        ):
            fitting = SavedMatch(source, mapping, exact=False)
    return fitting


def with_headers(mapping: ColumnMapping, headers: Iterable[str]) -> ColumnMapping:
    """``mapping`` remembered for this header row (saved with it)."""
    return replace(mapping, headers=tuple(h.strip() for h in headers))

"""Reading an activity export through its column mapping: the header, then each row's
cells as typed values or, cell by cell, what was expected instead."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Protocol

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import translate
from classroom_desk.importers.activity.mapping import ActivityField, ColumnMapping, ExportKind
from classroom_desk.importers.activity.values import (
    MAX_ATTEMPT_MINUTES,
    MAX_SUMMARY_MINUTES,
    CellProblemError,
    normalize_text,
    read_count,
    read_date,
    read_date_time,
    read_minutes,
    read_optional_score,
    read_points,
    read_score,
)
from classroom_desk.importers.csv_source import CsvLimits, CsvRecord, read_records
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.errors import expected as expected_text

#: Ids of imported rows (units, attempts, summaries) are derived from what they are, so a
#: re-import finds the same rows instead of adding them again.
ACTIVITY_NAMESPACE = uuid.UUID("0b5c3d0e-4a8f-5b7e-9c61-7f2e4a9d1c35")

#: Spellings of content areas beyond their own names and ids.
AREA_SYNONYMS = {
    "math": ("math", "maths", "mathematics", "algebra", "geometry", "numeracy"),
    "reading": ("reading", "ela", "english", "english language arts", "literacy", "language arts"),
}

_STUDENT_FIELDS = (
    ActivityField.STUDENT_ID,
    ActivityField.STUDENT_NAME,
    ActivityField.FIRST_NAME,
    ActivityField.LAST_NAME,
)


def file_date(path: Path, calendar: SchoolCalendar) -> date:
    """The school-local day a file was written (its modification time)."""
    written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return calendar.local_date(written)


def period_days(
    mapping: ColumnMapping, calendar: SchoolCalendar, name: str, file_day: date
) -> tuple[date, date] | None:
    """The days a file without dates covers: one school week at most."""
    if not mapping.dated_by_period or mapping.period is None:
        return None
    first, last = mapping.period.dates(file_day, calendar.week_start)
    if last < first or calendar.week_start(first) != calendar.week_start(last):
        raise InputError(
            name,
            1,
            translate("ActivityImport", "dates"),
            translate(
                "ActivityImport",
                "expected the days the file covers within one school week; {first} "
                "to {last} is not (export it one week at a time)",
            ).format(first=first, last=last),
        )
    return first, last


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(ACTIVITY_NAMESPACE, "\x1f".join(parts)))


class ContentAreas:
    """The school's content areas, found by id, name or a common synonym."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.names: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        for id_, name in connection.execute(
            "SELECT id, name FROM content_area ORDER BY position, name"
        ):
            self.names[id_] = name
            for key in (id_, name):
                self._keys[normalize_text(key)] = id_
        for area_id, words in AREA_SYNONYMS.items():
            target = self._keys.get(area_id)
            for word in words:
                if target is not None:
                    self._keys.setdefault(word, target)

    def find(self, text: str) -> str:
        found = self._keys.get(normalize_text(text))
        if found is None:
            known = ", ".join(self.names.values()) or translate(
                "ActivityImport", "none yet (import a roster first)"
            )
            raise CellProblemError(
                translate(
                    "ActivityImport", "a content area of this school ({known}); found {text}"
                ).format(known=known, text=repr(text))
            )
        return found


class RowSource(Protocol):
    """Rows of unit attempts or summaries as the importer stages them: a mapped export or
    a OneRoster gradebook."""

    name: str

    @property
    def ignored_columns(self) -> list[str]: ...

    def rows(self) -> Iterator[MappedRow]: ...

    def error(self, row: MappedRow) -> InputError: ...

    def column_number(self, which: ActivityField) -> int: ...


@dataclass(frozen=True, slots=True)
class MappedRow:
    """One data row: the typed value of each readable field and the problem of each other."""

    line: int
    texts: dict[ActivityField, str]
    values: dict[ActivityField, object]
    problems: dict[ActivityField, str]
    #: A problem with the row as a whole: (column number, what was expected).
    row_problem: tuple[int, str] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.row_problem is None


class MappedReader:
    """The rows of one export, read through ``mapping`` (``areas`` checks content areas;
    without it they are only read as text, as in a preview without a store). ``period``
    dates the rows of a file without a date column: (first, last) day."""

    def __init__(
        self,
        binary: IO[bytes],
        *,
        name: str,
        mapping: ColumnMapping,
        limits: CsvLimits,
        areas: ContentAreas | None,
        week_of: Callable[[object], object] | None = None,
        period: tuple[date, date] | None = None,
    ) -> None:
        self.name = name
        self.mapping = mapping
        self._records = read_records(binary, name=name, limits=limits)
        self._areas = areas
        self._week_of = week_of
        self._dated: dict[ActivityField, object] = {}
        if period is not None and mapping.dated_by_period:
            first, last = period
            if mapping.kind is ExportKind.ATTEMPTS:
                self._dated = {ActivityField.COMPLETED_AT: (first, None, None)}
            else:
                self._dated = {ActivityField.RANGE_START: first, ActivityField.RANGE_END: last}
        self.headers, self.header_line = self._read_header()
        self.columns = self._resolve_columns()
        self._readers = self._cell_readers()

    def _read_header(self) -> tuple[list[str], int]:
        for record in self._records:
            if any(field.strip() for field in record.fields):
                return [field.strip() for field in record.fields], record.line
        raise InputError(
            self.name, 1, 1, translate("ActivityImport", "expected a header row naming the columns")
        )

    def _resolve_columns(self) -> dict[ActivityField, int]:
        positions: dict[str, int] = {}
        for index, header in enumerate(self.headers):
            positions.setdefault(header.casefold(), index)
        columns: dict[ActivityField, int] = {}
        for which, header in self.mapping.columns.items():
            position = positions.get(header.strip().casefold())
            if position is None:
                raise InputError(
                    self.name,
                    self.header_line,
                    header,
                    translate(
                        "ActivityImport",
                        "expected a column named {header} (the mapping reads {field} from it)",
                    ).format(header=repr(header), field=which.label.lower()),
                )
            columns[which] = position
        return columns

    def column_number(self, which: ActivityField) -> int:
        return self.columns[which] + 1

    @property
    def ignored_columns(self) -> list[str]:
        used = set(self.columns.values())
        return [h for i, h in enumerate(self.headers) if i not in used and h]

    def _cell_readers(self) -> list[tuple[ActivityField, int, Callable[[str], object]]]:
        day_first = self.mapping.day_first
        scale, clock = self.mapping.score_scale, self.mapping.clock
        most = (
            MAX_ATTEMPT_MINUTES if self.mapping.kind is ExportKind.ATTEMPTS else MAX_SUMMARY_MINUTES
        )
        readers: dict[ActivityField, Callable[[str], object]] = {
            ActivityField.SCORE: lambda text: read_score(text, scale=scale),
            ActivityField.AVERAGE_SCORE: lambda text: read_optional_score(text, scale=scale),
            ActivityField.POINTS: read_points,
            ActivityField.POINTS_POSSIBLE: read_points,
            ActivityField.MINUTES: lambda text: read_minutes(text, most=most, clock=clock),
            ActivityField.COMPLETED_AT: lambda text: read_date_time(text, day_first=day_first),
            ActivityField.RANGE_START: lambda text: read_date(text, day_first=day_first),
            ActivityField.RANGE_END: lambda text: read_date(text, day_first=day_first),
            ActivityField.UNITS_COMPLETED: read_count,
            ActivityField.UNITS_PASSED: read_count,
        }
        if self._areas is not None:
            readers[ActivityField.CONTENT_AREA] = self._areas.find
        return [
            (which, index, readers.get(which, str.strip)) for which, index in self.columns.items()
        ]

    def records(self) -> Iterator[list[str]]:
        """The data rows as text, unmapped (blank rows skipped)."""
        for record in self._records:
            if any(field.strip() for field in record.fields):
                yield record.fields

    def rows(self) -> Iterator[MappedRow]:
        width = len(self.headers)
        for record in self._records:
            if not any(field.strip() for field in record.fields):
                continue
            yield self._row(record, width)

    def _row(self, record: CsvRecord, width: int) -> MappedRow:
        fields = record.fields
        texts: dict[ActivityField, str] = {}
        values: dict[ActivityField, object] = dict(self._dated)
        problems: dict[ActivityField, str] = {}
        for which, index, reader in self._readers:
            text = fields[index] if index < len(fields) else ""
            texts[which] = text
            try:
                values[which] = reader(text)
            except CellProblemError as problem:
                problems[which] = problem.expected
        self._check_row(values, problems, texts)
        row_problem = None
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            # Usually an unquoted comma in a name, which shifts every later value.
            row_problem = (
                width + 1,
                translate(
                    "ActivityImport",
                    "at most {width} values, as in the header; this row has "
                    "{count} (an unquoted comma in a value?)",
                ).format(width=width, count=len(fields)),
            )
        return MappedRow(record.line, texts, values, problems, row_problem)

    def _check_row(
        self,
        values: dict[ActivityField, object],
        problems: dict[ActivityField, str],
        texts: dict[ActivityField, str],
    ) -> None:
        student = [f for f in _STUDENT_FIELDS if f in self.columns]
        if student and not any(texts[f].strip() for f in student):
            problems.setdefault(
                student[0], translate("ActivityImport", "a student ID or name; the cells are empty")
            )
        if self.mapping.kind is ExportKind.ATTEMPTS:
            unit = [f for f in (ActivityField.UNIT_CODE, ActivityField.UNIT_TITLE) if f in texts]
            if unit and not any(texts[f].strip() for f in unit):
                problems.setdefault(
                    unit[0],
                    translate("ActivityImport", "a unit code or title; the cells are empty"),
                )
            if ActivityField.SCORE not in self.columns:
                _score_from_points(values, problems)
            return
        passed = values.get(ActivityField.UNITS_PASSED)
        completed = values.get(ActivityField.UNITS_COMPLETED)
        if isinstance(passed, int) and isinstance(completed, int) and passed > completed:
            problems.setdefault(
                ActivityField.UNITS_PASSED,
                translate(
                    "ActivityImport",
                    "no more units passed than completed ({completed}); found {passed}",
                ).format(completed=completed, passed=passed),
            )
        start = values.get(ActivityField.RANGE_START)
        end = values.get(ActivityField.RANGE_END)
        if start is None or end is None:
            return
        if end < start:  # type: ignore[operator]
            problems.setdefault(
                ActivityField.RANGE_END,
                translate("ActivityImport", "a date on or after {start}; found {end}").format(
                    start=start, end=end
                ),
            )
        elif self._week_of is not None and self._week_of(start) != self._week_of(end):
            problems.setdefault(
                ActivityField.RANGE_END,
                translate(
                    "ActivityImport",
                    "a date range within one school week ({start} is in the week of "
                    "{week_of}); export the summary one week at a time",
                ).format(start=start, week_of=self._week_of(start)),
            )

    def error(self, row: MappedRow) -> InputError:
        """The row's first problem, as ``file:line:column``: too many values first (they
        shift every other cell), then cells in column order."""
        if row.row_problem is not None:
            at, expected = row.row_problem
            return InputError(self.name, row.line, at, expected_text(expected))
        which = min(row.problems, key=lambda f: self.columns.get(f, 0))
        column: int | str = (
            self.column_number(which) if which in self.columns else which.label.lower()
        )
        return InputError(self.name, row.line, column, expected_text(row.problems[which]))


def _score_from_points(
    values: dict[ActivityField, object], problems: dict[ActivityField, str]
) -> None:
    """The score of a file that gives points earned and points possible instead."""
    earned = values.get(ActivityField.POINTS)
    possible = values.get(ActivityField.POINTS_POSSIBLE)
    if not isinstance(earned, float) or not isinstance(possible, float):
        return
    if possible <= 0:
        problems[ActivityField.POINTS_POSSIBLE] = translate(
            "ActivityImport", "points possible above 0; found {possible}"
        ).format(possible=format(possible, "g"))
    elif earned > possible:
        problems[ActivityField.POINTS] = translate(
            "ActivityImport", "no more points than the {possible} possible; found {earned}"
        ).format(possible=format(possible, "g"), earned=format(earned, "g"))
    else:
        values[ActivityField.SCORE] = round(100 * earned / possible, 2)

"""The first rows of an export as the mapping reads them, with each cell's problem, for the
mapping dialog: the teacher sees what will be imported before anything is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import translate
from classroom_desk.importers.activity.mapping import FIELDS_OF_KIND, ActivityField, ColumnMapping
from classroom_desk.importers.activity.rows import (
    ContentAreas,
    MappedReader,
    file_date,
    period_days,
)
from classroom_desk.importers.activity.students import AMBIGUOUS, StudentDirectory
from classroom_desk.importers.csv_source import CsvLimits
from classroom_desk.importers.errors import InputError
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries

_STUDENT_FIELDS = (
    ActivityField.STUDENT_ID,
    ActivityField.STUDENT_NAME,
    ActivityField.FIRST_NAME,
    ActivityField.LAST_NAME,
)


@dataclass(frozen=True, slots=True)
class PreviewCell:
    field: ActivityField
    text: str
    #: What was expected instead, or None when the cell is fine.
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class PreviewRow:
    line: int
    cells: tuple[PreviewCell, ...]
    #: A problem with the row as a whole (too many values), if any.
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and all(c.problem is None for c in self.cells)


@dataclass(frozen=True, slots=True)
class Preview:
    """The mapped fields (the preview's columns), the first rows, and a problem that stops
    reading the file at all (``file:line:column: ...``), if there is one."""

    headers: tuple[str, ...]
    fields: tuple[ActivityField, ...]
    rows: tuple[PreviewRow, ...]
    error: str | None = None
    missing: tuple[str, ...] = ()


def read_headers(path: Path, *, limits: CsvLimits | None = None) -> list[str]:
    """The file's header row, to guess a mapping from (raises :class:`InputError`)."""
    return read_sample(path, 0, limits=limits)[0]


def read_sample(
    path: Path, rows: int = 200, *, limits: CsvLimits | None = None
) -> tuple[list[str], list[list[str]]]:
    """The header row and up to ``rows`` data rows as text, for the guess to look at the
    values; a row the CSV reader cannot read ends the sample (the import reports it)."""
    sample: list[list[str]] = []
    with path.open("rb") as binary:
        reader = MappedReader(
            binary,
            name=path.name,
            mapping=ColumnMapping(),
            limits=limits or CsvLimits(),
            areas=None,
        )
        if rows:
            try:
                for record in reader.records():
                    sample.append(record)
                    if len(sample) >= rows:
                        break
            except InputError:
                pass
        return reader.headers, sample


def preview(
    path: Path,
    mapping: ColumnMapping,
    rows: int = 20,
    *,
    store: Store | None = None,
    limits: CsvLimits | None = None,
    section_id: str | None = None,
) -> Preview:
    """The first ``rows`` data rows; with ``store``, students and content areas are looked
    up too (in the class ``section_id`` first), so a name that matches nobody (or several)
    is marked before the import."""
    areas = directory = calendar = None
    if store is not None:
        areas = ContentAreas(store.connection)
        directory = StudentDirectory(store.connection, section_id)
        school = RosterQueries(store.connection).school()
        if school is not None:
            calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    fields = tuple(f for f in FIELDS_OF_KIND[mapping.kind] if f in mapping.columns)
    shown: list[PreviewRow] = []
    headers: tuple[str, ...] = ()
    try:
        period = None
        if calendar is not None:
            period = period_days(mapping, calendar, path.name, file_date(path, calendar))
        with path.open("rb") as binary:
            reader = MappedReader(
                binary,
                name=path.name,
                mapping=mapping,
                limits=limits or CsvLimits(),
                areas=areas,
                week_of=None if calendar is None else calendar.week_start,  # type: ignore[arg-type]
                period=period,
            )
            headers = tuple(reader.headers)
            for row in reader.rows():
                problems = dict(row.problems)
                if directory is not None and not any(f in problems for f in _STUDENT_FIELDS):
                    found = directory.find(
                        sis_id=row.texts.get(ActivityField.STUDENT_ID, ""),
                        name=row.texts.get(ActivityField.STUDENT_NAME, ""),
                        first=row.texts.get(ActivityField.FIRST_NAME, ""),
                        last=row.texts.get(ActivityField.LAST_NAME, ""),
                    )
                    if found.student_id is None:
                        which = next(f for f in _STUDENT_FIELDS if f in row.texts)
                        problems[which] = (
                            translate(
                                "ActivityImport",
                                "one student; several are named {key} (you will be asked)",
                            ).format(key=repr(found.key))
                            if found.reason == AMBIGUOUS
                            else translate(
                                "ActivityImport",
                                "a student of this school; none matches {key} (you will be asked)",
                            ).format(key=repr(found.key))
                        )
                cells = tuple(PreviewCell(f, row.texts.get(f, ""), problems.get(f)) for f in fields)
                shown.append(
                    PreviewRow(
                        row.line, cells, None if row.row_problem is None else row.row_problem[1]
                    )
                )
                if len(shown) >= rows:
                    break
    except InputError as error:
        return Preview(headers, fields, tuple(shown), str(error), tuple(mapping.missing()))
    return Preview(headers, fields, tuple(shown), None, tuple(mapping.missing()))

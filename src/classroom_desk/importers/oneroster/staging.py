"""Reading each OneRoster file, row by row, into a temporary table of the store's connection.

Staging in SQLite keeps memory flat for any file size, lets duplicate and dangling ids be
found with indexed SQL rather than Python sets, and writes nothing to the store itself:
temporary tables live in SQLite's temp database, so the teacher's own writes are never
blocked while a big file is read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from classroom_desk.i18n import translate
from classroom_desk.importers.csv_source import DELIMITERS, CsvLimits, CsvReader, CsvRecord
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import columns as files
from classroom_desk.importers.oneroster.columns import FileSpec, Header, Row, read_header
from classroom_desk.importers.oneroster.formats import FileDialect
from classroom_desk.importers.oneroster.manifest import BULK
from classroom_desk.importers.oneroster.package import Package
from classroom_desk.importers.oneroster.progress import ProgressTracker
from classroom_desk.importers.oneroster.report import FileRead, ImportReport
from classroom_desk.importers.oneroster.values import TO_BE_DELETED, read_boolean, read_status

#: CSV columns read as booleans (TRUE, true, 1, ...) rather than text.
BOOLEAN_COLUMNS = frozenset({"primary"})


@dataclass(frozen=True, slots=True)
class Layout:
    """How one file's rows are kept: the mirror table (``oneroster_*``) and its columns.

    The staged copy is ``temp.staged_<kind>`` with the same columns plus the line each
    row came from.
    """

    spec: FileSpec
    mirror: str
    #: (mirror column, CSV column) for each field the roster uses.
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def staged(self) -> str:
        return f"temp.staged_{self.spec.kind.lower()}"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(column for column, _ in self.fields)

    def values(self, row: Row, dialect: FileDialect) -> tuple[object, ...]:
        return tuple(
            read_boolean(row, source)
            if source in BOOLEAN_COLUMNS
            else dialect.convert(source, row.value(source))
            for _, source in self.fields
        )


LAYOUTS = (
    Layout(
        files.ORGS,
        "oneroster_org",
        (("name", "name"), ("type", "type"), ("parent_sourced_id", "parentSourcedId")),
    ),
    Layout(
        files.ACADEMIC_SESSIONS,
        "oneroster_academic_session",
        (
            ("title", "title"),
            ("type", "type"),
            ("start_date", "startDate"),
            ("end_date", "endDate"),
            ("parent_sourced_id", "parentSourcedId"),
            ("school_year", "schoolYear"),
        ),
    ),
    Layout(
        files.COURSES,
        "oneroster_course",
        (
            ("title", "title"),
            ("org_sourced_id", "orgSourcedId"),
            ("subjects", "subjects"),
            ("grades", "grades"),
        ),
    ),
    Layout(
        files.CLASSES,
        "oneroster_class",
        (
            ("title", "title"),
            ("grades", "grades"),
            ("course_sourced_id", "courseSourcedId"),
            ("school_sourced_id", "schoolSourcedId"),
            ("subjects", "subjects"),
            ("term_sourced_ids", "termSourcedIds"),
        ),
    ),
    Layout(
        files.USERS,
        "oneroster_user",
        (
            ("role", "role"),
            ("given_name", "givenName"),
            ("family_name", "familyName"),
            ("preferred_given_name", "preferredGivenName"),
            ("preferred_family_name", "preferredFamilyName"),
            ("email", "email"),
            ("identifier", "identifier"),
            ("grades", "grades"),
        ),
    ),
    Layout(
        files.ROLES,
        "oneroster_role",
        (
            ("user_sourced_id", "userSourcedId"),
            ("role_type", "roleType"),
            ("role", "role"),
            ("org_sourced_id", "orgSourcedId"),
        ),
    ),
    Layout(
        files.ENROLLMENTS,
        "oneroster_enrollment",
        (
            ("class_sourced_id", "classSourcedId"),
            ("user_sourced_id", "userSourcedId"),
            ("role", "role"),
            ("is_primary", "primary"),
        ),
    ),
)
LAYOUT_BY_KIND = {layout.spec.kind: layout for layout in LAYOUTS}


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file the manifest says is in the package, and how to read it."""

    layout: Layout
    member: str
    mode: str
    required: tuple[str, ...]
    dialect: FileDialect = FileDialect()  # noqa: RUF009 (frozen: one shared default is safe)


@dataclass(frozen=True, slots=True)
class StagedFile:
    """A file read into its staging table; ``header`` locates cells for later messages."""

    layout: Layout
    mode: str
    display: str
    header: Header

    @property
    def given_columns(self) -> tuple[str, ...]:
        """The mirror columns this file has a CSV column for."""
        positions = self.header.positions
        return tuple(column for column, source in self.layout.fields if source in positions)


def drop_staging(connection: sqlite3.Connection) -> None:
    for layout in LAYOUTS:
        connection.execute(f"DROP TABLE IF EXISTS {layout.staged}")


def stage_file(
    connection: sqlite3.Connection,
    package: Package,
    planned: PlannedFile,
    *,
    limits: CsvLimits,
    tracker: ProgressTracker,
    report: ImportReport,
) -> StagedFile:
    """Read one file into its staging table, checking every row; raises :class:`InputError`."""
    layout = planned.layout
    display = package.display(planned.member)
    _create_staging_table(connection, layout)
    counts = _RowCounts()
    with package.open(planned.member) as binary:
        reader = CsvReader(binary, name=display, limits=limits)
        records = (record for record in reader if _has_values(record, counts))
        header = _read_header(records, planned, display)
        rows = (Row(header, record.line, record.fields) for record in records)
        connection.executemany(
            _insert_sql(layout, planned.mode),
            _staged_values(rows, planned, counts, tracker, reader.format.delimiter),
        )
    duplicates = _check_duplicates(connection, layout, planned.mode, display, header)
    _report_file(report, header, planned, counts, duplicates)
    report.note_format(planned.member.rsplit("/", 1)[-1], reader.format)
    return StagedFile(layout=layout, mode=planned.mode, display=display, header=header)


@dataclass(slots=True)
class _RowCounts:
    rows: int = 0
    blank: int = 0
    to_be_deleted: int = 0
    unnamed_values: int = 0


def _has_values(record: CsvRecord, counts: _RowCounts) -> bool:
    if any(value.strip() for value in record.fields):
        return True
    counts.blank += bool(record.fields)  # a line of commas; empty lines are not counted
    return False


def _read_header(records: Iterator[CsvRecord], planned: PlannedFile, display: str) -> Header:
    first = next(records, None)
    if first is None:
        raise InputError(
            display, 1, 1, translate("RosterImport", "expected a header row (the file is empty)")
        )
    return read_header(
        first,
        spec=planned.layout.spec,
        file=display,
        required=planned.required,
        aliases=planned.dialect.aliases,
        keys=planned.dialect.keys,
    )


def _create_staging_table(connection: sqlite3.Connection, layout: Layout) -> None:
    columns = "".join(f", {column}" for column in layout.columns)
    connection.execute(f"DROP TABLE IF EXISTS {layout.staged}")
    connection.execute(
        f"CREATE TABLE {layout.staged} (sourced_id TEXT PRIMARY KEY, status TEXT NOT NULL,"
        f" line INTEGER NOT NULL, duplicate_line INTEGER{columns})"
    )


def _insert_sql(layout: Layout, mode: str) -> str:
    """In a bulk file a repeated sourcedId is an error (noted here, raised after the file);
    in a delta file the later row wins, as it would have had the rows come in two deltas."""
    names = ("sourced_id", "status", "line", *layout.columns)
    placeholders = ", ".join("?" for _ in names)
    updates = ["duplicate_line = COALESCE(duplicate_line, excluded.line)"]
    if mode != BULK:
        updates += [f"{name} = excluded.{name}" for name in names[1:]]
    return (
        f"INSERT INTO {layout.staged} ({', '.join(names)}) VALUES ({placeholders})"
        f" ON CONFLICT (sourced_id) DO UPDATE SET {', '.join(updates)}"
    )


def _staged_values(
    rows: Iterable[Row],
    planned: PlannedFile,
    counts: _RowCounts,
    tracker: ProgressTracker,
    delimiter: str,
) -> Iterator[tuple[object, ...]]:
    """Each row's values, checked where the roster uses them (the CSV reader has checked
    the syntax of every value; dates and columns the roster does not read are not checked:
    exports and spreadsheets write them every which way)."""
    for row in rows:
        tracker.row_read(planned.layout.spec.file_name)
        counts.rows += 1
        _check_width(row, delimiter)
        counts.unnamed_values += sum(
            1 for position in row.header.unnamed if _value_at(row, position)
        )
        sourced_id = _sourced_id(row, planned.dialect)
        status = read_status(row)
        if status == TO_BE_DELETED:
            counts.to_be_deleted += 1
        else:
            _check_required_values(row, planned.required)
        yield (sourced_id, status, row.line, *planned.layout.values(row, planned.dialect))


def _sourced_id(row: Row, dialect: FileDialect) -> str:
    """The row's sourcedId, or, in a format whose file has none (SDS roles and
    enrollments), the values of its key columns joined: the same row gets the same id
    in every export."""
    if "sourcedId" in row.header.positions or not dialect.keys:
        sourced_id = row.value("sourcedId")
        if not sourced_id:
            raise row.error("sourcedId", translate("RosterImport", "expected a sourcedId"))
        return sourced_id
    values = [row.value(column) for column in dialect.keys]
    for column, value in zip(dialect.keys, values, strict=True):
        if not value:
            raise row.error(
                column,
                translate("RosterImport", "expected a value for {column}").format(column=column),
            )
    return "|".join(values)


def _value_at(row: Row, position: int) -> str:
    return row.fields[position].strip() if position < len(row.fields) else ""


def _check_width(row: Row, delimiter: str) -> None:
    """A row must not have more fields than the header, even empty ones: an unquoted
    separator inside a value shifts every later value one column (the e-mail becomes the
    student number) and often leaves only an empty field over. A row of one field under a
    wider header is a line written with another separator."""
    width, count = row.header.width, len(row.fields)
    separator = translate("Import", DELIMITERS[delimiter])
    if count > width:
        raise InputError(
            row.header.file,
            row.line,
            width + 1,
            translate(
                "RosterImport",
                "{count} fields where the header has {width}; is there an unquoted "
                "{separator} in a name?",
            ).format(count=count, width=width, separator=separator),
        )
    if count == 1 and width > 1:
        others = [
            translate("Import", name)
            for d, name in DELIMITERS.items()
            if d != delimiter and d in row.fields[0]
        ]
        if others:
            raise InputError(
                row.header.file,
                row.line,
                1,
                translate(
                    "RosterImport",
                    "1 field where the header has {width} (separated by {delimiter}); is "
                    "this line {others}-separated?",
                ).format(width=width, delimiter=repr(delimiter), others=others[0]),
            )


def _check_required_values(row: Row, required: tuple[str, ...]) -> None:
    for column in required:
        if not row.value(column):
            raise row.error(
                column,
                translate("RosterImport", "expected a value for {column}").format(column=column),
            )


def _check_duplicates(
    connection: sqlite3.Connection, layout: Layout, mode: str, display: str, header: Header
) -> int:
    """Raise on a sourcedId repeated in a bulk file; return how many a delta file repeats."""
    if mode != BULK:
        row = connection.execute(
            f"SELECT COUNT(*) FROM {layout.staged} WHERE duplicate_line IS NOT NULL"
        ).fetchone()
        return int(row[0])
    first = connection.execute(
        f"SELECT sourced_id, line, duplicate_line FROM {layout.staged}"
        " WHERE duplicate_line IS NOT NULL ORDER BY duplicate_line LIMIT 1"
    ).fetchone()
    if first is None:
        return 0
    sourced_id, line, duplicate_line = first
    raise InputError(
        display,
        duplicate_line,
        header.column_number("sourcedId"),
        translate(
            "RosterImport",
            "expected each sourcedId once in a bulk file; {sourced_id} is also on line {line}",
        ).format(sourced_id=repr(sourced_id), line=line),
    )


def _report_file(
    report: ImportReport, header: Header, planned: PlannedFile, counts: _RowCounts, repeats: int
) -> None:
    name = planned.member.rsplit("/", 1)[-1]
    report.files.append(FileRead(name, planned.mode, counts.rows, counts.to_be_deleted))
    for written, canonical in header.renamed:
        report.notes.append(
            translate("RosterImport", "Read the column {written} in {name} as {canonical}.").format(
                written=written, name=name, canonical=canonical
            )
        )
    if header.unknown:
        report.ignored.append(
            translate("RosterImport", "unknown columns in {name}: {unknown}").format(
                name=name, unknown=", ".join(header.unknown)
            )
        )
    if header.extensions:
        report.ignored.append(
            translate("RosterImport", "extension columns in {name}: {extensions}").format(
                name=name, extensions=", ".join(header.extensions)
            )
        )
    if counts.unnamed_values:
        report.ignored.append(
            translate(
                "RosterImport", "values under unnamed columns in {name}: {unnamed_values}"
            ).format(name=name, unnamed_values=counts.unnamed_values)
        )
    if counts.blank:
        report.ignored.append(
            translate("RosterImport", "empty rows in {name}: {blank}").format(
                name=name, blank=counts.blank
            )
        )
    if repeats:
        report.notes.append(
            translate(
                "RosterImport",
                "{repeats} records appear more than once in the delta file {name}; "
                "the last row of each was used.",
            ).format(repeats=repeats, name=name)
        )

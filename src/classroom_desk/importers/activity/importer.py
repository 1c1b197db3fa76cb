"""Importing a learning platform's activity export: unit attempts or per-student summaries.

Rows are read one at a time into a table in a scratch file beside the store (memory
stays flat, and the teacher's own writes are not blocked meanwhile); students the file
names ambiguously or not at all come back as questions and nothing is written; then one
store transaction adds what is new. Ids derive from the source and the row's content (or
the vendor's attempt id), so importing a file again changes nothing and never doubles
minutes.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Protocol

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import translatable, translate
from classroom_desk.importers.activity.mapping import ActivityField, ColumnMapping, ExportKind
from classroom_desk.importers.activity.rows import (
    ContentAreas,
    MappedReader,
    MappedRow,
    RowSource,
    derived_id,
    file_date,
    period_days,
)
from classroom_desk.importers.activity.students import (
    StudentDirectory,
    StudentLookup,
    StudentQuestion,
)
from classroom_desk.importers.activity.values import MIDDAY, CellProblemError, normalize_text
from classroom_desk.importers.csv_source import CsvLimits, count_lines
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.errors import expected as expected_text
from classroom_desk.importers.oneroster.progress import ProgressCallback, ProgressTracker
from classroom_desk.store.data_sources import record_import
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.scratch import scratch_schema
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.store.unit_progress import UnitProgressUpdater

SAVING = translatable("Import", "saving")
#: Staged attempts per sorted run (see ``_AttemptStage._by_time``): a run's B-tree, a few
#: MB, stays in the scratch file's page cache while it is written.
RUN_ROWS = 20_000
#: Rows staged per statement; an import with a sink streams each chunk's attempts to it.
STAGE_CHUNK = 5000
#: At most this many runs are merged (SQLite's limit on one compound query is 500).
MAX_RUNS = 400
#: A staged attempt's source (the import's source, the one parameter, and the vendor's id).
SOURCE_ID_SQL = "? || CASE WHEN vendor_id = '' THEN '' ELSE ':' || vendor_id END"


@dataclass(slots=True)
class ActivityReport:
    """What an import did; ``summary()`` is the paragraph shown to the teacher."""

    file: str
    source: str
    kind: ExportKind
    rows_read: int = 0
    added: int = 0
    #: Rows already in the store from an earlier import (attempts) or unchanged (summaries).
    unchanged: int = 0
    #: Summaries whose totals the file corrected.
    updated: int = 0
    units_created: list[str] = field(default_factory=list)
    #: Rows left out because the teacher chose to skip their student, by the file's name.
    skipped: dict[str, int] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.kind is ExportKind.ATTEMPTS:
            imported = translate(
                "ActivityImport",
                "Imported unit attempts from {source} ({file}): {rows} rows read, {added} added, "
                "{unchanged} already there",
            )
        else:
            imported = translate(
                "ActivityImport",
                "Imported weekly summaries from {source} ({file}): {rows} rows read, {added} "
                "added, {unchanged} already there",
            )
        counts = imported.format(
            source=self.source,
            file=self.file,
            rows=self.rows_read,
            added=self.added,
            unchanged=self.unchanged,
        )
        if self.updated:
            counts += translate("ActivityImport", ", {count} corrected").format(count=self.updated)
        parts = [f"{counts}."]
        if self.units_created:
            shown = ", ".join(self.units_created[:5])
            more = len(self.units_created) - 5
            if more > 0:
                units = translate("ActivityImport", "New units: {units} and {more} more.")
            else:
                units = translate("ActivityImport", "New units: {units}.")
            parts.append(units.format(units=shown, more=more))
        if self.skipped:
            skipped = ", ".join(f"{name} ({rows})" for name, rows in sorted(self.skipped.items()))
            parts.append(
                translate("ActivityImport", "Skipped as asked: {skipped}.").format(skipped=skipped)
            )
        if self.ignored_columns:
            parts.append(
                translate("ActivityImport", "Columns not used: {columns}.").format(
                    columns=", ".join(self.ignored_columns)
                )
            )
        return " ".join(parts + self.notes)


@dataclass(frozen=True, slots=True)
class ActivityImportResult:
    """Either questions for the teacher (and nothing written) or the report of an import."""

    questions: tuple[StudentQuestion, ...] = ()
    report: ActivityReport | None = None

    @property
    def needs_answers(self) -> bool:
        return bool(self.questions)


def import_activity(
    path: Path,
    store: Store,
    mapping: ColumnMapping,
    *,
    source: str,
    resolutions: Mapping[str, str | None] | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
    now: datetime | None = None,
    section_id: str | None = None,
    file_day: date | None = None,
    attempts_to: AttemptSink | None = None,
) -> ActivityImportResult:
    """Import the export at ``path``, read through ``mapping``, as coming from ``source``.

    ``resolutions`` answers earlier questions: the file's name for a student -> a student
    id, or ``None`` to leave that student's rows out. Names are matched within the class
    ``section_id`` first. A file without dates covers ``mapping.period``, by default the
    school week of ``file_day`` (the day the file was written, from its modification
    time). ``attempts_to``: see :func:`import_rows`. Raises :class:`InputError` for a
    file that cannot be imported and :class:`ImportCancelledError` on cancel; in every
    such case, and when questions are returned, the store is unchanged.
    """
    missing = mapping.missing()
    if missing:
        raise ValueError("the column mapping needs " + "; ".join(missing))
    if not source.strip():
        raise ValueError("an activity import needs a source (the platform's name)")
    limits = limits or CsvLimits()
    answers = dict(resolutions or {})
    connection = store.connection
    directory = StudentDirectory(connection, section_id)
    for key, student_id in answers.items():
        if student_id is not None and student_id not in directory:
            raise ValueError(f"the answer for {key!r} is not a student of this school")
    name = path.name
    calendar = school_calendar(connection, name)
    areas = ContentAreas(connection)
    period = period_days(mapping, calendar, name, file_day or file_date(path, calendar))
    with path.open("rb") as counting:
        total = max(count_lines(counting, limits.max_file_bytes) - 1, 0)
    tracker = ProgressTracker(progress, should_cancel, total)
    report = ActivityReport(file=str(path), source=source.strip(), kind=mapping.kind)
    fixed_area = _fixed_area(mapping, areas, name)

    @contextlib.contextmanager
    def open_rows() -> Iterator[RowSource]:
        with path.open("rb") as binary:
            yield MappedReader(
                binary,
                name=name,
                mapping=mapping,
                limits=limits,
                areas=areas,
                week_of=lambda day: calendar.week_start(day),  # type: ignore[arg-type]
                period=period,
            )

    return import_rows(
        store,
        open_rows,
        RowContext(directory, calendar, areas, fixed_area, tracker, answers),
        report,
        now=now,
        attempts_to=attempts_to,
    )


@dataclass(frozen=True, slots=True)
class RowContext:
    """What reading rows into the store needs besides the rows: who the students are, the
    school's weeks and areas, the file-wide content area, progress, earlier answers."""

    directory: StudentDirectory
    calendar: SchoolCalendar
    areas: ContentAreas
    fixed_area: str | None
    tracker: ProgressTracker
    answers: dict[str, str | None]


def import_rows(
    store: Store,
    open_rows: Callable[[], contextlib.AbstractContextManager[RowSource]],
    context: RowContext,
    report: ActivityReport,
    *,
    now: datetime | None = None,
    attempts_to: AttemptSink | None = None,
) -> ActivityImportResult:
    """Stage the rows, ask about students or save them all in one transaction (shared by
    the exports read through a mapping and OneRoster gradebooks). ``attempts_to`` takes
    the new attempts instead of the store (the school server's import)."""
    with scratch_schema(store) as schema:
        return _stage_and_save(store, schema, open_rows, context, report, now, attempts_to)


def _stage_and_save(
    store: Store,
    schema: str,
    open_rows: Callable[[], contextlib.AbstractContextManager[RowSource]],
    context: RowContext,
    report: ActivityReport,
    now: datetime | None,
    attempts_to: AttemptSink | None,
) -> ActivityImportResult:
    connection = store.connection
    directory, tracker, answers = context.directory, context.tracker, context.answers
    if attempts_to is not None and answers:
        raise ValueError("an import into a sink takes no answers")
    stage: _Stage
    if report.kind is ExportKind.ATTEMPTS:
        stage = _AttemptStage(
            connection, schema, context.calendar, context.areas, report.source, attempts_to
        )
    else:
        stage = _SummaryStage(connection, schema, context.calendar, context.areas)
    with open_rows() as reader:
        report.ignored_columns = reader.ignored_columns
        asked = stage.read(reader, directory, context.fixed_area, tracker, reader.name)
    report.rows_read = tracker.rows_done
    questions = [
        StudentQuestion(key, reason, directory.candidates(key, reason), rows, line)
        for key, (reason, rows, line) in asked.items()
        if key not in answers
    ]
    if questions:
        return ActivityImportResult(questions=tuple(questions))
    report.skipped = stage.resolve(
        {key: answers[key] for key in asked}, {k: v[1] for k, v in asked.items()}
    )
    stage.check(reader)
    tracker.step(translate("Import", SAVING))
    moment = now or datetime.now(UTC)
    with store.transaction():
        stage.save(report.source, report, moment)
        record_import(connection, kind="activity", name=report.source, at=moment)
    return ActivityImportResult(report=report)


def school_calendar(connection: sqlite3.Connection, name: str) -> SchoolCalendar:
    school = RosterQueries(connection).school()
    if school is None:
        raise InputError(
            name,
            1,
            1,
            translate("ActivityImport", "expected a school to import into (import a roster first)"),
        )
    return SchoolCalendar.named(school.time_zone, school.first_day_of_week)


def _fixed_area(mapping: ColumnMapping, areas: ContentAreas, name: str) -> str | None:
    if mapping.column(ActivityField.CONTENT_AREA) is not None or mapping.content_area is None:
        return None
    try:
        return areas.find(mapping.content_area)
    except CellProblemError as problem:
        raise InputError(
            name,
            1,
            translate("ActivityImport", "content area"),
            expected_text(problem.expected),
        ) from None


# question key -> (reason, rows, first line)
Asked = dict[str, tuple[str, int, int]]


class AttemptSink(Protocol):
    """Where a server import sends the attempts instead of the store, while the file is
    still being read: a server writes them beside the reading (in its own transaction,
    given up if the file then fails a check) rather than after it. The store's unit
    progress is then not kept (a scratch store has no use for it). A server cannot ask
    about a name, so an import with a sink takes no answers."""

    def write(
        self, units: Sequence[Sequence[object]], attempts: Sequence[Sequence[object]]
    ) -> None:
        """The units first used since the last call (``unit``'s columns: id, content area,
        code, title, position), then attempts (``unit_attempt``'s columns in order)."""

    def added(self) -> int:
        """Once everything was written: how many of the attempts were new."""


class _Stage:
    """Rows read into ``<schema>.<table>``, a table of the import's scratch file (see
    ``store.scratch``), with their student (or the question to ask).

    Every query that reads the stage in an order or joins it goes through an index made
    before the rows go in (``line`` is the rowid), so SQLite never sorts it: under
    SQLCipher, SQLite's sorter and automatic indexes keep everything in memory."""

    table = ""

    def __init__(
        self,
        connection: sqlite3.Connection,
        schema: str,
        calendar: SchoolCalendar,
        areas: ContentAreas,
    ) -> None:
        self.connection = connection
        self.schema = schema
        self.name = f"{schema}.{self.table}"
        self.calendar = calendar
        self.areas = areas

    def read(
        self,
        reader: RowSource,
        directory: StudentDirectory,
        fixed_area: str | None,
        tracker: ProgressTracker,
        name: str,
    ) -> Asked:
        asked: Asked = {}

        def staged() -> Iterator[tuple[object, ...]]:
            for row in reader.rows():
                tracker.row_read(name)
                if not row.ok:
                    raise reader.error(row)
                found = _lookup(directory, row)
                if found.student_id is None:
                    reason, rows, line = asked.get(found.key, (found.reason, 0, row.line))
                    asked[found.key] = (reason, rows + 1, line)
                area = fixed_area or str(row.values[ActivityField.CONTENT_AREA])
                yield self.values(row, found, area)

        self.connection.execute("BEGIN")
        try:
            for statement in self.create_sql():
                self.connection.execute(statement)
            rows = staged()
            while chunk := list(islice(rows, STAGE_CHUNK)):
                self.connection.executemany(self.insert_sql(), chunk)
                self.staged(int(chunk[0][0]), int(chunk[-1][0]))  # type: ignore[call-overload]
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")
        return asked

    def staged(self, first_line: int, last_line: int) -> None:
        """The rows of these lines were just staged (each row's first value is its line)."""

    def resolve(self, answers: Mapping[str, str | None], rows: Mapping[str, int]) -> dict[str, int]:
        """Put the teacher's answers in; return the rows skipped per name."""
        skipped: dict[str, int] = {}
        self.connection.execute("BEGIN")
        try:
            for key, student_id in answers.items():
                if student_id is None:
                    self.skip(key)
                    skipped[key] = rows[key]
                else:
                    self.assign(key, student_id)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")
        return skipped

    def skip(self, key: str) -> None:
        self.connection.execute(
            f"DELETE FROM {self.name} WHERE student_key = ? AND student_id IS NULL", (key,)
        )

    def assign(self, key: str, student_id: str) -> None:
        self.connection.execute(
            f"UPDATE {self.name} SET student_id = ? WHERE student_key = ? AND student_id IS NULL",
            (student_id, key),
        )

    def create_sql(self) -> list[str]:
        """The stage table and its indexes (the rows waiting for an answer by their name,
        for :meth:`resolve`)."""
        raise NotImplementedError

    def unanswered_index_sql(self) -> str:
        return (
            f"CREATE INDEX {self.name}_unanswered ON {self.table} (student_key)"
            " WHERE student_id IS NULL"
        )

    def insert_sql(self) -> str:
        raise NotImplementedError

    def values(self, row: MappedRow, found: StudentLookup, area: str) -> tuple[object, ...]:
        raise NotImplementedError

    def check(self, reader: RowSource) -> None:
        """Problems only the whole file shows (duplicates), as ``file:line:column``."""

    def save(self, source: str, report: ActivityReport, now: datetime) -> None:
        """Write what was staged to the store (attempts to the sink, when there is one)."""
        raise NotImplementedError


def _attempt_key_hash(
    student_id: str | None,
    unit_id: str,
    completed_at: str,
    score: float,
    minutes: int,
    vendor_id: str,
) -> int:
    """A 64-bit hash that rows with the same stage ``key`` share within this process (it
    lives no longer than the import). The score goes in at 15 significant digits: SQLite's
    text of a REAL, which the key holds, never tells apart two scores that agree there."""
    if vendor_id:
        return hash(vendor_id)
    return hash((student_id, unit_id, completed_at, f"{score:.15g}", minutes))


def _lookup(directory: StudentDirectory, row: MappedRow) -> StudentLookup:
    texts = row.texts
    return directory.find(
        sis_id=texts.get(ActivityField.STUDENT_ID, ""),
        name=texts.get(ActivityField.STUDENT_NAME, ""),
        first=texts.get(ActivityField.FIRST_NAME, ""),
        last=texts.get(ActivityField.LAST_NAME, ""),
    )


class _AttemptStage(_Stage):
    table = "activity_attempt_stage"

    def __init__(
        self,
        connection: sqlite3.Connection,
        schema: str,
        calendar: SchoolCalendar,
        areas: ContentAreas,
        source: str,
        sink: AttemptSink | None,
    ) -> None:
        super().__init__(connection, schema, calendar, areas)
        self.source = source
        self.sink = sink
        self.units: dict[tuple[str, str, str], str] = {}
        self.new_units: dict[str, tuple[str, str, str]] = {}  # id -> (area, code, title)
        for id_, area, code, title in connection.execute(
            "SELECT id, content_area_id, code, title FROM unit ORDER BY position, id"
        ):
            if code.strip():
                self.units.setdefault((area, "code", normalize_text(code)), id_)
            self.units.setdefault((area, "title", normalize_text(title)), id_)
        self._local_midday = functools.lru_cache(maxsize=4096)(self._midday_utc)
        #: Staged rows per unit, so that only units some attempt uses are created.
        self.unit_rows: Counter[str] = Counter()
        connection.create_function("attempt_key_hash", 6, _attempt_key_hash, deterministic=True)
        source_key = normalize_text(source)
        connection.create_function(
            "activity_attempt_id",
            2,
            lambda key, n: derived_id("attempt", source_key, key, str(n)),
            deterministic=True,
        )
        #: Units already handed to the sink, and where the new ones' positions start.
        self.units_sent = 0
        self.last_position = connection.execute(
            "SELECT COALESCE(MAX(position), 0) FROM unit"
        ).fetchone()[0]

    def create_sql(self) -> list[str]:
        # ``key`` names an attempt within the file: the vendor's id, else the row's
        # content (kept as it was computed before, so the ids of earlier imports hold).
        # Rows with one key are found through ``key_hash``: an index of 8-byte integers
        # stays in the page cache as rows go in, where an index of the keys' text would
        # be read and written back at random (several times slower in an encrypted file).
        return [
            f"""
            CREATE TABLE {self.name} (
                line INTEGER PRIMARY KEY, student_id TEXT, student_key TEXT, unit_id TEXT,
                area TEXT, score REAL, minutes INTEGER, completed_at TEXT, vendor_id TEXT,
                key_hash INTEGER,
                key TEXT GENERATED ALWAYS AS (
                    CASE WHEN vendor_id != '' THEN 'id|' || vendor_id
                         ELSE 'row|' || student_id || '|' || unit_id || '|' || completed_at
                              || '|' || score || '|' || minutes
                    END) VIRTUAL)
            """,
            f"CREATE INDEX {self.name}_key ON {self.table} (key_hash)",
            self.unanswered_index_sql(),
        ]

    def insert_sql(self) -> str:
        return (
            f"INSERT INTO {self.name} (line, student_id, student_key, unit_id, area, score,"
            " minutes, completed_at, vendor_id, key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )

    def values(self, row: MappedRow, found: StudentLookup, area: str) -> tuple[object, ...]:
        texts = row.texts
        code = texts.get(ActivityField.UNIT_CODE, "").strip()
        title = texts.get(ActivityField.UNIT_TITLE, "").strip()
        completed: tuple[date, time | None, datetime | None] = row.values[  # type: ignore[assignment]
            ActivityField.COMPLETED_AT
        ]
        unit_id = self._unit(area, code, title)
        self.unit_rows[unit_id] += 1
        score = float(row.values[ActivityField.SCORE])  # type: ignore[arg-type]
        minutes = int(row.values.get(ActivityField.MINUTES, 0))  # type: ignore[call-overload]
        completed_at = self._completed_at(*completed)
        vendor_id = texts.get(ActivityField.ATTEMPT_ID, "").strip()
        return (
            row.line,
            found.student_id,
            None if found.student_id else found.key,  # only a question needs the name
            unit_id,
            area,
            score,
            minutes,
            completed_at,
            vendor_id,
            _attempt_key_hash(found.student_id, unit_id, completed_at, score, minutes, vendor_id),
        )

    def staged(self, first_line: int, last_line: int) -> None:
        """Stream the lines' attempts to the sink (with the units they first use): their
        ids need only earlier lines. A row waiting for an answer is not sent; the import
        then stops at its question (a sink takes no answers)."""
        if self.sink is None:
            return
        units = [
            (id_, area, code, title, self.last_position + n)
            for n, (id_, (area, code, title)) in enumerate(
                islice(self.new_units.items(), self.units_sent, None), start=self.units_sent + 1
            )
        ]
        self.units_sent += len(units)
        attempts = self.connection.execute(
            f"{self._in_file_order()} WHERE line BETWEEN ? AND ? AND student_id IS NOT NULL",
            (self.source, first_line, last_line),
        ).fetchall()
        self.sink.write(units, attempts)

    def skip(self, key: str) -> None:
        for (unit_id,) in self.connection.execute(
            f"DELETE FROM {self.name} WHERE student_key = ? AND student_id IS NULL"
            " RETURNING unit_id",
            (key,),
        ):
            self.unit_rows[unit_id] -= 1

    def assign(self, key: str, student_id: str) -> None:
        self.connection.execute(
            f"UPDATE {self.name} SET student_id = ?1, key_hash = attempt_key_hash(?1, unit_id,"
            " completed_at, score, minutes, vendor_id)"
            " WHERE student_key = ?2 AND student_id IS NULL",
            (student_id, key),
        )

    def _unit(self, area: str, code: str, title: str) -> str:
        if code:
            key = (area, "code", normalize_text(code))
        else:
            key = (area, "title", normalize_text(title))
        found = self.units.get(key)
        if found is None:
            found = derived_id("unit", *key)
            self.units[key] = found
            self.new_units[found] = (area, code, title or code)
        return found

    def _completed_at(self, day: date, at: time | None, aware: datetime | None) -> str:
        if aware is not None:
            return to_db_time(aware.astimezone(UTC))
        if at is None:
            return self._local_midday(day)
        local = datetime.combine(day, at, tzinfo=self.calendar.time_zone)
        return to_db_time(local.astimezone(UTC))

    def _midday_utc(self, day: date) -> str:
        local = datetime.combine(day, MIDDAY, tzinfo=self.calendar.time_zone)
        return to_db_time(local.astimezone(UTC))

    def check(self, reader: RowSource) -> None:
        row = self.connection.execute(
            f"""
            SELECT later.line, earlier.line FROM {self.name} later
              JOIN {self.name} earlier
                ON earlier.key_hash = later.key_hash AND earlier.line < later.line
               AND earlier.vendor_id = later.vendor_id
             WHERE later.vendor_id != '' ORDER BY later.line LIMIT 1
            """
        ).fetchone()
        if row is not None:
            raise InputError(
                reader.name,
                row[0],
                reader.column_number(ActivityField.ATTEMPT_ID),
                translate(
                    "ActivityImport", "expected each attempt ID once; line {line} has this one too"
                ).format(line=row[1]),
            )

    def _by_time(self, source: str) -> str | None:
        """A query of the attempts to store (``unit_attempt``'s columns) in time order, or
        ``None`` for none: a week's rows then sit together in the store, as its weekly
        figures read them. The stage is written out in runs of ``RUN_ROWS`` lines, each
        kept in time order by its own key (a small B-tree, in the cache while it is
        written), and the query merges the runs: nothing is sorted in memory, and the
        stage and the runs are each read once, in order."""
        first, last = self.connection.execute(
            f"SELECT MIN(line), MAX(line) FROM {self.name}"
        ).fetchone()
        if first is None:
            return None
        step = max(RUN_ROWS, -(-(last - first + 1) // MAX_RUNS))
        runs = []
        for number, start in enumerate(range(first, last + 1, step)):
            run = f"{self.schema}.attempt_run_{number}"
            self.connection.execute(
                f"CREATE TABLE {run} (completed_at TEXT, line INTEGER, id TEXT,"
                " student_id TEXT, unit_id TEXT, area TEXT, score REAL, minutes INTEGER,"
                " source_id TEXT, PRIMARY KEY (completed_at, line)) WITHOUT ROWID"
            )
            self.connection.execute(
                f"""
                INSERT INTO {run}
                SELECT completed_at, line, {self._attempt_id_sql()}, student_id, unit_id,
                       area, score, minutes, {SOURCE_ID_SQL}
                  FROM {self.name} staged
                 WHERE line >= ? AND line < ?
                """,
                (source, start, start + step),
            )
            runs.append(
                "SELECT completed_at, line, id, student_id, unit_id, area, score, minutes,"
                f" source_id FROM {run}"
            )
        merged = " UNION ALL ".join(runs)
        return (
            "SELECT id, student_id, unit_id, area, score, minutes, completed_at, source_id"
            f" FROM ({merged} ORDER BY completed_at, line) WHERE true"
        )

    def _in_file_order(self) -> str:
        """A query of the attempts to store (``unit_attempt``'s columns, the source as its
        one parameter) in the file's order: for a sink, which keeps no weekly figures of
        its own rows, so the time-ordered runs (a fifth of a million-row import) are not
        written."""
        return (
            f"SELECT {self._attempt_id_sql()}, student_id, unit_id, area, score, minutes,"
            f" completed_at, {SOURCE_ID_SQL} FROM {self.name} staged"
        )

    def _attempt_id_sql(self) -> str:
        """The id of the staged row ``staged``: an identical row seen twice in one file is
        two attempts, numbered by order (an index seek each), so a later export that
        repeats them finds the same ids."""
        return (
            f"activity_attempt_id(key, (SELECT COUNT(*) FROM {self.name} earlier"
            " WHERE earlier.key_hash = staged.key_hash AND earlier.line <= staged.line"
            " AND earlier.key = staged.key))"
        )

    def save(self, source: str, report: ActivityReport, now: datetime) -> None:
        used = {unit_id for unit_id, rows in self.unit_rows.items() if rows > 0}
        created = [(id_, *unit) for id_, unit in self.new_units.items() if id_ in used]
        position = self.last_position
        self.connection.executemany(
            "INSERT INTO unit (id, content_area_id, code, title, position) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            [
                (id_, area, code, title, position + n)
                for n, (id_, area, code, title) in enumerate(created, start=1)
            ],
        )
        report.units_created = [
            f"{title} ({self.areas.names.get(area, area)})" for _, area, _, title in created
        ]
        if self.sink is not None:
            added = self.sink.added()
        elif (attempts := self._by_time(source)) is None:
            added = 0
        else:
            progress = UnitProgressUpdater(self.connection)
            added = self.connection.execute(
                "INSERT INTO unit_attempt (id, student_id, unit_id, content_area_id, score,"
                f" minutes, completed_at, source_id) {attempts} ON CONFLICT (id) DO NOTHING"
            ).rowcount
            progress.fold()
        staged = self.connection.execute(f"SELECT COUNT(*) FROM {self.name}").fetchone()[0]
        report.added = added
        report.unchanged = staged - added


class _SummaryStage(_Stage):
    table = "activity_summary_stage"

    def create_sql(self) -> list[str]:
        return [
            f"CREATE TABLE {self.name} (line INTEGER PRIMARY KEY, student_id TEXT,"
            " student_key TEXT, area TEXT, range_start TEXT, range_end TEXT, starts_at TEXT,"
            " minutes INTEGER, units_completed INTEGER, units_passed INTEGER,"
            " average_score REAL)",
            f"CREATE INDEX {self.name}_range ON {self.table}"
            " (student_id, area, range_start, range_end)",
            self.unanswered_index_sql(),
        ]

    def insert_sql(self) -> str:
        return f"INSERT INTO {self.name} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    def values(self, row: MappedRow, found: StudentLookup, area: str) -> tuple[object, ...]:
        values = row.values
        start: date = values[ActivityField.RANGE_START]  # type: ignore[assignment]
        end: date = values[ActivityField.RANGE_END]  # type: ignore[assignment]
        midnight = datetime.combine(start, time(0), tzinfo=self.calendar.time_zone)
        return (
            row.line,
            found.student_id,
            found.key,
            area,
            start.isoformat(),
            end.isoformat(),
            to_db_time(midnight.astimezone(UTC)),
            values[ActivityField.MINUTES],
            values[ActivityField.UNITS_COMPLETED],
            values[ActivityField.UNITS_PASSED],
            values.get(ActivityField.AVERAGE_SCORE),
        )

    def check(self, reader: RowSource) -> None:
        row = self.connection.execute(
            f"""
            SELECT later.line, earlier.line FROM {self.name} later
              JOIN {self.name} earlier
                ON earlier.student_id = later.student_id AND earlier.area = later.area
               AND earlier.range_start = later.range_start
               AND earlier.range_end = later.range_end AND earlier.line < later.line
             ORDER BY later.line LIMIT 1
            """
        ).fetchone()
        if row is not None:
            raise InputError(
                reader.name,
                row[0],
                reader.column_number(ActivityField.RANGE_START),
                translate(
                    "ActivityImport",
                    "expected one row per student, content area and date range; line {line} "
                    "has the same",
                ).format(line=row[1]),
            )

    def save(self, source: str, report: ActivityReport, now: datetime) -> None:
        source_key = normalize_text(source)
        self.connection.create_function(
            "activity_summary_id",
            4,
            lambda student, area, start, end: derived_id(
                "summary", source_key, student, area, start, end
            ),
            deterministic=True,
        )
        self.connection.execute(
            f"""
            CREATE TABLE {self.schema}.activity_summary_keyed AS
            SELECT activity_summary_id(student_id, area, range_start, range_end) AS id, *
              FROM {self.name}
            """
        )
        counts = self.connection.execute(
            f"""
            SELECT COUNT(*) FILTER (WHERE s.id IS NULL),
                   COUNT(*) FILTER (WHERE s.id IS NOT NULL AND ((s.minutes, s.units_completed,
                        s.units_passed) != (k.minutes, k.units_completed, k.units_passed)
                        OR s.average_score IS NOT k.average_score))
              FROM {self.schema}.activity_summary_keyed k
              LEFT JOIN activity_summary s ON s.id = k.id
            """
        ).fetchone()
        self.connection.execute(
            f"""
            INSERT INTO activity_summary (id, student_id, content_area_id, range_start,
                range_end, starts_at, minutes, units_completed, units_passed, average_score,
                source, imported_at)
            SELECT id, student_id, area, range_start, range_end, starts_at, minutes,
                   units_completed, units_passed, average_score, ?, ?
              FROM {self.schema}.activity_summary_keyed WHERE true
            ON CONFLICT (id) DO UPDATE SET
                minutes = excluded.minutes, units_completed = excluded.units_completed,
                units_passed = excluded.units_passed, average_score = excluded.average_score,
                imported_at = excluded.imported_at
             WHERE (minutes, units_completed, units_passed) !=
                   (excluded.minutes, excluded.units_completed, excluded.units_passed)
                OR average_score IS NOT excluded.average_score
            """,
            (source, to_db_time(now)),
        )
        staged = self.connection.execute(
            f"SELECT COUNT(*) FROM {self.schema}.activity_summary_keyed"
        ).fetchone()[0]
        report.added, report.updated = counts
        report.unchanged = staged - report.added - report.updated

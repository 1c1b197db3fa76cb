"""Importing learning-platform activity on the school server (a saved server mapping, a
OneRoster gradebook), so units and attempts live on the server and reach every laptop:
reassignments that laptops push then apply there.

As the roster import does, the laptop's importer does the reading, with every rule and
message it has: the server's roster, SIS mirror and units are copied into a scratch
laptop store, the file is imported there, and what it added is written back through
:mod:`classroom_desk.server.records` (published to the sync log) in one server write
transaction, streamed in batches so memory stays flat however large the file. A name the
file gives that fits no student (or several) cannot be asked about on a server: it fails
the import, naming the file and line. The attempts, nearly all of a large file, go
straight from the importer's staging to the server (the scratch store never holds them),
written by a second thread while the file is still being read: the server's inserts run
in SQLite or PostgreSQL, outside Python's lock, beside the parsing. If the file then
fails a check, the transaction they went into is rolled back.
"""

from __future__ import annotations

import queue
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text

from classroom_desk.importers.activity import (
    ActivityField,
    ActivityImportResult,
    ActivityReport,
    ColumnMapping,
    import_activity,
    read_headers,
)
from classroom_desk.importers.activity.gradebook import import_gradebook
from classroom_desk.importers.activity.mapping import ExportKind, header_key
from classroom_desk.importers.activity.rows import MappedReader
from classroom_desk.importers.csv_source import CsvLimits
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.progress import ProgressCallback
from classroom_desk.server.database import (
    bulk_write_transaction,
    hold_pushes,
    write_transaction,
)
from classroom_desk.server.oneroster_import import seed_scratch
from classroom_desk.server.records import insert_attempt_rows, record_data_source, upsert_rows
from classroom_desk.store.data_sources import source_id
from classroom_desk.store.database import Store, StoreKey, open_store
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.tables import TABLES

#: Rows written to the server per statement batch.
BATCH = 5000
#: Chunks of attempts waiting for the server's writer thread beside the one it writes
#: (memory stays flat when the server is the slower side; more did not go faster).
WAITING_CHUNKS = 1


def import_activity_on_server(
    engine: Engine,
    path: Path,
    *,
    mapping_name: str,
    progress: ProgressCallback | None = None,
    limits: CsvLimits | None = None,
    now: datetime | None = None,
    school_id: str | None = None,
) -> ActivityReport:
    """Import the export at ``path`` through the server mapping saved as ``mapping_name``,
    for ``school_id`` (its id, SIS sourcedId or name; needed when the server holds several).

    Raises :class:`InputError` for a file that cannot be imported (nothing changed) and
    ``KeyError`` when no such mapping is saved.
    """
    mapping = load_server_mapping(engine, mapping_name)
    moment = now or datetime.now(UTC)

    def run(scratch: Store, writes: _ServerWrites) -> ActivityImportResult:
        return import_activity(
            path,
            scratch,
            mapping,
            source=mapping_name,
            progress=progress,
            limits=limits,
            now=moment,
            attempts_to=writes,
        )

    return _import(engine, path, run, moment, school_id)


def import_gradebook_on_server(
    engine: Engine, path: Path, *, source: str = "OneRoster gradebook", now: datetime | None = None
) -> ActivityReport:
    """A OneRoster package's gradebook (lineItems.csv and results.csv) as unit attempts."""
    moment = now or datetime.now(UTC)
    return _import(
        engine,
        path,
        lambda scratch, writes: import_gradebook(
            path, scratch, source=source, now=moment, attempts_to=writes
        ),
        moment,
    )


def _import(
    engine: Engine,
    path: Path,
    run: Callable[[Store, _ServerWrites], ActivityImportResult],
    moment: datetime,
    school_id: str | None = None,
) -> ActivityReport:
    with tempfile.TemporaryDirectory(prefix="classroom-desk-activity-") as folder:
        # A throwaway key: the scratch copy of student records is never plain on disk.
        scratch = open_store(Path(folder) / "import.sqlite", StoreKey.generate())
        try:
            with (
                bulk_write_transaction(engine) as connection,
                _ServerWrites(connection, scratch, school_id) as writes,
            ):
                result = run(scratch, writes)
                if result.needs_answers:
                    question = result.questions[0]
                    raise InputError(
                        path.name,
                        question.first_line,
                        "student",
                        f"expected a student of the school's roster; {question.text}",
                    )
                assert result.report is not None
                writes.finish(result.report, moment)
                return result.report
        finally:
            scratch.close()


class _ServerWrites:
    """What the scratch import adds, written to the server and published, in the server's
    transaction: units and attempts as the importer streams them (a thread writes them
    while the file is read; they never sit in the scratch store's own tables), then
    summaries and the source's import time.

    Only the writer thread uses the server connection until :meth:`added` has waited for
    it; leaving the block (an error included) stops and joins it, so the transaction is
    never committed or rolled back under a statement of the thread."""

    def __init__(self, connection: Connection, scratch: Store, school_id: str | None):
        self._connection = connection
        self._scratch = scratch.connection
        self._school_id = seed_scratch(scratch, connection, school_id=school_id, with_units=True)
        self._waiting: queue.Queue[tuple[Sequence[Sequence[object]], ...] | None] = queue.Queue(
            WAITING_CHUNKS
        )
        self._writer: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._stopping = False
        self._added = 0
        self._held = False

    def __enter__(self) -> _ServerWrites:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._stopping = kind is not None  # the import failed: what is queued is not written
        self._join()

    def write(
        self, units: Sequence[Sequence[object]], attempts: Sequence[Sequence[object]]
    ) -> None:
        """The importer's sink: queued for the writer thread (started at the first call)."""
        if self._failure is not None:
            raise self._failure
        if self._writer is None:
            self._hold()
            self._writer = threading.Thread(
                target=self._write_queued, name="server-activity-writes", daemon=True
            )
            self._writer.start()
        self._waiting.put((units, attempts))

    def added(self) -> int:
        """Waits for the writer; how many attempts the server did not hold yet."""
        self._join()
        if self._failure is not None:
            raise self._failure
        return self._added

    def _write_queued(self) -> None:
        spec = TABLES["unit"]
        while (chunk := self._waiting.get()) is not None:
            if self._failure is not None or self._stopping:
                continue  # drain, so the importer's puts never block
            units, attempts = chunk
            try:
                upsert_rows(
                    self._connection,
                    self._school_id,
                    "unit",
                    [dict(zip(spec.columns, unit, strict=True)) for unit in units],
                )
                self._added += insert_attempt_rows(self._connection, self._school_id, attempts)
            except BaseException as failure:  # raised in the importer's thread
                self._failure = failure

    def _join(self) -> None:
        """Wait for the writer, even through Ctrl+C: the transaction must not end under one
        of its statements (the interrupt is raised once it has stopped)."""
        if self._writer is None or not self._writer.is_alive():
            return
        interrupted: BaseException | None = None
        self._waiting.put(None)
        while self._writer.is_alive():
            try:
                self._writer.join()
            except KeyboardInterrupt as interrupt:
                self._stopping, interrupted = True, interrupt
        if interrupted is not None:
            raise interrupted

    def _hold(self) -> None:
        if not self._held:
            self._held = True
            hold_pushes(self._connection)  # before the first write (see database)

    def finish(self, report: ActivityReport, moment: datetime) -> None:
        """Summaries (counted against the server's), and when the source last imported."""
        self._join()
        self._hold()
        if report.kind is ExportKind.SUMMARY:
            staged = added = updated = 0
            for batch in _batches(self._scratch, "activity_summary"):
                staged += len(batch)
                new, changed = _changed_summaries(self._connection, batch)
                upsert_rows(self._connection, self._school_id, "activity_summary", new + changed)
                added, updated = added + len(new), updated + len(changed)
            # The scratch store starts empty of activity: what is new is counted here.
            report.added, report.updated = added, updated
            report.unchanged = staged - added - updated
        record_data_source(
            self._connection,
            self._school_id,
            {
                "id": source_id("activity", report.source),
                "kind": "activity",
                "name": report.source,
                "imported_at": to_db_time(moment),
            },
        )


def _changed_summaries(
    connection: Connection, rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(summaries the server lacks, summaries whose totals changed); the rest is as it was."""
    spec = TABLES["activity_summary"]
    query = text(f"SELECT {', '.join(spec.columns)} FROM activity_summary WHERE id IN :ids")
    query = query.bindparams(bindparam("ids", expanding=True))
    stored = {
        row[0]: dict(zip(spec.columns, row, strict=True))
        for row in connection.execute(query, {"ids": [r["id"] for r in rows]})
    }
    totals = ("minutes", "units_completed", "units_passed", "average_score")
    new = [row for row in rows if row["id"] not in stored]
    changed = [
        row
        for row in rows
        if row["id"] in stored and any(stored[row["id"]][c] != row[c] for c in totals)
    ]
    return new, changed


def _batches(scratch: sqlite3.Connection, table: str) -> Iterator[list[dict[str, Any]]]:
    spec = TABLES[table]
    cursor = scratch.execute(f"SELECT {', '.join(spec.columns)} FROM {table}")
    while rows := cursor.fetchmany(BATCH):
        yield [dict(zip(spec.columns, row, strict=True)) for row in rows]


# Server mappings: one row per platform name in ``server_mapping``, with the header it was
# made for (the inbox recognises an export by it).


def save_server_mapping(engine: Engine, name: str, mapping: ColumnMapping) -> None:
    with write_transaction(engine) as connection:
        connection.execute(
            text(
                "INSERT INTO server_mapping (name, mapping, updated_at) VALUES (:n, :m, :u)"
                " ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping,"
                " updated_at = excluded.updated_at"
            ),
            {"n": name.strip(), "m": mapping.to_json(), "u": to_db_time(datetime.now(UTC))},
        )


def load_server_mapping(engine: Engine, name: str) -> ColumnMapping:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT mapping FROM server_mapping WHERE name = :n"), {"n": name.strip()}
        ).first()
    if row is None:
        raise KeyError(name)
    return ColumnMapping.from_json(row[0])


def server_mappings(engine: Engine) -> list[tuple[str, ColumnMapping]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, mapping FROM server_mapping ORDER BY name")
        ).all()
    return [(name, ColumnMapping.from_json(text_)) for name, text_ in rows]


#: The rows of an export read to find its school on a server of several.
SCHOOL_SAMPLE_ROWS = 500


def school_of_export(
    engine: Engine, path: Path, *, mapping_name: str, rows: int = SCHOOL_SAMPLE_ROWS
) -> str | None:
    """On a server of several schools, the school whose students the export's first
    ``rows`` name by SIS id (an export comes from one school's platform account); None on
    a server of one (the import's own). Raises :class:`InputError` naming the schools,
    changing nothing, when the rows name students of several schools, of none, or name
    them without a SIS id column (then an inbox for the school, ``--school``, imports it)."""
    with engine.connect() as connection:
        schools = {
            str(id_): str(name)
            for id_, name in connection.execute(text("SELECT id, name FROM school ORDER BY name"))
        }
        if len(schools) < 2:
            return None
        listed = "; ".join(f"{id_} ({name})" for id_, name in schools.items())
        advice = "run an inbox for its school with --school (its id, SIS sourcedId or name)"
        mapping = load_server_mapping(engine, mapping_name)
        if ActivityField.STUDENT_ID not in mapping.columns:
            raise InputError(
                path.name, 1, 1,
                f"expected a SIS id column to find the school by, on a server of "
                f"{len(schools)} schools: {listed}; {advice}",
            )  # fmt: skip
        sample: list[tuple[int, str]] = []
        with path.open("rb") as binary:
            reader = MappedReader(
                binary, name=path.name, mapping=mapping, limits=CsvLimits(), areas=None
            )
            for row in reader.rows():
                key = row.texts.get(ActivityField.STUDENT_ID, "").strip()
                if key:
                    sample.append((row.line, key))
                if len(sample) >= rows:
                    break
        found = connection.execute(
            text("SELECT lower(source_id), school_id FROM student WHERE lower(source_id) IN :k")
            .bindparams(bindparam("k", expanding=True)),
            {"k": sorted({key.casefold() for _, key in sample}) or [""]},
        ).all()  # fmt: skip
    school_of = {str(key): str(school) for key, school in found}
    first_lines: dict[str, int] = {}
    for line, key in sample:
        if key.casefold() in school_of:
            first_lines.setdefault(school_of[key.casefold()], line)
    if len(first_lines) == 1:
        return next(iter(first_lines))
    if first_lines:
        named = ", ".join(
            f"{id_} ({schools[id_]}) on line {line}"
            for id_, line in sorted(first_lines.items(), key=lambda item: item[1])
        )
        raise InputError(
            path.name, sorted(first_lines.values())[1], 1,
            "expected the students of one school, as an export of one school's platform "
            f"account names them; these rows name students of {len(first_lines)} schools: "
            f"{named} (split the file, or run an inbox for each school with --school)",
        )  # fmt: skip
    line, key = sample[0] if sample else (1, "")
    raise InputError(
        path.name, line, 1,
        f"expected the students of one school of the server's {len(schools)}: {listed}; no "
        f"student of any has the SIS id {key!r} ({advice})",
    )  # fmt: skip


def mapping_for_file(engine: Engine, path: Path) -> str:
    """The saved server mapping made for this file's very header (raises InputError)."""
    headers = read_headers(path)
    keys = [header_key(h) for h in headers]
    for name, mapping in server_mappings(engine):
        if mapping.headers and [header_key(h) for h in mapping.headers] == keys:
            return name
    raise InputError(
        path.name,
        1,
        1,
        "expected the header of a saved server mapping; none matches this one (save one: "
        f"classroom-desk-server mapping save --from {path.name} --name PLATFORM)",
    )

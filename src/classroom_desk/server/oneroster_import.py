"""Importing a OneRoster package on the school server, so the roster reaches every laptop.

The server reuses the laptop importer rather than a second one: the server's roster and
its SIS mirror are copied into a scratch laptop store, the package is imported there
with every rule and message the laptop has (what the server records about students,
teachers and classes is handed to it, so it keeps them as a laptop keeps its own), and
the differences are written back through :mod:`classroom_desk.server.records`, which
publishes each row to the sync log. All of it happens in one server write transaction,
so a refused or failed package changes nothing, a dry run writes nothing, and importing
the same package twice publishes nothing the second time but the roster's new import
time (``data_source``: how fresh the laptops say it is).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from classroom_desk.importers.csv_source import CsvLimits
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import ImportOptions, import_oneroster
from classroom_desk.importers.oneroster.keeping import Reference, RosterHistory, gather_history
from classroom_desk.importers.oneroster.progress import ProgressCallback
from classroom_desk.importers.oneroster.report import ImportReport
from classroom_desk.importers.oneroster.staging import LAYOUTS
from classroom_desk.server import auth
from classroom_desk.server.database import (
    DriverStatements,
    head_seq,
    hold_pushes,
    write_transaction,
)
from classroom_desk.server.records import delete_rows, upsert_rows, upsert_school
from classroom_desk.store.data_sources import ROSTER_SOURCE
from classroom_desk.store.database import Store, StoreKey, open_store
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.tables import TABLES, TableSpec, canonical_row

#: The roster tables an import writes, parents before children.
ROSTER_TABLES = (
    "school",
    "teacher",
    "content_area",
    "class_section",
    "section_content_area",
    "student",
    "enrollment",
)
#: SIS mirror tables of the laptop store, and their columns after ``sourced_id``.
MIRRORS = {layout.mirror: ("status", *layout.columns) for layout in LAYOUTS}

#: One table's rows by row id (``TableSpec.row_id``).
Rows = dict[str, dict[str, Any]]


@dataclass(slots=True)
class RosterDiff:
    """What the import changed in one roster table."""

    upserts: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[dict[str, Any]] = field(default_factory=list)


def import_oneroster_on_server(
    engine: Engine,
    path: Path,
    *,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
) -> ImportReport:
    """Import the package at ``path`` into the server's school; all of it or nothing.

    Raises the laptop importer's :class:`~classroom_desk.importers.errors.InputError`
    (``file:line:column: what was expected``) for a package that cannot be imported, and
    its :class:`~classroom_desk.importers.oneroster.RemovalsNeedConfirmationError` for one
    that removes many people, or a class with activity, without ``options.confirm_removals``
    (the laptop's rule and words; the inbox holds such a package for a yes).
    Laptops whose classes changed are told to re-read them at their next sync.
    """
    with tempfile.TemporaryDirectory(prefix="classroom-desk-import-") as folder:
        # A throwaway key: the scratch copy of student records is never plain on disk.
        scratch = open_store(Path(folder) / "import.sqlite", StoreKey.generate())
        try:
            with write_transaction(engine) as connection:
                before = {table: _server_rows(connection, TABLES[table]) for table in ROSTER_TABLES}
                _seed(scratch, connection, before)
                report = import_oneroster(
                    path,
                    scratch,
                    options=options,
                    progress=progress,
                    should_cancel=should_cancel,
                    limits=limits,
                    history=server_history(connection),
                )
                if report.applied:
                    hold_pushes(connection)  # before its first write (see database)
                    after = {t: _store_rows(scratch, TABLES[t]) for t in ROSTER_TABLES}
                    _write_roster(connection, before, after)
                    _write_mirror(connection, scratch)
                    _record_roster_import(connection, after)
        finally:
            scratch.close()
    return report


def _record_roster_import(connection: Connection, after: Mapping[str, Rows]) -> None:
    """The roster's import time, published to the laptops (they show how fresh it is)."""
    schools = list(after["school"])
    if len(schools) != 1:
        return
    upsert_rows(
        connection,
        schools[0],
        "data_source",
        [
            {
                "id": ROSTER_SOURCE,
                "kind": "roster",
                "name": "Roster",
                "imported_at": to_db_time(datetime.now(UTC)),
            }
        ],
    )


def seed_scratch(store: Store, connection: Connection, *, with_units: bool = False) -> str:
    """A scratch laptop store holding the server's roster and SIS mirror (and units), for
    the laptop importers to read a file against; returns the school's id."""
    before = {table: _server_rows(connection, TABLES[table]) for table in ROSTER_TABLES}
    schools = list(before["school"])
    if len(schools) != 1:
        raise InputError(
            "server", 1, 1, "expected one school on the server (import its roster first)"
        )
    _seed(store, connection, before)
    if with_units:
        spec = TABLES["unit"]
        marks = ", ".join("?" for _ in spec.columns)
        with store.transaction():
            store.connection.executemany(
                f"INSERT INTO unit ({', '.join(spec.columns)}) VALUES ({marks})",
                (
                    [row[column] for column in spec.columns]
                    for row in _server_rows(connection, spec).values()
                ),
            )
    return schools[0]


# -- reading both sides ------------------------------------------------------------------


def _keyed(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> Rows:
    return {spec.row_id(row): dict(row) for row in rows}


def _server_rows(connection: Connection, spec: TableSpec) -> Rows:
    result = connection.execute(text(f"SELECT {', '.join(spec.columns)} FROM {spec.name}"))
    return _keyed(spec, (dict(zip(spec.columns, row, strict=True)) for row in result))


def _store_rows(store: Store, spec: TableSpec) -> Rows:
    cursor = store.connection.execute(f"SELECT {', '.join(spec.columns)} FROM {spec.name}")
    return _keyed(spec, (dict(zip(spec.columns, row, strict=True)) for row in cursor))


def _server_mirror(connection: Connection, table: str) -> Iterator[tuple[str, str]]:
    """(sourcedId, the record's fields as JSON text) of one kind of SIS record."""
    result = connection.execute(
        text("SELECT sourced_id, fields FROM sis_record WHERE kind = :kind"), {"kind": table}
    )
    yield from ((sourced_id, fields) for sourced_id, fields in result)


def _store_mirror(store: Store, table: str) -> Iterator[tuple[str, str]]:
    columns = MIRRORS[table]
    cursor = store.connection.execute(f"SELECT sourced_id, {', '.join(columns)} FROM {table}")
    for sourced_id, *values in cursor:
        fields = dict(zip(columns, values, strict=True))
        yield sourced_id, json.dumps(fields, sort_keys=True, separators=(",", ":"))


def _seed(store: Store, connection: Connection, roster: Mapping[str, Rows]) -> None:
    """The server's roster and SIS mirror, as the scratch store's starting point (the
    mirror streamed one kind at a time: it is the biggest part)."""
    scratch = store.connection
    with store.transaction():
        for table in ROSTER_TABLES:
            spec = TABLES[table]
            marks = ", ".join("?" for _ in spec.columns)
            scratch.executemany(
                f"INSERT INTO {table} ({', '.join(spec.columns)}) VALUES ({marks})",
                ([row[column] for column in spec.columns] for row in roster[table].values()),
            )
        for table, columns in MIRRORS.items():
            scratch.executemany(
                f"INSERT INTO {table} (sourced_id, {', '.join(columns)})"
                f" VALUES (?, {', '.join('?' for _ in columns)})",
                (
                    (sourced_id, *(values.get(column, "") for column in columns))
                    for sourced_id, fields in _server_mirror(connection, table)
                    for values in (json.loads(fields),)
                ),
            )


# -- writing the differences -------------------------------------------------------------


def _diff(spec: TableSpec, before: Rows, after: Rows) -> RosterDiff:
    diff = RosterDiff()
    for row_id, row in after.items():
        old = before.get(row_id)
        if old is None or canonical_row(spec, old) != canonical_row(spec, row):
            diff.upserts.append(row)
    diff.deletions = [row for row_id, row in before.items() if row_id not in after]
    return diff


def server_history(connection: Connection) -> RosterHistory:
    """What the server records about its students, teachers and classes (activity, notes,
    accounts, co-teachers...), for the importer's rule on what the SIS may not remove."""
    inspector = inspect(connection)
    references = [
        Reference(table, child, key["referred_table"], parent)
        for table in inspector.get_table_names()
        for key in inspector.get_foreign_keys(table)
        for child, parent in zip(key["constrained_columns"], key["referred_columns"], strict=True)
    ]
    return gather_history(references, lambda query: connection.execute(text(query)))


def _write_roster(
    connection: Connection, before: Mapping[str, Rows], after: Mapping[str, Rows]
) -> None:
    """Publish the scratch store's roster as it now stands: what the import added or
    changed (students it kept are changed: inactive), then what it removed."""
    schools = list(after["school"])
    if not schools:
        return  # nothing to place: the package had no school and no roster
    (school_id,) = schools
    diffs = {table: _diff(TABLES[table], before[table], after[table]) for table in ROSTER_TABLES}
    for row in diffs["school"].upserts:
        upsert_school(connection, row)
    for table in ROSTER_TABLES[1:]:
        upsert_rows(connection, school_id, table, diffs[table].upserts)
    for table in reversed(ROSTER_TABLES):
        delete_rows(connection, school_id, table, diffs[table].deletions)
    _bump_changed_scopes(connection, school_id, before, after, diffs)


def _bump_changed_scopes(
    connection: Connection,
    school_id: str,
    before: Mapping[str, Rows],
    after: Mapping[str, Rows],
    diffs: Mapping[str, RosterDiff],
) -> None:
    """Teachers whose classes or class lists changed re-read them at their next sync, so
    a newly enrolled student's history (published earlier) reaches their laptops."""
    sections = {row["section_id"] for row in diffs["enrollment"].upserts}
    sections |= {row["section_id"] for row in diffs["enrollment"].deletions}
    sections |= {row["id"] for row in diffs["class_section"].upserts}
    sections |= {row["id"] for row in diffs["class_section"].deletions}
    if not sections:
        return
    teachers = {
        rows[section]["teacher_id"]
        for rows in (before["class_section"], after["class_section"])
        for section in sections
        if section in rows
    }
    for section in sections:
        teachers.update(
            row[0]
            for row in connection.execute(
                text("SELECT teacher_id FROM section_teacher WHERE section_id = :s"),
                {"s": section},
            )
        )
    seq = head_seq(connection, school_id) + 1
    for teacher_id in sorted(teachers):
        auth.bump_scope(connection, teacher_id=teacher_id, seq=seq)


def _write_mirror(connection: Connection, store: Store) -> None:
    """Keep the SIS records for the next (delta) import, one kind at a time; they are
    not synced."""
    for table in MIRRORS:
        before = dict(_server_mirror(connection, table))
        changed = []
        for sourced_id, fields in _store_mirror(store, table):
            if before.pop(sourced_id, None) != fields:
                changed.append({"kind": table, "sourced_id": sourced_id, "fields": fields})
        driver = DriverStatements(connection)
        driver.run_many(
            "DELETE FROM sis_record WHERE kind = :kind AND sourced_id = :sourced_id",
            [{"kind": table, "sourced_id": sourced_id} for sourced_id in before],
        )
        driver.run_many(
            "INSERT INTO sis_record (kind, sourced_id, fields) VALUES (:kind, :sourced_id, :fields)"
            " ON CONFLICT (kind, sourced_id) DO UPDATE SET fields = excluded.fields",
            changed,
        )

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

A district package (several orgs of type school) imports every school it holds, from
one reading of the package: it is read, checked and merged into the scratch store's SIS
mirror once; then each school's roster is worked out from that mirror (the laptop
importer keeps one school), seeded with that school's rows, one school after the other
in the same transaction, the scratch store put back as the reading left it after each.
A student is one school's: one whose classes are in two schools is refused, naming the
enrollment, and so is a class whose ``schoolSourcedId`` names an org that is not a school.
A teacher of classes in several schools has a record in each (the server keeps a teacher,
their classes and their laptops' sync log in one school): the record in the school they
were first imported into keeps the importer's id, the others get one of their own
(:func:`school_teacher_id`), which each school's import translates both ways.
"""

from __future__ import annotations

import copy
import json
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from classroom_desk.importers.csv_source import CsvLimits
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import ImportOptions, RemovalsNeedConfirmationError
from classroom_desk.importers.oneroster.importer import (
    ReadPackage,
    import_school,
    merge_package,
    read_package,
)
from classroom_desk.importers.oneroster.keeping import Reference, RosterHistory, gather_history
from classroom_desk.importers.oneroster.progress import ProgressCallback
from classroom_desk.importers.oneroster.report import ROSTER_KINDS, ImportReport, and_list
from classroom_desk.importers.oneroster.roster import (
    SchoolChoiceError,
    forget_people,
    known_people,
)
from classroom_desk.importers.oneroster.staging import LAYOUT_BY_KIND, LAYOUTS
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server import auth
from classroom_desk.server.class_lists import bump_class_lists, keep_class_lists
from classroom_desk.server.database import (
    DriverStatements,
    hold_pushes,
    write_transaction,
)
from classroom_desk.server.records import (
    delete_rows,
    record_data_source,
    upsert_rows,
    upsert_school,
)
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
#: Which rows of each roster table are one school's (``:school``). Content areas are
#: shared by every school: all of them are seeded, and a school's own are those its
#: laptops were sent (its sync log).
_ONE_SCHOOLS = {
    "school": "id = :school",
    "teacher": "school_id = :school",
    "content_area": "id IN (SELECT row_id FROM sync_row WHERE school_id = :school"
    " AND table_name = 'content_area' AND NOT tombstone)",
    "class_section": "school_id = :school",
    "section_content_area": "section_id IN (SELECT id FROM class_section"
    " WHERE school_id = :school)",
    "student": "school_id = :school",
    "enrollment": "section_id IN (SELECT id FROM class_section WHERE school_id = :school)",
}

#: One table's rows by row id (``TableSpec.row_id``).
Rows = dict[str, dict[str, Any]]


@dataclass(slots=True)
class RosterDiff:
    """What the import changed in one roster table."""

    upserts: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Run:
    """One package's import: the package as read into the scratch store (its SIS mirror
    merged), which every school's import starts from."""

    read: ReadPackage
    scratch: Store
    options: ImportOptions
    every_school: bool

    def import_into(
        self,
        connection: Connection,
        school: str | None,
        *,
        finding_schools: bool = False,
        teacher_ids: Mapping[str, str] | None = None,
    ) -> ImportReport:
        """Work out the roster of ``school`` and write it into the scratch store (in the
        caller's transaction), in a report of its own; ``finding_schools``: a dry run on
        the empty roster the reading left, to find the package's schools; ``teacher_ids``:
        this school's own teacher ids, by the importer's (:class:`_TeacherIds`)."""
        history: RosterHistory = {}
        if not finding_schools:
            scratch_id = {mine: theirs for theirs, mine in (teacher_ids or {}).items()}
            history = {
                (table, scratch_id.get(row_id, row_id) if table == "teacher" else row_id): why
                for (table, row_id), why in server_history(connection).items()
            }
        report = copy.deepcopy(self.read.report)
        import_school(
            self.read,
            self.scratch.connection,
            report=report,
            options=replace(
                self.options, school=school, dry_run=finding_schools or self.options.dry_run
            ),
            history=history,
        )
        return report


def import_oneroster_on_server(
    engine: Engine,
    path: Path,
    *,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
    every_school: bool = False,
) -> ImportReport:
    """Import the package at ``path``: each school it holds (or ``options.school`` only;
    on a server holding one school the package holds, that school only unless
    ``every_school``); all of it or nothing.

    Raises the laptop importer's :class:`~classroom_desk.importers.errors.InputError`
    (``file:line:column: what was expected``) for a package that cannot be imported, and
    its :class:`~classroom_desk.importers.oneroster.RemovalsNeedConfirmationError` for one
    that removes many people, or a class with activity, without ``options.confirm_removals``
    (the laptop's rule and words; the inbox holds such a package for a yes).
    Laptops whose classes changed are told to re-read them at their next sync. A package
    of several schools gives one report for all of them (:func:`district_report`).
    """
    options = options or ImportOptions()
    with write_transaction(engine) as connection, _scratch_store() as scratch:
        _seed_mirror(scratch, connection)
        reading = read_package(
            path,
            scratch,
            options=options,
            progress=progress,
            should_cancel=should_cancel,
            limits=limits,
        )
        with reading as read:
            with scratch.transaction():
                merge_package(read, scratch.connection)
            run = _Run(read, scratch, options, every_school)
            schools = _package_schools(connection, run)
            known: set[str] = set()
            reports = [
                _import_school(connection, run, school, known, district=len(schools) > 1)
                for school in schools
            ]
            if reports[0].applied:
                _write_mirror(connection, _kept_mirror(scratch, known))
    return reports[0] if len(reports) == 1 else district_report(reports)


def _package_schools(connection: Connection, run: _Run) -> list[str | None]:
    """The sourcedIds of the schools to import: the one chosen; the server's only school
    when the package holds it (:func:`_held_school`); else every school whose classes
    have a teacher (a dry run of the package against the server's SIS mirror). ``[None]``
    when it places nobody anywhere (the mirror is still kept)."""
    if run.options.school is None and not run.every_school:
        held = _held_school(connection, run)
        if held is not None:
            return [held]
    with _rolled_back(run.scratch):
        try:
            found = run.import_into(connection, run.options.school, finding_schools=True)
        except SchoolChoiceError as several:
            if run.options.school is not None:
                raise
            return [school.sourced_id for school in several.schools]
    return [found.school_sourced_id or None]


def _held_school(connection: Connection, run: _Run) -> str | None:
    """The sourcedId of the server's only school when the package's orgs.csv lists it (or
    it reads none: a delta): a school's server fed its district's export keeps to its
    school, as before districts (``every_school`` takes them all)."""
    ids = connection.execute(text("SELECT id FROM school")).scalars().all()
    if len(ids) != 1:
        return None
    held = next(
        (org for org, _ in _server_mirror(connection, "oneroster_org")
         if record_id("school", org) == ids[0]),
        None,
    )  # fmt: skip
    if held is None:
        return None
    orgs = run.read.staged.get("orgs")
    return held if orgs is None or _staged_line(run, "orgs", held) is not None else None


@contextmanager
def _scratch_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory(prefix="classroom-desk-import-") as folder:
        # A throwaway key: the scratch copy of student records is never plain on disk.
        scratch = open_store(Path(folder) / "import.sqlite", StoreKey.generate())
        try:
            yield scratch
        finally:
            scratch.close()


@contextmanager
def _rolled_back(scratch: Store) -> Iterator[Store]:
    """A transaction on the scratch store that is always rolled back: each school's
    roster is worked out from the package as it was read, not as another school left it."""
    scratch.connection.execute("BEGIN")
    try:
        yield scratch
    finally:
        scratch.connection.execute("ROLLBACK")


def _import_school(
    connection: Connection, run: _Run, school: str | None, known: set[str], *, district: bool
) -> ImportReport:
    """Import one school of the package (``None``: the package places nobody), write its
    roster's differences, and add the people whose names its SIS mirror keeps to
    ``known``."""
    seeded: dict[str, Rows] = {table: {} for table in ROSTER_TABLES}
    before = dict(seeded)
    teachers = _TeacherIds("", {})
    if school is not None:
        school_id = record_id("school", school)
        for table in ROSTER_TABLES:
            before[table] = _server_rows(connection, TABLES[table], school_id)
        teachers = _TeacherIds.kept(school_id, before["teacher"])
        seeded = teachers.to_importer(
            {**before, "content_area": _server_rows(connection, TABLES["content_area"])}
        )
    with _rolled_back(run.scratch) as scratch:
        _seed_roster(scratch, seeded)
        try:
            report = run.import_into(connection, school, teacher_ids=teachers.own)
        except RemovalsNeedConfirmationError as needed:
            if not district:
                raise
            raise RemovalsNeedConfirmationError(
                needed.file, f"{needed.report.school}: {needed.expected}", needed.removals,
                needed.report,
            ) from None  # fmt: skip
        if not report.applied:
            return report
        after = {t: _store_rows(scratch, TABLES[t]) for t in ROSTER_TABLES}
        teachers = teachers.taking_new(connection, after["teacher"])
        after = teachers.to_server(after)
        known.update(known_people(scratch.connection))
        if school is not None:
            if district:
                _require_a_school(scratch, run, school)
            _require_one_school_each(connection, scratch, run, school, after)
        hold_pushes(connection)  # before its first write (see database)
        _write_roster(connection, before, after)
        _record_roster_import(connection, after)
        report.notes += _link_accounts(connection, teachers, after)
    return report


def school_teacher_id(source_id: str, school_id: str) -> str:
    """The id of the record of the SIS teacher ``source_id`` in ``school_id`` when it is
    not the first school they were imported into (which keeps the importer's id)."""
    return str(uuid.uuid5(uuid.UUID(record_id("teacher", source_id)), school_id))


@dataclass(frozen=True, slots=True)
class _TeacherIds:
    """One school's own teacher ids (:func:`school_teacher_id`), by the id the laptop
    importer gives the same SIS teacher: the importer works in its ids, the server keeps
    the school's."""

    school_id: str
    #: The importer's id -> this school's.
    own: dict[str, str]

    @classmethod
    def kept(cls, school_id: str, teachers: Rows) -> _TeacherIds:
        """The ids this school's teachers already have."""
        own = {
            record_id("teacher", row["source_id"]): row_id
            for row_id, row in teachers.items()
            if row["source_id"] and row_id == school_teacher_id(row["source_id"], school_id)
        }
        return cls(school_id, own)

    def taking_new(self, connection: Connection, imported: Rows) -> _TeacherIds:
        """With an own id for each teacher the import brings who is another school's."""
        new = [row_id for row_id, row in imported.items() if row["source_id"]]
        elsewhere = {
            row_id: imported[row_id]["source_id"]
            for row_id, owner in DriverStatements(connection).rows_in(
                "SELECT id, school_id FROM teacher WHERE id IN :values", sorted(new)
            )
            if owner != self.school_id and row_id not in self.own
        }
        taken = {
            row_id: school_teacher_id(source, self.school_id)
            for row_id, source in elsewhere.items()
        }
        return _TeacherIds(self.school_id, {**self.own, **taken})

    def to_importer(self, roster: Mapping[str, Rows]) -> dict[str, Rows]:
        return _renamed(roster, {mine: theirs for theirs, mine in self.own.items()})

    def to_server(self, roster: Mapping[str, Rows]) -> dict[str, Rows]:
        return _renamed(roster, self.own)


def _link_accounts(
    connection: Connection, teachers: _TeacherIds, after: Mapping[str, Rows]
) -> list[str]:
    """A teacher with an account who teaches in this school too gets an account here, the
    same sign-in (as an account made after an import opens the teacher's classes); the
    notes say who."""
    notes = []
    for first_id, own_id in sorted(teachers.own.items()):
        found = connection.execute(
            text(
                f"SELECT {auth.ACCOUNT_COLUMNS} FROM account WHERE teacher_id = :t"
                " AND NOT EXISTS (SELECT 1 FROM account WHERE teacher_id = :own)"
            ),
            {"t": first_id, "own": own_id},
        ).first()
        if found is None:
            continue
        first = auth.account_of_row(found)
        if auth.find_account(connection, first.username, teachers.school_id) is not None:
            continue  # linked by hand to another record of this school
        auth.add_school_account(connection, first, school_id=teachers.school_id, teacher_id=own_id)
        school = after["school"][teachers.school_id]["name"]
        teacher = after["teacher"].get(own_id, {})
        name = f"{teacher.get('given_name', '')} {teacher.get('family_name', '')}".strip()
        notes.append(
            f"{name or first.display_name} ({first.username}) now also teaches in {school}:"
            " one sign-in opens both schools"
        )
    return notes


def _renamed(roster: Mapping[str, Rows], ids: Mapping[str, str]) -> dict[str, Rows]:
    """``roster`` with the teachers' ids (and the classes' references to them) renamed."""
    if not ids:
        return dict(roster)
    teachers = {}
    for row_id, row in roster["teacher"].items():
        new_id = ids.get(row_id, row_id)
        teachers[new_id] = {**row, "id": new_id}
    sections = {
        row_id: {**row, "teacher_id": ids.get(row["teacher_id"], row["teacher_id"])}
        for row_id, row in roster["class_section"].items()
    }
    return {**roster, "teacher": teachers, "class_section": sections}


def _require_a_school(store: Store, run: _Run, school: str) -> None:
    """In a package of several schools, each class's ``schoolSourcedId`` names an org of
    type school (as OneRoster says); a single school's package may name another org,
    which the laptop takes as its school with a note."""
    found = store.connection.execute(
        "SELECT o.type, o.name, (SELECT MIN(c.sourced_id) FROM oneroster_class c"
        " WHERE c.school_sourced_id = o.sourced_id AND c.status = 'active')"
        " FROM oneroster_org o WHERE o.sourced_id = ?",
        (school,),
    ).fetchone()
    if found is None or found[0].casefold() == "school":
        return
    kind, name, class_id = found
    raise _refusal(
        run,
        ("classes", class_id, "schoolSourcedId"),
        f"expected schoolSourcedId to name an org of type school (a district package "
        f"holds several schools); {school} ({name}) is a {kind or 'org'} in orgs.csv",
    )


def _require_one_school_each(
    connection: Connection, store: Store, run: _Run, school: str, after: Mapping[str, Rows]
) -> None:
    """A teacher or student is one school's on the server (their id, their laptop's sync
    log): one this school's classes would take from another school is refused, naming the
    enrollment that would move them."""
    if not after["school"]:
        return
    (school_id,) = after["school"]
    for table in ("teacher", "student"):
        people = {row["id"]: row for row in after[table].values()}
        if not people:
            continue
        elsewhere = [
            (person_id, name)
            for person_id, owner, name in DriverStatements(connection).rows_in(
                f"SELECT p.id, p.school_id, s.name FROM {table} p"
                " JOIN school s ON s.id = p.school_id WHERE p.id IN :values",
                sorted(people),
            )
            if owner != school_id
        ]
        if not elsewhere:
            continue
        person_id, other = min(elsewhere)
        person = people[person_id]
        name = after["school"][school_id]["name"]
        enrollment = store.connection.execute(
            "SELECT MIN(e.sourced_id) FROM oneroster_enrollment e JOIN oneroster_class c"
            " ON c.sourced_id = e.class_sourced_id WHERE e.user_sourced_id = ?"
            " AND c.school_sourced_id = ? AND e.status = 'active' AND c.status = 'active'",
            (person["source_id"], school),
        ).fetchone()[0]
        raise _refusal(
            run,
            ("enrollments", enrollment, "userSourcedId"),
            f"expected each {table} in one school: {person['given_name']} "
            f"{person['family_name']} ({person['source_id']}) is in classes of {name} and of "
            f"{other}, and the server keeps a {table} in one school (end their "
            "enrollments in one of them)",
        )


def _refusal(run: _Run, where: tuple[str, str | None, str], expected: str) -> InputError:
    """The error for the row ``where`` names (kind of file, sourcedId, column) of the
    package, at the line it was read from; line 1 when the package does not carry it (a
    delta without that file or that row)."""
    kind, sourced_id, column = where
    staged = run.read.staged.get(kind)
    if staged is None:
        file = run.read.package.display_of(LAYOUT_BY_KIND[kind].spec.file_name)
        return InputError(file, 1, column, expected)
    line = _staged_line(run, kind, sourced_id)
    return InputError(staged.display, line or 1, staged.header.column_number(column), expected)


def _staged_line(run: _Run, kind: str, sourced_id: str | None) -> int | None:
    """The line the package's file of ``kind`` gives the record ``sourced_id`` on."""
    found = run.scratch.connection.execute(
        f"SELECT line FROM {LAYOUT_BY_KIND[kind].staged} WHERE sourced_id = ?", (sourced_id,)
    ).fetchone()
    return None if found is None else int(found[0])


def district_report(reports: list[ImportReport]) -> ImportReport:
    """One report for a package's schools: the schools named together, their changes
    added up, and what each left out only when all did (what one school's import leaves
    out as another school's is not left out of the district's)."""
    first = reports[0]
    merged = ImportReport(
        package=first.package,
        format=first.format,
        version=first.version,
        school=and_list([report.school for report in reports]),
        files=first.files,
        applied=first.applied,
        removals=tuple(removal for report in reports for removal in report.removals),
        cause=next((report.cause for report in reports if report.cause), ""),
        notes=list(dict.fromkeys(note for report in reports for note in report.notes)),
        ignored=[item for item in first.ignored if all(item in r.ignored for r in reports)],
    )
    for kind in ROSTER_KINDS:
        total = merged.changes[kind]
        for report in reports:
            part = report.changes[kind]
            for change in ("added", "updated", "removed", "made_inactive", "kept"):
                total.set_count(change, total.count(change) + part.count(change))
            for change, names in part.names.items():
                total.names[change] = total.names.get(change, ()) + names
    return merged


def _record_roster_import(connection: Connection, after: Mapping[str, Rows]) -> None:
    """The roster's import time, published to the laptops (they show how fresh it is)."""
    schools = list(after["school"])
    if len(schools) != 1:
        return
    record_data_source(
        connection,
        schools[0],
        {
            "id": ROSTER_SOURCE,
            "kind": "roster",
            "name": "Roster",
            "imported_at": to_db_time(datetime.now(UTC)),
        },
    )


def seed_scratch(
    store: Store, connection: Connection, *, school_id: str | None = None, with_units: bool = False
) -> str:
    """A scratch laptop store holding one school's roster (``school_id``: its id, SIS
    sourcedId or name; the server's only school when omitted), the SIS mirror (and units),
    for the laptop importers to read a file against; returns the school's id."""
    from classroom_desk.server.admin import AdminError, only_school

    try:
        school = only_school(connection, school_id)
    except AdminError as error:
        raise InputError("server", 1, 1, f"expected one school: {error}") from None
    roster = {table: _server_rows(connection, TABLES[table], school) for table in ROSTER_TABLES}
    _seed_mirror(store, connection)
    with store.transaction():
        _seed_roster(
            store, {**roster, "content_area": _server_rows(connection, TABLES["content_area"])}
        )
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
    return school


# -- reading both sides ------------------------------------------------------------------


def _keyed(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> Rows:
    return {spec.row_id(row): dict(row) for row in rows}


def _server_rows(connection: Connection, spec: TableSpec, school_id: str | None = None) -> Rows:
    """The rows of a table, or of one school's (``_ONE_SCHOOLS``)."""
    query = f"SELECT {', '.join(spec.columns)} FROM {spec.name}"
    if school_id is not None:
        query += f" WHERE {_ONE_SCHOOLS[spec.name]}"
    result = connection.execute(text(query), {"school": school_id})
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


def _seed_roster(store: Store, roster: Mapping[str, Rows]) -> None:
    """The server's roster (or one school's), as the scratch store's starting point, in
    the caller's transaction."""
    for table in ROSTER_TABLES:
        spec = TABLES[table]
        marks = ", ".join("?" for _ in spec.columns)
        store.connection.executemany(
            f"INSERT INTO {table} ({', '.join(spec.columns)}) VALUES ({marks})",
            ([row[column] for column in spec.columns] for row in roster[table].values()),
        )


def _seed_mirror(store: Store, connection: Connection) -> None:
    """The server's SIS mirror, as the scratch store's, streamed one kind at a time (it
    is the biggest part)."""
    with store.transaction():
        for table, columns in MIRRORS.items():
            store.connection.executemany(
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
    changed = _teachers_of_changed_classes(connection, before, after, diffs)
    keep_class_lists(connection, teachers=changed)
    for row in diffs["school"].upserts:
        upsert_school(connection, row)
    for table in ROSTER_TABLES[1:]:
        upsert_rows(connection, school_id, table, diffs[table].upserts)
    for table in reversed(ROSTER_TABLES):
        delete_rows(connection, school_id, table, diffs[table].deletions)
    # Their laptops are sent what changed at their next sync, so a newly enrolled
    # student's history (published earlier) reaches them, and a student gone leaves.
    if changed:
        bump_class_lists(connection, school_id, teachers=changed)


def _teachers_of_changed_classes(
    connection: Connection,
    before: Mapping[str, Rows],
    after: Mapping[str, Rows],
    diffs: Mapping[str, RosterDiff],
) -> set[str]:
    """Teachers (lead or co-teaching) of classes the import adds, removes, changes or
    enrolls students in or out of."""
    sections = {row["section_id"] for row in diffs["enrollment"].upserts}
    sections |= {row["section_id"] for row in diffs["enrollment"].deletions}
    sections |= {row["id"] for row in diffs["class_section"].upserts}
    sections |= {row["id"] for row in diffs["class_section"].deletions}
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
    return teachers


def _kept_mirror(store: Store, known: Iterable[str]) -> dict[str, dict[str, str]]:
    """The SIS mirror to keep (kind -> sourcedId -> fields as JSON text): the package's,
    knowing by name only the people some school's import kept (``known``), as a store of
    those schools would."""
    with store.transaction():
        forget_people(store.connection, known)
    return {table: dict(_store_mirror(store, table)) for table in MIRRORS}


def _write_mirror(connection: Connection, mirror: Mapping[str, Mapping[str, str]]) -> None:
    """Keep the SIS records for the next (delta) import, one kind at a time; they are
    not synced."""
    for table, records in mirror.items():
        before = dict(_server_mirror(connection, table))
        changed = [
            {"kind": table, "sourced_id": sourced_id, "fields": fields}
            for sourced_id, fields in records.items()
            if before.pop(sourced_id, None) != fields
        ]
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

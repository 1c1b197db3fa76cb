"""Importing a OneRoster 1.1 or 1.2 CSV package (folder or .zip) into the store.

Every file is read and checked into temporary tables first; then one store transaction
checks references, updates the SIS mirror and rebuilds the roster. Any error or a cancel
rolls that transaction back, so the store is exactly as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from classroom_desk.i18n import translate
from classroom_desk.importers.csv_source import CsvLimits, count_lines
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.changes import (
    apply_changes,
    describe_changes,
    drop_change_tables,
    likely_cause,
    refuse_removals,
    removals_to_confirm,
)
from classroom_desk.importers.oneroster.keeping import RosterHistory
from classroom_desk.importers.oneroster.manifest import ABSENT, VERSIONS, Manifest, read_manifest
from classroom_desk.importers.oneroster.mirror import check_references, merge_into_mirror
from classroom_desk.importers.oneroster.options import ImportOptions
from classroom_desk.importers.oneroster.package import MANIFEST, Package, open_package
from classroom_desk.importers.oneroster.progress import ProgressCallback, ProgressTracker
from classroom_desk.importers.oneroster.report import ROSTER_KINDS, ImportReport
from classroom_desk.importers.oneroster.roster import (
    SAVING,
    drop_projection_tables,
    plan_roster,
    report_left_out,
)
from classroom_desk.importers.oneroster.staging import (
    LAYOUTS,
    Layout,
    PlannedFile,
    StagedFile,
    drop_staging,
    stage_file,
)
from classroom_desk.store.data_sources import record_import
from classroom_desk.store.database import Store
from classroom_desk.store.undo import UndoKeeper

#: OneRoster 1.0 and 1.1 keep each user's role in users.csv (1.2 moved it to roles.csv).
_ROLE_IN_USERS_VERSIONS = VERSIONS[:2]


def import_oneroster(
    path: Path,
    store: Store,
    *,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
    history: RosterHistory | None = None,
    before_writing: Callable[[], None] | None = None,
) -> ImportReport:
    """Import the package at ``path``; all of it, or (on any exception) nothing. With
    ``options.dry_run`` the change is worked out and reported, and nothing is written.

    Raises :class:`InputError` (``file:line:column: what was expected``) for a package
    that cannot be imported, :class:`RemovalsNeedConfirmationError` (an InputError) for
    one that would remove many people or a class with activity unless
    ``options.confirm_removals``, and :class:`ImportCancelledError` when ``should_cancel``
    says so. ``history`` says what may not be removed (default: what the store records);
    ``before_writing`` runs in the import's transaction just before its first write to
    the roster (to keep an undo copy). The import needs ``store``'s connection to itself
    while it runs.
    """
    options = options or ImportOptions()
    reading = read_package(
        path, store, options=options, progress=progress, should_cancel=should_cancel, limits=limits
    )
    with reading as read, contextlib.suppress(_DryRunDoneError), store.transaction():
        merge_package(read, store.connection)
        import_school(
            read,
            store.connection,
            report=read.report,
            options=options,
            history=history,
            before_writing=before_writing,
        )
        if not read.report.applied:
            raise _DryRunDoneError  # rolls back what the dry run did
    return read.report


@dataclass(frozen=True, slots=True)
class ReadPackage:
    """A package read into a store's staging tables, every file checked: what a school's
    roster is worked out from (a server importing a district works out each school's from
    one reading)."""

    package: Package
    manifest: Manifest
    staged: dict[str, StagedFile]
    #: What reading found (files, formats, what was ignored), before any school's part.
    report: ImportReport
    tracker: ProgressTracker

    @property
    def orgs_file(self) -> str:
        """How messages name the package's orgs.csv, whether it has one or not."""
        return self.package.display(self.package.find("orgs.csv") or "orgs.csv")


@contextlib.contextmanager
def read_package(
    path: Path,
    store: Store,
    *,
    options: ImportOptions,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
) -> Iterator[ReadPackage]:
    """Read and check every file of the package at ``path`` into ``store``'s staging
    tables (temporary: the store itself is not changed), for :func:`merge_package` and
    :func:`import_school`; the tables the import made are dropped on leaving."""
    limits = limits or CsvLimits()
    report = ImportReport(package=str(path))
    connection = store.connection
    with open_package(path, choose=options.package) as package:
        if package.root:
            report.notes.append(
                translate("RosterImport", "Read the package in {root}/.").format(root=package.root)
            )
        manifest = read_manifest(package, limits=limits, report=report)
        report.version = manifest.version
        report.format = manifest.package_format.name
        report.note_format(MANIFEST, manifest.format)
        planned = plan_files(package, manifest, report, limits)
        tracker = ProgressTracker(progress, should_cancel, _rows_total(package, planned, limits))
        try:
            staged = _stage_files(connection, package, planned, limits, tracker, report)
            _check_roles_are_given(connection, staged)
            tracker.step(translate("RosterImport", SAVING))
            yield ReadPackage(package, manifest, staged, report, tracker)
        finally:
            drop_staging(connection)
            drop_projection_tables(connection)
            drop_change_tables(connection)


def merge_package(read: ReadPackage, connection: sqlite3.Connection) -> None:
    """Check what the package's records name, and bring the SIS mirror up to date with
    them, in the caller's transaction."""
    check_references(connection, read.staged, read.report)
    merge_into_mirror(connection, read.staged, read.report)


def import_school(
    read: ReadPackage,
    connection: sqlite3.Connection,
    *,
    report: ImportReport,
    options: ImportOptions,
    history: RosterHistory | None = None,
    before_writing: Callable[[], None] | None = None,
) -> None:
    """Work out the roster of the school ``options.school`` names (or the package's one)
    from the SIS mirror into ``report``, and make it the store's, in the caller's
    transaction; a dry run writes nothing and leaves ``report.applied`` false."""
    read.tracker.step(translate("RosterImport", SAVING))
    school = plan_roster(
        connection,
        read.staged,
        orgs_file=read.orgs_file,
        report=report,
        school_choice=options.school,
        history=history,
    )
    if school is not None:
        describe_changes(connection, report)
        _judge_removals(connection, read.staged, read.manifest.display, report, options)
        read.tracker.step(translate("RosterImport", SAVING))
        report_left_out(connection, school, report)
    if options.dry_run:
        report.applied = False
        return
    if before_writing is not None:
        before_writing()
    if school is not None:
        apply_changes(connection)
    record_import(connection, kind="roster", name="Roster", at=datetime.now(UTC))


def import_keeping_undo(
    path: Path,
    store: Store,
    *,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
) -> ImportReport:
    """The laptop's roster import: :func:`import_oneroster`, keeping the store as it was
    just before for ``store.undo.undo_last_import`` (a dry run keeps nothing)."""
    with UndoKeeper(store.path, store.connection, store.key) as keeper:
        report = import_oneroster(
            path,
            store,
            options=options,
            progress=progress,
            should_cancel=should_cancel,
            limits=limits,
            before_writing=keeper.keep,
        )
        keeper.record(
            package=report.package,
            school=report.school,
            changes=[
                report.changes[kind].describe(kind)
                for kind in ROSTER_KINDS
                if report.changes[kind].lines()
            ],
        )
    return report


class _DryRunDoneError(Exception):
    """Leaves a dry run's transaction, which rolls back everything it did."""


def _judge_removals(
    connection: sqlite3.Connection,
    staged: Mapping[str, StagedFile],
    fallback: str,
    report: ImportReport,
    options: ImportOptions,
) -> None:
    """Many students or teachers going, or a class with activity, needs a yes: say so on a
    dry run or a confirmed import, refuse otherwise."""
    removals = removals_to_confirm(connection)
    if not removals:
        return
    report.removals = removals
    report.cause = likely_cause(connection, staged)
    if options.dry_run:
        return
    if not options.confirm_removals:
        raise refuse_removals(removals, staged, fallback, report)
    if options.removals_seen is not None and removals != options.removals_seen:
        raise refuse_removals(removals, staged, fallback, report, seen=options.removals_seen)


def _check_roles_are_given(
    connection: sqlite3.Connection, staged: Mapping[str, StagedFile]
) -> None:
    """Users whose roles nobody gives would all be left out (a 1.2 users.csv without
    roles.csv would empty the roster): refuse the package instead."""
    users = staged.get("users")
    if users is None or "roles" in staged or "role" in users.header.positions:
        return
    if connection.execute("SELECT 1 FROM oneroster_role LIMIT 1").fetchone() is not None:
        return  # roles.csv came with an earlier import
    raise InputError(
        users.display,
        users.header.line,
        "role",
        translate(
            "RosterImport",
            "expected roles.csv or a role column in users.csv: users.csv has no "
            "role column and there is no roles.csv (OneRoster 1.2 keeps roles in "
            "roles.csv; export it too)",
        ),
    )


def plan_files(
    package: Package, manifest: Manifest, report: ImportReport, limits: CsvLimits
) -> list[PlannedFile]:
    """The files to read, as the manifest gives them; the package's other files are
    reported as ignored."""
    planned: list[PlannedFile] = []
    if not any(
        entry.mode != ABSENT for layout in LAYOUTS if (entry := manifest.entry(layout.spec.kind))
    ):
        raise InputError(
            manifest.display,
            1,
            1,
            translate(
                "RosterImport",
                "expected file.users or another roster file as bulk or delta; the "
                "manifest names none ({value} are read)",
            ).format(value=", ".join(layout.spec.file_name for layout in LAYOUTS)),
        )
    for layout in LAYOUTS:
        entry = manifest.entry(layout.spec.kind)
        if entry is None or entry.mode == ABSENT:
            continue
        member = package.find(layout.spec.file_name)
        if member is None:
            raise InputError(
                manifest.display,
                entry.line,
                2,
                translate(
                    "RosterImport",
                    "expected {file_name} in the package, as the manifest says "
                    "file.{kind} is {mode}",
                ).format(file_name=layout.spec.file_name, kind=entry.kind, mode=entry.mode),
            )
        package.check_size(member, limits)
        dialect = manifest.package_format.dialect(layout.spec.kind)
        planned.append(
            PlannedFile(layout, member, entry.mode, _required(layout, manifest), dialect)
        )
    _report_unread_files(package, manifest, planned, report)
    return planned


def _required(layout: Layout, manifest: Manifest) -> tuple[str, ...]:
    if layout.spec.kind == "users" and manifest.version in _ROLE_IN_USERS_VERSIONS:
        return (*layout.spec.required, "role")
    required = manifest.package_format.dialect(layout.spec.kind).required
    return layout.spec.required if required is None else required


def _report_unread_files(
    package: Package, manifest: Manifest, planned: list[PlannedFile], report: ImportReport
) -> None:
    read = {MANIFEST, *(file.member.rsplit("/", 1)[-1].casefold() for file in planned)}
    roster_kinds = {layout.spec.kind.casefold() for layout in LAYOUTS}
    unread = []
    for key, member in sorted(package.members.items()):
        if key in read:
            continue
        kind = key.removesuffix(".csv")
        entry = manifest.files.get(kind)
        if kind in roster_kinds:
            why = (
                translate("RosterImport", "absent in the manifest")
                if entry
                else translate("RosterImport", "not in the manifest")
            )
        else:
            why = translate("RosterImport", "not used by Classroom Desk")
        unread.append(f"{member.rsplit('/', 1)[-1]} ({why})")
    if unread:
        report.ignored.append(
            translate("RosterImport", "files {files}").format(files=", ".join(unread))
        )


def _rows_total(package: Package, planned: list[PlannedFile], limits: CsvLimits) -> int:
    total = 0
    for file in planned:
        with package.open(file.member) as binary:
            total += max(count_lines(binary, limits.max_file_bytes) - 1, 0)
    return total


def _stage_files(
    connection: sqlite3.Connection,
    package: Package,
    planned: list[PlannedFile],
    limits: CsvLimits,
    tracker: ProgressTracker,
    report: ImportReport,
) -> dict[str, StagedFile]:
    """Read every planned file into its staging table, in one transaction on SQLite's
    temporary database (fast, and it takes no lock on the store)."""
    connection.execute("BEGIN")
    try:
        staged = {
            file.layout.spec.kind: stage_file(
                connection, package, file, limits=limits, tracker=tracker, report=report
            )
            for file in planned
        }
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return staged

"""Importing a OneRoster 1.1 or 1.2 CSV package (folder or .zip) into the store.

Every file is read and checked into temporary tables first; then one store transaction
checks references, updates the SIS mirror and rebuilds the roster. Any error or a cancel
rolls that transaction back, so the store is exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from classroom_desk.importers.csv_source import CsvLimits, count_lines
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.manifest import ABSENT, VERSIONS, Manifest, read_manifest
from classroom_desk.importers.oneroster.mirror import check_references, merge_into_mirror
from classroom_desk.importers.oneroster.package import MANIFEST, Package, open_package
from classroom_desk.importers.oneroster.progress import ProgressCallback, ProgressTracker
from classroom_desk.importers.oneroster.report import ImportReport
from classroom_desk.importers.oneroster.roster import (
    SAVING,
    drop_projection_tables,
    update_roster,
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

#: OneRoster 1.0 and 1.1 keep each user's role in users.csv (1.2 moved it to roles.csv).
_ROLE_IN_USERS_VERSIONS = VERSIONS[:2]


def import_oneroster(
    path: Path,
    store: Store,
    *,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
) -> ImportReport:
    """Import the package at ``path``; all of it, or (on any exception) nothing.

    Raises :class:`InputError` (``file:line:column: what was expected``) for a package
    that cannot be imported and :class:`ImportCancelledError` when ``should_cancel`` says so.
    The import needs ``store``'s connection to itself while it runs.
    """
    limits = limits or CsvLimits()
    report = ImportReport(package=str(path))
    connection = store.connection
    with open_package(path) as package:
        manifest = read_manifest(package, limits=limits, report=report)
        report.version = manifest.version
        planned = plan_files(package, manifest, report, limits)
        tracker = ProgressTracker(progress, should_cancel, _rows_total(package, planned, limits))
        try:
            staged = _stage_files(connection, package, planned, limits, tracker, report)
            tracker.step(SAVING)
            with store.transaction():
                check_references(connection, staged, report)
                merge_into_mirror(connection, staged, report)
                tracker.step(SAVING)
                orgs_file = package.display(package.find("orgs.csv") or "orgs.csv")
                update_roster(
                    connection, staged, orgs_file=orgs_file, report=report, tracker=tracker
                )
                record_import(connection, kind="roster", name="Roster", at=datetime.now(UTC))
        finally:
            drop_staging(connection)
            drop_projection_tables(connection)
    return report


def plan_files(
    package: Package, manifest: Manifest, report: ImportReport, limits: CsvLimits
) -> list[PlannedFile]:
    """The files to read, as the manifest gives them; the package's other files are
    reported as ignored."""
    planned: list[PlannedFile] = []
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
                f"expected {layout.spec.file_name} in the package, as the manifest says "
                f"file.{entry.kind} is {entry.mode}",
            )
        _check_size(package, member, limits)
        planned.append(PlannedFile(layout, member, entry.mode, _required(layout, manifest)))
    _report_unread_files(package, manifest, planned, report)
    return planned


def _check_size(package: Package, member: str, limits: CsvLimits) -> None:
    """Refuse an oversized file before reading it (reading checks again, as a zip can lie)."""
    size = package.size(member)
    if size > limits.max_file_bytes:
        raise InputError(
            package.display(member),
            1,
            1,
            f"expected a file of at most {limits.max_file_bytes} bytes; this one has {size} "
            "(is it the right file?)",
        )


def _required(layout: Layout, manifest: Manifest) -> tuple[str, ...]:
    if layout.spec.kind == "users" and manifest.version in _ROLE_IN_USERS_VERSIONS:
        return (*layout.spec.required, "role")
    return layout.spec.required


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
            why = "absent in the manifest" if entry else "not in the manifest"
        else:
            why = "not used by Classroom Desk"
        unread.append(f"{member.rsplit('/', 1)[-1]} ({why})")
    if unread:
        report.ignored.append("files " + ", ".join(unread))


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

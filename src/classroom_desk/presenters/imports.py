"""Imports as the window asks for them: each call opens its own store connection on the
same file (imports run on a worker thread; the UI thread's connection stays its own).

The window gets an :class:`ImportService` from the composition root and never touches the
store itself; the types it needs to show results are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from classroom_desk.importers.activity import (
    FIELDS_OF_KIND,
    ActivityField,
    ActivityImportResult,
    ActivityReport,
    ColumnMapping,
    ExportKind,
    Preview,
    PreviewCell,
    PreviewRow,
    StudentChoice,
    StudentQuestion,
    guess_mapping,
    import_activity,
    load_mapping,
    mapping_for_headers,
    preview,
    read_headers,
    save_mapping,
    saved_sources,
)
from classroom_desk.importers.errors import ImportCancelledError, InputError
from classroom_desk.importers.oneroster import (
    ImportOptions,
    ImportReport,
    PackageChoiceError,
    RemovalsNeedConfirmationError,
    SchoolChoiceError,
    SchoolOption,
    import_keeping_undo,
    import_oneroster,
)
from classroom_desk.importers.oneroster.progress import ProgressCallback
from classroom_desk.store.database import open_store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.undo import (
    LaterChangesError,
    UndoError,
    UndoPoint,
    UndoResult,
    later_changes,
    undo_last_import,
    undo_point,
)

__all__ = [
    "FIELDS_OF_KIND",
    "ActivityField",
    "ActivityImportResult",
    "ActivityReport",
    "ColumnMapping",
    "ExportKind",
    "ImportCancelledError",
    "ImportOptions",
    "ImportReport",
    "ImportService",
    "InputError",
    "LaterChangesError",
    "MappingStart",
    "PackageChoiceError",
    "Preview",
    "PreviewCell",
    "PreviewRow",
    "ProgressCallback",
    "RemovalsNeedConfirmationError",
    "RosterPreviewView",
    "SchoolChoiceError",
    "SchoolOption",
    "StudentChoice",
    "StudentQuestion",
    "UndoError",
    "UndoPoint",
    "UndoResult",
]

#: Rows the mapping dialog previews.
PREVIEW_ROWS = 20


@dataclass(frozen=True, slots=True)
class MappingStart:
    """What the mapping dialog opens with for a file: its headers, the mapping (saved for a
    platform whose columns the file has, else guessed) and that platform's name, if known."""

    headers: tuple[str, ...]
    mapping: ColumnMapping
    source: str
    saved: bool


@dataclass(frozen=True, slots=True)
class ImportService:
    """Roster and activity imports into the store file at ``store_path``.

    While the window shows the demo school, a roster goes into the teacher's own school
    store (``roster_store_path``) instead: a real roster must never live in the demo
    file, which is rebuilt when it gets stale.
    """

    store_path: Path
    roster_store_path: Path | None = None
    #: Starts Classroom Desk again on the teacher's school (from the composition root).
    open_school: Callable[[], None] | None = None

    @property
    def roster_goes_to_school_store(self) -> bool:
        return self.roster_store_path not in (None, self.store_path)

    @property
    def can_open_school(self) -> bool:
        """After a roster import on the demo, the window can offer to open the school."""
        return self.roster_goes_to_school_store and self.open_school is not None

    def roster_imported_note(self) -> str:
        """What to tell the teacher after a roster import, beyond the import's summary."""
        if not self.roster_goes_to_school_store:
            return ""
        went = "The roster went into your school's own database, not the demo."
        if self.can_open_school:
            return (
                f"{went} Open your school now? Classroom Desk saves your notes and reopens on it."
            )
        return f"{went} Close and reopen Classroom Desk to open your school."

    @property
    def _roster_store(self) -> Path:
        return self.roster_store_path or self.store_path

    def preview_roster(
        self,
        path: Path,
        options: ImportOptions | None = None,
        progress: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """What importing the package would change (a dry run: nothing is written)."""
        chosen = replace(options or ImportOptions(), dry_run=True)
        with closing(open_store(self._roster_store)) as store:
            return import_oneroster(
                path, store, options=chosen, progress=progress, should_cancel=should_cancel
            )

    def import_roster(
        self,
        path: Path,
        progress: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
        options: ImportOptions | None = None,
    ) -> ImportReport:
        """A OneRoster package (folder or .zip): all of it or, on any exception, nothing;
        the store as it was is kept for :meth:`undo_roster_import`."""
        with closing(open_store(self._roster_store)) as store:
            return import_keeping_undo(
                path, store, options=options, progress=progress, should_cancel=should_cancel
            )

    def roster_undo_point(self) -> UndoPoint | None:
        return undo_point(self._roster_store)

    def roster_later_changes(self, point: UndoPoint) -> tuple[tuple[str, int], ...]:
        """What was saved since the import that undoing it would lose."""
        return later_changes(self._roster_store, point.copy)

    def undo_roster_import(self, *, discard_later_changes: bool = False) -> UndoResult:
        return undo_last_import(self._roster_store, discard_later_changes=discard_later_changes)

    # -- activity -------------------------------------------------------------------------

    def start_mapping(self, path: Path) -> MappingStart:
        """Raises :class:`InputError` when the file has no readable header row."""
        headers = tuple(read_headers(path))
        with closing(open_store(self.store_path)) as store:
            found = mapping_for_headers(store.connection, headers)
        if found is not None:
            source, mapping = found
            return MappingStart(headers, mapping, source, saved=True)
        return MappingStart(headers, guess_mapping(headers), path.stem, saved=False)

    def saved_sources(self) -> list[str]:
        with closing(open_store(self.store_path)) as store:
            return saved_sources(store.connection)

    def saved_mapping(self, source: str) -> ColumnMapping | None:
        with closing(open_store(self.store_path)) as store:
            return load_mapping(store.connection, source=source)

    def content_areas(self) -> list[tuple[str, str]]:
        """(id, name) of the school's content areas, for a file with no content-area column."""
        with closing(open_store(self.store_path)) as store:
            areas = RosterQueries(store.connection).content_areas()
        return [(area.id, area.name) for area in areas]

    def preview(self, path: Path, mapping: ColumnMapping) -> Preview:
        with closing(open_store(self.store_path)) as store:
            return preview(path, mapping, PREVIEW_ROWS, store=store)

    def save_mapping(self, source: str, mapping: ColumnMapping) -> None:
        with closing(open_store(self.store_path)) as store:
            save_mapping(store.connection, source=source, mapping=mapping)

    def import_activity(
        self,
        path: Path,
        mapping: ColumnMapping,
        *,
        source: str,
        resolutions: Mapping[str, str | None] | None = None,
        progress: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> ActivityImportResult:
        """Questions for the teacher (nothing written) or the import's report."""
        with closing(open_store(self.store_path)) as store:
            return import_activity(
                path,
                store,
                mapping,
                source=source,
                resolutions=resolutions,
                progress=progress,
                should_cancel=should_cancel,
            )


# -- the roster preview ------------------------------------------------------------------

KIND_LABELS = {
    "students": "Students",
    "teachers": "Teachers",
    "classes": "Classes",
    "enrollments": "Enrollments",
}


@dataclass(frozen=True, slots=True)
class RosterPreviewView:
    """What the roster import dialog shows before anything is written: each table's
    change with the first names, what needs a yes and why, and the report's notes."""

    title: str
    headline: str
    #: (table, its change lines), ``("Students", ("4 added: Ava Nguyen, ...",))``.
    tables: tuple[tuple[str, tuple[str, ...]], ...]
    #: What would go that needs a yes, and the likely cause ("" when nothing does).
    removals: str
    import_label: str
    confirm_label: str
    details: tuple[str, ...]

    @property
    def needs_yes(self) -> bool:
        return bool(self.removals)


def roster_preview_view(report: ImportReport) -> RosterPreviewView:
    """The preview dialog's content for a dry run's report."""
    tables = tuple(
        (label, tuple(report.changes[kind].lines()) or ("no change",))
        for kind, label in KIND_LABELS.items()
    )
    school = report.school or "the school"
    headline = (
        f"{school}: {report.format} {report.version} roster from {Path(report.package).name}."
        + ("" if report.changes_anything else " Importing it would change nothing.")
    )
    details = [*report.notes]
    if report.ignored:
        details.append("Not imported: " + "; ".join(report.ignored) + ".")
    return RosterPreviewView(
        title=f"Import roster: {Path(report.package).name}",
        headline=headline,
        tables=tables,
        removals=report.removals_text(),
        import_label="Import and remove them" if report.removals else "Import",
        confirm_label="Yes, this is what the school means: remove them" if report.removals else "",
        details=tuple(details),
    )


def school_choices(error: SchoolChoiceError) -> list[tuple[str, str]]:
    """(label, value) of each school a multi-school package holds, for the choice."""
    return [
        (
            f"{school.name} ({school.classes} class{'' if school.classes == 1 else 'es'})",
            school.sourced_id,
        )
        for school in error.schools
    ]

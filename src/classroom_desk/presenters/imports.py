"""Imports as the window asks for them: each call opens its own store connection on the
same file (imports run on a worker thread; the UI thread's connection stays its own).

The window gets an :class:`ImportService` from the composition root and never touches the
store itself; the types it needs to show results are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import translatable, translate
from classroom_desk.importers.activity import (
    FIELDS_OF_KIND,
    ActivityField,
    ActivityImportResult,
    ActivityReport,
    Clock,
    ColumnMapping,
    ExportKind,
    Period,
    PeriodRule,
    Preview,
    PreviewCell,
    PreviewRow,
    ScoreScale,
    StudentChoice,
    StudentQuestion,
    guess_columns,
    import_activity,
    load_mapping,
    mapping_for_headers,
    preview,
    read_sample,
    save_mapping,
    saved_sources,
    with_headers,
)
from classroom_desk.importers.activity.gradebook import has_gradebook, import_gradebook
from classroom_desk.importers.activity.rows import file_date
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
from classroom_desk.store.backups import backup_before_roster_import
from classroom_desk.store.database import StoreKey, open_store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.undo import (
    LaterChangesError,
    UndoError,
    UndoPoint,
    UndoResult,
    later_changes,
    lost_work_text,
    undo_last_import,
    undo_point,
)

__all__ = [
    "FIELDS_OF_KIND",
    "ActivityField",
    "ActivityImportResult",
    "ActivityReport",
    "Clock",
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
    "Period",
    "PeriodRule",
    "Preview",
    "PreviewCell",
    "PreviewRow",
    "ProgressCallback",
    "RemovalsNeedConfirmationError",
    "RosterPreviewView",
    "SchoolChoiceError",
    "SchoolOption",
    "ScoreScale",
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
    platform whose columns the file has, else guessed, with ``why`` in words) and that
    platform's name, if known. ``file_week`` is the school week the file was written in."""

    headers: tuple[str, ...]
    mapping: ColumnMapping
    source: str
    saved: bool
    #: The file's header is the very one the mapping was saved for.
    exact: bool = False
    why: tuple[str, ...] = ()
    file_week: date | None = None

    @property
    def needs_no_questions(self) -> bool:
        """The saved mapping can be used as it is: the same header, nothing missing, and no
        dates that were chosen for another file."""
        fixed = self.mapping.period is not None and self.mapping.period.rule is PeriodRule.FIXED
        return self.saved and self.exact and not self.mapping.missing() and not fixed


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
    #: The stores' key (one key for every store in the data folder); ``None``: plain files.
    key: StoreKey | None = None

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
        if self.can_open_school:
            return translate(
                "Imports",
                "The roster went into your school's own database, not the demo. Open your school "
                "now? Classroom Desk saves your notes and reopens on it.",
            )
        return translate(
            "Imports",
            "The roster went into your school's own database, not the demo. Close and reopen "
            "Classroom Desk to open your school.",
        )

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
        with closing(open_store(self._roster_store, self.key)) as store:
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
        a backup is taken first (File > Restore from backup), and the store as it was is
        kept for :meth:`undo_roster_import`."""
        with closing(open_store(self._roster_store, self.key)) as store:
            backup_before_roster_import(store)
            return import_keeping_undo(
                path, store, options=options, progress=progress, should_cancel=should_cancel
            )

    def roster_undo_point(self) -> UndoPoint | None:
        return undo_point(self._roster_store)

    def roster_lost_work(self, point: UndoPoint) -> str:
        """What was saved since the import that undoing it would lose, in words ("" when
        nothing would be)."""
        return lost_work_text(later_changes(self._roster_store, point.copy, self.key))

    def undo_roster_import(self, *, discard_later_changes: bool = False) -> UndoResult:
        return undo_last_import(
            self._roster_store, key=self.key, discard_later_changes=discard_later_changes
        )

    # -- activity -------------------------------------------------------------------------

    def start_mapping(self, path: Path) -> MappingStart:
        """Raises :class:`InputError` when the file has no readable header row."""
        headers, rows = read_sample(path)
        with closing(open_store(self.store_path, self.key)) as store:
            found = mapping_for_headers(store.connection, headers)
            school = RosterQueries(store.connection).school()
        calendar = (
            None
            if school is None
            else SchoolCalendar.named(school.time_zone, school.first_day_of_week)
        )
        written = None if calendar is None else file_date(path, calendar)
        week = None if calendar is None or written is None else calendar.week_start(written)
        if found is not None:
            why = (
                translate("Imports", "The mapping saved for {source}.").format(source=found.source),
            )
            return MappingStart(
                tuple(headers), found.mapping, found.source, True, found.exact, why, week
            )
        guess = guess_columns(headers, rows, today=written)
        return MappingStart(
            tuple(headers), guess.mapping, path.stem, False, False, tuple(guess.lines()), week
        )

    @staticmethod
    def is_gradebook(path: Path) -> bool:
        """A OneRoster package (folder, its manifest.csv or .zip) with lineItems and results."""
        folder = path.parent if path.name.lower() == "manifest.csv" else path
        return (folder.is_dir() or path.suffix.lower() == ".zip") and has_gradebook(folder)

    def import_gradebook(
        self,
        path: Path,
        progress: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> ActivityImportResult:
        """A OneRoster gradebook's graded results as unit attempts: all or nothing."""
        folder = path.parent if path.name.lower() == "manifest.csv" else path
        with closing(open_store(self.store_path, self.key)) as store:
            return import_gradebook(folder, store, progress=progress, should_cancel=should_cancel)

    def saved_sources(self) -> list[str]:
        with closing(open_store(self.store_path, self.key)) as store:
            return saved_sources(store.connection)

    def saved_mapping(self, source: str) -> ColumnMapping | None:
        with closing(open_store(self.store_path, self.key)) as store:
            return load_mapping(store.connection, source=source)

    def content_areas(self) -> list[tuple[str, str]]:
        """(id, name) of the school's content areas, for a file with no content-area column."""
        with closing(open_store(self.store_path, self.key)) as store:
            areas = RosterQueries(store.connection).content_areas()
        return [(area.id, area.name) for area in areas]

    def preview(
        self, path: Path, mapping: ColumnMapping, *, section_id: str | None = None
    ) -> Preview:
        with closing(open_store(self.store_path, self.key)) as store:
            return preview(path, mapping, PREVIEW_ROWS, store=store, section_id=section_id)

    def save_mapping(
        self, source: str, mapping: ColumnMapping, headers: tuple[str, ...] = ()
    ) -> None:
        """Remember ``mapping`` for ``source`` and this header row: the same export next
        time is imported with it at once."""
        with closing(open_store(self.store_path, self.key)) as store:
            save_mapping(store.connection, source=source, mapping=with_headers(mapping, headers))

    def import_activity(
        self,
        path: Path,
        mapping: ColumnMapping,
        *,
        source: str,
        resolutions: Mapping[str, str | None] | None = None,
        progress: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
        section_id: str | None = None,
    ) -> ActivityImportResult:
        """Questions for the teacher (nothing written) or the import's report; names are
        matched in the class ``section_id`` first."""
        with closing(open_store(self.store_path, self.key)) as store:
            return import_activity(
                path,
                store,
                mapping,
                source=source,
                resolutions=resolutions,
                progress=progress,
                should_cancel=should_cancel,
                section_id=section_id,
            )


# -- the roster preview ------------------------------------------------------------------

KIND_LABELS = {
    "students": translatable("Imports", "Students"),
    "teachers": translatable("Imports", "Teachers"),
    "classes": translatable("Imports", "Classes"),
    "enrollments": translatable("Imports", "Enrollments"),
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
        (
            translate("Imports", label),
            tuple(report.changes[kind].lines()) or (translate("Imports", "no change"),),
        )
        for kind, label in KIND_LABELS.items()
    )
    package = Path(report.package).name
    headline = translate("Imports", "{school}: {format} {version} roster from {package}.").format(
        school=report.school or translate("Imports", "the school"),
        format=report.format,
        version=report.version,
        package=package,
    )
    if not report.changes_anything:
        headline += " " + translate("Imports", "Importing it would change nothing.")
    details = [*report.notes]
    if report.ignored:
        details.append(
            translate("Imports", "Not imported: {what}.").format(what="; ".join(report.ignored))
        )
    return RosterPreviewView(
        title=translate("Imports", "Import roster: {package}").format(package=package),
        headline=headline,
        tables=tables,
        removals=report.removals_text(),
        import_label=translate("Imports", "Import and remove them")
        if report.removals
        else translate("Imports", "Import"),
        confirm_label=translate("Imports", "Yes, this is what the school means: remove them")
        if report.removals
        else "",
        details=tuple(details),
    )


def school_choices(error: SchoolChoiceError) -> list[tuple[str, str]]:
    """(label, value) of each school a multi-school package holds, for the choice."""
    return [
        (f"{school.name} ({school.classes_words()})", school.sourced_id) for school in error.schools
    ]

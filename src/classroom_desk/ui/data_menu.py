"""The File menu's data in and out: roster and activity imports, the class chart, the Skills
Summary and a student's report. Imports and report building run in the task runner, each
on a store connection of its own (``presenters.imports`` / ``presenters.reports``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from classroom_desk.i18n import month_name, translatable, translate
from classroom_desk.presenters.imports import (
    ActivityImportResult,
    ColumnMapping,
    ImportCancelledError,
    ImportOptions,
    ImportReport,
    ImportService,
    InputError,
    PackageChoiceError,
    SchoolChoiceError,
    UndoResult,
    roster_preview_view,
    school_choices,
)
from classroom_desk.presenters.messages import file_error_text, import_failure_text
from classroom_desk.presenters.reports import (
    ReportService,
    StudentReport,
    chart_points,
    chart_title,
    report_sections,
)
from classroom_desk.presenters.roster import ALL_SECTIONS, RosterPresenter
from classroom_desk.ui.import_dialogs import (
    ActivityMappingDialog,
    ChoiceDialog,
    ImportProgress,
    RosterPreviewDialog,
    StudentQuestionsDialog,
)
from classroom_desk.ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from classroom_desk.presenters.backups import BackupService
    from classroom_desk.ui.main_window import MainWindow
    from classroom_desk.ui.reports_windows import ClassChartDialog, SkillsSummaryWindow
    from classroom_desk.ui.restore_dialog import RestoreBackupDialog

ROSTER_FILTER = translatable("DataMenu", "OneRoster package (*.zip manifest.csv);;All files (*)")
ACTIVITY_FILTER = translatable(
    "DataMenu",
    "CSV export (*.csv *.txt);;OneRoster gradebook (*.zip manifest.csv);;All files (*)",
)
IMPORTS_REST = translatable(
    "DataMenu",
    "Read only: this account's laptop keeps the school server's copy of the school, "
    "so rosters and activity are imported on the server",
)


class DataMenu(QObject):
    """Builds the File menu on ``window`` and runs what its actions ask for."""

    def __init__(
        self,
        window: MainWindow,
        roster: RosterPresenter,
        imports: ImportService,
        reports: ReportService,
        runner: TaskRunner | None = None,
        backups: BackupService | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._roster = roster
        self._imports = imports
        self._reports = reports
        self._backups = backups
        self.restore_dialog: RestoreBackupDialog | None = None
        self.runner = runner or TaskRunner(self)
        self.chart_dialog: ClassChartDialog | None = None
        self.summary_window: SkillsSummaryWindow | None = None
        self._importing = False
        #: The progress of the import running, finished with the window if it closes first.
        self._progress: ImportProgress | None = None
        self._local_reports = True
        self._create_actions()
        self._create_menu()
        self._connect_signals()

    def _create_actions(self) -> None:
        window = self._window
        self.import_roster_action = QAction(
            translate("DataMenu", "Import roster (OneRoster)…"), window
        )
        self.import_roster_action.setObjectName("importRosterAction")
        self.import_roster_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.import_roster_action.setToolTip(
            translate(
                "DataMenu",
                "A OneRoster CSV package from the school's SIS: its .zip or its manifest.csv",
            )
        )
        self.undo_roster_action = QAction(translate("DataMenu", "Undo last roster import…"), window)
        self.undo_roster_action.setObjectName("undoRosterImportAction")
        self.undo_roster_action.setToolTip(
            translate(
                "DataMenu", "Bring the roster back to how it was before the last roster import"
            )
        )
        self.import_activity_action = QAction(translate("DataMenu", "Import activity…"), window)
        self.import_activity_action.setObjectName("importActivityAction")
        self.import_activity_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_activity_action.setToolTip(
            translate("DataMenu", "A learning platform's CSV export of minutes and unit scores")
        )
        self._import_tips = {
            action: action.toolTip()
            for action in (
                self.import_roster_action,
                self.undo_roster_action,
                self.import_activity_action,
            )
        }
        self.class_chart_action = QAction(translate("DataMenu", "Class chart"), window)
        self.class_chart_action.setObjectName("classChartAction")
        self.class_chart_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.skills_summary_action = QAction(translate("DataMenu", "Skills Summary"), window)
        self.skills_summary_action.setObjectName("skillsSummaryAction")
        self.skills_summary_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.export_student_action = QAction(
            translate("DataMenu", "Export student report…"), window
        )
        self.export_student_action.setObjectName("exportStudentAction")
        self.export_student_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.restore_backup_action = QAction(translate("DataMenu", "Restore from backup…"), window)
        self.restore_backup_action.setObjectName("restoreBackupAction")
        self.restore_backup_action.setVisible(self._backups is not None)

    def _create_menu(self) -> None:
        self.menu = QMenu(translate("DataMenu", "&File"), self._window)
        self.menu.setObjectName("fileMenu")
        self.menu.setToolTipsVisible(True)  # what an import takes, or why it rests
        self.menu.addAction(self.import_roster_action)
        self.menu.addAction(self.undo_roster_action)
        self.menu.addAction(self.import_activity_action)
        self.menu.addSeparator()
        self.menu.addAction(self.class_chart_action)
        self.menu.addAction(self.skills_summary_action)
        self.menu.addAction(self.export_student_action)
        self.menu.addSeparator()
        self.menu.addAction(self.restore_backup_action)
        bar = self._window.menuBar()
        existing = bar.actions()
        if existing:
            bar.insertMenu(existing[0], self.menu)  # File comes first, whatever else is there
        else:
            bar.addMenu(self.menu)

    def _connect_signals(self) -> None:
        self.import_roster_action.triggered.connect(self._on_import_roster)
        self.undo_roster_action.triggered.connect(self._on_undo_roster_import)
        self.import_activity_action.triggered.connect(self._on_import_activity)
        self.class_chart_action.triggered.connect(self._on_class_chart)
        self.skills_summary_action.triggered.connect(self._on_skills_summary)
        self.export_student_action.triggered.connect(self._on_export_student)
        self.restore_backup_action.triggered.connect(self._on_restore_backup)
        self.menu.aboutToShow.connect(self._on_menu_shown)

    def _on_restore_backup(self) -> None:
        if self._backups is None:
            return
        from classroom_desk.ui.restore_dialog import RestoreBackupDialog

        self._window.flush()  # the open note is saved before anything is compared
        self.restore_dialog = RestoreBackupDialog(self._backups, self.runner, self._window)
        self.restore_dialog.restored.connect(self._on_backup_restored)
        self.restore_dialog.open()

    def _on_backup_restored(self, _message: str) -> None:
        self._window.reload_school()

    def keyed_actions(self) -> list[QAction]:
        """The commands with a key of their own, for F1's list."""
        return [
            self.import_roster_action,
            self.import_activity_action,
            self.class_chart_action,
            self.skills_summary_action,
            self.export_student_action,
        ]

    def show_local_reports(self, shown: bool) -> None:
        """The class chart, Skills Summary and a student's report are computed from this
        laptop's activity, which a principal's or coach's laptop does not hold: for them
        the School view has the figures. Nor does it import a roster or activity, or undo
        a roster import: its copy of the school is the server's, which the next sync would
        bring back over anything imported. Restoring its own backup stays."""
        self._local_reports = shown
        for action in (
            self.class_chart_action,
            self.skills_summary_action,
            self.export_student_action,
        ):
            action.setEnabled(shown)
        for action, tip in self._import_tips.items():
            action.setToolTip(tip if shown else translate("DataMenu", IMPORTS_REST))
        self._enable_imports()

    def _enable_imports(self) -> None:
        """Imports wait for the one running, and rest on a principal's or coach's laptop."""
        allowed = self._local_reports and not self._importing
        for action in self._import_tips:
            action.setEnabled(allowed)

    def _on_menu_shown(self) -> None:
        student = self._window.panel.student_id or self._window.selected_student_id()
        self.export_student_action.setEnabled(self._local_reports and student is not None)
        self.undo_roster_action.setEnabled(
            self.import_roster_action.isEnabled() and self._imports.roster_undo_point() is not None
        )

    # -- imports -------------------------------------------------------------------------------

    def _set_importing(self, importing: bool) -> None:
        self._importing = importing
        self._enable_imports()

    def _run_import(
        self,
        title: str,
        work: Callable[[ImportProgress], Any],
        on_success: Callable[[Any], None],
        on_choice: Callable[[InputError], None] | None = None,
    ) -> None:
        """``work`` off the UI thread with a progress dialog (after a second) and Cancel;
        a package that needs a choice (school, package) goes to ``on_choice``."""
        progress = self._progress = ImportProgress(self._window, title)
        self._set_importing(True)

        def succeeded(result: Any) -> None:
            progress.finish()
            self._set_importing(False)
            on_success(result)

        def failed(error: Exception) -> None:
            progress.finish()
            self._set_importing(False)
            if on_choice is not None and isinstance(error, SchoolChoiceError | PackageChoiceError):
                on_choice(error)
                return
            self._show_import_error(title, error)

        self.runner.run(lambda: work(progress), on_success=succeeded, on_failure=failed)

    def _show_import_error(self, title: str, error: Exception) -> None:
        if isinstance(error, ImportCancelledError):
            self._window.statusBar().showMessage(
                translate("DataMenu", "Import cancelled: nothing was changed."), 8000
            )
            return
        if isinstance(error, InputError):
            text = translate(
                "DataMenu", "{error}\n\nNothing was imported; the store is as it was."
            ).format(error=error)
        else:
            text = import_failure_text(error)
        QMessageBox.warning(
            self._window, translate("DataMenu", "{title} failed").format(title=title), text
        )

    def _on_import_roster(self) -> None:
        if self._importing:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            translate(
                "DataMenu", "Import a OneRoster roster: its .zip, or manifest.csv in its folder"
            ),
            str(Path.home()),
            translate("DataMenu", ROSTER_FILTER),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.name.lower() == "manifest.csv":
            path = path.parent
        self._preview_roster(path, ImportOptions())

    def _preview_roster(self, path: Path, options: ImportOptions) -> None:
        """Work out what the import would change (nothing is written), then show it."""
        imports = self._imports

        def work(progress: ImportProgress) -> ImportReport:
            return imports.preview_roster(path, options, progress.report, progress.should_cancel)

        def show(report: ImportReport) -> None:
            dialog = RosterPreviewDialog(roster_preview_view(report), self._window)
            self.preview_dialog = dialog
            confirmed = replace(
                options,
                dry_run=False,
                confirm_removals=bool(report.removals),
                removals_seen=report.removals,
            )
            dialog.accepted.connect(lambda: self._import_roster(path, confirmed))
            dialog.open()

        def choose(error: InputError) -> None:
            self._ask_roster_choice(path, options, error)

        self._run_import(translate("DataMenu", "Import roster"), work, show, on_choice=choose)

    def _ask_roster_choice(self, path: Path, options: ImportOptions, error: InputError) -> None:
        """A package of several schools, or a zip of several packages: ask which."""
        if isinstance(error, SchoolChoiceError):
            dialog = ChoiceDialog(
                translate("DataMenu", "Choose the school"),
                translate(
                    "DataMenu",
                    "{file} holds the rosters of {count} schools, and Classroom Desk keeps one "
                    "school's. Which one is yours? Only its classes, and the students and "
                    "teachers in them, are imported.",
                ).format(file=path.name, count=len(error.schools)),
                school_choices(error),
                self._window,
            )
            dialog.accepted.connect(
                lambda: self._preview_roster(path, replace(options, school=dialog.value()))
            )
        else:
            assert isinstance(error, PackageChoiceError)
            dialog = ChoiceDialog(
                translate("DataMenu", "Choose the package"),
                translate("DataMenu", "{file} holds {count} roster packages. Which one?").format(
                    file=path.name, count=len(error.choices)
                ),
                [(choice, choice) for choice in error.choices],
                self._window,
            )
            dialog.accepted.connect(
                lambda: self._preview_roster(path, replace(options, package=dialog.value()))
            )
        self.choice_dialog = dialog
        dialog.open()

    def _import_roster(self, path: Path, options: ImportOptions) -> None:
        imports = self._imports

        def work(progress: ImportProgress) -> ImportReport:
            return imports.import_roster(
                path, progress.report, progress.should_cancel, options=options
            )

        self._run_import(translate("DataMenu", "Import roster"), work, self._on_roster_imported)

    def _on_roster_imported(self, report: ImportReport) -> None:
        self._window.reload_school()
        note = self._imports.roster_imported_note()
        summary = f"{report.summary()}\n\n{note}" if note else report.summary()
        if not self._imports.can_open_school:
            QMessageBox.information(self._window, translate("DataMenu", "Roster imported"), summary)
            return
        answer = QMessageBox.question(
            self._window, translate("DataMenu", "Roster imported"), summary
        )
        open_school = self._imports.open_school
        # Closing saves the note being typed and the window's settings; it may be refused
        # (a note that cannot be saved, and the teacher cancels): then this window stays
        # and the school is not opened beside it, two apps on one data folder.
        if (
            answer == QMessageBox.StandardButton.Yes
            and open_school is not None
            and self._window.close()
        ):
            open_school()

    def _on_undo_roster_import(self) -> None:
        if self._importing:
            return
        point = self._imports.roster_undo_point()
        if point is None:
            QMessageBox.information(
                self._window,
                translate("DataMenu", "Undo last roster import"),
                translate("DataMenu", "There is no roster import to undo."),
            )
            return
        lost = self._imports.roster_lost_work(point)
        text = translate(
            "DataMenu",
            "Undo {import_}?\n\nThe roster goes back to how it was just before that import.",
        ).format(import_=point.describe())
        if lost:
            text += translate(
                "DataMenu",
                "\n\nSince then this was saved, and undoing would lose it: {lost}. Undo anyway?",
            ).format(lost=lost)
        answer = QMessageBox.question(
            self._window, translate("DataMenu", "Undo last roster import"), text
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        imports = self._imports
        self._set_importing(True)

        def work() -> UndoResult:
            return imports.undo_roster_import(discard_later_changes=bool(lost))

        def done(result: UndoResult) -> None:
            self._set_importing(False)
            self._window.reload_school()
            QMessageBox.information(
                self._window, translate("DataMenu", "Roster import undone"), result.describe()
            )

        def failed(error: Exception) -> None:
            self._set_importing(False)
            QMessageBox.warning(
                self._window, translate("DataMenu", "Undo last roster import failed"), str(error)
            )

        self.runner.run(work, on_success=done, on_failure=failed)

    def _on_import_activity(self) -> None:
        if self._importing:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            translate("DataMenu", "Import activity from a learning platform's export"),
            "",
            translate("DataMenu", ACTIVITY_FILTER),
        )
        if not chosen:
            return
        self.import_activity_file(Path(chosen))

    def import_activity_file(self, path: Path) -> None:
        """Import ``path``: a OneRoster gradebook as it is; an export at once with the
        mapping saved for its very header, else after the teacher confirms the columns."""
        if self._imports.is_gradebook(path):
            imports = self._imports

            def work(progress: ImportProgress) -> ActivityImportResult:
                return imports.import_gradebook(path, progress.report, progress.should_cancel)

            self._run_import(
                translate("DataMenu", "Import gradebook"), work, self._on_activity_imported
            )
            return
        try:
            start = self._imports.start_mapping(path)
        except (InputError, OSError) as error:
            QMessageBox.warning(
                self._window, translate("DataMenu", "Import activity failed"), str(error)
            )
            return
        if start.needs_no_questions:
            self._window.statusBar().showMessage(
                translate(
                    "DataMenu", "Importing {file} with the mapping saved for {source}…"
                ).format(file=path.name, source=start.source),
                8000,
            )
            self._import_activity(path, start.mapping, start.source, {})
            return
        dialog = ActivityMappingDialog(
            self._imports,
            path,
            start,
            saved_sources=self._imports.saved_sources(),
            content_areas=self._imports.content_areas(),
            section_id=self._chosen_section(),
            parent=self._window,
        )
        self.mapping_dialog = dialog
        dialog.accepted.connect(
            lambda: self._import_activity(path, dialog.mapping(), dialog.source(), {})
        )
        dialog.open()

    def _chosen_section(self) -> str | None:
        """The class the roster shows: names in a file are looked for there first."""
        section = self._roster.section_id
        return None if section == ALL_SECTIONS else section

    def _import_activity(
        self,
        path: Path,
        mapping: ColumnMapping,
        source: str,
        resolutions: dict[str, str | None],
    ) -> None:
        imports = self._imports
        section = self._chosen_section()

        def work(progress: ImportProgress) -> ActivityImportResult:
            return imports.import_activity(
                path,
                mapping,
                source=source,
                resolutions=resolutions,
                progress=progress.report,
                should_cancel=progress.should_cancel,
                section_id=section,
            )

        def done(result: ActivityImportResult) -> None:
            if result.needs_answers:
                self._ask_about_students(path, mapping, source, resolutions, result)
                return
            self._on_activity_imported(result)

        self._run_import(translate("DataMenu", "Import activity"), work, done)

    def _on_activity_imported(self, result: ActivityImportResult) -> None:
        self._window.reload_school()
        if result.report is not None:
            QMessageBox.information(
                self._window, translate("DataMenu", "Activity imported"), result.report.summary()
            )

    def _ask_about_students(
        self,
        path: Path,
        mapping: ColumnMapping,
        source: str,
        resolutions: dict[str, str | None],
        result: ActivityImportResult,
    ) -> None:
        dialog = StudentQuestionsDialog(result.questions, self._window)
        self.questions_dialog = dialog

        def answered() -> None:
            self._import_activity(path, mapping, source, {**resolutions, **dialog.resolutions()})

        dialog.accepted.connect(answered)
        dialog.open()

    # -- reports -------------------------------------------------------------------------------

    def _on_class_chart(self) -> None:
        from classroom_desk.ui.reports_windows import ClassChartDialog

        roster = self._roster
        no_area = roster.no_area_words()
        if no_area:  # an art class has no minutes or scores to plot: say why, not an empty chart
            self._window.statusBar().showMessage(no_area, 8000)
            return
        if self.chart_dialog is not None:
            self.chart_dialog.close()
            self.chart_dialog.deleteLater()
        dialog = ClassChartDialog(
            chart_points(roster.state.rows),
            roster.thresholds,
            title=chart_title(roster),
            runner=self.runner,
        )  # a window of its own, not held above the roster (a click opens the student there)
        dialog.student_picked.connect(self._on_chart_student_picked)
        self.chart_dialog = dialog
        dialog.show()

    def _on_chart_student_picked(self, student_id: str) -> None:
        if not self._window.open_student(student_id):
            self._window.statusBar().showMessage(
                translate("DataMenu", "That student is not in the roster shown any more."), 6000
            )

    def _on_skills_summary(self) -> None:
        from classroom_desk.ui.reports_windows import SkillsSummaryWindow

        roster = self._roster
        if self.summary_window is not None:
            self.summary_window.close()
            self.summary_window.deleteLater()
        window = SkillsSummaryWindow(
            self._reports,
            self.runner,
            sections=[(s.id, s.name, tuple(s.content_area_ids)) for s in roster.sections],
            areas=[(a.id, a.name) for a in roster.content_areas],
            section_id=roster.section_id,
            content_area_id=roster.content_area_id,
            today=roster.week,
            parent=self._window,
        )
        self.summary_window = window
        window.show()

    def _on_export_student(self) -> None:
        window, roster = self._window, self._roster
        student_id = window.panel.student_id or window.selected_student_id()
        if student_id is None:
            window.statusBar().showMessage(translate("DataMenu", "Select a student first."), 6000)
            return
        name = next(
            (r.name for r in roster.state.rows if r.student_id == student_id),
            translate("DataMenu", "student"),
        )
        year, month = roster.week.year, roster.week.month
        stem = "-".join(f"{name} {month_name(month, short=False)} {year}".split())
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            window,
            translate("DataMenu", "Export {student}'s progress report").format(student=name),
            str(Path.home() / f"{stem}.pdf"),
            "PDF (*.pdf);;CSV (*.csv)",
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".pdf", ".csv"):
            path = path.with_name(
                path.name + (".csv" if "csv" in chosen_filter.lower() else ".pdf")
            )
        reports = self._reports
        sections = report_sections(roster)
        area = roster.content_area_id

        def work() -> Path:
            report: StudentReport = reports.student_report(
                student_id=student_id,
                section_ids=sections,
                content_area_id=area,
                year=year,
                month=month,
            )
            return reports.export_student(report, path)

        def done(written: Path) -> None:
            window.statusBar().showMessage(
                translate("DataMenu", "Exported {student}'s report: {file}").format(
                    student=name, file=written
                ),
                8000,
            )

        def fail(error: Exception) -> None:
            QMessageBox.warning(
                window, translate("DataMenu", "Export failed"), file_error_text(error, path)
            )

        self.runner.run(work, on_success=done, on_failure=fail)

    def close_windows(self) -> None:
        for child in (self.chart_dialog, self.summary_window):
            if child is not None:
                child.close()
        if self._progress is not None:
            self._progress.finish()

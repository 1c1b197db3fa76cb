"""The Plan menu of the main window: groups (Ctrl+Shift+G), the rotation board
(Ctrl+Shift+B) and tutoring (Ctrl+Shift+T), each opened on the block the roster shows
(its class, content area and week), and the class's Groups and tutoring report
(Ctrl+Shift+P, PDF or CSV, built in the task runner)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from classroom_desk.i18n import translate
from classroom_desk.presenters.groups import Block
from classroom_desk.presenters.messages import file_error_text
from classroom_desk.presenters.plans import PlanPresenters
from classroom_desk.presenters.reports import ReportService
from classroom_desk.presenters.roster import ALL_SECTIONS, RosterPresenter
from classroom_desk.ui.groups_view import GroupsWindow
from classroom_desk.ui.rotation_board import RotationBoardWindow
from classroom_desk.ui.screen_fit import fit_to_screen, keep_on_screen
from classroom_desk.ui.task_runner import TaskRunner
from classroom_desk.ui.tutoring_log import TutoringWindow


class PlanMenu:
    """Owns the three plan windows (made on first use, reused after)."""

    def __init__(
        self,
        window: QMainWindow,
        roster: RosterPresenter,
        presenters: PlanPresenters,
        reports: ReportService | None = None,
    ) -> None:
        self._window = window
        self._roster = roster
        self._presenters = presenters
        self._reports = reports
        self.runner = TaskRunner(window)
        self.groups_window: GroupsWindow | None = None
        self.board_window: RotationBoardWindow | None = None
        self.tutoring_window: TutoringWindow | None = None
        self.menu = window.menuBar().addMenu(translate("PlanMenu", "&Plan"))
        self.groups_action = self._action(
            translate("PlanMenu", "Groups for this week…"), "Ctrl+Shift+G", self.open_groups
        )
        self.board_action = self._action(
            translate("PlanMenu", "Rotation board…"), "Ctrl+Shift+B", self.open_board
        )
        self.tutoring_action = self._action(
            translate("PlanMenu", "Tutoring…"), "Ctrl+Shift+T", self.open_tutoring
        )
        self.menu.addSeparator()
        self.report_action = self._action(
            translate("PlanMenu", "Groups and tutoring report…"), "Ctrl+Shift+P", self.export_report
        )
        self.report_action.setEnabled(reports is not None)

    def keyed_actions(self) -> list[QAction]:
        """The commands with a key of their own, for F1's list."""
        return [self.groups_action, self.board_action, self.tutoring_action, self.report_action]

    def show_for_roster(self, shown: bool) -> None:
        """The Plan windows are for the roster's class and week, from this laptop's
        activity: while a principal's or coach's School view holds the roster's place
        (no class to choose there, no activity on their laptop), they rest."""
        for action in (self.groups_action, self.board_action, self.tutoring_action):
            action.setEnabled(shown)
        self.report_action.setEnabled(shown and self._reports is not None)

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        self._window.addAction(action)
        return action

    def block(self) -> Block | None:
        """The roster's class, area and week; None (and a word why) for "All classes"."""
        roster = self._roster
        section = next((s for s in roster.sections if s.id == roster.section_id), None)
        area = next((a for a in roster.content_areas if a.id == roster.content_area_id), None)
        if roster.section_id == ALL_SECTIONS or section is None or area is None:
            self._window.statusBar().showMessage(
                # An art class has no area to group in: the roster's words say so.
                (section is not None and roster.no_area_words())
                or translate(
                    "PlanMenu",
                    "Choose one class (not All classes) to plan its groups and tutoring.",
                ),
                6000,
            )
            return None
        return Block(section.id, section.name, area.id, area.name, roster.week)

    def open_groups(self) -> GroupsWindow | None:
        block = self.block()
        if block is None:
            return None
        if self.groups_window is None:
            self.groups_window = GroupsWindow(self._presenters.groups, self._window)
            _fit_beside(self.groups_window, self._window)
        self._presenters.groups.open(block)
        self.groups_window.open_block()
        _raise(self.groups_window)
        return self.groups_window

    def open_board(self) -> RotationBoardWindow | None:
        block = self.block()
        if block is None:
            return None
        if self.board_window is None:
            self.board_window = RotationBoardWindow(self._presenters.rotation, self._window)
            _fit_beside(self.board_window, self._window)
        self._presenters.rotation.open(block)
        self.board_window.open_block()
        _raise(self.board_window)
        return self.board_window

    def open_tutoring(self) -> TutoringWindow | None:
        block = self.block()
        if block is None:
            return None
        if self.tutoring_window is None:
            self.tutoring_window = TutoringWindow(self._presenters.tutoring, self._window)
            _fit_beside(self.tutoring_window, self._window)
            self.tutoring_window.logged.connect(self._on_logged)
        self._presenters.tutoring.open(block)
        self.tutoring_window.open_block()
        _raise(self.tutoring_window)
        return self.tutoring_window

    def close_windows(self) -> None:
        """Close the plan windows with the main window: the board would go on redrawing
        from a store that is closed (the app quitting, or opening another school)."""
        for window in (self.board_window, self.groups_window, self.tutoring_window):
            if window is not None:
                window.close()

    def export_report(self, path: Path | None = None) -> None:
        """The block's groups and the class's tutoring this week, as PDF or CSV."""
        block, reports = self.block(), self._reports
        if block is None or reports is None:
            return
        if path is None:
            title = translate("Report", "Groups and tutoring")
            stem = "-".join(f"{title} {block.section_name} {block.week}".split())
            chosen, chosen_filter = QFileDialog.getSaveFileName(
                self._window,
                translate("PlanMenu", "Export the groups and tutoring report"),
                str(Path.home() / f"{stem}.pdf"),
                "PDF (*.pdf);;CSV (*.csv)",
            )
            if not chosen:
                return
            path = Path(chosen)
            if path.suffix.lower() not in (".pdf", ".csv"):
                suffix = ".csv" if "csv" in chosen_filter.lower() else ".pdf"
                path = path.with_name(path.name + suffix)
        target = path

        def work() -> Path:
            report = reports.groups_tutoring(
                section_id=block.section_id, content_area_id=block.content_area_id, week=block.week
            )
            return reports.export_groups_tutoring(report, target)

        def done(written: Path) -> None:
            self._window.statusBar().showMessage(
                translate("Charts", "Exported: {file}").format(file=written), 8000
            )

        def fail(error: Exception) -> None:
            QMessageBox.warning(
                self._window, translate("Charts", "Export failed"), file_error_text(error, target)
            )

        self.runner.run(work, on_success=done, on_failure=fail)

    def _on_logged(self, _session_id: str) -> None:
        """The roster's "Tutoring" column counts the session."""
        self._roster.refresh_figures()


def _fit_beside(window: QWidget, main: QWidget) -> None:
    """As large as the main window, within the screen with the window manager's frame."""
    fit_to_screen(window, main.width(), main.height())


def _raise(window: QWidget) -> None:
    window.show()
    keep_on_screen(window)  # its frame is known once shown
    window.raise_()
    window.activateWindow()

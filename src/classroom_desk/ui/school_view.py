"""The School view window: the school by grade, a grade's classes, a class's students,
for a month and content area, from the school server's figures (or the last ones kept).

Keys: Enter (or a double click) opens the grade or class on the row; Backspace or
Alt+Left goes back up; F5 fetches again. No button is the default, so Enter is the
table's while it has the keyboard; on a button, Enter presses that button.

A principal's or coach's main window holds it in place of the roster (``embedded``): a
page, not a window, with no Close button, and F5 is the window's (it syncs, then the
page asks again).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import translate
from classroom_desk.presenters.messages import file_error_text, plain
from classroom_desk.presenters.reports import ReportService, ReportTable, month_label, recent_months
from classroom_desk.presenters.school_view import (
    FetchedMonth,
    Period,
    SchoolMonthFigures,
    SchoolViewPresenter,
    fetch_with_year,
)
from classroom_desk.presenters.sync_status import ServerReads
from classroom_desk.ui.button_keys import enter_presses
from classroom_desk.ui.flow_layout import FlowLayout, flow_group
from classroom_desk.ui.reports_windows import (
    NOTE_STYLE,
    ReportTablePane,
    choose_export_path,
    file_stem,
)
from classroom_desk.ui.screen_fit import fit_to_screen
from classroom_desk.ui.task_runner import TaskRunner

OFFLINE_STYLE = "color: #7a4b00;"  # amber, 7:1 on white


class SchoolViewWindow(QDialog):
    """Figures the server computed for the classes this account may read."""

    table_shown = Signal()
    """A table is on screen (fetched, or moved within the figures)."""

    def __init__(
        self,
        reads: ServerReads,
        runner: TaskRunner,
        *,
        today: date,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
        embedded: bool = False,
        calendar: SchoolCalendar | None = None,
    ) -> None:
        super().__init__(parent)
        self.embedded = embedded
        if embedded:
            self.setWindowFlags(Qt.WindowType.Widget)
        self._reads = reads
        self._runner = runner
        self._now = now
        self._fetching = False
        self._fetch_again = False
        self._closed = False
        self.presenter = SchoolViewPresenter(now=now)
        self.setObjectName("schoolViewWindow")
        self.setWindowTitle(translate("SchoolView", "School view"))

        self._calendar, self._today = calendar, today
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("schoolMonthCombo")
        self._fill_months()
        # The month whole, or one of its school weeks (the roster's weeks): offered when
        # the school's calendar is known.
        self.week_combo = QComboBox()
        self.week_combo.setObjectName("schoolWeekCombo")
        self.week_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_weeks()
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("schoolAreaCombo")
        # Filled once figures come: sized to its names then, not to the empty combo.
        self.area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh_button = QPushButton(translate("SchoolView", "Fetch again"))
        self.refresh_button.setObjectName("schoolRefreshButton")
        self.refresh_button.setToolTip(translate("SchoolView", "Ask the school server again (F5)"))
        self.trend_button = QPushButton(translate("SchoolView", "Month by month"))
        self.trend_button.setObjectName("schoolTrendButton")
        self.trend_button.setCheckable(True)
        self.trend_button.setToolTip(
            translate(
                "SchoolView",
                "The school year to this month, for what the table shows: school, grade or "
                "class (Ctrl+T)",
            )
        )
        self.up_button = QPushButton(translate("SchoolView", "Back"))
        self.up_button.setObjectName("schoolUpButton")
        self.up_button.setToolTip(translate("SchoolView", "Back up one level (Backspace)"))
        self.crumbs_label = QLabel()
        self.crumbs_label.setObjectName("schoolCrumbs")
        pane = ReportTablePane(
            self, prefix="school", spoken=translate("SchoolView", "School figures")
        )
        self.title_label, self.subtitle_label = pane.title_label, pane.subtitle_label
        self.model, self.view, self.notes_label = pane.model, pane.view, pane.notes_label
        self.export_csv_button = pane.export_csv_button
        self.export_pdf_button = pane.export_pdf_button
        self.hint_label = QLabel()
        self.hint_label.setObjectName("schoolHint")
        self.hint_label.setStyleSheet(NOTE_STYLE)
        self.freshness_label = QLabel()
        self.freshness_label.setObjectName("schoolFreshness")
        self.freshness_label.setWordWrap(True)
        close = QPushButton(translate("Charts", "Close"))
        close.clicked.connect(self.close)
        close.setVisible(not embedded)
        page_buttons = (
            self.refresh_button,
            self.trend_button,
            self.up_button,
            self.export_csv_button,
            self.export_pdf_button,
            close,
        )
        enter_presses(self, page_buttons)  # no default: Enter on a button presses that one

        # The roster's top bar's way: a narrow window wraps the row, and never squeezes a
        # box below its longest item (the Week box lost the year's last digit at 760 px).
        choices = QWidget()
        choices_flow = FlowLayout(choices, spacing=16)
        for caption, widget in (
            (translate("Summary", "Month"), self.month_combo),
            (translate("SchoolView", "Week"), self.week_combo),
            (translate("Summary", "Area"), self.area_combo),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            group = flow_group(label, widget)
            choices_flow.addWidget(group)
            if widget is self.week_combo and calendar is None:
                group.hide()
        choices_flow.addWidget(self.refresh_button)
        self.trend_button.setProperty("flowAlignRight", True)
        choices_flow.addWidget(self.trend_button)
        place = QHBoxLayout()
        place.addWidget(self.up_button)
        place.addWidget(self.crumbs_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.export_csv_button)
        buttons.addWidget(self.export_pdf_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(choices)
        layout.addWidget(self.freshness_label)
        layout.addLayout(place)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes_label)
        layout.addLayout(buttons)

        # Named: F1's list reads the page's keys from them.
        self.back_action = QAction(translate("SchoolView", "Back up one level"), self)
        self.back_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Backspace), QKeySequence("Alt+Left")]
        )
        self.back_action.triggered.connect(self.go_up)
        self.trend_action = QAction(self.trend_button.text(), self)
        self.trend_action.setShortcut(QKeySequence("Ctrl+T"))
        self.trend_action.triggered.connect(self.trend_button.toggle)
        self.page_actions = [self.back_action, self.trend_action]
        # The window's keys, wherever its focus is (the status bar's Sync now button too),
        # while the page shows: a page the stack hides is not visible, so its keys rest.
        # A text box keeps Backspace (it claims it first); the page holds none.
        if not embedded:
            fetch_again = QAction(self.refresh_button.text(), self)
            fetch_again.setShortcut(QKeySequence("F5"))
            fetch_again.triggered.connect(self.fetch)
            self.page_actions.append(fetch_again)
        self.addActions(self.page_actions)

        self.month_combo.activated.connect(self._on_month_chosen)
        self.week_combo.activated.connect(self.fetch)
        self.area_combo.activated.connect(self._on_area_chosen)
        self.refresh_button.clicked.connect(self.fetch)
        self.trend_button.toggled.connect(self.fetch)
        self.up_button.clicked.connect(self.go_up)
        self.view.activated.connect(self._on_row_activated)
        self.export_csv_button.clicked.connect(self._on_export_csv)
        self.export_pdf_button.clicked.connect(self._on_export_pdf)
        if not embedded:
            fit_to_screen(self, 1100, 700)
        self.view.setFocus()  # the keys walk the table from the start
        self._render()
        self.fetch()

    def shortcut_entries(self) -> list[QAction | tuple[str, str]]:
        """The page's own keys, for F1: the table's Enter, then the page's actions."""
        return [
            (
                translate("MainWindow", "Enter"),
                translate("SchoolView", "Open the grade or class on the row"),
            ),
            *self.page_actions,
        ]

    # -- fetching -----------------------------------------------------------------------

    def fetch(self) -> None:
        """Ask the server for the chosen month (and, month by month, the school year to
        it), off the UI thread. One fetch runs at a time: a choice made meanwhile is asked
        once it ends (only the latest), so F5 or the month's arrow keys never pile up."""
        self.freshness_label.setStyleSheet(NOTE_STYLE)
        self.freshness_label.setText(translate("SchoolView", "Asking the school server…"))
        self.refresh_button.setEnabled(False)
        # Month by month is for months: a week chosen waits until it is off again (the
        # box rests at once, not once a fetch under way ends).
        self.week_combo.setEnabled(not self.trend_button.isChecked())
        if self._fetching:
            self._fetch_again = True
            return
        self._fetching, self._fetch_again = True, False
        period = self.period()
        reads, now, with_year = self._reads, self._now, self.trend_button.isChecked()

        def work() -> tuple[FetchedMonth, list[SchoolMonthFigures] | None]:
            return fetch_with_year(reads, period, now=now(), with_year=with_year)

        def ended() -> bool:
            """Whether this answer is the one to show (else the next fetch starts)."""
            if self._closed:
                return False
            self._fetching = False
            if self._fetch_again:
                self.fetch()
                return False
            self.refresh_button.setEnabled(True)
            return True

        def shown(answer: tuple[FetchedMonth, list[SchoolMonthFigures] | None]) -> None:
            if ended():
                self.presenter.show(answer[0])
                self.presenter.trend = answer[1]
                self._render()

        def failed(error: Exception) -> None:
            if ended():
                self.presenter.fetched = None
                self._render()
                self.freshness_label.setStyleSheet(OFFLINE_STYLE)
                self.freshness_label.setText(plain(str(error)))

        self._runner.run(work, on_success=shown, on_failure=failed)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """The page itself takes no keys: its table does (a main window's page is given
        the focus whole)."""
        super().focusInEvent(event)
        self.view.setFocus(event.reason())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True  # a fetch or export still running must not draw here
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self.embedded:
            return  # Esc on a page: nothing to close
        self._closed = True  # Esc: the same as closing
        super().done(result)

    def period(self) -> Period:
        """The month chosen, or the week chosen in it (never one while month by month)."""
        year, month = self.month_combo.currentData()
        week = self.week_combo.currentData()
        if isinstance(week, date) and not self.trend_button.isChecked():
            return Period.week(week)
        return Period(year, month)

    def follow_calendar(self, calendar: SchoolCalendar, today: date) -> None:
        """The school's months and weeks as they are now (a page left open into a new
        week or month, or a sync that brought a new first day of the week or time zone):
        the new ones are offered, the month being read stays, and a week chosen among
        the old ones, which the server would not answer for, gives way to its month."""
        if (calendar, today) == (self._calendar, self._today):
            return
        chosen = self.week_combo.currentData()
        month = tuple(self.month_combo.currentData())
        new_day, self._calendar, self._today = today != self._today, calendar, today
        if new_day:
            self._fill_months()
            months = [tuple(self.month_combo.itemData(i)) for i in range(self.month_combo.count())]
            self.month_combo.setCurrentIndex(months.index(month) if month in months else 0)
        self._fill_weeks()
        # findData does not find a date: the items are compared here.
        weeks = [self.week_combo.itemData(i) for i in range(self.week_combo.count())]
        if chosen in weeks and tuple(self.month_combo.currentData()) == month:
            self.week_combo.setCurrentIndex(weeks.index(chosen))
        else:
            self.fetch()

    def _on_month_chosen(self, _index: int) -> None:
        self._fill_weeks()
        self.fetch()

    def _fill_months(self) -> None:
        """The recent months to today, newest first."""
        self.month_combo.clear()
        for year, month in recent_months(self._today):
            self.month_combo.addItem(month_label(year, month), (year, month))

    def _fill_weeks(self) -> None:
        """The chosen month whole, then each school week that starts in it (the first may
        start the month before), up to this week."""
        self.week_combo.clear()
        self.week_combo.addItem(translate("SchoolView", "Whole month"), None)
        if self._calendar is None:
            return
        year, month = self.month_combo.currentData()
        for week in self._calendar.weeks_of_month(year, month, through=self._today):
            self.week_combo.addItem(Period.week(week).label(), week)

    # -- moving -------------------------------------------------------------------------

    def _on_area_chosen(self, _index: int) -> None:
        area = self.area_combo.currentData()
        if isinstance(area, str):
            self.presenter.choose_area(area)
            self._render()

    def _on_row_activated(self, index: QModelIndex) -> None:
        if self.presenter.open_row(index.row()):
            self._render()

    def go_up(self) -> None:
        if self.presenter.go_up():
            self._render()

    def _render(self) -> None:
        presenter = self.presenter
        self.area_combo.clear()
        for area_id, name in presenter.areas():
            self.area_combo.addItem(name, area_id)
        self.area_combo.setCurrentIndex(max(self.area_combo.findData(presenter.content_area_id), 0))
        self.area_combo.setEnabled(self.area_combo.count() > 1)
        table = presenter.table()
        self.model.set_content(table)
        self.crumbs_label.setText(presenter.crumbs())
        self.up_button.setEnabled(presenter.can_go_up())
        if table is None:
            self.title_label.clear()
            self.subtitle_label.clear()
            self.notes_label.clear()
            self.hint_label.clear()
        else:
            # Every column as wide as its words, names whole: a wide table scrolls
            # (Spanish's long titles), it never cuts a student's name.
            self.view.horizontalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents
            )
            self.title_label.setText(table.title)
            self.subtitle_label.setText(table.subtitle)
            self.notes_label.setText(
                " ".join(table.notes)
                if table.rows
                else translate("SchoolView", "No classes you may read work in this area.")
            )
            self.hint_label.setText(
                translate("SchoolView", "Month by month: Ctrl+T goes back to the month.")
                if presenter.trend
                else translate("SchoolView", "Enter opens the row; Backspace goes back.")
                if presenter.can_open(0)
                else translate("SchoolView", "Backspace goes back.")
                if presenter.can_go_up()
                else ""
            )
            if table.rows and not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))
        fetched = presenter.fetched
        if fetched is not None:
            self.freshness_label.setStyleSheet(OFFLINE_STYLE if fetched.kept else NOTE_STYLE)
            self.freshness_label.setText(presenter.freshness())
        has_rows = table is not None and bool(table.rows)
        self.export_csv_button.setEnabled(has_rows)
        self.export_pdf_button.setEnabled(has_rows)
        self.table_shown.emit()

    # -- exports ------------------------------------------------------------------------

    def _on_export_csv(self) -> None:
        self._export("CSV", "csv", ReportService.export_table_csv)

    def _on_export_pdf(self) -> None:
        self._export("PDF", "pdf", ReportService.export_table_pdf)

    def _export(self, kind: str, suffix: str, write: Callable[[ReportTable, Path], Path]) -> None:
        """The table on screen, as it is: the file holds exactly its cells."""
        table = self.model.content
        if table is None or not table.rows:
            return
        fetched = self.presenter.fetched
        month = "" if fetched is None else fetched.figures.period.label()
        path = choose_export_path(
            self,
            translate("SchoolView", "Export this table as {kind}").format(kind=kind),
            file_stem(f"{table.title} {month}"),
            kind,
            suffix,
        )
        if path is None:
            return

        def done(written: Path) -> None:
            if not self._closed:
                self.notes_label.setText(
                    translate("Summary", "Exported {kind}: {file}").format(kind=kind, file=written)
                )

        def fail(error: Exception) -> None:
            QMessageBox.warning(
                self, translate("Charts", "Export failed"), file_error_text(error, path)
            )

        self._runner.run(lambda: write(table, path), on_success=done, on_failure=fail)

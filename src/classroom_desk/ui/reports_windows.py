"""The report windows: the class chart (click a point to open that student) and the Skills
Summary table with its CSV and PDF exports.

matplotlib's Qt canvas is imported when the chart window is built, never at startup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.policy import Thresholds
from classroom_desk.i18n import translatable, translate
from classroom_desk.presenters.messages import file_error_text, plain
from classroom_desk.presenters.reports import (
    CLASS_CHART_SIZE,
    WHOLE_SCHOOL,
    ChartPoint,
    ClassChart,
    ReportService,
    ReportTable,
    class_chart_figure,
    month_label,
    pick_student,
    recent_months,
)
from classroom_desk.presenters.roster import not_an_area_class_words
from classroom_desk.ui.button_keys import enter_presses
from classroom_desk.ui.screen_fit import fit_to_screen
from classroom_desk.ui.tables import ModelIndex, SnapshotTableModel, read_only_table
from classroom_desk.ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from matplotlib.backend_bases import PickEvent

SHORT_COLOR = QColor("#8f2a21")  # 7:1 on white, so thin digits stay above 4.5:1
CHART_FILTERS = translatable("Charts", "PDF (*.pdf);;PNG image (*.png);;CSV, the points (*.csv)")
WHOLE_SCHOOL_LABEL = translatable("Summary", "Whole school (every class, by grade)")


class ClassChartDialog(QDialog):
    """Each student of the roster a point: minutes against average score, four quadrants.

    Made without a parent, so the window manager does not keep it above the roster: a
    click on a point opens the student there and the roster comes to the front.
    """

    student_picked = Signal(str)
    """A point was clicked, or a student chosen and opened; carries the student's id."""

    def __init__(
        self,
        points: Sequence[ChartPoint],
        thresholds: Thresholds,
        *,
        title: str,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.setObjectName("classChartDialog")
        self.setWindowTitle(translate("Charts", "Class chart · {title}").format(title=title))
        self._points, self._thresholds, self._title = tuple(points), thresholds, title
        self._runner = runner or TaskRunner(self)
        width, height = CLASS_CHART_SIZE
        self.chart: ClassChart = class_chart_figure(
            points, thresholds, title=title, width=width, height=height
        )
        self.canvas = FigureCanvasQTAgg(self.chart.figure)  # type: ignore[no-untyped-call]
        self.canvas.setObjectName("classChartCanvas")
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.setAccessibleName(translate("Charts", "Class chart"))
        self.canvas.setAccessibleDescription(
            translate(
                "Charts",
                "Each student a point: minutes this week across, average unit score up; the "
                "dashed lines are the school's minutes and average targets",
            )
        )
        hint = QLabel(
            translate(
                "Charts",
                "{count} students plotted. Click a point, or choose a student and press Enter, "
                "to open them in the roster.",
            ).format(count=len(self.chart.points))
        )
        hint.setObjectName("chartHint")
        self.hint = hint
        self.export_button = QPushButton(translate("Charts", "Export…"))
        self.export_button.setObjectName("exportChartButton")
        self.export_button.setToolTip(
            translate("Charts", "Save the chart as PDF or PNG, or its points as CSV")
        )
        self.export_button.clicked.connect(self._on_export)
        hint.setWordWrap(True)
        # The keyboard's way to a point: every plotted student, by name.
        self.student_combo = QComboBox()
        self.student_combo.setObjectName("chartStudentCombo")
        self.student_combo.setAccessibleName(translate("Charts", "Student to open"))
        for point in sorted(self.chart.points, key=lambda p: p.name.casefold()):
            self.student_combo.addItem(point.name, point.student_id)
        chooser_label = QLabel(translate("Charts", "&Student"))
        chooser_label.setBuddy(self.student_combo)
        self.open_button = QPushButton(translate("Charts", "Open"))
        self.open_button.setObjectName("chartOpenButton")
        self.open_button.setDefault(True)  # Enter opens the chosen student
        self.open_button.setEnabled(self.student_combo.count() > 0)
        self.open_button.clicked.connect(self._on_open_clicked)
        close = QPushButton(translate("Charts", "Close"))
        enter_presses(self, [close])  # not auto-default: Enter in the combo opens
        close.clicked.connect(self.reject)  # as Esc
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(chooser_label)
        bottom.addWidget(self.student_combo)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 960, 690)
        self.student_combo.setFocus()

    def _on_open_clicked(self) -> None:
        student_id = self.student_combo.currentData()
        if isinstance(student_id, str):
            self.student_picked.emit(student_id)

    def _on_export(self) -> None:
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self,
            translate("Charts", "Export the class chart"),
            str(Path.home() / f"{file_stem(f'Class chart {self._title}')}.pdf"),
            translate("Charts", CHART_FILTERS),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".pdf", ".png", ".csv"):
            suffix = next((s for s in (".png", ".csv") if s[1:] in chosen_filter.lower()), ".pdf")
            path = path.with_name(path.name + suffix)
        self.export_button.setEnabled(False)
        points, thresholds, title = self._points, self._thresholds, self._title

        def done(written: Path) -> None:
            self.export_button.setEnabled(True)
            self.hint.setText(translate("Charts", "Exported: {file}").format(file=written))

        def fail(error: Exception) -> None:
            self.export_button.setEnabled(True)
            QMessageBox.warning(
                self, translate("Charts", "Export failed"), file_error_text(error, path)
            )

        self._runner.run(
            lambda: ReportService.export_class_chart(points, thresholds, title, path),
            on_success=done,
            on_failure=fail,
        )

    def _on_pick(self, event: PickEvent) -> None:
        mouse = event.mouseevent
        student_id = None
        if mouse.xdata is not None and mouse.ydata is not None:
            student_id = pick_student(self.chart, mouse.xdata, mouse.ydata)
        indexes: Sequence[int] = getattr(event, "ind", [])
        if student_id is None and len(indexes):
            student_id = self.chart.points[int(indexes[0])].student_id
        if student_id is not None:
            self.student_picked.emit(student_id)


class ReportTableModel(SnapshotTableModel[ReportTable]):
    """A ``ReportTable`` as Qt shows it: the table's own display text (what the CSV holds),
    numbers right-aligned, figures short of a target in red, a class line in bold."""

    def size(self, content: ReportTable) -> tuple[int, int]:
        return len(content.rows), len(content.headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self.content
        if not index.isValid() or table is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return table.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if column in table.numeric
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (row, column) in table.short:
            return QBrush(SHORT_COLOR)
        if role == Qt.ItemDataRole.FontRole and table.is_class_line(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        table = self.content
        if table is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(table.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return table.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def fit_columns(header: QHeaderView, table: ReportTable) -> None:
    """Numbers as wide as they need; the widest text column (student or class names)
    takes the rest, and never less than its own title."""
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if not table.rows:
        return
    texts = [c for c in range(len(table.headers)) if c not in table.numeric] or [0]
    widest = max(texts, key=lambda c: max(len(table.display(r, c)) for r in range(len(table.rows))))
    header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)
    # Squeezed by long titles (Spanish's), it keeps its own: the table scrolls instead.
    title_width = header.fontMetrics().horizontalAdvance(table.headers[widest])
    header.setMinimumSectionSize(
        title_width + 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8
    )


def file_stem(text: str) -> str:
    """A file name offered for ``text``: its letters and digits, words joined by '-'."""
    keep = "".join(c if c.isalnum() or c in " -" else " " for c in text)
    return "-".join(keep.split())


def choose_export_path(
    parent: QWidget, title: str, stem: str, kind: str, suffix: str
) -> Path | None:
    """The file a table is exported to, asked for; with the export's suffix when the
    teacher typed none (or another). ``None`` when the teacher cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / f"{stem}.{suffix}"), f"{kind} (*.{suffix})"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")


NOTE_STYLE = "color: #555555;"


class ReportTablePane:
    """What a window shows a ``ReportTable`` with: its title, subtitle, the table (the
    cells the CSV holds), its notes and the two exports. ``prefix`` names each part for
    tests and screen readers (``summaryTitle``, ``schoolExportCsvButton``)."""

    def __init__(self, parent: QWidget, *, prefix: str, spoken: str) -> None:
        self.title_label = QLabel()
        self.title_label.setObjectName(f"{prefix}Title")
        title_font = self.title_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setStyleSheet(NOTE_STYLE)
        self.model = ReportTableModel(parent)
        self.view = read_only_table(self.model, name=f"{prefix}Table", spoken=spoken, row_height=24)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(False)
        self.notes_label = QLabel()
        self.notes_label.setObjectName(f"{prefix}Notes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet(NOTE_STYLE)
        self.export_csv_button = QPushButton(translate("Summary", "Export CSV…"))
        self.export_csv_button.setObjectName(f"{prefix}ExportCsvButton")
        self.export_pdf_button = QPushButton(translate("Summary", "Export PDF…"))
        self.export_pdf_button.setObjectName(f"{prefix}ExportPdfButton")


class SkillsSummaryWindow(QDialog):
    """The principal's report for a class (or the whole school) and a month."""

    table_shown = Signal()
    """A freshly built table is on screen."""

    def __init__(
        self,
        service: ReportService,
        runner: TaskRunner,
        *,
        sections: Sequence[tuple[str, str, tuple[str, ...]]],
        areas: Sequence[tuple[str, str]],
        section_id: str,
        content_area_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        """``sections``: (id, name, content area ids); ``areas``: (id, name) in order."""
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._sections = {s[0]: s for s in sections}
        self._area_names = dict(areas)
        self._area_order = [a[0] for a in areas]
        self._wanted_area = content_area_id
        self._generation = 0
        self.setObjectName("skillsSummaryWindow")
        self.setWindowTitle(translate("Summary", "Skills Summary"))

        self.class_combo = QComboBox()
        self.class_combo.setObjectName("summaryClassCombo")
        for section_id_, name, _areas in sections:
            self.class_combo.addItem(name, section_id_)
        self.class_combo.insertSeparator(self.class_combo.count())
        self.class_combo.addItem(translate("Summary", WHOLE_SCHOOL_LABEL), WHOLE_SCHOOL)
        start = self.class_combo.findData(section_id)
        self.class_combo.setCurrentIndex(start if start >= 0 else self.class_combo.count() - 1)
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("summaryAreaCombo")
        # An art class of the school's roster works in no area: the box says so.
        self.area_combo.setPlaceholderText(translate("Summary", "None", "content area"))
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("summaryMonthCombo")
        for year, month in recent_months(today):
            self.month_combo.addItem(month_label(year, month), (year, month))

        pane = ReportTablePane(
            self, prefix="summary", spoken=translate("Summary", "Skills summary")
        )
        self.title_label, self.subtitle_label = pane.title_label, pane.subtitle_label
        self.model, self.view, self.notes_label = pane.model, pane.view, pane.notes_label
        self.export_csv_button = pane.export_csv_button
        self.export_pdf_button = pane.export_pdf_button
        close = QPushButton(translate("Charts", "Close"))
        close.clicked.connect(self.close)

        choices = QHBoxLayout()
        for caption, widget in (
            (translate("Summary", "Class"), self.class_combo),
            (translate("Summary", "Area"), self.area_combo),
            (translate("Summary", "Month"), self.month_combo),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            choices.addWidget(label)
            choices.addWidget(widget)
            choices.addSpacing(10)
        choices.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_csv_button)
        buttons.addWidget(self.export_pdf_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes_label)
        layout.addLayout(buttons)
        # Enter exports the PDF for the principal (once the table is built), not the first
        # button of the focus chain (Export CSV); Esc or Close closes.
        enter_presses(self, (self.export_csv_button, close))
        self.export_pdf_button.setDefault(True)
        fit_to_screen(self, 1100, 700)

        self._fill_areas()
        self._connect_signals()
        self._on_choice_changed()

    def _connect_signals(self) -> None:
        self.class_combo.activated.connect(self._on_class_chosen)
        self.area_combo.activated.connect(self._on_area_chosen)
        self.month_combo.activated.connect(self._on_choice_changed)
        self.export_csv_button.clicked.connect(self._on_export_csv)
        self.export_pdf_button.clicked.connect(self._on_export_pdf)

    def _fill_areas(self) -> None:
        section = self._sections.get(self.class_combo.currentData())
        self.area_combo.clear()
        if section is None:  # the whole school: every class and area in one table
            self.area_combo.addItem(translate("Summary", "All areas"), "")
            self.area_combo.setEnabled(False)
            return
        for area_id in self._area_order:
            if area_id in section[2]:
                self.area_combo.addItem(self._area_names[area_id], area_id)
        found = self.area_combo.findData(self._wanted_area)
        self.area_combo.setCurrentIndex(max(found, 0))
        self.area_combo.setEnabled(self.area_combo.count() > 1)

    def _on_class_chosen(self, _index: int) -> None:
        self._fill_areas()
        self._on_choice_changed()

    def _on_area_chosen(self, _index: int) -> None:
        area = self.area_combo.currentData()
        if isinstance(area, str) and area:
            self._wanted_area = area
        self._on_choice_changed()

    def _on_choice_changed(self, *_args: object) -> None:
        """Build the table for the choices, off the UI thread; only the latest one shows."""
        self._generation += 1
        generation = self._generation
        section_id = self.class_combo.currentData()
        area_id = self.area_combo.currentData() or ""
        year, month = self.month_combo.currentData()
        self.export_csv_button.setEnabled(False)
        self.export_pdf_button.setEnabled(False)
        section = self._sections.get(section_id)
        if section is not None and not area_id:
            self._show_no_area_class(section[1])
            return
        self.notes_label.setText(translate("Summary", "Building the report…"))
        service = self._service

        def build() -> ReportTable:
            return service.skills_summary(
                section_id=section_id, content_area_id=area_id, year=year, month=month
            )

        def show(table: ReportTable) -> None:
            if generation == self._generation:
                self._show_table(table)

        def fail(error: Exception) -> None:
            if generation == self._generation:
                self.model.set_content(None)
                self.notes_label.setText(
                    translate(
                        "Summary",
                        "The report could not be built: {problem}. Try again, or choose another "
                        "class or month.",
                    ).format(problem=plain(str(error)))
                )

        self._runner.run(build, on_success=show, on_failure=fail)

    def _show_no_area_class(self, section: str) -> None:
        """A class with no reading or math (an art class): no table of nobody to export,
        but what the roster says of it."""
        self.model.set_content(None)
        self.title_label.setText(
            translate("Summary", "Skills Summary: {section}").format(section=section)
        )
        self.subtitle_label.setText(  # under the title, where the table's month would be
            not_an_area_class_words(
                section,
                [self._area_names[area] for area in self._area_order],
                others_have_areas=any(s[2] for s in self._sections.values()),
            )
        )
        self.notes_label.setText("")
        self.table_shown.emit()

    def _show_table(self, table: ReportTable) -> None:
        self.model.set_content(table)
        fit_columns(self.view.horizontalHeader(), table)
        self.title_label.setText(table.title)
        self.subtitle_label.setText(table.subtitle)
        self.notes_label.setText(" ".join(table.notes))
        has_rows = bool(table.rows)
        self.export_csv_button.setEnabled(has_rows)
        self.export_pdf_button.setEnabled(has_rows)
        if not has_rows:
            self.notes_label.setText(
                translate("Summary", "No classes or students for this choice.")
            )
        self.table_shown.emit()

    def _file_stem(self) -> str:
        table = self.model.content
        title = table.title if table else translate("Summary", "Skills Summary")
        return file_stem(f"{title} {self.month_combo.currentText()}")

    def _on_export_csv(self) -> None:
        self._export("CSV", "csv", ReportService.export_table_csv)

    def _on_export_pdf(self) -> None:
        self._export("PDF", "pdf", ReportService.export_table_pdf)

    def _export(self, kind: str, suffix: str, write: Callable[[ReportTable, Path], Path]) -> None:
        table = self.model.content
        if table is None:
            return
        path = choose_export_path(
            self,
            translate("Summary", "Export the Skills Summary as {kind}").format(kind=kind),
            self._file_stem(),
            kind,
            suffix,
        )
        if path is None:
            return
        self.export_csv_button.setEnabled(False)
        self.export_pdf_button.setEnabled(False)

        def done(written: Path) -> None:
            self._enable_exports()
            self.notes_label.setText(
                translate("Summary", "Exported {kind}: {file}").format(kind=kind, file=written)
            )

        def fail(error: Exception) -> None:
            self._enable_exports()
            QMessageBox.warning(
                self, translate("Charts", "Export failed"), file_error_text(error, path)
            )

        self._runner.run(lambda: write(table, path), on_success=done, on_failure=fail)

    def _enable_exports(self) -> None:
        has_rows = self.model.content is not None and bool(self.model.content.rows)
        self.export_csv_button.setEnabled(has_rows)
        self.export_pdf_button.setEnabled(has_rows)

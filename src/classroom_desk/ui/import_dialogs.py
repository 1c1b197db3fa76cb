"""The import dialogs: a progress bar with Cancel for a running import, the roster
import's preview (and the choice of school or package it may need first), the activity
column-mapping dialog (guessed or saved mapping, content area, preview with problem cells
marked) and the questions about students the file names ambiguously.

They show what ``presenters.imports`` returns; the imports themselves run in the task
runner (see ``ui.data_menu``).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import day_and_month, translatable, translate
from classroom_desk.presenters.imports import (
    FIELDS_OF_KIND,
    ActivityField,
    Clock,
    ColumnMapping,
    ExportKind,
    ImportService,
    MappingStart,
    Period,
    PeriodRule,
    Preview,
    RosterPreviewView,
    ScoreScale,
    StudentQuestion,
)
from classroom_desk.ui.screen_fit import fit_to_screen
from classroom_desk.ui.tables import ModelIndex, SnapshotTableModel, read_only_table

#: The progress dialog appears only for imports that take longer than this.
PROGRESS_AFTER_MS = 1000
NOT_IN_FILE = translatable("ImportDialogs", "(not in this file)")
PROBLEM_BACKGROUND = QColor("#fde2e0")
ROW_PROBLEM_BACKGROUND = QColor("#fff1d6")
KIND_LABELS = {
    ExportKind.ATTEMPTS: translatable("ImportDialogs", "Unit attempts (one row per unit)"),
    ExportKind.SUMMARY: translatable(
        "ImportDialogs", "Summaries (one row per student and date range)"
    ),
}
SCALE_LABELS = {
    ScoreScale.PERCENT: translatable("ImportDialogs", "out of 100 (79 means 79%)"),
    ScoreScale.FRACTION: translatable("ImportDialogs", "fractions (0.79 means 79%)"),
}
CLOCK_LABELS = {
    Clock.HOURS_MINUTES: translatable("ImportDialogs", "hours and minutes (1:35 is 95 minutes)"),
    Clock.MINUTES_SECONDS: translatable(
        "ImportDialogs", "minutes and seconds (1:35 is a minute and a half)"
    ),
}
FILE_WEEK, CHOSEN_WEEK = "file-week", "chosen-week"


class _ProgressRelay(QObject):
    advanced = Signal(int, int, str)
    """Rows done, rows in all (0: not known) and the file being read; emitted on the
    worker thread, delivered on the UI thread."""


class ImportProgress:
    """A progress dialog for one import: shows itself after a second, counts rows, and
    turns Cancel into the flag the importer polls (it then rolls back: nothing half-done)."""

    def __init__(self, parent: QWidget, title: str) -> None:
        self._cancel = threading.Event()
        self._relay = _ProgressRelay()
        self.dialog = QProgressDialog(
            f"{title}…", translate("ImportDialogs", "Cancel"), 0, 0, parent
        )
        self.dialog.setObjectName("importProgress")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self._title = title
        self._finished = False
        self.dialog.canceled.connect(self._on_canceled)
        self._relay.advanced.connect(self._on_advanced)
        self.dialog.setValue(0)  # starts the one-second clock

    def report(self, rows_done: int, rows_total: int | None, current_file: str) -> None:
        """The importer's progress callback (called on the worker thread)."""
        self._relay.advanced.emit(rows_done, rows_total or 0, current_file)

    def should_cancel(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_canceled(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText(
            translate("ImportDialogs", "Cancelling: putting everything back as it was…")
        )

    def _on_advanced(self, done: int, total: int, current_file: str) -> None:
        if self._cancel.is_set() or self._finished:
            return
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
            self.dialog.setLabelText(
                translate(
                    "ImportDialogs", "{title}: {done} of {total} rows · {current_file}"
                ).format(
                    title=self._title,
                    done=QLocale().toString(done),
                    total=QLocale().toString(total),
                    current_file=current_file,
                )
            )
        else:
            self.dialog.setLabelText(
                translate("ImportDialogs", "{title}: {done} rows · {current_file}").format(
                    title=self._title, done=QLocale().toString(done), current_file=current_file
                )
            )

    def finish(self) -> None:
        """The import ended, or its window closed (the import goes on in its worker, into
        its own school's store): the rows it reports later are shown nowhere."""
        if self._finished:
            return
        self._finished = True
        self.dialog.canceled.disconnect(self._on_canceled)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()


# -- the mapping dialog ----------------------------------------------------------------------


class PreviewTableModel(SnapshotTableModel[Preview]):
    """The preview's rows: one column per mapped field, problem cells marked."""

    def size(self, content: Preview) -> tuple[int, int]:
        return len(content.rows), len(content.fields)

    def problem(self, row: int, column: int) -> str | None:
        preview = self.content
        if preview is None:
            return None
        line = preview.rows[row]
        return line.cells[column].problem or line.problem

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        preview = self.content
        if not index.isValid() or preview is None:
            return None
        line = preview.rows[index.row()]
        cell = line.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = cell.problem or line.problem
            return (
                None
                if problem is None
                else translate("ImportDialogs", "Line {line}: expected {problem}").format(
                    line=line.line, problem=problem
                )
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.problem:
                return QBrush(PROBLEM_BACKGROUND)
            if line.problem:
                return QBrush(ROW_PROBLEM_BACKGROUND)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        preview = self.content
        if role != Qt.ItemDataRole.DisplayRole or preview is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(preview.fields):
                return preview.fields[section].label
            return None
        if 0 <= section < len(preview.rows):
            return translate("ImportDialogs", "Line {line}").format(line=preview.rows[section].line)
        return None


class ActivityMappingDialog(QDialog):
    """Which column is which: guessed (or the platform's saved mapping), corrected by the
    teacher with the preview beside it; Import accepts with ``mapping()`` and ``source()``."""

    def __init__(
        self,
        service: ImportService,
        path: Path,
        start: MappingStart,
        *,
        saved_sources: list[str],
        content_areas: list[tuple[str, str]],
        section_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._path = path
        self._section_id = section_id
        self._headers = start.headers
        self._mapping = start.mapping
        self._file_week = start.file_week
        self.setObjectName("activityMappingDialog")
        self.setWindowTitle(
            translate("ImportDialogs", "Import activity: {name}").format(name=path.name)
        )
        fit_to_screen(self, 1000, 640)  # a 1024x600 netbook too

        self.source_combo = QComboBox()
        self.source_combo.setObjectName("sourceCombo")
        self.source_combo.setEditable(True)
        self.source_combo.addItems(saved_sources)
        self.source_combo.setCurrentText(start.source)
        self.source_combo.setToolTip(
            translate(
                "ImportDialogs",
                "The learning platform the file comes from; its mapping is saved under this name",
            )
        )
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(translate("ImportDialogs", label), kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(start.mapping.kind))
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("contentAreaCombo")
        self.area_combo.addItem(translate("ImportDialogs", "(choose the content area)"), None)
        for area_id, name in content_areas:
            self.area_combo.addItem(name, area_id)
        if start.mapping.content_area:
            found = self.area_combo.findData(start.mapping.content_area)
            self.area_combo.setCurrentIndex(max(found, 0))
        self.day_first_check = QCheckBox(
            translate("ImportDialogs", "Dates are day/month/year (16/11/2026)")
        )
        self.day_first_check.setChecked(start.mapping.day_first)
        self.scale_combo = _choice_combo("scoreScaleCombo", SCALE_LABELS, start.mapping.score_scale)
        self.clock_combo = _choice_combo("clockCombo", CLOCK_LABELS, start.mapping.clock)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        if self._file_week:
            written = translate(
                "ImportDialogs", "the week the file was written (week of {day})"
            ).format(day=day_and_month(self._file_week))
        else:
            written = translate("ImportDialogs", "the week the file was written")
        self.period_combo.addItem(written, FILE_WEEK)
        self.period_combo.addItem(translate("ImportDialogs", "the week of…"), CHOSEN_WEEK)
        self.week_edit = QDateEdit()
        self.week_edit.setObjectName("weekEdit")
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDisplayFormat(translate("ImportDialogs", "ddd MMM d, yyyy"))
        period = start.mapping.period
        chosen_day = (
            period.start if period is not None and period.start is not None else self._file_week
        ) or date.today()
        self.week_edit.setDate(QDate(chosen_day.year, chosen_day.month, chosen_day.day))
        if period is not None and period.rule is PeriodRule.FIXED:
            self.period_combo.setCurrentIndex(1)
        self.period_row = QWidget()
        period_layout = QHBoxLayout(self.period_row)
        period_layout.setContentsMargins(0, 0, 0, 0)
        period_layout.addWidget(self.period_combo, 1)
        period_layout.addWidget(self.week_edit)

        top = QFormLayout()
        top.addRow(translate("ImportDialogs", "Platform"), self.source_combo)
        top.addRow(translate("ImportDialogs", "The file holds"), self.kind_combo)
        top.addRow(translate("ImportDialogs", "Content area"), self.area_combo)
        top.addRow(translate("ImportDialogs", "It covers"), self.period_row)
        top.addRow(translate("ImportDialogs", "Scores"), self.scale_combo)
        top.addRow(translate("ImportDialogs", "Times like 1:35"), self.clock_combo)
        top.addRow("", self.day_first_check)
        self._top_form = top

        self.field_combos: dict[ActivityField, QComboBox] = {}
        self._columns_box = QGroupBox(translate("ImportDialogs", "Columns"))
        self._columns_form = QFormLayout(self._columns_box)
        self.why_label = QLabel("\n".join(start.why))
        self.why_label.setObjectName("whyLabel")
        self.why_label.setWordWrap(True)
        self.why_label.setStyleSheet("color: #555555;")
        self.why_label.setToolTip(translate("ImportDialogs", "Why each column was chosen"))
        self.why_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        columns_scroll = QScrollArea()
        columns_scroll.setWidgetResizable(True)
        columns_scroll.setWidget(self._columns_box)
        why_scroll = QScrollArea()
        why_scroll.setObjectName("whyScroll")
        why_scroll.setWidgetResizable(True)
        why_scroll.setWidget(self.why_label)
        columns_side = QWidget()
        columns_side.setMinimumWidth(330)
        columns_side.setMaximumWidth(420)
        columns_layout = QVBoxLayout(columns_side)
        columns_layout.setContentsMargins(0, 0, 0, 0)
        columns_layout.addWidget(columns_scroll, 3)
        columns_layout.addWidget(QLabel(translate("ImportDialogs", "<b>Why these columns</b>")))
        columns_layout.addWidget(why_scroll, 2)

        self.preview_model = PreviewTableModel(self)
        self.preview_view = read_only_table(
            self.preview_model,
            name="previewTable",
            spoken=translate("ImportDialogs", "Preview of the rows"),
            row_height=22,
        )
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b03a2e;")

        preview_side = QVBoxLayout()
        preview_side.addWidget(
            QLabel(translate("ImportDialogs", "<b>The first rows as they will be read</b>"))
        )
        preview_side.addWidget(self.preview_view, 1)
        preview_side.addWidget(self.problems_label)
        middle = QHBoxLayout()
        middle.addWidget(columns_side)
        middle.addLayout(preview_side, 1)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(translate("ImportDialogs", "Save mapping"))
        self.save_button.setObjectName("saveMappingButton")
        self.save_button.setToolTip(
            translate("ImportDialogs", "Remember these columns for this platform's next files")
        )
        self.import_button = QPushButton(translate("ImportDialogs", "Import"))
        self.import_button.setObjectName("importButton")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.saved_label = QLabel(
            translate("ImportDialogs", "Saved mapping")
            if start.saved
            else translate("ImportDialogs", "Guessed from the headers")
        )
        self.saved_label.setObjectName("savedLabel")

        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        # Default once inside the dialog: set before, the dialog never learns of it and
        # makes the first button in the focus chain (Save mapping) the one Enter presses.
        self.import_button.setDefault(True)

        self._build_field_combos()
        self._connect_signals()
        self._refresh()

    def _connect_signals(self) -> None:
        self.kind_combo.activated.connect(self._on_kind_chosen)
        self.area_combo.activated.connect(self._on_changed)
        self.day_first_check.toggled.connect(self._on_changed)
        self.scale_combo.activated.connect(self._on_changed)
        self.clock_combo.activated.connect(self._on_changed)
        self.period_combo.activated.connect(self._on_changed)
        self.week_edit.dateChanged.connect(self._on_changed)
        self.save_button.clicked.connect(self._on_save_mapping)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.source_combo.currentTextChanged.connect(self._on_source_edited)

    def _build_field_combos(self) -> None:
        while self._columns_form.rowCount():
            self._columns_form.removeRow(0)
        self.field_combos.clear()
        for which in FIELDS_OF_KIND[self._mapping.kind]:
            combo = QComboBox()
            combo.setObjectName(f"fieldCombo_{which.name.lower()}")
            # Long vendor headers must not push the preview off a small screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.addItem(translate("ImportDialogs", NOT_IN_FILE), None)
            for header in self._headers:
                combo.addItem(header, header)
            chosen = self._mapping.column(which)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.activated.connect(self._on_changed)
            self._columns_form.addRow(which.label, combo)
            self.field_combos[which] = combo

    def mapping(self) -> ColumnMapping:
        """The mapping as the dialog's choices now stand."""
        kind = self.kind_combo.currentData()
        mapping = ColumnMapping(
            kind=kind if isinstance(kind, ExportKind) else ExportKind.ATTEMPTS,
            content_area=self.area_combo.currentData(),
            day_first=self.day_first_check.isChecked(),
            score_scale=self.scale_combo.currentData(),
            clock=self.clock_combo.currentData(),
        )
        for which, combo in self.field_combos.items():
            mapping = mapping.with_column(which, combo.currentData())
        changes: dict[str, object] = {}
        if mapping.column(ActivityField.CONTENT_AREA):
            changes["content_area"] = None
        if mapping.dated_by_period:
            changes["period"] = self._period()
        return replace(mapping, **changes) if changes else mapping  # type: ignore[arg-type]

    def _period(self) -> Period:
        if self.period_combo.currentData() == FILE_WEEK:
            return Period()
        chosen = self.week_edit.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        first = day - timedelta(days=day.weekday())  # the picked day's Monday-based week
        if self._file_week is not None:
            first = day - timedelta(days=(day - self._file_week).days % 7)
        return Period.fixed(first, first + timedelta(days=6))

    def source(self) -> str:
        return self.source_combo.currentText().strip()

    def _on_kind_chosen(self, _index: int) -> None:
        self._mapping = self.mapping()
        self._build_field_combos()
        self._refresh()

    def _on_changed(self, *_args: object) -> None:
        self._mapping = self.mapping()
        self.saved_label.setText(translate("ImportDialogs", "Changed (not saved)"))
        self._refresh()

    def _on_source_edited(self, _text: str) -> None:
        self._refresh_buttons()

    def _on_save_mapping(self) -> None:
        self._service.save_mapping(self.source(), self.mapping(), self._headers)
        self.saved_label.setText(
            translate("ImportDialogs", "Saved for {source}").format(source=self.source())
        )

    def _refresh(self) -> None:
        mapping = self._mapping
        dateless = mapping.dated_by_period
        self._top_form.setRowVisible(self.period_row, dateless)
        scored = bool({ActivityField.SCORE, ActivityField.AVERAGE_SCORE} & set(mapping.columns))
        self._top_form.setRowVisible(self.scale_combo, scored)
        self._top_form.setRowVisible(self.clock_combo, ActivityField.MINUTES in mapping.columns)
        self.week_edit.setEnabled(self.period_combo.currentData() == CHOSEN_WEEK)
        has_area_column = mapping.column(ActivityField.CONTENT_AREA) is not None
        self.area_combo.setEnabled(not has_area_column)
        if has_area_column:
            self.area_combo.setToolTip(
                translate("ImportDialogs", "The file's content-area column says it for each row")
            )
        else:
            self.area_combo.setToolTip(
                translate("ImportDialogs", "The file has no content-area column: choose one")
            )
        shown = self._service.preview(self._path, mapping, section_id=self._section_id)
        self.preview_model.set_content(shown)
        lines = [
            translate("ImportDialogs", "Still needed: {need}.").format(need=need)
            for need in shown.missing
        ]
        if shown.error:
            lines.append(shown.error)
        bad = sum(not row.ok for row in shown.rows)
        if bad:
            lines.append(
                translate(
                    "ImportDialogs",
                    "{bad} of the first {rows} rows have a problem (marked; hover "
                    "for what was expected). The import stops at the first row it cannot "
                    "read.",
                ).format(bad=bad, rows=len(shown.rows))
            )
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(lines))
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        ready = not self._mapping.missing()
        has_source = bool(self.source())
        self.import_button.setEnabled(ready and has_source)
        self.save_button.setEnabled(ready and has_source)


def _choice_combo(name: str, labels: dict[Any, str], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for value, label in labels.items():
        combo.addItem(translate("ImportDialogs", label), value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class StudentQuestionsDialog(QDialog):
    """ "Which student is this?" for each name the file could not match, with skip."""

    SKIP = translatable("ImportDialogs", "Skip these rows")

    def __init__(self, questions: tuple[StudentQuestion, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("studentQuestionsDialog")
        self.setWindowTitle(translate("ImportDialogs", "Which student is it?"))
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for question in questions:
            combo = QComboBox()
            combo.setObjectName("answerCombo")
            for choice in question.candidates:
                detail = ", ".join(
                    part
                    for part in (
                        translate("ImportDialogs", "grade {grade}").format(grade=choice.grade),
                        choice.classes,
                    )
                    if part
                )
                combo.addItem(f"{choice.name} ({detail})", choice.id)
            combo.addItem(translate("ImportDialogs", self.SKIP), None)
            if not question.candidates:
                combo.setCurrentIndex(combo.count() - 1)
            label = QLabel(question.text)
            label.setWordWrap(True)
            form.addRow(label, combo)
            self.combos[question.key] = combo
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("ImportDialogs", "Import with these answers"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            translate(
                "ImportDialogs",
                "Some names in the file fit no student or several. Nothing is "
                "imported until each is answered.",
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def resolutions(self) -> dict[str, str | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}


# -- the roster import: preview and choices --------------------------------------------

REMOVALS_BACKGROUND = "#fff1d6"
REMOVALS_BORDER = "#d98e04"


class RosterPreviewDialog(QDialog):
    """What a roster import would change, before it changes anything: each table with
    the first names, and (when many would go) what and why, with a yes to tick before
    Import is offered. Accepting imports; the caller runs it."""

    def __init__(self, view: RosterPreviewView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("rosterPreviewDialog")
        self.setWindowTitle(view.title)
        headline = QLabel(view.headline)
        headline.setObjectName("previewHeadline")
        headline.setWordWrap(True)
        headline.setStyleSheet("font-weight: bold;")

        changes = QWidget()
        grid = QGridLayout(changes)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(6)
        self.table_labels: dict[str, QLabel] = {}
        for row, (table, lines) in enumerate(view.tables):
            name = QLabel(f"<b>{table}</b>")
            name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            text = QLabel("\n".join(lines))
            text.setObjectName(f"changes_{table.lower()}")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(text, row, 1)
            self.table_labels[table] = text
        self.details_label = QLabel("\n\n".join(view.details))
        self.details_label.setObjectName("previewDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setStyleSheet("color: #555;")
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setVisible(False)
        self.details_button = QToolButton()
        self.details_button.setObjectName("previewDetailsButton")
        self.details_button.setText(translate("ImportDialogs", "Notes and what is not imported"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setVisible(bool(view.details))
        grid.addWidget(self.details_button, len(view.tables), 0, 1, 2)
        grid.addWidget(self.details_label, len(view.tables) + 1, 0, 1, 2)
        grid.setRowStretch(len(view.tables) + 2, 1)
        self._changes = changes
        scroll = QScrollArea()
        self._scroll = scroll
        scroll.setObjectName("previewScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(changes)

        self.removals_box = QFrame()
        self.removals_box.setObjectName("removalsBox")
        self.removals_box.setStyleSheet(
            f"#removalsBox {{ background: {REMOVALS_BACKGROUND};"
            f" border: 1px solid {REMOVALS_BORDER}; border-radius: 4px; }}"
        )
        removals = QVBoxLayout(self.removals_box)
        self.removals_label = QLabel(view.removals)
        self.removals_label.setObjectName("removalsLabel")
        self.removals_label.setWordWrap(True)
        self.confirm_check = QCheckBox(view.confirm_label)
        self.confirm_check.setObjectName("confirmRemovalsCheck")
        removals.addWidget(self.removals_label)
        removals.addWidget(self.confirm_check)
        self.removals_box.setVisible(view.needs_yes)

        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(view.import_label)
        self.import_button.setObjectName("importRosterButton")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.removals_box)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._on_confirm_toggled(False)
        self._fit_the_screen()

    def _connect_signals(self) -> None:
        self.confirm_check.toggled.connect(self._on_confirm_toggled)
        self.details_button.toggled.connect(self._on_details_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _on_confirm_toggled(self, checked: bool) -> None:
        ready = checked or not self.view.needs_yes
        self.import_button.setEnabled(ready)
        self._set_default_button()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_default_button()  # the button box picks its own on show

    def _set_default_button(self) -> None:
        """Enter imports only once nothing waits for a yes; until then it cancels."""
        ready = self.import_button.isEnabled()
        self.import_button.setDefault(ready)
        self.cancel_button.setDefault(not ready)

    def _on_details_toggled(self, shown: bool) -> None:
        self.details_label.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.details_button.setArrowType(arrow)

    def _fit_the_screen(self) -> None:
        """As tall as the changes need (the details folded), up to 640 pixels and at most the
        screen's available size (a 1024x600 netbook too); 760 wide."""
        parent = self.parentWidget()
        screen = (parent or self).screen()
        available = screen.availableGeometry() if screen is not None else None
        extra = self._changes.sizeHint().height() - self._scroll.sizeHint().height()
        width, height = 760, min(max(self.sizeHint().height() + extra + 8, 320), 640)
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
            self.setMaximumSize(available.width(), available.height())
        self.resize(width, height)


class ChoiceDialog(QDialog):
    """One choice among a few (the school of a multi-school package, the package of a zip
    of several), with why it is asked."""

    def __init__(
        self,
        title: str,
        text: str,
        choices: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choiceDialog")
        self.setWindowTitle(title)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("choiceCombo")
        for label, value in choices:
            self.combo.addItem(label, value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ImportDialogs", "Preview this one")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def value(self) -> str:
        return str(self.combo.currentData())

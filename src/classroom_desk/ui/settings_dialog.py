"""Settings: the school's thresholds and week (read-only, with where they come from, on a
laptop that takes them from a school server). Enter saves, Esc cancels; a value that cannot
be saved is said in words under the form, and nothing changes."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.policy import WEEKDAYS
from classroom_desk.presenters.school_settings import (
    SchoolSettings,
    SchoolSettingsService,
    SettingsError,
)
from classroom_desk.ui.roster_model import shortfall_colour
from classroom_desk.ui.screen_fit import fit_to_screen


class SettingsDialog(QDialog):
    """The school's settings, from ``service``; ``saved`` once they are written."""

    saved = Signal()
    """The settings were written: the roster should read the school again."""

    def __init__(self, service: SchoolSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        current = service.read()

        self.source_label = QLabel()
        self.source_label.setObjectName("settingsSource")
        self.source_label.setWordWrap(True)

        self.first_day_combo = QComboBox()
        self.first_day_combo.setObjectName("firstDayCombo")
        for number, day in enumerate(WEEKDAYS):
            self.first_day_combo.addItem(day, number)
        self.first_day_combo.setAccessibleName("The school week starts on")
        self.time_zone_edit = QLineEdit()
        self.time_zone_edit.setObjectName("timeZoneEdit")
        self.time_zone_edit.setAccessibleName("School time zone")
        zones = QCompleter(sorted(available_timezones()), self)
        zones.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        zones.setFilterMode(Qt.MatchFlag.MatchContains)
        self.time_zone_edit.setCompleter(zones)
        self.minutes_spin = _spin(0, 10_080, " min", "Minutes of learning expected a week")
        self.mastery_spin = _spin(0, 100, "%", "A unit counts as mastered at this score")
        self.average_spin = _spin(0, 100, "%", "Average unit score expected")
        self.units_spin = _spin(0, 50, "", "Units mastered expected a week")

        form = QFormLayout()
        form.addRow("School &week starts on", self.first_day_combo)
        form.addRow("School &time zone", self.time_zone_edit)
        form.addRow("&Minutes a week", self.minutes_spin)
        form.addRow("Unit mastered &at", self.mastery_spin)
        form.addRow("A&verage expected", self.average_spin)
        form.addRow("&Units mastered a week", self.units_spin)
        self.fields: list[QWidget] = [
            self.first_day_combo,
            self.time_zone_edit,
            self.minutes_spin,
            self.mastery_spin,
            self.average_spin,
            self.units_spin,
        ]

        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {shortfall_colour().name()}")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("settingsSaveButton")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.save_button.setDefault(True)  # Enter saves, from any field

        title = QLabel(current.school_name if current else "No school yet")
        title.setObjectName("settingsSchool")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.source_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self._show(current)
        fit_to_screen(self, max(self.sizeHint().width(), 460), self.sizeHint().height())

    def _show(self, current: SchoolSettings | None) -> None:
        if current is None:
            self.source_label.setText("Import a roster first (File menu): there is no school.")
            for field in self.fields:
                field.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.source_label.setText(current.source_text())
        self.first_day_combo.setCurrentIndex(current.first_day_of_week)
        self.time_zone_edit.setText(current.time_zone)
        thresholds = current.thresholds
        self.minutes_spin.setValue(thresholds.min_weekly_minutes)
        self.mastery_spin.setValue(round(thresholds.mastery_score))
        self.average_spin.setValue(round(thresholds.target_average))
        self.units_spin.setValue(thresholds.weekly_units_target)
        for field in self.fields:
            field.setEnabled(current.editable)
        self.save_button.setVisible(current.editable)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if not current.editable:  # nothing to save: Enter and Esc close
            close.setText("Close")
            close.setDefault(True)
            close.setFocus()
        else:
            self.first_day_combo.setFocus()

    def _on_save(self) -> None:
        try:
            self._service.save(
                time_zone=self.time_zone_edit.text(),
                first_day_of_week=self.first_day_combo.currentIndex(),
                min_weekly_minutes=self.minutes_spin.value(),
                mastery_score=float(self.mastery_spin.value()),
                target_average=float(self.average_spin.value()),
                weekly_units_target=self.units_spin.value(),
            )
        except SettingsError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.saved.emit()
        self.accept()

    @property
    def error(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""


def _spin(low: int, high: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    spin.setAccessibleDescription(f"From {low} to {high}")
    return spin

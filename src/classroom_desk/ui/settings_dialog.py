"""Settings: the school's thresholds and week (read-only, with where they come from, on a
laptop that takes them from a school server). Enter saves, Esc cancels; a value that cannot
be saved is said in words under the form, and nothing changes."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
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

from classroom_desk import i18n
from classroom_desk.i18n import translate
from classroom_desk.presenters.school_settings import (
    SchoolSettings,
    SchoolSettingsService,
    SettingsError,
)
from classroom_desk.ui.button_keys import enter_presses
from classroom_desk.ui.roster_model import shortfall_colour
from classroom_desk.ui.screen_fit import fit_to_screen
from classroom_desk.ui.translation import language_choice, save_language_choice

# Each language in its own words, as a teacher who does not read the other looks for it.
LANGUAGE_NAMES = {i18n.ENGLISH: "English", i18n.SPANISH: "Español"}
# The school week's first day, in the locale's words (0 Monday .. 6 Sunday).
WEEKDAY_NUMBERS = range(7)


class SettingsDialog(QDialog):
    """The school's settings, from ``service``; ``saved`` once they are written."""

    saved = Signal()
    """The settings were written: the roster should read the school again."""

    def __init__(
        self,
        service: SchoolSettingsService,
        parent: QWidget | None = None,
        *,
        app_settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._app_settings = app_settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        current = service.read()

        self.source_label = QLabel()
        self.source_label.setObjectName("settingsSource")
        self.source_label.setWordWrap(True)

        self.first_day_combo = QComboBox()
        self.first_day_combo.setObjectName("firstDayCombo")
        locale = QLocale()
        for number in WEEKDAY_NUMBERS:  # Qt counts Monday as 1
            self.first_day_combo.addItem(
                locale.dayName(number + 1, QLocale.FormatType.LongFormat), number
            )
        self.first_day_combo.setAccessibleName(
            translate("SettingsDialog", "The school week starts on")
        )
        self.time_zone_edit = QLineEdit()
        self.time_zone_edit.setObjectName("timeZoneEdit")
        self.time_zone_edit.setAccessibleName(translate("SettingsDialog", "School time zone"))
        zones = QCompleter(sorted(available_timezones()), self)
        zones.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        zones.setFilterMode(Qt.MatchFlag.MatchContains)
        self.time_zone_edit.setCompleter(zones)
        self.minutes_spin = _spin(
            0,
            10_080,
            translate("SettingsDialog", " min"),
            translate("SettingsDialog", "Minutes of learning expected a week"),
        )
        self.mastery_spin = _spin(
            0, 100, "%", translate("SettingsDialog", "A unit counts as mastered at this score")
        )
        self.average_spin = _spin(
            0, 100, "%", translate("SettingsDialog", "Average unit score expected")
        )
        self.units_spin = _spin(
            0, 50, "", translate("SettingsDialog", "Units mastered expected a week")
        )
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setAccessibleName(translate("SettingsDialog", "Language"))
        self.language_combo.setAccessibleDescription(
            translate("SettingsDialog", "Used from the next time Classroom Desk starts")
        )
        self.language_combo.addItem(
            translate("SettingsDialog", "As the system ({language})").format(
                language=LANGUAGE_NAMES[
                    i18n.resolve_language(i18n.SYSTEM, QLocale.system().uiLanguages())
                ]
            ),
            i18n.SYSTEM,
        )
        for language, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, language)
        self.language_note = QLabel(
            translate("SettingsDialog", "The language changes the next time Classroom Desk starts.")
        )
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(translate("SettingsDialog", "School &week starts on"), self.first_day_combo)
        form.addRow(translate("SettingsDialog", "School &time zone"), self.time_zone_edit)
        form.addRow(translate("SettingsDialog", "&Minutes a week"), self.minutes_spin)
        form.addRow(translate("SettingsDialog", "Unit mastered &at"), self.mastery_spin)
        form.addRow(translate("SettingsDialog", "A&verage expected"), self.average_spin)
        form.addRow(translate("SettingsDialog", "&Units mastered a week"), self.units_spin)
        form.addRow(translate("SettingsDialog", "&Language"), self.language_combo)
        form.addRow("", self.language_note)
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
        self.save_button = QPushButton(translate("SettingsDialog", "Save"))
        self.save_button.setObjectName("settingsSaveButton")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        enter_presses(self, [cancel])  # Enter on a focused Cancel cancels
        self.save_button.setDefault(True)  # Enter saves, from any field

        title = QLabel(
            current.school_name if current else translate("SettingsDialog", "No school yet")
        )
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
        self._show_language()
        self._show(current)
        fit_to_screen(self, max(self.sizeHint().width(), 460), self.sizeHint().height())

    def _show_language(self) -> None:
        if self._app_settings is None:
            self.language_combo.setEnabled(False)
            return
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(language_choice(self._app_settings))
        )
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)

    def _on_language_chosen(self) -> None:
        """A laptop's own choice, kept at once (the school's settings may be read-only)."""
        assert self._app_settings is not None
        save_language_choice(self._app_settings, self.language_combo.currentData())

    def _show(self, current: SchoolSettings | None) -> None:
        if current is None:
            self.source_label.setText(
                translate(
                    "SettingsDialog", "Import a roster first (File menu): there is no school."
                )
            )
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
            close.setText(translate("SettingsDialog", "Close"))
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
    spin.setAccessibleDescription(
        translate("SettingsDialog", "From {low} to {high}").format(low=low, high=high)
    )
    return spin

"""File > Restore from backup: the backups with date and size, what a restore would
change, and the restore itself (after a yes)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import translate
from classroom_desk.presenters.backups import BackupChoice, BackupService
from classroom_desk.ui.button_keys import enter_presses
from classroom_desk.ui.task_runner import TaskRunner

PATH_ROLE = Qt.ItemDataRole.UserRole


class RestoreBackupDialog(QDialog):
    """Lists the backups, previews the chosen one, restores it."""

    restored = Signal(str)
    """A backup was restored; the message says which and where the old state went."""

    def __init__(
        self, service: BackupService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._choices: list[BackupChoice] = []
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(translate("Restore", "Restore from backup"))
        intro = QLabel(
            translate(
                "Restore",
                "Backups are taken every day, before each roster import and before an app "
                "upgrade. Choose one to see what restoring it would change.",
            )
        )
        intro.setWordWrap(True)
        self.list_widget = QListWidget()
        self.list_widget.setObjectName("backupList")
        self.preview_label = QLabel("")
        self.preview_label.setObjectName("backupPreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setMinimumHeight(96)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(translate("Restore", "Restore this backup"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list_widget, 1)
        layout.addWidget(self.preview_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.resize(560, 420)
        # Enter restores (after the yes) once a preview is shown; Esc or Close closes.
        enter_presses(self, [buttons.button(QDialogButtonBox.StandardButton.Close)])
        self.restore_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore)
        self.list_widget.currentRowChanged.connect(self._on_chosen)
        self.reload()

    def reload(self) -> None:
        self._choices = self._service.choices()
        self.list_widget.clear()
        for choice in self._choices:
            item = QListWidgetItem(choice.label)
            item.setData(PATH_ROLE, str(choice.path))
            self.list_widget.addItem(item)
        if not self._choices:
            self.preview_label.setText(
                translate("Restore", "No backup yet: the first is taken today.")
            )
        else:
            self.list_widget.setCurrentRow(0)

    def chosen(self) -> BackupChoice | None:
        row = self.list_widget.currentRow()
        return self._choices[row] if 0 <= row < len(self._choices) else None

    def _on_chosen(self, _row: int) -> None:
        choice = self.chosen()
        self.restore_button.setEnabled(False)
        if choice is None:
            return
        self.preview_label.setText(translate("Restore", "Comparing with the store as it is now…"))
        self._runner.run(
            lambda: self._service.preview(choice.path),
            on_success=lambda lines: self._on_previewed(choice, lines),
            on_failure=self._on_failed,
        )

    def _on_previewed(self, choice: BackupChoice, lines: list[str]) -> None:
        if self.chosen() != choice:
            return  # the teacher chose another one meanwhile
        self.preview_label.setText(
            translate("Restore", "Restoring it would change:\n{changes}").format(
                changes="\n".join(lines)
            )
        )
        self.restore_button.setEnabled(True)

    def _on_failed(self, error: Exception) -> None:
        self.preview_label.setText(str(error))
        self.restore_button.setEnabled(False)

    def _on_restore(self) -> None:
        choice = self.chosen()
        if choice is None:
            return
        answer = QMessageBox.question(
            self,
            translate("Restore", "Restore from backup"),
            translate(
                "Restore",
                "Restore the backup of {backup}?\n\nThe store as it is now is kept as a "
                "backup first, so this can be undone.",
            ).format(backup=choice.label.split(" · ")[0]),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_button.setEnabled(False)
        self._runner.run(
            lambda: self._service.restore(choice.path),
            on_success=self._on_restored,
            on_failure=self._on_failed,
        )

    def _on_restored(self, message: str) -> None:
        self.preview_label.setText(message)
        self.restored.emit(message)
        self.reload()

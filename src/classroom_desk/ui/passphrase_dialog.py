"""The passphrase prompt at start, on a computer without a keyring.

Choosing a passphrase asks for it twice and says why; unlocking asks once. The
passphrase lives only in its field: the composition root derives the key from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import translate
from classroom_desk.ui.application import application
from classroom_desk.ui.translation import install_language, language_choice


class PassphraseDialog(QDialog):
    """Asks for the passphrase that unlocks (or will lock) the students' data."""

    def __init__(
        self,
        *,
        new: bool,
        message: str,
        check: Callable[[str], str | None] = lambda _text: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._new = new
        self._check = check
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(
            translate("Passphrase", "Choose a passphrase")
            if new
            else translate("Passphrase", "Unlock Classroom Desk")
        )
        self.message_label = QLabel(message)
        self.message_label.setObjectName("passphraseMessage")
        self.message_label.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("passphraseEdit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit()
        self.again_edit.setObjectName("passphraseAgainEdit")
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem_label = QLabel("")
        self.problem_label.setObjectName("passphraseProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #a4262c;")
        self.problem_label.setVisible(False)  # shown with a problem to say

        form = QFormLayout()
        form.addRow(translate("Passphrase", "&Passphrase"), self.passphrase_edit)
        if new:
            form.addRow(translate("Passphrase", "Type it &again"), self.again_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(
            translate("Passphrase", "Use this passphrase")
            if new
            else translate("Passphrase", "Unlock")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.setMaximumWidth(560)
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def _on_accept(self) -> None:
        text = self.passphrase_edit.text()
        if not text:
            self._show_problem(translate("Passphrase", "Type the passphrase first."))
            return
        if self._new:
            problem = self._check(text)
            if problem is None and self.again_edit.text() != text:
                problem = translate("Passphrase", "The two passphrases differ; type them again.")
            if problem is not None:
                self._show_problem(problem)
                return
        self.accept()

    def _show_problem(self, problem: str) -> None:
        self.problem_label.setText(problem)
        self.problem_label.setVisible(True)


def ask_passphrase(
    *,
    new: bool,
    message: str,
    check: Callable[[str], str | None],
    settings_file: Path | None = None,
) -> str | None:
    """Show the prompt before the main window, in the language chosen in ``settings_file``
    and in the application the main window then uses (Qt allows one per process)."""
    application()
    if settings_file is not None:
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        install_language(language_choice(settings))
    dialog = PassphraseDialog(new=new, message=message, check=check)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()

"""Sign in to the school server: URL, user name, password. The sign-in runs through the
task runner (the window stays responsive) and its answer is shown in the dialog.

The password lives only in its field until the request is made; the token comes back
to the presenter's memory and the keyring, never to settings, logs or the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import translate
from classroom_desk.presenters.messages import sign_in_failure_text
from classroom_desk.presenters.sync_status import SyncStatusPresenter
from classroom_desk.sync.values import SignInResult
from classroom_desk.ui.button_keys import enter_presses
from classroom_desk.ui.task_runner import TaskRunner

DEFAULT_SERVER_URL = "http://127.0.0.1:8750"


class SignInDialog(QDialog):
    """Asks for the school server's address and the teacher's sign-in."""

    signed_in = Signal()
    """The server accepted the sign-in (the presenter holds the session now)."""

    def __init__(
        self, presenter: SyncStatusPresenter, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._runner = runner
        self._busy = False
        self._fingerprint_url: str | None = None
        self._fingerprint_shown: str | None = None
        self._password_kept = ""
        self.setWindowTitle(translate("SignIn", "Sign in to school server"))
        self.setObjectName("signInDialog")

        status = presenter.status
        self.url_edit = QLineEdit(status.server_url or DEFAULT_SERVER_URL)
        self.url_edit.setObjectName("serverUrlEdit")
        self.user_edit = QLineEdit(status.user_name or "")
        self.user_edit.setObjectName("userEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message_label = QLabel(presenter.keyring_note())
        self.message_label.setObjectName("signInMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(translate("SignIn", "School &server"), self.url_edit)
        form.addRow(translate("SignIn", "&User name"), self.user_edit)
        form.addRow(translate("SignIn", "&Password"), self.password_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = QPushButton(translate("SignIn", "Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter signs in from any field; only Esc (or a click) cancels.
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        enter_presses(self, [cancel])  # but Enter on a focused Cancel cancels
        self._cancel_text = cancel.text()  # the platform's, in the app's language
        self.sign_in_button.setDefault(True)

        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

        self.buttons.accepted.connect(self._on_sign_in)
        self.buttons.rejected.connect(self.reject)
        (self.password_edit if status.user_name else self.user_edit).setFocus()

    def _on_sign_in(self) -> None:
        if self._busy:
            return
        url, user = self.url_edit.text().strip(), self.user_edit.text().strip()
        if not url or not user or not self.password_edit.text():
            self._show(
                translate("SignIn", "Fill in the server address, your user name and your password.")
            )
            return
        if not url.startswith(("http://", "https://")):
            self._show(
                translate(
                    "SignIn",
                    "The server address starts with https:// (or http:// on a school network).",
                )
            )
            return
        trusted = self._fingerprint_shown if url == self._fingerprint_url else None
        work = self._presenter.sign_in_work(
            server_url=url,
            user=user,
            password=self.password_edit.text(),
            trusted_fingerprint=trusted,
        )
        self._password_kept = self.password_edit.text()
        self.password_edit.clear()
        self._set_busy(True)
        self._show(translate("SignIn", "Signing in…"))
        self._runner.run(work, on_success=self._on_succeeded, on_failure=self._on_failed)

    def _on_succeeded(self, result: SignInResult) -> None:
        self._set_busy(False)
        self._password_kept = ""
        message = self._presenter.signed_in_as(result)
        self._show(message)
        self.signed_in.emit()
        if result.remembered and not _notice_in(result):
            self.accept()
        else:
            # No keyring, another school not signed in or not copied, or the stores of the
            # person who signed in before removed: say so and let the teacher read it
            # before closing (Enter too).
            self._offer_sign_in(False)

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        fingerprint = getattr(error, "fingerprint", None)
        if isinstance(fingerprint, str):
            # First connection over https: show the certificate's fingerprint (trust on
            # first use); the next Sign in is the teacher's yes to exactly this one.
            self._fingerprint_url = self.url_edit.text().strip()
            self._fingerprint_shown = fingerprint
            self.password_edit.setText(self._password_kept)
            self.sign_in_button.setText(translate("SignIn", "Trust and sign in"))
            self.sign_in_button.setMinimumWidth(self.sign_in_button.sizeHint().width())
            self._show(str(error))
            self.adjustSize()  # the fingerprint's lines and the longer button fit
            self.sign_in_button.setFocus()
            return
        self._password_kept = ""
        self._show(sign_in_failure_text(error, self.url_edit.text().strip()))
        self.password_edit.setFocus()

    def done(self, result: int) -> None:
        """Closed, however: the password and any message go, so the dialog opens afresh
        (signing in again: another account, or a token the server revoked)."""
        self.password_edit.clear()
        if not self._busy:
            self._show(self._presenter.keyring_note())
            self._offer_sign_in(True)
        super().done(result)

    def _offer_sign_in(self, offered: bool) -> None:
        """Sign in and Cancel, or (a sign-in done, the notice to read) Close alone, which
        Enter then presses."""
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self._cancel_text if offered else translate("SignIn", "Close"))
        cancel.setDefault(not offered)
        self.sign_in_button.setEnabled(offered)
        self.sign_in_button.setDefault(offered)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.password_edit.clear()
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.sign_in_button.setEnabled(not busy)
        for edit in (self.url_edit, self.user_edit, self.password_edit):
            edit.setEnabled(not busy)

    def _show(self, message: str) -> None:
        self.message_label.setText(message)
        # A long message (a refusal naming schools, in Spanish) grows the dialog, never cut:
        # to the height its lines take at the dialog's width.
        self._layout.activate()
        self.resize(self.width(), self._layout.totalHeightForWidth(self.width()))

    @property
    def message(self) -> str:
        return self.message_label.text()


def _notice_in(result: SignInResult) -> bool:
    """Whether the sign-in says more than "signed in": another school not signed in or not
    copied, or stores of the person before removed (or not)."""
    return bool(
        result.removed_schools
        or result.not_removed
        or any(
            other.problem is not None or other.copy_problem is not None
            for other in result.other_schools
        )
    )

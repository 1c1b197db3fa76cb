"""The sync corner of the status bar: its line, a "Sync now" button (F5), the 5-minute
timer, sign-in, and the bounded sync at quit. All network work goes through TaskRunner.

``SyncStatusPresenter`` decides what to say and when to sync; this module only runs the
work it hands out and draws what it says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMenuBar,
    QToolButton,
    QWidget,
)

from classroom_desk.i18n import translate
from classroom_desk.presenters.sync_status import QUIT_TIMEOUT_SECONDS, SyncStatusPresenter
from classroom_desk.sync.values import SyncProgress, SyncReport
from classroom_desk.ui.sign_in_dialog import SignInDialog
from classroom_desk.ui.sync_problems_window import SyncProblemsWindow
from classroom_desk.ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from classroom_desk.ui.main_window import MainWindow
    from classroom_desk.ui.school_view import SchoolViewWindow

#: The quit sync's whole wait, a little over one bounded request.
QUIT_WAIT_MS = int(QUIT_TIMEOUT_SECONDS * 1000) + 500


class _ProgressRelay(QObject):
    """Carries progress from the sync's thread to the UI thread (a queued signal)."""

    progressed = Signal(object)
    """The running sync moved on; carries a ``SyncProgress``."""


class SyncStatusWidget(QWidget):
    """The status line and the "Sync now" button, at the right of the status bar."""

    def __init__(self, sync_now: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.label = QLabel()
        self.label.setObjectName("syncStatusLabel")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QToolButton()
        self.button.setObjectName("syncNowButton")
        self.button.setDefaultAction(sync_now)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setAutoRaise(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(6)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.setAccessibleName(translate("Sync", "Sync status"))

    def show_status(self, text: str, detail: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(detail)
        self.setToolTip(detail)


class SyncController(QObject):
    """Runs the presenter's sync and sign-in work and keeps the widget up to date."""

    synced = Signal(object)
    """A sync finished; carries its ``SyncReport`` (views reload when it pulled rows)."""
    status_changed = Signal(str)
    """The status line changed; carries the new text."""
    signed_in = Signal()
    """A sign-in worked (it may have listed the teacher's other schools)."""

    def __init__(
        self,
        presenter: SyncStatusPresenter,
        window: MainWindow,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(window)
        self.presenter = presenter
        self._window = window
        self.runner = runner or TaskRunner(self)
        self._relay = _ProgressRelay(self)
        self.dialog: SignInDialog | None = None
        self.problems_window: SyncProblemsWindow | None = None
        self._finished = False  # the window closed: see finish()

        self.sync_now_action = QAction(translate("Sync", "Sync now"), window)
        self.sync_now_action.setObjectName("syncNowAction")
        # F5 only: the platform's "Refresh" includes Ctrl+R, which reassigns a unit here.
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.sync_now_action.setToolTip(
            translate("Sync", "Send your changes and fetch the school's now (F5)")
        )
        self.sign_in_action = QAction(translate("Sync", "Sign in to school server…"), window)
        self.sign_in_action.setObjectName("signInAction")
        self.problems_action = QAction(translate("Sync", "Sync problems…"), window)
        self.problems_action.setObjectName("syncProblemsAction")
        self.problems_action.setToolTip(
            translate(
                "Sync",
                "Changes the server refused and records this laptop set aside, with the reasons",
            )
        )
        self.school_view_action = QAction(translate("SchoolView", "School view…"), window)
        self.school_view_action.setObjectName("schoolViewAction")
        self.school_view_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.school_view_action.setToolTip(
            translate(
                "SchoolView",
                "Every class you may read, by grade, with the school server's figures",
            )
        )
        self.school_view: SchoolViewWindow | None = None
        window.addAction(self.sync_now_action)
        window.addAction(self.sign_in_action)
        window.addAction(self.school_view_action)

        self.widget = SyncStatusWidget(self.sync_now_action)
        self.timer = QTimer(self)
        self.timer.setObjectName("syncTimer")
        self.timer.setInterval(presenter.interval_ms)

        self.sync_now_action.triggered.connect(self._on_sync_now)
        self.sign_in_action.triggered.connect(self._on_sign_in_requested)
        self.problems_action.triggered.connect(self._on_problems_requested)
        self.school_view_action.triggered.connect(self.open_school_view)
        self.timer.timeout.connect(self._on_timer)
        self._relay.progressed.connect(self._on_progress)
        self._render()

    def add_menu(self, menu_bar: QMenuBar) -> QMenu:
        menu = menu_bar.addMenu(translate("Sync", "&Sync"))
        menu.setObjectName("syncMenu")
        menu.addAction(self.sync_now_action)
        menu.addAction(self.sign_in_action)
        menu.addSeparator()
        menu.addAction(self.school_view_action)
        menu.addAction(self.problems_action)
        return menu

    def open_school_view(self) -> None:
        """The School view, fetching this month from the server (one at a time): a
        principal's or coach's window holds it in the roster's place, anyone else's opens
        it as a window of its own."""
        from classroom_desk.ui.school_view import SchoolViewWindow

        # A read-only account's laptop is its School view even unsigned (no keyring
        # after a restart): the kept figures show, and it says to sign in for new ones.
        embedded = self.presenter.status.read_only
        if not self.presenter.signed_in and not embedded:
            self._on_sign_in_requested()
            return
        if self.school_view is not None and self.school_view.embedded and embedded:
            self._window.show_school_page(self.school_view)  # already the window's page
            self._follow_today(self.school_view)
            return
        self.close_school_view()
        self.school_view = SchoolViewWindow(
            self.presenter.server_reads(),
            self.runner,
            today=self._window.school_today(),
            parent=self._window,
            embedded=embedded,
            calendar=self._window.school_calendar(),
        )
        if embedded:
            self._window.show_school_page(self.school_view)
        else:
            self.school_view.show()

    def _follow_today(self, view: SchoolViewWindow) -> None:
        """A page stays open for days: asked for again, it offers today's months and
        weeks."""
        view.follow_calendar(self._window.school_calendar(), self._window.school_today())

    def follow_role(self) -> None:
        """A principal's or coach's window is the School view; a teacher's, the roster."""
        read_only = self.presenter.status.read_only
        embedded = self.school_view is not None and self.school_view.embedded
        if read_only and not embedded:
            self.open_school_view()
        elif embedded and not read_only:
            self.close_school_view()

    # -- starting syncs -----------------------------------------------------------------

    def start(self) -> None:
        """At start: sync once when signed in, and keep the timer going. A principal's or
        coach's laptop opens on the School view: the school is what they came to read."""
        if self.presenter.sync_at_start:
            self.sync_now()
        self._render()
        self.follow_role()

    def sync_now(self, *, at_quit: bool = False) -> bool:
        """Start a sync through the task runner; False when none could start."""
        work = self.presenter.begin_sync(self._relay.progressed.emit, at_quit=at_quit)
        self._render()
        if work is None:
            return False
        self.runner.run(work, on_success=self._on_synced, on_failure=self._on_sync_failed)
        return True

    def finish(self) -> None:
        """At quit: one bounded sync of what is waiting, then stop (never hangs the quit)."""
        self.timer.stop()
        if self.presenter.sync_at_quit and self.presenter.status.pending:
            self.sync_now(at_quit=True)
        if self.runner.busy:
            self.runner.wait(QUIT_WAIT_MS)
        # A sync slower than that ends after the window's store is closed (a switch to
        # another school): its end is dropped, the store it reports on being gone.
        self._finished = True

    @Slot()
    def _on_sync_now(self) -> None:
        page = self.school_view if self.school_view and self.school_view.embedded else None
        if page is not None:  # the laptop's calendar, even while a sign-in is asked for
            self._follow_today(page)
        if not self.presenter.signed_in or self.presenter.sign_in_needed:
            self._on_sign_in_requested()
            return
        self.sync_now()
        if page is not None:
            page.fetch()  # F5 on the School view's page asks it again too

    @Slot()
    def _on_timer(self) -> None:
        self.sync_now()

    # -- following the work -------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, progress: SyncProgress) -> None:
        if self.presenter.running and not self._finished:
            self.presenter.progressed(progress)
            self._render()

    def _on_synced(self, report: SyncReport) -> None:
        if self._finished:
            return
        again = self.presenter.finished(report)
        self._render()
        self.synced.emit(report)
        if again:
            self.sync_now()

    def _on_sync_failed(self, error: Exception) -> None:
        if self._finished:
            return
        again = self.presenter.failed(error)
        self._render()
        if again:
            self.sync_now()

    def _render(self) -> None:
        presenter = self.presenter
        text = presenter.text()
        self.widget.show_status(text, presenter.detail())
        self.sync_now_action.setEnabled(not presenter.running)
        self.problems_action.setEnabled(presenter.status.problems > 0)
        # A principal's or coach's window is the School view (``follow_role``): asking for
        # it there would only show the page showing.
        self.school_view_action.setEnabled(presenter.signed_in and not presenter.status.read_only)
        if self.problems_window is not None and self.problems_window.isVisible():
            self.problems_window.show_view(presenter.problems())
        if presenter.periodic and not self.timer.isActive():
            self.timer.start()
        elif not presenter.periodic:
            self.timer.stop()
        self.status_changed.emit(text)

    @Slot()
    def _on_problems_requested(self) -> None:
        if self.problems_window is None:
            self.problems_window = SyncProblemsWindow(self._window)
        self.problems_window.show_view(self.presenter.problems())
        self.problems_window.open()

    # -- signing in ---------------------------------------------------------------------

    @Slot()
    def _on_sign_in_requested(self) -> None:
        if self.dialog is None:
            # Kept, not deleted on close: a sign-in still running reports back to it.
            self.dialog = SignInDialog(self.presenter, self.runner, self._window)
            self.dialog.signed_in.connect(self._on_signed_in)
        self.dialog.open()

    def close_school_view(self) -> None:
        view = self.school_view
        if view is not None:
            self.school_view = None
            view.close()
            if view.embedded:
                self._window.show_school_page(None)
            view.deleteLater()

    def _on_signed_in(self) -> None:
        # The view asked as the account before: another one's figures are not for it.
        self.close_school_view()
        self._render()
        self.signed_in.emit()
        self.sync_now()
        self.follow_role()

"""Every dialog by keyboard, from one table: Enter presses the main action (the default
button, named in the table), Esc closes as rejected and changes nothing.

Each row opens its dialog as the app does, over the demo stores and real services, with
what a teacher would type already in its fields. A ``QDialog`` class of
``classroom_desk.ui`` without a row fails ``test_every_dialog_has_a_row``, so a new
dialog cannot skip these checks. The plan windows are plain windows with no default
button: Esc closes them, and their row says what Enter does there.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

import classroom_desk.ui
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.presenters.backups import BackupService
from classroom_desk.presenters.sync_problems import problems_view
from classroom_desk.store.database import Store, backup_if_due
from classroom_desk.store.keys import check_new_passphrase
from classroom_desk.ui.groups_view import GroupsWindow
from classroom_desk.ui.help_dialogs import AboutDialog, ShortcutsDialog
from classroom_desk.ui.import_dialogs import (
    ActivityMappingDialog,
    ChoiceDialog,
    RosterPreviewDialog,
    StudentQuestionsDialog,
)
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.note_revision_dialog import NoteRevisionDialog
from classroom_desk.ui.passphrase_dialog import PassphraseDialog
from classroom_desk.ui.plan_menu import PlanMenu
from classroom_desk.ui.reports_windows import ClassChartDialog, SkillsSummaryWindow
from classroom_desk.ui.restore_dialog import RestoreBackupDialog
from classroom_desk.ui.rotation_board import RotationBoardWindow, StationSetupDialog
from classroom_desk.ui.school_view import SchoolViewWindow
from classroom_desk.ui.settings_dialog import SettingsDialog
from classroom_desk.ui.sign_in_dialog import SignInDialog
from classroom_desk.ui.sync_problems_window import SyncProblemsWindow
from classroom_desk.ui.task_runner import TaskRunner
from classroom_desk.ui.tutoring_log import TutoringGroupDialog, TutoringWindow
from tests.conftest import DEMO_NOW
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.packages import without_students, write_package
from tests.importers.test_corpus import file_digest
from tests.presenters.test_sync_problems import REFUSED, SET_ASIDE
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe
from tests.ui.test_data_menu import (
    Answers,
    _roster_with_activity,
    menu,
    shown_preview,
    window_over,
    write_rows,
)
from tests.ui.test_data_menu import answers as answers  # a fixture
from tests.ui.test_data_menu import empty_store as empty_store  # a fixture
from tests.ui.test_note_corrections import a_note_from_last_week, open_dialog
from tests.ui.test_plans_keyboard import plans as plans  # a fixture
from tests.ui.test_school_view import keep_a_copy
from tests.ui.test_school_view import offline_reads as offline_reads  # a fixture
from tests.ui.test_settings_and_help import TECHNICAL, free_port

WAIT_MS = 30_000
SUBJECT_ROW = ["Math", "Fractions on a number line", "90", "20", "11/17/2026"]


class Env:
    """The fixtures a row asks for (made on first use), and what to do once it is done."""

    def __init__(self, qtbot: QtBot, request: pytest.FixtureRequest) -> None:
        self.qtbot = qtbot
        self._request = request
        self.data: Any = None
        """What a row's opening keeps for its checks (its File menu, the questions asked)."""

    def get(self, name: str) -> Any:
        return self._request.getfixturevalue(name)

    def finally_(self, step: Callable[[], None]) -> None:
        """Runs before the fixtures asked for so far are torn down (the store closed)."""
        self._request.addfinalizer(step)

    @property
    def tmp_path(self) -> Path:
        path: Path = self.get("tmp_path")
        return path

    @property
    def answers(self) -> Answers:
        given: Answers = self.get("answers")
        return given

    def window(self) -> MainWindow:
        window: MainWindow = self.get("full_window")
        return window

    def import_window(self, store: Store) -> MainWindow:
        """A window with the File menu over ``store``; its imports finish before the end."""
        window = window_over(self.qtbot, store, self.tmp_path / "settings.ini")
        self.finally_(lambda: _drain(menu(window).runner))
        return window


@dataclass
class Opened:
    dialog: QWidget
    state: Callable[[], object]
    """What Esc must leave as it was (the store, settings, keyring, what the app did)."""


@dataclass(frozen=True)
class Row:
    name: str
    kind: type[QWidget]
    main: str | None
    """The default button's text: what Enter presses (None: a window with none)."""
    enter: str
    """What Enter does, in words (the report's table)."""
    open: Callable[[Env], Opened]
    opening: Callable[[Any], QWidget]
    """Where the focus is when it opens."""
    other: Callable[[Any], QWidget] | None = None
    """Another input field Enter is tried from (None: it has one field or none)."""
    fill: Callable[[Any], None] | None = None
    """What a teacher types first: Esc throws it away, Enter acts on it."""
    on_enter: Literal["main", "newline", "nothing"] = "main"
    escape: Literal["rejected", "saved"] = "rejected"
    yes: Callable[[Any], None] | None = None
    """The yes the main action waits for: before it, Enter must not do it."""
    after_enter: Callable[[Env, Any], None] | None = None


def _drain(runner: TaskRunner) -> None:
    assert runner.wait(WAIT_MS)
    QApplication.processEvents()


def _visible(kind: type[QWidget]) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def _nothing() -> None:
    return None


# -- opening each dialog as the app does ----------------------------------------------------


def open_settings(env: Env) -> Opened:
    store: Store = env.get("demo_store")
    env.window().settings_action.trigger()
    school = StoreProbe(store.path)
    return Opened(_visible(SettingsDialog), lambda: school._rows("SELECT * FROM school"))


def open_shortcuts(env: Env) -> Opened:
    env.window().shortcuts_action.trigger()
    return Opened(_visible(ShortcutsDialog), _nothing)


def open_about(env: Env) -> Opened:
    env.window().about_action.trigger()
    return Opened(_visible(AboutDialog), _nothing)


def open_sign_in(env: Env) -> Opened:
    keyring = env.get("memory_keyring")
    sync = env.window().sync
    assert sync is not None
    sync.sign_in_action.trigger()
    dialog = sync.dialog
    assert dialog is not None
    dialog.url_edit.setText(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    env.finally_(lambda: _drain(sync.runner))
    return Opened(
        dialog, lambda: (dict(keyring.items), dialog.password_edit.text(), dialog.message)
    )


def type_sign_in(dialog: SignInDialog) -> None:
    dialog.user_edit.setText("rivera")
    dialog.password_edit.setText("secret")


def signed_in_said_in_words(env: Env, dialog: SignInDialog) -> None:
    assert dialog.password_edit.text() == ""  # not kept, even while it is tried
    env.qtbot.waitUntil(lambda: "Cannot reach" in dialog.message, timeout=WAIT_MS)
    assert not TECHNICAL.search(dialog.message), dialog.message


def open_sync_problems(env: Env) -> Opened:
    window = SyncProblemsWindow(env.window())
    window.show_view(problems_view([REFUSED, SET_ASIDE], to_local=lambda moment: moment))
    window.open()
    return Opened(window, _nothing)


def open_school_view(env: Env) -> Opened:
    """The School view on a principal's laptop offline (the server's port is closed), on
    the figures it kept: Enter opens a row, never a button."""
    store: Store = env.get("demo_store")
    reads = env.get("offline_reads")
    keep_a_copy(store, 2026, 11, DEMO_NOW)
    runner = TaskRunner()
    env.finally_(lambda: _drain(runner))
    window = SchoolViewWindow(reads, runner, today=DEMO_NOW.date(), parent=env.window())
    window.show()
    env.qtbot.waitUntil(window.refresh_button.isEnabled, timeout=WAIT_MS)
    probe = StoreProbe(store.path)
    return Opened(window, lambda: probe._rows("SELECT account, period FROM school_figures"))


def open_restore(env: Env) -> Opened:
    store: Store = env.get("demo_store")
    backup_if_due(store, now=DEMO_NOW)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No  # the teacher thinks again

    env.get("monkeypatch").setattr(QMessageBox, "question", question)
    runner = TaskRunner()
    env.finally_(lambda: _drain(runner))
    dialog = RestoreBackupDialog(BackupService(store.path, store.key), runner, env.window())
    env.data = asked
    dialog.open()
    env.qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=WAIT_MS)
    backups = store.path.parent / "backups"
    return Opened(dialog, lambda: (file_digest(store.path), sorted(backups.iterdir())))


def restore_asks_first(env: Env, _dialog: RestoreBackupDialog) -> None:
    assert len(env.data) == 1 and env.data[0].startswith("Restore the backup of")


def open_passphrase(new: bool) -> Callable[[Env], Opened]:
    def open_(env: Env) -> Opened:
        dialog = PassphraseDialog(new=new, message="No keyring here.", check=check_new_passphrase)
        env.qtbot.addWidget(dialog)
        dialog.open()
        return Opened(dialog, _nothing)

    return open_


def type_passphrase(dialog: PassphraseDialog) -> None:
    dialog.passphrase_edit.setText("maple river lantern")
    dialog.again_edit.setText("maple river lantern")


def open_note_revision(env: Env) -> Opened:
    window: MainWindow = env.get("window")
    store: Store = env.get("demo_store")
    a_note_from_last_week(env.qtbot, window, env.get("clock"), "Reads at grade levl")
    keys = Keyboard(env.qtbot)
    keys.type("Today: chapter books")  # today's note comes first in the history
    window.panel.flush()
    keys.shortcut("Alt+H")
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    return Opened(open_dialog(env.qtbot, window), lambda: StoreProbe(store.path).note_bodies())


def open_chart(env: Env) -> Opened:
    window = env.window()
    menu(window).class_chart_action.trigger()
    dialog = menu(window).chart_dialog
    env.qtbot.addWidget(dialog)  # a window of its own
    return Opened(dialog, lambda: window.panel.student_id)


def open_skills_summary(env: Env) -> Opened:
    env.answers.save_path = ""  # the file chooser is cancelled
    window = env.window()
    menu(window).skills_summary_action.trigger()
    summary = menu(window).summary_window
    env.qtbot.waitUntil(summary.export_pdf_button.isEnabled, timeout=WAIT_MS)
    return Opened(summary, lambda: sorted(Path.home().glob("*.pdf")))


def _mapping_dialog(env: Env, *names: str) -> ActivityMappingDialog:
    """The activity import's column dialog for a file of one known student and ``names``."""
    dataset = env.get("demo_dataset")
    sofia = dataset.students[1]
    rows = [[sofia.source_id, "", *SUBJECT_ROW]] + [["", name, *SUBJECT_ROW] for name in names]
    headers_path = write_rows(env.tmp_path / "ixl.csv", rows)
    env.answers.open_path = str(headers_path)
    window = env.window()
    menu(window).import_activity_action.trigger()
    dialog: ActivityMappingDialog = menu(window).mapping_dialog
    return dialog


def open_mapping(env: Env) -> Opened:
    store: Store = env.get("demo_store")
    return Opened(_mapping_dialog(env), lambda: file_digest(store.path))


def imported(title: str) -> Callable[[Env, Any], None]:
    """The import the main action started ends, and says so under ``title``."""

    def check(env: Env, _dialog: object) -> None:
        env.qtbot.waitUntil(lambda: bool(env.answers.messages), timeout=WAIT_MS)
        assert env.answers.messages[-1][1] == title, env.answers.messages

    return check


def previewed(env: Env, _dialog: object) -> None:
    """The school chosen is previewed (nothing imported before the preview's yes)."""
    data = env.data
    env.qtbot.waitUntil(lambda: getattr(data, "preview_dialog", None) is not None, timeout=WAIT_MS)


def name_the_platform(dialog: ActivityMappingDialog) -> None:
    dialog.source_combo.setCurrentText("IXL")


def open_questions(env: Env) -> Opened:
    store: Store = env.get("demo_store")
    mapping = _mapping_dialog(env, "Zed Nobody", "Yuri Nobody")
    name_the_platform(mapping)
    mapping.import_button.click()
    data = menu(env.window())
    env.qtbot.waitUntil(
        lambda: getattr(data, "questions_dialog", None) is not None, timeout=WAIT_MS
    )
    env.data = data
    return Opened(data.questions_dialog, lambda: file_digest(store.path))


def open_roster_preview(env: Env) -> Opened:
    store: Store = env.get("empty_store")
    window = env.import_window(store)
    env.answers.open_path = str(write_package(env.tmp_path / "full") / "manifest.csv")
    menu(window).import_roster_action.trigger()
    return Opened(shown_preview(env.qtbot, window), lambda: file_digest(store.path))


def open_large_removal(env: Env) -> Opened:
    store: Store = env.get("empty_store")
    window = _roster_with_activity(env.qtbot, store, env.answers, env.tmp_path)
    env.finally_(lambda: _drain(menu(window).runner))
    partial = write_package(env.tmp_path / "partial", without_students(1, 2, 3))
    env.answers.open_path = str(partial / "manifest.csv")
    menu(window).import_roster_action.trigger()
    return Opened(shown_preview(env.qtbot, window), lambda: file_digest(store.path))


def open_choice(env: Env) -> Opened:
    store: Store = env.get("empty_store")
    window = env.import_window(store)
    data = menu(window)
    env.data = data
    package = write_package(env.tmp_path / "district", TWO_SCHOOLS)
    env.answers.open_path = str(package / "manifest.csv")
    data.import_roster_action.trigger()
    env.qtbot.waitUntil(lambda: getattr(data, "choice_dialog", None) is not None, timeout=WAIT_MS)
    return Opened(
        data.choice_dialog,
        lambda: (file_digest(store.path), getattr(data, "preview_dialog", None) is None),
    )


def _plan_state(env: Env) -> Callable[[], object]:
    store: Store = env.get("demo_store")
    probe = StoreProbe(store.path)
    tables = ("student_group", "group_member", "rotation", "tutoring_group", "tutoring_session")
    return lambda: [probe._rows(f"SELECT * FROM {table} ORDER BY 1") for table in tables]


def open_plan(which: str) -> Callable[[Env], Opened]:
    """The Plan menu's window ``which`` (groups, board, tutoring) on Math 7's week."""

    def open_(env: Env) -> Opened:
        window = getattr(env.get("plans"), f"open_{which}")()
        assert window is not None
        return Opened(window, _plan_state(env))

    return open_


def move_a_student(window: GroupsWindow) -> None:
    window.focus_column(0)
    window.columns[0].students.setCurrentRow(0)
    window._presenter.move_by(window.columns[0].students.student_id(), 1)


def open_tutoring(env: Env) -> Opened:
    """With a group that meets today: the log opens on it, ready for the note."""
    planning: PlanMenu = env.get("plans")
    tutoring = planning._presenters.tutoring
    block = planning.block()
    assert block is not None
    tutoring.open(block)
    tutor = tutoring.add_tutor("Ms. Ade", "paraprofessional")
    assert tutor is not None
    assert tutoring.save_group(
        name="Fractions",
        tutor_id=tutor,
        members=list(tutoring.students)[:3],
        schedule=Schedule.of([DEMO_NOW.weekday()], "10:30"),
        plan=Plan(3, 30),
    )
    return open_plan("tutoring")(env)


def open_station_setup(env: Env) -> Opened:
    board = open_plan("board")(env)
    rotation = env.get("plans")._presenters.rotation
    dialog = StationSetupDialog(rotation.stations, rotation.record.round_minutes, board.dialog)
    dialog.open()
    return Opened(dialog, board.state)


def open_tutoring_group(env: Env) -> Opened:
    window = open_plan("tutoring")(env)
    dialog = TutoringGroupDialog(env.get("plans")._presenters.tutoring, window.dialog)
    dialog.open()
    return Opened(dialog, window.state)


def name_a_tutoring_group(dialog: TutoringGroupDialog) -> None:
    dialog.name.setText("Fractions boost")
    dialog.new_tutor.setText("Ms. Ade")
    for row in range(3):
        dialog.students.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.days[0].setChecked(True)


# -- the table ---------------------------------------------------------------------------------

ROWS = [
    Row(
        "activity-mapping", ActivityMappingDialog, "Import", "imports with these columns",
        open_mapping, lambda d: d.source_combo, other=lambda d: d.kind_combo,
        fill=name_the_platform, after_enter=imported("Activity imported"),
    ),
    Row(
        "student-questions", StudentQuestionsDialog, "Import with these answers",
        "imports with the answers", open_questions,
        lambda d: next(iter(d.combos.values())), other=lambda d: list(d.combos.values())[1],
        after_enter=imported("Activity imported"),
    ),
    Row(
        "roster-preview", RosterPreviewDialog, "Import", "imports the roster previewed",
        open_roster_preview, lambda d: d._scroll, after_enter=imported("Roster imported"),
    ),
    Row(
        "roster-preview-large-removal", RosterPreviewDialog, "Import and remove them",
        "cancels until the yes is ticked, then imports", open_large_removal,
        lambda d: d._scroll, other=lambda d: d.confirm_check,
        yes=lambda d: d.confirm_check.setChecked(True), after_enter=imported("Roster imported"),
    ),
    Row(
        "choice", ChoiceDialog, "Preview this one", "previews the school chosen",
        open_choice, lambda d: d.combo, after_enter=previewed,
    ),
    Row(
        "shortcuts", ShortcutsDialog, "Close", "closes (it only tells)",
        open_shortcuts, lambda d: d.table,
    ),
    Row(
        "about", AboutDialog, "Close", "closes (it only tells)",
        open_about, lambda d: d.findChild(QPushButton),
    ),
    Row(
        "note-revision", NoteRevisionDialog, "Done", "starts a new line in the note",
        open_note_revision, lambda d: d.note_edit, on_enter="newline", escape="saved",
    ),
    Row(
        "passphrase-new", PassphraseDialog, "Use this passphrase", "uses the passphrase",
        open_passphrase(True), lambda d: d.passphrase_edit, other=lambda d: d.again_edit,
        fill=type_passphrase,
    ),
    Row(
        "passphrase-unlock", PassphraseDialog, "Unlock", "unlocks",
        open_passphrase(False), lambda d: d.passphrase_edit, fill=type_passphrase,
    ),
    Row(
        "station-setup", StationSetupDialog, "Save", "saves the stations",
        open_station_setup, lambda d: d.rows[0][0], other=lambda d: d.minutes,
        fill=lambda d: d.rows[0][0].setText("Teacher table"),
    ),
    Row(
        "tutoring-group", TutoringGroupDialog, "Save", "saves the group",
        open_tutoring_group, lambda d: d.name, other=lambda d: d.new_tutor,
        fill=name_a_tutoring_group,
    ),
    Row(
        "class-chart", ClassChartDialog, "Open", "opens the chosen student in the roster",
        open_chart, lambda d: d.student_combo,
    ),
    Row(
        "skills-summary", SkillsSummaryWindow, "Export PDF…", "exports the report as PDF",
        open_skills_summary, lambda d: d.class_combo, other=lambda d: d.month_combo,
    ),
    Row(
        "restore-backup", RestoreBackupDialog, "Restore this backup",
        "restores the chosen backup, after a yes", open_restore, lambda d: d.list_widget,
        after_enter=restore_asks_first,
    ),
    Row(
        "settings", SettingsDialog, "Save", "saves the settings",
        open_settings, lambda d: d.first_day_combo, other=lambda d: d.minutes_spin,
        fill=lambda d: d.minutes_spin.setValue(45),
    ),
    Row(
        "sign-in", SignInDialog, "Sign in", "signs in", open_sign_in,
        lambda d: d.user_edit, other=lambda d: d.password_edit, fill=type_sign_in,
        after_enter=signed_in_said_in_words,
    ),
    Row(
        "school-view", SchoolViewWindow, None,
        "nothing: Enter opens the grade or class on the row", open_school_view,
        lambda w: w.view, other=lambda w: w.month_combo, on_enter="nothing",
    ),
    Row(
        "sync-problems", SyncProblemsWindow, "Close", "closes (it only tells)",
        open_sync_problems, lambda d: d.table,
    ),
    Row(
        "groups-window", GroupsWindow, None,
        "nothing: Ctrl+Enter accepts the groups", open_plan("groups"),
        lambda w: w.columns[0].students, other=lambda w: w.smallest, on_enter="nothing",
        fill=move_a_student,
    ),
    Row(
        "rotation-board", RotationBoardWindow, None,
        "nothing: Space starts the round, N moves on", open_plan("board"), lambda w: w.setup_button,
        on_enter="nothing",
    ),
    Row(
        "tutoring-window", TutoringWindow, None,
        "nothing: Ctrl+Enter logs the session", open_tutoring, lambda w: w.note,
        other=lambda w: w.focus_edit, on_enter="nothing",
        fill=lambda w: w.note.setText("Worked on fractions"),
    ),
]  # fmt: skip

ENTER_CASES = [(row, "opening") for row in ROWS] + [
    (row, "other") for row in ROWS if row.other is not None
]


@pytest.fixture
def env(qtbot: QtBot, request: pytest.FixtureRequest) -> Env:
    return Env(qtbot, request)


def _active(qtbot: QtBot, opened: Opened) -> QWidget:
    """The dialog, shown and with the keyboard (the offscreen platform is told to)."""
    dialog = opened.dialog
    if not dialog.isVisible():
        dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _focused(dialog: QWidget) -> QWidget:
    widget = QApplication.focusWidget()
    if widget is not None and (widget is dialog or dialog.isAncestorOf(widget)):
        return widget
    return dialog.focusWidget() or dialog


def _clicks(dialog: QWidget) -> list[str]:
    """The texts of the buttons clicked from now on."""
    clicked: list[str] = []
    for button in dialog.findChildren(QPushButton):
        button.clicked.connect(lambda _checked=False, b=button: clicked.append(b.text()))
    return clicked


def _default_button(dialog: QWidget) -> QPushButton:
    found = [b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisible()]
    assert len(found) == 1, [b.text() for b in found]
    return found[0]


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or ''}".strip()


# -- the checks ------------------------------------------------------------------------------


def ui_dialog_classes() -> set[type]:
    """Every QDialog subclass defined in the ui package (each module imported first)."""
    for module in pkgutil.iter_modules(classroom_desk.ui.__path__, "classroom_desk.ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    waiting: list[type] = [QDialog]
    while waiting:
        subclasses: list[type] = waiting.pop().__subclasses__()
        for subclass in subclasses:
            waiting.append(subclass)
            if subclass.__module__.startswith("classroom_desk.ui"):
                found.add(subclass)
    return found


def test_every_dialog_has_a_row() -> None:
    dialogs = ui_dialog_classes()
    missing = sorted(f"{d.__module__}.{d.__name__}" for d in dialogs - {r.kind for r in ROWS})
    assert not missing, f"add a row to ROWS for: {', '.join(missing)}"
    assert len(dialogs) >= 16


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_escape_closes_and_changes_nothing(env: Env, row: Row) -> None:
    opened = row.open(env)
    dialog = _active(env.qtbot, opened)
    before = opened.state()
    if row.fill is not None:
        row.fill(dialog)
    clicked = _clicks(dialog)
    env.qtbot.keyClick(_focused(dialog), Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "Esc left it open"
    if isinstance(dialog, QDialog) and row.escape == "rejected":
        assert dialog.result() == QDialog.DialogCode.Rejected
    assert clicked == [], f"Esc pressed {clicked}"
    assert opened.state() == before, "Esc changed something"


@pytest.mark.parametrize(
    ("row", "start"), ENTER_CASES, ids=[f"{row.name}-{start}" for row, start in ENTER_CASES]
)
def test_enter_presses_the_main_action(env: Env, row: Row, start: str) -> None:
    opened = row.open(env)
    dialog = _active(env.qtbot, opened)
    opening = row.opening(dialog)
    assert _focused(dialog) is opening, f"opens with the focus on {_name(_focused(dialog))}"
    if row.fill is not None:
        row.fill(dialog)
    if row.yes is not None:
        row.yes(dialog)
    field = opening
    if start == "other":
        assert row.other is not None
        field = row.other(dialog)
        field.setFocus()
    clicked = _clicks(dialog)
    before = opened.state()
    if row.on_enter == "main":
        assert _default_button(dialog).text() == row.main
    env.qtbot.keyClick(field, Qt.Key.Key_Return)
    if row.on_enter == "main":
        assert clicked == [row.main], f"Enter pressed {clicked}, not {row.main!r}"
    else:
        assert dialog.isVisible(), "Enter closed it"
        assert clicked == [], f"Enter pressed {clicked}"
    if row.on_enter == "newline":
        assert field.toPlainText().endswith("\n")  # type: ignore[attr-defined]
    if row.on_enter == "nothing":
        assert opened.state() == before
    if row.after_enter is not None:
        row.after_enter(env, dialog)


MAIN_ROWS = [row for row in ROWS if row.main is not None]


@pytest.mark.parametrize("row", MAIN_ROWS, ids=[row.name for row in MAIN_ROWS])
def test_enter_on_a_focused_button_presses_that_button(env: Env, row: Row) -> None:
    """Enter on a button that has the keyboard presses that button, as Space does, never
    the dialog's default (Export CSV focused must not export a PDF)."""
    env.get("answers")  # every file chooser cancelled, every message recorded
    opened = row.open(env)
    dialog = _active(env.qtbot, opened)
    default = _default_button(dialog)
    others = [
        button
        for button in dialog.findChildren(QPushButton)
        if button.isVisible() and button.isEnabled() and button is not default
    ]
    for button in others:
        dialog = _active(env.qtbot, opened)  # a Close or Cancel pressed before hid it
        clicked = _clicks(dialog)
        button.setFocus()
        env.qtbot.keyClick(button, Qt.Key.Key_Return)
        assert clicked == [button.text()], f"Enter on {button.text()!r} pressed {clicked}"


YES_ROWS = [row for row in ROWS if row.yes is not None]


@pytest.mark.parametrize("row", YES_ROWS, ids=[row.name for row in YES_ROWS])
def test_enter_never_skips_the_yes(env: Env, row: Row) -> None:
    opened = row.open(env)
    dialog = _active(env.qtbot, opened)
    before = opened.state()
    clicked = _clicks(dialog)
    env.qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)
    assert row.main not in clicked
    assert opened.state() == before


def test_a_damaged_backup_is_said_in_plain_words(env: Env) -> None:
    store: Store = env.get("demo_store")
    backups = store.path.parent / "backups"
    backups.mkdir(exist_ok=True)
    (backups / f"{store.path.stem}-20261118T120000Z-daily{store.path.suffix}").write_bytes(
        b"not a database" * 100
    )
    runner = TaskRunner()
    env.finally_(lambda: _drain(runner))
    dialog = RestoreBackupDialog(BackupService(store.path, store.key), runner)
    env.qtbot.addWidget(dialog)
    dialog.show()
    env.qtbot.waitUntil(lambda: "Comparing" not in dialog.preview_label.text(), timeout=WAIT_MS)
    text = dialog.preview_label.text()
    assert not dialog.restore_button.isEnabled()
    assert not TECHNICAL.search(text), text
    assert "backup" in text


def warned(env: Env, title: str) -> str:
    """The warning the work started ends with, under ``title``: no exception name in it."""
    env.qtbot.waitUntil(lambda: bool(env.answers.messages), timeout=WAIT_MS)
    kind, said, text = env.answers.messages[-1]
    assert (kind, said) == ("warning", title), text
    assert not TECHNICAL.search(text), text
    return text


def test_an_activity_file_gone_before_import_is_said_in_plain_words(env: Env) -> None:
    """The export moved away while the columns were being checked: the warning says so in
    words, with no exception name, and nothing is imported."""
    store: Store = env.get("demo_store")
    dialog = _mapping_dialog(env)
    name_the_platform(dialog)
    before = file_digest(store.path)
    Path(env.answers.open_path).unlink()
    dialog.import_button.click()
    text = warned(env, "Import activity failed")
    assert "ixl.csv" in text and "Nothing was imported" in text
    assert file_digest(store.path) == before


def test_a_chart_export_to_a_missing_folder_is_said_in_plain_words(env: Env) -> None:
    dialog = open_chart(env).dialog
    assert isinstance(dialog, ClassChartDialog)
    env.answers.save_path = str(env.tmp_path / "gone" / "chart.pdf")
    dialog.export_button.click()
    text = warned(env, "Export failed")
    assert "chart.pdf" in text and "Choose another folder" in text

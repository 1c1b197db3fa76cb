"""The school switch tried as a tester would: mid-note, with windows and dialogs open,
twice in a row, after an action to undo, onto a store that is gone or damaged, and with
a sync (a real server on 127.0.0.1, behind a proxy that can hold every request) or an
import still running.

As in ``test_two_schools``, the app runs from ``main`` on a data folder of two schools'
stores, each window it shows acted in by the test as the teacher would.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterFilter
from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import connect
from classroom_desk.store.keys import load_store_key
from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    other_school_store,
    read_school_list,
    write_school_list,
)
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.school_sign_in import sign_in_everywhere
from classroom_desk.ui.import_dialogs import PROGRESS_AFTER_MS, ImportProgress
from classroom_desk.ui.main_window import MainWindow
from tests.importers.packages import write_package
from tests.sync.harness import FaultProxy, MemoryKeyring, ServerProcess
from tests.sync.two_schools import PASSWORD, PINE, USER
from tests.ui.keyboard import Keyboard
from tests.ui.test_two_schools import (
    SOUTH,
    data_dir,
    district,
    notes,
    run_app,
    school_shown,
    type_note,
)

__all__ = ["data_dir", "district"]  # the fixtures, used here by name


def open_student_windows(window: MainWindow) -> list[QWidget]:
    """Every window of the school's students the menus open: the plan windows (with the
    projector), the Skills Summary, the class chart."""
    assert window.plan_menu is not None and window.data_menu is not None
    board = window.plan_menu.open_board()
    assert board is not None
    opened: list[QWidget] = [board, board.show_projector()]
    for open_ in (window.plan_menu.open_groups, window.plan_menu.open_tutoring):
        plan_window = open_()
        assert plan_window is not None
        opened.append(plan_window)
    window.data_menu.skills_summary_action.trigger()
    window.data_menu.class_chart_action.trigger()
    for child in (window.data_menu.summary_window, window.data_menu.chart_dialog):
        assert child is not None
        opened.append(child)
    assert all(w.isVisible() for w in opened)
    return opened


def other_windows_shown(window: MainWindow) -> list[str]:
    return [
        w.objectName() or type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and not isinstance(w, QMenu)
    ]


def test_the_schools_windows_close_with_the_switch(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """A board, its projector, groups, tutoring, the Skills Summary and the class chart
    all show North's students: none of them stays on screen once the window is South's."""

    def in_north(window: MainWindow) -> None:
        open_student_windows(window)
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert not window.isVisible()

    def in_south(window: MainWindow) -> None:
        assert school_shown(window) == "South Middle"
        assert other_windows_shown(window) == []

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south]) == 0


def press_on_school_button(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """The button at the menu bar's end: its menu pops up, the school is chosen in it."""
    assert window.schools is not None
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        [action] = [a for a in menu.actions() if a.text() == name]
        chosen.append(action.text())
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(window.schools.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chosen == [name])


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # the button's menu
def test_the_menu_bar_button_saves_the_half_typed_note_in_its_school(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    typed_for: list[str] = []

    def in_north(window: MainWindow) -> None:
        typed_for.append(type_note(qtbot, window, "Typed before the button"))
        press_on_school_button(qtbot, window, "South Middle")
        qtbot.waitUntil(lambda: not window.isVisible())

    def in_south(window: MainWindow) -> None:
        assert school_shown(window) == "South Middle"
        assert window.panel.note_edit.toPlainText() == ""

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south]) == 0
    [student] = typed_for
    assert notes(data_dir, SCHOOL_STORE, student) == ["Typed before the button"]
    assert notes(data_dir, other_school_store(SOUTH), student) == []


def reassignments_in(data_dir: Path, file: str) -> int:
    """Reassignments and their undoings in a school's store, read as another process would."""
    connection = connect(data_dir / file, load_store_key(data_dir, ask=lambda _request: None))
    try:
        return int(connection.execute("SELECT count(*) FROM reassignment_event").fetchone()[0])
    finally:
        connection.close()


def test_undo_after_a_switch_does_not_undo_the_other_schools_reassignment(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    reassigned: list[int] = []
    south_before = reassignments_in(data_dir, other_school_store(SOUTH))

    def reassignments(file: str) -> int:
        return reassignments_in(data_dir, file)

    def in_north(window: MainWindow) -> None:
        keyboard = Keyboard(qtbot)
        for row in range(window.model.rowCount()):
            window.table.selectRow(row)
            keyboard.shortcut("Ctrl+R")
            if window.undo_toast.is_offering_undo():
                break
        assert window.undo_toast.is_offering_undo()
        reassigned.append(reassignments(SCHOOL_STORE))
        keyboard.shortcut("Ctrl+Shift+L")

    def in_south(window: MainWindow) -> None:
        window.table.selectRow(0)
        window.undo_action.trigger()
        assert "Nothing to undo" in window.undo_toast.label.text()

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south]) == 0
    assert reassignments(SCHOOL_STORE) == reassigned[0]
    assert reassignments(other_school_store(SOUTH)) == south_before


def sign_in_dialog(window: MainWindow) -> QDialog | None:
    assert window.sync is not None
    window.sync.sign_in_action.trigger()
    return window.sync.dialog


def settings_dialog(window: MainWindow) -> QDialog | None:
    window.settings_action.trigger()
    return window.settings_dialog


@pytest.mark.parametrize("open_dialog", [sign_in_dialog, settings_dialog])
def test_a_modal_dialog_up_holds_the_switch_and_the_note(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    open_dialog: Callable[[MainWindow], QDialog | None],
) -> None:
    """Ctrl+Shift+L while a window-modal dialog is up (sign-in, settings): the school
    stays, the dialog stays answerable, the note typed before it is still North's."""
    typed_for: list[str] = []

    def in_north(window: MainWindow) -> None:
        typed_for.append(type_note(qtbot, window, "Typed before the dialog"))
        dialog = open_dialog(window)
        assert dialog is not None and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
        assert window.isVisible() and dialog.isVisible()
        assert school_shown(window) == "North Elementary"
        dialog.reject()

    assert run_app(qtbot, monkeypatch, data_dir, [in_north]) == 0
    [student] = typed_for
    assert notes(data_dir, SCHOOL_STORE, student) == ["Typed before the dialog"]


def test_switching_there_and_back_keeps_each_schools_filter(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """A→B→A: North comes back on its own filter; South's choices are South's."""
    left: dict[str, object] = {}

    def in_north(window: MainWindow) -> None:
        presenter = window._presenter
        presenter.set_filter(next(iter(RosterFilter)), True)
        left["filters"] = presenter.settings().filters
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def in_south(window: MainWindow) -> None:
        assert window._presenter.settings().filters != left["filters"]
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def north_again(window: MainWindow) -> None:
        assert school_shown(window) == "North Elementary"
        assert window._presenter.settings().filters == left["filters"]

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south, north_again]) == 0


DAMAGED = b"not a database at all" * 1000


class ErrorsSaid(list[str]):
    """The error boxes the window shows (title: text), answered OK."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__()

        def critical(_parent: object, title: str, text: str, *_args: object) -> int:
            self.append(f"{title}: {text}")
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, "critical", critical)


def refused_switch(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path, spoil: str
) -> list[str]:
    """South's store spoiled (``missing`` or ``damaged``) just before the teacher switches
    to it: what the window said; the test checks the window stayed North's."""
    south = data_dir / other_school_store(SOUTH)
    said = ErrorsSaid(monkeypatch)
    typed_for: list[str] = []

    def in_north(window: MainWindow) -> None:
        typed_for.append(type_note(qtbot, window, "Typed in North"))
        if spoil == "missing":
            south.unlink()
        else:
            south.write_bytes(DAMAGED)
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert window.isVisible()
        assert school_shown(window) == "North Elementary"
        assert window.panel.student_id == typed_for[0]

    assert run_app(qtbot, monkeypatch, data_dir, [in_north]) == 0
    assert read_school_list(data_dir).shown is None  # still North next time
    assert notes(data_dir, SCHOOL_STORE, typed_for[0]) == ["Typed in North"]
    return said


@pytest.mark.parametrize("spoil", ["missing", "damaged"])
def test_a_store_of_the_other_school_gone_or_damaged_is_said_and_the_window_stays(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path, spoil: str
) -> None:
    south = data_dir / other_school_store(SOUTH)
    [said] = refused_switch(qtbot, monkeypatch, data_dir, spoil)
    assert "South Middle" in said and str(south) in said
    if spoil == "missing":
        assert not south.exists()  # no empty store made in its place
    else:
        assert south.read_bytes() == DAMAGED  # left as it was


def test_a_missing_first_school_store_never_opens_the_demo_in_its_place(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """From South back to North whose ``school.sqlite`` is gone: the app used to fall
    back to the demo school (as a first start does), shown under North's name."""
    write_school_list(data_dir, read_school_list(data_dir).showing(SOUTH))
    said = ErrorsSaid(monkeypatch)

    def in_south(window: MainWindow) -> None:
        (data_dir / SCHOOL_STORE).unlink()
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert window.isVisible()
        assert school_shown(window) == "South Middle"

    assert run_app(qtbot, monkeypatch, data_dir, [in_south]) == 0
    [message] = said
    assert "North Elementary" in message
    assert not (data_dir / "demo.sqlite").exists()
    assert read_school_list(data_dir).shown == SOUTH


def signed_in_laptop(folder: Path, server: ServerProcess | FaultProxy) -> None:
    """Elena's laptop signed in to Maple and Pine on the real server, each synced once."""
    key = load_store_key(folder, ask=lambda _request: None)
    maple = open_store(folder / SCHOOL_STORE, key)
    try:
        sign_in_everywhere(maple, server_url=server.url, user=USER, password=PASSWORD)
        pine = open_store(folder / other_school_store(PINE), key)
        try:
            for store in (maple, pine):
                with SyncClient.from_keyring(store) as client:
                    client.sync()
        finally:
            pine.close()
    finally:
        maple.close()


def class_names(folder: Path, file: str) -> set[str]:
    connection = connect(folder / file, load_store_key(folder, ask=lambda _request: None))
    try:
        return {str(name) for (name,) in connection.execute("SELECT name FROM class_section")}
    finally:
        connection.close()


def test_a_sync_running_at_the_switch_ends_in_its_own_school(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    district: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    """Maple's sync is in the worker when the teacher switches to Pine: when it ends, it
    reports to no window of Pine's and reads nothing from Maple's closed store; Pine's
    store holds Pine's classes only, and the note typed in Maple is Maple's."""
    folder = tmp_path / "data"
    signed_in_laptop(folder, district)
    maple_classes = class_names(folder, SCHOOL_STORE)
    pine_classes = class_names(folder, other_school_store(PINE))
    typed_for: list[str] = []

    def in_maple(window: MainWindow) -> None:
        assert school_shown(window) == "Maple Elementary"
        window.table.selectRow(0)
        student = window.panel.student_id
        assert student is not None
        qtbot.keyClicks(window.panel.note_edit, "Typed in Maple")
        typed_for.append(student)
        assert window.sync is not None
        window.sync.sync_now()
        assert window.sync.presenter.running  # in the worker as the switch comes
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert not window.isVisible()

    def in_pine(window: MainWindow) -> None:
        assert school_shown(window) == "Pine Elementary"
        assert window.sync is not None
        sync = window.sync
        qtbot.waitUntil(lambda: sync.presenter.status.last_synced_at is not None, timeout=30_000)
        qtbot.waitUntil(lambda: not sync.presenter.running, timeout=30_000)
        qtbot.wait(200)  # anything of Maple's still queued arrives here

    assert run_app(qtbot, monkeypatch, folder, [in_maple, in_pine]) == 0
    assert class_names(folder, other_school_store(PINE)) == pine_classes
    assert class_names(folder, SCHOOL_STORE) == maple_classes
    assert not maple_classes & pine_classes
    [student] = typed_for
    assert notes(folder, SCHOOL_STORE, student) == ["Typed in Maple"]
    assert notes(folder, other_school_store(PINE), student) == []


def test_a_roster_preview_still_working_at_the_switch_shows_nothing_in_the_other_school(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path, tmp_path: Path
) -> None:
    """The preview is worked out off the UI thread; the teacher switches before it shows
    (its progress appears only after a second, so the window is not held yet). North's
    preview, its progress and its Import button must never come up over South."""
    manifest = write_package(tmp_path / "package") / "manifest.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(manifest), ""))

    def in_north(window: MainWindow) -> None:
        assert window.data_menu is not None
        window.data_menu.import_roster_action.trigger()
        assert window.data_menu.runner.busy
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert not window.isVisible()

    def in_south(window: MainWindow) -> None:
        assert QThreadPool.globalInstance().waitForDone(30_000)
        qtbot.wait(PROGRESS_AFTER_MS + 300)  # when a progress would show itself
        assert other_windows_shown(window) == []
        assert school_shown(window) == "South Middle"

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south]) == 0


def test_an_import_s_progress_after_its_window_closed_goes_nowhere(qtbot: QtBot) -> None:
    """An import goes on in its worker after the switch (all or nothing, into its own
    school's store); the rows it reports then reach a progress dialog deleted with the
    window it belonged to: they must be dropped, not raise in the event loop."""
    window = QWidget()
    progress = ImportProgress(window, "Import roster")
    progress.finish()  # the window closing finishes it
    shiboken6.delete(window)  # and, deleted, takes the dialog with it
    progress.report(10, 100, "users.csv")  # the worker's next rows
    qtbot.wait(20)  # delivered here: an error raised in it fails the test


def test_two_presses_at_once_switch_once_and_save_the_note_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """Ctrl+Shift+L pressed twice before the window has gone (a key held, a double press):
    one switch, to South; the second press reaches a closed window and does nothing."""
    typed_for: list[str] = []

    def press(widget: QWidget) -> None:
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(widget, QKeyEvent(kind, Qt.Key.Key_L, modifiers))

    def in_north(window: MainWindow) -> None:
        typed_for.append(type_note(qtbot, window, "Typed before two presses"))
        press(window.panel.note_edit)
        press(window.panel.note_edit)
        qtbot.waitUntil(lambda: not window.isVisible())
        qtbot.wait(50)  # the second press is delivered too

    def in_south(window: MainWindow) -> None:
        assert school_shown(window) == "South Middle"

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south]) == 0
    assert read_school_list(data_dir).shown == SOUTH
    [student] = typed_for
    assert notes(data_dir, SCHOOL_STORE, student) == ["Typed before two presses"]
    assert notes(data_dir, other_school_store(SOUTH), student) == []


def test_a_start_on_a_school_whose_store_is_gone_opens_the_first_not_an_empty_one(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """South was shown last, and its store is gone by the next start: the app used to
    make an empty store and show it under South's name (no class, no student, no
    sign-in). It opens North, says why on stderr, and makes no file for South."""
    write_school_list(data_dir, read_school_list(data_dir).showing(SOUTH))
    south = data_dir / other_school_store(SOUTH)
    south.unlink()

    def on_start(window: MainWindow) -> None:
        assert school_shown(window) == "North Elementary"
        assert window.model.rowCount() > 0

    assert run_app(qtbot, monkeypatch, data_dir, [on_start]) == 0
    assert not south.exists()
    assert f"{south} is missing" in capsys.readouterr().err


def test_there_and_back_while_the_first_sync_hangs_sends_the_note_once(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    district: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    """Maple → Pine → Maple while the network holds every request: Maple's first sync is
    still in its worker when Maple's second window starts its own on the same store. Once
    the network lets go, both end; the note typed in Maple is on the server once, Maple's
    outbox is empty, and nothing raised in either window."""
    gate = threading.Event()
    proxy = FaultProxy(district.port)
    proxy.on_request = lambda _first: not gate.wait(60)  # held until the gate opens
    folder = tmp_path / "data"
    gate.set()
    signed_in_laptop(folder, proxy)
    gate.clear()
    body = f"Typed in Maple {tmp_path.name}"

    def maple_first(window: MainWindow) -> None:
        assert window.sync is not None and window.sync.presenter.running  # held
        window.table.selectRow(0)
        qtbot.keyClicks(window.panel.note_edit, body)
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")  # waits a bounded while, then goes

    def in_pine(window: MainWindow) -> None:
        assert school_shown(window) == "Pine Elementary"
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def maple_again(window: MainWindow) -> None:
        assert school_shown(window) == "Maple Elementary"
        assert window.sync is not None
        sync = window.sync.presenter
        assert sync.running
        gate.set()
        qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
        assert QThreadPool.globalInstance().waitForDone(60_000)
        window.sync.sync_now()  # whatever the first left, the next sync sends
        qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
        assert sync.error is None and sync.status.pending == 0

    try:
        assert run_app(qtbot, monkeypatch, folder, [maple_first, in_pine, maple_again]) == 0
    finally:
        gate.set()
        proxy.close()
    server_file = district.database_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(server_file)) as server:
        rows = server.execute("SELECT count(*) FROM conference_note WHERE body = ?", (body,))
        assert rows.fetchone() == (1,)


def last_synced(folder: Path, file: str) -> str | None:
    connection = connect(folder / file, load_store_key(folder, ask=lambda _request: None))
    try:
        row = connection.execute("SELECT last_synced_at FROM sync_state WHERE id = 1").fetchone()
    finally:
        connection.close()
    return None if row is None or row[0] is None else str(row[0])


def pending_in(folder: Path, file: str) -> int:
    connection = connect(folder / file, load_store_key(folder, ask=lambda _request: None))
    try:
        row = connection.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()
    finally:
        connection.close()
    return int(row[0])


def test_a_sync_outliving_its_window_still_ends_well_in_its_own_school(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    district: ServerProcess,
    memory_keyring: MemoryKeyring,
) -> None:
    """Maple's sync is held by the network past the switch's bounded wait, and Maple's
    window is gone (deleted) when the network lets go: the sync still ends, and well,
    in Maple's store. It used to die on its first progress report (the window's relay
    deleted under it), so Maple's sync stopped half-way at every such switch."""
    gate = threading.Event()
    proxy = FaultProxy(district.port)
    proxy.on_request = lambda _first: not gate.wait(60)
    folder = tmp_path / "data"
    gate.set()
    signed_in_laptop(folder, proxy)
    gate.clear()
    before = last_synced(folder, SCHOOL_STORE)
    maple = open_store(folder / SCHOOL_STORE, load_store_key(folder, ask=lambda _request: None))
    try:  # work waiting to go, so the sync reports progress as it pushes
        student = maple.connection.execute("SELECT id FROM student LIMIT 1").fetchone()[0]
        TeacherActions(maple, ensure_device(maple)).save_note(
            student_id=student, body="Waiting in Maple"
        )
    finally:
        maple.close()

    def in_maple(window: MainWindow) -> None:
        assert window.sync is not None and window.sync.presenter.running  # held
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def in_pine(window: MainWindow) -> None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # Maple's window goes
        gate.set()
        assert QThreadPool.globalInstance().waitForDone(60_000)
        qtbot.wait(50)

    try:
        assert run_app(qtbot, monkeypatch, folder, [in_maple, in_pine]) == 0
    finally:
        gate.set()
        proxy.close()
    after = last_synced(folder, SCHOOL_STORE)
    assert after is not None and after != before
    assert pending_in(folder, SCHOOL_STORE) == 0

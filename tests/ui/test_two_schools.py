"""A teacher of two schools: the window names the school showing, File > School and
Ctrl+Shift+L switch, and the note being typed is saved into the school it was typed in.

The app runs from its own entry point (``main``) on a data folder holding two schools'
stores; Qt's event loop is stood in for (a real quit would end the tests' loops too):
each time the app shows a window, the test acts in it, as the teacher would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.app import main
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.schools import SchoolSwitchPresenter
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import connect
from classroom_desk.store.keys import load_store_key
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    SchoolList,
    other_school_store,
    read_school_list,
    write_school_list,
)
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.sync.harness import MemoryKeyring, ServerProcess
from tests.sync.test_school_sign_in import SECOND, two_schools
from tests.sync.two_schools import PASSWORD, PINE, USER, SignInServer, district_server
from tests.ui.conftest import laptop_window, schools_window, sign_in_from
from tests.ui.keyboard import Keyboard

NORTH, SOUTH = "school-north", "school-south"


@pytest.fixture
def data_dir(tmp_path: Path, demo_dataset: SchoolDataset, memory_keyring: MemoryKeyring) -> Path:
    """North in ``school.sqlite``, South in its own file, one key (in the keyring) for both."""
    return two_schools_folder(tmp_path / "data", demo_dataset)


def two_schools_folder(folder: Path, dataset: SchoolDataset) -> Path:
    """North and South, each loaded with ``dataset``; the key from the keyring, or (with
    none) from the tests' passphrase."""
    key = load_store_key(folder, ask=lambda _request: TEST_PASSPHRASE)
    for file, name in ((SCHOOL_STORE, "North Elementary"), (other_school_store(SOUTH), "South")):
        store = open_store(folder / file, key)
        load_dataset(store, dataset)
        with store.transaction() as connection:
            connection.execute("UPDATE school SET name = ?", (f"{name} (roster)",))
        store.close()
    write_school_list(folder, SchoolList.of([(NORTH, "North Elementary"), (SOUTH, "South Middle")]))
    return folder


Act = Callable[[MainWindow], None]


def run_app(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path, acts: list[Act]) -> int:
    """``main`` on ``data_dir``; each window it shows gets the next act, its event loop
    run by the act (the app's later work, as a first paint's, comes in ``qtbot.wait``)."""
    shown: list[MainWindow] = []

    def session(app: QApplication) -> int:
        [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        with qtbot.waitActive(window):  # shortcuts reach only the active window
            window.activateWindow()
        qtbot.waitUntil(lambda: window.data_menu is not None)  # after the first paint
        shown.append(window)
        acts[len(shown) - 1](window)
        window.close()  # the teacher quits (after a switch it is closed already)
        return 0

    monkeypatch.setattr(QApplication, "exec", session)
    code = main(["--data-dir", str(data_dir)])
    assert len(shown) == len(acts)
    return code


def notes(data_dir: Path, file: str, student_id: str) -> list[str]:
    """The student's notes in that school's store, read as another process would."""
    key = load_store_key(data_dir, ask=lambda _request: TEST_PASSPHRASE)
    connection = connect(data_dir / file, key)
    try:
        rows = connection.execute(
            "SELECT body FROM conference_note WHERE student_id = ?", (student_id,)
        ).fetchall()
    finally:
        connection.close()
    return [str(body) for (body,) in rows]


def school_shown(window: MainWindow) -> str:
    assert window.schools is not None
    button = window.schools.button
    assert button.isVisible()
    assert button.text() in window.windowTitle()
    # Whole on the menu bar: the bar lays the button out again when its name changes (a
    # name that appeared at a sign-in was cut to the width of none).
    assert button.width() >= button.sizeHint().width()
    assert window.menuBar().rect().contains(button.geometry())
    return button.text()


def type_note(qtbot: QtBot, window: MainWindow, text: str) -> str:
    window.table.selectRow(2)
    student = window.panel.student_id
    assert student is not None
    qtbot.keyClicks(window.panel.note_edit, text)
    return student


def test_ctrl_shift_l_saves_the_half_typed_note_in_its_school_and_opens_the_other(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    typed_for: list[str] = []

    def in_north(window: MainWindow) -> None:
        assert school_shown(window) == "North Elementary"
        typed_for.append(type_note(qtbot, window, "Half-typed in North"))
        assert window.panel._autosave_timer.isActive()  # not saved yet: the switch saves it
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert not window.isVisible()

    def in_south(window: MainWindow) -> None:
        assert school_shown(window) == "South Middle"
        assert window.panel.note_edit.toPlainText() == ""

    assert run_app(qtbot, monkeypatch, data_dir, [in_north, in_south]) == 0
    [student] = typed_for
    assert notes(data_dir, SCHOOL_STORE, student) == ["Half-typed in North"]
    assert notes(data_dir, other_school_store(SOUTH), student) == []
    assert read_school_list(data_dir).shown == SOUTH  # the next start opens South


def test_file_school_switches_back_and_the_note_is_on_its_student_in_its_school(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    write_school_list(data_dir, read_school_list(data_dir).showing(SOUTH))
    typed_for: list[str] = []

    def choose(window: MainWindow, name: str) -> None:
        assert window.data_menu is not None and window.schools is not None
        file_menu = window.data_menu.menu
        assert window.schools.menu.menuAction() in file_menu.actions()  # File > School
        [action] = [a for a in window.schools.school_actions if a.text() == name]
        action.trigger()

    def in_south(window: MainWindow) -> None:
        assert school_shown(window) == "South Middle"
        assert window.schools is not None
        assert [a.text() for a in window.schools.school_actions if a.isChecked()] == [
            "South Middle"
        ]
        choose(window, "South Middle")  # the school showing: nothing happens
        assert window.isVisible()
        typed_for.append(type_note(qtbot, window, "Typed in South"))
        choose(window, "North Elementary")

    def in_north(window: MainWindow) -> None:
        assert school_shown(window) == "North Elementary"

    assert run_app(qtbot, monkeypatch, data_dir, [in_south, in_north]) == 0
    [student] = typed_for
    assert notes(data_dir, other_school_store(SOUTH), student) == ["Typed in South"]
    assert notes(data_dir, SCHOOL_STORE, student) == []


def test_a_note_that_cannot_be_saved_keeps_the_window_and_the_school(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """The switch closes the window as any close does: a note the store refuses (over its
    bound) is asked about, and Cancel keeps the teacher in the school, the note in its box."""
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        def warning(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
            asked.append(title)
            return button

        monkeypatch.setattr(QMessageBox, "warning", warning)

    def in_north(window: MainWindow) -> None:
        window.table.selectRow(2)
        window.panel.note_edit.setPlainText("x" * 200_001)
        answer(QMessageBox.StandardButton.Cancel)
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")
        assert asked == ["A note is not saved"]
        assert window.isVisible() and school_shown(window) == "North Elementary"
        assert len(window.panel.note_edit.toPlainText()) == 200_001
        answer(QMessageBox.StandardButton.Close)  # the teacher lets it go and quits

    assert run_app(qtbot, monkeypatch, data_dir, [in_north]) == 0
    assert read_school_list(data_dir).shown is None  # still the first school next time


def test_restarted_on_the_second_school_with_no_keyring_it_shows_at_once_and_works_offline(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    """No keyring: the sign-ins went with the last run. The app opens the school shown
    last, its roster at once from its store, the status saying sync waits for a sign-in
    in plain words; a note made there is kept there, offline."""
    data_dir = two_schools_folder(tmp_path / "data", demo_dataset)
    assert (data_dir / "store-key.json").read_text().count("passphrase")  # no keyring
    south = open_store(
        data_dir / other_school_store(SOUTH),
        load_store_key(data_dir, ask=lambda _r: TEST_PASSPHRASE),
    )
    Replica(south).remember_sign_in(  # signed in last run; the token went with it
        server_url="http://127.0.0.1:9", user="rivera", account_id="a-1", role="teacher"
    )
    south.close()
    write_school_list(data_dir, read_school_list(data_dir).showing(SOUTH))
    typed_for: list[str] = []

    def in_south(window: MainWindow) -> None:
        assert school_shown(window) == "South Middle"
        assert window.model.rowCount() > 0
        assert window.sync is not None
        status = window.sync.widget.label.text()
        assert status.startswith("Sign in to sync (this computer keeps no sign-in)")
        assert "keyring" not in status
        typed_for.append(type_note(qtbot, window, "Typed at South, offline"))
        Keyboard(qtbot).shortcut("Ctrl+Return")  # save, and on to the next student

    assert run_app(qtbot, monkeypatch, data_dir, [in_south]) == 0
    [student] = typed_for
    assert notes(data_dir, other_school_store(SOUTH), student) == ["Typed at South, offline"]
    assert notes(data_dir, SCHOOL_STORE, student) == []


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = district_server(tmp_path_factory.mktemp("two-schools-ui"))
    yield process
    process.stop()


def test_signing_in_on_the_real_server_offers_the_second_school_by_name(
    qtbot: QtBot, tmp_path: Path, district: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """A laptop of one school signs in as a teacher of two: the window then names the
    school showing and File > School lists the other, which syncs with its own token."""
    folder = tmp_path / "laptop"
    folder.mkdir()
    store, window, sync, switcher = schools_window(qtbot, folder)
    try:
        assert not switcher.button.isVisible()  # one school: its name is in the status bar
        dialog = sign_in_from(qtbot, window, district.url, USER, PASSWORD)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
        assert school_shown(window) == "Maple Elementary"
        assert [a.text() for a in switcher.school_actions] == [
            "Maple Elementary",
            "Pine Elementary",
        ]
        assert "Pine Elementary" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: sync.status.last_synced_at is not None, timeout=30_000)
        with qtbot.waitSignal(switcher.switch_requested) as switched:
            switcher.school_actions[1].trigger()
        assert switched.args == [PINE]
        assert not window.isVisible()
    finally:
        window.close()
        assert window.sync is not None
        window.sync.runner.wait(10_000)
        store.close()
    pine = open_store(folder / other_school_store(PINE))  # what the app opens next
    try:
        with SyncClient.from_keyring(pine) as client:
            client.sync()
        assert [r[0] for r in pine.connection.execute("SELECT name FROM school")] == [
            "Pine Elementary"
        ]
    finally:
        pine.close()


def test_a_second_school_refused_keeps_the_sign_in_dialog_open_saying_which(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The first school signs in; the dialog stays with the words naming the school that
    did not (the server's reason) until the teacher closes it."""

    def answer(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if request.get("school") == SECOND:
            return 403, {"detail": "this account does not teach in that school"}
        return two_schools(request)

    server = SignInServer(answer)
    folder = tmp_path / "laptop"
    folder.mkdir()
    store, window, sync, switcher = schools_window(qtbot, folder)
    try:
        dialog = sign_in_from(qtbot, window, server.url, "rivera", "the password")
        qtbot.waitUntil(lambda: "Not signed in to South Middle" in dialog.message, timeout=30_000)
        assert "this account does not teach in that school" in dialog.message
        assert dialog.isVisible()
        # Signed in to the first, whose name shows; the other stays listed, to try again.
        assert school_shown(window) == "North Elementary"
        assert [a.text() for a in switcher.school_actions] == ["North Elementary", "South Middle"]
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter closes it
        assert not dialog.isVisible()
        # The sync a sign-in starts fails here (this server answers sign-ins only).
        qtbot.waitUntil(lambda: not sync.running, timeout=30_000)
    finally:
        window.close()
        assert window.sync is not None
        window.sync.runner.wait(10_000)
        store.close()
        server.close()


def test_a_second_school_whose_copy_did_not_come_down_keeps_the_dialog_saying_so(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Both schools sign in (the keyring keeps both), but this server answers no sync: the
    dialog stays until the teacher has read that South's classes are not here yet."""
    server = SignInServer(two_schools)
    folder = tmp_path / "laptop"
    folder.mkdir()
    store = open_store(folder / SCHOOL_STORE)
    window, sync = laptop_window(store, folder / "settings.ini")
    window.attach_schools(SchoolSwitchPresenter(folder, store.path))
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.sync is not None
        window.sync.sign_in_action.trigger()
        dialog = window.sync.dialog
        assert dialog is not None
        dialog.url_edit.setText(server.url)
        dialog.user_edit.setText("rivera")
        dialog.password_edit.setText("the password")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Also signed in to South Middle" in dialog.message, timeout=30_000)
        assert "South Middle's classes are not on this laptop yet (they" in dialog.message
        assert dialog.message.endswith("(404: Not Found).")
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        assert not dialog.isVisible()
        qtbot.waitUntil(lambda: not sync.running, timeout=30_000)
    finally:
        window.close()
        assert window.sync is not None
        window.sync.runner.wait(10_000)
        store.close()
        server.close()


def test_a_school_named_with_an_ampersand_shows_it(
    qtbot: QtBot, tmp_path: Path, demo_store: Store
) -> None:
    write_school_list(
        tmp_path,
        SchoolList.of(
            [("a", "Maple & Oak"), ("b", "Saints Peter & Paul")], first_file=demo_store.path.name
        ),
    )
    window, _sync = laptop_window(demo_store, tmp_path / "settings.ini")
    qtbot.addWidget(window)
    switcher = window.attach_schools(SchoolSwitchPresenter(tmp_path, demo_store.path))
    window.show()
    assert switcher.button.text() == "Maple && Oak"  # shown as "Maple & Oak"
    assert [a.text() for a in switcher.school_actions] == ["Maple && Oak", "Saints Peter && Paul"]
    assert [a.iconText() for a in switcher.school_actions] == ["Maple & Oak", "Saints Peter & Paul"]


def test_each_school_opens_on_the_class_chosen_there(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """Each school has its own classes: a switch back finds the class left there, not the
    one chosen in the other school."""
    chosen: dict[str, str] = {}

    def choose_class(window: MainWindow, index: int) -> str:
        sections = window._presenter.sections
        window._presenter.select_section(sections[index].id)
        return sections[index].id

    def north_first(window: MainWindow) -> None:
        chosen["north"] = choose_class(window, 1)
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def south(window: MainWindow) -> None:
        chosen["south"] = choose_class(window, 2)
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def north_again(window: MainWindow) -> None:
        assert window._presenter.section_id == chosen["north"]
        Keyboard(qtbot).shortcut("Ctrl+Shift+L")

    def south_again(window: MainWindow) -> None:
        assert window._presenter.section_id == chosen["south"]

    assert (
        run_app(qtbot, monkeypatch, data_dir, [north_first, south, north_again, south_again]) == 0
    )
    assert chosen["north"] != chosen["south"]

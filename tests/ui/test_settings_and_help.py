"""Settings, Help, About, Quit and the sign-in dialog, driven by the keyboard: Enter does the
main action, Esc cancels, errors are in words a teacher can act on."""

from __future__ import annotations

import re
import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from classroom_desk import __version__
from classroom_desk.presenters.messages import plain, sign_in_failure_text
from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
from classroom_desk.presenters.roster import RosterFilter
from classroom_desk.presenters.sync_status import Session
from classroom_desk.store.database import Store
from classroom_desk.sync.client import OfflineError
from classroom_desk.ui.help_dialogs import AboutDialog, ShortcutsDialog
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.settings_dialog import SettingsDialog
from tests.sync.harness import MemoryKeyring
from tests.ui.keyboard import Keyboard
from tests.ui.shortcut_truth import missing_and_dead, shortcut_truth
from tests.ui.store_probe import StoreProbe
from tests.ui.test_principal_window import remember_account

TECHNICAL = re.compile(r"Error|Exception|Errno|Traceback|errno")


def dialog_of(window: MainWindow, kind: type) -> object:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_settings_change_the_targets_by_keyboard(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store
) -> None:
    window = full_window
    keys = Keyboard(qtbot)
    assert window.filter_buttons[RosterFilter.UNDER_MINUTES].text().startswith("Under 30 min")
    keys.shortcut("Ctrl+,")
    dialog = dialog_of(window, SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    assert dialog.time_zone_edit.isEnabled() and dialog.save_button.isVisible()
    assert "keeps its own school" in dialog.source_label.text()
    assert keys.focus() is dialog.first_day_combo
    keys.press(Qt.Key.Key_Tab)  # the time zone
    keys.press(Qt.Key.Key_Tab)  # minutes a week
    keys.shortcut("Ctrl+A")
    keys.type("45")
    keys.press(Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    [(minutes,)] = StoreProbe(demo_store.path)._rows("SELECT min_weekly_minutes FROM school")
    assert minutes == 45
    assert window._presenter.thresholds.min_weekly_minutes == 45
    assert window.filter_buttons[RosterFilter.UNDER_MINUTES].text().startswith("Under 45 min")

    keys.shortcut("Ctrl+,")
    dialog = dialog_of(window, SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    dialog.time_zone_edit.setText("Mars/Olympus_Mons")
    dialog.units_spin.setValue(3)
    dialog.time_zone_edit.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert dialog.isVisible()  # not saved: the error says why, in words
    assert "Mars/Olympus_Mons" in dialog.error and "not a time zone" in dialog.error
    assert not TECHNICAL.search(dialog.error)
    [(units,)] = StoreProbe(demo_store.path)._rows("SELECT weekly_units_target FROM school")
    assert units == 2  # nothing changed
    keys.press(Qt.Key.Key_Escape)  # Esc cancels
    assert not dialog.isVisible()
    assert window._presenter.thresholds.weekly_units_target == 2


def test_settings_from_a_school_server_are_read_only_and_say_where_they_come_from(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store
) -> None:
    with demo_store.transaction() as connection:
        connection.execute(
            "UPDATE sync_state SET server_url = 'https://school.example' WHERE id = 1"
        )
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+,")
    dialog = dialog_of(full_window, SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    assert "school server at https://school.example" in dialog.source_label.text()
    assert not any(field.isEnabled() for field in dialog.fields)
    assert not dialog.save_button.isVisible()
    keys.press(Qt.Key.Key_Return)  # Enter closes
    assert not dialog.isVisible()


def test_f1_lists_the_shortcuts_the_keys_really_have(qtbot: QtBot, full_window: MainWindow) -> None:
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_F1)
    dialog = dialog_of(full_window, ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)
    assert dialog.keys_for("Save and next student") == "Ctrl+Return or Ctrl+Enter"
    assert dialog.keys_for("Reassign the lowest unit") == "Ctrl+R"
    assert dialog.keys_for("Settings") == "Ctrl+,"
    assert dialog.keys_for("Keyboard shortcuts") == "F1"
    assert dialog.keys_for("Quit") == "Ctrl+Q"
    assert dialog.keys_for("Sync now") == "F5"
    words = [what for _, _, what in dialog.rows]
    assert len(words) == len(set(words)) >= 25
    keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert [a.text() for a in full_window.menuBar().actions()][-1] == "He&lp"


def test_about_says_the_version_and_where_the_data_is(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store
) -> None:
    full_window.about_action.trigger()
    dialog = dialog_of(full_window, AboutDialog)
    assert isinstance(dialog, AboutDialog)
    assert __version__ in dialog.findChild(type(dialog.paths["Data folder"]), "aboutTitle").text()
    assert dialog.paths["School data"].text() == str(demo_store.path)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_quit_saves_the_note_and_ends_the_app(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)
    student = full_window.panel.student_id
    assert student is not None
    keys.type("Typed before quitting")
    keys.shortcut("Ctrl+Q")
    assert quits == [True] and not full_window.isVisible()
    assert StoreProbe(demo_store.path).notes(student) == [("Typed before quitting", "")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sign_in_with_no_server_enter_signs_in_and_says_so_in_words(
    qtbot: QtBot, full_window: MainWindow, memory_keyring: object
) -> None:
    sync = full_window.sync
    assert sync is not None
    sync.sign_in_action.trigger()
    dialog = sync.dialog
    assert dialog is not None and dialog.isVisible()
    url = f"http://127.0.0.1:{free_port()}"
    dialog.url_edit.setText(url)
    dialog.user_edit.setText("rivera")
    dialog.password_edit.setFocus()
    qtbot.keyClicks(dialog.password_edit, "secret")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter signs in, not Cancel
    assert dialog.isVisible()
    assert dialog.password_edit.text() == ""  # not kept, even while it is tried
    qtbot.waitUntil(lambda: "Cannot reach" in dialog.message, timeout=30_000)
    message = dialog.message
    assert url in message and "try again" in message
    assert not TECHNICAL.search(message), message
    assert "sent later" not in message  # not signed in: nothing waits to be sent

    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    sync.sign_in_action.trigger()  # reopened: no old error, no old password
    assert dialog.isVisible()
    assert "Cannot reach" not in dialog.message
    assert dialog.password_edit.text() == ""
    dialog.reject()


def test_sign_in_messages_never_name_an_exception() -> None:
    offline = OfflineError(
        "Cannot reach the school server, so your changes are kept on this laptop and will "
        "be sent later (ConnectError: [Errno 111] Connection refused)."
    )
    text = sign_in_failure_text(offline, "http://10.0.0.5:8750")
    assert "http://10.0.0.5:8750" in text and not TECHNICAL.search(text)
    assert plain("Refused (ReadTimeout: timed out)") == "Refused (timed out)"
    assert not TECHNICAL.search(sign_in_failure_text(RuntimeError("boom"), "x"))
    assert not TECHNICAL.search(sign_in_failure_text(PermissionError(13, "denied"), "x"))


def test_the_shortcut_list_names_filters_without_their_counts(full_window: MainWindow) -> None:
    dialog = ShortcutsDialog(full_window.shortcut_groups(), full_window)
    assert dialog.keys_for("Below 80%") == "Ctrl+1"
    assert dialog.keys_for("Clear the filters") == "Ctrl+0"
    assert not any(what.endswith(")") and what[-2].isdigit() for _, _, what in dialog.rows)
    dialog.deleteLater()


def test_f1_on_the_roster_lists_every_key_that_works_there(
    qtbot: QtBot, demo_store: Store, full_window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    """Found from the keys: each key that reaches an action on a signed-in teacher's
    roster is on the list (Ctrl+Shift+H, the School view, too)."""
    window = full_window
    remember_account(window, demo_store, "teacher")
    assert window.sync is not None
    presenter = window.sync.presenter
    assert presenter.status.server_url is not None
    presenter.session = Session(presenter.status.server_url, "pat", "token")
    window.sync._render()
    window.table.setFocus()
    truth = shortcut_truth(qtbot, window)
    dialog = ShortcutsDialog(window.shortcut_groups(), window)
    missing, _dead = missing_and_dead(dialog, truth)
    assert missing == set()
    assert dialog.keys_for("School view") == "Ctrl+Shift+H"
    dialog.deleteLater()


def test_a_new_time_zone_saves_at_once_and_the_weekly_rollup_is_rebuilt_in_the_background(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store
) -> None:
    """The save commits the setting alone; the rollup's rebuild runs on the task runner,
    and the roster shown before it ends (computed) is the one read from it after."""
    window = full_window
    probe = StoreProbe(demo_store.path)
    rollup = window.attach_rollup(RollupRebuildService(demo_store.path))
    with qtbot.waitSignal(rollup.finished, timeout=60_000) as started:
        pass  # the demo store's first build, as at the app's start
    assert started.args == [True]
    assert probe._rows("SELECT COUNT(*) FROM weekly_rollup")[0][0] > 0

    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+,")
    dialog = dialog_of(window, SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    dialog.time_zone_edit.setText("Pacific/Auckland")
    dialog.time_zone_edit.setFocus()
    with qtbot.waitSignal(rollup.finished, timeout=60_000) as rebuilt:
        keys.press(Qt.Key.Key_Return)
        assert not dialog.isVisible()
        assert rollup.running  # the rows are the runner's work, not the save's
        shown = list(window._presenter.state.rows)
    assert rebuilt.args == [True]
    assert probe._rows("SELECT time_zone, rebuild_after FROM weekly_rollup_state") == [
        ("Pacific/Auckland", None)
    ]
    window._presenter.refresh_figures()
    assert list(window._presenter.state.rows) == shown

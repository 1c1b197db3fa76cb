"""A principal's or coach's main window is the School view: their laptop holds no raw
activity (the server keeps it), so the roster, its keys and the reports computed on the
laptop give way to the server's figures, and come back when the account may teach.

Every key is pressed where the focus is, as a principal would: the roster's keys (Alt+Left
for the previous week, Ctrl+1 for a filter, Ctrl+Enter for the next student) must not act
on the roster hidden behind the School view, and Esc must not close the page.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterFilter
from classroom_desk.presenters.school_view import Level
from classroom_desk.presenters.sync_status import Session
from classroom_desk.store.database import Store
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.main_window import MINIMUM_WIDTH, MainWindow
from classroom_desk.ui.school_view import SchoolViewWindow
from tests.sync.harness import MemoryKeyring, free_port
from tests.ui.keyboard import ALT, Keyboard
from tests.ui.shortcut_truth import keys_that_change_nothing, missing_and_dead, shortcut_truth
from tests.ui.test_school_view import WAIT_MS, keep_a_copy, wait_for_figures

FIRST_FILTER = next(iter(RosterFilter))


def remember_account(window: MainWindow, store: Store, role: str) -> None:
    """A laptop signed in before (the keyring holds no token here) to a closed port, as
    the app reads it when it starts."""
    Replica(store).remember_sign_in(
        server_url=f"http://127.0.0.1:{free_port()}",
        user="pat",
        account_id=f"{role}-1",
        role=role,
    )
    assert window.sync is not None
    window.sync.presenter.reload_status()


def role_learned(window: MainWindow, store: Store, role: str) -> None:
    """What a pull does when it carries the account's role: kept, then the status redrawn."""
    Replica(store).remember_role(role)
    assert window.sync is not None
    window.sync.presenter.reload_status()
    window.sync._render()


def school_page(window: MainWindow) -> SchoolViewWindow | None:
    assert window.sync is not None
    view = window.sync.school_view
    if view is None or window.pages.currentWidget() is not view:
        return None
    return view


@pytest.fixture
def principal_window(
    qtbot: QtBot, demo_store: Store, full_window: MainWindow, memory_keyring: MemoryKeyring
) -> SchoolViewWindow:
    remember_account(full_window, demo_store, "principal")
    today = full_window.school_today()
    keep_a_copy(demo_store, today.year, today.month, datetime.now(UTC) - timedelta(hours=3))
    assert full_window.sync is not None
    full_window.sync.start()
    view = school_page(full_window)
    assert view is not None and view.embedded
    wait_for_figures(qtbot, view)
    return view


def test_a_principals_window_opens_on_the_kept_figures_and_names_why_none_are_new(
    full_window: MainWindow, principal_window: SchoolViewWindow
) -> None:
    """No token on this laptop (no keyring after a restart): the kept copy shows, and the
    window says how to get new figures; it does not stop at a sign-in question."""
    view = principal_window
    assert view.freshness_label.text().startswith(
        "The school server gave no new figures (sign in again to fetch new ones)"
    )
    assert view.title_label.text() == "Maple Ridge Demo School: Reading by grade"
    assert full_window.sync is not None and full_window.sync.dialog is None
    # The reports computed on this laptop rest: it holds no activity to compute them from.
    menu = full_window.data_menu
    assert menu is not None
    assert not menu.skills_summary_action.isEnabled()
    assert not menu.class_chart_action.isEnabled()
    assert not menu.export_student_action.isEnabled()
    assert not full_window.status_label.isVisible()


def test_the_roster_keys_do_not_reach_the_roster_behind_the_school_view(
    qtbot: QtBot, full_window: MainWindow, principal_window: SchoolViewWindow
) -> None:
    view, window = principal_window, full_window
    keys = Keyboard(qtbot)
    window.activateWindow()
    view.view.setFocus()
    week, selected = window.week_label.text(), window.selected_student_id()
    keys.press(Qt.Key.Key_Return)  # the first grade
    assert view.presenter.level is Level.CLASSES
    keys.press(Qt.Key.Key_Left, ALT)  # the School view's back, not the previous week
    assert view.presenter.level is Level.GRADES
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Backspace)
    assert view.presenter.level is Level.GRADES
    for chord in ("Ctrl+1", "Ctrl+Return", "Ctrl+R", "Ctrl+G", "Ctrl+F"):
        keys.shortcut(chord)
    keys.press(Qt.Key.Key_Home, ALT)  # this week
    assert not window.filter_actions[FIRST_FILTER].isChecked()
    assert window.week_label.text() == week
    assert window.selected_student_id() == selected
    assert window.run is None
    keys.press(Qt.Key.Key_Escape)  # a page, not a dialog: it stays
    assert school_page(window) is view and view.isVisible()
    # F5 with no token on this laptop: the sign-in it needs, over the page.
    sync = window.sync
    assert sync is not None
    keys.press(Qt.Key.Key_F5)
    assert sync.dialog is not None and sync.dialog.isVisible()
    sync.dialog.close()
    assert school_page(window) is view
    # Signed in this session (the server is down): F5 syncs and asks the page again.
    presenter = sync.presenter
    assert presenter.status.server_url is not None
    presenter.session = Session(presenter.status.server_url, "pat", "token")
    presenter.sign_in_needed = False
    view.view.setFocus()
    keys.press(Qt.Key.Key_F5)
    assert view.freshness_label.text() == "Asking the school server…"
    wait_for_figures(qtbot, view)
    assert view.freshness_label.text().startswith("The school server gave no new figures")
    sync.runner.wait(WAIT_MS)


def test_the_window_follows_the_role_both_ways_and_keeps_a_note_typed_meanwhile(
    qtbot: QtBot, demo_store: Store, full_window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    """A teacher's laptop whose account becomes a coach (the pull says so) turns into the
    School view, and back into the roster when it may teach again: the roster's keys work
    again, and a note being typed when the role changed is still in its box."""
    window = full_window
    remember_account(window, demo_store, "teacher")
    assert window.sync is not None
    window.sync.start()
    assert school_page(window) is None
    keys = Keyboard(qtbot)
    window.table.setFocus()
    keys.press(Qt.Key.Key_Return)  # the first student
    student = window.panel.student_id
    assert student is not None
    keys.type("Counts on by tens")

    role_learned(window, demo_store, "coach")
    view = school_page(window)
    assert view is not None
    wait_for_figures(qtbot, view)
    keys.shortcut("Ctrl+1")
    assert not window.filter_actions[FIRST_FILTER].isChecked()
    menu = window.data_menu
    assert menu is not None and not menu.skills_summary_action.isEnabled()

    role_learned(window, demo_store, "teacher")
    assert school_page(window) is None and window.sync.school_view is None
    assert window.pages.currentWidget() is window.roster_page
    assert window.panel.student_id == student
    assert window.panel.note_edit.toPlainText() == "Counts on by tens"
    assert menu.skills_summary_action.isEnabled()
    assert window.status_label.isVisible()
    window.table.setFocus()
    keys.shortcut("Ctrl+1")
    assert window.filter_actions[FIRST_FILTER].isChecked()
    window.sync.runner.wait(WAIT_MS)


def test_the_school_view_opens_on_the_schools_today_not_the_laptops(
    demo_store: Store, full_window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    """At 03:00 UTC on December 1st it is still November 30th in the school (Chicago):
    the School view opens on November and offers the week of November 30th last."""
    full_window._presenter.now = lambda: datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    remember_account(full_window, demo_store, "principal")
    assert full_window.sync is not None
    full_window.sync.start()
    view = school_page(full_window)
    assert view is not None
    assert view.month_combo.currentText() == "November 2026"
    weeks = view.week_combo
    assert weeks.itemText(weeks.count() - 1) == "Week of Nov 30 to Dec 6, 2026"
    full_window.sync.runner.wait(WAIT_MS)


def other_windows(window: MainWindow) -> list[QWidget]:
    """The windows open beside ``window`` (dialogs, a chart), tooltips aside."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and w.windowType() != Qt.WindowType.ToolTip
    ]


@pytest.mark.parametrize("focus", ["schoolTable", "schoolMonthCombo", "syncNowButton"])
def test_f1_on_the_school_view_lists_the_keys_that_work_on_it(
    qtbot: QtBot, full_window: MainWindow, principal_window: SchoolViewWindow, focus: str
) -> None:
    """The list follows the page: on a principal's School view it names every key that
    acts there (the page's and the window's), wherever the keyboard is in the window (the
    status bar's Sync now button too), none of the roster's resting behind, and none that
    only shows the page already showing (Ctrl+Shift+H did)."""
    window, view = full_window, principal_window
    window.activateWindow()
    focused = window.findChild(QWidget, focus)
    assert focused is not None and focused.isVisible()
    focused.setFocus()
    truth = shortcut_truth(qtbot, window)
    assert school_page(window) is view and focused.hasFocus()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog.isVisible()
    missing, dead = missing_and_dead(dialog, truth)
    assert missing == set() and dead == set()
    assert dialog.keys_for("Back up one level") == "Backspace or Alt+Left"
    assert dialog.keys_for("Month by month") == "Ctrl+T"
    assert dialog.keys_for("Sync now") == "F5"
    assert dialog.keys_for("Previous week") is None
    keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    def at_a_class_with_the_focus_back() -> None:
        """Where every listed key can act: a grade opened (Back has a level to go up
        to), the year's trend off, no dialog open, the focus where it was."""
        for other in other_windows(window):
            other.close()
        view.trend_button.setChecked(False)
        while view.presenter.go_up():
            pass
        assert view.presenter.open_row(0)
        view._render()
        window.activateWindow()
        focused.setFocus()

    def what_shows() -> Hashable:
        return (
            window.pages.currentWidget(),
            view.presenter.crumbs(),
            view.trend_button.isChecked(),
            tuple(other_windows(window)),
        )

    # Quit closes the window: its own tests press it.
    listed = [keys_ for _, keys_, what in dialog.rows if keys_ != "Enter" and what != "Quit"]
    idle = keys_that_change_nothing(
        qtbot, listed, state=what_shows, before_each=at_a_class_with_the_focus_back
    )
    assert idle == set()
    # The rows that are no action's key do what they say too.
    enter = next(what for _, keys_, what in dialog.rows if keys_ == "Enter")
    assert enter == "Open the grade or class on the row"
    at_a_class_with_the_focus_back()
    view.go_up()
    view.view.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert view.presenter.level is Level.CLASSES
    assert window.sync is not None
    window.sync.runner.wait(WAIT_MS)


def test_a_principals_laptop_imports_nothing_into_the_servers_copy_until_it_may_teach(
    qtbot: QtBot,
    demo_store: Store,
    full_window: MainWindow,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A roster or activity imported on a principal's or coach's laptop would be written
    into the server's read-only copy, which the next sync fights: the imports and the
    undo rest, their keys do nothing and the menu says why; they come back with the
    roster when the account may teach again."""
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (asked.append("open") or "", "")
    )
    window = full_window
    remember_account(window, demo_store, "teacher")
    assert window.sync is not None
    window.sync.start()
    menu = window.data_menu
    assert menu is not None
    imports = (menu.import_roster_action, menu.undo_roster_action, menu.import_activity_action)
    teachers_tips = [action.toolTip() for action in imports]
    keys = Keyboard(qtbot)
    window.activateWindow()
    window.table.setFocus()
    keys.shortcut("Ctrl+Shift+O")
    assert asked == ["open"]  # a teacher's import asks for the package

    role_learned(window, demo_store, "principal")
    view = school_page(window)
    assert view is not None
    wait_for_figures(qtbot, view)
    view.view.setFocus()
    for chord in ("Ctrl+Shift+O", "Ctrl+I"):
        keys.shortcut(chord)
    assert asked == ["open"], "an import started on a principal's laptop"
    menu.menu.aboutToShow.emit()  # the menu opened: the undo is weighed again
    for action in imports:
        assert not action.isEnabled(), action.text()
        assert action.toolTip().startswith("Read only: this account's laptop keeps"), action.text()

    role_learned(window, demo_store, "teacher")
    assert school_page(window) is None
    assert menu.import_roster_action.isEnabled() and menu.import_activity_action.isEnabled()
    assert [action.toolTip() for action in imports] == teachers_tips
    window.table.setFocus()
    keys.shortcut("Ctrl+Shift+O")
    assert asked == ["open", "open"]
    window.sync.runner.wait(WAIT_MS)


def test_at_the_windows_narrowest_the_school_views_choices_show_whole(
    full_window: MainWindow, principal_window: SchoolViewWindow
) -> None:
    """At the window's minimum width the Month, Week and Area boxes and the buttons beside
    them keep the width their longest item needs, inside the page: the row wraps rather
    than squeezing them (the Week box cut off the year's last digit)."""
    window, view = full_window, principal_window
    window.resize(window.minimumWidth(), window.minimumHeight())
    QApplication.processEvents()
    assert window.width() == MINIMUM_WIDTH
    for widget in (
        view.month_combo,
        view.week_combo,
        view.area_combo,
        view.refresh_button,
        view.trend_button,
    ):
        name = widget.objectName()
        assert widget.isVisible(), name
        assert widget.width() >= widget.sizeHint().width(), name
        assert view.rect().contains(QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())), name

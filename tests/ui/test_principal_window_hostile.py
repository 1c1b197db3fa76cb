"""A principal's School view page, pressed as a hostile tester would: every window key
while the page shows, Tab through the page, the page asked for again while it shows, the
role flipping back with the focus inside it, and the page at the app's smallest size in
Spanish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from classroom_desk.demo import demo_id
from classroom_desk.presenters.plans import plan_presenters
from classroom_desk.presenters.school_view import Level
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MINIMUM_HEIGHT, MainWindow
from classroom_desk.ui.plan_menu import PlanMenu
from classroom_desk.ui.school_view import SchoolViewWindow
from tests.conftest import DEMO_NOW
from tests.sync.harness import MemoryKeyring
from tests.ui.keyboard import Keyboard
from tests.ui.test_principal_window import (
    other_windows,
    remember_account,
    role_learned,
    school_page,
)
from tests.ui.test_principal_window import principal_window as principal_window
from tests.ui.test_school_view import WAIT_MS, Gate, keep_a_copy, wait_for_figures
from tests.ui.test_school_view import gate as gate


@pytest.fixture
def plans(full_window: MainWindow, demo_store: Store) -> PlanMenu:
    """The Plan menu as the app attaches it, on a roster with one class chosen."""
    roster = full_window._presenter
    roster.select_section(demo_id("section", "math-7"))
    presenters = plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    full_window.plan_menu = PlanMenu(full_window, roster, presenters)
    return full_window.plan_menu


@pytest.mark.parametrize(
    "chord",
    [
        "Ctrl+Shift+G",  # Plan: groups for the roster's class and week
        "Ctrl+Shift+B",  # Plan: rotation board
        "Ctrl+Shift+T",  # Plan: tutoring
        "Ctrl+Shift+C",  # File: class chart
        "Ctrl+Shift+S",  # File: Skills Summary
        "Ctrl+Shift+E",  # File: student report
    ],
)
def test_no_key_opens_a_window_of_the_roster_hidden_behind_the_school_view(
    qtbot: QtBot,
    full_window: MainWindow,
    plans: PlanMenu,
    principal_window: SchoolViewWindow,
    chord: str,
) -> None:
    """The Plan menu's windows are for the roster's class and week, which a principal on
    the School view neither sees nor can choose: they rest with the roster."""
    window, view = full_window, principal_window
    window.activateWindow()
    view.view.setFocus()
    before = other_windows(window)
    Keyboard(qtbot).shortcut(chord)
    assert other_windows(window) == before
    assert window.statusBar().currentMessage() == ""
    assert school_page(window) is view


def test_tab_reaches_every_control_of_the_page_and_stays_on_it(
    qtbot: QtBot, full_window: MainWindow, principal_window: SchoolViewWindow
) -> None:
    window, view = full_window, principal_window
    window.activateWindow()
    view.view.setFocus()
    keys = Keyboard(qtbot)
    reached = set()
    for _ in range(40):
        keys.press(Qt.Key.Key_Tab)
        reached.add(keys.focus())
    wanted = {
        view.view,
        view.month_combo,
        view.week_combo,
        view.area_combo,
        view.trend_button,
    }
    assert wanted <= reached
    hidden = [w for w in reached if not w.isVisible()]
    assert hidden == []


def test_asking_for_the_school_view_again_keeps_one_page_and_the_focus(
    qtbot: QtBot, full_window: MainWindow, principal_window: SchoolViewWindow
) -> None:
    """Ctrl+Shift+H (it rests) and F5 (it asks again) while the page shows: the same
    page, not a second one in the stack, and the control the principal was on keeps the
    keyboard."""
    window, view = full_window, principal_window
    window.activateWindow()
    view.week_combo.setFocus()
    pages = window.pages.count()
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+Shift+H")
    keys.press(Qt.Key.Key_F5)
    assert window.pages.count() == pages
    assert school_page(window) is view
    assert QApplication.focusWidget() is view.week_combo


def test_the_roster_gets_the_keyboard_back_when_the_role_flips_with_the_focus_on_the_page(
    qtbot: QtBot,
    demo_store: Store,
    full_window: MainWindow,
    principal_window: SchoolViewWindow,
) -> None:
    window, view = full_window, principal_window
    window.activateWindow()
    view.view.setFocus()
    role_learned(window, demo_store, "teacher")
    assert window.pages.currentWidget() is window.roster_page
    focus = QApplication.focusWidget()
    assert focus is not None and window.roster_page.isAncestorOf(focus)
    Keyboard(qtbot).shortcut("Ctrl+1")
    assert next(iter(window.filter_actions.values())).isChecked()
    assert window.sync is not None
    window.sync.runner.wait(WAIT_MS)


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_the_page_fits_the_smallest_screen_in_spanish(
    spanish: None,
    qtbot: QtBot,
    demo_store: Store,
    full_window: MainWindow,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    size: tuple[int, int],
    request: pytest.FixtureRequest,
) -> None:
    view: SchoolViewWindow = request.getfixturevalue("principal_window")
    window = full_window
    width, height = size
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=WAIT_MS)
    view.week_combo.setCurrentIndex(view.week_combo.count() - 1)
    view.week_combo.activated.emit(view.week_combo.currentIndex())
    wait_for_figures(qtbot, view)
    window.grab().save(str(tmp_path / f"principal-es-{width}x{height}.png"))
    assert window.minimumSizeHint().width() <= width
    assert window.width() == width and window.height() <= max(height, MINIMUM_HEIGHT)
    for control in (
        view.month_combo,
        view.week_combo,
        view.area_combo,
        view.refresh_button,
        view.trend_button,
        view.export_pdf_button,
    ):
        right = control.mapTo(window, control.rect().topRight()).x()
        assert control.isVisible() and right <= width, control.objectName()


def test_the_page_has_the_keyboard_as_it_comes(
    qtbot: QtBot, demo_store: Store, full_window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    """A teacher's window whose account turns principal with the roster's table focused:
    the table of the School view takes the keys, so Enter opens the first grade."""
    window = full_window
    remember_account(window, demo_store, "teacher")
    assert window.sync is not None
    window.sync.start()
    window.table.setFocus()
    role_learned(window, demo_store, "principal")
    view = school_page(window)
    assert view is not None
    wait_for_figures(qtbot, view)
    assert QApplication.focusWidget() is view.view
    window.sync.runner.wait(WAIT_MS)


def test_answers_of_a_page_replaced_mid_fetch_reach_only_the_new_page(
    qtbot: QtBot,
    demo_store: Store,
    full_window: MainWindow,
    memory_keyring: MemoryKeyring,
    gate: Gate,
) -> None:
    """The role flips to teacher and back while the page's first fetch waits on a slow
    server: the first page's late answer draws nowhere, the new page shows its figures,
    and the window holds the roster and that one page."""
    window = full_window
    remember_account(window, demo_store, "principal")
    today = window.school_today()
    keep_a_copy(demo_store, today.year, today.month, datetime.now(UTC) - timedelta(hours=3))
    gate.open.clear()
    assert window.sync is not None
    window.sync.start()
    first = school_page(window)
    assert first is not None
    role_learned(window, demo_store, "teacher")
    assert window.pages.currentWidget() is window.roster_page
    role_learned(window, demo_store, "principal")
    second = school_page(window)
    assert second is not None and second is not first
    gate.open.set()
    wait_for_figures(qtbot, second)
    window.sync.runner.wait(WAIT_MS)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert second.title_label.text() == "Maple Ridge Demo School: Reading by grade"
    assert window.pages.count() == 2
    menu = window.data_menu
    assert menu is not None and not menu.skills_summary_action.isEnabled()


def test_the_roster_reloading_behind_the_page_neither_takes_the_keys_nor_wakes_an_action(
    full_window: MainWindow, plans: PlanMenu, principal_window: SchoolViewWindow
) -> None:
    """A sync's reload of the school while a principal is choosing a week: the keys stay in
    the week's box, and the roster's and the laptop's reports stay asleep, the File menu
    opened too."""
    window, view = full_window, principal_window
    window.activateWindow()
    view.week_combo.setFocus()
    window.reload_school(keep_list=True)
    window._on_sync_status_changed("")
    menu = window.data_menu
    assert menu is not None
    menu.menu.aboutToShow.emit()
    assert QApplication.focusWidget() is view.week_combo
    assert school_page(window) is view
    assert not any(
        action.isEnabled()
        for action in (
            menu.class_chart_action,
            menu.skills_summary_action,
            menu.export_student_action,
            plans.groups_action,
            plans.board_action,
            plans.tutoring_action,
            window.reassign_lowest_action,
            window.goal_action,
            window.bulk_reassign_action,
        )
    )


def test_no_activity_is_imported_into_a_laptop_that_holds_none(
    qtbot: QtBot,
    demo_store: Store,
    full_window: MainWindow,
    principal_window: SchoolViewWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+I on the School view: a principal's laptop holds no raw activity, and nothing
    on it would show an imported export; not even once a roster import ends. A teacher's
    laptop imports again."""
    window, view = full_window, principal_window
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a) or ("", ""))
    window.activateWindow()
    view.view.setFocus()
    Keyboard(qtbot).shortcut("Ctrl+I")
    assert asked == []
    menu = window.data_menu
    assert menu is not None
    menu._set_importing(True)
    menu._set_importing(False)  # a roster import ended
    assert not menu.import_activity_action.isEnabled()
    role_learned(window, demo_store, "teacher")
    assert menu.import_activity_action.isEnabled()
    assert window.sync is not None
    window.sync.runner.wait(WAIT_MS)


def test_a_page_left_open_into_a_new_month_offers_it_when_asked_again(
    qtbot: QtBot, demo_store: Store, full_window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    """Opened on Saturday November 28th and left open (the page stays) to Tuesday
    December 1st: asked for again (F5), it offers December and its week, as a School view
    opened that day would."""
    window = full_window
    now = {"at": datetime(2026, 11, 28, 18, tzinfo=UTC)}
    window._presenter.now = lambda: now["at"]
    remember_account(window, demo_store, "principal")
    assert window.sync is not None
    window.sync.start()
    view = school_page(window)
    assert view is not None
    wait_for_figures(qtbot, view)
    assert view.month_combo.currentText() == "November 2026"
    now["at"] = datetime(2026, 12, 1, 18, tzinfo=UTC)
    window.activateWindow()
    view.view.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_F5)
    assert school_page(window) is view
    assert view.month_combo.itemText(0) == "December 2026"
    assert view.month_combo.currentText() == "November 2026"  # the month being read stays
    view.month_combo.setCurrentIndex(0)
    view.month_combo.activated.emit(0)
    weeks = view.week_combo
    assert weeks.itemText(weeks.count() - 1) == "Week of Nov 30 to Dec 6, 2026"
    wait_for_figures(qtbot, view)
    window.sync.runner.wait(WAIT_MS)


def test_enter_presses_the_page_button_that_has_the_keyboard_and_no_other(
    qtbot: QtBot,
    full_window: MainWindow,
    principal_window: SchoolViewWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tab to a button, Enter: it is pressed, as Space presses it (a principal who tabs to
    Back and presses Enter stayed in the grade). Enter on the table opens the row only."""
    window, view = full_window, principal_window
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _parent, title, *a, **k: asked.append(title) or ("", ""),
    )
    window.activateWindow()
    keys = Keyboard(qtbot)
    view.view.setFocus()
    keys.press(Qt.Key.Key_Return)  # the first grade
    assert view.presenter.level is Level.CLASSES and asked == [] and not view._fetching
    view.up_button.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert view.presenter.level is Level.GRADES
    view.export_csv_button.setFocus()
    keys.press(Qt.Key.Key_Enter)
    view.export_pdf_button.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert asked == ["Export this table as CSV", "Export this table as PDF"]
    view.trend_button.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert view.trend_button.isChecked()
    wait_for_figures(qtbot, view)
    view.refresh_button.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert view.freshness_label.text() == "Asking the school server…"
    wait_for_figures(qtbot, view)
    view.view.setFocus()  # the buttons pressed before stay unpressed by the table's Enter
    keys.press(Qt.Key.Key_Return)
    assert view.trend_button.isChecked() and len(asked) == 2 and not view._fetching
    assert window.sync is not None
    window.sync.runner.wait(WAIT_MS)


def test_a_grades_classes_say_which_grade_on_screen_and_in_the_export(
    qtbot: QtBot,
    full_window: MainWindow,
    principal_window: SchoolViewWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enter on a grade: the table of its classes (and the PDF drawn from its title and
    subtitle, and the file it is offered as) names that grade; it said "every class by
    grade" of the whole school, and grade 4's PDF was offered the file name of grade 10's."""
    window, view = full_window, principal_window
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _parent, _title, path, *a, **k: offered.append(Path(path).name) or ("", ""),
    )
    window.activateWindow()
    keys = Keyboard(qtbot)
    grades = ["4", "10"]
    for row, grade in enumerate(grades):
        view.view.setFocus()
        view.view.setCurrentIndex(view.model.index(row, 0))
        keys.press(Qt.Key.Key_Return)
        assert view.presenter.level is Level.CLASSES and view.presenter.grade == grade
        assert view.title_label.text().endswith(f"Grade {grade}")
        assert "every class" not in view.subtitle_label.text()
        assert f"Grade {grade}" in view.subtitle_label.text()
        view.export_pdf_button.click()
        keys.press(Qt.Key.Key_Backspace)
    assert len(offered) == len(set(offered)) == len(grades)
    assert all("Grade" in name for name in offered)


def test_month_by_month_asked_while_a_fetch_runs_rests_the_week_at_once(
    qtbot: QtBot, full_window: MainWindow, principal_window: SchoolViewWindow, gate: Gate
) -> None:
    """Ctrl+T while a slow server still answers the month: the Week box rests at once (it
    stayed open, though no week is asked month by month, until that answer came), and
    comes back with Ctrl+T again, whatever the server is doing."""
    window, view = full_window, principal_window
    window.activateWindow()
    view.view.setFocus()
    gate.open.clear()
    keys = Keyboard(qtbot)
    view.refresh_button.click()
    assert view._fetching
    view.view.setFocus()
    keys.shortcut("Ctrl+T")
    assert view.trend_button.isChecked() and not view.week_combo.isEnabled()
    keys.shortcut("Ctrl+T")
    assert view.week_combo.isEnabled()
    gate.open.set()
    wait_for_figures(qtbot, view)
    assert not view.trend_button.isChecked() and view.week_combo.isEnabled()
    assert window.sync is not None
    window.sync.runner.wait(WAIT_MS)

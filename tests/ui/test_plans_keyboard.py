"""A teacher plans centers by keyboard only: accepts this week's suggested groups for a
class of 31, moves a student, starts and advances the rotation, shows the projector
(nothing private on it), and logs a tutoring session for 4 students. Inputs counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from classroom_desk.demo import demo_id
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.presenters.plans import plan_presenters
from classroom_desk.presenters.reports import ReportService
from classroom_desk.store.database import Store
from classroom_desk.store.plan_actions import PlanActions
from classroom_desk.store.teacher_actions import ensure_device
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.plan_menu import PlanMenu
from classroom_desk.ui.translation import install_language
from tests.conftest import DEMO_NOW
from tests.ui.keyboard import ALT, CTRL, Keyboard

MATH_7 = demo_id("section", "math-7")


@pytest.fixture
def plans(window: MainWindow, demo_store: Store) -> PlanMenu:
    roster = window._presenter
    roster.select_section(MATH_7)
    presenters = plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    # As the app has it: the window closes the plan windows when it closes.
    window.plan_menu = PlanMenu(window, roster, presenters)
    return window.plan_menu


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The window that had the keys before is active again (the platform's job)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window or window.isActiveWindow())


def test_groups_rotation_and_tutoring_by_keyboard(
    qtbot: QtBot, window: MainWindow, plans: PlanMenu, demo_store: Store
) -> None:
    db = demo_store.connection
    assert len(window._presenter.state.rows) == 31
    kb = Keyboard(qtbot)

    # Groups: open on the roster's class and week, accept the suggestions.
    kb.shortcut("Ctrl+Shift+G")
    groups = plans.groups_window
    assert groups is not None
    qtbot.waitUntil(groups.isActiveWindow)
    kb.shortcut("Ctrl+Return")
    assert kb.events <= 5, "accepting groups for 31 takes at most 5 inputs"
    presenter = plans._presenters.groups
    assert presenter.mode == "saved"
    saved = db.execute(
        "SELECT COUNT(*) FROM student_group WHERE section_id = ? AND status = 'active'", (MATH_7,)
    ).fetchone()[0]
    assert saved == len(presenter.groups) >= 3
    placed = db.execute(
        "SELECT COUNT(*) FROM group_member WHERE section_id = ? AND group_id IS NOT NULL",
        (MATH_7,),
    ).fetchone()[0]
    assert placed == sum(len(g.student_ids) for g in presenter.groups)

    # Move the first student of the first group to the next group, and accept.
    moved = presenter.groups[0].student_ids[0]
    assert groups.columns[0].students.hasFocus()
    kb.press(Qt.Key.Key_Right, ALT)
    assert presenter.group_of(moved) == 1 and presenter.mode == "edited"
    kb.shortcut("Ctrl+Return")
    group_1 = presenter.groups[1].group_id
    assert db.execute(
        "SELECT group_id FROM group_member WHERE student_id = ? AND section_id = ?",
        (moved, MATH_7),
    ).fetchone() == (group_1,)

    # The rotation board: start the first round, move everyone on.
    kb.press(Qt.Key.Key_Escape)
    back_to(qtbot, window)
    kb.shortcut("Ctrl+Shift+B")
    board = plans.board_window
    assert board is not None
    qtbot.waitUntil(board.isActiveWindow)
    before = kb.events
    kb.press(Qt.Key.Key_Space)
    kb.press(Qt.Key.Key_N)
    assert kb.events - before == 2
    rotation = plans._presenters.rotation
    assert rotation.progress.round_number == 1
    assert "Round 2 of 4" in board.board.round_label.text()
    stored = db.execute("SELECT progress FROM rotation WHERE section_id = ?", (MATH_7,))
    assert '"round": 1' in stored.fetchone()[0]

    # The projector: first names and last initials, no score, no full family name.
    kb.press(Qt.Key.Key_F5)
    projector = board.projector
    assert projector is not None and projector.isFullScreen()
    qtbot.waitUntil(projector.isActiveWindow)
    shown = " ".join(projector.board.texts())
    assert "%" not in shown
    family_names = {row.name.split(" ", 1)[1] for row in window._presenter.state.rows}
    for family in family_names:
        assert not re.search(rf"\b{re.escape(family)}\b", shown), family
    for row in window._presenter.state.rows:
        assert str(row.figures.minutes) + " min" not in shown
    assert re.search(r"\b[A-Z][a-z]+ [A-Z]\.", shown)
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(board.isActiveWindow)
    assert board.projector is None
    kb.press(Qt.Key.Key_Escape)
    back_to(qtbot, window)

    # Tutoring: a group of 4 with its tutor (made before class); one student is absent.
    students = [row.student_id for row in window._presenter.state.rows][:4]
    actions = PlanActions(demo_store, ensure_device(demo_store))
    tutor = actions.save_tutor(section_id=MATH_7, name="Ms. Ade", role="paraprofessional")
    tutoring_group = actions.save_tutoring_group(
        section_id=MATH_7,
        content_area_id="math",
        name="Fractions boost",
        tutor_id=tutor,
        schedule=Schedule.of([DEMO_NOW.weekday()], "10:30"),
        plan=Plan(3, 30),
        members=students,
    )
    before = kb.events
    kb.shortcut("Ctrl+Shift+T")
    tutoring = plans.tutoring_window
    assert tutoring is not None
    qtbot.waitUntil(tutoring.isActiveWindow)
    assert tutoring.note.hasFocus()
    kb.press(Qt.Key.Key_3, ALT)  # the third student did not come
    kb.type("Worked on equivalent fractions with strips")
    kb.press(Qt.Key.Key_Return, CTRL)
    assert kb.events - before - kb.text_events <= 6, "at most 6 inputs beyond the note"
    row = db.execute("SELECT group_id, minutes, attendees, note FROM tutoring_session").fetchone()
    assert row[0] == tutoring_group and row[1] == 30
    assert row[3] == "Worked on equivalent fractions with strips"
    came = set(re.findall(r'"([^"]+)"', row[2]))
    tutoring_presenter = plans._presenters.tutoring
    third = tutoring_presenter.members(tutoring_presenter.groups[0])[2]
    assert came == set(students) - {third} and len(came) == 3
    assert "3 came" in tutoring.message.text()
    # The roster's Tutoring column now counts the session for those who came.
    window._presenter.refresh_figures()


def test_the_groups_and_tutoring_report_is_exported_from_the_plan_menu(
    qtbot: QtBot, window: MainWindow, demo_store: Store, tmp_path: Path
) -> None:
    roster = window._presenter
    roster.select_section(MATH_7)
    presenters = plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    menu = PlanMenu(window, roster, presenters, ReportService(demo_store.path))
    groups = menu.open_groups()
    assert groups is not None
    groups.accept_button.click()
    target = tmp_path / "groups.csv"
    menu.export_report(target)
    qtbot.waitUntil(lambda: not menu.runner.busy and target.exists(), timeout=20_000)
    text = target.read_bytes().decode("utf-8-sig")
    for group in presenters.groups.groups:
        assert group.reason in text
    assert "Exported" in window.statusBar().currentMessage()


def test_the_shortcut_list_has_the_plan_menu(window: MainWindow, plans: PlanMenu) -> None:
    from classroom_desk.ui.help_dialogs import ShortcutsDialog

    window.plan_menu = plans  # as the app installs it
    dialog = ShortcutsDialog(window.shortcut_groups(), window)
    assert dialog.keys_for("Groups for this week") == "Ctrl+Shift+G"
    assert dialog.keys_for("Rotation board") == "Ctrl+Shift+B"
    assert dialog.keys_for("Tutoring") == "Ctrl+Shift+T"
    dialog.deleteLater()


def test_the_tutoring_log_offers_no_day_before_there_is_a_group(
    qtbot: QtBot, window: MainWindow, plans: PlanMenu, demo_store: Store
) -> None:
    """With no tutoring group the log's fields are off (the day read "Sat Jan 1", 2000's
    first day, as if it could be chosen); once a session starts the day is today."""
    Keyboard(qtbot).shortcut("Ctrl+Shift+T")
    tutoring = plans.tutoring_window
    assert tutoring is not None
    qtbot.waitUntil(tutoring.isVisible)
    assert not plans._presenters.tutoring.groups
    assert not tutoring.day.isEnabled()
    assert not tutoring.group_combo.isEnabled()
    assert not tutoring.save_button.isEnabled()
    assert "Make a tutoring group first" in tutoring.message.text()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_projector_shows_every_station_whole_on_any_screen(
    qtbot: QtBot, window: MainWindow, plans: PlanMenu, language: str
) -> None:
    """The projector's text is as large as the screen allows and never cuts a group: a
    netbook's 1024x600 gets smaller text than a 1920x1080 projector, and each shows every
    station's groups and names whole (Spanish words are longer)."""
    assert install_language(language) == language
    try:
        assert plans.open_groups() is not None
        assert plans._presenters.groups.accept()
        board = plans.open_board()
        assert board is not None
        projector = board.show_projector()
        projector.showNormal()
        text_sizes = {}
        for width, height in ((1920, 1080), (1024, 600), (800, 480)):
            projector.resize(width, height)
            qtbot.waitUntil(lambda w=width, h=height: projector.size().toTuple() == (w, h))
            assert projector.board.fits(), (width, height)
            text_sizes[width] = projector.board.clock.font().pointSizeF()
        assert text_sizes[800] <= text_sizes[1024] < text_sizes[1920]
        projector.close()
        # Closed here, not left to the window's deletion: its 1 s ticker redraws from the
        # store, which the fixtures close first (on a busy machine it fired in between).
        board.close()
    finally:
        install_language("en")


def test_a_principal_sees_the_plans_and_changes_none_of_them(
    qtbot: QtBot, window: MainWindow, plans: PlanMenu, demo_store: Store
) -> None:
    """Each Plan window says it is read only and offers no Accept, Stations, Reset, new
    group or Log; the keys that would change something say why, and nothing is written."""
    Replica(demo_store).remember_sign_in(
        server_url="https://school.example.org", user="pat", account_id="p", role="principal"
    )
    outbox = demo_store.connection.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    kb = Keyboard(qtbot)
    kb.shortcut("Ctrl+Shift+G")
    groups = plans.groups_window
    assert groups is not None
    qtbot.waitUntil(groups.isActiveWindow)
    assert groups.read_only.isVisible() and not groups.accept_button.isVisible()
    kb.shortcut("Ctrl+Return")
    assert "cannot change them" in groups.error.text()
    kb.press(Qt.Key.Key_Escape)
    back_to(qtbot, window)

    kb.shortcut("Ctrl+Shift+B")
    board = plans.board_window
    assert board is not None
    qtbot.waitUntil(board.isActiveWindow)
    assert board.read_only.isVisible()
    assert not board.setup_button.isVisible() and not board.reset_button.isVisible()
    kb.press(Qt.Key.Key_Space)
    assert "cannot change them" in board.error.text()
    kb.press(Qt.Key.Key_Escape)
    back_to(qtbot, window)

    tutoring = plans.open_tutoring()
    assert tutoring is not None
    assert tutoring.read_only.isVisible()
    assert not tutoring.new_group_button.isVisible() and not tutoring.save_button.isVisible()
    assert not tutoring.note.isEnabled() and not tutoring.attendees.isEnabled()
    assert demo_store.connection.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == outbox


def test_closing_the_main_window_closes_the_plan_windows_and_stops_the_board(
    qtbot: QtBot, window: MainWindow, plans: PlanMenu
) -> None:
    """The rotation board redraws every second from the store: once the main window is
    closed (the app quits, or opens another school's store) it must read no more."""
    board, groups, tutoring = plans.open_board(), plans.open_groups(), plans.open_tutoring()
    assert board is not None and groups is not None and tutoring is not None
    projector = board.show_projector()
    assert board.ticker.isActive()
    window.close()
    assert not board.ticker.isActive()
    assert not any(w.isVisible() for w in (board, groups, tutoring, projector))

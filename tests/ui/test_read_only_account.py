"""A principal's or a coach's laptop, driven with a teacher's keys: nothing typed or pressed
changes a record, the screen says why, and signing in again as a teacher gives it all back.

Before the laptop kept the role, a principal could type a note that looked saved and was
refused by the server at the next sync.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.domain.roles import READ_ONLY_ROLES
from classroom_desk.presenters.student_panel import SaveState, UnitState
from classroom_desk.presenters.sync_status import READ_ONLY_SHORT, SyncStatusPresenter
from classroom_desk.store.database import Store
from classroom_desk.sync.client import read_status
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.keyboard import Keyboard

CHANGED_TABLES = ("conference_note", "reassignment_event", "goal", "celebration", "outbox")


def sign_in_as(store: Store, role: str, account: str = "account-1") -> None:
    """What a sign-in leaves in the store (the server's answer carries the role)."""
    Replica(store).remember_sign_in(
        server_url="https://school.example.org", user="pat", account_id=account, role=role
    )


def counts(store: Store) -> dict[str, int]:
    return {
        table: store.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in CHANGED_TABLES
    }


def open_a_student_with_units_to_reassign(keys: Keyboard, window: MainWindow) -> None:
    keys.shortcut("Ctrl+4")  # the "To reassign" filter
    keys.press(Qt.Key.Key_Return)
    assert window.panel.student_id is not None
    assert any(u.state is UnitState.TO_REASSIGN for u in window._panel_presenter.units)


def reassign_buttons_shown(window: MainWindow) -> int:
    return sum(
        row.reassign_button.isVisibleTo(window.panel)
        for row in window.panel.unit_rows
        if row.isVisibleTo(window.panel)
    )


@pytest.mark.parametrize("role", sorted(READ_ONLY_ROLES))
def test_a_read_only_account_changes_nothing_from_the_keyboard_and_says_why(
    qtbot: QtBot, open_window: WindowFactory, demo_store: Store, role: str
) -> None:
    sign_in_as(demo_store, role)
    window = open_window()
    before = counts(demo_store)
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    panel = window.panel
    first = panel.student_id

    assert keys.focus() is panel.note_edit  # the walk works as on a teacher's laptop
    keys.type("a principal's words")
    keys.shortcut("Alt+1")  # a tag
    keys.shortcut("Ctrl+R")  # reassign the lowest
    # Checked before the key: on a teacher's laptop it opens a question that waits.
    assert not window.bulk_reassign_action.isEnabled()
    keys.shortcut("Ctrl+Shift+R")  # reassign all shown
    keys.shortcut("Ctrl+G")  # the goal editor
    assert panel.note_edit.toPlainText() == ""
    assert panel.note_edit.placeholderText().startswith("Read only")
    assert not panel.note_tags.isVisibleTo(panel)
    assert not panel.goal_editor.isVisibleTo(panel)
    assert reassign_buttons_shown(window) == 0
    states = [row.state.text() for row in panel.unit_rows if row.state.isVisibleTo(panel)]
    assert "To reassign" in states  # what a teacher would do is still shown
    assert not any(
        row.drop_button.isVisibleTo(panel) or row.celebrate_button.isVisibleTo(panel)
        for row in panel.goal_rows
    )
    assert not window.bulk_reassign_button.isVisibleTo(window)

    keys.shortcut("Ctrl+Return")  # save and next: the walk goes on
    assert panel.student_id not in (None, first)
    window.close()
    assert counts(demo_store) == before


def test_signing_in_again_as_a_teacher_gives_the_changes_back_at_once(
    qtbot: QtBot, open_window: WindowFactory, demo_store: Store
) -> None:
    sign_in_as(demo_store, "principal")
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    assert keys.focus() is window.panel.note_edit  # read only, but it has the keyboard
    assert reassign_buttons_shown(window) == 0

    sign_in_as(demo_store, "teacher")
    window._on_sync_status_changed("")  # what the status line's change after a sign-in does
    assert reassign_buttons_shown(window) > 0
    assert window.panel.goal_editor.isVisibleTo(window.panel)
    assert not window.panel.note_edit.isReadOnly()
    before = counts(demo_store)["reassignment_event"]
    keys.shortcut("Ctrl+R")
    assert counts(demo_store)["reassignment_event"] == before + 1


def test_a_role_that_turns_read_only_mid_conference_hides_the_changes_and_keeps_the_note(
    qtbot: QtBot, open_window: WindowFactory, demo_store: Store
) -> None:
    """The pull says the account is now a coach while a note is typed: the buttons go at
    once, the note that can no longer be saved stays in its student's box, and comes
    back when the student is opened again (then saved, once the role allows it)."""
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    first = window.panel.student_id
    keys.shortcut("Ctrl+R")  # a step to undo, made as a teacher
    keys.type("Reads the graph well")
    Replica(demo_store).remember_role("coach")
    window._on_sync_status_changed("")
    assert reassign_buttons_shown(window) == 0
    assert not window.undo_action.isEnabled()
    with pytest.raises(ValueError, match="cannot change them"):
        window._panel_presenter.undo_last()
    assert len(window._panel_presenter.undo_steps) == 1  # refused, not dropped

    keys.shortcut("Ctrl+Return")
    assert window.panel.student_id == first  # the note is not saved: the panel stays
    window.table.setFocus()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert window.panel.student_id not in (None, first)
    assert window.panel.note_edit.toPlainText() == ""
    assert counts(demo_store)["conference_note"] == 0

    Replica(demo_store).remember_role("teacher")
    window._on_sync_status_changed("")
    window.table.setFocus()
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_Return)
    assert window.panel.student_id == first
    assert window.panel.note_edit.toPlainText() == "Reads the graph well"
    assert window.panel.flush() is SaveState.SAVED
    assert counts(demo_store)["conference_note"] == 1


def test_the_status_line_names_the_read_only_role(demo_store: Store) -> None:
    assert set(READ_ONLY_SHORT) == READ_ONLY_ROLES  # every such role has its words
    status = SyncStatusPresenter(
        store_path=demo_store.path, read_status=lambda: read_status(demo_store)
    )
    assert "Read only" not in status.text()
    sign_in_as(demo_store, "coach")
    status.reload_status()
    assert "Read only: a coach's laptop" in status.text()
    assert "made by the class's teachers" in status.detail()


def test_the_status_line_never_says_signed_in_and_not_signed_in_at_once(
    demo_store: Store,
) -> None:
    """A principal's laptop with no keyring after a restart is not signed in: the line
    says so, and names whose laptop it is without claiming a sign-in."""
    sign_in_as(demo_store, "principal")
    status = SyncStatusPresenter(
        store_path=demo_store.path,
        read_status=lambda: read_status(demo_store),
        keyring_available=lambda: False,
    )
    text = status.text()
    assert text.startswith("Sign in to sync (this computer keeps no sign-in) · ")
    assert "Read only: a principal's laptop" in text
    assert "signed in as" not in text


def test_closing_with_a_note_that_cannot_be_saved_asks_first(
    qtbot: QtBot,
    open_window: WindowFactory,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Closing would lose the note: the teacher is asked, and Cancel keeps the window and
    the note; only Close closes."""
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    keys.type("Wants to try fractions again")
    Replica(demo_store).remember_role("coach")
    asked: list[str] = []

    def answer_with(button: QMessageBox.StandardButton) -> None:
        def warning(_parent: object, _title: str, text: str, *_rest: object) -> object:
            asked.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "warning", warning)

    answer_with(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()
    assert window.panel.note_edit.toPlainText() == "Wants to try fractions again"
    assert "cannot change them" in asked[0]
    answer_with(QMessageBox.StandardButton.Close)
    assert window.close()
    assert len(asked) == 2


def answer_the_close_question(
    monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton
) -> list[tuple[str, str]]:
    """Answer the question closing asks with ``button``; its titles and texts, in order."""
    asked: list[tuple[str, str]] = []

    def warning(_parent: object, title: str, text: str, *_rest: object) -> object:
        asked.append((title, text))
        return button

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return asked


def open_the_next_student(keys: Keyboard, window: MainWindow) -> None:
    """Down the list and open the next student, as the teacher does (the note of the one
    left is saved, or kept for them when its save fails)."""
    left = window.panel.student_id
    window.table.setFocus()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert window.panel.student_id not in (None, left)


def test_closing_saves_a_kept_note_whose_cause_is_gone_without_asking(
    qtbot: QtBot,
    open_window: WindowFactory,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A note kept for its student while the laptop was read only; signed in as a teacher
    again, closing saves it rather than asking about it with the old reason."""
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    first = window.panel.student_id
    keys.type("Reads the graph well")
    Replica(demo_store).remember_role("coach")
    open_the_next_student(keys, window)
    assert first in window._panel_presenter.unsaved
    Replica(demo_store).remember_role("teacher")
    asked = answer_the_close_question(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.close()
    assert asked == []
    assert counts(demo_store)["conference_note"] == 1


def test_closing_asks_only_about_the_notes_that_still_cannot_be_saved(
    qtbot: QtBot,
    open_window: WindowFactory,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two notes kept: one too long (it never saves), one kept while read only (it saves
    once the laptop is a teacher's again). Closing saves the second and asks about the
    first alone, with its own reason."""
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    window.panel.note_edit.setPlainText("x" * 200_001)  # over the store's bound
    open_the_next_student(keys, window)
    keys.type("Reads the graph well")
    Replica(demo_store).remember_role("coach")
    open_the_next_student(keys, window)
    assert len(window._panel_presenter.unsaved) == 2
    Replica(demo_store).remember_role("teacher")
    asked = answer_the_close_question(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    [(title, text)] = asked
    assert title == "A note is not saved"
    assert text.startswith("1 note could not be saved: a note is too long")
    assert counts(demo_store)["conference_note"] == 1
    assert len(window._panel_presenter.unsaved) == 1
    answer_the_close_question(monkeypatch, QMessageBox.StandardButton.Close)
    assert window.close()


def test_closing_with_a_learner_profile_that_cannot_be_saved_names_the_profile(
    qtbot: QtBot,
    open_window: WindowFactory,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The close question says what is not saved: the learner profile as the profile (not
    as a note), a note and the profile each on a line of its own; signed in as a teacher
    again, both are saved and nothing is asked."""
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    student = window.panel.student_id
    section = window.panel.profile_section
    section.focus_first()
    qtbot.keyClicks(section.text_edits["needs"], "Sight words")
    Replica(demo_store).remember_role("coach")
    asked = answer_the_close_question(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    [(title, text)] = asked
    assert title == "The learner profile is not saved"
    assert text.startswith("The learner profile could not be saved: Needs: this account")
    assert "note" not in text

    window.panel.focus_note()
    keys.type("Wants to try fractions again")
    assert not window.close()
    title, text = asked[1]
    assert title == "Not everything is saved"
    note_line, profile_line = text.split("\n\n")[:2]
    assert note_line.startswith("1 note could not be saved: this account reads")
    assert profile_line.startswith("The learner profile could not be saved: Needs: this account")

    Replica(demo_store).remember_role("teacher")
    assert window.close()
    assert len(asked) == 2
    profile = window._panel_presenter.source.learner_profile(student_id=student or "")
    assert profile.value("needs") == "Sight words"
    assert counts(demo_store)["conference_note"] == 1


def test_a_kept_note_comes_back_with_the_cursor_at_its_end(
    qtbot: QtBot, open_window: WindowFactory, demo_store: Store
) -> None:
    """The teacher goes on typing where the note stopped, not before its first word."""
    window = open_window()
    keys = Keyboard(qtbot)
    open_a_student_with_units_to_reassign(keys, window)
    first = window.panel.student_id
    keys.type("Reads the graph well")
    Replica(demo_store).remember_role("coach")
    open_the_next_student(keys, window)
    Replica(demo_store).remember_role("teacher")
    window.table.setFocus()
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_Return)
    assert window.panel.student_id == first
    edit = window.panel.note_edit
    assert edit.toPlainText() == "Reads the graph well"
    assert edit.textCursor().position() == len("Reads the graph well")
    assert keys.focus() is edit
    keys.type(", and says why")
    assert edit.toPlainText() == "Reads the graph well, and says why"


def test_a_role_read_after_a_status_change_reaches_the_window_through_the_sync_controller(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store
) -> None:
    """The window follows the role through the controller's ``status_changed`` (a sign-in
    or a failed sync draws the status line again with no sync report): here the line is
    drawn again by a sync that cannot start, as there is no keyring."""
    window = full_window
    assert window.sync is not None
    assert window.reassign_lowest_action.isEnabled()
    sign_in_as(demo_store, "coach")
    with qtbot.waitSignal(window.sync.status_changed, timeout=5000):
        assert not window.sync.sync_now()
    assert not window.reassign_lowest_action.isEnabled()
    assert not window.goal_action.isEnabled()
    assert not window.bulk_reassign_button.isVisibleTo(window)

"""The conference walk: Ctrl+Enter never lands on the wrong student.

The issue's scenario as a teacher hit it, key by key, and what the store then holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterFilter
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe


def name_of(window: MainWindow, student_id: str | None) -> str:
    row = next(r for r in window._presenter.state.rows if r.student_id == student_id)
    return row.name


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let the reload an action queued run, as the event loop would between two keys."""
    qtbot.wait(1)
    qtbot.wait_until(lambda: not window._reload_pending)


def go_to(keys: Keyboard, window: MainWindow, name: str) -> None:
    """Arrow keys in the roster down (or up) to the named student, as a teacher would."""
    shown = [window.model.row_at(n) for n in range(window.model.rowCount())]
    target = next(n for n, row in enumerate(shown) if row is not None and row.name == name)
    current = window.table.currentIndex().row()
    if current < 0:
        keys.press(Qt.Key.Key_Down)  # the first row becomes current
        current = window.table.currentIndex().row()
    while current != target:
        keys.press(Qt.Key.Key_Down if current < target else Qt.Key.Key_Up)
        current = window.table.currentIndex().row()


def test_the_note_after_a_filter_change_lands_on_the_next_student_of_the_new_list(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    """Conference Emma under "Below 80%", Esc, switch to "Under 30 min", Enter on Benjamin,
    type a note, Ctrl+Enter: the panel moves on to the student after Benjamin in the list
    the teacher was looking at, never back to Emma, and what is typed next is theirs."""
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    roster = window._presenter

    keys.shortcut("Ctrl+1")  # Below 80%
    assert roster.state.active_filters == {RosterFilter.BELOW_MASTERY}
    go_to(keys, window, "Emma Young")
    keys.press(Qt.Key.Key_Return)
    emma = window.panel.student_id
    assert name_of(window, emma) == "Emma Young"
    keys.type("Talked about the fractions unit")
    keys.shortcut("Ctrl+R")  # her lowest unit goes back to her
    [(_, emma_unit)] = probe.active_reassignments()
    settle(qtbot, window)
    keys.press(Qt.Key.Key_Escape)
    settle(qtbot, window)

    keys.shortcut("Ctrl+1")  # Below 80% off
    keys.shortcut("Ctrl+2")  # Under 30 min on
    assert roster.state.active_filters == {RosterFilter.UNDER_MINUTES}
    settle(qtbot, window)
    go_to(keys, window, "Benjamin Flores")
    settle(qtbot, window)  # Emma's note was saved as the selection left her
    keys.press(Qt.Key.Key_Return)
    benjamin = window.panel.student_id
    assert name_of(window, benjamin) == "Benjamin Flores"
    assert window.panel.name_label.text() == "Benjamin Flores"
    seen_list = [window.model.row_at(n) for n in range(window.model.rowCount())]
    order = [row.student_id for row in seen_list if row is not None]
    print([name_of(window, s) for s in order])
    keys.type("Needs more time on the laptop")
    settle(qtbot, window)
    keys.shortcut("Ctrl+Return")
    settle(qtbot, window)

    following = window.panel.student_id
    assert following != emma, "Ctrl+Enter went back to Emma"
    assert following == order[order.index(benjamin) + 1]
    assert window.panel.name_label.text() == name_of(window, following)
    keys.type("Next student's note")
    keys.shortcut("Ctrl+R")
    settle(qtbot, window)
    window.panel.flush()

    assert probe.notes(emma) == [("Talked about the fractions unit", "reassigned")]
    assert probe.notes(benjamin) == [("Needs more time on the laptop", "")]
    assert [body for body, _tags in probe.notes(following)] == ["Next student's note"]
    reassigned = probe.active_reassignments()
    assert reassigned.count((emma, emma_unit)) == 1  # never twice the same unit
    assert all(student in (emma, following) for student, _unit in reassigned)


def test_a_run_walks_its_frozen_list_and_says_where_it_is(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    """Enter on a filtered roster starts a run: "1 of N" in the header, then Ctrl+Enter
    through the list in its order, every note on the student named; a filter change
    starts a new run."""
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+2")  # Under 30 min
    order = [row.student_id for row in window._presenter.state.visible]
    assert window.table.currentIndex().row() == 0  # a new list: Enter opens the first
    keys.press(Qt.Key.Key_Return)
    for number, student_id in enumerate(order[:4], start=1):
        assert window.panel.student_id == student_id
        assert window.panel.run_label.text() == f"{number} of {len(order)}"
        assert window.panel.name_label.text() == name_of(window, student_id)
        keys.type(f"Note {number}")
        keys.shortcut("Ctrl+Return")
        settle(qtbot, window)
    # Each note re-ranked its student, yet nobody moved: the list still reads as it did.
    assert [row.student_id for row in window._presenter.state.visible] == order
    for number, student_id in enumerate(order[:4], start=1):
        assert probe.notes(student_id) == [(f"Note {number}", "")]

    keys.press(Qt.Key.Key_Escape)
    keys.shortcut("Ctrl+1")  # Below 80% too: another list, another run
    assert window.run is None
    shown_now = [row.student_id for row in window._presenter.state.visible]
    open_now = window.panel.student_id
    assert open_now in shown_now  # still in the list: still the current row
    keys.press(Qt.Key.Key_Return)
    assert window.run is not None and window.run.order == tuple(shown_now)
    position = shown_now.index(open_now) + 1
    assert window.panel.run_label.text() == f"{position} of {len(shown_now)}"


def test_the_walk_skips_students_seen_in_the_run_and_never_goes_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+2")
    order = [row.student_id for row in window._presenter.state.visible]
    window.table.selectRow(3)
    keys.press(Qt.Key.Key_Return)  # the fourth first
    keys.press(Qt.Key.Key_Escape)
    window.table.selectRow(2)
    keys.press(Qt.Key.Key_Return)  # then the third
    keys.shortcut("Ctrl+Return")  # the fourth was seen: the fifth
    assert window.panel.student_id == order[4]
    assert window.panel.run_label.text() == f"5 of {len(order)}"
    keys.press(Qt.Key.Key_Escape)
    window.table.selectRow(len(order) - 1)
    keys.press(Qt.Key.Key_Return)
    keys.shortcut("Ctrl+Return")  # the last of the list: it stays, and says so
    assert window.panel.student_id == order[-1]
    assert "last student in the list" in window.statusBar().currentMessage()


def test_the_panel_follows_the_list(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    """A search hides the open student: their note is saved, the panel shows the first
    match; Enter in the search box opens the single match; Ctrl+G then acts on them."""
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)  # no row current yet: Enter opens the first
    first = window.panel.student_id
    assert first is not None and window.table.currentIndex().row() == 0
    keys.type("Before the search")
    keys.shortcut("Ctrl+F")
    keys.type("Benjamin")
    assert probe.notes(first) == [("Before the search", "")]  # saved as the list hid them
    [match] = window._presenter.state.visible
    assert window.panel.student_id == match.student_id
    assert window.panel.name_label.text() == match.name
    keys.press(Qt.Key.Key_Return)  # Enter in the search box: the single match, in the note
    assert keys.focus() is window.panel.note_edit
    assert window.panel.run_label.text() == "1 of 1"
    keys.shortcut("Ctrl+G")
    keys.press(Qt.Key.Key_M)  # "Minutes"
    keys.press(Qt.Key.Key_Tab)
    keys.type("45")
    keys.press(Qt.Key.Key_Return)
    assert probe.goals(match.student_id) == [("minutes", 45.0)]
    assert probe.goals(first) == []

    keys.shortcut("Ctrl+F")
    keys.type("zzz")  # nobody: the panel closes
    assert window.panel.student_id is None
    keys.shortcut("Ctrl+G")
    assert "Select a student first" in window.statusBar().currentMessage()

    window.search_edit.clear()
    keys.shortcut("Ctrl+F")
    keys.type("a")  # several match: Enter opens the first
    keys.press(Qt.Key.Key_Return)
    assert window.panel.student_id == window._presenter.state.visible[0].student_id


def test_undo_takes_back_the_tag_and_the_toast(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+4")  # To reassign
    keys.press(Qt.Key.Key_Return)
    student_id = window.panel.student_id
    lowest = window._panel_presenter.lowest_unit_to_reassign()
    assert student_id is not None and lowest is not None
    keys.type("Redo it")
    keys.shortcut("Ctrl+R")
    assert window.panel.tag_actions["reassigned"].isChecked()
    assert (
        window.undo_toast.label.text()
        == f"Reassigned {lowest.title} to {name_of(window, student_id)}"
    )
    keys.shortcut("Ctrl+Z")
    assert probe.active_reassignments() == []
    assert not window.panel.tag_actions["reassigned"].isChecked()
    assert "Reassigned" not in window.undo_toast.label.text()
    assert window.undo_toast.label.text().startswith("Undone:")
    assert lowest.title in window.undo_toast.label.text()
    window.panel.flush()
    assert probe.notes(student_id) == [("Redo it", "")]

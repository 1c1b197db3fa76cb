"""The conference walk under random sequences of the teacher's keys, on the real window.

Filters, searches, sorts, arrows, Enter, Esc, Ctrl+Enter, notes, tags, Ctrl+R, Ctrl+Z
and Ctrl+G in any order. The test keeps its own account of the run (the list as shown
when its first student was opened, who was seen) and of every note typed, and checks
after each key that:

* the panel shows the student its name says, and (after the teacher changes the list)
  only a student the list shows;
* every write (a note, a reassignment, a goal, an undo) lands on that student alone;
* Ctrl+Enter goes to the next student of the frozen list not yet seen, never back;
* an action moves nobody in the list;
* at the end, every student's notes are exactly what was typed while their name showed.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import COLUMNS, Column, RosterPresenter, RosterSettings
from classroom_desk.presenters.student_panel import UnitState
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.ui.main_window import MainWindow
from tests.conftest import DEMO_NOW, probe_connection
from tests.ui.conftest import Clock, panel_presenter_for
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe

LIST_CHANGES = ("filter", "clear", "search", "sort")
SORTABLE = [c for c in COLUMNS if c is not Column.NAME] + [Column.NAME]

steps = st.one_of(
    st.tuples(st.just("filter"), st.integers(1, 6)),
    st.tuples(st.just("clear")),
    st.tuples(st.just("search"), st.sampled_from(["", "a", "em", "ben", "li", "zz", "ava"])),
    st.tuples(st.just("sort"), st.sampled_from(SORTABLE), st.booleans()),
    st.tuples(st.just("arrow"), st.sampled_from(["Down", "Up"])),
    st.tuples(st.just("enter")),
    st.tuples(st.just("search_enter")),
    st.tuples(st.just("escape")),
    st.tuples(st.just("next")),
    st.tuples(st.just("note"), st.text(alphabet="abcxyz", min_size=1, max_size=6)),
    st.tuples(st.just("tag"), st.integers(1, 3)),
    st.tuples(st.just("reassign")),
    st.tuples(st.just("undo")),
    st.tuples(st.just("goal")),
)


@dataclass
class Account:
    """What the test expects, kept apart from the window's own bookkeeping."""

    notes: dict[str, list[str]]
    run: list[str] | None = None
    seen: set[str] = field(default_factory=set)
    visit_student: str | None = None
    visit_text: str = ""
    # Reassignments made and not undone, newest last: (student, unit).
    undo_stack: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)

    def opened(self, student_id: str | None, shown: list[str]) -> None:
        """Enter opened the student: a run starts on the list shown unless they are in it."""
        if student_id is None:
            return
        if self.run is None or student_id not in self.run:
            self.run, self.seen = shown, set()
        self.seen.add(student_id)

    def end_visit(self) -> None:
        if self.visit_student is not None and self.visit_text:
            self.notes.setdefault(self.visit_student, []).append(self.visit_text)
        self.visit_student, self.visit_text = None, ""


def shown(window: MainWindow) -> list[str]:
    model = window.model
    return [row.student_id for n in range(model.rowCount()) if (row := model.row_at(n))]


def name_of(window: MainWindow, student_id: str) -> str:
    return next(r.name for r in window._presenter.state.rows if r.student_id == student_id)


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.wait(1)
    qtbot.wait_until(lambda: not window._reload_pending)


@pytest.fixture
def fresh_window(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, clock: Clock
) -> Iterator[Callable[[], tuple[MainWindow, StoreProbe]]]:
    """A new window on a copy of the demo store for each example: an example replays the
    same way whatever ran before it."""
    template = tmp_path / "template.sqlite"
    with probe_connection(template) as copy:
        demo_store.connection.backup(copy)
    copy.close()
    opened: list[tuple[MainWindow, Store]] = []

    def make() -> tuple[MainWindow, StoreProbe]:
        while opened:  # the previous example's window and store
            old_window, old_store = opened.pop()
            old_window.close()
            old_window.deleteLater()
            old_store.close()
        path = tmp_path / f"example-{uuid.uuid4().hex}.sqlite"
        shutil.copyfile(template, path)
        store = open_store(path)
        presenter = RosterPresenter(
            source=RosterQueries(store.connection),
            goals=ConferenceQueries(store.connection),
            now=lambda: DEMO_NOW,
        )
        presenter.start(RosterSettings())
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(presenter, panel_presenter_for(store, presenter, clock), settings)
        opened.append((window, store))
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.table.setFocus()
        return window, StoreProbe(path)

    yield make
    for window, store in opened:
        window.close()
        window.deleteLater()
        store.close()


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(steps, min_size=4, max_size=16), narrow=st.booleans())
def test_every_action_lands_on_the_student_the_panel_names(
    qtbot: QtBot,
    fresh_window: Callable[[], tuple[MainWindow, StoreProbe]],
    sequence: list[tuple[Any, ...]],
    narrow: bool,
) -> None:
    window, probe = fresh_window()
    if narrow:  # roster and panel take turns (1024 pixels, or 1366 at 150%)
        window.showNormal()
        window.resize(900, 600)
        qtbot.wait_until(lambda: window.narrow)
    keys = Keyboard(qtbot)
    account = Account(notes=probe.note_bodies())

    for step in sequence:
        kind = step[0]
        before_order = shown(window)
        before_student = window.panel.student_id
        before_goals = probe.all_goals()
        before_reassigned = probe.active_reassignments()
        run_before = (list(account.run) if account.run else None, set(account.seen))

        if kind in ("arrow", "enter", "undo") and not window.table.isVisible():
            # The panel stands in the roster's place (a narrow window): Esc, as a teacher
            # would, before keys meant for the roster.
            window.panel.focus_note()
            keys.press(Qt.Key.Key_Escape)
            assert window.table.isVisible()
        if kind == "filter":
            keys.shortcut(f"Ctrl+{step[1]}")
        elif kind == "clear":
            had = bool(window._presenter.state.active_filters)
            keys.shortcut("Ctrl+0")
            if not had:
                kind = "nothing"
        elif kind == "search":
            if window.search_edit.text() == step[1]:
                kind = "nothing"
            window.search_edit.setText(step[1])
        elif kind == "sort":
            order = Qt.SortOrder.DescendingOrder if step[2] else Qt.SortOrder.AscendingOrder
            window.table.sortByColumn(COLUMNS.index(step[1]), order)
        elif kind == "arrow":
            window.table.setFocus()
            keys.press(Qt.Key.Key_Down if step[1] == "Down" else Qt.Key.Key_Up)
        elif kind == "enter":
            window.table.setFocus()
            current = window.table.currentIndex().row()
            target = shown(window)[current if current >= 0 else 0] if shown(window) else None
            keys.press(Qt.Key.Key_Return)
            account.opened(target, before_order)
        elif kind == "search_enter":
            window.search_edit.setFocus()
            target = before_order[0] if before_order else None
            keys.press(Qt.Key.Key_Return)
            account.opened(target, before_order)
        elif kind == "escape":
            if window.panel.note_edit.hasFocus():
                keys.press(Qt.Key.Key_Escape)
        elif kind == "next":
            keys.shortcut("Ctrl+Return")
        elif kind == "note":
            if before_student is None or not window.panel.isVisible():
                continue  # no note box to click in
            window.panel.focus_note()
            keys.type(step[1])
            account.visit_text += step[1]
        elif kind == "tag":
            if before_student is None:
                continue
            keys.shortcut(f"Alt+{step[1]}")
        elif kind == "reassign":
            lowest = window._panel_presenter.lowest_unit_to_reassign()
            keys.shortcut("Ctrl+R")
            if before_student is not None and lowest is not None:
                account.undo_stack.append((before_student, ((before_student, lowest.unit_id),)))
        elif kind == "undo":
            window.table.setFocus()  # Ctrl+Z in the note would undo its typing
            keys.shortcut("Ctrl+Z")
        elif kind == "goal":
            keys.shortcut("Ctrl+G")
            if before_student is not None:
                keys.press(Qt.Key.Key_A)
                keys.press(Qt.Key.Key_Tab)
                keys.press(Qt.Key.Key_9)
                keys.press(Qt.Key.Key_0)
                keys.press(Qt.Key.Key_Return)
        settle(qtbot, window)
        event(kind)

        student = window.panel.student_id
        if student != account.visit_student:
            account.end_visit()
            account.visit_student = student

        # The panel names the student it acts on; a list the teacher chose shows them.
        if kind in ("reassign", "goal") and student is not None:
            assert window.panel.isVisible()  # an action shows whom it acts on
        if student is not None:
            assert window.panel.name_label.text() == name_of(window, student)
            if kind in LIST_CHANGES:
                assert student in shown(window), f"{kind}: the panel shows a hidden student"
        if kind in LIST_CHANGES:
            account.run, account.seen = None, set()
            assert window.run is None
            if student is None and shown(window):
                assert window.table.currentIndex().row() == 0  # Enter opens the first
        elif kind in ("note", "tag", "reassign", "undo", "goal"):
            # An action moves nobody: the students still shown keep their order.
            still = [s for s in before_order if s in set(shown(window))]
            assert [s for s in shown(window) if s in set(before_order)] == still
            assert student == before_student

        # Writes land on the named student alone.
        goals_after = probe.all_goals()
        changed = set(goals_after) ^ set(before_goals)
        if kind == "goal" and before_student is not None:
            assert (before_student, "average_score", 90.0, "active") in goals_after
        assert {g[0] for g in changed} <= ({before_student} if kind == "goal" else set())
        reassigned = probe.active_reassignments()
        if kind == "reassign":
            new = set(reassigned) - set(before_reassigned)
            assert {s for s, _ in new} <= {before_student}
            assert set(before_reassigned) <= set(reassigned)
            if new:
                [(_, unit)] = new
                states = {u.unit_id: u.state for u in window._panel_presenter.units}
                assert states[unit] is UnitState.REASSIGNED
        elif kind == "undo":
            if account.undo_stack:
                _, pairs = account.undo_stack.pop()
                assert set(before_reassigned) - set(reassigned) == set(pairs)
            else:
                assert reassigned == before_reassigned
        else:
            assert reassigned == before_reassigned

        # Ctrl+Enter: the next of the frozen list not yet seen, never back.
        if kind == "next":
            old_run, old_seen = run_before
            if before_student is None:
                if before_order:
                    account.opened(before_order[0], before_order)
                    assert student == before_order[0]
                continue
            if old_run is None or before_student not in old_run:
                old_run, old_seen = before_order, {before_student}
            here = set(shown(window))
            # Not in the list any more (an action dropped them from it): from its top.
            start = old_run.index(before_student) + 1 if before_student in old_run else 0
            expected = next((s for s in old_run[start:] if s not in old_seen and s in here), None)
            if expected is None:
                assert student == before_student  # the end of the list: it stays
            else:
                assert student == expected
                old_seen.add(expected)
            account.run, account.seen = old_run, old_seen
        if student is not None and account.run is not None and student in account.run:
            position = account.run.index(student) + 1
            assert window.panel.run_label.text() == f"{position} of {len(account.run)}"

    window.panel.flush()
    expected = {student: list(bodies) for student, bodies in account.notes.items()}
    if account.visit_student is not None and account.visit_text:  # the visit goes on
        expected.setdefault(account.visit_student, []).append(account.visit_text)
    assert probe.note_bodies() == expected

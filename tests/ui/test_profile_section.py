"""The student panel's Profile section: collapsed with the tier in its header, opened with
Alt+P, edited in place and autosaved ("Saved" only after the commit), flushed on a
student change, and a value that lost a sync conflict shown with a way to take it."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.profiles import profile_id
from classroom_desk.presenters.roster import RosterRow
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from tests.conftest import probe_connection
from tests.ui.test_student_panel import open_student, rows


def stored(store: Store, student_id: str, name: str) -> object:
    """What the file holds, read through a connection of its own (as another process)."""
    connection = probe_connection(store.path)
    try:
        row = connection.execute(
            f"SELECT {name} FROM learner_profile WHERE id = ?", (profile_id(student_id),)
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else row[0]


def first_row(window: MainWindow) -> RosterRow:
    return rows(window)[0]


def test_collapsed_by_default_with_the_tier_in_the_header(qtbot: QtBot, window: MainWindow) -> None:
    open_student(qtbot, window, first_row(window))
    section = window.panel.profile_section
    assert not section.expanded()
    assert not section.body.isVisible()
    assert section.tier_label.text() == "No tier"
    assert section.summary == "· nothing noted yet"


def test_alt_p_opens_the_profile_at_the_tier_and_typing_autosaves(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    row = first_row(window)
    open_student(qtbot, window, row)
    panel = window.panel
    section = panel.profile_section
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert section.expanded() and section.tier_combo.hasFocus()
    qtbot.keyClick(section.tier_combo, Qt.Key.Key_Down)  # Tier 1
    qtbot.keyClick(section.tier_combo, Qt.Key.Key_Down)  # Tier 2
    qtbot.keyClick(section.tier_combo, Qt.Key.Key_Tab)
    strengths = section.text_edits["strengths"]
    assert strengths.hasFocus()
    qtbot.keyClicks(strengths, "Retells stories in detail")
    assert section.save_label.text() == "Saving…"
    assert stored(demo_store, row.student_id, "strengths") is None
    qtbot.waitUntil(lambda: section.save_label.text() == "Saved ✓", timeout=5000)
    assert stored(demo_store, row.student_id, "strengths") == "Retells stories in detail"
    assert stored(demo_store, row.student_id, "mtss_tier") == 2
    assert section.tier_label.text() == "Tier 2"
    assert section.summary == "· Strengths"
    # Alt+P from inside closes it and hands the keyboard back to the note.
    qtbot.keyClick(strengths, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert not section.expanded()
    assert panel.note_edit.hasFocus()


def test_changing_student_saves_what_was_typed_and_shows_the_next_profile(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    first, second = rows(window)[:2]
    open_student(qtbot, window, first)
    section = window.panel.profile_section
    section.focus_first()
    qtbot.keyClicks(section.text_edits["needs"], "Sight words")
    open_student(qtbot, window, second)  # before the autosave delay ran out
    assert stored(demo_store, first.student_id, "needs") == "Sight words"
    assert section.text_edits["needs"].toPlainText() == ""
    open_student(qtbot, window, first)
    assert section.text_edits["needs"].toPlainText() == "Sight words"


def test_closing_the_window_saves_the_profile(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    row = first_row(window)
    open_student(qtbot, window, row)
    section = window.panel.profile_section
    section.focus_first()
    qtbot.keyClicks(section.text_edits["interests"], "Horses")
    window.close()
    assert stored(demo_store, row.student_id, "interests") == "Horses"


def add_lost_value(store: Store, student_id: str, name: str, value: object) -> None:
    connection = store.connection
    stamp = connection.execute(
        f"SELECT {name}_stamp FROM learner_profile WHERE id = ?", (profile_id(student_id),)
    ).fetchone()[0]
    loser = Stamp(Stamp.decode(stamp).millis - 5, 0, "another-laptop").encode()
    connection.execute(
        "INSERT INTO profile_conflict (id, profile_id, student_id, field, value, stamp,"
        " device_id, winner_stamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            profile_id(student_id),
            student_id,
            name,
            json.dumps(value),
            loser,
            "another-laptop",
            stamp,
            "2026-11-19 20:00:00.000000",
        ),
    )


def test_a_value_that_lost_a_sync_conflict_is_shown_and_can_be_taken(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    row = first_row(window)
    open_student(qtbot, window, row)
    actions = window.panel._presenter.actions
    actions.set_profile_field(student_id=row.student_id, field="supports", value="Audio books")
    add_lost_value(demo_store, row.student_id, "supports", "Graphic organisers")
    window.panel._presenter.refresh()
    window.panel.redraw()
    section = window.panel.profile_section
    section.set_expanded(True)
    label = section.conflict_labels["supports"]
    assert label.isVisible()
    assert "“Graphic organisers”" in label.text()
    assert section.text_edits["supports"].toPlainText() == "Audio books"
    assert section.summary.startswith("· 1 field has another laptop's value")
    qtbot.mouseClick(section.use_buttons["supports"], Qt.MouseButton.LeftButton)
    assert stored(demo_store, row.student_id, "supports") == "Graphic organisers"
    assert section.text_edits["supports"].toPlainText() == "Graphic organisers"
    assert not label.isVisible()
    assert section.save_label.text() == "Saved ✓"


def test_screenshots_at_1366x768(
    qtbot: QtBot, window: MainWindow, demo_store: Store, tmp_path: Path
) -> None:
    """The panel as a teacher sees it, collapsed and open (kept when SCREENSHOT_DIR is set)."""
    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    window.resize(1366, 768)
    row = first_row(window)
    open_student(qtbot, window, row)
    actions = window.panel._presenter.actions
    for name, value in (
        ("mtss_tier", 2),
        ("strengths", "Retells stories in detail; helps peers with fractions"),
        ("needs", "Multi-step word problems"),
        ("supports", "Audio books"),
    ):
        actions.set_profile_field(student_id=row.student_id, field=name, value=value)
    add_lost_value(demo_store, row.student_id, "supports", "Graphic organisers for writing")
    window.panel._presenter.refresh()
    window.panel.profile_section.reset()
    window.panel.redraw()
    QApplication.processEvents()
    assert window.grab().save(str(out / "profile-collapsed.png"))
    window.panel.profile_section.focus_first()
    QApplication.processEvents()
    assert window.grab().save(str(out / "profile-open.png"))
    assert window.panel.grab().save(str(out / "profile-panel.png"))


def test_the_mouse_wheel_over_the_tier_scrolls_the_panel_instead_of_changing_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    row = first_row(window)
    open_student(qtbot, window, row)
    section = window.panel.profile_section
    section.set_expanded(True)
    combo = section.tier_combo
    assert not combo.hasFocus()
    centre = QPointF(combo.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(combo.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, wheel)
    assert combo.currentIndex() == 0
    window.panel.flush()
    assert stored(demo_store, row.student_id, "mtss_tier") is None

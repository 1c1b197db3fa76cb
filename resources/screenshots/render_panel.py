"""Render the main window with a demo student's conference open in the panel, to a PNG.

    python resources/screenshots/render_panel.py [OUT.png] [--size 1366x768] [--scale 1.5]

Like ``render_roster.py``: offscreen on a screen of the given size, at a fixed moment. The
student has a note from last week with a follow-up, a goal, and one unit already
reassigned; the teacher is typing today's note.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

FIXED_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
STUDENT = "Xavier Brown"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).with_name("panel.png"))
    parser.add_argument("--size", default="1366x768", help="screen size in physical pixels")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 1.5")
    parser.add_argument("--area", default="math", help="content area id")
    parser.add_argument("--scrolled", action="store_true", help="the panel scrolled to its end")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    work = Path(tempfile.mkdtemp(prefix="panel-shot-"))
    screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    (work / "screen.json").write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={work / 'screen.json'}"
    os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from classroom_desk.demo import build_demo_school
    from classroom_desk.domain.goals import GoalKind
    from classroom_desk.presenters.roster import RosterPresenter, RosterSettings
    from classroom_desk.presenters.student_panel import StudentPanelPresenter
    from classroom_desk.store.conference_queries import ConferenceQueries
    from classroom_desk.store.database import open_store
    from classroom_desk.store.loading import load_dataset
    from classroom_desk.store.roster_queries import RosterQueries
    from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
    from classroom_desk.ui.main_window import MainWindow

    dataset = build_demo_school(FIXED_NOW)
    store = open_store(work / "demo.sqlite")
    load_dataset(store, dataset)
    homeroom = next(s.id for s in dataset.sections if s.name == "Grade 4 Homeroom")
    student = next(s for s in dataset.students if s.display_name == STUDENT)

    # Last week's conference, a goal, and a unit sent back yesterday.
    actions = TeacherActions(store, ensure_device(store))
    last_week = (FIXED_NOW - timedelta(days=7)).replace(tzinfo=None)
    actions.save_note(
        student_id=student.id,
        body="Talked about finishing units before starting new ones. Will try 2 units "
        "and 30 minutes this week.",
        tags=["discussed time", "set goal"],
        follow_up_on=(FIXED_NOW - timedelta(days=2)).date(),
        now=last_week,
    )
    actions.set_goal(
        student_id=student.id,
        content_area_id=args.area,
        kind=GoalKind.MINUTES,
        target=30,
        now=last_week,
    )
    actions.set_goal(
        student_id=student.id,
        content_area_id=args.area,
        kind=GoalKind.UNITS_MASTERED,
        target=1,
        now=last_week,
    )
    conference = ConferenceQueries(store.connection)
    waiting = [
        u
        for u in conference.units(
            student_id=student.id, content_area_id=args.area, mastery_score=80
        )
        if u.latest_score < 80
    ]
    if len(waiting) > 1:
        actions.reassign(
            units=[(student.id, waiting[-1].unit_id)],
            mastery_score=80,
            now=(FIXED_NOW - timedelta(days=1)).replace(tzinfo=None),
        )

    app = QApplication(sys.argv[:1])
    roster = RosterPresenter(
        source=RosterQueries(store.connection), goals=conference, now=lambda: FIXED_NOW
    )
    roster.start(RosterSettings(section_id=homeroom, content_area_id=args.area))
    seconds = iter(range(0, 10_000, 1))
    panel = StudentPanelPresenter(
        source=conference,
        actions=actions,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        # 18 seconds into the conference when the picture is taken.
        now=lambda: FIXED_NOW + timedelta(seconds=min(next(seconds), 18)),
    )
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(roster, panel, settings)
    available = app.primaryScreen().availableGeometry()
    window.resize(available.size())
    window.show()
    app.processEvents()
    row = window.model.row_of(student.id)
    if row is None:
        print(f"{STUDENT} is not in the roster", file=sys.stderr)
        return 1
    window.table.selectRow(row)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    QTest.keyClicks(window.panel.note_edit, "Fractions: redo M4 unit, aim 85% this week.")
    QTest.keyClick(window.panel.note_edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    window.panel.flush()
    window.panel.flush_chart()
    for _ in range(3):
        app.processEvents()
    if args.scrolled:
        bar = window.panel.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

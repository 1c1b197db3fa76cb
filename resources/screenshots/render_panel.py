"""Render the main window with a demo student's conference open in the panel, to a PNG.

    python resources/screenshots/render_panel.py [OUT.png] [--size 1366x768] [--scale 1.5]

Like ``render_roster.py``: offscreen on a screen of the given size, at a fixed moment. The
student has a note from last week with a follow-up, a goal, and one unit already
reassigned; the teacher is typing today's note.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from demo_shot import FIXED_NOW, DemoShot, add_screen_arguments
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from classroom_desk.domain.goals import GoalKind

STUDENT = "Xavier Brown"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).with_name("panel.png"))
    add_screen_arguments(parser)
    parser.add_argument("--area", default="math", help="content area id")
    parser.add_argument("--scrolled", action="store_true", help="the panel scrolled to its end")
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="panel-shot-")
    student = next(s for s in shot.dataset.students if s.display_name == STUDENT)

    # Last week's conference, a goal, and a unit sent back yesterday.
    actions = shot.actions
    last_week = (FIXED_NOW - timedelta(days=7)).replace(tzinfo=None)
    actions.save_note(
        student_id=student.id,
        body="Talked about finishing units before starting new ones. Will try 2 units "
        "and 30 minutes this week.",
        tags=["discussed time", "set goal"],
        follow_up_on=(FIXED_NOW - timedelta(days=2)).date(),
        now=last_week,
    )
    for kind, target in ((GoalKind.MINUTES, 30), (GoalKind.UNITS_MASTERED, 1)):
        actions.set_goal(
            student_id=student.id,
            content_area_id=args.area,
            kind=kind,
            target=target,
            now=last_week,
        )
    waiting = [
        u
        for u in shot.conference.units(
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

    seconds = iter(range(0, 10_000, 1))
    # 18 seconds into the conference when the picture is taken.
    window = shot.main_window(
        area=args.area, now=lambda: FIXED_NOW + timedelta(seconds=min(next(seconds), 18))
    )
    shot.show(window)
    app = shot.app
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
    saved = shot.save(window, args.out)
    window.close()
    shot.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())

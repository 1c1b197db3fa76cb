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

from demo_shot import (
    FIXED_NOW,
    DemoShot,
    add_screen_arguments,
    prepare_conference,
    type_conference_note,
)

STUDENT = "Xavier Brown"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).with_name("panel.png"))
    add_screen_arguments(parser)
    parser.add_argument("--area", default="math", help="content area id")
    parser.add_argument("--scrolled", action="store_true", help="the panel scrolled to its end")
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="panel-shot-", language=args.language)
    student = shot.student(STUDENT)

    prepare_conference(shot, student, args.area)

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
    type_conference_note(window, row)
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

"""Render the roster window of a teacher of two schools to a PNG: the school showing named
first on the top bar (and in the title), the other a click or Ctrl+Shift+L away.

    python resources/screenshots/render_two_schools.py [OUT.png] [--size 1024x600]

Runs offscreen on a screen of the given size, at the demo's fixed moment; prints whether
the window fits the screen and how wide the school's button is.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from demo_shot import DemoShot, add_screen_arguments

from classroom_desk.presenters.schools import SchoolSwitchPresenter
from classroom_desk.store.school_files import SchoolList, write_school_list

#: The demo's school first (its name is the one the status bar reads from the store), and
#: a second as long as real names get.
SCHOOLS = [
    ("north", "Maple Ridge Demo School"),
    ("south", "Thurgood Marshall Middle School for Science"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "out", nargs="?", type=Path, default=Path(__file__).with_name("two_schools.png")
    )
    add_screen_arguments(parser)
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="two-schools-shot-")
    write_school_list(shot.work, SchoolList.of(SCHOOLS, first_file=shot.store.path.name))
    window = shot.main_window(area="reading")
    switcher = window.attach_schools(SchoolSwitchPresenter(shot.work, shot.store.path))
    shot.show(window)
    window.table.selectRow(3)
    shot.app.processEvents()
    screen = shot.app.primaryScreen().availableGeometry()
    frame = window.frameGeometry()
    print(
        f"window {frame.width()}x{frame.height()} on {screen.width()}x{screen.height()}: "
        f"{'fits' if screen.contains(frame) else 'DOES NOT FIT'}; school button "
        f"{switcher.button.width()} px, showing {switcher.button.text()!r}; "
        f"title {window.windowTitle()!r}"
    )
    saved = shot.save(window, args.out)
    shot.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())

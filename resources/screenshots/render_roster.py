"""Render the roster window with the demo school to a PNG, as the README shows it.

    python resources/screenshots/render_roster.py [OUT.png] [--size 1366x768] [--scale 1.5]

Runs offscreen on a screen of the given size (the app's own layout at that size), at a
fixed moment so the picture does not change from day to day.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from demo_shot import DemoShot, add_screen_arguments


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).with_name("roster.png"))
    add_screen_arguments(parser)
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="roster-shot-")
    window = shot.main_window(area="reading")
    shot.show(window)
    needs_both = next(
        row
        for row, r in enumerate(shot.roster.state.visible)
        if r.status.name == "NEEDS_TIME_MASTERY_UNITS"
    )
    window.table.selectRow(needs_both)  # the panel opens on them
    window.panel.flush_chart()
    shot.app.processEvents()
    saved = shot.save(window, args.out)
    shot.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())

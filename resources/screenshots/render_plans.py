"""Render the plan screens with the demo school: the groups view (suggestions for Grade 7
Math), the rotation board (window and projector) and the tutoring log.

    python resources/screenshots/render_plans.py [OUT_DIR] [--size 1366x768] [--suffix ""]

Writes groups.png, board.png, projector.png and tutoring.png (with ``--suffix -1024``,
groups-1024.png ...). Offscreen at a fixed moment, so the pictures do not change.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

from demo_shot import FIXED_NOW, DemoShot, add_screen_arguments

from classroom_desk.demo import demo_id
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.presenters.plans import plan_presenters
from classroom_desk.store.plan_actions import PlanActions
from classroom_desk.store.teacher_actions import ensure_device
from classroom_desk.ui.plan_menu import PlanMenu

MATH_7 = demo_id("section", "math-7")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).parent)
    parser.add_argument("--suffix", default="")
    add_screen_arguments(parser)
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="plans-shot-")
    window = shot.main_window(area="math")
    shot.roster.select_section(MATH_7)
    shot.show(window)
    roster = shot.roster
    presenters = plan_presenters(
        shot.store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: FIXED_NOW,
    )
    menu = PlanMenu(window, roster, presenters)
    saved = True

    # Last week's groups were accepted, so this week's suggestions show who moved.
    roster.shift_week(-1)
    menu.open_groups()
    presenters.groups.accept()
    roster.shift_week(1)
    groups = menu.open_groups()
    assert groups is not None
    shot.show(groups)
    saved &= shot.save(groups, args.out / f"groups{args.suffix}.png")

    groups.close()
    presenters.groups.accept()
    board = menu.open_board()
    assert board is not None
    presenters.rotation.next_round()  # round 1 running, 4 minutes in
    shot.show(board)
    presenters.rotation.now = lambda: FIXED_NOW + timedelta(minutes=4, seconds=12)
    board.redraw()
    shot.app.processEvents()
    saved &= shot.save(board, args.out / f"board{args.suffix}.png")
    projector = board.show_projector()
    shot.app.processEvents()
    saved &= shot.save(projector, args.out / f"projector{args.suffix}.png")
    projector.close()
    board.close()

    students = [row.student_id for row in roster.state.rows]
    actions = PlanActions(shot.store, ensure_device(shot.store))
    tutor = actions.save_tutor(section_id=MATH_7, name="Ms. Ade", role="paraprofessional")
    week = roster.week
    for name, members, days in (
        ("Fractions boost", students[:4], [0, 2, 3]),
        ("Number sense", students[4:9], [1, 3]),
    ):
        group = actions.save_tutoring_group(
            section_id=MATH_7,
            content_area_id="math",
            name=name,
            tutor_id=tutor,
            schedule=Schedule.of(days, "10:30"),
            plan=Plan(3, 30),
            members=members,
        )
        for day, came in ((0, members), (2, members[:-1])):
            actions.log_session(
                group_id=group,
                held_on=week + timedelta(days=day),
                minutes=30 if day == 0 else 25,
                attendees=came,
                focus="Equivalent fractions" if name.startswith("F") else "Place value",
                note="Strips and number lines",
            )
    tutoring = menu.open_tutoring()
    assert tutoring is not None
    tutoring.note.setText("Used fraction strips; two need one more session")
    shot.show(tutoring)
    saved &= shot.save(tutoring, args.out / f"tutoring{args.suffix}.png")
    shot.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())

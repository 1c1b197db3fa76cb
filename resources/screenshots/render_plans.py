"""Render the plan screens with the demo school: the groups view (suggestions for Grade 7
Math, last week's accepted beside them), the rotation board (window and projector) and the
tutoring log with its new-group dialog.

    python resources/screenshots/render_plans.py [OUT_DIR] [--size 1366x768] [--suffix ""]
        [--language es]

Writes groups.png, board.png, projector.png and tutoring.png (with ``--suffix -1024``,
groups-1024.png ...). Offscreen at a fixed moment, so the pictures do not change.
``render_all.py`` takes the same screens (``take_plan_screens``) at every size and checks
that they fit.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from demo_shot import FIXED_NOW, DemoShot, add_screen_arguments
from PySide6.QtWidgets import QWidget

from classroom_desk import i18n
from classroom_desk.demo import demo_id
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.presenters.plans import plan_presenters
from classroom_desk.store.plan_actions import PlanActions
from classroom_desk.store.teacher_actions import ensure_device
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.plan_menu import PlanMenu
from classroom_desk.ui.tutoring_log import TutoringGroupDialog

MATH_7 = demo_id("section", "math-7")
#: The tutoring the pictures show, written as a teacher of that language would write it:
#: (group, focus, note of each session), and the note being typed.
TUTORING_WORDS = {
    "en": (
        (("Fractions boost", "Equivalent fractions"), ("Number sense", "Place value")),
        "Strips and number lines",
        "Used fraction strips; two need one more session",
    ),
    "es": (
        (
            ("Refuerzo de fracciones", "Fracciones equivalentes"),
            ("Sentido numérico", "Valor posicional"),
        ),
        "Tiras y rectas numéricas",
        "Tiras de fracciones; dos necesitan otra sesión",
    ),
}

Take = Callable[[str, QWidget], None]


def take_plan_screens(shot: DemoShot, window: MainWindow, take: Take) -> None:
    """Open each plan screen over ``window`` (the demo's Grade 7 Math) and ``take`` it:
    groups, board, projector, tutoring and the new tutoring group dialog."""
    roster = shot.roster
    roster.select_section(MATH_7)
    presenters = plan_presenters(
        shot.store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: FIXED_NOW,
    )
    menu = PlanMenu(window, roster, presenters)

    # Last week's groups were accepted, so this week's suggestions show who moved.
    roster.shift_week(-1)
    menu.open_groups()
    presenters.groups.accept()
    roster.shift_week(1)
    groups = menu.open_groups()  # shown as the Plan menu shows it: fitted to the screen
    assert groups is not None
    shot.app.processEvents()
    take("groups", groups)

    groups.close()
    presenters.groups.accept()
    board = menu.open_board()
    assert board is not None
    presenters.rotation.next_round()  # round 1 running, 4 minutes in
    shot.app.processEvents()
    presenters.rotation.now = lambda: FIXED_NOW + timedelta(minutes=4, seconds=12)
    board.redraw()
    shot.app.processEvents()
    take("board", board)
    projector = board.show_projector()
    shot.app.processEvents()
    take("projector", projector)
    projector.close()
    board.close()

    groups_words, session_note, typed_note = TUTORING_WORDS[i18n.language()]
    students = [row.student_id for row in roster.state.rows]
    actions = PlanActions(shot.store, ensure_device(shot.store))
    tutor = actions.save_tutor(section_id=MATH_7, name="Ms. Ade", role="paraprofessional")
    week = roster.week
    for (name, focus), members, days in zip(
        groups_words, (students[:4], students[4:9]), ([0, 2, 3], [1, 3]), strict=True
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
                focus=focus,
                note=session_note,
            )
    tutoring = menu.open_tutoring()
    assert tutoring is not None
    tutoring.note.setText(typed_note)
    shot.app.processEvents()
    take("tutoring", tutoring)
    dialog = TutoringGroupDialog(presenters.tutoring, tutoring)
    dialog.show()
    shot.app.processEvents()
    take("tutoring_group", dialog)
    dialog.reject()
    tutoring.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).parent)
    parser.add_argument("--suffix", default="")
    add_screen_arguments(parser)
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="plans-shot-", language=args.language)
    window = shot.main_window(area="math")
    shot.show(window)
    saved = True

    def take(name: str, widget: QWidget) -> None:
        nonlocal saved
        if name != "tutoring_group":  # the four kept at the top of resources/screenshots
            saved &= shot.save(widget, args.out / f"{name}{args.suffix}.png")

    take_plan_screens(shot, window, take)
    shot.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())

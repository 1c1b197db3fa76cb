"""Render every screen of the app on the demo school at one screen size and scale, and check
that each fits (``fit_check``), that a screen reader can name each control and that its
text stands out (``a11y_check``): the matrix kept in ``sizes/`` and checked by the tests.

    python resources/screenshots/render_all.py --size 1366x768 --scale 1.5 [--out DIR] [--check]

Each picture is ``<screen>-<W>x<H>@<scale>.png``. With ``--check`` every problem is printed
as a line starting ``DOES NOT FIT:`` and the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from a11y_check import accessibility_problems, contrast_problems
from demo_shot import (
    FIXED_NOW,
    DemoShot,
    add_screen_arguments,
    prepare_conference,
    type_conference_note,
)
from fit_check import fit_problems
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from render_import_preview import partial_export_preview
from render_plans import take_plan_screens

from classroom_desk.presenters.imports import ImportService, roster_preview_view
from classroom_desk.presenters.reports import ReportService
from classroom_desk.presenters.schools import SchoolSwitchPresenter
from classroom_desk.presenters.sync_status import SyncStatusPresenter
from classroom_desk.store.school_files import SchoolList, write_school_list
from classroom_desk.sync.client import read_status
from classroom_desk.ui.import_dialogs import ActivityMappingDialog, RosterPreviewDialog
from classroom_desk.ui.main_window import MainWindow

#: The sizes and scales every screen is rendered at (and that the tests check).
MATRIX = (
    ("1366x768", "1"),
    ("1280x720", "1"),
    ("1024x600", "1"),
    ("1366x768", "1.25"),
    ("1366x768", "1.5"),
)
STUDENT = "Xavier Brown"
AREA = "math"


def file_name(screen: str, size: str, scale: str) -> str:
    return f"{screen}-{size}@{scale}.png"


def activity_export(shot: DemoShot) -> Path:
    """A platform's export of the class's week, as a teacher downloads it: a few students
    by ID, one by a name no student has, one score the file got wrong."""
    students = [s for s in shot.dataset.students if s.source_id][:4]
    rows = [["Student ID", "Student", "Subject", "Skill", "Score", "Time spent (min)", "Date"]]
    for number, student in enumerate(students):
        rows.append(
            [student.source_id, "", "Math", "Fractions on a number line", str(70 + 5 * number),
             "20", "11/17/2026"]
        )  # fmt: skip
    rows.append(["", "Zed Nobody", "Math", "Decimals", "85", "15", "11/18/2026"])
    path = shot.work / "ixl-export.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


class Renderer:
    """Opens each screen in turn over one main window, saves it, and collects problems."""

    def __init__(self, shot: DemoShot, out: Path, size: str, scale: str, *, check: bool):
        self.shot, self.out, self.size, self.scale, self.check = shot, out, size, scale, check
        self.problems: list[str] = []
        self.saved: list[Path] = []

    def settle(self, times: int = 4) -> None:
        for _ in range(times):
            self.shot.app.processEvents()

    def take(self, name: str, window: QWidget) -> None:
        self.settle()
        path = self.out / file_name(name, self.size, self.scale)
        if self.shot.save(window, path):
            self.saved.append(path)
        if self.check:
            self.problems += fit_problems(window, name)
            self.problems += accessibility_problems(window, name)
            self.problems += contrast_problems(window, name)


def screens(renderer: Renderer, window: MainWindow) -> list[tuple[str, Callable[[], None]]]:
    """Each screen as (name, how to show and take it), in the order they are taken."""
    shot = renderer.shot
    menu = window.install_data_menu(ImportService(shot.store.path), ReportService(shot.store.path))

    def roster() -> None:
        renderer.take("roster", window)

    def panel() -> None:
        row = window.model.row_of(shot.student(STUDENT).id)
        assert row is not None, f"{STUDENT} is not in the roster"
        type_conference_note(window, row)
        renderer.take("panel", window)
        bar = window.panel.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        renderer.take("panel-end", window)
        bar.setValue(0)
        QTest.keyClick(window.panel.note_edit, Qt.Key.Key_Escape)

    def class_chart() -> None:
        menu.class_chart_action.trigger()
        chart = menu.chart_dialog
        assert chart is not None
        renderer.settle()
        chart.canvas.draw()
        renderer.take("class_chart", chart)
        chart.close()

    def skills_summary() -> None:
        menu.skills_summary_action.trigger()
        summary = menu.summary_window
        assert summary is not None
        while summary.model.rowCount() == 0:  # built on the task runner
            shot.app.processEvents()
        menu.runner.wait(5000)
        renderer.take("skills_summary", summary)
        summary.close()

    def dialog(name: str, action: QAction, attribute: str) -> Callable[[], None]:
        def take() -> None:
            action.trigger()
            shown = getattr(window, attribute)
            renderer.take(name, shown)
            shown.reject()

        return take

    def sign_in() -> None:
        sync = window.attach_sync(
            SyncStatusPresenter(
                store_path=shot.store.path, read_status=lambda: read_status(shot.store)
            )
        )
        sync.sign_in_action.trigger()
        assert sync.dialog is not None
        sync.dialog.user_edit.setText("rivera")
        renderer.take("sign_in", sync.dialog)
        sync.dialog.reject()

    def import_mapping() -> None:
        path = activity_export(shot)
        service = ImportService(shot.store.path)
        dialog = ActivityMappingDialog(
            service,
            path,
            service.start_mapping(path),
            saved_sources=[],
            content_areas=service.content_areas(),
            parent=window,
        )
        dialog.show()
        renderer.take("import_mapping", dialog)
        dialog.close()

    def import_preview() -> None:
        view = roster_preview_view(partial_export_preview(shot.work))
        dialog = RosterPreviewDialog(view, window)
        dialog.show()
        dialog.details_button.setChecked(True)
        renderer.take("import_preview", dialog)
        dialog.close()

    def two_schools() -> None:
        """Last: a teacher of two schools, the one showing named at the menu bar's end."""
        schools = [("north", "Maple Ridge Demo School"), ("south", "Pine Ridge Middle School")]
        write_school_list(shot.work, SchoolList.of(schools, first_file=shot.store.path.name))
        window.attach_schools(SchoolSwitchPresenter(shot.work, shot.store.path))
        window.table.setFocus()  # not the sign-in's Sync now, in the status bar
        renderer.take("two_schools", window)

    return [
        ("roster", roster),
        ("settings", dialog("settings", window.settings_action, "settings_dialog")),
        ("shortcuts", dialog("shortcuts", window.shortcuts_action, "shortcuts_dialog")),
        ("about", dialog("about", window.about_action, "about_dialog")),
        ("sign_in", sign_in),
        ("panel", panel),
        ("class_chart", class_chart),
        ("skills_summary", skills_summary),
        ("import_preview", import_preview),
        ("import_mapping", import_mapping),
        ("plans", lambda: take_plan_screens(shot, window, renderer.take)),
        ("two_schools", two_schools),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    add_screen_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("sizes"))
    parser.add_argument("--check", action="store_true", help="report what does not fit")
    args = parser.parse_args()

    shot = DemoShot(size=args.size, scale=args.scale, prefix="all-shots-", language=args.language)
    prepare_conference(shot, shot.student(STUDENT), AREA)
    seconds = iter(range(0, 10_000, 1))
    window = shot.main_window(
        area=AREA, now=lambda: FIXED_NOW + timedelta(seconds=min(next(seconds), 18))
    )
    window.show()
    window.showMaximized()  # as the app opens on a laptop smaller than its default size
    renderer = Renderer(shot, args.out, args.size, args.scale, check=args.check)
    renderer.settle()
    for _name, take in screens(renderer, window):
        take()
    window.close()
    shot.close()
    for problem in renderer.problems:
        print(f"DOES NOT FIT: {problem}")
    return 1 if renderer.problems or not renderer.saved else 0


if __name__ == "__main__":
    sys.exit(main())

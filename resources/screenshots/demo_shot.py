"""What the screenshot scripts share: the demo school in a fresh store, the main window on an
offscreen screen of a chosen size at a fixed moment, and saving a grab of a window to a PNG.

The ``render_*.py`` scripts beside this file import it (run as scripts, this folder is on
their ``sys.path``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from classroom_desk import __version__
from classroom_desk.demo import build_demo_school
from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.records import StudentRecord
from classroom_desk.presenters.roster import RosterPresenter, RosterSettings
from classroom_desk.presenters.school_settings import AppInfo, SchoolSettingsService
from classroom_desk.presenters.student_panel import StudentPanelPresenter
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.ui.application import application
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.translation import install_language

# The moment every picture is taken, so they do not change from day to day.
FIXED_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
SECTION = "Grade 4 Homeroom"


def add_screen_arguments(parser: argparse.ArgumentParser, *, scale: bool = True) -> None:
    """``--size WxH`` of the offscreen screen and, with ``scale``, ``--scale`` for Qt."""
    parser.add_argument("--size", default="1366x768", help="screen size in physical pixels")
    if scale:
        parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 1.5")
    parser.add_argument("--language", default="en", help="en or es: the app's language")


class DemoShot:
    """The demo school in a fresh store in a temporary folder, and a Qt application on an
    offscreen screen of ``size`` (``"1366x768"``) at ``scale`` (Qt's own when ``None``)."""

    def __init__(
        self, *, size: str, scale: str | None = None, prefix: str, language: str = "en"
    ) -> None:
        width, height = (int(part) for part in size.split("x"))
        self.work = Path(tempfile.mkdtemp(prefix=prefix))
        screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
        (self.work / "screen.json").write_text(json.dumps({"screens": [screen]}))
        # Read when the application starts, so set before it does.
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={self.work / 'screen.json'}"
        if scale is not None:
            os.environ["QT_SCALE_FACTOR"] = scale

        self.dataset = build_demo_school(FIXED_NOW)
        self.store = open_store(self.work / "demo.sqlite")
        load_dataset(self.store, self.dataset)
        self.section_id = next(s.id for s in self.dataset.sections if s.name == SECTION)
        self.conference = ConferenceQueries(self.store.connection)
        self.actions = TeacherActions(self.store, ensure_device(self.store))
        self.app = application()
        install_language(language)  # as the app does, before its first window

    def main_window(
        self, *, area: str, now: Callable[[], datetime] = lambda: FIXED_NOW
    ) -> MainWindow:
        """The main window on the section's roster for ``area``, not shown yet; ``now`` is
        the student panel's clock (the roster's is ``FIXED_NOW``)."""
        self.roster = RosterPresenter(
            source=RosterQueries(self.store.connection),
            goals=self.conference,
            now=lambda: FIXED_NOW,
        )
        self.roster.start(RosterSettings(section_id=self.section_id, content_area_id=area))
        panel = StudentPanelPresenter(
            source=self.conference,
            actions=self.actions,
            calendar=lambda: self.roster.calendar,
            thresholds=lambda: self.roster.thresholds,
            now=now,
        )
        settings = QSettings(str(self.work / "settings.ini"), QSettings.Format.IniFormat)
        return MainWindow(
            self.roster,
            panel,
            settings,
            school_settings=SchoolSettingsService(self.store.path),
            app_info=AppInfo(
                version=__version__,
                data_folder=Path("/home/teacher/.local/share/classroom-desk"),
                store_file=Path("/home/teacher/.local/share/classroom-desk/school.sqlite"),
                settings_file=Path("/home/teacher/.local/share/classroom-desk/settings.ini"),
            ),
        )

    def student(self, name: str) -> StudentRecord:
        return next(s for s in self.dataset.students if s.display_name == name)

    def show(self, window: QWidget) -> None:
        """Show ``window`` filling the screen, as the app opens, and let it lay out."""
        window.resize(self.app.primaryScreen().availableGeometry().size())
        window.show()
        self.app.processEvents()

    def save(self, widget: QWidget, out: Path) -> bool:
        """Grab ``widget`` into the PNG ``out`` and print its path; on failure say so."""
        out.parent.mkdir(parents=True, exist_ok=True)
        if not widget.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            return False
        print(out)
        return True

    def close(self) -> None:
        self.store.close()


def prepare_conference(shot: DemoShot, student: StudentRecord, area: str) -> None:
    """Last week's conference with a follow-up, two goals, and a unit sent back yesterday."""
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
            student_id=student.id, content_area_id=area, kind=kind, target=target, now=last_week
        )
    waiting = [
        u
        for u in shot.conference.units(
            student_id=student.id, content_area_id=area, mastery_score=80
        )
        if u.latest_score < 80
    ]
    if len(waiting) > 1:
        actions.reassign(
            units=[(student.id, waiting[-1].unit_id)],
            mastery_score=80,
            now=(FIXED_NOW - timedelta(days=1)).replace(tzinfo=None),
        )


def type_conference_note(window: MainWindow, row: int) -> None:
    """Open the row's student with Enter and type today's note, tagged, as a teacher does."""
    window.table.selectRow(row)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    QTest.keyClicks(window.panel.note_edit, "Fractions: redo M4 unit, aim 85% this week.")
    # Alt+3 tags it: a shortcut reaches only the active window, which a script's window is
    # not (the key would type a "3"), so the tag's own action is triggered.
    window.panel.tag_actions["reassigned"].trigger()
    window.panel.flush()
    window.panel.flush_chart()

"""Render the class chart and the Skills Summary windows with the demo school to PNGs.

    python resources/screenshots/render_reports.py [OUT_DIR] [--size 1366x768]

Runs offscreen on a screen of the given size, at a fixed moment (Grade 4 Homeroom, Math,
the week of Nov 16 2026 and November 2026) so the pictures do not change from day to day.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

FIXED_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).parent)
    parser.add_argument("--size", default="1366x768", help="screen size in physical pixels")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    work = Path(tempfile.mkdtemp(prefix="reports-shot-"))
    screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    (work / "screen.json").write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={work / 'screen.json'}"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from classroom_desk.demo import build_demo_school
    from classroom_desk.presenters.imports import ImportService
    from classroom_desk.presenters.reports import ReportService
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

    app = QApplication(sys.argv[:1])
    conference = ConferenceQueries(store.connection)
    presenter = RosterPresenter(
        source=RosterQueries(store.connection), goals=conference, now=lambda: FIXED_NOW
    )
    presenter.start(RosterSettings(section_id=homeroom, content_area_id="math"))
    panel = StudentPanelPresenter(
        source=conference,
        actions=TeacherActions(store, ensure_device(store)),
        calendar=lambda: presenter.calendar,
        thresholds=lambda: presenter.thresholds,
        now=lambda: FIXED_NOW,
    )
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(presenter, panel, settings)
    menu = window.install_data_menu(ImportService(store.path), ReportService(store.path))
    available = app.primaryScreen().availableGeometry()
    window.resize(available.size())
    window.show()
    app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)

    menu.class_chart_action.trigger()
    chart = menu.chart_dialog
    assert chart is not None
    app.processEvents()
    chart.canvas.draw()
    app.processEvents()
    chart.grab().save(str(args.out / "class_chart.png"))

    menu.skills_summary_action.trigger()
    summary = menu.summary_window
    assert summary is not None
    while summary.model.rowCount() == 0:  # built on the task runner
        app.processEvents()
    menu.runner.wait(5000)
    app.processEvents()
    summary.view.scrollToBottom()  # the class line, in bold, under the students
    app.processEvents()
    summary.grab().save(str(args.out / "skills_summary.png"))
    print(args.out / "class_chart.png", args.out / "skills_summary.png")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

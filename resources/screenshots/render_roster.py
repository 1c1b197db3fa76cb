"""Render the roster window with the demo school to a PNG, as the README shows it.

    python resources/screenshots/render_roster.py [OUT.png] [--size 1366x768] [--scale 1.5]

Runs offscreen on a screen of the given size (the app's own layout at that size), at a
fixed moment so the picture does not change from day to day.
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
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).with_name("roster.png"))
    parser.add_argument("--size", default="1366x768", help="screen size in physical pixels")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 1.5")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    work = Path(tempfile.mkdtemp(prefix="roster-shot-"))
    screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    (work / "screen.json").write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={work / 'screen.json'}"
    os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from classroom_desk.demo import build_demo_school
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
    presenter.start(RosterSettings(section_id=homeroom, content_area_id="reading"))
    panel = StudentPanelPresenter(
        source=conference,
        actions=TeacherActions(store, ensure_device(store)),
        calendar=lambda: presenter.calendar,
        thresholds=lambda: presenter.thresholds,
        now=lambda: FIXED_NOW,
    )
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(presenter, panel, settings)
    available = app.primaryScreen().availableGeometry()
    window.resize(available.size())
    window.show()
    app.processEvents()
    needs_both = next(
        row for row, r in enumerate(presenter.state.visible) if r.status.name == "NEEDS_BOTH"
    )
    window.table.selectRow(needs_both)  # the panel opens on them
    window.panel.flush_chart()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

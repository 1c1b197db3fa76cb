"""Render the class chart and the Skills Summary windows with the demo school to PNGs.

    python resources/screenshots/render_reports.py [OUT_DIR] [--size 1366x768]

Runs offscreen on a screen of the given size, at a fixed moment (Grade 4 Homeroom, Math,
the week of Nov 16 2026 and November 2026) so the pictures do not change from day to day.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from demo_shot import DemoShot, add_screen_arguments

from classroom_desk.presenters.imports import ImportService
from classroom_desk.presenters.reports import ReportService


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).parent)
    add_screen_arguments(parser, scale=False)
    args = parser.parse_args()

    shot = DemoShot(size=args.size, prefix="reports-shot-")
    window = shot.main_window(area="math")
    menu = window.install_data_menu(ImportService(shot.store.path), ReportService(shot.store.path))
    shot.show(window)
    app = shot.app

    menu.class_chart_action.trigger()
    chart = menu.chart_dialog
    assert chart is not None
    app.processEvents()
    chart.canvas.draw()
    app.processEvents()
    saved = shot.save(chart, args.out / "class_chart.png")

    menu.skills_summary_action.trigger()
    summary = menu.summary_window
    assert summary is not None
    while summary.model.rowCount() == 0:  # built on the task runner
        app.processEvents()
    menu.runner.wait(5000)
    app.processEvents()
    summary.view.scrollToBottom()  # the class line, in bold, under the students
    app.processEvents()
    saved = shot.save(summary, args.out / "skills_summary.png") and saved
    shot.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())

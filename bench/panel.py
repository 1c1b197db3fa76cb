"""The student panel: opening a student, with and without the chart, and a reassign click.

Runs the real ``MainWindow`` offscreen on a 1366x768 screen over the demo school (a fresh
store in a temporary folder), Grade 4 Homeroom, math, this week:

* open without the chart: selecting a roster row (the panel follows the selection) until
  the panel has redrawn and painted, the chart section collapsed (target <= 50 ms);
* open with the chart: the same with the chart shown, drawn at once rather than after its
  80 ms settle delay, matplotlib already imported (target <= 150 ms); the first chart of
  the process, which imports matplotlib, is reported apart;
* reassign click: a mouse click on a unit's Reassign button until the reassignment is
  committed (checked through a second SQLite connection), the panel and the roster have
  redrawn and the undo toast shows; undone between runs, untimed.

Each figure is the median of ``--runs`` runs (at least 20), students alternating so every
open is a real change. Nothing here asserts a time; targets are reported.

    python bench/panel.py [--runs 25]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchlib import ms, summary, verdict, write_result

FIXED_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
OPEN_TARGET_MS = 50.0
OPEN_WITH_CHART_TARGET_MS = 150.0
SECTION = "Grade 4 Homeroom"
AREA = "math"


def offscreen_screen(work: Path, width: int = 1366, height: int = 768) -> None:
    screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    (work / "screen.json").write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={work / 'screen.json'}"


def timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return ms(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    runs = max(20, args.runs)

    work = Path(tempfile.mkdtemp(prefix="bench-panel-"))
    offscreen_screen(work)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
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
    section = next(s.id for s in dataset.sections if s.name == SECTION)

    app = QApplication(sys.argv[:1])
    conference = ConferenceQueries(store.connection)
    roster = RosterPresenter(
        source=RosterQueries(store.connection), goals=conference, now=lambda: FIXED_NOW
    )
    roster.start(RosterSettings(section_id=section, content_area_id=AREA))
    panel_presenter = StudentPanelPresenter(
        source=conference,
        actions=TeacherActions(store, ensure_device(store)),
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: FIXED_NOW,
    )
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(roster, panel_presenter, settings)
    window.resize(app.primaryScreen().availableGeometry().size())
    window.show()
    app.processEvents()
    panel = window.panel
    table = window.table

    def settle() -> None:
        """Deliver what the action posted: the roster reload, layout and paint."""
        app.processEvents()
        app.processEvents()

    # Two students with units waiting, to alternate between.
    waiting = [r for r in roster.state.visible if r.figures.units_to_reassign >= 1][:2]
    first, second = (window.model.row_of(r.student_id) for r in waiting)
    assert first is not None and second is not None

    def open_row(row: int, *, chart: bool) -> Callable[[], None]:
        def action() -> None:
            table.selectRow(row)
            if chart:
                panel.flush_chart()
            settle()

        return action

    # The first chart of the process pays for importing matplotlib.
    panel.set_chart_visible(True)
    cold_chart = timed(open_row(first, chart=True))
    assert "matplotlib" in sys.modules

    figures: dict[str, list[float]] = {"open": [], "open_with_chart": [], "reassign_click": []}
    panel.set_chart_visible(False)
    for run in range(runs + 1):
        elapsed = timed(open_row(second if run % 2 == 0 else first, chart=False))
        if run:  # the first run warms the row pools
            figures["open"].append(elapsed)
    panel.set_chart_visible(True)
    settle()
    for run in range(runs + 1):
        elapsed = timed(open_row(second if run % 2 == 0 else first, chart=True))
        if run:
            figures["open_with_chart"].append(elapsed)

    panel.set_chart_visible(False)
    check = sqlite3.connect(store.path)

    def committed(student_id: str, unit_id: str) -> bool:
        return (
            check.execute(
                "SELECT COUNT(*) FROM reassignment_event r WHERE r.student_id = ?"
                " AND r.unit_id = ? AND r.action = 'reassign' AND NOT EXISTS"
                " (SELECT 1 FROM reassignment_event u WHERE u.undoes_id = r.id)",
                (student_id, unit_id),
            ).fetchone()[0]
            == 1
        )

    for run in range(runs + 1):
        open_row(second if run % 2 == 0 else first, chart=False)()
        button_row = next(r for r in panel.unit_rows if r.reassign_button.isVisible())
        student_id, unit_id = panel.student_id, button_row.unit_id
        assert student_id is not None

        def click(button_row: Any = button_row) -> None:
            QTest.mouseClick(button_row.reassign_button, Qt.MouseButton.LeftButton)
            settle()

        elapsed = timed(click)
        if not (committed(student_id, unit_id) and window.undo_toast.isVisible()):
            raise SystemExit("reassign click: not committed or no undo toast")
        if window._reload_pending:
            raise SystemExit("reassign click: the roster had not reloaded")
        if run:
            figures["reassign_click"].append(elapsed)
        panel_presenter.undo_last()  # untimed: the next run reassigns again
        settle()

    window.close()
    check.close()
    store.close()

    stats = {name: summary(values) for name, values in figures.items()}
    result: dict[str, Any] = {
        "runs": runs,
        "screen": "1366x768 offscreen",
        "school": f"demo, {SECTION}, {AREA}, {len(roster.state.rows)} students",
        "figures_ms": stats,
        "first_chart_with_matplotlib_import_ms": cold_chart,
        "targets_ms": {"open": OPEN_TARGET_MS, "open_with_chart": OPEN_WITH_CHART_TARGET_MS},
        "verdicts": {
            "open": verdict(stats["open"]["median"], OPEN_TARGET_MS),
            "open_with_chart": verdict(
                stats["open_with_chart"]["median"], OPEN_WITH_CHART_TARGET_MS
            ),
        },
    }
    rows = [
        ("Open a student, chart collapsed", "open", f"<= {OPEN_TARGET_MS:g} ms"),
        (
            "Open a student with the chart (matplotlib loaded)",
            "open_with_chart",
            f"<= {OPEN_WITH_CHART_TARGET_MS:g} ms",
        ),
        ("Reassign click until committed and redrawn", "reassign_click", ""),
    ]
    print(f"\nStudent panel, {result['school']}, {runs} runs each, offscreen 1366x768")
    print(f"{'figure':<52} {'median':>9} {'min':>9} {'max':>9}  target")
    for label, name, target in rows:
        s = stats[name]
        mark = f"{target} {result['verdicts'][name]}" if name in result["verdicts"] else ""
        print(f"{label:<52} {s['median']:>6.1f} ms {s['min']:>6.1f} ms {s['max']:>6.1f} ms  {mark}")
    print(f"{'First chart of the process (imports matplotlib)':<52} {cold_chart:>6.0f} ms")
    write_result("panel", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

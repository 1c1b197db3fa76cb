"""The School view window by keys: Enter opens a grade, then a class; Backspace goes back;
the area and the month change mid-walk; offline it shows the kept figures and their age,
and with none it says so. Against a real server: a principal's School view equals the
figures of the records their laptop holds, and its export is the table on screen."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.school_view import Level
from classroom_desk.presenters.sync_status import ServerReads, Session
from classroom_desk.reports.skills_summary import school_month_from_store
from classroom_desk.store.database import Store
from classroom_desk.store.school_months import KeptSchoolMonths
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.school_view import SchoolViewWindow
from classroom_desk.ui.task_runner import TaskRunner
from tests.reports.test_school_month_wire import as_wire
from tests.sync.harness import free_port
from tests.ui.keyboard import ALT, Keyboard

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
WAIT_MS = 30_000


@pytest.fixture
def offline_reads(demo_store: Store) -> ServerReads:
    """A principal's sign-in to a server that is not there (the port is closed)."""
    url = f"http://127.0.0.1:{free_port()}"
    Replica(demo_store).remember_sign_in(
        server_url=url, user="pat", account_id="principal-1", role="principal"
    )
    return ServerReads(demo_store.path, None, Session(url, "pat", "token"))


def keep_a_copy(store: Store, year: int, month: int, fetched: datetime) -> None:
    figures = school_month_from_store(store.connection, year=year, month=month)
    answer = as_wire(store, figures, random.Random(7)).model_copy(update={"computed_at": fetched})
    signed_in = Replica(store).signed_in_as()
    assert signed_in is not None
    KeptSchoolMonths(store).keep(
        account=" ".join(signed_in),
        year=year,
        month=month,
        body=answer.model_dump_json(),
        at=fetched,
    )


def wait_for_figures(qtbot: QtBot, window: SchoolViewWindow) -> None:
    qtbot.waitUntil(lambda: window.refresh_button.isEnabled(), timeout=WAIT_MS)


def shown_first_column(window: SchoolViewWindow) -> list[str]:
    table = window.model.content
    return [] if table is None else [table.display(r, 0) for r in range(len(table.rows))]


def test_offline_it_walks_the_kept_figures_by_keys_and_says_how_old_they_are(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads, tmp_path: Path
) -> None:
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(days=2, hours=1))
    runner = TaskRunner()
    window = SchoolViewWindow(offline_reads, runner, today=NOW.date(), now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    wait_for_figures(qtbot, window)
    assert window.freshness_label.text().startswith(
        "Offline: the figures this laptop fetched 2 days ago ("
    )
    assert window.freshness_label.text().endswith("(the school server cannot be reached).")
    assert window.title_label.text() == "Maple Ridge Demo School: Reading by grade"
    assert shown_first_column(window) == ["4", "10"]

    keys = Keyboard(qtbot)
    assert keys.focus() is window.view
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)  # grade 10
    assert window.crumbs_label.text() == "Maple Ridge Demo School / Grade 10"
    assert shown_first_column(window) == ["10"]
    keys.press(Qt.Key.Key_Return)  # its one class: the students
    assert window.presenter.level is Level.STUDENTS
    assert window.crumbs_label.text().endswith("/ English 10, period 5")
    assert shown_first_column(window)[-1].startswith("Class (")
    keys.press(Qt.Key.Key_Return)  # a student's row opens nothing
    assert window.presenter.level is Level.STUDENTS

    # Math is not taught in English 10: the view goes up to where math is.
    window.area_combo.setCurrentIndex(window.area_combo.findData("math"))
    window.area_combo.activated.emit(window.area_combo.currentIndex())
    assert window.presenter.level is Level.GRADES
    assert shown_first_column(window) == ["4", "7"]
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Return)
    assert window.crumbs_label.text().endswith("/ Grade 4 Homeroom")
    keys.press(Qt.Key.Key_Backspace)
    assert window.crumbs_label.text() == "Maple Ridge Demo School / Grade 4"
    keys.press(Qt.Key.Key_Left, ALT)
    assert window.crumbs_label.text() == "Maple Ridge Demo School"
    keys.press(Qt.Key.Key_Backspace)  # at the top: stays
    assert window.presenter.level is Level.GRADES

    window.resize(1366, 768)
    window.grab().save(str(tmp_path / "school-view-offline.png"))

    # A month with no copy and no server: it says so, and shows no old month's table.
    window.month_combo.setCurrentIndex(1)
    window.month_combo.activated.emit(1)
    wait_for_figures(qtbot, window)
    assert window.model.content is None
    assert window.freshness_label.text().startswith("No figures for this month on this laptop")
    assert not window.export_csv_button.isEnabled()
    runner.wait(WAIT_MS)


def test_another_accounts_copy_is_never_shown(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads
) -> None:
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(hours=1))
    Replica(demo_store).remember_sign_in(
        server_url="http://127.0.0.1:9", user="lee", account_id="coach-2", role="coach"
    )
    runner = TaskRunner()
    reads = ServerReads(demo_store.path, None, Session("http://127.0.0.1:9", "lee", "t"))
    window = SchoolViewWindow(reads, runner, today=NOW.date(), now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    wait_for_figures(qtbot, window)
    assert window.model.content is None
    assert window.freshness_label.text().startswith("No figures for this month on this laptop")
    runner.wait(WAIT_MS)

"""The School view window by keys: Enter opens a grade, then a class; Backspace goes back;
the area and the month change mid-walk; offline it shows the kept figures and their age,
and with none it says so. Against a real server: a principal's School view equals the
figures of the records their laptop holds, and its export is the table on screen."""

from __future__ import annotations

import dataclasses
import random
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

import classroom_desk.ui.school_view as school_view_module
from classroom_desk.demo import build_demo_school
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.reports import table_csv
from classroom_desk.presenters.school_view import Level, Period
from classroom_desk.presenters.school_view import fetch_with_year as real_fetch
from classroom_desk.presenters.sync_status import ServerReads, Session
from classroom_desk.reports.skills_summary import (
    class_table,
    grade_table,
    period_minutes_target,
    school_month_from_store,
)
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.school_months import KeptSchoolMonths
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.school_view import SchoolViewWindow
from classroom_desk.ui.task_runner import TaskRunner
from tests.reports.test_school_month_wire import as_week_wire, as_wire
from tests.sync.harness import (
    MemoryKeyring,
    ServerProcess,
    create_principal,
    free_port,
    new_laptop,
    sqlite_url,
    template_store,
)
from tests.ui.conftest import laptop_window
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


def keep_a_copy(
    store: Store, year: int, month: int, fetched: datetime, *, weekly_minutes: int | None = None
) -> None:
    """The server's figures for the month, kept as a fetch keeps them (with the school's
    policy asking ``weekly_minutes`` a week, when given)."""
    figures = school_month_from_store(store.connection, year=year, month=month)
    if weekly_minutes is not None:
        policy = dataclasses.replace(figures.thresholds, min_weekly_minutes=weekly_minutes)
        figures = dataclasses.replace(figures, thresholds=policy)
    answer = as_wire(store, figures, random.Random(7)).model_copy(update={"computed_at": fetched})
    signed_in = Replica(store).signed_in_as()
    assert signed_in is not None
    KeptSchoolMonths(store).keep(
        account=signed_in.account,
        period=Period(year, month).key,
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
    assert window.freshness_label.text().startswith("Offline: figures computed 2 days ago (")
    assert window.title_label.text() == "Maple Ridge Demo School: Reading by grade"
    assert window.subtitle_label.text().startswith(
        "November 2026 (to Nov 18) · targets: 77 minutes in the month (30 a week)"
    )
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

    # Month by month (Ctrl+T): the kept months of the school year, for where the view is.
    keep_a_copy(demo_store, 2026, 9, NOW - timedelta(days=40))
    keys.press(Qt.Key.Key_Return)  # grade 4
    keys.shortcut("Ctrl+T")
    wait_for_figures(qtbot, window)
    assert window.trend_button.isChecked()
    # November was computed on the 18th: the month so far, held to 18 days' minutes.
    assert shown_first_column(window) == ["September 2026", "November 2026 (to Nov 18)"]
    assert "Not shown: August 2026, October 2026 (" in window.notes_label.text()
    assert window.title_label.text() == "Grade 4: Math month by month"
    keys.press(Qt.Key.Key_Return)  # a month opens nothing
    assert window.presenter.level is Level.CLASSES
    window.grab().save(str(tmp_path / "school-view-trend.png"))
    keys.shortcut("Ctrl+T")
    wait_for_figures(qtbot, window)
    assert window.title_label.text() == "Skills Summary: Maple Ridge Demo School, Grade 4"
    keys.press(Qt.Key.Key_Backspace)

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


# -- against a real server ---------------------------------------------------------------

PRINCIPAL, PRINCIPAL_PASSWORD = "principal-lee", "maple-ridge-principal-lee"


def red_rows(window: SchoolViewWindow, header: str) -> tuple[list[int], list[int]]:
    """The rows whose ``header`` cell is drawn red, and those whose figure is under the
    period's minutes target (the grade table's bar)."""
    table, fetched = window.model.content, window.presenter.fetched
    assert table is not None and fetched is not None
    column, target = table.headers.index(header), period_minutes_target(fetched.figures)
    model = window.model
    red = [
        row
        for row in range(len(table.rows))
        if model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole) is not None
    ]
    figures = [(row, cells[column]) for row, cells in enumerate(table.rows)]
    under = [row for row, value in figures if isinstance(value, int | float) and value < target]
    return red, under


def test_a_classs_minutes_under_the_target_are_red_as_the_grades_are(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads
) -> None:
    """Drilled into a grade, its classes' minutes per student, then into a class, a
    student's minutes (and the class line's mean) under the period's minutes target are
    red, as the grade table marks its means, and the subtitle says that target as the
    grade table's does."""
    # A school that asks an hour a week: some classes' means fall under it too.
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(hours=3), weekly_minutes=60)
    window = SchoolViewWindow(offline_reads, TaskRunner(), today=NOW.date(), now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    wait_for_figures(qtbot, window)
    red, under = red_rows(window, "Minutes per student")
    assert red == under
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)  # grade 4: its classes
    assert window.presenter.level is Level.CLASSES
    red, under = red_rows(window, "Minutes per student")
    assert under, "the grade's class is under the time target"
    assert red == under
    keys.press(Qt.Key.Key_Return)  # its homeroom: the students
    assert window.presenter.level is Level.STUDENTS
    red, under = red_rows(window, "Minutes")
    assert under, "the demo class has students under the time target"
    assert red == under
    fetched = window.presenter.fetched
    assert fetched is not None  # the bar the red is held to is said above the table
    target = period_minutes_target(fetched.figures)
    assert f"targets: {target} minutes in the month (60 a week)" in window.subtitle_label.text()


@pytest.fixture(scope="module")
def school_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    directory = tmp_path_factory.mktemp("school-view-server")
    process = ServerProcess(sqlite_url(directory), directory)
    process.start()
    create_principal(process.database_url, PRINCIPAL, PRINCIPAL_PASSWORD)
    yield process
    process.stop()


@pytest.fixture
def principal_window(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[tuple[MainWindow, Store]]:
    """A laptop holding the demo as the server built it today (a pull does not move an
    attempt the laptop already holds: built at another moment, its times would differ)."""
    store = open_store(tmp_path / "demo.sqlite")
    load_dataset(store, build_demo_school(datetime.now(UTC)))
    window, _sync = laptop_window(store, tmp_path / "settings.ini")
    qtbot.addWidget(window)
    window.show()
    yield window, store
    window.close()
    assert window.sync is not None
    window.sync.runner.wait(WAIT_MS)
    store.close()


def sign_in_as_principal(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> SchoolViewWindow:
    """Signed in by the sign-in dialog as a principal: the School view opens by itself,
    and it has figures."""
    sync = window.sync
    assert sync is not None
    sync.sign_in_action.trigger()
    dialog = sync.dialog
    assert dialog is not None
    dialog.url_edit.setText(server.url)
    dialog.user_edit.setText(PRINCIPAL)
    dialog.password_edit.setText(PRINCIPAL_PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sync.school_view is not None, timeout=WAIT_MS)
    view = sync.school_view
    assert view is not None
    wait_for_figures(qtbot, view)
    return view


def test_a_principal_signs_in_drills_from_grade_to_class_and_exports_the_summary(
    qtbot: QtBot,
    school_server: ServerProcess,
    principal_window: tuple[MainWindow, Store],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, store = principal_window
    sync = window.sync
    assert sync is not None
    view = sign_in_as_principal(qtbot, window, school_server)
    assert view.freshness_label.text().startswith("Figures from the school server, computed ")
    # The principal's laptop holds no raw activity (what it held went with the first
    # sync); an admin's laptop, which receives it, computes the same figures.
    qtbot.waitUntil(lambda: not sync.presenter.running, timeout=WAIT_MS)
    assert store.connection.execute("SELECT COUNT(*) FROM unit_attempt").fetchone() == (0,)
    admin = new_laptop(tmp_path, "admin", school_server.url, "admin", template_store(tmp_path))
    try:
        admin.sign_in()
        admin.sync()
        today = datetime.now(UTC).date()
        local = school_month_from_store(admin.store.connection, year=today.year, month=today.month)
    finally:
        admin.close()
    shown = view.presenter.fetched
    assert shown is not None and shown.figures.as_of is not None  # this month: so far
    local = dataclasses.replace(local, as_of=shown.figures.as_of)
    assert view.model.content == grade_table(local, content_area_id=view.presenter.content_area_id)

    # It is the window's page, in the roster's place.
    assert view.embedded and window.pages.currentWidget() is view
    keys = Keyboard(qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    view.view.setFocus()
    keys.press(Qt.Key.Key_Return)  # the first grade
    keys.press(Qt.Key.Key_Return)  # its first class
    assert view.presenter.level is Level.STUDENTS
    section = view.presenter.section_id
    assert section is not None
    area = view.presenter.content_area_id
    assert area is not None
    assert view.model.content == class_table(local, section_id=section, content_area_id=area)

    view.resize(1366, 768)
    view.grab().save(str(tmp_path / "school-view-class.png"))
    exported = tmp_path / "summary"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    view.export_csv_button.click()
    written = exported.with_name("summary.csv")
    qtbot.waitUntil(written.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.notes_label.text().startswith("Exported CSV"), timeout=WAIT_MS)
    assert written.read_bytes().decode("utf-8-sig") == table_csv([view.model.content])


# -- found by helper-36's review ---------------------------------------------------------


class Gate:
    """The window's fetch, waiting until let through (a slow school server)."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert self.open.wait(30)
        return real_fetch(*args, **kwargs)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    gate = Gate()
    monkeypatch.setattr(school_view_module, "fetch_with_year", gate)
    return gate


def test_a_late_answer_does_not_touch_a_window_already_deleted(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads, gate: Gate
) -> None:
    """SyncController.open_school_view closes and deleteLater()s the window it had: a fetch
    still running for it answers into deleted widgets (RuntimeError in the slot)."""
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(hours=1))
    runner = TaskRunner()
    gate.open.clear()
    window = SchoolViewWindow(offline_reads, runner, today=NOW.date(), now=lambda: NOW)
    window.show()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.open.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    # pytest-qt fails the test here: "Internal C++ object (QPushButton) already deleted".


def test_an_export_made_while_another_month_is_fetched_is_named_for_the_table_it_holds(
    qtbot: QtBot,
    demo_store: Store,
    offline_reads: ServerReads,
    gate: Gate,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(hours=1))
    runner = TaskRunner()
    window = SchoolViewWindow(offline_reads, runner, today=NOW.date(), now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    wait_for_figures(qtbot, window)
    assert "November 2026" in window.subtitle_label.text()

    gate.open.clear()  # October is slow to come
    window.month_combo.setCurrentIndex(1)
    window.month_combo.activated.emit(1)
    offered: list[str] = []

    def save_name(*args: object, **_kwargs: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    try:
        # The table on screen is still November's: either export is off while asking,
        # or the file it offers is named for November.
        if window.export_csv_button.isEnabled():
            window.export_csv_button.click()
            assert offered and "November" in offered[0], offered
    finally:
        gate.open.set()
        wait_for_figures(qtbot, window)
        runner.wait(WAIT_MS)


def test_the_area_combo_shows_its_choice_whole(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads
) -> None:
    """The combo is first shown empty (before any figures): AdjustToContentsOnFirstShow
    freezes it at that width, and every area name is cut ('Reading' by 2 px; 'English
    Language Arts' to half)."""
    figures = school_month_from_store(demo_store.connection, year=2026, month=11)
    answer = as_wire(demo_store, figures, random.Random(7))
    answer = answer.model_copy(
        update={
            "computed_at": NOW - timedelta(hours=1),
            "areas": [
                a.model_copy(update={"name": "English Language Arts"}) if a.id == "reading" else a
                for a in answer.areas
            ],
        }
    )
    signed_in = Replica(demo_store).signed_in_as()
    assert signed_in is not None
    KeptSchoolMonths(demo_store).keep(
        account=signed_in.account,
        period="2026-11",
        body=answer.model_dump_json(),
        at=NOW,
    )
    runner = TaskRunner()
    window = SchoolViewWindow(offline_reads, runner, today=NOW.date(), now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    wait_for_figures(qtbot, window)
    combo = window.area_combo
    assert combo.currentText() == "English Language Arts"
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 28  # fit_check's rule
    # The layout takes the combo's new size once control is back in the event loop.
    qtbot.waitUntil(lambda: combo.width() >= needed, timeout=WAIT_MS)
    runner.wait(WAIT_MS)


def test_fetching_again_while_a_fetch_runs_does_not_pile_up_work(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads, gate: Gate
) -> None:
    """F5 (or Ctrl+T, or arrowing through the month combo) while a fetch runs starts
    another; the stale ones run to the end on Qt's global pool (2 threads on a 2-core
    laptop, shared with the sync and the exports) though their answer is thrown away."""
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(hours=1))
    runner = TaskRunner()
    gate.open.clear()
    calls: list[object] = []
    inner = Gate.__call__

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[1:3])  # (year, month)
        return inner(self, *args, **kwargs)

    window = SchoolViewWindow(offline_reads, runner, today=NOW.date(), now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    type(gate).__call__ = counted  # type: ignore[method-assign]
    try:
        for _ in range(3):
            window.fetch()
        gate.open.set()
        wait_for_figures(qtbot, window)
        runner.wait(WAIT_MS)
    finally:
        type(gate).__call__ = inner  # type: ignore[method-assign]
    assert len(calls) <= 2, calls  # the first (running) and the last; today 3 more


# -- a week ------------------------------------------------------------------------------


def keep_body(store: Store, period: str, body: str) -> None:
    """``body`` kept as the signed-in account's copy of ``period``, fetched at ``NOW``."""
    signed_in = Replica(store).signed_in_as()
    assert signed_in is not None
    KeptSchoolMonths(store).keep(account=signed_in.account, period=period, body=body, at=NOW)


def window_with_weeks(qtbot: QtBot, reads: ServerReads, runner: TaskRunner) -> SchoolViewWindow:
    """The School view of a Chicago school on ``NOW``, its weeks offered, shown with the
    first answer in."""
    window = SchoolViewWindow(
        reads,
        runner,
        today=NOW.date(),
        now=lambda: NOW,
        calendar=SchoolCalendar.named("America/Chicago"),
    )
    qtbot.addWidget(window)
    window.show()
    wait_for_figures(qtbot, window)
    return window


def test_a_week_is_chosen_within_its_month_offline_and_kept_apart_from_the_month(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads
) -> None:
    """The roster's weeks of the chosen month (up to this one) are offered under the
    month; a week's kept copy shows as that week, cut to its days so far; a week with no
    copy says so, as a week; month by month is the month's, and gives the week back; a
    new month offers its own weeks."""
    week = date(2026, 11, 16)
    local = school_month_from_store(demo_store.connection, year=2026, month=11, week_start=week)
    answer = as_week_wire(demo_store, local, random.Random(3)).model_copy(
        update={"computed_at": NOW - timedelta(hours=1)}
    )
    keep_body(demo_store, week.isoformat(), answer.model_dump_json())
    keep_a_copy(demo_store, 2026, 11, NOW - timedelta(hours=2))
    runner = TaskRunner()
    window = window_with_weeks(qtbot, offline_reads, runner)
    weeks = [window.week_combo.itemText(i) for i in range(window.week_combo.count())]
    assert weeks == [
        "Whole month",
        "Week of Oct 26 to Nov 1, 2026",
        "Week of Nov 2 to Nov 8, 2026",
        "Week of Nov 9 to Nov 15, 2026",
        "Week of Nov 16 to Nov 22, 2026",
    ]

    def choose(combo: QComboBox, index: int) -> None:
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
        wait_for_figures(qtbot, window)

    choose(window.week_combo, 4)
    assert window.freshness_label.text().startswith("Offline: figures computed 1 hour ago (")
    assert window.subtitle_label.text().startswith(
        "Week of Nov 16 to Nov 22, 2026 (to Nov 20) · targets: 21 minutes in the week, "
    )
    shown = window.presenter.fetched
    assert shown is not None and shown.figures.week_start == week
    as_of = dataclasses.replace(local, as_of=date(2026, 11, 20))
    assert window.model.content == grade_table(as_of, content_area_id="reading")

    keys = Keyboard(qtbot)
    window.view.setFocus()
    keys.shortcut("Ctrl+T")  # month by month: the months, the week waiting
    wait_for_figures(qtbot, window)
    assert window.title_label.text() == "Maple Ridge Demo School: Reading month by month"
    assert not window.week_combo.isEnabled()
    keys.shortcut("Ctrl+T")
    wait_for_figures(qtbot, window)
    assert window.week_combo.isEnabled()
    assert window.subtitle_label.text().startswith("Week of Nov 16 to Nov 22, 2026 (to Nov 20)")

    choose(window.week_combo, 3)  # no copy of that week
    assert window.model.content is None
    assert window.freshness_label.text().startswith("No figures for this week on this laptop")

    choose(window.month_combo, 1)  # October: its own weeks, and the month whole
    assert window.week_combo.currentText() == "Whole month"
    assert window.week_combo.itemText(1) == "Week of Sep 28 to Oct 4, 2026"
    assert window.week_combo.count() == 6  # Sep 28 to Oct 26
    runner.wait(WAIT_MS)

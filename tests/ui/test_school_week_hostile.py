"""The School view's week against a real server whose school changes its first day of
the week while the principal's page shows."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from tests.sync.harness import ServerProcess, server_cli
from tests.ui.test_school_view import WAIT_MS, sign_in_as_principal, wait_for_figures
from tests.ui.test_school_view import principal_window as principal_window
from tests.ui.test_school_view import school_server as school_server

SUNDAY = 6


def test_a_new_first_day_of_the_week_gives_the_page_the_schools_new_weeks(
    qtbot: QtBot,
    school_server: ServerProcess,
    principal_window: tuple[MainWindow, Store],
) -> None:
    """``set-school --first-day sunday`` while the page shows: after the next sync the
    weeks offered start on Sunday, the Monday week shown gives way to its month, and a
    week chosen is the server's (before, the page kept offering Mondays, and every week
    was refused as "another week")."""
    window, _store = principal_window
    sync = window.sync
    assert sync is not None
    view = sign_in_as_principal(qtbot, window, school_server)
    qtbot.waitUntil(lambda: not sync.presenter.running, timeout=WAIT_MS)
    weeks = view.week_combo
    weeks.setCurrentIndex(weeks.count() - 1)  # this week, from Monday
    weeks.activated.emit(weeks.currentIndex())
    wait_for_figures(qtbot, view)
    changed = server_cli(school_server.database_url, "set-school", "--first-day", "sunday")
    assert changed.returncode == 0, changed.stderr
    try:
        sync.sync_now()
        qtbot.waitUntil(lambda: window.school_calendar().first_day == SUNDAY, timeout=WAIT_MS)
        assert sync.school_view is view
        # The Monday week chosen is no week of the school's now: its month, asked again.
        wait_for_figures(qtbot, view)
        assert weeks.currentIndex() == 0
        fetched = view.presenter.fetched
        assert fetched is not None and fetched.figures.week_start is None
        offered = [weeks.itemData(i) for i in range(1, weeks.count())]
        assert offered and all(isinstance(d, date) and d.weekday() == SUNDAY for d in offered)
        weeks.setCurrentIndex(weeks.count() - 1)
        weeks.activated.emit(weeks.currentIndex())
        wait_for_figures(qtbot, view)
        assert view.freshness_label.text().startswith("Figures from the school server")
        shown = view.presenter.fetched
        assert shown is not None and shown.figures.week_start == offered[-1]
    finally:
        back = server_cli(school_server.database_url, "set-school", "--first-day", "monday")
        assert back.returncode == 0, back.stderr

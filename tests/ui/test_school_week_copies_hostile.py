"""A week's kept copy that this version cannot read as a week, offline: the School view
says it is the week's copy, not the month's."""

from __future__ import annotations

import random
from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from classroom_desk.presenters.sync_status import ServerReads
from classroom_desk.reports.skills_summary import school_month_from_store
from classroom_desk.store.database import Store
from classroom_desk.ui.task_runner import TaskRunner
from tests.reports.test_school_month_wire import as_wire
from tests.ui.test_school_view import (
    NOW,
    WAIT_MS,
    keep_body,
    wait_for_figures,
    window_with_weeks,
)
from tests.ui.test_school_view import offline_reads as offline_reads


def test_an_unreadable_week_copy_is_named_a_week(
    qtbot: QtBot, demo_store: Store, offline_reads: ServerReads
) -> None:
    """Kept under the week's key, a month's answer (no first day of its week): the copy
    cannot be read, and the words say it is the week's copy."""
    week = date(2026, 11, 16)
    month = school_month_from_store(demo_store.connection, year=2026, month=11)
    body = as_wire(demo_store, month, random.Random(5)).model_copy(
        update={"computed_at": NOW - timedelta(hours=1)}
    )
    keep_body(demo_store, week.isoformat(), body.model_dump_json())
    runner = TaskRunner()
    window = window_with_weeks(qtbot, offline_reads, runner)
    weeks = window.week_combo
    index = next(i for i in range(weeks.count()) if weeks.itemData(i) == week)
    window.week_combo.setCurrentIndex(index)
    window.week_combo.activated.emit(index)
    wait_for_figures(qtbot, window)
    assert window.model.content is None
    assert window.freshness_label.text().startswith(
        "This laptop's copy of the week cannot be read (an older version kept it)"
    )
    runner.wait(WAIT_MS)

"""The Sync problems window's content and the status line's words for problems and a
laptop clock that is ahead, without Qt or a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from classroom_desk.presenters.sync_problems import problems_view
from classroom_desk.presenters.sync_status import SyncStatusPresenter
from classroom_desk.sync.values import ClockAheadError, SyncProblem
from tests.presenters.test_sync_status import NOW, SIGNED_IN, Status

REFUSED = SyncProblem(
    source="refused",
    what="goal.set_target",
    record_id="goal-1",
    reason="3 is not a sensible target for average_score",
    at=datetime(2026, 11, 19, 14, 5),
)
SET_ASIDE = SyncProblem(
    source="set aside",
    what="goal record",
    record_id="goal-2",
    reason="target_stamp is not a clock stamp",
    at=datetime(2026, 11, 19, 15, 30),
)


def test_each_problem_is_a_line_with_when_what_which_and_why() -> None:
    view = problems_view([REFUSED, SET_ASIDE], to_local=lambda moment: moment)
    assert [(line.when, line.what, line.record, line.why) for line in view.lines] == [
        ("Nov 19, 14:05", "Goal target (refused by the server)", "goal-1", REFUSED.reason),
        ("Nov 19, 15:30", "Goal record from the server (set aside)", "goal-2", SET_ASIDE.reason),
    ]
    assert view.summary.startswith("1 change of this laptop the school server refused")
    assert "1 record from the server this laptop could not store" in view.summary
    assert view.cell(1, 3) == SET_ASIDE.reason


def test_no_problems_says_so() -> None:
    view = problems_view([], to_local=lambda moment: moment)
    assert view.lines == () and view.summary.startswith("No sync problems")


def make(status: Status, problems: list[SyncProblem]) -> SyncStatusPresenter:
    return SyncStatusPresenter(
        store_path=Path("unused.sqlite"),
        read_status=status,
        read_problems=lambda: problems,
        keyring_available=lambda: True,
        now=lambda: NOW,
        to_local=lambda moment: moment,
    )


def test_the_status_line_counts_refused_and_set_aside_and_points_to_the_window() -> None:
    presenter = make(Status(replace(SIGNED_IN, rejected=1, set_aside=2)), [REFUSED, SET_ASIDE])
    assert presenter.text() == (
        "Not synced yet · 1 change refused by the server · 2 records from the server set aside"
    )
    assert "Sync problems" in presenter.detail()
    assert len(presenter.problems().lines) == 2


def test_a_clock_ahead_is_said_in_words_and_waiting_changes_are_explained() -> None:
    presenter = make(Status(replace(SIGNED_IN, pending=2)), [])
    work = presenter.begin_sync(lambda _: None)
    assert work is not None
    presenter.failed(
        ClockAheadError("This laptop's clock is 3 hours ahead: fix the date and time, then sync")
    )
    assert presenter.text() == (
        "This laptop's clock is 3 hours ahead: fix the date and time, then sync · 2 changes waiting"
    )
    assert "sent once its clock is right" in presenter.detail()
    assert presenter.periodic  # it keeps trying: once the clock is right, the changes go

"""The weekly rollup's rebuild runner: one run at a time, a request during a run honoured
after it, nothing after the window closes, and a failure leaves the figures computed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
from classroom_desk.store.database import Store
from classroom_desk.store.weekly_rollup import rollup_rebuild_pending
from classroom_desk.ui.rollup_rebuild import RollupRebuildRunner


class CountedRebuilds(RollupRebuildService):
    """The real rebuild, counting its runs."""

    runs = 0

    def run(self) -> bool:
        self.runs += 1
        return super().run()


def test_a_request_during_a_run_runs_once_more_then_finishes(
    qtbot: QtBot, demo_store: Store
) -> None:
    service = CountedRebuilds(demo_store.path)
    runner = RollupRebuildRunner(service)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.request()
        runner.request()  # while the first is queued or running
    assert finished.args == [True] and service.runs == 2
    assert not runner.running
    assert not rollup_rebuild_pending(demo_store.connection)


def test_nothing_runs_after_stop(qtbot: QtBot, demo_store: Store) -> None:
    runner = RollupRebuildRunner(RollupRebuildService(demo_store.path))
    runner.stop()
    with qtbot.assertNotEmitted(runner.finished, wait=300):
        runner.request()
    assert not runner.running
    assert rollup_rebuild_pending(demo_store.connection)


def test_a_failed_run_leaves_the_figures_computed_and_the_next_request_tries_again(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("")
    service = CountedRebuilds(not_a_folder / "school.sqlite")
    runner = RollupRebuildRunner(service)
    with qtbot.assertNotEmitted(runner.finished, wait=500):
        runner.request()
    qtbot.waitUntil(lambda: not runner.running)
    assert rollup_rebuild_pending(demo_store.connection)
    runner.request()
    qtbot.waitUntil(lambda: service.runs == 2 and not runner.running)

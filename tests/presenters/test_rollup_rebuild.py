"""The weekly rollup's rebuild as the app's runner calls it."""

from __future__ import annotations

from pathlib import Path

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
from classroom_desk.store.database import open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.weekly_rollup import rollup_rebuild_pending


def test_a_rebuild_stopped_before_it_began_builds_nothing(
    tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    """The window closed while the run was still queued: it must not hold the app's exit
    for a whole rebuild."""
    path = tmp_path / "school.sqlite"
    store = open_store(path)
    load_dataset(store, demo_dataset)
    store.close()
    service = RollupRebuildService(path)
    service.stop()
    assert not service.run()
    store = open_store(path)
    try:
        assert rollup_rebuild_pending(store.connection)
    finally:
        store.close()

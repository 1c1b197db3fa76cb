"""The Settings dialog's service on the store as the app keeps it: encrypted."""

from __future__ import annotations

from pathlib import Path

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
from classroom_desk.presenters.school_settings import SchoolSettingsService
from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import StoreKey
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.weekly_rollup import rollup_rebuild_pending


def test_an_encrypted_store_s_settings_are_read_saved_and_their_rollup_rebuilt(
    tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    key = StoreKey.generate()
    path = tmp_path / "school.sqlite"
    store = open_store(path, key)
    load_dataset(store, demo_dataset)
    store.close()
    service = SchoolSettingsService(path, key)
    before = service.read()
    assert before is not None and before.time_zone != "Europe/London"
    saved = service.save(
        time_zone="Europe/London",
        first_day_of_week=6,
        min_weekly_minutes=before.thresholds.min_weekly_minutes,
        mastery_score=before.thresholds.mastery_score,
        target_average=before.thresholds.target_average,
        weekly_units_target=before.thresholds.weekly_units_target,
    )
    assert (saved.time_zone, saved.first_day_of_week) == ("Europe/London", 6)
    assert RollupRebuildService(path, key).run()
    store = open_store(path, key)
    try:
        assert not rollup_rebuild_pending(store.connection)
    finally:
        store.close()

"""A laptop without a school server changes its school's policy; one with a server takes
the server's and refuses, changing nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.school_policy import PolicyChangeError, set_school_policy


def test_a_policy_change_is_stored_and_read_back(demo_store: Store) -> None:
    school = set_school_policy(
        demo_store, {"time_zone": "America/New_York", "first_day_of_week": 6, "mastery_score": 85.0}
    )
    assert (school.time_zone, school.first_day_of_week) == ("America/New_York", 6)
    assert school.thresholds.mastery_score == 85.0
    assert school.thresholds.min_weekly_minutes == 30  # the rest as it was
    reopened = open_store(demo_store.path)
    try:
        row = reopened.connection.execute("SELECT time_zone, mastery_score FROM school").fetchone()
    finally:
        reopened.close()
    assert row == ("America/New_York", 85.0)


def test_a_laptop_signed_in_to_a_server_refuses_and_changes_nothing(demo_store: Store) -> None:
    demo_store.connection.execute(
        "UPDATE sync_state SET server_url = 'http://school.example:8750' WHERE id = 1"
    )
    with pytest.raises(PolicyChangeError, match=r"from the school server http://school\.example"):
        set_school_policy(demo_store, {"time_zone": "Europe/Paris"})
    assert demo_store.connection.execute("SELECT time_zone FROM school").fetchone() != (
        "Europe/Paris",
    )
    assert set_school_policy(demo_store, {}).name  # showing the policy is still fine


def test_a_store_without_a_school_says_to_import_a_roster(tmp_path: Path) -> None:
    store = open_store(tmp_path / "school.sqlite")
    try:
        with pytest.raises(PolicyChangeError, match="import a roster first"):
            set_school_policy(store, {"time_zone": "Europe/Paris"})
    finally:
        store.close()


def test_the_command_line_shows_changes_and_refuses_with_the_option_named(
    tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    data_dir = tmp_path / "data"
    school = open_store(data_dir / "school.sqlite")
    load_dataset(school, demo_dataset)
    school.close()

    def run(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "classroom_desk", "set-school", *options,
             "--data-dir", str(data_dir)],
            capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip

    shown = run()
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.endswith("2 units mastered a week\n")
    changed = run("--weekly-units-target", "3", "--first-day", "sun")
    assert changed.returncode == 0, changed.stderr
    assert "weeks start on Sunday" in changed.stdout and "3 units mastered a week" in changed.stdout
    refused = run("--mastery-score", "180")
    assert refused.returncode == 2
    assert refused.stderr.endswith(
        "error: --mastery-score: expected a percentage from 0 to 100; got '180'\n"
    )
    assert "3 units mastered a week" in run().stdout

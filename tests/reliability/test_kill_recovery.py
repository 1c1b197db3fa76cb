"""SIGKILL at random moments loses nothing the teacher saw saved (DESIGN.md's promise)."""

from pathlib import Path

import pytest

from classroom_desk.demo import build_demo_school
from classroom_desk.store.database import open_store
from classroom_desk.store.loading import load_dataset
from tests.reliability.kill_harness import run

KILLS = 100


@pytest.mark.slow
def test_a_hundred_kills_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "school.sqlite"
    store = open_store(path)
    load_dataset(store, build_demo_school())
    store.close()
    figures = run(path, kills=KILLS, seed=7)
    print(f"\nkill test: {figures}")
    assert figures.kills == KILLS
    assert figures.acknowledged > KILLS  # the teacher really worked between kills
    assert (figures.lost, figures.duplicated, figures.integrity_failures) == (0, 0, 0), (
        figures.problems[:5]
    )

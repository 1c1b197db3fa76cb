"""Shared fixtures: Qt runs offscreen, stores are real SQLite files under tmp_path."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from classroom_desk.demo import build_demo_school
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset

# Qt tests run offscreen on a screen the size of the classroom laptop (1366x768), not the
# offscreen platform's 800x600: windows are sized to the screen as the app sizes them.
_SCREEN = {"screens": [{"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}
if os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen_file = Path(tempfile.mkdtemp(prefix="qt-screen-")) / "screen.json"
    _screen_file.write_text(json.dumps(_SCREEN), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_file}"

# No per-example deadline: it is a timing assertion, and these machines are shared and
# noisy (a loaded CI machine failed a fast property on it). Examples stay bounded.
settings.register_profile("shared-machines", deadline=None)
settings.load_profile("shared-machines")

#: A fixed moment (Thursday evening, Chicago) so demo data and "this week" never drift.
DEMO_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo_dataset() -> SchoolDataset:
    return build_demo_school(DEMO_NOW)


@pytest.fixture
def demo_store(tmp_path: Path, demo_dataset: SchoolDataset) -> Iterator[Store]:
    store = open_store(tmp_path / "demo.sqlite")
    load_dataset(store, demo_dataset)
    yield store
    store.close()

"""Fixtures for the Qt tests: a presenter over the demo store, settings in tmp_path, a window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterPresenter, RosterSettings
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.ui.main_window import MainWindow, load_roster_settings
from tests.conftest import DEMO_NOW

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_presenter(demo_store: Store) -> Callable[[], RosterPresenter]:
    def make() -> RosterPresenter:
        return RosterPresenter(source=RosterQueries(demo_store.connection), now=lambda: DEMO_NOW)

    return make


@pytest.fixture
def presenter(make_presenter: Callable[[], RosterPresenter]) -> RosterPresenter:
    started = make_presenter()
    started.start(RosterSettings())
    return started


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(
    qtbot: QtBot,
    make_presenter: Callable[[], RosterPresenter],
    settings_path: Path,
) -> WindowFactory:
    """Start a fresh presenter from the remembered settings and show its window, as the app does."""

    def open_() -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        presenter = make_presenter()
        presenter.start(load_roster_settings(settings))
        window = MainWindow(presenter, settings)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts reach only the active window
            window.show()
            window.activateWindow()
        return window

    return open_


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window()

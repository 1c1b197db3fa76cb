"""Fixtures for the Qt tests: presenters over the demo store, settings in tmp_path, a window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterPresenter, RosterSettings
from classroom_desk.presenters.student_panel import StudentPanelPresenter
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.ui.main_window import MainWindow, load_roster_settings
from tests.conftest import DEMO_NOW
from tests.sync.harness import memory_keyring as memory_keyring  # a fixture, for test_sync_ui

WindowFactory = Callable[..., MainWindow]


class Clock:
    """The panel's clock: the demo's fixed moment, moved on by hand."""

    def __init__(self) -> None:
        self.now = DEMO_NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_presenter(demo_store: Store) -> Callable[[], RosterPresenter]:
    def make() -> RosterPresenter:
        return RosterPresenter(
            source=RosterQueries(demo_store.connection),
            goals=ConferenceQueries(demo_store.connection),
            now=lambda: DEMO_NOW,
        )

    return make


@pytest.fixture
def presenter(make_presenter: Callable[[], RosterPresenter]) -> RosterPresenter:
    started = make_presenter()
    started.start(RosterSettings())
    return started


def panel_presenter_for(
    store: Store, roster: RosterPresenter, clock: Callable[[], datetime]
) -> StudentPanelPresenter:
    """Wired as ``app`` wires it: the roster's calendar and thresholds, real store writes."""
    return StudentPanelPresenter(
        source=ConferenceQueries(store.connection),
        actions=TeacherActions(store, ensure_device(store)),
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=clock,
    )


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(
    qtbot: QtBot,
    make_presenter: Callable[[], RosterPresenter],
    demo_store: Store,
    clock: Clock,
    settings_path: Path,
) -> WindowFactory:
    """Start fresh presenters from the remembered settings and show their window, as the app
    does."""

    def open_() -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        presenter = make_presenter()
        presenter.start(load_roster_settings(settings))
        window = MainWindow(presenter, panel_presenter_for(demo_store, presenter, clock), settings)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts reach only the active window
            window.show()
            window.activateWindow()
        return window

    return open_


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window()

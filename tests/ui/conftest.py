"""Fixtures for the Qt tests: presenters over the demo store, settings in tmp_path, a window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from classroom_desk import __version__
from classroom_desk.presenters.imports import ImportService
from classroom_desk.presenters.reports import ReportService
from classroom_desk.presenters.roster import RosterPresenter, RosterSettings
from classroom_desk.presenters.school_settings import AppInfo, SchoolSettingsService
from classroom_desk.presenters.schools import SchoolSwitchPresenter
from classroom_desk.presenters.student_panel import StudentPanelPresenter
from classroom_desk.presenters.sync_status import SyncStatusPresenter
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.school_files import SCHOOL_STORE
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.client import read_status
from classroom_desk.ui.main_window import MainWindow, load_roster_settings
from classroom_desk.ui.school_switcher import SchoolSwitcher
from classroom_desk.ui.sign_in_dialog import SignInDialog
from classroom_desk.ui.translation import install_language
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
def spanish(qapp: object) -> Iterator[None]:
    """The app speaking Spanish for one test (English again after it)."""
    assert install_language("es") == "es"
    yield
    install_language("en")


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


def laptop_window(store: Store, settings_file: Path) -> tuple[MainWindow, SyncStatusPresenter]:
    """The app's window over ``store`` with sync attached, on today's clock (a laptop that
    signs in to a server started today), not yet shown."""
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    roster = RosterPresenter(
        source=RosterQueries(store.connection),
        goals=ConferenceQueries(store.connection),
        now=lambda: datetime.now(UTC),
    )
    roster.start(load_roster_settings(settings))
    sync = SyncStatusPresenter(store_path=store.path, read_status=lambda: read_status(store))
    window = MainWindow(
        roster,
        panel_presenter_for(store, roster, lambda: datetime.now(UTC)),
        settings,
        sync_presenter=sync,
    )
    return window, sync


def schools_window(
    qtbot: QtBot, folder: Path, file: str = SCHOOL_STORE
) -> tuple[Store, MainWindow, SyncStatusPresenter, SchoolSwitcher]:
    """The laptop's first school's store in ``folder`` (or the store ``file``), its window
    with sync and the School menu attached, shown (the caller closes the window, then the
    store)."""
    store = open_store(folder / file)
    window, sync = laptop_window(store, folder / "settings.ini")
    switcher = window.attach_schools(SchoolSwitchPresenter(folder, store.path))
    qtbot.addWidget(window)
    window.show()
    return store, window, sync, switcher


def sign_in_from(
    qtbot: QtBot, window: MainWindow, url: str, user: str, password: str
) -> SignInDialog:
    """Sync > Sign in to school server..., filled in and Sign in clicked: the dialog, its
    sign-in under way."""
    assert window.sync is not None
    window.sync.sign_in_action.trigger()
    dialog = window.sync.dialog
    assert dialog is not None
    dialog.url_edit.setText(url)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


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


@pytest.fixture
def full_window(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, clock: Clock
) -> Iterator[MainWindow]:
    """The window as the app makes it: settings service, About's facts, the File menu's
    imports and reports, sync attached."""
    presenter = RosterPresenter(
        source=RosterQueries(demo_store.connection),
        goals=ConferenceQueries(demo_store.connection),
        now=lambda: DEMO_NOW,
    )
    presenter.start(RosterSettings())
    sync = SyncStatusPresenter(
        store_path=demo_store.path, read_status=lambda: read_status(demo_store)
    )
    window = MainWindow(
        presenter,
        panel_presenter_for(demo_store, presenter, clock),
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        sync_presenter=sync,
        school_settings=SchoolSettingsService(demo_store.path),
        app_info=AppInfo(
            version=__version__,
            data_folder=tmp_path,
            store_file=demo_store.path,
            settings_file=tmp_path / "settings.ini",
        ),
    )
    window.install_data_menu(ImportService(demo_store.path), ReportService(demo_store.path))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    yield window
    window.close()
    assert window.sync is not None and window.data_menu is not None
    window.sync.runner.wait(10_000)
    window.data_menu.runner.wait(10_000)

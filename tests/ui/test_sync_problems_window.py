"""The Sync problems window: its table model passes Qt's checks, it lists what the
presenter gives, and the Sync menu opens it only when there is something to list."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMenuBar
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.sync_problems import problems_view
from classroom_desk.presenters.sync_status import SyncStatusPresenter
from classroom_desk.ui.sync_problems_window import SyncProblemsWindow
from classroom_desk.ui.sync_status_widget import SyncController
from tests.presenters.test_sync_problems import REFUSED, SET_ASIDE
from tests.presenters.test_sync_status import NOW, SIGNED_IN, Status


def test_the_table_lists_every_problem_and_passes_the_model_checks(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    window = SyncProblemsWindow()
    qtbot.addWidget(window)
    qtmodeltester.check(window.model)
    window.show_view(problems_view([REFUSED, SET_ASIDE], to_local=lambda moment: moment))
    qtmodeltester.check(window.model)
    assert window.model.rowCount() == 2 and window.model.columnCount() == 4
    assert window.model.index(0, 3).data() == REFUSED.reason
    assert window.summary.text().startswith("1 change of this laptop")
    window.show()
    window.grab().save(str(tmp_path / "sync-problems.png"))
    assert window.width() <= 1024 and window.height() <= 600


def test_the_sync_menu_opens_it_only_when_there_are_problems(qtbot: QtBot) -> None:
    status = Status(SIGNED_IN)
    presenter = SyncStatusPresenter(
        store_path=Path("unused.sqlite"),
        read_status=status,
        read_problems=lambda: [REFUSED],
        keyring_available=lambda: True,
        now=lambda: NOW,
        to_local=lambda moment: moment,
    )
    main = QMainWindow()
    qtbot.addWidget(main)
    controller = SyncController(presenter, main)
    controller.add_menu(QMenuBar(main))
    assert not controller.problems_action.isEnabled()
    status.value = replace(SIGNED_IN, rejected=1)
    presenter.reload_status()
    controller._render()
    assert controller.problems_action.isEnabled()
    controller.problems_action.trigger()
    window = controller.problems_window
    assert window is not None and window.isVisible()
    assert window.model.rowCount() == 1

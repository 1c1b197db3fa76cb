"""A class that works in none of the app's content areas (an art class from the school's
OneRoster export) says so, names the areas the app follows, and nothing else misbehaves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from classroom_desk.importers.oneroster.importer import import_oneroster
from classroom_desk.presenters.imports import ImportService
from classroom_desk.presenters.plans import plan_presenters
from classroom_desk.presenters.reports import ReportService
from classroom_desk.presenters.roster import ALL_SECTIONS
from classroom_desk.store.database import Store, open_store
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.plan_menu import PlanMenu
from classroom_desk.ui.reports_windows import SkillsSummaryWindow
from tests.conftest import DEMO_NOW
from tests.importers.packages import BASE_FILES, replaced, write_package
from tests.ui.conftest import laptop_window

ART = (
    "Art 4 is not a Reading or Math class: Classroom Desk shows minutes and units of "
    "Reading or Math classes only. Choose one in the Class box."
)
#: The base package and a math class with its teacher and no student yet.
ART_CLASS = BASE_FILES["classes.csv"].splitlines()[-1] + "\n"
WITH_EMPTY_MATH = {
    **replaced(
        "classes.csv",
        ART_CLASS,
        ART_CLASS + "cls-x,active,2024-08-01,Math 5,05,crs-m,,scheduled,,org-1,term-1,,,\n",
    ),
    "enrollments.csv": BASE_FILES["enrollments.csv"]
    + "e-t1-x,active,2024-08-01,cls-x,org-1,t-1,teacher,true,,\n",
}


@pytest.fixture
def imported_store(tmp_path: Path) -> Iterator[Store]:
    """A laptop's store with the package imported: Reading and Math areas, and Art 4."""
    store = open_store(tmp_path / "data" / "school.sqlite")
    import_oneroster(write_package(tmp_path / "package", WITH_EMPTY_MATH), store)
    yield store
    store.close()


def _window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    window, _sync = laptop_window(store, tmp_path / "settings.ini")
    qtbot.addWidget(window)
    window.show()
    return window


def _choose(window: MainWindow, starts_with: str) -> None:
    """Choose a class in the Class box as a click does."""
    combo = window.section_combo
    index = combo.findText(starts_with, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, starts_with
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _area_box_says_none(window: MainWindow, none: str) -> None:
    combo = window.area_combo
    assert combo.count() == 0 and not combo.isEnabled()
    assert combo.currentIndex() == -1 and combo.placeholderText() == none


def test_an_art_class_says_it_is_not_a_reading_or_math_class(
    qtbot: QtBot, imported_store: Store, tmp_path: Path
) -> None:
    window = _window(qtbot, imported_store, tmp_path)
    _choose(window, "Art 4")
    assert window.section_combo.currentText() == "Art 4 (1 student)"
    assert window.table.empty_text == ART
    _area_box_says_none(window, "None")
    assert window.status_label.text() == "Maple Elementary", "no '0 of 0 students'"
    assert not window.bulk_reassign_action.isEnabled()
    below_mastery = next(iter(window.filter_actions.values()))  # Ctrl+1
    below_mastery.trigger()
    assert window.table.empty_text == ART, "a filter does not make it a filter's fault"
    below_mastery.trigger()
    roster = window._presenter
    plans = plan_presenters(
        imported_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    window.plan_menu = PlanMenu(window, roster, plans)
    assert window.plan_menu.open_groups() is None
    assert window.statusBar().currentMessage() == ART, "not 'Choose one class (not All...)'"
    window.statusBar().clearMessage()
    window.install_data_menu(ImportService(imported_store.path), ReportService(imported_store.path))
    assert window.data_menu is not None
    window.data_menu.class_chart_action.trigger()
    assert window.data_menu.chart_dialog is None, "no empty chart of 'No content area'"
    assert window.statusBar().currentMessage() == ART

    _choose(window, "Reading 4A")
    assert window.model.rowCount() == 3
    assert [window.area_combo.itemText(n) for n in range(window.area_combo.count())] == ["Reading"]
    assert window.area_combo.currentText() == "Reading"

    _choose(window, "Art 4")
    assert window.table.empty_text == ART
    _area_box_says_none(window, "None")

    _choose(window, "Math 5")  # a math class with nobody enrolled: the old words are right
    assert window.area_combo.currentText() == "Math"
    assert window.table.empty_text == "No students in this class."


def test_all_classes_says_none_of_them_is_a_reading_or_math_class(
    qtbot: QtBot, imported_store: Store, tmp_path: Path
) -> None:
    window = _window(qtbot, imported_store, tmp_path)
    _choose(window, "All classes")
    assert window.model.rowCount() == 2 and window.area_combo.currentText() == "Math"
    with imported_store.transaction() as connection:  # no class works in an area now
        connection.execute("DELETE FROM section_content_area")
    window.reload_school()
    assert window._presenter.section_id == ALL_SECTIONS
    assert window.table.empty_text == (
        "None of the classes is a Reading or Math class: Classroom Desk shows minutes and "
        "units of Reading or Math classes only."
    )
    _area_box_says_none(window, "None")


def test_a_laptop_with_no_class_yet_says_how_to_get_them(qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "empty.sqlite")
    try:
        window = _window(qtbot, store, tmp_path)
        assert window.table.empty_text == (
            "No classes yet. Import a roster (File menu), or sign in to the school server."
        )
        window.close()
    finally:
        store.close()


def _summary_of(qtbot: QtBot, window: MainWindow, store: Store) -> SkillsSummaryWindow:
    window.install_data_menu(ImportService(store.path), ReportService(store.path))
    assert window.data_menu is not None
    window.data_menu.skills_summary_action.trigger()
    summary = window.data_menu.summary_window
    assert summary is not None
    qtbot.addWidget(summary)
    return summary


def _summary_says_not_an_area_class(qtbot: QtBot, summary: SkillsSummaryWindow) -> None:
    qtbot.waitUntil(lambda: summary.subtitle_label.text() == ART)
    assert summary.notes_label.text() == "", "no note of a table not shown"
    assert summary.title_label.text() == "Skills Summary: Art 4", "not 'Art 4,'"
    assert summary.model.rowCount() == 0, "no empty class line of nobody"
    area = summary.area_combo
    assert area.count() == 0 and not area.isEnabled() and area.placeholderText() == "None"
    assert not summary.export_csv_button.isEnabled()
    assert not summary.export_pdf_button.isEnabled()


def test_the_skills_summary_of_an_art_class_says_what_the_roster_says(
    qtbot: QtBot, imported_store: Store, tmp_path: Path
) -> None:
    window = _window(qtbot, imported_store, tmp_path)
    _choose(window, "Art 4")
    summary = _summary_of(qtbot, window, imported_store)
    _summary_says_not_an_area_class(qtbot, summary)

    def choose(name: str) -> None:
        summary.class_combo.setCurrentIndex(summary.class_combo.findText(name))
        summary.class_combo.activated.emit(summary.class_combo.currentIndex())

    choose("Reading 4A")  # a reading class builds its table, to export
    qtbot.waitUntil(lambda: summary.model.rowCount() > 0)
    assert summary.title_label.text() == "Skills Summary: Reading 4A, Reading"
    assert summary.area_combo.currentText() == "Reading"
    assert summary.export_pdf_button.isEnabled()
    choose("Art 4")  # and back: none of the reading table stays
    _summary_says_not_an_area_class(qtbot, summary)


class _Paints(QObject):
    """Counts the paints a widget gets (what the screen shows is what was painted last)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_words_on_an_empty_list_are_painted_again_when_they_change(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A second school's first sync brings only an art class: the list stays empty, and
    its words must change on screen too ("No classes yet" stayed, the class in the box)."""
    store = open_store(tmp_path / "empty.sqlite")
    try:
        window = _window(qtbot, store, tmp_path)
        qtbot.waitExposed(window)
        assert window.table.empty_text.startswith("No classes yet.")
        paints = _Paints(window.table.viewport())
        qtbot.wait(50)
        paints.count = 0
        import_oneroster(write_package(tmp_path / "package", BASE_FILES), store)
        with store.transaction() as connection:  # as a school of art classes only
            connection.execute("DELETE FROM section_content_area")
        window.reload_school(keep_list=True)  # as after a sync that pulled rows
        assert window.model.rowCount() == 0
        assert window.table.empty_text.startswith("None of the classes is a Reading or Math")
        qtbot.waitUntil(lambda: paints.count > 0, timeout=2000)
        window.close()
    finally:
        store.close()


@pytest.mark.usefixtures("spanish")
def test_an_art_class_says_so_in_spanish(
    qtbot: QtBot, imported_store: Store, tmp_path: Path
) -> None:
    window = _window(qtbot, imported_store, tmp_path)
    _choose(window, "Art 4")
    assert window.table.empty_text == (
        "Art 4 no es una clase de Reading o Math: Classroom Desk muestra los minutos y las "
        "unidades solo de las clases de Reading o Math. Elija una en el cuadro Clase."
    )
    _area_box_says_none(window, "Ninguna")
    summary = _summary_of(qtbot, window, imported_store)  # and the Skills Summary alike
    qtbot.waitUntil(lambda: summary.subtitle_label.text() == window.table.empty_text)
    assert summary.title_label.text() == "Resumen de habilidades: Art 4"
    assert summary.area_combo.placeholderText() == "Ninguna"


def _ink(window: MainWindow, width: int) -> int:
    """How many pixels of the empty table's viewport are not its background, at ``width``."""
    window.table.resize(width, 300)
    image = window.table.viewport().grab().toImage()
    blank = image.pixelColor(image.width() // 2, image.height() - 5)
    return sum(image.pixelColor(x, y) != blank for x in range(image.width()) for y in range(80))


def test_the_message_wraps_inside_a_narrow_table_rather_than_be_cut(
    qtbot: QtBot, imported_store: Store, tmp_path: Path
) -> None:
    """On a narrow roster the long message is drawn whole, in lines: as much ink as on a
    table wide enough for one line (a cut line has far less)."""
    window = _window(qtbot, imported_store, tmp_path)
    _choose(window, "Art 4")
    whole = _ink(window, 1500)
    assert whole > 0
    assert _ink(window, 500) > 0.9 * whole

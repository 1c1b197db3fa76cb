"""The File menu's data in and out, driven as a teacher drives it: choose a file, read what
the window then shows. Choosers and message boxes are answered by monkeypatching them."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.presenters.imports import ActivityField, ImportService
from classroom_desk.presenters.reports import WHOLE_SCHOOL, ReportService, pick_student
from classroom_desk.presenters.roster import COLUMNS, Column, RosterPresenter, RosterSettings
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.sync.replica import Replica
from classroom_desk.ui.data_menu import DataMenu
from classroom_desk.ui.import_dialogs import (
    PROBLEM_BACKGROUND,
    ActivityMappingDialog,
    RosterPreviewDialog,
    StudentQuestionsDialog,
)
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.reports_windows import ClassChartDialog, SkillsSummaryWindow
from tests.conftest import DEMO_NOW, probe_connection
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.history import add_attempt
from tests.importers.packages import line_of, replaced, without_students, write_package
from tests.importers.test_corpus import file_digest
from tests.importers.vendor_school import CAKIR, EXPORTS, vendor_dataset
from tests.ui.conftest import Clock, panel_presenter_for
from tests.ui.roster_truth import section_id_named

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "oneroster"
HOMEROOM = "Grade 4 Homeroom"
ATTEMPT_HEADERS = ["Student ID", "Student", "Subject", "Skill", "Score", "Time spent (min)", "Date"]


class Answers:
    """Stands in for the choosers and message boxes; records what the window said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open_path = ""
        self.save_path = ""
        self.messages: list[tuple[str, str, str]] = []

        def remember(kind: str) -> Callable[..., QMessageBox.StandardButton]:
            def box(_parent: Any, title: str, text: str, *_args: Any) -> Any:
                self.messages.append((kind, title, text))
                return QMessageBox.StandardButton.Ok

            return box

        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (self.open_path, ""))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (self.save_path, ""))
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, remember(kind))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


def window_over(
    qtbot: QtBot, store: Store, settings_path: Path, imports: ImportService | None = None
) -> MainWindow:
    """A window on ``store`` with the File menu wired as ``app`` wires it."""
    queries = RosterQueries(store.connection)
    presenter = RosterPresenter(
        source=queries,
        goals=ConferenceQueries(store.connection),
        now=lambda: DEMO_NOW,
        sources=queries,
    )
    presenter.start(RosterSettings())
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(presenter, panel_presenter_for(store, presenter, Clock()), settings)
    window.install_data_menu(imports or ImportService(store.path), ReportService(store.path))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = open_store(data_dir / "school.sqlite")
    yield store
    store.close()


def menu(window: MainWindow) -> DataMenu:
    return window.data_menu


def section_texts(window: MainWindow) -> list[str]:
    combo = window.section_combo
    return [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]


def shown_names(window: MainWindow) -> list[str]:
    return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]


def count(store_path: Path, table: str) -> int:
    connection = probe_connection(store_path)
    try:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


# -- roster import ------------------------------------------------------------------------------


def shown_preview(qtbot: QtBot, window: MainWindow) -> RosterPreviewDialog:
    """The roster import's preview, once the dry run behind it is done."""
    qtbot.waitUntil(
        lambda: (
            getattr(menu(window), "preview_dialog", None) is not None
            and menu(window).preview_dialog.isVisible()
        ),
        timeout=20000,
    )
    dialog: RosterPreviewDialog = menu(window).preview_dialog
    return dialog


def accept_preview(qtbot: QtBot, window: MainWindow) -> None:
    """Import what the preview shows, as a teacher does with Import."""
    dialog = shown_preview(qtbot, window)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no OneRoster samples at {SAMPLES}")
def test_a_real_sample_package_imports_through_the_menu(
    qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    assert window.menuBar().actions()[0].text() == "&File"
    assert section_texts(window) == ["All classes"]
    answers.open_path = str(SAMPLES / "Test_minimal_data_set" / "manifest.csv")  # the folder
    menu(window).import_roster_action.trigger()
    accept_preview(qtbot, window)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Roster imported")
    assert text.startswith("Imported OneRoster 1.1 roster")
    assert "Not imported:" in text  # what was ignored is said too
    # The roster reloaded: the package's classes and students are in the window.
    assert section_texts(window) == [
        "History - 2 (1 student)",
        "Introduction to Physics (1 student)",
        "All classes",
    ]
    assert count(empty_store.path, "student") == 3
    assert menu(window).import_roster_action.isEnabled()


def test_a_zipped_package_shows_its_students_in_the_roster(
    qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    folder = write_package(tmp_path / "package")
    archive = Path(shutil.make_archive(str(tmp_path / "roster"), "zip", folder))
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    answers.open_path = str(archive)
    menu(window).import_roster_action.trigger()
    accept_preview(qtbot, window)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert answers.messages[0][0] == "information", answers.messages
    window.section_combo.setCurrentIndex(
        window.section_combo.findText("Reading 4A", Qt.MatchFlag.MatchStartsWith)
    )
    window.section_combo.activated.emit(window.section_combo.currentIndex())
    assert window.section_combo.currentText() == "Reading 4A (3 students)"
    assert sorted(shown_names(window)) == ["Ava Nguyen", "Ben Ortiz", "Cleo Park"]


def test_a_broken_package_says_file_line_column_and_changes_nothing(
    qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    broken = write_package(
        tmp_path / "broken",
        replaced("users.csv", "s-3,active,2024-08-01,true", "s-3,enrolled,2024-08-01,true"),
    )
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    answers.open_path = str(broken / "manifest.csv")
    menu(window).import_roster_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("warning", "Import roster failed")
    line = line_of("users.csv", "s-3,")
    assert text.startswith(f"{broken / 'users.csv'}:{line}:2: expected active, tobedeleted")
    assert "Nothing was imported" in text
    assert section_texts(window) == ["All classes"]
    assert count(empty_store.path, "student") == 0
    assert count(empty_store.path, "school") == 0


def test_file_undo_last_roster_import_brings_the_roster_back_and_says_what_it_restored(
    qtbot: QtBot,
    empty_store: Store,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    data_menu = menu(window)
    data_menu.menu.aboutToShow.emit()
    assert not data_menu.undo_roster_action.isEnabled(), "nothing to undo yet"
    answers.open_path = str(write_package(tmp_path / "package") / "manifest.csv")
    data_menu.import_roster_action.trigger()
    accept_preview(qtbot, window)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert count(empty_store.path, "student") == 4
    data_menu.menu.aboutToShow.emit()
    assert data_menu.undo_roster_action.isEnabled()
    asked: list[str] = []

    def question(_parent: object, title: str, text: str, *_args: object) -> object:
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    answers.messages.clear()
    data_menu.undo_roster_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert asked[0].startswith("Undo last roster import: Undo the roster import of ")
    assert "students 4 added" in asked[0]
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Roster import undone")
    assert text.startswith("Restored the store as it was before the roster import of ")
    assert count(empty_store.path, "student") == 0
    assert section_texts(window) == ["All classes"]


def test_a_roster_imported_on_the_demo_offers_to_open_the_school(
    qtbot: QtBot,
    demo_store: Store,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    school = tmp_path / "school" / "school.sqlite"
    opened: list[str] = []
    imports = ImportService(
        demo_store.path, roster_store_path=school, open_school=lambda: opened.append("school")
    )
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini", imports)
    asked: list[str] = []

    def question(_parent: object, title: str, text: str, *_args: object) -> object:
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    answers.open_path = str(write_package(tmp_path / "package") / "manifest.csv")
    menu(window).import_roster_action.trigger()
    accept_preview(qtbot, window)
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert asked[0].startswith("Roster imported: Imported OneRoster 1.1 roster")
    assert asked[0].endswith(
        "Open your school now? Classroom Desk saves your notes and reopens on it."
    )
    assert opened == ["school"]
    assert not window.isVisible()
    assert count(school, "student") == 4


def test_the_school_opens_only_once_this_window_has_closed(
    qtbot: QtBot,
    demo_store: Store,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A note that cannot be saved makes closing ask; Cancel keeps this window, so the
    school must not open beside it (two apps on one data folder)."""
    school = tmp_path / "school" / "school.sqlite"
    opened: list[str] = []
    imports = ImportService(
        demo_store.path, roster_store_path=school, open_school=lambda: opened.append("school")
    )
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini", imports)
    assert window.open_student(window._presenter.state.visible[0].student_id)
    qtbot.keyClicks(window.panel.note_edit, "Wants to try fractions again")
    Replica(demo_store).remember_role("coach")  # the note can no longer be saved
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes
    )  # open the school now
    answers.open_path = str(write_package(tmp_path / "package") / "manifest.csv")
    menu(window).import_roster_action.trigger()
    accept_preview(qtbot, window)
    # The close question is answered Ok by ``answers``: not Close, so the window stays.
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert [(kind, title) for kind, title, _text in answers.messages] == [
        ("warning", "A note is not saved")
    ]
    assert window.isVisible()
    assert opened == []
    Replica(demo_store).remember_role("teacher")
    assert window.close()


# -- activity import ---------------------------------------------------------------------------


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([ATTEMPT_HEADERS, *rows])
    return path


def test_activity_mapping_preview_questions_and_minutes_in_the_roster(
    qtbot: QtBot,
    demo_store: Store,
    demo_dataset: SchoolDataset,
    answers: Answers,
    tmp_path: Path,
    qtmodeltester: Any,
) -> None:
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    presenter: RosterPresenter = window.data_menu._roster
    presenter.select_section(section_id_named(demo_dataset, HOMEROOM))
    presenter.select_content_area("math")
    sofia = demo_dataset.students[1]
    before = next(r for r in presenter.state.rows if r.student_id == sofia.id).figures.minutes
    path = write_rows(
        tmp_path / "ixl.csv",
        [
            [sofia.source_id, "", "Math", "Fractions on a number line", "90", "20", "11/17/2026"],
            ["", "Zed Nobody", "Math", "Fractions on a number line", "85", "15", "11/17/2026"],
            [sofia.source_id, "", "Math", "Decimals", "75", "25", "11/18/2026"],
        ],
    )
    answers.open_path = str(path)
    menu(window).import_activity_action.trigger()
    dialog = menu(window).mapping_dialog
    assert isinstance(dialog, ActivityMappingDialog) and dialog.isVisible()
    # Guessed from the headers.
    guessed = {f: c.currentData() for f, c in dialog.field_combos.items() if c.currentData()}
    assert guessed[ActivityField.STUDENT_ID] == "Student ID"
    assert guessed[ActivityField.SCORE] == "Score"
    assert guessed[ActivityField.MINUTES] == "Time spent (min)"
    assert not dialog.area_combo.isEnabled()  # the file has a content-area column
    # The preview marks the name that fits no student.
    model = dialog.preview_model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    marked = [
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.data(model.index(r, c), Qt.ItemDataRole.BackgroundRole) is not None
    ]
    assert len(marked) == 1 and marked[0][0] == 1
    tip = model.data(model.index(*marked[0]), Qt.ItemDataRole.ToolTipRole)
    assert "none matches 'Zed Nobody'" in tip
    assert model.data(model.index(*marked[0]), Qt.ItemDataRole.BackgroundRole).color() == (
        PROBLEM_BACKGROUND
    )
    # Saved under the platform's name, then imported.
    dialog.source_combo.setCurrentText("IXL")
    dialog.save_button.click()
    assert ImportService(demo_store.path).saved_sources() == ["IXL"]
    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: getattr(menu(window), "questions_dialog", None) is not None, timeout=20000
    )
    questions = menu(window).questions_dialog
    assert isinstance(questions, StudentQuestionsDialog)
    assert len(questions.combos) == 1
    combo = next(iter(questions.combos.values()))
    combo.setCurrentIndex(combo.findText(StudentQuestionsDialog.SKIP))
    questions.accept()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Activity imported"), text
    assert "2 added" in text and "Skipped as asked" in text
    after = next(r for r in presenter.state.rows if r.student_id == sofia.id)
    assert after.figures.minutes == before + 45
    row = window.model.row_of(sofia.id)
    assert row is not None
    minutes = window.model.index(row, COLUMNS.index(Column.MINUTES)).data()
    assert str(before + 45) in str(minutes)


# -- class chart ---------------------------------------------------------------------------------


def test_class_chart_opens_and_a_click_on_a_point_opens_the_student(
    qtbot: QtBot, demo_store: Store, answers: Answers, tmp_path: Path
) -> None:
    from matplotlib.backend_bases import MouseButton, MouseEvent

    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    menu(window).class_chart_action.trigger()
    dialog = menu(window).chart_dialog
    assert isinstance(dialog, ClassChartDialog) and dialog.isVisible()
    chart = dialog.chart
    assert chart.points
    dialog.canvas.draw()
    axes = chart.figure.axes[0]
    target = next(
        p
        for p in chart.points
        if pick_student(chart, p.minutes, p.average_score or 0.0) == p.student_id
        and p.student_id != window.panel.student_id
    )
    x, y = axes.transData.transform((target.minutes, target.average_score or 0.0))
    with qtbot.waitSignal(window.student_opened) as opened:
        MouseEvent("button_press_event", dialog.canvas, x, y, MouseButton.LEFT)._process()
    assert opened.args == [target.student_id]
    assert window.panel.student_id == target.student_id
    assert window.selected_student_id() == target.student_id
    # Not held above the roster: its own window, no transient parent.
    assert dialog.parent() is None
    handle = dialog.windowHandle()
    assert handle is not None and handle.transientParent() is None

    # By keyboard: choose a student, Enter opens them; Esc closes the chart.
    other = next(p for p in chart.points if p.student_id != target.student_id)
    dialog.activateWindow()
    dialog.student_combo.setCurrentIndex(dialog.student_combo.findData(other.student_id))
    with qtbot.waitSignal(window.student_opened) as opened:
        qtbot.keyClick(dialog.student_combo, Qt.Key.Key_Return)
    assert opened.args == [other.student_id]
    assert window.panel.name_label.text() == other.name
    qtbot.keyClick(dialog.student_combo, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_class_chart_exports_pdf_png_and_csv(
    qtbot: QtBot, demo_store: Store, answers: Answers, tmp_path: Path
) -> None:
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    menu(window).class_chart_action.trigger()
    dialog = menu(window).chart_dialog
    assert isinstance(dialog, ClassChartDialog)
    for name in ("chart.pdf", "chart.png", "chart.csv"):
        answers.save_path = str(tmp_path / name)
        dialog.export_button.click()
        qtbot.waitUntil(lambda name=name: name in dialog.hint.text(), timeout=20000)
    assert (tmp_path / "chart.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    with (tmp_path / "chart.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Student", "Minutes", "Average %", "Where they stand"]
    shown = {p.student_id: p for p in dialog.chart.points + dialog.chart.unplotted}
    assert len(rows) - 1 == len(shown) == len(window.data_menu._roster.state.rows)
    by_name = {p.name: p for p in shown.values()}
    for name, minutes, average, where in rows[1:]:
        point = by_name[name]
        assert int(minutes) == point.minutes
        if point.average_score is None:
            assert (average, where) == ("", "no scored units")
        else:
            assert float(average) == round(point.average_score, 1)
            assert where == point.quadrant(window.data_menu._roster.thresholds)


# -- Skills Summary ------------------------------------------------------------------------------


def table_cells(window: SkillsSummaryWindow) -> list[list[str]]:
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    return [headers, *rows]


def export_csv(qtbot: QtBot, window: SkillsSummaryWindow, answers: Answers, path: Path) -> None:
    answers.save_path = str(path)
    window.export_csv_button.click()
    qtbot.waitUntil(lambda: window.notes_label.text().startswith("Exported CSV"), timeout=20000)


def test_skills_summary_csv_equals_the_table(
    qtbot: QtBot, demo_store: Store, answers: Answers, tmp_path: Path, qtmodeltester: Any
) -> None:
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    menu(window).skills_summary_action.trigger()
    summary = menu(window).summary_window
    assert isinstance(summary, SkillsSummaryWindow)
    qtbot.waitUntil(lambda: summary.model.rowCount() > 0, timeout=20000)
    qtmodeltester.check(summary.model)
    assert summary.month_combo.currentText() == "November 2026"
    assert summary.title_label.text().startswith("Skills Summary: ")

    export_csv(qtbot, summary, answers, tmp_path / "class")  # the suffix is added
    with (tmp_path / "class.csv").open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file)) == table_cells(summary)

    # The whole school, sorted by grade.
    combo = summary.class_combo
    with qtbot.waitSignal(summary.table_shown, timeout=20000):
        combo.setCurrentIndex(combo.findData(WHOLE_SCHOOL))
        combo.activated.emit(combo.currentIndex())
    assert not summary.area_combo.isEnabled()
    qtmodeltester.check(summary.model)
    export_csv(qtbot, summary, answers, tmp_path / "school.csv")
    with (tmp_path / "school.csv").open(encoding="utf-8-sig", newline="") as file:
        school = list(csv.reader(file))
    assert school == table_cells(summary)
    assert school[0][0] == "Grade"

    answers.save_path = str(tmp_path / "school.pdf")
    summary.export_pdf_button.click()
    qtbot.waitUntil(lambda: summary.notes_label.text().startswith("Exported PDF"), timeout=30000)
    assert (tmp_path / "school.pdf").read_bytes().startswith(b"%PDF")


def test_a_student_report_exports_for_the_selected_student(
    qtbot: QtBot, demo_store: Store, answers: Answers, tmp_path: Path
) -> None:
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    first = window.model.row_at(0)
    assert first is not None and window.open_student(first.student_id)
    answers.save_path = str(tmp_path / "report.csv")
    menu(window).export_student_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "report.csv").exists(), timeout=20000)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=20000)
    assert (tmp_path / "report.csv").read_text(encoding="utf-8-sig").startswith("Measure,")


# -- roster import: the preview, a large removal, a choice of school ------------------------


def _roster_with_activity(
    qtbot: QtBot, store: Store, answers: Answers, tmp_path: Path
) -> MainWindow:
    window = window_over(qtbot, store, tmp_path / "settings.ini")
    answers.open_path = str(write_package(tmp_path / "full") / "manifest.csv")
    menu(window).import_roster_action.trigger()
    accept_preview(qtbot, window)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    answers.messages.clear()
    add_attempt(store, record_id("student", "s-1"))
    return window


def test_a_large_removal_is_shown_named_and_imported_only_after_the_yes(
    qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    window = _roster_with_activity(qtbot, empty_store, answers, tmp_path)
    art_only = without_students(1, 2, 3)
    answers.open_path = str(write_package(tmp_path / "partial", art_only) / "manifest.csv")
    before = file_digest(empty_store.path)
    menu(window).import_roster_action.trigger()
    dialog = shown_preview(qtbot, window)
    assert dialog.removals_box.isVisible()
    assert dialog.removals_label.text().startswith(
        "This import would remove or make inactive 3 of 4 students (75%: Ava Nguyen, Ben Ortiz,"
        " Cleo Park)"
    )
    assert "is it a partial export" in dialog.removals_label.text()
    assert "1 made inactive: Ava Nguyen (activity)" in dialog.table_labels["Students"].text()
    assert "2 removed: Ben Ortiz, Cleo Park" in dialog.table_labels["Students"].text()
    assert not dialog.import_button.isEnabled(), "no import without the yes"
    assert dialog.import_button.text() == "Import and remove them"
    assert file_digest(empty_store.path) == before, "the preview wrote nothing"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.isDefault() and not dialog.import_button.isDefault(), "Enter cancels"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert file_digest(empty_store.path) == before

    menu(window).preview_dialog = None
    menu(window).import_roster_action.trigger()
    dialog = shown_preview(qtbot, window)
    dialog.confirm_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert answers.messages[0][1] == "Roster imported"
    with probe_connection(empty_store.path) as connection:
        assert connection.execute(
            "SELECT source_id, active FROM student ORDER BY source_id"
        ).fetchall() == [("s-1", 0), ("s-4", 1)]


def test_a_package_changed_after_its_preview_is_not_imported_on_the_yes_given_to_the_preview(
    qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    """The yes is for the people the preview named: if the SIS rewrites the export while
    the dialog is open, so that everyone would go, the import is refused, changing nothing."""
    window = _roster_with_activity(qtbot, empty_store, answers, tmp_path)
    package = write_package(tmp_path / "nightly", without_students(2))
    answers.open_path = str(package / "manifest.csv")
    before = file_digest(empty_store.path)
    menu(window).import_roster_action.trigger()
    dialog = shown_preview(qtbot, window)
    assert dialog.removals_label.text().startswith(
        "This import would remove or make inactive 1 of 4 students (25%: Ben Ortiz)"
    )
    write_package(tmp_path / "wiped", without_students(1, 2, 3, 4))
    for name in ("users.csv", "enrollments.csv"):
        shutil.copyfile(tmp_path / "wiped" / name, package / name)
    dialog.confirm_check.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("warning", "Import roster failed")
    assert "the package changed since its preview: this import would remove or make inactive" in (
        text
    )
    assert "4 of 4 students" in text and "the yes was given for 1 of 4 students" in text
    assert file_digest(empty_store.path) == before, "nothing was imported"


def test_a_package_of_two_schools_asks_which_then_previews_and_imports_that_one(
    qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    answers.open_path = str(write_package(tmp_path / "district", TWO_SCHOOLS) / "manifest.csv")
    menu(window).import_roster_action.trigger()
    qtbot.waitUntil(
        lambda: (
            getattr(menu(window), "choice_dialog", None) is not None
            and menu(window).choice_dialog.isVisible()
        ),
        timeout=20000,
    )
    choice = menu(window).choice_dialog
    combo = choice.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Maple Elementary (3 classes)",
        "Oak Elementary (1 class)",
    ]
    combo.setCurrentIndex(1)
    choice.accept()
    dialog = shown_preview(qtbot, window)
    assert dialog.view.headline.startswith("Oak Elementary: OneRoster 1.1 roster")
    assert dialog.table_labels["Students"].text() == "3 added: Eva Lund, Finn Moe, Dev Shah"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert count(empty_store.path, "student") == 3


def test_a_dateless_vendor_export_is_mapped_once_then_imported_without_questions(
    qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    """ALEKS's weekly report: the dialog says why it chose each column (and why not the
    expiry date), dates it by the week it was written; the same header next week goes
    straight in with the saved mapping, its names matched in the class shown."""
    shutil.copyfile(EXPORTS / "aleks_weekly.csv", tmp_path / "aleks.csv")
    path = tmp_path / "aleks.csv"
    written = datetime(2026, 11, 19, 18, 0, tzinfo=UTC).timestamp()
    os.utime(path, (written, written))
    store = open_store(tmp_path / "school.sqlite")
    load_dataset(store, vendor_dataset())
    window = window_over(qtbot, store, tmp_path / "settings.ini")
    presenter: RosterPresenter = window.data_menu._roster
    presenter.select_section(CAKIR)
    presenter.select_content_area("math")
    answers.open_path = str(path)
    menu(window).import_activity_action.trigger()
    dialog = menu(window).mapping_dialog
    assert isinstance(dialog, ActivityMappingDialog) and dialog.isVisible()
    assert dialog.period_row.isVisibleTo(dialog)
    assert dialog.period_combo.currentText() == "the week the file was written (week of Nov 16)"
    assert "'Expiration Date' is not the activity date" in dialog.why_label.text()
    assert not dialog.import_button.isEnabled()  # no content area yet
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("math"))
    dialog.area_combo.activated.emit(dialog.area_combo.currentIndex())
    assert dialog.preview_model.rowCount() == 4
    assert all(row.ok for row in dialog.preview_model.content.rows)  # type: ignore[union-attr]
    dialog.source_combo.setCurrentText("ALEKS")
    dialog.grab().save(str(tmp_path / "aleks-mapping.png"))
    dialog.save_button.click()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Activity imported"), text
    assert "4 rows read, 4 added" in text
    assert count(store.path, "activity_summary") == 4
    assert "ALEKS activity as of" in window.freshness_label.text()
    # Next week's file, same header: no dialog, no questions.
    menu(window).mapping_dialog = None  # type: ignore[assignment]
    answers.messages.clear()
    menu(window).import_activity_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    assert menu(window).mapping_dialog is None
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Activity imported"), text
    assert "0 added, 4 already there" in text
    store.close()


def test_the_mapping_dialog_fits_a_small_laptop_screen(
    qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "school.sqlite")
    load_dataset(store, vendor_dataset())
    window = window_over(qtbot, store, tmp_path / "settings.ini")
    answers.open_path = str(EXPORTS / "aleks_weekly.csv")
    menu(window).import_activity_action.trigger()
    dialog = menu(window).mapping_dialog
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 560, hint
    dialog.resize(1024, 560)
    dialog.grab().save(str(tmp_path / "small.png"))
    dialog.reject()
    store.close()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no OneRoster samples at {SAMPLES}")
def test_a_oneroster_gradebook_imports_through_the_activity_menu(
    qtbot: QtBot, answers: Answers, empty_store: Store
) -> None:
    from classroom_desk.importers.oneroster import import_oneroster

    import_oneroster(SAMPLES / "Test_full_data_set", empty_store)
    window = window_over(qtbot, empty_store, empty_store.path.parent / "settings.ini")
    gradebook = Path(__file__).parents[1] / "importers" / "gradebook" / "v1p1"
    answers.open_path = str(gradebook / "manifest.csv")
    menu(window).import_activity_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Activity imported"), text
    assert "4 added" in text and "2 results not graded yet" in text
    assert count(empty_store.path, "unit_attempt") == 4


def test_the_roster_says_how_fresh_each_source_is_and_marks_an_old_one(
    qtbot: QtBot, demo_store: Store, answers: Answers, tmp_path: Path
) -> None:
    """On Thursday Nov 19: activity imported at 6:02 that morning is fresh; a roster
    imported the Thursday before is five school days old, marked."""
    from classroom_desk.store.data_sources import record_import

    with demo_store.transaction() as connection:
        record_import(
            connection, kind="roster", name="Roster", at=datetime(2026, 11, 12, 18, 0, tzinfo=UTC)
        )
        record_import(
            connection, kind="activity", name="ALEKS", at=datetime(2026, 11, 19, 12, 2, tzinfo=UTC)
        )
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    label = window.freshness_label
    assert label.text() == (
        '<span style="color:#b03a2e; font-weight:bold">⚠ Roster as of Nov 12 '
        "(5 school days old)</span> · ALEKS activity as of 6:02 today"
    )
    assert label.toolTip().splitlines() == [
        "Roster as of Nov 12 (5 school days old) — older than two school days",
        "ALEKS activity as of 6:02 today",
    ]
    window.resize(1366, 768)
    window.grab().save(str(tmp_path / "freshness.png"))


def test_many_sources_never_widen_the_window_past_a_small_screen(
    qtbot: QtBot, demo_store: Store, answers: Answers, tmp_path: Path
) -> None:
    from classroom_desk.store.data_sources import record_import

    with demo_store.transaction() as connection:
        record_import(
            connection, kind="roster", name="Roster", at=datetime(2026, 11, 10, 18, 0, tzinfo=UTC)
        )
        for name in ("ALEKS", "i-Ready", "IXL", "Khan Academy", "Lexia Core5", "Zearn Math"):
            record_import(
                connection, kind="activity", name=name, at=datetime(2026, 11, 19, 12, 2, tzinfo=UTC)
            )
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    assert window.freshness_label.text() == (
        '<span style="color:#b03a2e; font-weight:bold">⚠ Roster as of Nov 10 '
        "(7 school days old)</span> · 6 other sources up to date"
    )
    assert len(window.freshness_label.toolTip().splitlines()) == 7
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 600)
    qtbot.wait(50)  # the status bar lays itself out again
    assert window.freshness_label.width() >= 300
    window.grab().save(str(tmp_path / "small.png"))

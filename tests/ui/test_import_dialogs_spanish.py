"""The import dialogs in Spanish, opened on real files as a teacher opens them: no English
left on the roster preview (with its removals and notes), the school choice, the column
mapping (guesses, problem cells, the week it covers), the student questions, the reports
and errors the window shows after, and the restore dialog. Errors keep their place
(``file:line:column``) in front of the Spanish words."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.i18n import weekday_day_and_month
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.importer import import_oneroster
from classroom_desk.presenters.backups import BackupService
from classroom_desk.store.database import Store, backup_if_due, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.undo import SCHOOL_SETTINGS, lost_work_text
from classroom_desk.ui.import_dialogs import ActivityMappingDialog, StudentQuestionsDialog
from classroom_desk.ui.restore_dialog import RestoreBackupDialog
from classroom_desk.ui.task_runner import TaskRunner
from tests.conftest import DEMO_NOW
from tests.importers.corpus import CORPUS, TWO_SCHOOLS
from tests.importers.packages import write_package
from tests.importers.vendor_school import CAKIR, EXPORTS, vendor_dataset
from tests.ui.roster_truth import section_id_named
from tests.ui.test_data_menu import (
    HOMEROOM,
    SAMPLES,
    Answers,
    _roster_with_activity,
    menu,
    shown_preview,
    window_over,
    write_rows,
)
from tests.ui.test_translations import untranslated


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "school.sqlite")
    yield store
    store.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


def package_data(folder: Path) -> set[str]:
    """What a OneRoster package puts on screen as data: people, classes, schools, ids."""
    data: set[str] = {str(folder), folder.name}
    columns = {
        "users.csv": (("givenName", "familyName"), ("sourcedId", "role")),
        "classes.csv": (("title",), ("sourcedId",)),
        "orgs.csv": (("name",), ("sourcedId",)),
        "courses.csv": (("title",), ("sourcedId",)),
    }
    for name, (shown, ids) in columns.items():
        path = folder / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8-sig", newline="") as file:
            for row in csv.DictReader(file):
                data.add(" ".join(row.get(column, "") for column in shown).strip())
                data |= {row.get(column, "") for column in ids}
    return {datum for datum in data if datum}


def untranslated_text(text: str, data: set[str]) -> list[str]:
    """English left in a message box's text (one line at a time), data aside."""
    from PySide6.QtWidgets import QLabel

    found = []
    for line in text.splitlines():
        label = QLabel(line)
        found += untranslated(label, data)
        label.deleteLater()
    return found


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no OneRoster samples at {SAMPLES}")
def test_the_roster_preview_of_a_real_sample_speaks_spanish(
    spanish: None, qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    sample = SAMPLES / "Test_full_data_set"
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    answers.open_path = str(sample / "manifest.csv")
    menu(window).import_roster_action.trigger()
    dialog = shown_preview(qtbot, window)
    dialog.details_button.setChecked(True)  # the notes and what is not imported
    data = package_data(sample)
    assert dialog.windowTitle() == "Importar lista de estudiantes: Test_full_data_set"
    found = untranslated(dialog, data)
    assert found == [], "\n".join(found)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    _kind, title, text = answers.messages[0]
    assert title == "Lista de estudiantes importada"
    found = untranslated_text(text, data)
    assert found == [], "\n".join(found)


def test_a_large_removal_is_asked_in_spanish(
    spanish: None, qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    from tests.importers.packages import without_students

    window = _roster_with_activity(qtbot, empty_store, answers, tmp_path)
    package = write_package(tmp_path / "partial", without_students(1, 2, 3))
    answers.open_path = str(package / "manifest.csv")
    menu(window).import_roster_action.trigger()
    dialog = shown_preview(qtbot, window)
    assert dialog.removals_box.isVisible()
    assert dialog.removals_label.text().startswith(
        "Esta importación quitaría o dejaría inactivos 3 de 4 estudiantes (75%: Ava Nguyen, "
        "Ben Ortiz, Cleo Park)"
    )
    students = dialog.table_labels["Estudiantes"].text()
    assert "1 pasan a inactivos: Ava Nguyen (actividad)" in students
    data = package_data(package) | package_data(tmp_path / "full")
    found = untranslated(dialog, data)
    assert found == [], "\n".join(found)


def test_the_school_choice_speaks_spanish(
    spanish: None, qtbot: QtBot, empty_store: Store, answers: Answers, tmp_path: Path
) -> None:
    package = write_package(tmp_path / "district", TWO_SCHOOLS)
    window = window_over(qtbot, empty_store, tmp_path / "settings.ini")
    answers.open_path = str(package / "manifest.csv")
    menu(window).import_roster_action.trigger()
    qtbot.waitUntil(lambda: getattr(menu(window), "choice_dialog", None) is not None, timeout=20000)
    choice = menu(window).choice_dialog
    combo = choice.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Maple Elementary (3 clases)",
        "Oak Elementary (1 clase)",
    ]
    found = untranslated(choice, package_data(package) | {"Maple Elementary", "Oak Elementary"})
    assert found == [], "\n".join(found)
    choice.reject()


def test_the_activity_mapping_its_questions_and_report_speak_spanish(
    spanish: None,
    qtbot: QtBot,
    demo_store: Store,
    demo_dataset: SchoolDataset,
    answers: Answers,
    tmp_path: Path,
) -> None:
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    presenter = window.data_menu._roster
    presenter.select_section(section_id_named(demo_dataset, HOMEROOM))
    sofia = demo_dataset.students[1]
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
    model = dialog.preview_model
    tips = [
        model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert (
        "Línea 3: se esperaba un estudiante de esta escuela; ninguno coincide con 'Zed Nobody'"
        in (" ".join(tip for tip in tips if tip))
    )
    headers = {*dialog._headers, "ixl", path.name, str(path)}
    rows = {
        "Math",
        "Fractions on a number line",
        "Decimals",
        "Zed Nobody",
        sofia.source_id,
        "11/17/2026",
        "11/18/2026",
    }
    data = headers | rows
    found = untranslated(dialog, data)
    assert found == [], "\n".join(found)
    dialog.source_combo.setCurrentText("IXL")
    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: getattr(menu(window), "questions_dialog", None) is not None, timeout=20000
    )
    questions = menu(window).questions_dialog
    assert isinstance(questions, StudentQuestionsDialog)
    student_names = {f"{s.given_name} {s.family_name}" for s in demo_dataset.students}
    found = untranslated(questions, data | student_names)
    assert found == [], "\n".join(found)
    combo = next(iter(questions.combos.values()))
    combo.setCurrentIndex(combo.count() - 1)  # Omitir estas filas
    assert combo.currentText() == "Omitir estas filas"
    questions.accept()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert (kind, title) == ("information", "Actividad importada"), text
    assert "Intentos de unidades importados de IXL" in text and "Omitidas según lo pedido" in text
    found = untranslated_text(text, data | {"IXL"})
    assert found == [], "\n".join(found)


def test_a_broken_activity_file_says_where_in_spanish(
    spanish: None,
    qtbot: QtBot,
    demo_store: Store,
    demo_dataset: SchoolDataset,
    answers: Answers,
    tmp_path: Path,
) -> None:
    """The error keeps ``file:line:column`` and says what was expected in Spanish."""
    student = demo_dataset.students[1].source_id
    path = write_rows(
        tmp_path / "ixl.csv",
        [
            *([student, "", "Math", "Decimals", "80", "20", "11/17/2026"] for _ in range(10)),
            [student, "", "Math", "Decimals", "ochenta", "20", "11/17/2026"],
        ],
    )
    window = window_over(qtbot, demo_store, tmp_path / "settings.ini")
    answers.open_path = str(path)
    menu(window).import_activity_action.trigger()
    dialog = menu(window).mapping_dialog
    assert isinstance(dialog, ActivityMappingDialog)
    model = dialog.preview_model
    tips = " ".join(
        str(model.index(10, c).data(Qt.ItemDataRole.ToolTipRole))
        for c in range(model.columnCount())
    )
    assert "Línea 12: se esperaba un puntaje de 0 a 100; se encontró 'ochenta'" in tips
    dialog.source_combo.setCurrentText("IXL")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=20000)
    kind, title, text = answers.messages[0]
    assert kind == "warning" and title.startswith("Importar actividad"), (title, text)
    assert text.startswith("ixl.csv:12:5: se esperaba un puntaje de 0 a 100; se encontró 'ochenta'")
    assert "No se importó nada" in text


def test_the_week_of_a_dateless_export_is_written_in_spanish(
    spanish: None, qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    """The period it covers, the week picker and the reasons for each column."""
    shutil.copyfile(EXPORTS / "aleks_weekly.csv", tmp_path / "aleks.csv")
    path = tmp_path / "aleks.csv"
    written = datetime(2026, 11, 19, 18, 0, tzinfo=UTC).timestamp()
    os.utime(path, (written, written))
    store = open_store(tmp_path / "school.sqlite")
    load_dataset(store, vendor_dataset())
    window = window_over(qtbot, store, tmp_path / "settings.ini")
    window.data_menu._roster.select_section(CAKIR)
    answers.open_path = str(path)
    menu(window).import_activity_action.trigger()
    dialog = menu(window).mapping_dialog
    assert isinstance(dialog, ActivityMappingDialog)
    assert dialog.period_combo.currentText() == (
        "la semana en que se escribió el archivo (semana del 16 nov)"
    )
    assert "'Expiration Date' no es el campo fecha de la actividad" in dialog.why_label.text()
    shown = dialog.week_edit.date().toPython()
    assert dialog.week_edit.text() == f"{weekday_day_and_month(shown)} {shown.year}"
    with path.open(encoding="utf-8-sig") as file:
        cells = {cell for row in csv.reader(file) for cell in row}
    found = untranslated(dialog, cells | {"aleks", str(path)})
    assert found == [], "\n".join(found)
    dialog.reject()
    window.close()  # its panel's timers stop before the store they read is closed
    store.close()


def test_the_restore_dialog_speaks_spanish(
    spanish: None, qtbot: QtBot, tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    store = open_store(tmp_path / "school.sqlite")
    load_dataset(store, demo_dataset)
    backup_if_due(store, now=DEMO_NOW)
    dialog = RestoreBackupDialog(BackupService(store.path, store.key), TaskRunner())
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=20000)
    assert "copia diaria" in dialog.list_widget.item(0).text()
    found = untranslated(dialog, {str(tmp_path)})
    assert found == [], "\n".join(found)
    dialog.close()
    store.close()


@pytest.mark.parametrize(
    ("variant_name", "separator"),
    [
        ("a semicolon header over comma-separated rows", "coma"),
        ("an unquoted comma in a name (Darnell,Smith, Jr.)", "coma"),
    ],
)
def test_a_refusal_names_the_separator_in_spanish(
    spanish: None, tmp_path: Path, empty_store: Store, variant_name: str, separator: str
) -> None:
    """The separator a line was written with, or the one left unquoted, in Spanish words."""
    variant = next(v for v in CORPUS if v.name == variant_name)
    path = variant.build(tmp_path / "package")
    with pytest.raises(InputError) as refused:
        import_oneroster(path, empty_store)
    message = str(refused.value)
    assert "users.csv:" in message  # where, as in English
    assert separator in message and "comma" not in message and "semicolon" not in message
    assert untranslated_text(message.split(": ", 1)[1], package_data(path)) == []


def test_what_undoing_would_lose_is_named_in_spanish(spanish: None) -> None:
    lost = lost_work_text([("conference_note", 1), ("outbox", 2), (SCHOOL_SETTINGS, 1)])
    assert lost == ("notas de conferencia: 1, cambios por sincronizar: 2, ajustes de la escuela: 1")

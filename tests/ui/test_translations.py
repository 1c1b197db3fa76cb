"""Spanish: the catalogue is complete, every string the code marks is in it, the built .qm
is the .ts's, and the screens translated so far show no English once Spanish is chosen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QDate, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from classroom_desk import i18n
from classroom_desk.i18n import resolve_language, translate
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.translation import (
    catalogue_path,
    install_language,
    language_choice,
    save_language_choice,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "src/classroom_desk/resources/translations/classroom_desk_es.ts"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def lupdate_flags() -> list[str]:
    """The Makefile's own lupdate flags and sources: the test reads what `make` runs."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    flags = re.search(r"^LUPDATE_FLAGS := (.*)$", makefile, re.MULTILINE)
    assert flags is not None
    return flags.group(1).split()


def lupdate_sources() -> list[str]:
    package = ROOT / "src/classroom_desk"
    return sorted(
        str(p) for p in package.rglob("*.py") if "server" not in p.relative_to(package).parts
    )


def test_every_message_in_the_catalogue_is_translated_with_its_placeholders() -> None:
    found = messages(TS)
    assert len(found) > 20
    problems = []
    for (context, source), message in found.items():
        translation = message.find("translation")
        assert translation is not None
        text = translation.text or ""
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{context}: {source!r} is not translated")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: {source!r} -> {text!r}: placeholders differ")
        elif source.count("&") != text.count("&"):
            problems.append(f"{context}: {source!r} -> {text!r}: the shortcut key (&) differs")
    assert not problems, "\n".join(problems)


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path: Path) -> None:
    """lupdate over the code, as `make translations` runs it, finds nothing new: a new
    English string fails here until it is translated in the .ts."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *lupdate_flags(), *lupdate_sources(), "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    before, after = messages(TS), messages(copy)
    new = sorted(set(after) - set(before))
    gone = sorted(set(before) - set(after))
    assert not new, f"strings in the code missing from {TS.name} (make translations): {new}"
    assert not gone, f"strings in {TS.name} no longer in the code: {gone}"


def test_the_built_catalogue_is_the_translation_file(tmp_path: Path) -> None:
    built = tmp_path / "es.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)], check=True
    )
    assert catalogue_path("es").read_bytes() == built.read_bytes(), "make translations"


@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [
        ("system", ["es-Latn-MX", "es-MX", "es"], "es"),
        ("system", ["fr-FR", "fr", "es-ES", "es"], "es"),  # LANGUAGE=fr:es
        ("system", ["C"], "en"),
        ("system", ["de-DE", "de"], "en"),
        ("system", ["es_MX.UTF-8"], "es"),
        ("en", ["es-MX"], "en"),
        ("es", ["en-US"], "es"),
        ("klingon", ["es-MX"], "es"),
    ],
)
def test_the_language_follows_the_system_unless_chosen(
    choice: str, system: list[str], expected: str
) -> None:
    assert resolve_language(choice, system) == expected


def test_the_choice_is_kept_in_the_settings_file(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert language_choice(settings) == "system"
    save_language_choice(settings, "es")
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert language_choice(again) == "es"
    again.setValue("app/language", "tlh")  # a hand-edited file: the system's language
    assert language_choice(again) == "system"


def test_spanish_is_spoken_with_dates_and_numbers_in_its_locale(spanish: None) -> None:
    assert i18n.language() == "es"
    assert translate("SettingsDialog", "Settings") == "Configuración"
    assert QLocale().language() == QLocale.Language.Spanish
    assert QLocale().dayName(1) == "lunes"
    assert QLocale().toString(QDate(2026, 11, 19), "dddd d 'de' MMMM") == "jueves 19 de noviembre"


def english_sources() -> set[str]:
    """Every English text the catalogue translates to something else (a widget showing
    one of these under Spanish was not passed through ``translate``)."""
    found = set()
    for (_context, source), message in messages(TS).items():
        text = (message.findtext("translation") or "").replace("&", "")
        plain = source.replace("&", "")
        if text != plain and not PLACEHOLDER.search(plain) and len(plain) > 3:
            found.add(plain.strip())
    return found


def shown_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for each visible text, tooltip and accessible name under ``widget``."""
    for child in [widget, *widget.findChildren(QWidget)]:
        name = child.objectName() or type(child).__name__
        yield name, child.toolTip()
        yield name, child.accessibleName()
        yield name, child.accessibleDescription()
        yield name, child.windowTitle()
        if isinstance(child, QLabel | QAbstractButton):
            yield name, child.text()
        if isinstance(child, QComboBox):
            for row in range(child.count()):
                yield name, child.itemText(row)
        if isinstance(child, QAbstractSpinBox):  # date edits and spin boxes as displayed
            yield f"{name} shows", child.text()
            yield f"{name} shows", child.specialValueText()
        if isinstance(child, QGroupBox):
            yield name, child.title()
        if isinstance(child, QTabWidget):
            for tab in range(child.count()):
                yield f"{name} tab", child.tabText(tab)
        if isinstance(child, QLineEdit | QPlainTextEdit | QTextEdit):
            yield name, child.placeholderText()
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            yield from model_texts(name, child.model())
        for action in child.actions():
            yield f"{name} action", action.text()
            yield f"{name} action", action.toolTip()


def model_texts(name: str, model: QAbstractItemModel) -> Iterator[tuple[str, str]]:
    """A view's cells (the first rows) and headers: text and tooltip."""
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    try:
        columns, rows = model.columnCount(QModelIndex()), model.rowCount(QModelIndex())
    except TypeError:  # a completer's private model: the time zones, data
        return
    for column in range(columns):
        for role in roles:
            header = model.headerData(column, Qt.Orientation.Horizontal, role)
            yield f"{name} header", header if isinstance(header, str) else ""
        for row in range(min(rows, 40)):
            for role in roles:
                value = model.index(row, column).data(role)
                yield f"{name} cell", value if isinstance(value, str) else ""


def english_shown(widget: QWidget) -> list[str]:
    english = english_sources()
    return sorted(
        f"{where}: {text!r}"
        for where, text in shown_texts(widget)
        if text.replace("&", "").strip() in english
    )


def test_the_settings_dialog_speaks_spanish(
    spanish: None, qtbot: QtBot, full_window: MainWindow
) -> None:
    from classroom_desk.ui.settings_dialog import SettingsDialog

    full_window.settings_action.trigger()
    dialog = full_window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    assert dialog.windowTitle() == "Configuración"
    assert dialog.first_day_combo.itemText(0) == "lunes"
    assert english_shown(dialog) == []
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert language_choice(full_window._settings) == "en"
    dialog.reject()


# Common English words no Spanish text has: a widget text with one of them (data aside)
# was never passed through ``translate``, whether or not its string is in the catalogue.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|to|with|this|week|weeks|student|students|minutes|units|goal|goals|"
    r"note|notes|search|save|saved|class|average|mastered|reassign|roster|sync|import|"
    r"file|help|settings|show|clear|undo|next|previous|sign|in|on|off|not|yet|data|"
    r"reports?|chart|profile|group|groups|tutoring|export)\b",
    re.IGNORECASE,
)
# English day and month names (Spanish writes its own in lower case: "vie 11 dic").
ENGLISH_DATES = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Apr|Aug|Sep|Oct|Nov|Dec)\b|"
    r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)


def untranslated(widget: QWidget, data: set[str]) -> list[str]:
    """Texts under ``widget`` in English: an English source string of the catalogue, or
    a text with common English words that is not the school's data (names, units)."""
    english = english_sources()
    found = set()
    for where, text in shown_texts(widget):
        plain = text.replace("&", "").strip()
        if not plain or plain in data:
            continue
        for datum in sorted(data, key=len, reverse=True):  # a path before a name in it
            plain = plain.replace(datum, "")
        if plain in english or ENGLISH_WORDS.search(plain) or ENGLISH_DATES.search(plain):
            found.add(f"{where}: {text!r}")
    return sorted(found)


def school_data(window: MainWindow) -> set[str]:
    """What the school's data puts on screen (names, classes, areas, units, notes)."""
    presenter = window._presenter
    data = {row.name for row in presenter.state.rows}
    data |= {section.name for section in presenter.sections}
    data |= {area.name for area in presenter.content_areas}
    if presenter.school is not None:
        data.add(presenter.school.name)
    panel = window._panel_presenter
    data |= {unit.title for unit in panel.units}
    data |= {goal.description for goal in panel.goals}
    data |= {entry.text for entry in panel.timeline}
    return {datum for datum in data if datum}


def test_the_main_window_with_a_student_open_speaks_spanish(
    spanish: None, qtbot: QtBot, full_window: MainWindow
) -> None:
    window = full_window
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.panel.student_id is not None
    found = untranslated(window, school_data(window))
    assert found == [], "\n".join(found)


def test_the_dialogs_speak_spanish(spanish: None, qtbot: QtBot, full_window: MainWindow) -> None:
    from classroom_desk.ui.passphrase_dialog import PassphraseDialog

    window = full_window
    info = window._app_info
    assert info is not None
    data = school_data(window) | {
        str(path) for path in (info.data_folder, info.store_file, info.settings_file)
    }
    window.shortcuts_action.trigger()
    window.about_action.trigger()
    assert window.sync is not None
    window.sync.sign_in_action.trigger()
    window.sync._on_problems_requested()  # its menu entry is off while there are none
    dialogs = [
        window.shortcuts_dialog,
        window.about_dialog,
        window.sync.dialog,
        window.sync.problems_window,
        PassphraseDialog(new=True, message=""),
    ]
    found = []
    for number, dialog in enumerate(dialogs):
        assert dialog is not None, number
        found += untranslated(dialog, data)
        dialog.close()
    assert found == [], "\n".join(found)


def test_the_student_report_exports_in_spanish(
    spanish: None, window: MainWindow, demo_store: Store, tmp_path: Path
) -> None:
    """The family's report in the teacher's language: CSV headers, weeks, words."""
    from classroom_desk.presenters.reports import ReportService

    roster = window._presenter
    row = next(r for r in roster.state.rows if r.figures.units_completed)
    service = ReportService(demo_store.path)
    report = service.student_report(
        student_id=row.student_id,
        section_ids=[s.id for s in roster.sections],
        content_area_id=roster.content_area_id or "",
        year=roster.week.year,
        month=roster.week.month,
    )
    text = service.export_student(report, tmp_path / "informe.csv").read_text("utf-8-sig")
    for spanish_words in ("Medida,Este mes,Meta", "Semana,Minutos,Unidades completadas"):
        assert spanish_words in text
    assert "Todo el mes" in text and "Semana del 2 nov" in text and ",dominada" in text
    assert "Minutos de tutoría" in text  # the groups and tutoring table too
    for english in ("Measure", "Whole month", "Week of", "mastered", "Tutoring minutes"):
        assert english not in text
    pdf = service.export_student(report, tmp_path / "informe.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_report_windows_speak_spanish(
    spanish: None, qtbot: QtBot, full_window: MainWindow
) -> None:
    window = full_window
    menu = window.data_menu
    assert menu is not None
    menu.class_chart_action.trigger()
    menu.skills_summary_action.trigger()
    summary = menu.summary_window
    assert menu.chart_dialog is not None and summary is not None
    qtbot.waitUntil(lambda: summary.model.rowCount(QModelIndex()) > 0, timeout=20000)
    data = school_data(window) | {window._presenter.week_label()}
    found = untranslated(menu.chart_dialog, data) + untranslated(summary, data)
    assert found == [], "\n".join(found)
    menu.chart_dialog.close()
    summary.close()


def smoke_start(data_dir: Path, language: str) -> subprocess.CompletedProcess[str]:
    """``classroom-desk --demo --smoke-test`` as a process, with ``LANGUAGE=language``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANGUAGE": language}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "classroom_desk",
            "--demo",
            "--smoke-test",
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def test_the_app_starts_in_spanish_from_the_system_language(tmp_path: Path) -> None:
    """``LANGUAGE=es`` through the real entry point: the catalogue is found and loaded."""
    result = smoke_start(tmp_path, "es")
    assert result.returncode == 0, result.stderr
    assert "language: es" in result.stdout.splitlines()
    again = smoke_start(tmp_path, "en")
    assert "language: en" in again.stdout.splitlines(), again.stderr


DATE_EDIT_UNDER_THE_SYSTEMS_SPANISH = """
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QDateEdit
from classroom_desk.ui.translation import install_language
app = QApplication([])
print(install_language("system"))
edit = QDateEdit(QDate(2026, 12, 11))
edit.setDisplayFormat("ddd d MMM")
print(edit.text())
"""


@pytest.mark.parametrize("system_locale", ["C.UTF-8", "en_US.UTF-8"])
def test_dates_are_spanish_when_the_system_asks_for_spanish_over_an_english_locale(
    system_locale: str,
) -> None:
    """``LANGUAGE=es`` on a laptop whose locale is English (or C): Qt's system locale says
    Spanish but takes its day and month names from the C library's English locale; the
    date edits (the follow-up day, the tutoring log's day) must still say "vie 11 dic"."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "LANGUAGE": "es", "LANG": system_locale}
    result = subprocess.run(
        [sys.executable, "-c", DATE_EDIT_UNDER_THE_SYSTEMS_SPANISH],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert result.stdout.split("\n")[:2] == ["es", "vie 11 dic"], result.stderr


def test_the_plan_windows_speak_spanish(
    spanish: None, qtbot: QtBot, full_window: MainWindow, demo_store: Store
) -> None:
    """Groups (suggested, then saved), the rotation board running with its projector view
    and its stations dialog, and the tutoring log with a group, its sessions and the new
    group dialog: every text, the spin boxes' and the log's day as displayed."""
    from datetime import timedelta

    from classroom_desk.demo import demo_id
    from classroom_desk.domain.tutoring import Plan, Schedule
    from classroom_desk.i18n import weekday_day_and_month
    from classroom_desk.presenters.plans import plan_presenters
    from classroom_desk.store.plan_actions import PlanActions
    from classroom_desk.store.teacher_actions import ensure_device
    from classroom_desk.ui.plan_menu import PlanMenu
    from classroom_desk.ui.rotation_board import StationSetupDialog
    from classroom_desk.ui.tutoring_log import TutoringGroupDialog
    from tests.conftest import DEMO_NOW

    window = full_window
    roster = window._presenter
    math_7 = demo_id("section", "math-7")
    roster.select_section(math_7)
    presenters = plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    menu = PlanMenu(window, roster, presenters)
    data = school_data(window)
    found = []
    groups = menu.open_groups()
    assert groups is not None
    found += untranslated(groups, data)
    presenters.groups.accept()
    found += untranslated(groups, data)
    groups.close()
    board = menu.open_board()
    assert board is not None
    found += untranslated(board, data)
    presenters.rotation.next_round()
    board.redraw()
    projector = board.show_projector()
    found += untranslated(board, data) + untranslated(projector, data)
    projector.close()
    presenter = presenters.rotation
    stations = StationSetupDialog(presenter.stations, presenter.record.round_minutes, board)
    found += untranslated(stations, data)
    stations.close()
    board.close()

    actions = PlanActions(demo_store, ensure_device(demo_store))
    tutor = actions.save_tutor(section_id=math_7, name="Ms. Ade", role="paraprofessional")
    members = [row.student_id for row in roster.state.rows][:4]
    group = actions.save_tutoring_group(
        section_id=math_7,
        content_area_id="math",
        name="Refuerzo",
        tutor_id=tutor,
        schedule=Schedule.of([0, 2], "10:30"),
        plan=Plan(3, 30),
        members=members,
    )
    actions.log_session(
        group_id=group,
        held_on=roster.week + timedelta(days=1),
        minutes=25,
        attendees=members[:3],
        focus="Fracciones",
        note="Tiras",
    )
    tutoring = menu.open_tutoring()
    assert tutoring is not None
    tutoring_data = data | {"Ms. Ade", "Refuerzo", "Fracciones", "Tiras"}
    found += untranslated(tutoring, tutoring_data)
    draft = presenters.tutoring.draft
    assert draft is not None
    # The day as Spanish writes it ("mar 17 nov"), not Spanish words in English order.
    assert tutoring.day.text() == weekday_day_and_month(draft.held_on)
    new_group = TutoringGroupDialog(presenters.tutoring, tutoring)
    found += untranslated(new_group, tutoring_data)
    new_group.close()
    tutoring.close()
    assert found == [], "\n".join(found)


def test_a_spanish_split_group_is_one_need_from_week_to_week(
    spanish: None, full_window: MainWindow, demo_store: Store
) -> None:
    """A student in "Enriquecimiento (1 de 2)" last week and "(2 de 2)" this week did not
    move: the part is taken off the name in Spanish as in English."""
    import dataclasses

    from classroom_desk.demo import demo_id
    from classroom_desk.presenters.groups import Block
    from classroom_desk.presenters.plans import plan_presenters
    from tests.conftest import DEMO_NOW

    roster = full_window._presenter
    presenters = plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    groups = presenters.groups
    groups.open(Block(demo_id("section", "math-7"), "Math 7", "math", "Math", roster.week))
    assert groups.accept()
    parts = re.compile(r"^(.*) \((\d) de (\d)\)$")
    split = [g for g in groups.saved if parts.match(g.name)]
    assert split, [g.name for g in groups.saved]  # the demo class has a split need
    # Last week: the same groups, each split group's parts in the other order.
    groups.last_week = [
        dataclasses.replace(
            g,
            name=parts.sub(lambda m: f"{m[1]} ({int(m[3]) + 1 - int(m[2])} de {m[3]})", g.name),
        )
        for g in groups.saved
    ]
    assert {g.name for g in groups.last_week} == {g.name for g in groups.saved}
    assert groups.moved_lines() == []


def test_the_passphrase_prompt_at_start_speaks_the_language_of_the_settings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop with no keyring, Spanish chosen in Settings: the start asks for the
    passphrase before any window, and every word of it is Spanish (the message is worded
    once the language is loaded, not before): choosing one (a weak one refused in
    Spanish), then a wrong one and the question asked again, then a cancel."""
    from PySide6.QtWidgets import QDialog

    from classroom_desk.app import SETTINGS_FILE, _ask_in_window, open_with_key
    from classroom_desk.store.database import open_store
    from classroom_desk.store.keys import PASSPHRASE_ENV, StoreKeyError
    from classroom_desk.ui.passphrase_dialog import PassphraseDialog

    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    install_language("en")  # a process that has loaded no language yet
    save_language_choice(QSettings(str(tmp_path / SETTINGS_FILE), QSettings.Format.IniFormat), "es")
    typed = iter(["corta", "arce río farol 42", "arce río farol 43", None])
    seen: list[tuple[str, str, str]] = []

    def exec_(dialog: PassphraseDialog) -> int:
        text = next(typed)
        if text is None:
            seen.append((dialog.windowTitle(), dialog.message_label.text(), ""))
            return QDialog.DialogCode.Rejected
        dialog.passphrase_edit.setText(text)
        dialog.again_edit.setText(text)
        dialog._on_accept()
        seen.append(
            (dialog.windowTitle(), dialog.message_label.text(), dialog.problem_label.text())
        )
        if dialog.problem_label.isVisibleTo(dialog):
            dialog.passphrase_edit.setText(next(typed))  # a stronger one
            dialog.again_edit.setText(dialog.passphrase_edit.text())
            dialog._on_accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PassphraseDialog, "exec", exec_)
    store_path = tmp_path / "school.sqlite"
    open_with_key(tmp_path, _ask_in_window, lambda key: open_store(store_path, key)).close()
    install_language("en")  # the next start, again before any language
    with pytest.raises(StoreKeyError) as refused:
        open_with_key(tmp_path, _ask_in_window, lambda key: open_store(store_path, key))
    try:
        chosen, wrong, cancelled = seen
        assert chosen[0] == "Elija una frase de contraseña"
        assert chosen[1].startswith("Este equipo no tiene un almacén seguro de contraseñas")
        assert chosen[2].startswith("Use al menos 12 caracteres")
        assert wrong[0] == "Desbloquear Classroom Desk"
        assert wrong[1].startswith("Escriba la frase de contraseña que desbloquea")
        assert cancelled[1].startswith("Esa frase de contraseña no desbloquea los datos.")
        assert str(refused.value).startswith("No se escribió ninguna frase de contraseña")
        for title, message, problem in seen:
            for text in (title, message, problem):
                found = untranslated(QLabel(text), {str(tmp_path)})
                assert found == [], found
    finally:
        install_language("en")

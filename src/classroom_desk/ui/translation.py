"""Loads the teacher's language into Qt and wires ``classroom_desk.i18n`` to it.

The Spanish catalogue (``resources/translations/classroom_desk_es.qm``, built by
``pyside6-lrelease`` from the ``.ts`` kept in the repository) and Qt's own (buttons such
as Cancel, the text fields' menus) are installed on the application; dates, weekdays and
numbers follow a locale of the same language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from classroom_desk import i18n

LANGUAGE_KEY = "app/language"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
#: The locale used when the system's is of another language (Latin American Spanish).
LANGUAGE_LOCALES = {i18n.ENGLISH: "en_US", i18n.SPANISH: "es_419"}


log = logging.getLogger(__name__)


def catalogue_path(language: str) -> Path:
    """Where the built catalogue of ``language`` lives in the installed package."""
    return TRANSLATIONS / f"classroom_desk_{language}.qm"


def language_choice(settings: QSettings) -> str:
    """The Settings choice: ``"system"``, ``"en"`` or ``"es"``."""
    value = settings.value(LANGUAGE_KEY, i18n.SYSTEM)
    return (
        value if isinstance(value, str) and value in (i18n.SYSTEM, *i18n.LANGUAGES) else i18n.SYSTEM
    )


def save_language_choice(settings: QSettings, choice: str) -> None:
    settings.setValue(LANGUAGE_KEY, choice)
    settings.sync()


def install_language(choice: str) -> str:
    """Speaks ``choice`` (``"system"`` follows the system's languages) from now on and
    returns the language spoken. Needs a ``QCoreApplication``. A package without the built
    catalogue speaks English (and logs it) rather than not starting."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the application"
    for old in app.findChildren(QTranslator, "classroomDeskTranslator"):
        app.removeTranslator(old)
        old.deleteLater()
    system = QLocale.system()
    language = i18n.resolve_language(choice, system.uiLanguages())
    if language != i18n.ENGLISH and not _install_catalogues(app, language):
        log.warning("no translation catalogue at %s: English", catalogue_path(language))
        language = i18n.ENGLISH
    same_language = system.language() == QLocale(LANGUAGE_LOCALES[language]).language()
    QLocale.setDefault(system if same_language else QLocale(LANGUAGE_LOCALES[language]))
    if language == i18n.ENGLISH:
        i18n.use_english()
    else:
        i18n.use_catalogue(QCoreApplication.translate, language)
    return language


def _install_catalogues(app: QCoreApplication, language: str) -> bool:
    """Ours and Qt's own (its buttons and menus) for ``language``; ``False`` without ours."""
    ours = _translator(app)
    if not ours.load(str(catalogue_path(language))):
        ours.deleteLater()
        return False
    qt_own = _translator(app)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_translations):
        app.installTranslator(qt_own)
    app.installTranslator(ours)  # the last installed is asked first
    return True


def _translator(app: QCoreApplication) -> QTranslator:
    translator = QTranslator(app)
    translator.setObjectName("classroomDeskTranslator")
    return translator

"""The teacher's language, without Qt: every user-facing string goes through ``translate``.

Presenters, reports and the domain write their words here; the composition root wires the
catalogue (Qt's ``QCoreApplication.translate`` with the Spanish ``.qm`` loaded) when the app
starts. Until it does (plain tests, the command line), text comes back in English.

``pyside6-lupdate`` extracts the strings from the calls themselves, so a call must spell
its context and text as string literals, positionally: ``translate("Roster", "Not seen")``
(a keyword argument or a variable hides the string from it). A constant made at import time
is marked with ``translatable`` (lupdate reads it as ``QT_TRANSLATE_NOOP``) and translated where
it is shown. Placeholders are named (``{count} of {total}``) so a translation can put them
in its own order; counts choose between two translated forms with ``plural`` (lupdate's
Python reader has no plural forms: both forms are messages of their own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

#: The languages the app is translated into (English is the source language).
ENGLISH, SPANISH = "en", "es"
LANGUAGES = (ENGLISH, SPANISH)
#: The Settings choice that follows the system's language.
SYSTEM = "system"

Catalogue = Callable[[str, str, str | None], str]


def _source_text(context: str, text: str, disambiguation: str | None) -> str:
    return text


_catalogue: Catalogue = _source_text
_language = ENGLISH
# Translations already looked up: a roster of thousands of rows says the same few words
# thousands of times, and a dict lookup costs a fraction of a call into Qt.
_said: dict[tuple[str, str, str | None], str] = {}


def translate(context: str, text: str, disambiguation: str | None = None) -> str:
    """``text`` in the teacher's language (the English source when there is no catalogue).

    ``disambiguation`` tells two identical English texts apart (and is the translator's
    note in the ``.ts`` file)."""
    key = (context, text, disambiguation)
    said = _said.get(key)
    if said is None:
        said = _said[key] = _catalogue(context, text, disambiguation)
    return said


def translatable(context: str, text: str) -> str:
    """Marks ``text`` for translation without translating it (a module-level constant);
    pass it through ``translate(context, ...)`` where it is shown."""
    return text


def plural(count: int, one: str, other: str) -> str:
    """The translated form for ``count``: ``one`` for a single thing, ``other`` otherwise.

    Both are already translated (``translate`` calls of their own); English and Spanish
    use the one form for exactly 1 (Spanish "1 estudiante", "0 estudiantes")."""
    return one if count == 1 else other


def language() -> str:
    """The language the app speaks now (``"en"`` or ``"es"``)."""
    return _language


def use_catalogue(catalogue: Catalogue, chosen_language: str) -> None:
    """From now on text comes from ``catalogue`` (the composition root calls this once the
    translations are loaded)."""
    global _catalogue, _language
    _catalogue, _language = catalogue, chosen_language
    _said.clear()


def use_english() -> None:
    """Back to the English source text (tests that switch languages put it back)."""
    use_catalogue(_source_text, ENGLISH)


def resolve_language(choice: str, system_languages: Iterable[str]) -> str:
    """The language to speak: ``choice`` when it is one of ``LANGUAGES``; for ``"system"``
    (or anything unknown) the first of the system's languages (``es-MX``, ``es_ES.UTF-8``,
    ``en``...) that the app has, and English when it has none of them."""
    if choice in LANGUAGES:
        return choice
    for name in system_languages:
        code = name.replace("_", "-").split("-")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return ENGLISH


# Dates in words without Qt (presenters, reports, exports): the names are messages of the
# catalogue like any other, so a report says "lun 16 nov" in Spanish as the window does.
_SHORT_WEEKDAYS = (
    translatable("Dates", "Mon"),
    translatable("Dates", "Tue"),
    translatable("Dates", "Wed"),
    translatable("Dates", "Thu"),
    translatable("Dates", "Fri"),
    translatable("Dates", "Sat"),
    translatable("Dates", "Sun"),
)
_WEEKDAYS = (
    translatable("Dates", "Monday"),
    translatable("Dates", "Tuesday"),
    translatable("Dates", "Wednesday"),
    translatable("Dates", "Thursday"),
    translatable("Dates", "Friday"),
    translatable("Dates", "Saturday"),
    translatable("Dates", "Sunday"),
)
_SHORT_MONTHS = (
    translatable("Dates", "Jan"),
    translatable("Dates", "Feb"),
    translatable("Dates", "Mar"),
    translatable("Dates", "Apr"),
    translatable("Dates", "May"),
    translatable("Dates", "Jun"),
    translatable("Dates", "Jul"),
    translatable("Dates", "Aug"),
    translatable("Dates", "Sep"),
    translatable("Dates", "Oct"),
    translatable("Dates", "Nov"),
    translatable("Dates", "Dec"),
)


def weekday_name(weekday: int, *, short: bool = False) -> str:
    """Monday (0) .. Sunday (6) in the teacher's language."""
    return translate("Dates", (_SHORT_WEEKDAYS if short else _WEEKDAYS)[weekday])


_MONTHS = (
    translatable("Months", "January"),
    translatable("Months", "February"),
    translatable("Months", "March"),
    translatable("Months", "April"),
    translatable("Months", "May"),
    translatable("Months", "June"),
    translatable("Months", "July"),
    translatable("Months", "August"),
    translatable("Months", "September"),
    translatable("Months", "October"),
    translatable("Months", "November"),
    translatable("Months", "December"),
)


def month_name(month: int, *, short: bool = True) -> str:
    """January (1) .. December (12), abbreviated unless not ``short``, in the teacher's
    language."""
    if short:
        return translate("Dates", _SHORT_MONTHS[month - 1])
    return translate("Months", _MONTHS[month - 1])


def day_and_month(day: date) -> str:
    """``Nov 16`` (``16 nov`` in Spanish)."""
    return translate("Dates", "{month} {day}").format(month=month_name(day.month), day=day.day)


def week_span(week: date) -> str:
    """``Nov 16 to Nov 22, 2026``: the seven days from ``week``."""
    end = week + timedelta(days=6)
    return translate("Dates", "{start} to {end}, {year}").format(
        start=day_and_month(week), end=day_and_month(end), year=end.year
    )


def weekday_day_and_month(day: date) -> str:
    """``Mon Nov 16`` (``lun 16 nov`` in Spanish)."""
    return translate("Dates", "{weekday} {month} {day}").format(
        weekday=weekday_name(day.weekday(), short=True),
        month=month_name(day.month),
        day=day.day,
    )


def clock_time(hour: int, minute: int) -> str:
    """``3:05 PM`` (``3:05 p. m.`` in Spanish), with a no-break space before the half."""
    half = translate("Dates", "AM") if hour < 12 else translate("Dates", "PM")
    return f"{hour % 12 or 12}:{minute:02d}\u00a0{half}"

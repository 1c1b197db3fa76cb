"""Reading the values learning platforms write: scores, minutes, counts, dates and names.

Each reader returns the value or raises :class:`CellProblemError` with what was expected, so
the preview can mark the cell and the import can name ``file:line:column``.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from classroom_desk.i18n import translate

#: The most minutes one unit attempt, or one week's summary, can plausibly hold.
MAX_ATTEMPT_MINUTES = 24 * 60
MAX_SUMMARY_MINUTES = 7 * 24 * 60
#: Date-only values are taken as local midday, safely inside their school day.
MIDDAY = time(12, 0)

_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")
_CLOCK = re.compile(r"(\d+):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_AMOUNT = r"(\d+(?:\.\d+)?|\.\d+)"
#: ``4h46m``, ``1 h 35 min``, ``1.5 hours``, ``95m``, ``12m30s``: each part optional.
_UNIT_DURATION = re.compile(
    rf"(?:{_AMOUNT}\s*(?:h|hr|hrs|hour|hours))?\s*"
    rf"(?:{_AMOUNT}\s*(?:m|min|mins|minute|minutes))?\s*"
    rf"(?:{_AMOUNT}\s*(?:s|sec|secs|second|seconds))?"
)
#: What vendors write in a time cell for "none recorded".
_NO_TIME = frozenset({"-", "--", "n/a", "na", "none"})
_SLASH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_YEAR_FIRST_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_TIME_PART = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?")


class Clock(enum.Enum):
    """What a two-part clock value such as ``1:35`` means in a column."""

    HOURS_MINUTES = "h:mm"  # 1:35 is 95 minutes (usage totals)
    MINUTES_SECONDS = "m:ss"  # 1:35 is a minute and 35 seconds (one short activity)


class ScoreScale(enum.Enum):
    """How a column writes a score without a percent sign."""

    PERCENT = "percent"  # 79 is 79%
    FRACTION = "fraction"  # 0.79 is 79%


class CellProblemError(ValueError):
    """A cell's value cannot be used; ``expected`` says what would be."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def read_number(text: str) -> float:
    cleaned = text.strip().removesuffix("%").strip()
    if not _NUMBER.fullmatch(cleaned):
        raise CellProblemError(
            translate("ActivityImport", "a number; found {text}").format(text=repr(text))
        )
    return float(cleaned.replace(",", ""))


def read_score(text: str, *, scale: ScoreScale = ScoreScale.PERCENT) -> float:
    """A score from 0 to 100: ``79%`` always, ``79`` or ``0.79`` as the column's scale says."""
    stripped = text.strip()
    if not stripped:
        raise CellProblemError(
            translate("ActivityImport", "a score from 0 to 100; the cell is empty")
        )
    try:
        score = read_number(stripped)
    except CellProblemError:
        raise CellProblemError(
            translate("ActivityImport", "a score from 0 to 100; found {text}").format(
                text=repr(text)
            )
        ) from None
    if scale is ScoreScale.FRACTION and not stripped.endswith("%"):
        if not 0 <= score <= 1:
            raise CellProblemError(
                translate(
                    "ActivityImport",
                    "a fraction from 0 to 1, as in the rest of this column (0.79 for "
                    "79%); found {text}",
                ).format(text=repr(text))
            )
        # Decimal keeps 0.79 at 79.0 exactly, not 79.00000000000001.
        return float(Decimal(stripped.replace(",", "")) * 100)
    if not 0 <= score <= 100:
        raise CellProblemError(
            translate("ActivityImport", "a score from 0 to 100; found {text}").format(
                text=repr(text)
            )
        )
    return score


def read_optional_score(text: str, *, scale: ScoreScale = ScoreScale.PERCENT) -> float | None:
    return read_score(text, scale=scale) if text.strip() else None


def read_points(text: str) -> float:
    """Points earned or possible: a number of 0 or more."""
    if not text.strip():
        raise CellProblemError(translate("ActivityImport", "a number of points; the cell is empty"))
    try:
        points = read_number(text)
    except CellProblemError:
        raise CellProblemError(
            translate("ActivityImport", "a number of points; found {text}").format(text=repr(text))
        ) from None
    if points < 0:
        raise CellProblemError(
            translate("ActivityImport", "a number of points of 0 or more; found {text}").format(
                text=repr(text)
            )
        )
    return points


def read_minutes(
    text: str, *, most: int = MAX_ATTEMPT_MINUTES, clock: Clock = Clock.HOURS_MINUTES
) -> int:
    """Whole minutes (half up) from the spellings vendors use: ``95``, ``95 min``, ``95m``,
    ``1:35`` (hours and minutes unless ``clock`` says minutes and seconds), ``1:35:00``,
    ``1h35m``, ``1.5 h``; an empty cell (or ``-``) is no time recorded."""
    stripped = text.strip().lower()
    if not stripped or stripped in _NO_TIME:
        return 0
    value = _duration(stripped, clock)
    if value is None:
        raise CellProblemError(
            translate(
                "ActivityImport",
                "minutes as a number or a duration (such as 95, 1:35 or 1h35m); found {text}",
            ).format(text=repr(text))
        )
    if value < 0:
        raise CellProblemError(
            translate("ActivityImport", "minutes of 0 or more; found {text}").format(
                text=repr(text)
            )
        )
    whole = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if whole > most:
        raise CellProblemError(
            translate(
                "ActivityImport", "at most {most} minutes; found {text} (is it seconds?)"
            ).format(most=most, text=repr(text))
        )
    return whole


def _duration(text: str, clock: Clock) -> Decimal | None:
    """Minutes in ``text`` (lower case, stripped), or None when it is no duration."""
    found = _CLOCK.fullmatch(text)
    if found is not None:
        first, second, third = (None if part is None else int(part) for part in found.groups())
        if second is None or second >= 60 or (third is not None and third >= 60):
            return None
        if third is not None:  # h:mm:ss
            return Decimal((first or 0) * 60 + second) + Decimal(third) / 60
        if clock is Clock.MINUTES_SECONDS:
            return Decimal(first or 0) + Decimal(second) / 60
        return Decimal((first or 0) * 60 + second)
    found = _UNIT_DURATION.fullmatch(text)
    if found is not None and any(found.groups()):
        hours, minutes, seconds = (Decimal(part or 0) for part in found.groups())
        if found.group(1) is not None and found.group(2) is not None and minutes >= 60:
            return None  # 1h75m is a typo, not 2h15m
        return hours * 60 + minutes + seconds / 60
    if _NUMBER.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    return None


def read_count(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        return 0
    if not stripped.isdigit() or not stripped.isascii():
        raise CellProblemError(
            translate("ActivityImport", "a whole number of 0 or more; found {text}").format(
                text=repr(text)
            )
        )
    return int(stripped)


def read_date_time(
    text: str, *, day_first: bool = False
) -> tuple[date, time | None, datetime | None]:
    """A date with its time of day if given; an aware datetime when the cell names its
    offset (``Z`` or ``+02:00``). Slash dates are month first unless ``day_first``."""
    stripped = text.strip()
    if not stripped:
        raise CellProblemError(
            translate(
                "ActivityImport", "a date such as 2026-11-16 or 11/16/2026; the cell is empty"
            )
        )
    try:
        parsed = datetime.fromisoformat(stripped)
    except ValueError:
        pass
    else:
        if parsed.tzinfo is not None:
            return parsed.date(), parsed.timetz(), parsed
        has_time = len(stripped) > 10
        return parsed.date(), parsed.time() if has_time else None, None
    date_text, _, time_text = stripped.partition(" ")
    if "T" in date_text and not time_text:
        date_text, _, time_text = date_text.partition("T")
    day = _slash_date(date_text, day_first=day_first, original=text)
    if not time_text.strip():
        return day, None, None
    match = _TIME_PART.fullmatch(time_text.strip())
    if match is None:
        raise CellProblemError(
            translate(
                "ActivityImport", "a time such as 14:05 or 2:05 PM after the date; found {text}"
            ).format(text=repr(text))
        )
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise CellProblemError(
                translate(
                    "ActivityImport", "an hour from 1 to 12 before AM or PM; found {text}"
                ).format(text=repr(text))
            )
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        return day, time(hour, minute, second), None
    except ValueError:
        raise CellProblemError(
            translate("ActivityImport", "a real time of day; found {text}").format(text=repr(text))
        ) from None


def read_date(text: str, *, day_first: bool = False) -> date:
    return read_date_time(text, day_first=day_first)[0]


def _slash_date(text: str, *, day_first: bool, original: str) -> date:
    year_first = _YEAR_FIRST_DATE.fullmatch(text)
    if year_first is not None:
        try:
            return date(*(int(part) for part in year_first.groups()))
        except ValueError:
            raise CellProblemError(
                translate(
                    "ActivityImport", "a real date (year/month/day); found {original}"
                ).format(original=repr(original))
            ) from None
    match = _SLASH_DATE.fullmatch(text)
    if match is None:
        raise CellProblemError(
            translate(
                "ActivityImport", "a date such as 2026-11-16 or 11/16/2026; found {original}"
            ).format(original=repr(original))
        )
    first, second, year_text = match.groups()
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    month, day = (int(second), int(first)) if day_first else (int(first), int(second))
    try:
        return date(year, month, day)
    except ValueError:
        order = (
            translate("ActivityImport", "day/month/year")
            if day_first
            else translate("ActivityImport", "month/day/year")
        )
        raise CellProblemError(
            translate("ActivityImport", "a real date ({order}); found {original}").format(
                order=order, original=repr(original)
            )
        ) from None


@functools.lru_cache(maxsize=1 << 16)
def normalize_text(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: how names and codes are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", plain.casefold()).split()
    return " ".join(words)

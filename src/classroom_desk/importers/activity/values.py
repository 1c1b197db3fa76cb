"""Reading the values learning platforms write: scores, minutes, counts, dates and names.

Each reader returns the value or raises :class:`CellProblemError` with what was expected, so
the preview can mark the cell and the import can name ``file:line:column``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: The most minutes one unit attempt, or one week's summary, can plausibly hold.
MAX_ATTEMPT_MINUTES = 24 * 60
MAX_SUMMARY_MINUTES = 7 * 24 * 60
#: Date-only values are taken as local midday, safely inside their school day.
MIDDAY = time(12, 0)

_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})")
_MINUTES_WORDS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:min|mins|minutes|m)")
_SLASH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_TIME_PART = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?")


class CellProblemError(ValueError):
    """A cell's value cannot be used; ``expected`` says what would be."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def read_number(text: str) -> float:
    cleaned = text.strip().removesuffix("%").strip()
    if not _NUMBER.fullmatch(cleaned):
        raise CellProblemError(f"a number; found {text!r}")
    return float(cleaned.replace(",", ""))


def read_score(text: str) -> float:
    if not text.strip():
        raise CellProblemError("a score from 0 to 100; the cell is empty")
    try:
        score = read_number(text)
    except CellProblemError:
        raise CellProblemError(f"a score from 0 to 100; found {text!r}") from None
    if not 0 <= score <= 100:
        raise CellProblemError(f"a score from 0 to 100; found {text!r}")
    return score


def read_optional_score(text: str) -> float | None:
    return read_score(text) if text.strip() else None


def read_minutes(text: str, *, most: int = MAX_ATTEMPT_MINUTES) -> int:
    """Whole minutes (half up) from ``12``, ``12.5``, ``12 min``, ``0:12:30`` or ``12:30``
    (minutes and seconds); an empty cell is no time recorded."""
    stripped = text.strip().lower()
    if not stripped:
        return 0
    value: Decimal | None = None
    clock = _CLOCK.fullmatch(stripped)
    if clock is not None:
        hours, minutes, seconds = clock.groups()
        if hours is None:  # m:ss
            value = Decimal(int(minutes)) + Decimal(int(seconds)) / 60
        else:
            value = Decimal(int(hours) * 60 + int(minutes)) + Decimal(int(seconds)) / 60
    else:
        words = _MINUTES_WORDS.fullmatch(stripped)
        number = words.group(1) if words else stripped
        if _NUMBER.fullmatch(number):
            try:
                value = Decimal(number.replace(",", ""))
            except InvalidOperation:
                value = None
    if value is None:
        raise CellProblemError(f"minutes as a number (such as 12 or 0:12:30); found {text!r}")
    if value < 0:
        raise CellProblemError(f"minutes of 0 or more; found {text!r}")
    whole = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if whole > most:
        raise CellProblemError(f"at most {most} minutes; found {text!r} (is it seconds?)")
    return whole


def read_count(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        return 0
    if not stripped.isdigit() or not stripped.isascii():
        raise CellProblemError(f"a whole number of 0 or more; found {text!r}")
    return int(stripped)


def read_date_time(
    text: str, *, day_first: bool = False
) -> tuple[date, time | None, datetime | None]:
    """A date with its time of day if given; an aware datetime when the cell names its
    offset (``Z`` or ``+02:00``). Slash dates are month first unless ``day_first``."""
    stripped = text.strip()
    if not stripped:
        raise CellProblemError("a date such as 2026-11-16 or 11/16/2026; the cell is empty")
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
        raise CellProblemError(f"a time such as 14:05 or 2:05 PM after the date; found {text!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise CellProblemError(f"an hour from 1 to 12 before AM or PM; found {text!r}")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        return day, time(hour, minute, second), None
    except ValueError:
        raise CellProblemError(f"a real time of day; found {text!r}") from None


def read_date(text: str, *, day_first: bool = False) -> date:
    return read_date_time(text, day_first=day_first)[0]


def _slash_date(text: str, *, day_first: bool, original: str) -> date:
    match = _SLASH_DATE.fullmatch(text)
    if match is None:
        raise CellProblemError(f"a date such as 2026-11-16 or 11/16/2026; found {original!r}")
    first, second, year_text = match.groups()
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    month, day = (int(second), int(first)) if day_first else (int(first), int(second))
    try:
        return date(year, month, day)
    except ValueError:
        order = "day/month/year" if day_first else "month/day/year"
        raise CellProblemError(f"a real date ({order}); found {original!r}") from None


@functools.lru_cache(maxsize=1 << 16)
def normalize_text(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: how names and codes are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", plain.casefold()).split()
    return " ".join(words)

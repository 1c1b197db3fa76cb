"""Which CSV column holds which field: guessed from the headers, confirmed by the teacher,
saved per source (the learning platform) in the store.

Vendors spell the same column many ways (``Student ID``, ``SIS ID``, ``Learner ID``...);
:func:`guess_mapping` knows the common spellings and whether a file holds unit attempts
(one row per unit) or summaries (totals per student and date range, like i-Ready's).
"""

from __future__ import annotations

import enum
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from classroom_desk.store.timefmt import to_db_time


class ExportKind(enum.Enum):
    ATTEMPTS = "attempts"  # one row per unit attempt
    SUMMARY = "summary"  # one row per student, subject and date range


class ActivityField(enum.Enum):
    """A field the import reads; the value is its label in the mapping dialog."""

    STUDENT_ID = "Student ID"
    STUDENT_NAME = "Student name"
    FIRST_NAME = "First name"
    LAST_NAME = "Last name"
    CONTENT_AREA = "Content area"
    UNIT_CODE = "Unit code"
    UNIT_TITLE = "Unit title"
    SCORE = "Score"
    MINUTES = "Minutes"
    COMPLETED_AT = "Date"
    ATTEMPT_ID = "Attempt ID"
    RANGE_START = "Date range start"
    RANGE_END = "Date range end"
    UNITS_COMPLETED = "Units completed"
    UNITS_PASSED = "Units passed"
    AVERAGE_SCORE = "Average score"

    # Members are singletons: hashing by identity keeps per-row dict lookups in C.
    __hash__ = object.__hash__


#: The fields the mapping dialog offers for each kind of export, in dialog order.
FIELDS_OF_KIND: dict[ExportKind, tuple[ActivityField, ...]] = {
    ExportKind.ATTEMPTS: (
        ActivityField.STUDENT_ID,
        ActivityField.STUDENT_NAME,
        ActivityField.FIRST_NAME,
        ActivityField.LAST_NAME,
        ActivityField.CONTENT_AREA,
        ActivityField.UNIT_CODE,
        ActivityField.UNIT_TITLE,
        ActivityField.SCORE,
        ActivityField.MINUTES,
        ActivityField.COMPLETED_AT,
        ActivityField.ATTEMPT_ID,
    ),
    ExportKind.SUMMARY: (
        ActivityField.STUDENT_ID,
        ActivityField.STUDENT_NAME,
        ActivityField.FIRST_NAME,
        ActivityField.LAST_NAME,
        ActivityField.CONTENT_AREA,
        ActivityField.RANGE_START,
        ActivityField.RANGE_END,
        ActivityField.MINUTES,
        ActivityField.UNITS_COMPLETED,
        ActivityField.UNITS_PASSED,
        ActivityField.AVERAGE_SCORE,
    ),
}


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Field -> header text as the file spells it. ``content_area`` (an area id or name)
    applies to every row when the file has no content-area column. Slash dates are read
    month first (11/16/2026) unless ``day_first``."""

    kind: ExportKind = ExportKind.ATTEMPTS
    columns: Mapping[ActivityField, str] = field(default_factory=dict)
    content_area: str | None = None
    day_first: bool = False

    def column(self, which: ActivityField) -> str | None:
        return self.columns.get(which)

    def with_column(self, which: ActivityField, header: str | None) -> ColumnMapping:
        columns = {k: v for k, v in self.columns.items() if k is not which}
        if header:
            columns[which] = header
        return replace(self, columns=columns)

    def missing(self) -> list[str]:
        """What the mapping still needs before a file can be imported, in words."""
        has = set(self.columns)
        needs: list[str] = []
        student_fields = {ActivityField.STUDENT_ID, ActivityField.STUDENT_NAME}
        if (
            not has & student_fields
            and not {
                ActivityField.FIRST_NAME,
                ActivityField.LAST_NAME,
            }
            <= has
        ):
            needs.append("a student ID or name column (or first and last name)")
        if ActivityField.CONTENT_AREA not in has and not self.content_area:
            needs.append("a content-area column or one content area for the whole file")
        if self.kind is ExportKind.ATTEMPTS:
            if not has & {ActivityField.UNIT_CODE, ActivityField.UNIT_TITLE}:
                needs.append("a unit code or title column")
            needs += [
                f"a {f.value.lower()} column"
                for f in (ActivityField.SCORE, ActivityField.COMPLETED_AT)
                if f not in has
            ]
        else:
            needs += [
                f"a {f.value.lower()} column"
                for f in (
                    ActivityField.RANGE_START,
                    ActivityField.RANGE_END,
                    ActivityField.MINUTES,
                    ActivityField.UNITS_COMPLETED,
                    ActivityField.UNITS_PASSED,
                )
                if f not in has
            ]
        return needs

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind.value,
                "columns": {f.name: header for f, header in self.columns.items()},
                "content_area": self.content_area,
                "day_first": self.day_first,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        return cls(
            kind=ExportKind(data["kind"]),
            columns={
                ActivityField[name]: header
                for name, header in data["columns"].items()
                if name in ActivityField.__members__
            },
            content_area=data.get("content_area"),
            day_first=bool(data.get("day_first", False)),
        )


def header_key(header: str) -> str:
    """A header as compared: case, punctuation and spacing ignored, ``%`` kept as a word."""
    text = header.replace("%", " percent ").replace("#", " number ").casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True, slots=True)
class _Rule:
    """How one field's column is recognised: whole-header spellings first, then a
    broader pattern searched within the header."""

    field: ActivityField
    spellings: frozenset[str]
    pattern: re.Pattern[str] | None = None


def _rule(which: ActivityField, spellings: str, pattern: str | None = None) -> _Rule:
    keys = frozenset(header_key(s) for s in spellings.split(";"))
    return _Rule(which, keys, None if pattern is None else re.compile(pattern))


_NOT_PERCENT = r"^(?!.*\bpercent\b)(?!.*\brate\b)"
_UNITS = r"(lessons?|units?|skills?|activities|modules?)"
# Fields are guessed in this order and a header serves one field only: date ranges before
# a plain date, counts of units before minutes, an average score before a score.
_RULES: tuple[_Rule, ...] = (
    _rule(
        ActivityField.ATTEMPT_ID,
        "attempt id;session id;activity id;record id;result id;event id",
    ),
    _rule(
        ActivityField.STUDENT_ID,
        "student id;sourcedid;student sourcedid;user sourcedid;sis id;student sis id;"
        "sis student id;student number;student no;student identifier;learner id;user id;"
        "local id;local student id;state id;student state id;id number;studentid",
        r"\b(student|learner|user|pupil) (id|number|no|identifier|sis id)\b",
    ),
    _rule(
        ActivityField.FIRST_NAME,
        "first name;first;given name;student first name;firstname;fname;preferred first name",
    ),
    _rule(
        ActivityField.LAST_NAME,
        "last name;last;family name;surname;student last name;lastname;lname",
    ),
    _rule(
        ActivityField.STUDENT_NAME,
        "student;student name;name;learner;learner name;full name;student full name;"
        "user;user name;pupil",
    ),
    _rule(
        ActivityField.RANGE_START,
        "date range start;start date;range start;period start;from date;from;begin date;"
        "week start;week of",
        r"\b(range|period) (start|begin)\b|\bstart date\b",
    ),
    _rule(
        ActivityField.RANGE_END,
        "date range end;end date;range end;period end;to date;to;through;week end",
        r"\b(range|period) end\b|\bend date\b",
    ),
    _rule(
        ActivityField.UNITS_PASSED,
        "passed;mastered",
        _NOT_PERCENT + rf".*(\b{_UNITS} (passed|mastered)\b|\b(passed|mastered) {_UNITS}\b)",
    ),
    _rule(
        ActivityField.UNITS_COMPLETED,
        "completed lessons;completed units",
        _NOT_PERCENT
        + rf".*(\b{_UNITS} (completed|complete|finished)\b|\b(completed|finished) {_UNITS}\b)",
    ),
    _rule(
        ActivityField.AVERAGE_SCORE,
        "average score;avg score;mean score",
        r"\b(average|avg|mean) (lesson |unit |quiz )?score\b",
    ),
    _rule(
        ActivityField.CONTENT_AREA,
        "subject;content area;subject area;area;course;discipline;content",
    ),
    _rule(
        ActivityField.UNIT_CODE,
        "unit code;unit id;skill code;skill id;lesson id;lesson code;activity code;code;"
        "objective code;item id;assignment id;exercise id",
    ),
    _rule(
        ActivityField.UNIT_TITLE,
        "unit;unit title;unit name;lesson;lesson name;lesson title;skill;skill name;activity;"
        "activity name;assignment;assignment name;exercise;topic;title;objective;module",
    ),
    _rule(
        ActivityField.SCORE,
        "score;percent score;score percent;percent;percent correct;smartscore;smart score;"
        "mastery score;lesson score;final score;accuracy",
        r"^(?!.*\b(average|avg|mean)\b).*\bscore\b",
    ),
    _rule(
        ActivityField.MINUTES,
        "minutes;time on task;time spent;duration;learning time;total minutes;usage minutes;"
        "time;mins",
        r"\b(minutes?|mins?|time on task|time spent|duration|learning time|usage)\b",
    ),
    _rule(
        ActivityField.COMPLETED_AT,
        "date;completed;completed at;completed on;completion date;date completed;"
        "completed date;finish date;end time;timestamp;submitted;submitted at;date submitted;"
        "last practiced;attempt date;activity date;session date;date time;date taken",
        r"\b(date|completed|timestamp|submitted)\b",
    ),
)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping the headers suggest; the teacher confirms or corrects it."""
    keys = [header_key(h) for h in headers]
    used: set[int] = set()
    columns: dict[ActivityField, str] = {}
    for rule in _RULES:
        index = _first(keys, used, rule.spellings.__contains__)
        if index is None and rule.pattern is not None:
            index = _first(keys, used, _searcher(rule.pattern))
        if index is not None:
            columns[rule.field] = headers[index].strip()
            used.add(index)
    has = set(columns)
    is_summary = {ActivityField.RANGE_START, ActivityField.UNITS_COMPLETED} <= has
    kind = (
        ExportKind.SUMMARY if is_summary and ActivityField.SCORE not in has else ExportKind.ATTEMPTS
    )
    wanted = FIELDS_OF_KIND[kind]
    return ColumnMapping(kind=kind, columns={f: h for f, h in columns.items() if f in wanted})


def _searcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda key: pattern.search(key) is not None


def _first(keys: list[str], used: set[int], test: Callable[[str], bool]) -> int | None:
    return next((i for i, key in enumerate(keys) if i not in used and key and test(key)), None)


# Saved mappings.


def save_mapping(
    connection: sqlite3.Connection,
    *,
    source: str,
    mapping: ColumnMapping,
    now: datetime | None = None,
) -> None:
    """Remember ``mapping`` for ``source`` (one short transaction of its own)."""
    moment = now or datetime.now(UTC)
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            "INSERT INTO activity_mapping (source, mapping, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping,"
            " updated_at = excluded.updated_at",
            (source.strip(), mapping.to_json(), to_db_time(moment)),
        )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def load_mapping(connection: sqlite3.Connection, *, source: str) -> ColumnMapping | None:
    row = connection.execute(
        "SELECT mapping FROM activity_mapping WHERE source = ?", (source.strip(),)
    ).fetchone()
    return None if row is None else ColumnMapping.from_json(row[0])


def saved_sources(connection: sqlite3.Connection) -> list[str]:
    """Sources with a saved mapping, most recently used first."""
    rows = connection.execute("SELECT source FROM activity_mapping ORDER BY updated_at DESC")
    return [r[0] for r in rows]


def mapping_for_headers(
    connection: sqlite3.Connection, headers: Iterable[str]
) -> tuple[str, ColumnMapping] | None:
    """The most recently saved mapping whose columns this file all has, if any: a file
    from a known platform opens with its mapping."""
    present = {header_key(h) for h in headers}
    rows = connection.execute(
        "SELECT source, mapping FROM activity_mapping ORDER BY updated_at DESC"
    )
    for source, text in rows:
        mapping = ColumnMapping.from_json(text)
        if mapping.columns and all(header_key(h) in present for h in mapping.columns.values()):
            return source, mapping
    return None

"""Guessing which column is which from a file's header and its first rows, with the reason
for each choice so the teacher can see why (and correct it).

Vendors spell the same column many ways (``Student ID``, ``SIS ID``, ``Learner ID``...), so
each field has whole-header spellings and a broader pattern. A header is then checked
against its values: a "date" column whose dates lie months after the file was written is
an expiry or due date, not the activity date; a "score" column of 0.79s holds fractions; a
time column of ``1:35`` values holds hours and minutes. A file with no activity date at
all (a weekly export) is dated by the school week it was written in.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from classroom_desk.i18n import day_and_month, translate
from classroom_desk.importers.activity.mapping import (
    FIELDS_OF_KIND,
    ActivityField,
    ColumnMapping,
    ExportKind,
    Period,
    header_key,
)
from classroom_desk.importers.activity.values import (
    CellProblemError,
    Clock,
    ScoreScale,
    read_count,
    read_date_time,
    read_minutes,
    read_number,
)

#: A date this long after the file was written is not when the activity happened.
FUTURE_SLACK = timedelta(days=31)
#: Share of a column's filled cells that must read as the field's kind of value.
FITTING_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class _Rule:
    """How one field's column is recognised: whole-header spellings first, then a
    broader pattern searched within the header (``never`` rules headers out)."""

    field: ActivityField
    spellings: frozenset[str]
    pattern: re.Pattern[str] | None = None
    never: re.Pattern[str] | None = None


def _rule(
    which: ActivityField, spellings: str, pattern: str | None = None, never: str | None = None
) -> _Rule:
    keys = frozenset(header_key(s) for s in spellings.split(";"))
    return _Rule(
        which,
        keys,
        None if pattern is None else re.compile(pattern),
        None if never is None else re.compile(never),
    )


_NOT_PERCENT = r"^(?!.*\bpercent\b)(?!.*\brate\b)"
_UNITS = r"(lessons?|units?|skills?|activities|modules?|topics?)"
#: Dates that are about something else than the activity: when access expires, when work
#: is due or opens, a birthday, a log-in, when something was assigned or created.
_NOT_ACTIVITY_DATE = (
    r"\b(expir\w*|expires|due\w*|open\w*|close\w*|birth\w*|dob|login|log in|logged|"
    r"assign\w*|created|enroll?\w*|start\w*|begin\w*|knowledge check)\b"
)
# Fields are guessed in this order and a header serves one field only: date ranges before
# a plain date, counts of units before minutes, an average score before a score, and
# points only where there is no score.
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
        r"\bknowledge check\b",
    ),
    _rule(
        ActivityField.RANGE_END,
        "date range end;end date;range end;period end;to date;to;through;week end",
        r"\b(range|period) end\b|\bend date\b",
        r"\bknowledge check\b",
    ),
    _rule(
        ActivityField.UNITS_PASSED,
        "passed;mastered;learned;topics learned",
        _NOT_PERCENT + rf".*(\b{_UNITS} (passed|mastered)\b|\b(passed|mastered) {_UNITS}\b)",
    ),
    _rule(
        ActivityField.UNITS_COMPLETED,
        "completed lessons;completed units;attempted;topics attempted",
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
        "activity name;assignment;assignment name;assignment title;exercise;topic;title;"
        "objective;module;assessment;assessment name;quiz;test name",
    ),
    _rule(
        ActivityField.SCORE,
        "score;percent score;score percent;percent;percent correct;smartscore;smart score;"
        "mastery score;lesson score;final score;accuracy",
        r"^(?!.*\b(average|avg|mean|raw|max|maximum|scale|scaled)\b).*\bscore\b",
    ),
    _rule(
        ActivityField.POINTS,
        "points;points earned;earned points;total points;raw score;score points;points scored",
    ),
    _rule(
        ActivityField.POINTS_POSSIBLE,
        "points possible;possible points;max points;maximum points;max score;maximum score;"
        "total possible;out of",
    ),
    _rule(
        ActivityField.MINUTES,
        "minutes;time on task;time spent;duration;learning time;total minutes;usage minutes;"
        "time;mins",
        r"\b(minutes?|mins?|time on task|time spent|duration|learning time|usage)\b",
        r"\bknowledge check\b|\bper\b|\bhour\b.*\blearned\b",
    ),
    _rule(
        ActivityField.COMPLETED_AT,
        "date;completed;completed at;completed on;completion date;date completed;"
        "completed date;finish date;end time;timestamp;submitted;submitted at;date submitted;"
        "submitted date;submit date;last practiced;attempt date;activity date;session date;"
        "date time;date taken",
        r"\b(date|completed|timestamp|submitted)\b",
        _NOT_ACTIVITY_DATE,
    ),
)

_DATE_FIELDS = frozenset(
    {ActivityField.COMPLETED_AT, ActivityField.RANGE_START, ActivityField.RANGE_END}
)


@dataclass(slots=True)
class MappingGuess:
    """The guessed mapping and, in words, why each column was (or was not) chosen."""

    mapping: ColumnMapping
    reasons: dict[ActivityField, str] = field(default_factory=dict)
    #: Columns that looked right by name but not by their values, and other notes.
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Everything the dialog shows under "Why these columns", in field order."""
        shown = [
            f"{which.label}: {self.reasons[which]}"
            for which in FIELDS_OF_KIND[self.mapping.kind]
            if which in self.reasons
        ]
        return shown + self.notes


class _Column:
    """The filled cells of one column of the sample."""

    def __init__(self, header: str, cells: list[str]) -> None:
        self.header = header
        self.cells = cells

    def share(self, test: Callable[[str], object]) -> float:
        if not self.cells:
            return 1.0  # nothing to contradict the name
        good = 0
        for cell in self.cells:
            try:
                test(cell)
            except (CellProblemError, ValueError):
                continue
            good += 1
        return good / len(self.cells)

    def dates(self) -> list[date]:
        found = []
        for cell in self.cells:
            try:
                found.append(read_date_time(cell)[0])
            except CellProblemError:
                continue
        return found

    def example(self) -> str:
        return self.cells[0] if self.cells else "(empty)"


def guess_mapping(
    headers: Sequence[str], rows: Sequence[Sequence[str]] = (), *, today: date | None = None
) -> ColumnMapping:
    """The mapping the headers (and the first rows, if given) suggest."""
    return guess_columns(headers, rows, today=today).mapping


def guess_columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]] = (), *, today: date | None = None
) -> MappingGuess:
    """The mapping the file suggests and why; ``today`` is the day the file was written
    (dates long after it are not activity dates)."""
    keys = [header_key(h) for h in headers]
    samples = [
        _Column(h, [r[i].strip() for r in rows if i < len(r) and r[i].strip()])
        for i, h in enumerate(headers)
    ]
    used: set[int] = set()
    columns: dict[ActivityField, str] = {}
    guess = MappingGuess(ColumnMapping())
    for rule in _RULES:
        index = _choose(rule, keys, used, samples, guess, today)
        if index is not None:
            columns[rule.field] = headers[index].strip()
            used.add(index)
    _pair_ranges(columns, guess)
    if {ActivityField.FIRST_NAME, ActivityField.LAST_NAME} <= set(columns):
        # First and last name columns say it better than a user name or login.
        columns.pop(ActivityField.STUDENT_NAME, None)
    if ActivityField.SCORE in columns or not {
        ActivityField.POINTS,
        ActivityField.POINTS_POSSIBLE,
    } <= set(columns):
        for which in (ActivityField.POINTS, ActivityField.POINTS_POSSIBLE):
            columns.pop(which, None)
            guess.reasons.pop(which, None)
    kind = _kind(columns)
    cells_of = {column.header.strip(): column.cells for column in samples}
    wanted = FIELDS_OF_KIND[kind]
    chosen = {f: h for f, h in columns.items() if f in wanted}
    mapping = ColumnMapping(
        kind=kind,
        columns=chosen,
        score_scale=_score_scale(chosen, cells_of, guess),
        clock=_clock(kind, chosen, cells_of, guess),
    )
    if mapping.dated_by_period:
        mapping = ColumnMapping(
            kind=mapping.kind,
            columns=mapping.columns,
            score_scale=mapping.score_scale,
            clock=mapping.clock,
            period=Period(),
        )
        guess.notes.append(
            translate(
                "ActivityImport",
                "No column holds the date of the activity, so the file is taken as "
                "covering the school week it was written in; choose the week if it "
                "covers another.",
            )
        )
    guess.mapping = mapping
    guess.reasons = {f: r for f, r in guess.reasons.items() if f in chosen}
    return guess


def _choose(
    rule: _Rule,
    keys: list[str],
    used: set[int],
    samples: list[_Column],
    guess: MappingGuess,
    today: date | None,
) -> int | None:
    """The first header that fits ``rule`` by its exact spelling, else by its pattern, and
    whose values fit the field; the reason is recorded in ``guess``."""
    for by_spelling in (True, False):
        for index, key in enumerate(keys):
            if index in used or not key:
                continue
            if by_spelling:
                if key not in rule.spellings:
                    continue
            elif rule.pattern is None or not rule.pattern.search(key):
                continue
            header = samples[index].header
            misfit = _misfit(rule.field, samples[index], today)
            if misfit is None and not by_spelling and rule.never and rule.never.search(key):
                misfit = translate("ActivityImport", "its name says it is about something else")
            if misfit is not None:
                if not any(note.startswith(f"'{header}' ") for note in guess.notes):
                    guess.notes.append(
                        translate(
                            "ActivityImport", "'{header}' is not the {label}: {misfit}."
                        ).format(header=header, label=_label(rule.field), misfit=misfit)
                    )
                continue
            how = (
                translate("ActivityImport", "its name")
                if by_spelling
                else translate("ActivityImport", "a word in its name")
            )
            guess.reasons[rule.field] = translate(
                "ActivityImport", "'{header}', by {how}{values_note}"
            ).format(header=header, how=how, values_note=_values_note(rule.field, samples[index]))
            return index
    return None


def _label(which: ActivityField) -> str:
    if which is ActivityField.COMPLETED_AT:
        return translate("ActivityImport", "activity date")
    return which.label.lower()


def _misfit(which: ActivityField, column: _Column, today: date | None) -> str | None:
    """Why the column's values do not fit the field, or None when they do."""
    if not column.cells:
        return None
    if which in _DATE_FIELDS:
        if column.share(read_date_time) < FITTING_SHARE:
            return translate(
                "ActivityImport", "its values are not dates (such as {example})"
            ).format(example=repr(column.example()))
        dates = column.dates()
        if today is not None and dates:
            typical = statistics.median_low(dates)
            if typical > today + FUTURE_SLACK:
                return translate(
                    "ActivityImport",
                    "its dates (such as {typical}, {typical_year}) are months after the file "
                    "was written ({today}, {today_year})",
                ).format(
                    typical=day_and_month(typical),
                    typical_year=typical.year,
                    today=day_and_month(today),
                    today_year=today.year,
                )
        return None
    if which is ActivityField.MINUTES:
        if column.share(lambda text: read_minutes(text, most=10**9)) < FITTING_SHARE:
            return translate(
                "ActivityImport", "its values are not durations (such as {example})"
            ).format(example=repr(column.example()))
        return None
    if which in (ActivityField.SCORE, ActivityField.AVERAGE_SCORE):
        if column.share(read_number) < FITTING_SHARE:
            return translate(
                "ActivityImport", "its values are not scores (such as {example})"
            ).format(example=repr(column.example()))
        if any(_number(cell) > 100 for cell in column.cells):
            return translate("ActivityImport", "it has values over 100, so it is no percent score")
        return None
    if which in (
        ActivityField.UNITS_COMPLETED,
        ActivityField.UNITS_PASSED,
        ActivityField.POINTS,
        ActivityField.POINTS_POSSIBLE,
    ):
        test = (
            read_number
            if which in (ActivityField.POINTS, ActivityField.POINTS_POSSIBLE)
            else read_count
        )
        if column.share(test) < FITTING_SHARE:
            return translate(
                "ActivityImport", "its values are not counts (such as {example})"
            ).format(example=repr(column.example()))
    return None


def _number(text: str) -> float:
    try:
        return read_number(text)
    except CellProblemError:
        return 0.0


def _values_note(which: ActivityField, column: _Column) -> str:
    if not column.cells:
        return ""
    if which in _DATE_FIELDS:
        return translate("ActivityImport", "; its values are dates (such as {example})").format(
            example=column.example()
        )
    if which is ActivityField.MINUTES:
        return translate("ActivityImport", "; its values are durations (such as {example})").format(
            example=column.example()
        )
    return ""


def _pair_ranges(columns: dict[ActivityField, str], guess: MappingGuess) -> None:
    """A date range needs both ends; half a range is no range."""
    ends = (ActivityField.RANGE_START, ActivityField.RANGE_END)
    if sum(which in columns for which in ends) == 1:
        for which in ends:
            if which in columns:
                guess.notes.append(
                    translate(
                        "ActivityImport",
                        "'{header}' looked like a {field}, but the file has no other end of the "
                        "range.",
                    ).format(header=columns.pop(which), field=which.label.lower())
                )
                guess.reasons.pop(which, None)


def _kind(columns: dict[ActivityField, str]) -> ExportKind:
    """Summaries count units per student and range (or per week, with no dates at all);
    attempts are one row per unit with its score."""
    has = set(columns)
    if ActivityField.UNITS_COMPLETED not in has or ActivityField.SCORE in has:
        return ExportKind.ATTEMPTS
    ranged = {ActivityField.RANGE_START, ActivityField.RANGE_END} <= has
    per_unit = bool(has & {ActivityField.UNIT_CODE, ActivityField.UNIT_TITLE})
    if ranged or (ActivityField.COMPLETED_AT not in has and not per_unit):
        return ExportKind.SUMMARY
    return ExportKind.ATTEMPTS


def _score_scale(
    columns: dict[ActivityField, str], cells_of: dict[str, list[str]], guess: MappingGuess
) -> ScoreScale:
    header = columns.get(ActivityField.SCORE)
    if header is None:
        return ScoreScale.PERCENT
    plain = [cell for cell in cells_of.get(header, []) if not cell.endswith("%")]
    if plain and all(0 <= _number(c) <= 1 for c in plain) and any("." in c for c in plain):
        guess.reasons[ActivityField.SCORE] += translate(
            "ActivityImport", "; its values are fractions (0.79 means 79%)"
        )
        return ScoreScale.FRACTION
    return ScoreScale.PERCENT


def _clock(
    kind: ExportKind,
    columns: dict[ActivityField, str],
    cells_of: dict[str, list[str]],
    guess: MappingGuess,
) -> Clock:
    """``1:35`` is hours and minutes, unless that makes single activities last hours."""
    header = columns.get(ActivityField.MINUTES)
    if header is None or kind is not ExportKind.ATTEMPTS:
        return Clock.HOURS_MINUTES
    cells = [c for c in cells_of.get(header, []) if c.count(":") == 1]
    if not cells:
        return Clock.HOURS_MINUTES
    as_hours = [read_minutes(c, most=10**9) for c in cells if _is_minutes(c)]
    if as_hours and statistics.median(as_hours) > 180:
        guess.reasons[ActivityField.MINUTES] += translate(
            "ActivityImport",
            "; values such as 12:30 are read as minutes and seconds (as hours, "
            "one activity would last half a day)",
        )
        return Clock.MINUTES_SECONDS
    return Clock.HOURS_MINUTES


def _is_minutes(text: str) -> bool:
    try:
        read_minutes(text, most=10**9)
    except CellProblemError:
        return False
    return True

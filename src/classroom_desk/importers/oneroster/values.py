"""Reading OneRoster values the way real exports write them, and mapping them to ours.

Exports write booleans as TRUE, true or 1 and grades as ``09`` or ``KG``; a status or a
boolean that is none of these is an error at its cell. Dates are not read: the roster uses
none, and exports and spreadsheets write them every which way (``8/1/2024 0:00``).
"""

from __future__ import annotations

import functools
import re
import uuid

from classroom_desk.i18n import translate
from classroom_desk.importers.oneroster.columns import Row

ACTIVE, INACTIVE, TO_BE_DELETED = "active", "inactive", "tobedeleted"
_STATUSES = {ACTIVE, INACTIVE, TO_BE_DELETED}
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}

#: Ids of imported rows are derived from the SIS sourcedId, so a re-import or a delta
#: finds the same rows (and the school server derives the same ids).
ID_NAMESPACE = uuid.UUID("6f1f3b52-6c0e-5d4c-9a43-2d1c7e0b7a51")

#: Our content areas and the words in a class's subjects or titles that mean them.
CONTENT_AREA_WORDS = {
    "reading": re.compile(r"\b(reading|ela|english|literacy|language arts)\b", re.IGNORECASE),
    "math": re.compile(r"\b(math|maths|mathematics|algebra|geometry)\b", re.IGNORECASE),
}


def record_id(kind: str, sourced_id: str) -> str:
    """Our UUID for the SIS record ``sourced_id`` of ``kind`` (school, teacher, ...)."""
    return str(uuid.uuid5(_kind_namespace(kind), sourced_id))


@functools.cache
def _kind_namespace(kind: str) -> uuid.UUID:
    return uuid.uuid5(ID_NAMESPACE, kind)


def read_status(row: Row) -> str:
    """active, inactive or tobedeleted; a blank status (allowed in bulk files) is active."""
    status = row.value("status").lower() or ACTIVE
    if status not in _STATUSES:
        raise row.error(
            "status",
            translate(
                "RosterImport", "expected active, tobedeleted or blank; found {status}"
            ).format(status=repr(status)),
        )
    return status


def read_boolean(row: Row, column: str) -> bool:
    text = row.value(column).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise row.error(
        column,
        translate("RosterImport", "expected true or false; found {value}").format(
            value=repr(row.value(column))
        ),
    )


def split_list(text: str) -> list[str]:
    """A OneRoster list value (``"09,10,11"``) as its items."""
    return [item.strip() for item in text.split(",") if item.strip()]


def grade_of(grades: str) -> str:
    """A student's grade: the first listed, ``09`` read as ``9``; KG and PK stay as they are."""
    items = split_list(grades)
    return _short_grade(items[0]) if items else ""


def grade_span(grades: str) -> str:
    """A class's grade: ``10``, or ``9-11`` for a class of several grades."""
    items = [_short_grade(item) for item in split_list(grades)]
    if len(items) > 1:
        return f"{items[0]}-{items[-1]}"
    return items[0] if items else ""


def _short_grade(grade: str) -> str:
    return (grade.lstrip("0") or "0") if grade.isdigit() else grade


def content_areas(*texts: str) -> list[str]:
    """Our content areas named in a class's subjects and titles (none is a valid answer)."""
    joined = " ".join(texts)
    return [area for area, words in CONTENT_AREA_WORDS.items() if words.search(joined)]

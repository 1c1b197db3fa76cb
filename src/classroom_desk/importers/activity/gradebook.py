"""OneRoster gradebook files (``lineItems.csv`` and ``results.csv``, 1.1 and 1.2) as unit
attempts: the standard way a learning platform or an LMS hands results to a school.

Each line item is a unit (its title, in the content area of its category or of its class);
each graded result is an attempt of the student it names (by sourcedId), scored on the line
item's ``resultValueMin``..``resultValueMax`` scale (0 to 100 when the line item gives
none), completed on its ``scoreDate``. Columns are found by name, so the 1.1 and 1.2
layouts (1.2 adds ``textScore``, ``inProgress``, ``schoolSourcedId``...) read alike.
Results not graded yet (``scoreStatus`` submitted, not submitted, exempt) and records
``tobedeleted`` are left out and counted. Importing the same files again adds nothing:
an attempt's id derives from the result's sourcedId.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from classroom_desk.i18n import plural, translate
from classroom_desk.importers.activity.importer import (
    ActivityImportResult,
    ActivityReport,
    AttemptSink,
    RowContext,
    import_rows,
    school_calendar,
)
from classroom_desk.importers.activity.mapping import ActivityField, ExportKind
from classroom_desk.importers.activity.rows import ContentAreas, MappedRow
from classroom_desk.importers.activity.students import StudentDirectory
from classroom_desk.importers.activity.values import (
    CellProblemError,
    normalize_text,
    read_date_time,
    read_number,
)
from classroom_desk.importers.csv_source import CsvLimits, count_lines, read_records
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.errors import expected as expected_text
from classroom_desk.importers.oneroster.package import Package, open_package
from classroom_desk.importers.oneroster.progress import ProgressCallback, ProgressTracker
from classroom_desk.store.database import Store

LINE_ITEMS, RESULTS, CATEGORIES = "lineItems.csv", "results.csv", "categories.csv"
#: Results that carry a grade; any other scoreStatus is work not graded yet.
GRADED = frozenset({"fully graded", "partially graded", ""})
DEFAULT_SOURCE = "OneRoster gradebook"


@dataclass(frozen=True, slots=True)
class LineItem:
    title: str
    area: str
    low: float
    high: float


def has_gradebook(path: Path) -> bool:
    """Whether the OneRoster package at ``path`` holds ``lineItems.csv`` and ``results.csv``."""
    try:
        with open_package(path) as package:
            return package.find(LINE_ITEMS) is not None and package.find(RESULTS) is not None
    except InputError:
        return False


def import_gradebook(
    path: Path,
    store: Store,
    *,
    source: str = DEFAULT_SOURCE,
    content_area: str | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limits: CsvLimits | None = None,
    now: datetime | None = None,
    attempts_to: AttemptSink | None = None,
) -> ActivityImportResult:
    """Import the gradebook of the OneRoster package (folder or .zip) at ``path``.

    ``content_area`` (an id or name) is the area of line items whose category and class do
    not say it; ``attempts_to`` as for :func:`import_rows`. All or nothing:
    :class:`InputError` names ``file:line:column``.
    """
    limits = limits or CsvLimits()
    connection = store.connection
    with open_package(path) as package:
        items_member, results_member = package.find(LINE_ITEMS), package.find(RESULTS)
        if items_member is None or results_member is None:
            missing = LINE_ITEMS if items_member is None else RESULTS
            raise InputError(
                package.display(missing),
                1,
                1,
                translate("ActivityImport", "expected a gradebook: {missing} is missing").format(
                    missing=missing
                ),
            )
        calendar = school_calendar(connection, package.display(results_member))
        areas = ContentAreas(connection)
        items = _line_items(package, items_member, connection, areas, content_area, limits)
        with package.open(results_member) as counting:
            total = max(count_lines(counting, limits.max_file_bytes) - 1, 0)
        tracker = ProgressTracker(progress, should_cancel, total)
        report = ActivityReport(
            file=str(path), source=source.strip() or DEFAULT_SOURCE, kind=ExportKind.ATTEMPTS
        )

        not_graded: list[int] = []

        @contextlib.contextmanager
        def open_rows() -> Iterator[_ResultRows]:
            with package.open(results_member) as binary:
                rows = _ResultRows(binary, package.display(results_member), items, limits)
                yield rows
                not_graded.append(rows.not_graded)

        result = import_rows(
            store,
            open_rows,
            RowContext(StudentDirectory(connection), calendar, areas, None, tracker, {}),
            report,
            now=now or datetime.now(UTC),
            attempts_to=attempts_to,
        )
    if result.needs_answers:
        # Results name students by sourcedId only: one this roster lacks is an error.
        question = result.questions[0]
        raise InputError(
            package.display(results_member),
            question.first_line,
            "studentSourcedId",
            plural(
                question.rows,
                translate(
                    "ActivityImport",
                    "expected a student of this school's roster; found {key} ({rows} result)",
                ),
                translate(
                    "ActivityImport",
                    "expected a student of this school's roster; found {key} ({rows} results)",
                ),
            ).format(key=repr(question.key.removeprefix("ID ")), rows=question.rows),
        )
    left_out: int = sum(not_graded, 0)
    if result.report is not None and left_out:
        result.report.notes.append(
            plural(
                left_out,
                translate(
                    "ActivityImport", "{count} result not graded yet or to be deleted was left out."
                ),
                translate(
                    "ActivityImport",
                    "{count} results not graded yet or to be deleted were left out.",
                ),
            ).format(count=left_out)
        )
    return result


class _Columns:
    """A gradebook file's header: column positions by name, case ignored."""

    def __init__(self, header: list[str], display: str, required: tuple[str, ...]) -> None:
        self.display = display
        self.positions = {name.strip().casefold(): i for i, name in enumerate(header)}
        for name in required:
            if name.casefold() not in self.positions:
                raise InputError(
                    display,
                    1,
                    name,
                    translate("ActivityImport", "expected a column named {name}").format(
                        name=repr(name)
                    ),
                )

    def get(self, fields: list[str], name: str) -> str:
        index = self.positions.get(name.casefold())
        return fields[index].strip() if index is not None and index < len(fields) else ""

    def number(self, name: str) -> int:
        return self.positions[name.casefold()] + 1


def _line_items(
    package: Package,
    member: str,
    connection: sqlite3.Connection,
    areas: ContentAreas,
    content_area: str | None,
    limits: CsvLimits,
) -> dict[str, LineItem]:
    """sourcedId -> line item (a gradebook's line items are few: read them all)."""
    display = package.display(member)
    categories = _categories(package, limits)
    class_areas: dict[str, list[str]] = {}
    for class_id, area in connection.execute(
        "SELECT c.source_id, a.content_area_id FROM class_section c"
        " JOIN section_content_area a ON a.section_id = c.id WHERE c.source_id != ''"
    ):
        class_areas.setdefault(class_id, []).append(area)
    fallback = None
    if content_area:
        try:
            fallback = areas.find(content_area)
        except CellProblemError as problem:
            raise InputError(
                display,
                1,
                translate("ActivityImport", "content area"),
                expected_text(problem.expected),
            ) from None
    items: dict[str, LineItem] = {}
    with package.open(member) as binary:
        records = read_records(binary, name=display, limits=limits)
        header = next((r for r in records if any(f.strip() for f in r.fields)), None)
        if header is None:
            raise InputError(
                display,
                1,
                1,
                translate("ActivityImport", "expected a header row naming the columns"),
            )
        columns = _Columns(header.fields, display, ("sourcedId", "title"))
        for record in records:
            fields = record.fields
            if not any(f.strip() for f in fields):
                continue
            sourced_id = columns.get(fields, "sourcedId")
            if columns.get(fields, "status").casefold() == "tobedeleted":
                continue
            if not sourced_id:
                raise InputError(
                    display,
                    record.line,
                    1,
                    translate("ActivityImport", "expected a sourcedId; it is empty"),
                )
            title = columns.get(fields, "title")
            if not title:
                raise InputError(
                    display,
                    record.line,
                    columns.number("title"),
                    translate("ActivityImport", "expected a title; it is empty"),
                )
            area = _area_of(
                categories.get(columns.get(fields, "categorySourcedId"), ""),
                class_areas.get(columns.get(fields, "classSourcedId"), []),
                areas,
                fallback,
            )
            if area is None:
                raise InputError(
                    display,
                    record.line,
                    "classSourcedId",
                    translate(
                        "ActivityImport",
                        "expected a class or category that says the content area of {title} "
                        "(or one content area chosen for the whole gradebook)",
                    ).format(title=repr(title)),
                )
            low, high = _scale(columns, fields, display, record.line)
            items[sourced_id] = LineItem(title, area, low, high)
    return items


def _categories(package: Package, limits: CsvLimits) -> dict[str, str]:
    member = package.find(CATEGORIES)
    if member is None:
        return {}
    display = package.display(member)
    found: dict[str, str] = {}
    with package.open(member) as binary:
        records = read_records(binary, name=display, limits=limits)
        header = next((r for r in records if any(f.strip() for f in r.fields)), None)
        if header is None:
            return {}
        columns = _Columns(header.fields, display, ("sourcedId", "title"))
        for record in records:
            found[columns.get(record.fields, "sourcedId")] = columns.get(record.fields, "title")
    return found


def _area_of(
    category: str, class_areas: list[str], areas: ContentAreas, fallback: str | None
) -> str | None:
    """A category named like an area ("Math", "ELA") says it; else a class with one area."""
    if category:
        with contextlib.suppress(CellProblemError):
            return areas.find(category)
        words = normalize_text(category).split(" ")
        for word in words:
            with contextlib.suppress(CellProblemError):
                return areas.find(word)
    if len(set(class_areas)) == 1:
        return class_areas[0]
    return fallback


def _scale(columns: _Columns, fields: list[str], display: str, line: int) -> tuple[float, float]:
    bounds = []
    for name, default in (("resultValueMin", 0.0), ("resultValueMax", 100.0)):
        text = columns.get(fields, name)
        if not text:
            bounds.append(default)
            continue
        try:
            bounds.append(read_number(text))
        except CellProblemError:
            raise InputError(
                display,
                line,
                columns.number(name),
                translate("ActivityImport", "expected a number; found {text}").format(
                    text=repr(text)
                ),
            ) from None
    low, high = bounds
    if high <= low:
        raise InputError(
            display,
            line,
            columns.number("resultValueMax") if "resultvaluemax" in columns.positions else 1,
            translate(
                "ActivityImport",
                "expected resultValueMax above resultValueMin ({low}); found {high}",
            ).format(low=format(low, "g"), high=format(high, "g")),
        )
    return low, high


class _ResultRows:
    """``results.csv`` as staged attempt rows (the importer's :class:`RowSource`)."""

    REQUIRED = ("sourcedId", "lineItemSourcedId", "studentSourcedId", "score")

    def __init__(
        self, binary: object, name: str, items: dict[str, LineItem], limits: CsvLimits
    ) -> None:
        self.name = name
        self._items = items
        self._records = read_records(binary, name=name, limits=limits)  # type: ignore[arg-type]
        header = next((r for r in self._records if any(f.strip() for f in r.fields)), None)
        if header is None:
            raise InputError(
                name, 1, 1, translate("ActivityImport", "expected a header row naming the columns")
            )
        self._columns = _Columns(header.fields, name, self.REQUIRED)
        self.not_graded = 0

    @property
    def ignored_columns(self) -> list[str]:
        return []

    def column_number(self, which: ActivityField) -> int:
        names = {
            ActivityField.ATTEMPT_ID: "sourcedId",
            ActivityField.STUDENT_ID: "studentSourcedId",
            ActivityField.UNIT_TITLE: "lineItemSourcedId",
            ActivityField.SCORE: "score",
            ActivityField.COMPLETED_AT: "scoreDate",
        }
        return self._columns.positions.get(names.get(which, "sourcedId").casefold(), 0) + 1

    def error(self, row: MappedRow) -> InputError:
        which = min(row.problems, key=self.column_number)
        return InputError(
            self.name, row.line, self.column_number(which), expected_text(row.problems[which])
        )

    def rows(self) -> Iterator[MappedRow]:
        columns = self._columns
        for record in self._records:
            fields = record.fields
            if not any(f.strip() for f in fields):
                continue
            status = columns.get(fields, "status").casefold()
            score_status = columns.get(fields, "scoreStatus").casefold()
            if status == "tobedeleted" or score_status not in GRADED:
                self.not_graded += 1
                continue
            yield self._row(record.line, fields)

    def _row(self, line: int, fields: list[str]) -> MappedRow:
        columns = self._columns
        problems: dict[ActivityField, str] = {}
        item_id = columns.get(fields, "lineItemSourcedId")
        item = self._items.get(item_id)
        if item is None:
            problems[ActivityField.UNIT_TITLE] = translate(
                "ActivityImport", "a line item of lineItems.csv; found {item_id}"
            ).format(item_id=repr(item_id))
        student = columns.get(fields, "studentSourcedId")
        if not student:
            problems[ActivityField.STUDENT_ID] = translate(
                "ActivityImport", "a studentSourcedId; it is empty"
            )
        values: dict[ActivityField, object] = {ActivityField.MINUTES: 0}
        score_text = columns.get(fields, "score")
        if item is not None:
            try:
                raw = read_number(score_text)
            except CellProblemError:
                problems[ActivityField.SCORE] = translate(
                    "ActivityImport", "a score; found {score_text}"
                ).format(score_text=repr(score_text))
            else:
                if not item.low <= raw <= item.high:
                    problems[ActivityField.SCORE] = translate(
                        "ActivityImport",
                        "a score from {low} to {high} (the line item's resultValueMin and "
                        "resultValueMax); found {score_text}",
                    ).format(
                        low=format(item.low, "g"),
                        high=format(item.high, "g"),
                        score_text=repr(score_text),
                    )
                else:
                    values[ActivityField.SCORE] = round(
                        100 * (raw - item.low) / (item.high - item.low), 2
                    )
            values[ActivityField.CONTENT_AREA] = item.area
        when = columns.get(fields, "scoreDate") or columns.get(fields, "dateLastModified")
        try:
            values[ActivityField.COMPLETED_AT] = read_date_time(when)
        except CellProblemError as problem:
            problems[ActivityField.COMPLETED_AT] = problem.expected
        texts = {
            ActivityField.STUDENT_ID: student,
            ActivityField.UNIT_TITLE: "" if item is None else item.title,
            ActivityField.ATTEMPT_ID: columns.get(fields, "sourcedId"),
        }
        return MappedRow(line, texts, values, problems)

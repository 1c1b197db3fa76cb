"""District scale: the weekly-figures query and the roster's view updates on 5,000 students.

The district (cached in ``bench/out/``, made once with the store's own API): 5,000
students in 170 sections of 29-30 working in reading and math, three school years of
36 weeks, about 1.5 million unit attempts, and in the last weeks the teachers' own
reassignments (some undone) and conference notes, made through ``TeacherActions``.
Measured, each beside its baseline in one run:

* the weekly figures of all 5,000 students for one week in one content area through
  ``RosterQueries.weekly_roster`` (target <= 50 ms), and the same SQL text run through
  plain ``sqlite3`` and through SQLAlchemy Core ``text()`` on the same file; one class too;
* a filter toggle and a re-sort of the 5,000 rows through ``RosterViewState`` (no Qt), and
  through the real ``RosterTableModel`` in a ``QTableView`` offscreen, from the presenter
  call until the view has repainted (target <= 16 ms, one frame at 60 Hz).

    python bench/scale.py [--runs 21] [--regenerate]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchlib import ms, out_dir, summary, verdict, write_result
from classroom_desk.demo import FAMILY_NAMES, GIVEN_NAMES
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import (
    AttemptRecord,
    ContentAreaRecord,
    EnrollmentRecord,
    SchoolDataset,
    SchoolRecord,
    SectionRecord,
    StudentRecord,
    TeacherRecord,
    UnitRecord,
)
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.roster import (
    ALL_SECTIONS,
    Column,
    RosterFilter,
    RosterPresenter,
    RosterRow,
    RosterSettings,
    RosterViewState,
    WeekMode,
)
from classroom_desk.store.database import SCHEMA_HEAD, Store, open_store
from classroom_desk.store.loading import insert_attempts, load_dataset
from classroom_desk.store.roster_queries import (
    RosterQueries,
    weekly_figures_parameters,
    weekly_figures_statement,
)
from classroom_desk.store.weekly_rollup import finish_weekly_rollup

GENERATOR_VERSION = 2
STUDENTS = 5_000
SECTIONS = 170
AREAS = ("reading", "math")
UNITS_PER_AREA = 240
YEAR_STARTS = (date(2024, 8, 19), date(2025, 8, 18), date(2026, 8, 17))  # Mondays
WEEKS_PER_YEAR = 36
# Attempts per student, area and week: mean 1.39, so 5,000 x 2 x 108 weeks ~ 1.5 million.
ATTEMPTS_PER_WEEK = (0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4)
TIME_ZONE = "America/Chicago"
CHUNK_STUDENTS = 250
# Teacher activity in the last weeks, through the store's own actions: each week every
# section's teacher reassigns up to 3 units under mastery for a third of the class (one
# batch in 20 undone), and every student has had 2 conference notes.
REASSIGN_WEEKS = 4
NOTES_PER_STUDENT = 2

QUERY_TARGET_MS = 50.0
TUNED_MMAP_BYTES = 1 << 30
TUNED_CACHE_KIB = 64 * 1024
VIEW_TARGET_MS = 16.0
#: Event-loop passes a view update may take before its repaint (a timer, then a posted event).
PAINT_PASSES = 5


# --- the district ---------------------------------------------------------------------------


def district_path() -> Path:
    return out_dir() / f"district-v{GENERATOR_VERSION}.sqlite"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _weeks(calendar: SchoolCalendar) -> list[tuple[date, datetime]]:
    """Each school week's first day and its UTC start (local midnight)."""
    weeks = []
    for start in YEAR_STARTS:
        for number in range(WEEKS_PER_YEAR):
            week = start + timedelta(weeks=number)
            weeks.append((week, calendar.utc_bounds(week)[0]))
    return weeks


def _roster(rng: random.Random) -> SchoolDataset:
    school = SchoolRecord(
        id=_uuid(rng), name="Bench District", time_zone=TIME_ZONE, thresholds=Thresholds()
    )
    areas = tuple(ContentAreaRecord(id=a, name=a.title(), position=i) for i, a in enumerate(AREAS))
    units = tuple(
        UnitRecord(
            id=_uuid(rng),
            content_area_id=area,
            code=f"{area[:3].upper()}-{n:03d}",
            title=f"{area.title()} unit {n}",
            position=n,
        )
        for area in AREAS
        for n in range(UNITS_PER_AREA)
    )
    teachers, sections, students, enrollments = [], [], [], []
    for number in range(SECTIONS):
        grade = str(number % 13) if number % 13 else "K"
        teacher = TeacherRecord(
            id=_uuid(rng),
            school_id=school.id,
            given_name=rng.choice(GIVEN_NAMES),
            family_name=rng.choice(FAMILY_NAMES),
            email=f"teacher{number}@bench.invalid",
        )
        teachers.append(teacher)
        sections.append(
            SectionRecord(
                id=_uuid(rng),
                school_id=school.id,
                teacher_id=teacher.id,
                name=f"Grade {grade} section {number:03d}",
                grade=grade,
                content_area_ids=AREAS,
            )
        )
    for number in range(STUDENTS):
        section = sections[number % SECTIONS]
        student = StudentRecord(
            id=_uuid(rng),
            school_id=school.id,
            given_name=rng.choice(GIVEN_NAMES),
            family_name=rng.choice(FAMILY_NAMES),
            grade=section.grade,
            source_id=f"bench-{number:05d}",
        )
        students.append(student)
        enrollments.append(EnrollmentRecord(section_id=section.id, student_id=student.id))
    return SchoolDataset(
        school=school,
        teachers=tuple(teachers),
        content_areas=areas,
        sections=tuple(sections),
        students=tuple(students),
        enrollments=tuple(enrollments),
        units=units,
        attempts=(),
    )


def _attempts(
    rng: random.Random,
    student: StudentRecord,
    units: dict[str, list[UnitRecord]],
    weeks: list[tuple[date, datetime]],
) -> Iterator[AttemptRecord]:
    """A student's history: a steady learner, a struggling one, or one who drifts away."""
    for area in AREAS:
        mean_score = rng.gauss(82, 8)
        engagement = rng.random()
        next_unit = rng.randrange(0, 20)
        retries: list[UnitRecord] = []
        for _week, week_start in weeks:
            if rng.random() > 0.35 + 0.65 * engagement and rng.random() < 0.5:
                continue  # a week without any activity
            for _ in range(rng.choice(ATTEMPTS_PER_WEEK)):
                if retries and rng.random() < 0.5:
                    unit, bonus = retries.pop(0), 8.0
                else:
                    unit, bonus = units[area][next_unit % UNITS_PER_AREA], 0.0
                    next_unit += 1
                score = float(round(min(100.0, max(20.0, rng.gauss(mean_score + bonus, 9)))))
                if score < 80:
                    retries.append(unit)
                yield AttemptRecord(
                    id=_uuid(rng),
                    student_id=student.id,
                    unit_id=unit.id,
                    content_area_id=area,
                    score=score,
                    minutes=rng.randint(12, 25),
                    # School hours, Monday to Friday (UTC 13:00-20:00 is 7:00/8:00-14:00/15:00
                    # in Chicago), always inside the week.
                    completed_at=week_start
                    + timedelta(days=rng.randrange(5), minutes=rng.randrange(13 * 60, 20 * 60)),
                    source_id="bench",
                )


def _teacher_activity(
    store: Store, dataset: SchoolDataset, rng: random.Random, weeks: list[tuple[date, datetime]]
) -> dict[str, int]:
    from classroom_desk.store.teacher_actions import TeacherActions, ensure_device

    actions = TeacherActions(store, ensure_device(store))
    mastery = dataset.school.thresholds.mastery_score
    members: dict[str, list[str]] = {}
    for enrollment in dataset.enrollments:
        members.setdefault(enrollment.section_id, []).append(enrollment.student_id)
    reassigned = undone = notes = 0
    for _week, week_start in weeks[-REASSIGN_WEEKS:]:
        moment = week_start + timedelta(days=1, hours=14)
        for section in dataset.sections:
            chosen = rng.sample(members[section.id], k=len(members[section.id]) // 3)
            pairs: list[tuple[str, str]] = []
            for student_id in chosen:
                rows = store.connection.execute(
                    "SELECT unit_id FROM unit_progress WHERE student_id = ? AND latest_score < ?"
                    " ORDER BY latest_completed_at DESC LIMIT 3",
                    (student_id, mastery),
                )
                pairs += [(student_id, row[0]) for row in rows]
            if not pairs:
                continue
            batch = actions.reassign(units=pairs, mastery_score=mastery, now=moment)
            reassigned += len(pairs)
            if rng.random() < 0.05:
                undone += actions.undo_reassignment(
                    batch_id=batch, now=moment + timedelta(minutes=10)
                )
    for student in dataset.students:
        for number in range(NOTES_PER_STUDENT):
            week_start = weeks[-1 - rng.randrange(6)][1]
            actions.save_note(
                student_id=student.id,
                body=f"Conference {number + 1}: discussed this week's scores; next goal set.",
                tags=["set goal"],
                now=week_start + timedelta(days=rng.randrange(5), hours=15),
            )
            notes += 1
    return {"reassignments": reassigned, "undone": undone, "notes": notes}


def build_district(path: Path) -> dict[str, Any]:
    """Write the district into a new store at ``path``, in chunks, through the store's API."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    rng = random.Random(20261123)
    started = time.perf_counter()
    dataset = _roster(rng)
    store = open_store(path)
    try:
        load_dataset(store, dataset)
        calendar = SchoolCalendar.named(TIME_ZONE)
        weeks = _weeks(calendar)
        units: dict[str, list[UnitRecord]] = {area: [] for area in AREAS}
        for unit in dataset.units:
            units[unit.content_area_id].append(unit)
        students = dataset.students
        for first in range(0, len(students), CHUNK_STUDENTS):
            with store.transaction() as connection:
                for student in students[first : first + CHUNK_STUDENTS]:
                    insert_attempts(connection, _attempts(rng, student, units, weeks))
            done = min(first + CHUNK_STUDENTS, len(students))
            print(f"  {done}/{len(students)} students written", end="\r", flush=True)
        print()
        activity = _teacher_activity(store, dataset, rng, weeks)
        # The store was new: its rollup is built as the app's background rebuild builds it.
        finish_weekly_rollup(store, pause_s=0)
        store.connection.execute("ANALYZE")
        attempts = store.connection.execute("SELECT COUNT(*) FROM unit_attempt").fetchone()[0]
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    meta = {
        "generator_version": GENERATOR_VERSION,
        "schema": SCHEMA_HEAD,
        "students": STUDENTS,
        "sections": SECTIONS,
        "weeks": len(YEAR_STARTS) * WEEKS_PER_YEAR,
        "attempts": attempts,
        **activity,
        "build_s": round(time.perf_counter() - started, 1),
        "file_mb": round(path.stat().st_size / 1e6, 1),
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def district(regenerate: bool) -> tuple[Path, dict[str, Any]]:
    path = district_path()
    meta_path = path.with_suffix(".json")
    if not regenerate and path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("schema") == SCHEMA_HEAD and meta.get("generator_version") == GENERATOR_VERSION:
            print(f"district: cached {path.name} ({meta['attempts']:,} attempts)")
            return path, meta
    print(f"district: generating {path.name} (once; cached for later runs)")
    meta = build_district(path)
    print(f"district: {meta['attempts']:,} attempts, {meta['file_mb']} MB in {meta['build_s']} s")
    return path, meta


# --- timing ---------------------------------------------------------------------------------


def interleaved(
    cases: dict[str, Callable[[], object]], runs: int, warmup: int = 2
) -> dict[str, list[float]]:
    """Milliseconds per call of each case, the cases taking turns run by run."""
    for _ in range(warmup):
        for call in cases.values():
            call()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, call in cases.items():
            started = time.perf_counter()
            call()
            times[name].append(ms(time.perf_counter() - started))
    return times


def query_plan(connection: sqlite3.Connection, sql: str, parameters: dict[str, object]) -> str:
    rows = connection.execute("EXPLAIN QUERY PLAN " + sql, parameters).fetchall()
    depth: dict[int, int] = {0: 0}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, 0) + 1
        lines.append("  " * depth[node] + detail)
    return "\n".join(lines)


def bench_queries(path: Path, store: Store, week: date, runs: int) -> dict[str, Any]:
    from sqlalchemy import create_engine, text

    queries = RosterQueries(store.connection)
    school = queries.school()
    assert school is not None
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    start, end = calendar.utc_bounds(week)
    all_ids = [s.id for s in queries.sections()]
    one_class = [all_ids[len(all_ids) // 2]]
    area = "math"

    def parameters(section_ids: list[str]) -> dict[str, object]:
        return weekly_figures_parameters(
            section_ids=section_ids,
            content_area_id=area,
            start_utc=start,
            end_utc=end,
            thresholds=school.thresholds,
        )

    raw = sqlite3.connect(path)
    # Not the app's settings: what a larger page cache and memory-mapped reads would give.
    tuned = sqlite3.connect(path)
    tuned.execute(f"PRAGMA mmap_size = {TUNED_MMAP_BYTES}")
    tuned.execute(f"PRAGMA cache_size = -{TUNED_CACHE_KIB}")
    engine = create_engine(f"sqlite:///{path}")
    sa_connection = engine.connect()
    results: dict[str, Any] = {}
    try:
        for label, ids in (("district", all_ids), ("class", one_class)):
            sql = weekly_figures_statement(len(ids))
            bound = parameters(ids)
            clause = text(sql)
            rows = len(raw.execute(sql, bound).fetchall())
            times = interleaved(
                {
                    "roster_queries": lambda ids=ids: queries.weekly_roster(
                        section_ids=ids,
                        content_area_id=area,
                        start_utc=start,
                        end_utc=end,
                        thresholds=school.thresholds,
                    ),
                    "sqlite3": lambda sql=sql, bound=bound: raw.execute(sql, bound).fetchall(),
                    "sqlite3_tuned": lambda sql=sql, bound=bound: tuned.execute(
                        sql, bound
                    ).fetchall(),
                    "sqlalchemy_text": lambda clause=clause, bound=bound: sa_connection.execute(
                        clause, bound
                    ).fetchall(),
                },
                runs,
            )
            stats = {name: summary(values) for name, values in times.items()}
            base = stats["sqlite3"]["median"]
            results[label] = {
                "students": rows,
                "sections": len(ids),
                "ms": stats,
                "ratio_to_sqlite3": {name: s["median"] / base for name, s in stats.items()},
            }
        results["plan"] = query_plan(
            raw, weekly_figures_statement(len(all_ids)), parameters(all_ids)
        )
        results["breakdown_ms"] = _breakdown(
            raw, weekly_figures_statement(len(all_ids)), parameters(all_ids), runs
        )
    finally:
        sa_connection.close()
        engine.dispose()
        raw.close()
        tuned.close()
    results["week"] = week.isoformat()
    results["content_area"] = area
    return results


def _correlated_subqueries(sql: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each ``(SELECT ...) AS name`` in the final SELECT list."""
    final = sql.rfind("\nSELECT ")
    found = []
    position = sql.find("(SELECT", final)
    while final >= 0 and position >= 0:
        depth, end = 0, position
        for end in range(position, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        match = re.match(r"\s+AS\s+(\w+)", sql[end + 1 :])
        if match:
            found.append((match.group(1), position, end + 1))
        position = sql.find("(SELECT", end + 1)
    return found


def _breakdown(
    raw: sqlite3.Connection, sql: str, bound: dict[str, object], runs: int
) -> dict[str, Any]:
    """Where the time goes: the statement as it is, without all its correlated subqueries,
    and without each one of them (replaced by NULL)."""
    subqueries = _correlated_subqueries(sql)
    if not subqueries:
        return {}
    variants = {"full": sql}
    bare = sql
    for _name, first, last in reversed(subqueries):
        bare = bare[:first] + "NULL" + bare[last:]
    variants["without_all"] = bare
    for name, first, last in subqueries:
        variants[f"without_{name}"] = sql[:first] + "NULL" + sql[last:]
    parts = interleaved(
        {
            label: lambda text=text: raw.execute(text, bound).fetchall()
            for label, text in variants.items()
        },
        runs,
    )
    return {label: summary(values) for label, values in parts.items()}


def _alternating(action: Callable[[bool], None]) -> Callable[[], None]:
    flag = [False]

    def call() -> None:
        flag[0] = not flag[0]
        action(flag[0])

    return call


def bench_view_state(rows: list[RosterRow], runs: int) -> dict[str, Any]:
    state = RosterViewState()
    state.set_rows(rows)
    times = interleaved(
        {
            "filter_toggle": _alternating(
                lambda on: state.set_filter(RosterFilter.BELOW_MASTERY, on)
            ),
            "sort_average": _alternating(lambda desc: state.sort_by(Column.AVERAGE, desc)),
            "sort_name": _alternating(lambda desc: state.sort_by(Column.NAME, desc)),
        },
        runs,
    )
    return {name: summary(values) for name, values in times.items()}


def bench_qt_view(store: Store, week: date, runs: int) -> dict[str, Any]:
    """Presenter call -> model reset or re-layout -> the roster view repainted.

    Twice: the real ``RosterTableModel`` in a ``QTableView`` set up as the roster's is,
    and the whole ``MainWindow`` (filter counts, status line and all).
    """
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

    try:
        from classroom_desk.ui.roster_model import RosterTableModel
        from classroom_desk.ui.roster_view import RosterCellDelegate
    except ImportError as error:
        return {"skipped": f"the Qt roster model is not available ({error})"}

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    app = QApplication.instance() or QApplication([])
    calendar = SchoolCalendar.named(TIME_ZONE)

    def started_presenter(goals: Any = None) -> RosterPresenter:
        presenter = RosterPresenter(
            source=RosterQueries(store.connection),
            now=lambda: calendar.utc_bounds(week)[0] + timedelta(days=3),
            goals=goals,
        )
        presenter.start(
            RosterSettings(
                section_id=ALL_SECTIONS,
                content_area_id="math",
                week_mode=WeekMode.PINNED,
                pinned_week=week,
            )
        )
        return presenter

    def model_in_table() -> tuple[RosterPresenter, QWidget, QWidget, Callable[[], None]]:
        presenter = started_presenter()
        model = RosterTableModel(presenter)
        view = QTableView()
        view.setModel(model)
        # As MainWindow sets up its roster table (RosterTableView), cell delegate included.
        view.setItemDelegate(RosterCellDelegate(model, view))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
        view.resize(1100, 700)
        return presenter, view, view.viewport(), model.detach

    def main_window() -> tuple[RosterPresenter, QWidget, QWidget, Callable[[], None]]:
        # Wired as app.py wires it (roster, student panel); no sync status.
        from classroom_desk.presenters.student_panel import StudentPanelPresenter
        from classroom_desk.store.conference_queries import ConferenceQueries
        from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
        from classroom_desk.ui.main_window import MainWindow

        conference = ConferenceQueries(store.connection)
        presenter = started_presenter(goals=conference)
        panel = StudentPanelPresenter(
            source=conference,
            actions=TeacherActions(store, ensure_device(store)),
            calendar=lambda: presenter.calendar,
            thresholds=lambda: presenter.thresholds,
        )
        settings_file = out_dir() / "scale-settings.ini"
        settings_file.unlink(missing_ok=True)
        window = MainWindow(
            presenter, panel, QSettings(str(settings_file), QSettings.Format.IniFormat)
        )
        window.resize(1280, 800)
        return presenter, window, window.table.viewport(), window.model.detach

    results: dict[str, Any] = {}
    for label, build in (("model_in_table", model_in_table), ("main_window", main_window)):
        try:
            presenter, widget, viewport, detach = build()
        except Exception as error:  # the UI is young: report, do not stop the other figures
            results[label] = {"skipped": f"{type(error).__name__}: {error}"}
            continue
        widget.show()
        counter = PaintCounter()
        viewport.installEventFilter(counter)
        app.processEvents()
        missed: dict[str, int] = {}

        def painted(
            action: Callable[[bool], None],
            name: str,
            counter: PaintCounter = counter,
            missed: dict[str, int] = missed,
        ) -> Callable[[], None]:
            def call(flag: bool) -> None:
                before = counter.paints
                action(flag)
                # A view lays out again on a zero-time timer, and the repaint it asks for is
                # a posted event after that: one pass can end before the paint.
                for _ in range(PAINT_PASSES):
                    app.processEvents()
                    if counter.paints != before:
                        break
                else:
                    missed[name] = missed.get(name, 0) + 1

            return _alternating(call)

        times = interleaved(
            {
                "filter_toggle": painted(
                    lambda on, p=presenter: p.set_filter(RosterFilter.BELOW_MASTERY, on),
                    "filter_toggle",
                ),
                "sort_average": painted(
                    lambda desc, p=presenter: p.sort_by(Column.AVERAGE, desc), "sort_average"
                ),
                "sort_name": painted(
                    lambda desc, p=presenter: p.sort_by(Column.NAME, desc), "sort_name"
                ),
                "week_change": painted(
                    lambda back, p=presenter: p.shift_week(-1 if back else 1), "week_change"
                ),
            },
            runs,
        )
        result: dict[str, Any] = {name: summary(values) for name, values in times.items()}
        result["rows"] = len(presenter.state.rows)
        result["unpainted_runs"] = missed
        results[label] = result
        viewport.removeEventFilter(counter)
        detach()
        widget.close()
        widget.deleteLater()
        app.processEvents()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="measured runs of each case")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the cached district")
    args = parser.parse_args()

    path, meta = district(args.regenerate)
    week = YEAR_STARTS[-1] + timedelta(weeks=WEEKS_PER_YEAR - 1)
    store = open_store(path)
    try:
        queries = bench_queries(path, store, week, args.runs)
        school = RosterQueries(store.connection).school()
        assert school is not None
        calendar = SchoolCalendar.named(school.time_zone)
        start, end = calendar.utc_bounds(week)
        weeks = RosterQueries(store.connection).weekly_roster(
            section_ids=[s.id for s in RosterQueries(store.connection).sections()],
            content_area_id="math",
            start_utc=start,
            end_utc=end,
            thresholds=school.thresholds,
        )
        rows = [RosterRow.from_week(w, school.thresholds) for w in weeks]
        view_state = bench_view_state(rows, args.runs)
        qt_view = bench_qt_view(store, week, args.runs)
    finally:
        store.close()

    district_ms = queries["district"]["ms"]["roster_queries"]["median"]
    qt_table = qt_view.get("model_in_table", {})
    worst_qt = max(
        (
            qt_table[name]["median"]
            for name in ("filter_toggle", "sort_average")
            if name in qt_table
        ),
        default=float("nan"),
    )
    result = {
        "command": "python bench/scale.py",
        "runs": args.runs,
        "district": meta,
        "queries": queries,
        "view_state_ms": view_state,
        "qt_view_ms": qt_view,
        "targets": {"query_ms": QUERY_TARGET_MS, "view_update_ms": VIEW_TARGET_MS},
        "query_verdict": verdict(district_ms, QUERY_TARGET_MS),
        "qt_view_verdict": verdict(worst_qt, VIEW_TARGET_MS) if qt_table.get("rows") else "n/a",
    }

    print(
        f"\nWeekly figures, {meta['students']:,} students, {meta['attempts']:,} attempts, "
        f"week of {queries['week']}, {queries['content_area']}; median of {args.runs} runs:"
    )
    print(f"  {'query':<40}{'median':>10}{'vs sqlite3':>12}  target")
    for label in ("district", "class"):
        entry = queries[label]
        for name, title in (
            ("sqlite3", "plain sqlite3 (baseline)"),
            ("sqlalchemy_text", "SQLAlchemy Core text()"),
            ("roster_queries", "RosterQueries.weekly_roster"),
            ("sqlite3_tuned", "sqlite3, mmap 1 GiB + 64 MiB cache"),
        ):
            median = entry["ms"][name]["median"]
            target = ""
            if label == "district" and name == "roster_queries":
                target = f"<= {QUERY_TARGET_MS:g} ms {verdict(median, QUERY_TARGET_MS)}"
            what = f"{label} ({entry['students']} students): {title}"
            print(
                f"  {what:<40}{median:>8.1f}ms{entry['ratio_to_sqlite3'][name]:>11.2f}x  {target}"
            )
    breakdown = queries["breakdown_ms"]
    if breakdown:
        full = breakdown["full"]["median"]
        print(f"  where the district time goes (plain sqlite3, as it is: {full:.1f} ms):")
        for label, stats in breakdown.items():
            if label.startswith("without_"):
                what = "all correlated subqueries" if label == "without_all" else label[8:]
                print(
                    f"    without {what:<34}{stats['median']:>8.1f}ms"
                    f"  (it costs {full - stats['median']:.1f} ms)"
                )
    print("\nQuery plan (district):")
    print(queries["plan"])
    print(f"\nView updates on {len(rows):,} rows, median of {args.runs} runs:")
    print(f"  {'update':<44}{'median':>10}  target")
    for name, title in (("filter_toggle", "filter toggle"), ("sort_average", "re-sort (average)")):
        print(f"  {'RosterViewState ' + title:<44}{view_state[name]['median']:>8.2f}ms")
    for label, title in (("model_in_table", "Qt model + table"), ("main_window", "MainWindow")):
        entry = qt_view.get(label, {})
        if not entry.get("rows"):
            print(f"  {title}: {entry.get('skipped') or qt_view.get('skipped')}")
            continue
        for name, what in (
            ("filter_toggle", "filter toggle"),
            ("sort_average", "re-sort (average)"),
            ("sort_name", "re-sort (name)"),
            ("week_change", "week change (query + reset)"),
        ):
            median = entry[name]["median"]
            target = "" if name == "week_change" else f"<= {VIEW_TARGET_MS:g} ms"
            if target:
                target += f" {verdict(median, VIEW_TARGET_MS)}"
            print(f"  {title + ' ' + what:<44}{median:>8.2f}ms  {target}")
        if entry["unpainted_runs"]:
            print(f"  (runs where the view did not repaint: {entry['unpainted_runs']})")
    write_result("scale", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

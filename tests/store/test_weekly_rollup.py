"""The weekly rollup gives exactly the figures computed from the attempts (the oracle:
``weekly_figures_statement(..., rolled_up=False)``), after every write path: imports,
pulled pages (new weeks, weeks already rolled up, the same page twice, tombstones), platform
summaries written and deleted, reassignments and their undo, and a change of the school's
time zone, first day of week or mastery score; and it never drifts from a rebuild. A change
of the school's week or mastery score only starts a rebuild, which goes on a few students
per transaction: the roster read before it ends is the computed one, whatever is written
between its chunks."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import AttemptRecord, StudentWeek
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import DATABASE_ERRORS, StoreKey
from classroom_desk.store.loading import attempt_rows, insert_attempts, load_dataset
from classroom_desk.store.roster_queries import (
    RosterQueries,
    student_weeks,
    weekly_figures_parameters,
    weekly_figures_statement,
)
from classroom_desk.store.school_policy import set_school_policy
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.store.weekly_rollup import (
    continue_weekly_rollup_rebuild,
    finish_weekly_rollup,
    rebuild_weekly_rollup,
    rollup_rebuild_pending,
    rollup_serves,
)
from classroom_desk.sync.protocol import Change, Policy
from classroom_desk.sync.replica import Replica, _Applier
from classroom_desk.sync.tables import TABLES
from tests.conftest import probe_connection
from tests.store.test_migrations import FIRST_SCHEMA_ROWS, _first_revision, _migrate_to
from tests.store.test_weekly_figures import BASE, STUDENTS, UNITS

AREAS = ("math", "reading")
ZONES = ("America/Chicago", "Europe/London", "Pacific/Auckland", "UTC")
# Four weeks around the autumn clock changes (London on 25 October, Chicago on 1 November).
FIRST_DAY = datetime(2026, 10, 18)
DAYS = 29


def local_midnights() -> list[datetime]:
    """Every local midnight of the span in every zone, as naive UTC: the week edges."""
    found = set()
    for zone in ZONES:
        for day in range(DAYS):
            local = datetime.combine((FIRST_DAY + timedelta(days=day)).date(), time(0))
            found.add(local.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC")))
    return sorted(moment.replace(tzinfo=None) for moment in found)


EDGES = local_midnights()
instants = st.one_of(
    st.datetimes(min_value=FIRST_DAY, max_value=FIRST_DAY + timedelta(days=DAYS)),
    st.sampled_from(EDGES).flatmap(
        lambda edge: st.sampled_from([edge, edge - timedelta(microseconds=1)])
    ),
)
# Attempts are drawn from a small pool, so the same one is pulled again, tombstoned and
# pulled back; the score is drawn near the mastery scores the policy may switch between.
ATTEMPT_POOL = 14
attempt_specs = st.tuples(
    st.sampled_from([s.id for s in STUDENTS]),
    st.sampled_from([u.id for u in UNITS] + ["r0", "r1"]),
    st.sampled_from([40.0, 69.5, 70.0, 79.9, 80.0, 95.0]),
    st.integers(0, 40),
    instants,
)


def attempt(n: int, spec: tuple) -> AttemptRecord:
    student, unit, score, minutes, at = spec
    area = "reading" if unit.startswith("r") else "math"
    return AttemptRecord(f"a{n}", student, unit, area, score, minutes, at, f"x{n}")


def pulled_change(n: int, record: AttemptRecord | None, seq: int) -> Change:
    if record is None:
        return Change(table="unit_attempt", id=f"a{n}", server_seq=seq, tombstone=True)
    row = next(iter(attempt_rows([record])))
    data = dict(zip(TABLES["unit_attempt"].columns, row, strict=True))
    return Change(table="unit_attempt", id=f"a{n}", server_seq=seq, data=data)


def pull(store: Store, changes: list[Change]) -> None:
    """As ``SyncClient`` applies a pulled page: one transaction."""
    device = ensure_device(store).id
    with store.transaction() as connection:
        applier = _Applier(connection, device, snapshot=False)
        applier.apply_all(changes)
        applier.unpark()
        applier.observe_clock()
        applier.finish()


def rows(
    connection: sqlite3.Connection,
    week_start: datetime,
    week_end: datetime,
    area: str,
    *,
    rolled_up: bool,
) -> list[tuple[object, ...]]:
    mastery = connection.execute("SELECT mastery_score FROM school").fetchone()[0]
    return sorted(
        connection.execute(
            weekly_figures_statement(1, rolled_up=rolled_up),
            weekly_figures_parameters(
                section_ids=["c"],
                content_area_id=area,
                start_utc=week_start,
                end_utc=week_end,
                thresholds=Thresholds(mastery_score=mastery),
            ),
        ).fetchall()
    )


def rollup_rows(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    return connection.execute("SELECT * FROM weekly_rollup ORDER BY 1, 2, 3").fetchall()


def standing_rows(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    return connection.execute("SELECT * FROM student_standing ORDER BY 1, 2").fetchall()


def assert_rollup_is_exact(store: Store) -> None:
    """Every week of the span (and one each side), in both areas: the rollup serves it
    and gives the computed figures to the last bit; and its rows are what a rebuild makes."""
    connection = store.connection
    school = RosterQueries(connection).school()
    assert school is not None
    for start, end in school_weeks_of_the_span(store):
        for area in AREAS:
            assert rollup_serves(
                connection,
                start=to_db_time(start),
                end=to_db_time(end),
                mastery=school.thresholds.mastery_score,
            ), (start, area)
            assert rows(connection, start, end, area, rolled_up=True) == rows(
                connection, start, end, area, rolled_up=False
            ), (start, area)
    kept = rollup_rows(connection), standing_rows(connection)
    connection.execute("SAVEPOINT rebuilt")
    rebuild_weekly_rollup(connection)
    rebuilt = rollup_rows(connection), standing_rows(connection)
    connection.execute("ROLLBACK TO rebuilt")
    connection.execute("RELEASE rebuilt")
    assert kept == rebuilt


def school_weeks_of_the_span(store: Store) -> Iterator[tuple[datetime, datetime]]:
    school = RosterQueries(store.connection).school()
    assert school is not None
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    week = calendar.week_of(FIRST_DAY) - timedelta(weeks=1)
    while week <= calendar.week_of(FIRST_DAY + timedelta(days=DAYS + 7)):
        yield calendar.utc_bounds(week)
        week += timedelta(weeks=1)


def assert_reads_are_computed(store: Store) -> None:
    """A rebuild under way: no week of the span is read from the rollup, and the roster's
    records are those of the figures computed from the attempts."""
    assert rollup_rebuild_pending(store.connection)
    mastery = store.connection.execute("SELECT mastery_score FROM school").fetchone()[0]
    for start, end in school_weeks_of_the_span(store):
        assert not served(store, start, end, mastery=mastery), (start, end)
        for area in AREAS:
            read = RosterQueries(store.connection).weekly_roster(
                section_ids=["c"],
                content_area_id=area,
                start_utc=start,
                end_utc=end,
                thresholds=Thresholds(mastery_score=mastery),
            )
            computed = student_weeks(rows(store.connection, start, end, area, rolled_up=False))
            assert sorted(read, key=by_student) == sorted(computed, key=by_student)


def by_student(week: StudentWeek) -> str:
    return week.student_id


def finish(store: Store) -> None:
    """The rebuild to its end, as the app's background runner makes it (without pauses)."""
    assert finish_weekly_rollup(store, students=1, pause_s=0)
    assert not rollup_rebuild_pending(store.connection)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("rollup") / "school.sqlite"
    store = open_store(path)
    load_dataset(store, BASE)
    ensure_device(store)
    finish(store)
    store.close()
    yield path


counter = itertools.count()


@pytest.fixture
def store(tmp_path: Path, template: Path) -> Iterator[Store]:
    path = tmp_path / f"school{next(counter)}.sqlite"
    shutil.copyfile(template, path)
    opened = open_store(path)
    yield opened
    opened.close()


# One step of a history: a pulled page (attempts by pool number, None for a tombstone),
# an import, a summary written or deleted, a reassignment undone or not, a policy change.
step = st.one_of(
    st.tuples(
        st.just("pull"),
        st.lists(st.tuples(st.integers(0, ATTEMPT_POOL - 1), st.booleans()), max_size=6),
    ),
    st.tuples(st.just("import"), st.lists(st.integers(0, ATTEMPT_POOL - 1), max_size=6)),
    st.tuples(
        st.just("summary"),
        st.tuples(
            st.integers(0, 2),
            st.sampled_from([s.id for s in STUDENTS]),
            st.sampled_from(AREAS),
            instants,
            st.integers(0, 90),
            st.one_of(st.none(), st.sampled_from([60.0, 85.5])),
            st.booleans(),
        ),
    ),
    st.tuples(st.just("reassign"), st.booleans()),
    st.tuples(
        st.just("policy"),
        st.tuples(st.sampled_from(ZONES), st.integers(0, 6), st.sampled_from([70.0, 80.0])),
    ),
    # One transaction of the rebuild a policy change started: one student's rows.
    st.tuples(st.just("rebuild"), st.just(None)),
    st.tuples(
        st.just("note"),
        st.tuples(
            st.sampled_from([s.id for s in STUDENTS]),
            instants,
            st.sampled_from(["save", "revise", "delete"]),
        ),
    ),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pool=st.lists(attempt_specs, min_size=ATTEMPT_POOL, max_size=ATTEMPT_POOL),
    history=st.lists(step, min_size=1, max_size=8),
)
def test_every_write_path_keeps_the_rollup_exact(
    tmp_path: Path, template: Path, pool: list[tuple], history: list[tuple]
) -> None:
    path = tmp_path / f"h{next(counter)}.sqlite"
    shutil.copyfile(template, path)
    store = open_store(path)
    records = [attempt(n, spec) for n, spec in enumerate(pool)]
    seq = itertools.count(1)
    try:
        for kind, what in history:
            if kind == "pull":
                pull(
                    store,
                    [pulled_change(n, None if gone else records[n], next(seq)) for n, gone in what],
                )
            elif kind == "import":
                with store.transaction() as connection:
                    insert_attempts(connection, [records[n] for n in what])
            elif kind == "summary":
                write_summary(store, *what)
            elif kind == "reassign":
                reassign_and_maybe_undo(store, undo=what)
            elif kind == "rebuild":
                with store.transaction() as connection:
                    continue_weekly_rollup_rebuild(connection, students=1)
            elif kind == "note":
                write_note(store, *what)
            else:
                zone, first_day, mastery = what
                set_school_policy(
                    store,
                    {"time_zone": zone, "first_day_of_week": first_day, "mastery_score": mastery},
                )
            if rollup_rebuild_pending(store.connection):
                assert_reads_are_computed(store)
            else:
                assert_rollup_is_exact(store)
        finish(store)
        assert_rollup_is_exact(store)
    finally:
        store.close()


def write_summary(
    store: Store,
    number: int,
    student: str,
    area: str,
    at: datetime,
    minutes: int,
    average: float | None,
    delete: bool,
) -> None:
    if delete:
        with store.transaction() as connection:
            connection.execute("DELETE FROM activity_summary WHERE id = ?", (f"m{number}",))
        return
    with store.transaction() as connection:
        # As the activity importer writes one again: its figures updated in place.
        connection.execute(
            "INSERT INTO activity_summary (id, student_id, content_area_id, range_start,"
            " range_end, starts_at, minutes, units_completed, units_passed, average_score,"
            " source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, 3, 2, ?, 'test', ?)"
            " ON CONFLICT (id) DO UPDATE SET minutes = excluded.minutes,"
            " average_score = excluded.average_score, student_id = excluded.student_id,"
            " content_area_id = excluded.content_area_id, starts_at = excluded.starts_at",
            (
                f"m{number}",
                student,
                area,
                at.date().isoformat(),
                at.date().isoformat(),
                to_db_time(at),
                minutes,
                average,
                to_db_time(at),
            ),
        )


def write_note(store: Store, student: str, at: datetime, how: str) -> None:
    """A conference note saved, the student's latest one revised (a new version that
    supersedes it), or their earliest one deleted (as a writer outside the app may)."""
    actions = TeacherActions(store, ensure_device(store))
    notes = store.connection.execute(
        "SELECT id FROM conference_note WHERE student_id = ? AND supersedes_id IS NULL"
        " ORDER BY created_at, id",
        (student,),
    ).fetchall()
    if how == "save" or not notes:
        actions.save_note(student_id=student, body="Talked about the week.", now=at)
    elif how == "revise":
        actions.revise_note(note_id=notes[-1][0], body="Talked about the week again.", now=at)
    else:
        with store.transaction() as connection:
            connection.execute("DELETE FROM conference_note WHERE supersedes_id = ?", notes[0])
            connection.execute("DELETE FROM conference_note WHERE id = ?", notes[0])


def reassign_and_maybe_undo(store: Store, *, undo: bool) -> None:
    under = store.connection.execute(
        "SELECT student_id, unit_id FROM unit_progress WHERE latest_score < 70 LIMIT 1"
    ).fetchone()
    if under is None:
        return
    actions = TeacherActions(store, ensure_device(store))
    batch = actions.reassign(units=[tuple(under)], mastery_score=70.0)
    if undo:
        actions.undo_reassignment(batch_id=batch)


def week_of(store: Store, moment: datetime) -> tuple[datetime, datetime]:
    school = RosterQueries(store.connection).school()
    assert school is not None
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    return calendar.utc_bounds(calendar.week_of(moment))


def served(store: Store, start: datetime, end: datetime, *, mastery: float = 80.0) -> bool:
    """Whether the rollup answers this week (at the default mastery score)."""
    return rollup_serves(
        store.connection, start=to_db_time(start), end=to_db_time(end), mastery=mastery
    )


def math_roster(store: Store, section: str, start: datetime, end: datetime) -> list[StudentWeek]:
    return RosterQueries(store.connection).weekly_roster(
        section_ids=[section],
        content_area_id="math",
        start_utc=start,
        end_utc=end,
        thresholds=Thresholds(),
    )


MONDAY = datetime(2026, 11, 2, 15)  # Chicago time, the week after the clock change


def test_an_attempt_pulled_for_a_week_already_rolled_up_counts(store: Store) -> None:
    first = attempt(0, ("st0", "u0", 60.0, 20, MONDAY))
    late = attempt(1, ("st0", "u0", 90.0, 25, MONDAY - timedelta(hours=1)))  # earlier, later
    pull(store, [pulled_change(0, first, 1)])
    start, end = week_of(store, MONDAY)
    before = rows(store.connection, start, end, "math", rolled_up=True)
    pull(store, [pulled_change(1, late, 2)])
    after = rows(store.connection, start, end, "math", rolled_up=True)
    assert after != before
    mine = next(row for row in after if row[0] == "st0")
    assert (mine[4], mine[5], mine[6], mine[7]) == (45, 1, 1, 60.0)  # the latest score stays
    assert_rollup_is_exact(store)


def test_the_same_page_pulled_twice_changes_nothing(store: Store) -> None:
    page = [
        pulled_change(n, attempt(n, ("st1", "u1", 85.0, 10, MONDAY + timedelta(n))), n + 1)
        for n in range(3)
    ]
    pull(store, page)
    kept = rollup_rows(store.connection)
    pull(store, page)
    assert rollup_rows(store.connection) == kept
    assert_rollup_is_exact(store)


def test_a_tombstone_of_the_newest_attempt_and_a_new_one_taking_its_rowid(store: Store) -> None:
    """SQLite gives the next row the largest rowid left plus one: after the newest attempt
    is deleted, the next one takes its rowid, and must still be counted as new."""
    pull(
        store,
        [pulled_change(n, attempt(n, ("st0", "u2", 70.0, 10, MONDAY)), n + 1) for n in range(2)],
    )
    later = attempt(5, ("st1", "r0", 95.0, 33, MONDAY + timedelta(weeks=1)))
    pull(store, [pulled_change(1, None, 3), pulled_change(5, later, 4)])
    rowids = store.connection.execute("SELECT id, rowid FROM unit_attempt ORDER BY id").fetchall()
    assert rowids == [("a0", 1), ("a5", 2)]
    assert_rollup_is_exact(store)


def test_a_summary_moved_to_another_week_leaves_the_first(store: Store) -> None:
    write_summary(store, 0, "st0", "math", MONDAY, 30, 90.0, delete=False)
    write_summary(store, 0, "st1", "reading", MONDAY + timedelta(weeks=1), 20, None, delete=False)
    assert [row[:3] for row in rollup_rows(store.connection)] == [
        ("st1", "reading", to_db_time(week_of(store, MONDAY + timedelta(weeks=1))[0]))
    ]
    assert_rollup_is_exact(store)


def test_a_time_zone_change_commits_at_once_and_reads_stay_right_until_rebuilt(
    store: Store,
) -> None:
    with store.transaction() as connection:
        insert_attempts(
            connection,
            [attempt(n, ("st0", "u0", 80.0, 10, edge)) for n, edge in enumerate(EDGES)],
        )
    assert_rollup_is_exact(store)
    chicago = week_of(store, MONDAY)
    set_school_policy(store, {"time_zone": "Pacific/Auckland", "first_day_of_week": 6})
    auckland = week_of(store, MONDAY)
    assert chicago != auckland
    # The save's transaction built no row (a whole school's take seconds): it only started
    # the rebuild, and neither week is read from the rollup until that ends.
    assert rollup_rows(store.connection) == []
    assert not served(store, *chicago) and not served(store, *auckland)
    assert_reads_are_computed(store)
    finish(store)
    assert_rollup_is_exact(store)


def test_a_mastery_score_change_recounts_units_mastered(store: Store) -> None:
    with store.transaction() as connection:
        insert_attempts(connection, [attempt(0, ("st0", "u0", 75.0, 10, MONDAY))])
    start, end = week_of(store, MONDAY)
    set_school_policy(store, {"mastery_score": 70.0})
    assert_reads_are_computed(store)
    finish(store)
    mine = [r for r in rows(store.connection, start, end, "math", rolled_up=True) if r[0] == "st0"]
    assert mine[0][6] == 1
    assert_rollup_is_exact(store)


def test_writes_between_the_chunks_of_a_rebuild_count_for_every_student(store: Store) -> None:
    """Attempts, a summary and a reassignment for a student already rebuilt and for one
    not yet: each is read right meanwhile and after."""
    set_school_policy(store, {"time_zone": "Europe/London"})
    with store.transaction() as connection:
        assert not continue_weekly_rollup_rebuild(connection, students=1)
    built, waiting = "st0", "st1"
    assert {r[0] for r in rollup_rows(store.connection)} <= {built}
    pull(
        store,
        [
            pulled_change(0, attempt(0, (built, "u0", 40.0, 20, MONDAY)), 1),
            pulled_change(1, attempt(1, (waiting, "u1", 95.0, 15, MONDAY)), 2),
        ],
    )
    write_summary(store, 0, waiting, "math", MONDAY, 30, 85.5, delete=False)
    reassign_and_maybe_undo(store, undo=False)
    assert_reads_are_computed(store)
    finish(store)
    assert_rollup_is_exact(store)


def test_a_second_change_during_a_rebuild_starts_it_again(store: Store) -> None:
    set_school_policy(store, {"time_zone": "Europe/London"})
    with store.transaction() as connection:
        continue_weekly_rollup_rebuild(connection, students=1)
    set_school_policy(store, {"time_zone": "UTC", "first_day_of_week": 6})
    state = store.connection.execute(
        "SELECT time_zone, first_day_of_week, rebuild_after FROM weekly_rollup_state"
    ).fetchone()
    assert state == ("UTC", 6, "")
    assert_reads_are_computed(store)
    finish(store)
    assert_rollup_is_exact(store)


def test_a_rebuild_told_to_stop_goes_on_from_there_next_time(store: Store) -> None:
    set_school_policy(store, {"time_zone": "Europe/London"})
    chunks = itertools.count()
    stopped = not finish_weekly_rollup(store, students=1, pause_s=0, stop=lambda: next(chunks) == 1)
    assert stopped
    after = store.connection.execute("SELECT rebuild_after FROM weekly_rollup_state").fetchone()
    assert after == ("st0",)  # one chunk, one student, kept
    assert_reads_are_computed(store)
    finish(store)
    assert_rollup_is_exact(store)


def test_a_reassignment_and_its_undo_read_from_the_rollup(store: Store) -> None:
    with store.transaction() as connection:
        insert_attempts(connection, [attempt(0, ("st0", "u0", 40.0, 10, MONDAY))])
    reassign_and_maybe_undo(store, undo=False)
    assert_rollup_is_exact(store)
    reassign_and_maybe_undo(store, undo=True)
    assert_rollup_is_exact(store)


def test_a_busy_store_changes_neither_the_policy_nor_the_rollup(store: Store) -> None:
    with store.transaction() as connection:
        insert_attempts(connection, [attempt(0, ("st0", "u0", 80.0, 10, MONDAY))])
    kept = rollup_rows(store.connection)
    holder = probe_connection(store.path)
    holder.execute("PRAGMA busy_timeout = 0")
    store.connection.execute("PRAGMA busy_timeout = 0")
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DATABASE_ERRORS, match="locked"):
            set_school_policy(store, {"time_zone": "Europe/London"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert RosterQueries(store.connection).school().time_zone == "America/Chicago"  # type: ignore[union-attr]
    assert rollup_rows(store.connection) == kept
    assert_rollup_is_exact(store)


def test_a_write_that_fails_midway_leaves_the_rollup_as_it_was(store: Store) -> None:
    kept = rollup_rows(store.connection)
    with pytest.raises(RuntimeError), store.transaction() as connection:
        insert_attempts(connection, [attempt(0, ("st0", "u0", 80.0, 10, MONDAY))])
        raise RuntimeError("the import stopped")
    assert rollup_rows(store.connection) == kept
    assert_rollup_is_exact(store)


def test_a_writer_that_bypasses_the_refresh_is_read_computed_not_wrong(store: Store) -> None:
    """Written outside ``Store.transaction``: the rollup does not serve until the next
    write transaction, and the roster's figures are computed meanwhile."""
    store.connection.executemany(
        "INSERT INTO unit_attempt VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        list(attempt_rows([attempt(0, ("st0", "u0", 50.0, 10, MONDAY))])),
    )
    start, end = week_of(store, MONDAY)
    assert not served(store, start, end)
    figures = math_roster(store, "c", start, end)
    assert {f.student_id: f.figures.minutes for f in figures} == {"st0": 10, "st1": 0}
    with store.transaction():
        pass
    assert_rollup_is_exact(store)


def old_store(tmp_path: Path, revision: str) -> Path:
    """A store populated at the first revision, with a platform summary from 0013 on,
    upgraded to ``revision`` (by Alembic alone, as an older app left it)."""
    path = tmp_path / "school.sqlite"
    _migrate_to(path, _first_revision())
    raw = sqlite3.connect(path)
    with raw:
        for statement in FIRST_SCHEMA_ROWS:
            raw.execute(statement)
    raw.close()
    _migrate_to(path, "0013_school_months")
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO activity_summary (id, student_id, content_area_id, range_start,"
            " range_end, starts_at, minutes, units_completed, units_passed, average_score,"
            " source, imported_at) VALUES ('m1', 'st1', 'math', '2026-11-16', '2026-11-20',"
            " '2026-11-16 07:00:00.000000', 40, 3, 2, 75.0, 'vendor', '2026-11-21 00:00:00')"
        )
    raw.close()
    _migrate_to(path, revision)
    return path


def test_upgrading_a_populated_store_leaves_the_rollup_to_the_app(tmp_path: Path) -> None:
    """The upgrade builds no row (no migration runs the app's modules): the figures are
    computed until the app's rebuild, with the code of its day, has built them."""
    path = old_store(tmp_path, "0014_school_figures_by_period")
    store = open_store(path)
    try:
        start, end = SchoolCalendar.named("America/Denver").utc_bounds(
            datetime(2026, 11, 16).date()
        )
        assert rollup_rows(store.connection) == []
        assert rollup_rebuild_pending(store.connection) and not served(store, start, end)
        computed = math_roster(store, "c1", start, end)
        figures = computed[0].figures
        assert (figures.minutes, figures.units_completed, figures.units_mastered) == (75, 4, 3)
        assert figures.average_score == (88 + 75 * 3) / 4
        assert figures.last_activity == datetime(2026, 11, 18, 16)
        finish(store)
        assert served(store, start, end)
        assert math_roster(store, "c1", start, end) == computed
    finally:
        store.close()


def test_a_store_rolled_up_by_the_first_rollup_is_rebuilt_keyed_by_week(tmp_path: Path) -> None:
    """A store upgraded to 0015 when it filled the rollup: its rows (keyed by student) and
    state go, and the app builds them again."""
    path = old_store(tmp_path, "0015_weekly_rollup")
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("INSERT INTO weekly_rollup_state VALUES (1, 's1', 'America/Denver', 0, 80, 99)")
        raw.execute(
            "INSERT INTO weekly_rollup (student_id, content_area_id, starts_at, minutes,"
            " summaries) VALUES ('st1', 'math', '2026-11-16 07:00:00.000000', 999, 0)"
        )
    raw.close()
    store = open_store(path)
    try:
        assert rollup_rows(store.connection) == []
        assert rollup_rebuild_pending(store.connection)
        finish(store)
        start, end = SchoolCalendar.named("America/Denver").utc_bounds(
            datetime(2026, 11, 16).date()
        )
        assert served(store, start, end)
        assert math_roster(store, "c1", start, end)[0].figures.minutes == 75
    finally:
        store.close()


def test_a_store_encrypted_after_deletions_counts_the_next_attempts(tmp_path: Path) -> None:
    """Encrypting a plain store copies its rows (``sqlcipher_export``): the rollup comes
    along with its mark of attempts counted, which must still match the rowids (they are
    kept, gaps and all: a renumbering would hide the next attempts under the mark)."""
    path = tmp_path / "school.sqlite"
    plain = open_store(path)
    load_dataset(plain, BASE)
    with plain.transaction() as connection:
        insert_attempts(connection, [attempt(n, ("st0", "u0", 60.0, 10, MONDAY)) for n in range(4)])
    with plain.transaction() as connection:
        connection.execute("DELETE FROM unit_attempt WHERE id IN ('a0', 'a1')")
    finish(plain)  # built, so the next attempts count by the mark alone
    plain.close()
    store = open_store(path, StoreKey.generate())
    try:
        assert store.connection.execute("SELECT MAX(rowid) FROM unit_attempt").fetchone() == (4,)
        with store.transaction() as connection:
            insert_attempts(connection, [attempt(7, ("st1", "r1", 90.0, 20, MONDAY))])
        assert_rollup_is_exact(store)
    finally:
        store.close()


def test_a_pulled_page_with_a_new_time_zone_and_attempts_starts_a_rebuild(
    store: Store,
) -> None:
    """The school server hands down a new calendar with a page of attempts, one for a week
    already rolled up: the page and the policy in one commit, which starts the rebuild;
    the figures are computed until it ends, and then read."""
    pull(store, [pulled_change(0, attempt(0, ("st0", "u0", 60.0, 20, MONDAY)), 1)])
    school = RosterQueries(store.connection).school()
    assert school is not None
    policy = Policy(
        school_id=school.id,
        time_zone="Europe/London",
        first_day_of_week=6,
        min_weekly_minutes=30,
        mastery_score=70.0,
        target_average=80.0,
        weekly_units_target=2,
    )
    Replica(store).store_page(
        [pulled_change(1, attempt(1, ("st0", "u1", 75.0, 5, MONDAY + timedelta(hours=1))), 2)],
        cursor=1,
        next_cursor=2,
        epoch=None,
        next_epoch="e",
        snapshot=False,
        first_page=True,
        finishing=False,
        policy=policy,
        now=datetime(2026, 11, 3),
    )
    state = store.connection.execute(
        "SELECT time_zone, first_day_of_week, mastery_score, rebuild_after FROM weekly_rollup_state"
    ).fetchone()
    assert state == ("Europe/London", 6, 70.0, "")
    assert_reads_are_computed(store)
    finish(store)
    start, end = week_of(store, MONDAY)
    mine = next(
        r for r in rows(store.connection, start, end, "math", rolled_up=True) if r[0] == "st0"
    )
    assert (mine[4], mine[5], mine[6]) == (25, 2, 1)
    assert_rollup_is_exact(store)


def test_the_rolled_up_week_is_two_seeks_per_student(store: Store) -> None:
    start, end = week_of(store, MONDAY)
    plan = " | ".join(
        str(row[3])
        for row in store.connection.execute(
            "EXPLAIN QUERY PLAN " + weekly_figures_statement(1, rolled_up=True),
            weekly_figures_parameters(
                section_ids=["c"],
                content_area_id="math",
                start_utc=start,
                end_utc=end,
                thresholds=Thresholds(),
            ),
        )
    )
    assert "SEARCH f USING PRIMARY KEY (content_area_id=? AND starts_at=? AND student_id=?)" in plan
    assert "SEARCH sd USING PRIMARY KEY (student_id=? AND content_area_id=?)" in plan
    for table in ("reassignment_event", "activity_summary", "conference_note"):
        assert table not in plan, plan

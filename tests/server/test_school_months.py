"""``GET /school/months/{year}/{month}`` against the laptop's Skills Summary: the same
records, on the server (a principal asks) and on an admin's laptop synced from it, give the
same figures to the digit for every class, content area and student (SQLite and
PostgreSQL); generated activity at the month's edges (local midnight in the school's time
zone, a score exactly at mastery, ties in time, summaries without an average) too. Bad
months are refused by name, and no note reaches the answer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import keyring
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, text

from classroom_desk.demo import demo_id
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.reports.skills_summary import Period, student_months
from classroom_desk.server import admin
from classroom_desk.server.database import make_engine, read_transaction, write_transaction
from classroom_desk.server.records import insert_attempts, upsert_rows, upsert_school
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.protocol import MAX_MONTH_MINUTES, MAX_MONTH_UNITS, SchoolMonth, SchoolWeek
from tests.server.test_server import (
    HOMEROOM,
    HOMEROOM_STUDENT,
    MATH7,
    MATH7_STUDENT,
    auth,
    note_put,
    push_one,
    token_for,
)
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    create_principal,
    new_laptop,
    serve_demo,
    template_store,
)

PASSWORD = "school-months-password"
SCHOOL = demo_id("school", "demo")
#: A month with no activity at all in the demo school.
EMPTY_MONTH = (2025, 2)


@dataclass
class School:
    """A demo server of this module's own, a principal's account on it, and an admin's
    laptop, signed in (each test syncs it)."""

    server: ServerProcess
    principal: str
    laptop: Laptop
    token: str

    def month(self, year: int, month: int) -> SchoolMonth:
        return self.figures(Period(year, month))

    def figures(self, period: Period) -> SchoolMonth:
        """The server's answer for the month, or for the week (asked by its middle day:
        any day of a week gives the week)."""
        if period.week_start is None:
            path, wire = f"/school/months/{period.year}/{period.month}", SchoolMonth
        else:
            middle = period.week_start + timedelta(days=3)
            path, wire = f"/school/weeks/{middle.isoformat()}", SchoolWeek
        answer = httpx.get(f"{self.server.url}{path}", headers=auth(self.token))
        assert answer.status_code == 200, answer.text
        found = wire.model_validate_json(answer.content)
        if isinstance(found, SchoolWeek):
            assert found.week_start == period.week_start
        return found

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction on the server's database, as its admin commands write."""
        engine = make_engine(self.server.database_url)
        try:
            with write_transaction(engine) as connection:
                yield connection
        finally:
            engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def months_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """Tests here add classes and activity: not on the session's shared server."""
    yield from serve_demo(request, tmp_path_factory, "months")


@pytest.fixture(scope="module")
def school(
    months_server: ServerProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[School]:
    server = months_server
    principal = f"principal-{uuid.uuid4().hex[:8]}"
    create_principal(server.database_url, principal, PASSWORD)
    folder = tmp_path_factory.mktemp("months-laptop")
    # The oracle: the laptop of an account that receives the raw activity (an admin's;
    # a principal's receives only the server's figures).
    laptop = new_laptop(folder, "admin", server.url, "admin", template_store(folder))
    # The module's laptop lives longer than one test's keyring.
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        laptop.sign_in()
        token = _token(server, principal)
        yield School(server, principal, laptop, token)
    finally:
        laptop.close()
        keyring.set_keyring(previous)


def _token(server: ServerProcess, user: str, password: str = PASSWORD) -> str:
    answer = httpx.post(
        f"{server.url}/auth/sign-in",
        json={"user": user, "password": password, "device_id": f"device-{uuid.uuid4()}"},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


# -- comparing with the laptop -----------------------------------------------------------


def _laptop_figures(
    laptop: Laptop, section_id: str, area_id: str, period: Period
) -> dict[str, tuple[Any, ...]]:
    return {
        s.student_id: (
            s.name,
            s.grade,
            s.minutes,
            s.units_completed,
            s.units_mastered,
            s.average_score,
            s.from_summary,
        )
        for s in student_months(
            laptop.store.connection,
            section_ids=[section_id],
            content_area_id=area_id,
            year=period.year,
            month=period.month,
            week_start=period.week_start,
        )
    }


def _server_figures(answer: SchoolMonth, section_id: str, area_id: str) -> dict[str, Any]:
    (found,) = [
        f for f in answer.figures if f.section_id == section_id and f.content_area_id == area_id
    ]
    return {
        s.student_id: (
            f"{s.given_name} {s.family_name}",
            s.grade,
            s.minutes,
            s.units_completed,
            s.units_mastered,
            s.average_score,
            s.from_summary,
        )
        for s in found.students
    }


def _assert_same_as_laptop(
    school: School, period: Period, sections: set[str] | None = None
) -> SchoolMonth:
    """The answer for the month (or week) equals the laptop's Skills Summary (or roster
    week) for every class and content area (of ``sections``, or every one the laptop
    holds)."""
    answer = school.figures(period)
    connection = school.laptop.store.connection
    taught = {
        (section, area)
        for section, area in connection.execute(
            "SELECT section_id, content_area_id FROM section_content_area"
        )
    }
    assert {(f.section_id, f.content_area_id) for f in answer.figures} == taught
    for section, area in sorted(taught):
        if sections is None or section in sections:
            expected = _laptop_figures(school.laptop, section, area, period)
            assert _server_figures(answer, section, area) == expected, (section, area)
    return answer


def _calendar(laptop: Laptop) -> SchoolCalendar:
    record = RosterQueries(laptop.store.connection).school()
    assert record is not None
    return SchoolCalendar.named(record.time_zone, record.first_day_of_week)


def _months_with_activity(laptop: Laptop) -> list[tuple[int, int]]:
    first, last = laptop.store.connection.execute(
        "SELECT MIN(completed_at), MAX(completed_at) FROM unit_attempt"
    ).fetchone()
    months = []
    day = date.fromisoformat(first[:10]).replace(day=1)
    while day <= date.fromisoformat(last[:10]):
        months.append((day.year, day.month))
        day = (day + timedelta(days=32)).replace(day=1)
    return months


# -- the demo school, with ties and summaries, on both databases -------------------------


def test_every_class_and_area_of_the_school_equals_the_laptops_skills_summary(
    school: School,
) -> None:
    """The demo school, plus what the demo lacks: three attempts of one unit at the same
    instant, the month's last (the last written is the latest), and platform summaries
    (one without an average, one starting exactly at the month's local midnight, one a
    minute before it, one a minute before its end). Every month of activity and a month
    with none."""
    laptop = school.laptop
    laptop.sync()
    months = _months_with_activity(laptop)
    assert len(months) >= 3
    year, month = months[1]  # a whole month of demo activity
    start, end = SchoolCalendar.named("America/Chicago").month_bounds(year, month)
    unit = demo_id("unit", "RDG-1.01")
    tied = to_db_time(end - timedelta(microseconds=1))
    with school.write() as connection:
        insert_attempts(
            connection,
            SCHOOL,
            [
                _attempt(HOMEROOM_STUDENT, "reading", unit, score, 12, tied)
                for score in (61.0, 95.5, 70.25)
            ],
        )
        upsert_rows(
            connection,
            SCHOOL,
            "activity_summary",
            [
                summary_row(HOMEROOM_STUDENT, "math", start, 40, 3, 2, 83.3, "A"),
                summary_row(
                    HOMEROOM_STUDENT, "math", start + timedelta(days=7), 25, 2, 1, None, "B"
                ),
                summary_row(
                    MATH7_STUDENT, "math", start - timedelta(minutes=1), 30, 4, 4, 90.0, "C"
                ),
                summary_row(MATH7_STUDENT, "math", end - timedelta(minutes=1), 15, 1, 0, 12.5, "D"),
            ],
        )
    laptop.sync()
    # The laptop takes the last of the tied attempts written as the unit's latest.
    assert (
        laptop.one(
            "SELECT score FROM unit_attempt WHERE student_id = ? AND unit_id = ?"
            " AND completed_at = ? ORDER BY rowid DESC LIMIT 1",
            HOMEROOM_STUDENT,
            unit,
            tied,
        )
        == 70.25
    )
    for y, m in [*months, EMPTY_MONTH]:
        _assert_same_as_laptop(school, Period(y, m))

    answer = school.month(year, month)
    assert _server_figures(answer, HOMEROOM, "math")[HOMEROOM_STUDENT][6] is True
    assert _server_figures(answer, MATH7, "math")[MATH7_STUDENT][6] is True
    sections = {
        row[0]: row[1:]
        for row in laptop.store.connection.execute(
            "SELECT c.id, c.name, c.grade, t.given_name || ' ' || t.family_name"
            " FROM class_section c JOIN teacher t ON t.id = c.teacher_id"
        )
    }
    assert {s.id: (s.name, s.grade, s.teacher) for s in answer.sections} == sections
    assert {(a.id, a.name, a.position) for a in answer.areas} == set(
        laptop.store.connection.execute("SELECT id, name, position FROM content_area")
    )
    empty = school.month(*EMPTY_MONTH)
    assert all(
        s.minutes == s.units_completed == s.units_mastered == 0
        and s.average_score is None
        and not s.from_summary
        for f in empty.figures
        for s in f.students
    )
    assert sum(len(f.students) for f in empty.figures) == laptop.one(
        "SELECT COUNT(*) FROM enrollment e JOIN section_content_area a"
        " ON a.section_id = e.section_id"
    )


def test_every_week_of_a_month_equals_the_teachers_roster_week(school: School) -> None:
    """Each school week (Monday, local midnight, to Monday) of a month of demo activity,
    and a week with none, equals the roster's week on the laptop for every class and
    area; asked by any of its days, the server answers for the week that holds it."""
    laptop = school.laptop
    laptop.sync()
    calendar = _calendar(laptop)
    year, month = _months_with_activity(laptop)[1]
    week = calendar.week_start(date(year, month, 1))
    while week <= date(year, month, 28):
        _assert_same_as_laptop(school, Period.week(week))
        week += timedelta(weeks=1)
    empty = calendar.week_start(date(*EMPTY_MONTH, 10))
    answer = _assert_same_as_laptop(school, Period.week(empty))
    assert all(s.minutes == 0 for f in answer.figures for s in f.students)
    for offset in range(7):
        day = empty + timedelta(days=offset)
        asked = httpx.get(
            f"{school.server.url}/school/weeks/{day.isoformat()}", headers=auth(school.token)
        )
        found = SchoolWeek.model_validate_json(asked.content)
        assert (found.week_start, found.year, found.month) == (empty, empty.year, empty.month)


def test_the_answer_carries_the_schools_policy_and_when_it_was_computed(school: School) -> None:
    before = datetime.now(UTC)
    answer = school.month(2026, 11)
    policy = httpx.get(f"{school.server.url}/policy", headers=auth(school.token)).json()
    assert answer.policy.model_dump() == policy
    assert answer.school_id == SCHOOL and answer.school_name == "Maple Ridge Demo School"
    assert (answer.year, answer.month) == (2026, 11)
    assert answer.computed_at.tzinfo is not None
    assert answer.computed_at >= before - timedelta(seconds=5)


def _attempt(
    student: str, area: str, unit: str, score: float, minutes: int, at: str
) -> dict[str, Any]:
    return {
        "id": f"attempt-{uuid.uuid4()}",
        "student_id": student,
        "unit_id": unit,
        "content_area_id": area,
        "score": score,
        "minutes": minutes,
        "completed_at": at,
        "source_id": f"test-{uuid.uuid4().hex[:12]}",
    }


def summary_row(
    student: str,
    area: str,
    starts: datetime,
    minutes: int,
    units: int,
    passed: int,
    average: float | None,
    source: str,
) -> dict[str, Any]:
    local = starts.replace(tzinfo=UTC).astimezone(ZoneInfo("America/Chicago")).date()
    return {
        "id": f"summary-{uuid.uuid4()}",
        "student_id": student,
        "content_area_id": area,
        "range_start": local.isoformat(),
        "range_end": (local + timedelta(days=6)).isoformat(),
        "starts_at": to_db_time(starts),
        "minutes": minutes,
        "units_completed": units,
        "units_passed": passed,
        "average_score": average,
        "source": f"platform {source}",
        "imported_at": "2026-11-19 10:00:00.000000",
    }


def _new_class(connection: Connection, areas: tuple[str, ...], size: int) -> tuple[str, list[str]]:
    """A new class of Rivera's teaching ``areas``, with ``size`` new students."""
    suffix = uuid.uuid4().hex[:10]
    students = [f"student-{suffix}-{n}" for n in range(size)]
    section = admin.create_section(
        connection, name=f"Class {suffix}", grade="5", teacher="rivera", content_areas=list(areas)
    )
    upsert_rows(
        connection,
        SCHOOL,
        "student",
        [
            {
                "id": student,
                "school_id": SCHOOL,
                "given_name": f"Kid{n}",
                "family_name": f"Test {suffix}",
                "grade": "5",
                "source_id": student,
            }
            for n, student in enumerate(students)
        ],
    )
    for student in students:
        admin.enroll(connection, section_id=section, student_id=student, present=True)
    return section, students


def test_an_average_is_the_laptops_where_adding_in_order_would_round_the_other_way(
    school: School,
) -> None:
    """The laptop's SQLite sums with compensation: latest scores 76.65, 65.2 and 83.6
    average 75.14999999999999 there (75.1), where adding them in that order gives 75.15
    (75.2), as PostgreSQL and the server's SQLite would."""
    year, month = 2027, 5
    start, _ = SchoolCalendar.named("America/Chicago").month_bounds(year, month)
    reading = [demo_id("unit", f"RDG-1.0{n}") for n in (1, 2, 3)]
    with school.write() as connection:
        section, (first, second) = _new_class(connection, ("reading",), 2)
        insert_attempts(
            connection,
            SCHOOL,
            [
                _attempt(who, "reading", unit, score, 10, to_db_time(start + timedelta(days=n)))
                for who, scores in ((first, (76.65, 65.2, 83.6)), (second, (79.34, 88.64, 94.67)))
                for n, (unit, score) in enumerate(zip(reading, scores, strict=True))
            ],
        )
    school.laptop.sync()
    answer = _assert_same_as_laptop(school, Period(year, month), sections={section})
    figures = _server_figures(answer, section, "reading")
    assert (figures[first][5], figures[second][5]) == (75.1, 87.5)


# -- generated activity at the edges (SQLite) --------------------------------------------

#: Months holding a DST change, a year's end, a February of a leap year.
MONTHS = [(2027, 3), (2027, 11), (2027, 12), (2028, 2)]
#: Scores at and around mastery (80), exact and inexact in binary, and the extremes.
SCORES = st.one_of(
    st.sampled_from([0.0, 33.3, 65.2, 76.65, 79.9, 80.0, 80.1, 83.6, 92.15, 99.95, 100.0]),
    st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
)


@st.composite
def activities(draw: st.DrawFn) -> dict[str, Any]:
    year, month = draw(st.sampled_from(MONTHS))
    start, end = SchoolCalendar.named("America/Chicago").month_bounds(year, month)
    # Instants few enough that attempts share them: the month's first and last
    # microsecond, just outside it, inside, and the month before (attempted then only).
    instants = [
        start - timedelta(microseconds=1),
        start,
        start + timedelta(microseconds=1),
        start + timedelta(days=3, hours=14),
        start + timedelta(days=12, hours=19, minutes=30),
        end - timedelta(microseconds=1),
        end,
        start - timedelta(days=12),
    ]
    students = draw(st.integers(1, 3))
    areas = draw(st.sampled_from([("reading",), ("math",), ("reading", "math")]))
    attempts = draw(
        st.lists(
            st.tuples(
                st.integers(0, students - 1),
                st.sampled_from(["reading", "math"]),
                st.integers(0, 2),  # one of three units: repeats are common
                SCORES,
                st.integers(0, 90),
                st.sampled_from(instants),
            ),
            max_size=14,
        )
    )
    summaries = draw(
        st.lists(
            st.tuples(
                st.integers(0, students - 1),
                st.sampled_from(["reading", "math"]),
                st.sampled_from(instants),
                st.integers(0, 200),
                st.integers(0, 6),
                st.integers(0, 6),
                st.one_of(st.none(), SCORES),
            ),
            max_size=3,
        )
    )
    return {
        "month": (year, month),
        "students": students,
        "areas": areas,
        "attempts": attempts,
        "summaries": summaries,
    }


@pytest.fixture(scope="module")
def units(school: School) -> dict[str, list[str]]:
    engine = make_engine(school.server.database_url)
    try:
        with read_transaction(engine) as connection:
            rows = connection.execute(
                text("SELECT id, content_area_id FROM unit ORDER BY content_area_id, position")
            ).all()
    finally:
        engine.dispose()
    found: dict[str, list[str]] = {}
    for unit_id, area in rows:
        found.setdefault(area, []).append(unit_id)
    return found


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
@settings(max_examples=40)
@given(activity=activities())
def test_generated_activity_at_the_months_edges_equals_the_laptops(
    school: School, units: dict[str, list[str]], activity: dict[str, Any]
) -> None:
    """A new class of new students per example, its activity written as the server's
    imports write it; its figures for the month and the month before equal the laptop's
    after a sync."""
    with school.write() as connection:
        section, students = _new_class(connection, activity["areas"], activity["students"])
        insert_attempts(
            connection,
            SCHOOL,
            [
                _attempt(students[who], area, units[area][unit], score, minutes, to_db_time(at))
                for who, area, unit, score, minutes, at in activity["attempts"]
            ],
        )
        upsert_rows(
            connection,
            SCHOOL,
            "activity_summary",
            [
                summary_row(
                    students[who], area, at, minutes, done, min(passed, done), average, str(n)
                )
                for n, (who, area, at, minutes, done, passed, average) in enumerate(
                    activity["summaries"]
                )
            ],
        )
    school.laptop.sync()
    year, month = activity["month"]
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    for y, m in ((year, month), before):
        _assert_same_as_laptop(school, Period(y, m), sections={section})
    # The weeks that hold the activity, each as the teacher's roster counts it.
    school_calendar = _calendar(school.laptop)
    weeks = {
        school_calendar.week_of(at)
        for at in [a[5] for a in activity["attempts"]] + [x[2] for x in activity["summaries"]]
    }
    for week in sorted(weeks):
        _assert_same_as_laptop(school, Period.week(week), sections={section})


# -- refusals -------------------------------------------------------------------------


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("path", "field", "rule"),
    [
        ("2026/0", "month", "greater than or equal to 1"),
        ("2026/13", "month", "less than or equal to 12"),
        ("2026/-1", "month", "greater than or equal to 1"),
        ("1999/6", "year", "greater than or equal to 2000"),
        ("2101/6", "year", "less than or equal to 2100"),
        ("2026/june", "month", "valid integer"),
        ("20x6/6", "year", "valid integer"),
        ("2026/6.5", "month", "valid integer"),
    ],
)
def test_a_month_or_year_out_of_range_is_refused_by_name(
    school: School, path: str, field: str, rule: str
) -> None:
    answer = httpx.get(f"{school.server.url}/school/months/{path}", headers=auth(school.token))
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert problem["loc"] == ["path", field]
    assert rule in problem["msg"]
    assert path.split("/")[1 if field == "month" else 0] not in answer.text  # never the value


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("day", "rule"),
    [
        ("2026-13-01", "valid date"),
        ("2026-02-30", "valid date"),
        ("20261116", "should match pattern"),  # never read as a Unix time
        ("next-monday", "should match pattern"),
    ],
)
def test_a_week_asked_by_a_day_that_is_not_one_is_refused_by_name(
    school: School, day: str, rule: str
) -> None:
    answer = httpx.get(f"{school.server.url}/school/weeks/{day}", headers=auth(school.token))
    assert answer.status_code == 422, answer.text
    (problem,) = answer.json()["detail"]
    assert problem["loc"] == ["path", "day"]
    assert rule in problem["msg"]
    assert day not in answer.text  # never the value


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
@pytest.mark.parametrize("day", ["1999-12-31", "2000-01-02", "2100-12-31", "9999-01-01"])
def test_a_week_outside_the_years_served_is_not_found_and_says_which_are(
    school: School, day: str
) -> None:
    """A real day whose week starts or ends outside 2000 to 2100: no figures (404), the
    range served named (2000-01-02's week starts in 1999)."""
    answer = httpx.get(f"{school.server.url}/school/weeks/{day}", headers=auth(school.token))
    assert answer.status_code == 404, answer.text
    assert answer.json()["detail"] == "no school week is served outside 2000-01-08 to 2100-12-24"


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
def test_a_week_at_the_edges_of_the_years_served_is_answered(school: School) -> None:
    """The first and last days asked for hold weeks whose first day is in 2000 and 2100."""
    for day, first in (("2000-01-08", date(2000, 1, 3)), ("2100-12-24", date(2100, 12, 20))):
        answer = httpx.get(f"{school.server.url}/school/weeks/{day}", headers=auth(school.token))
        assert answer.status_code == 200, answer.text
        assert SchoolWeek.model_validate_json(answer.content).week_start == first


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
def test_no_token_or_a_revoked_one_gets_401(school: School) -> None:
    url = f"{school.server.url}/school/months/2026/11"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers=auth("not-a-token")).status_code == 401
    device = f"lost-{uuid.uuid4()}"
    token = token_for(school.server, "okafor", device)
    assert httpx.get(url, headers=auth(token)).status_code == 200
    mine = httpx.get(f"{school.server.url}/auth/devices", headers=auth(token)).json()
    token_id = next(d["id"] for d in mine if d["device_id"] == device)
    admin_token = token_for(school.server, "admin")
    revoked = httpx.post(
        f"{school.server.url}/auth/devices/{token_id}/revoke", headers=auth(admin_token)
    )
    assert revoked.status_code == 204
    assert httpx.get(url, headers=auth(token)).status_code == 401


@pytest.mark.parametrize("months_server", ["sqlite"], indirect=True)
def test_a_teachers_note_never_reaches_the_answer(school: School) -> None:
    token = token_for(school.server, "rivera", "rivera-laptop")
    marker = f"note words {uuid.uuid4().hex}"
    pushed = push_one(school.server, token, "rivera-laptop", note_put(HOMEROOM_STUDENT, marker))
    assert pushed["outcome"] == "applied"
    for who in (token, school.token):
        answer = httpx.get(f"{school.server.url}/school/months/2026/11", headers=auth(who))
        assert answer.status_code == 200
        assert marker.encode() not in answer.content


# -- found by helper-37's review -----------------------------------------------------------


def test_a_month_past_what_the_wire_holds_is_held_at_the_bound_not_a_failed_school(
    school: School,
) -> None:
    """Imports bound each row, not a month's sum: 40 attempts of 1,200 minutes (a seconds
    column read as minutes), five weekly summaries of a week's minutes, or a summary of
    150,000 units. The school's answer used to fail whole (500) for every principal and
    teacher; now that student's figures are held at the bound, on the laptop too."""
    year, month = 2027, 7
    start, _ = SchoolCalendar.named("America/Chicago").month_bounds(year, month)
    unit = demo_id("unit", "RDG-1.01")
    with school.write() as connection:
        section, (minutes_kid, summaries_kid, units_kid) = _new_class(connection, ("reading",), 3)
        insert_attempts(
            connection,
            SCHOOL,
            [
                _attempt(
                    minutes_kid,
                    "reading",
                    unit,
                    90.0,
                    1200,
                    to_db_time(start + timedelta(hours=6 * n)),
                )
                for n in range(40)
            ],
        )
        upsert_rows(
            connection,
            SCHOOL,
            "activity_summary",
            [
                summary_row(
                    summaries_kid,
                    "reading",
                    start + timedelta(days=7 * n),
                    10_080,
                    3,
                    2,
                    80.0,
                    str(n),
                )
                for n in range(5)
            ]
            + [
                summary_row(
                    units_kid, "reading", start + timedelta(days=2), 30, 150_000, 150_000, 90.0, "x"
                )
            ],
        )
    school.laptop.sync()
    answer = _assert_same_as_laptop(school, Period(year, month), sections={section})
    figures = _server_figures(answer, section, "reading")
    assert figures[minutes_kid][2] == MAX_MONTH_MINUTES
    assert figures[summaries_kid][2] == MAX_MONTH_MINUTES
    assert figures[units_kid][3:5] == (MAX_MONTH_UNITS, MAX_MONTH_UNITS)


def test_a_teacher_never_gets_a_class_of_another_school_even_if_a_row_links_them(
    school: School,
) -> None:
    """/sections keeps a teacher to their school's classes; the School view read the
    linked class of another school (its students' names and figures) before."""
    other = f"school-{uuid.uuid4().hex[:8]}"
    user = f"other-{uuid.uuid4().hex[:8]}"
    with school.write() as connection:
        upsert_school(
            connection,
            {
                "id": other, "name": "Other School", "time_zone": "America/New_York",
                "first_day_of_week": 0, "min_weekly_minutes": 60, "mastery_score": 80.0,
                "target_average": 80.0, "weekly_units_target": 2,
            },
        )  # fmt: skip
        admin.create_teacher(
            connection, username=user, password=PASSWORD, given_name="O", family_name="T",
            email=f"{user}@example.invalid", school_id=other,
        )  # fmt: skip
        teacher_id = connection.execute(
            text("SELECT teacher_id FROM account WHERE username = :u"), {"u": user}
        ).scalar()
        connection.execute(
            text("INSERT INTO section_teacher (section_id, teacher_id) VALUES (:s, :t)"),
            {"s": demo_id("section", "homeroom-4"), "t": teacher_id},
        )
    token = _token(school.server, user)
    listed = httpx.get(f"{school.server.url}/sections", headers=auth(token))
    assert listed.json() == []
    answer = httpx.get(f"{school.server.url}/school/months/2026/11", headers=auth(token))
    assert answer.status_code == 200, answer.text
    body = SchoolMonth.model_validate_json(answer.content)
    assert (body.sections, body.figures) == ([], [])

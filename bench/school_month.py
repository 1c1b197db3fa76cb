"""The School view's endpoint, ``GET /school/months/{year}/{month}``, timed on a real server
process: the demo school, and a generated school of ``--students`` students with
``--attempts`` unit attempts each over a school year (August to June), on SQLite and on
PostgreSQL. Median of ``--runs`` requests for an admin (the whole school) and for a teacher
(one class), the answer's size, and the query plans of the attempts statement. On the
generated school, a school week of the month too (``GET /school/weeks/{day}``), against
the month in the same run.

    .venv/bin/python bench/school_month.py [--database sqlite,postgresql]
        [--students 1000] [--attempts 300] [--runs 9] [--without-index]

``--without-index`` drops the index the endpoint reads attempts by
(``ix_unit_attempt_student_time``) before the attempts are written, to show what it is
worth to the endpoint and what it costs their writing. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, bindparam, text

from benchlib import write_result
from load_sync import PASSWORD, provision

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.sync.harness import (  # noqa: E402
    DEMO_PASSWORDS,
    ServerProcess,
    script_postgres,
    sqlite_url,
)

from classroom_desk.domain.weeks import SchoolCalendar  # noqa: E402
from classroom_desk.server import auth, school_figures  # noqa: E402
from classroom_desk.server.access import access_of  # noqa: E402
from classroom_desk.server.admin import create_teacher  # noqa: E402
from classroom_desk.server.database import (  # noqa: E402
    make_engine,
    migrate,
    read_transaction,
    write_transaction,
)
from classroom_desk.server.records import insert_attempts, upsert_rows  # noqa: E402
from classroom_desk.store.timefmt import to_db_time  # noqa: E402

SCHOOL_YEAR_START = datetime(2026, 8, 17, 13, 0)  # naive UTC: 8 a.m. in Chicago
SCHOOL_DAYS = 300
#: The month timed on the generated school (a whole month of school).
GENERATED_MONTH = (2026, 10)
#: A day of a whole school week in that month: the week timed.
GENERATED_WEEK_DAY = "2026-10-14"
INDEX = "ix_unit_attempt_student_time"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite,postgresql")
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=300, help="unit attempts a student")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--without-index", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {"arguments": vars(args)}
    for database in args.database.split(","):
        with (
            tempfile.TemporaryDirectory(prefix="bench-school-month-") as scratch,
            script_postgres(database == "postgresql") as cluster,
        ):
            folder = Path(scratch)
            results[database] = {
                "demo": _demo(folder / "demo", cluster, args),
                "generated": _generated(folder / "generated", cluster, args),
            }
    write_result("school_month", results)
    return 0


def _url(folder: Path, cluster: Any) -> str:
    folder.mkdir(parents=True)
    return cluster.new_database() if cluster else sqlite_url(folder)


def _demo(folder: Path, cluster: Any, args: argparse.Namespace) -> dict[str, Any]:
    url = _url(folder, cluster)
    server = ServerProcess(url, folder, demo=True)
    server.start()
    try:
        engine = make_engine(url)
        try:
            _maybe_drop_index(engine, args)
            with read_transaction(engine) as connection:
                last = connection.execute(text("SELECT MAX(completed_at) FROM unit_attempt"))
                newest = datetime.fromisoformat(str(last.scalar()))
        finally:
            engine.dispose()
        before = newest.replace(day=1) - timedelta(days=1)  # the last whole month
        month = (before.year, before.month)
        figures = {
            "month": f"{month[0]}-{month[1]:02d}",
            "admin": _time(server, "admin", DEMO_PASSWORDS["admin"], _month_path(month), args.runs),
            "teacher": _time(
                server, "rivera", DEMO_PASSWORDS["rivera"], _month_path(month), args.runs
            ),
        }
    finally:
        server.stop()
    _print("demo", url, figures)
    return figures


def _generated(folder: Path, cluster: Any, args: argparse.Namespace) -> dict[str, Any]:
    url = _url(folder, cluster)
    teachers = math.ceil(args.students / 19)  # one user in 20 is a teacher
    started = time.perf_counter()
    provision(url, folder, teachers, 0)
    engine = make_engine(url)
    try:
        migrate(engine)
        _maybe_drop_index(engine, args)  # before the attempts: what their writing costs too
        with write_transaction(engine) as connection:
            create_teacher(
                connection,
                username="bench-admin",
                password=PASSWORD,
                given_name="Bench",
                family_name="Admin",
                email="admin@bench.test",
                role="admin",
            )
            writing = time.perf_counter()
            counts = _add_activity(connection, args.attempts)
            counts["activity_write_s"] = round(time.perf_counter() - writing, 1)
            if connection.dialect.name == "postgresql":
                connection.execute(text("ANALYZE"))  # as autovacuum would after a load
        plans = {
            who: _plans(engine, user) for who, user in (("admin", "bench-admin"), ("teacher", "t0"))
        }
    finally:
        engine.dispose()
    print(f"generated {counts} in {time.perf_counter() - started:.0f} s")
    server = ServerProcess(url, folder, demo=False)
    server.start()
    month_path = _month_path(GENERATED_MONTH)
    week_path = f"/school/weeks/{GENERATED_WEEK_DAY}"
    try:
        figures = {
            **counts,
            "month": f"{GENERATED_MONTH[0]}-{GENERATED_MONTH[1]:02d}",
            "admin": _time(server, "bench-admin", PASSWORD, month_path, args.runs),
            "teacher": _time(server, "t0", PASSWORD, month_path, args.runs),
            "admin_week": _time(server, "bench-admin", PASSWORD, week_path, args.runs),
            "teacher_week": _time(server, "t0", PASSWORD, week_path, args.runs),
            "plans": plans,
        }
    finally:
        server.stop()
    _print("generated", url, figures)
    for who, lines in plans.items():
        print(f"  the attempts statement's plan for the {who}:")
        for line in lines:
            print(f"    {line}")
    return figures


def _add_activity(connection: Any, each: int) -> dict[str, Any]:
    """``each`` attempts a student spread evenly over the school year's days, at a random
    minute of the school day, of a random unit; and a weekly platform summary in one
    content area for one student in ten (a fifth of them without an average)."""
    rng = random.Random(20261206)
    school = connection.execute(text("SELECT id FROM school")).scalar_one()
    students = [r[0] for r in connection.execute(text("SELECT id FROM student ORDER BY id"))]
    units = connection.execute(text("SELECT id, content_area_id FROM unit ORDER BY id")).all()
    batch: list[dict[str, Any]] = []
    attempts = 0
    for s, student in enumerate(students):
        for n in range(each):
            unit_id, area = units[rng.randrange(len(units))]
            day = n * SCHOOL_DAYS // each
            at = SCHOOL_YEAR_START + timedelta(days=day, minutes=rng.randrange(0, 420))
            batch.append(
                {
                    "id": f"attempt-{s}-{n}",
                    "student_id": student,
                    "unit_id": unit_id,
                    "content_area_id": area,
                    "score": round(rng.uniform(30, 100), 1),
                    "minutes": rng.randrange(5, 45),
                    "completed_at": to_db_time(at),
                    "source_id": f"bench-{s}-{n}",
                }
            )
        if len(batch) >= 20_000:
            attempts += insert_attempts(connection, school, batch)
            batch = []
            if connection.dialect.name == "postgresql":
                connection.execute(text("ANALYZE unit_attempt"))
    attempts += insert_attempts(connection, school, batch)
    summaries = [
        {
            "id": f"summary-{s}-{week}",
            "student_id": student,
            "content_area_id": units[0][1],
            "range_start": (SCHOOL_YEAR_START + timedelta(weeks=week)).date().isoformat(),
            "range_end": (SCHOOL_YEAR_START + timedelta(weeks=week, days=6)).date().isoformat(),
            "starts_at": to_db_time(SCHOOL_YEAR_START + timedelta(weeks=week, hours=-8)),
            "minutes": rng.randrange(0, 120),
            "units_completed": (done := rng.randrange(0, 4)),
            "units_passed": rng.randrange(0, done + 1),
            "average_score": None if rng.random() < 0.2 else round(rng.uniform(40, 100), 1),
            "source": "Bench platform",
            "imported_at": "2026-08-17 00:00:00.000000",
        }
        for s, student in enumerate(students)
        if s % 10 == 0
        for week in range(SCHOOL_DAYS // 7)
    ]
    upsert_rows(connection, school, "activity_summary", summaries)
    return {"students": len(students), "attempts": attempts, "summaries": len(summaries)}


def _maybe_drop_index(engine: Engine, args: argparse.Namespace) -> None:
    if args.without_index:
        with write_transaction(engine) as connection:
            connection.execute(text(f"DROP INDEX IF EXISTS {INDEX}"))


def _month_path(month: tuple[int, int]) -> str:
    return f"/school/months/{month[0]}/{month[1]}"


def _time(server: ServerProcess, user: str, password: str, path: str, runs: int) -> dict[str, Any]:
    token = httpx.post(
        f"{server.url}/auth/sign-in",
        json={"user": user, "password": password, "device_id": f"bench-{user}"},
    ).json()["token"]
    url = f"{server.url}{path}"
    headers = {"Authorization": f"Bearer {token}"}
    seconds: list[float] = []
    with httpx.Client(timeout=120) as client:
        answer = client.get(url, headers=headers)  # warm: the pool and the page cache
        answer.raise_for_status()
        for _ in range(runs):
            started = time.perf_counter()
            answer = client.get(url, headers=headers)
            seconds.append(time.perf_counter() - started)
            answer.raise_for_status()
    body = answer.json()
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "min_ms": round(min(seconds) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
        "runs": runs,
        "sections": len(body["sections"]),
        "student_rows": sum(len(f["students"]) for f in body["figures"]),
        "json_kb": round(len(answer.content) / 1024, 1),
        "wire_kb": round(int(answer.headers.get("content-length", 0)) / 1024, 1),
    }


def _plans(engine: Engine, user: str) -> list[str]:
    """The plan of the attempts statement for ``user``'s classes (PostgreSQL: executed,
    with its buffers)."""
    with read_transaction(engine) as connection:
        account = auth.find_account(connection, user)
        assert account is not None
        sections = sorted(access_of(account).sections(connection))
        year, month = GENERATED_MONTH
        start, end = SchoolCalendar.named(
            str(connection.execute(text("SELECT time_zone FROM school")).scalar())
        ).month_bounds(year, month)
        parameters = {
            "sections": sections,
            "start": to_db_time(start),
            "end": to_db_time(end),
            "school": account.school_id,
        }
        if connection.dialect.name == "postgresql":
            prefix = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
        else:
            prefix = "EXPLAIN QUERY PLAN "
        statement = text(prefix + school_figures.UNIT_MONTHS_SQL)
        explained = connection.execute(
            statement.bindparams(bindparam("sections", expanding=True)), parameters
        ).all()
    if engine.dialect.name == "postgresql":
        return [row[0] for row in explained]
    return [f"{row[1]:>3} {row[3]}" for row in explained]


def _print(kind: str, url: str, figures: dict[str, Any]) -> None:
    database = url.split(":", 1)[0]
    for who in ("admin", "teacher", "admin_week", "teacher_week"):
        if who not in figures:
            continue
        f = figures[who]
        print(
            f"{database:<20} {kind:<9} {figures['month']} {who:<12} median {f['median_ms']:7.1f} ms"
            f" (min {f['min_ms']:.1f}, max {f['max_ms']:.1f}) {f['sections']:>3} classes"
            f" {f['student_rows']:>5} rows {f['json_kb']:>7.1f} KB json {f['wire_kb']:>6.1f} KB gz"
        )


if __name__ == "__main__":
    raise SystemExit(main())

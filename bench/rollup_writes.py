"""What keeping the weekly rollup costs writers: the district of ``bench/scale.py`` written
twice in one run, into a store whose transactions refresh the rollup (``Store.transaction``)
and into one whose transactions skip it (``BEGIN IMMEDIATE`` ... ``COMMIT`` on the same
connection: the store as a writer saw it before the rollup), the two taking turns chunk by
chunk; then pages of new attempts as a pull brings them, and a new time zone: the settings
save's transaction (which only starts the rebuild) and the rebuild as the app runs it off the
UI thread, each of its transactions timed (how long it holds the write lock).

    python bench/rollup_writes.py [--pages 15] [--page-size 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from benchlib import ms, out_dir, summary, write_result
from classroom_desk.domain.records import AttemptRecord, UnitRecord
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import insert_attempts, load_dataset
from classroom_desk.store.school_policy import set_school_policy
from classroom_desk.store.weekly_rollup import (
    REBUILD_STUDENTS,
    continue_weekly_rollup_rebuild,
    finish_weekly_rollup,
)
from scale import AREAS, CHUNK_STUDENTS, TIME_ZONE, _attempts, _roster, _weeks


@contextlib.contextmanager
def unrefreshed(store: Store) -> Iterator[sqlite3.Connection]:
    """A write transaction as ``Store.transaction`` made one before the rollup."""
    store.connection.execute("BEGIN IMMEDIATE")
    try:
        yield store.connection
    except BaseException:
        store.connection.execute("ROLLBACK")
        raise
    store.connection.execute("COMMIT")


def timed(write: Callable[[], object]) -> float:
    started = time.perf_counter()
    write()
    return ms(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=15)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()

    stores: dict[str, Store] = {}
    for name in ("refreshed", "unrefreshed"):
        path = out_dir() / f"rollup-writes-{name}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        stores[name] = open_store(path)
    writers: dict[str, Callable[[], contextlib.AbstractContextManager[sqlite3.Connection]]] = {
        "refreshed": stores["refreshed"].transaction,
        "unrefreshed": lambda: unrefreshed(stores["unrefreshed"]),
    }
    rng = random.Random(20261123)
    dataset = _roster(rng)
    for store in stores.values():
        load_dataset(store, dataset)
    # Built for the empty school, so the import below keeps it up to date as it goes (a new
    # store's import would otherwise leave every student to the background rebuild).
    finish_weekly_rollup(stores["refreshed"], pause_s=0)
    weeks = _weeks(SchoolCalendar.named(TIME_ZONE))
    units: dict[str, list[UnitRecord]] = {area: [] for area in AREAS}
    for unit in dataset.units:
        units[unit.content_area_id].append(unit)

    chunk_ms: dict[str, list[float]] = {name: [] for name in writers}
    students = dataset.students
    for first in range(0, len(students), CHUNK_STUDENTS):
        attempts = [
            a
            for s in students[first : first + CHUNK_STUDENTS]
            for a in _attempts(rng, s, units, weeks)
        ]
        for name, writer in writers.items():

            def write(writer: Any = writer, attempts: list[AttemptRecord] = attempts) -> None:
                with writer() as connection:
                    insert_attempts(connection, attempts)

            chunk_ms[name].append(timed(write))
        print(f"  {first + CHUNK_STUDENTS}/{len(students)} students", end="\r", flush=True)
    print()
    chunk_attempts = (
        stores["refreshed"].connection.execute("SELECT COUNT(*) FROM unit_attempt").fetchone()[0]
    )

    # Pages as a pull brings them: new attempts of random students in the last week.
    last_week_start = weeks[-1][1]
    page_ms: dict[str, list[float]] = {name: [] for name in writers}
    for page in range(args.pages):
        records = []
        for n in range(args.page_size):
            student = rng.choice(students)
            area = rng.choice(AREAS)
            records.append(
                AttemptRecord(
                    f"page{page}-{n}",
                    student.id,
                    rng.choice(units[area]).id,
                    area,
                    float(rng.randint(40, 100)),
                    rng.randint(5, 40),
                    last_week_start + timedelta(minutes=rng.randint(0, 7 * 24 * 60 - 1)),
                    f"page{page}-{n}",
                )
            )
        for name, writer in writers.items():

            def write(writer: Any = writer, records: list[AttemptRecord] = records) -> None:
                with writer() as connection:
                    insert_attempts(connection, records)

            page_ms[name].append(timed(write))

    # A new time zone, back and forth: the save, then the rebuild's transactions one by one
    # (without the app's pauses between them).
    save_ms, lock_ms, rebuild_s = [], [], []
    store = stores["refreshed"]
    for zone in ("America/Denver", TIME_ZONE, "America/Denver"):
        save_ms.append(timed(lambda zone=zone: set_school_policy(store, {"time_zone": zone})))
        started = time.perf_counter()
        done = False
        while not done:
            before = time.perf_counter()
            with store.transaction() as connection:
                done = continue_weekly_rollup_rebuild(connection, students=REBUILD_STUDENTS)
            lock_ms.append(ms(time.perf_counter() - before))
        rebuild_s.append(time.perf_counter() - started)
    rows = store.connection.execute("SELECT COUNT(*) FROM weekly_rollup").fetchone()[0]
    for store in stores.values():
        store.close()

    totals = {name: sum(values) / 1000 for name, values in chunk_ms.items()}
    pages = {name: summary(values) for name, values in page_ms.items()}
    result = {
        "command": "python bench/rollup_writes.py"
        f" --pages {args.pages} --page-size {args.page_size}",
        "attempts": chunk_attempts,
        "rollup_rows": rows,
        "chunks": {name: summary(values) for name, values in chunk_ms.items()},
        "all_chunks_s": totals,
        "pages_ms": pages,
        "time_zone_save_ms": summary(save_ms),
        "rebuild_s": summary(rebuild_s),
        "rebuild_transaction_ms": summary(lock_ms),
        "rebuild_students_per_transaction": REBUILD_STUDENTS,
    }
    write_result("rollup_writes", result)
    print(
        f"{chunk_attempts:,} attempts in chunks of {CHUNK_STUDENTS} students: refreshed"
        f" {totals['refreshed']:.1f} s, unrefreshed {totals['unrefreshed']:.1f} s"
        f" ({totals['refreshed'] / totals['unrefreshed']:.2f}x)"
    )
    print(
        f"pages of {args.page_size}: refreshed {pages['refreshed']['median']:.1f} ms,"
        f" unrefreshed {pages['unrefreshed']['median']:.1f} ms"
        f" ({pages['refreshed']['median'] / pages['unrefreshed']['median']:.2f}x)"
    )
    locks = summary(lock_ms)
    print(
        f"new time zone: the save {summary(save_ms)['median']:.0f} ms; the rebuild"
        f" ({rows:,} rows) {summary(rebuild_s)['median']:.1f} s in transactions of"
        f" {REBUILD_STUDENTS} students: median {locks['median']:.0f} ms,"
        f" longest {locks['max']:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

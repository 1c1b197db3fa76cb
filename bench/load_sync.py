"""Load test: simulated laptops syncing with one school server over the real wire protocol.
Prints a table and writes JSON; asserts nothing but the correctness check at the end.

    .venv/bin/python bench/load_sync.py [--database postgresql|sqlite] [--teachers 200]
        [--devices 1000] [--attempts 40] [--steady-seconds 120] [--interval 300]
        [--rates 50,100,200] [--rate-seconds 30] [--burst-seconds 60]
        [--skip steady,rate,wave,burst,roster]

Provisioning: a generated OneRoster package (``bench/import_oneroster.py``: 25 students a
class, one class a teacher) imported on a fresh server database, units and
``--attempts`` unit attempts a student written as the inbox writes them, and an account
for every teacher. Then a real server process on 127.0.0.1 and ``--devices`` laptops
(spread over the teachers) signed in over HTTP.

Phases, each timed on its own, every request's latency kept by kind:

- **morning**: every device's first pull (all pages of its teacher's history) at once;
- **steady**: each device syncs every ``--interval`` s with jitter (a push of a note, a
  reassignment or a goal, then a pull from its cursor): the routine rate;
- **rates**: the same sync loop at each of ``--rates`` syncs/s for ``--rate-seconds``, to
  find the highest rate one server holds at p99 <= 200 ms;
- **burst**: every device syncs once within ``--burst-seconds``;
- **roster**: the night's roster change (one student of every class moves to the next
  class, so every teacher's class list changes), then every device pulls within
  ``--burst-seconds``: half of them as this app does (the difference of their class
  list), half as laptops did before it (told to start again: the whole history).

The server process's CPU seconds and resident memory (sampled every 0.2 s) are kept for
each phase. At the end the server database is checked: every mutation the server
acknowledged as applied is there exactly once, no sync-log number is used twice, and a
second pull is empty for every device.

The load generator, the server and PostgreSQL share this machine's cores: the figures are
the system's, not the server's alone. In-flight requests are bounded (``--connections``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from benchlib import machine, write_result
from import_oneroster import generate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.sync.harness import ServerProcess, script_postgres, sqlite_url  # noqa: E402

from classroom_desk.server.admin import create_teacher, enroll  # noqa: E402
from classroom_desk.server.database import (  # noqa: E402
    make_engine,
    migrate,
    read_transaction,
    write_transaction,
)
from classroom_desk.server.oneroster_import import import_oneroster_on_server  # noqa: E402
from classroom_desk.server.records import insert_attempts, upsert_rows  # noqa: E402
from classroom_desk.store.timefmt import to_db_time  # noqa: E402
from classroom_desk.sync.protocol import CLASS_LIST_CHANGES_HEADER  # noqa: E402

PASSWORD = "load-test-password"
UNITS_PER_AREA = 12
PULL_LIMIT = 1000
SLOW_P99_S = 0.200
RETRIES = 40
MAX_BACKOFF_S = 30.0


# -- provisioning -----------------------------------------------------------------------


@dataclass
class Teacher:
    username: str
    students: list[str]


def provision(
    url: str, folder: Path, teachers: int, attempts: int
) -> tuple[list[Teacher], list[tuple[str, str]]]:
    """A migrated server database with a school of ``teachers`` classes; the teachers (with
    their students) and the unit ids."""
    package = folder / "package"
    generate(package, users=teachers * 20, classes=teachers, regenerate=True)
    engine = make_engine(url)
    try:
        migrate(engine)
        import_oneroster_on_server(engine, package)
        with write_transaction(engine) as connection:
            school = connection.execute(text("SELECT id FROM school")).scalar_one()
            units = _add_units(connection, school)
            _add_attempts(connection, school, units, attempts)
            for row in connection.execute(
                text("SELECT source_id FROM teacher ORDER BY source_id")
            ).all():
                number = row[0].removeprefix("teacher-")
                create_teacher(
                    connection,
                    username=f"t{number}",
                    password=PASSWORD,
                    given_name="Load",
                    family_name=f"Teacher {number}",
                    email=f"t{number}@bench.test",
                )
        with read_transaction(engine) as connection:
            rows = connection.execute(
                text(
                    "SELECT t.source_id, e.student_id FROM teacher t"
                    " JOIN class_section c ON c.teacher_id = t.id"
                    " JOIN enrollment e ON e.section_id = c.id ORDER BY t.source_id"
                )
            ).all()
    finally:
        engine.dispose()
    by_teacher: dict[str, list[str]] = {}
    for source_id, student_id in rows:
        by_teacher.setdefault(f"t{source_id.removeprefix('teacher-')}", []).append(student_id)
    return [Teacher(name, students) for name, students in by_teacher.items()], units


def _add_units(connection: Any, school: str) -> list[tuple[str, str]]:
    areas = [r[0] for r in connection.execute(text("SELECT id FROM content_area ORDER BY id"))]
    units = [
        {
            "id": f"unit-{a}-{n}",
            "content_area_id": area,
            "code": f"U{a}.{n:02d}",
            "title": f"Unit {n} of area {a}",
            "position": n,
        }
        for a, area in enumerate(areas)
        for n in range(UNITS_PER_AREA)
    ]
    upsert_rows(connection, school, "unit", units)
    return [(unit["id"], unit["content_area_id"]) for unit in units]


def _add_attempts(connection: Any, school: str, units: list[tuple[str, str]], each: int) -> None:
    students = [r[0] for r in connection.execute(text("SELECT id FROM student ORDER BY id"))]
    start = datetime(2026, 8, 17, 14, 0)
    batch: list[dict[str, Any]] = []
    for s, student in enumerate(students):
        for n in range(each):
            unit_id, area = units[(s + n) % len(units)]
            batch.append(
                {
                    "id": f"attempt-{s}-{n}",
                    "student_id": student,
                    "unit_id": unit_id,
                    "content_area_id": area,
                    "score": float(40 + (s * 7 + n * 13) % 61),
                    "minutes": 10 + n % 20,
                    "completed_at": to_db_time(start + timedelta(hours=n * 7 + s % 5)),
                    "source_id": f"load-{s}-{n}",
                }
            )
        if len(batch) >= 20_000:
            insert_attempts(connection, school, batch)
            batch = []
            if connection.dialect.name == "postgresql":
                # Without fresh statistics PostgreSQL plans the next batch's id check as a
                # scan of the whole table (it thinks the table is still empty).
                connection.execute(text("ANALYZE unit_attempt"))
    insert_attempts(connection, school, batch)


# -- measuring the server process -------------------------------------------------------


class ServerWatch:
    """CPU seconds and peak resident memory of the server process and its children (the
    workers of ``serve --workers N``), sampled on a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss_mb = 0.0
        self.cpu_s = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _tree(self) -> list[int]:
        pids, index = [self.pid], 0
        while index < len(pids):
            for task in Path(f"/proc/{pids[index]}/task").glob("*"):
                with contextlib.suppress(OSError):  # a thread or child that just ended
                    pids.extend(int(child) for child in (task / "children").read_text().split())
            index += 1
        return pids

    def cpu_seconds(self) -> float:
        total = 0.0
        for pid in self._tree():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / 100  # utime + stime, ticks
        return total

    def rss_mb(self) -> float:
        total = 0.0
        for pid in self._tree():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024
        return total

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak_rss_mb = max(self.peak_rss_mb, self.rss_mb())

    def __enter__(self) -> ServerWatch:
        self.peak_rss_mb = self.rss_mb()
        self._cpu_start = self.cpu_seconds()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_s = self.cpu_seconds() - self._cpu_start


# -- the simulated laptops --------------------------------------------------------------


@dataclass
class Device:
    teacher: Teacher
    device_id: str
    token: str = ""
    cursor: int = 0
    epoch: str | None = None
    seq: int = 0
    written: list[tuple[str, str]] = field(default_factory=list)  # (table, record id)
    #: Asks for a change of its class list as the difference (this app), or not (before).
    differences: bool = True

    @property
    def headers(self) -> dict[str, str]:
        asks = {CLASS_LIST_CHANGES_HEADER: "1"} if self.differences else {}
        return {"Authorization": f"Bearer {self.token}", **asks}


@dataclass
class Phase:
    """Latencies by request kind, errors by what went wrong, records pulled."""

    name: str
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    retries: Counter[str] = field(default_factory=Counter)
    records: int = 0
    syncs: int = 0
    seconds: float = 0.0
    server: dict[str, float] = field(default_factory=dict)

    def note(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def all_latencies(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]

    def summary(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 2),
            "syncs": self.syncs,
            "syncs_per_s": round(self.syncs / self.seconds, 1) if self.seconds else 0.0,
            "records": self.records,
            "records_per_s": round(self.records / self.seconds) if self.seconds else 0,
            "errors": dict(self.errors),
            "retried": dict(self.retries),
            "requests": {kind: percentiles(values) for kind, values in self.latencies.items()},
            "all": percentiles(self.all_latencies()),
            "server": self.server,
        }


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)

    def at(share: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {"count": len(ordered), "p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


class Laptops:
    """The devices and the one HTTP client they share (bounded connections)."""

    def __init__(
        self, url: str, devices: list[Device], units: list[tuple[str, str]], connections: int
    ) -> None:
        self.url = url
        self.devices = devices
        self.units = units
        self.connections = connections
        self.client: httpx.AsyncClient  # made by open(), in the event loop that uses it

    def open(self) -> None:
        """A client for this step's event loop (each step runs in a loop of its own)."""
        self.client = httpx.AsyncClient(
            base_url=self.url,
            timeout=120,
            limits=httpx.Limits(
                max_connections=self.connections, max_keepalive_connections=self.connections
            ),
        )

    async def _request(
        self, phase: Phase, kind: str, path: str, body: dict[str, Any], device: Device | None
    ) -> dict[str, Any] | None:
        """POST ``body``; a 429 or 503 is retried with backoff (at least its Retry-After),
        as the laptop's client does. The latency kept is the whole request, retries included."""
        if device is not None and not device.token:
            phase.errors[f"{kind}: not signed in"] += 1
            return None
        started = time.perf_counter()
        for attempt in range(RETRIES):
            try:
                answer = await self.client.post(
                    path, json=body, headers=device.headers if device else None
                )
            except httpx.HTTPError as error:
                phase.errors[f"{kind}: {type(error).__name__}"] += 1
                return None
            if answer.status_code not in (429, 503) or attempt == RETRIES - 1:
                break
            phase.retries[f"{kind}: HTTP {answer.status_code}"] += 1
            # Exponential backoff with full jitter, never sooner than Retry-After.
            backoff = random.uniform(0, min(MAX_BACKOFF_S, 0.5 * 2**attempt))
            await asyncio.sleep(max(float(answer.headers.get("Retry-After", "1")), backoff))
        phase.note(kind, time.perf_counter() - started)
        if answer.status_code != 200:
            phase.errors[f"{kind}: HTTP {answer.status_code}"] += 1
            return None
        found: dict[str, Any] = answer.json()
        return found

    async def sign_in(self, phase: Phase, device: Device) -> None:
        body = {
            "user": device.teacher.username,
            "password": PASSWORD,
            "device_id": device.device_id,
        }
        answer = await self._request(phase, "sign-in", "/auth/sign-in", body, None)
        if answer is not None:
            device.token = answer["token"]

    async def pull(self, phase: Phase, device: Device) -> int:
        """Pull until the server has no more; the records received."""
        received = 0
        while True:
            body = {"cursor": device.cursor, "epoch": device.epoch, "limit": PULL_LIMIT}
            page = await self._request(phase, "pull", "/sync/pull", body, device)
            if page is None:
                return received
            received += len(page["changes"])
            device.cursor, device.epoch = page["next_cursor"], page["epoch"]
            if not page["has_more"]:
                phase.records += received
                return received

    async def push(self, phase: Phase, device: Device) -> None:
        """One change a teacher makes in a conference: a note, a reassignment or a goal."""
        device.seq += 1
        student = random.choice(device.teacher.students)
        record_id = str(uuid.uuid4())
        unit_id, area_id = random.choice(self.units)
        kind, table, payload = (
            ("note.put", "conference_note", {"body": "Read aloud for ten minutes", "tags": []}),
            ("reassignment.reassign", "reassignment_event", {"unit_id": unit_id, "score": 72.0}),
            ("goal.create", "goal", {"content_area_id": area_id, "kind": "minutes", "target": 60}),
        )[device.seq % 3]
        millis = int(datetime.now(UTC).timestamp() * 1000)
        mutation = {
            "seq": device.seq,
            "mutation_id": str(uuid.uuid4()),
            "kind": kind,
            "record_id": record_id,
            "student_id": student,
            "payload": payload,
            "stamp": f"{millis:015d}-{0:06d}-{device.device_id}",
            "created_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
        }
        body = {
            "device_id": device.device_id,
            "mutations": [mutation],
            "seen_cursor": device.cursor,
            "epoch": device.epoch,
        }
        answer = await self._request(phase, "push", "/sync/push", body, device)
        if answer is None:
            return
        [result] = answer["results"]
        if result["outcome"] == "applied":
            device.written.append((table, record_id))
        else:
            phase.errors[f"push: {result['outcome']} {result.get('reason')}"] += 1

    async def sync(self, phase: Phase, device: Device) -> None:
        await self.push(phase, device)
        await self.pull(phase, device)
        phase.syncs += 1

    async def close(self) -> None:
        await self.client.aclose()


# -- phases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One phase, as each load process runs it on its own share of the devices."""

    name: str
    action: str  # "sign_in", "pull" or "sync"; "sign_in_new" signs fresh devices in
    timing: str  # "now", "spread" (within seconds), "every" (interval) or "rate"
    seconds: float = 0.0
    interval: float = 0.0
    rate: float = 0.0  # syncs a second over all the load processes
    beside: Step | None = None  # run at the same time (syncs beside a sign-in wave)
    #: Only the devices that ask for differences (True) or only those that do not (False).
    differences: bool | None = None


def schedule(step: Step, devices: list[Device], processes: int) -> list[tuple[float, Device]]:
    """When each of this process's devices starts the step's action (seconds from now)."""
    if step.action == "sign_in_new":
        devices = [Device(device.teacher, f"wave-{uuid.uuid4()}") for device in devices]
    if step.differences is not None:
        devices = [device for device in devices if device.differences == step.differences]
    if step.timing == "now":
        return [(0.0, device) for device in devices]
    if step.timing == "spread":
        return sorted(((random.uniform(0, step.seconds), d) for d in devices), key=_first)
    if step.timing == "every":
        times = []
        for device in devices:
            at = random.uniform(0, step.interval)
            while at < step.seconds:
                times.append((at, device))
                at += step.interval * random.uniform(0.9, 1.1)
        return sorted(times, key=_first)
    rate = step.rate / processes
    return [(n / rate, devices[n % len(devices)]) for n in range(int(rate * step.seconds))]


def _first(item: tuple[float, Device]) -> float:
    return item[0]


async def run_phase(
    laptops: Laptops, phase: Phase, times: list[tuple[float, Device]], action: str
) -> None:
    """Start each device's ``action`` at its time; a device does one thing at a time."""
    locks = {id(device): asyncio.Lock() for _, device in times}
    work = getattr(laptops, "sign_in" if action == "sign_in_new" else action)
    begun = time.perf_counter()

    async def one(at: float, device: Device) -> None:
        await asyncio.sleep(max(0.0, at - (time.perf_counter() - begun)))
        async with locks[id(device)]:
            await work(phase, device)

    await asyncio.gather(*(one(at, device) for at, device in times))
    phase.seconds = time.perf_counter() - begun


async def run_step(laptops: Laptops, step: Step, processes: int) -> list[Phase]:
    steps = [step] if step.beside is None else [step, step.beside]
    phases = [Phase(each.name) for each in steps]
    laptops.open()
    try:
        await asyncio.gather(
            *(
                run_phase(laptops, phase, schedule(each, laptops.devices, processes), each.action)
                for each, phase in zip(steps, phases, strict=True)
            )
        )
    finally:
        await laptops.close()
    return phases


async def final_pulls(laptops: Laptops) -> tuple[Counter[str], int, list[tuple[str, str]]]:
    """A catch-up pull, then a second pull: its errors, how many devices got anything in
    the second, and every record the server applied for these devices."""
    settle, second = Phase("catch-up"), Phase("second pull")
    laptops.open()
    try:
        await asyncio.gather(*(laptops.pull(settle, device) for device in laptops.devices))
        counts = await asyncio.gather(*(laptops.pull(second, d) for d in laptops.devices))
    finally:
        await laptops.close()
    written = [record for device in laptops.devices for record in device.written]
    return settle.errors + second.errors, sum(1 for count in counts if count), written


def load_process(pipe: Connection, laptops: Laptops, processes: int, seed: int) -> None:
    """One load process: runs each step it is sent on its own devices, answers the phases."""
    random.seed(seed)
    while (step := pipe.recv()) is not None:
        if step == "check":
            pipe.send(asyncio.run(final_pulls(laptops)))
        else:
            pipe.send(asyncio.run(run_step(laptops, step, processes)))


class Load:
    """The load processes and the server process they load."""

    def __init__(self, server: ServerProcess, pipes: list[Connection]) -> None:
        assert server.process is not None
        self.pid = server.process.pid
        self.pipes = pipes

    def run(self, step: Step) -> list[Phase]:
        with ServerWatch(self.pid) as watch:
            for pipe in self.pipes:
                pipe.send(step)
            answers: list[list[Phase]] = [pipe.recv() for pipe in self.pipes]
        merged = [_merge(parts) for parts in zip(*answers, strict=True)]
        for phase in merged:
            phase.server = {"cpu_s": round(watch.cpu_s, 1), "peak_rss_mb": round(watch.peak_rss_mb)}
            print(_line(phase), flush=True)
        return merged

    def check(self, url: str) -> dict[str, Any]:
        """Every applied mutation stored once, no sync-log number twice, a second pull empty."""
        for pipe in self.pipes:
            pipe.send("check")
        answers = [pipe.recv() for pipe in self.pipes]
        errors: Counter[str] = sum((answer[0] for answer in answers), Counter())
        busy = sum(answer[1] for answer in answers)
        written: dict[str, list[str]] = {}
        for answer in answers:
            for table, record_id in answer[2]:
                written.setdefault(table, []).append(record_id)
        missing, duplicated, reused, provisional = stored_once(url, written)
        return {
            "applied_mutations": sum(len(ids) for ids in written.values()),
            "missing": missing,
            "duplicated": duplicated,
            "server_seq_used_twice": reused,
            "provisional_numbers_left": provisional,
            "devices_with_a_non_empty_second_pull": busy,
            "errors": dict(errors),
            "clean": not (missing or duplicated or reused or provisional or busy or errors),
        }

    def stop(self) -> None:
        for pipe in self.pipes:
            pipe.send(None)


def _merge(parts: tuple[Phase, ...]) -> Phase:
    merged = Phase(parts[0].name)
    for part in parts:
        for kind, values in part.latencies.items():
            merged.latencies.setdefault(kind, []).extend(values)
        merged.errors += part.errors
        merged.retries += part.retries
        merged.records += part.records
        merged.syncs += part.syncs
        merged.seconds = max(merged.seconds, part.seconds)
    return merged


def stored_once(url: str, written: dict[str, list[str]]) -> tuple[int, int, int, int]:
    """Records missing, records stored more than once, sync-log numbers used twice, and
    push numbers left provisional."""
    engine = make_engine(url)
    missing = duplicated = 0
    try:
        with read_transaction(engine) as connection:
            for table, ids in written.items():
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ", ".join(f":i{n}" for n in range(len(chunk)))
                    found = Counter(
                        row[0]
                        for row in connection.execute(
                            text(f"SELECT id FROM {table} WHERE id IN ({marks})"),
                            {f"i{n}": value for n, value in enumerate(chunk)},
                        )
                    )
                    missing += sum(1 for value in chunk if found[value] == 0)
                    duplicated += sum(1 for value in chunk if found[value] > 1)
            reused = connection.execute(
                text(
                    "SELECT COUNT(*) FROM (SELECT school_id, server_seq FROM sync_row"
                    " GROUP BY school_id, server_seq HAVING COUNT(*) > 1) AS twice"
                )
            ).scalar_one()
            # A push's provisional numbers (negative) must all be final once committed.
            provisional = connection.execute(
                text(
                    "SELECT (SELECT COUNT(*) FROM reassignment_event WHERE feed_seq < 0)"
                    " + (SELECT COUNT(*) FROM goal WHERE target_seq < 0 OR status_seq < 0)"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return missing, duplicated, int(reused), int(provisional)


def _line(phase: Phase) -> str:
    figures = percentiles(phase.all_latencies())
    errors = f"\n    errors: {dict(phase.errors)}" if phase.errors else ""
    retried = f"\n    retried: {dict(phase.retries)}" if phase.retries else ""
    return (
        f"{phase.name:<34} {phase.seconds:7.1f} s  {phase.syncs:>6} syncs"
        f"  {phase.records:>9,} records  p50 {figures.get('p50_ms', 0):7.1f}"
        f"  p99 {figures.get('p99_ms', 0):7.1f} ms  errors {sum(phase.errors.values())}"
        f"  server {phase.server.get('cpu_s', 0)} CPU s,"
        f" peak {phase.server.get('peak_rss_mb', 0)} MB{errors}{retried}"
    )


# -- main -------------------------------------------------------------------------------


def steps(args: argparse.Namespace) -> Iterator[tuple[str, Step]]:
    yield "sign-in", Step("sign-in", "sign_in", "now")
    yield "morning", Step("morning: every first pull", "pull", "now")
    yield "steady", Step(
        f"steady: every {args.interval:g} s", "sync", "every",
        seconds=args.steady_seconds, interval=args.interval,
    )  # fmt: skip
    for rate in args.rates:
        yield (
            f"rate {rate:g}",
            Step(f"rate {rate:g}/s", "sync", "rate", args.rate_seconds, rate=rate),
        )
    quiet = Step(
        f"syncs at {args.wave_rate:g}/s", "sync", "rate", args.rate_seconds, rate=args.wave_rate
    )
    yield "wave quiet", quiet
    yield "wave", Step(
        "sign-in wave", "sign_in_new", "spread", args.rate_seconds,
        beside=Step(f"syncs at {args.wave_rate:g}/s beside it", "sync", "rate", args.rate_seconds,
                    rate=args.wave_rate),
    )  # fmt: skip
    yield (
        "burst",
        Step(f"burst: all within {args.burst_seconds:g} s", "sync", "spread", args.burst_seconds),
    )
    yield "roster", Step(
        "roster change: as the difference", "pull", "spread", args.burst_seconds,
        differences=True,
        beside=Step("roster change: starting again", "pull", "spread", args.burst_seconds,
                    differences=False),
    )  # fmt: skip


def move_a_student_of_every_class(url: str) -> int:
    """The night's roster change, in one transaction: the first student of each class
    moves to the next class. Returns the students moved."""
    engine = make_engine(url)
    try:
        with write_transaction(engine) as connection:
            classes = connection.execute(
                text(
                    "SELECT c.id, MIN(e.student_id) FROM class_section c"
                    " JOIN enrollment e ON e.section_id = c.id GROUP BY c.id ORDER BY c.id"
                )
            ).all()
            for (section, student), (following, _) in zip(
                classes, classes[1:] + classes[:1], strict=True
            ):
                enroll(connection, section_id=following, student_id=student, present=True)
                enroll(connection, section_id=section, student_id=student, present=False)
    finally:
        engine.dispose()
    return len(classes)


def drive(
    args: argparse.Namespace,
    url: str,
    server: ServerProcess,
    teachers: list[Teacher],
    units: list[tuple[str, str]],
) -> dict[str, Any]:
    devices = [
        Device(teachers[n % len(teachers)], f"load-{n}", differences=n % 2 == 0)
        for n in range(args.devices)
    ]
    context = multiprocessing.get_context("fork")
    pipes, children = [], []
    for k in range(args.processes):
        mine, theirs = context.Pipe()
        laptops = Laptops(server.url, devices[k :: args.processes], units,
                          max(1, args.connections // args.processes))  # fmt: skip
        child = context.Process(target=load_process, args=(theirs, laptops, args.processes, k))
        child.start()
        pipes.append(mine)
        children.append(child)
    load = Load(server, pipes)
    phases: dict[str, Any] = {}
    try:
        for key, step in steps(args):
            if key.split()[0] in args.skip:  # "rate" leaves out every rate
                continue
            if key == "roster":
                print(f"moved {move_a_student_of_every_class(url)} students", flush=True)
            ran = load.run(step)
            phases[key] = ran[0].summary() if len(ran) == 1 else [p.summary() for p in ran]
            if key == args.until:
                break
        phases["check"] = load.check(url)
    finally:
        load.stop()
        for child in children:
            child.join(timeout=60)
    return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--teachers", type=int, default=200)
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=40, help="unit attempts a student")
    parser.add_argument("--interval", type=float, default=300.0)
    parser.add_argument("--steady-seconds", type=float, default=120.0)
    parser.add_argument(
        "--rates", type=lambda s: [float(r) for r in s.split(",")], default=[50.0, 100.0, 200.0]
    )
    parser.add_argument("--rate-seconds", type=float, default=30.0)
    parser.add_argument("--wave-rate", type=float, default=20.0)
    parser.add_argument("--burst-seconds", type=float, default=60.0)
    parser.add_argument("--connections", type=int, default=100, help="in flight, in all")
    parser.add_argument("--processes", type=int, default=2, help="load processes")
    parser.add_argument("--server-workers", type=int, default=1, help="serve --workers N")
    parser.add_argument("--until", default=None, help="stop after this phase (e.g. morning)")
    parser.add_argument(
        "--skip", type=lambda s: set(s.split(",")), default=set(), help="phases to leave out"
    )
    args = parser.parse_args()
    # A stopped run still stops its server and its PostgreSQL (the finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    random.seed(20261205)
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as scratch,
        script_postgres(args.database == "postgresql") as cluster,
    ):
        folder = Path(scratch)
        url = cluster.new_database() if cluster else sqlite_url(folder)
        started = time.perf_counter()
        teachers, units = provision(url, folder, args.teachers, args.attempts)
        print(f"provisioned {len(teachers)} teachers in {time.perf_counter() - started:.1f} s")
        workers = ("--workers", str(args.server_workers)) if args.server_workers > 1 else ()
        server = ServerProcess(url, folder, demo=False, extra_args=workers)
        server.start()
        try:
            phases = drive(args, url, server, teachers, units)
        finally:
            server.stop()
    held = [
        float(key.removeprefix("rate "))
        for key, figures in phases.items()
        if key.startswith("rate ")
        and figures["all"].get("p99_ms", 1e9) <= 1000 * SLOW_P99_S
        and not figures["errors"]
    ]
    phases["highest_rate_held"] = max(held, default=0.0)
    print(f"highest rate held at p99 <= {1000 * SLOW_P99_S:.0f} ms: {max(held, default=0):g}/s")
    print(json.dumps(phases["check"]))
    write_result("load_sync", {"machine": machine(), "arguments": vars(args), "phases": phases})
    return 0 if phases["check"]["clean"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

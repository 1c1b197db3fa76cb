"""Load test: simulated laptops syncing with one school server over the real wire protocol.
Prints a table and writes JSON; asserts nothing but the correctness check at the end.

    .venv/bin/python bench/load_sync.py [--database postgresql|sqlite] [--teachers 200]
        [--devices 1000] [--attempts 40] [--steady-seconds 120] [--interval 300]
        [--rates 50,100,200] [--rate-seconds 30] [--burst-seconds 60]

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
- **burst**: every device syncs once within ``--burst-seconds``.

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
import json
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from benchlib import machine, write_result
from import_oneroster import generate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.sync.harness import PostgresCluster, ServerProcess, postgres_bin, sqlite_url  # noqa: E402

from classroom_desk.server.admin import create_teacher  # noqa: E402
from classroom_desk.server.database import (  # noqa: E402
    make_engine,
    migrate,
    read_transaction,
    write_transaction,
)
from classroom_desk.server.oneroster_import import import_oneroster_on_server  # noqa: E402
from classroom_desk.server.records import insert_attempts, upsert_rows  # noqa: E402
from classroom_desk.store.timefmt import to_db_time  # noqa: E402

PASSWORD = "load-test-password"
UNITS_PER_AREA = 12
PULL_LIMIT = 1000
SLOW_P99_S = 0.200
RETRIES = 30


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
    """The server process's CPU seconds and peak resident memory, sampled on a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

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
    applied: list[str] = field(default_factory=list)  # mutation ids the server applied
    written: list[tuple[str, str]] = field(default_factory=list)  # (table, record id)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


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
        self.client = httpx.AsyncClient(
            base_url=url,
            timeout=120,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )

    async def _request(
        self, phase: Phase, kind: str, path: str, body: dict[str, Any], device: Device | None
    ) -> dict[str, Any] | None:
        """POST ``body``; a 429 or 503 is retried after its Retry-After with jitter, as the
        laptop's client does. The latency kept is the whole request, retries included."""
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
            wait = float(answer.headers.get("Retry-After", "1"))
            await asyncio.sleep(wait * random.uniform(1.0, 2.0))
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
            device.applied.append(mutation["mutation_id"])
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


async def run_phase(
    laptops: Laptops, phase: Phase, schedule: list[tuple[float, Device]], action: str = "sync"
) -> None:
    """Start each device's ``action`` at its time (seconds from now); one at a time a device."""
    locks = {id(device): asyncio.Lock() for _, device in schedule}
    work = getattr(laptops, action)
    begun = time.perf_counter()

    async def one(at: float, device: Device) -> None:
        await asyncio.sleep(max(0.0, at - (time.perf_counter() - begun)))
        async with locks[id(device)]:
            await work(phase, device)

    await asyncio.gather(*(one(at, device) for at, device in schedule))
    phase.seconds = time.perf_counter() - begun


def every(devices: list[Device], interval: float, seconds: float) -> list[tuple[float, Device]]:
    """Each device every ``interval`` s (±10% jitter) from a random first moment."""
    schedule = []
    for device in devices:
        at = random.uniform(0, interval)
        while at < seconds:
            schedule.append((at, device))
            at += interval * random.uniform(0.9, 1.1)
    return sorted(schedule, key=lambda item: item[0])


def at_rate(devices: list[Device], rate: float, seconds: float) -> list[tuple[float, Device]]:
    """``rate`` syncs a second for ``seconds``, the devices taken in turn."""
    count = int(rate * seconds)
    return [(n / rate, devices[n % len(devices)]) for n in range(count)]


def spread(devices: list[Device], seconds: float) -> list[tuple[float, Device]]:
    return sorted(((random.uniform(0, seconds), device) for device in devices), key=lambda i: i[0])


async def measured(
    laptops: Laptops, watch_pid: int, name: str, schedule: list[tuple[float, Device]], action: str
) -> Phase:
    phase = Phase(name)
    with ServerWatch(watch_pid) as watch:
        await run_phase(laptops, phase, schedule, action)
    phase.server = {"cpu_s": round(watch.cpu_s, 1), "peak_rss_mb": round(watch.peak_rss_mb)}
    print(_line(phase), flush=True)
    return phase


async def sign_in_wave(
    laptops: Laptops, watch_pid: int, rate: float, seconds: float, teachers: list[Teacher]
) -> tuple[Phase, Phase]:
    """Syncs at ``rate`` beside a wave of one sign-in per device, and the same syncs quiet."""
    quiet = await measured(
        laptops, watch_pid, f"syncs at {rate:g}/s, quiet", at_rate(laptops.devices, rate, seconds),
        "sync",
    )  # fmt: skip
    newcomers = [
        Device(teachers[n % len(teachers)], f"wave-{uuid.uuid4()}")
        for n in range(len(laptops.devices))
    ]
    wave = Phase("sign-in wave")
    beside = Phase(f"syncs at {rate:g}/s beside the wave")
    with ServerWatch(watch_pid) as watch:
        await asyncio.gather(
            run_phase(laptops, wave, spread(newcomers, seconds), "sign_in"),
            run_phase(laptops, beside, at_rate(laptops.devices, rate, seconds), "sync"),
        )
    beside.server = wave.server = {
        "cpu_s": round(watch.cpu_s, 1),
        "peak_rss_mb": round(watch.peak_rss_mb),
    }
    print(_line(wave), flush=True)
    print(_line(beside), flush=True)
    return quiet, beside


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


# -- the check at the end ---------------------------------------------------------------


async def check(laptops: Laptops, url: str) -> dict[str, Any]:
    """Every applied mutation stored once, no sync-log number twice, a second pull empty."""
    settle = Phase("catch-up")
    await asyncio.gather(*(laptops.pull(settle, device) for device in laptops.devices))
    second = Phase("second pull")
    counts = await asyncio.gather(*(laptops.pull(second, device) for device in laptops.devices))
    written: dict[str, list[str]] = {}
    for device in laptops.devices:
        for table, record_id in device.written:
            written.setdefault(table, []).append(record_id)
    engine = make_engine(url)
    missing = duplicated = 0
    try:
        with read_transaction(engine) as connection:
            for table, ids in written.items():
                for chunk in _chunks(ids, 500):
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
    finally:
        engine.dispose()
    return {
        "applied_mutations": sum(len(ids) for ids in written.values()),
        "missing": missing,
        "duplicated": duplicated,
        "server_seq_used_twice": reused,
        "devices_with_a_non_empty_second_pull": sum(1 for count in counts if count),
        "errors": dict(settle.errors + second.errors),
        "clean": not (
            missing or duplicated or reused or any(counts) or settle.errors or second.errors
        ),
    }


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# -- main -------------------------------------------------------------------------------


async def drive(
    args: argparse.Namespace,
    url: str,
    server: ServerProcess,
    teachers: list[Teacher],
    units: list[tuple[str, str]],
) -> dict[str, Any]:
    assert server.process is not None
    pid = server.process.pid
    devices = [Device(teachers[n % len(teachers)], f"load-{n}") for n in range(args.devices)]
    laptops = Laptops(server.url, devices, units, args.connections)
    phases: dict[str, Any] = {}
    try:
        phases["sign-in"] = (
            await measured(laptops, pid, "sign-in", spread(devices, 0), "sign_in")
        ).summary()
        phases["morning"] = (
            await measured(laptops, pid, "morning: every first pull", spread(devices, 0), "pull")
        ).summary()
        phases["steady"] = (
            await measured(
                laptops, pid, f"steady: every {args.interval:g} s",
                every(devices, args.interval, args.steady_seconds), "sync",
            )
        ).summary()  # fmt: skip
        phases["rates"] = {}
        for rate in args.rates:
            phase = await measured(
                laptops, pid, f"rate {rate:g}/s", at_rate(devices, rate, args.rate_seconds), "sync"
            )
            phases["rates"][f"{rate:g}"] = phase.summary()
        quiet, beside = await sign_in_wave(
            laptops, pid, args.wave_rate, args.rate_seconds, teachers
        )
        phases["wave"] = {"quiet": quiet.summary(), "beside": beside.summary()}
        phases["burst"] = (
            await measured(laptops, pid, f"burst: all within {args.burst_seconds:g} s",
                           spread(devices, args.burst_seconds), "sync")
        ).summary()  # fmt: skip
        phases["check"] = await check(laptops, url)
    finally:
        await laptops.close()
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
    parser.add_argument("--connections", type=int, default=100)
    args = parser.parse_args()
    random.seed(20261205)
    cluster = None
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        folder = Path(scratch)
        if args.database == "postgresql":
            bin_dir = postgres_bin()
            if bin_dir is None:
                raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
            cluster = PostgresCluster(bin_dir)
            cluster.start()
            url = cluster.new_database()
        else:
            url = sqlite_url(folder)
        try:
            started = time.perf_counter()
            teachers, units = provision(url, folder, args.teachers, args.attempts)
            provisioned = time.perf_counter() - started
            print(f"provisioned {len(teachers)} teachers in {provisioned:.1f} s", flush=True)
            server = ServerProcess(url, folder, demo=False)
            server.start()
            try:
                phases = asyncio.run(drive(args, url, server, teachers, units))
            finally:
                server.stop()
        finally:
            if cluster is not None:
                cluster.stop()
    held = [
        float(rate)
        for rate, figures in phases["rates"].items()
        if figures["all"].get("p99_ms", 1e9) <= 1000 * SLOW_P99_S and not figures["errors"]
    ]
    phases["highest_rate_held"] = max(held, default=0.0)
    print(f"highest rate held at p99 <= {1000 * SLOW_P99_S:.0f} ms: {max(held, default=0):g}/s")
    print(json.dumps(phases["check"]))
    write_result("load_sync", {"machine": machine(), "arguments": vars(args), "phases": phases})
    return 0 if phases["check"]["clean"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Sync on loopback: pull of 100,000 records, push of 10,000 mutations, bytes on the wire
per record (gzip), and a sync with nothing to do. Prints a table; asserts nothing.

    .venv/bin/python bench/sync.py [--records 100000] [--mutations 10000] [--runs 3]

A real server process (SQLite) and a real laptop store; bytes are counted by a TCP
proxy between them, so headers and framing are included. The client runs with its
defaults (page size, push batch), as the app does. With ``--runs N`` the whole scenario
runs N times on fresh data and the table shows medians (each run is in the JSON): other
work on the machine moves single runs a lot, so the load average is recorded too, and
so is the CPU time the push took in the server process and in this one (the laptop, its
sender thread and the byte-counting proxy), per mutation: on a shared machine that
figure moves far less than the throughput does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.sync.harness import (  # noqa: E402
    FaultProxy,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    sqlite_url,
    template_store,
)

from classroom_desk.server.database import make_engine, write_transaction  # noqa: E402
from classroom_desk.server.records import insert_attempts  # noqa: E402
from classroom_desk.store.timefmt import to_db_time  # noqa: E402

TARGETS = {
    "pull": ">= 20,000 records/s",
    "push": ">= 5,000 mutations/s",
    "bytes": "<= 150 B/record",
    "noop": "2 requests, < 2 KB",
}


def add_attempts(database_url: str, count: int) -> None:
    """``count`` more unit attempts for the demo's students, straight into the server."""
    from sqlalchemy import text

    engine = make_engine(database_url)
    with write_transaction(engine) as connection:
        school = connection.execute(text("SELECT id FROM school")).scalar_one()
        students = [r[0] for r in connection.execute(text("SELECT id FROM student ORDER BY id"))]
        units = connection.execute(text("SELECT id, content_area_id FROM unit ORDER BY id")).all()
        start = datetime(2026, 1, 5, 15, 0)
        rows = []
        for n in range(count):
            unit_id, area = units[n % len(units)]
            rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "student_id": students[n % len(students)],
                    "unit_id": unit_id,
                    "content_area_id": area,
                    "score": float(40 + n % 61),
                    "minutes": 10 + n % 20,
                    "completed_at": to_db_time(start + timedelta(minutes=n)),
                    "source_id": f"bench-{n}",
                }
            )
        insert_attempts(connection, school, rows)
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    import keyring

    keyring.set_keyring(MemoryKeyring())
    runs: list[dict[str, dict[str, float]]] = []
    for n in range(args.runs):
        runs.append(run_once(args.records, args.mutations))
        if args.runs > 1:
            print(
                f"run {n + 1}: pull {runs[-1]['pull']['records_per_s']:,.0f} records/s,"
                f" push {runs[-1]['push']['mutations_per_s']:,.0f} mutations/s"
                f" (CPU a mutation: server {runs[-1]['push']['server_cpu_us_per_mutation']} µs,"
                f" laptop {runs[-1]['push']['laptop_cpu_us_per_mutation']} µs)",
                flush=True,
            )
    # Each figure's median over the runs (a figure's own run, not one run for all).
    pull, push, size, noop = (
        {key: statistics.median(run[part][key] for run in runs) for key in runs[0][part]}
        for part in ("pull", "push", "bytes", "noop")
    )
    lines = [
        ("pull (first sync, SQLite server)",
         f"{pull['records']:,.0f} records in {pull['seconds']} s",
         f"{pull['records_per_s']:,.0f} records/s", TARGETS["pull"]),
        ("push (the outbox, default batches)",
         f"{push['mutations']:,.0f} mutations in {push['seconds']} s",
         f"{push['mutations_per_s']:,.0f} mutations/s", TARGETS["push"]),
        ("push, CPU a mutation (server, laptop)", "user + system time",
         f"{push['server_cpu_us_per_mutation']} µs, {push['laptop_cpu_us_per_mutation']} µs",
         "(lower is better)"),
        ("bytes on the wire, pull (gzip)", f"{size['wire_bytes']:,.0f} B",
         f"{size['bytes_per_record']} B/record", TARGETS["bytes"]),
        ("sync with nothing to do", f"{noop['requests']:.0f} request(s)",
         f"{noop['wire_bytes']:,.0f} B", TARGETS["noop"]),
    ]  # fmt: skip
    if args.runs > 1:
        print(f"medians of {args.runs} runs")
    print(f"{'measure':<36} {'what':<32} {'figure':<24} target")
    for name, what, figure, target in lines:
        print(f"{name:<36} {what:<32} {figure:<24} {target}")
    results = {
        "pull": pull,
        "push": push,
        "bytes": size,
        "noop": noop,
        "runs": runs,
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
    }
    out = REPO / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "sync.json").write_text(json.dumps(results, indent=2))
    return 0


def process_cpu_seconds(pid: int | None) -> float:
    """User and system CPU time of a process so far (Linux's ``/proc``; 0 elsewhere)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(records: int, mutations: int) -> dict[str, dict[str, float]]:
    """One whole scenario on a fresh server and laptop."""
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        directory = Path(folder)
        server = ServerProcess(sqlite_url(directory), directory)
        server.start()
        try:
            add_attempts(server.database_url, records)
            proxy = FaultProxy(server.port)
            laptop = new_laptop(directory, "laptop", proxy.url, "rivera", template_store(directory))
            laptop.sign_in(url=server.url)

            before = (proxy.bytes_up, proxy.bytes_down)
            started = time.perf_counter()
            report = laptop.sync()
            pull_seconds = time.perf_counter() - started
            wire = proxy.bytes_up - before[0] + proxy.bytes_down - before[1]
            result: dict[str, dict[str, float]] = {
                "pull": {
                    "records": report.pulled,
                    "demo_rows": report.pulled - records,
                    "seconds": round(pull_seconds, 2),
                    "records_per_s": round(report.pulled / pull_seconds),
                    "requests": report.requests,
                },
                "bytes": {
                    "wire_bytes": wire,
                    "bytes_per_record": round(wire / report.pulled, 1),
                },
            }

            students = [r[0] for r in laptop.store.connection.execute("SELECT id FROM student")]
            for n in range(mutations):
                laptop.actions.save_note(
                    student_id=students[n % len(students)],
                    body=f"Conference note {n}: read two chapters, set a goal of 3 units.",
                    tags=["set goal"],
                )
            before = (proxy.bytes_up, proxy.bytes_down)
            server_pid = server.process.pid if server.process is not None else None
            with laptop.client() as client:
                cpu_before = (process_cpu_seconds(server_pid), time.process_time())
                started = time.perf_counter()
                pushed = client.push()
                push_seconds = time.perf_counter() - started
                cpu = (
                    process_cpu_seconds(server_pid) - cpu_before[0],
                    time.process_time() - cpu_before[1],
                )
            result["push"] = {
                "mutations": pushed.pushed,
                "seconds": round(push_seconds, 2),
                "mutations_per_s": round(pushed.pushed / push_seconds),
                "wire_bytes_per_mutation": round(
                    (proxy.bytes_up - before[0] + proxy.bytes_down - before[1]) / pushed.pushed, 1
                ),
                "server_cpu_us_per_mutation": round(cpu[0] / pushed.pushed * 1e6, 1),
                "laptop_cpu_us_per_mutation": round(cpu[1] / pushed.pushed * 1e6, 1),
                "load_average": round(os.getloadavg()[0], 2),
            }
            laptop.sync()
            laptop.sync()
            before = (proxy.bytes_up, proxy.bytes_down)
            noop = laptop.sync()
            result["noop"] = {
                "requests": noop.requests,
                "wire_bytes": proxy.bytes_up - before[0] + proxy.bytes_down - before[1],
                "pulled": noop.pulled,
            }
            laptop.close()
            proxy.close()
        finally:
            server.stop()
    return result


if __name__ == "__main__":
    raise SystemExit(main())

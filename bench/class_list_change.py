"""A change of a teacher's class list reaching her laptop: sent as the difference (the
rows she gains, the rows she must forget) against starting again from nothing (what
every laptop did before, and what a laptop of an older app, or one older than the class
lists the server keeps, still does). Prints a table; asserts nothing.

    .venv/bin/python bench/class_list_change.py [--records 100000] [--runs 5]

One real server process (SQLite) holding the demo school and ``--records`` more unit
attempts; two real laptop stores signed in as its teacher, one as this app is and one
whose requests go without the header that asks for differences (the baseline, measured
in the same run on the same changes). Each run takes a student out of a class (the
laptops forget their rows), then puts them back (the laptops catch up on their history);
after each sync both laptops must hold exactly what the server says they should.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from bench.benchlib import write_result  # noqa: E402
from bench.sync import add_attempts, process_cpu_seconds  # noqa: E402
from tests.sync.harness import (  # noqa: E402
    Laptop,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    server_checksums,
    sqlite_url,
    template_store,
)

from classroom_desk.demo import demo_id  # noqa: E402
from classroom_desk.server.admin import enroll  # noqa: E402
from classroom_desk.server.database import make_engine, write_transaction  # noqa: E402
from classroom_desk.sync.protocol import CLASS_LIST_CHANGES_HEADER  # noqa: E402

MATH7 = demo_id("section", "math-7")
STUDENT = demo_id("student", "math-7/3")


class WithoutDifferences(httpx.HTTPTransport):
    """A laptop of an app from before class-list differences: it never asks for one."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        del request.headers[CLASS_LIST_CHANGES_HEADER]
        return super().handle_request(request)


def measured_sync(laptop: Laptop, server: ServerProcess, **options: Any) -> dict[str, float]:
    pid = server.process.pid if server.process is not None else None
    cpu = process_cpu_seconds(pid)
    started = time.perf_counter()
    report = laptop.sync(**options)
    seconds = time.perf_counter() - started
    if laptop.checksums() != server_checksums(server.database_url, laptop.user):
        raise SystemExit("a laptop does not hold what the server says it should")
    return {
        "seconds": seconds,
        "server_cpu_s": process_cpu_seconds(pid) - cpu,
        "records": report.pulled,
        "requests": report.requests,
        "bytes_received": report.bytes_received,
        "resets": report.resets,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import keyring

    keyring.set_keyring(MemoryKeyring())
    figures: dict[str, dict[str, list[dict[str, float]]]] = {
        change: {"difference": [], "start again": []} for change in ("leaves", "comes back")
    }
    with tempfile.TemporaryDirectory(prefix="bench-class-list-") as folder:
        directory = Path(folder)
        server = ServerProcess(sqlite_url(directory), directory)
        server.start()
        engine = make_engine(server.database_url)
        try:
            add_attempts(server.database_url, args.records)
            template = template_store(directory)
            laptops = {
                "difference": new_laptop(directory, "now", server.url, "rivera", template),
                "start again": new_laptop(directory, "before", server.url, "rivera", template),
            }
            options: dict[str, dict[str, Any]] = {
                "difference": {},
                "start again": {"transport": WithoutDifferences()},
            }
            for kind, laptop in laptops.items():
                laptop.sign_in()
                laptop.sync(**options[kind])
            for run in range(args.runs):
                for change, present in (("leaves", False), ("comes back", True)):
                    with write_transaction(engine) as connection:
                        enroll(connection, section_id=MATH7, student_id=STUDENT, present=present)
                    for kind, laptop in laptops.items():
                        figures[change][kind].append(measured_sync(laptop, server, **options[kind]))
                print(f"run {run + 1} of {args.runs} done", flush=True)
            for laptop in laptops.values():
                laptop.close()
        finally:
            engine.dispose()
            server.stop()

    medians = {
        change: {
            kind: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            for kind, runs in kinds.items()
        }
        for change, kinds in figures.items()
    }
    print(f"medians of {args.runs} runs; the teacher's laptop holds the demo school and"
          f" {args.records:,} more attempts")  # fmt: skip
    print(f"{'change':<12} {'sent as':<12} {'seconds':>8} {'server CPU s':>13} {'records':>9}"
          f" {'requests':>9} {'KB received':>12} {'resets':>7}")  # fmt: skip
    for change, kinds in medians.items():
        for kind, row in kinds.items():
            print(f"{change:<12} {kind:<12} {row['seconds']:>8.3f} {row['server_cpu_s']:>13.3f}"
                  f" {row['records']:>9,.0f} {row['requests']:>9.0f}"
                  f" {row['bytes_received'] / 1000:>12,.1f} {row['resets']:>7.0f}")  # fmt: skip
        ratio = kinds["difference"]["seconds"] / kinds["start again"]["seconds"]
        cpu = kinds["difference"]["server_cpu_s"] / max(kinds["start again"]["server_cpu_s"], 1e-9)
        print(f"{'':<12} ratio: {ratio:.3f}x the time, {cpu:.3f}x the server's CPU")
    write_result(
        "class_list_change",
        {"records": args.records, "medians": medians, "runs": figures},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Push latency while the server is flooded with wrong-password sign-ins, against the same
push loop on a quiet server in the same run. Prints a table; asserts nothing.

    .venv/bin/python bench/sync_sign_in_flood.py [--seconds 20] [--runs 3] [--database sqlite]

A real server process (SQLite by default, or a throwaway PostgreSQL); a laptop-sized
push loop (20 notes a request, one request at a time) measures each push's latency. The
flood runs in another process (so it does not share the measuring client's interpreter):
24 threads, each from its own loopback address (127.0.0.10-33), posting wrong passwords
for random user names as fast as the server answers, so every address gets its free
failures and argon2 checks really run. Quiet and flooded windows alternate within each
run; the table shows each figure's median over the runs and the p99 ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.sync.harness import ServerProcess, script_postgres, sqlite_url  # noqa: E402
from tests.sync.hostile import RawDevice, push_latencies  # noqa: E402

from classroom_desk.demo import demo_id  # noqa: E402

STUDENT = demo_id("student", "homeroom-4/1")
FLOOD_THREADS = 24

_FLOOD = """
import sys, threading, uuid, httpx, time
url, seconds, first, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
counts = {}
lock = threading.Lock()
deadline = time.monotonic() + seconds
def flood(address):
    with httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60) as c:
        while time.monotonic() < deadline:
            try:
                code = c.post(url + "/auth/sign-in", json={"user": "guess-" + uuid.uuid4().hex,
                              "password": "letmein1", "device_id": "flood"}).status_code
            except httpx.HTTPError:
                code = 0
            with lock:
                counts[code] = counts.get(code, 0) + 1
threads = [threading.Thread(target=flood, args=(f"127.0.0.{first + n}",)) for n in range(count)]
for t in threads: t.start()
for t in threads: t.join()
print(counts)
"""


def push_window(device: RawDevice, seconds: float) -> list[float]:
    return push_latencies(device, seconds, STUDENT)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def run_once(url: str, database: str, seconds: float, first_address: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-flood-") as folder:
        directory = Path(folder)
        server = ServerProcess(url or sqlite_url(directory), directory)
        server.start()
        try:
            device = RawDevice.sign_in(server, "rivera")
            push_window(device, 2)  # warm up
            quiet = push_window(device, seconds)
            flood = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _FLOOD,
                    server.url,
                    str(seconds + 3),
                    str(first_address),
                    str(FLOOD_THREADS),
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(2)  # the flood is under way
            flooded = push_window(device, seconds)
            answers = flood.communicate(timeout=seconds + 120)[0].strip()
        finally:
            server.stop()
    return {
        "database": database,
        "quiet_median_ms": round(statistics.median(quiet) * 1000, 1),
        "quiet_p99_ms": round(p99(quiet) * 1000, 1),
        "flood_median_ms": round(statistics.median(flooded) * 1000, 1),
        "flood_p99_ms": round(p99(flooded) * 1000, 1),
        "p99_ratio": round(p99(flooded) / p99(quiet), 2),
        "pushes_quiet": len(quiet),
        "pushes_flood": len(flooded),
        "sign_in_answers": answers,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    runs = []
    with script_postgres(args.database == "postgresql") as cluster:
        for n in range(args.runs):
            url = cluster.new_database() if cluster else ""
            # Each run floods from fresh addresses: the server's throttle remembers them.
            runs.append(run_once(url, args.database, args.seconds, 10 + 40 * (n % 5)))
            print(json.dumps(runs[-1]), flush=True)
    keys = ("quiet_median_ms", "quiet_p99_ms", "flood_median_ms", "flood_p99_ms", "p99_ratio")
    medians = {key: statistics.median(float(run[key]) for run in runs) for key in keys}
    print(f"medians of {args.runs} runs ({args.database}): {json.dumps(medians)}")
    out = REPO / "bench" / "out"
    out.mkdir(exist_ok=True)
    result = {
        "medians": medians,
        "runs": runs,
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
    }
    (out / f"sync_sign_in_flood_{args.database}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

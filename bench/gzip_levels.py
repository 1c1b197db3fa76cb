"""Which gzip level the school server should answer with: bytes on the wire against the
server's CPU, on real pull pages.

A demo server (SQLite) with ``--records`` more unit attempts; a teacher's laptop pulls its
whole history page by page (uncompressed, as the server builds them); then every page is
compressed at each level 1-9, the levels interleaved run by run, as Starlette's
``GZipMiddleware`` does it. For each level: compressed bytes and CPU time per uncompressed
MB, each against level 6 (what the server used) in the same run.

The rule, fixed before measuring: the level with the least CPU whose bytes stay within 10%
of level 6's (a slow rural link pays at most a tenth more), printed as the choice.

    .venv/bin/python bench/gzip_levels.py [--records 50000] [--runs 7]
"""

from __future__ import annotations

import argparse
import gzip
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import httpx  # noqa: E402
from tests.sync.harness import ServerProcess, sqlite_url  # noqa: E402
from tests.sync.hostile import RawDevice  # noqa: E402

from benchlib import write_result  # noqa: E402
from sync import add_attempts  # noqa: E402

LEVELS = range(1, 10)
BASELINE_LEVEL = 6
#: How many more bytes than level 6 the chosen level may send.
BYTES_ALLOWANCE = 1.10


def pull_pages(server: ServerProcess, user: str) -> list[bytes]:
    """Every page of a first pull, as the server sends them before compression."""
    device = RawDevice.sign_in(server, user)
    pages, cursor, epoch = [], 0, None
    with httpx.Client(timeout=120) as client:
        while True:
            answer = client.post(
                f"{server.url}/sync/pull",
                json={"cursor": cursor, "epoch": epoch, "limit": 500},
                headers={**device.headers, "Accept-Encoding": "identity"},
            )
            answer.raise_for_status()
            pages.append(answer.content)
            page = answer.json()
            cursor, epoch = page["next_cursor"], page["epoch"]
            if not page["has_more"]:
                return pages


def gzip_as_starlette(body: bytes, level: int) -> bytes:
    """What ``GZipMiddleware`` sends for one body: a GzipFile written once and closed."""
    buffer = io.BytesIO()
    with gzip.GzipFile(mode="wb", fileobj=buffer, compresslevel=level) as file:
        file.write(body)
    return buffer.getvalue()


def measure(pages: list[bytes], runs: int) -> dict[int, dict[str, float]]:
    seconds: dict[int, list[float]] = {level: [] for level in LEVELS}
    sizes: dict[int, int] = {}
    for run in range(runs):
        order = list(LEVELS)[run % 9 :] + list(LEVELS)[: run % 9]  # no level always first
        for level in order:
            started = time.process_time()
            sizes[level] = sum(len(gzip_as_starlette(page, level)) for page in pages)
            seconds[level].append(time.process_time() - started)
    raw_mb = sum(len(page) for page in pages) / 1e6
    base_bytes = sizes[BASELINE_LEVEL]
    base_cpu = statistics.median(seconds[BASELINE_LEVEL])
    return {
        level: {
            "bytes": sizes[level],
            "bytes_vs_6": sizes[level] / base_bytes,
            "ratio": sum(len(p) for p in pages) / sizes[level],
            "cpu_ms_per_mb": 1000 * statistics.median(seconds[level]) / raw_mb,
            "cpu_vs_6": statistics.median(seconds[level]) / base_cpu,
        }
        for level in LEVELS
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-gzip-") as folder:
        server = ServerProcess(sqlite_url(Path(folder)), Path(folder))
        server.start()
        try:
            add_attempts(server.database_url, args.records)
            pages = pull_pages(server, "rivera")
        finally:
            server.stop()
    figures = measure(pages, args.runs)
    allowed = [level for level in LEVELS if figures[level]["bytes_vs_6"] <= BYTES_ALLOWANCE]
    chosen = min(allowed, key=lambda level: figures[level]["cpu_ms_per_mb"])
    raw = sum(len(page) for page in pages)
    print(f"{len(pages)} pull pages, {raw / 1e6:.1f} MB uncompressed; medians of {args.runs}")
    print("  level   bytes      vs 6   ratio   CPU ms/MB   vs 6")
    for level, row in figures.items():
        print(
            f"  {level:>5} {row['bytes']:>9,} {row['bytes_vs_6']:>6.2f}x {row['ratio']:>6.1f}"
            f" {row['cpu_ms_per_mb']:>10.1f} {row['cpu_vs_6']:>6.2f}x"
        )
    print(f"chosen: level {chosen} (least CPU within {BYTES_ALLOWANCE:.2f}x level 6's bytes)")
    result: dict[str, Any] = {
        "records_added": args.records,
        "pages": len(pages),
        "uncompressed_bytes": raw,
        "levels": figures,
        "chosen": chosen,
        "rule": f"least CPU with bytes <= {BYTES_ALLOWANCE} x level {BASELINE_LEVEL}",
    }
    write_result("gzip_levels", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

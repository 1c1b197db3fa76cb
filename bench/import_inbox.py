"""The server's inbox at scale: a generated 1,000,000-row platform export dropped into the
inbox of a school server (the demo school, SQLite or PostgreSQL), imported through a
saved server mapping and published for the laptops; rows per second and peak memory,
against the laptop importer on the same file measured in the same run (the baseline).

The export is ``bench/import_activity.py``'s (cached in ``bench/out/``). Each import runs
in its own process: the laptop one into a copy of the demo store (encrypted, as the
app's always is), the inbox one with ``Inbox.process`` on a fresh server database
holding the demo school. Sizes are 1/4 and the full file, so memory can be seen to stay
flat as the file grows; with ``--runs N`` each size is imported N times, laptop and
inbox in turn, and medians are reported.

    python bench/import_inbox.py [--rows 1000000] [--runs 3] [--database postgresql]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

from benchlib import BENCH_DIR, child_figures, out_dir, own_peak_rss_mb, write_result

sys.path.insert(0, str(BENCH_DIR.parent))
from tests.sync.harness import PostgresCluster, script_postgres

FRACTIONS = (0.25, 1.0)
MARKER = "INBOX-RESULT"
LAPTOP_BENCH = BENCH_DIR / "import_activity.py"
NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--child", nargs=3, metavar=("FILE", "FOLDER", "URL"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]), args.child[2])
    with script_postgres(args.database == "postgresql") as cluster:
        results = [
            _measure(int(args.rows * fraction), args.runs, cluster) for fraction in FRACTIONS
        ]
    for r in results:
        print(
            f"{r['rows']:>9,} rows  inbox {r['inbox_s']:7.1f} s ({r['inbox_rows_per_s']:>7,.0f}"
            f" rows/s, peak {r['inbox_peak_rss_mb']:.0f} MB, {r['inbox_rss_before_mb']:.0f} MB"
            f" before)  laptop {r['laptop_s']:7.1f} s ({r['laptop_rows_per_s']:>7,.0f} rows/s,"
            f" peak {r['laptop_peak_rss_mb']:.0f} MB)  inbox/laptop rate"
            f" {r['rate_ratio']:.2f}"
        )
    write_result("import_inbox", {"sizes": results})
    return 0


def _measure(rows: int, runs: int, cluster: PostgresCluster | None) -> dict[str, Any]:
    import import_activity as laptop_bench
    from classroom_desk.demo import build_demo_school
    from classroom_desk.store.database import StoreKey, open_store
    from classroom_desk.store.loading import load_dataset

    path = out_dir() / f"activity-{rows}.csv"
    laptop_bench.generate_export(path, rows, regenerate=False)  # the same file
    laptops: list[dict[str, Any]] = []
    inboxes: list[dict[str, Any]] = []
    key = StoreKey.generate()
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="inbox-bench-") as folder:
            template = Path(folder) / "demo.sqlite"
            store = open_store(template, key)
            load_dataset(store, build_demo_school(NOW))
            store.close()
            laptop_store = Path(folder) / "laptop.sqlite"
            shutil.copyfile(template, laptop_store)
            laptops.append(laptop_bench.import_in_child(path, laptop_store, key))
            url = (
                cluster.new_database()
                if cluster is not None
                else f"sqlite:///{Path(folder) / 'server.sqlite'}"
            )
            inboxes.append(
                child_figures(
                    [sys.executable, __file__, "--child", str(path), folder, url],
                    marker=MARKER,
                    what=f"inbox import of {path}",
                )
            )
    laptop_s = median(r["seconds"] for r in laptops)
    inbox_s = median(r["seconds"] for r in inboxes)
    return {
        "rows": rows,
        "runs": runs,
        "laptop_s": laptop_s,
        "laptop_rows_per_s": rows / laptop_s,
        "laptop_peak_rss_mb": median(r["peak_rss_mb"] for r in laptops),
        "inbox_s": inbox_s,
        "inbox_rows_per_s": rows / inbox_s,
        "inbox_rss_before_mb": median(r["rss_before_mb"] for r in inboxes),
        "inbox_peak_rss_mb": median(r["peak_rss_mb"] for r in inboxes),
        "inbox_added": inboxes[0]["added"],
        "rate_ratio": laptop_s / inbox_s,
        "all_seconds": {
            "laptop": [r["seconds"] for r in laptops],
            "inbox": [r["seconds"] for r in inboxes],
        },
    }


def _child(path: Path, folder: Path, url: str) -> int:
    from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
    from classroom_desk.server import admin
    from classroom_desk.server.activity_import import save_server_mapping
    from classroom_desk.server.database import make_engine, migrate, write_transaction
    from classroom_desk.server.inbox import DONE, Inbox

    engine = make_engine(url)
    migrate(engine)
    with write_transaction(engine) as connection:
        admin.load_demo(connection, now=NOW)
    headers, sample = read_sample(path)
    save_server_mapping(
        engine, "Bench platform", with_headers(guess_columns(headers, sample).mapping, headers)
    )
    inbox_dir = folder / "inbox"
    inbox_dir.mkdir()
    dropped = inbox_dir / path.name
    dropped.symlink_to(path)  # the inbox moves the link, not the cached file
    inbox = Inbox(inbox_dir, engine, settle=0.0)
    rss_before = own_peak_rss_mb()
    started = time.perf_counter()
    outcome = inbox.process(dropped)
    seconds = time.perf_counter() - started
    assert outcome.where == DONE, outcome.message
    added = int(outcome.message.split(" added")[0].rsplit(" ", 1)[-1])
    figures = {
        "seconds": seconds,
        "rss_before_mb": rss_before,
        "peak_rss_mb": own_peak_rss_mb(),
        "added": added,
    }
    print(MARKER + json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The server's inbox at scale: a generated 1,000,000-row platform export dropped into the
inbox of a school server (the demo school, SQLite), imported through a saved server
mapping and published for the laptops; rows per second and peak memory, against the
laptop importer on the same file measured in the same run (the baseline).

The export is ``bench/import_activity.py``'s (cached in ``bench/out/``). Each import runs
in its own process: the laptop one into a copy of the demo store, the inbox one with
``Inbox.process`` on a fresh server database holding the demo school. Sizes are 1/4 and
the full file, so memory can be seen to stay flat as the file grows.

    python bench/import_inbox.py [--rows 1000000]
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
from typing import Any

from benchlib import BENCH_DIR, child_figures, out_dir, own_peak_rss_mb, write_result

FRACTIONS = (0.25, 1.0)
MARKER = "INBOX-RESULT"
LAPTOP_BENCH = BENCH_DIR / "import_activity.py"
NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, metavar=("FILE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]))
    results = [_measure(int(args.rows * fraction)) for fraction in FRACTIONS]
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


def _measure(rows: int) -> dict[str, Any]:
    sys.path.insert(0, str(BENCH_DIR))
    import import_activity as laptop_bench

    path = out_dir() / f"activity-{rows}.csv"
    laptop_bench.generate_export(path, rows, regenerate=False)  # the same file
    with tempfile.TemporaryDirectory(prefix="inbox-bench-") as folder:
        template = Path(folder) / "demo.sqlite"
        from classroom_desk.demo import build_demo_school
        from classroom_desk.store.database import open_store
        from classroom_desk.store.loading import load_dataset

        store = open_store(template)
        load_dataset(store, build_demo_school(NOW))
        store.close()
        laptop_store = Path(folder) / "laptop.sqlite"
        shutil.copyfile(template, laptop_store)
        laptop = laptop_bench.import_in_child(path, laptop_store)
        inbox = child_figures(
            [sys.executable, __file__, "--child", str(path), folder],
            marker=MARKER,
            what=f"inbox import of {path}",
        )
    laptop_rate = rows / laptop["seconds"]
    inbox_rate = rows / inbox["seconds"]
    return {
        "rows": rows,
        "laptop_s": laptop["seconds"],
        "laptop_rows_per_s": laptop_rate,
        "laptop_peak_rss_mb": laptop["peak_rss_mb"],
        "inbox_s": inbox["seconds"],
        "inbox_rows_per_s": inbox_rate,
        "inbox_rss_before_mb": inbox["rss_before_mb"],
        "inbox_peak_rss_mb": inbox["peak_rss_mb"],
        "inbox_added": inbox["added"],
        "rate_ratio": inbox_rate / laptop_rate,
    }


def _child(path: Path, folder: Path) -> int:
    from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
    from classroom_desk.server import admin
    from classroom_desk.server.activity_import import save_server_mapping
    from classroom_desk.server.database import make_engine, migrate, write_transaction
    from classroom_desk.server.inbox import DONE, Inbox

    engine = make_engine(f"sqlite:///{folder / 'server.sqlite'}")
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

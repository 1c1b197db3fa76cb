"""Activity import at scale: rows per second and peak memory for a generated platform export.

A unit-attempt export of 1,000,000 rows (demo school students by SIS id, 400 units across
reading and math, scores, minutes and times over a school year) is written to
``bench/out/activity-<rows>.csv``, then imported into a copy of the demo store in its own
process, at 1/4, 1/2 and full size. Peak RSS is the child's own high-water mark
(``VmHWM``); the peak before the import (interpreter, SQLite, demo store, our modules) is
shown beside it, so the memory the import needs can be seen to stay flat as the file grows.
The same file is then imported again into the same store (nothing added: the idempotent
path).

    python bench/import_activity.py [--rows 1000000] [--regenerate]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchlib import child_figures, out_dir, own_peak_rss_mb, write_result
from classroom_desk.demo import build_demo_school
from classroom_desk.store.database import StoreKey, open_store
from classroom_desk.store.loading import load_dataset

FRACTIONS = (0.25, 0.5, 1.0)
MARKER = "IMPORT-RESULT"
NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
HEADER = "Student ID,Subject,Skill code,Skill,Score,Time spent (min),Date completed\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true", help="rewrite cached files")
    parser.add_argument(
        "--plain", action="store_true", help="a plain store (the app's is always encrypted)"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("FILE", "STORE", "KEY"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]), args.child[2])
    key = None if args.plain else StoreKey.generate()
    template = Path(tempfile.mkdtemp(prefix="activity-bench-")) / "demo.sqlite"
    store = open_store(template, key)
    load_dataset(store, build_demo_school(NOW))
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    try:
        results = [
            _measure(int(args.rows * fraction), template, key, args.regenerate)
            for fraction in FRACTIONS
        ]
    finally:
        shutil.rmtree(template.parent, ignore_errors=True)
    _print_table(results)
    write_result("import_activity", {"sizes": results})
    return 0


def _measure(rows: int, template: Path, key: StoreKey | None, regenerate: bool) -> dict[str, Any]:
    path = out_dir() / f"activity-{rows}.csv"
    generated = generate_export(path, rows, regenerate)
    with tempfile.TemporaryDirectory(prefix="activity-store-") as folder:
        store = Path(folder) / "school.sqlite"
        shutil.copyfile(template, store)
        first = import_in_child(path, store, key)
        again = import_in_child(path, store, key)
    return {
        "rows": rows,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "generate_s": generated,
        "seconds": first["seconds"],
        "rows_per_s": rows / first["seconds"],
        "rss_before_mb": first["rss_before_mb"],
        "peak_rss_mb": first["peak_rss_mb"],
        "added": first["added"],
        "again_seconds": again["seconds"],
        "again_added": again["added"],
        "again_peak_rss_mb": again["peak_rss_mb"],
    }


def import_in_child(path: Path, store: Path, key: StoreKey | None) -> dict[str, Any]:
    """One import in a fresh process (its peak RSS is the import's own); the key goes on
    the command line, which is fine for a bench's throwaway store."""
    argv = [sys.executable, __file__, "--child", str(path), str(store), key.hex() if key else "-"]
    return child_figures(argv, marker=MARKER, what=f"import of {path}")


def _child(path: Path, store_path: Path, key_hex: str) -> int:
    from classroom_desk.importers.activity import guess_mapping, import_activity, read_headers

    store = open_store(store_path, None if key_hex == "-" else StoreKey.from_hex(key_hex))
    mapping = guess_mapping(read_headers(path))
    rss_before = own_peak_rss_mb()
    started = time.perf_counter()
    result = import_activity(path, store, mapping, source="Bench platform")
    seconds = time.perf_counter() - started
    store.close()
    assert result.report is not None, result.questions
    figures = {
        "seconds": seconds,
        "rss_before_mb": rss_before,
        "peak_rss_mb": own_peak_rss_mb(),
        "added": result.report.added,
    }
    print(MARKER + json.dumps(figures), flush=True)
    return 0


def generate_export(path: Path, rows: int, regenerate: bool) -> float:
    """Write the export a row at a time; reuse one already written."""
    if path.exists() and not regenerate:
        return 0.0
    started = time.perf_counter()
    dataset = build_demo_school(NOW)
    students = [s.source_id for s in dataset.students]
    subjects = {"reading": "Reading", "math": "Math"}
    units = [
        (area, f"{'RDG' if area == 'reading' else 'MTH'}-B{n:03d}", f"Bench skill {n}")
        for area in subjects
        for n in range(200)
    ]
    random_source = random.Random(5)
    start = datetime(2025, 8, 18, 13, 0)
    seconds_in_year = 300 * 24 * 3600
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as file:
        file.write(HEADER)
        for _ in range(rows):
            area, code, title = random_source.choice(units)
            at = start + timedelta(seconds=random_source.randrange(seconds_in_year))
            file.write(
                f"{random_source.choice(students)},{subjects[area]},{code},{title},"
                f"{random_source.randint(40, 100)},{random_source.randint(3, 35)},"
                f"{at:%m/%d/%Y %I:%M %p}\n"
            )
    partial.replace(path)
    return time.perf_counter() - started


def _print_table(results: list[dict[str, Any]]) -> None:
    print(
        f"{'rows':>10} {'file MB':>8} {'import s':>9} {'rows/s':>9} {'RSS before':>11} "
        f"{'peak RSS':>9} {'again s':>8} {'again +':>8}"
    )
    for r in results:
        print(
            f"{r['rows']:>10,} {r['file_mb']:>8.1f} {r['seconds']:>9.1f} {r['rows_per_s']:>9,.0f} "
            f"{r['rss_before_mb']:>9.0f}MB {r['peak_rss_mb']:>7.0f}MB {r['again_seconds']:>8.1f} "
            f"{r['again_added']:>8}"
        )


if __name__ == "__main__":
    raise SystemExit(main())

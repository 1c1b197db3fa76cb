"""The roster import's preview against the import itself, on the 50,000-user OneRoster
package of ``import_oneroster.py``: the preview (a dry run: the whole change worked out,
counted and named, nothing written) may cost at most 1.3 times the import.

Both run on the laptop's code paths: the preview is ``import_oneroster(dry_run=True)``,
the import ``import_keeping_undo`` (which also keeps the undo copy). Each run starts
from a copy of the same store file, in its own process, preview and import alternating,
for two starting points: an empty store (the school's first import) and a store already
holding the roster (the nightly re-import, where nothing changes).

    python bench/import_preview.py [--users 50000] [--classes 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import child_figures, median, out_dir, verdict, write_result
from classroom_desk.store.database import open_store
from import_oneroster import generate

TARGET_RATIO = 1.3
MARKER = "PREVIEW-RESULT"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--classes", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "PACKAGE", "STORE"))
    args = parser.parse_args()
    if args.child:
        return _child(args.child[0], Path(args.child[1]), Path(args.child[2]))

    package = out_dir() / f"oneroster-{args.users}"
    generate(package, users=args.users, classes=args.classes, regenerate=False)
    scenarios = {}
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        empty = Path(scratch) / "empty.sqlite"
        open_store(empty).close()
        holding = Path(scratch) / "holding.sqlite"
        shutil.copyfile(empty, holding)
        _run("import", package, holding)
        for name, start in (("first import", empty), ("re-import", holding)):
            scenarios[name] = _measure(package, start, Path(scratch), args.runs)
    for name, figures in scenarios.items():
        print(
            f"{name:<13} preview {figures['preview_s']['median']:.2f} s, import "
            f"{figures['import_s']['median']:.2f} s: ratio {figures['ratio']:.2f} "
            f"(target at most {TARGET_RATIO}: {figures['verdict']})"
        )
    write_result(
        "import_preview",
        {"users": args.users, "classes": args.classes, "runs": args.runs,
         "target_ratio": TARGET_RATIO, "scenarios": scenarios},
    )  # fmt: skip
    return 0


def _measure(package: Path, start: Path, scratch: Path, runs: int) -> dict[str, Any]:
    seconds: dict[str, list[float]] = {"preview": [], "import": []}
    rows = 0
    for _ in range(runs):
        for mode in ("preview", "import"):
            store = scratch / f"{mode}.sqlite"
            shutil.copyfile(start, store)
            figures = _run(mode, package, store)
            seconds[mode].append(figures["seconds"])
            rows = figures["rows"]
            store.unlink()
            for suffix in ("-wal", "-shm"):
                store.with_name(store.name + suffix).unlink(missing_ok=True)
            shutil.rmtree(scratch / "backups", ignore_errors=True)
    preview, imported = median(seconds["preview"]), median(seconds["import"])
    return {
        "rows": rows,
        "preview_s": {"median": preview, "runs": seconds["preview"]},
        "import_s": {"median": imported, "runs": seconds["import"]},
        "ratio": preview / imported,
        "verdict": verdict(preview / imported, TARGET_RATIO),
    }


def _run(mode: str, package: Path, store: Path) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", mode, str(package), str(store)]
    return child_figures(argv, marker=MARKER, what=f"{mode} of {package}")


def _child(mode: str, package: Path, store_path: Path) -> int:
    """Open the store, then time the preview or the import alone."""
    from classroom_desk.importers.oneroster import (
        ImportOptions,
        import_keeping_undo,
        import_oneroster,
    )

    store = open_store(store_path)
    started = time.perf_counter()
    if mode == "preview":
        report = import_oneroster(package, store, options=ImportOptions(dry_run=True))
    else:
        report = import_keeping_undo(package, store, options=ImportOptions(confirm_removals=True))
    seconds = time.perf_counter() - started
    store.close()
    print(MARKER + json.dumps({"seconds": seconds, "rows": report.rows_read}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Peak memory: the resident set high-water mark of ``--demo --smoke-test``, against the floor.

Peak RSS is the child's own high-water mark (``VmHWM``, read from ``/proc`` when the child
prints its painted line, just before it exits; ``ru_maxrss`` would also count the parent's
size at fork), for: the bare PySide6 window
(``bench/floor_app.py``), the app's warm start (demo store exists), its cold start (the demo
is generated and the store migrated) and, when ``make bundle`` has built it, the bundled
app's cold start. Target: <= 200 MB for the app.

    python bench/memory.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchlib import REPO_DIR, check_child, child_env, run_child, summary, verdict, write_result
from startup import APP_MARKER, FLOOR_MARKER, app_argv, floor_argv

TARGET_MB = 200.0
BUNDLE = REPO_DIR / "dist" / "classroom-desk" / "classroom-desk"


def bundle_argv(data_dir: Path) -> list[str]:
    return [str(BUNDLE), "--demo", "--smoke-test", "--data-dir", str(data_dir)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each kind")
    args = parser.parse_args()

    env = child_env()
    kinds = ["floor", "warm", "cold"] + (["bundle_cold"] if BUNDLE.exists() else [])
    peaks: dict[str, list[float]] = {kind: [] for kind in kinds}
    sources: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        scratch_dir = Path(scratch)
        warm_dir = scratch_dir / "warm"
        check_child(run_child(app_argv(warm_dir), marker=APP_MARKER, env=env), "warm-up")
        for number in range(args.runs):
            for kind in kinds:
                if kind == "floor":
                    run = run_child(floor_argv(), marker=FLOOR_MARKER, env=env)
                elif kind == "warm":
                    run = run_child(app_argv(warm_dir), marker=APP_MARKER, env=env)
                elif kind == "cold":
                    run = run_child(
                        app_argv(scratch_dir / f"cold-{number}"), marker=APP_MARKER, env=env
                    )
                else:
                    run = run_child(
                        bundle_argv(scratch_dir / f"bundle-{number}"), marker=APP_MARKER, env=env
                    )
                check_child(run, kind)
                peaks[kind].append(run.peak_rss_mb)
                sources.add(run.peak_rss_source)

    figures = {kind: summary(values) for kind, values in peaks.items()}
    floor = figures["floor"]["median"]
    worst_app = max(figures[k]["median"] for k in kinds if k != "floor")
    result = {
        "command": "python bench/memory.py",
        "runs": args.runs,
        "peak_rss_mb": figures,
        "peak_rss_source": sorted(sources),
        "ratio_to_floor": {kind: stats["median"] / floor for kind, stats in figures.items()},
        "target_mb": TARGET_MB,
        "verdict": verdict(worst_app, TARGET_MB),
    }
    labels = {
        "floor": "floor (bare PySide6 window)",
        "warm": "app, warm start",
        "cold": "app, cold start (demo generated)",
        "bundle_cold": "bundled app, cold start",
    }
    print(f"Peak RSS of --demo --smoke-test, median of {args.runs} runs:")
    print(f"  {'process':<34}{'median':>9}{'max':>9}{'vs floor':>10}  target")
    for kind in kinds:
        stats = figures[kind]
        target = (
            "" if kind == "floor" else f"<= {TARGET_MB:g} MB {verdict(stats['median'], TARGET_MB)}"
        )
        print(
            f"  {labels[kind]:<34}{stats['median']:>7.0f}MB{stats['max']:>7.0f}MB"
            f"{stats['median'] / floor:>9.2f}x  {target}"
        )
    write_result("memory", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

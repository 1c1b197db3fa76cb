"""Runs every benchmark in bench/ (each in its own process) and prints a table of the figures.

    python bench/run_all.py [--only startup,scale,memory] [--write-markdown BENCHMARKS.md]

Each script writes ``bench/out/<name>.json``; this tabulates startup, scale and memory
(other scripts in bench/ run too and report in their own output). With
``--write-markdown`` the tables are written to that file; anything below the line
``<!-- notes -->`` in an existing file is kept, so hand-written findings survive a rerun.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchlib import BENCH_DIR, OUT_DIR, child_env

SCRIPTS = ("startup", "scale", "memory")  # tabulated here
HELPERS = {"benchlib", "floor_app", "run_all"}


def other_scripts() -> list[str]:
    """Every other benchmark in bench/: run too, their own output is their report."""
    return sorted(
        path.stem
        for path in BENCH_DIR.glob("*.py")
        if path.stem not in HELPERS and path.stem not in SCRIPTS
    )


NOTES_MARKER = "<!-- notes -->"

Row = tuple[str, str, str, str, str, str]  # figure, median, baseline, ratio, target, verdict


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x"


def _verdict(value: float, target: float) -> str:
    return "pass" if value <= target else "**fail**"


def startup_rows(data: dict[str, Any]) -> list[Row]:
    figures = data["figures"]
    floor = figures["floor"]["to_painted_ms"]["median"]
    warm = figures["warm"]["to_painted_ms"]["median"]
    cold = figures["cold"]["to_painted_ms"]["median"]
    target = data["target_ratio"]
    return [
        ("Floor: bare PySide6 window painted", _ms(floor), "(baseline)", "1.00x", "", ""),
        (
            "Warm start to roster painted (demo store exists)",
            _ms(warm),
            f"floor {_ms(floor)}",
            _ratio(warm, floor),
            f"<= {target:g}x floor",
            _verdict(warm / floor, target),
        ),
        (
            "Cold first start (migrate + generate demo)",
            _ms(cold),
            f"floor {_ms(floor)}",
            _ratio(cold, floor),
            "reported",
            "",
        ),
    ]


def scale_query_rows(data: dict[str, Any]) -> list[Row]:
    queries = data["queries"]
    target = data["targets"]["query_ms"]
    rows: list[Row] = []
    for label, title in (("district", "all sections"), ("class", "one class")):
        entry = queries[label]
        base = entry["ms"]["sqlite3"]["median"]
        who = f"{entry['students']:,} students, {title}"
        rows.append((f"{who}: plain sqlite3", _ms(base), "(baseline)", "1.00x", "", ""))
        for name, what in (
            ("sqlalchemy_text", "SQLAlchemy Core text()"),
            ("roster_queries", "RosterQueries.weekly_roster"),
        ):
            median = entry["ms"][name]["median"]
            is_target = label == "district" and name == "roster_queries"
            rows.append(
                (
                    f"{who}: {what}",
                    _ms(median),
                    f"sqlite3 {_ms(base)}",
                    _ratio(median, base),
                    f"<= {target:g} ms" if is_target else "",
                    _verdict(median, target) if is_target else "",
                )
            )
    return rows


def scale_view_rows(data: dict[str, Any]) -> list[Row]:
    target = data["targets"]["view_update_ms"]
    state = data["view_state_ms"]
    rows: list[Row] = []
    for name, what in (("filter_toggle", "filter toggle"), ("sort_average", "re-sort")):
        rows.append(
            (
                f"RosterViewState (no Qt): {what}",
                _ms(state[name]["median"]),
                "(baseline)",
                "1.00x",
                "",
                "",
            )
        )
    for label, title in (
        ("model_in_table", "RosterTableModel + QTableView"),
        ("main_window", "MainWindow"),
    ):
        entry = data["qt_view_ms"].get(label, {})
        if not entry.get("rows"):
            rows.append((f"{title}", "n/a", "", "", "", entry.get("skipped", "not run")))
            continue
        for name, what, base_name in (
            ("filter_toggle", "filter toggle", "filter_toggle"),
            ("sort_average", "re-sort by average", "sort_average"),
            ("sort_name", "re-sort by name", "sort_average"),
            ("week_change", "week change (query + reset)", None),
        ):
            median = entry[name]["median"]
            if base_name is None:
                rows.append((f"{title}: {what}", _ms(median), "", "", "reported", ""))
                continue
            base = state[base_name]["median"]
            rows.append(
                (
                    f"{title}: {what}, repainted",
                    _ms(median),
                    f"view state {_ms(base)}",
                    _ratio(median, base),
                    f"<= {target:g} ms",
                    _verdict(median, target),
                )
            )
    return rows


def memory_rows(data: dict[str, Any]) -> list[Row]:
    figures = data["peak_rss_mb"]
    floor = figures["floor"]["median"]
    target = data["target_mb"]
    labels = {
        "warm": "App, warm start",
        "cold": "App, cold first start",
        "bundle_cold": "Bundled app, cold first start",
    }
    rows: list[Row] = [
        ("Floor: bare PySide6 window", f"{floor:.0f} MB", "(baseline)", "1.00x", "", "")
    ]
    for kind, label in labels.items():
        if kind in figures:
            median = figures[kind]["median"]
            rows.append(
                (
                    label,
                    f"{median:.0f} MB",
                    f"floor {floor:.0f} MB",
                    _ratio(median, floor),
                    f"<= {target:g} MB",
                    _verdict(median, target),
                )
            )
    return rows


def table(rows: list[Row]) -> str:
    header = ("Figure", "Median", "Baseline", "Ratio", "Target", "Result")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def sections(results: dict[str, dict[str, Any]]) -> list[tuple[str, str, list[Row]]]:
    """(title, what was measured, rows) for each figure that has results."""
    out = []
    if "startup" in results:
        data = results["startup"]
        out.append(
            (
                "Start-up: process start to roster painted",
                f"Median of {data['runs']} interleaved runs each, `QT_QPA_PLATFORM=offscreen`, "
                f"{data['roster']} on the demo school. Timed from spawn to the line the child "
                "prints once it has painted (the app's `--smoke-test` paints the window with "
                "`grab()` first; so does the floor).",
                startup_rows(data),
            )
        )
    if "scale" in results:
        data = results["scale"]
        district = data["district"]
        queries = data["queries"]
        out.append(
            (
                "Scale: weekly figures query",
                f"District store: {district['students']:,} students, {district['sections']} "
                f"sections, {district['weeks']} school weeks, {district['attempts']:,} unit "
                f"attempts, {district.get('reassignments', 0):,} reassignments "
                f"({district.get('undone', 0):,} undone), {district.get('notes', 0):,} "
                f"conference notes ({district['file_mb']} MB). Week of {queries['week']}, "
                f"{queries['content_area']}; median of {data['runs']} interleaved runs; every "
                "variant runs the same SQL text on the same file.",
                scale_query_rows(data),
            )
        )
        out.append(
            (
                "Scale: roster view updates on 5,000 rows",
                f"Median of {data['runs']} runs. Qt rows: from the presenter call until "
                "`processEvents()` has returned with the roster's viewport repainted "
                "(offscreen), including the model's reset or re-layout.",
                scale_view_rows(data),
            )
        )
    if "memory" in results:
        data = results["memory"]
        out.append(
            (
                "Memory: peak RSS of `--demo --smoke-test`",
                f"Median of {data['runs']} runs; each child's own high-water mark "
                f"({', '.join(data.get('peak_rss_source', ['ru_maxrss']))}).",
                memory_rows(data),
            )
        )
    return out


def details(results: dict[str, dict[str, Any]]) -> str:
    parts = []
    if "startup" in results:
        importtime = results["startup"]["importtime"]
        lines = [
            f"    {e['cumulative_ms']:7.1f} ms  {e['module']}"
            for e in importtime["top_level_cumulative"][:10]
        ]
        lines += ["  single modules by self time:"]
        lines += [f"    {e['self_ms']:7.1f} ms  {e['module']}" for e in importtime["self"][:10]]
        parts.append(
            "### Imports on the warm start path (`python -X importtime`, one run)\n\n"
            "```\n  top-level imports by cumulative time:\n" + "\n".join(lines) + "\n```"
        )
    if "scale" in results:
        queries = results["scale"]["queries"]
        breakdown = queries.get("breakdown_ms") or {}
        if breakdown:
            full = breakdown["full"]["median"]
            lines = [f"as it is: {full:.1f} ms"]
            for label, stats in breakdown.items():
                if label.startswith("without_"):
                    what = "every correlated subquery" if label == "without_all" else label[8:]
                    cost = full - stats["median"]
                    lines.append(f"without {what}: {stats['median']:.1f} ms (costs {cost:.1f} ms)")
            parts.append(
                "### Where the district query's time goes (plain sqlite3, each subquery "
                "replaced by NULL)\n\n```\n" + "\n".join(lines) + "\n```"
            )
        parts.append("### Query plan (district)\n\n```\n" + queries["plan"] + "\n```")
    return "\n\n".join(parts)


def markdown(results: dict[str, dict[str, Any]], notes: str) -> str:
    info = next(iter(results.values()))["machine"]
    head = [
        "# Benchmarks",
        "",
        "Measured with `make bench` (`python bench/run_all.py`; each script also runs alone, "
        "e.g. `python bench/scale.py`). Raw results: `bench/out/*.json`. Every figure is "
        "measured in the same run as its baseline; no test asserts a time.",
        "",
        "| Machine | |",
        "|---|---|",
        f"| CPU | {info['cpu']} |",
        f"| Cores | {info['cores']} |",
        f"| RAM | {info['memory']} |",
        f"| OS | {info['os']} |",
        f"| Python | {info['python']} |",
        f"| Qt | {info['qt']} |",
        f"| SQLite | {info['sqlite']} |",
        f"| Date | {info['date']} |",
        f"| Load average at start | {info.get('load', 'n/a')} |",
        "",
    ]
    body = []
    for title, what, rows in sections(results):
        body += [f"## {title}", "", what, "", table(rows), ""]
    body += ["## Details", "", details(results), ""]
    return "\n".join(head + body) + "\n" + NOTES_MARKER + "\n" + notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        default=",".join([*SCRIPTS, *other_scripts()]),
        help="comma-separated script names (default: every benchmark in bench/)",
    )
    parser.add_argument("--no-run", action="store_true", help="only tabulate bench/out/*.json")
    parser.add_argument("--write-markdown", type=Path, help="write the tables to this file")
    args = parser.parse_args()

    chosen = [name for name in args.only.split(",") if name]
    timings = {}
    if not args.no_run:
        for name in chosen:
            print(f"\n##### bench/{name}.py", flush=True)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, str(BENCH_DIR / f"{name}.py")], check=True, env=child_env()
            )
            timings[name] = time.perf_counter() - started
    results = {}
    for name in (name for name in chosen if name in SCRIPTS):
        path = OUT_DIR / f"{name}.json"
        if path.exists():
            results[name] = json.loads(path.read_text())
    if not results:
        raise SystemExit("no results in bench/out/")

    print("\n##### Summary")
    for title, _what, rows in sections(results):
        print(f"\n{title}")
        width = max(len(row[0]) for row in rows)
        for figure, median, baseline, ratio, target, result in rows:
            print(
                f"  {figure:<{width}}  {median:>9}  {baseline:>20}  {ratio:>7}  "
                f"{target:<15} {result.replace('*', '')}"
            )
    others = [name for name in chosen if name not in SCRIPTS]
    if others:
        print(
            "\nAlso run (their figures are in their output above and bench/out/): "
            + ", ".join(f"bench/{name}.py" for name in others)
        )
    if timings:
        print("\n(" + ", ".join(f"{k} took {v:.0f} s" for k, v in timings.items()) + ")")
    if args.write_markdown:
        path = args.write_markdown
        notes = ""
        if path.exists() and NOTES_MARKER in path.read_text():
            notes = path.read_text().split(NOTES_MARKER, 1)[1].lstrip("\n")
        path.write_text(markdown(results, notes))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

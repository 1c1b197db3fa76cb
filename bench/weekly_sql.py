"""The weekly-figures SQL of an earlier revision against this one, on the district of
``bench/scale.py``: the same file, the same parameters, one connection through the app's
own SQLite (SQLCipher's), the cases taking turns run by run (a shared machine's noise
falls on all alike).

    python bench/weekly_sql.py --before REVISION [--runs 21]

The earlier text is read from git (``git show REVISION:...roster_queries.py``), so a
change to the query is measured against what it replaced, not against a copy kept here.
Measured beside it: this revision's text computing the week ("after", what a range that
is not a school week runs), the text reading the week from ``weekly_rollup``
("rolled_up"), and ``RosterQueries.weekly_roster`` for that week (the app's call: the
rollup's check, the read and the rows made into records). All must give the same rows,
else the comparison stops.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from benchlib import summary, write_result
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.encryption import connect
from classroom_desk.store.roster_queries import (
    RosterQueries,
    weekly_figures_parameters,
    weekly_figures_statement,
)
from scale import WEEKS_PER_YEAR, YEAR_STARTS, district, interleaved

SOURCE = "src/classroom_desk/store/roster_queries.py"
ROOT = Path(__file__).resolve().parents[1]


def sql_at(revision: str) -> str:
    """``WEEKLY_FIGURES_SQL`` as it stood at ``revision`` (the module is parsed, not run)."""
    text = subprocess.run(
        ["git", "show", f"{revision}:{SOURCE}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "WEEKLY_FIGURES_SQL"
            for target in node.targets
        ):
            try:
                return str(ast.literal_eval(node.value))
            except ValueError:
                raise SystemExit(
                    f"{revision}: WEEKLY_FIGURES_SQL is built from parts there (from 0014 on),"
                    " not one literal: compare against an earlier revision"
                ) from None
    raise SystemExit(f"{revision}: no WEEKLY_FIGURES_SQL in {SOURCE}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the revision to compare against")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    path, meta = district(regenerate=False)
    connection = connect(path, None)
    queries = RosterQueries(connection)
    school = queries.school()
    assert school is not None
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    start, end = calendar.utc_bounds(YEAR_STARTS[-1] + timedelta(weeks=WEEKS_PER_YEAR - 1))
    all_ids = [s.id for s in queries.sections()]
    result: dict[str, object] = {
        "command": f"python bench/weekly_sql.py --before {args.before} --runs {args.runs}",
        "district": meta,
        "before": args.before,
    }
    for label, ids in (("district", all_ids), ("class", [all_ids[len(all_ids) // 2]])):
        sections = ", ".join(f":section_{index}" for index in range(len(ids)))
        texts = {
            "before": sql_at(args.before).format(sections=sections),
            "after": weekly_figures_statement(len(ids)),
            "rolled_up": weekly_figures_statement(len(ids), rolled_up=True),
        }
        parameters = weekly_figures_parameters(
            section_ids=ids,
            content_area_id="math",
            start_utc=start,
            end_utc=end,
            thresholds=school.thresholds,
        )
        # The statement has no ORDER BY: the same rows may come in another order.
        rows = {
            name: sorted(connection.execute(sql, parameters).fetchall())
            for name, sql in texts.items()
        }
        if any(found != rows["before"] for found in rows.values()):
            raise SystemExit(f"{label}: the texts give different rows")

        def weekly_roster(ids: list[str] = ids) -> object:
            return queries.weekly_roster(
                section_ids=ids,
                content_area_id="math",
                start_utc=start,
                end_utc=end,
                thresholds=school.thresholds,
            )

        cases: dict[str, Callable[[], object]] = {
            name: lambda sql=sql, bound=parameters: connection.execute(sql, bound).fetchall()
            for name, sql in texts.items()
        }
        cases["weekly_roster"] = weekly_roster
        times = interleaved(cases, args.runs)
        stats = {name: summary(values) for name, values in times.items()}
        before = stats["before"]["median"]
        ratios = {f"{name}_over_before": stats[name]["median"] / before for name in stats}
        result[label] = {"students": len(rows["after"]), "ms": stats, **ratios}
        print(
            f"{label:>8} ({len(rows['after']):,} students): "
            + ", ".join(
                f"{name} {stats[name]['median']:.1f} ms ({stats[name]['median'] / before:.2f}x)"
                for name in stats
            )
        )
    connection.close()
    write_result("weekly_sql", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

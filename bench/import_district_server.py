"""A district's OneRoster package on one school server: seconds to import ``--schools``
schools of ``--users`` users each (the generated package of ``bench/import_oneroster.py``,
its ids prefixed per school), against one of those schools imported alone in the same
run (the baseline: the district's package is read once, then each school's roster is
worked out and written as one school's is, so three schools should cost about three
schools alone). Each import goes into a fresh, migrated database, on SQLite and
PostgreSQL; the district's package is then imported again (nothing changes). Median of
``--runs``; nothing is asserted.

    .venv/bin/python bench/import_district_server.py [--users 5000] [--schools 3]
        [--database sqlite,postgresql] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import out_dir, write_result
from import_oneroster import generate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.sync.harness import script_postgres, sqlite_url  # noqa: E402

from classroom_desk.server.database import make_engine, migrate  # noqa: E402
from classroom_desk.server.oneroster_import import import_oneroster_on_server  # noqa: E402

#: Columns that hold ids (a school's are prefixed); the district's org is shared.
ID_COLUMNS = ("sourcedId", "orgSourcedId", "schoolSourcedId", "classSourcedId",
              "userSourcedId", "courseSourcedId", "primaryOrgSourcedId")  # fmt: skip
SHARED = {"district-1", "year-1", "term-1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5_000, help="users a school")
    parser.add_argument("--schools", type=int, default=3)
    parser.add_argument("--database", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    school = out_dir() / f"oneroster-{args.users}"
    generate(school, users=args.users, classes=args.users // 10, regenerate=False)
    district = out_dir() / f"district-{args.schools}x{args.users}"
    _district(school, district, args.schools)
    results: dict[str, Any] = {"arguments": vars(args)}
    for database in args.database.split(","):
        with script_postgres(database == "postgresql") as cluster:

            def fresh(folder: Path, cluster: Any = cluster) -> str:
                folder.mkdir(parents=True)
                return cluster.new_database() if cluster else sqlite_url(folder)

            results[database] = _measure(fresh, school, district, args)
        row = results[database]
        print(
            f"{database:<10} one school {row['one_school_s']:6.2f} s"
            f"  {args.schools} schools {row['district_s']:6.2f} s"
            f" ({row['ratio_to_schools_alone']:.2f}x {args.schools} schools alone)"
            f"  again {row['district_again_s']:6.2f} s"
        )
    write_result("import_district_server", results)
    return 0


def _measure(
    fresh: Callable[[Path], str], school: Path, district: Path, args: argparse.Namespace
) -> dict[str, Any]:
    alone, together, again = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-district-") as scratch:
        for run in range(args.runs):
            for package, times in ((school, alone), (district, together)):
                engine = make_engine(fresh(Path(scratch) / f"{run}-{package.name}"))
                try:
                    migrate(engine)
                    times.append(_timed(engine, package))
                    if package == district:
                        again.append(_timed(engine, package))
                finally:
                    engine.dispose()
    one, many = statistics.median(alone), statistics.median(together)
    return {
        "one_school_s": one,
        "district_s": many,
        "district_again_s": statistics.median(again),
        "ratio_to_schools_alone": many / (args.schools * one),
        "runs": {"one_school": alone, "district": together, "district_again": again},
    }


def _timed(engine: Any, package: Path) -> float:
    started = time.perf_counter()
    import_oneroster_on_server(engine, package)
    return time.perf_counter() - started


def _district(school: Path, district: Path, schools: int) -> None:
    """The school's package once per school, its ids prefixed ``s1-``, ``s2-``, ...; the
    district, the school year and the term once."""
    if (district / "manifest.csv").exists():
        return
    district.mkdir(parents=True, exist_ok=True)
    for path in sorted(school.glob("*.csv")):
        if path.name == "manifest.csv":
            continue
        with path.open(newline="", encoding="utf-8") as source:
            rows = list(csv.DictReader(source))
        with (district / path.name).open("w", newline="", encoding="utf-8") as target:
            writer = csv.DictWriter(target, list(rows[0]) if rows else [])
            writer.writeheader()
            writer.writerows(row for row in rows if row["sourcedId"] in SHARED)
            for number in range(1, schools + 1):
                for row in rows:
                    if row["sourcedId"] not in SHARED:
                        writer.writerow(_prefixed(row, f"s{number}-", number))
    (district / "manifest.csv").write_text((school / "manifest.csv").read_text())


def _prefixed(row: dict[str, str], prefix: str, number: int) -> dict[str, str]:
    made = {
        column: f"{prefix}{value}" if column in ID_COLUMNS and value not in SHARED else value
        for column, value in row.items()
    }
    if made.get("name") == "Bench High School":
        made["name"] = f"Bench High School {number}"
    return made


if __name__ == "__main__":
    sys.exit(main())

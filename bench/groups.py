"""Group suggestions: for a class of 35, and in the 5,000-student district store.

Each figure is the median of ``--runs`` runs, the cases taking turns run by run, each
beside a baseline measured in the same run:

* class of 35 (the demo school's generator with its Grade 7 Math made 35 students): the
  week's figures as the roster loads them (``RosterQueries.weekly_roster``, the
  baseline: "the data being loaded"); ``suggest_groups`` alone on those 35 students
  (target: within one frame, 16 ms); and the groups view's whole open
  (``GroupsPresenter.open``: figures, units under mastery, goals, suggestions);
* district (``bench/scale.py``'s cached store, 5,000 students, 1.5 million attempts):
  the same three for one class of 29-30, and ``suggest_groups`` over all 5,000 students
  of one week at once (a stress of the rule, not a screen) beside the weekly figures of
  all 5,000 (its baseline).

    python bench/groups.py [--runs 21] [--regenerate]
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchlib import summary, verdict, write_result
from classroom_desk import demo
from classroom_desk.domain.groups import GroupingStudent, suggest_groups
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.groups import Block
from classroom_desk.presenters.plans import plan_presenters
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.plan_queries import PlanQueries
from classroom_desk.store.roster_queries import RosterQueries
from scale import WEEKS_PER_YEAR, YEAR_STARTS, district, interleaved

FRAME_MS = 16.0
FIXED_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
CLASS_SIZE = 35


def class_of_35(work: Path) -> tuple[Store, str]:
    """The demo school with its Grade 7 Math class grown to 35 students."""
    plans = tuple(
        dataclasses.replace(plan, size=CLASS_SIZE) if plan.key == "math-7" else plan
        for plan in demo.SECTION_PLANS
    )
    original = demo.SECTION_PLANS
    demo.SECTION_PLANS = plans  # the demo's own generator, one class larger
    try:
        dataset = demo.build_demo_school(FIXED_NOW)
    finally:
        demo.SECTION_PLANS = original
    store = open_store(work / "class35.sqlite")
    load_dataset(store, dataset)
    return store, demo.demo_id("section", "math-7")


def cases_for_class(
    store: Store, section_id: str, week: date, area: str
) -> tuple[dict[str, Callable[[], object]], int, int]:
    """(timed cases, students, groups suggested) for one class's block."""
    queries = RosterQueries(store.connection)
    school = queries.school()
    assert school is not None
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    thresholds = school.thresholds
    start, end = calendar.utc_bounds(week)
    presenters = plan_presenters(
        store,
        calendar=lambda: calendar,
        thresholds=lambda: thresholds,
        now=lambda: datetime.combine(week + timedelta(days=3), datetime.min.time(), UTC),
    )
    block = Block(section_id, "class", area, area, week)

    def figures() -> object:
        return queries.weekly_roster(
            section_ids=[section_id],
            content_area_id=area,
            start_utc=start,
            end_utc=end,
            thresholds=thresholds,
        )

    weak = PlanQueries(store.connection).weak_units(
        section_id=section_id,
        content_area_id=area,
        start_utc=start,
        end_utc=end,
        mastery_score=thresholds.mastery_score,
    )
    students = [
        GroupingStudent(
            w.student_id,
            w.given_name,
            w.family_name,
            w.figures,
            weak_units=tuple(weak.get(w.student_id, ())),
        )
        for w in queries.weekly_roster(
            section_ids=[section_id],
            content_area_id=area,
            start_utc=start,
            end_utc=end,
            thresholds=thresholds,
        )
    ]
    made = suggest_groups(students, thresholds)
    cases: dict[str, Callable[[], object]] = {
        "figures": figures,
        "suggest": lambda: suggest_groups(students, thresholds),
        "open": lambda: presenters.groups.open(block),
    }
    return cases, len(students), len(made.groups)


def district_wide(store: Store, week: date) -> tuple[dict[str, Callable[[], object]], int]:
    queries = RosterQueries(store.connection)
    school = queries.school()
    assert school is not None
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    start, end = calendar.utc_bounds(week)
    sections = [s.id for s in queries.sections()]

    def figures() -> list[Any]:
        return queries.weekly_roster(
            section_ids=sections,
            content_area_id="math",
            start_utc=start,
            end_utc=end,
            thresholds=school.thresholds,
        )

    students = [
        GroupingStudent(w.student_id, w.given_name, w.family_name, w.figures) for w in figures()
    ]
    return {
        "figures": figures,
        "suggest": lambda: suggest_groups(students, school.thresholds),
    }, len(students)


def stats(times: dict[str, list[float]]) -> dict[str, Any]:
    found = {name: summary(values) for name, values in times.items()}
    base = found["figures"]["median"]
    return {"ms": found, "ratio_to_figures": {n: s["median"] / base for n, s in found.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the cached district")
    args = parser.parse_args()
    result: dict[str, Any] = {"frame_ms": FRAME_MS}

    work = Path(tempfile.mkdtemp(prefix="bench-groups-"))
    store, section = class_of_35(work)
    try:
        school = RosterQueries(store.connection).school()
        assert school is not None
        week = SchoolCalendar.named(school.time_zone).current_week(FIXED_NOW)
        cases, students, groups = cases_for_class(store, section, week, "math")
        result["class_of_35"] = {
            "students": students,
            "groups": groups,
            **stats(interleaved(cases, args.runs)),
        }
    finally:
        store.close()

    path, meta = district(args.regenerate)
    week = YEAR_STARTS[-1] + timedelta(weeks=WEEKS_PER_YEAR - 1)
    store = open_store(path)
    try:
        one_class = RosterQueries(store.connection).sections()[85].id
        cases, students, groups = cases_for_class(store, one_class, week, "math")
        result["district_class"] = {
            "students": students,
            "groups": groups,
            **stats(interleaved(cases, args.runs)),
        }
        cases, students = district_wide(store, week)
        result["district_all"] = {
            "students": students,
            **stats(interleaved(cases, max(5, args.runs // 3))),
        }
    finally:
        store.close()
    result["district"] = meta
    result["week"] = week.isoformat()

    suggest_35 = result["class_of_35"]["ms"]["suggest"]["median"]
    result["verdict"] = verdict(suggest_35, FRAME_MS)
    for label in ("class_of_35", "district_class", "district_all"):
        figures = result[label]["ms"]
        line = ", ".join(f"{name} {figures[name]['median']:.2f} ms" for name in figures)
        print(f"{label} ({result[label]['students']} students): {line}")
    print(f"suggestions for 35 within one frame ({FRAME_MS:.0f} ms): {result['verdict']}")
    write_result("groups", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

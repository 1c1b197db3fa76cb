"""OneRoster import at scale: rows per second and peak memory for a generated district export.

A OneRoster 1.2 package (orgs, academicSessions, courses, classes, users, roles,
enrollments) of 50,000 users (5% teachers) and 5,000 classes of 25 students each is
written to ``bench/out/oneroster-<users>/``, then imported into a fresh (already
migrated) store in its own process, at 1/4, 1/2 and full size. Peak RSS is the child's
own high-water mark (``VmHWM``, which unlike ``ru_maxrss`` does not carry the parent's size
over ``exec``); the peak before the import (interpreter, SQLite, our modules) is reported
beside it, so the memory the import itself needs can be seen to stay flat as the files
grow. The same package is then imported again into the same store (nothing changes: the
idempotent path).

    python bench/import_oneroster.py [--users 50000] [--classes 5000] [--regenerate]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from benchlib import child_figures, out_dir, own_peak_rss_mb, write_result
from classroom_desk.demo import FAMILY_NAMES, GIVEN_NAMES
from classroom_desk.importers.oneroster.columns import (
    ACADEMIC_SESSIONS,
    CLASSES,
    COURSES,
    ENROLLMENTS,
    FILE_SPECS,
    ORGS,
    ROLES,
    USERS,
    FileSpec,
)
from classroom_desk.store.database import open_store

STUDENTS_PER_CLASS = 25
TEACHER_SHARE = 20  # one user in 20 is a teacher
FRACTIONS = (0.25, 0.5, 1.0)
MARKER = "IMPORT-RESULT"
SUBJECTS = ("English Language Arts", "Mathematics", "Science", "Social Studies", "Algebra I")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--classes", type=int, default=5_000)
    parser.add_argument("--regenerate", action="store_true", help="rewrite cached packages")
    parser.add_argument("--child", nargs=2, metavar=("PACKAGE", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]))

    results = [
        _measure(int(args.users * fraction), int(args.classes * fraction), args.regenerate)
        for fraction in FRACTIONS
    ]
    _print_table(results)
    write_result("import_oneroster", {"sizes": results})
    return 0


def _measure(users: int, classes: int, regenerate: bool) -> dict[str, Any]:
    package = out_dir() / f"oneroster-{users}"
    generate_s = generate(package, users=users, classes=classes, regenerate=regenerate)
    with tempfile.TemporaryDirectory(prefix="bench-oneroster-") as scratch:
        store = Path(scratch) / "school.sqlite"
        open_store(store).close()  # migrated here, so the child's memory is the import's
        first = _import_in_child(package, store)
        again = _import_in_child(package, store)
    rows = first["rows"]
    return {
        "users": users,
        "classes": classes,
        "rows": rows,
        "package_mb": sum(f.stat().st_size for f in package.glob("*.csv")) / 1e6,
        "generate_s": generate_s,
        "import_s": first["seconds"],
        "rows_per_s": rows / first["seconds"],
        "rss_before_import_mb": first["rss_before_mb"],
        "peak_rss_mb": first["peak_rss_mb"],
        "reimport_s": again["seconds"],
        "reimport_peak_rss_mb": again["peak_rss_mb"],
        "students": first["students"],
        "enrollments": first["enrollments"],
    }


def _import_in_child(package: Path, store: Path) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", str(package), str(store)]
    return child_figures(argv, marker=MARKER, what=f"import of {package}")


def _child(package: Path, store_path: Path) -> int:
    """Open the store, then time the import alone."""
    from classroom_desk.importers.oneroster import import_oneroster

    store = open_store(store_path)
    rss_before = own_peak_rss_mb()
    started = time.perf_counter()
    report = import_oneroster(package, store)
    seconds = time.perf_counter() - started
    students, enrollments = store.connection.execute(
        "SELECT (SELECT COUNT(*) FROM student), (SELECT COUNT(*) FROM enrollment)"
    ).fetchone()
    store.close()
    figures = {
        "rows": report.rows_read,
        "seconds": seconds,
        "rss_before_mb": rss_before,
        "peak_rss_mb": own_peak_rss_mb(),
        "students": students,
        "enrollments": enrollments,
    }
    print(MARKER + json.dumps(figures), flush=True)
    return 0


def generate(folder: Path, *, users: int, classes: int, regenerate: bool) -> float:
    """Write the package (streamed, a row at a time); reuse one already written."""
    done = folder / "manifest.csv"
    if done.exists() and not regenerate:
        return 0.0
    started = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    teachers = max(users // TEACHER_SHARE, 1)
    students = users - teachers
    courses = max(classes // 25, 1)
    _write(folder, ORGS, _orgs())
    _write(folder, ACADEMIC_SESSIONS, _sessions())
    _write(folder, COURSES, _courses(courses))
    _write(folder, CLASSES, _classes(classes, courses))
    _write(folder, USERS, _users(teachers, students))
    _write(folder, ROLES, _roles(teachers, students))
    _write(folder, ENROLLMENTS, _enrollments(classes, teachers, students))
    with done.open("w", newline="", encoding="utf-8") as file:
        # Last: a package without a manifest is regenerated.
        csv.writer(file).writerows(_manifest())
    return time.perf_counter() - started


def _write(folder: Path, spec: FileSpec, rows: Iterable[dict[str, str]]) -> None:
    """``spec``'s file with the importer's own columns; a column a row leaves out is empty,
    and every row is active and as old as ``STAMP``."""
    columns = [c for c in spec.standard if c not in NOT_IN_1_2.get(spec.kind, ())]
    with (folder / spec.file_name).open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, columns, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({"status": "active", "dateLastModified": STAMP, **row})


def _manifest() -> Iterator[tuple[str, str]]:
    yield ("propertyName", "value")
    yield ("manifest.version", "1.0")
    yield ("oneroster.version", "1.2")
    for kind in sorted(spec.kind for spec in FILE_SPECS):
        yield (f"file.{kind}", "bulk")
    yield ("file.demographics", "absent")


STAMP = "2025-08-01T00:00:00.000Z"
#: Columns the importer reads from OneRoster 1.1 files that a 1.2 export no longer has.
NOT_IN_1_2 = {USERS.kind: ("orgSourcedIds", "role")}

Rows = Iterator[dict[str, str]]


def _orgs() -> Rows:
    yield {"sourcedId": "district-1", "name": "Bench District", "type": "district"}
    yield {
        "sourcedId": "school-1",
        "name": "Bench High School",
        "type": "school",
        "parentSourcedId": "district-1",
    }


def _sessions() -> Rows:
    yield {
        "sourcedId": "year-1",
        "title": "2025-2026",
        "type": "schoolYear",
        "startDate": "2025-08-25",
        "endDate": "2026-06-12",
        "schoolYear": "2026",
    }
    yield {
        "sourcedId": "term-1",
        "title": "Fall",
        "type": "term",
        "startDate": "2025-08-25",
        "endDate": "2025-12-19",
        "parentSourcedId": "year-1",
        "schoolYear": "2026",
    }


def _courses(count: int) -> Rows:
    for n in range(count):
        subject = SUBJECTS[n % len(SUBJECTS)]
        yield {
            "sourcedId": f"course-{n}",
            "schoolYearSourcedId": "year-1",
            "title": f"{subject} {n}",
            "courseCode": f"C{n}",
            "grades": f"{9 + n % 4:02d}",
            "orgSourcedId": "school-1",
            "subjects": subject,
        }


def _classes(count: int, courses: int) -> Rows:
    for n in range(count):
        course = n % courses
        yield {
            "sourcedId": f"class-{n}",
            "title": f"{SUBJECTS[course % len(SUBJECTS)]} {n}",
            "grades": f"{9 + course % 4:02d}",
            "courseSourcedId": f"course-{course}",
            "classCode": f"K{n}",
            "classType": "scheduled",
            "schoolSourcedId": "school-1",
            "termSourcedIds": "term-1",
            "periods": str(1 + n % 7),
        }


def _name(n: int) -> dict[str, str]:
    return {
        "givenName": GIVEN_NAMES[n % len(GIVEN_NAMES)],
        "familyName": FAMILY_NAMES[(n // len(GIVEN_NAMES)) % len(FAMILY_NAMES)],
    }


def _users(teachers: int, students: int) -> Rows:
    user = {"enabledUser": "true", "primaryOrgSourcedId": "school-1"}
    for n in range(teachers):
        yield {
            "sourcedId": f"teacher-{n}",
            **user,
            "username": f"t{n}",
            **_name(n),
            "identifier": f"T{n}",
            "email": f"t{n}@bench.test",
        }
    for n in range(students):
        yield {
            "sourcedId": f"student-{n}",
            **user,
            "username": f"s{n}",
            **_name(n + 7),
            "identifier": f"S{n}",
            "grades": f"{9 + n % 4:02d}",
        }


def _roles(teachers: int, students: int) -> Rows:
    for kind, count in (("teacher", teachers), ("student", students)):
        for n in range(count):
            yield {
                "sourcedId": f"role-{kind}-{n}",
                "userSourcedId": f"{kind}-{n}",
                "roleType": "primary",
                "role": kind,
                "orgSourcedId": "school-1",
            }


def _enrollments(classes: int, teachers: int, students: int) -> Rows:
    seat = 0
    for n in range(classes):
        enrollment = {"classSourcedId": f"class-{n}", "schoolSourcedId": "school-1"}
        yield {
            "sourcedId": f"enr-t-{n}",
            **enrollment,
            "userSourcedId": f"teacher-{n % teachers}",
            "role": "teacher",
            "primary": "true",
        }
        for _ in range(STUDENTS_PER_CLASS):
            yield {
                "sourcedId": f"enr-s-{seat}",
                **enrollment,
                "userSourcedId": f"student-{seat % students}",
                "role": "student",
                "primary": "false",
            }
            seat += 1


def _print_table(results: list[dict[str, Any]]) -> None:
    header = (
        f"{'users':>7} {'classes':>7} {'rows':>8} {'MB':>6} {'import s':>9} {'rows/s':>8}"
        f" {'RSS before':>10} {'peak RSS':>9} {'re-import s':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['users']:>7} {r['classes']:>7} {r['rows']:>8} {r['package_mb']:>6.1f}"
            f" {r['import_s']:>9.2f} {r['rows_per_s']:>8.0f} {r['rss_before_import_mb']:>8.0f} MB"
            f" {r['peak_rss_mb']:>6.0f} MB {r['reimport_s']:>11.2f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())

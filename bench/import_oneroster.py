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
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import out_dir, run_child, write_result
from classroom_desk.demo import FAMILY_NAMES, GIVEN_NAMES
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
    generate_s = _generate(package, users=users, classes=classes, regenerate=regenerate)
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
    run = run_child([sys.executable, __file__, "--child", str(package), str(store)], marker=MARKER)
    if run.returncode != 0 or run.marker_line is None:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit(f"import of {package} failed (exit {run.returncode})")
    figures: dict[str, Any] = json.loads(run.marker_line.removeprefix(MARKER))
    return figures


def _child(package: Path, store_path: Path) -> int:
    """Open the store, then time the import alone."""
    from classroom_desk.importers.oneroster import import_oneroster

    store = open_store(store_path)
    rss_before = _peak_rss_mb()
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
        "peak_rss_mb": _peak_rss_mb(),
        "students": students,
        "enrollments": enrollments,
    }
    print(MARKER + json.dumps(figures), flush=True)
    return 0


def _peak_rss_mb() -> float:
    """This process's peak resident set since it started (Linux ``VmHWM``)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _generate(folder: Path, *, users: int, classes: int, regenerate: bool) -> float:
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
    _write(folder / "orgs.csv", _orgs())
    _write(folder / "academicSessions.csv", _sessions())
    _write(folder / "courses.csv", _courses(courses))
    _write(folder / "classes.csv", _classes(classes, courses))
    _write(folder / "users.csv", _users(teachers, students))
    _write(folder / "roles.csv", _roles(teachers, students))
    _write(folder / "enrollments.csv", _enrollments(classes, teachers, students))
    _write(done, _manifest())  # last: a package without a manifest is regenerated
    return time.perf_counter() - started


def _write(path: Path, rows: Any) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)


def _manifest() -> Any:
    yield ("propertyName", "value")
    yield ("manifest.version", "1.0")
    yield ("oneroster.version", "1.2")
    for kind in ("academicSessions", "classes", "courses", "enrollments", "orgs", "roles", "users"):
        yield (f"file.{kind}", "bulk")
    yield ("file.demographics", "absent")


STAMP = "2025-08-01T00:00:00.000Z"


def _orgs() -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "name",
        "type",
        "identifier",
        "parentSourcedId",
    )
    yield ("district-1", "active", STAMP, "Bench District", "district", "", "")
    yield ("school-1", "active", STAMP, "Bench High School", "school", "", "district-1")


def _sessions() -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "type",
        "startDate",
        "endDate",
        "parentSourcedId",
        "schoolYear",
    )
    yield (
        "year-1",
        "active",
        STAMP,
        "2025-2026",
        "schoolYear",
        "2025-08-25",
        "2026-06-12",
        "",
        "2026",
    )
    yield ("term-1", "active", STAMP, "Fall", "term", "2025-08-25", "2025-12-19", "year-1", "2026")


def _courses(count: int) -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "schoolYearSourcedId",
        "title",
        "courseCode",
        "grades",
        "orgSourcedId",
        "subjects",
        "subjectCodes",
    )
    for n in range(count):
        subject = SUBJECTS[n % len(SUBJECTS)]
        yield (
            f"course-{n}",
            "active",
            STAMP,
            "year-1",
            f"{subject} {n}",
            f"C{n}",
            f"{9 + n % 4:02d}",
            "school-1",
            subject,
            "",
        )


def _classes(count: int, courses: int) -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "grades",
        "courseSourcedId",
        "classCode",
        "classType",
        "location",
        "schoolSourcedId",
        "termSourcedIds",
        "subjects",
        "subjectCodes",
        "periods",
    )
    for n in range(count):
        course = n % courses
        yield (
            f"class-{n}",
            "active",
            STAMP,
            f"{SUBJECTS[course % len(SUBJECTS)]} {n}",
            f"{9 + course % 4:02d}",
            f"course-{course}",
            f"K{n}",
            "scheduled",
            "",
            "school-1",
            "term-1",
            "",
            "",
            str(1 + n % 7),
        )


def _name(n: int) -> tuple[str, str]:
    return GIVEN_NAMES[n % len(GIVEN_NAMES)], FAMILY_NAMES[
        (n // len(GIVEN_NAMES)) % len(FAMILY_NAMES)
    ]


def _users(teachers: int, students: int) -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "enabledUser",
        "username",
        "userIds",
        "givenName",
        "familyName",
        "middleName",
        "identifier",
        "email",
        "sms",
        "phone",
        "agentSourcedIds",
        "grades",
        "password",
        "userMasterIdentifier",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
    )
    for n in range(teachers):
        given, family = _name(n)
        yield (
            f"teacher-{n}",
            "active",
            STAMP,
            "true",
            f"t{n}",
            "",
            given,
            family,
            "",
            f"T{n}",
            f"t{n}@bench.test",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "school-1",
            "",
        )
    for n in range(students):
        given, family = _name(n + 7)
        yield (
            f"student-{n}",
            "active",
            STAMP,
            "true",
            f"s{n}",
            "",
            given,
            family,
            "",
            f"S{n}",
            "",
            "",
            "",
            "",
            f"{9 + n % 4:02d}",
            "",
            "",
            "",
            "",
            "",
            "school-1",
            "",
        )


def _roles(teachers: int, students: int) -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "userSourcedId",
        "roleType",
        "role",
        "beginDate",
        "endDate",
        "orgSourcedId",
        "userProfileSourcedId",
    )
    for kind, count in (("teacher", teachers), ("student", students)):
        for n in range(count):
            yield (
                f"role-{kind}-{n}",
                "active",
                STAMP,
                f"{kind}-{n}",
                "primary",
                kind,
                "",
                "",
                "school-1",
                "",
            )


def _enrollments(classes: int, teachers: int, students: int) -> Any:
    yield (
        "sourcedId",
        "status",
        "dateLastModified",
        "classSourcedId",
        "schoolSourcedId",
        "userSourcedId",
        "role",
        "primary",
        "beginDate",
        "endDate",
    )
    seat = 0
    for n in range(classes):
        yield (
            f"enr-t-{n}",
            "active",
            STAMP,
            f"class-{n}",
            "school-1",
            f"teacher-{n % teachers}",
            "teacher",
            "true",
            "",
            "",
        )
        for _ in range(STUDENTS_PER_CLASS):
            yield (
                f"enr-s-{seat}",
                "active",
                STAMP,
                f"class-{n}",
                "school-1",
                f"student-{seat % students}",
                "student",
                "false",
                "",
                "",
            )
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

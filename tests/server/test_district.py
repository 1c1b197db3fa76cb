"""A district on one server: a OneRoster package of three schools imports every school
into one database (SQLite and PostgreSQL), each with its own classes, students and
teachers, and again without a change; what it cannot keep (a class at an org that is not
a school, a student in two schools) is refused with where, changing nothing; an existing
school's database takes the district in place; admin commands act on the school named by
``--school``; and a school's teacher, principal and admin see nothing of another school
on any endpoint, nor on the teacher's laptop."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, text

from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import ImportOptions, RemovalsNeedConfirmationError
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server.database import (
    head_seq,
    make_engine,
    migrate,
    read_transaction,
    write_transaction,
)
from classroom_desk.server.oneroster_import import import_oneroster_on_server
from classroom_desk.server.records import upsert_rows, upsert_school
from tests.importers.history import add_attempt_on_server
from tests.importers.packages import BASE_COUNTS, BASE_FILES, line_of, write_package
from tests.importers.test_samples import SAMPLES
from tests.server.test_oneroster_import import _everything
from tests.server.test_server import auth, note_put, push_one
from tests.sync.harness import (
    Laptop,
    PostgresCluster,
    ServerProcess,
    server_checksums,
    server_cli,
    sqlite_url,
)

PASSWORD = "district passwords"
#: Each school's number, name and e-mail domain; school 1 is the base package's.
SCHOOLS = {"1": ("Maple Elementary", "maple"), "2": ("Oak Elementary", "oak"),
           "3": ("Pine Elementary", "pine")}  # fmt: skip
#: The base package's per-school ids (the district and the term are shared).
_SCHOOL_ID = re.compile(r"org-1|[tsp]-\d+|cls-\w+|crs-\w+|e-[\w-]+")


def _for_school(row: str, school: str) -> str:
    if school == "1":
        return row
    name, mail = SCHOOLS[school]
    fields = [
        (f"org-{school}" if value == "org-1" else f"{value}-{school}")
        if _SCHOOL_ID.fullmatch(value)
        else value
        for value in row.split(",")
    ]
    return ",".join(fields).replace("Maple Elementary", name).replace("@maple.", f"@{mail}.")


def district_files() -> dict[str, str | bytes]:
    """The base package three times over, as schools 1 (the base's own ids), 2 and 3 of
    one district (the district and the term once)."""
    files: dict[str, str | bytes] = {}
    for name, content in BASE_FILES.items():
        header, *rows = content.splitlines()
        lines = [header, *rows]
        for school in ("2", "3"):
            lines += [made for row in rows if (made := _for_school(row, school)) != row]
        files[name] = "\n".join(lines) + "\n"
    return files


def _with(files: dict[str, str | bytes], name: str, *rows: str) -> dict[str, str | bytes]:
    content = files[name]
    assert isinstance(content, str)
    return {**files, name: content + "".join(f"{row}\n" for row in rows)}


def _without(files: dict[str, str | bytes], name: str, *starts: str) -> dict[str, str | bytes]:
    content = files[name]
    assert isinstance(content, str)
    kept = [line for line in content.splitlines(keepends=True) if not line.startswith(starts)]
    return {**files, name: "".join(kept)}


def _url(database: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if database == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.new_database()
    return sqlite_url(tmp_path)


def _district_server(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[str, subprocess.CompletedProcess[str]]:
    """A new server database of this kind, and its import of the district's package."""
    url = _url(database, request, tmp_path)
    package = write_package(tmp_path / "district", district_files())
    return url, server_cli(url, "import-oneroster", str(package))


def _school_id(number: str) -> str:
    return record_id("school", f"org-{number}")


def _counts(engine: Engine) -> dict[str, dict[str, int]]:
    """Per school name: its teachers, students, classes and student enrollments."""
    queries = {
        "teacher": "SELECT school_id, COUNT(*) FROM teacher GROUP BY school_id",
        "student": "SELECT school_id, COUNT(*) FROM student GROUP BY school_id",
        "class_section": "SELECT school_id, COUNT(*) FROM class_section GROUP BY school_id",
        "enrollment": "SELECT c.school_id, COUNT(*) FROM enrollment e"
        " JOIN class_section c ON c.id = e.section_id GROUP BY c.school_id",
    }
    with read_transaction(engine) as connection:
        names = dict(connection.execute(text("SELECT id, name FROM school")).all())
        counts: dict[str, dict[str, int]] = {name: {} for name in names.values()}
        for table, query in queries.items():
            for school_id, count in connection.execute(text(query)):
                counts[names[school_id]][table] = count
    return counts


def _heads(engine: Engine) -> dict[str, int]:
    with read_transaction(engine) as connection:
        return {
            number: head_seq(connection, _school_id(number))
            for number in SCHOOLS
            if connection.execute(
                text("SELECT 1 FROM school WHERE id = :id"), {"id": _school_id(number)}
            ).first()
        }


# -- importing ---------------------------------------------------------------------------


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_district_package_imports_each_school_and_again_changes_nothing(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, imported = _district_server(database, request, tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "roster for Maple Elementary and Oak Elementary and Pine Elementary" in imported.stdout
    assert "  students     12 added: Ava Nguyen" in imported.stdout
    assert "classes of other schools" not in imported.stdout
    engine = make_engine(url)
    try:
        assert _counts(engine) == {name: BASE_COUNTS for name, _ in SCHOOLS.values()}
        with read_transaction(engine) as connection:
            # Each school's laptops are sent the content areas (shared by the schools).
            areas = connection.execute(
                text(
                    "SELECT school_id, COUNT(*) FROM sync_row WHERE table_name = 'content_area'"
                    " GROUP BY school_id"
                )
            ).all()
            assert sorted(count for _, count in areas) == [2, 2, 2]
            oak = connection.execute(
                text("SELECT school_id FROM student WHERE source_id = 's-1-2'")
            ).scalar_one()
        assert oak == _school_id("2")
        heads = _heads(engine)
        again = import_oneroster_on_server(engine, tmp_path / "district")
        assert not again.changes_anything
        # Nothing but each school's roster import time is published again.
        assert _heads(engine) == {number: seq + 1 for number, seq in heads.items()}
    finally:
        engine.dispose()


def _sample_school(sample: Path, prefix: str, name: str) -> dict[str, list[list[str]]]:
    """One school of a district made from a real export: every id prefixed, its org a
    school of district ``d``."""
    id_columns = {"sourcedid", "orgsourcedids", "classsourcedid", "schoolsourcedid",
                  "usersourcedid", "coursesourcedid", "termsourcedids"}  # fmt: skip
    tables = {}
    for path in sorted(sample.glob("*.csv")):
        if path.name == "manifest.csv":
            continue
        header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        keys = [column.strip().casefold() for column in header]
        for row in rows:
            for index, key in enumerate(keys):
                if key in id_columns and index < len(row) and row[index]:
                    row[index] = ",".join(f"{prefix}{part}" for part in row[index].split(","))
            if path.name == "orgs.csv":
                row[3:7] = [name, "school", "", "d"]
        tables[path.name] = [header, *rows]
    return tables


def _sample_district(sample: Path, folder: Path) -> Path:
    schools = [
        _sample_school(sample, prefix, name)
        for prefix, name in (("a-", "Aspen"), ("b-", "Birch"), ("c-", "Cedar"))
    ]
    folder.mkdir()
    (folder / "manifest.csv").write_text((sample / "manifest.csv").read_text())
    for file_name, (header, *_) in schools[0].items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        if file_name == "orgs.csv":
            writer.writerow(["d", "active", "", "Birch Valley District", "district", "", ""])
        for school in schools:
            writer.writerows(school[file_name][1:])
        (folder / file_name).write_text(out.getvalue())
    return folder


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the shared samples are not at {SAMPLES}")
@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_three_schools_made_from_a_real_export_import_on_one_server(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    package = _sample_district(SAMPLES / "Test_full_data_set", tmp_path / "district")
    engine = make_engine(_url(database, request, tmp_path))
    try:
        migrate(engine)
        report = import_oneroster_on_server(engine, package)
        assert report.school == "Aspen and Birch and Cedar"
        counts = _counts(engine)
        assert list(counts) and counts["Aspen"]["class_section"] >= 1
        assert counts == dict.fromkeys(("Aspen", "Birch", "Cedar"), counts["Aspen"])
        assert not import_oneroster_on_server(engine, package).changes_anything
    finally:
        engine.dispose()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_school_s_database_takes_its_district_in_place(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The school imported alone before, with activity and an account: the district's
    package adds the two other schools and changes nothing of it."""
    url = _url(database, request, tmp_path)
    assert server_cli(url, "import-oneroster", str(write_package(tmp_path / "one"))).returncode == 0
    created = server_cli(url, "create-teacher", "--username", "elena", "--given-name", "Elena",
                         "--family-name", "Rivera", "--email", "elena@maple.test",
                         "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert created.returncode == 0, created.stderr
    engine = make_engine(url)
    try:
        add_attempt_on_server(engine, record_id("student", "s-2"), score=85)
        heads = _heads(engine)
        district = write_package(tmp_path / "district", district_files())
        # A school's server keeps to its school unless told to take the district.
        kept = import_oneroster_on_server(engine, district)
        assert (kept.school, kept.changes_anything) == ("Maple Elementary", False)
        report = import_oneroster_on_server(engine, district, every_school=True)
        assert report.changes["students"].added == 8
        assert report.changes["students"].removed == report.changes["students"].updated == 0
        assert _counts(engine) == {name: BASE_COUNTS for name, _ in SCHOOLS.values()}
        assert _heads(engine)["1"] == heads["1"] + 2  # the roster's import times only
        with read_transaction(engine) as connection:
            kept = connection.execute(
                text(
                    "SELECT a.school_id, t.school_id, COUNT(u.id) FROM account a"
                    " JOIN teacher t ON t.id = a.teacher_id, unit_attempt u"
                    " WHERE a.username = 'elena'"
                    " GROUP BY a.school_id, t.school_id"
                )
            ).one()
        assert tuple(kept) == (_school_id("1"), _school_id("1"), 1)
    finally:
        engine.dispose()


def test_a_class_at_an_org_that_is_not_a_school_is_refused_with_where(
    engine: Engine, tmp_path: Path
) -> None:
    files = _with(
        _with(
            district_files(),
            "classes.csv",
            "cls-d,active,2024-08-01,District Reading,04,crs-r,,scheduled,,org-d,term-1,,,",
        ),
        "enrollments.csv",
        "e-t9-d,active,2024-08-01,cls-d,org-d,t-9,teacher,true,,",
    )
    files = _with(files, "users.csv", "t-9,active,2024-08-01,true,org-d,teacher,,,Ida,Ng,,,,,,,,")
    import_oneroster_on_server(engine, write_package(tmp_path / "first", district_files()))
    before = _everything(engine)
    package = write_package(tmp_path / "bad", files)
    line = line_of("classes.csv", "cls-d,", files)
    with pytest.raises(InputError) as refused:
        import_oneroster_on_server(engine, package)
    assert str(refused.value) == (
        f"{package / 'classes.csv'}:{line}:10: expected schoolSourcedId to name an org of type "
        "school (a district package holds several schools); org-d (Maple District) is a "
        "district in orgs.csv"
    )
    assert _everything(engine) == before


def test_a_student_in_two_schools_is_refused_with_the_enrollment_and_nothing_changes(
    engine: Engine, tmp_path: Path
) -> None:
    """A student is one school's (a teacher of two schools has a record in each: see
    test_teacher_of_two_schools)."""
    enrollment = "e-s1-oak,active,2024-08-01,cls-r-2,org-2,s-1,student,false,,"
    words = "Ava Nguyen (s-1)"
    import_oneroster_on_server(engine, write_package(tmp_path / "first", district_files()))
    before = _everything(engine)
    files = _with(district_files(), "enrollments.csv", enrollment)
    package = write_package(tmp_path / "bad", files)
    with pytest.raises(InputError) as refused:
        import_oneroster_on_server(engine, package)
    line = line_of("enrollments.csv", enrollment.split(",")[0] + ",", files)
    assert str(refused.value).startswith(f"{package / 'enrollments.csv'}:{line}:6: expected each")
    assert words in str(refused.value)
    assert "Maple Elementary" in str(refused.value)
    assert _everything(engine) == before


def test_a_person_in_two_schools_is_refused_at_the_line_of_a_semicolon_separated_file(
    engine: Engine, tmp_path: Path
) -> None:
    """The refusal names the line and column the importer read the enrollment at, in a
    file written as the importer reads it (semicolon-separated, as Excel saves CSV in
    much of the world)."""
    enrollment = "e-s1-oak,active,2024-08-01,cls-r-2,org-2,s-1,student,false,,"
    files = _with(district_files(), "enrollments.csv", enrollment)
    content = files["enrollments.csv"]
    assert isinstance(content, str)
    files["enrollments.csv"] = content.replace(",", ";")
    package = write_package(tmp_path / "bad", files)
    with pytest.raises(InputError) as refused:
        import_oneroster_on_server(engine, package)
    line = line_of("enrollments.csv", enrollment.replace(",", ";"), files)
    assert (refused.value.file, refused.value.line, refused.value.column) == (
        str(package / "enrollments.csv"), line, 6,
    )  # fmt: skip
    assert "Ava Nguyen (s-1)" in refused.value.expected
    assert _counts(engine) == {}


def test_a_class_at_a_district_is_refused_at_its_line_after_a_title_of_two_lines(
    engine: Engine, tmp_path: Path
) -> None:
    """A quoted title over two lines earlier in classes.csv (Oak's, after Maple's rows):
    the refusal still names the line the class is on."""
    files = _with(district_files(), "classes.csv",
                  'cls-b-2,active,2024-08-01,"Reading 4B\n(Oak)",04,crs-r-2,,scheduled,,org-2,'
                  "term-1,,,",
                  "cls-d,active,2024-08-01,District Reading,04,crs-r,,scheduled,,org-d,"
                  "term-1,,,")  # fmt: skip
    files = _with(files, "enrollments.csv",
                  "e-t1-b-2,active,2024-08-01,cls-b-2,org-2,t-1-2,teacher,true,,",
                  "e-t9-d,active,2024-08-01,cls-d,org-d,t-9,teacher,true,,")  # fmt: skip
    files = _with(files, "users.csv", "t-9,active,2024-08-01,true,org-d,teacher,,,Ida,Ng,,,,,,,,")
    package = write_package(tmp_path / "bad", files)
    with pytest.raises(InputError) as refused:
        import_oneroster_on_server(engine, package)
    line = line_of("classes.csv", "cls-d,", files)
    assert (refused.value.file, refused.value.line, refused.value.column) == (
        str(package / "classes.csv"), line, 10,
    )  # fmt: skip
    assert _counts(engine) == {}


@contextmanager
def _opens_below(folder: Path) -> Iterator[Counter[str]]:
    """How many times each file below ``folder`` is opened while the block runs (the
    interpreter's ``open`` audit event: every open of a real file, however it is made)."""
    _hook_open_counting()
    opened: Counter[str] = Counter()
    _OPEN_COUNTERS.append((folder.resolve(), opened))
    try:
        yield opened
    finally:
        _OPEN_COUNTERS.pop()


_OPEN_COUNTERS: list[tuple[Path, Counter[str]]] = []


def _count_open(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _OPEN_COUNTERS or not isinstance(args[0], str | Path):
        return
    folder, opened = _OPEN_COUNTERS[-1]
    path = Path(args[0]).resolve()
    if path.is_relative_to(folder):
        opened[path.name] += 1


@functools.cache
def _hook_open_counting() -> None:
    """Hook ``_count_open`` in, once: an audit hook stays for the rest of the process (it
    counts only inside ``_opens_below``)."""
    sys.addaudithook(_count_open)


def test_a_district_s_package_is_read_as_often_as_one_school_s(
    engine: Engine, tmp_path: Path
) -> None:
    """Each file of a package of three schools is opened as many times as a package of
    one school's: the package is read once, not once for each school."""
    with _opens_below(write_package(tmp_path / "maple")) as one_school:
        import_oneroster_on_server(engine, tmp_path / "maple")
    with _opens_below(write_package(tmp_path / "district", district_files())) as district:
        import_oneroster_on_server(engine, tmp_path / "district", every_school=True)
    assert _counts(engine) == {name: BASE_COUNTS for name, _ in SCHOOLS.values()}
    assert set(one_school) == {"manifest.csv", *BASE_FILES}
    assert district == one_school


def test_a_class_at_an_org_the_package_does_not_list_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    files = _with(
        district_files(),
        "classes.csv",
        "cls-z,active,2024-08-01,Reading 9,04,crs-r,,scheduled,,org-9,term-1,,,",
    )
    with pytest.raises(InputError, match=r"classes\.csv:\d+:10: expected schoolSourcedId"):
        import_oneroster_on_server(engine, write_package(tmp_path / "bad", files))
    assert _everything(engine) == _everything(engine) and _counts(engine) == {}


def test_a_user_of_two_orgs_teaching_in_one_is_that_school_s(
    engine: Engine, tmp_path: Path
) -> None:
    """OneRoster's users.orgSourcedIds may list several orgs: a person's school on the
    server is the one whose classes they are in."""
    files = district_files()
    users = files["users.csv"]
    assert isinstance(users, str)
    files["users.csv"] = users.replace(
        "t-1,active,2024-08-01,true,org-1,", 't-1,active,2024-08-01,true,"org-1,org-2",'
    )
    import_oneroster_on_server(engine, write_package(tmp_path / "district", files))
    with read_transaction(engine) as connection:
        school = connection.execute(
            text("SELECT school_id FROM teacher WHERE source_id = 't-1'")
        ).scalar_one()
    assert school == _school_id("1")


def test_a_changed_district_package_changes_only_what_changed(
    engine: Engine, tmp_path: Path
) -> None:
    import_oneroster_on_server(engine, write_package(tmp_path / "first", district_files()))
    heads = _heads(engine)
    changed = district_files()
    users = changed["users.csv"]
    assert isinstance(users, str)
    # Oak's Ben is Benjamin now; Pine drops its art class.
    oak_ben = "s-2-2,active,2024-08-01,true,org-2,student,,,Ben,"
    changed["users.csv"] = users.replace(oak_ben, oak_ben.replace("Ben,", "Benjamin,"))
    changed = _without(changed, "classes.csv", "cls-a-3,")
    changed = _without(changed, "enrollments.csv", "e-t2-a-3,", "e-s4-a-3,")
    report = import_oneroster_on_server(engine, write_package(tmp_path / "changed", changed))
    assert (report.changes["students"].updated, report.changes["classes"].removed) == (1, 1)
    assert report.changes["students"].names["updated"] == ("Benjamin Ortiz",)
    after = _heads(engine)
    assert after["1"] == heads["1"] + 1  # Maple: only the roster's import time
    assert after["2"] > heads["2"] + 1 and after["3"] > heads["3"] + 1
    with read_transaction(engine) as connection:
        names = connection.execute(
            text("SELECT source_id, given_name FROM student WHERE family_name = 'Ortiz'")
        ).all()
        pine = connection.execute(
            text("SELECT COUNT(*) FROM class_section WHERE school_id = :s"),
            {"s": _school_id("3")},
        ).scalar_one()
    assert sorted(names) == [("s-2", "Ben"), ("s-2-2", "Benjamin"), ("s-2-3", "Ben")]
    assert pine == 2


# -- administering one school of several --------------------------------------------------


@pytest.fixture
def district_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url, imported = _district_server("sqlite", request, tmp_path)
    assert imported.returncode == 0, imported.stderr
    return url


@pytest.mark.parametrize(
    "command",
    [
        ("set-school", "--time-zone", "America/Denver"),
        ("list-devices",),
        ("export-reassignments", "--output", "feed.csv"),
        ("create-teacher", "--username", "x", "--given-name", "X", "--family-name", "Y",
         "--email", "x@oak.test", "--password-stdin"),
    ],
    ids=lambda command: command[0],
)  # fmt: skip
def test_an_admin_command_needs_a_school_the_server_holds(
    command: tuple[str, ...], district_url: str, tmp_path: Path
) -> None:
    command = tuple(str(tmp_path / a) if a == "feed.csv" else a for a in command)
    listed = (f"{_school_id('1')} (Maple Elementary); {_school_id('2')} (Oak Elementary); "
              f"{_school_id('3')} (Pine Elementary)")  # fmt: skip
    for school, what in ((("--school", "org-7"), "no school 'org-7' on the server"),
                         ((), "the server holds 3 schools")):  # fmt: skip
        done = server_cli(district_url, *command, *school, stdin=PASSWORD + "\n")
        assert done.returncode == 1
        assert done.stderr == (
            f"classroom-desk-server: {what}: choose one with --school (its id, SIS sourcedId "
            f"or name): {listed}\n"
        )
    assert not (tmp_path / "feed.csv").exists()


def test_each_school_keeps_its_own_time_zone_first_day_and_thresholds(district_url: str) -> None:
    oak = server_cli(district_url, "set-school", "--school", "org-2",
                     "--time-zone", "America/Denver", "--first-day", "sunday",
                     "--min-weekly-minutes", "45")  # fmt: skip
    assert oak.returncode == 0, oak.stderr
    pine = server_cli(district_url, "set-school", "--school", "Pine Elementary",
                      "--mastery-score", "85")  # fmt: skip
    assert pine.returncode == 0, pine.stderr
    engine = make_engine(district_url)
    try:
        with read_transaction(engine) as connection:
            rows = connection.execute(
                text(
                    "SELECT name, time_zone, first_day_of_week, min_weekly_minutes, mastery_score"
                    " FROM school ORDER BY name"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("Maple Elementary", "America/Chicago", 0, 30, 80.0),
        ("Oak Elementary", "America/Denver", 6, 45, 80.0),
        ("Pine Elementary", "America/Chicago", 0, 30, 85.0),
    ]


# -- what each school's accounts see -----------------------------------------------------


def _account(url: str, user: str, role: str, school: str, email: str) -> None:
    done = server_cli(url, "create-teacher", "--username", user, "--given-name", "T",
                      "--family-name", role, "--email", email, "--role", role,
                      "--school", school, "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert done.returncode == 0, done.stderr


def _token(server: ServerProcess, user: str) -> tuple[str, str]:
    device = f"device-{uuid.uuid4()}"
    answer = httpx.post(
        f"{server.url}/auth/sign-in",
        json={"user": user, "password": PASSWORD, "device_id": device},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"]), device


def _everything_read(server: ServerProcess, token: str, others: dict[str, list[str]]) -> bytes:
    """Every read endpoint's answer to this account, including a full pull, and a try at
    each of another school's classes and students (each must be 404)."""
    headers = auth(token)
    read = b""
    cursor, epoch = 0, None
    while True:
        page = httpx.post(f"{server.url}/sync/pull", headers=headers,
                          json={"cursor": cursor, "epoch": epoch, "limit": 1000})  # fmt: skip
        assert page.status_code == 200, page.text
        read += page.content
        cursor, epoch = page.json()["next_cursor"], page.json()["epoch"]
        if not page.json()["has_more"]:
            break
    for path in ("/sections", "/school/months/2024/9", "/policy", "/feed/reassignments",
                 "/auth/devices"):  # fmt: skip
        answer = httpx.get(f"{server.url}{path}", headers=headers)
        assert answer.status_code == 200, (path, answer.text)
        read += answer.content
    for section in others["class_section"]:
        answer = httpx.get(f"{server.url}/sections/{section}/students", headers=headers)
        assert answer.status_code == 404, answer.text
    for student in others["student"]:
        assert httpx.get(f"{server.url}/students/{student}", headers=headers).status_code == 404
    return read


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_school_s_accounts_and_laptop_see_nothing_of_another_school(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, imported = _district_server(database, request, tmp_path)
    assert imported.returncode == 0, imported.stderr
    _account(url, "elena", "teacher", "org-1", "elena@maple.test")
    _account(url, "maple-principal", "principal", "org-1", "p@maple.test")
    _account(url, "maple-admin", "admin", "Maple Elementary", "a@maple.test")
    _account(url, "elena-oak", "teacher", "org-2", "elena@oak.test")
    _account(url, "oak-principal", "principal", "org-2", "p@oak.test")
    engine = make_engine(url)
    with read_transaction(engine) as connection:
        others: dict[str, list[str]] = {
            table: list(
                connection.execute(
                    text(f"SELECT id FROM {table} WHERE {column} != :s"), {"s": _school_id("1")}
                ).scalars()
            )
            for table, column in (("class_section", "school_id"), ("student", "school_id"),
                                  ("teacher", "school_id"), ("school", "id"))
        }  # fmt: skip
    engine.dispose()
    server = ServerProcess(url, tmp_path, demo=False)
    server.start()
    laptop = Laptop(tmp_path / "laptop.sqlite", server.url, "elena")
    try:
        # Something of Oak's in its log: a note on a student of Oak's teacher.
        token, device = _token(server, "elena-oak")
        oak_student = record_id("student", "s-1-2")
        secret = f"oak's words {uuid.uuid4()}"
        assert (
            push_one(server, token, device, note_put(oak_student, secret))["outcome"] == "applied"
        )
        oak_sees = _everything_read(
            server, _token(server, "oak-principal")[0], {"class_section": [], "student": []}
        )
        assert b"Oak Elementary" in oak_sees
        for user in ("elena", "maple-principal", "maple-admin"):
            read = _everything_read(server, _token(server, user)[0], others).decode()
            assert "Maple Elementary" in read
            leaked = [
                name for name in ("Oak Elementary", "Pine Elementary", secret) if name in read
            ]
            leaked += [i for ids in others.values() for i in ids if i in read]
            assert leaked == [], user
        laptop.sign_in(PASSWORD)
        laptop.sync()
        held = laptop.store.connection.execute(
            "SELECT (SELECT group_concat(name) FROM school),"
            " (SELECT COUNT(*) FROM student), (SELECT COUNT(*) FROM teacher),"
            " (SELECT group_concat(name, ', ') FROM (SELECT name FROM class_section ORDER BY name))"
        ).fetchone()
        assert held == ("Maple Elementary", 4, 2, "Homeroom 4A, Reading 4A")
        assert laptop.checksums() == server_checksums(url, "elena")
    finally:
        laptop.close()
        server.stop()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_school_s_data_sources_become_its_own_rows_in_place(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Migration 0012 on a populated school's database: each data source (the roster's
    and a feed's import times, as 0011 kept them, one row for the server) becomes the
    school's, and a district's schools then keep their own."""
    engine = make_engine(_url(database, request, tmp_path))
    try:
        migrate(engine, "0011_attempts_by_student_time")
        school = _school_id("1")
        sources = [
            {"id": "roster", "kind": "roster", "name": "Roster",
             "imported_at": "2026-11-30T06:00:00Z"},
            {"id": "activity:ALEKS", "kind": "activity", "name": "ALEKS",
             "imported_at": "2026-12-01T06:02:00Z"},
        ]  # fmt: skip
        maple = {"id": school, "name": "Maple Elementary", "time_zone": "America/Chicago",
                 "first_day_of_week": 0, "min_weekly_minutes": 30, "mastery_score": 80.0,
                 "target_average": 80.0, "weekly_units_target": 2}  # fmt: skip
        with write_transaction(engine) as connection:
            upsert_school(connection, maple)
            upsert_rows(connection, school, "data_source", sources)  # as 0011's server did
        migrate(engine)
        with read_transaction(engine) as connection:
            kept = connection.execute(
                text("SELECT school_id, id, kind, name, imported_at FROM data_source ORDER BY id")
            ).all()
        assert [tuple(row) for row in kept] == [
            (school, *source.values()) for source in sorted(sources, key=lambda s: s["id"])
        ]
        package = write_package(tmp_path / "district", district_files())
        import_oneroster_on_server(engine, package, every_school=True)
        with read_transaction(engine) as connection:
            rosters = connection.execute(
                text("SELECT school_id, imported_at FROM data_source WHERE id = 'roster'")
            ).all()
            published = connection.execute(
                text(
                    "SELECT school_id, data FROM sync_row"
                    " WHERE table_name = 'data_source' AND row_id = 'roster'"
                )
            ).all()
        assert sorted(school for school, _ in rosters) == sorted(_school_id(n) for n in SCHOOLS)
        assert all(at > "2026-11-30T06:00:00Z" for _, at in rosters)
        # What each school's laptops were sent is what the server keeps for that school.
        assert {s: json.loads(data)["imported_at"] for s, data in published} == dict(rosters)
    finally:
        engine.dispose()


def test_a_dry_run_of_a_district_says_each_school_s_change_and_writes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    before = _everything(engine)
    package = write_package(tmp_path / "district", district_files())
    report = import_oneroster_on_server(engine, package, options=ImportOptions(dry_run=True))
    assert not report.applied
    assert report.school == "Maple Elementary and Oak Elementary and Pine Elementary"
    assert report.changes["classes"].added == 9
    assert _everything(engine) == before


def test_removals_in_one_school_need_a_yes_and_a_refusal_changes_no_school(
    engine: Engine, tmp_path: Path
) -> None:
    """Oak's export drops three of its four students: the rule of a single school's
    import holds for each school of a district, and the schools imported before Oak in
    the same package are not changed either."""
    import_oneroster_on_server(engine, write_package(tmp_path / "first", district_files()))
    before = _everything(engine)
    changed = _without(district_files(), "users.csv", "s-1-2,", "s-2-2,", "s-3-2,")
    changed = _without(changed, "enrollments.csv", *(f"e-s{n}-{c}-2," for n in (1, 2, 3)
                                                     for c in "rma"))  # fmt: skip
    maple = changed["users.csv"]
    assert isinstance(maple, str)
    changed["users.csv"] = maple.replace(",Ava,Nguyen,", ",Ava Marie,Nguyen,", 1)  # Maple's
    package = write_package(tmp_path / "changed", changed)
    with pytest.raises(RemovalsNeedConfirmationError) as refused:
        import_oneroster_on_server(engine, package)
    assert refused.value.expected.startswith(
        "Oak Elementary: this import would remove or make inactive 3 of 4 students"
    )
    assert _everything(engine) == before
    report = import_oneroster_on_server(
        engine, package, options=ImportOptions(confirm_removals=True)
    )
    assert (report.changes["students"].removed, report.changes["students"].updated) == (3, 1)


def test_a_second_school_s_own_package_adds_that_school(engine: Engine, tmp_path: Path) -> None:
    """What was refused before districts ("use another --database"): Oak's own export on
    Maple's server makes it a server of two schools, Maple's roster untouched."""
    import_oneroster_on_server(engine, write_package(tmp_path / "maple"))
    heads = _heads(engine)
    oak = {
        name: "\n".join(
            [content.splitlines()[0]]
            + [_for_school(row, "2") for row in content.splitlines()[1:] if ",district," not in row]
        )
        + "\n"
        for name, content in BASE_FILES.items()
    }
    report = import_oneroster_on_server(engine, write_package(tmp_path / "oak", oak))
    assert report.school == "Oak Elementary"
    assert _counts(engine) == {"Maple Elementary": BASE_COUNTS, "Oak Elementary": BASE_COUNTS}
    assert _heads(engine)["1"] == heads["1"]

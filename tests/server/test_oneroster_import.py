"""``classroom-desk-server import-oneroster``: the server's roster is the laptop importer's,
written through the sync log, all or nothing, and it reaches the teachers' laptops."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import ImportOptions, import_oneroster
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server.database import head_seq, make_engine, read_transaction
from classroom_desk.server.oneroster_import import ROSTER_TABLES, import_oneroster_on_server
from classroom_desk.server.records import rows_of
from classroom_desk.store.database import open_store
from classroom_desk.sync.tables import TABLES, table_checksum
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.history import add_attempt_on_server
from tests.importers.packages import (
    ENROLLMENT_HEADER,
    USER_HEADER,
    line_of,
    replaced,
    write_package,
)
from tests.importers.test_samples import SAMPLE_NAMES, SAMPLES
from tests.sync.harness import (
    Laptop,
    PostgresCluster,
    ServerProcess,
    server_checksums,
    server_cli,
    sqlite_url,
)

PASSWORD = "imported rosters"


def _server_roster(engine: Engine) -> dict[str, tuple[int, str]]:
    with read_transaction(engine) as connection:
        return {t: table_checksum(TABLES[t], rows_of(connection, t)) for t in ROSTER_TABLES}


def _laptop_roster(package: Path, folder: Path) -> dict[str, tuple[int, str]]:
    store = open_store(folder / "laptop.sqlite")
    try:
        import_oneroster(package, store)
        sums = {}
        for table in ROSTER_TABLES:
            spec = TABLES[table]
            cursor = store.connection.execute(f"SELECT {', '.join(spec.columns)} FROM {table}")
            rows = [dict(zip(spec.columns, row, strict=True)) for row in cursor]
            sums[table] = table_checksum(spec, rows)
        return sums
    finally:
        store.close()


def _everything(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (sorted): to show a refused import changed nothing."""
    with read_transaction(engine) as connection:
        tables = [row[0] for row in connection.execute(text("SELECT name FROM sqlite_master"
                                                            " WHERE type = 'table'"))]  # fmt: skip
        return {
            table: sorted(
                (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))),
                key=repr,
            )
            for table in tables
        }


def _school_seq(engine: Engine) -> int:
    with read_transaction(engine) as connection:
        school = connection.execute(text("SELECT id FROM school")).scalar_one()
        return head_seq(connection, school)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the shared samples are not at {SAMPLES}")
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_each_sample_gives_the_server_the_roster_a_laptop_import_gives(
    name: str, engine: Engine, tmp_path: Path
) -> None:
    report = import_oneroster_on_server(engine, SAMPLES / name)
    assert report.school
    assert _server_roster(engine) == _laptop_roster(SAMPLES / name, tmp_path)
    published = _school_seq(engine)
    again = import_oneroster_on_server(engine, SAMPLES / name)
    assert all(
        again.changes[kind].added == again.changes[kind].updated == 0 for kind in again.changes
    )
    # The roster's data is published once; a second import publishes only when the
    # roster was last imported (laptops show how fresh it is).
    assert _school_seq(engine) == published + 1
    with read_transaction(engine) as connection:
        latest = connection.execute(
            text("SELECT table_name, row_id FROM sync_row WHERE server_seq = :seq"),
            {"seq": published + 1},
        ).one()
    assert tuple(latest) == ("data_source", "roster")


def test_a_refused_package_changes_nothing_on_the_server(engine: Engine, tmp_path: Path) -> None:
    import_oneroster_on_server(engine, write_package(tmp_path / "good"))
    before = _everything(engine)
    dangling = replaced("enrollments.csv", "cls-r,org-1,s-3", "cls-x,org-1,s-3")
    with pytest.raises(InputError, match=r"enrollments\.csv:\d+:4: expected classSourcedId"):
        import_oneroster_on_server(engine, write_package(tmp_path / "bad", dangling))
    assert _everything(engine) == before


def test_a_delta_deletion_keeps_a_student_the_server_has_history_for(
    engine: Engine, tmp_path: Path
) -> None:
    import_oneroster_on_server(engine, write_package(tmp_path / "full"))
    student = record_id("student", "s-2")
    add_attempt_on_server(engine, student, score=85)
    delta = {
        "users.csv": USER_HEADER + "\ns-2,tobedeleted,2024-09-10,,,student,,,Ben,Ortiz,,,,,,,04,\n"
        "s-3,tobedeleted,2024-09-10,,,student,,,Cleo,Park,,,,,,,04,\n"
    }
    report = import_oneroster_on_server(
        engine,
        write_package(tmp_path / "delta", delta, modes={"users": "delta"}),
        options=ImportOptions(confirm_removals=True),
    )
    assert report.changes["students"].made_inactive == 1
    assert report.changes["students"].removed == 1
    with read_transaction(engine) as connection:
        students = dict(connection.execute(text("SELECT source_id, active FROM student")).all())
        published = connection.execute(
            text("SELECT data FROM sync_row WHERE table_name = 'student' AND row_id = :id"),
            {"id": student},
        ).scalar_one()
    assert students == {"s-1": 1, "s-2": 0, "s-4": 1}
    assert '"active":0' in published


_cli = server_cli


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_an_imported_roster_reaches_the_teachers_laptop_and_so_do_its_deltas(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if database == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    else:
        url = sqlite_url(tmp_path)
    imported = _cli(url, "import-oneroster", str(write_package(tmp_path / "full")))
    assert imported.returncode == 0, imported.stderr
    assert "  students     4 added: Ava Nguyen" in imported.stdout
    created = _cli(url, "create-teacher", "--username", "elena", "--given-name", "Elena",
                   "--family-name", "Rivera", "--email", "Elena@Maple.test",
                   "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert created.returncode == 0, created.stderr
    server = ServerProcess(url, tmp_path, demo=False)
    server.start()
    laptop = Laptop(tmp_path / "laptop.sqlite", server.url, "elena")
    try:
        laptop.sign_in(PASSWORD)
        laptop.sync()
        assert laptop.one("SELECT group_concat(name, ', ') FROM (SELECT name FROM class_section"
                          " ORDER BY name)") == "Homeroom 4A, Reading 4A"  # fmt: skip
        assert laptop.checksums() == server_checksums(url, "elena")
        note = laptop.actions.save_note(student_id=record_id("student", "s-2"), body="Reads well")
        laptop.sync()

        delta = {
            "enrollments.csv": ENROLLMENT_HEADER + "\ne-s4-r,active,,cls-r,org-1,s-4,student,,,\n",
            "users.csv": USER_HEADER + "\ns-2,tobedeleted,,,,student,,,Ben,Ortiz,,,,,,,04,\n",
        }
        modes = {"enrollments": "delta", "users": "delta"}
        changed = _cli(
            url,
            "import-oneroster",
            str(write_package(tmp_path / "d", delta, modes=modes)),
            "--confirm-removals",
        )
        assert changed.returncode == 0, changed.stderr
        # The nightly delta reaches the laptop as the difference, not a full pull again.
        assert laptop.sync().resets == 0
        assert laptop.checksums() == server_checksums(url, "elena")
        reading = record_id("class", "cls-r")
        enrolled = laptop.store.connection.execute(
            "SELECT s.source_id, s.active FROM enrollment e JOIN student s ON s.id = e.student_id"
            " WHERE e.section_id = ? ORDER BY s.source_id",
            (reading,),
        ).fetchall()
        assert enrolled == [("s-1", 1), ("s-3", 1), ("s-4", 1)]
        # The SIS deleted Ben: he leaves Elena's classes and laptop; the server keeps him,
        # inactive, with the note she wrote.
        assert laptop.one("SELECT COUNT(*) FROM student WHERE source_id = 's-2'") == 0
        engine = make_engine(url)
        try:
            with read_transaction(engine) as connection:
                kept = connection.execute(
                    text(
                        "SELECT s.active, n.body FROM student s"
                        " JOIN conference_note n ON n.student_id = s.id WHERE n.id = :note"
                    ),
                    {"note": note},
                ).one()
        finally:
            engine.dispose()
        assert tuple(kept) == (0, "Reads well")
    finally:
        laptop.close()
        server.stop()


def test_the_command_line_reports_a_bad_package_where_it_is(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    broken = replaced("users.csv", "s-1,active", "s-1,enrolled")
    result = _cli(url, "import-oneroster", str(write_package(tmp_path / "bad", broken)))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path / 'bad' / 'users.csv'}:4:2: expected active, tobedeleted or blank;"
        " found 'enrolled'\n"
    )
    assert result.stdout == ""


def test_the_command_line_takes_one_school_of_a_multi_school_package(tmp_path: Path) -> None:
    """The server imports every school of a package (see test_district), or the one
    ``--school`` names: here the two schools share a student, which the server cannot
    place in both."""
    url = sqlite_url(tmp_path)
    package = write_package(tmp_path / "district", TWO_SCHOOLS)
    refused = _cli(url, "import-oneroster", str(package))
    assert refused.returncode == 1
    line = line_of("enrollments.csv", "e-s4-o,", TWO_SCHOOLS)
    assert refused.stderr.startswith(
        f"{package / 'enrollments.csv'}:{line}:6: expected each student in one school: "
        "Dev Shah (s-4) is in classes of Oak Elementary and of Maple Elementary"
    )
    chosen = _cli(url, "import-oneroster", str(package), "--school", "org-2")
    assert chosen.returncode == 0, chosen.stderr
    assert "for Oak Elementary" in chosen.stdout

"""``classroom-desk-server inbox DIR``: what the SIS and a vendor drop in a folder reaches a
signed-in laptop, with a real server process and real inbox runs. A broken file goes to
failed/ with its error, a roster removing many students waits in held/ until approved, a
file still being written is not read, and a reassignment a laptop makes applies on a
server whose units came in by the inbox."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, bindparam, text

from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server.database import make_engine, migrate, read_transaction
from classroom_desk.server.inbox import DONE, FAILED, HELD, Inbox, approve
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.history import add_attempt_on_server
from tests.importers.packages import BASE_FILES, without_students, write_package
from tests.importers.test_corpus import file_digest
from tests.importers.vendor_school import EXPORTS
from tests.sync.harness import Laptop, ServerProcess, server_cli, sqlite_url

PASSWORD = "nightly files"
ACTIVITY_HEADER = "Student ID,Student,Subject,Skill,Score,Time spent (min),Date\n"
ACTIVITY = (
    ACTIVITY_HEADER
    + "s-1,,Math,Fractions on a number line,70,20,11/17/2026\n"
    + "s-4,,Math,Decimals,90,15,11/18/2026\n"
    + "s-2,,Reading,Main idea,85,12,11/17/2026\n"
)


cli = server_cli


def run_inbox(url: str, inbox: Path, *options: str) -> str:
    done = cli(url, "inbox", str(inbox), "--once", "--settle", "0.5", *options)
    assert done.returncode == 0, done.stderr
    return done.stdout


def drop(source: Path, inbox: Path, name: str) -> Path:
    """As an SFTP client does: written under a .part name, then renamed."""
    partial = inbox / f"{name}.part"
    if source.is_dir():
        shutil.copytree(source, partial)
    else:
        shutil.copyfile(source, partial)
    return partial.rename(inbox / name)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_files_dropped_in_the_inbox_reach_a_signed_in_laptop(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # The SIS's nightly roster, and a sample export to save the vendor's mapping from.
    drop(write_package(tmp_path / "roster"), inbox, "roster-2026-11-16")
    assert "done: roster-2026-11-16:" in run_inbox(url, inbox)
    sample = tmp_path / "ixl-sample.csv"
    sample.write_text(ACTIVITY, encoding="utf-8")
    saved = cli(url, "mapping", "save", "--from", str(sample), "--name", "IXL")
    assert saved.returncode == 0, saved.stderr
    assert "saved mapping IXL (attempts, 7 columns)" in saved.stdout
    listed = cli(url, "mapping", "list")
    assert listed.stdout.startswith("IXL\tattempts\tStudent ID=Student ID")
    created = cli(url, "create-teacher", "--username", "elena", "--given-name", "Elena",
                  "--family-name", "Rivera", "--email", "elena@maple.test",
                  "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert created.returncode == 0, created.stderr

    # Tonight: the vendor's export, a broken one, and one still being uploaded.
    (tmp_path / "tonight.csv").write_text(ACTIVITY, encoding="utf-8")
    drop(tmp_path / "tonight.csv", inbox, "ixl-2026-11-18.csv")
    broken = ACTIVITY.replace("s-4,,Math,Decimals,90", "s-4,,Math,Decimals,190")
    (inbox / "ixl-broken.csv").write_text(broken, encoding="utf-8")
    (inbox / "ixl-2026-11-19.csv.part").write_text(ACTIVITY[:40], encoding="utf-8")
    out = run_inbox(url, inbox)
    assert "done: ixl-2026-11-18.csv: Imported unit attempts from IXL" in out
    assert names(inbox / DONE) == ["ixl-2026-11-18.csv", "roster-2026-11-16"]
    assert names(inbox / FAILED) == ["ixl-broken.csv", "ixl-broken.csv.error.txt"]
    assert (inbox / FAILED / "ixl-broken.csv.error.txt").read_text() == (
        "ixl-broken.csv:3:5: expected a score from 0 to 100; found '190'\n"
    )
    assert "ixl-2026-11-19.csv.part" in names(inbox)  # never read

    server = ServerProcess(url, tmp_path, demo=False)
    server.start()
    laptop = Laptop(tmp_path / "laptop.sqlite", server.url, "elena")
    try:
        laptop.sign_in(PASSWORD)
        laptop.sync()
        assert (
            laptop.one(
                "SELECT group_concat(name, ', ')"
                " FROM (SELECT name FROM class_section ORDER BY name)"
            )
            == "Homeroom 4A, Reading 4A"
        )
        assert laptop.one("SELECT COUNT(*) FROM unit_attempt") == 3
        assert laptop.one("SELECT SUM(minutes) FROM unit_attempt") == 47
        sources = laptop.store.connection.execute(
            "SELECT id, name FROM data_source ORDER BY id"
        ).fetchall()
        assert sources == [("activity:ixl", "IXL"), ("roster", "Roster")]

        # Ava's 70% on the inbox's unit can be reassigned, and the server takes it.
        ava = record_id("student", "s-1")
        unit = laptop.one("SELECT unit_id FROM unit_attempt WHERE student_id = ?", ava)
        laptop.actions.reassign(units=[(ava, str(unit))], mastery_score=80)
        laptop.sync()
        states = laptop.outbox_states()
        assert "rejected" not in states and states.get("pending", 0) == 0, states
        engine = make_engine(url)
        try:
            with read_transaction(engine) as connection:
                events = connection.execute(
                    text("SELECT student_id, unit_id FROM reassignment_event")
                ).all()
            assert [tuple(e) for e in events] == [(ava, unit)]
        finally:
            engine.dispose()

        # A roster taking Ben and Cleo out waits for a yes, then goes through.
        users = "\n".join(
            line
            for line in BASE_FILES["users.csv"].splitlines()
            if not line.startswith(("s-2,", "s-3,"))
        )
        enrollments = "\n".join(
            line
            for line in BASE_FILES["enrollments.csv"].splitlines()
            if "s2" not in line and "s3" not in line
        )
        smaller = write_package(
            tmp_path / "smaller",
            {**BASE_FILES, "users.csv": users + "\n", "enrollments.csv": enrollments + "\n"},
        )
        drop(smaller, inbox, "roster-2026-11-19")
        out = run_inbox(url, inbox)
        assert "held: roster-2026-11-19: " in out
        assert "this import would remove or make inactive 2 of 4 students (50%" in out
        assert names(inbox / HELD) == ["roster-2026-11-19", "roster-2026-11-19.held.txt"]
        reason = (inbox / HELD / "roster-2026-11-19.held.txt").read_text()
        assert "Likely cause: users.csv does not list them" in reason
        assert reason.endswith(
            "from the inbox: classroom-desk-server inbox approve roster-2026-11-19\n"
        )
        laptop.sync()
        # Held: nothing changed yet; Ben and Cleo are still in Elena's reading class.
        ben_and_cleo = (record_id("student", "s-2"), record_id("student", "s-3"))
        enrolled = "SELECT COUNT(*) FROM enrollment WHERE student_id IN (?, ?)"
        assert laptop.one(enrolled, *ben_and_cleo) == 2
        before = laptop.one("SELECT COUNT(*) FROM enrollment")
        approved = cli(url, "inbox", "approve", "roster-2026-11-19", "--dir", str(inbox))
        assert approved.returncode == 0, approved.stderr
        assert names(inbox / HELD) == []
        out = run_inbox(url, inbox)
        assert "done: roster-2026-11-19:" in out
        laptop.sync()
        assert laptop.one("SELECT COUNT(*) FROM enrollment") == before - 2  # type: ignore[operator]
        assert laptop.one(enrolled, *ben_and_cleo) == 0
    finally:
        laptop.close()
        server.stop()


def test_a_file_whose_size_still_changes_is_not_read(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    moments = iter([0.0, 10.0, 20.0, 30.0])
    inbox = Inbox(inbox_dir, engine, settle=5.0, clock=lambda: next(moments))
    growing = inbox_dir / "export.csv"
    growing.write_text(ACTIVITY_HEADER, encoding="utf-8")
    assert inbox.scan() == []  # first seen
    with growing.open("a", encoding="utf-8") as file:
        file.write("s-1,,Math,Fractions,70,20,11/17/2026\n")
    assert inbox.scan() == []  # it changed since: still being written
    assert growing.exists()
    [outcome] = inbox.scan()  # unchanged for 10 s: read (and refused: no mapping yet)
    assert (outcome.where, outcome.name) == (FAILED, "export.csv")
    assert "expected the header of a saved server mapping" in outcome.message
    engine.dispose()


@pytest.mark.parametrize("name", ["export.csv.part", ".hidden.csv", "upload.tmp"])
def test_partial_and_hidden_files_wait(tmp_path: Path, name: str) -> None:
    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    (inbox_dir / name).write_text(ACTIVITY, encoding="utf-8")
    inbox = Inbox(inbox_dir, engine, settle=0.0)
    assert inbox.scan() == [] and inbox.scan() == []
    assert (inbox_dir / name).exists()
    engine.dispose()


def test_a_weekly_export_without_dates_lands_on_the_server_as_summaries(tmp_path: Path) -> None:
    """ALEKS's real header through a server mapping: totals for the school week the file
    was written in, published for the laptops; the same file again adds nothing."""
    from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
    from classroom_desk.server.activity_import import (
        import_activity_on_server,
        save_server_mapping,
    )
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    import_oneroster_on_server(engine, write_package(tmp_path / "roster"))
    header = (EXPORTS / "aleks_weekly.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = (
        'Student,"Nguyen, Ava M.",ANGUYEN,1001,11/17/2026,06/30/2027,Math 4,4th Grade,'
        '"Rivera, Elena",Grade 4 Math,Maple Elementary,08/18/2026,Class Changed,35%,200,'
        "11/02/2026,Scheduled Knowledge Check 9,28m,40%,231,42%,239,573,46%,263,1h35m,3,4\n"
        'Student,"Shah, Dev",DSHAH,1004,11/17/2026,06/30/2027,Math 4,4th Grade,'
        '"Rivera, Elena",Grade 4 Math,Maple Elementary,08/18/2026,Class Changed,35%,200,'
        "11/02/2026,Scheduled Knowledge Check 9,28m,40%,231,42%,239,573,46%,263,45m,2,2\n"
    )
    export = tmp_path / "aleks.csv"
    export.write_text(header + "\n" + rows, encoding="utf-8")
    written = datetime(2026, 11, 19, 12, 0, tzinfo=UTC).timestamp()
    os.utime(export, (written, written))
    url = sqlite_url(tmp_path)
    refused = cli(url, "mapping", "save", "--from", str(export), "--name", "ALEKS")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "classroom-desk-server: the mapping still needs a content-area column or one content "
        "area for the whole file; nothing saved"
    )
    unknown = cli(url, "import-activity", str(export), "--mapping", "ALEKS")
    assert unknown.returncode == 1 and "no saved mapping named 'ALEKS'" in unknown.stderr
    headers, sample = read_sample(export)
    mapping = replace(guess_columns(headers, sample).mapping, content_area="math")
    save_server_mapping(engine, "ALEKS", with_headers(mapping, headers))
    report = import_activity_on_server(engine, export, mapping_name="ALEKS")
    assert (report.added, report.kind.value) == (2, "summary")
    again = import_activity_on_server(engine, export, mapping_name="ALEKS")
    assert (again.added, again.unchanged) == (0, 2)
    with read_transaction(engine) as connection:
        summaries = connection.execute(
            text(
                "SELECT s.source_id, a.range_start, a.range_end, a.minutes, a.units_completed,"
                " a.units_passed FROM activity_summary a JOIN student s ON s.id = a.student_id"
                " ORDER BY s.source_id"
            )
        ).all()
        published = connection.execute(
            text("SELECT COUNT(*) FROM sync_row WHERE table_name = 'activity_summary'")
        ).scalar_one()
    assert [tuple(r) for r in summaries] == [
        ("s-1", "2026-11-16", "2026-11-22", 95, 4, 3),
        ("s-4", "2026-11-16", "2026-11-22", 45, 2, 2),
    ]
    assert published == 2
    engine.dispose()


def _server_with_mapping(
    tmp_path: Path, database: str, request: pytest.FixtureRequest, export: Path, name: str
) -> Engine:
    """A server database of the kind named, holding the package's roster and a mapping
    saved as ``name`` from ``export``'s header."""
    from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
    from classroom_desk.server.activity_import import save_server_mapping
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    if database == "postgresql":
        engine = make_engine(request.getfixturevalue("postgres").new_database())
    else:
        engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    import_oneroster_on_server(engine, write_package(tmp_path / "roster"))
    headers, sample = read_sample(export)
    save_server_mapping(engine, name, with_headers(guess_columns(headers, sample).mapping, headers))
    return engine


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_attempts_go_straight_to_the_server_counted_against_what_it_holds(
    tmp_path: Path, database: str, request: pytest.FixtureRequest
) -> None:
    """An export's attempts are written and published once each, with the units they
    made; the same file again adds nothing, and a longer one adds only its new rows (the
    database's unique index tells them: on both databases)."""
    from classroom_desk.server.activity_import import (
        import_activity_on_server,
    )

    export = tmp_path / "ixl.csv"
    export.write_text(ACTIVITY, encoding="utf-8")
    engine = _server_with_mapping(tmp_path, database, request, export, "IXL")

    def published(table: str) -> int:
        with read_transaction(engine) as connection:
            return int(
                connection.execute(
                    text("SELECT COUNT(*) FROM sync_row WHERE table_name = :t"), {"t": table}
                ).scalar_one()
            )

    first = import_activity_on_server(engine, export, mapping_name="IXL")
    assert (first.added, first.unchanged, len(first.units_created)) == (3, 0, 3)
    assert (published("unit_attempt"), published("unit")) == (3, 3)
    again = import_activity_on_server(engine, export, mapping_name="IXL")
    assert (again.added, again.unchanged) == (0, 3)
    assert published("unit_attempt") == 3
    export.write_text(ACTIVITY + "s-4,,Math,Decimals,95,10,11/19/2026\n", encoding="utf-8")
    longer = import_activity_on_server(engine, export, mapping_name="IXL")
    assert (longer.added, longer.unchanged) == (1, 3)
    with read_transaction(engine) as connection:
        stored = connection.execute(text("SELECT COUNT(*), SUM(minutes) FROM unit_attempt")).one()
        orphans = connection.execute(
            text("SELECT COUNT(*) FROM unit_attempt WHERE unit_id NOT IN (SELECT id FROM unit)")
        ).scalar_one()
    assert (tuple(stored), orphans, published("unit_attempt")) == ((4, 57), 0, 4)
    engine.dispose()


# -- the roster import's own rule in the inbox, and School Data Sync -----------------------

SDS = Path(__file__).resolve().parents[1] / "importers" / "fixtures" / "sds"


def _server_with_roster(tmp_path: Path) -> tuple[Engine, Path, Inbox]:
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    database = tmp_path / "server.sqlite"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    import_oneroster_on_server(engine, write_package(tmp_path / "roster"))
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    return engine, database, Inbox(inbox_dir, engine, settle=0.0)


def test_a_roster_dropping_three_of_four_students_is_held_with_why_not_applied(
    tmp_path: Path,
) -> None:
    """A partial export (one class's students) takes most of the school out: far under
    any fixed count, but more than a tenth, so the inbox holds it, changing nothing, with
    the roster import's own words; approved, it goes in as a laptop's yes does."""
    engine, database, inbox = _server_with_roster(tmp_path)
    add_attempt_on_server(engine, record_id("student", "s-1"))
    partial = without_students(1, 2, 3)
    entry = write_package(inbox.folder / "nightly", partial)
    engine.dispose()
    before = file_digest(database)
    outcome = inbox.process(entry)
    assert (outcome.where, outcome.name) == (HELD, "nightly")
    assert outcome.message.startswith(
        f"{entry}/users.csv:1:1: this import would remove or make inactive 3 of 4 "
        "students (75%: Ava Nguyen, Ben Ortiz, Cleo Park)"
    )
    assert "is it a partial export" in outcome.message
    assert (inbox.folder / HELD / "nightly.held.txt").read_text() == outcome.message + "\n"
    engine.dispose()
    assert file_digest(database) == before, "held: the server's database is unchanged"

    approve(inbox.folder, "nightly")
    done = inbox.process(inbox.folder / "nightly")
    assert done.where == DONE, done.message
    with read_transaction(engine) as connection:
        students = connection.execute(
            text("SELECT source_id, active FROM student ORDER BY source_id")
        ).all()
    assert [tuple(s) for s in students] == [("s-1", 0), ("s-4", 1)], "Ava has activity: kept"
    engine.dispose()


def test_school_data_sync_exports_are_imported_from_the_inbox_or_failed_with_why(
    tmp_path: Path,
) -> None:
    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    inbox = Inbox(inbox_dir, engine, settle=0.0)
    shutil.copytree(SDS / "v2", inbox_dir / "sds-v2")
    shutil.copytree(SDS / "v1_min", inbox_dir / "sds-v1")
    zipped = shutil.make_archive(str(inbox_dir / "sds-v2_1"), "zip", SDS, "v2_1")

    # Two schools: the server takes both (a district's server; see test_district).
    several = inbox.process(inbox_dir / "sds-v2")
    assert several.where == DONE, several.message
    assert several.message.startswith(
        "Imported School Data Sync v2 roster for Contoso Middle School and Fabrikam High School"
    )
    old = inbox.process(inbox_dir / "sds-v1")
    assert old.where == FAILED
    assert "this is a School Data Sync v1 export" in old.message
    imported = inbox.process(Path(zipped))
    assert imported.where == DONE, imported.message
    assert imported.message.startswith("Imported School Data Sync v2.1 roster")
    with read_transaction(engine) as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM student")).scalar_one()
    assert count == 14 + 3
    engine.dispose()


# -- attempts are written while the file is read: a late failure changes nothing ----------

#: Rows of a file longer than a few of the importer's chunks (it streams each to the
#: server's writer thread as it is staged).
LONG_ROWS = 3 * 5000 + 1234


def _long_export(path: Path, last_line: str) -> None:
    """Attempts of the package's students on many units, then ``last_line``. One row (the
    middle one) takes 77 minutes, no other does; six identical rows straddle the first
    chunk's end (six attempts, numbered across it); three units are first used in the
    last chunk."""
    lines = [ACTIVITY_HEADER]
    for n in range(LONG_ROWS):
        if 4997 <= n < 5003:
            lines.append("s-2,,Math,Skill 5,80,15,11/20/2026\n")
            continue
        minutes = 77 if n == LONG_ROWS // 2 else 1 + n % 60
        skill = f"Late skill {n % 3}" if n >= 3 * 5000 else f"Skill {n % 97}"
        day = f"11/{1 + n % 28:02d}/2026"
        lines.append(f"s-{1 + n % 4},,Math,{skill},{50 + n % 50},{minutes},{day}\n")
    path.write_text("".join(lines) + last_line, encoding="utf-8")


def _minutes_of_long_export() -> int:
    return sum(
        15 if 4997 <= n < 5003 else 77 if n == LONG_ROWS // 2 else 1 + n % 60
        for n in range(LONG_ROWS)
    )


def _server_state(engine: Engine) -> tuple[object, ...]:
    with read_transaction(engine) as connection:
        return tuple(
            connection.execute(text(sql)).scalar_one()
            for sql in (
                "SELECT COUNT(*) FROM unit_attempt",
                "SELECT COUNT(*) FROM unit",
                "SELECT COUNT(*) FROM sync_row",
                "SELECT SUM(last_seq) FROM sync_counter",
                "SELECT COUNT(*) FROM data_source",
            )
        )


def _refuse_77_minutes(engine: Engine) -> None:
    """A rule in the server database itself refusing one attempt: a write failing in the
    middle of the import, in the writer thread."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(
                text(
                    "CREATE FUNCTION refuse_77() RETURNS trigger AS $$ BEGIN"
                    " IF NEW.minutes = 77 THEN RAISE EXCEPTION 'refused by the test'; END IF;"
                    " RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_77 BEFORE INSERT ON unit_attempt"
                    " FOR EACH ROW EXECUTE FUNCTION refuse_77()"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_77 BEFORE INSERT ON unit_attempt"
                    " WHEN NEW.minutes = 77 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                )
            )


def _drop_refusal(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "DROP TRIGGER refuse_77"
                + (" ON unit_attempt" if engine.dialect.name == "postgresql" else "")
            )
        )


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_long_file_failing_after_its_first_rows_reached_the_server_changes_nothing(
    tmp_path: Path, database: str, request: pytest.FixtureRequest
) -> None:
    """The server writes attempts while the file is still read. A bad cell on the last
    line, a name no student has on the last line, and a write the database refuses in the
    middle each fail the import with what and where, and leave the server as it was (no
    attempt, unit, published row or sequence number used); the good file then imports."""
    from sqlalchemy.exc import DBAPIError

    from classroom_desk.importers.activity import (
        import_activity,
    )
    from classroom_desk.importers.errors import InputError
    from classroom_desk.importers.oneroster import import_oneroster
    from classroom_desk.server.activity_import import (
        import_activity_on_server,
        load_server_mapping,
    )
    from classroom_desk.store.database import StoreKey, open_store

    export = tmp_path / "platform.csv"
    _long_export(export, "")
    engine = _server_with_mapping(tmp_path, database, request, export, "Platform")
    before = _server_state(engine)
    last = LONG_ROWS + 2
    for last_line, where in (
        ("s-1,,Math,Skill 1,eighty,10,11/30/2026\n", f"platform.csv:{last}:"),
        ("s-99,,Math,Skill 1,80,10,11/30/2026\n", f"platform.csv:{last}:"),
    ):
        _long_export(export, last_line)
        with pytest.raises(InputError) as refused:
            import_activity_on_server(engine, export, mapping_name="Platform")
        assert str(refused.value).startswith(where), str(refused.value)
        assert _server_state(engine) == before
    _long_export(export, "")
    _refuse_77_minutes(engine)
    with pytest.raises(DBAPIError, match="refused by the test"):
        import_activity_on_server(engine, export, mapping_name="Platform")
    assert _server_state(engine) == before
    _drop_refusal(engine)
    report = import_activity_on_server(engine, export, mapping_name="Platform")
    assert (report.added, report.unchanged) == (LONG_ROWS, 0)
    attempts, units, published, seq, _ = _server_state(engine)
    assert (attempts, units) == (before[0] + LONG_ROWS, before[1] + 100)
    assert published == before[2] + LONG_ROWS + 100 + 1  # each attempt, each unit, the source
    assert seq == before[3] + published - before[2]
    with read_transaction(engine) as connection:
        minutes = connection.execute(text("SELECT SUM(minutes) FROM unit_attempt")).scalar_one()
    assert minutes == _minutes_of_long_export()
    # The same attempts and units, ids and positions included, as a laptop importing the
    # same file (its own importer, time-ordered, no server) stores.
    laptop = open_store(tmp_path / "laptop.sqlite", StoreKey.generate())
    import_oneroster(tmp_path / "roster", laptop)
    import_activity(export, laptop, load_server_mapping(engine, "Platform"), source="Platform")
    attempt_columns = "id, student_id, unit_id, content_area_id, score, minutes, completed_at"
    unit_columns = "id, content_area_id, code, title, position"
    with read_transaction(engine) as connection:
        on_server = [
            {tuple(r) for r in connection.execute(text(f"SELECT {c} FROM {t}"))}
            for c, t in ((attempt_columns, "unit_attempt"), (unit_columns, "unit"))
        ]
    on_laptop = [
        set(laptop.connection.execute(f"SELECT {c} FROM {t}"))
        for c, t in ((attempt_columns, "unit_attempt"), (unit_columns, "unit"))
    ]
    laptop.close()
    assert on_server == on_laptop
    # Attempts the server lost (the last ones it numbered, and some scattered) come back
    # from the same file, and only they are published again: a batch of old and new rows.
    order = "ctid" if database == "postgresql" else "rowid"
    with engine.begin() as connection:
        lost = {
            row[0]
            for query in (
                f"SELECT id FROM unit_attempt ORDER BY {order} DESC LIMIT 7",
                "SELECT id FROM unit_attempt WHERE minutes = 7 ORDER BY id LIMIT 9",
            )
            for row in connection.execute(text(query))
        }
        for table, column in (("sync_row", "row_id"), ("unit_attempt", "id")):
            connection.execute(
                text(f"DELETE FROM {table} WHERE {column} IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": sorted(lost)},
            )
        head = connection.execute(text("SELECT MAX(last_seq) FROM sync_counter")).scalar_one()
    again = import_activity_on_server(engine, export, mapping_name="Platform")
    assert (again.added, again.unchanged) == (len(lost), LONG_ROWS - len(lost))
    with read_transaction(engine) as connection:
        republished = {
            row[0]
            for row in connection.execute(
                text(
                    "SELECT row_id FROM sync_row WHERE table_name = 'unit_attempt'"
                    " AND server_seq > :head"
                ),
                {"head": head},
            )
        }
    assert republished == lost
    assert _server_state(engine)[:3] == (attempts, units, published)
    engine.dispose()


# -- a server of several schools ------------------------------------------------------------

#: Maple's s-1 to s-4 and Oak's s-5 and s-6, each in one school.
TWO_SCHOOL_ROSTER = {
    **TWO_SCHOOLS,
    "enrollments.csv": TWO_SCHOOLS["enrollments.csv"].replace(
        "e-s4-o,active,2024-08-01,cls-o,org-2,s-4,student,false,,\n", ""
    ),
}
OAK_ACTIVITY = (
    ACTIVITY_HEADER
    + "s-5,,Reading,Main idea,85,12,11/17/2026\n"
    + "S-6,,Reading,Inference,60,25,11/18/2026\n"
)


def _attempts_by_school(engine: Engine) -> dict[str, int]:
    with read_transaction(engine) as connection:
        rows = connection.execute(
            text(
                "SELECT sc.name, COUNT(*) FROM unit_attempt a JOIN student s"
                " ON s.id = a.student_id JOIN school sc ON sc.id = s.school_id GROUP BY sc.name"
            )
        ).all()
    return {str(name): int(count) for name, count in rows}


def test_on_a_server_of_several_schools_an_export_finds_its_school_from_its_students(
    tmp_path: Path,
) -> None:
    """A vendor's export names its students by SIS id: they are one school's, so it is
    that school's file; no --school is needed. A file naming students of two schools, or
    of none, fails with the schools listed and what to do."""
    from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
    from classroom_desk.server.activity_import import save_server_mapping
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    import_oneroster_on_server(engine, write_package(tmp_path / "district", TWO_SCHOOL_ROSTER))
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    for name, content in (
        ("maple.csv", ACTIVITY),
        ("oak.csv", OAK_ACTIVITY),
        ("both.csv", ACTIVITY + OAK_ACTIVITY.removeprefix(ACTIVITY_HEADER)),
        ("nobody.csv", ACTIVITY_HEADER + "s-9,,Math,Decimals,90,15,11/18/2026\n"),
    ):
        (inbox_dir / name).write_text(content, encoding="utf-8")
    headers, sample = read_sample(inbox_dir / "maple.csv")
    save_server_mapping(
        engine, "IXL", with_headers(guess_columns(headers, sample).mapping, headers)
    )
    inbox = Inbox(inbox_dir, engine, settle=0.0)

    maple = inbox.process(inbox_dir / "maple.csv")
    assert maple.where == DONE, maple.message
    oak = inbox.process(inbox_dir / "oak.csv")
    assert oak.where == DONE, oak.message
    assert _attempts_by_school(engine) == {"Maple Elementary": 3, "Oak Elementary": 2}

    both = inbox.process(inbox_dir / "both.csv")
    assert both.where == FAILED
    assert both.message == (
        "both.csv:5:1: expected the students of one school, as an export of one school's "
        "platform account names them; these rows name students of 2 schools: "
        f"{record_id('school', 'org-1')} (Maple Elementary) on line 2, "
        f"{record_id('school', 'org-2')} (Oak Elementary) on line 5 (split the file, or "
        "run an inbox for each school with --school)"
    )
    nobody = inbox.process(inbox_dir / "nobody.csv")
    assert nobody.where == FAILED
    assert nobody.message.startswith(
        "nobody.csv:2:1: expected the students of one school of the server's 2: "
        f"{record_id('school', 'org-1')} (Maple Elementary); "
        f"{record_id('school', 'org-2')} (Oak Elementary); no student of any has the SIS id "
        "'s-9' (run an inbox for its school with --school"
    )
    by_name = inbox_dir / "names.csv"
    by_name.write_text(
        "Student,Subject,Skill,Score,Time spent (min),Date\n"
        "Eva Lund,Reading,Main idea,85,12,11/17/2026\n",
        encoding="utf-8",
    )
    headers, sample = read_sample(by_name)
    save_server_mapping(
        engine, "Names", with_headers(guess_columns(headers, sample).mapping, headers)
    )
    named = inbox.process(by_name)
    assert named.where == FAILED
    assert named.message.startswith(
        "names.csv:1:1: expected a SIS id column to find the school by, on a server of 2 schools: "
    )
    assert named.message.endswith("run an inbox for its school with --school (its id, SIS "
                                  "sourcedId or name)")  # fmt: skip
    assert _attempts_by_school(engine) == {"Maple Elementary": 3, "Oak Elementary": 2}
    engine.dispose()


def test_an_inbox_for_one_school_of_several_imports_there(tmp_path: Path) -> None:
    """``inbox DIR --school`` (id, SIS sourcedId or name): its exports are that school's
    (none is looked at to find it); a school the server does not hold is refused at the
    start, not at night."""
    url = sqlite_url(tmp_path)
    engine = make_engine(url)
    migrate(engine)
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    import_oneroster_on_server(engine, write_package(tmp_path / "district", TWO_SCHOOL_ROSTER))
    sample = tmp_path / "sample.csv"
    sample.write_text(OAK_ACTIVITY, encoding="utf-8")
    assert cli(url, "mapping", "save", "--from", str(sample), "--name", "IXL").returncode == 0
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(sample, inbox, "oak.csv")
    refused = cli(url, "inbox", str(inbox), "--once", "--school", "Pine Elementary")
    assert refused.returncode == 1
    assert refused.stderr.startswith("classroom-desk-server: no school 'Pine Elementary'")
    assert names(inbox) == ["oak.csv"]  # refused before anything was made or read
    out = run_inbox(url, inbox, "--school", "Oak Elementary")
    assert "done: oak.csv: Imported unit attempts from IXL" in out
    assert _attempts_by_school(engine) == {"Oak Elementary": 2}
    engine.dispose()

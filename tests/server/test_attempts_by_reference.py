"""Unit attempts are published to the sync log by reference (``database.BY_REFERENCE``):
an attempt carries its ``server_seq`` and a pull renders it from ``unit_attempt``.
Laptops must receive what the JSON copies in ``sync_row`` gave them: every attempt once,
in order, with exactly its columns; a removal, an attempt written again and a forgotten
student still reach them; a database holding copies (schema 0007) serves the same log
once migrated, and gets its copies back on downgrade. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, text

from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
from classroom_desk.server import admin, auth
from classroom_desk.server.activity_import import save_server_mapping
from classroom_desk.server.database import (
    alembic_config,
    make_engine,
    migrate,
    read_transaction,
    row_json,
    row_json_renderer,
    write_transaction,
)
from classroom_desk.server.inbox import DONE, Inbox
from classroom_desk.server.records import delete_rows, insert_attempts, rows_of
from classroom_desk.server.student_records import forget_student
from classroom_desk.server.sync_service import pull
from classroom_desk.sync.protocol import PullRequest
from classroom_desk.sync.tables import TABLES
from tests.server.test_server import pull_everything, token_for
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    PostgresCluster,
    ServerProcess,
    new_laptop,
    server_checksums,
    sqlite_url,
    template_store,
)

ATTEMPT_COLUMNS = list(TABLES["unit_attempt"].columns)
SOURCE = "Platform"
#: Okafor co-teaches the homeroom only; Rivera teaches all three classes.
HOMEROOM = [f"demo-homeroom-4-{n:02d}" for n in range(1, 7)]
MATH7 = [f"demo-math-7-{n:02d}" for n in range(1, 5)]
SKILLS = [("Math", "Ratios"), ("Math", "Fractions"), ("Reading", "Main idea")]


def write_export(path: Path) -> Path:
    """A platform export: three attempts for each of ten students, scores with decimals."""
    lines = ["Student ID,Student,Subject,Skill,Score,Time spent (min),Date"]
    for n, student in enumerate(HOMEROOM + MATH7):
        for k, (subject, skill) in enumerate(SKILLS):
            score = f"{40 + (n * 7 + k * 13) % 60}.{(n + k) % 10}"
            lines.append(f"{student},,{subject},{skill},{score},{5 + n + k},11/{16 + k}/2026")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_through_inbox(engine: Engine, folder: Path) -> dict[str, dict[str, Any]]:
    """The export dropped in the inbox and imported; the attempts it added, by id."""
    export = write_export(folder / "sample.csv")
    headers, sample = read_sample(export)
    mapping = with_headers(guess_columns(headers, sample).mapping, headers)
    save_server_mapping(engine, SOURCE, mapping)
    inbox = folder / "inbox"
    inbox.mkdir()
    dropped = inbox / "platform-2026-11-19.csv"
    shutil.copyfile(export, dropped)
    outcome = Inbox(inbox, engine, settle=0.0).process(dropped)
    assert outcome.where == DONE, outcome.message
    with read_transaction(engine) as connection:
        rows = rows_of(connection, "unit_attempt")
    imported = {str(row["id"]): row for row in rows if str(row["source_id"]) == SOURCE}
    assert len(imported) == len(SKILLS) * (len(HOMEROOM) + len(MATH7))
    return imported


def entries(changes: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The changes by (table, id), checking each row comes once and numbers increase."""
    seqs = [change["server_seq"] for change in changes]
    assert seqs == sorted(set(seqs))
    keyed = {(change["table"], change["id"]): change for change in changes}
    assert len(keyed) == len(changes), "a row came twice"
    return keyed


def students_of(engine: Engine, sources: list[str]) -> set[str]:
    with read_transaction(engine) as connection:
        return {
            str(row["id"]) for row in rows_of(connection, "student") if row["source_id"] in sources
        }


def laptop_attempts(laptop: Laptop) -> dict[str, dict[str, Any]]:
    held = laptop.store.connection.execute(
        f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM unit_attempt"
    ).fetchall()
    return {row[0]: dict(zip(ATTEMPT_COLUMNS, row, strict=True)) for row in held}


def test_an_inbox_import_reaches_laptops_as_its_copies_did(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    engine = make_engine(fresh_server.database_url)
    admin_token = token_for(fresh_server, "admin")
    before = pull_everything(fresh_server, admin_token)
    imported = import_through_inbox(engine, tmp_path)
    # Small pages: attempts held by reference are merged with sync_row's entries.
    after = pull_everything(fresh_server, admin_token, limit=7)
    entries(after)
    last_before = max(int(str(change["server_seq"])) for change in before)
    assert [c for c in after if int(str(c["server_seq"])) <= last_before] == before
    attempts = [c for c in after if c["table"] == "unit_attempt" and c["id"] in imported]
    assert len(attempts) == len(imported)
    for change in attempts:
        # Exactly the row's columns, in the table's order, as the copy held them.
        assert not change["tombstone"]
        assert list(change["data"]) == ATTEMPT_COLUMNS
        assert change["data"] == imported[change["id"]]
    # One number each, handed out in one block in import order (by completion time).
    seqs = [int(change["server_seq"]) for change in attempts]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    times = [change["data"]["completed_at"] for change in attempts]
    assert times == sorted(times)

    template = template_store(tmp_path)
    for user, sources in (("rivera", HOMEROOM + MATH7), ("okafor", HOMEROOM)):
        laptop = new_laptop(tmp_path, user, fresh_server.url, user, template)
        try:
            laptop.sign_in()
            laptop.sync()
            assert laptop.checksums() == server_checksums(fresh_server.database_url, user)
            theirs = students_of(engine, sources)
            held = {i: row for i, row in laptop_attempts(laptop).items() if i in imported}
            assert held == {i: row for i, row in imported.items() if row["student_id"] in theirs}
        finally:
            laptop.close()
    engine.dispose()


def test_removed_rewritten_and_forgotten_attempts_reach_laptops(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    engine = make_engine(fresh_server.database_url)
    imported = import_through_inbox(engine, tmp_path)
    laptop = new_laptop(tmp_path, "rivera", fresh_server.url, "rivera", template_store(tmp_path))
    try:
        laptop.sign_in()
        laptop.sync()
        assert set(imported) <= set(laptop_attempts(laptop))
        (forgotten,) = students_of(engine, HOMEROOM[:1])
        others = [row for row in imported.values() if row["student_id"] != forgotten]
        removed, rewritten = others[0], others[1]
        with write_transaction(engine) as connection:
            school = str(rows_of(connection, "school")[0]["id"])
            delete_rows(connection, school, "unit_attempt", [removed, rewritten])
        # Attempts are immutable: a corrected one is removed, then written again.
        corrected = {**rewritten, "score": 12.5}
        with write_transaction(engine) as connection:
            assert insert_attempts(connection, school, [corrected]) == 1
            forget_student(connection, forgotten, actor="test")
        laptop.sync()
        held = laptop_attempts(laptop)
        assert removed["id"] not in held
        assert held[rewritten["id"]] == corrected
        assert not [row for row in held.values() if row["student_id"] == forgotten]
        assert laptop.checksums() == server_checksums(fresh_server.database_url, "rivera")
    finally:
        laptop.close()
    # From the start: removals as tombstones, the forgotten student's attempts too, and
    # the corrected attempt's removal, then the attempt as it stands; every other row once.
    changes = pull_everything(fresh_server, token_for(fresh_server, "admin"), limit=9)
    again = [c for c in changes if c["id"] == rewritten["id"]]
    assert [(c["tombstone"], c["data"]) for c in again] == [
        (True, rewritten),
        (False, corrected),
    ]
    keyed = entries([c for c in changes if c["id"] != rewritten["id"]])
    assert keyed[("unit_attempt", removed["id"])]["tombstone"]
    for row in imported.values():
        if row["student_id"] == forgotten:
            assert keyed[("unit_attempt", row["id"])]["tombstone"]
    engine.dispose()


# -- the migration: copies in sync_row (0007) to attempts by reference ------------------

BEFORE = "0007_groups_tutoring"
LOG = (
    "SELECT school_id, table_name, row_id, server_seq, tombstone, section_id, student_id,"
    " data FROM sync_row ORDER BY server_seq"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        yield cluster.new_database()
    else:
        yield sqlite_url(tmp_path)


def as_written_before(connection: Connection) -> None:
    """What the 0007 code wrote, by hand: a new attempt with its JSON copy, and an attempt
    removed (its copy replaced by a tombstone)."""
    school = connection.execute(text("SELECT id FROM school")).scalar_one()
    student, unit, area = connection.execute(
        text(
            "SELECT a.student_id, a.unit_id, a.content_area_id FROM unit_attempt a"
            " ORDER BY a.id LIMIT 1"
        )
    ).one()
    gone = connection.execute(text("SELECT id FROM unit_attempt ORDER BY id DESC")).first()
    assert gone is not None
    last = connection.execute(text("SELECT last_seq FROM sync_counter")).scalar_one()
    attempt = {
        "id": "attempt-written-by-0007",
        "student_id": student,
        "unit_id": unit,
        "content_area_id": area,
        "score": 79.25,
        "minutes": 17,
        "completed_at": "2026-11-18 15:00:00",
        "source_id": "by hand",
    }
    connection.execute(
        text(
            f"INSERT INTO unit_attempt ({', '.join(ATTEMPT_COLUMNS)})"
            f" VALUES ({', '.join(f':{c}' for c in ATTEMPT_COLUMNS)})"
        ),
        attempt,
    )
    connection.execute(text("DELETE FROM unit_attempt WHERE id = :id"), {"id": gone[0]})
    publish = text(
        "INSERT INTO sync_row (school_id, table_name, row_id, server_seq, tombstone,"
        " section_id, student_id, data) VALUES (:school, 'unit_attempt', :id, :seq,"
        " :tombstone, NULL, :student, :data) ON CONFLICT (school_id, table_name, row_id)"
        " DO UPDATE SET server_seq = excluded.server_seq, tombstone = excluded.tombstone,"
        " student_id = excluded.student_id, data = excluded.data"
    )
    for seq, (row_id, tombstone, scope, data) in enumerate(
        [
            (attempt["id"], False, student, attempt),
            (gone[0], True, None, {"id": gone[0]}),
        ],
        start=last + 1,
    ):
        connection.execute(
            publish,
            {
                "school": school,
                "id": row_id,
                "seq": seq,
                "tombstone": tombstone,
                "student": scope,
                "data": json.dumps(data, separators=(",", ":")),
            },
        )
    connection.execute(text("UPDATE sync_counter SET last_seq = :s"), {"s": last + 2})


def pulled(engine: Engine, user: str, *, limit: int) -> list[dict[str, Any]]:
    """Every change ``user`` pulls from the start, through the server's own pull."""
    changes: list[dict[str, Any]] = []
    with read_transaction(engine) as connection:
        account = auth.find_account(connection, user)
        assert account is not None
        caller = auth.Caller(account=account, token_id="test", device_id="test")
        sections = list(auth.visible_sections(connection, account))
        cursor, epoch = 0, None
        while True:
            request = PullRequest(cursor=cursor, epoch=epoch, limit=limit)
            page = json.loads(pull(connection, caller, request, sections))
            changes += page["changes"]
            cursor, epoch = page["next_cursor"], page["epoch"]
            if not page["has_more"]:
                return changes


def from_copies(log: list[Any], connection: Connection, user: str) -> list[dict[str, Any]]:
    """What the 0007 pull sent ``user``: the log's copies in their scope, in order."""
    account = auth.find_account(connection, user)
    assert account is not None
    sections = set(auth.visible_sections(connection, account))
    enrolled = {
        student
        for section, student in connection.execute(
            text("SELECT section_id, student_id FROM enrollment")
        )
        if section in sections
    }
    return [
        {"table": t, "id": i, "server_seq": s, "tombstone": bool(d), "data": json.loads(data)}
        for _school, t, i, s, d, section, student, data in log
        if account.role == "admin"
        or (section is None and student is None)
        or section in sections
        or student in enrolled
    ]


def test_migrating_a_populated_database_keeps_what_laptops_pull(database_url: str) -> None:
    engine = make_engine(database_url)
    # A school served by the code before: the demo, then copies written by hand.
    migrate(engine)
    with write_transaction(engine) as connection:
        admin.load_demo(connection)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), BEFORE)
    with write_transaction(engine) as connection:
        as_written_before(connection)
        log = connection.execute(text(LOG)).all()
        copies = [row for row in log if row[1] == "unit_attempt" and not row[4]]
        attempts = connection.execute(text("SELECT COUNT(*) FROM unit_attempt")).scalar_one()
        assert len(copies) == attempts > 1000
        expected = {user: from_copies(log, connection, user) for user in ("admin", "okafor")}

    migrate(engine)
    with read_transaction(engine) as connection:
        left = connection.execute(
            text("SELECT COUNT(*) FROM sync_row WHERE table_name = 'unit_attempt'")
        ).scalar_one()
        assert left == 1  # the tombstone; every copy moved onto its row
    for user in ("admin", "okafor"):
        assert pulled(engine, user, limit=500) == expected[user]

    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), BEFORE)
    with read_transaction(engine) as connection:
        assert sorted(connection.execute(text(LOG)).all()) == sorted(log)
    engine.dispose()


# -- rendering at pull time: the text the copy held --------------------------------------

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.dates(),
)


@given(st.lists(values, min_size=len(ATTEMPT_COLUMNS), max_size=len(ATTEMPT_COLUMNS)))
def test_a_row_rendered_at_pull_time_is_the_text_of_its_copy(row: list[object]) -> None:
    render = row_json_renderer(ATTEMPT_COLUMNS)
    assert render(row) == row_json(dict(zip(ATTEMPT_COLUMNS, row, strict=True)))

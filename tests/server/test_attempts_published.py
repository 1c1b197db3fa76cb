"""Unit attempts from the inbox are written as tuples and their sync-log copies rendered
from them at write time (``records.insert_attempt_rows``), not through a mapping and the
generic encoder per row. Laptops must receive exactly what the generic path gives them:
every attempt once, in order, with exactly its columns, byte for byte, for admin and
teachers, on SQLite and PostgreSQL; a removal, an attempt removed and written again and a
forgotten student reach a laptop pulling as they happen and one pulling from zero."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, text

from classroom_desk.importers.activity import guess_columns, read_sample, with_headers
from classroom_desk.server import admin, auth
from classroom_desk.server.activity_import import save_server_mapping
from classroom_desk.server.database import (
    make_engine,
    migrate,
    publish,
    read_transaction,
    row_json,
    row_json_renderer,
    write_transaction,
)
from classroom_desk.server.inbox import DONE, Inbox
from classroom_desk.server.records import (
    delete_rows,
    insert_attempt_rows,
    insert_attempts,
    published,
    rows_of,
)
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
    # Small pages: many page boundaries.
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
    # One number each, handed out in one block in the file's order: student by student,
    # each one's attempts by day, as the export lists them.
    seqs = [int(change["server_seq"]) for change in attempts]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    with read_transaction(engine) as connection:
        ids = {str(row["source_id"]): str(row["id"]) for row in rows_of(connection, "student")}
    in_file = [(ids[student], 16 + k) for student in HOMEROOM + MATH7 for k in range(len(SKILLS))]
    sent = [(c["data"]["student_id"], int(c["data"]["completed_at"][8:10])) for c in attempts]
    assert sent == in_file

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
    template = template_store(tmp_path)
    # One laptop pulls before the removal, between it and the rewrite, and after; another
    # pulls from zero at the end: both must hold exactly the server's attempts.
    laptop = new_laptop(tmp_path, "rivera", fresh_server.url, "rivera", template)
    late = new_laptop(tmp_path, "rivera-late", fresh_server.url, "rivera", template)
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
        laptop.sync()
        assert rewritten["id"] not in laptop_attempts(laptop)
        # Attempts are immutable: a corrected one is removed, then written again.
        corrected = {**rewritten, "score": 12.5}
        with write_transaction(engine) as connection:
            assert insert_attempts(connection, school, [corrected]) == 1
            forget_student(connection, forgotten, actor="test")
        laptop.sync()
        late.sign_in()
        late.sync()
        expected = server_checksums(fresh_server.database_url, "rivera")
        for each in (laptop, late):
            held = laptop_attempts(each)
            assert removed["id"] not in held
            assert held[rewritten["id"]] == corrected
            assert not [row for row in held.values() if row["student_id"] == forgotten]
            assert each.checksums() == expected
    finally:
        laptop.close()
        late.close()
    # From the start: removals as tombstones, the forgotten student's attempts too, and
    # the corrected attempt once, as it stands (its removal superseded); every row once.
    changes = pull_everything(fresh_server, token_for(fresh_server, "admin"), limit=9)
    keyed = entries(changes)
    assert keyed[("unit_attempt", rewritten["id"])]["data"] == corrected
    assert not keyed[("unit_attempt", rewritten["id"])]["tombstone"]
    assert keyed[("unit_attempt", removed["id"])]["tombstone"]
    for row in imported.values():
        if row["student_id"] == forgotten:
            assert keyed[("unit_attempt", row["id"])]["tombstone"]
    engine.dispose()


# -- the bulk path writes the log the generic path writes --------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        yield [cluster.new_database(), cluster.new_database()]
    else:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        yield [sqlite_url(tmp_path / "a"), sqlite_url(tmp_path / "b")]


def pulled(engine: Engine, user: str, *, limit: int) -> list[bytes]:
    """Every page ``user`` pulls from the start, as the server's own pull sends it."""
    pages: list[bytes] = []
    with read_transaction(engine) as connection:
        account = auth.find_account(connection, user)
        assert account is not None
        caller = auth.Caller(account=account, token_id="test", device_id="test")
        cursor, epoch = 0, None
        while True:
            request = PullRequest(cursor=cursor, epoch=epoch, limit=limit)
            sent = pull(connection, caller, request)
            page = json.loads(sent)
            # Each database has its own epoch; the rest must be the same bytes.
            pages.append(sent.replace(page["epoch"].encode(), b"EPOCH"))
            cursor, epoch = page["next_cursor"], page["epoch"]
            if not page["has_more"]:
                return pages


USERS = ("admin", "rivera", "okafor")
#: A fixed clock for the demo, so both databases hold the same rows.
NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)


def awkward_attempts(connection: Connection) -> list[tuple[Any, ...]]:
    """New attempts of the demo's students: scores whose float text is long, names in
    other scripts, a minute count of zero."""
    found = connection.execute(
        text("SELECT student_id, unit_id, content_area_id FROM unit_attempt ORDER BY id LIMIT 40")
    ).all()
    scores = [79.25, 0.1 + 0.2, 100.0, 1e-7, 66.66666666666667, 0.0, 80, 12.5]
    return [
        (
            f"bulk-{n:03d}",
            student,
            unit,
            area,
            scores[n % len(scores)],
            n % 3 * 17,
            f"2026-11-{16 + n % 5} 1{n % 10}:00:00",
            ["Platform", "Plateforme é", '学習 "x"', "منصة"][n % 4],
        )
        for n, (student, unit, area) in enumerate(found)
    ]


def test_the_bulk_path_publishes_what_the_generic_path_publishes(
    two_databases: list[str],
) -> None:
    """The inbox's tuples, rendered at write time, give pulls byte for byte the same as
    the same attempts published row by row as every other table is (``publish``)."""
    spec = TABLES["unit_attempt"]
    sent: dict[str, dict[str, list[bytes]]] = {}
    for way, url in zip(("generic", "bulk"), two_databases, strict=True):
        engine = make_engine(url)
        migrate(engine)
        with write_transaction(engine) as connection:
            admin.load_demo(connection, now=NOW)
        with write_transaction(engine) as connection:
            school = str(rows_of(connection, "school")[0]["id"])
            attempts = awkward_attempts(connection)
            if way == "bulk":
                assert insert_attempt_rows(connection, school, attempts) == len(attempts)
            else:
                rows = [dict(zip(ATTEMPT_COLUMNS, row, strict=True)) for row in attempts]
                connection.execute(
                    text(
                        f"INSERT INTO unit_attempt ({', '.join(ATTEMPT_COLUMNS)})"
                        f" VALUES ({', '.join(f':{c}' for c in ATTEMPT_COLUMNS)})"
                    ),
                    rows,
                )
                publish(connection, school, [published(spec, row) for row in rows])
        sent[way] = {user: pulled(engine, user, limit=500) for user in USERS}
        engine.dispose()
    for user in USERS:
        assert sent["bulk"][user] == sent["generic"][user]
    assert b"bulk-000" in b"".join(sent["bulk"]["admin"])


# -- rendering at write time: the text the generic encoder gives ---------------------

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.dates(),
)


@given(st.lists(values, min_size=len(ATTEMPT_COLUMNS), max_size=len(ATTEMPT_COLUMNS)))
def test_a_row_rendered_from_its_values_is_the_text_of_its_mapping(row: list[object]) -> None:
    render = row_json_renderer(ATTEMPT_COLUMNS)
    assert render(row) == row_json(dict(zip(ATTEMPT_COLUMNS, row, strict=True)))

"""Pulled unit attempts keep unit_progress right: pages of attempts and their tombstones
(in any order within a page), and a real sync after the server deleted attempts."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.server.database import make_engine, write_transaction
from classroom_desk.server.records import delete_rows, insert_attempts, rows_of
from classroom_desk.store.database import open_store
from classroom_desk.store.teacher_actions import ensure_device
from classroom_desk.sync.protocol import Change
from classroom_desk.sync.replica import _Applier
from classroom_desk.sync.tables import TABLES
from tests.store.test_unit_progress import (
    BASE_ROWS,
    TIMES,
    UNITS,
    Reference,
    Spec,
    _row,
    recomputed,
    stored,
)
from tests.sync.harness import Laptop, MemoryKeyring, ServerProcess, new_laptop, template_store

_COLUMNS = TABLES["unit_attempt"].columns

# A change as generated: an attempt (its spec), or the tombstone of an id number.
attempt_change = st.one_of(
    st.tuples(
        st.integers(0, 9),
        st.sampled_from(("st0", "st1")),
        st.sampled_from(sorted(UNITS)),
        st.sampled_from([40, 79, 80, 95]),
        st.sampled_from(TIMES),
    ),
    st.integers(0, 9),
)
pages = st.lists(st.lists(attempt_change, max_size=8), min_size=1, max_size=5)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("pull-progress") / "laptop.sqlite"
    store = open_store(path)
    with store.transaction() as connection:
        for statement in BASE_ROWS:
            connection.execute(statement)
    ensure_device(store)
    store.close()
    yield path


counter = itertools.count()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=pages)
def test_pulled_pages_of_attempts_and_tombstones_keep_progress_right(
    tmp_path: Path, template: Path, history: list[list[Spec | int]]
) -> None:
    path = tmp_path / f"laptop{next(counter)}.sqlite"
    shutil.copyfile(template, path)
    store = open_store(path)
    device = ensure_device(store).id
    reference = Reference()
    seq = itertools.count(1)
    try:
        for page in history:
            changes = []
            for change in page:
                if isinstance(change, tuple):
                    row = _row(change)
                    reference.insert([change])
                    data = dict(zip(_COLUMNS, row, strict=True))
                    changes.append(
                        Change(
                            table="unit_attempt", id=str(row[0]), server_seq=next(seq), data=data
                        )
                    )
                else:
                    reference.delete(change)
                    changes.append(
                        Change(
                            table="unit_attempt",
                            id=f"a{change}",
                            server_seq=next(seq),
                            tombstone=True,
                        )
                    )
            # As SyncClient._pull_pages applies a page: one transaction.
            with store.transaction() as tx:
                applier = _Applier(tx, device, snapshot=False)
                applier.apply_all(changes)
                applier.unpark()
                applier.observe_clock()
                applier.finish()
            assert stored(store.connection) == reference.progress()
            assert stored(store.connection) == recomputed(store.connection)
    finally:
        store.close()


def test_a_sync_after_the_server_deleted_and_added_attempts_keeps_progress_right(
    tmp_path: Path, sqlite_server: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    laptop: Laptop = new_laptop(
        tmp_path, "teacher", sqlite_server.url, "rivera", template_store(tmp_path)
    )
    try:
        laptop.sign_in()
        laptop.sync()
        connection = laptop.store.connection
        assert stored(connection) and stored(connection) == recomputed(connection)
        # The laptop's students' latest attempts go; each of their units gets a new one
        # completed at the same moment as the attempt that was latest.
        latest = connection.execute(
            "SELECT a.id, a.student_id, a.unit_id, a.content_area_id, a.score, a.minutes,"
            " a.completed_at, a.source_id FROM unit_attempt a JOIN unit_progress p"
            " ON p.student_id = a.student_id AND p.unit_id = a.unit_id"
            " AND p.latest_completed_at = a.completed_at ORDER BY a.id LIMIT 40"
        ).fetchall()
        engine = make_engine(sqlite_server.database_url)
        with write_transaction(engine) as server:
            school = rows_of(server, "school")[0]["id"]
            gone = [dict(zip(_COLUMNS, row, strict=True)) for row in latest[::2]]
            delete_rows(server, school, "unit_attempt", gone)
            insert_attempts(
                server,
                school,
                [
                    {**dict(zip(_COLUMNS, row, strict=True)), "id": f"redo-{n}", "score": 99.0}
                    for n, row in enumerate(latest[1::2])
                ],
            )
        engine.dispose()
        report = laptop.sync()
        assert report.pulled >= len(latest)
        assert connection.execute(
            "SELECT COUNT(*) FROM unit_attempt WHERE id LIKE 'redo-%'"
        ).fetchone() == (len(latest[1::2]),)
        assert stored(connection) == recomputed(connection)
    finally:
        laptop.close()

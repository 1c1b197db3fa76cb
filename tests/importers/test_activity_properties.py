"""Random and broken activity exports: the importer's own located error or a clean import,
never a crash and never a partial import."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.importers.activity import guess_mapping, import_activity
from classroom_desk.importers.errors import InputError
from classroom_desk.store.database import Store, open_store
from tests.importers.conftest import store_checksum

HEADER = b"Student ID,Student,Subject,Skill,Score,Time spent (min),Date\r\n"
GOOD = b"demo-homeroom-4-02,,Math,Fractions,90,20,2026-11-17\r\n"
LOCATED = re.compile(r"^activity\.csv:\d+:[^:]+: expected ")
counter = itertools.count()

pieces = st.sampled_from(
    [
        GOOD,
        b"demo-homeroom-4-03,,Reading,Main idea I,75,12,11/18/2026\r\n",
        b'"unclosed,Math,x,1,1,2026-11-17\r\n',
        b"\x00\x01,\xff\xfe,Math\r\n",
        b"=cmd|' /C calc'!A0,,Math,=1+1,90,20,2026-11-17\r\n",
        b"demo-homeroom-4-02,,Math,Fractions,190,20,2026-11-17\r\n",
        b"demo-homeroom-4-02,,Art,Fractions,90,20,2026-11-17\r\n",
        b",,,,,,\r\n",
        b"\r\n",
        b"demo-homeroom-4-02,,Math,x,90,20,2026-02-30\r\n",
        b"demo-homeroom-4-02,,Math,x,90\r\n",
        b"demo-homeroom-4-02,,Math,x,90,20,2026-11-17,extra\r\n",
        b'"a ""quoted"" name",,Math,x,90,20,2026-11-17\r\n',
        b"demo-homeroom-4-02,,Math,x,90,20,2026-11-17\r",
    ]
)
files = st.one_of(
    st.lists(pieces, max_size=12).map(lambda parts: HEADER + b"".join(parts)),
    st.binary(max_size=300),
    st.lists(pieces, max_size=6).map(lambda parts: b"".join(parts)),
    st.lists(pieces, max_size=6).map(
        lambda parts: (HEADER + b"".join(parts)).decode("utf-8", "replace").encode("utf-16")
    ),
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=files)
def test_broken_files_fail_with_a_located_message_and_change_nothing(
    tmp_path: Path, demo_store: Store, content: bytes
) -> None:
    folder = tmp_path / f"case{next(counter)}"
    folder.mkdir()
    path = folder / "activity.csv"
    path.write_bytes(content)
    copy = folder / "store.sqlite"
    demo_store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(demo_store.path, copy)
    store = open_store(copy)
    try:
        before = store_checksum(store.connection)
        try:
            result = import_activity(
                path, store, guess_mapping(HEADER.decode().strip().split(",")), source="IXL"
            )
        except InputError as error:
            assert LOCATED.match(str(error)), str(error)
            assert store_checksum(store.connection) == before
        else:
            if result.needs_answers:
                assert store_checksum(store.connection) == before
        assert store.connection.execute("SELECT COUNT(*) FROM temp.sqlite_master").fetchone() == (
            0,
        )
    finally:
        store.close()

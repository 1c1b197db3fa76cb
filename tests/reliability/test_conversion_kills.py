"""Encrypting a plain store, killed with SIGKILL at 100 random moments: each time the
store is either the old plain file or the new encrypted one, complete, and the next
start finishes the job with nothing lost and no plain copy left behind."""

from __future__ import annotations

import hashlib
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import PLAIN_SUFFIX, StoreKey, connect, is_plain_sqlite
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.reliability.kill_harness import REPO

KILLS = 100


def content_digest(path: Path, key: StoreKey | None) -> str:
    """Every row of every table: equal digests, equal stores."""
    connection = connect(path, key)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        digest = hashlib.sha256()
        # In rowid order; a table without rowids in its key's order (its storage order).
        tables = connection.execute(
            "SELECT name, wr FROM pragma_table_list WHERE schema = 'main'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        for table, without_rowid in tables:
            digest.update(table.encode())
            order = "" if without_rowid else " ORDER BY rowid"
            for row in connection.execute(f'SELECT * FROM "{table}"{order}'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        connection.close()


def _convert(path: Path, key: StoreKey, *, kill_after: float | None) -> float:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.convert_child", str(path), key.hex()],
        cwd=REPO,
        stdout=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert b"ready" in child.stdout.readline()
    started = time.monotonic()
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    child.stdout.read()
    child.wait()
    return time.monotonic() - started


@pytest.mark.slow
def test_conversion_survives_100_kills_at_random_moments(
    tmp_path: Path, demo_dataset: SchoolDataset
) -> None:
    template = tmp_path / "template.sqlite"
    store = open_store(template)
    load_dataset(store, demo_dataset)
    actions = TeacherActions(store, ensure_device(store))
    for (student,) in store.connection.execute("SELECT id FROM student LIMIT 40").fetchall():
        actions.save_note(student_id=student, body=f"conference note for {student}")
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    expected = content_digest(template, None)
    key = StoreKey.generate()

    timing = tmp_path / "timing.sqlite"
    shutil.copyfile(template, timing)
    full = _convert(timing, key, kill_after=None)
    assert content_digest(timing, key) == expected

    rng = random.Random(14)
    outcomes = {"plain": 0, "encrypted": 0}
    path = tmp_path / "school.sqlite"
    for _round in range(KILLS):
        for leftover in tmp_path.glob("school.sqlite*"):
            leftover.unlink()
        shutil.copyfile(template, path)
        _convert(path, key, kill_after=rng.uniform(0.0, full * 1.1))
        if is_plain_sqlite(path):
            outcomes["plain"] += 1
            assert content_digest(path, None) == expected
        else:
            outcomes["encrypted"] += 1
            assert content_digest(path, key) == expected
        # The next start finishes: encrypted, complete, no plain copy left beside it.
        open_store(path, key).close()
        assert not is_plain_sqlite(path)
        assert content_digest(path, key) == expected
        assert not path.with_name(path.name + PLAIN_SUFFIX).exists()
        assert sorted(p.name for p in tmp_path.glob("school.sqlite*")) == ["school.sqlite"]
    # Both outcomes happened: kills landed before and after the switch.
    assert outcomes["plain"] and outcomes["encrypted"], outcomes

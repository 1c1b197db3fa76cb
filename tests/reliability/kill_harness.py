"""Kill the scripted teacher with SIGKILL at random moments and check what survived.

After each kill the store must open cleanly, pass ``PRAGMA integrity_check``, hold
every write the teacher was told was saved, and hold nothing twice.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from classroom_desk.store.database import open_store

REPO = Path(__file__).resolve().parents[2]


@dataclass
class KillFigures:
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    duplicated: int = 0
    integrity_failures: int = 0
    problems: list[str] = field(default_factory=list)


def run(store_path: Path, *, kills: int, seed: int = 1) -> KillFigures:
    rng = random.Random(seed)
    figures = KillFigures()
    notes: dict[str, str] = {}
    batches: set[str] = set()
    undone: set[str] = set()
    goals: dict[str, float] = {}
    for round_number in range(kills):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.scripted_teacher",
                str(store_path),
                str(rng.randrange(1 << 30)),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        if b"ready" not in first:
            child.kill()
            raise RuntimeError(f"round {round_number}: scripted teacher did not start: {first!r}")
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        output = child.stdout.read()
        child.wait()
        figures.kills += 1
        for line in output.splitlines():
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by the kill was never acknowledged
            figures.acknowledged += 1
            if event["kind"] == "note":
                notes[event["id"]] = event["body"]
            elif event["kind"] == "reassign":
                batches.add(event["batch"])
            elif event["kind"] == "undo":
                undone.add(event["batch"])
            elif event["kind"] == "goal":
                goals[event["id"]] = event["target"]
        _check(store_path, figures, notes, batches, undone, goals)
    return figures


def _check(
    path: Path,
    figures: KillFigures,
    notes: dict[str, str],
    batches: set[str],
    undone: set[str],
    goals: dict[str, float],
) -> None:
    store = open_store(path)  # runs the start-up checks a teacher's launch would
    try:
        connection = store.connection
        if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            figures.integrity_failures += 1
        stored_notes = dict(connection.execute("SELECT id, body FROM conference_note"))
        for note_id, body in notes.items():
            # typing only appends, so a save made after the last acknowledgement may hold more
            if not stored_notes.get(note_id, "").startswith(body):
                figures.lost += 1
                figures.problems.append(
                    f"note {note_id}: {body!r} -> {stored_notes.get(note_id)!r}"
                )
        reassigned = {
            r[0]
            for r in connection.execute(
                "SELECT batch_id FROM reassignment_event WHERE action = 'reassign'"
            )
        }
        undone_stored = {
            r[0]
            for r in connection.execute(
                "SELECT r.batch_id FROM reassignment_event u"
                " JOIN reassignment_event r ON r.id = u.undoes_id"
            )
        }
        figures.lost += len(batches - reassigned) + len(undone - undone_stored)
        stored_goals = {r[0] for r in connection.execute("SELECT id FROM goal")}
        figures.lost += len(set(goals) - stored_goals)
        figures.duplicated += _duplicates(connection)
    finally:
        store.close()


def _duplicates(connection: sqlite3.Connection) -> int:
    """Rows or mutations that appear twice: each record has exactly one live outbox entry
    per kind, and each reassignment event is undone at most once."""
    queries = [
        "SELECT COUNT(*) FROM (SELECT record_id FROM outbox WHERE state = 'pending'"
        " AND kind = 'note.put' GROUP BY record_id HAVING COUNT(*) > 1)",
        "SELECT COUNT(*) FROM (SELECT undoes_id FROM reassignment_event WHERE undoes_id"
        " IS NOT NULL GROUP BY undoes_id HAVING COUNT(*) > 1)",
        "SELECT COUNT(*) FROM reassignment_event e WHERE (SELECT COUNT(*) FROM outbox o"
        " WHERE o.record_id = e.id) != 1",
        "SELECT COUNT(*) FROM conference_note n WHERE NOT EXISTS"
        " (SELECT 1 FROM outbox o WHERE o.record_id = n.id)",
        "SELECT COUNT(*) FROM (SELECT seq FROM outbox GROUP BY seq HAVING COUNT(*) > 1)",
    ]
    return sum(connection.execute(q).fetchone()[0] for q in queries)

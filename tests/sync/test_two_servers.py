"""Two server processes on one PostgreSQL database, as a district runs them behind a proxy:
devices push to both at once while another device pulls from both in turn. Nothing is
lost or stored twice, no sync-log number is handed out twice, and the puller, which only
ever asks for what comes after its cursor, ends with every row (a number given out by
one process and committed after a higher one from the other would be skipped for good).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from classroom_desk.demo import demo_id
from classroom_desk.server.database import make_engine, read_transaction
from tests.sync.harness import PostgresCluster, ServerProcess
from tests.sync.hostile import RawDevice

STUDENTS = [demo_id("student", f"homeroom-4/{n}") for n in (1, 2, 3)]
BATCHES = 25  # a device's pushes, 10 notes each, alternating between the two servers


@pytest.fixture
def two_servers(postgres: PostgresCluster, tmp_path: Path) -> Iterator[list[ServerProcess]]:
    url = postgres.new_database()
    servers = [ServerProcess(url, tmp_path), ServerProcess(url, tmp_path)]
    for server in servers:  # one after the other: the second finds the demo loaded
        server.start()
    yield servers
    for server in servers:
        server.stop()


@dataclass
class Puller:
    """A device that only pulls: its cursor and every row it has been sent."""

    device: RawDevice
    cursor: int = 0
    epoch: str | None = None
    seen: set[tuple[str, str]] = field(default_factory=set)


def pull_everything(puller: Puller, servers: list[ServerProcess]) -> None:
    """Pull pages from the servers in turn until one says there is no more; the rows seen
    are kept in ``puller.seen``."""
    for server in itertools.cycle(servers):
        answer = httpx.post(
            f"{server.url}/sync/pull",
            json={"cursor": puller.cursor, "epoch": puller.epoch, "limit": 50},
            headers=puller.device.headers,
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert not page["reset"], "a pull between two processes of one server was reset"
        puller.seen.update((change["table"], change["id"]) for change in page["changes"])
        puller.cursor, puller.epoch = page["next_cursor"], page["epoch"]
        if not page["has_more"]:
            return


def test_two_processes_lose_nothing_and_duplicate_nothing(two_servers: list[ServerProcess]) -> None:
    first = two_servers[0]
    pushers = [RawDevice.sign_in(first, "rivera") for _ in range(2)] + [
        RawDevice.sign_in(two_servers[1], "rivera")
    ]
    puller = Puller(RawDevice.sign_in(first, "rivera"))
    pull_everything(puller, two_servers)
    failures: list[str] = []
    written: list[str] = []
    done = threading.Event()

    def push(device: RawDevice, offset: int) -> None:
        try:
            for batch in range(BATCHES):
                server = two_servers[(batch + offset) % 2]
                ids = [str(uuid.uuid4()) for _ in range(10)]
                device.server = server
                results = device.push(
                    [
                        device.mutation(
                            "note.put",
                            record_id=record_id,
                            student_id=STUDENTS[n % len(STUDENTS)],
                            payload={"body": f"Batch {batch} note {n}", "tags": []},
                        )
                        for n, record_id in enumerate(ids)
                    ]
                )
                outcomes = {result["outcome"] for result in results}
                if outcomes != {"applied"}:
                    failures.append(f"{device.device_id} batch {batch}: {outcomes}")
                written.extend(ids)
        except Exception as error:
            failures.append(f"{device.device_id}: {error!r}")

    def pull_while_pushing() -> None:
        try:
            while not done.is_set():
                pull_everything(puller, two_servers)
        except Exception as error:
            failures.append(f"puller: {error!r}")

    threads = [threading.Thread(target=push, args=(d, n)) for n, d in enumerate(pushers)]
    reader = threading.Thread(target=pull_while_pushing)
    reader.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()
    assert failures == []
    pull_everything(puller, two_servers)  # what was committed after its last pull

    assert len(written) == len(set(written)) == len(pushers) * BATCHES * 10
    engine = make_engine(first.database_url)
    try:
        with read_transaction(engine) as connection:
            stored = {
                row[0]
                for row in connection.execute(
                    text("SELECT id FROM conference_note WHERE id = ANY(:ids)"), {"ids": written}
                )
            }
            numbers = connection.execute(
                text("SELECT COUNT(*), COUNT(DISTINCT server_seq) FROM sync_row")
            ).one()
            logged = {
                row[0]
                for row in connection.execute(
                    text(
                        "SELECT row_id FROM sync_row"
                        " WHERE table_name = 'conference_note' AND row_id = ANY(:ids)"
                    ),
                    {"ids": written},
                )
            }
    finally:
        engine.dispose()
    assert stored == set(written), "a note acknowledged as applied is not on the server"
    assert numbers[0] == numbers[1], "a sync-log number was handed out twice"
    assert logged == set(written)
    seen_notes = {row_id for table, row_id in puller.seen if table == "conference_note"}
    assert set(written) <= seen_notes, (
        f"the puller never saw {len(set(written) - seen_notes)} notes: a sync-log number "
        "committed after a higher one was skipped"
    )


def children(pid: int) -> list[str]:
    """The command lines of a process's children (Linux)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found.append(Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode())
    return found


def test_serve_with_workers_runs_that_many_processes(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    server = ServerProcess(postgres.new_database(), tmp_path, extra_args=("--workers", "2"))
    server.start()
    try:
        assert server.process is not None
        workers = [line for line in children(server.process.pid) if "spawn_main" in line]
        assert len(workers) == 2, children(server.process.pid)
        devices = [RawDevice.sign_in(server, "rivera") for _ in range(4)]
        for device in devices:
            [result] = device.push(
                [
                    device.mutation(
                        "note.put",
                        record_id=str(uuid.uuid4()),
                        student_id=STUDENTS[0],
                        payload={"body": "Through either worker", "tags": []},
                    )
                ]
            )
            assert result["outcome"] == "applied"
    finally:
        server.stop()


def test_workers_need_postgresql(tmp_path: Path) -> None:
    answer = subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "serve", "--workers", "2",
         "--database", f"sqlite:///{tmp_path / 'server.sqlite'}"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert answer.returncode == 1
    assert "--workers above 1 needs a PostgreSQL database" in answer.stderr
    assert "Traceback" not in answer.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--workers", "0"], "--workers must be 1 or more, not 0"),
        (["--workers", "-3"], "--workers must be 1 or more, not -3"),
        (["--workers", "2"], "--workers above 1 needs a PostgreSQL database"),
        (["--tls-cert", "server.pem"], "give both --tls-cert and --tls-key, or neither"),
    ],
)
def test_serve_refuses_bad_arguments_before_touching_the_database(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    """A refused ``serve`` changes nothing: no database file made, no demo school loaded."""
    database = tmp_path / "server.sqlite"
    answer = subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "serve", "--demo", *arguments,
         "--database", f"sqlite:///{database}"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert answer.returncode == 1, answer.stderr
    assert message in answer.stderr
    assert "Traceback" not in answer.stderr
    assert not database.exists()


def test_serve_with_workers_and_a_url_that_is_not_one_says_so(tmp_path: Path) -> None:
    answer = subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "serve", "--workers", "2",
         "--database", "server.sqlite"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert answer.returncode == 1, answer.stderr
    assert "not a database URL: 'server.sqlite'" in answer.stderr
    assert "Traceback" not in answer.stderr
    assert list(tmp_path.iterdir()) == []

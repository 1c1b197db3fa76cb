"""The composition root's choice of store: the school's, or the demo when there is none."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from classroom_desk.app import DEMO_STORE, SCHOOL_STORE, main, open_app_store, reopen_command
from classroom_desk.demo import build_demo_school
from classroom_desk.importers.oneroster import import_oneroster
from classroom_desk.store.database import open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.sync.client import SyncClient, read_status, sign_in
from classroom_desk.sync.replica import Replica
from tests.conftest import DEMO_NOW
from tests.importers.packages import write_package
from tests.sync.harness import ServerProcess, create_principal, sqlite_url


def test_first_run_without_a_school_opens_the_demo(tmp_path: Path) -> None:
    store = open_app_store(tmp_path, demo=False, now=DEMO_NOW, key=None)
    try:
        assert store.path == tmp_path / DEMO_STORE
        school = RosterQueries(store.connection).school()
        assert school is not None and school.name == "Maple Ridge Demo School"
    finally:
        store.close()


def test_a_set_up_school_opens_its_own_store(tmp_path: Path) -> None:
    school_store = open_store(tmp_path / SCHOOL_STORE)
    load_dataset(school_store, build_demo_school(DEMO_NOW))
    school_store.close()
    store = open_app_store(tmp_path, demo=False, now=DEMO_NOW, key=None)
    store.close()
    assert store.path == tmp_path / SCHOOL_STORE
    assert not (tmp_path / DEMO_STORE).exists()


def test_a_stale_demo_is_backed_up_then_rebuilt_for_this_week(tmp_path: Path) -> None:
    open_app_store(tmp_path, demo=True, now=DEMO_NOW, key=None).close()
    same_week = open_app_store(tmp_path, demo=True, now=DEMO_NOW + timedelta(days=1), key=None)
    same_week.close()
    assert not (tmp_path / "backups").exists()

    later = DEMO_NOW + timedelta(weeks=3)
    store = open_app_store(tmp_path, demo=True, now=later, key=None)
    try:
        newest = RosterQueries(store.connection).last_activity()
        assert newest is not None and later.replace(tzinfo=None) - newest < timedelta(days=2)
    finally:
        store.close()
    assert len(list((tmp_path / "backups").glob("demo-*-stale-demo.sqlite"))) == 1


def test_a_store_error_exits_non_zero_with_a_message(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / DEMO_STORE).write_bytes(b"garbage" * 50)
    assert main(["--demo", "--smoke-test", "--data-dir", str(tmp_path)]) == 2
    assert "is not a Classroom Desk database" in capsys.readouterr().err


def test_reopening_keeps_the_options_but_the_demo() -> None:
    argv = ["/venv/bin/classroom-desk", "--demo", "--data-dir", "/data"]
    assert reopen_command(argv, executable="/venv/bin/python", frozen=False) == [
        "/venv/bin/python", "-m", "classroom_desk", "--data-dir", "/data",
    ]  # fmt: skip
    bundle = ["/opt/classroom-desk/classroom-desk", "--demo"]
    assert reopen_command(bundle, executable="/opt/classroom-desk/classroom-desk", frozen=True) == [
        "/opt/classroom-desk/classroom-desk"
    ]


def test_the_reopen_command_opens_the_school_a_roster_was_imported_into(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    school = open_store(data_dir / SCHOOL_STORE)
    try:
        import_oneroster(write_package(tmp_path / "package"), school)
    finally:
        school.close()
    argv = ["classroom-desk", "--demo", "--data-dir", str(data_dir), "--smoke-test"]
    command = reopen_command(argv, executable=sys.executable, frozen=False)
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The school's first class with a content area (Homeroom 4A, math; not Art 4).
    assert "roster rows: 2" in done.stdout


PRINCIPAL_PASSWORD = "maple-ridge-principal-lee"


def test_a_principal_who_signed_in_on_the_demo_keeps_the_account_when_reopened(
    tmp_path: Path,
) -> None:
    """A new laptop opens on the demo (no school set up yet) and its principal signs in
    there: the server's copy replaces the demo's, with no activity (a principal's laptop
    holds none). Opened again the next morning it was taken for a stale demo and rebuilt:
    the sign-in, the role and the School view's kept figures were lost, and the
    principal's window came back as a teacher's roster of the demo school."""
    server = ServerProcess(sqlite_url(tmp_path), tmp_path)
    server.start()
    try:
        create_principal(server.database_url, "lee", PRINCIPAL_PASSWORD)
        laptop = tmp_path / "laptop"
        store = open_app_store(laptop, demo=False, now=DEMO_NOW, key=None)
        assert store.path == laptop / DEMO_STORE
        signed = sign_in(
            store, server_url=server.url, user="lee", password=PRINCIPAL_PASSWORD, device_name="x"
        )
        with SyncClient(store, server_url=server.url, token=signed.token) as client:
            client.sync()
        assert RosterQueries(store.connection).last_activity() is None
        store.close()

        store = open_app_store(laptop, demo=False, now=DEMO_NOW + timedelta(days=1), key=None)
        try:
            signed_in = Replica(store).signed_in_as()
            assert signed_in is not None
            assert signed_in.account == f"{server.url} lee"
            assert read_status(store).read_only
        finally:
            store.close()
        assert not (laptop / "backups").exists()
    finally:
        server.stop()


def test_a_teacher_signed_in_on_the_demo_keeps_the_schools_copy_after_a_break(
    tmp_path: Path,
) -> None:
    """Three weeks with no activity (a winter break) do not make a laptop's copy of its
    school a stale demo to rebuild."""
    store = open_app_store(tmp_path, demo=False, now=DEMO_NOW, key=None)
    Replica(store).remember_sign_in(
        server_url="https://school.example.invalid", user="rivera", account_id="t-1", role="teacher"
    )
    store.close()
    store = open_app_store(tmp_path, demo=False, now=DEMO_NOW + timedelta(weeks=3), key=None)
    try:
        signed_in = Replica(store).signed_in_as()
        assert signed_in is not None
        assert signed_in.account == "https://school.example.invalid rivera"
    finally:
        store.close()
    assert not (tmp_path / "backups").exists()

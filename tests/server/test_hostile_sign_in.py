"""Sign-in and accounts as a stranger, a careless co-teacher or a school's IT person meets
them, against a real server process: wrong passwords from one address, random user
names, a forged X-Forwarded-For, a borrowed device id, and the accounts commands."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from classroom_desk.demo import demo_id
from classroom_desk.store.database import open_store
from classroom_desk.sync.client import sign_in
from classroom_desk.sync.values import SignInRequiredError
from tests.sync.harness import (
    DEMO_PASSWORDS,
    MemoryKeyring,
    ServerProcess,
    sqlite_url,
    teacher_and_coteacher,
    template_store,
)
from tests.sync.hostile import RawDevice, run_sql

STUDENT = demo_id("student", "homeroom-4/4")


def sqlite_only(test: object) -> object:
    return pytest.mark.parametrize("fresh_server", ["sqlite"], indirect=True)(test)


def attempt(
    server: ServerProcess,
    user: str,
    password: str,
    *,
    address: str = "127.0.0.1",
    forwarded_for: str | None = None,
    device: str | None = None,
) -> httpx.Response:
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    with httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60) as client:
        return client.post(
            f"{server.url}/auth/sign-in",
            json={"user": user, "password": password, "device_id": device or "d-" + user},
            headers=headers,
        )


def run_admin(
    server: ServerProcess, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", *args, "--database", server.database_url],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
@sqlite_only
def test_wrong_passwords_from_one_address_slow_the_teacher_but_never_lock_her_out(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    # A stranger at the school's one address keeps guessing, waiting out each delay so
    # every guess counts: nine failures (the old server then refused her for 64 s, and
    # 5 minutes after a few more).
    failures = throttled = 0
    while failures < 9:
        answer = attempt(fresh_server, "rivera", f"guess-{failures}")
        if answer.status_code == 429:
            throttled += 1
            time.sleep(float(answer.headers["Retry-After"]))
        else:
            assert answer.status_code == 401
            failures += 1
    assert throttled >= 5
    # The teacher types the right password from the same address: the laptop waits the
    # delay the server asks for (it never grows past half a minute), and gets in.
    store = open_store(template_store(tmp_path))
    try:
        result = sign_in(
            store, server_url=fresh_server.url, user="rivera", password=DEMO_PASSWORDS["rivera"]
        )
    finally:
        store.close()
    assert result.token
    assert attempt(fresh_server, "rivera", DEMO_PASSWORDS["rivera"]).status_code == 200


@sqlite_only
def test_three_wrong_passwords_then_the_right_one_signs_in(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    codes = [attempt(fresh_server, "okafor", "guess-" + str(n)).status_code for n in range(12)]
    assert codes[:3] == [401, 401, 401] and 429 in codes[3:]
    store = open_store(template_store(tmp_path))
    try:
        assert sign_in(
            store, server_url=fresh_server.url, user="okafor", password=DEMO_PASSWORDS["okafor"]
        ).token
    finally:
        store.close()


@sqlite_only
def test_random_user_names_from_one_address_are_throttled_too(
    fresh_server: ServerProcess,
) -> None:
    codes = [
        attempt(fresh_server, f"nobody-{uuid.uuid4()}", "guess", address="127.0.0.9").status_code
        for _ in range(40)
    ]
    assert codes[:30] == [401] * 30
    assert 429 in codes[30:]
    # Another address is not slowed by it.
    assert attempt(fresh_server, "okafor", DEMO_PASSWORDS["okafor"]).status_code == 200


@sqlite_only
def test_a_forged_x_forwarded_for_does_not_pick_the_throttling_bucket(
    fresh_server: ServerProcess,
) -> None:
    codes = [
        attempt(fresh_server, "admin", "guess", forwarded_for=f"10.9.{n}.1").status_code
        for n in range(8)
    ]
    assert codes[:3] == [401, 401, 401] and 429 in codes[3:], codes


@pytest.fixture
def proxied_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server told that this computer is its reverse proxy."""
    process = ServerProcess(
        sqlite_url(tmp_path), tmp_path, extra_args=("--forwarded-allow-ips", "127.0.0.1")
    )
    process.start()
    yield process
    process.stop()


def test_behind_a_named_proxy_each_forwarded_address_has_its_own_bucket(
    proxied_server: ServerProcess,
) -> None:
    first = [
        attempt(proxied_server, "admin", "guess", forwarded_for="10.0.0.1").status_code
        for _ in range(5)
    ]
    assert first[:3] == [401, 401, 401] and 429 in first[3:]
    # Another school building behind the same proxy is not slowed by the first.
    assert attempt(proxied_server, "admin", "guess", forwarded_for="10.0.0.2").status_code == 401


@sqlite_only
def test_a_borrowed_device_id_is_refused_and_another_devices_note_is_never_rewritten(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with teacher_and_coteacher(tmp_path, fresh_server.url) as (teacher, coteacher):
        note = teacher.actions.save_note(student_id=STUDENT, body="Lead teacher's note")
        assert note is not None
        teacher.sync()
        # The co-teacher signs in claiming the lead teacher's laptop: refused.
        borrowed = attempt(
            fresh_server, "okafor", DEMO_PASSWORDS["okafor"], device=teacher.device_id
        )
        assert borrowed.status_code == 403
        assert "registered to another account" in borrowed.json()["detail"]
        # From her own device, a change to the lead teacher's note becomes a new version.
        own = RawDevice.sign_in(fresh_server, "okafor")
        [result] = own.push(
            [
                own.mutation(
                    "note.put",
                    record_id=note,
                    student_id=STUDENT,
                    payload={"body": "Rewritten by someone else", "tags": []},
                )
            ]
        )
        assert result["outcome"] == "applied"
        for laptop in (teacher, coteacher):
            laptop.sync()
            assert laptop.one("SELECT body FROM conference_note WHERE id = ?", note) == (
                "Lead teacher's note"
            )
            assert (
                laptop.one("SELECT body FROM conference_note WHERE supersedes_id = ?", note)
                == "Rewritten by someone else"
            )


@sqlite_only
def test_accounts_a_school_can_run(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    server = fresh_server
    device = RawDevice.sign_in(server, "okafor")
    # last_seen_at is written on use and shown by list-devices.
    assert httpx.post(f"{server.url}/sync/pull", json={}, headers=device.headers).status_code == 200
    listed = run_admin(server, "list-devices").stdout
    line = next(row for row in listed.splitlines() if device.device_id in row)
    assert line.split("\t")[4] != "-"
    # reset-password: the old password and every device token stop working.
    reset = run_admin(server, "reset-password", "--username", "okafor", "--password-stdin",
                      stdin="a brand new password\n")  # fmt: skip
    assert reset.returncode == 0, reset.stderr
    assert httpx.get(f"{server.url}/sections", headers=device.headers).status_code == 401
    assert (
        attempt(server, "okafor", DEMO_PASSWORDS["okafor"], address="127.0.0.3").status_code == 401
    )
    fresh = attempt(server, "okafor", "a brand new password", address="127.0.0.3")
    assert fresh.status_code == 200
    token = {"Authorization": f"Bearer {fresh.json()['token']}"}
    short = run_admin(server, "reset-password", "--username", "okafor", "--password-stdin",
                      stdin="short\n")  # fmt: skip
    assert short.returncode != 0 and "at least 8 characters" in short.stderr
    # disable-account: no sign-in, every device revoked; enable-account undoes it.
    assert run_admin(server, "disable-account", "--username", "okafor").returncode == 0
    assert httpx.get(f"{server.url}/sections", headers=token).status_code == 401
    assert attempt(server, "okafor", "a brand new password", address="127.0.0.4").status_code == 401
    assert run_admin(server, "enable-account", "--username", "okafor").returncode == 0
    assert attempt(server, "okafor", "a brand new password", address="127.0.0.4").status_code == 200
    missing = run_admin(server, "disable-account", "--username", "nobody")
    assert missing.returncode != 0 and "no account 'nobody'" in missing.stderr
    # A token unused for 90 days stops working; one in use renews itself.
    idle = RawDevice.sign_in(server, "admin")
    used = RawDevice.sign_in(server, "admin")
    run_sql(
        server.database_url,
        "UPDATE device_token SET created_at = :old, last_seen_at = :old"
        " WHERE device_id IN (:idle, :used)",
        {"old": "2020-01-01 00:00:00.000000", "idle": idle.device_id, "used": used.device_id},
    )
    run_sql(
        server.database_url,
        "UPDATE device_token SET last_seen_at = :recent WHERE device_id = :used",
        {"recent": "2099-01-01 00:00:00.000000", "used": used.device_id},
    )
    assert httpx.get(f"{server.url}/sections", headers=idle.headers).status_code == 401
    assert httpx.get(f"{server.url}/sections", headers=used.headers).status_code == 200
    # The audit log has the admin commands and the sign-ins, with where they came from.
    audit = run_admin(server, "audit-log", "--limit", "200").stdout
    for action in ("reset-password", "disable-account", "enable-account", "signed in",
                   "sign-in refused"):  # fmt: skip
        assert f"\t{action}\t" in audit, action
    assert "127.0.0.3" in audit


def test_the_database_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "school" / "server.sqlite"
    created = subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "audit-log",
         "--database", f"sqlite:///{database}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    for path in database.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700


def test_a_laptop_sign_in_refused_for_a_borrowed_device_says_why(
    server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    store = open_store(template_store(tmp_path))
    try:
        sign_in(store, server_url=server.url, user="rivera", password=DEMO_PASSWORDS["rivera"])
        with pytest.raises(Exception, match="registered to another account"):
            sign_in(store, server_url=server.url, user="okafor", password=DEMO_PASSWORDS["okafor"])
        with pytest.raises(SignInRequiredError):
            sign_in(store, server_url=server.url, user="rivera", password="wrong password")
    finally:
        store.close()

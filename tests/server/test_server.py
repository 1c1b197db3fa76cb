"""The school server as a real process, on SQLite and on PostgreSQL: sign-in, sync
between two laptops, scoping of every endpoint, revoked tokens, the admin commands,
and schemathesis against the served OpenAPI spec."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

from classroom_desk.demo import demo_id
from classroom_desk.sync.protocol import PullResponse
from tests.sync.harness import (
    DEMO_PASSWORDS,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    server_checksums,
    template_store,
)

HOMEROOM = demo_id("section", "homeroom-4")
MATH7 = demo_id("section", "math-7")
MATH7_STUDENT = demo_id("student", "math-7/0")
HOMEROOM_STUDENT = demo_id("student", "homeroom-4/0")


def token_for(server: ServerProcess, user: str, device: str | None = None) -> str:
    answer = httpx.post(
        f"{server.url}/auth/sign-in",
        json={
            "user": user,
            "password": DEMO_PASSWORDS[user],
            "device_id": device or f"device-{uuid.uuid4()}",
        },
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def push_one(
    server: ServerProcess, token: str, device: str, mutation: dict[str, Any]
) -> dict[str, Any]:
    """One mutation pushed alone (seq 1, a fresh id and record); its result."""
    answer = httpx.post(
        f"{server.url}/sync/push",
        headers=auth(token),
        json={
            "device_id": device,
            "mutations": [
                {
                    "seq": 1,
                    "mutation_id": str(uuid.uuid4()),
                    "record_id": str(uuid.uuid4()),
                    "stamp": f"{1:015d}-000000-{device}",
                    "created_at": "2026-11-19 10:00:00.000000",
                    **mutation,
                }
            ],
        },
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json()["results"][0])


def note_put(student: str, body: str) -> dict[str, Any]:
    return {
        "kind": "note.put",
        "student_id": student,
        "payload": {"student_id": student, "body": body, "tags": []},
    }


def pull_everything(
    server: ServerProcess, token: str, *, limit: int = 5000
) -> list[dict[str, object]]:
    changes: list[dict[str, object]] = []
    cursor, epoch = 0, None
    while True:
        answer = httpx.post(
            f"{server.url}/sync/pull",
            json={"cursor": cursor, "epoch": epoch, "limit": limit},
            headers=auth(token),
        )
        page = PullResponse.model_validate_json(answer.content)
        changes += [c.model_dump() for c in page.changes]
        cursor, epoch = page.next_cursor, page.epoch
        if not page.has_more:
            return changes


def test_health_and_openapi(server: ServerProcess) -> None:
    assert httpx.get(f"{server.url}/health").status_code == 200
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert "/sync/push" in spec["paths"] and "/sync/pull" in spec["paths"]


def test_wrong_passwords_are_refused_then_slowed(server: ServerProcess) -> None:
    user = f"nobody-{uuid.uuid4()}"
    codes = [
        httpx.post(
            f"{server.url}/auth/sign-in",
            json={"user": user, "password": "guess", "device_id": "d"},
        ).status_code
        for _ in range(5)
    ]
    assert codes[:3] == [401, 401, 401]
    assert 429 in codes[3:]


def test_two_laptops_sync_through_this_database(
    server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    template = template_store(tmp_path)
    teacher = new_laptop(tmp_path, "t", server.url, "rivera", template)
    coteacher = new_laptop(tmp_path, "c", server.url, "okafor", template)
    for laptop in (teacher, coteacher):
        laptop.sign_in()
        laptop.sync()
    note = teacher.actions.save_note(student_id=HOMEROOM_STUDENT, body="Offline note")
    for laptop in (teacher, coteacher, teacher):
        laptop.sync()
    assert coteacher.one("SELECT body FROM conference_note WHERE id = ?", note) == "Offline note"
    for laptop in (teacher, coteacher):
        assert laptop.checksums() == server_checksums(server.database_url, laptop.user)
        laptop.close()


def test_another_teachers_section_is_invisible_on_every_endpoint(server: ServerProcess) -> None:
    owner = token_for(server, "rivera")
    device = f"device-{uuid.uuid4()}"
    outsider = token_for(server, "okafor", device)
    # The owner reassigns a grade-7 unit, so the feed has something to hide.
    engine_rows = httpx.post(
        f"{server.url}/sync/pull", json={"cursor": 0, "limit": 5000}, headers=auth(owner)
    )
    assert engine_rows.status_code == 200
    unit = demo_id("unit", "MTH-1.01")
    owner_device = token_for(server, "rivera", "owner-device")
    answer = httpx.post(
        f"{server.url}/sync/push",
        headers=auth(owner_device),
        json={
            "device_id": "owner-device",
            "mutations": [
                {
                    "seq": 1,
                    "mutation_id": str(uuid.uuid4()),
                    "kind": "reassignment.reassign",
                    "record_id": str(uuid.uuid4()),
                    "student_id": MATH7_STUDENT,
                    "payload": {"unit_id": unit, "batch_id": "b", "score": 50, "reason": "x"},
                    "stamp": f"{1:015d}-000000-owner-device",
                    "created_at": "2026-11-19 10:00:00.000000",
                }
            ],
        },
    )
    assert answer.json()["results"][0]["outcome"] == "applied", answer.text
    nowhere = str(uuid.uuid4())

    def same_404(path: str, method: str = "GET") -> None:
        hidden = httpx.request(method, f"{server.url}{path.format(MATH7)}", headers=auth(outsider))
        missing = httpx.request(
            method, f"{server.url}{path.format(nowhere)}", headers=auth(outsider)
        )
        assert hidden.status_code == missing.status_code == 404
        assert hidden.content == missing.content

    same_404("/sections/{}/students")
    hidden = httpx.get(f"{server.url}/students/{MATH7_STUDENT}", headers=auth(outsider))
    missing = httpx.get(f"{server.url}/students/{nowhere}", headers=auth(outsider))
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    assert (
        httpx.get(f"{server.url}/students/{HOMEROOM_STUDENT}", headers=auth(outsider)).status_code
        == 200
    )

    sections = httpx.get(f"{server.url}/sections", headers=auth(outsider)).json()
    assert [s["id"] for s in sections] == [HOMEROOM]

    math7_students = {demo_id("student", f"math-7/{seat}") for seat in range(31)}
    for change in pull_everything(server, outsider):
        data = change["data"] or {}
        assert isinstance(data, dict)
        assert change["id"] != MATH7 and data.get("section_id") != MATH7
        assert data.get("student_id") not in math7_students and change["id"] not in math7_students

    feed = httpx.get(f"{server.url}/feed/reassignments", headers=auth(outsider)).json()
    assert all(item["student_id"] not in math7_students for item in feed["items"])
    owner_feed = httpx.get(f"{server.url}/feed/reassignments", headers=auth(owner)).json()
    assert any(item["student_id"] == MATH7_STUDENT for item in owner_feed["items"])

    def push_note(student: str) -> str:
        result = push_one(server, outsider, device, note_put(student, "hello"))
        assert result["outcome"] == "rejected"
        return str(result["reason"])

    assert push_note(MATH7_STUDENT) == push_note(nowhere)

    wrong_device = httpx.post(
        f"{server.url}/sync/push",
        headers=auth(outsider),
        json={"device_id": "owner-device", "mutations": []},
    )
    assert wrong_device.status_code == 403

    devices = httpx.get(f"{server.url}/auth/devices", headers=auth(outsider)).json()
    assert {d["user"] for d in devices} == {"okafor"}
    owner_tokens = httpx.get(f"{server.url}/auth/devices", headers=auth(owner)).json()
    theirs = httpx.post(
        f"{server.url}/auth/devices/{owner_tokens[0]['id']}/revoke", headers=auth(outsider)
    )
    missing = httpx.post(f"{server.url}/auth/devices/{nowhere}/revoke", headers=auth(outsider))
    assert theirs.status_code == missing.status_code == 404 and theirs.content == missing.content


AUTHENTICATED = [
    ("GET", "/auth/devices", None),
    ("POST", "/auth/devices/x/revoke", None),
    ("POST", "/sync/push", {"device_id": "d", "mutations": []}),
    ("POST", "/sync/pull", {"cursor": 0}),
    ("GET", "/policy", None),
    ("GET", "/sections", None),
    ("GET", f"/sections/{HOMEROOM}/students", None),
    ("GET", f"/students/{HOMEROOM_STUDENT}", None),
    ("GET", "/feed/reassignments", None),
    ("GET", "/school/months/2026/11", None),
    ("GET", "/school/weeks/2026-11-18", None),
]


def test_a_revoked_token_gets_401_everywhere(server: ServerProcess) -> None:
    token = token_for(server, "okafor", "lost-laptop")
    mine = httpx.get(f"{server.url}/auth/devices", headers=auth(token)).json()
    token_id = next(d["id"] for d in mine if d["device_id"] == "lost-laptop" and not d["revoked"])
    admin = token_for(server, "admin")
    assert (
        httpx.post(f"{server.url}/auth/devices/{token_id}/revoke", headers=auth(admin)).status_code
        == 204
    )
    for method, path, body in AUTHENTICATED:
        answer = httpx.request(method, f"{server.url}{path}", json=body, headers=auth(token))
        assert answer.status_code == 401, (method, path)
        answer = httpx.request(method, f"{server.url}{path}", json=body)
        assert answer.status_code == 401, (method, path)
    # Every endpoint is in the list (a new one must be added here).
    spec = httpx.get(f"{server.url}/openapi.json").json()
    listed = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    covered = {(m, p) for m, p, _ in AUTHENTICATED}
    templated = {
        ("POST", "/auth/devices/{token_id}/revoke"),
        ("GET", "/sections/{section_id}/students"),
        ("GET", "/students/{student_id}"),
        ("GET", "/school/months/{year}/{month}"),
        ("GET", "/school/weeks/{day}"),
    }
    assert listed - covered - templated == {
        ("GET", "/health"),
        ("GET", "/metrics"),
        ("POST", "/auth/sign-in"),
    }


def test_admin_commands(server: ServerProcess, tmp_path: Path) -> None:
    def run(*args: str, stdin: str = "") -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "classroom_desk.server",
                *args,
                "--database",
                server.database_url,
            ],
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    name = f"lee-{uuid.uuid4().hex[:8]}"
    run("create-teacher", "--username", name, "--given-name", "Ann", "--family-name", "Lee",
        "--email", "ann@example.org", "--password-stdin", stdin="a long password\n")  # fmt: skip
    section = run("create-section", "--name", "Science 5", "--grade", "5", "--teacher", name,
                  "--content-area", "reading").strip()  # fmt: skip
    run("assign-teacher", "--section", section, "--teacher", "okafor")
    answer = httpx.post(
        f"{server.url}/auth/sign-in",
        json={"user": name, "password": "a long password", "device_id": "lee-laptop"},
    )
    assert answer.status_code == 200
    listed = run("list-devices")
    token_id = answer.json()["token_id"]
    assert token_id in listed
    run("revoke-device", token_id)
    assert (
        httpx.get(f"{server.url}/sections", headers=auth(answer.json()["token"])).status_code == 401
    )
    out = tmp_path / "feed.csv"
    printed = run("export-reassignments", "--output", str(out))
    assert out.read_text().splitlines()[0].startswith("feed_seq,event_id,action")
    assert "--after" in printed
    failed = subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "revoke-device", "no-such-token",
         "--database", server.database_url],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert failed.returncode != 0 and "no active device token" in failed.stderr


def run_schemathesis(server: ServerProcess, tmp_path: Path, *args: str) -> str:
    """schemathesis with its default checks (server errors, status codes, content types,
    headers, response schemas, negative and positive data, auth...): 0 failures."""
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(schemathesis), "run", f"{server.url}/openapi.json",
            "--max-examples", "40", "--report-dir", str(tmp_path), *args,
        ],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-8000:]
    return result.stdout


def test_schemathesis_signed_in_finds_nothing_with_every_default_check(
    fresh_server: ServerProcess, tmp_path: Path
) -> None:
    token = token_for(fresh_server, "okafor")
    out = run_schemathesis(
        fresh_server, tmp_path,
        "--header", f"Authorization: Bearer {token}", "--seed", "1",
        "--exclude-path", "/auth/sign-in",
    )  # fmt: skip
    assert "Tested: 13" in out and " passed" in out


def test_schemathesis_on_sign_in_finds_nothing_with_every_default_check(
    fresh_server: ServerProcess, tmp_path: Path
) -> None:
    # A server of its own: the fuzzer's wrong passwords slow sign-ins from this address.
    out = run_schemathesis(fresh_server, tmp_path, "--include-path", "/auth/sign-in", "--seed", "2")
    assert "No issues found" in out

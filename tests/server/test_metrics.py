"""``/metrics`` against a real server process: requests by route template and status,
latency, sync records, with no student name, note or id in it whatever a client sends,
and, under ``serve --workers 2``, every worker's counts added up."""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path

import httpx
import pytest

from classroom_desk.demo import demo_id
from tests.sync.harness import PostgresCluster, ServerProcess
from tests.sync.hostile import RawDevice

STUDENT = demo_id("student", "homeroom-4/1")
NOTE = "Metrics must never show this note"


def scrape(server: ServerProcess) -> str:
    answer = httpx.get(f"{server.url}/metrics", timeout=30)  # no token needed
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return answer.text


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample (0 when it is not there yet)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        series, value = line.rsplit(" ", 1)
        found = re.fullmatch(rf"{re.escape(name)}\{{(.*)\}}", series)
        if found and ",".join(sorted(found.group(1).split(","))) == wanted:
            return float(value)
    return 0.0


def note(device: RawDevice) -> dict[str, object]:
    return device.mutation(
        "note.put",
        record_id=str(uuid.uuid4()),
        student_id=STUDENT,
        payload={"body": NOTE, "tags": []},
    )


@pytest.mark.parametrize("fresh_server", ["sqlite"], indirect=True)
def test_metrics_count_by_route_template_and_hold_nothing_sent(
    fresh_server: ServerProcess,
) -> None:
    server = fresh_server
    before = scrape(server)
    device = RawDevice.sign_in(server, "rivera")
    [result] = device.push([note(device), note(device)][:1])
    assert result["outcome"] == "applied"
    device.push([note(device), note(device)])
    pulled = httpx.post(
        f"{server.url}/sync/pull",
        json={"cursor": 0, "limit": 50},
        headers=device.headers,
        timeout=30,
    )
    assert pulled.status_code == 200
    rows = len(pulled.json()["changes"])
    # Hostile: a path per student id, random paths, a refused token. None may become a label.
    for student in (STUDENT, "Ava Johnson", str(uuid.uuid4())):
        httpx.get(f"{server.url}/students/{student}", headers=device.headers, timeout=30)
    for _ in range(20):
        httpx.get(f"{server.url}/{uuid.uuid4()}/{uuid.uuid4()}", timeout=30)
    httpx.post(f"{server.url}/sync/push", json={}, headers={"Authorization": "Bearer x"})

    after = scrape(server)
    requests = "classroom_desk_requests_total"
    push = {"method": "POST", "route": "/sync/push"}
    assert (
        sample(after, requests, **push, status="200")
        - sample(before, requests, **push, status="200")
        == 2
    )
    refused = {"method": "GET", "route": "unrouted", "status": "401"}
    assert sample(after, requests, **refused) - sample(before, requests, **refused) == 20
    refused_push = {"method": "POST", "route": "unrouted", "status": "401"}
    assert sample(after, requests, **refused_push) - sample(before, requests, **refused_push) == 1
    by_template = [
        sample(after, requests, method="GET", route="/students/{student_id}", status=status)
        for status in ("200", "404")
    ]
    assert sum(by_template) == 3  # one template, whatever id was asked
    pushed = "classroom_desk_sync_records_total"
    assert (
        sample(after, pushed, direction="pushed") - sample(before, pushed, direction="pushed") == 3
    )
    assert (
        sample(after, pushed, direction="pulled") - sample(before, pushed, direction="pulled")
        == rows
        > 0
    )
    latency = "classroom_desk_request_duration_seconds_count"
    assert sample(after, latency, method="POST", route="/sync/pull") >= 1
    assert 'le="0.05"' in after  # the histogram's buckets
    # What a client sent never shows: no id, name, note text or random path.
    for secret in (STUDENT, "Ava Johnson", NOTE, "rivera", device.token):
        assert secret not in after
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", after), "a uuid became a label"
    assert len(re.findall(r'route="', after)) < 200  # bounded, whatever was asked


def test_workers_metrics_add_up_every_process(postgres: PostgresCluster, tmp_path: Path) -> None:
    left_before = set(Path(tempfile.gettempdir()).glob("classroom-desk-metrics-*"))
    server = ServerProcess(postgres.new_database(), tmp_path, extra_args=("--workers", "2"))
    server.start()
    try:
        devices = [RawDevice.sign_in(server, "rivera") for _ in range(6)]
        for device in devices:
            device.push([note(device)])
        # Each scrape may land on either worker; every one must show all six pushes.
        for _ in range(6):
            text = scrape(server)
            assert sample(text, "classroom_desk_sync_records_total", direction="pushed") == 6
            assert sample(
                text, "classroom_desk_requests_total", method="POST", route="/sync/push",
                status="200",
            ) == 6  # fmt: skip
    finally:
        server.stop()
    # The workers' count files go with the server.
    assert set(Path(tempfile.gettempdir()).glob("classroom-desk-metrics-*")) <= left_before

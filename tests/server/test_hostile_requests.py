"""Requests an attacker or a broken client sends, against a real server process: bodies
that are huge or inflate to huge, a sign-in flood beside a push loop, hostile numbers,
errors that must not echo what was sent. The server's memory is asserted (it is not a
time); /health latency and push latency are measured and reported, never asserted."""

from __future__ import annotations

import gzip
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from classroom_desk.demo import demo_id
from tests.server.probes import raw_post, report, watching
from tests.sync.harness import ServerProcess
from tests.sync.hostile import RawDevice, now_millis, push_latencies, stamp

MB = 1024 * 1024
#: Answered to anyone, with no body to read: the health check and Prometheus's counts.
PUBLIC_READS = ("/health", "/metrics")
#: The server's resident memory must stay under this whatever it is sent.
RSS_LIMIT = 300 * MB
STUDENT = demo_id("student", "homeroom-4/1")
UNIT = demo_id("unit", "MTH-4.01")


def sqlite_only(test: object) -> object:
    return pytest.mark.parametrize("fresh_server", ["sqlite"], indirect=True)(test)


def bomb(inflated: int) -> bytes:
    """A gzip body of a few KB that inflates to ``inflated`` bytes of JSON-ish text."""
    return gzip.compress(b'{"device_id": "' + b"a" * inflated + b'"}', compresslevel=9)


def chunks(total: int, size: int = MB) -> Iterator[bytes]:
    block = b"x" * size
    for _ in range(total // size):
        yield block


@sqlite_only
def test_bodies_that_are_or_inflate_to_huge_are_refused_before_they_are_read(
    fresh_server: ServerProcess,
) -> None:
    server = fresh_server
    assert server.process is not None
    device = RawDevice.sign_in(server, "rivera")
    small, large = bomb(16 * MB), bomb(64 * MB)
    assert len(small) < 20_000 and len(large) < 70_000
    gzip_headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    with watching(server.process.pid, server.url) as watch:
        answers = {}
        for name, body in (("16 MB bomb", small), ("64 MB bomb", large)):
            for who, headers in (("anonymous", {}), ("signed in", device.headers)):
                answer = httpx.post(
                    f"{server.url}/sync/push",
                    content=body,
                    headers={**gzip_headers, **headers},
                    timeout=60,
                )
                answers[(name, who)] = answer
        # 100 MB plain, declared: the answer comes before the body is sent.
        declared = {"Content-Type": "application/json", "Content-Length": str(100 * MB)}
        anonymous = raw_post(
            server.port, "/sync/push", headers=declared, body_chunks=chunks(100 * MB),
            chunked=False,
        )  # fmt: skip
        signed_in = raw_post(
            server.port, "/sync/push", headers={**declared, **device.headers},
            body_chunks=chunks(100 * MB), chunked=False,
        )  # fmt: skip
        # 100 MB streamed (no length): counted as it comes, refused at the limit.
        streamed = raw_post(
            server.port, "/sync/push",
            headers={"Content-Type": "application/json", **device.headers},
            body_chunks=chunks(100 * MB), chunked=True,
        )  # fmt: skip
    for (name, who), answer in answers.items():
        expected = 401 if who == "anonymous" else 413
        assert answer.status_code == expected, (name, who, answer.status_code)
        assert len(answer.content) < 500, "an error never echoes the body"
        if expected == 413:
            assert "at most 8,388,608 bytes" in answer.json()["detail"]
    assert anonymous[0] == 401 and anonymous[2] < 50 * MB
    assert signed_in[0] == 413 and signed_in[2] < 50 * MB
    assert streamed[0] == 413 and streamed[2] < 50 * MB
    assert watch.peak_rss < RSS_LIMIT
    assert watch.health_failures == 0
    report(
        "bodies_that_inflate_or_are_huge",
        {**watch.summary(), "plain_100mb_bytes_read_before_answer": signed_in[2]},
    )


@sqlite_only
def test_errors_never_echo_what_was_sent(fresh_server: ServerProcess) -> None:
    device = RawDevice.sign_in(fresh_server, "rivera")
    secret = f"SECRET-{uuid.uuid4()}" * 200
    for path, body in (
        ("/sync/push", {"device_id": device.device_id, "mutations": [{"kind": secret}]}),
        ("/sync/pull", {"cursor": secret}),
        ("/auth/sign-in", {"user": "rivera", "password": 12, "device_id": secret[:500]}),
    ):
        answer = httpx.post(f"{fresh_server.url}{path}", json=body, headers=device.headers)
        assert answer.status_code == 422, (path, answer.status_code)
        assert "SECRET" not in answer.text
        assert all(set(problem) == {"loc", "msg", "type"} for problem in answer.json()["detail"])
    answer = httpx.post(
        f"{fresh_server.url}/sync/pull", content=b"{" + secret.encode(), headers=device.headers
    )
    assert answer.status_code == 422 and "SECRET" not in answer.text


def flood_sign_ins(url: str, stop: threading.Event, address: str, counts: dict[int, int]) -> None:
    """Wrong passwords for random user names from one loopback address, as fast as the
    server answers."""
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(transport=transport, timeout=60) as client:
        while not stop.is_set():
            try:
                answer = client.post(
                    f"{url}/auth/sign-in",
                    json={"user": f"guess-{uuid.uuid4()}", "password": "letmein1",
                          "device_id": "flood"},
                )  # fmt: skip
                code = answer.status_code
            except httpx.HTTPError:
                code = 0
            counts[code] = counts.get(code, 0) + 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_a_sign_in_flood_beside_a_push_loop_holds_no_write_and_caps_password_checks(
    fresh_server: ServerProcess, request: pytest.FixtureRequest
) -> None:
    server = fresh_server
    assert server.process is not None
    device = RawDevice.sign_in(server, "rivera")
    quiet = push_latencies(device, 6, STUDENT)
    stop = threading.Event()
    counts: dict[int, int] = {}
    # 24 addresses at once: each gets its free failures, so argon2 checks really run.
    addresses = [f"127.0.0.{10 + n}" for n in range(24)]
    with watching(server.process.pid, server.url) as watch, ThreadPoolExecutor(24) as pool:
        for address in addresses:
            pool.submit(flood_sign_ins, server.url, stop, address, counts)
        time.sleep(1.0)
        flooded = push_latencies(device, 10, STUDENT)
        stop.set()
    assert set(counts) <= {401, 429, 503}, counts
    assert counts.get(401, 0) > 0
    assert watch.peak_rss < RSS_LIMIT
    report(
        f"sign_in_flood_beside_push_loop[{request.node.callspec.id}]",
        {
            **watch.summary(),
            "quiet_push_median_s": round(statistics.median(quiet), 4),
            "quiet_push_p99_s": round(percentile(quiet, 0.99), 4),
            "flood_push_median_s": round(statistics.median(flooded), 4),
            "flood_push_p99_s": round(percentile(flooded, 0.99), 4),
            "flood_push_max_s": round(max(flooded), 4),
            "pushes_quiet": len(quiet),
            "pushes_flood": len(flooded),
            "sign_in_answers": {str(code): n for code, n in sorted(counts.items())},
        },
    )


@sqlite_only
def test_nan_infinite_and_out_of_range_numbers_are_refused_with_a_reason(
    fresh_server: ServerProcess,
) -> None:
    device = RawDevice.sign_in(fresh_server, "rivera")
    area = "math"

    def mutation_text(kind: str, payload_text: str) -> str:
        record = str(uuid.uuid4())
        return (
            f'{{"seq": {device.seq + 1}, "mutation_id": "{uuid.uuid4()}", "kind": "{kind}",'
            f' "record_id": "{record}", "student_id": "{STUDENT}", "payload": {payload_text},'
            f' "stamp": "{stamp(now_millis(), device.device_id)}",'
            f' "created_at": "2026-11-19 10:00:00.000000"}}'
        )

    hostile = [
        ("reassignment.reassign", f'{{"unit_id": "{UNIT}", "score": NaN}}'),
        ("reassignment.reassign", f'{{"unit_id": "{UNIT}", "score": -1e300}}'),
        ("reassignment.reassign", f'{{"unit_id": "{UNIT}", "score": Infinity}}'),
        ("reassignment.reassign", f'{{"unit_id": "{UNIT}", "score": 1e999}}'),
        ("goal.create", f'{{"content_area_id": "{area}", "kind": "minutes", "target": NaN}}'),
        ("goal.create", f'{{"content_area_id": "{area}", "kind": "minutes", "target": 1e300}}'),
        ("goal.create", f'{{"content_area_id": "{area}", "kind": "minutes", "target": "30"}}'),
    ]
    results = []
    for kind, payload in hostile:
        device.seq += 1
        body = (
            f'{{"device_id": "{device.device_id}", "mutations": [{mutation_text(kind, payload)}]}}'
        )
        results += device.push_text(body)
    for (kind, payload), result in zip(hostile, results, strict=True):
        assert result["outcome"] == "rejected", (kind, payload, result)
        assert (
            "score" in result["reason"]
            or "target" in result["reason"]
            or "finite" in result["reason"]
        ), result
    # Nothing of it reached anyone's pull either: the sync log stays valid JSON.
    answer = httpx.post(f"{fresh_server.url}/sync/pull", json={"cursor": 0}, headers=device.headers)
    assert answer.status_code == 200 and "NaN" not in answer.text


def test_the_openapi_schema_lists_every_status_a_route_answers(server: ServerProcess) -> None:
    spec = httpx.get(f"{server.url}/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            if path not in PUBLIC_READS:
                assert {"400", "413", "415", "422", "503"} <= statuses, (method, path)
            if path not in (*PUBLIC_READS, "/auth/sign-in"):
                assert "401" in statuses, (method, path)
    sign_in = spec["paths"]["/auth/sign-in"]["post"]
    assert {"401", "403", "429"} <= set(sign_in["responses"])
    assert sign_in["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/SignInRequest"
    )

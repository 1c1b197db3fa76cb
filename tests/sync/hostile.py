"""Helpers for the hostile-case tests: a device signed in over plain HTTP, raw pushes
(any body, even JSON the client would never send), and direct writes to the server's
sync log (a record as a broken or older server might have stored it)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from classroom_desk.server.database import Published, make_engine, publish, write_transaction
from tests.sync.harness import DEMO_PASSWORDS, ServerProcess

CREATED_AT = "2026-11-19 10:00:00.000000"


def now_millis() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def stamp(millis: int, device: str, counter: int = 0) -> str:
    return f"{millis:015d}-{counter:06d}-{device}"


@dataclass
class RawDevice:
    """A device signed in by hand: pushes exactly what a test writes."""

    server: ServerProcess
    user: str
    device_id: str
    token: str
    seq: int = 0

    @classmethod
    def sign_in(cls, server: ServerProcess, user: str, device_id: str | None = None) -> RawDevice:
        device = device_id or f"raw-{uuid.uuid4()}"
        answer = httpx.post(
            f"{server.url}/auth/sign-in",
            json={"user": user, "password": DEMO_PASSWORDS[user], "device_id": device},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        return cls(server, user, device, answer.json()["token"])

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def mutation(
        self,
        kind: str,
        *,
        record_id: str,
        student_id: str,
        payload: Mapping[str, Any],
        stamp_text: str | None = None,
    ) -> dict[str, Any]:
        self.seq += 1
        return {
            "seq": self.seq,
            "mutation_id": str(uuid.uuid4()),
            "kind": kind,
            "record_id": record_id,
            "student_id": student_id,
            "payload": dict(payload),
            "stamp": stamp_text or stamp(now_millis(), self.device_id),
            "created_at": CREATED_AT,
        }

    def push(self, mutations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """The results, one per mutation (the push must be answered 200)."""
        body = json.dumps({"device_id": self.device_id, "mutations": list(mutations)})
        return self.push_text(body)

    def push_text(self, body: str) -> list[dict[str, Any]]:
        answer = httpx.post(
            f"{self.server.url}/sync/push",
            content=body.encode(),
            headers={**self.headers, "Content-Type": "application/json"},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text[:2000]
        results: list[dict[str, Any]] = answer.json()["results"]
        return results


def publish_raw(database_url: str, school_id: str, rows: Sequence[Published]) -> None:
    """Write rows straight into the server's sync log, as a broken server might have."""
    engine = make_engine(database_url)
    try:
        with write_transaction(engine) as connection:
            publish(connection, school_id, rows)
    finally:
        engine.dispose()


def run_sql(database_url: str, sql: str, params: Mapping[str, Any]) -> None:
    from sqlalchemy import text

    engine = make_engine(database_url)
    try:
        with write_transaction(engine) as connection:
            connection.execute(text(sql), dict(params))
    finally:
        engine.dispose()


def push_latencies(device: RawDevice, seconds: float, student_id: str) -> list[float]:
    """Push 20 notes a request, one request at a time, for ``seconds``; each push's
    latency (every one must be answered 200 with all applied)."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    with httpx.Client(timeout=60) as client:
        while time.monotonic() < deadline:
            mutations = [
                device.mutation(
                    "note.put",
                    record_id=str(uuid.uuid4()),
                    student_id=student_id,
                    payload={"body": "Read aloud for ten minutes", "tags": []},
                )
                for _ in range(20)
            ]
            body = json.dumps({"device_id": device.device_id, "mutations": mutations})
            started = time.perf_counter()
            answer = client.post(
                f"{device.server.url}/sync/push",
                content=body,
                headers={**device.headers, "Content-Type": "application/json"},
            )
            latencies.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise RuntimeError(f"push answered {answer.status_code}: {answer.text[:300]}")
            if {r["outcome"] for r in answer.json()["results"]} != {"applied"}:
                raise RuntimeError(f"a push was not applied: {answer.text[:300]}")
    return latencies

"""A server whose database connections are all in use answers 503 with Retry-After (the
laptop's client waits and tries again), never a 500 with a traceback: on the morning
bell a hundred laptops pull at once and the pool runs dry."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from sqlalchemy import Engine, create_engine

from classroom_desk.server.admin import load_demo
from classroom_desk.server.app import create_app
from classroom_desk.server.database import make_engine, migrate, write_transaction
from tests.sync.harness import DEMO_PASSWORDS


@pytest.fixture
def one_connection(tmp_path: Path) -> Iterator[Engine]:
    """The demo school on a real SQLite file, behind a pool of one connection that gives
    up waiting after a fifth of a second."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    setup = make_engine(url)
    migrate(setup)
    with write_transaction(setup) as connection:
        load_demo(connection)
    setup.dispose()
    engine = create_engine(
        url, connect_args={"check_same_thread": False}, pool_size=1, max_overflow=0,
        pool_timeout=0.2,
    )  # fmt: skip
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/health", {}),
        # The token is checked before the body is read: that check needs a connection too.
        ("POST", "/sync/pull", {"Authorization": "Bearer some-token"}),
        ("GET", "/policy", {"Authorization": "Bearer some-token"}),
    ],
)
def test_no_free_connection_is_503_with_retry_after(
    one_connection: Engine, method: str, path: str, headers: dict[str, str]
) -> None:
    app = create_app(one_connection)

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://server") as client:
            return await client.request(method, path, headers=headers, json={})

    with one_connection.connect():  # the pool's only connection, held elsewhere
        answer = asyncio.run(send())
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "1"
    assert "busy" in answer.json()["detail"]
    # Once a connection is free again the same request is served.
    again = asyncio.run(send())
    assert again.status_code in (200, 401), again.text


def test_requests_beyond_the_threads_and_connections_do_not_deadlock(
    one_connection: Engine,
) -> None:
    """More requests than worker threads and connections at once: each is served in turn.
    A handler that was given its connection on one thread and ran on another held it
    while it waited for a thread, and the threads were all waiting for a connection: the
    server stood still until the pool's wait ran out (seen on the load test's morning)."""
    app = create_app(one_connection)

    async def morning() -> list[httpx.Response]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://server") as client:
            signed = await client.post(
                "/auth/sign-in",
                json={"user": "rivera", "password": DEMO_PASSWORDS["rivera"], "device_id": "d1"},
            )
            assert signed.status_code == 200, signed.text
            headers = {"Authorization": f"Bearer {signed.json()['token']}"}
            pulls = [
                client.post("/sync/pull", json={"cursor": 0, "limit": 5}, headers=headers)
                for _ in range(4)
            ]
            policies = [client.get("/policy", headers=headers) for _ in range(4)]
            return list(await asyncio.gather(*pulls, *policies))

    answers = asyncio.run(morning())
    assert [answer.status_code for answer in answers] == [200] * 8, [a.text for a in answers]

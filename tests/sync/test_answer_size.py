"""A server's answer is read only up to a cap once decompressed: a gzip bomb (a few hundred
KB that inflate past the cap) from a broken or hostile server is refused as it streams
in, stores nothing, and leaves the laptop's pending changes where they were. A real HTTP
server on 127.0.0.1 sends it."""

from __future__ import annotations

import gzip
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from classroom_desk.store.database import Store, open_store
from classroom_desk.sync.client import MAX_ANSWER_BYTES, ProtocolError, SyncClient
from classroom_desk.sync.values import RetryPolicy


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes as a gzip stream, compressed a chunk at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(2**20)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(MAX_ANSWER_BYTES + 8 * 2**20)


@pytest.fixture
def bombing_server(bomb: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            self.wfile.write(bomb)

        do_GET = do_POST = _answer  # noqa: N815 (http.server's names)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "laptop.sqlite")
    yield opened
    opened.close()


def row_counts(store: Store) -> dict[str, int]:
    """Every table's rows but the sync's bookkeeping (this laptop's device id, made on
    first use, and a first pull's snapshot mark)."""
    tables = [
        name
        for (name,) in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT IN ('device', 'sync_seen')"
        )
    ]
    return {
        table: store.connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        for table in tables
    }


def test_the_bomb_is_small_on_the_wire_and_past_the_cap_inflated(bomb: bytes) -> None:
    assert len(bomb) < 2**20
    assert len(gzip.decompress(bomb)) > MAX_ANSWER_BYTES


def test_a_pull_answered_with_a_gzip_bomb_is_refused_and_stores_nothing(
    bombing_server: str, store: Store
) -> None:
    before = row_counts(store)
    client = SyncClient(store, server_url=bombing_server, token="t", retry=RetryPolicy(attempts=1))
    with client, pytest.raises(ProtocolError, match="larger than"):
        client.pull()
    assert row_counts(store) == before


def test_a_school_month_answered_with_a_gzip_bomb_is_refused(
    bombing_server: str, store: Store
) -> None:
    client = SyncClient(store, server_url=bombing_server, token="t", retry=RetryPolicy(attempts=1))
    with client, pytest.raises(ProtocolError, match="64 MiB"):
        client.school_month(2026, 11)

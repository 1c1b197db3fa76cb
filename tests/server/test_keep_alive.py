"""The server keeps an idle connection open longer than its clients do (the laptop's httpx
pool, nginx's upstream pool of packaging/district), so a client never sends a request
on a connection the server is closing at that moment: through nginx that push would be
answered 502, and the load test counted such requests as read errors."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

from tests.sync.harness import ServerProcess

#: httpx's default keepalive_expiry, the laptop's: past it the client drops the
#: connection itself. The server must still hold it then.
CLIENT_IDLE_S = 6.0


def get_health(connection: socket.socket, host: str) -> bytes:
    connection.sendall(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
        chunk = connection.recv(4096)
        if not chunk:
            break
        answer += chunk
    return answer


def test_an_idle_connection_outlives_the_clients_idle_time(sqlite_server: ServerProcess) -> None:
    address = urlsplit(sqlite_server.url)
    assert address.hostname is not None and address.port is not None
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        assert get_health(connection, address.netloc).startswith(b"HTTP/1.1 200")
        time.sleep(CLIENT_IDLE_S)  # idle as a laptop's pool may be between two requests
        again = get_health(connection, address.netloc)
    assert again.startswith(b"HTTP/1.1 200"), again or "the server had closed the connection"

"""A sync still running when the window closes (a school switch while the server is slow)
ends after the store is closed: what it says then reaches no closed store."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.sync_status import Session
from classroom_desk.store.database import Store
from classroom_desk.sync.replica import Replica
from tests.ui.conftest import laptop_window


class SlowServer:
    """Holds every request until ``answer`` is set, then refuses the token (401)."""

    def __init__(self) -> None:
        self.answer = threading.Event()
        self.asked = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.asked.set()
                server.answer.wait(30)
                body = json.dumps({"detail": "token revoked"}).encode()
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"

    def close(self) -> None:
        self.answer.set()
        self._http.shutdown()
        self._http.server_close()


@pytest.fixture
def slow_server() -> Iterator[SlowServer]:
    server = SlowServer()
    yield server
    server.close()


def test_a_sync_that_ends_after_the_window_closed_touches_no_closed_store(
    qtbot: QtBot, tmp_path: Path, demo_store: Store, slow_server: SlowServer
) -> None:
    Replica(demo_store).remember_sign_in(
        server_url=slow_server.url, user="rivera", account_id="a-1", role="teacher"
    )
    window, sync = laptop_window(demo_store, tmp_path / "settings.ini")
    qtbot.addWidget(window)
    sync.session = Session(slow_server.url, "rivera", "a token of this session")
    window.show()
    assert window.sync is not None
    controller = window.sync
    assert controller.sync_now()
    assert slow_server.asked.wait(10)
    window.close()  # waits a few seconds for the sync, then goes on: the server is slow
    assert controller.runner.busy
    demo_store.close()  # as the app does once the window is closed (before the next school)
    slow_server.answer.set()
    assert controller.runner.wait(10_000)
    qtbot.wait(100)  # the sync's end is delivered here: it must not read the closed store

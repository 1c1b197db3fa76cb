"""A district server on 127.0.0.1 where Elena Rivera teaches in two schools: Maple (her
first) and Pine (linked with ``link-school``), for the laptop's tests of two schools;
and a made-up server that answers sign-ins as a broken, hostile or older one would."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.importers.packages import write_package
from tests.server.test_district import PASSWORD, _account, _school_id
from tests.server.test_teacher_of_two_schools import _files
from tests.sync.harness import ServerProcess, server_cli, sqlite_url

MAPLE, PINE = _school_id("1"), _school_id("3")
USER = "elena"
__all__ = ["MAPLE", "PASSWORD", "PINE", "USER", "Answer", "SignInServer", "district_server"]
#: How a made-up server answers one sign-in: (status, JSON body), from the request's body.
Answer = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]


def district_server(directory: Path) -> ServerProcess:
    """The district's server, started (the caller stops it)."""
    url = sqlite_url(directory)
    imported = server_cli(url, "import-oneroster", str(write_package(directory / "d", _files())))
    assert imported.returncode == 0, imported.stderr
    _account(url, USER, "teacher", "org-1", "elena@maple.test")
    linked = server_cli(url, "link-school", "--username", USER, "--school", "org-3")
    assert linked.returncode == 0, linked.stderr
    server = ServerProcess(url, directory, demo=False)
    server.start()
    return server


class SignInServer:
    """Answers ``/auth/sign-in`` with what the test's ``answer`` says and records those
    requests; anything else (a sync) is a 404."""

    def __init__(self, answer: Answer) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer = answer
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != "/auth/sign-in":  # a sync (a school's first copy): none here
                    self.send_error(404)
                    return
                if self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                request = json.loads(raw)
                server.requests.append(request)
                status, body = server.answer(request)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *_args: object) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()

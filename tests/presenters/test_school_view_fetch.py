"""Fetching the School view's month from a server that misbehaves (a real HTTP server on
127.0.0.1 answering as told): an older server, another month, an unreadable or
out-of-bounds answer, a refused token. Each leaves the kept copy as it was and says why;
a good answer replaces it."""

from __future__ import annotations

import gzip
import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from classroom_desk.presenters.school_view import NoFiguresError, fetch_month
from classroom_desk.presenters.sync_status import ServerReads, Session
from classroom_desk.reports.skills_summary import school_month_from_store
from classroom_desk.store.database import Store
from classroom_desk.store.school_months import KeptSchoolMonths
from classroom_desk.sync.replica import Replica
from tests.reports.test_school_month_wire import as_wire

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


class Answers:
    """What the server says next: a status and a body."""

    status = 200
    body = b"{}"
    paths: list[str]

    def __init__(self) -> None:
        self.paths = []


@pytest.fixture
def server() -> Iterator[tuple[str, Answers]]:
    answers = Answers()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answers.paths.append(self.path)
            body = gzip.compress(answers.body)
            self.send_response(answers.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", answers
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def reads(demo_store: Store, server: tuple[str, Answers]) -> ServerReads:
    url, _answers = server
    Replica(demo_store).remember_sign_in(
        server_url=url, user="pat", account_id="principal-1", role="principal"
    )
    return ServerReads(demo_store.path, None, Session(url, "pat", "token"))


def good_answer(store: Store, month: int, computed: datetime) -> bytes:
    figures = school_month_from_store(store.connection, year=2026, month=month)
    wire = as_wire(store, figures, random.Random(3)).model_copy(update={"computed_at": computed})
    return wire.model_dump_json().encode()


def kept_body(store: Store, url: str) -> str | None:
    copy = KeptSchoolMonths(store).kept(account=f"{url} pat", year=2026, month=11)
    return None if copy is None else copy.body


def test_a_good_answer_is_shown_and_kept(
    demo_store: Store, server: tuple[str, Answers], reads: ServerReads
) -> None:
    url, answers = server
    answers.body = good_answer(demo_store, 11, NOW - timedelta(minutes=1))
    fetched = fetch_month(reads, 2026, 11, now=NOW)
    assert answers.paths == ["/school/months/2026/11"]
    assert not fetched.kept and fetched.problem is None
    assert fetched.figures.school_name == "Maple Ridge Demo School"
    assert kept_body(demo_store, url) is not None


@pytest.mark.parametrize(
    ("status", "body", "problem"),
    [
        (404, b'{"detail": "Not Found"}', "this school server is older than the School view"),
        (401, b'{"detail": "no"}', "sign in again to fetch new ones"),
        (200, b"not json", "cannot read"),
        (200, b'{"school_id": "x"}', "cannot read"),
        (200, "october", "another month"),
        (200, "negative", "cannot read"),
    ],
)
def test_a_bad_answer_keeps_the_copy_and_says_why(
    demo_store: Store,
    server: tuple[str, Answers],
    reads: ServerReads,
    status: int,
    body: bytes | str,
    problem: str,
) -> None:
    url, answers = server
    answers.body = good_answer(demo_store, 11, NOW - timedelta(days=3))
    fetch_month(reads, 2026, 11, now=NOW - timedelta(days=3))
    before = kept_body(demo_store, url)
    assert before is not None

    answers.status = status
    if body == "october":
        answers.body = good_answer(demo_store, 10, NOW)
    elif body == "negative":
        answers.body = good_answer(demo_store, 11, NOW).replace(b'"minutes":', b'"minutes":-', 1)
    else:
        assert isinstance(body, bytes)
        answers.body = body
    fetched = fetch_month(reads, 2026, 11, now=NOW)
    assert fetched.kept
    assert problem in (fetched.problem or "")
    assert fetched.computed_at == NOW - timedelta(days=3)
    assert kept_body(demo_store, url) == before  # the copy is as it was

    # With no copy, it says the same reason, and keeps nothing.
    demo_store.connection.execute("DELETE FROM school_month")
    with pytest.raises(NoFiguresError, match="No figures for this month") as refused:
        fetch_month(reads, 2026, 11, now=NOW)
    assert problem in str(refused.value)
    assert kept_body(demo_store, url) is None

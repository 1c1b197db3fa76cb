"""Fetching the School view's month from a server that misbehaves (a real HTTP server on
127.0.0.1 answering as told): an older server, another month, an unreadable or
out-of-bounds answer, a refused token. Each leaves the kept copy as it was and says why;
a good answer replaces it."""

from __future__ import annotations

import gzip
import json
import random
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from classroom_desk.presenters.school_view import (
    NoFiguresError,
    Period,
    SchoolViewPresenter,
    fetch_month,
    fetch_with_year,
)
from classroom_desk.presenters.sync_status import ServerReads, Session
from classroom_desk.reports.skills_summary import school_month_from_store
from classroom_desk.store.database import Store
from classroom_desk.store.school_months import KeptSchoolMonths
from classroom_desk.sync.replica import Replica
from tests.reports.test_school_month_wire import as_wire
from tests.sync.harness import free_port

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
NOVEMBER = Period(2026, 11)


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
    return KeptSchoolMonths(store).kept(account=f"{url} pat", period="2026-11")


def test_a_good_answer_is_shown_and_kept(
    demo_store: Store, server: tuple[str, Answers], reads: ServerReads
) -> None:
    url, answers = server
    answers.body = good_answer(demo_store, 11, NOW - timedelta(minutes=1))
    fetched = fetch_month(reads, NOVEMBER, now=NOW)
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
    fetch_month(reads, NOVEMBER, now=NOW - timedelta(days=3))
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
    fetched = fetch_month(reads, NOVEMBER, now=NOW)
    assert fetched.kept
    assert problem in (fetched.problem or "")
    assert fetched.computed_at == NOW - timedelta(days=3)
    assert kept_body(demo_store, url) == before  # the copy is as it was

    # With no copy, it says the same reason, and keeps nothing.
    demo_store.connection.execute("DELETE FROM school_figures")
    with pytest.raises(NoFiguresError, match="No figures for this month") as refused:
        fetch_month(reads, NOVEMBER, now=NOW)
    assert problem in str(refused.value)
    assert kept_body(demo_store, url) is None


def edited(store: Store, edit: Callable[[dict[str, Any]], None]) -> bytes:
    body = json.loads(good_answer(store, 11, NOW))
    edit(body)
    return json.dumps(body).encode()


def first_student(body: dict[str, Any]) -> dict[str, Any]:
    student: dict[str, Any] = body["figures"][0]["students"][0]
    return student


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda b: b["policy"].update(target_average=150.0), "target_average"),
        (lambda b: b["policy"].update(min_weekly_minutes=-5), "min_weekly_minutes"),
        (lambda b: first_student(b).update(minutes=10**400), "cannot read"),
        (lambda b: first_student(b).update(units_mastered=10**9), "cannot read"),
        (lambda b: b["sections"].append(dict(b["sections"][0])), "is listed twice"),
        (lambda b: b["areas"].append(dict(b["areas"][0])), "is listed twice"),
        (lambda b: b["figures"].append(dict(b["figures"][0])), "is listed twice"),
        (lambda b: b["figures"][0]["students"].append(first_student(b)), "is listed twice"),
        (lambda b: b["figures"][0].update(section_id="not-listed"), "'not-listed'"),
        (lambda b: b["figures"][0].update(content_area_id="art"), "'art', which is not listed"),
        (lambda b: b.update(computed_at="0001-01-01T00:00:00Z"), "not a real time"),
        (lambda b: b.update(computed_at="2027-01-01T00:00:00Z"), "not a real time"),
    ],
)
def test_an_answer_that_does_not_hold_together_is_refused_whole_and_the_copy_stays(
    demo_store: Store,
    server: tuple[str, Answers],
    reads: ServerReads,
    edit: Callable[[dict[str, Any]], None],
    words: str,
) -> None:
    """Found by helper-36: each of these was kept (replacing the good copy) and then broke
    the window, counted a class twice, or dropped its students silently."""
    url, answers = server
    answers.body = good_answer(demo_store, 11, NOW - timedelta(days=3))
    fetch_month(reads, NOVEMBER, now=NOW - timedelta(days=3))
    before = kept_body(demo_store, url)
    answers.body = edited(demo_store, edit)
    fetched = fetch_month(reads, NOVEMBER, now=NOW)
    assert fetched.kept and not fetched.unreachable
    assert words in (fetched.problem or "")
    assert kept_body(demo_store, url) == before
    presenter = SchoolViewPresenter(now=lambda: NOW)
    presenter.show(fetched)
    for area_id, _name in fetched.figures.areas:
        presenter.choose_area(area_id)
        assert presenter.table() is not None
    assert presenter.freshness().startswith("The school server gave no new figures (")


def test_a_window_that_asks_as_one_account_never_files_its_answer_as_anothers(
    demo_store: Store, server: tuple[str, Answers], reads: ServerReads
) -> None:
    url, answers = server
    answers.body = good_answer(demo_store, 11, NOW)
    fetch_month(reads, NOVEMBER, now=NOW)  # pat's copy
    Replica(demo_store).remember_sign_in(
        server_url=url, user="lee", account_id="teacher-9", role="teacher"
    )
    with pytest.raises(NoFiguresError, match="Another account signed in"):
        fetch_month(reads, NOVEMBER, now=NOW)  # the window still holds pat's session
    lees = ServerReads(demo_store.path, None, Session(url, "lee", "token"))
    fetch_month(lees, NOVEMBER, now=NOW)
    kept = KeptSchoolMonths(demo_store)
    assert kept.kept(account=f"{url} lee", period="2026-11") is not None
    assert kept.kept(account=f"{url} pat", period="2026-11") is None  # pat's are gone


def test_a_year_asks_each_month_once_and_stops_asking_a_server_it_cannot_reach(
    demo_store: Store, server: tuple[str, Answers], reads: ServerReads
) -> None:
    _url, answers = server
    answers.body = good_answer(demo_store, 11, NOW)
    fetch_with_year(reads, NOVEMBER, now=NOW, with_year=True)
    assert answers.paths == [f"/school/months/2026/{m}" for m in (8, 9, 10, 11)]

    # Unreachable: a closed port. The first month's tries, then only the kept copies.
    port_closed = ServerReads(
        demo_store.path, None, Session(f"http://127.0.0.1:{free_port()}", "pat", "t")
    )
    Replica(demo_store).remember_sign_in(
        server_url=port_closed.session.server_url,  # type: ignore[union-attr]
        user="pat",
        account_id="principal-1",
        role="principal",
    )
    started = datetime.now(UTC)
    with pytest.raises(NoFiguresError):
        fetch_with_year(port_closed, NOVEMBER, now=NOW, with_year=True)
    # One month's two tries (about a second of back-off), not four months' worth.
    assert datetime.now(UTC) - started < timedelta(seconds=10)

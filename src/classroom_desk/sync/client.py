"""The laptop's sync client: push the outbox, then pull the school's changes. Qt-free.

This module speaks HTTP and decides what to ask the server; every statement on the
local store is :class:`~classroom_desk.sync.replica.Replica`'s. Run it off the UI thread
with its own :class:`Store` (``open_store`` on the same file: SQLite WAL lets the UI keep
writing while a sync runs). Progress and outcome come back through plain callbacks and
the values of ``sync.values``.

Transport is ``httpx``: keep-alive connections (a sync is a few requests), timeouts per
phase, clear exception types for every network failure. Requests go out one at a time;
while the server works on the next one (sent from a worker thread), the client stores a
pull page or records a push answer. Every request body is gzip-compressed; responses
are too (``Accept-Encoding``). Network failures and 429/5xx answers are retried with
exponential backoff and full jitter; push and pull are idempotent, so a retry after a
lost reply is always safe.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal, TypeVar

import httpx
import pydantic

from classroom_desk.domain.hlc import describe_clock_offset
from classroom_desk.store.database import Store
from classroom_desk.store.school_files import read_school_list
from classroom_desk.sync import credentials
from classroom_desk.sync.pinning import (
    CertificateNotTrustedError,
    TrustStore,
    fetch_certificate,
    fingerprint,
)
from classroom_desk.sync.protocol import (
    CLASS_LIST_CHANGES_HEADER,
    DEFAULT_PULL_LIMIT,
    MAX_PUSH_BATCH,
    SCHOOLS_HEADER,
    Change,
    Mutation,
    Policy,
    PullRequest,
    PushRequest,
    PushResponse,
    SchoolMonth,
    SchoolWeek,
    SignInRequest,
    SignInResponse,
)
from classroom_desk.sync.replica import Replica, SetAside, read_status
from classroom_desk.sync.values import (
    ClockAheadError,
    OfflineError,
    ProtocolError,
    RetryPolicy,
    ServerRefusedError,
    SignInRequiredError,
    SignInResult,
    SyncError,
    SyncProgress,
    SyncReport,
)

__all__ = [
    "ClockAheadError",
    "OfflineError",
    "ProtocolError",
    "RetryPolicy",
    "ServerRefusedError",
    "SignInRequiredError",
    "SyncClient",
    "SyncError",
    "read_status",
    "sign_in",
]

#: Logs carry ids and counts, never names, notes or tokens.
_log = logging.getLogger(__name__)
ProgressCallback = Callable[[SyncProgress], None]
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: A sign-in slowed by the server (429) waits this long at most before trying again.
MAX_SIGN_IN_WAIT_SECONDS = 35.0


class ThrottledError(ServerRefusedError):
    """The server asked to wait ``retry_after`` seconds (sign-ins being slowed)."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _utcnow() -> datetime:
    return datetime.now(UTC)


# -- HTTP -------------------------------------------------------------------------------


class _Http:
    """POSTs gzip JSON with retries; counts requests and bytes for the report."""

    def __init__(
        self,
        server_url: str,
        *,
        token: str | None,
        transport: httpx.BaseTransport | None,
        timeout: float,
        retry: RetryPolicy,
        sleep: Callable[[float], None],
        rng: random.Random,
        retry_status: frozenset[int] = _RETRY_STATUS,
        trust: TrustStore | None = None,
    ) -> None:
        self._retry_status = retry_status
        self._trust = trust
        self._server_url = server_url
        # Refuses plain http to another computer and https to a server never pinned;
        # a test's own transport (a fault proxy on loopback) is taken as given.
        verify = trust.verify_for(server_url) if trust is not None and transport is None else True
        headers = {
            "Accept-Encoding": "gzip",
            "User-Agent": "classroom-desk-sync/1",
            CLASS_LIST_CHANGES_HEADER: "1",
            SCHOOLS_HEADER: "1",
        }
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(
            base_url=server_url.rstrip("/"),
            headers=headers,
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            verify=verify,
        )
        self._retry = retry
        self._sleep = sleep
        self._rng = rng
        self.requests = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    def close(self) -> None:
        self._client.close()

    def post(self, path: str, body: pydantic.BaseModel) -> bytes:
        return self.send(path, gzip_json(body))

    def send(self, path: str, content: bytes) -> bytes:
        """POST a body made by :func:`gzip_json`; the answer's bytes."""
        return self._request("POST", path, content)

    def get(self, path: str) -> bytes:
        """GET a read (the School view's figures); the answer's bytes."""
        return self._request("GET", path, None)

    def _request(self, method: str, path: str, content: bytes | None) -> bytes:
        headers = (
            {"Content-Type": "application/json", "Content-Encoding": "gzip"}
            if content is not None
            else {}
        )
        last_problem = "no answer"
        for attempt in range(self._retry.attempts):
            if attempt:
                self._sleep(self._retry.delay(attempt, self._rng))
            self.requests += 1
            self.bytes_sent += len(content or b"")
            try:
                request = self._client.build_request(method, path, content=content, headers=headers)
                response = self._client.send(request, stream=True)
                try:
                    body = _capped_body(response)
                finally:
                    response.close()
            except httpx.ConnectError as error:
                if "CERTIFICATE_VERIFY_FAILED" in str(error) and self._trust is not None:
                    changed = self._trust.explain_refusal(self._server_url)
                    if changed is not None:
                        raise changed from error
                last_problem = f"{type(error).__name__}: {error}"
                continue
            except httpx.RequestError as error:
                last_problem = (
                    f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
                )
                continue
            self.bytes_received += response.num_bytes_downloaded
            if response.status_code in self._retry_status:
                last_problem = f"the server answered {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit() and attempt + 1 < self._retry.attempts:
                    self._sleep(min(float(retry_after), self._retry.max_delay))
                continue
            if response.status_code == 429:
                retry_after = response.headers.get("Retry-After", "")
                raise ThrottledError(
                    "The school server is slowing sign-ins after failed attempts; "
                    f"try again in {retry_after or 'a few'} seconds.",
                    float(retry_after) if retry_after.isdigit() else 5.0,
                )
            if response.status_code == 401:
                raise SignInRequiredError(
                    "The school server no longer accepts this laptop's sign-in. "
                    "Sign in again to sync (your work is kept on this laptop)."
                )
            if response.status_code >= 400:
                raise ServerRefusedError(
                    f"The school server refused the request ({response.status_code}: "
                    f"{_detail(response, body)}).",
                    response.status_code,
                )
            return body
        raise OfflineError(
            "Cannot reach the school server, so your changes are kept on this laptop and "
            f"will be sent later ({last_problem})."
        )


def gzip_json(body: pydantic.BaseModel, *, exclude: set[str] | None = None) -> bytes:
    """A request body as sent: the model's JSON, gzip-compressed. Level 1: a push batch
    compresses about 4x at it, about as well as at 6, in a third of the time. ``exclude``:
    fields left out (one an older server does not know, and so refuses)."""
    return gzip.compress(body.model_dump_json(exclude=exclude).encode(), compresslevel=1)


def _detail(response: httpx.Response, body: bytes) -> str:
    try:
        detail = json.loads(body).get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail) if isinstance(detail, str) else response.reason_phrase


#: The most an answer may hold once decompressed: a pull page of 5,000 rows is about
#: 2 MB, a 1,000-student school's month 0.3 MB. Past it the answer is dropped as it
#: streams in, so a broken or hostile server cannot fill the laptop's memory (a gzip
#: bomb of a few hundred KB inflates to gigabytes).
MAX_ANSWER_BYTES = 64 * 2**20


def _capped_body(response: httpx.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise ProtocolError(
                "The school server's answer is larger than this version of Classroom Desk "
                f"reads ({MAX_ANSWER_BYTES // 2**20} MiB); nothing from it was stored."
            )
        chunks.append(chunk)
    return b"".join(chunks)


# -- sign-in ----------------------------------------------------------------------------


def sign_in(
    store: Store,
    *,
    server_url: str,
    user: str,
    password: str,
    device_name: str = "",
    transport: httpx.BaseTransport | None = None,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    trusted_fingerprint: str | None = None,
    school: str | None = None,
) -> SignInResult:
    """Sign this laptop in; the token goes to the OS keyring (or, with none, nowhere).

    ``school``: the school this store is for (one store per school); by default the one
    it was signed in to before as the same user, else the person's first school.
    A sign-in the server slows (after failed attempts) waits the time it asks, when
    that is short, and tries once more: the right password works after the delay.
    Raises :class:`SignInRequiredError` for a wrong name or password,
    :class:`ServerRefusedError` when refused otherwise, :class:`OfflineError`, and
    :class:`ProtocolError` when the server signs in to another school than asked.
    """
    replica = Replica(store)
    if school is None:
        school = _school_of_store(replica, server_url, user)
    trust = TrustStore(store.path.parent)
    if server_url.lower().startswith("https://") and trust.get(server_url).pem is None:
        # First sign-in to this server: pin the certificate whose fingerprint the teacher
        # confirmed (the presenter showed it), or stop and ask.
        if trusted_fingerprint is None:
            shown = fingerprint(fetch_certificate(server_url, timeout=min(timeout, 10.0)))
            raise CertificateNotTrustedError(server_url, shown)
        trust.trust_new_certificate(server_url, trusted_fingerprint, timeout=min(timeout, 10.0))
    http = _Http(
        server_url,
        token=None,
        trust=trust,
        transport=transport,
        timeout=timeout,
        retry=RetryPolicy(attempts=2, base_delay=0.5),
        sleep=sleep,
        rng=random.Random(),
        retry_status=frozenset({502, 503, 504}),
    )
    request = SignInRequest(
        user=user,
        password=password,
        device_id=replica.device_id,
        device_name=device_name,
        school=school,
    )
    # A server from before schools were named forbids the field: sent only when asked.
    body = gzip_json(request, exclude=None if school is not None else {"school"})
    try:
        try:
            raw = http.send("/auth/sign-in", body)
        except ThrottledError as error:
            if error.retry_after > MAX_SIGN_IN_WAIT_SECONDS:
                raise
            sleep(error.retry_after)
            raw = http.send("/auth/sign-in", body)
    except SignInRequiredError as error:
        raise SignInRequiredError("Wrong user name or password.") from error
    finally:
        http.close()
    answer = _parse(SignInResponse, raw)
    if school is not None and answer.school_id != school:
        # This store is that school's: another school's rows must never come into it.
        raise ProtocolError(
            "The school server signed in to another school than the one asked for; "
            "nothing was stored."
        )
    replica.remember_sign_in(
        server_url=server_url,
        user=user,
        account_id=answer.account_id,
        role=answer.role,
        school_id=answer.school_id,
        school_name=answer.school_name,
    )
    try:
        credentials.save_token(server_url, user, answer.token, answer.school_id)
    except credentials.NoKeyringError as error:
        remembered, message = False, str(error)
    else:
        remembered, message = True, "Signed in; sync is on."
    return SignInResult(
        answer.token,
        answer.account_id,
        answer.display_name,
        remembered,
        message,
        school_id=answer.school_id,
        school_name=answer.school_name,
        schools=tuple((choice.id, choice.name) for choice in answer.schools),
    )


def _school_of_store(replica: Replica, server_url: str, user: str) -> str | None:
    """The school ``replica``'s store is for, on a laptop that keeps several (their server
    names schools; an older one refuses the field): another school's store is always its
    school's, even before its first sign-in worked; the first school's store is its
    school's for the person signed in to it (another person gets their own first)."""
    data_dir = replica.store.path.parent
    kept = read_school_list(data_dir)
    school = next((s for s in kept.schools if s.path(data_dir) == replica.store.path), None)
    if school is None or school.file != kept.first_file:
        return None if school is None else school.id
    before = replica.signed_in_as()
    if before is None or (before.server_url, before.user) != (server_url, user):
        return None
    return school.id


_Model = TypeVar("_Model", bound=pydantic.BaseModel)


def _parse(model: type[_Model], raw: bytes) -> _Model:
    try:
        return model.model_validate_json(raw)
    except pydantic.ValidationError as error:
        raise ProtocolError(
            "The school server sent an answer this version of Classroom Desk cannot read; "
            f"nothing from it was stored ({error.error_count()} problem(s))."
        ) from error


class _PullPage(pydantic.BaseModel):
    """A pull answer read leniently: its frame must be right, but each change is read on
    its own, so one the laptop cannot read is set aside instead of failing the page."""

    model_config = pydantic.ConfigDict(extra="ignore", frozen=True)

    changes: list[Any]
    next_cursor: int
    has_more: bool
    epoch: str
    reset: bool = False
    policy: Policy | None = None
    #: Read as any short text: a role a later server adds must not stop this laptop's
    #: sync (a role it does not know is not one it treats as read only).
    role: Annotated[str, pydantic.StringConstraints(max_length=40)] | None = None

    def readable_changes(self) -> list[Change | SetAside]:
        read: list[Change | SetAside] = []
        for position, raw in enumerate(self.changes):
            try:
                read.append(Change.model_validate(raw))
            except pydantic.ValidationError as error:
                read.append(_unreadable(raw, position, error))
        return read


def _unreadable(raw: object, position: int, error: pydantic.ValidationError) -> SetAside:
    found = raw if isinstance(raw, dict) else {}
    seq = found.get("server_seq")
    return SetAside(
        table=str(found.get("table", "?"))[:100],
        row_id=str(found.get("id", f"#{position}"))[:200],
        server_seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else 0,
        reason=f"the school server sent it malformed ({error.error_count()} problem(s))",
        data=json.dumps(raw, default=str),
    )


# -- the client -------------------------------------------------------------------------


class SyncClient:
    """Push then pull, for one store and one signed-in device."""

    def __init__(
        self,
        store: Store,
        *,
        server_url: str,
        token: str,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        batch_size: int = MAX_PUSH_BATCH,
        page_size: int = DEFAULT_PULL_LIMIT,
        timeout: float = 60.0,
        on_progress: ProgressCallback | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        wall_clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self._replica = Replica(store)
        self._batch_size = max(1, min(batch_size, MAX_PUSH_BATCH))
        self._page_size = page_size
        self._on_progress = on_progress
        self._wall_clock = wall_clock
        self._http = _Http(
            server_url,
            token=token,
            trust=TrustStore(store.path.parent),
            transport=transport,
            timeout=timeout,
            retry=retry or RetryPolicy(),
            sleep=sleep,
            rng=rng or random.Random(),
        )
        #: How far this laptop's clock is ahead of the server's, when a push found it.
        self.clock_ahead: timedelta | None = None

    @classmethod
    def from_keyring(cls, store: Store, **options: Any) -> SyncClient:
        """The client for the account this laptop last signed in with.

        Raises :class:`SignInRequiredError` when there is no remembered sign-in (never
        signed in, signed out, or no keyring on this computer).
        """
        signed_in = Replica(store).signed_in_as()
        if signed_in is None:
            raise SignInRequiredError("Sign in to the school server to sync.")
        if not credentials.keyring_available():
            raise SignInRequiredError(credentials.NO_KEYRING_MESSAGE)
        token = credentials.load_token(signed_in.server_url, signed_in.user, signed_in.school_id)
        if token is None:
            raise SignInRequiredError("Sign in to the school server to sync.")
        return cls(store, server_url=signed_in.server_url, token=token, **options)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def device_id(self) -> str:
        return self._replica.device_id

    # -- one sync ---------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Push every waiting change, then pull everything new. Records the outcome.

        Raises :class:`ClockAheadError` (after pulling) when the server deferred changes
        because this laptop's clock is ahead: they wait here, and go once it is right.
        """
        report = SyncReport()
        started = (self._http.requests, self._http.bytes_sent, self._http.bytes_received)
        try:
            self.push(report)
            self.pull(report)
            if self.clock_ahead is not None:
                raise ClockAheadError(
                    f"This laptop's clock is {describe_clock_offset(self.clock_ahead)} ahead: "
                    "fix the date and time, then sync"
                )
        except SyncError as error:
            self._replica.record_outcome(error=str(error))
            # The kind of failure and ids only: messages may quote what a server sent.
            _log.warning("sync failed: %s (device %s)", type(error).__name__, self.device_id)
            raise
        finally:
            report.requests = self._http.requests - started[0]
            report.bytes_sent = self._http.bytes_sent - started[1]
            report.bytes_received = self._http.bytes_received - started[2]
        self._replica.record_outcome(error=None)
        _log.info(
            "sync done: device %s pushed %d, pulled %d, %d requests",
            self.device_id,
            report.pushed,
            report.pulled,
            report.requests,
        )
        return report

    def _progress(self, phase: Literal["push", "pull"], done: int, total: int | None) -> None:
        if self._on_progress is None:
            return
        if phase == "push":
            message = f"Sending changes: {done} of {total}"
        else:
            message = f"Receiving updates: {done}"
        self._on_progress(SyncProgress(phase, done, total, message))

    # -- push ---------------------------------------------------------------------------

    def push(self, report: SyncReport | None = None) -> SyncReport:
        report = report if report is not None else SyncReport()
        replica = self._replica
        self.clock_ahead = None
        # Changes stamped while this laptop's clock was far ahead get stamps from the
        # clock as it is now (nothing happens while it is still wrong).
        replica.restamp_from_a_wrong_clock(now=self._wall_clock())
        total = replica.pending_count()
        rounds_left = total // self._batch_size + 20  # re-sent edits make a few more rounds
        done = 0
        # Batches go out one at a time, in outbox order, each only after the server has
        # answered the one before. While the server applies one, this thread records the
        # answer to the one before and reads the next from the outbox.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
            batch = replica.outbox_batch(after_seq=0, limit=self._batch_size)
            body = self._push_body(batch)
            answered: tuple[list[Mutation], PushResponse] | None = None
            while batch and rounds_left > 0:
                rounds_left -= 1
                reply = sender.submit(self._http.send, "/sync/push", body)
                if answered is not None:
                    self._acknowledge(*answered, report)
                    done += len(answered[0])
                    self._progress("push", min(done, total), total)
                upcoming = replica.outbox_batch(after_seq=batch[-1].seq, limit=self._batch_size)
                # Encoded now, while the server works: sent as soon as it answers.
                body = self._push_body(upcoming) if upcoming else b""
                answered = (batch, _parse(PushResponse, reply.result()))
                batch = [] if self._deferred(answered[1]) else upcoming
            if answered is not None:
                self._acknowledge(*answered, report)
                done += len(answered[0])
                self._progress("push", min(done, total), total)
        return report

    def _deferred(self, answer: PushResponse) -> bool:
        """Whether the server deferred changes (this laptop's clock is ahead of its own):
        nothing more is sent until the clock is right, as every later change is too."""
        if not any(result.outcome == "deferred" for result in answer.results):
            return False
        if answer.server_millis is not None:
            server_now = datetime.fromtimestamp(answer.server_millis / 1000, UTC)
            self.clock_ahead = _aware(self._wall_clock()) - server_now
        else:
            self.clock_ahead = timedelta(0)
        return True

    def _push_body(self, mutations: list[Mutation]) -> bytes:
        seen_cursor, epoch = self._replica.push_position()
        return gzip_json(
            PushRequest(
                device_id=self.device_id, mutations=mutations, seen_cursor=seen_cursor, epoch=epoch
            )
        )

    def _acknowledge(self, sent: list[Mutation], answer: PushResponse, report: SyncReport) -> None:
        self._replica.acknowledge(sent, answer, report)

    # -- pull ---------------------------------------------------------------------------

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        report = report if report is not None else SyncReport()
        with (
            self._replica.bulk_writes(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher,
        ):
            self._pull_pages(report, fetcher)
        return report

    def _pull_pages(self, report: SyncReport, fetcher: ThreadPoolExecutor) -> None:
        replica = self._replica
        cursor, epoch, snapshot = replica.pull_position()
        if epoch is None and not snapshot:
            replica.begin_first_snapshot()
            snapshot = True
        first_page = True
        #: The next page, asked for and read while this one is stored (see below).
        upcoming: Future[_PullPage] | None = None
        while True:
            if upcoming is not None:
                page, upcoming = upcoming.result(), None
            else:
                page = self._fetch_page(cursor, epoch)
            if first_page and page.role is not None:
                replica.remember_role(page.role)
            if page.reset:
                if report.resets >= 2:
                    raise ProtocolError("The school server keeps asking to start over; try later.")
                report.resets += 1
                replica.reset(page.epoch)
                cursor, epoch, snapshot, first_page = 0, page.epoch, True, True
                continue
            finishing = snapshot and not page.has_more
            if (
                not page.changes
                and page.next_cursor == cursor
                and page.epoch == epoch
                and not finishing
                and not (first_page and replica.has_deferred())
                and not replica.policy_differs(page.policy)
            ):
                break  # nothing new: nothing written, not even the cursor
            if page.has_more:
                # The next request depends only on this page's cursor, so it goes out now:
                # the server works on it, and it is read (parsed) on the other thread,
                # while this page is stored (SQLite lets go of the GIL as it writes). It
                # is used only after this page and its cursor are committed; if storing
                # fails, it is never used.
                upcoming = fetcher.submit(self._fetch_page, page.next_cursor, page.epoch)
            report.set_aside += replica.store_page(
                page.readable_changes(),
                cursor=cursor,
                next_cursor=page.next_cursor,
                epoch=epoch,
                next_epoch=page.epoch,
                snapshot=snapshot,
                first_page=first_page,
                finishing=finishing,
                policy=page.policy,
                now=self._wall_clock(),
            )
            report.pulled += len(page.changes)
            cursor, epoch, first_page = page.next_cursor, page.epoch, False
            snapshot = snapshot and not finishing
            self._progress("pull", report.pulled, None)
            if not page.has_more:
                break
        report.cursor = cursor

    def school_month(self, year: int, month: int) -> SchoolMonth:
        """The School view's figures for a month, as the server computes them for this
        account (its classes only). Raises :class:`OfflineError` when unreachable."""
        answer = _parse(SchoolMonth, self._http.get(f"/school/months/{year}/{month}"))
        if (answer.year, answer.month) != (year, month):
            raise ProtocolError(
                "The school server sent the figures of another month; nothing was kept."
            )
        return answer

    def school_week(self, week_start: date) -> SchoolWeek:
        """The School view's figures for the school week from ``week_start``, as
        :meth:`school_month`."""
        answer = _parse(SchoolWeek, self._http.get(f"/school/weeks/{week_start.isoformat()}"))
        if answer.week_start != week_start:
            raise ProtocolError(
                "The school server sent the figures of another week; nothing was kept."
            )
        return answer

    def _fetch_page(self, cursor: int, epoch: str | None) -> _PullPage:
        raw = self._http.post(
            "/sync/pull", PullRequest(cursor=cursor, epoch=epoch, limit=self._page_size)
        )
        return _parse(_PullPage, raw)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

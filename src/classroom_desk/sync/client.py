"""The laptop's sync client: push the outbox, then pull the school's changes. Qt-free.

Run it off the UI thread with its own :class:`Store` (``open_store`` on the same file:
SQLite WAL lets the UI keep writing while a sync runs). Progress and outcome come back
through plain callbacks and values the UI turns into its status bar.

Transport is ``httpx``: keep-alive connections (a sync is a few requests), timeouts per
phase, clear exception types for every network failure. Requests go out one at a time;
while the server works on the next one (sent from a worker thread), the client stores a
pull page or records a push answer. The store is used only by the calling thread.
Every request body is gzip-compressed; responses are too (``Accept-Encoding``).
Network failures and 429/5xx answers are retried with exponential backoff and full
jitter; push and pull are idempotent, so a retry after a lost reply is always safe.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

import httpx
import pydantic

from classroom_desk.domain.hlc import Stamp, observe
from classroom_desk.domain.profiles import PROFILE_FIELDS
from classroom_desk.store.database import Store
from classroom_desk.store.teacher_actions import ensure_device
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.store.unit_progress import UnitProgressUpdater
from classroom_desk.sync import credentials
from classroom_desk.sync.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PUSH_BATCH,
    Change,
    Mutation,
    Policy,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    SignInRequest,
    SignInResponse,
)
from classroom_desk.sync.tables import SYNCED_TABLES, TABLES, TableSpec

# -- errors, in words a teacher can read -----------------------------------------------


class SyncError(Exception):
    """Sync could not finish; ``str(error)`` is a sentence for the status bar."""


class OfflineError(SyncError):
    """The school server could not be reached (after retries)."""


class SignInRequiredError(SyncError):
    """The server refused this device's token (revoked, or never signed in)."""


class ServerRefusedError(SyncError):
    """The server answered with an error that retrying will not fix."""


class ProtocolError(SyncError):
    """The server's answer could not be read; nothing from it was stored."""


# -- what the UI sees -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: Literal["push", "pull"]
    done: int
    #: Known for push (mutations waiting); for pull the server's total is not known.
    total: int | None
    message: str


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    resets: int = 0
    cursor: int = 0
    rejections: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows, read from the store (no network)."""

    server_url: str | None
    user_name: str | None
    pending: int
    rejected: int
    held_back: int
    last_synced_at: datetime | None
    last_error: str | None

    @property
    def signed_in_before(self) -> bool:
        return self.server_url is not None and self.user_name is not None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))


@dataclass(frozen=True, slots=True)
class SignInResult:
    token: str
    account_id: str
    display_name: str
    #: False when there is no keyring: the token is kept only for this session.
    remembered: bool
    message: str


ProgressCallback = Callable[[SyncProgress], None]
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: While pulling (see ``_bulk_writes``): SQLite page cache in KiB, and WAL pages between
#: checkpoints (16,384 pages of 4 KiB: 64 MiB).
PULL_PAGE_CACHE_KIB = 64 * 1024
PULL_CHECKPOINT_PAGES = 16_384


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


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
    ) -> None:
        self._retry_status = retry_status
        headers = {"Accept-Encoding": "gzip", "User-Agent": "classroom-desk-sync/1"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(
            base_url=server_url.rstrip("/"),
            headers=headers,
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
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
        raw = body.model_dump_json().encode()
        content = gzip.compress(raw, compresslevel=6)
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        last_problem = "no answer"
        for attempt in range(self._retry.attempts):
            if attempt:
                self._sleep(self._retry.delay(attempt, self._rng))
            self.requests += 1
            self.bytes_sent += len(content)
            try:
                response = self._client.post(path, content=content, headers=headers)
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
            if response.status_code == 401:
                raise SignInRequiredError(
                    "The school server no longer accepts this laptop's sign-in. "
                    "Sign in again to sync (your work is kept on this laptop)."
                )
            if response.status_code >= 400:
                raise ServerRefusedError(
                    f"The school server refused the request ({response.status_code}: "
                    f"{_detail(response)})."
                )
            return response.content
        raise OfflineError(
            "Cannot reach the school server, so your changes are kept on this laptop and "
            f"will be sent later ({last_problem})."
        )


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail) if isinstance(detail, str) else response.reason_phrase


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
) -> SignInResult:
    """Sign this laptop in; the token goes to the OS keyring (or, with none, nowhere).

    Raises :class:`SignInRequiredError` for a wrong name or password,
    :class:`ServerRefusedError` when sign-ins are being slowed, :class:`OfflineError`.
    """
    device = ensure_device(store)
    http = _Http(
        server_url,
        token=None,
        transport=transport,
        timeout=timeout,
        retry=RetryPolicy(attempts=2, base_delay=0.5),
        sleep=time.sleep,
        rng=random.Random(),
        retry_status=frozenset({502, 503, 504}),
    )
    try:
        try:
            raw = http.post(
                "/auth/sign-in",
                SignInRequest(
                    user=user, password=password, device_id=device.id, device_name=device_name
                ),
            )
        except SignInRequiredError as error:
            raise SignInRequiredError("Wrong user name or password.") from error
    finally:
        http.close()
    answer = _parse(SignInResponse, raw)
    with store.transaction() as connection:
        previous = connection.execute(
            "SELECT server_url, account_id FROM sync_state WHERE id = 1"
        ).fetchone()
        if previous is None or tuple(previous) != (server_url, answer.account_id):
            # Another server or teacher: start from a full snapshot of what they may see.
            connection.execute(
                "UPDATE sync_state SET epoch = NULL, cursor = 0, snapshot_active = 0 WHERE id = 1"
            )
        connection.execute(
            "UPDATE sync_state SET server_url = ?, user_name = ?, account_id = ?,"
            " last_error = NULL WHERE id = 1",
            (server_url, user, answer.account_id),
        )
    try:
        credentials.save_token(server_url, user, answer.token)
    except credentials.NoKeyringError as error:
        return SignInResult(answer.token, answer.account_id, answer.display_name, False, str(error))
    return SignInResult(
        answer.token, answer.account_id, answer.display_name, True, "Signed in; sync is on."
    )


def read_status(store: Store) -> SyncStatus:
    connection = store.connection
    state = connection.execute(
        "SELECT server_url, user_name, last_synced_at, last_error FROM sync_state WHERE id = 1"
    ).fetchone()
    counts = dict(
        connection.execute(
            "SELECT state, COUNT(*) FROM outbox WHERE state IN ('pending', 'rejected')"
            " GROUP BY state"
        ).fetchall()
    )
    held = connection.execute("SELECT COUNT(*) FROM sync_parked").fetchone()[0]
    return SyncStatus(
        server_url=state[0],
        user_name=state[1],
        pending=int(counts.get("pending", 0)),
        rejected=int(counts.get("rejected", 0)),
        held_back=int(held),
        last_synced_at=datetime.fromisoformat(state[2]) if state[2] else None,
        last_error=state[3],
    )


_Model = TypeVar("_Model", bound=pydantic.BaseModel)


def _parse(model: type[_Model], raw: bytes) -> _Model:
    try:
        return model.model_validate_json(raw)
    except pydantic.ValidationError as error:
        raise ProtocolError(
            "The school server sent an answer this version of Classroom Desk cannot read; "
            f"nothing from it was stored ({error.error_count()} problem(s))."
        ) from error


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
    ) -> None:
        self._store = store
        self._device_id = ensure_device(store).id
        self._batch_size = max(1, min(batch_size, MAX_PUSH_BATCH))
        self._page_size = page_size
        self._on_progress = on_progress
        self._http = _Http(
            server_url,
            token=token,
            transport=transport,
            timeout=timeout,
            retry=retry or RetryPolicy(),
            sleep=sleep,
            rng=rng or random.Random(),
        )

    @classmethod
    def from_keyring(cls, store: Store, **options: Any) -> SyncClient:
        """The client for the account this laptop last signed in with.

        Raises :class:`SignInRequiredError` when there is no remembered sign-in (never
        signed in, signed out, or no keyring on this computer).
        """
        state = store.connection.execute(
            "SELECT server_url, user_name FROM sync_state WHERE id = 1"
        ).fetchone()
        if state is None or state[0] is None or state[1] is None:
            raise SignInRequiredError("Sign in to the school server to sync.")
        if not credentials.keyring_available():
            raise SignInRequiredError(credentials.NO_KEYRING_MESSAGE)
        token = credentials.load_token(state[0], state[1])
        if token is None:
            raise SignInRequiredError("Sign in to the school server to sync.")
        return cls(store, server_url=state[0], token=token, **options)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def device_id(self) -> str:
        return self._device_id

    # -- one sync ---------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Push every waiting change, then pull everything new. Records the outcome."""
        report = SyncReport()
        started = (self._http.requests, self._http.bytes_sent, self._http.bytes_received)
        try:
            self.push(report)
            self.pull(report)
        except SyncError as error:
            self._record_outcome(error=str(error))
            raise
        finally:
            report.requests = self._http.requests - started[0]
            report.bytes_sent = self._http.bytes_sent - started[1]
            report.bytes_received = self._http.bytes_received - started[2]
        self._record_outcome(error=None)
        return report

    def _record_outcome(self, *, error: str | None) -> None:
        now = to_db_time(_utcnow())
        with self._store.transaction() as connection:
            if error is None:
                connection.execute(
                    "UPDATE sync_state SET last_synced_at = ?, last_attempt_at = ?,"
                    " last_error = NULL WHERE id = 1",
                    (now, now),
                )
            else:
                connection.execute(
                    "UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1",
                    (now, error),
                )

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
        connection = self._store.connection
        total = connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE state = 'pending'"
        ).fetchone()[0]
        rounds_left = total // self._batch_size + 20  # re-sent edits make a few more rounds
        done = 0
        # Batches go out one at a time, in outbox order, each only after the server has
        # answered the one before. While the server applies one, this thread records the
        # answer to the one before and reads the next from the outbox.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
            batch = self._outbox_batch(after_seq=0)
            answered: tuple[list[Mutation], PushResponse] | None = None
            while batch and rounds_left > 0:
                rounds_left -= 1
                reply = sender.submit(self._http.post, "/sync/push", self._push_request(batch))
                if answered is not None:
                    self._acknowledge(*answered, report)
                    done += len(answered[0])
                    self._progress("push", min(done, total), total)
                upcoming = self._outbox_batch(after_seq=batch[-1].seq)
                answered = (batch, _parse(PushResponse, reply.result()))
                batch = upcoming
            if answered is not None:
                self._acknowledge(*answered, report)
                done += len(answered[0])
                self._progress("push", min(done, total), total)
        return report

    def _outbox_batch(self, *, after_seq: int) -> list[Mutation]:
        """The next waiting mutations in outbox order (an edit sent again comes last)."""
        rows = self._store.connection.execute(
            "SELECT seq, mutation_id, kind, record_id, student_id, payload, stamp,"
            " created_at FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
            (after_seq, self._batch_size),
        ).fetchall()
        return [
            Mutation(
                seq=row[0],
                mutation_id=row[1],
                kind=row[2],
                record_id=row[3],
                student_id=row[4],
                payload=json.loads(row[5]),
                stamp=row[6],
                created_at=row[7],
            )
            for row in rows
        ]

    def _push_request(self, mutations: list[Mutation]) -> PushRequest:
        seen_cursor, epoch = self._store.connection.execute(
            "SELECT cursor, epoch FROM sync_state WHERE id = 1"
        ).fetchone()
        return PushRequest(
            device_id=self._device_id, mutations=mutations, seen_cursor=seen_cursor, epoch=epoch
        )

    def _acknowledge(self, sent: list[Mutation], answer: PushResponse, report: SyncReport) -> None:
        by_id = {m.mutation_id: m for m in sent}
        with self._store.transaction() as connection:
            # The outbox rows as they stand now: the teacher may have typed on meanwhile.
            current = _outbox_rows(connection, list(by_id))
            acknowledged: list[tuple[int]] = []
            rejected: list[tuple[str, int]] = []
            for result in answer.results:
                mutation = by_id.get(result.mutation_id)
                row = current.pop(result.mutation_id, None)  # each is settled once
                if mutation is None or row is None or row[2] != "pending":
                    continue
                seq, stamp, _state = row
                if stamp != mutation.stamp:
                    # Edited again (a note typed on) after it was sent: the new text is a
                    # new mutation, sent next, whatever became of the old one.
                    _requeue(connection, seq)
                    continue
                if result.outcome == "rejected":
                    rejected.append((result.reason or "refused by the school server", seq))
                    report.rejected += 1
                    report.rejections.append((mutation.kind, result.reason or ""))
                else:
                    acknowledged.append((seq,))
                    report.pushed += 1
            connection.executemany(
                "UPDATE outbox SET state = 'rejected', error = ? WHERE seq = ?", rejected
            )
            connection.executemany(
                "UPDATE outbox SET state = 'acknowledged', error = NULL WHERE seq = ?",
                acknowledged,
            )

    # -- pull ---------------------------------------------------------------------------

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        report = report if report is not None else SyncReport()
        with (
            _bulk_writes(self._store.connection),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher,
        ):
            self._pull_pages(report, fetcher)
        return report

    def _pull_pages(self, report: SyncReport, fetcher: ThreadPoolExecutor) -> None:
        connection = self._store.connection
        cursor, epoch, snapshot = connection.execute(
            "SELECT cursor, epoch, snapshot_active FROM sync_state WHERE id = 1"
        ).fetchone()
        snapshot = bool(snapshot)
        if epoch is None and not snapshot:
            # The first sync with this server: whatever it sends is the whole picture.
            with self._store.transaction() as tx:
                tx.execute("UPDATE sync_state SET snapshot_active = 1 WHERE id = 1")
                _begin_snapshot(tx)
            snapshot = True
        first_page = True
        #: The next page, asked for and read while this one is stored (see below).
        upcoming: Future[PullResponse] | None = None
        while True:
            if upcoming is not None:
                page, upcoming = upcoming.result(), None
            else:
                page = self._fetch_page(cursor, epoch)
            if page.reset:
                if report.resets >= 2:
                    raise ProtocolError("The school server keeps asking to start over; try later.")
                report.resets += 1
                with self._store.transaction() as tx:
                    tx.execute(
                        "UPDATE sync_state SET cursor = 0, epoch = ?, snapshot_active = 1"
                        " WHERE id = 1",
                        (page.epoch,),
                    )
                    _begin_snapshot(tx)
                cursor, epoch, snapshot, first_page = 0, page.epoch, True, True
                continue
            finishing = snapshot and not page.has_more
            if (
                not page.changes
                and page.next_cursor == cursor
                and page.epoch == epoch
                and not finishing
                and not (first_page and self._has_deferred())
                and not self._policy_differs(page.policy)
            ):
                break  # nothing new: nothing written, not even the cursor
            if page.has_more:
                # The next request depends only on this page's cursor, so it goes out now:
                # the server works on it, and it is read (parsed) on the other thread,
                # while this page is stored (SQLite lets go of the GIL as it writes). It
                # is used only after this page and its cursor are committed; if storing
                # fails, it is never used.
                upcoming = fetcher.submit(self._fetch_page, page.next_cursor, page.epoch)
            with self._store.transaction() as tx:
                applier = _Applier(tx, self._device_id, snapshot=snapshot)
                if first_page:
                    applier.apply_deferred()
                applier.apply_all(page.changes)
                applier.unpark()
                if finishing:
                    applier.drop_unseen()
                    tx.execute("DELETE FROM sync_seen")
                    tx.execute("UPDATE sync_state SET snapshot_active = 0 WHERE id = 1")
                if page.policy is not None:
                    _apply_policy(tx, page.policy)
                applier.observe_clock()
                applier.finish()
                if page.next_cursor != cursor or page.epoch != epoch:
                    tx.execute(
                        "UPDATE sync_state SET cursor = ?, epoch = ? WHERE id = 1",
                        (page.next_cursor, page.epoch),
                    )
            report.pulled += len(page.changes)
            cursor, epoch, first_page = page.next_cursor, page.epoch, False
            snapshot = snapshot and not finishing
            self._progress("pull", report.pulled, None)
            if not page.has_more:
                break
        report.cursor = cursor

    def _fetch_page(self, cursor: int, epoch: str | None) -> PullResponse:
        raw = self._http.post(
            "/sync/pull", PullRequest(cursor=cursor, epoch=epoch, limit=self._page_size)
        )
        return _parse(PullResponse, raw)

    def _has_deferred(self) -> bool:
        return (
            self._store.connection.execute("SELECT 1 FROM sync_deferred LIMIT 1").fetchone()
            is not None
        )

    def _policy_differs(self, policy: Policy | None) -> bool:
        if policy is None:
            return False
        row = self._store.connection.execute(
            "SELECT time_zone, first_day_of_week, min_weekly_minutes, mastery_score,"
            " target_average, weekly_units_target FROM school WHERE id = ?",
            (policy.school_id,),
        ).fetchone()
        return row is not None and tuple(row) != _policy_values(policy)


def _policy_values(policy: Policy) -> tuple[object, ...]:
    return (
        policy.time_zone,
        policy.first_day_of_week,
        policy.min_weekly_minutes,
        policy.mastery_score,
        policy.target_average,
        policy.weekly_units_target,
    )


def _apply_policy(connection: sqlite3.Connection, policy: Policy) -> None:
    connection.execute(
        "UPDATE school SET time_zone = ?, first_day_of_week = ?, min_weekly_minutes = ?,"
        " mastery_score = ?, target_average = ?, weekly_units_target = ? WHERE id = ?"
        " AND (time_zone, first_day_of_week, min_weekly_minutes, mastery_score,"
        " target_average, weekly_units_target) IS NOT (?, ?, ?, ?, ?, ?)",
        (*_policy_values(policy), policy.school_id, *_policy_values(policy)),
    )


def _outbox_rows(
    connection: sqlite3.Connection, mutation_ids: list[str], *, chunk: int = 500
) -> dict[str, tuple[int, str, str]]:
    """mutation id -> (seq, stamp, state) of these outbox rows (those still there)."""
    found: dict[str, tuple[int, str, str]] = {}
    for start in range(0, len(mutation_ids), chunk):
        ids = mutation_ids[start : start + chunk]
        rows = connection.execute(
            "SELECT mutation_id, seq, stamp, state FROM outbox"
            f" WHERE mutation_id IN ({', '.join('?' for _ in ids)})",
            ids,
        )
        found.update({row[0]: (row[1], row[2], row[3]) for row in rows})
    return found


def _requeue(connection: sqlite3.Connection, seq: int) -> None:
    """Move a mutation to the end of the outbox under a new id (a new ``seq`` too)."""
    row = connection.execute(
        "SELECT device_id, kind, record_id, student_id, payload, stamp, created_at"
        " FROM outbox WHERE seq = ?",
        (seq,),
    ).fetchone()
    connection.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
    connection.execute(
        "INSERT INTO outbox (mutation_id, device_id, kind, record_id, student_id, payload,"
        " stamp, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
        (str(uuid.uuid4()), *row),
    )


@contextlib.contextmanager
def _bulk_writes(connection: sqlite3.Connection) -> Iterator[None]:
    """SQLite settings of this connection for a pull's many inserts, restored after.

    Each page's inserts touch index pages all over the file (random UUID keys): with the
    default 2 MiB page cache most of them are read again for every page, and with a
    checkpoint every 1,000 WAL pages (4 MiB) each page's transaction (~17 MB of WAL for
    5,000 attempts) is checkpointed on its own, writing the same index pages into the
    database file again and again. Durability is unchanged (``synchronous`` stays).
    """
    settings = {"cache_size": -PULL_PAGE_CACHE_KIB, "wal_autocheckpoint": PULL_CHECKPOINT_PAGES}
    previous = {name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in settings}
    for name, value in settings.items():
        connection.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        for name, value in previous.items():
            connection.execute(f"PRAGMA {name} = {int(value)}")


#: In ``sync_seen`` while a snapshot that began on a store with no synced rows runs: every
#: row the store then holds came from this snapshot or was made on this laptop since, so
#: no row can be unseen, and the keys of the (typically 100,000) rows received need not
#: be recorded. Removed with the rest of ``sync_seen`` when the snapshot ends.
_EMPTY_STORE_MARK = ("", "snapshot began on an empty store")


def _begin_snapshot(connection: sqlite3.Connection) -> None:
    """Forget the keys seen by an earlier snapshot; mark this one if the store is empty."""
    connection.execute("DELETE FROM sync_seen")
    tables = [spec.name for spec in SYNCED_TABLES] + list(_HELD_TABLES)
    if not any(connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in tables):
        connection.execute(
            "INSERT INTO sync_seen (table_name, row_id) VALUES (?, ?)", _EMPTY_STORE_MARK
        )


def _began_on_empty_store(connection: sqlite3.Connection) -> bool:
    found = connection.execute(
        "SELECT 1 FROM sync_seen WHERE table_name = ? AND row_id = ?", _EMPTY_STORE_MARK
    ).fetchone()
    return found is not None


# -- applying pulled rows ---------------------------------------------------------------


def _upsert_sql(spec: TableSpec) -> str:
    columns = list(spec.columns)
    if spec.owner == "teacher":
        columns += ["server_seq", "tombstone"]
    marks = ", ".join("?" for _ in columns)
    updates = [f"{c} = excluded.{c}" for c in columns if c not in spec.key]
    action = (
        "DO NOTHING" if spec.immutable or not updates else f"DO UPDATE SET {', '.join(updates)}"
    )
    return (
        f"INSERT INTO {spec.name} ({', '.join(columns)}) VALUES ({marks})"
        f" ON CONFLICT ({', '.join(spec.key)}) {action}"
    )


def _key_where(spec: TableSpec) -> str:
    return " AND ".join(f"{column} = ?" for column in spec.key)


def _key_expr(spec: TableSpec) -> str:
    return " || '/' || ".join(spec.key)


_UPSERT = {spec.name: _upsert_sql(spec) for spec in SYNCED_TABLES}
_PROFILE_STAMPS = tuple(f"{name}_stamp" for name in PROFILE_FIELDS)
_COLUMNS = {spec.name: frozenset(spec.columns) for spec in SYNCED_TABLES}
_HELD_TABLES = ("sync_parked", "sync_deferred")

#: A held row's key in ``sync_parked`` or ``sync_deferred``: (table name, row id).
_HeldKey = tuple[str, str]


class _Applier:
    """Applies one page inside the caller's transaction.

    Each row is decided on in the order the server sent it: held back (this laptop has
    unsent changes to it), parked (its parent has not arrived), deleted, or stored.
    Stored rows are written in runs: consecutive rows of one table go to SQLite in one
    ``executemany``. Before any other statement (a delete, a held row, reading a table)
    the pending run is written, so the database sees the same statements in the same
    order as when each row is written on its own. Unit attempts stored are folded into
    ``unit_progress`` by :meth:`finish`, once per page.
    """

    def __init__(self, connection: sqlite3.Connection, device_id: str, *, snapshot: bool) -> None:
        self._db = connection
        self._device_id = device_id
        self._snapshot = snapshot
        # Keys of received rows are recorded only when the snapshot could drop rows.
        self._record_seen = snapshot and not _began_on_empty_store(connection)
        self._known: dict[str, set[str]] = {}
        self._pending = {
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT record_id FROM outbox WHERE state = 'pending'"
            )
        }
        # The keys of rows held back, so a stored row is checked against them in memory.
        self._held_keys: dict[str, set[_HeldKey]] = {
            where: set(connection.execute(f"SELECT table_name, row_id FROM {where}"))
            for where in _HELD_TABLES
        }
        self._newest_stamp: Stamp | None = None
        self._seen: list[tuple[str, str]] = []
        self._run_table: str | None = None
        self._run: list[list[Any]] = []
        self._unit_progress = UnitProgressUpdater(connection)

    # rows to store, written one run (one table) at a time
    def _store(self, table: str, values: list[Any]) -> None:
        if table != self._run_table:
            self._write_run()
            self._run_table = table
        self._run.append(values)

    def _write_run(self) -> None:
        if self._run and self._run_table is not None:
            self._db.executemany(_UPSERT[self._run_table], self._run)
        self._run = []
        self._run_table = None

    # existence of parents, cached per page
    def _exists(self, table: str, row_id: str) -> bool:
        ids = self._known.get(table)
        if ids is None:
            self._write_run()  # rows of this page stored so far count too
            ids = {row[0] for row in self._db.execute(f"SELECT id FROM {table}")}
            self._known[table] = ids
        return row_id in ids

    def _remember(self, table: str, row_id: str, present: bool) -> None:
        ids = self._known.get(table)
        if ids is not None:
            if present:
                ids.add(row_id)
            else:
                ids.discard(row_id)

    def finish(self) -> None:
        """The page's last writes, before its transaction commits."""
        self._write_run()
        self._unit_progress.fold()

    def apply_all(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self.apply(change)
        self._write_run()
        if self._record_seen and self._seen:
            self._db.executemany(
                "INSERT OR IGNORE INTO sync_seen (table_name, row_id) VALUES (?, ?)", self._seen
            )
            self._seen.clear()

    def apply(self, change: Change) -> None:
        spec = TABLES.get(change.table)
        if spec is None:
            raise ProtocolError(
                f"The school server sent rows of an unknown kind ({change.table!r}); "
                "update Classroom Desk. Nothing from that answer was stored."
            )
        data = change.data or {}
        if not change.tombstone:
            unknown = data.keys() - _COLUMNS[spec.name]
            missing = [c for c in spec.key if data.get(c) is None]
            if unknown or missing or spec.row_id(data) != change.id:
                raise ProtocolError(
                    f"The school server sent a malformed {change.table} row; nothing from "
                    "that answer was stored."
                )
        if self._record_seen:
            self._seen.append((spec.name, change.id))
        if spec.owner == "teacher" and change.id in self._pending:
            self._hold("sync_deferred", change)  # local changes not yet sent win for now
            return
        if change.tombstone:
            self._delete(spec, change)
            return
        for column, parent in spec.parents:
            value = data.get(column)
            if value is not None and not self._exists(parent, str(value)):
                self._hold("sync_parked", change)  # its parent has not arrived yet
                return
        values = [data.get(column) for column in spec.columns]
        if spec.owner == "teacher":
            values += [change.server_seq, 0]
            self._note_stamps(spec, data)
        self._store(spec.name, values)
        if spec.key == ("id",):
            self._remember(spec.name, change.id, True)
        self._release(change)

    def _release(self, change: Change) -> None:
        """The row is stored or deleted: it is no longer held back anywhere."""
        for where in _HELD_TABLES:
            self._unhold(where, (change.table, change.id))

    def _unhold(self, where: str, key: _HeldKey) -> None:
        if key in self._held_keys[where]:
            self._write_run()
            self._db.execute(f"DELETE FROM {where} WHERE table_name = ? AND row_id = ?", key)
            self._held_keys[where].discard(key)

    def _hold(self, where: str, change: Change) -> None:
        self._write_run()
        self._db.execute(
            f"INSERT INTO {where} (table_name, row_id, server_seq, tombstone, data)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET"
            " server_seq = excluded.server_seq, tombstone = excluded.tombstone,"
            " data = excluded.data",
            (
                change.table,
                change.id,
                change.server_seq,
                int(change.tombstone),
                None if change.data is None else json.dumps(change.data),
            ),
        )
        self._held_keys[where].add((change.table, change.id))

    def _delete(self, spec: TableSpec, change: Change) -> None:
        self._write_run()
        keys = change.id.split("/") if len(spec.key) > 1 else [change.id]
        if spec.owner == "teacher":
            self._db.execute(
                f"UPDATE {spec.name} SET tombstone = 1, server_seq = ? WHERE {_key_where(spec)}",
                (change.server_seq, *keys),
            )
        else:
            self._protected_delete(spec, keys)
        self._release(change)

    def _protected_delete(self, spec: TableSpec, keys: list[str]) -> bool:
        """Delete a server-owned row unless something on this laptop still refers to it."""
        self._write_run()
        with (
            self._unit_progress.deleting()
            if spec.name == "unit_attempt"
            else contextlib.nullcontext()
        ):
            self._db.execute("SAVEPOINT sync_delete")
            try:
                self._db.execute(f"DELETE FROM {spec.name} WHERE {_key_where(spec)}", keys)
            except sqlite3.IntegrityError:
                self._db.execute("ROLLBACK TO sync_delete")
                self._db.execute("RELEASE sync_delete")
                return False
            self._db.execute("RELEASE sync_delete")
        if spec.key == ("id",):
            self._remember(spec.name, keys[0], False)
        return True

    def _note_stamps(self, spec: TableSpec, data: Mapping[str, Any]) -> None:
        names = {
            "goal": ("target_stamp", "status_stamp"),
            "goal_conflict": ("stamp", "winner_stamp"),
            "learner_profile": _PROFILE_STAMPS,
            "profile_conflict": ("stamp", "winner_stamp"),
        }
        for name in names.get(spec.name, ()):
            text = data.get(name)
            if not isinstance(text, str):
                continue
            try:
                stamp = Stamp.decode(text)
            except ValueError:
                continue
            if self._newest_stamp is None or (stamp.millis, stamp.counter) > (
                self._newest_stamp.millis,
                self._newest_stamp.counter,
            ):
                self._newest_stamp = stamp

    def observe_clock(self) -> None:
        """Move this laptop's clock past every stamp received, so its next edit wins
        over what it has seen even when its own clock runs behind."""
        if self._newest_stamp is None:
            return
        row = self._db.execute(
            "SELECT clock FROM device WHERE id = ?", (self._device_id,)
        ).fetchone()
        last = Stamp.decode(row[0]) if row and row[0] else None
        if last is not None and (last.millis, last.counter) >= (
            self._newest_stamp.millis,
            self._newest_stamp.counter,
        ):
            return
        wall = int(datetime.now(UTC).timestamp() * 1000)
        clock = observe(last, self._newest_stamp, wall_millis=wall, device_id=self._device_id)
        self._db.execute(
            "UPDATE device SET clock = ? WHERE id = ?", (clock.encode(), self._device_id)
        )

    def _held(self, where: str) -> list[Change]:
        rows = self._db.execute(
            f"SELECT table_name, row_id, server_seq, tombstone, data FROM {where}"
            " ORDER BY server_seq"
        ).fetchall()
        return [
            Change(
                table=row[0],
                id=row[1],
                server_seq=row[2],
                tombstone=bool(row[3]),
                data=None if row[4] is None else json.loads(row[4]),
            )
            for row in rows
        ]

    def apply_deferred(self) -> None:
        """Rows held back while this laptop had unsent changes to them, now sent."""
        if not self._held_keys["sync_deferred"]:
            return
        for change in self._held("sync_deferred"):
            if change.id not in self._pending:
                self._unhold("sync_deferred", (change.table, change.id))
                self.apply(change)
        self._write_run()

    def unpark(self) -> None:
        """Rows that arrived before their parent: store those whose parent is here now."""
        while self._held_keys["sync_parked"]:
            progressed = False
            for change in self._held("sync_parked"):
                spec = TABLES[change.table]
                data = change.data or {}
                if all(
                    data.get(column) is None or self._exists(parent, str(data[column]))
                    for column, parent in spec.parents
                ):
                    self._unhold("sync_parked", (change.table, change.id))
                    self.apply(change)
                    progressed = True
            if not progressed:
                break
        self._write_run()

    def drop_unseen(self) -> None:
        """End of a full snapshot: rows the server no longer sends this laptop go.

        Local rows not yet sent, and server rows something local still refers to,
        stay; a parked row whose parent never came is dropped with the snapshot. When the
        snapshot began on an empty store, every row here came from it: nothing goes.
        """
        if _began_on_empty_store(self._db):
            return
        self._db.execute(
            "DELETE FROM sync_parked WHERE NOT EXISTS (SELECT 1 FROM sync_seen s WHERE"
            " s.table_name = sync_parked.table_name AND s.row_id = sync_parked.row_id)"
        )
        for spec in reversed(SYNCED_TABLES):
            condition = (
                f"NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.table_name = '{spec.name}'"
                f" AND s.row_id = {_key_expr(spec)})"
            )
            if spec.owner == "teacher":
                condition += (
                    " AND server_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o"
                    f" WHERE o.record_id = {spec.name}.id AND o.state = 'pending')"
                )
            rows = self._db.execute(
                f"SELECT {', '.join(spec.key)} FROM {spec.name} WHERE {condition}"
            ).fetchall()
            for row in rows:
                self._protected_delete(spec, [str(value) for value in row])

"""What the status bar says about sync, and when the app syncs. Qt-free.

The presenter hands the UI *work* to run off the UI thread (each piece opens its own
store connection on the same file) and is told how the work ended; it never blocks.
A token is held only in memory here (for a computer without a keyring, for this session).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from classroom_desk.i18n import day_and_month, plural, translatable, translate
from classroom_desk.presenters.messages import plain
from classroom_desk.presenters.sync_problems import SyncProblemsView, problems_view
from classroom_desk.store.database import Store, StoreKey, open_store
from classroom_desk.sync import credentials
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.pinning import crosses_network_unencrypted
from classroom_desk.sync.school_sign_in import sign_in_everywhere
from classroom_desk.sync.values import (
    ClockAheadError,
    OfflineError,
    RetryPolicy,
    SignInRequiredError,
    SignInResult,
    SyncProblem,
    SyncProgress,
    SyncReport,
    SyncStatus,
)

#: While signed in, a sync every this often (and at start, on demand, at quit).
SYNC_INTERVAL = timedelta(minutes=5)
#: The sync at quit: one attempt, each request bounded, the wait bounded too.
QUIT_TIMEOUT_SECONDS = 3.0
QUIT_RETRY = RetryPolicy(attempts=1)
#: A read the teacher waits for (the School view): two tries, then what the laptop kept.
READ_RETRY = RetryPolicy(attempts=2, base_delay=0.5, max_delay=1.0)
READ_TIMEOUT_SECONDS = 20.0
NO_KEYRING_SHORT = translatable("Sync", "No keyring: sign in again next time")
KEYRING_NOTE = translatable(
    "SignIn", "Your sign-in is kept in this computer's password store (keyring)."
)

ProgressSink = Callable[[SyncProgress], None]


@dataclass(frozen=True, slots=True)
class Session:
    """A sign-in made while the app runs; the token never leaves memory from here."""

    server_url: str
    user: str
    token: str = field(repr=False)


def local_time(moment: datetime) -> datetime:
    """A naive UTC time from the store, on this computer's clock."""
    return moment.replace(tzinfo=UTC).astimezone()


#: The status bar's warning for a plain http:// server school IT allowed on purpose.
NOT_ENCRYPTED_SHORT = translatable("Sync", "Connection not encrypted")
#: The status line's words for an account that reads and changes nothing (by role).
READ_ONLY_SHORT = {
    "principal": translatable("Sync", "Read only: a principal's laptop"),
    "coach": translatable("Sync", "Read only: a coach's laptop"),
}


def client_for(store: Store, session: Session | None, **options: Any) -> SyncClient:
    """A client signed in as this session, or as the keyring remembers (raises
    :class:`SignInRequiredError` when neither can)."""
    if session is not None:
        return SyncClient(store, server_url=session.server_url, token=session.token, **options)
    return SyncClient.from_keyring(store, **options)


@dataclass(frozen=True, slots=True)
class ServerReads:
    """The store and sign-in a read from the server runs with (off the UI thread)."""

    store_path: Path
    key: StoreKey | None
    session: Session | None

    def open_store(self) -> Store:
        return open_store(self.store_path, self.key)

    def client(self, store: Store) -> SyncClient:
        """A principal waits on the window: two tries, each bounded, then the kept copy."""
        return client_for(store, self.session, retry=READ_RETRY, timeout=READ_TIMEOUT_SECONDS)


class SyncStatusPresenter:
    """The sync side of the window: status text, the schedule, and the work to run."""

    def __init__(
        self,
        *,
        store_path: Path,
        key: StoreKey | None = None,
        read_status: Callable[[], SyncStatus],
        read_problems: Callable[[], list[SyncProblem]] = list,
        keyring_available: Callable[[], bool] = credentials.keyring_available,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        to_local: Callable[[datetime], datetime] = local_time,
        school_sessions: dict[str, Session] | None = None,
    ) -> None:
        self._store_path = store_path
        self._key = key
        self._read_status = read_status
        self._read_problems = read_problems
        self._keyring_available = keyring_available
        self._now = now
        self._to_local = to_local
        self.session: Session | None = None
        self.running = False
        self.progress: SyncProgress | None = None
        self.pull_pages = 0
        self.error: str | None = None
        self.offline = False
        self.sign_in_needed = False
        #: The last sync found this laptop's clock too far ahead of the server's.
        self.clock_ahead = False
        self.again_after_this = False
        self.keyring_missing = not keyring_available()
        self.status = read_status()
        # Sign-ins of this app run by school id, for a laptop whose keyring cannot keep
        # them: a switch to another school syncs with the token its sign-in got.
        self.school_sessions = school_sessions if school_sessions is not None else {}
        if self.status.school_id is not None:
            self.session = self.school_sessions.get(self.status.school_id)

    # -- what it says ------------------------------------------------------------------

    def reload_status(self) -> None:
        self.status = self._read_status()

    @property
    def signed_in(self) -> bool:
        """A sync can be tried: a sign-in this session, or one remembered in the keyring."""
        if self.session is not None:
            return True
        return self.status.signed_in_before and not self.keyring_missing

    def keyring_note(self) -> str:
        """Where a sign-in will be kept, said before it: the keyring, or (on a computer
        without one) nowhere past this session."""
        if self.keyring_missing:
            return translate("Sync", credentials.NO_KEYRING_MESSAGE)
        return translate("SignIn", KEYRING_NOTE)

    def text(self) -> str:
        """The status bar's one line."""
        status = self.status
        if self.running:
            return translate("Sync", "Syncing… ({progress})").format(
                progress=self._progress_words()
            )
        parts: list[str] = []
        if self.sign_in_needed or not self.signed_in:
            if self.keyring_missing and status.signed_in_before and self.session is None:
                parts.append(translate("Sync", "Sign in to sync (this computer keeps no sign-in)"))
            elif self.sign_in_needed:
                parts.append(self.error or translate("Sync", "Sign in again to sync"))
            else:
                parts.append(translate("Sync", "Not signed in"))
        elif self.offline:
            parts.append(translate("Sync", "Offline"))
        elif self.error is not None:
            parts.append(self.error)
        elif status.last_synced_at is not None:
            parts.append(
                translate("Sync", "Last synced {when}").format(
                    when=self._when(status.last_synced_at)
                )
            )
        else:
            parts.append(translate("Sync", "Not synced yet"))
        if status.pending:
            parts.append(
                plural(
                    status.pending,
                    translate("Sync", "{count} change waiting"),
                    translate("Sync", "{count} changes waiting"),
                ).format(count=status.pending)
            )
        if status.rejected:
            parts.append(
                plural(
                    status.rejected,
                    translate("Sync", "{count} change refused by the server"),
                    translate("Sync", "{count} changes refused by the server"),
                ).format(count=status.rejected)
            )
        if status.set_aside:
            parts.append(
                plural(
                    status.set_aside,
                    translate("Sync", "{count} record from the server set aside"),
                    translate("Sync", "{count} records from the server set aside"),
                ).format(count=status.set_aside)
            )
        if status.read_only:
            parts.append(translate("Sync", READ_ONLY_SHORT.get(status.role or "", "")))
        if self.session is not None and self.keyring_missing:
            parts.append(translate("Sync", NO_KEYRING_SHORT))
        if crosses_network_unencrypted(status.server_url):
            parts.append(translate("Sync", NOT_ENCRYPTED_SHORT))
        return " · ".join(parts)

    def detail(self) -> str:
        """The longer explanation (tooltip): the error sentence, the account, the keyring."""
        status = self.status
        lines: list[str] = []
        if self.error is not None:
            lines.append(self.error)
        elif status.last_error and not self.running:
            lines.append(status.last_error)
        if self.clock_ahead:
            lines.append(
                translate(
                    "Sync",
                    "Changes made since then wait on this laptop; they are sent once its "
                    "clock is right.",
                )
            )
        if status.problems:
            lines.append(
                translate(
                    "Sync", "Sync > Sync problems… lists what was refused or set aside, and why."
                )
            )
        if status.server_url and status.user_name:
            lines.append(
                translate("Sync", "Signed in as {user} at {server}.").format(
                    user=status.user_name, server=status.server_url
                )
            )
        if status.read_only:
            lines.append(
                translate(
                    "Sync",
                    "This account reads the school's records: notes, goals and reassignments "
                    "are made by the class's teachers.",
                )
            )
        if status.last_synced_at is not None:
            lines.append(
                translate("Sync", "Last synced {when}.").format(
                    when=self._when(status.last_synced_at)
                )
            )
        if self.keyring_missing:
            lines.append(translate("Sync", credentials.NO_KEYRING_MESSAGE))
        lines.append(translate("Sync", "F5 syncs now."))
        return "\n".join(lines)

    def _progress_words(self) -> str:
        progress = self.progress
        if progress is None:
            return translate("Sync", "starting")
        if progress.phase == "push":
            return translate("Sync", "pushing {done} of {total}").format(
                done=progress.done, total=progress.total
            )
        return translate("Sync", "pulling page {page}").format(page=self.pull_pages)

    def _when(self, moment: datetime) -> str:
        local = self._to_local(moment)
        today = self._to_local(self._now().astimezone(UTC).replace(tzinfo=None)).date()
        if local.date() == today:
            return f"{local:%H:%M}"
        return f"{day_and_month(local.date())}, {local:%H:%M}"

    def problems(self) -> SyncProblemsView:
        """What the Sync problems window lists now."""
        return problems_view(self._read_problems(), self._to_local)

    # -- when it syncs -----------------------------------------------------------------

    @property
    def sync_at_start(self) -> bool:
        return self.signed_in

    @property
    def periodic(self) -> bool:
        """Whether the 5-minute timer should run (offline retries too: that is how the
        laptop notices it is back online)."""
        return self.signed_in and not self.sign_in_needed

    @property
    def interval_ms(self) -> int:
        return int(SYNC_INTERVAL.total_seconds() * 1000)

    @property
    def sync_at_quit(self) -> bool:
        return self.signed_in and not self.sign_in_needed and not self.running

    # -- the work ----------------------------------------------------------------------

    def begin_sync(
        self, on_progress: ProgressSink, *, at_quit: bool = False
    ) -> Callable[[], SyncReport] | None:
        """The sync to run off the UI thread, or ``None`` (not signed in, or one is
        already running: then one more follows it)."""
        if not self.signed_in:
            return None
        if self.running:
            self.again_after_this = True
            return None
        self.running = True
        self.progress = None
        self.pull_pages = 0
        path, key, session = self._store_path, self._key, self.session
        retry = QUIT_RETRY if at_quit else None
        timeout = QUIT_TIMEOUT_SECONDS if at_quit else 60.0

        def work() -> SyncReport:
            # Its own connection on the same file: the UI thread's stays the UI's.
            store = open_store(path, key)
            try:
                client = client_for(
                    store, session, on_progress=on_progress, retry=retry, timeout=timeout
                )
                with client:
                    return client.sync()
            finally:
                store.close()

        return work

    def server_reads(self) -> ServerReads:
        """What a window that reads from the server (the School view) opens its clients
        with, on any thread: this session's sign-in, else the keyring's."""
        return ServerReads(self._store_path, self._key, self.session)

    def progressed(self, progress: SyncProgress) -> None:
        if progress.phase == "pull":
            self.pull_pages += 1
        self.progress = progress

    def finished(self, report: SyncReport) -> bool:
        """The sync ended well; returns whether another should follow at once."""
        del report
        self.running = False
        self.progress = None
        self.error = None
        self.offline = False
        self.sign_in_needed = False
        self.clock_ahead = False
        self.reload_status()
        return self._again()

    def failed(self, error: Exception) -> bool:
        """The sync failed; the reason is kept in words. Returns whether to try again now."""
        self.running = False
        self.progress = None
        self.offline = isinstance(error, OfflineError)
        self.clock_ahead = isinstance(error, ClockAheadError)
        if isinstance(error, SignInRequiredError):
            self.sign_in_needed = True
            self.session = None
        self.error = str(error) or type(error).__name__
        self.reload_status()
        return self._again() and not self.sign_in_needed

    def _again(self) -> bool:
        again, self.again_after_this = self.again_after_this, False
        return again

    # -- signing in --------------------------------------------------------------------

    def sign_in_work(
        self,
        *,
        server_url: str,
        user: str,
        password: str,
        trusted_fingerprint: str | None = None,
    ) -> Callable[[], SignInResult]:
        """The sign-in, to run off the UI thread. A first sign-in to an https server
        raises ``CertificateNotTrustedError`` with the fingerprint to show; the teacher's
        yes comes back as ``trusted_fingerprint``."""
        path, key = self._store_path, self._key
        server_url = server_url.strip().rstrip("/")
        user = user.strip()

        def work() -> SignInResult:
            store = open_store(path, key)
            try:
                return sign_in_everywhere(
                    store,
                    server_url=server_url,
                    user=user,
                    password=password,
                    timeout=20.0,
                    trusted_fingerprint=trusted_fingerprint,
                )
            finally:
                store.close()

        return work

    def signed_in_as(self, result: SignInResult) -> str:
        """The sign-in worked: remember it for this session; the message to show, in the
        app's language (the sync layer's words are English)."""
        self.reload_status()
        server_url, user = self.status.server_url, self.status.user_name
        if server_url is not None and user is not None:
            self.session = Session(server_url, user, result.token)
            for other in result.other_schools:
                if other.token is not None and not other.remembered:
                    self.school_sessions[other.school_id] = Session(server_url, user, other.token)
        self.keyring_missing = not result.remembered
        self.sign_in_needed = False
        self.error = None
        self.offline = False
        if not result.remembered:
            message = translate("Sync", credentials.NO_KEYRING_MESSAGE)
        else:
            message = translate("Sync", "Signed in; sync is on.")
        return " ".join([message, *other_schools_words(result)])


def other_schools_words(result: SignInResult) -> list[str]:
    """What became of the sign-ins to the person's other schools, in the app's language:
    the schools signed in too, then each that was not, by name, with why; then the stores
    of the person before removed, and each that could not be."""
    signed = [other.school_name for other in result.other_schools if other.problem is None]
    words = []
    if signed:
        words.append(
            translate("Sync", "Also signed in to {schools} (File > School switches).").format(
                schools=", ".join(signed)
            )
        )
    words.extend(
        translate(
            "Sync",
            "Not signed in to {school}: {problem} Its work stays on this laptop; sign in "
            "again to try.",
        ).format(school=other.school_name, problem=other.problem)
        for other in result.other_schools
        if other.problem is not None
    )
    words.extend(
        translate(
            "Sync",
            "{school}'s classes are not on this laptop yet (they come with its first sync, "
            "when you open it): {problem}",
        ).format(school=other.school_name, problem=other.copy_problem)
        for other in result.other_schools
        if other.problem is None and other.copy_problem is not None
    )
    if result.removed_schools:
        words.append(
            translate(
                "Sync",
                "What the person who signed in before kept on this laptop for {schools} "
                "has been removed.",
            ).format(schools=", ".join(result.removed_schools))
        )
    words.extend(
        translate(
            "Sync",
            "Could not remove what the person who signed in before kept on this laptop "
            "for {school} ({problem}). It is not offered to you; the next sign-in tries "
            "again.",
        ).format(school=school, problem=plain(problem))
        for school, problem in result.not_removed
    )
    return words

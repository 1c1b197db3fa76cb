"""The sync status line and schedule, without Qt or a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from classroom_desk.presenters.sync_status import (
    NO_KEYRING_SHORT,
    SyncStatusPresenter,
)
from classroom_desk.sync.credentials import NO_KEYRING_MESSAGE
from classroom_desk.sync.values import (
    OfflineError,
    ServerRefusedError,
    SignInRequiredError,
    SignInResult,
    SyncProgress,
    SyncReport,
    SyncStatus,
)

NOW = datetime(2026, 11, 19, 20, 5, tzinfo=UTC)
SIGNED_IN = SyncStatus(
    server_url="http://127.0.0.1:8750",
    user_name="rivera",
    pending=0,
    rejected=0,
    held_back=0,
    last_synced_at=None,
    last_error=None,
)
NEVER = replace(SIGNED_IN, server_url=None, user_name=None)


class Status:
    def __init__(self, status: SyncStatus) -> None:
        self.value = status

    def __call__(self) -> SyncStatus:
        return self.value


def make(status: Status, *, keyring: bool = True) -> SyncStatusPresenter:
    return SyncStatusPresenter(
        store_path=Path("unused.sqlite"),
        read_status=status,
        keyring_available=lambda: keyring,
        now=lambda: NOW,
        to_local=lambda moment: moment,  # UTC stands for local time here
    )


def test_never_signed_in_says_so_and_does_not_sync() -> None:
    presenter = make(Status(replace(NEVER, pending=2)))
    assert presenter.text() == "Not signed in · 2 changes waiting"
    assert not presenter.sync_at_start and not presenter.periodic
    assert presenter.begin_sync(lambda _: None) is None


def test_the_status_text_through_a_sync() -> None:
    status = Status(replace(SIGNED_IN, pending=10))
    presenter = make(status)
    assert presenter.sync_at_start and presenter.periodic
    assert presenter.text() == "Not synced yet · 10 changes waiting"
    work = presenter.begin_sync(lambda _: None)
    assert work is not None
    seen = [presenter.text()]
    presenter.progressed(SyncProgress("push", 3, 10, ""))
    seen.append(presenter.text())
    presenter.progressed(SyncProgress("pull", 500, None, ""))
    presenter.progressed(SyncProgress("pull", 800, None, ""))
    seen.append(presenter.text())
    status.value = replace(SIGNED_IN, last_synced_at=datetime(2026, 11, 19, 14, 5))
    assert presenter.finished(SyncReport(pushed=10, pulled=800)) is False
    seen.append(presenter.text())
    assert seen == [
        "Syncing… (starting)",
        "Syncing… (pushing 3 of 10)",
        "Syncing… (pulling page 2)",
        "Last synced 14:05",
    ]


def test_an_older_sync_names_the_day() -> None:
    presenter = make(Status(replace(SIGNED_IN, last_synced_at=datetime(2026, 11, 17, 9, 30))))
    assert presenter.text() == "Last synced Nov 17, 09:30"


def test_one_sync_at_a_time_and_a_request_meanwhile_runs_next() -> None:
    presenter = make(Status(SIGNED_IN))
    assert presenter.begin_sync(lambda _: None) is not None
    assert presenter.begin_sync(lambda _: None) is None  # F5 while syncing
    assert not presenter.sync_at_quit
    assert presenter.finished(SyncReport()) is True
    assert presenter.finished(SyncReport()) is False


def test_offline_keeps_the_changes_waiting_and_keeps_trying() -> None:
    status = Status(replace(SIGNED_IN, pending=1))
    presenter = make(status)
    presenter.begin_sync(lambda _: None)
    presenter.failed(OfflineError("Cannot reach the school server."))
    assert presenter.text() == "Offline · 1 change waiting"
    assert "Cannot reach the school server." in presenter.detail()
    assert presenter.periodic


def test_a_refused_sign_in_stops_the_timer_and_asks_to_sign_in() -> None:
    presenter = make(Status(SIGNED_IN))
    presenter.begin_sync(lambda _: None)
    message = "The school server no longer accepts this laptop's sign-in."
    assert presenter.failed(SignInRequiredError(message)) is False
    assert presenter.text() == message
    assert message in presenter.detail()
    assert not presenter.periodic and not presenter.sync_at_quit


def test_another_error_is_shown_in_words() -> None:
    presenter = make(Status(SIGNED_IN))
    presenter.begin_sync(lambda _: None)
    presenter.failed(ServerRefusedError("The school server refused the request (403)."))
    assert presenter.text() == "The school server refused the request (403)."


def test_rejected_changes_are_counted() -> None:
    presenter = make(
        Status(replace(SIGNED_IN, rejected=1, last_synced_at=NOW.replace(tzinfo=None)))
    )
    assert presenter.text() == "Last synced 20:05 · 1 change refused by the server"


@pytest.mark.parametrize("remembered", [True, False])
def test_signing_in_keeps_the_token_in_memory_only(remembered: bool) -> None:
    status = Status(NEVER)
    presenter = make(status, keyring=remembered)
    status.value = SIGNED_IN
    message = presenter.signed_in_as(
        SignInResult("secret-token", "account", "Ms Rivera", remembered, "Signed in.")
    )
    # The presenter's own words (translated), not the sync layer's English.
    assert message == ("Signed in; sync is on." if remembered else NO_KEYRING_MESSAGE)
    assert presenter.signed_in and presenter.periodic
    assert "secret-token" not in repr(presenter.session)
    text = presenter.text()
    assert "secret-token" not in text and "secret-token" not in presenter.detail()
    assert (NO_KEYRING_SHORT in text) is (not remembered)


def test_without_a_keyring_a_remembered_account_needs_a_new_sign_in() -> None:
    presenter = make(Status(SIGNED_IN), keyring=False)
    assert not presenter.sync_at_start
    assert presenter.text() == "Sign in to sync (this computer keeps no sign-in)"
    assert "no secure password store" in presenter.detail()

"""The School view's kept figures: one copy per account and month, never shown to another
account, and bounded."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from classroom_desk.store.database import open_store
from classroom_desk.store.school_months import MAX_KEPT_PERIODS, KeptSchoolMonths
from tests.conftest import probe_connection

AT = datetime(2026, 11, 20, 15, 0)


def test_a_month_is_kept_per_account_and_replaced_by_a_newer_fetch(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.sqlite")
    kept = KeptSchoolMonths(store)
    assert kept.kept(account="a", period="2026-11") is None
    kept.keep(account="a", period="2026-11", body='{"v": 1}', at=AT)
    kept.keep(account="a", period="2026-11", body='{"v": 2}', at=AT + timedelta(hours=1))
    copy = kept.kept(account="a", period="2026-11")
    assert copy == '{"v": 2}'
    assert kept.kept(account="b", period="2026-11") is None  # another sign-in: nothing
    assert kept.kept(account="a", period="2026-10") is None
    store.close()
    reopened = open_store(tmp_path / "store.sqlite")  # kept across a restart
    assert KeptSchoolMonths(reopened).kept(account="a", period="2026-11") is not None
    reopened.close()


def test_only_the_latest_fetched_months_are_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.sqlite")
    kept = KeptSchoolMonths(store)
    months = [(2024 + index // 12, index % 12 + 1) for index in range(MAX_KEPT_PERIODS + 3)]
    for index, (year, month) in enumerate(months):
        kept.keep(
            account="a",
            period=f"{year:04d}-{month:02d}",
            body="{}",
            at=AT + timedelta(minutes=index),
        )
    count = store.connection.execute("SELECT COUNT(*) FROM school_figures").fetchone()[0]
    assert count == MAX_KEPT_PERIODS
    assert all(kept.kept(account="a", period=f"{y:04d}-{m:02d}") is None for y, m in months[:3])
    assert all(kept.kept(account="a", period=f"{y:04d}-{m:02d}") is not None for y, m in months[3:])
    store.close()


def test_a_busy_store_keeps_nothing_and_says_so(tmp_path: Path) -> None:
    """A sync writing: the figures are shown all the same (the caller is told), never
    half kept."""
    store = open_store(tmp_path / "store.sqlite")
    store.connection.execute("PRAGMA busy_timeout = 0")
    kept = KeptSchoolMonths(store)
    other = probe_connection(store.path)  # the app's SQLite: it sees the same locks
    other.execute("BEGIN IMMEDIATE")
    try:
        assert not kept.keep(account="a", period="2026-11", body="{}", at=AT)
    finally:
        other.rollback()
        other.close()
    assert kept.kept(account="a", period="2026-11") is None
    assert kept.keep(account="a", period="2026-11", body="{}", at=AT)
    store.close()

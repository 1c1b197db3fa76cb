"""Sync over HTTPS with a self-signed certificate: the laptop pins it at first sign-in
(after the teacher confirms its fingerprint), syncs, and refuses a swapped certificate
before sending anything; school IT accepts a planned change with the new fingerprint.
Plain http to another computer is refused unless the school allowed it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from classroom_desk.app import main as laptop_main
from classroom_desk.presenters.sync_status import NOT_ENCRYPTED_SHORT, SyncStatusPresenter
from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import StoreKey, is_plain_sqlite
from classroom_desk.sync.client import SyncClient, sign_in
from classroom_desk.sync.pinning import (
    CertificateChangedError,
    CertificateNotTrustedError,
    PlainHttpRefusedError,
    TrustStore,
)
from classroom_desk.sync.replica import read_status
from tests.sync.harness import DEMO_PASSWORDS, MemoryKeyring, ServerProcess, sqlite_url


def make_certificate(folder: Path) -> str:
    """``classroom-desk-server make-certificate`` as school IT runs it; its fingerprint."""
    done = subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "make-certificate",
         "--host", "127.0.0.1", "--host", "school-server.local", "--out-dir", str(folder)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith("SHA-256 fingerprint: "))
    assert (folder / "server.key").stat().st_mode & 0o077 == 0
    return line.removeprefix("SHA-256 fingerprint: ")


def test_https_sync_pins_the_certificate_and_refuses_a_swapped_one(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    first_fp = make_certificate(tmp_path / "cert-a")
    swapped_fp = make_certificate(tmp_path / "cert-b")
    assert first_fp != swapped_fp
    key_file = tmp_path / "server.key.hex"
    subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "make-database-key", str(key_file)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    server = ServerProcess(
        sqlite_url(tmp_path),
        tmp_path,
        tls=(tmp_path / "cert-a" / "server.crt", tmp_path / "cert-a" / "server.key"),
        extra_args=("--database-key-file", str(key_file)),
    )
    server.start()
    laptop_dir = tmp_path / "laptop"
    store = open_store(laptop_dir / "school.sqlite", StoreKey.generate())
    try:
        assert server.url.startswith("https://")
        # First sign-in: nothing is sent until the teacher confirms the fingerprint.
        with pytest.raises(CertificateNotTrustedError) as first:
            sign_in(store, server_url=server.url, user="rivera", password="not sent")
        assert first.value.fingerprint == first_fp
        assert first_fp in str(first.value).replace("\n", "")
        result = sign_in(
            store,
            server_url=server.url,
            user="rivera",
            password=DEMO_PASSWORDS["rivera"],
            trusted_fingerprint=first_fp,
        )
        assert TrustStore(laptop_dir).get(server.url).fingerprint == first_fp
        with SyncClient(store, server_url=server.url, token=result.token) as client:
            report = client.sync()
        pulled = store.connection.execute("SELECT COUNT(*) FROM student").fetchone()[0]
        assert report.pulled > 0 and pulled > 0
        # The server's SQLite file is encrypted too.
        assert not is_plain_sqlite(tmp_path / "server.sqlite")

        # Someone swaps the certificate (same address and port): refused, nothing sent.
        server.stop()
        server.tls = (tmp_path / "cert-b" / "server.crt", tmp_path / "cert-b" / "server.key")
        server.start()
        with (
            pytest.raises(CertificateChangedError) as changed,
            SyncClient(store, server_url=server.url, token=result.token) as client,
        ):
            client.sync()
        assert changed.value.pinned == first_fp and changed.value.shown == swapped_fp
        assert "trust-certificate" in str(changed.value)
        # A teacher cannot click it through at sign-in either.
        with pytest.raises(CertificateChangedError):
            sign_in(
                store,
                server_url=server.url,
                user="rivera",
                password=DEMO_PASSWORDS["rivera"],
                trusted_fingerprint=swapped_fp,
            )

        # School IT's planned change: the wrong fingerprint changes nothing; the right one
        # is pinned and sync works again.
        assert laptop_main(
            ["trust-certificate", server.url, "--fingerprint", first_fp,
             "--data-dir", str(laptop_dir)]
        ) == 1  # fmt: skip
        assert laptop_main(
            ["trust-certificate", server.url, "--fingerprint", swapped_fp.lower(),
             "--data-dir", str(laptop_dir)]
        ) == 0  # fmt: skip
        with SyncClient(store, server_url=server.url, token=result.token) as client:
            client.sync()
    finally:
        store.close()
        server.stop()


def test_plain_http_to_another_computer_is_refused_unless_the_school_allows_it(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Refused before any connection is made (the address is never contacted)."""
    store = open_store(tmp_path / "school.sqlite", StoreKey.generate())
    url = "http://192.0.2.10:8750"  # TEST-NET-1: documentation only, never routed
    try:
        with pytest.raises(PlainHttpRefusedError, match="not encrypted"):
            sign_in(store, server_url=url, user="rivera", password="x")
        with pytest.raises(PlainHttpRefusedError):
            SyncClient(store, server_url=url, token="t")
        assert laptop_main(["allow-plain-http", url, "--data-dir", str(tmp_path)]) == 0
        assert TrustStore(tmp_path).verify_for(url) is True
        # Loopback is always allowed (a server on this computer).
        assert TrustStore(tmp_path).verify_for("http://127.0.0.1:8750") is True
        store.connection.execute(
            "UPDATE sync_state SET server_url = ?, user_name = 'rivera'", (url,)
        )
        presenter = SyncStatusPresenter(
            store_path=store.path, key=store.key, read_status=lambda: read_status(store)
        )
        presenter.reload_status()
        assert NOT_ENCRYPTED_SHORT in presenter.text()
    finally:
        store.close()

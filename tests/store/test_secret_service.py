"""The app keeps its store key in a real Secret Service (gnome-keyring on D-Bus), the
keyring a Linux desktop has: no passphrase asked, the key never in a file, the store
opened again with the key from the keyring alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from classroom_desk.store.encryption import is_plain_sqlite
from classroom_desk.store.keys import KEY_FILE

REPO = Path(__file__).resolve().parents[2]
NEEDED = ("dbus-run-session", "gnome-keyring-daemon")


def _session_script(data_dir: Path, home: Path) -> str:
    """One D-Bus session: unlock a fresh login keyring, start the app twice, read the key."""
    python = sys.executable
    return textwrap.dedent(f"""\
        set -eu
        export HOME={home} XDG_DATA_HOME={home}/.local/share XDG_RUNTIME_DIR={home}/run
        mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
        eval "$(printf 'login keyring password' \\
            | gnome-keyring-daemon --unlock --components=secrets)"
        export GNOME_KEYRING_CONTROL
        unset PYTHON_KEYRING_BACKEND CLASSROOM_DESK_PASSPHRASE
        for start in first second; do
            {python} -m classroom_desk --demo --smoke-test --data-dir {data_dir} </dev/null
        done
        {python} -c 'import keyring; print("backend", type(keyring.get_keyring()).__module__)'
        {python} -c 'import keyring; print("key", keyring.get_password("classroom-desk", \\
            "store-key {data_dir.resolve()}"))'
        """)


def _in_dbus_session(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``script`` run by bash in a private D-Bus session (it starts gnome-keyring)."""
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {missing} (packaging/install-system-deps.sh test)")
        pytest.skip(f"no {missing} here")
    home.mkdir()
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_the_store_key_lives_in_a_real_secret_service(tmp_path: Path) -> None:
    data_dir, home = tmp_path / "data", tmp_path / "home"
    done = _in_dbus_session(_session_script(data_dir, home), home)
    lines = done.stdout.splitlines()
    assert sum(line.startswith("roster rows: ") for line in lines) == 2, done.stdout
    assert "backend keyring.backends.SecretService" in lines
    key_hex = next(line.removeprefix("key ") for line in lines if line.startswith("key "))
    assert len(key_hex) == 64 and key_hex != "None"
    assert not is_plain_sqlite(data_dir / "demo.sqlite")
    # Nothing on disk holds the key; the key file only says where it lives.
    assert '"kept_in": "keyring"' in (data_dir / KEY_FILE).read_text()
    for path in data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert key_hex.encode() not in data and bytes.fromhex(key_hex) not in data, path
    # The keyring's own file is encrypted by gnome-keyring with the login password.
    keyrings = list((home / ".local/share/keyrings").glob("*.keyring"))
    assert keyrings and all(key_hex.encode() not in k.read_bytes() for k in keyrings)


CHOICE = (
    "import keyring, keyring.core; from classroom_desk.store.keys import use_system_keyring; "
    "ours = use_system_keyring() or keyring.get_keyring(); keyring.core.set_keyring("
    "keyring.core._detect_backend()); theirs = keyring.get_keyring(); "
    "print('choice', type(ours).__module__, type(theirs).__module__, ours.priority > 0)"
)


def _choice_script(data_dir: Path, home: Path) -> str:
    """The backend the app chooses beside keyring's own search, three ways: with the Secret
    Service running; with keyringrc.cfg naming another backend (the user's choice wins);
    with no D-Bus session bus (no keyring: the passphrase)."""
    python = sys.executable
    config = home / ".config" / "python_keyring"
    return textwrap.dedent(f"""\
        set -eu
        export HOME={home} XDG_DATA_HOME={home}/.local/share XDG_RUNTIME_DIR={home}/run
        export XDG_CONFIG_HOME={home}/.config
        mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
        eval "$(printf 'login keyring password' \\
            | gnome-keyring-daemon --unlock --components=secrets)"
        export GNOME_KEYRING_CONTROL
        unset PYTHON_KEYRING_BACKEND CLASSROOM_DESK_PASSPHRASE
        {python} -c "{CHOICE}"
        mkdir -p {config}
        printf '[backend]\\ndefault-keyring=keyring.backends.fail.Keyring\\n' \\
            > {config}/keyringrc.cfg
        {python} -c "{CHOICE}"
        CLASSROOM_DESK_PASSPHRASE='maple river lantern 42' \\
            {python} -m classroom_desk --demo --smoke-test --data-dir {data_dir}/configured \\
            </dev/null
        rm {config}/keyringrc.cfg
        DBUS_SESSION_BUS_ADDRESS=unix:path={home}/no-bus {python} -c "{CHOICE}"
        DBUS_SESSION_BUS_ADDRESS=unix:path={home}/no-bus \\
            CLASSROOM_DESK_PASSPHRASE='maple river lantern 42' \\
            {python} -m classroom_desk --demo --smoke-test --data-dir {data_dir}/no-bus \\
            </dev/null
        """)


def test_the_app_chooses_the_keyring_keyring_itself_would(tmp_path: Path) -> None:
    """The fast choice (no search through every backend keyring ships) must land where
    keyring's search does, and a backend the user configured must still win."""
    data_dir, home = tmp_path / "data", tmp_path / "home"
    done = _in_dbus_session(_choice_script(data_dir, home), home)
    choices = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("choice")]
    assert choices == [
        ["keyring.backends.SecretService", "keyring.backends.SecretService", "True"],
        ["keyring.backends.fail", "keyring.backends.fail", "False"],
        ["keyring.backends.fail", "keyring.backends.fail", "False"],
    ]
    for folder in ("configured", "no-bus"):  # no keyring: the store is locked by a passphrase
        assert '"kept_in": "passphrase"' in (data_dir / folder / KEY_FILE).read_text()
        assert not is_plain_sqlite(data_dir / folder / "demo.sqlite")

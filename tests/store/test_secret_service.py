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


def _session_start(home: Path) -> str:
    """The start of every session script: a fresh home, its login keyring unlocked, and
    no keyring backend or passphrase inherited from the test run."""
    return textwrap.dedent(f"""\
        set -eu
        export HOME={home} XDG_DATA_HOME={home}/.local/share XDG_RUNTIME_DIR={home}/run
        export XDG_CONFIG_HOME={home}/.config
        mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
        eval "$(printf 'login keyring password' \\
            | gnome-keyring-daemon --unlock --components=secrets)"
        export GNOME_KEYRING_CONTROL
        unset PYTHON_KEYRING_BACKEND CLASSROOM_DESK_PASSPHRASE
        """)


def _session_script(data_dir: Path, home: Path) -> str:
    """One D-Bus session: unlock a fresh login keyring, start the app twice, read the key."""
    python = sys.executable
    return _session_start(home) + textwrap.dedent(f"""\
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
    return _session_start(home) + textwrap.dedent(f"""\
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


def _direct_read_script(data_dir: Path, home: Path) -> str:
    """The key read at start straight from the Secret Service: once keyring made it; with a
    backend chosen in keyringrc.cfg or a KEYRING_PROPERTY_ (keyring is asked); with the
    collection locked (keyring shows the unlock prompt, which a headless session refuses)."""
    python = sys.executable
    user = f"store-key {data_dir.resolve()}"
    read = (
        "from classroom_desk.store.secret_service import read_entry; "
        f"print('read', read_entry('classroom-desk', '{user}'))"
    )
    lock = (
        "import secretstorage; secretstorage.Collection(secretstorage.dbus_init()).lock(); "
        "print('locked')"
    )
    config = home / ".config" / "python_keyring"
    return _session_start(home) + textwrap.dedent(f"""\
        {python} -m classroom_desk --demo --smoke-test --data-dir {data_dir} </dev/null
        {python} -X importtime -m classroom_desk --demo --smoke-test --data-dir {data_dir} \\
            </dev/null 2>{home}/imports
        {python} -c "import keyring; print('key', keyring.get_password('classroom-desk', \\
            '{user}'))"
        {python} -c "{read}"
        mkdir -p {config}
        printf '[backend]\\ndefault-keyring=keyring.backends.fail.Keyring\\n' \\
            > {config}/keyringrc.cfg
        {python} -c "{read}"
        rm {config}/keyringrc.cfg
        KEYRING_PROPERTY_SCHEME=KeePassXC {python} -c "{read}"
        DBUS_SESSION_BUS_ADDRESS=unix:path={home}/no-bus {python} -c "{read}"
        sha256sum {data_dir}/demo.sqlite
        {python} -c "{lock}"
        {python} -c "{read}"
        {python} -m classroom_desk --demo --smoke-test --data-dir {data_dir} </dev/null \\
            || echo "locked start exit $?"
        sha256sum {data_dir}/demo.sqlite
        """)


def test_the_start_reads_the_key_from_the_secret_service_without_keyring(
    tmp_path: Path,
) -> None:
    """keyring costs ~70 ms of every start; the app reads its own entry over D-Bus instead,
    exactly what keyring stored, and leaves every other case to keyring."""
    data_dir, home = tmp_path / "data", tmp_path / "home"
    done = _in_dbus_session(_direct_read_script(data_dir, home), home)
    lines = done.stdout.splitlines()
    key_hex = next(line.removeprefix("key ") for line in lines if line.startswith("key "))
    assert len(key_hex) == 64, done.stdout
    reads = [line.removeprefix("read ") for line in lines if line.startswith("read ")]
    assert reads == [key_hex, "None", "None", "None", "None"], done.stdout
    # keyring (with urllib and email) and cryptography are not loaded by a start at all.
    imports = (home / "imports").read_text().splitlines()
    imported = {line.rsplit("|", 1)[-1].strip() for line in imports if "|" in line}
    assert "jeepney" in imported and "PySide6" in imported
    assert not imported & {"keyring", "secretstorage", "cryptography"}
    # Locked: keyring's unlock prompt cannot show here, so the start stops in plain words
    # and the store is untouched.
    assert "locked" in lines and "locked start exit 2" in lines, done.stdout
    assert "Failed to unlock the collection" in done.stderr
    hashes = [line.split()[0] for line in lines if line.endswith("demo.sqlite")]
    assert len(hashes) == 2 and hashes[0] == hashes[1]

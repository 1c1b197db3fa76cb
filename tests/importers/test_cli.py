"""``classroom-desk import-oneroster PATH [--data-dir DIR]`` as scripts call it: a real
process, exit codes, the summary on stdout and ``file:line:column`` on stderr."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from classroom_desk.domain.roles import READ_ONLY_REFUSAL, READ_ONLY_ROLES
from classroom_desk.store.database import open_store
from classroom_desk.store.keys import load_store_key
from classroom_desk.sync.replica import Replica
from tests.conftest import TEST_PASSPHRASE, data_dir_connection
from tests.importers.conftest import store_checksum
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.packages import BASE_FILES, write_package
from tests.importers.test_undo import SMALLER


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "classroom_desk", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def test_an_import_exits_zero_and_prints_each_tables_change_with_the_first_names(
    tmp_path: Path,
) -> None:
    package = write_package(tmp_path / "package")
    done = _run("import-oneroster", str(package), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:5] == [
        f"Imported OneRoster 1.1 roster for Maple Elementary from {package}.",
        "  students     4 added: Ava Nguyen, Ben Ortiz, Cleo Park, Dev Shah",
        "  teachers     2 added: Sam Okafor, Elena Rivera",
        "  classes      3 added: Art 4, Homeroom 4A, Reading 4A",
        "  enrollments  6 added: Dev Shah in Art 4, Ava Nguyen in Homeroom 4A, Dev Shah in"
        " Homeroom 4A, Ava Nguyen in Reading 4A, Ben Ortiz in Reading 4A and 1 more",
    ]
    assert "Not imported: " in done.stdout and "users with the role parent: 1" in done.stdout
    assert done.stderr == "", "no progress line when stderr is not a terminal"
    with data_dir_connection(tmp_path / "data") as connection:
        assert connection.execute("SELECT COUNT(*) FROM student").fetchone() == (4,)


def test_on_a_terminal_the_import_shows_rows_read_on_one_line_it_clears(tmp_path: Path) -> None:
    package = write_package(tmp_path / "package")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "classroom_desk", "import-oneroster", str(package),
             "--data-dir", str(tmp_path / "data")],
            stdout=subprocess.PIPE, stderr=follower, text=True, timeout=120, check=False,
        )  # fmt: skip
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once everything written has been read
            while chunk := os.read(leader, 4096):
                shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    text = shown.decode()
    assert "saving the roster: " in text and " rows" in text
    assert text.endswith("\r\x1b[2K"), "the progress line is cleared at the end"
    assert done.stdout.startswith("Imported OneRoster 1.1 roster")


def test_a_broken_package_exits_non_zero_with_its_location_and_changes_nothing(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    assert (
        _run(
            "import-oneroster", str(write_package(tmp_path / "good")), "--data-dir", str(data)
        ).returncode
        == 0
    )
    with data_dir_connection(data) as connection:
        before = store_checksum(connection)
    broken = write_package(
        tmp_path / "broken",
        {
            **BASE_FILES,
            "enrollments.csv": BASE_FILES["enrollments.csv"]
            + "e-x,active,,cls-r,org-1,s-404,student,,,\n",
        },
    )
    done = _run("import-oneroster", str(broken), "--data-dir", str(data))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"{broken}/enrollments.csv:12:6: expected userSourcedId to name a user in users.csv "
        "(or one imported before); 's-404' is not one\n"
    )
    with data_dir_connection(data) as connection:
        assert store_checksum(connection) == before


def test_a_path_that_is_no_package_exits_non_zero(tmp_path: Path) -> None:
    done = _run("import-oneroster", str(tmp_path / "nothing.zip"), "--data-dir", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{tmp_path / 'nothing.zip'}:1:1: expected a OneRoster")


def test_a_damaged_store_exits_with_the_store_error(tmp_path: Path) -> None:
    (tmp_path / "school.sqlite").write_bytes(b"not a database" * 20)
    done = _run("import-oneroster", str(write_package(tmp_path / "p")), "--data-dir", str(tmp_path))
    assert done.returncode == 2
    assert "is not a Classroom Desk database" in done.stderr


def test_usage_errors_and_help_come_from_argparse(tmp_path: Path) -> None:
    assert _run("import-oneroster").returncode == 2
    help_text = _run("import-oneroster", "--help")
    assert help_text.returncode == 0 and "--data-dir" in help_text.stdout
    assert "import-oneroster PATH" in _run("--help").stdout


def test_a_package_of_two_schools_needs_school_and_then_imports_that_one(tmp_path: Path) -> None:
    package = write_package(tmp_path / "district", TWO_SCHOOLS)
    data = str(tmp_path / "data")
    refused = _run("import-oneroster", str(package), "--data-dir", data)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"{package}/orgs.csv:1:1: expected one school")
    assert "--school org-1" in refused.stderr
    chosen = _run(
        "import-oneroster", str(package), "--school", "Oak Elementary", "--data-dir", data
    )
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.startswith("Imported OneRoster 1.1 roster for Oak Elementary")
    with data_dir_connection(tmp_path / "data") as connection:
        assert connection.execute("SELECT COUNT(*) FROM student").fetchone() == (3,)


def _files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (backups and undo copies too), by its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix != ".log"
    }


@pytest.mark.parametrize("role", sorted(READ_ONLY_ROLES))
def test_a_principals_or_coachs_laptop_refuses_the_roster_commands_and_changes_nothing(
    tmp_path: Path, role: str
) -> None:
    """Their laptop keeps the school server's copy of the school, as the window says
    when it rests its imports: a roster imported or undone there would be fought by the
    next sync. Each command says so, where, and what to do instead; no file moves, not
    even a backup. The undo point left from the laptop's teacher days stays too."""
    data = tmp_path / "data"
    first = _run(
        "import-oneroster", str(write_package(tmp_path / "first")), "--data-dir", str(data)
    )
    assert first.returncode == 0, first.stderr
    store_file = data / "school.sqlite"
    store = open_store(store_file, load_store_key(data, ask=lambda _request: TEST_PASSPHRASE))
    Replica(store).remember_sign_in(
        server_url="https://school.example", user="pat", account_id="a-1", role=role
    )
    store.close()
    before = _files(data)
    smaller = write_package(tmp_path / "smaller", SMALLER)
    for command in (
        ("import-oneroster", str(smaller), "--confirm-removals"),
        ("import-oneroster", str(smaller), "--dry-run"),
        ("undo-import",),
        ("undo-import", "--discard-later-changes"),
        ("set-school", "--time-zone", "Europe/Madrid"),
    ):
        refused = _run(*command, "--data-dir", str(data))
        assert refused.returncode == 1, command
        assert refused.stdout == "", command
        assert _files(data) == before, command
        if command[0] == "set-school":  # as on any laptop signed in to a server
            assert refused.stderr.startswith(
                "classroom-desk: this laptop takes its school's policy from the school "
                "server https://school.example"
            )
            continue
        assert refused.stderr.startswith(f"classroom-desk: {store_file}: "), command
        assert f"a {role}'s laptop: {READ_ONLY_REFUSAL}" in refused.stderr, command
        assert "the school admin imports rosters on the server" in refused.stderr, command
        what = "imported" if command[0] == "import-oneroster" else "restored"
        assert refused.stderr.endswith(f"nothing was {what}\n"), command

"""The laptop's roster and policy commands on a laptop that keeps several schools (one
store per school, ``schools.json`` naming them): ``--school`` chooses the store by id or
name; without it, or naming none of them, the command refuses, lists them, and changes
nothing (not even a file made for the name typed). A laptop of one school works as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.store.database import open_store
from classroom_desk.store.keys import load_store_key
from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    SCHOOLS_FILE,
    SchoolList,
    other_school_store,
    write_school_list,
)
from classroom_desk.sync.replica import Replica
from tests.conftest import TEST_PASSPHRASE, data_dir_connection
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.packages import write_package
from tests.importers.test_cli import _files, _run

MAPLE, OAK = record_id("school", "org-1"), record_id("school", "org-2")
OAK_STORE = other_school_store(OAK)
#: Every command that changes a school's store, as a script would run it.
COMMANDS = (
    ("import-oneroster", "PACKAGE"),
    ("undo-import",),
    ("set-school", "--time-zone", "Europe/Madrid"),
)


def _two_schools(
    folder: Path, names: tuple[str, str] = ("Maple Elementary", "Oak Elementary")
) -> Path:
    """A laptop that signed in to a server listing two schools, as the sign-in leaves it:
    the first school in ``school.sqlite``, the other in its hash-named store, one key."""
    key = load_store_key(folder, ask=lambda _request: TEST_PASSPHRASE)
    for file in (SCHOOL_STORE, OAK_STORE):
        open_store(folder / file, key).close()
    write_school_list(folder, SchoolList.of([(MAPLE, names[0]), (OAK, names[1])]))
    return folder


def _command(command: tuple[str, ...], package: Path, data: Path) -> list[str]:
    return [str(package) if part == "PACKAGE" else part for part in command] + [
        "--data-dir",
        str(data),
    ]


def _students(data: Path, file: str) -> int:
    with data_dir_connection(data, file) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM student").fetchone()[0])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
@pytest.mark.parametrize(
    "choice",
    [None, "../x", "Pine Elementary", "", "org-9", "oak"],
    ids=["no-school", "a-path", "unknown-name", "empty", "unknown-sourcedid", "part-of-a-name"],
)
def test_a_laptop_of_two_schools_refuses_a_command_that_names_neither_and_changes_nothing(
    tmp_path: Path, command: tuple[str, ...], choice: str | None
) -> None:
    """A script run without ``--school`` must not change whichever school the window
    showed last; a typo must not make a store for the name typed."""
    data = _two_schools(tmp_path / "data")
    package = write_package(tmp_path / "district", TWO_SCHOOLS)
    before = _files(data)
    school = [] if choice is None else ["--school", choice]
    refused = _run(*_command(command, package, data), *school)
    assert refused.returncode == 1, refused.stderr
    assert refused.stdout == ""
    what = "this laptop keeps 2 schools" if choice is None else f"no school {choice!r}"
    assert refused.stderr == (
        f"classroom-desk: {what}{' on this laptop' if choice is not None else ''}: choose one "
        f"with --school (its id or name): {MAPLE} (Maple Elementary); {OAK} (Oak Elementary); "
        "nothing was changed\n"
    )
    assert _files(data) == before


def test_the_school_named_or_its_id_takes_the_import_its_undo_and_its_policy(
    tmp_path: Path,
) -> None:
    data = _two_schools(tmp_path / "data")
    district = write_package(tmp_path / "district", TWO_SCHOOLS)
    maple_before = _files(data)[SCHOOL_STORE]

    imported = _run("import-oneroster", str(district), "--school", "oak ELEMENTARY",
                    "--data-dir", str(data))  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported OneRoster 1.1 roster for Oak Elementary")
    assert _students(data, OAK_STORE) == 3
    assert _files(data)[SCHOOL_STORE] == maple_before

    # By its id (the server's, not the package's): the package's school is the one the
    # store holds.
    again = _run("import-oneroster", str(district), "--school", OAK, "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Imported OneRoster 1.1 roster for Oak Elementary")

    undone = _run("undo-import", "--school", "Oak Elementary", "--data-dir", str(data))
    assert undone.returncode == 0, undone.stderr
    assert "for Oak Elementary from" in undone.stdout
    nothing = _run("undo-import", "--school", "Maple Elementary", "--data-dir", str(data))
    assert nothing.returncode == 1 and "Nothing to undo" in nothing.stderr

    policy = _run("set-school", "--school", OAK, "--first-day", "sun", "--data-dir", str(data))
    assert policy.returncode == 0, policy.stderr
    assert policy.stdout.startswith("Oak Elementary") and "weeks start on Sunday" in policy.stdout
    assert _files(data)[SCHOOL_STORE] == maple_before


def test_two_schools_of_one_name_are_chosen_by_id_only(tmp_path: Path) -> None:
    data = _two_schools(tmp_path / "data", names=("Oak Elementary", "Oak Elementary"))
    district = write_package(tmp_path / "district", TWO_SCHOOLS)
    before = _files(data)
    refused = _run("import-oneroster", str(district), "--school", "Oak Elementary",
                   "--data-dir", str(data))  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr == (
        "classroom-desk: 2 schools of this laptop are named 'Oak Elementary': choose one "
        f"with --school by its id: {MAPLE} (Oak Elementary); {OAK} (Oak Elementary); "
        "nothing was changed\n"
    )
    assert _files(data) == before
    # The package's sourcedId is the id too (the server's ids are made from it).
    chosen = _run("import-oneroster", str(district), "--school", "org-2", "--data-dir", str(data))
    assert chosen.returncode == 0, chosen.stderr
    assert _students(data, OAK_STORE) == 3
    policy = _run("set-school", "--school", MAPLE, "--data-dir", str(data))
    assert policy.returncode == 1 and "import a roster first" in policy.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
@pytest.mark.parametrize(
    "content", [b"{not json", b"\xff\xfe", b"[]"], ids=["broken", "binary", "not-a-list"]
)
def test_an_unreadable_list_of_schools_refuses_and_changes_nothing(
    tmp_path: Path, command: tuple[str, ...], content: bytes
) -> None:
    """Which store is which school is then unknown: a command guessing the first could
    change the wrong school."""
    data = _two_schools(tmp_path / "data")
    (data / SCHOOLS_FILE).write_bytes(content)
    package = write_package(tmp_path / "district", TWO_SCHOOLS)
    before = _files(data)
    for school in ([], ["--school", "Maple Elementary"]):
        refused = _run(*_command(command, package, data), *school)
        assert refused.returncode == 1, refused.stderr
        assert refused.stderr.endswith(
            f"classroom-desk: {data / SCHOOLS_FILE}: the list of this laptop's schools cannot "
            "be read, so which school is which is unknown (signing in again in the window "
            "writes it again); nothing was changed\n"
        )
        assert _files(data) == before


def test_a_laptop_of_one_school_takes_its_name_or_id_and_refuses_another(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    first = _run(
        "import-oneroster", str(write_package(tmp_path / "maple")), "--data-dir", str(data)
    )
    assert first.returncode == 0, first.stderr
    shown = _run("set-school", "--school", "maple elementary", "--data-dir", str(data))
    assert shown.returncode == 0, shown.stderr
    by_id = _run("set-school", "--school", MAPLE, "--first-day", "sun", "--data-dir", str(data))
    assert by_id.returncode == 0 and "weeks start on Sunday" in by_id.stdout, by_id.stderr
    before = _files(data)
    for command in (("set-school", "--time-zone", "Europe/Madrid"), ("undo-import",)):
        refused = _run(*command, "--school", "Oak Elementary", "--data-dir", str(data))
        assert refused.returncode == 1, command
        assert refused.stderr == (
            f"classroom-desk: {data / SCHOOL_STORE}: this laptop's only school store holds "
            f"{MAPLE} (Maple Elementary), not 'Oak Elementary'; nothing was changed\n"
        ), command
        assert _files(data) == before, command
    other = _run("import-oneroster", str(write_package(tmp_path / "district", TWO_SCHOOLS)),
                 "--school", "Oak Elementary", "--data-dir", str(data))  # fmt: skip
    assert other.returncode == 1 and "Maple Elementary" in other.stderr
    assert _files(data)[SCHOOL_STORE] == before[SCHOOL_STORE]  # (a backup taken first, as ever)
    undone = _run("undo-import", "--school", "Maple Elementary", "--data-dir", str(data))
    assert undone.returncode == 0, undone.stderr


def test_each_schools_store_keeps_its_own_refusals(tmp_path: Path) -> None:
    """Oak's store is a principal's and signed in to a server: its roster and policy
    commands are refused with Oak's store named; Maple's, a teacher's, still imports."""
    data = _two_schools(tmp_path / "data")
    district = write_package(tmp_path / "district", TWO_SCHOOLS)
    oak = _run("import-oneroster", str(district), "--school", "org-2", "--data-dir", str(data))
    assert oak.returncode == 0, oak.stderr
    key = load_store_key(data, ask=lambda _request: TEST_PASSPHRASE)
    store = open_store(data / OAK_STORE, key)
    Replica(store).remember_sign_in(
        server_url="https://school.example", user="pat", account_id="a-1", role="principal"
    )
    store.close()
    before = _files(data)
    for command in COMMANDS[:1] + COMMANDS[2:]:
        refused = _run(*_command(command, district, data), "--school", OAK)
        assert refused.returncode == 1, command
        assert refused.stderr.startswith(
            f"classroom-desk: {data / OAK_STORE}: a principal's laptop"
            if command[0] == "import-oneroster"
            else "classroom-desk: this laptop takes its school's policy from the school server"
        ), command
        assert _files(data) == before, command
    maple = _run("import-oneroster", str(district), "--school", "Maple Elementary",
                 "--data-dir", str(data))  # fmt: skip
    assert maple.returncode == 0, maple.stderr
    assert _students(data, SCHOOL_STORE) == 4
    assert json.loads((data / SCHOOLS_FILE).read_text(encoding="utf-8"))["schools"][1]["id"] == OAK

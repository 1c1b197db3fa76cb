"""A teacher of several schools signs in once and the laptop keeps each school in its own
store, with its own token: the hostile answers first. A real HTTP server on 127.0.0.1
answers the sign-ins as a broken, hostile or older server would (the real server's two
schools are in ``test_two_schools.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import StoreKey
from classroom_desk.store.school_files import (
    MAX_SCHOOLS,
    SCHOOL_STORE,
    SCHOOLS_FILE,
    other_school_store,
    read_school_list,
)
from classroom_desk.sync import credentials
from classroom_desk.sync.client import SyncClient, sign_in
from classroom_desk.sync.replica import Replica
from classroom_desk.sync.school_sign_in import sign_in_everywhere
from classroom_desk.sync.values import ProtocolError
from tests.sync.harness import (
    FAST_RETRY,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    template_store,
)
from tests.sync.two_schools import Answer, SignInServer

FIRST, SECOND = "school-north", "school-south"
TWO_SCHOOLS = [{"id": SECOND, "name": "South Middle"}, {"id": FIRST, "name": "North Elementary"}]


def signed_in(school: str, name: str = "", schools: list[dict[str, str]] | None = None) -> dict:
    body: dict[str, Any] = {
        "token": f"token-for-{school}",
        "token_id": f"t-{school}",
        "account_id": f"account-{school}",
        "role": "teacher",
        "school_id": school,
        "teacher_id": f"teacher-{school}",
        "display_name": "Ana Rivera",
    }
    if schools is not None:  # an older server sends neither
        body |= {"school_name": name, "schools": schools}
    return body


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], SignInServer]]:
    started: list[SignInServer] = []

    def start(answer: Answer) -> SignInServer:
        started.append(SignInServer(answer))
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir / SCHOOL_STORE, KEY)
    yield opened
    opened.close()


KEY = StoreKey.generate()


def two_schools(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """A server of two schools: North is the person's first."""
    school = request.get("school") or FIRST
    names = {school["id"]: school["name"] for school in TWO_SCHOOLS}
    return 200, signed_in(school, names[school], TWO_SCHOOLS)


def sign_in_as_rivera(store: Store, server: SignInServer) -> Any:
    return sign_in_everywhere(
        store, server_url=server.url, user="rivera", password="maple-ridge-rivera", timeout=5.0
    )


def files_made(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_an_older_server_lists_no_schools_and_the_laptop_keeps_one_as_before(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    def older(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if "school" in request:  # its request model forbids a field it does not know
            return 422, {"detail": [{"type": "extra_forbidden", "loc": ["body", "school"]}]}
        return 200, signed_in(FIRST)

    server = serve(older)
    result = sign_in_as_rivera(store, server)
    assert result.other_schools == ()
    assert len(server.requests) == 1
    assert not (data_dir / SCHOOLS_FILE).exists()
    assert not list(data_dir.glob("school-*.sqlite"))
    assert read_school_list(data_dir).schools == ()
    with SyncClient.from_keyring(store) as client:  # its token is found again
        assert client.device_id
    again = sign_in_as_rivera(store, server)  # signing in again (a token revoked, say)
    assert again.token == f"token-for-{FIRST}"


def test_a_second_school_gets_its_own_store_and_token(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    server = serve(two_schools)
    result = sign_in_as_rivera(store, server)
    assert [(o.school_id, o.problem) for o in result.other_schools] == [(SECOND, None)]
    assert [r.get("school") for r in server.requests] == [None, SECOND]
    listed = read_school_list(data_dir)
    assert [(s.id, s.name, s.file) for s in listed.schools] == [
        (FIRST, "North Elementary", SCHOOL_STORE),
        (SECOND, "South Middle", other_school_store(SECOND)),
    ]
    other = open_store(data_dir / other_school_store(SECOND), KEY)  # the same key opens it
    try:
        signed = Replica(other).signed_in_as()
        assert signed is not None and (signed.school_id, signed.school_name) == (
            SECOND,
            "South Middle",
        )
        tokens = {entry: token for (_service, entry), token in memory_keyring.items.items()}
        assert tokens == {
            credentials.keyring_user(server.url, "rivera", FIRST): f"token-for-{FIRST}",
            credentials.keyring_user(server.url, "rivera", SECOND): f"token-for-{SECOND}",
        }
    finally:
        other.close()


@pytest.mark.parametrize(
    "hostile_id",
    ["../escape", "/tmp/absolute", "..\\windows", "a" * 5000, "nul\x00byte", ""],
    ids=["parent", "absolute", "backslash", "very-long", "nul", "empty"],
)
def test_a_school_id_that_is_no_file_name_never_makes_a_file_outside_the_data_folder(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    hostile_id: str,
) -> None:
    schools = [{"id": FIRST, "name": "North"}, {"id": hostile_id, "name": "Hostile"}]

    def answer(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        school = request.get("school") or FIRST
        return 200, signed_in(school, "x", schools)

    outside_before = files_made(tmp_path) - {f"data/{f}" for f in files_made(data_dir)}
    result = sign_in_as_rivera(store, serve(answer))
    outside_after = files_made(tmp_path) - {f"data/{f}" for f in files_made(data_dir)}
    assert outside_after == outside_before
    made = files_made(data_dir)
    assert all("/" not in name for name in made), made
    keepable = 0 < len(hostile_id) <= 200 and "\x00" not in hostile_id
    if keepable:  # a strange id, but a school: its store has a plain name
        assert other_school_store(hostile_id) in made
        assert [o.school_id for o in result.other_schools] == [hostile_id]
    else:  # refused: nothing made for it, and the first school is signed in
        assert result.other_schools == ()
        assert not (data_dir / SCHOOLS_FILE).exists()
    assert Replica(store).signed_in_as() is not None


def test_a_school_listed_twice_is_signed_in_once(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    repeated = [*TWO_SCHOOLS, {"id": SECOND, "name": "South again"}, TWO_SCHOOLS[1]]
    server = serve(lambda r: (200, signed_in(r.get("school") or FIRST, "n", repeated)))
    result = sign_in_as_rivera(store, server)
    assert [o.school_id for o in result.other_schools] == [SECOND]
    assert [r.get("school") for r in server.requests] == [None, SECOND]
    assert [s.id for s in read_school_list(data_dir).schools] == [FIRST, SECOND]


def test_a_server_listing_hundreds_of_schools_makes_a_bounded_number_of_stores(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    many = [{"id": f"s{n}", "name": f"School {n}"} for n in range(300)]
    server = serve(lambda r: (200, signed_in(r.get("school") or "s0", "n", many)))
    sign_in_as_rivera(store, server)
    assert len(list(data_dir.glob("school*.sqlite"))) == MAX_SCHOOLS
    assert len(server.requests) == MAX_SCHOOLS


def test_a_second_school_refused_leaves_the_first_signed_in_and_says_which(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if request.get("school") == SECOND:
            return 403, {"detail": "this account does not teach in that school"}
        return two_schools(request)

    result = sign_in_as_rivera(store, serve(answer))
    assert result.remembered
    [south] = result.other_schools
    assert south.school_name == "South Middle" and south.token is None
    assert "does not teach in that school" in (south.problem or "")
    with SyncClient.from_keyring(store) as client:  # the first school syncs on
        assert client.device_id
    other = open_store(data_dir / other_school_store(SECOND), KEY)
    try:
        assert Replica(other).signed_in_as() is None  # nothing half-made: sign in again later
    finally:
        other.close()


def test_a_second_school_unreachable_leaves_the_first_signed_in_and_says_which(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    memory_keyring: MemoryKeyring,
) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if request.get("school") == SECOND:
            return 503, {"detail": "down"}  # a proxy whose upstream is gone, every retry
        return two_schools(request)

    result = sign_in_as_rivera(store, serve(answer))
    [south] = result.other_schools
    assert "Cannot reach the school server" in (south.problem or "")
    assert Replica(store).signed_in_as() is not None


def test_a_server_that_signs_in_to_another_school_than_asked_stores_nothing_there(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    # Asked for South, it answers North's token: North's rows must never enter South's store.
    server = serve(lambda r: (200, signed_in(FIRST, "North Elementary", TWO_SCHOOLS)))
    result = sign_in_as_rivera(store, server)
    [south] = result.other_schools
    assert south.token is None and "another school" in (south.problem or "")
    other = open_store(data_dir / other_school_store(SECOND), KEY)
    try:
        assert Replica(other).signed_in_as() is None
    finally:
        other.close()
    assert credentials.keyring_user(server.url, "rivera", SECOND) not in {
        entry for _service, entry in memory_keyring.items
    }


def test_a_sign_in_answered_for_another_school_than_asked_is_refused(
    serve: Callable[[Answer], SignInServer], data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    server = serve(lambda r: (200, signed_in(FIRST, "North Elementary", TWO_SCHOOLS)))
    south = open_store(data_dir / other_school_store(SECOND), KEY)
    try:
        with pytest.raises(ProtocolError, match="another school"):
            sign_in(south, server_url=server.url, user="rivera", password="p", school=SECOND)
        assert Replica(south).signed_in_as() is None
    finally:
        south.close()
    assert memory_keyring.items == {}


def test_without_a_keyring_each_school_s_token_is_kept_for_this_session_only(
    serve: Callable[[Answer], SignInServer], store: Store, data_dir: Path
) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = sign_in_as_rivera(store, serve(two_schools))
    finally:
        keyring.set_keyring(previous)
    assert not result.remembered
    [south] = result.other_schools
    assert (south.token, south.remembered, south.problem) == (f"token-for-{SECOND}", False, None)
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"token-for-" not in path.read_bytes(), path


def test_signing_in_again_from_the_second_school_asks_for_that_school(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    server = serve(two_schools)
    sign_in_as_rivera(store, server)
    server.requests.clear()
    other = open_store(data_dir / other_school_store(SECOND), KEY)
    try:
        result = sign_in_as_rivera(other, server)
    finally:
        other.close()
    assert result.school_id == SECOND
    assert [r.get("school") for r in server.requests] == [SECOND, FIRST]
    assert [s.file for s in read_school_list(data_dir).schools] == [
        SCHOOL_STORE,
        other_school_store(SECOND),
    ]


def test_a_school_whose_sign_in_failed_signs_in_later_to_its_own_school(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    """South refused at first: its store exists, never signed in. Signing in from South's
    window later asks for South, never the person's first school (whose rows would then
    come into South's store)."""
    refusing = {"south": True}

    def answer(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if request.get("school") == SECOND and refusing["south"]:
            return 403, {"detail": "this account does not teach in that school"}
        return two_schools(request)

    server = serve(answer)
    sign_in_as_rivera(store, server)
    refusing["south"] = False
    server.requests.clear()
    south = open_store(data_dir / other_school_store(SECOND), KEY)
    try:
        result = sign_in_as_rivera(south, server)
        signed = Replica(south).signed_in_as()
    finally:
        south.close()
    assert result.school_id == SECOND
    assert signed is not None and signed.school_id == SECOND
    assert server.requests[0].get("school") == SECOND


def test_another_person_of_one_school_signing_in_is_offered_no_school_of_the_first(
    serve: Callable[[Answer], SignInServer],
    store: Store,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    sign_in_as_rivera(store, serve(two_schools))
    assert len(read_school_list(data_dir).schools) == 2
    other_person = serve(lambda request: (200, signed_in("school-west", "West", [])))
    sign_in_everywhere(store, server_url=other_person.url, user="okafor", password="p")
    assert read_school_list(data_dir).schools == ()


def test_a_laptop_upgraded_from_one_school_keeps_its_token_entry_and_cursor(
    tmp_path: Path, sqlite_server: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    """Signed in before laptops kept several schools: no school in its sync state, its
    token under the entry of the server and user alone. It syncs on with that token, from
    its cursor, and the app opens its one store as before."""
    laptop = new_laptop(tmp_path, "school", sqlite_server.url, "rivera", template_store(tmp_path))
    try:
        laptop.sign_in()
        laptop.sync()
        school = laptop.one("SELECT school_id FROM sync_state")
        assert isinstance(school, str)
        # As the version before left it: the entry without the school, no school kept.
        memory_keyring.items = {(credentials.SERVICE, f"{sqlite_server.url} rivera"): laptop.token}
        with laptop.store.transaction() as connection:
            connection.execute("UPDATE sync_state SET school_id = NULL, school_name = NULL")
        cursor = laptop.one("SELECT cursor FROM sync_state")
        assert isinstance(cursor, int) and cursor > 0
        with SyncClient.from_keyring(laptop.store, retry=FAST_RETRY) as client:
            report = client.sync()
        assert report.resets == 0 and report.pulled == 0  # on from where it was
        assert laptop.one("SELECT cursor FROM sync_state") == cursor
        assert read_school_list(tmp_path).schools == ()
    finally:
        laptop.close()

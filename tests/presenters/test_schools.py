"""A teacher of several schools, without Qt: which school the window shows, the switch,
and what a sign-in to every school says and keeps (a laptop with no keyring keeps the
other schools' tokens in memory, for a switch in this run)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from classroom_desk.presenters.schools import SchoolSwitchPresenter
from classroom_desk.presenters.sync_status import Session, SyncStatusPresenter
from classroom_desk.store.database import open_store
from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    SchoolList,
    other_school_store,
    read_school_list,
    write_school_list,
)
from classroom_desk.sync.values import OtherSchoolSignIn, SignInResult, SyncStatus

SIGNED_IN = SyncStatus(
    server_url="http://127.0.0.1:8750",
    user_name="rivera",
    pending=0,
    rejected=0,
    held_back=0,
    last_synced_at=None,
    last_error=None,
    school_id="north",
)


def three_schools(data_dir: Path) -> None:
    write_school_list(
        data_dir, SchoolList.of([("north", "North"), ("south", "South"), ("east", "East")])
    )


def test_one_school_offers_no_switch(tmp_path: Path) -> None:
    schools = SchoolSwitchPresenter(tmp_path, tmp_path / SCHOOL_STORE)
    assert schools.showing is None and not schools.switchable
    assert schools.next_school() is None and not schools.choose("south")


def test_the_next_school_goes_round_and_the_choice_is_kept_for_the_next_start(
    tmp_path: Path,
) -> None:
    three_schools(tmp_path)
    east = SchoolSwitchPresenter(tmp_path, tmp_path / other_school_store("east"))
    assert east.showing is not None and east.showing.name == "East"
    assert east.showing_other
    assert not SchoolSwitchPresenter(tmp_path, tmp_path / SCHOOL_STORE).showing_other
    next_school = east.next_school()
    assert next_school is not None and next_school.id == "north"  # after the last, the first
    assert not east.choose("east")  # the school showing is no switch
    assert not east.choose("nowhere")
    assert east.choose("south") and east.chosen == "south"
    open_store(tmp_path / other_school_store("south")).close()
    assert east.open_chosen() is None
    store = east.switched_store()
    assert store is not None and store.path == tmp_path / other_school_store("south")
    store.close()
    assert read_school_list(tmp_path).current == read_school_list(tmp_path).find("south")


def test_a_store_gone_or_damaged_is_said_and_no_switch_is_kept(tmp_path: Path) -> None:
    """The other school's store is opened before the window closes: gone, it is not made
    again empty; damaged, it is left as it is; either way the choice goes."""
    three_schools(tmp_path)
    north = SchoolSwitchPresenter(tmp_path, tmp_path / SCHOOL_STORE)
    south = tmp_path / other_school_store("south")
    assert north.choose("south")
    problem = north.open_chosen()
    assert problem is not None and str(south) in problem and "missing" in problem
    assert not south.exists() and north.chosen is None and north.switched_store() is None
    south.write_bytes(b"no database" * 100)
    assert north.choose("south")
    problem = north.open_chosen()
    assert problem is not None and str(south) in problem
    assert south.read_bytes() == b"no database" * 100 and north.switched_store() is None
    open_store(south.with_name("whole.sqlite")).close()  # a store's first page, then noise
    south.write_bytes(south.with_name("whole.sqlite").read_bytes()[:4096] + b"\x7f" * 40_000)
    spoiled = south.read_bytes()
    assert north.choose("south")
    problem = north.open_chosen()
    assert problem is not None and str(south) in problem
    assert south.read_bytes() == spoiled and north.switched_store() is None
    assert read_school_list(tmp_path).shown is None


def test_a_switch_the_window_refused_closes_the_store_it_opened(tmp_path: Path) -> None:
    three_schools(tmp_path)
    open_store(tmp_path / other_school_store("south")).close()
    north = SchoolSwitchPresenter(tmp_path, tmp_path / SCHOOL_STORE)
    assert north.choose("south") and north.open_chosen() is None
    north.drop_chosen()  # a note the window could not save kept it
    assert north.chosen is None and north.switched_store() is None
    assert read_school_list(tmp_path).shown is None


def test_a_sign_in_to_three_schools_says_which_did_not_and_keeps_no_keyring_tokens(
    tmp_path: Path,
) -> None:
    sessions: dict[str, Session] = {}
    presenter = SyncStatusPresenter(
        store_path=tmp_path / SCHOOL_STORE,
        read_status=lambda: SIGNED_IN,
        keyring_available=lambda: False,
        school_sessions=sessions,
    )
    result = SignInResult(
        "token-north",
        "a-north",
        "Ana Rivera",
        False,
        "no keyring",
        school_id="north",
        school_name="North",
        other_schools=(
            OtherSchoolSignIn("south", "South", token="token-south"),
            OtherSchoolSignIn("east", "East", problem="The school server refused (403)."),
        ),
    )
    message = presenter.signed_in_as(result)
    assert "Also signed in to South" in message
    assert "Not signed in to East: The school server refused (403)." in message
    assert sessions == {"south": Session("http://127.0.0.1:8750", "rivera", "token-south")}
    # The window on South, opened by a switch in this run, syncs with South's token.
    south = SyncStatusPresenter(
        store_path=tmp_path / other_school_store("south"),
        read_status=lambda: replace(SIGNED_IN, school_id="south"),
        keyring_available=lambda: False,
        school_sessions=sessions,
    )
    assert south.session is not None and south.session.token == "token-south"
    assert south.signed_in


def test_a_list_unreadable_at_the_switch_is_not_written_over(tmp_path: Path) -> None:
    """``schools.json`` damaged while the window showed North: the switch to South still
    opens South, and the list is left for the teacher or IT to see, not emptied."""
    three_schools(tmp_path)
    open_store(tmp_path / other_school_store("south")).close()
    north = SchoolSwitchPresenter(tmp_path, tmp_path / SCHOOL_STORE)
    assert north.choose("south") and north.open_chosen() is None
    (tmp_path / "schools.json").write_text("{not json", encoding="utf-8")
    store = north.switched_store()
    assert store is not None
    store.close()
    assert (tmp_path / "schools.json").read_text(encoding="utf-8") == "{not json"


def test_a_school_whose_copy_did_not_come_down_with_the_sign_in_is_named(
    tmp_path: Path,
) -> None:
    """Signed in, but its classes are not on the laptop yet: the teacher is told, and
    when they will be (a switch there shows an empty school until then)."""
    presenter = SyncStatusPresenter(
        store_path=tmp_path / SCHOOL_STORE,
        read_status=lambda: SIGNED_IN,
        keyring_available=lambda: True,
    )
    result = SignInResult(
        "token-north",
        "a-north",
        "Ana Rivera",
        True,
        "signed in",
        school_id="north",
        school_name="North",
        other_schools=(
            OtherSchoolSignIn("south", "South", token="t", copy_problem="No connection."),
            OtherSchoolSignIn("east", "East", token="t"),
        ),
    )
    message = presenter.signed_in_as(result)
    assert "Also signed in to South, East" in message
    assert (
        "South's classes are not on this laptop yet (they come with its first sync, when you "
        "open it): No connection." in message
    )
    assert "East's classes" not in message

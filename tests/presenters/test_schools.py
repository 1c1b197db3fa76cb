"""A teacher of several schools, without Qt: which school the window shows, the switch,
and what a sign-in to every school says and keeps (a laptop with no keyring keeps the
other schools' tokens in memory, for a switch in this run)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from classroom_desk.presenters.schools import SchoolSwitchPresenter
from classroom_desk.presenters.sync_status import Session, SyncStatusPresenter
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
    chosen = east.remember_chosen()
    assert chosen is not None and chosen.file == other_school_store("south")
    assert read_school_list(tmp_path).current == chosen


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

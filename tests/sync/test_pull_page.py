"""The pull page's frame as a laptop reads it: a field a later server adds or fills in a
new way must not stop the laptop's sync (the lesson of a stamp that stopped a team's)."""

from __future__ import annotations

import json

import pytest

from classroom_desk.sync.client import ProtocolError, _parse, _PullPage

FRAME = {"changes": [], "next_cursor": 7, "has_more": False, "epoch": "e.1", "reset": False}


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ({}, None),  # a server older than the role field
        ({"role": None}, None),
        ({"role": "principal"}, "principal"),
        ({"role": "superintendent"}, "superintendent"),  # a role added later
    ],
)
def test_a_page_is_read_whatever_role_it_carries(sent: dict[str, object], kept: str | None) -> None:
    page = _parse(_PullPage, json.dumps({**FRAME, **sent}).encode())
    assert (page.next_cursor, page.role) == (7, kept)


def test_a_role_past_any_sensible_length_is_an_unreadable_page() -> None:
    with pytest.raises(ProtocolError):
        _parse(_PullPage, json.dumps({**FRAME, "role": "x" * 41}).encode())

"""The list of a teacher's schools (``schools.json``) read as a hostile file may be: any
content reads as a list of usable schools or as none (one school, as before), and no
entry names a store outside the data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    SCHOOLS_FILE,
    SchoolList,
    other_school_store,
    read_school_list,
    write_school_list,
)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        b'{"schools": "x"}',
        b"[" * 100_000,
        b"null",
        b'{"schools": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "pad": "'
        + b"x" * 2**20
        + b'"}',
    ],
    ids=["empty", "not-utf8", "a-list", "not-a-list", "deep", "null", "huge"],
)
def test_an_unreadable_list_is_one_school(tmp_path: Path, content: bytes) -> None:
    (tmp_path / SCHOOLS_FILE).write_bytes(content)
    assert read_school_list(tmp_path) == SchoolList()


def test_a_tampered_list_names_no_file_outside_the_data_folder(tmp_path: Path) -> None:
    (tmp_path / SCHOOLS_FILE).write_text(
        json.dumps(
            {
                "first_file": "../../home/teacher/.bashrc",
                "shown": "b",
                "schools": [
                    {"id": "a", "name": "North", "file": "/etc/passwd"},
                    {"id": "b", "name": "South", "file": "../x.sqlite"},
                    {"id": "b", "name": "South again"},
                    {"id": 7, "name": "A number"},
                    {"id": "c\u0000", "name": "NUL"},
                    "not a school",
                ],
            }
        ),
        encoding="utf-8",
    )
    schools = read_school_list(tmp_path)
    assert [(s.id, s.name, s.file) for s in schools.schools] == [
        ("a", "North", SCHOOL_STORE),
        ("b", "South", other_school_store("b")),
    ]
    assert schools.current == schools.schools[1]
    for school in schools.schools:
        assert school.path(tmp_path).parent == tmp_path


def test_the_list_is_written_whole_and_read_back(tmp_path: Path) -> None:
    schools = SchoolList.of([("a", "Ñandú School"), ("b", "South")], first_file="demo.sqlite")
    write_school_list(tmp_path, schools.showing("b"))
    again = read_school_list(tmp_path)
    assert again.schools == schools.schools and again.shown == "b"
    assert again.first_file == "demo.sqlite"
    assert [p.name for p in tmp_path.iterdir()] == [SCHOOLS_FILE]  # no partial file left


def test_a_school_no_longer_listed_keeps_its_place_and_a_new_name_is_taken(
    tmp_path: Path,
) -> None:
    kept = SchoolList.of([("a", "North"), ("b", "South")])
    joined = kept.joined([("a", "North Elementary"), ("c", "East")])
    assert [(s.id, s.name) for s in joined.schools] == [
        ("a", "North Elementary"),
        ("b", "South"),
        ("c", "East"),
    ]


def test_stores_left_by_a_person_before_are_named_by_hash_and_never_offered(
    tmp_path: Path,
) -> None:
    """``left`` as a hand may edit it: junk is passed over, every file is a hash's name in
    the folder, and a school listed as left is not offered (its file is not this
    person's) unless it is the first, whose store is another file."""
    body = {
        "schools": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        "left": [{"id": "b", "name": "B"}, {"id": "../x", "name": "X"}, {"id": "a"}, "junk", 7],
        "first_file": "../x",
    }
    (tmp_path / SCHOOLS_FILE).write_text(json.dumps(body))
    kept = read_school_list(tmp_path)
    assert [s.id for s in kept.schools] == ["a", "c"]
    assert kept.schools[0].file == SCHOOL_STORE
    assert [(s.id, s.file) for s in kept.left] == [
        ("b", other_school_store("b")),
        ("../x", other_school_store("../x")),
    ]
    write_school_list(tmp_path, kept)
    assert read_school_list(tmp_path) == kept
    (tmp_path / SCHOOLS_FILE).write_text(json.dumps({**body, "left": {"id": "b"}}))
    assert [s.id for s in read_school_list(tmp_path).schools] == ["a", "b", "c"]

"""Packages that cannot be imported are refused with ``file:line:column: what was expected``,
and the store is left exactly as it was (it already holds an imported roster here). The
broken-variant corpus (``corpus.py``) holds the CSV, encoding, zip and size cases."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from classroom_desk.importers.csv_source import CsvLimits
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import import_oneroster
from classroom_desk.store.database import Store
from tests.importers.conftest import store_checksum
from tests.importers.packages import BASE_FILES, line_of, replaced, write_package

USERS_BAD_TEXT = BASE_FILES["users.csv"].replace("Ben,Ortiz", "Benoît,Ortiz")


def _with_line(name: str, line: str) -> dict[str, str | bytes]:
    return {**BASE_FILES, name: BASE_FILES[name] + line}


# (case, files, file name, line, column, start of what was expected)
CASES: list[tuple[str, Mapping[str, str | bytes], str, int, int | str, str]] = [
    (
        "enrollment of an unknown user",
        _with_line("enrollments.csv", "e-x,active,,cls-r,org-1,s-99,student,,,\n"),
        "enrollments.csv",
        12,
        6,
        "expected userSourcedId to name a user",
    ),
    (
        "class at an unknown org",
        replaced("classes.csv", "homeroom,,org-1", "homeroom,,org-9"),
        "classes.csv",
        3,
        10,
        "expected schoolSourcedId to name an org in orgs.csv",
    ),
    (
        "class of an unknown course when courses.csv is given",
        replaced("classes.csv", "crs-a", "crs-z"),
        "classes.csv",
        4,
        6,
        "expected courseSourcedId to name a course in courses.csv",
    ),
    (
        "a required column missing",
        replaced("users.csv", ",familyName,", ",surname,"),
        "users.csv",
        1,
        "familyName",
        "expected a column named familyName",
    ),
    (
        "a required value missing",
        replaced("users.csv", "Cleo,Park", "Cleo,"),
        "users.csv",
        line_of("users.csv", "Cleo,Park"),
        10,
        "expected a value for familyName",
    ),
    (
        "a 1.1 user without a role",
        replaced("users.csv", "org-1,student,,,Dev", "org-1,,,,Dev"),
        "users.csv",
        line_of("users.csv", "Dev,"),
        6,
        "expected a value for role",
    ),
    (
        "a missing sourcedId",
        replaced("orgs.csv", "org-d,active", ",active"),
        "orgs.csv",
        2,
        1,
        "expected a sourcedId",
    ),
]


@pytest.mark.parametrize(
    ("files", "file", "line", "column", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_broken_package_is_refused_where_it_breaks_and_changes_nothing(
    store: Store,
    package: Path,
    tmp_path: Path,
    files: Mapping[str, str | bytes],
    file: str,
    line: int,
    column: int | str,
    expected: str,
) -> None:
    import_oneroster(package, store)
    before = store_checksum(store.connection)
    with pytest.raises(InputError) as raised:
        import_oneroster(write_package(tmp_path / "broken", files), store)
    error = raised.value
    assert (Path(error.file).name, error.line, error.column) == (file, line, column)
    assert error.expected.startswith(expected), error.expected
    assert str(error) == f"{error.file}:{line}:{column}: {error.expected}"
    assert store_checksum(store.connection) == before


def test_the_hand_counted_lines_above_are_right() -> None:
    assert line_of("enrollments.csv", "e-s4-a") == 11
    assert line_of("classes.csv", "cls-m") == 3
    assert line_of("classes.csv", "cls-a") == 4
    assert line_of("users.csv", "s-2,") == 5
    assert len(BASE_FILES["enrollments.csv"].splitlines()) == 11


def test_an_oversized_zip_member_is_refused_by_its_name_in_the_archive(
    store: Store, tmp_path: Path
) -> None:
    big = BASE_FILES["users.csv"] + "".join(
        f"x-{n},active,,true,org-1,student,,,K,T,,,,,,,04,\n" for n in range(200)
    )
    folder = write_package(tmp_path / "package", {**BASE_FILES, "users.csv": big})
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in folder.iterdir():
            zipped.write(path, path.name)
    with pytest.raises(InputError) as raised:
        import_oneroster(archive, store, limits=CsvLimits(max_file_bytes=len(big) - 10))
    assert raised.value.file == f"{archive}/users.csv"


@pytest.mark.parametrize(
    ("manifest", "line", "column", "expected"),
    [
        (
            "propertyName,value\noneroster.version,2.0\n",
            2,
            2,
            "expected oneroster.version 1.0, 1.1 or 1.2; found '2.0'",
        ),
        (
            "propertyName,value\noneroster.version,1.1\nfile.users,full\n",
            3,
            2,
            "expected bulk, delta or absent for file.users; found 'full'",
        ),
        (
            "propertyName,value\noneroster.version,1.1\nfile.courses,bulk\nfile.classes,bulk\n",
            4,
            2,
            "expected classes.csv in the package, as the manifest says file.classes is bulk",
        ),
        (
            "propertyName,value\nfile.users,bulk\noneroster.version,1.1\nFILE.USERS,delta\n",
            4,
            1,
            "expected each property once; FILE.USERS is also on line 2",
        ),
    ],
)
def test_a_manifest_that_does_not_describe_the_package_is_refused(
    store: Store, tmp_path: Path, manifest: str, line: int, column: int, expected: str
) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "manifest.csv").write_text(manifest)
    (folder / "users.csv").write_text(BASE_FILES["users.csv"])
    (folder / "courses.csv").write_text(BASE_FILES["courses.csv"])
    with pytest.raises(InputError) as raised:
        import_oneroster(folder, store)
    assert (Path(raised.value.file).name, raised.value.line, raised.value.column) == (
        "manifest.csv",
        line,
        column,
    )
    assert raised.value.expected == expected


def test_a_folder_without_manifest_or_a_file_that_is_no_zip_is_refused(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match=r"manifest\.csv:1:1: expected a OneRoster package"):
        import_oneroster(tmp_path, store)
    not_zip = tmp_path / "roster.zip"
    not_zip.write_text("sourcedId\n")
    with pytest.raises(InputError, match=r"roster\.zip:1:1: expected a OneRoster folder or \.zip"):
        import_oneroster(not_zip, store)
    with pytest.raises(InputError, match=r"missing:1:1: expected a OneRoster folder or \.zip"):
        import_oneroster(tmp_path / "missing", store)


def test_users_with_no_school_to_belong_to_are_refused(store: Store, tmp_path: Path) -> None:
    district_only = {
        "orgs.csv": BASE_FILES["orgs.csv"].replace("Maple Elementary,school", "Annex,annex"),
        "users.csv": BASE_FILES["users.csv"],
    }
    with pytest.raises(InputError) as raised:
        import_oneroster(write_package(tmp_path / "district", district_only), store)
    assert (Path(raised.value.file).name, raised.value.line, raised.value.column) == (
        "orgs.csv",
        1,
        5,
    )
    assert raised.value.expected.startswith("expected an org of type school")
    users_only = write_package(tmp_path / "users", {"users.csv": BASE_FILES["users.csv"]})
    with pytest.raises(InputError) as raised:
        import_oneroster(users_only, store)
    assert str(raised.value).startswith(f"{users_only}/orgs.csv:1:1: expected orgs.csv")

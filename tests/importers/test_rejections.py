"""Packages that cannot be imported are refused with ``file:line:column: what was expected``,
and the store is left exactly as it was (it already holds an imported roster here)."""

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
        "dangling enrollment in the last row of the last file",
        _with_line("enrollments.csv", "e-x,active,,cls-nope,org-1,s-1,student,,,\n"),
        "enrollments.csv",
        12,
        4,
        "expected classSourcedId to name a class in classes.csv (or one imported before); "
        "'cls-nope' is not one",
    ),
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
        "a sourcedId twice in a bulk file",
        _with_line("users.csv", "s-2,active,,true,org-1,student,,,Bo,Ortiz,,,,,,,04,\n"),
        "users.csv",
        9,
        1,
        "expected each sourcedId once in a bulk file; 's-2' is also on line 5",
    ),
    (
        "an impossible date",
        replaced("users.csv", "s-3,active,2024-08-01", "s-3,active,2024-02-30"),
        "users.csv",
        line_of("users.csv", "s-3,"),
        3,
        "expected a date such as 2023-05-01 or 1/05/2023; found '2024-02-30'",
    ),
    (
        "a slash date that is no date either way round",
        replaced("enrollments.csv", "e-s4-a,active,2024-08-01", "e-s4-a,active,31/13/2024"),
        "enrollments.csv",
        11,
        3,
        "expected a date such as",
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
    (
        "an unknown status",
        replaced("courses.csv", "crs-m,active", "crs-m,deleted"),
        "courses.csv",
        3,
        2,
        "expected active, tobedeleted or blank; found 'deleted'",
    ),
    (
        "a boolean that is not one",
        replaced("enrollments.csv", "t-1,teacher,true", "t-1,teacher,maybe"),
        "enrollments.csv",
        line_of("enrollments.csv", "t-1,teacher,true"),
        8,
        "expected true or false; found 'maybe'",
    ),
    (
        "a value past the header's last column",
        replaced("orgs.csv", "district,,", "district,,,Maple"),
        "orgs.csv",
        2,
        8,
        "expected at most 7 values, as many as the header has columns",
    ),
    (
        "a column named twice",
        replaced("orgs.csv", "identifier,", "NAME,"),
        "orgs.csv",
        1,
        6,
        "expected each column once; name is also column 4",
    ),
    (
        "Latin-1 text",
        {**BASE_FILES, "users.csv": USERS_BAD_TEXT.encode("latin-1")},
        "users.csv",
        line_of("users.csv", "Ben,Ortiz"),
        9,
        "expected UTF-8 text; found the byte 0xEE",
    ),
    (
        "UTF-16 text",
        {**BASE_FILES, "users.csv": BASE_FILES["users.csv"].encode("utf-16")},
        "users.csv",
        1,
        1,
        "expected UTF-8 text; this file is UTF-16",
    ),
    (
        "a NUL byte",
        {**BASE_FILES, "courses.csv": BASE_FILES["courses.csv"].replace("Art,", "A\0rt,", 1)},
        "courses.csv",
        4,
        5,
        "expected text; found a NUL byte",
    ),
    (
        "an unclosed quote",
        replaced("classes.csv", "Homeroom 4A", '"Homeroom 4A'),
        "classes.csv",
        3,
        4,
        "expected a closing quote for the value that starts here",
    ),
    (
        "text after a closing quote",
        replaced("classes.csv", "Homeroom 4A", '"Homeroom" 4A'),
        "classes.csv",
        3,
        4,
        "expected a comma after a closing quote",
    ),
    (
        "an empty file",
        {**BASE_FILES, "courses.csv": ""},
        "courses.csv",
        1,
        1,
        "expected a header row (the file is empty)",
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


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    store: Store, package: Path
) -> None:
    with pytest.raises(InputError) as raised:
        import_oneroster(package, store, limits=CsvLimits(max_file_bytes=600))
    assert Path(raised.value.file).name == "users.csv"
    assert (raised.value.line, raised.value.column) == (1, 1)
    assert raised.value.expected.startswith("expected a file of at most 600 bytes")


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

"""Microsoft School Data Sync v2 and v2.1 CSV exports (Microsoft's own samples, kept in
fixtures/sds with their origin) import as OneRoster does, on a laptop and on the server."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from classroom_desk.importers.oneroster import (
    ImportOptions,
    SchoolChoiceError,
    SchoolOption,
    import_oneroster,
)
from classroom_desk.server.database import make_engine, migrate
from classroom_desk.server.oneroster_import import import_oneroster_on_server
from classroom_desk.store.database import Store
from tests.importers.conftest import store_checksum
from tests.importers.test_corpus import _laptop_sums, _server_sums

SDS = Path(__file__).with_name("fixtures") / "sds"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite'}")
    migrate(engine)
    yield engine
    engine.dispose()


def _roster(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        "classes": connection.execute(
            "SELECT c.name, t.given_name || ' ' || t.family_name,"
            " COALESCE((SELECT group_concat(content_area_id) FROM section_content_area a"
            "   WHERE a.section_id = c.id), '')"
            " FROM class_section c JOIN teacher t ON t.id = c.teacher_id ORDER BY c.name"
        ).fetchall(),
        "students": connection.execute(
            "SELECT source_id, given_name, family_name, grade FROM student ORDER BY source_id"
        ).fetchall(),
        "school": connection.execute("SELECT name FROM school").fetchall(),
    }


def test_the_fixtures_are_microsofts_files_as_published() -> None:
    origin = (SDS / "ORIGIN.md").read_text()
    assert "OfficeDev/O365-EDU-Tools" in origin
    assert (SDS / "v2_1" / "roles.csv").read_bytes().startswith(b"userSourcedId,orgSourcedId,role")
    assert b"\r\n" in (SDS / "v2" / "users.csv").read_bytes(), "CRLF kept as published"


def test_sds_v2_holds_three_schools_and_imports_the_chosen_ones_class_and_people(
    store: Store, engine: Engine
) -> None:
    with pytest.raises(SchoolChoiceError) as raised:
        import_oneroster(SDS / "v2", store)
    assert raised.value.schools == (
        SchoolOption("10001", "Contoso Middle School", 1),
        SchoolOption("10002", "Fabrikam High School", 1),
    ), "the college's classes have professors, not teachers"
    contoso = ImportOptions(school="10001")
    report = import_oneroster(SDS / "v2", store, options=contoso)
    assert report.headline().startswith("Imported School Data Sync v2 roster for Contoso")
    assert _roster(store.connection) == {
        "classes": [("Math - Algebra 1", "Craig Beane", "math")],
        "students": [
            ("13001", "Ora", "Klein", "6"),
            ("13002", "Beulah", "McMillan", "6"),
            ("13003", "Florence", "Stark", "6"),
            ("13004", "Noah", "Gilbertson", "6"),
            ("13005", "Erna", "Parker", "6"),
            ("13006", "Sherry", "Santana", "6"),
        ],
        "school": [("Contoso Middle School",)],
    }
    ignored = " ".join(report.ignored)
    assert "students not enrolled in a class of Contoso Middle School: 16" in ignored
    assert "classes of other schools (Fabrikam High School, College of Higher Learning): 3" in (
        ignored
    )
    import_oneroster_on_server(engine, SDS / "v2", options=contoso)
    assert _server_sums(engine) == _laptop_sums(store)


def test_sds_v2_1_takes_roles_from_roles_csv_and_the_one_school_with_a_teacher(
    store: Store, engine: Engine, tmp_path: Path
) -> None:
    report = import_oneroster(SDS / "v2_1", store)
    assert report.format == "School Data Sync" and report.version == "v2.1"
    assert _roster(store.connection) == {
        "classes": [("Biology 10", "Kristen Fein", "")],
        "students": [
            ("114001", "Jack", "Craig", ""),
            ("114003", "Fred", "Hutch", ""),
            ("114004", "Alice", "Smithee", ""),
        ],
        "school": [("School of TwoDotOne",)],
    }
    assert "users with the role professor: 1" in report.ignored
    assert any("grade in roles.csv" in note for note in report.notes)
    assert any("demographics.csv (not used" in line for line in report.ignored)
    before = store_checksum(store.connection)
    again = import_oneroster(SDS / "v2_1", store)
    assert store_checksum(store.connection) == before and not again.changes_anything
    archive = Path(shutil.make_archive(str(tmp_path / "sds"), "zip", SDS, "v2_1"))
    from_zip = import_oneroster(archive, store)
    assert not from_zip.changes_anything, "zipped, the same export"
    import_oneroster_on_server(engine, SDS / "v2_1")
    assert _server_sums(engine) == _laptop_sums(store)

"""One school per laptop: from a package of several schools the store takes the chosen
school's classes and only the people of those classes, and forgets who the others are."""

from __future__ import annotations

from pathlib import Path

import pytest

from classroom_desk.importers.oneroster import (
    ImportOptions,
    SchoolChoiceError,
    SchoolOption,
    import_oneroster,
)
from classroom_desk.store.database import Store
from tests.importers.corpus import TWO_SCHOOLS
from tests.importers.packages import ENROLLMENT_HEADER, write_package

OAK_PEOPLE = ("t-3", "s-5", "s-6")


def _import_maple(store: Store, tmp_path: Path) -> None:
    import_oneroster(
        write_package(tmp_path / "district", TWO_SCHOOLS),
        store,
        options=ImportOptions(school="org-1"),
    )


def test_the_choice_is_offered_with_each_schools_classes(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SchoolChoiceError) as raised:
        import_oneroster(write_package(tmp_path / "district", TWO_SCHOOLS), store)
    assert raised.value.schools == (
        SchoolOption("org-1", "Maple Elementary", 3),
        SchoolOption("org-2", "Oak Elementary", 1),
    )


def test_the_other_schools_people_leave_no_name_on_the_laptop(store: Store, tmp_path: Path) -> None:
    _import_maple(store, tmp_path)
    connection = store.connection
    people = {
        row[0]
        for table in ("student", "teacher")
        for row in connection.execute(f"SELECT source_id FROM {table}")
    }
    assert people.isdisjoint(OAK_PEOPLE)
    assert "s-4" in people, "Dev is enrolled in classes of both schools: Maple keeps him"
    forgotten = connection.execute(
        "SELECT sourced_id, given_name || family_name || email || identifier || grades"
        " FROM oneroster_user WHERE sourced_id IN (?, ?, ?) ORDER BY sourced_id",
        OAK_PEOPLE,
    ).fetchall()
    assert forgotten == [("s-5", ""), ("s-6", ""), ("t-3", "")]
    everyone = " ".join(
        str(value) for row in connection.execute("SELECT * FROM oneroster_user") for value in row
    )
    for name in ("Omar", "Haddad", "Eva", "Lund", "Finn", "Moe", "omar@oak.test"):
        assert name not in everyone


def test_a_delta_enrolling_a_forgotten_student_says_why_they_do_not_appear(
    store: Store, tmp_path: Path
) -> None:
    _import_maple(store, tmp_path)
    delta = {"enrollments.csv": f"{ENROLLMENT_HEADER}\ne-s5-r,active,,cls-r,org-1,s-5,student,,,\n"}
    report = import_oneroster(
        write_package(tmp_path / "delta", delta, modes={"enrollments": "delta"}), store
    )
    assert store.connection.execute(
        "SELECT COUNT(*) FROM student WHERE source_id = 's-5'"
    ).fetchone() == (0,)
    assert any(
        "enrollments of students whose names this store does not keep" in line
        for line in report.ignored
    ), report.ignored


def test_a_store_holding_one_school_refuses_another_chosen_one(
    store: Store, tmp_path: Path
) -> None:
    _import_maple(store, tmp_path)
    with pytest.raises(Exception, match="expected the school this store holds"):
        import_oneroster(
            write_package(tmp_path / "again", TWO_SCHOOLS),
            store,
            options=ImportOptions(school="Oak Elementary"),
        )

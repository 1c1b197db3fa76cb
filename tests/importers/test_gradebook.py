"""OneRoster gradebooks (1.1 and 1.2) import as unit attempts with scores, on the real
sample rosters: each line item's own scale, ungraded and deleted results left out, the
same files twice add nothing, and a broken file says file:line:column and changes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from classroom_desk.importers.activity.gradebook import has_gradebook, import_gradebook
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import import_oneroster
from classroom_desk.store.database import Store, open_store
from tests.importers.conftest import store_checksum

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "oneroster"
GRADEBOOKS = Path(__file__).parent / "gradebook"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no OneRoster samples at {SAMPLES}")


def school_from(sample: str, tmp_path: Path, empty_store_file: Path) -> Store:
    path = tmp_path / f"{sample}.sqlite"
    shutil.copyfile(empty_store_file, path)
    store = open_store(path)
    import_oneroster(SAMPLES / sample, store)
    return store


@pytest.fixture
def school_v1p1(tmp_path: Path, empty_store_file: Path) -> Iterator[Store]:
    store = school_from("Test_full_data_set", tmp_path, empty_store_file)
    yield store
    store.close()


@pytest.fixture
def school_v1p2(tmp_path: Path, empty_store_file: Path) -> Iterator[Store]:
    store = school_from("v1p2_full_dataset", tmp_path, empty_store_file)
    yield store
    store.close()


def attempts(store: Store) -> list[tuple[str, str, str, float, str]]:
    """(student sourcedId, unit title, area, score, completed at) of every attempt."""
    return [
        tuple(row)  # type: ignore[misc]
        for row in store.connection.execute(
            """
            SELECT s.source_id, u.title, a.content_area_id, a.score, a.completed_at
              FROM unit_attempt a JOIN student s ON s.id = a.student_id
              JOIN unit u ON u.id = a.unit_id
             ORDER BY a.completed_at, s.source_id
            """
        )
    ]


def test_a_1_1_gradebook_imports_as_attempts_on_each_line_items_scale(
    school_v1p1: Store,
) -> None:
    package = GRADEBOOKS / "v1p1"
    assert has_gradebook(package) and not has_gradebook(SAMPLES / "Test_full_data_set")
    result = import_gradebook(package, school_v1p1, source="Canvas")
    report = result.report
    assert report is not None
    assert (report.rows_read, report.added, report.unchanged) == (4, 4, 0)
    assert "2 results not graded yet or to be deleted were left out." in report.summary()
    # 17/20, 12/20 (school time zone Chicago: local noon is 18:00 UTC), 92.5 of 0..100,
    # 3 of 0..4; the "submitted" result and the tobedeleted one are left out.
    assert attempts(school_v1p1) == [
        ("usr-222-567891", "Unit 3 Quiz: Fractions", "math", 60.0, "2026-11-17 18:00:00.000000"),
        ("usr-222-66778899", "Unit 3 Quiz: Fractions", "math", 85.0, "2026-11-17 18:00:00.000000"),
        ("usr-222-66778899", "Unit 3 Practice Set", "math", 92.5, "2026-11-18 18:00:00.000000"),
        ("usr-222-567891", "Main Idea Check", "reading", 75.0, "2026-11-19 18:00:00.000000"),
    ]
    checksum = store_checksum(school_v1p1.connection)
    again = import_gradebook(package, school_v1p1, source="Canvas")
    assert again.report is not None and (again.report.added, again.report.unchanged) == (0, 4)
    assert store_checksum(school_v1p1.connection) == checksum


def test_a_1_2_gradebook_with_its_extra_columns(school_v1p2: Store, tmp_path: Path) -> None:
    package = tmp_path / "gradebook.zip"
    shutil.make_archive(str(package.with_suffix("")), "zip", GRADEBOOKS / "v1p2")
    result = import_gradebook(package, school_v1p2, source="Schoology")
    assert result.report is not None and result.report.added == 3
    assert attempts(school_v1p2) == [
        ("usr-222-66778899", "Ratios Exit Ticket", "math", 90.0, "2026-11-17 14:20:00.000000"),
        ("usr-222-567891", "Ratios Exit Ticket", "math", 65.0, "2026-11-17 14:31:00.000000"),
        ("usr-222-567891", "Theme Quiz", "reading", 88.0, "2026-11-19 15:12:00.000000"),
    ]
    again = import_gradebook(package, school_v1p2, source="Schoology")
    assert again.report is not None and again.report.added == 0


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    copy = tmp_path / "broken"
    shutil.copytree(GRADEBOOKS / "v1p1", copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "results.csv",
            "li-222-1001,usr-222-567891,fully graded,12",
            "li-222-1001,usr-222-567891,fully graded,21",
            "results.csv:3:7: expected a score from 0 to 20 (the line item's resultValueMin "
            "and resultValueMax); found '21'",
        ),
        (
            "results.csv",
            "res-222-5003,active,2026-11-18T16:02:44.000Z,li-222-1002",
            "res-222-5003,active,2026-11-18T16:02:44.000Z,li-222-9999",
            "results.csv:4:4: expected a line item of lineItems.csv; found 'li-222-9999'",
        ),
        (
            "results.csv",
            "li-222-1001,usr-222-567891",
            "li-222-1001,usr-222-000000",
            "results.csv:3:studentSourcedId: expected a student of this school's roster; "
            "found 'usr-222-000000' (1 result)",
        ),
        (
            "results.csv",
            "fully graded,17,2026-11-17",
            "fully graded,17,17/11/2026",
            "results.csv:2:8: expected a real date (month/day/year); found '17/11/2026'",
        ),
        (
            "lineItems.csv",
            "cls-222-123456,cat-222-math,as-trm-222-1234,0,20",
            "cls-222-123456,cat-222-math,as-trm-222-1234,20,20",
            "lineItems.csv:2:12: expected resultValueMax above resultValueMin (20); found 20",
        ),
        (
            "lineItems.csv",
            "cls-222-123456,cat-222-ela",
            "cls-222-123456,cat-222-art",
            "lineItems.csv:4:classSourcedId: expected a class or category that says the "
            "content area of 'Main Idea Check' (or one content area chosen for the whole "
            "gradebook)",
        ),
    ],
)
def test_a_broken_gradebook_names_file_line_column_and_changes_nothing(
    school_v1p1: Store, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    package = broken_copy(tmp_path, file, old, new)
    checksum = store_checksum(school_v1p1.connection)
    with pytest.raises(InputError) as raised:
        import_gradebook(package, school_v1p1)
    assert str(raised.value) == f"{package}/{message}"
    assert store_checksum(school_v1p1.connection) == checksum


def test_a_package_without_results_is_no_gradebook(school_v1p1: Store, tmp_path: Path) -> None:
    package = tmp_path / "no-results"
    shutil.copytree(GRADEBOOKS / "v1p1", package)
    (package / "results.csv").unlink()
    assert not has_gradebook(package)
    with pytest.raises(InputError, match=r"expected a gradebook: results\.csv is missing"):
        import_gradebook(package, school_v1p1)

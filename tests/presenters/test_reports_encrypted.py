"""Every report the app reads from its store works on the store as the app keeps it:
encrypted (a report opened without the key found an unreadable file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.reports import ReportService
from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import StoreKey
from classroom_desk.store.loading import load_dataset

MATH_7 = demo_id("section", "math-7")


@pytest.fixture
def service(tmp_path: Path, demo_dataset: SchoolDataset) -> ReportService:
    key = StoreKey.generate()
    path = tmp_path / "school.sqlite"
    store = open_store(path, key)
    load_dataset(store, demo_dataset)
    store.close()
    return ReportService(path, key)


def test_the_class_s_groups_and_tutoring(service: ReportService) -> None:
    report = service.groups_tutoring(
        section_id=MATH_7, content_area_id="math", week=date(2026, 11, 30)
    )
    assert report.tables


def test_the_skills_summary_and_a_student_s_report(service: ReportService) -> None:
    table = service.skills_summary(section_id=MATH_7, content_area_id="math", year=2026, month=11)
    assert table.rows
    student = service.student_report(
        student_id=demo_id("student", "math-7/0"),
        section_ids=[MATH_7],
        content_area_id="math",
        year=2026,
        month=11,
    )
    assert student is not None

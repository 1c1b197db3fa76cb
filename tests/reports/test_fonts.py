"""Every student's name prints in its own script: charts (PNG) and PDF reports in ten
scripts with no missing glyph (matplotlib warns for each box it would draw, and here a
warning fails the test), Arabic letters joined and right-to-left runs in reading order."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from classroom_desk.domain.policy import Thresholds
from classroom_desk.reports.charts import ChartPoint, class_chart_figure, report_figure
from classroom_desk.reports.exports import table_pages, write_pdf, write_student_pdf
from classroom_desk.reports.fonts import FALLBACK_FONTS, isolate, use_report_fonts
from classroom_desk.reports.skills_summary import ReportTable
from classroom_desk.reports.student_report import StudentReport
from classroom_desk.store.conference_queries import WeekPoint

#: One student name in each script a school's roster may hold.
NAMES = {
    "Latin with accents": "Zoë Ñúñez-Łukasiewicz",
    "Cyrillic": "Юлия Смирнова",
    "Greek": "Νίκος Παπαδόπουλος",
    "Arabic": "محمد عبد الله",
    "Hebrew": "נועה כהן",
    "Chinese": "王小明",
    "Japanese": "山田 さくら",
    "Korean": "김민준",
    "Devanagari": "आरव शर्मा",
    "Bengali": "অর্পিতা দাস",
    "Thai": "สมชาย ใจดี",
    "Amharic": "ሰላም ተስፋዬ",
}


@contextmanager
def no_missing_glyph() -> Iterator[None]:
    """Any "Glyph ... missing from font(s)" warning becomes an error."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font", category=UserWarning)
        yield


def png_of(figure: object) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)  # type: ignore[arg-type]
    return buffer.getvalue()


def test_the_fallback_fonts_are_installed() -> None:
    families = use_report_fonts()
    assert families == tuple(family for family, _ in FALLBACK_FONTS), (
        "missing fonts: run packaging/install-system-deps.sh test"
    )


def test_a_missing_glyph_is_caught() -> None:
    """The check below can fail: a private-use character has no glyph anywhere."""
    figure = report_figure(3, 1)
    figure.text(0.1, 0.5, "\ue000")
    with pytest.raises(UserWarning, match="missing from font"), no_missing_glyph():
        png_of(figure)


def test_names_in_every_script_in_the_class_chart() -> None:
    points = [
        ChartPoint(f"s{n}", name, 20 + 4 * n, 60.0 + 3 * n) for n, name in enumerate(NAMES.values())
    ]
    points.append(ChartPoint("none", "Ελένη Γεωργίου", 0, None))  # listed as not plotted
    chart = class_chart_figure(points, Thresholds(), title="Grade 4 · 数学 · الأسبوع")
    with no_missing_glyph():
        assert png_of(chart.figure).startswith(b"\x89PNG")


def _report(name: str) -> StudentReport:
    table = ReportTable(
        title=f"{name}: Math, November 2026",
        subtitle="Grade 4 Homeroom",
        headers=("Measure", "This month", "Target"),
        rows=(("Minutes of practice", 120, None),),
        numeric=frozenset({1}),
    )
    weeks = ReportTable("Week by week", "", ("Week", "Minutes"), (("Week of Nov 2", 30),))
    units = ReportTable("Latest units", "", ("Unit", "Score"), ((f"{name} 分数", 90.0),))
    return StudentReport(
        student_name=name,
        class_name="Grade 4 Homeroom",
        area_name="Math",
        month_label="November 2026",
        summary=table,
        weeks=weeks,
        units=units,
        points=tuple(WeekPoint(week, 30, 80.0) for week in ()),
        min_weekly_minutes=30,
        target_average=80.0,
    )


def test_names_in_every_script_in_pdf_reports(tmp_path: Path) -> None:
    with no_missing_glyph():
        for script, name in NAMES.items():
            path = tmp_path / f"{script}.pdf"
            write_student_pdf(_report(name), path)
            assert path.read_bytes().startswith(b"%PDF")
        summary = ReportTable(
            title="Skills Summary: Grade 4 Homeroom, Math",
            subtitle="November 2026",
            headers=("Student", "Minutes"),
            rows=tuple((name, 30 + n) for n, name in enumerate(NAMES.values())),
        )
        write_pdf(table_pages(summary), tmp_path / "summary.pdf")
    assert (tmp_path / "summary.pdf").stat().st_size > 0


def _pixels(text: str) -> np.ndarray:
    figure = report_figure(3, 0.6)
    figure.text(0.05, 0.3, text, fontsize=16)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_arabic_letters_join() -> None:
    """Shaped, محمد is drawn with joined forms; forced apart (zero-width non-joiners), the
    isolated forms: the two must differ, which they would not without shaping."""
    joined = _pixels("محمد")
    apart = _pixels("\u200c".join("محمد"))
    assert not np.array_equal(joined, apart)


def test_right_to_left_runs_read_right_to_left() -> None:
    """Hebrew in logical order draws exactly as its letters reversed and forced left to
    right (U+202D ... U+202C): the first letter is the rightmost."""
    logical = "נועה כהן"
    visual = "\u202d" + logical[::-1] + "\u202c"
    assert np.array_equal(_pixels(logical), _pixels(visual))
    assert not np.array_equal(_pixels(logical), _pixels("\u202d" + logical + "\u202c"))


def test_a_right_to_left_name_keeps_its_place_at_the_start_of_an_english_title() -> None:
    """The report title "<name>: progress in Math" starts with the name on the left, as
    it would in English, not at the right end as a bare right-to-left paragraph would."""
    name = NAMES["Arabic"]
    title = _pixels(isolate(name) + ": progress in Math")
    alone = _pixels(isolate(name))
    ink = np.nonzero((alone[:, :, :3] < 250).any(axis=(0, 2)))[0]
    left, right = int(ink.min()), int(ink.max())
    assert np.array_equal(title[:, left : right + 1], alone[:, left : right + 1])
    bare = _pixels(name + ": progress in Math")
    assert not np.array_equal(bare[:, left : right + 1], alone[:, left : right + 1])

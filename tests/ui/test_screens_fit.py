"""Every screen fits every laptop: rendered at each size and scale of ``render_all.MATRIX``
in a process of its own (Qt's scale is fixed when the application starts), and checked for
a window off the screen, a widget outside its window, or a text cut short; and for a
control a screen reader cannot name or a text below 4.5:1 contrast (``a11y_check``).

The pictures the renders make are the ones kept in ``resources/screenshots/sizes``; the
test also fails when one of those is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

SHOTS = Path(__file__).resolve().parents[2] / "resources" / "screenshots"
sys.path.insert(0, str(SHOTS))

from fit_check import fit_problems  # noqa: E402
from render_all import MATRIX, file_name  # noqa: E402

#: Spanish is about a quarter longer than English: its screens are checked at the laptop's
#: size, the smallest screen and the largest scale, and kept in ``screenshots/es``.
SPANISH_MATRIX = (("1366x768", "1"), ("1024x600", "1"), ("1366x768", "1.5"))


def render_and_check(size: str, scale: str, language: str, out: Path, kept: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    env["LANGUAGE"] = language
    result = subprocess.run(
        [
            sys.executable,
            str(SHOTS / "render_all.py"),
            "--size",
            size,
            "--scale",
            scale,
            "--language",
            language,
            "--out",
            str(out),
            "--check",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    problems = [line for line in result.stdout.splitlines() if line.startswith("DOES NOT FIT")]
    assert problems == [], "\n".join(problems)
    assert result.returncode == 0, result.stderr[-2000:]
    rendered = sorted(path.name for path in out.glob("*.png"))
    assert rendered, result.stderr[-2000:]
    missing = [name for name in rendered if not (kept / name).exists()]
    assert missing == [], f"not kept in {kept}: {missing}"
    assert all(name.endswith(f"-{size}@{scale}.png") for name in rendered)
    assert file_name("roster", size, scale) in rendered


@pytest.mark.slow
@pytest.mark.parametrize(("size", "scale"), MATRIX)
def test_every_screen_fits(size: str, scale: str, tmp_path: Path) -> None:
    render_and_check(size, scale, "en", tmp_path, SHOTS / "sizes")


@pytest.mark.slow
@pytest.mark.parametrize(("size", "scale"), SPANISH_MATRIX)
def test_every_screen_fits_in_spanish(size: str, scale: str, tmp_path: Path) -> None:
    render_and_check(size, scale, "es", tmp_path, SHOTS / "es")


def test_the_check_finds_a_cut_text_and_a_widget_outside(qtbot: QtBot) -> None:
    """The check itself: a label narrower than its text, a button cut, a widget placed
    past the window's edge."""
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    label = QLabel("A caption far too long for the room it is given")
    label.setObjectName("cutLabel")
    label.setFixedWidth(60)
    button = QPushButton("Reassign all under 80% (37)")
    button.setFixedWidth(50)
    row.addWidget(label)
    row.addWidget(button)
    outside = QLabel("Off", window)
    window.resize(300, 80)
    window.show()
    outside.move(290, 70)
    qtbot.waitExposed(window)
    problems = fit_problems(window, "test")
    assert any("cutLabel" in p and "cuts its text" in p for p in problems), problems
    assert any("QPushButton" in p and "cuts its text" in p for p in problems), problems
    assert any("'Off'" in p and "outside the window" in p for p in problems), problems
    label.setFixedWidth(label.sizeHint().width())
    button.setFixedWidth(button.sizeHint().width())
    outside.move(10, 10)
    window.resize(window.sizeHint().width(), 80)
    qtbot.wait(1)
    assert fit_problems(window, "test") == []

"""The app as a process: ``--smoke-test`` paints the roster; a broken database stops it cleanly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from classroom_desk.demo import SECTION_PLANS


def run_app(*args: str) -> subprocess.CompletedProcess[str]:
    """``python [-X option] -m classroom_desk ARGS`` offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    interpreter = list(args[:2]) if args[:1] == ("-X",) else []
    return subprocess.run(
        [sys.executable, *interpreter, "-m", "classroom_desk", *args[len(interpreter) :]],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def test_smoke_test_paints_the_first_class_and_prints_its_row_count(tmp_path: Path) -> None:
    result = run_app("--demo", "--smoke-test", "--data-dir", str(tmp_path))

    assert result.returncode == 0, result.stderr
    match = re.search(r"^roster rows: (\d+)$", result.stdout, re.MULTILINE)
    assert match, result.stdout
    # With no settings yet the window opens on the first class by name, unfiltered.
    first_class = min(SECTION_PLANS, key=lambda plan: plan.name)
    assert int(match.group(1)) == first_class.size
    assert not (tmp_path / "settings.ini").exists()  # a smoke test leaves no settings


def test_start_up_does_not_import_matplotlib_or_the_sync_catalogue(tmp_path: Path) -> None:
    """Charts import matplotlib the first time one is drawn, and the teacher's actions the
    sync catalogue's pydantic models at the first change (or the services loaded after
    the first paint); painting the roster needs neither."""
    result = run_app("-X", "importtime", "--demo", "--smoke-test", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "classroom_desk.ui.student_panel" in imported  # the panel itself is loaded
    assert "classroom_desk.store.teacher_actions" in imported
    loaded = {name.split(".")[0] for name in imported} | imported
    assert not loaded & {"matplotlib", "pydantic", "classroom_desk.sync.protocol"}


def test_corrupt_database_exits_non_zero_and_leaves_the_file_alone(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite"
    garbage = bytes(range(256)) * 64
    database.write_bytes(garbage)

    result = run_app("--demo", "--smoke-test", "--data-dir", str(tmp_path))

    assert result.returncode != 0
    assert "roster rows" not in result.stdout
    assert "demo.sqlite" in result.stderr
    assert database.read_bytes() == garbage

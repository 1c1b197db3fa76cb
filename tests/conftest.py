"""Shared fixtures: Qt runs offscreen, stores are real SQLite files under tmp_path."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import tempfile

# No test touches the keyring of the machine it runs on: tests that need one install an
# in-memory backend (or start a real Secret Service of their own). The app run as a
# process finds no keyring, so it takes its passphrase from the environment, as a
# script on a headless school machine does.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ["CLASSROOM_DESK_PASSPHRASE"] = "classroom desk test passphrase"
# Tests read the English source text unless they choose Spanish themselves
# (tests/ui/test_translations.py), whatever language the machine running them speaks.
os.environ["LANGUAGE"] = "en"

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from classroom_desk.demo import build_demo_school
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import connect
from classroom_desk.store.keys import load_store_key
from classroom_desk.store.loading import load_dataset

# Qt tests run offscreen on a screen the size of the classroom laptop (1366x768), not the
# offscreen platform's 800x600: windows are sized to the screen as the app sizes them.
_SCREEN = {"screens": [{"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}
if os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen_file = Path(tempfile.mkdtemp(prefix="qt-screen-")) / "screen.json"
    _screen_file.write_text(json.dumps(_SCREEN), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_file}"

TEST_PASSPHRASE = os.environ["CLASSROOM_DESK_PASSPHRASE"]

# No per-example deadline: it is a timing assertion, and these machines are shared and
# noisy (a loaded CI machine failed a fast property on it). Examples stay bounded.
settings.register_profile("shared-machines", deadline=None)
settings.load_profile("shared-machines")

#: A fixed moment (Thursday evening, Chicago) so demo data and "this week" never drift.
DEMO_NOW = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)


# -- no message box a test did not expect ----------------------------------------------------

#: The QMessageBox methods that open a modal box and wait for an answer.
_MESSAGE_BOX_STATICS = ("question", "warning", "information", "critical", "about")


@pytest.fixture(autouse=True)
def no_unexpected_message_box(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[str]]:
    """A message box no test answers would wait for a click that never comes: the run
    hangs (at teardown, say, when closing a window asks about a note that could not be
    saved). Here each box is recorded and answered at once, and the test fails at its
    teardown, naming the boxes. The answer leaves nothing behind: a question is answered
    No (nothing is done), any other box Close (a window asking before it closes closes,
    rather than outliving the test with its timers on a closed store).

    A test that expects a box answers it by monkeypatching that ``QMessageBox`` method
    itself (its patch replaces this one for that method only); a test that lets a real
    box open, and closes it itself, is marked ``shows_message_boxes``. The list yielded
    is the boxes recorded so far (a test of this guard clears it)."""
    shown: list[str] = []
    if request.node.get_closest_marker("shows_message_boxes"):
        yield shown
        return
    from PySide6.QtWidgets import QMessageBox

    button = QMessageBox.StandardButton

    def recorded(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            texts = [a for a in (*args, *kwargs.values()) if isinstance(a, str)]
            shown.append(f"QMessageBox.{kind}: {' | '.join(texts)}")
            return button.No if kind == "question" else button.Close

        return answer

    def exec_(box: QMessageBox) -> int:
        shown.append(f"QMessageBox.exec: {box.windowTitle()} | {box.text()}")
        return int(button.Close.value)

    for kind in _MESSAGE_BOX_STATICS:
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorded(kind)))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    yield shown
    if shown:
        pytest.fail(
            "message boxes the test did not answer:\n"
            + "\n".join(shown)
            + "\nAnswer them by monkeypatching QMessageBox, or mark the test"
            " shows_message_boxes if it opens and closes a real one.",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def demo_dataset() -> SchoolDataset:
    return build_demo_school(DEMO_NOW)


@pytest.fixture
def demo_store(tmp_path: Path, demo_dataset: SchoolDataset) -> Iterator[Store]:
    store = open_store(tmp_path / "demo.sqlite")
    load_dataset(store, demo_dataset)
    yield store
    store.close()


def probe_connection(path: Path) -> sqlite3.Connection:
    """A second connection to a plain store the test also has open, through the app's
    own SQLite (SQLCipher's). Never the standard ``sqlite3`` on a file open in this
    process: two SQLite libraries in one process do not see each other's POSIX locks
    (closing one's file releases the other's), and WAL readers then see stale pages."""
    return connect(path, None)


def data_dir_connection(data_dir: Path, name: str = "school.sqlite") -> sqlite3.Connection:
    """A connection to a store the app made in ``data_dir`` (with the tests' passphrase)."""
    key = load_store_key(data_dir, ask=lambda _request: TEST_PASSPHRASE)
    return connect(data_dir / name, key)


# -- logs carry ids, never names or notes ------------------------------------------------

#: Note texts the tests write (beside the demo school's names) that no log may carry.
LOGGED_NEVER = (
    "Worried about reading at home",
    "Talked with grandmother about reading at home",
    "Promised to finish fractions unit by Friday",
)


def student_data_patterns(dataset: SchoolDataset) -> list[re.Pattern[str]]:
    """Each demo student's names as whole words (case kept), and the tests' note texts."""
    words = {name for s in dataset.students for name in (s.given_name, s.family_name)}
    patterns = [re.compile(rf"\b{re.escape(word)}\b") for word in sorted(words) if len(word) > 2]
    patterns += [re.compile(re.escape(text)) for text in LOGGED_NEVER]
    return patterns


def leaked_student_data(folder: Path, dataset: SchoolDataset) -> dict[str, list[str]]:
    """Every ``*.log`` file under ``folder`` that holds a name or note, with what."""
    patterns = student_data_patterns(dataset)
    leaks: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.log*")):
        if not path.is_file():
            continue
        content = path.read_text(encoding="utf-8", errors="replace")
        hits = sorted({m.group(0) for p in patterns for m in p.finditer(content)})
        if hits:
            leaks[str(path)] = hits[:8]
    return leaks


@pytest.fixture(scope="session", autouse=True)
def logs_carry_no_student_data(
    tmp_path_factory: pytest.TempPathFactory, demo_dataset: SchoolDataset
) -> Iterator[None]:
    """Everything the code logs in this process goes to a file beside the servers' and
    the app processes' logs; when the session ends, none may hold a name or a note."""
    base = tmp_path_factory.getbasetemp()
    handler = logging.FileHandler(base / "in-process.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("classroom_desk")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    yield
    logger.removeHandler(handler)
    logger.setLevel(previous)
    handler.close()
    logged = sum(1 for _ in base.rglob("*.log*"))
    assert logged > 0
    leaks = leaked_student_data(base, demo_dataset)
    assert leaks == {}, f"logs hold student names or notes: {leaks}"

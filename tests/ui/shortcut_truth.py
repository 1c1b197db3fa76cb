"""What F1's list should say, found from the keys themselves: each key any of the window's
actions carries is pressed where the focus is, and Qt's own shortcut map says which
actions it reaches. The list is then checked against that, so it cannot drift."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from classroom_desk.ui.help_dialogs import ShortcutsDialog, action_keys, action_words
from classroom_desk.ui.main_window import MainWindow
from tests.ui.keyboard import live_shortcuts


@dataclass(frozen=True)
class ShortcutTruth:
    live: frozenset[tuple[str, str]]
    """(keys, words) of each action a key reaches on the page showing."""
    dead: frozenset[str]
    """Keys of the window's actions that reach none of them there."""


def shortcut_truth(qtbot: QtBot, window: MainWindow) -> ShortcutTruth:
    reached = live_shortcuts(qtbot, window)
    every: list[QAction] = [a for a in window.findChildren(QAction) if a.shortcuts()]
    live_keys = {action_keys(a) for a in reached}
    return ShortcutTruth(
        live=frozenset((action_keys(a), action_words(a)) for a in reached),
        dead=frozenset(action_keys(a) for a in every if a not in reached) - live_keys,
    )


Rows = set[tuple[str, str]]


def missing_and_dead(dialog: ShortcutsDialog, truth: ShortcutTruth) -> tuple[Rows, Rows]:
    """The live keys the list leaves out, and the rows it shows for keys that do nothing."""
    listed = {(keys, words) for _, keys, words in dialog.rows}
    return set(truth.live - listed), {row for row in listed if row[0] in truth.dead}


def keys_that_change_nothing(
    qtbot: QtBot,
    rows: Iterable[str],
    *,
    state: Callable[[], Hashable],
    before_each: Callable[[], None],
) -> set[str]:
    """Of the keys of F1's rows, each one that, pressed for real where the focus is,
    leaves ``state()`` as it was: a key Qt hands to an action that then only shows what
    already shows is live for the shortcut map, yet does nothing for the reader.
    ``before_each`` puts the window back where each key can act (the focus included)."""
    idle = set()
    for chord in (chord for keys in rows for chord in keys.split(" or ")):
        before_each()
        was = state()
        combination = QKeySequence(chord)[0]
        focus = QApplication.focusWidget()
        assert focus is not None, "no widget has the keyboard focus"
        qtbot.keyClick(focus, combination.key(), combination.keyboardModifiers())
        if state() == was:
            idle.add(chord)
    return idle

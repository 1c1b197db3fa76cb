"""Toggle buttons drawn as rounded chips (the roster's filters, the note's tags)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

# Checked chips in the palette's highlight so they read as "on".
CHIP_STYLE = """
QToolButton[chip="true"] {
    padding: 3px 10px;
    border: 1px solid palette(mid);
    border-radius: 11px;
    background: palette(base);
}
QToolButton[chip="true"]:hover { border-color: palette(highlight); }
QToolButton[chip="true"]:focus { border-color: palette(highlight); }
QToolButton[chip="true"]:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton[chip="true"]:checked:disabled {
    background: palette(button);
    border-color: palette(mid);
}
"""


def chip(action: QAction) -> QToolButton:
    """A chip that shows and triggers ``action`` (checkable actions toggle it)."""
    button = QToolButton()
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setDefaultAction(action)
    button.setProperty("chip", True)
    return button

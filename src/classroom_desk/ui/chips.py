"""Toggle buttons drawn as rounded chips (the roster's filters, the note's tags)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

#: A checked chip: white on dark blue (8:1; the palette's own highlight gives white 3.7:1).
CHECKED_BACKGROUND = "#1d4f91"
# Checked chips filled so they read as "on".
CHIP_STYLE = f"""
QToolButton[chip="true"] {{
    padding: 3px 10px;
    border: 1px solid palette(mid);
    border-radius: 11px;
    background: palette(base);
}}
QToolButton[chip="true"]:hover {{ border-color: palette(highlight); }}
QToolButton[chip="true"]:focus {{ border-color: palette(highlight); }}
QToolButton[chip="true"]:checked {{
    background: {CHECKED_BACKGROUND};
    color: #ffffff;
    border-color: {CHECKED_BACKGROUND};
}}
QToolButton[chip="true"]:checked:disabled {{
    background: palette(button);
    border-color: palette(mid);
}}
"""


def chip(action: QAction) -> QToolButton:
    """A chip that shows and triggers ``action`` (checkable actions toggle it)."""
    button = QToolButton()
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setDefaultAction(action)
    button.setProperty("chip", True)
    return button

"""What the conference panel's place shows while no student is open.

Its own module so the window can show it at start without loading the panel itself: the
panel is built right after the roster's first paint (see ``MainWindow.panel``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from classroom_desk.i18n import translate
from classroom_desk.ui.hints import as_hint


def placeholder_label() -> QLabel:
    """The words that say how to open a student."""
    label = QLabel(
        translate(
            "Panel",
            "Select a student to start a conference.\n\n"
            "Arrow keys move through the roster; Enter opens the student's note.",
        )
    )
    label.setObjectName("panelPlaceholder")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return as_hint(label)


def framed_as_panel(frame: QFrame) -> QFrame:
    """``frame`` drawn as the panel is: a white pane with a frame."""
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setBackgroundRole(QPalette.ColorRole.Base)
    frame.setAutoFillBackground(True)
    return frame


def panel_stand_in(parent: QWidget | None = None) -> QFrame:
    """The panel's place before the panel is built: the same frame and the same words."""
    frame = framed_as_panel(QFrame(parent))
    frame.setObjectName("studentPanelStandIn")
    layout = QVBoxLayout(frame)
    layout.addWidget(placeholder_label())
    return frame

"""Windows that fit the laptop's screen: a preferred size, never more than the screen gives.

A 1366x768 laptop has about 730 pixels under its panel, less the title bar the window
manager adds; at 150% that is about 480 of Qt's pixels. Every window is sized here
rather than with a bare ``resize``.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Room left for the window manager's title bar and borders, which Qt cannot know until
#: the window is shown: height, and width.
FRAME_ALLOWANCE, BORDER_ALLOWANCE = 40, 16


def available_area(widget: QWidget) -> QRect:
    """Where a window may go on the widget's screen (the primary one before it shows)."""
    screen: QScreen | None = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, 1366, 768)
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, or to what its screen allows, and
    centre it there."""
    area = available_area(window)
    fitted_width = min(width, area.width() - BORDER_ALLOWANCE)
    fitted_height = min(height, area.height() - FRAME_ALLOWANCE)
    window.resize(max(fitted_width, window.minimumWidth()), max(fitted_height, 1))
    window.move(
        area.x() + max(0, (area.width() - window.width()) // 2),
        area.y() + max(0, (area.height() - window.height() - FRAME_ALLOWANCE) // 2),
    )


def keep_on_screen(window: QWidget) -> None:
    """After a window is shown (its frame known): shrink and move it so that the frame, title
    bar included, lies within the screen's available area."""
    area = available_area(window)
    frame = window.frameGeometry()
    extra_width = frame.width() - window.width()
    extra_height = frame.height() - window.height()
    width = min(window.width(), area.width() - extra_width)
    height = min(window.height(), area.height() - extra_height)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)

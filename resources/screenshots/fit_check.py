"""What makes a screen not fit: a window off the screen, a widget outside its window, a text
cut short by its widget. Used by ``render_all.py --check`` (and through it by the tests).

Each check reads what Qt itself would need to draw the text whole (a label's minimum size
hint, a button's size hint, a header section's title): a widget narrower than that clips.
Widgets inside a scroll area are judged against the scroll area's content, not the window
(scrolling to them is how they are reached), and an ``ElidedLabel`` elides on purpose (its
tooltip has the whole text).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

#: Pixels of slack: antialiased text and style rounding.
SLACK = 1


def fit_problems(window: QWidget, name: str) -> list[str]:
    """Every way ``window`` (shown, laid out) does not fit; empty when it fits."""
    problems: list[str] = []
    screen = window.screen() or QGuiApplication.primaryScreen()
    # A pixel of slack: a scaled screen's size is rounded (1366 / 1.25 = 1092.8).
    area = screen.availableGeometry().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append(
            f"{name}: the window ({_rect(frame)}) is not within the screen ({_rect(area)})"
        )
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow():
            continue
        label = _describe(widget)
        container = _scrolled_in(widget, window)
        if container is None:
            top_left = widget.mapTo(window, QPoint(0, 0))
            placed = QRect(top_left, widget.size())
            if not bounds.contains(placed):
                problems.append(f"{name}: {label} ({_rect(placed)}) is outside the window")
        for problem in _clipped(widget):
            problems.append(f"{name}: {label} {problem}")
    return problems


def _scrolled_in(widget: QWidget, window: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is (
            parent.parentWidget().viewport()  # type: ignore[union-attr]
        ):
            return parent
        parent = parent.parentWidget()
    return None


def _clipped(widget: QWidget) -> list[str]:
    """How the widget's own text is cut, if it is."""
    if type(widget).__name__ == "ElidedLabel":
        return []
    width = widget.width()
    if isinstance(widget, QLabel):
        if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return []
        if widget.wordWrap():
            needed_height = widget.heightForWidth(widget.contentsRect().width())
            if needed_height > widget.height() + SLACK + 2:
                return [f"cuts its wrapped text ({needed_height} > {widget.height()} px high)"]
            return []
        needed = widget.minimumSizeHint().width()
        if needed > width + SLACK:
            return [f"cuts its text ({needed} > {width} px): {widget.text()[:60]!r}"]
        return []
    if isinstance(widget, QAbstractButton) and isinstance(
        widget, QPushButton | QToolButton | QCheckBox
    ):
        if not widget.text():
            return []
        needed = widget.sizeHint().width()
        if needed > width + SLACK:
            return [f"cuts its text ({needed} > {width} px): {widget.text()[:60]!r}"]
        return []
    if isinstance(widget, QComboBox):
        text = widget.currentText()
        needed = widget.fontMetrics().horizontalAdvance(text) + 28
        if text and needed > width + SLACK:
            return [f"cuts its choice ({needed} > {width} px): {text[:60]!r}"]
        return []
    if isinstance(widget, QLineEdit):
        text = widget.text() or widget.placeholderText()
        needed = widget.fontMetrics().horizontalAdvance(text) + 12
        if text and needed > width + SLACK:
            return [f"cuts its text ({needed} > {width} px): {text[:60]!r}"]
        return []
    if isinstance(widget, QProgressBar) and widget.isTextVisible():
        needed = widget.fontMetrics().horizontalAdvance(widget.text()) + 8
        if needed > width + SLACK:
            return [f"cuts its text ({needed} > {width} px): {widget.text()!r}"]
        return []
    if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
        return _clipped_sections(widget)
    if isinstance(widget, QTabBar | QMenuBar | QScrollArea):
        return []
    return []


def _clipped_sections(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    problems = []
    metrics = header.fontMetrics()
    margins = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = model.headerData(section, Qt.Orientation.Horizontal)
        if not isinstance(title, str):
            continue
        needed = max(metrics.horizontalAdvance(line) for line in title.splitlines()) + margins
        if needed > header.sectionSize(section) + SLACK:
            problems.append(
                f"cuts the column title {title!r} ({needed} > {header.sectionSize(section)} px)"
            )
    return problems


def _describe(widget: QWidget) -> str:
    name = widget.objectName()
    kind = type(widget).__name__
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = f" {widget.text()[:30]!r}" if widget.text() else ""
    return f"{kind}{'#' + name if name else ''}{text}"


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()} at {rect.x()},{rect.y()}"

"""A layout that places widgets left to right and wraps them onto new lines when narrow.

The top bars use it so that a small screen at 150% scaling wraps a group of controls
onto a second line instead of clipping it or widening the window past the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items at their size hint, wrapped at the right edge.

    An item whose horizontal policy can expand also takes what is left of its line, up to
    its maximum width; with ``align_expanding_right`` it sits at the line's right end.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 6,
        line_spacing: int = 6,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = line_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """One line holding everything: the width the layout would like."""
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in self._visible())
        width += self._spacing * max(0, len(self._visible()) - 1)
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item (every item on its own line)."""
        margins = self.contentsMargins()
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            width = item.sizeHint().width()
            needed = width if not lines[-1] else used + self._spacing + width
            if lines[-1] and needed > area.width():
                lines.append([item])
                used = width
            else:
                lines[-1].append(item)
                used = needed
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item in line)
            if apply:
                self._place_line(line, QPoint(area.x(), y), area.width(), height)
            y += height + self._line_spacing
        return y - self._line_spacing - area.y() + margins.top() + margins.bottom()

    def _place_line(self, line: list[QLayoutItem], origin: QPoint, width: int, height: int) -> None:
        widths = [min(item.sizeHint().width(), width) for item in line]
        spare = width - sum(widths) - self._spacing * (len(line) - 1)
        for number, item in enumerate(line):
            if spare > 0 and _expands(item):
                grown = min(widths[number] + spare, item.maximumSize().width())
                spare -= grown - widths[number]
                widths[number] = grown
        x = origin.x()
        for number, (item, item_width) in enumerate(zip(line, widths, strict=True)):
            if number == len(line) - 1 and number > 0 and spare > 0 and _aligns_right(item):
                x += spare
            item_height = min(height, max(item.sizeHint().height(), item.minimumSize().height()))
            top = origin.y() + (height - item_height) // 2
            item.setGeometry(QRect(x, top, item_width, item_height))
            x += item_width + self._spacing


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    return widget is not None and widget.sizePolicy().horizontalPolicy() in _EXPANDING


_EXPANDING = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)


def _aligns_right(item: QLayoutItem) -> bool:
    """A widget with the ``flowAlignRight`` property ends its line at the right edge."""
    widget = item.widget()
    return widget is not None and bool(widget.property("flowAlignRight"))


def flow_group(*widgets: QWidget, spacing: int = 4) -> QWidget:
    """Widgets that stay together on one line when the bar wraps (a caption and its box)."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return group

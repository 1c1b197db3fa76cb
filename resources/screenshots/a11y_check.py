"""What a screen reader and a teacher with low vision would miss on a screen: a control
without a name (or named by its value, or by a unit code), text below 4.5:1 contrast.
Used by ``render_all.py --check`` (and through it by the tests).

The names are read the way a screen reader reads them, through Qt's accessibility
interface (``QAccessible.queryAccessibleInterface``), not from the widgets' properties.
The contrasts are measured on rendered pixels: a text's colour is what changes when the
text is taken away, its background what is there instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QWidget,
)

#: Unit and standard codes (``RDG-1.04``, ``MATH.4.NF.2``): words belong where a name is read.
CODE = re.compile(r"\b[A-Z]{2,}[-.]\d+(?:[.-]\w+)*\b")
TEXT_CONTRAST = 4.5

Role = QAccessible.Role
#: Roles a teacher acts on: each needs a name of its own.
CONTROLS = {
    Role.Button,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.Slider,
    Role.PageTab,
    Role.Table,
    Role.List,
    Role.Tree,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Link,
}
#: Roles whose text is read as their value: a name equal to it means nobody labelled them.
VALUED = {Role.ComboBox, Role.EditableText, Role.SpinBox}
#: Containers whose items are data (a list's rows are named by what they show).
DATA_ITEMS = {Role.Cell, Role.ListItem, Role.TreeItem, Role.Row, Role.ColumnHeader}


def accessibility_problems(window: QWidget, name: str) -> list[str]:
    """Every control of ``window`` a screen reader cannot name in words."""
    root = QAccessible.queryAccessibleInterface(window)
    if root is None:
        return [f"{name}: no accessibility interface (is the accessibility plugin there?)"]
    problems: list[str] = []
    for node in _walk(root):
        role = node.role()
        spoken = node.text(QAccessible.Text.Name).strip()
        where = f"{name}: {_describe(node)}"
        if CODE.search(spoken):
            problems.append(f"{where} reads a code: {spoken!r}")
        if role in DATA_ITEMS:
            continue
        description = node.text(QAccessible.Text.Description)
        if CODE.search(description):
            problems.append(f"{where} describes itself with a code: {description!r}")
        if role not in CONTROLS:
            continue
        label = _label_of(node)
        if CODE.search(label):
            problems.append(f"{where} is labelled with a code: {label!r}")
        if not spoken and not label:
            problems.append(f"{where} has no accessible name")
        elif role in VALUED and not label and spoken == node.text(QAccessible.Text.Value).strip():
            problems.append(f"{where} is named only by its value {spoken!r} (give it a label)")
        elif "&" in spoken.replace("&&", ""):
            problems.append(f"{where} reads a mnemonic ampersand: {spoken!r}")
    return problems


def _label_of(node: QAccessibleInterface) -> str:
    """The text of the label that names ``node`` (a label whose buddy it is): on Linux a
    combo box reads its value as its name, and screen readers take its label from here."""
    labels = node.relations(QAccessible.RelationFlag.Label)
    return " ".join(
        other.text(QAccessible.Text.Name).strip() for other, _relation in labels if other
    ).strip()


def _walk(node: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    state = node.state()
    if state.invisible or (state.offscreen and node.role() not in DATA_ITEMS):
        return
    yield node
    if node.role() == Role.ComboBox:
        return  # its popup list is the choices, read as its value
    for index in range(node.childCount()):
        child = node.child(index)
        if child is not None and child.isValid():
            yield from _walk(child)


def _describe(node: QAccessibleInterface) -> str:
    widget = node.object()
    kind = type(widget).__name__ if widget is not None else str(node.role()).split(".")[-1]
    object_name = widget.objectName() if widget is not None else ""
    return f"{kind}{'#' + object_name if object_name else ''} ({node.role().name})"


# -- contrast, from the rendered pixels -----------------------------------------------------------


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def text_contrast(widget: QLabel | QAbstractButton) -> tuple[float, QColor, QColor] | None:
    """The contrast of ``widget``'s text on its background, from two renders: with the
    text and without it. ``None`` where no pixel changes (no text drawn)."""
    with_text = widget.grab().toImage()
    text = widget.text()
    widget.setText("")
    try:
        without = widget.grab().toImage()
    finally:
        widget.setText(text)
    return changed_contrast(with_text, without)


def changed_contrast(changed: QImage, before: QImage) -> tuple[float, QColor, QColor] | None:
    """Of the pixels that differ between ``before`` and ``changed``: the strongest contrast
    one reaches against what was there (its own background), with both colours."""
    if changed.size() != before.size():
        return None
    changed = changed.convertToFormat(QImage.Format.Format_RGB32)
    before = before.convertToFormat(QImage.Format.Format_RGB32)
    backgrounds: Counter[int] = Counter()
    drawn: Counter[int] = Counter()
    for y in range(changed.height()):
        for x in range(changed.width()):
            now, was = changed.pixel(x, y), before.pixel(x, y)
            if now != was:
                drawn[now] += 1
                backgrounds[was] += 1
    if not drawn:
        return None
    background = QColor.fromRgb(backgrounds.most_common(1)[0][0])
    # The text's own colour: the drawn colour farthest from the background (its edges are
    # blends of the two).
    best = max(
        (QColor.fromRgb(rgb) for rgb in drawn),
        key=lambda colour: contrast_ratio(colour, background),
    )
    return contrast_ratio(best, background), best, background


def contrast_problems(window: QWidget, name: str) -> list[str]:
    """Every text of ``window`` (labels, enabled buttons, the cells of its views) below
    4.5:1 on its background."""
    problems: list[str] = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        # A disabled button is exempt (WCAG); a label is text to read, disabled or not.
        exempt = isinstance(widget, QAbstractButton) and not widget.isEnabled()
        if not widget.isVisibleTo(window) or exempt or not widget.text():
            continue
        picture = widget.pixmap() if isinstance(widget, QLabel) else None
        if (picture is not None and not picture.isNull()) or widget.width() <= 0:
            continue
        measured = text_contrast(widget)
        if measured is None:
            continue
        ratio, text, background = measured
        if ratio < TEXT_CONTRAST:
            problems.append(
                f"{name}: {type(widget).__name__}#{widget.objectName()} {widget.text()[:30]!r} "
                f"contrast {ratio:.2f}:1 ({text.name()} on {background.name()})"
            )
    for view in window.findChildren(QAbstractItemView):
        if view.isVisibleTo(window) and view.isEnabled():
            problems += _item_contrast_problems(view, name)
    return problems


def _item_contrast_problems(view: QAbstractItemView, name: str) -> list[str]:
    """A view's visible cells: each cell's text against the cell's own background (a
    status cell is tinted), from the view rendered with and without its texts."""
    model = view.model()
    if model is None or model.rowCount(QModelIndex()) == 0:
        return []
    viewport = view.viewport()
    with_text = viewport.grab().toImage()
    problems: list[str] = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for row in range(min(model.rowCount(QModelIndex()), 40)):
        for column in range(columns):
            index = model.index(row, column)
            whole = view.visualRect(index)
            rect = whole.intersected(viewport.rect())
            if rect.isEmpty() or (rect.width() < 4 or rect.height() < 4):
                continue
            if rect.width() * 2 < whole.width():
                continue  # mostly scrolled out of view: a sliver of a glyph is no text to read
            text = model.data(index)
            if not isinstance(text, str) or not text.strip():
                continue
            ratio_of_pixels = with_text.devicePixelRatio()  # a scaled screen's pixels
            cell = with_text.copy(
                QRect(
                    round(rect.x() * ratio_of_pixels),
                    round(rect.y() * ratio_of_pixels),
                    round(rect.width() * ratio_of_pixels),
                    round(rect.height() * ratio_of_pixels),
                )
            )
            ratio = _strongest_against_mode(cell)
            if ratio is not None and ratio < TEXT_CONTRAST:
                problems.append(
                    f"{name}: {type(view).__name__}#{view.objectName()} cell {text[:30]!r} "
                    f"contrast {ratio:.2f}:1"
                )
    return problems


def _strongest_against_mode(cell: QImage) -> float | None:
    """A cell's most common colour is its background; its text reaches the strongest
    contrast against it (a marker beside the text is a graphic, measured the same way)."""
    cell = cell.convertToFormat(QImage.Format.Format_RGB32)
    # The grid line and the focus frame are at the cell's edges: look inside them.
    inner = QRect(QPoint(2, 2), cell.size()).adjusted(0, 0, -4, -4)
    colours: Counter[int] = Counter(
        cell.pixel(x, y)
        for y in range(inner.top(), inner.bottom() + 1)
        for x in range(inner.left(), inner.right() + 1)
    )
    if len(colours) < 2:
        return None
    background = QColor.fromRgb(colours.most_common(1)[0][0])
    # Text edges are blends of its colour and the background: the core reaches the most.
    return max(contrast_ratio(QColor.fromRgb(rgb), background) for rgb in colours)

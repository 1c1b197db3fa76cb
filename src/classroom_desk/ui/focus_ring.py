"""One focus ring for the whole app: 2 px around whichever control has the keyboard focus.

Fusion marks focus with a 1 px outline at about a third of its opacity, which a teacher
tabbing through the panel on a washed-out classroom screen cannot find (WCAG 2.2 asks a
focus indicator of 3:1 against what surrounds it). Drawing it in one ``QFocusFrame`` that
follows the focus, outside the control, keeps every control's own look and costs the
roster's paint nothing (a style of our own would run Python for every cell).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFocusFrame,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

from classroom_desk.ui.chips import CHECKED_BACKGROUND

#: The ring's colour: the app's accent, 7:1 on the window's grey and 8:1 on white.
RING_COLOUR = QColor(CHECKED_BACKGROUND)
RING_WIDTH = 2
#: Space between the control's edge and the ring, so the ring never covers the control.
_MARGIN = RING_WIDTH + 1
_OBJECT_NAME = "focusRing"


class _RingStyle(QProxyStyle):
    """The rings' own style (only they use it): how far outside its control a ring sits, and
    above the control's siblings, parented to the window or the scroll area it is in."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric in _MARGIN_METRICS:
            return _MARGIN
        return super().pixelMetric(metric, option, widget)

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        return_data: QStyleHintReturn | None = None,
    ) -> int:
        if hint is QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1
        return super().styleHint(hint, option, widget, return_data)


_MOVES = (QEvent.Type.Move, QEvent.Type.Resize)
_MARGIN_METRICS = (QStyle.PixelMetric.PM_FocusFrameHMargin, QStyle.PixelMetric.PM_FocusFrameVMargin)


class FocusRing(QFocusFrame):
    """A window's ring: a frame drawn only where it does not cover its control."""

    def __init__(self, window: QWidget, style: QStyle) -> None:
        super().__init__(window)
        self.setObjectName(_OBJECT_NAME)
        self.setStyle(style)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt hides the frame while its control is scrolled out of view and, when a scroll
        # brings the control back, only moves it: show it again then.
        handled = super().eventFilter(watched, event)
        if event.type() in _MOVES and self.isHidden():
            control, parent = self.widget(), self.parentWidget()
            if (
                control is not None
                and parent is not None
                and control.isVisible()
                and parent.rect().intersects(self.geometry())
            ):
                self.show()
        return handled

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(RING_COLOUR, RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH // 2
        painter.drawRect(QRect(self.rect()).adjusted(half, half, -half, -half))
        painter.end()


class FocusRings(QObject):
    """Keeps a ring in each window around the control that has its focus. The ring lives and
    dies with its window; this follows the application's focus changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_OBJECT_NAME)
        self._style = _RingStyle()
        self._style.setParent(self)
        app.focusChanged.connect(self._follow)
        self._follow(None, app.focusWidget())  # a control may have the focus already

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.isWindow():
            return
        window = new.window()
        ring = window.findChild(FocusRing, _OBJECT_NAME)
        if not isinstance(ring, FocusRing):
            ring = FocusRing(window, self._style)
        ring.setWidget(_control_of(new))


def _control_of(widget: QWidget) -> QWidget:
    """The control a teacher sees: a spin box or date edit, not the line edit inside it that
    actually holds the focus."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow() and parent.focusProxy() is widget:
        widget, parent = parent, parent.parentWidget()
    return widget


def install_focus_ring(app: QApplication) -> FocusRings:
    """The application's rings, set up once (the app and standalone dialogs may both ask)."""
    rings = app.findChild(FocusRings, _OBJECT_NAME)
    return rings if isinstance(rings, FocusRings) else FocusRings(app)

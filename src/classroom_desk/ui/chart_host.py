"""Hosts the student panel's matplotlib chart, reusing one canvas and its layouts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from classroom_desk.i18n import translate
from classroom_desk.ui.hints import as_hint

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

CHART_HEIGHT = 180


class ChartHost(QWidget):
    """Hosts one matplotlib canvas, made on first use and given each new figure after.

    Constrained layout is most of a chart's drawing time. A figure's layout depends on
    the canvas size and on the widths of its axes' labels, which change with the data
    only through each y axis's upper limit (its number of digits); so one computed layout
    is kept per such shape and given to the next figure of that shape, whose own layout
    engine is then switched off. A resize lays the shown figure out again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: FigureCanvasQTAgg | None = None
        self._layouts: dict[tuple[int, ...], list[Any]] = {}
        self._placeholder = QLabel(translate("Charts", "Drawing the chart…"))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        as_hint(self._placeholder)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._placeholder)
        self.setFixedHeight(CHART_HEIGHT)

    def show_figure(self, figure: Figure) -> None:
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
            self.canvas.setObjectName("studentChart")
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.canvas.installEventFilter(self)
            self._placeholder.hide()
            self._layout.addWidget(self.canvas)
            self.canvas.resize(self.width(), self.height())
        else:
            canvas = self.canvas
            ratio = canvas.device_pixel_ratio
            figure.set_canvas(canvas)
            canvas.figure = figure
            # What the canvas did for its first figure: device pixels, at the widget's size.
            figure.set_dpi(ratio * figure.get_dpi())
            figure.set_size_inches(
                canvas.width() * ratio / figure.dpi,
                canvas.height() * ratio / figure.dpi,
                forward=False,
            )
        key = self._shape(figure)
        known = self._layouts.get(key)
        if known is not None and len(known) == len(figure.axes):
            figure.set_layout_engine("none")
            for axes, box in zip(figure.axes, known, strict=True):
                axes.set_position(box)
        self.canvas.draw()  # type: ignore[no-untyped-call]
        if known is None:
            self._layouts[key] = [axes.get_position() for axes in figure.axes]
        self.canvas.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        canvas = self.canvas
        if watched is canvas and canvas is not None and event.type() == QEvent.Type.Resize:
            canvas.figure.set_layout_engine("constrained")  # before the canvas redraws
        return False

    def _shape(self, figure: Figure) -> tuple[int, ...]:
        width, height = figure.canvas.get_width_height(physical=True)
        digits = (len(str(round(axes.get_ylim()[1]))) for axes in figure.axes)
        return (width, height, round(figure.dpi), *digits)

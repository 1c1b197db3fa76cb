"""The station rotation board: stations with the groups at each now and next, the round
timer, who still needs minutes; and its projector view, full screen with no private
data (``RotationPresenter.board(public=True)``: first names and last initials, groups
by letter, no figures).

Keys, in the board and on the projector: Space starts, pauses and resumes the round,
N (or Right) moves every group on, P (or Left) goes back a round, F5 shows the
projector view, Escape leaves it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.rotation import (
    MAX_ROUND_MINUTES,
    MAX_STATION_NAME,
    MAX_STATIONS,
    MIN_ROUND_MINUTES,
    Station,
    StationKind,
    TimerState,
)
from classroom_desk.i18n import translate
from classroom_desk.presenters.rotation import BoardView, RotationPresenter
from classroom_desk.ui.hints import error_line, read_only_banner

ONLINE_COLOUR = "#8a5a00"


def _station_html(view: BoardView, index: int, *, public: bool) -> str:
    station = view.stations[index]
    parts = []
    for group in station.now:
        members = "<br>".join(escape(name) for name in group.members)
        heading = escape(group.name if public else f"{group.name} ({group.label})")
        parts.append(f"<b>{heading}</b><br>{members}")
        if station.kind is StationKind.ONLINE and group.needs_minutes:
            needing = escape(
                translate("RotationBoard", "⏱ Still building minutes: {names}").format(
                    names=", ".join(group.needs_minutes)
                )
            )
            parts.append(f"<span style='color:{ONLINE_COLOUR}'>{needing}</span>")
        if group.next_station:
            following = translate("RotationBoard", "Next: {station}").format(
                station=group.next_station
            )
            parts.append(f"<i>{escape(following)}</i>")
    if not station.now:
        nobody = escape(translate("RotationBoard", "No group this round"))
        parts.append(f"<i>{nobody}</i>")
    if station.next_labels:
        coming = translate("RotationBoard", "Coming next: {groups}").format(
            groups=", ".join(station.next_labels)
        )
        parts.append(f"<i>{escape(coming)}</i>")
    return "<br>".join(parts)


#: The projector's text sizes, largest first: the first whose stations fit is used.
PROJECTOR_SCALES = (1.8, 1.6, 1.4, 1.25, 1.1, 1.0, 0.9, 0.8)


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


class StationCard(QFrame):
    def __init__(self, *, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("stationCard")
        self.title = QLabel()
        self.title.setObjectName("stationTitle")
        self.title.setWordWrap(True)  # "Aprendizaje en línea" on a narrow card
        self.body = QLabel()
        self.body.setObjectName("stationBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._font = QFont(self.font())
        self.set_scale(scale)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.body, 1)

    def set_scale(self, scale: float) -> None:
        self.title.setFont(_scaled(self._font, 1.25 * scale, bold=True))
        self.body.setFont(_scaled(self._font, scale))

    def height_for(self, width: int) -> int:
        """The height the card needs at ``width`` to show its title and body whole."""
        margins = self._layout.contentsMargins()
        inner = width - margins.left() - margins.right() - 2 * self.frameWidth()
        return (
            self.title.heightForWidth(inner)
            + self.body.heightForWidth(inner)
            + self._layout.spacing()
            + margins.top()
            + margins.bottom()
            + 2 * self.frameWidth()
        )


class BoardWidget(QWidget):
    """The stations in a grid, the round and the clock: drawn from a ``BoardView``."""

    def __init__(self, *, public: bool, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.public = public
        self._scale = scale
        self._font = QFont(self.font())
        self.round_label = QLabel()
        self.round_label.setObjectName("roundLabel")
        self.round_label.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setObjectName("rotationClock")
        self.cards: list[StationCard] = []
        self.set_scale(scale)
        top = QHBoxLayout()
        top.addWidget(self.round_label, 1)
        top.addWidget(self.clock)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(top)
        self._layout.addLayout(self.grid, 1)

    def show_view(self, view: BoardView) -> None:
        self.round_label.setText(f"{view.title} · {view.round_text}")
        self.clock.setText(view.clock)
        alert = view.state is TimerState.TIME_UP
        self.clock.setStyleSheet("color: #b00020;" if alert else "")
        while len(self.cards) > len(view.stations):
            card = self.cards.pop()
            self.grid.removeWidget(card)
            card.deleteLater()
        while len(self.cards) < len(view.stations):
            card = StationCard(scale=self._scale)
            self.cards.append(card)
        per_row = 4 if len(view.stations) > 3 else max(1, len(view.stations))
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < per_row else 0)
        for index, card in enumerate(self.cards):
            station = view.stations[index]
            self.grid.addWidget(card, index // per_row, index % per_row)
            card.title.setText(station.name)
            card.body.setText(_station_html(view, index, public=self.public))

    def set_scale(self, scale: float) -> None:
        """Every text of the board ``scale`` times the normal size."""
        self._scale = scale
        self.clock.setFont(_scaled(self._font, 2.2 * scale, bold=True))
        self.round_label.setFont(_scaled(self._font, 1.3 * scale))
        for card in self.cards:
            card.set_scale(scale)

    def fits(self) -> bool:
        """Whether every station shows whole in the board's present size."""
        if not self.cards:
            return True
        per_row = max(1, min(4, len(self.cards)))
        rows = -(-len(self.cards) // per_row)
        spacing = self.grid.spacing()
        top = max(
            self.round_label.heightForWidth(self.width() - self.clock.sizeHint().width()),
            self.clock.sizeHint().height(),
        )
        width = (self.width() - spacing * (per_row - 1)) // per_row
        height = (self.height() - top - self._layout.spacing() - spacing * (rows - 1)) // rows
        return all(card.height_for(width) <= height for card in self.cards)

    def texts(self) -> list[str]:
        """Every text this board shows (for checks that nothing private is on it)."""
        shown = [self.round_label.text(), self.clock.text()]
        for card in self.cards:
            shown += [card.title.text(), card.body.text()]
        return shown


class StationSetupDialog(QDialog):
    """Stations (name and kind, in rotation order) and the round's minutes."""

    def __init__(
        self, stations: tuple[Station, ...], minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RotationBoard", "Set up stations"))
        form = QFormLayout(self)
        self.rows: list[tuple[QLineEdit, QComboBox]] = []
        for number in range(MAX_STATIONS):
            name = QLineEdit()
            name.setMaxLength(MAX_STATION_NAME)
            name.setPlaceholderText(translate("RotationBoard", "(no station)"))
            kind = QComboBox()
            for option in StationKind:
                kind.addItem(option.label, option.value)
            if number < len(stations):
                name.setText(stations[number].shown_name)
                kind.setCurrentIndex(kind.findData(stations[number].kind.value))
            row = QHBoxLayout()
            row.addWidget(name, 1)
            row.addWidget(kind)
            form.addRow(
                translate("RotationBoard", "Station {number}").format(number=number + 1), row
            )
            self.rows.append((name, kind))
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_ROUND_MINUTES, MAX_ROUND_MINUTES)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(translate("RotationBoard", " min"))
        form.addRow(translate("RotationBoard", "Each round"), self.minutes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def stations(self) -> list[Station]:
        chosen = []
        for name, kind in self.rows:
            if name.text().strip():
                chosen.append(Station(StationKind(kind.currentData()), name.text()))
        return chosen


class ProjectorView(QWidget):
    """The board for the class to see: full screen, large, nothing private."""

    closed = Signal()
    """The projector view was left (Escape or closed)."""

    def __init__(self, presenter: RotationPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projectorView")
        self.setWindowTitle(translate("RotationBoard", "Centers"))
        self._presenter = presenter
        self.board = BoardWidget(public=True, scale=1.8)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 16, 24, 16)
        self._layout.addWidget(self.board)
        self.setStyleSheet("QWidget#projectorView { background: white; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # its keys work once it is shown
        _timer_keys(self, presenter, self.redraw)
        leave = QAction(translate("RotationBoard", "Leave the projector view"), self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.triggered.connect(self.close)
        self.addAction(leave)

    def redraw(self) -> None:
        self.board.show_view(self._presenter.board(public=True))
        self._fit_text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """The largest text whose stations all show whole on this screen (a class reads
        it from the back of the room; a netbook's projector view still shows everyone)."""
        margins = self._layout.contentsMargins()
        self.board.resize(
            self.width() - margins.left() - margins.right(),
            self.height() - margins.top() - margins.bottom(),
        )
        for scale in PROJECTOR_SCALES:
            self.board.set_scale(scale)
            if self.board.fits():
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


def _timer_keys(widget: QWidget, presenter: RotationPresenter, redraw: Callable[[], None]) -> None:
    """Space, N/Right and P/Left on ``widget``: the timer and the rounds."""

    def bind(keys: list[str], slot: Callable[[], None]) -> None:
        action = QAction(widget)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def run() -> None:
            slot()
            redraw()

        action.triggered.connect(run)
        widget.addAction(action)

    bind(["Space"], presenter.toggle_pause)
    bind(["N", "Right"], presenter.next_round)
    bind(["P", "Left"], presenter.previous_round)


class RotationBoardWindow(QWidget):
    """The teacher's board for a block, with the projector view one key away (F5)."""

    def __init__(self, presenter: RotationPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("rotationBoard")
        self.setWindowTitle(translate("RotationBoard", "Rotation board"))
        self.setMinimumSize(720, 460)
        self._presenter = presenter
        self.board = BoardWidget(public=False, scale=1.0)
        self.hint = QLabel(
            translate(
                "RotationBoard",
                "Space starts or pauses · N next round · P back · F5 projector · Esc closes it",
            )
        )
        self.hint.setObjectName("boardHint")
        self.minutes_line = QLabel()
        self.minutes_line.setObjectName("minutesLine")
        self.minutes_line.setWordWrap(True)
        self.minutes_line.setStyleSheet(f"color: {ONLINE_COLOUR};")
        self.empty = QLabel()
        self.empty.setObjectName("boardEmpty")
        self.empty.setWordWrap(True)
        # What could not be saved (stations, the timer): said, the board left as it was.
        self.error = error_line("boardError")
        self.error.hide()
        self.setup_button = QPushButton(translate("RotationBoard", "Stations…"))
        self.reset_button = QPushButton(translate("RotationBoard", "Reset"))
        self.projector_button = QPushButton(translate("RotationBoard", "Projector (F5)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        for button in (self.setup_button, self.reset_button, self.projector_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space belongs to the timer
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.read_only = read_only_banner()
        layout.addLayout(buttons)
        layout.addWidget(self.read_only)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        # On a small or scaled screen the stations scroll rather than cut their groups.
        stations = QScrollArea()
        stations.setObjectName("boardScroll")
        stations.setWidgetResizable(True)
        stations.setFrameShape(QFrame.Shape.NoFrame)
        stations.setWidget(self.board)
        layout.addWidget(stations, 1)
        layout.addWidget(self.minutes_line)
        self.projector: ProjectorView | None = None
        _timer_keys(self, presenter, self.redraw)
        projector = QAction(translate("RotationBoard", "Projector view"), self)
        projector.setShortcut(QKeySequence(Qt.Key.Key_F5))
        projector.triggered.connect(self.show_projector)
        self.addAction(projector)
        leave = QAction(translate("RotationBoard", "Close the board"), self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.triggered.connect(self.close)
        self.addAction(leave)
        self.setup_button.clicked.connect(self._on_setup)
        self.reset_button.clicked.connect(self._on_reset)
        self.projector_button.clicked.connect(self.show_projector)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.redraw)

    def open_block(self) -> None:
        block = self._presenter.block
        if block is not None:
            self.setWindowTitle(
                translate("RotationBoard", "Rotation board · {section} · {area}").format(
                    section=block.section_name, area=block.area_name
                )
            )
        self.redraw()
        self.ticker.start()

    def redraw(self) -> None:
        presenter = self._presenter
        if not presenter.groups:
            self.empty.setText(
                translate(
                    "RotationBoard",
                    "No groups for this week yet: accept groups first (Groups, Ctrl+Shift+G), "
                    "then every group rotates through the stations.",
                )
            )
        self.empty.setVisible(not presenter.groups)
        self.error.setText(presenter.error)
        self.error.setVisible(bool(presenter.error))
        read_only = presenter.actions.read_only()
        self.read_only.setVisible(read_only)
        for button in (self.setup_button, self.reset_button):
            button.setVisible(not read_only)
        view = presenter.board()
        self.board.show_view(view)
        self.minutes_line.setText(view.minutes_line)
        if self.projector is not None:
            self.projector.redraw()

    def show_projector(self) -> ProjectorView:
        if self.projector is None:
            self.projector = ProjectorView(self._presenter)
            self.projector.closed.connect(self._on_projector_closed)
        self.projector.redraw()
        self.projector.showFullScreen()
        self.projector.activateWindow()
        self.projector.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.projector

    def _on_projector_closed(self) -> None:
        self.projector = None
        self.activateWindow()

    def _on_setup(self) -> None:
        presenter = self._presenter
        dialog = StationSetupDialog(presenter.stations, presenter.record.round_minutes, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            presenter.set_up(dialog.stations(), dialog.minutes.value())
            self.redraw()

    def _on_reset(self) -> None:
        self._presenter.reset()
        self.redraw()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        if self.projector is not None:
            self.projector.close()
        super().closeEvent(event)
        parent = self.parentWidget()
        if parent is not None:  # the main window takes the keys back
            parent.activateWindow()

"""The student panel's Profile section: collapsed to one line (the tier first) until the
teacher opens it (a click or Alt+P); then the tier and the five texts, edited in place.

Edits autosave as the note does: a moment after the last change, and whenever the panel
changes student or closes; "Saved" shows only once the presenter reports the commit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import translatable, translate
from classroom_desk.presenters.learner_profile import (
    ProfileEditor,
    profile_label,
    tier_choices,
)
from classroom_desk.presenters.save_state import SaveState
from classroom_desk.ui.conflict_notice import AMBER, ConflictNoticeWidget
from classroom_desk.ui.note_edit import AUTOSAVE_DELAY_MS, NoteEdit

TEXT_LINES = 2
SECTION_STYLE = """
QToolButton#profileToggle { border: none; background: transparent; padding: 2px 0; }
QToolButton#profileToggle:focus { text-decoration: underline; }
"""
TEXT_PLACEHOLDERS = {
    "strengths": translatable("Profile", "What the student does well"),
    "needs": translatable("Profile", "Where the student needs support"),
    "interests": translatable("Profile", "What the student cares about"),
    "supports": translatable("Profile", "Accommodations and supports that help"),
    "interventions": translatable(
        "Profile", "Interventions in place (what, how often, since when)"
    ),
}


class TierComboBox(QComboBox):
    """The tier: the mouse wheel changes it only once the box has the keyboard, so
    scrolling the panel over it never rewrites a student's tier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area scrolls instead


class ProfileSection(QWidget):
    """The open student's learner profile, drawn from a ``ProfileEditor``."""

    def __init__(
        self, editor: ProfileEditor, saved_colour: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._saved_colour = saved_colour
        self._loading = False
        self._dirty: set[str] = set()
        self.setObjectName("profileSection")
        self.setStyleSheet(SECTION_STYLE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        bold = QFont(self.font())
        bold.setBold(True)
        self.toggle = QToolButton()
        self.toggle.setObjectName("profileToggle")
        self.toggle.setText(translate("Profile", "Profile"))
        self.toggle.setCheckable(True)
        self.toggle.setChecked(False)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolTip(translate("Profile", "Show or hide the learner profile (Alt+P)"))
        self.toggle.setAccessibleName(translate("Panel", "Learner profile"))
        self.toggle.setFont(bold)
        self.tier_label = QLabel()
        self.tier_label.setObjectName("profileTierText")
        self.tier_label.setFont(bold)
        # One line, cut with "…" when narrow (the tooltip has it all): the header stays
        # one line high in a 30-second conference.
        self.summary_label = QLabel()
        self.summary_label.setObjectName("profileSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary_label.installEventFilter(self)
        self.summary = ""
        self.save_label = QLabel()
        self.save_label.setObjectName("profileSaveState")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(6)
        header.addWidget(self.toggle)
        header.addWidget(self.tier_label)
        header.addWidget(self.summary_label, 1)
        header.addWidget(self.save_label)

        self.tier_combo = TierComboBox()
        self.tier_combo.setObjectName("profileTier")
        self.tier_combo.setAccessibleName(profile_label("mtss_tier"))
        for tier, text in tier_choices():
            self.tier_combo.addItem(text, tier)
        self.text_edits: dict[str, NoteEdit] = {}
        self.conflict_notices: dict[str, ConflictNoticeWidget] = {}
        self.conflict_labels: dict[str, QLabel] = {}
        self.use_buttons: dict[str, QToolButton] = {}
        self.body = QWidget()
        self.body.setObjectName("profileBody")
        grid = QGridLayout(self.body)
        grid.setContentsMargins(18, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        row = 0
        tier_row = QHBoxLayout()
        tier_row.setContentsMargins(0, 0, 0, 0)
        tier_row.addWidget(self.tier_combo)
        tier_row.addStretch(1)
        grid.addWidget(self._caption("mtss_tier", self.tier_combo), row, 0)
        grid.addLayout(tier_row, row, 1, 1, 2)
        row += 1
        row = self._add_conflict_row(grid, row, "mtss_tier")
        for name, placeholder in TEXT_PLACEHOLDERS.items():
            edit = NoteEdit()
            edit.setObjectName(f"profile_{name}")
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(profile_label(name))
            edit.setPlaceholderText(translate("Profile", placeholder))
            lines = edit.fontMetrics().lineSpacing()
            edit.setFixedHeight(lines * TEXT_LINES + 12)
            edit.textChanged.connect(lambda chosen=name: self._on_text_edited(chosen))
            self.text_edits[name] = edit
            grid.addWidget(self._caption(name, edit), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(edit, row, 1, 1, 2)
            row += 1
            row = self._add_conflict_row(grid, row, name)
        self.body.setVisible(False)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(header)
        column.addWidget(self.body)

        self.toggle.toggled.connect(self._on_toggled)
        self.tier_combo.currentIndexChanged.connect(self._on_tier_chosen)

    def _caption(self, name: str, buddy: QWidget) -> QLabel:
        label = QLabel(profile_label(name))
        label.setBuddy(buddy)
        label.setProperty("role", "profileCaption")
        label.setMinimumHeight(self.tier_combo.sizeHint().height() if name == "mtss_tier" else 0)
        return label

    def _add_conflict_row(self, grid: QGridLayout, row: int, name: str) -> int:
        """A value that lost a sync conflict, under its field (hidden while there is none)."""
        notice = ConflictNoticeWidget()
        notice.setObjectName(f"profileConflict_{name}")
        notice.use_button.setObjectName(f"profileUseLost_{name}")
        notice.use_requested.connect(self._on_use_lost)
        grid.addWidget(notice, row, 1, 1, 2)
        self.conflict_notices[name] = notice
        self.conflict_labels[name] = notice.label
        self.use_buttons[name] = notice.use_button
        return row + 1

    # -- what the panel asks ---------------------------------------------------------

    def focus_widgets(self) -> list[QWidget]:
        """The section's keyboard stops, top to bottom (for the panel's tab order)."""
        result: list[QWidget] = [self.toggle, self.tier_combo, self.use_buttons["mtss_tier"]]
        for name, edit in self.text_edits.items():
            result += [edit, self.use_buttons[name]]
        return result

    def stop(self) -> None:
        """No more saves from the timer (the window is going away; flush came first)."""
        self._timer.stop()

    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def focus_first(self) -> None:
        """Open the section and put the keyboard on the tier (Alt+P)."""
        self.set_expanded(True)
        self.tier_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def has_focus_inside(self) -> bool:
        focused = self.focusWidget()
        return focused is not None and self.isAncestorOf(focused)

    def set_changes_allowed(self, allowed: bool) -> None:
        """A principal's or coach's laptop shows the profile and changes none of it."""
        self.tier_combo.setEnabled(allowed)
        for edit in self.text_edits.values():
            edit.setReadOnly(not allowed)

    def flush(self) -> SaveState:
        """Save what was typed now (the timer, a student change, closing)."""
        self._timer.stop()
        self._push_edits()
        state = self._editor.save()
        self._render_state()
        self._render_summary()
        self._render_conflicts()
        return state

    def reset(self) -> None:
        """A new student: every box shows what the store holds."""
        self._timer.stop()
        self._dirty.clear()
        self.redraw()

    def redraw(self) -> None:
        """Bring the section in line with the editor; a box being typed in keeps its text."""
        editor = self._editor
        self._loading = True
        try:
            for name, edit in self.text_edits.items():
                item = editor.fields.get(name)
                value = "" if item is None else str(item.value or "")
                if name not in self._dirty and edit.toPlainText() != value:
                    edit.setPlainText(value)
            if "mtss_tier" not in self._dirty:
                index = self.tier_combo.findData(editor.tier)
                self.tier_combo.setCurrentIndex(max(0, index))
        finally:
            self._loading = False
        self._render_summary()
        self._render_conflicts()
        self._render_state()

    # -- drawing -------------------------------------------------------------------------

    def _render_summary(self) -> None:
        summary = self._editor.summary()
        tier, _, rest = summary.partition(" · ")
        self.tier_label.setText(tier)
        self.summary = f"· {rest}"
        self.summary_label.setToolTip(summary)
        self._elide_summary()
        self.toggle.setAccessibleDescription(summary)

    def _elide_summary(self) -> None:
        metrics = self.summary_label.fontMetrics()
        width = self.summary_label.width()
        self.summary_label.setText(
            metrics.elidedText(self.summary, Qt.TextElideMode.ElideRight, width)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary_label and event.type() == QEvent.Type.Resize:
            self._elide_summary()
        return False

    def _render_conflicts(self) -> None:
        for name, notice in self.conflict_notices.items():
            notice.show_notice(self._editor.conflict_notice(name))

    def _render_state(self) -> None:
        state = self._editor.state
        if self._timer.isActive() or state is SaveState.UNSAVED:
            text, colour = translate("Panel", "Saving…"), ""
        elif state is SaveState.SAVED:
            text, colour = translate("Panel", "Saved {mark}").format(mark="✓"), self._saved_colour
        elif state is SaveState.FAILED:
            text = translate("Panel", "Not saved: {error}").format(error=self._editor.error)
            colour = AMBER
        else:
            text, colour = "", ""
        self.save_label.setText(text)
        self.save_label.setToolTip(text if state is SaveState.FAILED else "")
        self.save_label.setStyleSheet(f"color: {colour}" if colour else "")

    # -- the teacher's actions -----------------------------------------------------------

    def _push_edits(self) -> None:
        for name in sorted(self._dirty):
            if name == "mtss_tier":
                self._editor.edit(name, self.tier_combo.currentData())
            else:
                self._editor.edit(name, self.text_edits[name].toPlainText())
        self._dirty.clear()

    def _changed(self, name: str) -> None:
        if self._loading or self._editor.student_id is None:
            return
        self._dirty.add(name)
        self._timer.start()  # restarts: within the delay of the last change
        self._render_state()

    def _on_text_edited(self, name: str) -> None:
        self._changed(name)

    def _on_tier_chosen(self, _index: int) -> None:
        self._changed("mtss_tier")

    def _on_use_lost(self, name: str) -> None:
        self._push_edits()
        self._editor.use_lost_value(name)
        self._dirty.discard(name)
        self.redraw()
        target = self.tier_combo if name == "mtss_tier" else self.text_edits[name]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

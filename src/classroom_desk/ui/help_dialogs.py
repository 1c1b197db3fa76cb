"""Help: the keyboard shortcuts (F1), read from the window's own actions so the list cannot
drift from what the keys do, and About (version, where the data lives)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import translate
from classroom_desk.presenters.school_settings import AppInfo
from classroom_desk.ui.screen_fit import fit_to_screen

#: A group of shortcuts: its title, then (keys, what they do) rows; an action stands for
#: its own shortcut and text.
ShortcutGroup = tuple[str, Sequence[QAction | tuple[str, str]]]


def action_words(action: QAction) -> str:
    """An action's text as a sentence: no mnemonic ampersand, no ellipsis, no key hint."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = text.split("  ")[0]  # the tag chips show "Celebrated  Alt+1"
    text = text.strip().removesuffix("…")
    return re.sub(r"\s*\(\d+\)$", "", text)  # the filter chips show their counts


def action_keys(action: QAction) -> str:
    return translate("Help", " or ").join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A Close button that Enter and Esc both press: the dialog only tells."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setDefault(True)
    buttons.rejected.connect(dialog.reject)
    close.clicked.connect(dialog.reject)
    return buttons


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut, by what it is for. Enter or Esc closes."""

    def __init__(self, groups: Sequence[ShortcutGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        rows: list[tuple[str, str, str]] = []
        for title, entries in groups:
            for entry in entries:
                if isinstance(entry, QAction):
                    keys = action_keys(entry)
                    if keys:
                        rows.append((title, keys, action_words(entry)))
                else:
                    rows.append((title, *entry))
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(translate("Help", "Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels(
            [translate("Help", "For"), translate("Help", "Keys"), translate("Help", "What it does")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rows = rows

        buttons = close_buttons(self)
        layout = QVBoxLayout(self)
        hint = QLabel(translate("Help", "Also under each menu, beside its command."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.resizeColumnsToContents()
        wanted = sum(self.table.columnWidth(c) for c in range(3)) + 60
        fit_to_screen(self, max(wanted, 560), 640)

    def keys_for(self, words: str) -> str | None:
        """The keys of the row that does ``words`` (for tests and screen readers)."""
        return next((keys for _, keys, what in self.rows if what == words), None)


class AboutDialog(QDialog):
    """The version and where this laptop keeps the teacher's data. Enter or Esc closes."""

    def __init__(self, info: AppInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("Help", "About Classroom Desk"))
        title = QLabel(f"Classroom Desk {info.version}")
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        blurb = QLabel(
            translate(
                "Help",
                "Each student's week at a glance, 30-second conferences, reassignments and "
                "goals; works offline and syncs with the school server.",
            )
        )
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.paths: dict[str, QLabel] = {}
        for key, caption, path in (
            ("Data folder", translate("Help", "Data folder"), info.data_folder),
            ("School data", translate("Help", "School data"), info.store_file),
            ("Settings", translate("Help", "Settings"), info.settings_file),
        ):
            label = QLabel(str(path))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setAccessibleName(f"{caption}: {path}")
            form.addRow(f"{caption}:", label)
            self.paths[key] = label
        note = QLabel(
            translate(
                "Help",
                "Back up the data folder to keep a copy; backups are also made there each day.",
            )
        )
        note.setWordWrap(True)
        buttons = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, self.sizeHint().height())

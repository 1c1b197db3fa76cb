"""Hints and empty-state texts: grey, but at 4.5:1 or more on the window and on white.

A disabled label would be greyer (about 2:1), and a screen reader would call it unavailable;
these are texts to read, so they are only coloured.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from classroom_desk.i18n import translate

#: 6.2:1 on the window's #efefef, 7:1 on white.
HINT_COLOUR = "#595959"


def as_hint(label: QLabel) -> QLabel:
    """``label`` drawn as a hint; returned for chaining."""
    label.setStyleSheet(f"color: {HINT_COLOUR};")
    return label


#: What could not be done, in words (a refused save, a bad value).
ERROR_COLOUR = "#b00020"


def error_line(name: str) -> QLabel:
    """A wrapped red line for what a window could not do; empty until it has something."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    return label


def read_only_banner() -> QLabel:
    """The line a Plan window shows to a principal or a coach (hidden otherwise)."""
    label = as_hint(
        QLabel(
            translate(
                "Plans",
                "Read only: this account reads the school's records. Groups, stations and "
                "tutoring are planned by the class's teachers.",
            )
        )
    )
    label.setObjectName("readOnlyBanner")
    label.setWordWrap(True)
    label.hide()
    return label

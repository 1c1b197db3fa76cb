"""File > School and the school's name on the top bar, for a teacher of several schools.

The name of the school showing is always on screen (at the menu bar's right end, and in
the window title); Ctrl+Shift+L or the menu switches. A switch opens the other school's
store (one that will not open is said, and the window stays), then closes the window as
any close does (the note being typed is saved, or the teacher is asked), for the
composition root to show the other school.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton

from classroom_desk.i18n import translate
from classroom_desk.presenters.schools import SchoolSwitchPresenter

if TYPE_CHECKING:
    from classroom_desk.ui.main_window import MainWindow

# The school button's widest, in pixels: a long name is cut with "…" (the tooltip has it).
SCHOOL_NAME_WIDTH = 260


class SchoolSwitcher(QObject):
    """The schools as a menu, a button at the menu bar's end naming the one open, and the
    switch."""

    switch_requested = Signal(str)
    """The window closed, its work saved, to open another school; carries its id."""

    def __init__(self, presenter: SchoolSwitchPresenter, window: MainWindow) -> None:
        super().__init__(window)
        self.presenter = presenter
        self._window = window
        self._base_title = window.windowTitle()
        self.menu = QMenu(translate("Schools", "Sc&hool"), window)
        self.menu.setObjectName("schoolMenu")
        self._choices = QActionGroup(self)
        self._choices.setExclusive(True)
        self.next_action = QAction(translate("Schools", "Next school"), window)
        self.next_action.setObjectName("nextSchoolAction")
        self.next_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        window.addAction(self.next_action)

        # A push button draws its menu's arrow beside the name (a tool button's covers it).
        self.button = QPushButton()
        self.button.setObjectName("schoolButton")
        self.button.setMenu(self.menu)
        self.button.setFlat(True)
        self.button.setAccessibleName(translate("Schools", "School"))
        font = self.button.font()
        font.setBold(True)
        self.button.setFont(font)

        self.next_action.triggered.connect(self._on_next)
        self.render()

    @property
    def school_actions(self) -> list[QAction]:
        """One per school, in the list's order; the one showing is checked."""
        return self._choices.actions()

    def render(self) -> None:
        """The menu, the button and the title as the list is now."""
        presenter = self.presenter
        for action in self._choices.actions():
            self._choices.removeAction(action)
            action.deleteLater()
        self.menu.clear()
        showing = presenter.showing
        for school in presenter.schools.schools:
            action = QAction(_literal(school.name or school.id), self._choices)
            action.setCheckable(True)
            action.setChecked(showing is not None and school.id == showing.id)
            action.triggered.connect(lambda _=False, chosen=school.id: self.switch_to(chosen))
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.next_action)
        switchable = presenter.switchable
        self.next_action.setEnabled(switchable)
        self.menu.menuAction().setVisible(switchable)
        name = showing.name if showing is not None and switchable else ""
        metrics = self.button.fontMetrics()
        self.button.setText(
            _literal(metrics.elidedText(name, Qt.TextElideMode.ElideRight, SCHOOL_NAME_WIDTH))
        )
        # The menu bar lays out its corner only when the corner is shown or hidden: hidden
        # and shown again, the button is laid out at its new name's width (shown first, a
        # name that came with a sign-in was cut to the width of none).
        self.button.setVisible(False)
        self.button.setVisible(switchable)
        self.button.setToolTip(
            translate(
                "Schools", "Showing {school}. Choose another school here or with {keys}."
            ).format(
                school=name,
                keys=self._keys(),
            )
        )
        self._window.setWindowTitle(f"{self._base_title} — {name}" if name else self._base_title)

    def reload(self) -> bool:
        """After a sign-in: the schools it listed join the menu; whether any changed."""
        changed = self.presenter.reload()
        if changed:
            self.render()
        return changed

    def listed_words(self) -> str:
        """The schools now listed, and how to switch (said once a sign-in added some)."""
        return translate(
            "MainWindow", "Your schools: {schools}. {keys} or File > School switches."
        ).format(
            schools=", ".join(school.name for school in self.presenter.schools.schools),
            keys=self._keys(),
        )

    def _keys(self) -> str:
        return self.next_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def switch_to(self, school_id: str) -> bool:
        """Open ``school_id``'s store, close the window (the note saved first) and ask for
        that school; False when it is the school showing or the window stays (its store
        would not open, or a note could not be saved)."""
        presenter = self.presenter
        if not presenter.choose(school_id):
            self.render()  # the menu's check goes back to the school showing
            return False
        problem = presenter.open_chosen()
        if problem is not None:
            self.render()
            self._say_not_opened(school_id, problem)
            return False
        if not self._window.close():
            presenter.drop_chosen()
            self.render()
            return False
        self.switch_requested.emit(school_id)
        return True

    def _say_not_opened(self, school_id: str, problem: str) -> None:
        chosen, showing = self.presenter.schools.find(school_id), self.presenter.showing
        school = chosen.name if chosen is not None else school_id
        QMessageBox.critical(
            self._window,
            translate("Schools", "{school} did not open").format(school=school),
            translate(
                "Schools",
                "The store of {school} could not be opened: {problem}\n\nThe window stays on "
                "{showing}, and nothing was changed.",
            ).format(school=school, problem=problem, showing=showing.name if showing else ""),
        )

    def _on_next(self) -> None:
        school = self.presenter.next_school()
        if school is not None:
            self.switch_to(school.id)


def _literal(name: str) -> str:
    """A school's name as a button or menu shows it: an "&" is a letter, not a shortcut."""
    return name.replace("&", "&&")

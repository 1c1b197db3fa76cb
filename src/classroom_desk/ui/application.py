"""The one ``QApplication`` of the process, made by whichever screen comes first (a start-up
error, the passphrase prompt or the main window) and set up the same way for all of them."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

#: Kept here: an application made from Python lives only while Python holds it.
_APPLICATION: QApplication | None = None


def application() -> QApplication:
    """The running application, made on first use; every window gets the focus ring, set up
    once the event loop runs (its module's Qt classes cost about 20 ms, off the start)."""
    global _APPLICATION
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = _APPLICATION = QApplication(sys.argv[:1])
    QTimer.singleShot(0, app, _install_focus_ring)
    return app


def _install_focus_ring() -> None:
    from classroom_desk.ui.focus_ring import install_focus_ring

    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_focus_ring(app)

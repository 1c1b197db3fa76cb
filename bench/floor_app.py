"""The start-up floor: the least a PySide6 window costs, to compare the app's start against.

QApplication, a QMainWindow shown, painted once (``grab()``, as the app's ``--smoke-test``
does) and quit at the first turn of the event loop. Prints ``floor painted``.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1100, 700)
    window.show()

    def paint_and_quit() -> None:
        window.grab()
        print("floor painted", flush=True)
        app.exit(0)

    QTimer.singleShot(0, paint_and_quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""The School view under a real X display: a school server with the demo and a principal,
the app's window signing in through its dialog, the School view taking the roster's place
by itself, Enter on a grade, Enter on a class, then the window at its narrowest with the
longest week shown; the whole screen grabbed at each step, and whether the window fits the
screen printed.

    Xvfb :59 -screen 0 1024x600x24 &
    DISPLAY=:59 QT_QPA_PLATFORM=xcb .venv/bin/python \
        resources/screenshots/xvfb_school_view.py 1024x600 OUT_DIR
"""

import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from classroom_desk.demo import build_demo_school
from classroom_desk.store.database import open_store
from classroom_desk.store.loading import load_dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.sync.harness import free_port
from tests.ui.conftest import laptop_window

size, out = sys.argv[1], Path(sys.argv[2])
work = Path(tempfile.mkdtemp(prefix="school-view-"))
database, port = f"sqlite:///{work / 'server.sqlite'}", free_port()
server_cli = [sys.executable, "-m", "classroom_desk.server"]
server = subprocess.Popen(
    [
        *server_cli,
        "serve",
        "--demo",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--database",
        database,
    ],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
time.sleep(6)
subprocess.run(
    [
        *server_cli,
        "create-teacher",
        "--username",
        "lee",
        "--given-name",
        "Lee",
        "--family-name",
        "Park",
        "--email",
        "lee@example.invalid",
        "--role",
        "principal",
        "--password-stdin",
        "--database",
        database,
    ],
    input="maple-ridge-principal-lee",
    text=True,
    check=True,
    capture_output=True,
)
app = QApplication([])
data = work / "laptop"
data.mkdir()
store = open_store(data / "demo.sqlite")
load_dataset(store, build_demo_school(datetime.now(UTC)))
window, _sync = laptop_window(store, data / "settings.ini")
window.show()
window.showMaximized()


def pump(seconds):
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def shot(name):
    pump(0.8)
    app.primaryScreen().grabWindow(0).save(str(out / f"{name}-{size}.png"))


pump(2)
window.sync.sign_in_action.trigger()
pump(1)
d = window.sync.dialog
d.url_edit.setText(f"http://127.0.0.1:{port}")
d.user_edit.setText("lee")
d.password_edit.setText("maple-ridge-principal-lee")
shot("signin")
QTest.mouseClick(d.sign_in_button, Qt.MouseButton.LeftButton)
for _ in range(300):
    pump(0.1)
    v = window.sync.school_view
    if v is not None and v.refresh_button.isEnabled():
        break
d.close()  # it stays open to say this machine has no keyring
v = window.sync.school_view
window.activateWindow()
v.view.setFocus()
pump(1)
shot("school")
QTest.keyClick(v.view, Qt.Key.Key_Down)
QTest.keyClick(v.view, Qt.Key.Key_Return)
shot("grade")
QTest.keyClick(v.view, Qt.Key.Key_Return)
shot("class")
# The window at its narrowest, the School view's row wrapped: the longest week whole.
window.showNormal()
pump(0.5)
window.resize(window.minimumWidth(), min(560, window.maximumHeight()))
window.move(0, 0)
QTest.keyClick(v.view, Qt.Key.Key_Backspace)
QTest.keyClick(v.view, Qt.Key.Key_Backspace)
weeks = v.week_combo
weeks.setCurrentIndex(weeks.count() - 1)  # shown, not fetched: the widest item
shot("narrow")
print(
    "narrowest window",
    window.width(),
    "week box",
    weeks.width(),
    "its longest week needs",
    weeks.sizeHint().width(),
)
geo = window.frameGeometry()
scr = app.primaryScreen().availableGeometry()
print(
    "window frame (the School view is its page)",
    geo.x(),
    geo.y(),
    geo.width(),
    geo.height(),
    "screen",
    scr.width(),
    scr.height(),
    "fits",
    scr.contains(geo),
)
window.sync.runner.wait(20000)
window.close()
pump(1)
store.close()
server.terminate()
server.wait(10)

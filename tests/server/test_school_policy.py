"""``classroom-desk-server set-school``: the policy the server hands down reaches laptops."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sync.harness import Laptop, ServerProcess, sqlite_url


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", "set-school", *args, "--database", url],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_policy_set_on_the_server_reaches_the_laptop_at_its_next_sync(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    server = ServerProcess(url, tmp_path)
    server.start()
    laptop = Laptop(tmp_path / "laptop.sqlite", server.url, "rivera")
    try:
        laptop.sign_in()
        laptop.sync()
        assert laptop.one("SELECT time_zone FROM school") == "America/Chicago"
        refused = _cli(url, "--time-zone", "Mars/Olympus")
        assert refused.returncode == 1
        assert refused.stderr == (
            "classroom-desk-server: --time-zone: expected an IANA time zone such as "
            "America/New_York; got 'Mars/Olympus'; nothing was changed\n"
        )
        changed = _cli(url, "--time-zone", "America/New_York", "--first-day", "Sunday",
                       "--min-weekly-minutes", "45")  # fmt: skip
        assert changed.returncode == 0, changed.stderr
        assert changed.stdout.startswith(
            "Maple Ridge Demo School: time zone America/New_York, weeks start on Sunday, "
            "45 minutes a week"
        )
        laptop.sync()
        row = laptop.store.connection.execute(
            "SELECT time_zone, first_day_of_week, min_weekly_minutes FROM school"
        ).fetchone()
        assert row == ("America/New_York", 6, 45)
    finally:
        laptop.close()
        server.stop()

"""A district server on 127.0.0.1 where Elena Rivera teaches in two schools: Maple (her
first) and Pine (linked with ``link-teacher``), for the laptop's tests of two schools."""

from __future__ import annotations

from pathlib import Path

from tests.importers.packages import write_package
from tests.server.test_district import PASSWORD, _account, _school_id
from tests.server.test_teacher_of_two_schools import _files
from tests.sync.harness import ServerProcess, server_cli, sqlite_url

MAPLE, PINE = _school_id("1"), _school_id("3")
USER = "elena"
__all__ = ["MAPLE", "PASSWORD", "PINE", "USER", "district_server"]


def district_server(directory: Path) -> ServerProcess:
    """The district's server, started (the caller stops it)."""
    url = sqlite_url(directory)
    imported = server_cli(url, "import-oneroster", str(write_package(directory / "d", _files())))
    assert imported.returncode == 0, imported.stderr
    _account(url, USER, "teacher", "org-1", "elena@maple.test")
    linked = server_cli(url, "link-teacher", "--username", USER, "--school", "org-3")
    assert linked.returncode == 0, linked.stderr
    server = ServerProcess(url, directory, demo=False)
    server.start()
    return server

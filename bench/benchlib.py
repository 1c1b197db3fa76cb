"""Helpers the benchmark scripts share: timing a child process, medians, the machine, JSON out.

Benchmarks print and record figures; nothing here asserts a time (targets are reported as
pass/fail, never enforced by a test).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"


#: Set in the private D-Bus session ``rerun_in_keyring_session`` starts.
KEYRING_SESSION_ENV = "CLASSROOM_DESK_BENCH_SESSION"
KEYRING_PASSWORD = "bench login keyring"


def in_keyring_session() -> bool:
    return bool(os.environ.get(KEYRING_SESSION_ENV))


def rerun_in_keyring_session(script: Path) -> int:
    """``script`` again, with this process's arguments, inside a private D-Bus session with
    gnome-keyring unlocked in a throwaway home: the keyring a Linux desktop has, so the
    app's key comes from a real Secret Service as a teacher's does."""
    command = (
        f"eval \"$(printf '{KEYRING_PASSWORD}' | gnome-keyring-daemon --unlock "
        '--components=secrets)"; export GNOME_KEYRING_CONTROL; '
        f'exec "{sys.executable}" "{script.resolve()}" "$@"'
    )
    with tempfile.TemporaryDirectory(prefix="bench-keyring-") as home:
        env = {
            **os.environ,
            KEYRING_SESSION_ENV: "1",
            "HOME": home,
            "XDG_DATA_HOME": f"{home}/share",
            "XDG_RUNTIME_DIR": home,
        }
        env.pop("PYTHON_KEYRING_BACKEND", None)
        env.pop("CLASSROOM_DESK_PASSPHRASE", None)
        done = subprocess.run(
            ["dbus-run-session", "--", "bash", "-c", command, script.stem, *sys.argv[1:]],
            env=env,
            check=False,
        )
    return done.returncode


def out_dir() -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUT_DIR


def child_env(**extra: str) -> dict[str, str]:
    """The environment benchmark children run in: offscreen Qt, no stray bytecode writes."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The app's store is encrypted; a machine without a keyring gives the key as a
    # passphrase (bench/encryption.py measures the keyring start and this one apart).
    env.setdefault("CLASSROOM_DESK_PASSPHRASE", "benchmark passphrase, not a secret")
    env.update(extra)
    return env


def cached_bytecode(folder: Path) -> dict[str, str]:
    """Environment for children whose bytecode is cached under ``folder`` by their first
    start, as an installed app's is (pip and the bundle ship it compiled): a warm start
    does not compile sources, even where ``PYTHONDONTWRITEBYTECODE`` is set."""
    return {"PYTHONPYCACHEPREFIX": str(folder), "PYTHONDONTWRITEBYTECODE": ""}


@dataclass(frozen=True, slots=True)
class ChildRun:
    """One child process: seconds from spawn to a marker line and to exit, and its peak RSS.

    ``peak_rss_mb`` is the child's own ``VmHWM`` read when the marker line appeared (the
    child is still running then); without it, ``ru_maxrss`` from ``wait4``, which also
    counts what the child had before ``exec`` (the parent's size at fork), so it is only
    an upper bound. ``peak_rss_source`` says which.
    """

    to_marker_s: float | None
    to_exit_s: float
    peak_rss_mb: float
    returncode: int
    marker_line: str | None
    stdout: str
    stderr: str
    peak_rss_source: str = "ru_maxrss"
    ru_maxrss_mb: float = 0.0


def _vmhwm_mb(pid: int) -> float | None:
    """The process's resident high-water mark (Linux), or None once it has exited."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def run_child(argv: Sequence[str], *, marker: str, env: dict[str, str] | None = None) -> ChildRun:
    """Run ``argv``, noting when a stdout line containing ``marker`` appears."""
    # stderr goes to a file: a chatty child (-X importtime) must not block on a full pipe.
    with tempfile.TemporaryFile(mode="w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(argv),
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env or child_env(),
            text=True,
            bufsize=1,
        )
        assert process.stdout is not None
        to_marker: float | None = None
        marker_line: str | None = None
        vmhwm: float | None = None
        lines: list[str] = []
        for line in process.stdout:
            lines.append(line)
            if to_marker is None and marker in line:
                to_marker = time.perf_counter() - started
                marker_line = line.strip()
                vmhwm = _vmhwm_mb(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        to_exit = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        errors.seek(0)
        stderr = errors.read()
    ru_maxrss = usage.ru_maxrss / 1024
    return ChildRun(
        to_marker_s=to_marker,
        to_exit_s=to_exit,
        peak_rss_mb=ru_maxrss if vmhwm is None else vmhwm,
        returncode=process.returncode,
        marker_line=marker_line,
        stdout="".join(lines),
        stderr=stderr,
        peak_rss_source="ru_maxrss" if vmhwm is None else "VmHWM at marker",
        ru_maxrss_mb=ru_maxrss,
    )


def check_child(run: ChildRun, what: str) -> None:
    if run.returncode != 0 or run.to_marker_s is None:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit(f"{what}: exited {run.returncode} without its marker line")


def child_figures(argv: Sequence[str], *, marker: str, what: str) -> dict[str, Any]:
    """Run a child that prints ``marker`` and then its figures as JSON on one line, and
    return the figures; a child that fails stops the benchmark with its output."""
    run = run_child(argv, marker=marker)
    check_child(run, what)
    assert run.marker_line is not None
    figures: dict[str, Any] = json.loads(run.marker_line.removeprefix(marker))
    return figures


def own_peak_rss_mb() -> float:
    """This process's peak resident set since it started (Linux ``VmHWM``, else
    ``ru_maxrss``)."""
    peak = _vmhwm_mb(os.getpid())
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def summary(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "runs": len(ordered),
    }


def ms(seconds: float) -> float:
    return seconds * 1000


def qt_version() -> str:
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError:
        return "not installed"
    return f"Qt {QtCore.qVersion()} (PySide6 {PySide6.__version__})"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.release()})"
    except OSError:
        pass
    import sqlite3

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": os_name,
        "python": platform.python_version(),
        "qt": qt_version(),
        "sqlite": sqlite3.sqlite_version,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        # Other work on the machine skews absolute times; ratios to a baseline less so.
        "load": " / ".join(f"{value:.2f}" for value in os.getloadavg()) + " (1, 5, 15 min)",
    }


def write_result(name: str, result: dict[str, Any]) -> Path:
    """Write ``bench/out/<name>.json`` with the machine it was measured on."""
    path = out_dir() / f"{name}.json"
    payload = {"benchmark": name, "machine": machine(), **result}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    print(f"wrote {path.relative_to(REPO_DIR)}")
    return path


def verdict(value: float, target: float) -> str:
    return "pass" if value <= target else "FAIL"

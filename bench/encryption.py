"""What encryption costs, each against a baseline measured in the same run:

* warm start: ``--demo --smoke-test`` to the roster painted, on this tree with its
  SQLCipher store and the key in a real Secret Service (gnome-keyring on a private D-Bus
  session, as on a Linux desktop), against the code before this change (main just before
  the encrypted store came in, exported with ``git archive``) on its plain store, each
  with its bytecode cached; the passphrase start (Argon2id) too; and this tree's own
  start on a plain store (``plain_store_start.py``: no key, no keyring), which leaves
  what encryption itself adds;
* the weekly-figures query on the 5,000-student district: encrypted store against the
  same file plain (both through SQLCipher's module) and through the standard sqlite3;
* a OneRoster import (rows/s) into an encrypted store against a plain one;
* a sync pull (records/s) over HTTPS against plain HTTP, from the same server database;
* converting the district's plain store once (the first start after the upgrade).

    dbus-run-session -- .venv/bin/python bench/encryption.py [--runs 7]

Run outside a D-Bus session it starts one itself (and gnome-keyring in it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from benchlib import (  # noqa: E402
    cached_bytecode,
    check_child,
    child_env,
    in_keyring_session,
    ms,
    rerun_in_keyring_session,
    run_child,
    summary,
    write_result,
)
from startup import APP_MARKER, app_argv  # noqa: E402

PLAIN_START = Path(__file__).with_name("plain_store_start.py")

TARGETS = {"warm_start": 1.15, "weekly_query": 1.2}
PARTS = ("warm_start", "weekly_query", "import", "sync_pull")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="run only this part (repeatable); its results go to encryption_PART.json",
    )
    args = parser.parse_args()
    if not in_keyring_session():
        return rerun_in_keyring_session(Path(__file__))
    parts = args.only or list(PARTS)
    results: dict[str, Any] = {"runs": args.runs}
    measure = {
        "warm_start": lambda: bench_warm_start(args.runs),
        "weekly_query": lambda: bench_weekly_query(args.runs),
        "import": lambda: bench_import(max(3, args.runs // 2), args.users),
        "sync_pull": lambda: bench_pull(max(3, args.runs // 2), args.records),
    }
    name = "encryption" if args.only is None else "encryption_" + "_".join(parts)
    for part in parts:
        before = os.getloadavg()
        results[part] = {**measure[part](), "load_before_after": [before, os.getloadavg()]}
        write_result(name, results)  # each part kept as soon as it is measured
    _print(results)
    return 0


# -- warm start ----------------------------------------------------------------------------


def _before_encryption() -> str:
    """The newest commit of this history without the encrypted store: main as it was just
    before issue 14 came in, with every other feature. (The parent of the commit that added
    ``store/encryption.py`` lacks what main gained since, issues 9 to 12, and would count
    their start-up cost as encryption's.)"""
    module = "src/classroom_desk/store/encryption.py"

    def git(*args: str) -> list[str]:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True)
        return done.stdout.split()

    added = git("log", "--format=%H", "--diff-filter=A", "--", module)[-1]
    with_encryption = {added, *git("rev-list", "--ancestry-path", f"{added}..HEAD")}
    return next(c for c in git("rev-list", "--date-order", "HEAD") if c not in with_encryption)


def _base_tree(folder: Path, commit: str) -> Path:
    """``commit``'s sources, exported with ``git archive``, not checked out."""
    archive = subprocess.run(
        ["git", "archive", commit, "src"], cwd=REPO, capture_output=True, check=True
    ).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def bench_warm_start(runs: int) -> dict[str, Any]:
    base_commit = _before_encryption()
    with tempfile.TemporaryDirectory(prefix="bench-start-") as folder:
        root = Path(folder)
        base_src = _base_tree(root / "base", base_commit)
        plain_dir, keyring_dir, passphrase_dir = root / "plain", root / "keyring", root / "pass"
        same_code_dir = root / "plain-same-code"
        cache = cached_bytecode(root / "pycache")
        plain_env = child_env(PYTHONPATH=str(base_src), **cache)
        keyring_env = child_env(**cache)
        passphrase_env = child_env(
            CLASSROOM_DESK_PASSPHRASE="bench passphrase for start",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            **cache,
        )
        cases = {
            "plain_before": (plain_dir, plain_env),
            "encrypted_keyring": (keyring_dir, keyring_env),
            "encrypted_passphrase": (passphrase_dir, passphrase_env),
        }
        argv = {name: app_argv(data_dir) for name, (data_dir, _env) in cases.items()}
        # This tree's start with no key: the same code, on a plain store.
        cases["plain_same_code"] = (same_code_dir, keyring_env)
        argv["plain_same_code"] = [sys.executable, str(PLAIN_START), *app_argv(same_code_dir)[3:]]
        for name, (_data_dir, env) in cases.items():  # first starts: stores made
            check_child(run_child(argv[name], marker=APP_MARKER, env=env), name)
        for data_dir in (plain_dir, same_code_dir):
            assert (data_dir / "demo.sqlite").read_bytes()[:15] == b"SQLite format 3"
        assert (keyring_dir / "demo.sqlite").read_bytes()[:15] != b"SQLite format 3"
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, (_data_dir, env) in cases.items():
                run = run_child(argv[name], marker=APP_MARKER, env=env)
                check_child(run, name)
                assert run.to_marker_s is not None
                times[name].append(ms(run.to_marker_s))
    stats = {name: summary(values) for name, values in times.items()}
    base = stats["plain_before"]["median"]
    return {
        "baseline_commit": base_commit,
        "ms": stats,
        "ratio_keyring": stats["encrypted_keyring"]["median"] / base,
        "ratio_passphrase": stats["encrypted_passphrase"]["median"] / base,
        # What encryption itself adds: the same tree's start on a plain store.
        "ratio_keyring_same_code": stats["encrypted_keyring"]["median"]
        / stats["plain_same_code"]["median"],
        "target": TARGETS["warm_start"],
    }


# -- the weekly-figures query ----------------------------------------------------------------


def bench_weekly_query(runs: int) -> dict[str, Any]:
    import sqlite3

    from classroom_desk.domain.weeks import SchoolCalendar
    from classroom_desk.store.database import open_store
    from classroom_desk.store.encryption import StoreKey, encrypt_plain_file
    from classroom_desk.store.roster_queries import RosterQueries
    from scale import district, interleaved

    source, meta = district(regenerate=False)
    with tempfile.TemporaryDirectory(prefix="bench-query-") as folder:
        plain_path, encrypted_path = Path(folder) / "plain.sqlite", Path(folder) / "enc.sqlite"
        shutil.copyfile(source, plain_path)
        shutil.copyfile(source, encrypted_path)
        key = StoreKey.generate()
        started = time.perf_counter()
        encrypt_plain_file(encrypted_path, key)
        conversion_s = time.perf_counter() - started
        plain, encrypted = open_store(plain_path), open_store(encrypted_path, key)
        stdlib = sqlite3.connect(plain_path)
        try:
            queries = {"plain": RosterQueries(plain.connection)}
            queries["encrypted"] = RosterQueries(encrypted.connection)
            queries["stdlib_sqlite3"] = RosterQueries(stdlib)
            school = queries["plain"].school()
            assert school is not None
            calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
            newest = queries["plain"].last_activity()
            assert newest is not None
            start, end = calendar.utc_bounds(calendar.week_of(newest))
            sections = [s.id for s in queries["plain"].sections()]
            result: dict[str, Any] = {
                "students": meta["students"],
                "attempts": meta["attempts"],
                "file_mb": meta["file_mb"],
                "conversion_s": round(conversion_s, 2),
            }
            for label, ids in (("district", sections), ("class", sections[:1])):
                times = interleaved(
                    {
                        name: lambda q=q, ids=ids: q.weekly_roster(
                            section_ids=ids,
                            content_area_id="math",
                            start_utc=start,
                            end_utc=end,
                            thresholds=school.thresholds,
                        )
                        for name, q in queries.items()
                    },
                    runs,
                )
                stats = {name: summary(values) for name, values in times.items()}
                result[label] = {
                    "ms": stats,
                    "ratio": stats["encrypted"]["median"] / stats["plain"]["median"],
                    "ratio_to_stdlib": stats["encrypted"]["median"]
                    / stats["stdlib_sqlite3"]["median"],
                }
        finally:
            plain.close()
            encrypted.close()
            stdlib.close()
    result["target"] = TARGETS["weekly_query"]
    return result


# -- a OneRoster import ------------------------------------------------------------------


def bench_import(runs: int, users: int) -> dict[str, Any]:
    from classroom_desk.importers.oneroster import import_oneroster
    from classroom_desk.store.database import open_store
    from classroom_desk.store.encryption import StoreKey
    from import_oneroster import generate

    package = REPO / "bench" / "out" / f"oneroster-{users}"
    generate(package, users=users, classes=max(1, users // 25), regenerate=False)
    times: dict[str, list[float]] = {"plain": [], "encrypted": []}
    rows = 0
    for _ in range(runs):
        for name in times:
            with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
                key = StoreKey.generate() if name == "encrypted" else None
                store = open_store(Path(folder) / "school.sqlite", key)
                try:
                    started = time.perf_counter()
                    report = import_oneroster(package, store)
                    times[name].append(time.perf_counter() - started)
                    rows = report.rows_read
                finally:
                    store.close()
    seconds = {name: summary(values) for name, values in times.items()}
    return {
        "users": users,
        "seconds": seconds,
        "rows_per_s": {name: rows / s["median"] for name, s in seconds.items()},
        "ratio": seconds["plain"]["median"] / seconds["encrypted"]["median"],
    }


# -- sync pull over HTTPS and HTTP ----------------------------------------------------------


def bench_pull(runs: int, records: int) -> dict[str, Any]:
    from tests.sync.harness import ServerProcess, new_laptop, sqlite_url, template_store

    from classroom_desk.server.tls import make_certificate
    from classroom_desk.sync.client import sign_in
    from sync import add_attempts

    times: dict[str, list[float]] = {"http": [], "https": []}
    pulled = 0
    with tempfile.TemporaryDirectory(prefix="bench-tls-") as folder:
        root = Path(folder)
        made = make_certificate(root / "tls", hosts=["127.0.0.1"])
        plain = ServerProcess(sqlite_url(root), root)
        plain.start()
        add_attempts(plain.database_url, records)
        secure = ServerProcess(sqlite_url(root), root, tls=(made.certificate, made.key))
        secure.start()
        template = template_store(root)
        try:
            for run in range(runs):
                for name, server in (("http", plain), ("https", secure)):
                    laptop = new_laptop(root, f"{name}-{run}", server.url, "rivera", template)
                    try:
                        result = sign_in(
                            laptop.store,
                            server_url=server.url,
                            user="rivera",
                            password="maple-ridge-rivera",
                            trusted_fingerprint=made.fingerprint,
                        )
                        laptop.token = result.token
                        started = time.perf_counter()
                        report = laptop.sync()
                        times[name].append(time.perf_counter() - started)
                        pulled = report.pulled
                    finally:
                        laptop.close()
        finally:
            plain.stop()
            secure.stop()
    seconds = {name: summary(values) for name, values in times.items()}
    rates = {name: pulled / s["median"] for name, s in seconds.items()}
    return {
        "records": pulled,
        "seconds": seconds,
        "records_per_s": rates,
        "ratio": rates["https"] / rates["http"],
    }


def _print(results: dict[str, Any]) -> None:
    print("\nencryption benchmark (medians; ratios to the same run's baseline)")
    if "warm_start" in results:
        _print_start(results["warm_start"])
    if "weekly_query" in results:
        _print_query(results["weekly_query"])
    if "import" in results:
        _print_import(results["import"])
    if "sync_pull" in results:
        _print_pull(results["sync_pull"])


def _print_start(start: dict[str, Any]) -> None:
    for name, stats in start["ms"].items():
        print(f"  warm start {name:<22} {stats['median']:8.0f} ms")
    print(
        f"  warm start ratio (keyring) {start['ratio_keyring']:.2f}x "
        f"(target <= {start['target']}); passphrase {start['ratio_passphrase']:.2f}x; "
        f"against this tree on a plain store {start['ratio_keyring_same_code']:.2f}x"
    )


def _print_query(query: dict[str, Any]) -> None:
    for label in ("district", "class"):
        stats = query[label]["ms"]
        print(
            f"  weekly figures {label:<8} plain {stats['plain']['median']:7.1f} ms, "
            f"encrypted {stats['encrypted']['median']:7.1f} ms: {query[label]['ratio']:.2f}x "
            f"(stdlib sqlite3 {stats['stdlib_sqlite3']['median']:.1f} ms)"
        )
    print(f"  district conversion (once) {query['conversion_s']} s for {query['file_mb']} MB")


def _print_import(imported: dict[str, Any]) -> None:
    print(
        f"  OneRoster import {imported['users']} users: plain "
        f"{imported['rows_per_s']['plain']:,.0f} rows/s, encrypted "
        f"{imported['rows_per_s']['encrypted']:,.0f} rows/s ({imported['ratio']:.2f}x)"
    )


def _print_pull(pull: dict[str, Any]) -> None:
    print(
        f"  sync pull {pull['records']:,} records: http {pull['records_per_s']['http']:,.0f}/s, "
        f"https {pull['records_per_s']['https']:,.0f}/s ({pull['ratio']:.2f}x)"
    )


if __name__ == "__main__":
    raise SystemExit(main())

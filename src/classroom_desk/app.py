"""The composition root: reads the command line, opens the store, wires presenter and window.

Nothing imports this module. Qt is imported only once the store is open, and the
demo school is generated only when there is no school yet.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from classroom_desk import __version__
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import (
    Store,
    StoreError,
    backup_if_due,
    backup_store,
    open_store,
)

SCHOOL_STORE = "school.sqlite"
DEMO_STORE = "demo.sqlite"
SETTINGS_FILE = "settings.ini"
EXIT_INPUT_ERROR = 1
EXIT_STORE_ERROR = 2
IMPORT_ONEROSTER = "import-oneroster"
SET_SCHOOL = "set-school"
UNDO_IMPORT = "undo-import"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("classroom-desk", "ClassroomDesk"))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="classroom-desk",
        description="Classroom Desk: see each student's week and who needs support first.",
        epilog=f"Roster import: %(prog)s {IMPORT_ONEROSTER} PATH [--dry-run] "
        f"[--confirm-removals] [--data-dir DIR]; %(prog)s {UNDO_IMPORT} takes it back.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the built-in demo school (its own file)"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="folder holding the local database"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open, load and paint the roster, print its row count and exit",
    )
    return parser.parse_args(argv)


def _has_school(store: Store) -> bool:
    return store.connection.execute("SELECT 1 FROM school LIMIT 1").fetchone() is not None


def _demo_is_stale(store: Store, now: datetime) -> bool:
    """The demo's twelve weeks should end this week; older demo data is rebuilt."""
    from classroom_desk.store.roster_queries import RosterQueries

    queries = RosterQueries(store.connection)
    school, newest = queries.school(), queries.last_activity()
    if school is None or newest is None:
        return True
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    return calendar.week_of(newest) < calendar.current_week(now) - timedelta(weeks=1)


def open_demo_store(data_dir: Path, now: datetime) -> Store:
    """The demo school's own store, (re)built when missing or out of date.

    A stale demo file is copied to ``backups/`` before it is rebuilt, so notes
    made while trying the demo are not thrown away.
    """
    path = data_dir / DEMO_STORE
    store = open_store(path)
    if _has_school(store) and not _demo_is_stale(store, now):
        return store
    if _has_school(store):
        backup_store(store.connection, path, reason="stale-demo")
        store.close()
        path.unlink()
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        store = open_store(path)
    from classroom_desk.demo import build_demo_school
    from classroom_desk.store.loading import load_dataset

    load_dataset(store, build_demo_school(now))
    return store


def open_app_store(data_dir: Path, *, demo: bool, now: datetime) -> Store:
    """The teacher's school store, or the demo when asked or when no school is set up."""
    if not demo:
        store = open_store(data_dir / SCHOOL_STORE)
        if _has_school(store):
            return store
        store.close()
    return open_demo_store(data_dir, now)


def reopen_command(argv: Sequence[str], *, executable: str, frozen: bool) -> list[str]:
    """The command that starts this app again as it was started, but on the teacher's
    school: the same options without ``--demo``."""
    options = [argument for argument in argv[1:] if argument != "--demo"]
    if frozen:  # the PyInstaller bundle: the executable is the app
        return [executable, *options]
    return [executable, "-m", "classroom_desk", *options]


def reopen_app() -> None:
    """Start a new Classroom Desk on the school; the caller closes this one."""
    import subprocess

    command = reopen_command(
        sys.argv, executable=sys.executable, frozen=bool(getattr(sys, "frozen", False))
    )
    subprocess.Popen(command, start_new_session=True)


def import_oneroster_command(argv: Sequence[str]) -> int:
    """``classroom-desk import-oneroster PATH [--data-dir DIR]``: the roster into the school
    store; on bad input, ``file:line:column: what was expected`` on stderr and nothing changed."""
    from classroom_desk.importers.errors import ImportCancelledError, InputError
    from classroom_desk.importers.oneroster import import_keeping_undo
    from classroom_desk.importers.oneroster.options import add_import_arguments, import_options
    from classroom_desk.importers.oneroster.progress import TerminalProgress

    parser = argparse.ArgumentParser(
        prog=f"classroom-desk {IMPORT_ONEROSTER}",
        description="Import a OneRoster 1.1 or 1.2 CSV roster (a folder or a .zip with "
        "manifest.csv) into the school's store.",
    )
    add_import_arguments(parser)
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    try:
        store = open_store((args.data_dir or default_data_dir()) / SCHOOL_STORE)
    except StoreError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        with TerminalProgress(sys.stderr) as progress:
            report = import_keeping_undo(
                args.path, store, options=import_options(args), progress=progress
            )
    except (InputError, ImportCancelledError) as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT_ERROR
    except sqlite3.Error as error:
        print(f"classroom-desk: {store.path}: {error}; nothing was imported", file=sys.stderr)
        return EXIT_STORE_ERROR
    finally:
        store.close()
    print(report.text())
    return 0


def undo_import_command(argv: Sequence[str]) -> int:
    """``classroom-desk undo-import [--discard-later-changes] [--data-dir DIR]``: the
    school store as it was before the last roster import, and what that restores."""
    from classroom_desk.store.undo import LaterChangesError, UndoError, undo_last_import

    parser = argparse.ArgumentParser(
        prog=f"classroom-desk {UNDO_IMPORT}",
        description="Restore the school's store as it was before the last roster import "
        "(classroom-desk import-oneroster or File > Import roster).",
    )
    parser.add_argument(
        "--discard-later-changes",
        action="store_true",
        help="undo even though notes, goals or other work were saved since the import "
        "(they are lost; refused otherwise)",
    )
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    path = (args.data_dir or default_data_dir()) / SCHOOL_STORE
    try:
        result = undo_last_import(path, discard_later_changes=args.discard_later_changes)
    except LaterChangesError as error:
        print(f"classroom-desk: {error} Run again with --discard-later-changes to undo anyway.",
              file=sys.stderr)  # fmt: skip
        return EXIT_INPUT_ERROR
    except UndoError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except (OSError, sqlite3.Error) as error:
        print(f"classroom-desk: {path}: {error}; nothing was restored", file=sys.stderr)
        return EXIT_STORE_ERROR
    print(result.describe())
    return 0


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="folder holding the local database"
    )


def set_school_command(argv: Sequence[str]) -> int:
    """``classroom-desk set-school [--time-zone TZ] ...``: show or change the school's
    policy on a laptop without a school server (one with a server takes the server's)."""
    from classroom_desk.domain.policy import POLICY_OPTIONS, describe_policy, policy_changes
    from classroom_desk.store.school_policy import PolicyChangeError, set_school_policy

    parser = argparse.ArgumentParser(
        prog=f"classroom-desk {SET_SCHOOL}",
        description="Show the school's time zone, first day of the week and thresholds, "
        "or change them (a laptop without a school server).",
    )
    for option in POLICY_OPTIONS:
        parser.add_argument(f"--{option.option}", help=option.help)
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    try:
        changes = policy_changes({o.option: getattr(args, o.dest) for o in POLICY_OPTIONS})
        store = open_store((args.data_dir or default_data_dir()) / SCHOOL_STORE)
    except ValueError as error:
        parser.error(str(error))
    except StoreError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        school = set_school_policy(store, changes)
    except PolicyChangeError as error:
        print(f"classroom-desk: {error}; nothing was changed", file=sys.stderr)
        return EXIT_INPUT_ERROR
    finally:
        store.close()
    print(
        describe_policy(school.name, school.time_zone, school.first_day_of_week, school.thresholds)
    )
    return 0


SUBCOMMANDS = {
    IMPORT_ONEROSTER: import_oneroster_command,
    UNDO_IMPORT: undo_import_command,
    SET_SCHOOL: set_school_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] and arguments[0] in SUBCOMMANDS:
        return SUBCOMMANDS[arguments[0]](arguments[1:])
    args = parse_args(arguments)
    data_dir = args.data_dir or default_data_dir()
    try:
        store = open_app_store(data_dir, demo=args.demo, now=datetime.now(UTC))
    except StoreError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        if not args.smoke_test:
            from classroom_desk.ui.errors import show_startup_error

            show_startup_error(str(error))
        return EXIT_STORE_ERROR

    try:
        backup_if_due(store)
    except (OSError, sqlite3.Error) as error:  # a missed backup must not stop the class
        print(f"classroom-desk: daily backup skipped: {error}", file=sys.stderr)

    from classroom_desk.presenters.roster import RosterPresenter
    from classroom_desk.presenters.student_panel import StudentPanelPresenter
    from classroom_desk.store.conference_queries import ConferenceQueries
    from classroom_desk.store.roster_queries import RosterQueries
    from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
    from classroom_desk.ui.main_window import AppServices, run_main_window

    try:
        actions = TeacherActions(store, ensure_device(store))
    except sqlite3.Error as error:
        print(f"classroom-desk: {store.path}: {error}", file=sys.stderr)
        store.close()
        return EXIT_STORE_ERROR
    from classroom_desk.store.plan_queries import PlanQueries

    conference = ConferenceQueries(store.connection)
    queries = RosterQueries(store.connection)
    roster = RosterPresenter(
        source=queries, goals=conference, sources=queries, tutoring=PlanQueries(store.connection)
    )
    panel = StudentPanelPresenter(
        source=conference,
        actions=actions,
        # The panel follows the roster's school: its calendar and thresholds once started.
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
    )

    def services() -> AppServices:
        """Imports, reports and sync, made once the roster has painted. Each opens its own
        connection to the same file; with no keyring, sync says so and the app keeps
        working offline (never a plaintext token)."""
        from classroom_desk.presenters.imports import ImportService
        from classroom_desk.presenters.plans import plan_presenters
        from classroom_desk.presenters.reports import ReportService
        from classroom_desk.presenters.sync_status import SyncStatusPresenter
        from classroom_desk.sync.replica import read_problems, read_status

        return AppServices(
            imports=ImportService(
                store.path, roster_store_path=data_dir / SCHOOL_STORE, open_school=reopen_app
            ),
            reports=ReportService(store.path),
            sync=SyncStatusPresenter(
                store_path=store.path,
                read_status=lambda: read_status(store),
                read_problems=lambda: read_problems(store),
            ),
            plans=plan_presenters(
                store, calendar=lambda: roster.calendar, thresholds=lambda: roster.thresholds
            ),
        )

    from classroom_desk.presenters.school_settings import AppInfo, SchoolSettingsService

    try:
        return run_main_window(
            roster,
            panel,
            settings_path=data_dir / SETTINGS_FILE,
            smoke_test=args.smoke_test,
            services=services,
            school_settings=SchoolSettingsService(store.path),
            app_info=AppInfo(
                version=__version__,
                data_folder=data_dir,
                store_file=store.path,
                settings_file=data_dir / SETTINGS_FILE,
            ),
        )
    finally:
        store.close()

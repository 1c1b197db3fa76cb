"""The composition root: reads the command line, opens the store, wires presenter and window.

Nothing imports this module. At start the keyring is asked for the store's key before Qt
is imported; the store opens once the window's modules are loaded. The demo school is
generated only when there is no school yet.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from classroom_desk import __version__
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import (
    Store,
    StoreError,
    WrongKeyError,
    backup_if_due,
    backup_store,
    open_store,
)
from classroom_desk.store.encryption import DATABASE_ERRORS, DATABASE_OR_FILE_ERRORS, StoreKey
from classroom_desk.store.keys import (
    AskPassphrase,
    KeyringLookup,
    PassphraseRequest,
    load_store_key,
    passphrase_from_environment,
    retry_passphrase,
)
from classroom_desk.store.school_files import (
    SCHOOL_STORE,
    SCHOOLS_FILE,
    SchoolFile,
    SchoolList,
    read_school_list,
)

if TYPE_CHECKING:
    from classroom_desk.presenters.schools import SchoolSwitchPresenter
    from classroom_desk.presenters.sync_status import Session

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
    """The demo's twelve weeks should end this week; older demo data is rebuilt. A demo
    file signed in to a school server is that server's copy of its school, no demo: its
    activity may be weeks old (a break) or none (a principal's laptop holds none)."""
    from classroom_desk.store.roster_queries import RosterQueries

    queries = RosterQueries(store.connection)
    if queries.school_server() is not None:
        return False
    school, newest = queries.school(), queries.last_activity()
    if school is None or newest is None:
        return True
    calendar = SchoolCalendar.named(school.time_zone, school.first_day_of_week)
    return calendar.week_of(newest) < calendar.current_week(now) - timedelta(weeks=1)


def open_demo_store(data_dir: Path, now: datetime, key: StoreKey | None) -> Store:
    """The demo school's own store, (re)built when missing or out of date.

    A stale demo file is copied to ``backups/`` before it is rebuilt, so notes
    made while trying the demo are not thrown away.
    """
    path = data_dir / DEMO_STORE
    store = open_store(path, key)
    if _has_school(store) and not _demo_is_stale(store, now):
        return store
    if _has_school(store):
        backup_store(store.connection, path, reason="stale-demo", key=key)
        store.close()
        path.unlink()
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        store = open_store(path, key)
    from classroom_desk.demo import build_demo_school
    from classroom_desk.store.loading import load_dataset

    load_dataset(store, build_demo_school(now))
    return store


def open_app_store(
    data_dir: Path,
    *,
    demo: bool,
    now: datetime,
    key: StoreKey | None,
    school: SchoolFile | None = None,
) -> Store:
    """The teacher's school store, or the demo when asked or when no school is set up.

    ``school``: one of a teacher's several schools, other than the first (in its own
    file, which a sign-in created: opened whatever it holds yet). When that file is gone
    the first school opens, and stderr says why: a store made anew would show an empty
    school under its name (the switch to it then says the file is missing)."""
    first_file = read_school_list(data_dir).first_file
    if not demo and school is not None and school.file != first_file:
        path = school.path(data_dir)
        if path.is_file():
            return open_store(path, key)
        print(f"classroom-desk: {path} is missing; opening the first school", file=sys.stderr)
    if not demo:
        store = open_store(data_dir / SCHOOL_STORE, key)
        if _has_school(store):
            return store
        store.close()
    return open_demo_store(data_dir, now, key)


PASSPHRASE_TRIES = 3


def open_with_key(
    data_dir: Path,
    ask: AskPassphrase,
    opener: Callable[[StoreKey], Store],
    lookup: KeyringLookup | None = None,
) -> Store:
    """The store, opened with the key from the keyring or a passphrase (asked again when
    a typed passphrase does not open it, at most three times). ``lookup``: the keyring's
    answer asked for at start, used by the first try only."""
    for attempt in range(PASSPHRASE_TRIES):
        key = load_store_key(data_dir, ask=ask, lookup=lookup if attempt == 0 else None)
        try:
            return opener(key)
        except WrongKeyError:
            if attempt + 1 == PASSPHRASE_TRIES or not retry_passphrase(data_dir):
                raise
            ask = _after_wrong_passphrase(ask)
    raise AssertionError("unreachable")


def _after_wrong_passphrase(ask: AskPassphrase) -> AskPassphrase:
    def again(request: PassphraseRequest) -> str | None:
        return ask(PassphraseRequest(new=request.new, data_dir=request.data_dir, after_wrong=True))

    return again


def ask_at_terminal(request: PassphraseRequest) -> str | None:
    """The passphrase from ``CLASSROOM_DESK_PASSPHRASE``, or typed at a terminal."""
    given = passphrase_from_environment()
    if given is not None or not sys.stdin.isatty():
        return given
    import getpass

    print(request.message, file=sys.stderr)
    first = getpass.getpass("Passphrase: ")
    if request.new and getpass.getpass("Type it again: ") != first:
        print("classroom-desk: the two passphrases differ.", file=sys.stderr)
        return None
    return first


def open_school_store(data_dir: Path, path: Path) -> Store:
    """A school's store for a command-line command (asks at the terminal if it must)."""
    return open_with_key(data_dir, ask_at_terminal, lambda key: open_store(path, key))


class SchoolRefusedError(Exception):
    """The school a command would act on is not clear, or not the one named: the message
    says why and lists this laptop's schools."""


def command_school(data_dir: Path, choice: str | None) -> tuple[Path, SchoolFile | None]:
    """The store a command changes, and the school of ``schools.json`` it is (``None`` on a
    laptop of one school: ``school.sqlite``, as always). A laptop of several schools needs
    ``--school`` (a script changing the school the window showed last would change
    whichever one the teacher looked at): without it, or naming none of them, this raises
    :class:`SchoolRefusedError`, having changed nothing, not even made a file."""
    kept = read_school_list(data_dir)
    if not kept.schools and (data_dir / SCHOOLS_FILE).exists():
        raise SchoolRefusedError(
            f"{data_dir / SCHOOLS_FILE}: the list of this laptop's schools cannot be read, "
            "so which school is which is unknown (signing in again in the window writes it "
            "again); nothing was changed"
        )
    if len(kept.schools) < 2:
        return data_dir / SCHOOL_STORE, None
    if choice is None:
        what = f"this laptop keeps {len(kept.schools)} schools"
        raise SchoolRefusedError(_choose_one(what, kept))
    named = kept.named(choice, ids=_sourced_school_ids(choice))
    if len(named) > 1:
        what = f"{len(named)} schools of this laptop are named {choice!r}"
        raise SchoolRefusedError(_choose_one(what, kept, how="by its id"))
    if not named:
        raise SchoolRefusedError(_choose_one(f"no school {choice!r} on this laptop", kept))
    return named[0].path(data_dir), named[0]


def _sourced_school_ids(choice: str) -> set[str]:
    """The school id ``choice`` is as a SIS sourcedId: a school imported from OneRoster
    (on the server or here) has it, so the package's id names it, as on the server."""
    from classroom_desk.importers.oneroster.values import record_id

    return {record_id("school", choice)}


def _choose_one(what: str, schools: SchoolList, *, how: str = "(its id or name)") -> str:
    listed = "; ".join(f"{school.id} ({school.name})" for school in schools.schools)
    return f"{what}: choose one with --school {how}: {listed}; nothing was changed"


def require_named_school(store: Store, choice: str | None) -> None:
    """On a laptop of one school, ``--school`` must name the school its store holds (its
    id or name, any case): another raises :class:`SchoolRefusedError`."""
    if choice is None:
        return
    row = store.connection.execute("SELECT id, name FROM school ORDER BY id LIMIT 1").fetchone()
    if row is not None and (
        row[0] in _sourced_school_ids(choice)
        or choice.strip().casefold() in (row[0].casefold(), row[1].casefold())
    ):
        return
    holds = "no school yet" if row is None else f"{row[0]} ({row[1]})"
    raise SchoolRefusedError(
        f"{store.path}: this laptop's only school store holds {holds}, not {choice!r}; "
        "nothing was changed"
    )


def open_command_store(data_dir: Path, choice: str | None) -> tuple[Store, SchoolFile | None]:
    """The store of the school ``choice`` names (see :func:`command_school`), opened."""
    path, school = command_school(data_dir, choice)
    return open_school_store(data_dir, path), school


def reopen_command(argv: Sequence[str], *, executable: str, frozen: bool) -> list[str]:
    """The command that starts this app again as it was started, but on the teacher's
    school: the same options without ``--demo``."""
    options = [argument for argument in argv[1:] if argument != "--demo"]
    if frozen:  # the PyInstaller bundle: the executable is the app
        return [executable, *options]
    return [executable, "-m", "classroom_desk", *options]


def reopen_app() -> None:
    """Start a new Classroom Desk on the school; the caller has closed this one's window."""
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
    from classroom_desk.store.backups import backup_before_roster_import

    parser = argparse.ArgumentParser(
        prog=f"classroom-desk {IMPORT_ONEROSTER}",
        description="Import a OneRoster 1.1 or 1.2 CSV roster (a folder or a .zip with "
        "manifest.csv) into the school's store.",
    )
    add_import_arguments(parser, school_help=LAPTOP_IMPORT_SCHOOL_HELP)
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    try:
        store, school = open_command_store(args.data_dir or default_data_dir(), args.school)
    except SchoolRefusedError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except StoreError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_STORE_ERROR
    if _refused_read_only(store, nothing="imported"):
        store.close()
        return EXIT_INPUT_ERROR
    options = import_options(args)
    if school is not None and args.school == school.id:
        # The laptop's id for the school is the server's, not a sourcedId of the package:
        # the package's school is then the one the store holds.
        options = dataclasses.replace(options, school=None)
    try:
        backup_before_roster_import(store)
        with TerminalProgress(sys.stderr) as progress:
            report = import_keeping_undo(args.path, store, options=options, progress=progress)
    except (InputError, ImportCancelledError) as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT_ERROR
    except DATABASE_ERRORS as error:
        print(f"classroom-desk: {store.path}: {error}; nothing was imported", file=sys.stderr)
        return EXIT_STORE_ERROR
    finally:
        store.close()
    print(report.text())
    return 0


def undo_import_command(argv: Sequence[str]) -> int:
    """``classroom-desk undo-import [--discard-later-changes] [--data-dir DIR]``: the
    school store as it was before the last roster import, and what that restores."""
    from classroom_desk.store.undo import (
        LaterChangesError,
        UndoError,
        undo_last_import,
        undo_point,
    )

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
    _add_school(parser)
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    try:
        path, school = command_school(data_dir, args.school)
    except SchoolRefusedError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    try:
        named_here = school is None and args.school is not None and path.exists()
        key = None
        # The store's key (from the keyring or a passphrase), and its school to check.
        if undo_point(path) is not None or named_here:
            with closing(open_school_store(data_dir, path)) as store:
                require_named_school(store, args.school if school is None else None)
                if _refused_read_only(store, nothing="restored"):
                    return EXIT_INPUT_ERROR
                key = store.key
        result = undo_last_import(path, key=key, discard_later_changes=args.discard_later_changes)
    except SchoolRefusedError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except LaterChangesError as error:
        print(f"classroom-desk: {error} Run again with --discard-later-changes to undo anyway.",
              file=sys.stderr)  # fmt: skip
        return EXIT_INPUT_ERROR
    except UndoError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except StoreError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_STORE_ERROR
    except DATABASE_OR_FILE_ERRORS as error:
        print(f"classroom-desk: {path}: {error}; nothing was restored", file=sys.stderr)
        return EXIT_STORE_ERROR
    print(result.describe())
    return 0


def _refused_read_only(store: Store, *, nothing: str) -> bool:
    """A principal's or coach's laptop keeps the school server's copy of the school (the
    window rests its imports and their undo): a roster changed here would be fought by
    the next sync, so the command says so on stderr, and changes ``nothing``."""
    from classroom_desk.domain.roles import READ_ONLY_REFUSAL
    from classroom_desk.store.roster_queries import RosterQueries

    role = RosterQueries(store.connection).read_only_role()
    if role is None:
        return False
    print(
        f"classroom-desk: {store.path}: a {role}'s laptop: {READ_ONLY_REFUSAL}. It keeps the "
        "school server's copy of the school: the school admin imports rosters on the server "
        f"(classroom-desk-server import-oneroster); nothing was {nothing}",
        file=sys.stderr,
    )
    return True


#: ``--school`` of the laptop's import: the school of the package and of this laptop.
LAPTOP_IMPORT_SCHOOL_HELP = (
    "the school to import: in a package of several (its sourcedId or name), and on a "
    "laptop keeping several schools, the store it goes into (its name or sourcedId, or its "
    "id as the refusal without it lists them: then the package's school is the one that "
    "store holds)"
)


def _add_school(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--school",
        metavar="ID-OR-NAME",
        help="on a laptop keeping several schools, the one to act on (its id or name, as "
        "the refusal without it lists them, or its SIS sourcedId); needed there",
    )


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
    _add_school(parser)
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    try:
        changes = policy_changes({o.option: getattr(args, o.dest) for o in POLICY_OPTIONS})
        store, kept = open_command_store(args.data_dir or default_data_dir(), args.school)
    except ValueError as error:
        parser.error(str(error))
    except SchoolRefusedError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except StoreError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_STORE_ERROR
    try:
        require_named_school(store, args.school if kept is None else None)
        school = set_school_policy(store, changes)
    except SchoolRefusedError as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except PolicyChangeError as error:
        print(f"classroom-desk: {error}; nothing was changed", file=sys.stderr)
        return EXIT_INPUT_ERROR
    finally:
        store.close()
    print(
        describe_policy(school.name, school.time_zone, school.first_day_of_week, school.thresholds)
    )
    return 0


TRUST_CERTIFICATE = "trust-certificate"
ALLOW_PLAIN_HTTP = "allow-plain-http"


def trust_certificate_command(argv: Sequence[str]) -> int:
    """``classroom-desk trust-certificate URL --fingerprint FP``: school IT accepts a
    planned change of the server's certificate (the new fingerprint must match)."""
    from classroom_desk.sync.pinning import TransportRefusedError, TrustStore

    parser = argparse.ArgumentParser(
        prog=f"classroom-desk {TRUST_CERTIFICATE}",
        description="Trust the school server's new certificate after a planned change: the "
        "certificate the server shows must have the fingerprint given (from "
        "classroom-desk-server make-certificate).",
    )
    parser.add_argument("url", help="the server's https:// address")
    parser.add_argument("--fingerprint", required=True, help="SHA-256, as AB:CD:...")
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    trust = TrustStore(args.data_dir or default_data_dir())
    try:
        pinned = trust.trust_new_certificate(args.url, args.fingerprint)
    except (TransportRefusedError, OSError) as error:
        print(f"classroom-desk: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    print(f"now trusting {args.url} with the certificate {pinned}")
    return 0


def allow_plain_http_command(argv: Sequence[str]) -> int:
    """``classroom-desk allow-plain-http URL``: the school's decision to sync without
    encryption on its own network; the status bar then says so."""
    from classroom_desk.sync.pinning import TrustStore

    parser = argparse.ArgumentParser(
        prog=f"classroom-desk {ALLOW_PLAIN_HTTP}",
        description="Allow syncing with this http:// server (not encrypted: names and notes "
        "cross the network readable). For a school that decided so on purpose.",
    )
    parser.add_argument("url", help="the server's http:// address")
    _add_data_dir(parser)
    args = parser.parse_args(argv)
    if not args.url.lower().startswith("http://"):
        parser.error("give the server's http:// address")
    TrustStore(args.data_dir or default_data_dir()).allow_plain_http(args.url)
    print(f"allowed unencrypted sync with {args.url}; the status bar will say so")
    return 0


LOG_FILE = "classroom-desk.log"


def start_log(data_dir: Path) -> None:
    """The app's log, ``logs/classroom-desk.log`` in the data folder (1 MB, 3 kept).

    What is logged names files, ids and counts: never a student's name, a note, a
    passphrase, a key or a token (a test reads every log the test suite writes)."""
    import logging
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger("classroom_desk")
    if any(getattr(h, "classroom_desk_log", False) for h in root.handlers):
        return
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=1 << 20, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return  # no log is better than no app
    handler.classroom_desk_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _ask_in_window(request: PassphraseRequest) -> str | None:
    given = passphrase_from_environment()
    if given is not None:
        return given
    from classroom_desk.store.keys import check_new_passphrase
    from classroom_desk.ui.passphrase_dialog import ask_passphrase

    return ask_passphrase(
        new=request.new,
        message=lambda: request.message,  # worded once the prompt has loaded the language
        check=check_new_passphrase,
        settings_file=request.data_dir / SETTINGS_FILE,
    )


SUBCOMMANDS = {
    IMPORT_ONEROSTER: import_oneroster_command,
    UNDO_IMPORT: undo_import_command,
    SET_SCHOOL: set_school_command,
    TRUST_CERTIFICATE: trust_certificate_command,
    ALLOW_PLAIN_HTTP: allow_plain_http_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] and arguments[0] in SUBCOMMANDS:
        return SUBCOMMANDS[arguments[0]](arguments[1:])
    args = parse_args(arguments)
    data_dir = args.data_dir or default_data_dir()
    # The keyring is read before Qt is imported (see ``KeyringLookup``).
    lookup = KeyringLookup.read(data_dir)
    start_log(data_dir)
    import classroom_desk.ui.main_window  # noqa: F401

    school = read_school_list(data_dir).current
    try:
        store = open_with_key(
            data_dir,
            ask_at_terminal if args.smoke_test else _ask_in_window,
            lambda key: open_app_store(
                data_dir, demo=args.demo, now=datetime.now(UTC), key=key, school=school
            ),
            lookup,
        )
    except StoreError as error:
        return _store_error(error, smoke_test=args.smoke_test)
    from classroom_desk.presenters.schools import SchoolSwitchPresenter

    # Sign-ins of this run by school, for a laptop whose keyring cannot keep them.
    sessions: dict[str, Session] = {}
    while True:
        # The same key opens every school's store: one unlock for all of them.
        schools = SchoolSwitchPresenter(data_dir, store.path, store.key)
        code = run_school(store, data_dir, args, schools=schools, sessions=sessions)
        switched = schools.switched_store()  # opened before the window closed
        if switched is None:
            return code
        store = switched


def _store_error(error: StoreError, *, smoke_test: bool) -> int:
    print(f"classroom-desk: {error}", file=sys.stderr)
    if not smoke_test:
        from classroom_desk.ui.errors import show_startup_error

        show_startup_error(str(error))
    return EXIT_STORE_ERROR


def run_school(
    store: Store,
    data_dir: Path,
    args: argparse.Namespace,
    *,
    schools: SchoolSwitchPresenter,
    sessions: dict[str, Session],
) -> int:
    """The window on one school's store, until it closes (the app quits, or the teacher
    switched school: then ``schools.chosen`` says which). Closes the store."""
    try:
        backup_if_due(store)
    except DATABASE_OR_FILE_ERRORS as error:  # a missed backup must not stop the class
        print(f"classroom-desk: daily backup skipped: {error}", file=sys.stderr)

    from classroom_desk.presenters.roster import RosterPresenter
    from classroom_desk.presenters.student_panel import StudentPanelPresenter
    from classroom_desk.store.conference_queries import ConferenceQueries
    from classroom_desk.store.roster_queries import RosterQueries
    from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
    from classroom_desk.ui.main_window import AppServices, run_main_window

    try:
        actions = TeacherActions(store, ensure_device(store))
    except DATABASE_ERRORS as error:
        print(f"classroom-desk: {store.path}: {error}", file=sys.stderr)
        store.close()
        return EXIT_STORE_ERROR
    conference = ConferenceQueries(store.connection)
    queries = RosterQueries(store.connection)
    roster = RosterPresenter(source=queries, goals=conference, sources=queries, tutoring=queries)
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
        from classroom_desk.presenters.backups import BackupService
        from classroom_desk.presenters.imports import ImportService
        from classroom_desk.presenters.plans import plan_presenters
        from classroom_desk.presenters.reports import ReportService
        from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
        from classroom_desk.presenters.sync_status import SyncStatusPresenter
        from classroom_desk.sync.replica import read_problems, read_status

        return AppServices(
            imports=ImportService(
                store.path,
                # A school other than the first takes a roster into its own store.
                roster_store_path=store.path if schools.showing_other else data_dir / SCHOOL_STORE,
                open_school=reopen_app,
                key=store.key,
            ),
            reports=ReportService(store.path, key=store.key),
            sync=SyncStatusPresenter(
                store_path=store.path,
                key=store.key,
                read_status=lambda: read_status(store),
                read_problems=lambda: read_problems(store),
                school_sessions=sessions,
            ),
            plans=plan_presenters(
                store, calendar=lambda: roster.calendar, thresholds=lambda: roster.thresholds
            ),
            backups=BackupService(store.path, store.key),
            rollup=RollupRebuildService(store.path, store.key),
        )

    from classroom_desk.presenters.school_settings import AppInfo, SchoolSettingsService

    try:
        return run_main_window(
            roster,
            panel,
            settings_path=data_dir / SETTINGS_FILE,
            smoke_test=args.smoke_test,
            services=services,
            school_settings=SchoolSettingsService(store.path, store.key),
            app_info=AppInfo(
                version=__version__,
                data_folder=data_dir,
                store_file=store.path,
                settings_file=data_dir / SETTINGS_FILE,
            ),
            schools=schools,
        )
    finally:
        store.close()

"""``classroom-desk-server``: serve the school server, and the school admin's commands."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from classroom_desk.domain.policy import POLICY_OPTIONS, policy_changes
from classroom_desk.importers.oneroster.options import add_import_arguments, import_options

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from classroom_desk.server.auth import Role
    from classroom_desk.store.encryption import StoreKey

EXIT_FAILURE = 1


def default_database_url() -> str:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("classroom-desk-server", "ClassroomDesk"))
    return f"sqlite:///{folder / 'server.sqlite'}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="classroom-desk-server",
        description="The Classroom Desk school server and its admin commands.",
    )
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database",
        default=None,
        help="database URL: sqlite:///PATH (default: a file in the user data folder) or "
        "postgresql+psycopg://USER@HOST/DB",
    )
    database.add_argument(
        "--database-key-file",
        type=Path,
        default=None,
        help="encrypt the SQLite database with SQLCipher using the key in this file (64 hex "
        "digits; make one with make-database-key). PostgreSQL relies on the district's "
        "storage encryption instead.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    certificate = commands.add_parser(
        "make-certificate",
        help="create a self-signed HTTPS certificate and key for a school without its own CA",
    )
    certificate.add_argument(
        "--host",
        action="append",
        required=True,
        dest="hosts",
        help="a name or address laptops use to reach the server (repeat for each)",
    )
    certificate.add_argument("--out-dir", type=Path, default=Path(), help="where to write")
    certificate.add_argument("--days", type=int, default=825, help="validity in days")

    database_key = commands.add_parser(
        "make-database-key", help="write a new random key for --database-key-file"
    )
    database_key.add_argument("path", type=Path, help="the key file to create (mode 600)")

    serve = commands.add_parser("serve", parents=[database], help="run the server")
    serve.add_argument("--demo", action="store_true", help="load the demo school and accounts")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--log-level", default="warning")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port (PostgreSQL only; default: 1)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default=None,
        metavar="ADDRESSES",
        help="comma-separated addresses of reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto headers are trusted (default: none, not even this computer)",
    )
    serve.add_argument(
        "--max-clock-ahead",
        type=float,
        default=5.0,
        metavar="MINUTES",
        help="a change stamped further ahead of this server's clock waits on its laptop "
        "until the laptop's clock is right (default: 5)",
    )
    serve.add_argument("--tls-cert", type=Path, default=None, help="serve HTTPS: certificate PEM")
    serve.add_argument("--tls-key", type=Path, default=None, help="serve HTTPS: private key PEM")

    teacher = commands.add_parser("create-teacher", parents=[database], help="add an account")
    teacher.add_argument("--username", required=True)
    teacher.add_argument("--given-name", required=True)
    teacher.add_argument("--family-name", required=True)
    teacher.add_argument("--email", required=True)
    teacher.add_argument(
        "--role",
        default=None,
        help="teacher (the default); admin; principal (reads every class of the school);"
        " coach (reads the classes of the teachers given with coach-teacher)",
    )
    teacher.add_argument("--admin", action="store_true", help="the same as --role admin")
    _school_argument(teacher)
    teacher.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    link = commands.add_parser(
        "link-school",
        parents=[database],
        help="let a person with an account in one school work in another (the same user name,"
        " password and role open both)",
    )
    link.add_argument("--username", required=True)
    _school_argument(link)
    link.add_argument(
        "--teacher",
        default=None,
        help="a teacher's record in that school (default: the imported one with the"
        " teacher's e-mail)",
    )

    section = commands.add_parser("create-section", parents=[database], help="add a section")
    section.add_argument("--name", required=True)
    section.add_argument("--grade", required=True)
    section.add_argument("--teacher", required=True, help="the lead teacher's user name")
    section.add_argument("--content-area", action="append", default=[], dest="content_areas")
    _school_argument(section)

    coach = commands.add_parser(
        "coach-teacher", parents=[database], help="let a coach read a teacher's classes"
    )
    coach.add_argument("--coach", required=True, help="the coach's user name")
    coach.add_argument("--teacher", required=True, help="the teacher's user name")
    coach.add_argument("--remove", action="store_true", help="take the classes back")
    _school_argument(coach)

    assign = commands.add_parser(
        "assign-teacher", parents=[database], help="share a section with a co-teacher"
    )
    assign.add_argument("--section", required=True, help="section id")
    assign.add_argument("--teacher", required=True, help="the co-teacher's user name")

    _school_argument(
        commands.add_parser("list-devices", parents=[database], help="list signed-in devices")
    )
    reset = commands.add_parser(
        "reset-password",
        parents=[database],
        help="set a new password for an account (its devices must sign in again)",
    )
    reset.add_argument("--username", required=True)
    reset.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    for name, what in (
        ("disable-account", "stop an account signing in and revoke its devices"),
        ("enable-account", "let a disabled account sign in again"),
    ):
        toggle = commands.add_parser(name, parents=[database], help=what)
        toggle.add_argument("--username", required=True)
    audit_log = commands.add_parser(
        "audit-log", parents=[database], help="show the latest admin commands and sign-ins"
    )
    audit_log.add_argument("--limit", type=int, default=50)
    audit_log.add_argument(
        "--subject", default=None, help="only entries about this account, device or student id"
    )
    revoke = commands.add_parser("revoke-device", parents=[database], help="revoke a device")
    revoke.add_argument("token_id", help="the id shown by list-devices")

    policy = commands.add_parser(
        "set-school",
        parents=[database],
        help="show or change the school's time zone, first day of the week and thresholds "
        "(laptops take them at their next sync)",
    )
    _school_argument(policy)
    for option in POLICY_OPTIONS:
        policy.add_argument(f"--{option.option}", help=option.help)
    policy.add_argument(
        "--principals-read-notes",
        choices=("yes", "no"),
        default=None,
        help="whether the school's principals read teachers' notes (conference notes, the "
        "words on celebrations and tutoring sessions); no unless the school says yes",
    )

    roster = commands.add_parser(
        "import-oneroster",
        parents=[database],
        help="import a OneRoster 1.1 or 1.2 CSV roster; the laptops receive it at their next sync",
    )
    add_import_arguments(roster)
    roster.add_argument(
        "--every-school",
        action="store_true",
        help="import every school of a district's package, also on a server that holds "
        "one of them (which otherwise keeps to it); a server holding none or several "
        "always imports every school",
    )

    inbox = commands.add_parser(
        "inbox",
        parents=[database],
        help="import what the SIS and vendors drop in a folder (or: inbox approve NAME)",
        description="Watch DIR: each roster package (OneRoster or School Data Sync, folder "
        "or .zip) and each activity export with a saved server mapping is imported, then "
        "moved to DIR/done, to DIR/failed with NAME.error.txt, or (a roster that needs "
        "--confirm-removals) to DIR/held with the reason until `inbox approve NAME`. Files "
        "still being written (*.part, or a size still changing) wait.",
    )
    inbox.add_argument("target", metavar="DIR|approve", help="the inbox folder, or 'approve'")
    inbox.add_argument("name", nargs="?", help="with approve: the held file or folder")
    inbox.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="with approve: the inbox folder (default: $CLASSROOM_DESK_INBOX)",
    )
    inbox.add_argument(
        "--school",
        default=None,
        help="the school its activity exports are for (its id, SIS sourcedId or name), on a "
        "server of several; without it each export's school is found from the SIS ids of "
        "its students",
    )
    inbox.add_argument("--once", action="store_true", help="one pass, then exit")
    inbox.add_argument("--interval", type=float, default=30.0, help="seconds between passes")
    inbox.add_argument(
        "--settle",
        type=float,
        default=10.0,
        help="seconds a file's size must stay unchanged before it is read",
    )

    mapping = commands.add_parser(
        "mapping", parents=[database], help="server column mappings for activity exports"
    )
    mapping_commands = mapping.add_subparsers(dest="mapping_command", required=True)
    save = mapping_commands.add_parser(
        "save", parents=[database], help="guess a mapping from a sample export and save it"
    )
    save.add_argument("--from", dest="sample", type=Path, required=True, metavar="SAMPLE.csv")
    save.add_argument("--name", required=True, help="the platform's name, e.g. ALEKS")
    save.add_argument("--content-area", default=None, help="for a file with no content-area column")
    save.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="correct the guess: e.g. --column 'Date=Completion Date' (FIELD as in the "
        "mapping dialog; an empty HEADER takes the field out)",
    )
    mapping_commands.add_parser("list", parents=[database], help="show the saved mappings")

    activity = commands.add_parser(
        "import-activity",
        parents=[database],
        help="import one activity export through a saved server mapping",
    )
    activity.add_argument("path", type=Path, metavar="FILE")
    activity.add_argument("--mapping", required=True, help="the saved mapping's name")
    _school_argument(activity)

    export_student = commands.add_parser(
        "export-student",
        parents=[database],
        help="write everything held about one student as PDF and JSON (a records request)",
    )
    export_student.add_argument("student_id", metavar="ID", help="the student's id")
    export_student.add_argument("--output", type=Path, default=Path(), help="folder")
    export_student.add_argument("--by", default=None, help="who asks (audit log; default: you)")

    forget = commands.add_parser(
        "forget-student",
        parents=[database],
        help="remove a student who has left, after retention, from the server and, at their "
        "next sync, from every laptop",
    )
    forget.add_argument("student_id", metavar="ID", help="the student's id")
    forget.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    forget.add_argument("--by", default=None, help="who decided (audit log; default: you)")

    export = commands.add_parser(
        "export-reassignments",
        parents=[database],
        help="write reassignments for the learning platform as CSV",
    )
    export.add_argument("--output", type=Path, required=True)
    export.add_argument("--after", type=int, default=0, help="feed cursor of the last export")
    _school_argument(export)
    return parser


def _school_argument(command: argparse.ArgumentParser) -> None:
    """``--school`` of a command that acts on one school (needed when the server holds
    several)."""
    command.add_argument(
        "--school",
        default=None,
        help="the school: its id, SIS sourcedId or name (needed when the server holds several)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    # The database, its journal and any log are the school's: readable by this user only.
    os.umask(0o077)
    from classroom_desk.server.admin import AdminError
    from classroom_desk.server.database import ServerDatabaseError

    try:
        return _run(args)
    except (AdminError, ServerDatabaseError) as error:
        print(f"classroom-desk-server: {error}", file=sys.stderr)
        return EXIT_FAILURE


def _run(args: argparse.Namespace) -> int:
    if args.command == "make-certificate":
        return _make_certificate(args)
    if args.command == "make-database-key":
        return _make_database_key(args.path)
    from sqlalchemy.exc import OperationalError

    from classroom_desk.server import admin, auth
    from classroom_desk.server.database import (
        ServerDatabaseError,
        hold_pushes,
        make_engine,
        migrate,
        write_transaction,
    )

    url = args.database or default_database_url()
    if args.command == "serve":
        _check_serve_arguments(args, url)  # before the database is made or migrated
    engine = make_engine(url, key=_database_key(args.database_key_file))
    try:
        migrate(engine)
    except OperationalError as error:
        raise ServerDatabaseError(f"cannot open the database {url}: {error.orig}") from error
    if args.command == "serve":
        return _serve(args, engine, url)
    if args.command == "import-oneroster":
        return _import_oneroster(args, engine)
    if args.command == "inbox":
        return _inbox(args, engine)
    if args.command == "mapping":
        return _mapping(args, engine)
    if args.command == "import-activity":
        return _import_activity(args, engine)
    with write_transaction(engine) as connection:
        hold_pushes(connection)  # an admin command may publish (see database)
        # Reading the log writes nothing; a student's export and removal write their own
        # line (who asked, and the counts).
        if args.command not in ("list-devices", "audit-log", "export-student", "forget-student"):
            auth.audit(
                connection,
                action=args.command,
                actor=f"admin command ({_os_user()})",
                subject=getattr(args, "username", None) or getattr(args, "token_id", "") or "",
            )
        if args.command == "create-teacher":
            password = _password(args)
            account = admin.create_teacher(
                connection,
                username=args.username,
                password=password,
                given_name=args.given_name,
                family_name=args.family_name,
                email=args.email,
                role=_role(args),
                school_id=args.school,
            )
            print(f"created {account.role} {account.username} (account {account.id})")
        elif args.command == "create-section":
            section_id = admin.create_section(
                connection,
                name=args.name,
                grade=args.grade,
                teacher=args.teacher,
                content_areas=args.content_areas,
                school_id=args.school,
            )
            print(section_id)
        elif args.command == "link-school":
            account = admin.link_school(
                connection, username=args.username, school_id=args.school, teacher_id=args.teacher
            )
            print(
                f"{account.username} now also works in"
                f" {admin.school_name(connection, account.school_id)} ({account.school_id},"
                f" account {account.id}): one sign-in opens each school"
            )
        elif args.command == "coach-teacher":
            admin.coach_teacher(
                connection,
                coach=args.coach,
                teacher=args.teacher,
                coached=not args.remove,
                school_id=args.school,
            )
            verb = "no longer reads" if args.remove else "now reads"
            print(f"{args.coach} {verb} the classes of {args.teacher}")
        elif args.command == "assign-teacher":
            admin.assign_co_teacher(connection, section_id=args.section, teacher=args.teacher)
            print(f"{args.teacher} now shares section {args.section}")
        elif args.command == "list-devices":
            school = admin.only_school(connection, args.school)
            print("token_id\tuser\tdevice\tsigned_in\tlast_seen\tstate")
            for device in auth.list_device_tokens(connection, school_id=school, account_id=None):
                state = "revoked" if device.revoked else "active"
                print(
                    f"{device.id}\t{device.user}\t{device.device_name or device.device_id}\t"
                    f"{device.created_at}\t{device.last_seen_at or '-'}\t{state}"
                )
        elif args.command == "revoke-device":
            if not auth.revoke_token(connection, args.token_id):
                raise admin.AdminError(f"no active device token {args.token_id!r}")
            print(f"revoked {args.token_id}: that laptop must sign in again")
        elif args.command == "reset-password":
            password = _password(args)
            if len(password) < auth.MIN_PASSWORD_CHARS:
                raise admin.AdminError(
                    f"a password needs at least {auth.MIN_PASSWORD_CHARS} characters; "
                    "nothing was changed"
                )
            if not auth.set_password(connection, username=args.username, password=password):
                raise admin.AdminError(f"no account {args.username!r}")
            print(f"new password set for {args.username}; their devices must sign in again")
        elif args.command in ("disable-account", "enable-account"):
            disabled = args.command == "disable-account"
            if not auth.set_disabled(connection, username=args.username, disabled=disabled):
                raise admin.AdminError(f"no account {args.username!r}")
            print(
                f"{args.username} is disabled: cannot sign in, every device revoked"
                if disabled
                else f"{args.username} can sign in again"
            )
        elif args.command == "audit-log":
            print("at\tactor\taction\tsubject\taddress\tdetail")
            for entry in auth.audit_entries(connection, limit=args.limit, subject=args.subject):
                print(
                    f"{entry.at}\t{entry.actor}\t{entry.action}\t{entry.subject}\t"
                    f"{entry.address}\t{entry.detail}"
                )
        elif args.command == "set-school":
            given = {option.option: getattr(args, option.dest) for option in POLICY_OPTIONS}
            try:
                changes = policy_changes(given)
            except ValueError as error:
                raise admin.AdminError(f"{error}; nothing was changed") from None
            if args.principals_read_notes is not None:
                admin.set_principals_read_notes(
                    connection, args.principals_read_notes == "yes", school_id=args.school
                )
            print(admin.set_school_policy(connection, changes, school_id=args.school))
        elif args.command == "export-student":
            from classroom_desk.server.student_records import export_student

            json_path, pdf_path = export_student(
                connection, args.student_id, args.output, actor=args.by or getpass.getuser()
            )
            print(f"wrote {pdf_path} and {json_path}")
        elif args.command == "forget-student":
            from classroom_desk.server.student_records import forget_student

            if not args.yes:
                raise admin.AdminError(
                    f"forgetting {args.student_id} removes every record about them from the "
                    "server and every laptop and cannot be undone; add --yes (export-student "
                    "first if the family or the district needs a copy)"
                )
            removed = forget_student(
                connection, args.student_id, actor=args.by or getpass.getuser()
            )
            counts = ", ".join(f"{table} {count}" for table, count in removed.items() if count)
            print(f"forgot {args.student_id}: removed {counts}; laptops remove them at next sync")
        elif args.command == "export-reassignments":
            last = admin.write_export(
                connection, args.output, after=args.after, school_id=args.school
            )
            print(f"wrote {args.output}; next export: --after {last}")
    return 0


def _role(args: argparse.Namespace) -> Role:
    """``--role``, or ``--admin`` (kept for scripts written before roles).

    An unknown role is refused by ``admin.create_teacher``, which names the roles."""
    from classroom_desk.server.admin import AdminError

    if args.admin and args.role not in (None, "admin"):
        raise AdminError(f"--admin and --role {args.role} contradict each other")
    return "admin" if args.admin else args.role or "teacher"


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(f"Password for {args.username}: ")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def _import_oneroster(args: argparse.Namespace, engine: Engine) -> int:
    """Exit 0 with the report on stdout, or 1 with ``file:line:column: what was expected``
    on stderr and nothing changed."""
    from classroom_desk.importers.errors import InputError
    from classroom_desk.importers.oneroster.progress import TerminalProgress
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    try:
        with TerminalProgress(sys.stderr) as progress:
            report = import_oneroster_on_server(
                engine,
                args.path,
                options=import_options(args),
                progress=progress,
                every_school=args.every_school,
            )
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILURE
    print(report.text())
    return 0


def _inbox(args: argparse.Namespace, engine: Engine) -> int:
    import os
    import time

    from classroom_desk.server.inbox import Inbox, approve

    if args.target == "approve":
        folder = args.dir or (
            Path(os.environ["CLASSROOM_DESK_INBOX"])
            if "CLASSROOM_DESK_INBOX" in os.environ
            else None
        )
        if folder is None or not args.name:
            print("classroom-desk-server: inbox approve NAME --dir DIR", file=sys.stderr)
            return EXIT_FAILURE
        try:
            moved = approve(folder, args.name)
        except FileNotFoundError as error:
            print(f"classroom-desk-server: {error}", file=sys.stderr)
            return EXIT_FAILURE
        print(f"approved {args.name}: back in {moved.parent}, imported at the next pass")
        return 0
    folder = Path(args.target)
    if not folder.is_dir():
        print(f"classroom-desk-server: {folder}: no such folder", file=sys.stderr)
        return EXIT_FAILURE
    if args.school is not None:  # a school the server does not hold: said now, not nightly
        from classroom_desk.server.admin import only_school
        from classroom_desk.server.database import read_transaction

        with read_transaction(engine) as connection:
            only_school(connection, args.school)
    inbox = Inbox(folder, engine, settle=args.settle, school=args.school)
    print(f"classroom-desk-server: watching {folder}", flush=True)
    while True:
        for outcome in inbox.scan(wait_to_settle=not args.once):
            print(f"{outcome.where}: {outcome.name}: {outcome.message}", flush=True)
        if args.once:
            return 0
        time.sleep(args.interval)


def _mapping(args: argparse.Namespace, engine: Engine) -> int:
    from classroom_desk.importers.activity import (
        FIELDS_OF_KIND,
        ActivityField,
        guess_columns,
        read_sample,
    )
    from classroom_desk.importers.errors import InputError
    from classroom_desk.server.activity_import import save_server_mapping, server_mappings

    if args.mapping_command == "list":
        for name, mapping in server_mappings(engine):
            columns = ", ".join(
                f"{f.value}={mapping.columns[f]}"
                for f in FIELDS_OF_KIND[mapping.kind]
                if f in mapping.columns
            )
            extra = f"; content area {mapping.content_area}" if mapping.content_area else ""
            print(f"{name}\t{mapping.kind.value}\t{columns}{extra}")
        return 0
    try:
        headers, rows = read_sample(args.sample)
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILURE
    guess = guess_columns(headers, rows)
    mapping = guess.mapping
    labels = {f.value.casefold(): f for f in ActivityField}
    for change in args.column:
        field_name, _, header = change.partition("=")
        which = labels.get(field_name.strip().casefold())
        if which is None or (header.strip() and header.strip() not in headers):
            print(
                f"classroom-desk-server: --column {change!r}: no such field or header",
                file=sys.stderr,
            )
            return EXIT_FAILURE
        mapping = mapping.with_column(which, header.strip() or None)
    if args.content_area:
        from dataclasses import replace

        mapping = replace(mapping, content_area=args.content_area)
    from classroom_desk.importers.activity import with_headers

    mapping = with_headers(mapping, headers)
    for line in guess.lines():
        print(f"  {line}")
    missing = mapping.missing()
    if missing:
        print(
            "classroom-desk-server: the mapping still needs "
            + "; ".join(missing)
            + "; nothing saved",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    save_server_mapping(engine, args.name, mapping)
    print(f"saved mapping {args.name} ({mapping.kind.value}, {len(mapping.columns)} columns)")
    return 0


def _import_activity(args: argparse.Namespace, engine: Engine) -> int:
    from classroom_desk.importers.errors import InputError
    from classroom_desk.server.activity_import import import_activity_on_server

    name = args.mapping
    try:
        report = import_activity_on_server(
            engine, args.path, mapping_name=name, school_id=args.school
        )
    except KeyError:
        print(
            f"classroom-desk-server: no saved mapping named {name!r} (mapping list)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILURE
    print(report.summary())
    return 0


def _make_certificate(args: argparse.Namespace) -> int:
    from classroom_desk.server.tls import make_certificate

    made = make_certificate(args.out_dir, hosts=args.hosts, days=args.days)
    print(f"wrote {made.certificate} and {made.key} (keep the key readable by the server only)")
    print(f"valid until {made.not_after:%Y-%m-%d}; for: {', '.join(args.hosts)}")
    print(f"SHA-256 fingerprint: {made.fingerprint}")
    print("Give teachers this fingerprint: they check it at their first sign-in.")
    return 0


def _make_database_key(path: Path) -> int:
    import os

    from classroom_desk.store.encryption import StoreKey

    if path.exists():
        raise _admin_error(f"{path} exists; a new key would lock the database out")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(StoreKey.generate().hex() + "\n")
    print(f"wrote {path}: back it up apart from the database; without it the data is lost")
    return 0


def _admin_error(message: str) -> Exception:
    from classroom_desk.server.admin import AdminError

    return AdminError(message)


def _database_key(path: Path | None) -> StoreKey | None:
    if path is None:
        return None
    from classroom_desk.store.encryption import StoreKey

    try:
        return StoreKey.from_hex(path.read_text(encoding="ascii"))
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise _admin_error(f"{path}: not a database key file (64 hex digits) ({error})") from error


def _check_serve_arguments(args: argparse.Namespace, url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if (args.tls_cert is None) != (args.tls_key is None):
        raise _admin_error("give both --tls-cert and --tls-key, or neither")
    if args.workers < 1:
        raise _admin_error(f"--workers must be 1 or more, not {args.workers}")
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        return  # opening it says what is wrong with the URL
    if args.workers > 1 and backend != "postgresql":
        raise _admin_error(
            "--workers above 1 needs a PostgreSQL database: a SQLite file takes one "
            "writer at a time, so more processes would only wait for each other"
        )


def _serve(args: argparse.Namespace, engine: object, url: str) -> int:
    import shutil
    import tempfile

    from classroom_desk.server import admin
    from classroom_desk.server.app import WORKER_SETTINGS, create_app, worker_settings
    from classroom_desk.server.database import write_transaction
    from classroom_desk.server.metrics import MULTIPROCESS_DIR_ENV
    from classroom_desk.server.settings import ServerSettings

    if args.demo:
        with write_transaction(engine) as connection:  # type: ignore[arg-type]
            admin.load_demo(connection)
        print("Demo school: Maple Ridge Demo School (for trying Classroom Desk only)")
        print(f"  server URL: http://{args.host}:{args.port}")
        for account in admin.DEMO_ACCOUNTS:
            print(
                f"  {account.role:<13} user {account.username:<7} password {account.password}"
                f"   ({account.note})"
            )
    scheme = "https" if args.tls_cert is not None else "http"
    if scheme == "https":
        from classroom_desk.server.tls import certificate_fingerprint

        try:
            shown = certificate_fingerprint(args.tls_cert.read_bytes())
        except (OSError, ValueError) as error:
            raise _admin_error(f"{args.tls_cert}: not a PEM certificate ({error})") from error
        print(f"classroom-desk-server: certificate SHA-256 fingerprint {shown}")
    elif args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            "classroom-desk-server: warning: serving plain http on the network; laptops refuse "
            "it unless school IT allows it (use --tls-cert and --tls-key)",
            file=sys.stderr,
        )
    print(
        f"classroom-desk-server: serving {scheme}://{args.host}:{args.port} ({_safe(url)})",
        flush=True,
    )
    settings = ServerSettings(max_clock_ahead=timedelta(minutes=args.max_clock_ahead))
    proxies = args.forwarded_allow_ips
    metrics_dir: str | None = None
    if args.workers > 1:
        # Each worker process opens its own connections (none cross a fork).
        engine.dispose()  # type: ignore[attr-defined]
        os.environ[WORKER_SETTINGS] = worker_settings(url, settings)
        app: object = "classroom_desk.server.app:worker_app"
        if not os.environ.get(MULTIPROCESS_DIR_ENV):  # one school IT set is kept
            # /metrics adds up what every worker counted, through files in this folder.
            metrics_dir = tempfile.mkdtemp(prefix="classroom-desk-metrics-")
            os.environ[MULTIPROCESS_DIR_ENV] = metrics_dir
    else:
        app = create_app(engine, settings)  # type: ignore[arg-type]
    try:
        _run_uvicorn(app, args, proxies)
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


#: Longer than any client's idle time (packaging/district's nginx keeps 60 s).
SERVER_KEEP_ALIVE_S = 75


def _run_uvicorn(app: object, args: argparse.Namespace, proxies: str | None) -> None:
    import uvicorn

    uvicorn.run(
        app,  # type: ignore[arg-type]
        factory=args.workers > 1,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        timeout_graceful_shutdown=5,
        # An idle connection is closed by its client (the laptop's after 5 s, nginx's
        # after 60 s), never by the server just as a request is sent on it: that request
        # would fail (a push through nginx answered 502).
        timeout_keep_alive=SERVER_KEEP_ALIVE_S,
        # Proxy headers are believed only from the proxies named: a client's own
        # X-Forwarded-For (from this computer too) must not pick its throttling bucket.
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or "",
        ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
        ssl_keyfile=str(args.tls_key) if args.tls_key else None,
    )


def _safe(url: str) -> str:
    """The URL without a password, for the start-up line."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

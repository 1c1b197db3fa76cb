"""``classroom-desk-server``: serve the school server, and the school admin's commands."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from classroom_desk.domain.policy import POLICY_OPTIONS, policy_changes
from classroom_desk.importers.oneroster.options import add_import_arguments, import_options

if TYPE_CHECKING:
    from sqlalchemy import Engine

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
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", parents=[database], help="run the server")
    serve.add_argument("--demo", action="store_true", help="load the demo school and accounts")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--log-level", default="warning")

    teacher = commands.add_parser("create-teacher", parents=[database], help="add an account")
    teacher.add_argument("--username", required=True)
    teacher.add_argument("--given-name", required=True)
    teacher.add_argument("--family-name", required=True)
    teacher.add_argument("--email", required=True)
    teacher.add_argument("--admin", action="store_true", help="a school admin, not a teacher")
    teacher.add_argument("--school", default=None, help="school id (when the server has several)")
    teacher.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    section = commands.add_parser("create-section", parents=[database], help="add a section")
    section.add_argument("--name", required=True)
    section.add_argument("--grade", required=True)
    section.add_argument("--teacher", required=True, help="the lead teacher's user name")
    section.add_argument("--content-area", action="append", default=[], dest="content_areas")

    assign = commands.add_parser(
        "assign-teacher", parents=[database], help="share a section with a co-teacher"
    )
    assign.add_argument("--section", required=True, help="section id")
    assign.add_argument("--teacher", required=True, help="the co-teacher's user name")

    commands.add_parser("list-devices", parents=[database], help="list signed-in devices")
    revoke = commands.add_parser("revoke-device", parents=[database], help="revoke a device")
    revoke.add_argument("token_id", help="the id shown by list-devices")

    policy = commands.add_parser(
        "set-school",
        parents=[database],
        help="show or change the school's time zone, first day of the week and thresholds "
        "(laptops take them at their next sync)",
    )
    policy.add_argument("--school", default=None, help="school id (when the server has several)")
    for option in POLICY_OPTIONS:
        policy.add_argument(f"--{option.option}", help=option.help)

    roster = commands.add_parser(
        "import-oneroster",
        parents=[database],
        help="import a OneRoster 1.1 or 1.2 CSV roster; the laptops receive it at their next sync",
    )
    add_import_arguments(roster)

    export = commands.add_parser(
        "export-reassignments",
        parents=[database],
        help="write reassignments for the learning platform as CSV",
    )
    export.add_argument("--output", type=Path, required=True)
    export.add_argument("--after", type=int, default=0, help="feed cursor of the last export")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    from classroom_desk.server.admin import AdminError
    from classroom_desk.server.database import ServerDatabaseError

    try:
        return _run(args)
    except (AdminError, ServerDatabaseError) as error:
        print(f"classroom-desk-server: {error}", file=sys.stderr)
        return EXIT_FAILURE


def _run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from classroom_desk.server import admin
    from classroom_desk.server.database import (
        ServerDatabaseError,
        make_engine,
        migrate,
        write_transaction,
    )

    url = args.database or default_database_url()
    engine = make_engine(url)
    try:
        migrate(engine)
    except OperationalError as error:
        raise ServerDatabaseError(f"cannot open the database {url}: {error.orig}") from error
    if args.command == "serve":
        return _serve(args, engine, url)
    if args.command == "import-oneroster":
        return _import_oneroster(args, engine)
    with write_transaction(engine) as connection:
        if args.command == "create-teacher":
            password = (
                sys.stdin.readline().rstrip("\n")
                if args.password_stdin
                else getpass.getpass(f"Password for {args.username}: ")
            )
            account = admin.create_teacher(
                connection,
                username=args.username,
                password=password,
                given_name=args.given_name,
                family_name=args.family_name,
                email=args.email,
                admin=args.admin,
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
            )
            print(section_id)
        elif args.command == "assign-teacher":
            admin.assign_co_teacher(connection, section_id=args.section, teacher=args.teacher)
            print(f"{args.teacher} now shares section {args.section}")
        elif args.command == "list-devices":
            from classroom_desk.server.app import list_device_tokens

            school = admin.only_school(connection)
            print("token_id\tuser\tdevice\tsigned_in\tlast_seen\tstate")
            for device in list_device_tokens(connection, school_id=school, account_id=None):
                state = "revoked" if device.revoked else "active"
                print(
                    f"{device.id}\t{device.user}\t{device.device_name or device.device_id}\t"
                    f"{device.created_at}\t{device.last_seen_at or '-'}\t{state}"
                )
        elif args.command == "revoke-device":
            from classroom_desk.server.auth import revoke_token

            if not revoke_token(connection, args.token_id):
                raise admin.AdminError(f"no active device token {args.token_id!r}")
            print(f"revoked {args.token_id}: that laptop must sign in again")
        elif args.command == "set-school":
            given = {option.option: getattr(args, option.dest) for option in POLICY_OPTIONS}
            try:
                changes = policy_changes(given)
            except ValueError as error:
                raise admin.AdminError(f"{error}; nothing was changed") from None
            print(admin.set_school_policy(connection, changes, school_id=args.school))
        elif args.command == "export-reassignments":
            last = admin.write_export(connection, args.output, after=args.after)
            print(f"wrote {args.output}; next export: --after {last}")
    return 0


def _import_oneroster(args: argparse.Namespace, engine: Engine) -> int:
    """Exit 0 with the report on stdout, or 1 with ``file:line:column: what was expected``
    on stderr and nothing changed."""
    from classroom_desk.importers.errors import InputError
    from classroom_desk.importers.oneroster.progress import TerminalProgress
    from classroom_desk.server.oneroster_import import import_oneroster_on_server

    try:
        with TerminalProgress(sys.stderr) as progress:
            report = import_oneroster_on_server(
                engine, args.path, options=import_options(args), progress=progress
            )
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILURE
    print(report.text())
    return 0


def _serve(args: argparse.Namespace, engine: object, url: str) -> int:
    import uvicorn

    from classroom_desk.server import admin
    from classroom_desk.server.app import create_app
    from classroom_desk.server.database import write_transaction

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
    print(
        f"classroom-desk-server: serving http://{args.host}:{args.port} ({_safe(url)})", flush=True
    )
    uvicorn.run(
        create_app(engine),  # type: ignore[arg-type]
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        timeout_graceful_shutdown=5,
    )
    return 0


def _safe(url: str) -> str:
    """The URL without a password, for the start-up line."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

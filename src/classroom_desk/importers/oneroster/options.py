"""What the person importing a roster chooses, and the command-line options that say it
(the same on the laptop's ``classroom-desk import-oneroster`` and the server's)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """``school`` (a sourcedId or name) in a package of several schools; ``package`` (its
    folder's name) in a zip or folder holding several packages; ``dry_run`` works out and
    reports the change without making it; ``confirm_removals`` is the yes that removing
    many students or teachers, or a class with activity, needs. ``removals_seen`` limits
    that yes to what a preview showed (its ``ImportReport.removals``): a package changed
    since, so that other people would go, is refused."""

    school: str | None = None
    package: str | None = None
    dry_run: bool = False
    confirm_removals: bool = False
    removals_seen: tuple[str, ...] | None = None


PACKAGE_SCHOOL_HELP = (
    "the school to import from a package of several (its sourcedId or name): one store "
    "holds one school"
)


def add_import_arguments(
    parser: argparse.ArgumentParser, *, school_help: str = PACKAGE_SCHOOL_HELP
) -> None:
    parser.add_argument(
        "path", type=Path, metavar="PATH", help="the package: its folder, or its .zip"
    )
    parser.add_argument(
        "--school",
        metavar="SCHOOL",
        help=school_help,
    )
    parser.add_argument(
        "--package",
        metavar="NAME",
        help="the package to read from a zip or folder holding several (its folder's name)",
    )

    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what the import would change, per table with the first names, and "
        "change nothing",
    )
    parser.add_argument(
        "--confirm-removals",
        action="store_true",
        help="import even when it removes or makes inactive more than a tenth of the "
        "students or teachers, or removes a class with activity (refused otherwise)",
    )


def import_options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        school=args.school,
        package=args.package,
        dry_run=args.dry_run,
        confirm_removals=args.confirm_removals,
    )

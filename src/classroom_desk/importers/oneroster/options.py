"""What the person importing a roster chooses, and the command-line options that say it
(the same on the laptop's ``classroom-desk import-oneroster`` and the server's)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """``school`` (a sourcedId or name) in a package of several schools; ``package`` (its
    folder's name) in a zip or folder holding several packages."""

    school: str | None = None
    package: str | None = None


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", type=Path, metavar="PATH", help="the package: its folder, or its .zip"
    )
    parser.add_argument(
        "--school",
        metavar="SCHOOL",
        help="the school to import from a package of several (its sourcedId or name): one "
        "store holds one school",
    )
    parser.add_argument(
        "--package",
        metavar="NAME",
        help="the package to read from a zip or folder holding several (its folder's name)",
    )


def import_options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(school=args.school, package=args.package)

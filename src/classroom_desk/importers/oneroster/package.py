"""A OneRoster package as a set of named files, whether a folder or a .zip.

File names are matched without regard to case (``userprofiles.csv`` is
``userProfiles.csv``); in a zip, the package is the folder holding ``manifest.csv``.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from classroom_desk.importers.errors import InputError

MANIFEST = "manifest.csv"


@dataclass(frozen=True, slots=True)
class Package:
    """The files of one package: ``members`` maps a lower-case file name to its real name."""

    path: Path
    members: dict[str, str]
    archive: zipfile.ZipFile | None = None

    def display(self, member: str) -> str:
        """How a file is named in messages: its path, or ``archive.zip/member``."""
        return f"{self.path}/{member}"

    def open(self, member: str) -> IO[bytes]:
        if self.archive is not None:
            return self.archive.open(member)
        return (self.path / member).open("rb")

    def size(self, member: str) -> int:
        if self.archive is not None:
            return self.archive.getinfo(member).file_size
        return (self.path / member).stat().st_size

    def find(self, file_name: str) -> str | None:
        return self.members.get(file_name.casefold())


@contextlib.contextmanager
def open_package(path: Path) -> Iterator[Package]:
    """Open a package folder or zip; raises :class:`InputError` when it is neither."""
    if path.is_dir():
        yield _folder_package(path)
        return
    if not path.is_file():
        raise InputError(str(path), 1, 1, "expected a OneRoster folder or .zip; nothing is there")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(
            str(path), 1, 1, f"expected a OneRoster folder or .zip file ({error})"
        ) from None
    with archive:
        yield _zip_package(path, archive)


def _folder_package(path: Path) -> Package:
    members = {child.name.casefold(): child.name for child in path.iterdir() if child.is_file()}
    if MANIFEST not in members:
        raise InputError(
            str(path / MANIFEST), 1, 1, "expected a OneRoster package: manifest.csv is missing"
        )
    return Package(path=path, members=members)


def _zip_package(path: Path, archive: zipfile.ZipFile) -> Package:
    names = [
        PurePosixPath(info.filename)
        for info in archive.infolist()
        if not info.is_dir() and not info.filename.startswith("__MACOSX/")
    ]
    manifests = sorted(
        (name for name in names if name.name.casefold() == MANIFEST), key=lambda n: len(n.parts)
    )
    if not manifests:
        raise InputError(
            f"{path}/{MANIFEST}", 1, 1, "expected a OneRoster package: manifest.csv is missing"
        )
    root = manifests[0].parent
    members = {name.name.casefold(): str(name) for name in names if name.parent == root}
    return Package(path=path, members=members, archive=archive)

"""A OneRoster package as a set of named files, whether a folder or a .zip.

File names are matched without regard to case (``userprofiles.csv`` is
``userProfiles.csv``). The package is the folder holding ``manifest.csv``: the folder or
zip itself or one folder inside it; one holding several packages is refused with their
names, unless the caller names the one to read. A zip is checked before anything in it is
read: no password, not thousands of files, nothing that unpacks far larger than it packs.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from classroom_desk.i18n import translate
from classroom_desk.importers.csv_source import CsvLimits, size_text
from classroom_desk.importers.errors import InputError

MANIFEST = "manifest.csv"
#: Without a manifest, a folder with users.csv is read as School Data Sync's CSV.
SDS_USERS = "users.csv"
#: More files than a SIS export ever holds (it holds a dozen or so): a wrong or hostile zip.
MAX_ZIP_MEMBERS = 1000
#: How much larger than packed a file may unpack; CSV exports pack 5 to 20 times.
MAX_UNPACK_RATIO = 100
#: Below this a file may unpack at any ratio (tiny files say nothing).
UNPACK_RATIO_FROM_BYTES = 1024 * 1024
#: How deep in a folder packages are looked for, and how many entries at the most.
_SEARCH_DEPTH = 3
_SEARCH_ENTRIES = 10_000
#: Files of School Data Sync's first CSV format (v1), which is not OneRoster-shaped.
_SDS_V1_FILES = ("school.csv", "section.csv", "student.csv", "teacher.csv")
_IGNORED_FOLDERS = ("__MACOSX",)


class PackageChoiceError(InputError):
    """The folder or zip holds several packages: the caller chooses one of ``choices``."""

    def __init__(self, file: str, expected: str, choices: tuple[str, ...]) -> None:
        super().__init__(file, 1, 1, expected)
        self.choices = choices


@dataclass(frozen=True, slots=True)
class Package:
    """The files of one package: ``members`` maps a lower-case file name to the member
    (its path inside the folder or zip)."""

    path: Path
    members: dict[str, str]
    archive: zipfile.ZipFile | None = None
    #: The package's folder inside ``path`` ("" when it is ``path`` itself).
    root: str = ""
    #: Whether it has a manifest.csv (OneRoster) or only users.csv and the rest (read as
    #: School Data Sync's OneRoster-shaped CSV).
    has_manifest: bool = True

    def display(self, member: str) -> str:
        """How a file is named in messages: its path, or ``archive.zip/member``."""
        return f"{self.path}/{member}"

    def display_of(self, file_name: str) -> str:
        """How a file of the package is named in messages, whether it is there or not."""
        if self.archive is not None and self.root:
            return self.display(f"{self.root}/{file_name}")
        return self.display(file_name)

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

    def check_size(self, member: str, limits: CsvLimits) -> None:
        """Refuse an oversized file, or a zip member that unpacks suspiciously far, before
        reading it (reading checks sizes again: a zip can lie)."""
        size = self.size(member)
        if size > limits.max_file_bytes:
            raise InputError(
                self.display(member),
                1,
                1,
                translate(
                    "RosterImport",
                    "expected a file of at most {max_file_bytes} bytes; this one has "
                    "{size} (is it the right file?)",
                ).format(max_file_bytes=limits.max_file_bytes, size=size),
            )
        if self.archive is None or size < UNPACK_RATIO_FROM_BYTES:
            return
        packed = max(self.archive.getinfo(member).compress_size, 1)
        if size > MAX_UNPACK_RATIO * packed:
            raise InputError(
                self.display(member),
                1,
                1,
                translate(
                    "RosterImport",
                    "expected a file that unpacks to at most "
                    "{ratio} times its packed size; this one "
                    "unpacks from {size_text} to {size_text_again} (a damaged zip, or a "
                    "zip bomb?)",
                ).format(
                    ratio=MAX_UNPACK_RATIO,
                    size_text=size_text(packed),
                    size_text_again=size_text(size),
                ),
            )


@contextlib.contextmanager
def open_package(path: Path, *, choose: str | None = None) -> Iterator[Package]:
    """Open a package folder or zip; raises :class:`InputError` when it is neither, and
    :class:`PackageChoiceError` when it holds several packages and ``choose`` names none
    of them."""
    if path.is_dir():
        yield _folder_package(path, choose)
        return
    if not path.is_file():
        raise InputError(
            str(path),
            1,
            1,
            translate("RosterImport", "expected a OneRoster folder or .zip; nothing is there"),
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(
            str(path),
            1,
            1,
            translate("RosterImport", "expected a OneRoster folder or .zip file ({error})").format(
                error=error
            ),
        ) from None
    with archive:
        yield _zip_package(path, archive, choose)


def looks_like_roster(path: Path) -> bool:
    """Whether the folder or zip at ``path`` holds a roster export of any kind this module
    knows (OneRoster's manifest.csv, School Data Sync's users.csv, SDS v1's files), so a
    caller sorting what it is given sends it to the roster import, which then imports it or
    says what is wrong with it."""
    known = {MANIFEST, SDS_USERS, *_SDS_V1_FILES}
    if path.is_dir():
        return any(name.name.casefold() in known for name in _folder_files(path))
    if path.suffix.casefold() != ".zip" or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()[: MAX_ZIP_MEMBERS + 1]
    except (zipfile.BadZipFile, OSError):
        return True  # a damaged .zip: the roster import says what is wrong with it
    return any(PurePosixPath(name).name.casefold() in known for name in names)


def _folder_package(path: Path, choose: str | None) -> Package:
    files = list(_folder_files(path))
    root, has_manifest = _package_root(path, files, choose, "folder")
    folder = path / root if root else path
    members = {
        name.name.casefold(): name.name for name in files if str(name.parent) == (root or ".")
    }
    return Package(path=folder, members=members, root=root, has_manifest=has_manifest)


def _folder_files(path: Path) -> Iterator[PurePosixPath]:
    """Files below ``path`` (a few levels deep, a bounded number), relative to it."""
    seen = 0
    for folder, folders, names in os.walk(path):
        here = Path(folder).relative_to(path)
        if len(here.parts) >= _SEARCH_DEPTH:
            folders.clear()
        folders[:] = sorted(f for f in folders if f not in _IGNORED_FOLDERS)
        for name in sorted(names):
            seen += 1
            if seen > _SEARCH_ENTRIES:
                return
            yield PurePosixPath(*here.parts, name)


def _zip_package(path: Path, archive: zipfile.ZipFile, choose: str | None) -> Package:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(
            str(path),
            1,
            1,
            translate(
                "RosterImport",
                "expected a zip of at most {limit} files; this "
                "one holds {count} (is it the SIS's roster export?)",
            ).format(limit=MAX_ZIP_MEMBERS, count=len(infos)),
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError(
            str(path),
            1,
            1,
            translate(
                "RosterImport",
                "expected a zip without a password; this one is encrypted (unzip it "
                "with its password, then import the folder)",
            ),
        )
    names = [
        PurePosixPath(info.filename)
        for info in infos
        if not info.is_dir()
        and not info.filename.startswith(tuple(f"{f}/" for f in _IGNORED_FOLDERS))
    ]
    root, has_manifest = _package_root(path, names, choose, "zip")
    members = {
        name.name.casefold(): str(name) for name in names if str(name.parent) == (root or ".")
    }
    return Package(
        path=path, members=members, archive=archive, root=root, has_manifest=has_manifest
    )


def _package_root(
    path: Path, files: list[PurePosixPath], choose: str | None, container: str
) -> tuple[str, bool]:
    """The folder (relative, "" for the top) holding the one package in ``files``, and
    whether it has a manifest (else it holds users.csv: School Data Sync's CSV)."""
    has_manifest = True
    roots = _folders_holding(files, MANIFEST)
    if not roots:
        has_manifest, roots = False, _folders_holding(files, SDS_USERS)
    if not roots:
        raise _no_package(path, files, container)
    return _chosen_root(path, roots, choose, container), has_manifest


def _folders_holding(files: list[PurePosixPath], file_name: str) -> list[str]:
    return sorted(
        {_folder_name(name.parent) for name in files if name.name.casefold() == file_name},
        key=lambda root: (root.count("/"), root),
    )


def _chosen_root(path: Path, roots: list[str], choose: str | None, container: str) -> str:
    if len(roots) == 1 and choose is None:
        return roots[0]
    shown = tuple(root or translate("RosterImport", "(the top folder)") for root in roots)
    if choose is not None:
        if choose.strip("/ ") in ("", ".", shown[0]) and roots[0] == "":
            return ""
        for root in roots:
            if choose.strip("/").casefold() in (
                root.casefold(),
                root.rsplit("/", 1)[-1].casefold(),
            ):
                return root
        if len(roots) == 1:
            return roots[0]
        raise PackageChoiceError(
            str(path),
            translate(
                "RosterImport",
                "expected --package to name a package of the {container} ({shown}); "
                "{choose} is not one",
            ).format(container=container, shown=", ".join(shown), choose=repr(choose)),
            shown,
        )
    listed = " and ".join(f"{root}/" for root in shown)
    raise PackageChoiceError(
        str(path),
        translate(
            "RosterImport",
            "expected one package; the {container} holds {count}, in "
            "{listed}: choose one with --package (such as --package {shown})",
        ).format(container=container, count=len(roots), listed=listed, shown=shown[0]),
        shown,
    )


def _folder_name(folder: PurePosixPath) -> str:
    return "" if str(folder) == "." else str(folder)


def _no_package(path: Path, files: Iterable[PurePosixPath], container: str) -> InputError:
    names = list(files)
    lower = {name.name.casefold() for name in names if len(name.parts) <= 2}
    if sum(name in lower for name in _SDS_V1_FILES) >= 2:
        return InputError(
            str(path),
            1,
            1,
            translate(
                "RosterImport",
                "expected a OneRoster package (manifest.csv, users.csv...); this is "
                "a School Data Sync v1 export (School.csv, Section.csv, Student.csv, "
                "Teacher.csv), which Classroom Desk does not read: export OneRoster "
                "CSV, or SDS v2.1 CSV, from the SIS",
            ),
        )
    inner = [str(name) for name in names if name.suffix.casefold() == ".zip"]
    if inner and container == "zip":
        return InputError(
            str(path),
            1,
            1,
            translate(
                "RosterImport",
                "expected the package's files (manifest.csv and the rest) in the "
                "zip; it holds another zip, {inner}: extract that one and import it",
            ).format(inner=inner[0]),
        )
    return InputError(
        f"{path}/{MANIFEST}",
        1,
        1,
        translate("RosterImport", "expected a OneRoster package: manifest.csv is missing"),
    )

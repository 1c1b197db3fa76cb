"""``manifest.csv``: the OneRoster version and, per file, absent, bulk or delta."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from classroom_desk.importers.csv_source import CsvFormat, CsvLimits, CsvReader, CsvRecord
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.package import MANIFEST, Package
from classroom_desk.importers.oneroster.report import ImportReport

BULK, DELTA, ABSENT = "bulk", "delta", "absent"
#: 1.0 packages lay out roles as 1.1 does; 1.2 moves them to roles.csv.
VERSIONS = ("1.0", "1.1", "1.2")
#: Property names a manifest has (lower case); a file with none of them is no manifest.
_KNOWN = ("manifest.version", "oneroster.version")
_KNOWN_PREFIXES = ("file.", "source.")
_EXPECTED = (
    "expected the manifest's properties (propertyName,value rows such as "
    "oneroster.version,1.1 and file.users,bulk)"
)


@dataclass(frozen=True, slots=True)
class FileEntry:
    """``file.<kind>``: how the package provides that file, and the manifest line saying so."""

    kind: str
    mode: str
    line: int


@dataclass(frozen=True, slots=True)
class Manifest:
    display: str
    version: str
    #: Lower-case kind (``users``) to its entry.
    files: dict[str, FileEntry]
    format: CsvFormat = CsvFormat()  # noqa: RUF009 (frozen, so one shared default is safe)

    def entry(self, kind: str) -> FileEntry | None:
        return self.files.get(kind.casefold())


def read_manifest(package: Package, *, limits: CsvLimits, report: ImportReport) -> Manifest:
    member = package.find(MANIFEST)
    assert member is not None  # open_package refuses a package without one
    display = package.display(member)
    with package.open(member) as binary:
        reader = CsvReader(binary, name=display, limits=limits)
        properties = _properties(reader, display)
    _check_is_manifest(display, properties)
    files: dict[str, FileEntry] = {}
    version, version_line = "", 1
    for key, (name, value, line) in properties.items():
        if key == "oneroster.version":
            version, version_line = value, line
        elif key.startswith("file."):
            entry = _file_entry(display, name[len("file.") :], value, line, report)
            files[entry.kind.casefold()] = entry
    version = _checked_version(display, version, version_line, report)
    return Manifest(display, version, files, reader.format)


def _check_is_manifest(display: str, properties: dict[str, tuple[str, str, int]]) -> None:
    """An empty manifest, or another file saved under its name, names no property."""
    if any(key in _KNOWN or key.startswith(_KNOWN_PREFIXES) for key in properties):
        return
    if not properties:
        raise InputError(display, 1, 1, f"{_EXPECTED}; the file has none")
    first = min(properties.values(), key=lambda found: found[2])
    raise InputError(
        display,
        first[2],
        1,
        f"{_EXPECTED}; found {first[0]!r} (is it the manifest, or another file saved as "
        "manifest.csv?)",
    )


def _properties(records: Iterable[CsvRecord], display: str) -> dict[str, tuple[str, str, int]]:
    """propertyName in lower case to (propertyName, value, line); one given twice is an error."""
    properties: dict[str, tuple[str, str, int]] = {}
    header_seen = False
    for record in records:
        if not any(field.strip() for field in record.fields):
            continue
        name = record.fields[0].strip()
        value = record.fields[1].strip() if len(record.fields) > 1 else ""
        if not header_seen:
            header_seen = True
            if name.casefold() == "propertyname":
                continue
        key = name.casefold()
        if key in properties:
            raise InputError(
                display,
                record.line,
                1,
                f"expected each property once; {name} is also on line {properties[key][2]}",
            )
        properties[key] = (name, value, record.line)
    return properties


def _file_entry(display: str, kind: str, value: str, line: int, report: ImportReport) -> FileEntry:
    mode = value.casefold()
    if mode == "":
        report.notes.append(f"The manifest gives file.{kind} no value; read as absent.")
        mode = ABSENT
    if mode not in (BULK, DELTA, ABSENT):
        raise InputError(
            display, line, 2, f"expected bulk, delta or absent for file.{kind}; found {value!r}"
        )
    return FileEntry(kind=kind, mode=mode, line=line)


def _checked_version(display: str, version: str, line: int, report: ImportReport) -> str:
    if version in VERSIONS:
        return version
    if version == "":
        report.notes.append("The manifest gives no oneroster.version; read as 1.1 or 1.2 layout.")
        return "1.1/1.2"
    raise InputError(
        display, line, 2, f"expected oneroster.version 1.0, 1.1 or 1.2; found {version!r}"
    )

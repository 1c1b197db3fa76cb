"""``manifest.csv``: the OneRoster version and, per file, absent, bulk or delta; or, for
a package without one (School Data Sync's CSV), what its files say instead."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from classroom_desk.i18n import translate
from classroom_desk.importers.csv_source import CsvFormat, CsvLimits, CsvReader, CsvRecord
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.columns import FILE_SPECS
from classroom_desk.importers.oneroster.formats import ONEROSTER, SDS, PackageFormat
from classroom_desk.importers.oneroster.package import MANIFEST, SDS_USERS, Package
from classroom_desk.importers.oneroster.report import ImportReport

BULK, DELTA, ABSENT = "bulk", "delta", "absent"
#: 1.0 packages lay out roles as 1.1 does; 1.2 moves them to roles.csv.
VERSIONS = ("1.0", "1.1", "1.2")
#: Property names a manifest has (lower case); a file with none of them is no manifest.
_KNOWN = ("manifest.version", "oneroster.version")
_KNOWN_PREFIXES = ("file.", "source.")


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
    package_format: PackageFormat = ONEROSTER

    def entry(self, kind: str) -> FileEntry | None:
        return self.files.get(kind.casefold())


def read_manifest(package: Package, *, limits: CsvLimits, report: ImportReport) -> Manifest:
    if not package.has_manifest:
        return _sds_manifest(package, limits, report)
    member = package.find(MANIFEST)
    assert member is not None  # open_package found the package by it
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


def _sds_manifest(package: Package, limits: CsvLimits, report: ImportReport) -> Manifest:
    """A package of users.csv and the rest with no manifest: School Data Sync's v2 CSV
    (the role in users.csv) or v2.1 (roles in roles.csv), every file a bulk file; or a
    OneRoster package that lost its manifest (its files carry dateLastModified)."""
    member = package.find(SDS_USERS)
    assert member is not None  # open_package found the package by it
    display = package.display(member)
    with package.open(member) as binary:
        first = next(iter(CsvReader(binary, name=display, limits=limits)), None)
    columns = {field.strip().casefold() for field in (first.fields if first else [])}
    if "datelastmodified" in columns:
        raise InputError(
            package.display_of(MANIFEST),
            1,
            1,
            translate("RosterImport", "expected a OneRoster package: manifest.csv is missing"),
        )
    if package.find("orgs.csv") is None:
        raise InputError(
            package.display_of("orgs.csv"),
            1,
            1,
            translate(
                "RosterImport",
                "expected orgs.csv beside users.csv: with no manifest.csv this is "
                "read as a School Data Sync export, which names its schools in "
                "orgs.csv",
            ),
        )
    has_roles = package.find("roles.csv") is not None
    if not has_roles and "role" not in columns:
        raise InputError(
            display,
            first.line if first else 1,
            "role",
            translate(
                "RosterImport",
                "expected roles.csv beside users.csv: this is a School Data Sync "
                "v2.1 export (no manifest.csv, and users.csv has no role column), "
                "which keeps each user's role in roles.csv; export it too",
            ),
        )
    version = "v2.1" if has_roles else "v2"
    files = {
        spec.kind.casefold(): FileEntry(spec.kind, BULK, 1)
        for spec in FILE_SPECS
        if package.find(spec.file_name) is not None
    }
    report.notes.append(
        translate(
            "RosterImport",
            "There is no manifest.csv: read as a School Data Sync {version} CSV "
            "export, each file a bulk file.",
        ).format(version=version)
    )
    if has_roles and "grade" not in columns and "grades" not in columns:
        report.notes.append(
            translate(
                "RosterImport",
                "SDS v2.1 gives each student's grade in roles.csv, which is not "
                "read: students show no grade (their classes do).",
            )
        )
    return Manifest(display, version, files, package_format=SDS)


def _check_is_manifest(display: str, properties: dict[str, tuple[str, str, int]]) -> None:
    """An empty manifest, or another file saved under its name, names no property."""
    if any(key in _KNOWN or key.startswith(_KNOWN_PREFIXES) for key in properties):
        return
    if not properties:
        raise InputError(
            display,
            1,
            1,
            translate(
                "RosterImport",
                "expected the manifest's properties (propertyName,value rows such as "
                "oneroster.version,1.1 and file.users,bulk); the file has none",
            ),
        )
    first = min(properties.values(), key=lambda found: found[2])
    raise InputError(
        display,
        first[2],
        1,
        translate(
            "RosterImport",
            "expected the manifest's properties (propertyName,value rows such as "
            "oneroster.version,1.1 and file.users,bulk); found {name} (is it the manifest, or "
            "another file saved as manifest.csv?)",
        ).format(name=repr(first[0])),
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
                translate(
                    "RosterImport", "expected each property once; {name} is also on line {line}"
                ).format(name=name, line=properties[key][2]),
            )
        properties[key] = (name, value, record.line)
    return properties


def _file_entry(display: str, kind: str, value: str, line: int, report: ImportReport) -> FileEntry:
    mode = value.casefold()
    if mode == "":
        report.notes.append(
            translate(
                "RosterImport", "The manifest gives file.{kind} no value; read as absent."
            ).format(kind=kind)
        )
        mode = ABSENT
    if mode not in (BULK, DELTA, ABSENT):
        raise InputError(
            display,
            line,
            2,
            translate(
                "RosterImport", "expected bulk, delta or absent for file.{kind}; found {value}"
            ).format(kind=kind, value=repr(value)),
        )
    return FileEntry(kind=kind, mode=mode, line=line)


def _checked_version(display: str, version: str, line: int, report: ImportReport) -> str:
    if version in VERSIONS:
        return version
    if version == "":
        report.notes.append(
            translate(
                "RosterImport",
                "The manifest gives no oneroster.version; read as 1.1 or 1.2 layout.",
            )
        )
        return "1.1/1.2"
    raise InputError(
        display,
        line,
        2,
        translate(
            "RosterImport", "expected oneroster.version 1.0, 1.1 or 1.2; found {version}"
        ).format(version=repr(version)),
    )

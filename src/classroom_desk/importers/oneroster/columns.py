"""The OneRoster CSV files the roster is built from: their columns, and the header row of a
real export matched against them (any case, stray spaces, known misspellings).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from classroom_desk.i18n import translate
from classroom_desk.importers.csv_source import CsvRecord
from classroom_desk.importers.errors import InputError

#: Misspellings found in real SIS exports, read as the column they mean.
ALIASES = {
    "datalastmodified": "dateLastModified",
    "prefferedgivenname": "preferredGivenName",
    "prefferedmiddlename": "preferredMiddleName",
    "prefferedfamilyname": "preferredFamilyName",
}
#: Prefixes of columns that vendors add on purpose; ignored and reported as such.
EXTENSION_PREFIXES = ("ext_", "metadata.")
COMMON = ("sourcedId", "status", "dateLastModified")


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One OneRoster file: ``file.<kind>`` in the manifest, ``<kind>.csv`` in the package."""

    kind: str
    #: The columns OneRoster 1.1 and 1.2 define for this file (anything else is reported).
    standard: tuple[str, ...]
    #: Columns the roster needs; on rows not being deleted, their values too.
    required: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.kind}.csv"


ORGS = FileSpec(
    "orgs",
    (*COMMON, "name", "type", "identifier", "parentSourcedId"),
    ("name", "type"),
)
ACADEMIC_SESSIONS = FileSpec(
    "academicSessions",
    (*COMMON, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"),
    (),
)
COURSES = FileSpec(
    "courses",
    (
        *COMMON,
        "schoolYearSourcedId",
        "title",
        "courseCode",
        "grades",
        "orgSourcedId",
        "subjects",
        "subjectCodes",
    ),
    ("title", "orgSourcedId"),
)
CLASSES = FileSpec(
    "classes",
    (
        *COMMON,
        "title",
        "grades",
        "courseSourcedId",
        "classCode",
        "classType",
        "location",
        "schoolSourcedId",
        "termSourcedIds",
        "subjects",
        "subjectCodes",
        "periods",
    ),
    ("title", "courseSourcedId", "schoolSourcedId"),
)
USERS = FileSpec(
    "users",
    (
        *COMMON,
        "enabledUser",
        "orgSourcedIds",
        "role",
        "username",
        "userIds",
        "givenName",
        "familyName",
        "middleName",
        "identifier",
        "email",
        "sms",
        "phone",
        "agentSourcedIds",
        "grades",
        "password",
        "userMasterIdentifier",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
    ),
    ("givenName", "familyName"),
)
ROLES = FileSpec(
    "roles",
    (
        *COMMON,
        "userSourcedId",
        "roleType",
        "role",
        "beginDate",
        "endDate",
        "orgSourcedId",
        "userProfileSourcedId",
    ),
    ("userSourcedId", "roleType", "role", "orgSourcedId"),
)
ENROLLMENTS = FileSpec(
    "enrollments",
    (
        *COMMON,
        "classSourcedId",
        "schoolSourcedId",
        "userSourcedId",
        "role",
        "primary",
        "beginDate",
        "endDate",
    ),
    ("classSourcedId", "userSourcedId", "role"),
)
#: In the order they are read: a file's references point to files read before it.
FILE_SPECS = (ORGS, ACADEMIC_SESSIONS, COURSES, CLASSES, USERS, ROLES, ENROLLMENTS)


@dataclass(frozen=True, slots=True)
class Header:
    """A file's header row: where each column is, and what in it will be ignored."""

    file: str
    positions: dict[str, int]
    width: int
    line: int = 1
    unnamed: tuple[int, ...] = ()
    unknown: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()

    def column_number(self, column: str) -> int | str:
        """The 1-based CSV column of ``column``, or its name when the file lacks it."""
        position = self.positions.get(column)
        return column if position is None else position + 1


def read_header(
    record: CsvRecord,
    *,
    spec: FileSpec,
    file: str,
    required: tuple[str, ...],
    aliases: Mapping[str, str] | None = None,
    keys: tuple[str, ...] = (),
) -> Header:
    """Match a header row against ``spec`` (``aliases``: a format's other names for its
    columns); a missing required column is an error. Without a sourcedId column, the
    ``keys`` columns make each row's id. Misspellings read as the column they mean are
    reported (``renamed``); a format's own names are not."""
    standard = {name.casefold(): name for name in spec.standard}
    standard.update(aliases or {})
    positions: dict[str, int] = {}
    unnamed: list[int] = []
    unknown: list[str] = []
    extensions: list[str] = []
    renamed: list[tuple[str, str]] = []
    for position, written in enumerate(record.fields):
        name = written.strip().removeprefix("\ufeff")
        key = name.casefold()
        canonical = standard.get(key) or ALIASES.get(key)
        if not name:
            unnamed.append(position)
        elif canonical is None:
            target = extensions if key.startswith(EXTENSION_PREFIXES) else unknown
            target.append(name)
        elif canonical in positions:
            raise InputError(
                file,
                record.line,
                position + 1,
                translate(
                    "RosterImport", "expected each column once; {canonical} is also column {number}"
                ).format(canonical=canonical, number=positions[canonical] + 1),
            )
        else:
            positions[canonical] = position
            if key in ALIASES:
                renamed.append((name, canonical))
    identity = keys if keys and "sourcedId" not in positions else ("sourcedId",)
    for column in (*identity, *required):
        if column not in positions:
            raise InputError(
                file,
                record.line,
                column,
                translate("RosterImport", "expected a column named {column}").format(column=column),
            )
    return Header(
        file=file,
        positions=positions,
        width=len(record.fields),
        line=record.line,
        unnamed=tuple(unnamed),
        unknown=tuple(unknown),
        extensions=tuple(extensions),
        renamed=tuple(renamed),
    )


@dataclass(frozen=True, slots=True)
class Row:
    """One data row, read by column name."""

    header: Header
    line: int
    fields: list[str]

    def value(self, column: str) -> str:
        position = self.header.positions.get(column)
        if position is None or position >= len(self.fields):
            return ""
        return self.fields[position].strip()

    def error(self, column: str, expected: str) -> InputError:
        return InputError(self.header.file, self.line, self.header.column_number(column), expected)

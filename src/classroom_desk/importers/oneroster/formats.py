"""The CSV roster formats read as OneRoster: OneRoster itself, and Microsoft School Data
Sync's v2 and v2.1 CSV (OneRoster-shaped: the same files, no manifest, a few columns named
otherwise, no sourcedId on roles and enrollments).

A format says, per kind of file, what differs from OneRoster: other names for columns,
which columns are required, which columns make a row's id when the file has no
sourcedId, and how a value is turned into OneRoster's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

ONEROSTER_NAME = "OneRoster"
SDS_NAME = "School Data Sync"
_TRUE = {"true", "1", "yes", "y", "t"}


def _role_type(is_primary: str) -> str:
    """SDS says ``isPrimary`` (TRUE/FALSE) where OneRoster says roleType."""
    return "primary" if is_primary.strip().casefold() in _TRUE else "secondary"


@dataclass(frozen=True, slots=True)
class FileDialect:
    """How a format writes one kind of file, where it is not OneRoster's way."""

    #: Lower-case header to the OneRoster column it means.
    aliases: Mapping[str, str] = field(default_factory=dict)
    #: The columns the roster needs from this format's file (None: OneRoster's).
    required: tuple[str, ...] | None = None
    #: Columns whose values make a row's id when the file has no sourcedId column.
    keys: tuple[str, ...] = ()
    #: OneRoster column to the function turning this format's value into OneRoster's.
    converters: Mapping[str, Callable[[str], str]] = field(default_factory=dict)

    def convert(self, column: str, value: str) -> str:
        converter = self.converters.get(column)
        return value if converter is None else converter(value)


@dataclass(frozen=True, slots=True)
class PackageFormat:
    name: str
    files: Mapping[str, FileDialect] = field(default_factory=dict)

    def dialect(self, kind: str) -> FileDialect:
        return self.files.get(kind, FileDialect())


ONEROSTER = PackageFormat(ONEROSTER_NAME)
SDS = PackageFormat(
    SDS_NAME,
    {
        "users": FileDialect(aliases={"grade": "grades"}),
        "roles": FileDialect(
            aliases={"isprimary": "roleType"},
            required=("userSourcedId", "role", "orgSourcedId"),
            keys=("userSourcedId", "orgSourcedId", "role"),
            converters={"roleType": _role_type},
        ),
        "classes": FileDialect(
            aliases={
                "orgsourcedid": "schoolSourcedId",
                "sessionsourcedids": "termSourcedIds",
                "code": "classCode",
                "subject": "subjects",
                "grade": "grades",
            },
            required=("title", "schoolSourcedId"),
        ),
        "courses": FileDialect(
            aliases={"subject": "subjects", "grade": "grades", "code": "courseCode"}
        ),
        "enrollments": FileDialect(keys=("classSourcedId", "userSourcedId", "role")),
    },
)

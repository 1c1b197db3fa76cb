"""What an import did and what it left out, for the teacher (CLI output, later the UI)."""

from __future__ import annotations

from dataclasses import dataclass, field

from classroom_desk.importers.csv_source import CsvFormat

ROSTER_KINDS = ("students", "teachers", "classes", "enrollments")


@dataclass(slots=True)
class Changes:
    """Rows of one kind the import added, changed or removed in the store."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    #: Deleted in the SIS but kept (marked inactive) because unit attempts or notes refer
    #: to them; only students.
    kept_inactive: int = 0

    def describe(self, kind: str) -> str:
        text = f"{kind} {self.added} added, {self.updated} updated, {self.removed} removed"
        if self.kept_inactive:
            text += f", {self.kept_inactive} kept as inactive (they have activity or notes)"
        return text


@dataclass(frozen=True, slots=True)
class FileRead:
    name: str
    mode: str
    rows: int
    to_be_deleted: int


@dataclass(slots=True)
class ImportReport:
    """Returned by a successful import; ``summary()`` is the paragraph the CLI prints."""

    package: str
    version: str = ""
    school: str = ""
    files: list[FileRead] = field(default_factory=list)
    changes: dict[str, Changes] = field(
        default_factory=lambda: {kind: Changes() for kind in ROSTER_KINDS}
    )
    #: Things the teacher should know, such as a default the SIS could not supply.
    notes: list[str] = field(default_factory=list)
    #: What was read but not imported, and why (files, columns, rows).
    ignored: list[str] = field(default_factory=list)

    def note_format(self, file_name: str, format: CsvFormat) -> None:
        """Say that a file was not plain UTF-8 comma-separated CSV, and was read as what it is."""
        differences = format.differences()
        if differences:
            self.notes.append(f"{file_name} is {' and '.join(differences)}; it was read as such.")

    @property
    def rows_read(self) -> int:
        return sum(file.rows for file in self.files)

    def summary(self) -> str:
        files = ", ".join(
            f"{file.name} ({file.mode}, {file.rows} row{'' if file.rows == 1 else 's'})"
            for file in self.files
        )
        changes = "; ".join(self.changes[kind].describe(kind) for kind in ROSTER_KINDS)
        school = f" for {self.school}" if self.school else ""
        parts = [
            f"Imported OneRoster {self.version} roster{school} from {self.package}: {changes}.",
            f"Read {files or 'no roster files'}.",
        ]
        parts += self.notes
        if self.ignored:
            parts.append("Not imported: " + "; ".join(self.ignored) + ".")
        return " ".join(parts)

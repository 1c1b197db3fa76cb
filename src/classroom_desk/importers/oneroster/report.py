"""What an import changes (or, on a dry run, would change) and what it left out, for the
person importing: the CLI prints it, the import dialog shows it."""

from __future__ import annotations

from dataclasses import dataclass, field

from classroom_desk.importers.csv_source import CsvFormat

ROSTER_KINDS = ("students", "teachers", "classes", "enrollments")
#: Each change as the report words it, in the order it lists them.
CHANGE_WORDS = {
    "added": "added",
    "updated": "updated",
    "removed": "removed",
    "made_inactive": "made inactive",
    "kept": "kept",
}
#: Changes named in the one-line summary even when there are none.
ALWAYS_SAID = ("added", "updated", "removed")


@dataclass(slots=True)
class Changes:
    """Rows of one kind the import adds, changes, removes or keeps, with the first names
    of each (``names`` maps a change to them; a kept row's reasons follow its name)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    #: Students the SIS no longer lists that stay, inactive, because activity, notes,
    #: goals, a profile or reassignments refer to them.
    made_inactive: int = 0
    #: Teachers or classes the SIS no longer lists that stay because an account or a
    #: co-teacher refers to them.
    kept: int = 0
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def count(self, change: str) -> int:
        return int(getattr(self, change))

    def set_count(self, change: str, count: int) -> None:
        if change not in CHANGE_WORDS:
            raise ValueError(f"no such change: {change}")
        setattr(self, change, count)

    @property
    def going(self) -> int:
        return self.removed + self.made_inactive

    def describe(self, kind: str) -> str:
        """``students 4 added, 0 updated, 0 removed, 1 made inactive``."""
        said = [
            f"{self.count(change)} {words}"
            for change, words in CHANGE_WORDS.items()
            if change in ALWAYS_SAID or self.count(change)
        ]
        return f"{kind} {', '.join(said)}"

    def lines(self) -> list[str]:
        """One line a change there is: ``4 added: Ava Nguyen, Ben Ortiz and 2 more``."""
        found = []
        for change, words in CHANGE_WORDS.items():
            count = self.count(change)
            if not count:
                continue
            names = self.names.get(change, ())
            more = count - len(names)
            listed = ", ".join(names) + (f" and {more} more" if more > 0 and names else "")
            found.append(f"{count} {words}: {listed}" if listed else f"{count} {words}")
        return found


@dataclass(frozen=True, slots=True)
class FileRead:
    name: str
    mode: str
    rows: int
    to_be_deleted: int


@dataclass(slots=True)
class ImportReport:
    """Returned by an import or a dry run; ``summary()`` is one paragraph, ``text()`` the
    lines the command line prints."""

    package: str
    #: OneRoster, or School Data Sync, and its version.
    format: str = "OneRoster"
    version: str = ""
    school: str = ""
    files: list[FileRead] = field(default_factory=list)
    changes: dict[str, Changes] = field(
        default_factory=lambda: {kind: Changes() for kind in ROSTER_KINDS}
    )
    #: False for a dry run: the store was left as it was.
    applied: bool = True
    #: What needs a yes (many students or teachers going, a class with activity), if
    #: anything does, and the likely cause; said on a dry run, confirmed on an import.
    removals: tuple[str, ...] = ()
    cause: str = ""
    #: Things the teacher should know, such as a default the SIS could not supply.
    notes: list[str] = field(default_factory=list)
    #: What was read but not imported, and why (files, columns, rows).
    ignored: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(file.rows for file in self.files)

    @property
    def changes_anything(self) -> bool:
        return any(
            changes.count(change) for changes in self.changes.values() for change in CHANGE_WORDS
        )

    def note_format(self, file_name: str, format: CsvFormat) -> None:
        """Say that a file was not plain UTF-8 comma-separated CSV, and was read as what it is."""
        differences = format.differences()
        if differences:
            self.notes.append(f"{file_name} is {' and '.join(differences)}; it was read as such.")

    def headline(self) -> str:
        school = f" for {self.school}" if self.school else ""
        what = f"{self.format} {self.version} roster{school} from {self.package}"
        if self.applied:
            return f"Imported {what}"
        return f"Dry run of the {what}: nothing was changed"

    def removals_text(self) -> str:
        if not self.removals:
            return ""
        going = " and ".join(self.removals)
        verb = "removed or made inactive" if self.applied else "would remove or make inactive"
        said = f"This import {verb} {going}"
        return f"{said}. Likely cause: {self.cause}." if self.cause else f"{said}."

    def _files_read(self) -> str:
        files = ", ".join(
            f"{file.name} ({file.mode}, {file.rows} row{'' if file.rows == 1 else 's'})"
            for file in self.files
        )
        return files or "no roster files"

    def summary(self) -> str:
        changes = "; ".join(self.changes[kind].describe(kind) for kind in ROSTER_KINDS)
        parts = [f"{self.headline()}: {changes}.", f"Read {self._files_read()}."]
        if self.removals:
            parts.append(self.removals_text())
        parts += self.notes
        if self.ignored:
            parts.append("Not imported: " + "; ".join(self.ignored) + ".")
        return " ".join(parts)

    def text(self) -> str:
        """The report as lines: the headline, each table's changes with the first names,
        what needs a yes, the files read, notes, and what was not imported."""
        lines = [f"{self.headline()}."]
        for kind in ROSTER_KINDS:
            described = self.changes[kind].lines() or ["no change"]
            lines += [f"  {kind:<12} {described[0]}"]
            lines += [f"  {'':<12} {line}" for line in described[1:]]
        if self.removals:
            lines.append(self.removals_text())
        lines.append(f"Read {self._files_read()}.")
        lines += self.notes
        if self.ignored:
            lines.append("Not imported: " + "; ".join(self.ignored) + ".")
        return "\n".join(lines)

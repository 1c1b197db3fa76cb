"""What an import changes (or, on a dry run, would change) and what it left out, for the
person importing: the CLI prints it, the import dialog shows it."""

from __future__ import annotations

from dataclasses import dataclass, field

from classroom_desk.i18n import plural, translatable, translate
from classroom_desk.importers.csv_source import CsvFormat

ROSTER_KINDS = ("students", "teachers", "classes", "enrollments")
#: Each kind as the report names it (translated where it is said).
KIND_WORDS = {
    "students": translatable("RosterImport", "students"),
    "teachers": translatable("RosterImport", "teachers"),
    "classes": translatable("RosterImport", "classes"),
    "enrollments": translatable("RosterImport", "enrollments"),
}
#: Each change as the report words it (``{count} added``), in the order it lists them.
CHANGE_WORDS = {
    "added": translatable("RosterImport", "{count} added"),
    "updated": translatable("RosterImport", "{count} updated"),
    "removed": translatable("RosterImport", "{count} removed"),
    "made_inactive": translatable("RosterImport", "{count} made inactive"),
    "kept": translatable("RosterImport", "{count} kept"),
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
            translate("RosterImport", words).format(count=self.count(change))
            for change, words in CHANGE_WORDS.items()
            if change in ALWAYS_SAID or self.count(change)
        ]
        return translate("RosterImport", "{kind} {changes}").format(
            kind=kind_words(kind), changes=", ".join(said)
        )

    def lines(self) -> list[str]:
        """One line a change there is: ``4 added: Ava Nguyen, Ben Ortiz and 2 more``."""
        found = []
        for change, words in CHANGE_WORDS.items():
            count = self.count(change)
            if not count:
                continue
            names = self.names.get(change, ())
            more = count - len(names)
            counted = translate("RosterImport", words).format(count=count)
            if not names:
                found.append(counted)
                continue
            listed = ", ".join(names)
            if more > 0:
                listed = translate("RosterImport", "{names} and {more} more").format(
                    names=listed, more=more
                )
            found.append(f"{counted}: {listed}")
        return found


def kind_words(kind: str) -> str:
    """``students``, ``teachers``, ``classes`` or ``enrollments`` in the teacher's language."""
    return translate("RosterImport", KIND_WORDS[kind]) if kind in KIND_WORDS else kind


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
    #: The school's sourcedId (a server importing a district imports each school).
    school_sourced_id: str = ""
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
            self.notes.append(
                translate("RosterImport", "{file} is {format}; it was read as such.").format(
                    file=file_name, format=and_list(differences)
                )
            )

    def headline(self) -> str:
        if self.school:
            what = translate(
                "RosterImport", "{format} {version} roster for {school} from {package}"
            )
        else:
            what = translate("RosterImport", "{format} {version} roster from {package}")
        what = what.format(
            format=self.format, version=self.version, school=self.school, package=self.package
        )
        if self.applied:
            return translate("RosterImport", "Imported {what}").format(what=what)
        return translate("RosterImport", "Dry run of the {what}: nothing was changed").format(
            what=what
        )

    def removals_text(self) -> str:
        if not self.removals:
            return ""
        going = and_list(self.removals)
        if self.applied:
            said = translate("RosterImport", "This import removed or made inactive {going}")
        else:
            said = translate("RosterImport", "This import would remove or make inactive {going}")
        said = said.format(going=going)
        if self.cause:
            return translate("RosterImport", "{said}. Likely cause: {cause}.").format(
                said=said, cause=self.cause
            )
        return f"{said}."

    def _files_read(self) -> str:
        files = ", ".join(
            plural(
                file.rows,
                translate("RosterImport", "{file} ({mode}, {rows} row)"),
                translate("RosterImport", "{file} ({mode}, {rows} rows)"),
            ).format(file=file.name, mode=file.mode, rows=file.rows)
            for file in self.files
        )
        return files or translate("RosterImport", "no roster files")

    def _read_line(self) -> str:
        return translate("RosterImport", "Read {files}.").format(files=self._files_read())

    def _not_imported(self) -> str:
        return translate("RosterImport", "Not imported: {what}.").format(
            what="; ".join(self.ignored)
        )

    def summary(self) -> str:
        changes = "; ".join(self.changes[kind].describe(kind) for kind in ROSTER_KINDS)
        parts = [f"{self.headline()}: {changes}.", self._read_line()]
        if self.removals:
            parts.append(self.removals_text())
        parts += self.notes
        if self.ignored:
            parts.append(self._not_imported())
        return " ".join(parts)

    def text(self) -> str:
        """The report as lines: the headline, each table's changes with the first names,
        what needs a yes, the files read, notes, and what was not imported."""
        lines = [f"{self.headline()}."]
        for kind in ROSTER_KINDS:
            described = self.changes[kind].lines() or [translate("RosterImport", "no change")]
            lines += [f"  {kind_words(kind):<12} {described[0]}"]
            lines += [f"  {'':<12} {line}" for line in described[1:]]
        if self.removals:
            lines.append(self.removals_text())
        lines.append(self._read_line())
        lines += self.notes
        if self.ignored:
            lines.append(self._not_imported())
        return "\n".join(lines)


def and_list(items: tuple[str, ...] | list[str]) -> str:
    """``a and b and c`` (``a y b y c``): how the report joins a few phrases."""
    return translate("RosterImport", " and ").join(items)

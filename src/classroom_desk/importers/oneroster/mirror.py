"""Bringing the mirror of SIS records (the ``oneroster_*`` tables) up to date with a package.

A bulk file replaces its kind of record; a delta file adds, changes and (``tobedeleted``)
removes the records it lists; an absent file leaves its kind as the last import left it.
References are checked first, against what the package and earlier imports provide.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from classroom_desk.i18n import translatable, translate
from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster.manifest import BULK
from classroom_desk.importers.oneroster.report import ImportReport
from classroom_desk.importers.oneroster.staging import LAYOUT_BY_KIND, Layout, StagedFile
from classroom_desk.importers.oneroster.values import TO_BE_DELETED


@dataclass(frozen=True, slots=True)
class Reference:
    """A column of one file that must name a record of another."""

    kind: str
    column: str
    staged_column: str
    target_kind: str
    target_noun: str
    #: Checked only when the package or an earlier import provides the target file:
    #: packages often leave courses out while classes still name theirs.
    only_when_provided: bool = False


REFERENCES = (
    Reference(
        "classes",
        "schoolSourcedId",
        "school_sourced_id",
        "orgs",
        translatable("RosterImport", "an org"),
    ),
    Reference(
        "classes",
        "courseSourcedId",
        "course_sourced_id",
        "courses",
        translatable("RosterImport", "a course"),
        True,
    ),
    Reference(
        "roles", "userSourcedId", "user_sourced_id", "users", translatable("RosterImport", "a user")
    ),
    Reference(
        "enrollments",
        "classSourcedId",
        "class_sourced_id",
        "classes",
        translatable("RosterImport", "a class"),
    ),
    Reference(
        "enrollments",
        "userSourcedId",
        "user_sourced_id",
        "users",
        translatable("RosterImport", "a user"),
    ),
)


def check_references(
    connection: sqlite3.Connection, staged: Mapping[str, StagedFile], report: ImportReport
) -> None:
    """Raise :class:`InputError` at the first row (by line) that names a record nobody provides.

    A record deleted by this package still counts as known: rows referring to it are
    dropped with it (and reported), not treated as errors.
    """
    for reference in REFERENCES:
        source = staged.get(reference.kind)
        if source is None or reference.column not in source.header.positions:
            continue
        target = LAYOUT_BY_KIND[reference.target_kind]
        if reference.only_when_provided and not _provided(connection, target, staged):
            report.notes.append(
                translate(
                    "RosterImport",
                    "{kind}.csv names {target_kind} in {column}, but the package has no "
                    "{target_kind}.csv; those names were not checked.",
                ).format(
                    kind=reference.kind, target_kind=reference.target_kind, column=reference.column
                )
            )
            continue
        _check_reference(connection, reference, source, target, staged.get(target.spec.kind))


def _provided(
    connection: sqlite3.Connection, target: Layout, staged: Mapping[str, StagedFile]
) -> bool:
    if target.spec.kind in staged:
        return True
    return connection.execute(f"SELECT 1 FROM {target.mirror} LIMIT 1").fetchone() is not None


def _check_reference(
    connection: sqlite3.Connection,
    reference: Reference,
    source: StagedFile,
    target: Layout,
    target_staged: StagedFile | None,
) -> None:
    named = f"s.{reference.staged_column}"
    conditions = []
    if target_staged is not None:
        conditions.append(f"NOT EXISTS (SELECT 1 FROM {target.staged} WHERE sourced_id = {named})")
    if target_staged is None or target_staged.mode != BULK:
        conditions.append(f"NOT EXISTS (SELECT 1 FROM {target.mirror} WHERE sourced_id = {named})")
    dangling = connection.execute(
        f"SELECT s.line, {named} FROM {source.layout.staged} s"
        f" WHERE s.status != ? AND {' AND '.join(conditions)} ORDER BY s.line LIMIT 1",
        (TO_BE_DELETED,),
    ).fetchone()
    if dangling is None:
        return
    line, value = dangling
    raise InputError(
        source.display,
        line,
        source.header.column_number(reference.column),
        translate(
            "RosterImport",
            "expected {column} to name {target_noun} in {target_kind}.csv (or "
            "one imported before); {value} is not one",
        ).format(
            column=reference.column,
            target_noun=translate("RosterImport", reference.target_noun),
            target_kind=reference.target_kind,
            value=repr(value),
        ),
    )


def merge_into_mirror(
    connection: sqlite3.Connection, staged: Mapping[str, StagedFile], report: ImportReport
) -> None:
    """Apply every staged file to its mirror table, then drop records left dangling."""
    for file in staged.values():
        _merge_file(connection, file)
    dropped = _drop_dangling(connection)
    if dropped:
        report.ignored.append(
            translate(
                "RosterImport",
                "enrollments and roles of classes or users the SIS deleted: {dropped}",
            ).format(dropped=dropped)
        )


def _merge_file(connection: sqlite3.Connection, file: StagedFile) -> None:
    layout = file.layout
    if file.mode == BULK:
        connection.execute(
            f"DELETE FROM {layout.mirror} WHERE sourced_id NOT IN"
            f" (SELECT sourced_id FROM {layout.staged} WHERE status != ?)",
            (TO_BE_DELETED,),
        )
    else:
        connection.execute(
            f"DELETE FROM {layout.mirror} WHERE sourced_id IN"
            f" (SELECT sourced_id FROM {layout.staged} WHERE status = ?)",
            (TO_BE_DELETED,),
        )
    names = ("status", *layout.columns)
    # A bulk file gives whole records; a delta file that leaves a column out changes
    # the records it lists but leaves that field as the last import left it.
    updated = ("status", *(layout.columns if file.mode == BULK else file.given_columns))
    changed = " OR ".join(f"{name} IS NOT excluded.{name}" for name in updated)
    connection.execute(
        f"INSERT INTO {layout.mirror} (sourced_id, {', '.join(names)})"
        f" SELECT sourced_id, {', '.join(names)} FROM {layout.staged} WHERE status != ?"
        f" ON CONFLICT (sourced_id) DO UPDATE SET"
        f" {', '.join(f'{name} = excluded.{name}' for name in updated)} WHERE {changed}",
        (TO_BE_DELETED,),
    )


def _drop_dangling(connection: sqlite3.Connection) -> int:
    """Enrollments and roles of deleted classes or users go with them."""
    enrollments = connection.execute(
        "DELETE FROM oneroster_enrollment"
        " WHERE class_sourced_id NOT IN (SELECT sourced_id FROM oneroster_class)"
        " OR user_sourced_id NOT IN (SELECT sourced_id FROM oneroster_user)"
    ).rowcount
    roles = connection.execute(
        "DELETE FROM oneroster_role"
        " WHERE user_sourced_id NOT IN (SELECT sourced_id FROM oneroster_user)"
    ).rowcount
    return enrollments + roles

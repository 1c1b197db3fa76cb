"""Render File > Import roster's preview of an import that would remove most of a school's
students (a partial export), over the main window, to a PNG.

    python resources/screenshots/render_import_preview.py [OUT.png] [--size 1024x600]

A small OneRoster school (two classes, twelve students, one with activity) is imported
into a fresh store; then the preview of a package that lists only one class's students
is shown, as a teacher sees it before saying yes.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

from demo_shot import DemoShot, add_screen_arguments

from classroom_desk.importers.oneroster import ImportOptions, ImportReport, import_oneroster
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.presenters.imports import roster_preview_view
from classroom_desk.store.database import open_store
from classroom_desk.ui.import_dialogs import RosterPreviewDialog

NAMES = [
    ("Ava", "Nguyen"), ("Ben", "Ortiz"), ("Cleo", "Park"), ("Dev", "Shah"),
    ("Eli", "Moss"), ("Fay", "Lund"), ("Gus", "Hale"), ("Hana", "Ito"),
    ("Ivy", "Jones"), ("Jon", "Kerr"), ("Kai", "Lee"), ("Lia", "Moreno"),
]  # fmt: skip


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _package(folder: Path, students: list[int]) -> Path:
    folder.mkdir(parents=True)
    users = [["sourcedId", "status", "dateLastModified", "role", "givenName", "familyName",
              "grades"],
             ["t-1", "active", "", "teacher", "Elena", "Rivera", ""],
             ["t-2", "active", "", "teacher", "Sam", "Okafor", ""]]  # fmt: skip
    enrollments = [["sourcedId", "status", "dateLastModified", "classSourcedId",
                    "userSourcedId", "role", "primary"],
                   ["e-t1", "active", "", "cls-r", "t-1", "teacher", "true"],
                   ["e-t2", "active", "", "cls-m", "t-2", "teacher", "true"]]  # fmt: skip
    for n in students:
        given, family = NAMES[n]
        users.append([f"s-{n}", "active", "", "student", given, family, "04"])
        section = "cls-r" if n < 6 else "cls-m"
        enrollments.append([f"e-{n}", "active", "", section, f"s-{n}", "student", "false"])
    files = {
        "orgs.csv": _csv([["sourcedId", "status", "dateLastModified", "name", "type"],
                          ["org-1", "active", "", "Maple Elementary", "school"]]),
        "classes.csv": _csv([["sourcedId", "status", "dateLastModified", "title", "grades",
                              "courseSourcedId", "schoolSourcedId"],
                             ["cls-r", "active", "", "Reading 4A", "04", "c-r", "org-1"],
                             ["cls-m", "active", "", "Math 4B", "04", "c-m", "org-1"]]),
        "users.csv": _csv(users),
        "enrollments.csv": _csv(enrollments),
    }  # fmt: skip
    manifest = [["propertyName", "value"], ["oneroster.version", "1.1"]]
    manifest += [[f"file.{name.removesuffix('.csv')}", "bulk"] for name in files]
    (folder / "manifest.csv").write_text(_csv(manifest))
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "out", nargs="?", type=Path, default=Path(__file__).with_name("import_preview.png")
    )
    add_screen_arguments(parser)
    args = parser.parse_args()
    shot = DemoShot(size=args.size, scale=args.scale, prefix="preview-shot-")
    window = shot.main_window(area="reading")
    shot.show(window)
    dialog = RosterPreviewDialog(roster_preview_view(partial_export_preview(shot.work)), window)
    dialog.show()
    dialog.details_button.setChecked(True)
    shot.app.processEvents()
    saved = shot.save(dialog, args.out)
    shot.close()
    return 0 if saved else 1


def partial_export_preview(work: Path) -> ImportReport:
    """The dry run of a package listing only one class's students, over a store holding
    the school's twelve (one with activity): what the dialog shows before the yes."""
    store = open_store(work / "school.sqlite")
    import_oneroster(_package(work / "full", list(range(12))), store)
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO unit (id, content_area_id, code, title, position)"
            " VALUES ('u1', 'reading', 'R1', 'Main idea', 1)"
        )
        connection.execute(
            "INSERT INTO unit_attempt (id, student_id, unit_id, content_area_id, score,"
            " minutes, completed_at, source_id) VALUES ('a1', ?, 'u1', 'reading', 72, 25,"
            " '2026-11-17 15:00:00', 'platform')",
            (record_id("student", "s-2"),),
        )
    partial = _package(work / "math-only", list(range(6, 12)))
    report = import_oneroster(partial, store, options=ImportOptions(dry_run=True))
    store.close()
    return report


if __name__ == "__main__":
    raise SystemExit(main())

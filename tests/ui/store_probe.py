"""What the store file holds, read through a connection of its own (as another process would)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import probe_connection

ACTIVE_REASSIGNMENTS_SQL = """
SELECT r.student_id, r.unit_id FROM reassignment_event r
 WHERE r.action = 'reassign'
   AND NOT EXISTS (SELECT 1 FROM reassignment_event u WHERE u.undoes_id = r.id)
 ORDER BY r.student_id, r.unit_id
"""


class StoreProbe:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _rows(self, sql: str, *parameters: object) -> list[tuple[object, ...]]:
        connection = probe_connection(self.path)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()

    def notes(self, student_id: str) -> list[tuple[str, str]]:
        """(body, tags) of the student's notes, oldest first."""
        return [
            (str(body), str(tags))
            for body, tags in self._rows(
                "SELECT body, tags FROM conference_note WHERE student_id = ?"
                " ORDER BY created_at, rowid",
                student_id,
            )
        ]

    def active_reassignments(self) -> list[tuple[str, str]]:
        return [(str(s), str(u)) for s, u in self._rows(ACTIVE_REASSIGNMENTS_SQL)]

    def reassignment_batches(self) -> dict[str, list[tuple[str, str]]]:
        batches: dict[str, list[tuple[str, str]]] = {}
        for batch, student, unit in self._rows(
            "SELECT batch_id, student_id, unit_id FROM reassignment_event"
            " WHERE action = 'reassign' ORDER BY student_id, unit_id"
        ):
            batches.setdefault(str(batch), []).append((str(student), str(unit)))
        return batches

    def goals(self, student_id: str) -> list[tuple[str, float]]:
        return [
            (str(kind), float(target))
            for kind, target in self._rows(
                "SELECT kind, target FROM goal WHERE student_id = ? AND status = 'active'",
                student_id,
            )
        ]

    def celebrations(self, student_id: str) -> int:
        [(count,)] = self._rows("SELECT COUNT(*) FROM celebration WHERE student_id = ?", student_id)
        return int(count)

    def all_goals(self) -> list[tuple[str, str, float, str]]:
        """(student, kind, target, status) of every goal, in a stable order."""
        return [
            (str(student), str(kind), float(target), str(status))
            for student, kind, target, status in self._rows(
                "SELECT student_id, kind, target, status FROM goal ORDER BY student_id, kind, id"
            )
        ]

    def note_bodies(self) -> dict[str, list[str]]:
        """Each student's note texts, oldest first (the latest version of each)."""
        bodies: dict[str, list[str]] = {}
        for student, body in self._rows(
            "SELECT student_id, body FROM conference_note n WHERE NOT EXISTS"
            " (SELECT 1 FROM conference_note later WHERE later.supersedes_id = n.id)"
            " ORDER BY created_at, rowid"
        ):
            bodies.setdefault(str(student), []).append(str(body))
        return bodies

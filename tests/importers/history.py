"""A unit attempt recorded for a student, on a laptop store or a school server: the
activity that keeps a student the SIS drops, and makes their classes need a yes."""

from __future__ import annotations

from sqlalchemy import Engine, text

from classroom_desk.store.database import Store

UNIT = (
    "INSERT INTO unit (id, content_area_id, code, title, position)"
    " SELECT 'u1', 'reading', 'R1', 'Main idea', 1"
    " WHERE NOT EXISTS (SELECT 1 FROM unit WHERE id = 'u1')"
)
ATTEMPT = (
    "INSERT INTO unit_attempt (id, student_id, unit_id, content_area_id, score, minutes,"
    " completed_at, source_id) VALUES (:id, :student, 'u1', 'reading', :score, 20,"
    " '2024-09-03 15:00:00', 'platform-1')"
)
PROGRESS = (
    "INSERT INTO unit_progress (student_id, unit_id, content_area_id, latest_score,"
    " latest_completed_at, attempts) VALUES (:student, 'u1', 'reading', :score,"
    " '2024-09-03 15:00:00', 1)"
)


def add_attempt(store: Store, student: str, score: float = 60) -> None:
    values = {"id": f"a-{student}", "student": student, "score": score}
    with store.transaction() as connection:
        connection.execute(UNIT)
        connection.execute(ATTEMPT, values)
        connection.execute(PROGRESS, values)


def add_attempt_on_server(engine: Engine, student: str, score: float = 60) -> None:
    with engine.begin() as connection:
        connection.execute(text(UNIT))
        connection.execute(
            text(ATTEMPT), {"id": f"a-{student}", "student": student, "score": score}
        )

"""A scripted teacher for the kill test: conference actions through the panel presenter,
printing one JSON line per action *after* it is durable (what the UI shows as saved).

Run as ``python -m tests.reliability.scripted_teacher STORE SEED``; it runs until killed.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.student_panel import (
    SaveState,
    StudentContext,
    StudentPanelPresenter,
)
from classroom_desk.store.conference_queries import ConferenceQueries, UnitState
from classroom_desk.store.database import open_store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device

WORDS = [
    "reading",
    "fluency",
    "fractions",
    "time",
    "goal",
    "retry",
    "great",
    "focus",
    "inference",
    "centers",
]


def ack(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def main(store_path: str, seed: int) -> None:
    rng = random.Random(seed)
    store = open_store(Path(store_path))
    queries = RosterQueries(store.connection)
    calendar = SchoolCalendar.named("America/Chicago")
    week = calendar.current_week(datetime.now(UTC))
    start, end = calendar.utc_bounds(week)
    rows = queries.weekly_roster(
        section_ids=[s.id for s in queries.sections() if "math" in s.content_area_ids],
        content_area_id="math",
        start_utc=start,
        end_utc=end,
        thresholds=Thresholds(),
    )
    panel = StudentPanelPresenter(
        source=ConferenceQueries(store.connection),
        actions=TeacherActions(store, ensure_device(store)),
        calendar=lambda: calendar,
        thresholds=Thresholds,
    )
    ack(ready=True)
    while True:
        row = rng.choice(rows)
        panel.open(
            StudentContext(
                row.student_id, row.given_name, row.grade, "math", "Math", week, row.figures
            )
        )
        # Reopening the same student continues the same conference note: keep typing
        # after what is there (the harness checks that saved text only ever grows).
        text = panel.draft.text
        for _ in range(rng.randint(1, 6)):
            text += rng.choice(WORDS) + " "
            panel.edit_note(text)
            if panel.autosave() is SaveState.SAVED:
                ack(kind="note", id=panel.draft.note_id, body=text.strip())
        action = rng.random()
        lowest = panel.lowest_unit_to_reassign()
        if action < 0.4 and lowest is not None:
            step = panel.reassign(lowest.unit_id)
            ack(kind="reassign", batch=step.batch_id, student=row.student_id, unit=lowest.unit_id)
            if rng.random() < 0.3:
                panel.undo_last()
                ack(kind="undo", batch=step.batch_id)
        elif action < 0.7:
            target = float(rng.randint(1, 4))
            goal = panel.set_goal(GoalKind.UNITS_MASTERED, target)
            ack(kind="goal", id=goal, target=target)
        assert all(u.state in UnitState for u in panel.units)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

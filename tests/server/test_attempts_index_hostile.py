"""Server migration 0011 and an index of its name built by hand first that is not the
one it builds: a ``CREATE INDEX CONCURRENTLY`` that failed or was stopped (PostgreSQL
leaves it behind, invalid, never used), or one on other columns. The upgrade must not
keep it: the School view's figures would read the whole attempts table for good."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from classroom_desk.demo import build_demo_school
from classroom_desk.server.database import migrate, write_transaction
from classroom_desk.server.records import load_dataset
from tests.server.test_server_migrations import BEFORE_ATTEMPTS_BY_TIME, _counts
from tests.server.test_server_migrations import engine as engine

NAME = "ix_unit_attempt_student_time"


def _valid(engine: Engine) -> bool:
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(:n)"),
                {"n": NAME},
            ).scalar()
        )


def _build_by_hand(engine: Engine, statement: str) -> None:
    autocommit = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    # The build may fail, as a stopped one does: what it leaves is what is tested.
    with autocommit as connection, contextlib.suppress(DBAPIError):
        connection.execute(text(statement))


@pytest.mark.parametrize(
    "by_hand",
    [
        # Stopped half way (here: a duplicate ends it): PostgreSQL keeps it, invalid.
        f"CREATE UNIQUE INDEX {{concurrently}}{NAME} ON unit_attempt (student_id)",
        # Built on other columns by a mistake.
        f"CREATE INDEX {{concurrently}}{NAME} ON unit_attempt (completed_at)",
    ],
)
def test_an_index_of_the_name_that_is_not_the_one_wanted_is_built_again(
    engine: Engine, by_hand: str
) -> None:
    migrate(engine, BEFORE_ATTEMPTS_BY_TIME)
    with write_transaction(engine) as connection:
        load_dataset(connection, build_demo_school(datetime(2026, 11, 19, tzinfo=UTC)))
    concurrently = "CONCURRENTLY " if engine.dialect.name == "postgresql" else ""
    _build_by_hand(engine, by_hand.format(concurrently=concurrently))
    before = _counts(engine)

    migrate(engine)

    assert _counts(engine) == before
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("unit_attempt")}
    assert indexes[NAME]["column_names"] == ["student_id", "completed_at"]
    assert not indexes[NAME]["unique"]
    assert _valid(engine)

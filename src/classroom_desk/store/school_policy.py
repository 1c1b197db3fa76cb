"""Changing the school's policy (time zone, first day of the week, thresholds) on a laptop
that keeps its own school: one without a school server."""

from __future__ import annotations

from collections.abc import Mapping

from classroom_desk.domain.policy import POLICY_OPTIONS
from classroom_desk.domain.records import SchoolRecord
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries

#: The ``school`` columns a policy change may set.
POLICY_COLUMNS = frozenset(option.column for option in POLICY_OPTIONS)


class PolicyChangeError(Exception):
    """The policy cannot be changed here; the message says why and where it can be."""


def set_school_policy(store: Store, changes: Mapping[str, object]) -> SchoolRecord:
    """Apply ``changes`` (column -> value, already validated) and return the school.

    A laptop signed in to a school server takes the policy the server hands down: a
    change here would be overwritten at the next sync, so it is refused.
    """
    unknown = set(changes) - POLICY_COLUMNS
    if unknown:
        raise ValueError(f"not policy columns: {', '.join(sorted(unknown))}")
    queries = RosterQueries(store.connection)
    school = queries.school()
    if school is None:
        raise PolicyChangeError("this store has no school yet: import a roster first")
    server = queries.school_server()
    if changes and server is not None:
        raise PolicyChangeError(
            f"this laptop takes its school's policy from the school server {server}: "
            "the school admin changes it there (classroom-desk-server set-school)"
        )
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with store.transaction():
            store.connection.execute(
                f"UPDATE school SET {assignments} WHERE id = ?", (*changes.values(), school.id)
            )
    updated = queries.school()
    assert updated is not None
    return updated

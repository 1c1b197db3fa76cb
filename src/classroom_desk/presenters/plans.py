"""The one place the plan screens' presenters are wired to a store: the app, the
screenshots, the benchmarks and the tests all build them here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.groups import GroupsPresenter
from classroom_desk.presenters.rotation import RotationPresenter
from classroom_desk.presenters.tutoring import TutoringPresenter
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.plan_actions import PlanActions
from classroom_desk.store.plan_queries import PlanQueries
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import ensure_device


class _PlanData(RosterQueries, PlanQueries):
    """The class's weeks and its plans, read over one connection."""

    def __init__(self, store: Store) -> None:
        RosterQueries.__init__(self, store.connection)
        PlanQueries.__init__(self, store.connection)


@dataclass(frozen=True, slots=True)
class PlanPresenters:
    groups: GroupsPresenter
    rotation: RotationPresenter
    tutoring: TutoringPresenter


def plan_presenters(
    store: Store,
    *,
    calendar: Callable[[], SchoolCalendar],
    thresholds: Callable[[], Thresholds],
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> PlanPresenters:
    """Groups, rotation board and tutoring over ``store``, on the roster's calendar."""
    data = _PlanData(store)
    actions = PlanActions(store, ensure_device(store))
    common = {"calendar": calendar, "thresholds": thresholds, "now": now}
    return PlanPresenters(
        groups=GroupsPresenter(
            weeks=data,
            goals=ConferenceQueries(store.connection),
            groups_source=data,
            actions=actions,
            **common,  # type: ignore[arg-type]
        ),
        rotation=RotationPresenter(source=data, actions=actions, **common),  # type: ignore[arg-type]
        tutoring=TutoringPresenter(source=data, actions=actions, **common),  # type: ignore[arg-type]
    )

"""Flexible small groups: suggestions for one block from this week's data.

A **block** is one class's centers time in one content area for one school week; a
student is in at most one group per block. Groups belong to their week: next week
starts from fresh suggestions (the field's advice: group by this week's need, never
track students into permanent groups).

How suggestions are made (the groups view's tooltip says the same, from
:func:`suggestion_explanation`), deterministically for the same data:

1. Each student's needs are read from the week: units whose latest score is under
   mastery (attempted in the last four weeks, not mastered since), no activity,
   minutes under the weekly target, a goal close to met (half way or more), and an
   average-score band.
2. Needs are taken in this order, each handing out students nobody has taken yet:
   a shared unit under mastery (units shared by the most students first, then in
   course order), no activity, under the minutes, close to a goal, then level bands
   (average 70-79%, 60-69%, under 60%). Within a need, students are ordered by
   support priority (who needs help most first), ties by name.
3. A need with fewer students than the smallest group size makes no group; its
   students stay free for the needs after it. A need with more than the largest size
   is split into groups of nearly equal size, never outside the sizes (when no even
   split fits, the students most in need fill whole groups, the rest stay free).
4. Students on track are offered an enrichment group (split the same way).
5. Everyone left is listed as not in a group, for the teacher to place.

Every group carries the reason it was made, in words, true of every member.
"""

from __future__ import annotations

import enum
import math
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from classroom_desk.domain.figures import Status, WeeklyFigures, assess
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.priority import support_priority
from classroom_desk.i18n import plural, translate

MAX_GROUP_NAME: Final = 60
MAX_GROUP_SIZE_LIMIT: Final = 12
DEFAULT_MIN_SIZE: Final = 3
DEFAULT_MAX_SIZE: Final = 5
#: A goal counts as "close to met" from this share of its target on.
NEAR_GOAL_SHARE: Final = 0.5
#: Level bands of the week's average score, highest first: (lowest, highest, key).
LEVEL_BANDS: Final = ((70.0, 80.0, "70-79%"), (60.0, 70.0, "60-69%"), (0.0, 60.0, "under 60%"))


def suggestion_explanation() -> str:
    """How suggestions are made, in the teacher's language (the groups view's tooltip)."""
    return translate(
        "Groups",
        "Suggestions come from this week's data, the same every time for the same data. "
        "Needs are taken in order: a unit several students scored under mastery (most "
        "students first), no activity, under the weekly minutes, close to a goal, then "
        "average-score bands. Each need takes students not yet in a group, most in need "
        "first; too few for the smallest size makes no group, too many are split evenly "
        "within the sizes. Students on track are offered an enrichment group. A student is "
        "in at most one group per block.",
    )


_PLACEMENT_NAMESPACE = uuid.UUID("3c9b6f1e-2a4d-4e8b-9f0a-7d5c1e2b3a49")


def placement_id(section_id: str, content_area_id: str, week: str, student_id: str) -> str:
    """The one record of a student's group in a block (``week``: its first day, ISO), the
    same on every laptop and the server: two laptops that place a student offline write
    one record, so the student is never in two groups of a block."""
    return str(
        uuid.uuid5(_PLACEMENT_NAMESPACE, f"{section_id}/{content_area_id}/{week}/{student_id}")
    )


class GroupBasis(enum.Enum):
    """Why a group exists; the order is the order needs are taken in."""

    UNIT = "unit"
    NO_ACTIVITY = "no_activity"
    UNDER_MINUTES = "under_minutes"
    NEAR_GOAL = "near_goal"
    LEVEL = "level"
    ENRICHMENT = "enrichment"
    TEACHER = "teacher"  # made or edited by the teacher


class GroupingError(ValueError):
    """Group sizes or a group's name that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class GroupSizes:
    """The smallest and largest group the teacher wants (default 3-5)."""

    smallest: int = DEFAULT_MIN_SIZE
    largest: int = DEFAULT_MAX_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.smallest <= self.largest <= MAX_GROUP_SIZE_LIMIT:
            raise GroupingError(
                translate(
                    "Groups",
                    "group sizes must be 1 to {limit} students, the smallest no larger than "
                    "the largest (got {smallest}-{largest})",
                ).format(limit=MAX_GROUP_SIZE_LIMIT, smallest=self.smallest, largest=self.largest)
            )

    def describe(self) -> str:
        if self.smallest == self.largest:
            return _students(self.smallest)
        return translate("Groups", "{smallest}-{largest} students").format(
            smallest=self.smallest, largest=self.largest
        )


@dataclass(frozen=True, slots=True)
class UnitShortfall:
    """A unit whose latest score is under mastery."""

    unit_id: str
    title: str
    position: int
    score: float


@dataclass(frozen=True, slots=True)
class GroupingStudent:
    """What suggestions read about one student for the block's week."""

    student_id: str
    given_name: str
    family_name: str
    figures: WeeklyFigures
    weak_units: tuple[UnitShortfall, ...] = ()
    #: An active goal in the block's area, not met, at least half way there.
    near_goal: bool = False
    days_since_conference: int | None = None

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class SuggestedGroup:
    """A group the app proposes: a stable key, a name, and its reason in words."""

    key: str
    basis: GroupBasis
    name: str
    reason: str
    student_ids: tuple[str, ...]
    unit_id: str | None = None


@dataclass(frozen=True, slots=True)
class Suggestions:
    groups: tuple[SuggestedGroup, ...]
    #: Students no need placed, in name order.
    ungrouped: tuple[str, ...]
    sizes: GroupSizes = field(default_factory=GroupSizes)


def checked_group_name(name: str) -> str:
    """A group's name as stored: one line, trimmed, 1 to 60 characters."""
    plain = " ".join(name.replace("\x00", "").split())
    if not plain:
        raise GroupingError(translate("Groups", "a group needs a name"))
    if len(plain) > MAX_GROUP_NAME:
        raise GroupingError(
            translate(
                "Groups", "a group's name is too long ({length} characters, at most {limit})"
            ).format(length=len(plain), limit=MAX_GROUP_NAME)
        )
    return plain


def split_sizes(count: int, sizes: GroupSizes) -> list[int]:
    """How ``count`` students who share a need are split into groups within ``sizes``.

    Nearly equal groups (sizes differ by at most one) when such a split exists; else
    as many full groups of the largest size as fit, and the rest stay out. Fewer
    students than the smallest size make no group.
    """
    if count < sizes.smallest:
        return []
    groups = math.ceil(count / sizes.largest)
    if count // groups >= sizes.smallest:
        base, extra = divmod(count, groups)
        return [base + 1] * extra + [base] * (groups - extra)
    return [sizes.largest] * (count // sizes.largest)


@dataclass(frozen=True, slots=True)
class _Need:
    key: str
    basis: GroupBasis
    name: str
    #: The reason for a group of ``n`` of them: "Equivalent fractions I: 4 students under 80%".
    reason: Callable[[int], str]
    members: Callable[[GroupingStudent], bool]
    unit_id: str | None = None


def _students(count: int) -> str:
    return plural(
        count, translate("Groups", "{count} student"), translate("Groups", "{count} students")
    ).format(count=count)


def _unit_needs(students: Sequence[GroupingStudent], thresholds: Thresholds) -> list[_Need]:
    holders: dict[str, set[str]] = {}
    units: dict[str, UnitShortfall] = {}
    for student in students:
        for unit in student.weak_units:
            holders.setdefault(unit.unit_id, set()).add(student.student_id)
            units.setdefault(unit.unit_id, unit)
    order = sorted(units.values(), key=lambda u: (-len(holders[u.unit_id]), u.position, u.unit_id))
    mastery = f"{thresholds.mastery_score:.0f}%"

    def need(unit: UnitShortfall) -> _Need:
        ids = frozenset(holders[unit.unit_id])
        return _Need(
            key=f"unit:{unit.unit_id}",
            basis=GroupBasis.UNIT,
            name=unit.title,
            reason=lambda n: translate("Groups", "{unit}: {students} under {mastery}").format(
                unit=unit.title, students=_students(n), mastery=mastery
            ),
            members=lambda s: s.student_id in ids,
            unit_id=unit.unit_id,
        )

    return [need(unit) for unit in order]


def _other_needs(thresholds: Thresholds) -> list[_Need]:
    minutes = thresholds.min_weekly_minutes
    needs = [
        _Need(
            "no_activity",
            GroupBasis.NO_ACTIVITY,
            translate("Groups", "Fresh start"),
            lambda n: translate("Groups", "No activity this week: {students}").format(
                students=_students(n)
            ),
            lambda s: not s.figures.has_activity,
        ),
        _Need(
            "under_minutes",
            GroupBasis.UNDER_MINUTES,
            translate("Groups", "Time builders"),
            lambda n: translate("Groups", "Under {minutes} minutes this week: {students}").format(
                minutes=minutes, students=_students(n)
            ),
            lambda s: s.figures.has_activity and s.figures.minutes < minutes,
        ),
        _Need(
            "near_goal",
            GroupBasis.NEAR_GOAL,
            translate("Groups", "Goal push"),
            lambda n: translate("Groups", "Close to a goal: {students} half way or more").format(
                students=_students(n)
            ),
            lambda s: s.near_goal,
        ),
    ]
    return needs + [_level_need(low, high, key) for low, high, key in LEVEL_BANDS]


def _band_words(key: str) -> str:
    """A level band in words ("70-79%", "under 60%")."""
    if key.startswith("under "):
        return translate("Groups", "under {score}").format(score=key.removeprefix("under "))
    return key


def _level_need(low: float, high: float, key: str) -> _Need:
    def in_band(student: GroupingStudent) -> bool:
        average = student.figures.average_score
        return average is not None and low <= average < high

    words = _band_words(key)
    return _Need(
        f"level:{key}",
        GroupBasis.LEVEL,
        translate("Groups", "Average {band}").format(band=words),
        lambda n: translate("Groups", "Average {band} this week: {students}").format(
            band=words, students=_students(n)
        ),
        in_band,
    )


def _enrichment(thresholds: Thresholds) -> _Need:
    return _Need(
        "enrichment",
        GroupBasis.ENRICHMENT,
        translate("Groups", "Enrichment"),
        lambda n: translate("Groups", "On track this week: {students} ready for enrichment").format(
            students=_students(n)
        ),
        lambda s: (
            assess(s.figures, thresholds).status is Status.ON_TRACK
            and not s.figures.units_to_reassign
        ),
    )


def suggest_groups(
    students: Iterable[GroupingStudent],
    thresholds: Thresholds,
    sizes: GroupSizes | None = None,
) -> Suggestions:
    """The suggested groups for one block (see the module's docstring for how)."""
    sizes = sizes or GroupSizes()
    by_need = sorted(
        students,
        key=lambda s: (
            -support_priority(s.figures, thresholds, s.days_since_conference),
            s.family_name.casefold(),
            s.given_name.casefold(),
            s.student_id,
        ),
    )
    free = {s.student_id for s in by_need}
    groups: list[SuggestedGroup] = []
    needs = [*_unit_needs(by_need, thresholds), *_other_needs(thresholds), _enrichment(thresholds)]
    for need in needs:
        members = [s.student_id for s in by_need if s.student_id in free and need.members(s)]
        split = split_sizes(len(members), sizes)
        start = 0
        for number, size in enumerate(split, start=1):
            chosen = tuple(members[start : start + size])
            start += size
            name = need.name
            if len(split) > 1:
                name = translate("Groups", "{name} ({number} of {count})").format(
                    name=name, number=number, count=len(split)
                )
            groups.append(
                SuggestedGroup(
                    key=f"{need.key}:{number}",
                    basis=need.basis,
                    name=checked_group_name(name),
                    reason=need.reason(size),
                    student_ids=chosen,
                    unit_id=need.unit_id,
                )
            )
            free.difference_update(chosen)
    names = sorted(
        (s for s in by_need if s.student_id in free),
        key=lambda s: (s.family_name.casefold(), s.given_name.casefold(), s.student_id),
    )
    return Suggestions(
        groups=tuple(groups), ungrouped=tuple(s.student_id for s in names), sizes=sizes
    )


def reason_holds(group: SuggestedGroup, student: GroupingStudent, thresholds: Thresholds) -> bool:
    """Whether a suggested group's reason is true of one of its members (for checks)."""
    figures = student.figures
    if group.basis is GroupBasis.UNIT:
        return any(u.unit_id == group.unit_id for u in student.weak_units)
    if group.basis is GroupBasis.NO_ACTIVITY:
        return not figures.has_activity
    if group.basis is GroupBasis.UNDER_MINUTES:
        return figures.has_activity and figures.minutes < thresholds.min_weekly_minutes
    if group.basis is GroupBasis.NEAR_GOAL:
        return student.near_goal
    if group.basis is GroupBasis.LEVEL:
        average = figures.average_score
        return average is not None and any(
            group.key.startswith(f"level:{key}:") and low <= average < high
            for low, high, key in LEVEL_BANDS
        )
    if group.basis is GroupBasis.ENRICHMENT:
        return assess(figures, thresholds).status is Status.ON_TRACK
    return True


@dataclass(frozen=True, slots=True)
class Move:
    """A student whose group changed from one week to the next (same class and area)."""

    student_id: str
    last_week: str | None
    this_week: str | None


def moves_between(last_week: dict[str, str], this_week: dict[str, str]) -> list[Move]:
    """Who moved between two weeks' groups (student id -> group name), in id order:
    students whose group name changed, joined a group or left one."""
    moved = []
    for student_id in sorted(set(last_week) | set(this_week)):
        before, after = last_week.get(student_id), this_week.get(student_id)
        if before != after:
            moved.append(Move(student_id, before, after))
    return moved

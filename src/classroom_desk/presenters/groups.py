"""The groups view, decided without Qt: this week's suggested groups for a block, the
teacher's edits (move, merge, split, name, add, remove), last week's groups beside them
and who moved. Nothing is written until the teacher accepts the groups."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.goals import goal_progress
from classroom_desk.domain.groups import (
    NEAR_GOAL_SHARE,
    GroupBasis,
    GroupingError,
    GroupingStudent,
    GroupSizes,
    UnitShortfall,
    checked_group_name,
    moves_between,
    suggest_groups,
    suggestion_explanation,
)
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import GoalLine, StudentWeek
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import plural, translate
from classroom_desk.store.plan_actions import GroupDraft
from classroom_desk.store.plan_queries import GroupRecord


class WeekSource(Protocol):
    """The class's week (the store's ``RosterQueries``)."""

    def weekly_roster(
        self,
        *,
        section_ids: Sequence[str],
        content_area_id: str,
        start_utc: datetime,
        end_utc: datetime,
        thresholds: Thresholds,
    ) -> list[StudentWeek]: ...


class GoalSource(Protocol):
    def active_goals(self, *, student_ids: Sequence[str]) -> list[GoalLine]: ...


class GroupSource(Protocol):
    """Groups read from the store (``PlanQueries``)."""

    def weak_units(
        self,
        *,
        section_id: str,
        content_area_id: str,
        start_utc: datetime,
        end_utc: datetime,
        mastery_score: float,
    ) -> dict[str, list[UnitShortfall]]: ...

    def block_groups(
        self, *, section_id: str, content_area_id: str, week: date
    ) -> list[GroupRecord]: ...


class PlanWrites(Protocol):
    def read_only(self) -> bool:
        """Signed in as a principal or a coach: plans are shown, none is changed."""
        ...


class GroupActions(PlanWrites, Protocol):
    def accept_groups(
        self,
        *,
        section_id: str,
        content_area_id: str,
        week: date,
        groups: Sequence[GroupDraft],
        now: datetime | None = None,
    ) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Block:
    """One class's centers in one content area for one week."""

    section_id: str
    section_name: str
    content_area_id: str
    area_name: str
    week: date


@dataclass(slots=True)
class DraftGroup:
    """A group on screen: suggested, saved, or being edited."""

    key: str
    name: str
    basis: GroupBasis
    reason: str
    student_ids: list[str]
    unit_id: str | None = None
    #: The saved group this one is (kept when the plan is accepted again).
    group_id: str | None = None


@dataclass(frozen=True, slots=True)
class StudentCard:
    student_id: str
    name: str
    #: "Maya K.": what the projector shows.
    short_name: str
    #: This week in a few words: "12 min · avg 64% · 1 mastered".
    detail: str
    tooltip: str


def short_name(given: str, family: str) -> str:
    """First name and last initial: all a projector shows of a student."""
    initial = family.strip()[:1]
    return f"{given.strip()} {initial}." if initial else given.strip()


def week_words(figures: WeeklyFigures) -> str:
    if figures.average_score is None:
        average = translate("Groups", "no units")
    else:
        average = translate("Groups", "avg {average}%").format(
            average=f"{figures.average_score:.0f}"
        )
    return translate("Groups", "{minutes} min · {average} · {mastered} mastered").format(
        minutes=figures.minutes, average=average, mastered=figures.units_mastered
    )


@dataclass(slots=True)
class GroupsPresenter:
    """The groups of one block: suggestions, edits, acceptance."""

    weeks: WeekSource
    goals: GoalSource
    groups_source: GroupSource
    actions: GroupActions
    calendar: Callable[[], SchoolCalendar]
    thresholds: Callable[[], Thresholds]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    sizes: GroupSizes = field(default_factory=GroupSizes)
    block: Block | None = None
    groups: list[DraftGroup] = field(default_factory=list)
    ungrouped: list[str] = field(default_factory=list)
    saved: list[GroupRecord] = field(default_factory=list)
    last_week: list[GroupRecord] = field(default_factory=list)
    cards: dict[str, StudentCard] = field(default_factory=dict)
    #: "suggested" (fresh from the data), "saved" (as accepted) or "edited".
    mode: str = "suggested"
    error: str = ""
    changed: list[Callable[[], None]] = field(default_factory=list)
    _students: list[GroupingStudent] = field(default_factory=list)
    _order: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    _serial: int = 0

    @property
    def explanation(self) -> str:
        """How suggestions are made (the view's tooltip)."""
        return suggestion_explanation()

    # -- loading ---------------------------------------------------------------

    def open(self, block: Block) -> None:
        """Read the block's week and groups: the saved groups if any, else suggestions."""
        self.block = block
        thresholds = self.thresholds()
        start, end = self.calendar().utc_bounds(block.week)
        weeks = self.weeks.weekly_roster(
            section_ids=[block.section_id],
            content_area_id=block.content_area_id,
            start_utc=start,
            end_utc=end,
            thresholds=thresholds,
        )
        weak = self.groups_source.weak_units(
            section_id=block.section_id,
            content_area_id=block.content_area_id,
            start_utc=start,
            end_utc=end,
            mastery_score=thresholds.mastery_score,
        )
        figures = {w.student_id: w.figures for w in weeks}
        near = {
            goal.student_id
            for goal in self.goals.active_goals(student_ids=list(figures))
            if goal.content_area_id == block.content_area_id
            and _near(goal, figures[goal.student_id])
        }
        today = self.calendar().local_date(self.now())
        self._students = [
            GroupingStudent(
                student_id=w.student_id,
                given_name=w.given_name,
                family_name=w.family_name,
                figures=w.figures,
                weak_units=tuple(weak.get(w.student_id, ())),
                near_goal=w.student_id in near,
                days_since_conference=(
                    None
                    if w.last_conference_at is None
                    else max(0, (today - self.calendar().local_date(w.last_conference_at)).days)
                ),
            )
            for w in weeks
        ]
        self._order = {
            s.student_id: (s.family_name.casefold(), s.given_name.casefold(), s.student_id)
            for s in self._students
        }
        self.cards = {s.student_id: _card(s) for s in self._students}
        self.saved = self.groups_source.block_groups(
            section_id=block.section_id, content_area_id=block.content_area_id, week=block.week
        )
        self.last_week = self.groups_source.block_groups(
            section_id=block.section_id,
            content_area_id=block.content_area_id,
            week=block.week - timedelta(weeks=1),
        )
        if self.saved:
            self.show_saved()
        else:
            self.suggest()

    def show_saved(self) -> None:
        """The groups as accepted (the teacher's edits since are dropped)."""
        self.groups = [
            DraftGroup(
                key=f"saved:{g.id}",
                name=g.name,
                basis=g.basis,
                reason=g.reason,
                student_ids=[s for s in g.student_ids if s in self.cards],
                unit_id=g.unit_id,
                group_id=g.id,
            )
            for g in self.saved
        ]
        placed = {s for g in self.groups for s in g.student_ids}
        self.ungrouped = self._sorted(s for s in self.cards if s not in placed)
        self._set_mode("saved")

    def suggest(self, sizes: GroupSizes | None = None) -> None:
        """Fresh suggestions from this week's data (saved groups are kept until the
        teacher accepts these)."""
        if sizes is not None:
            self.sizes = sizes
        found = suggest_groups(self._students, self.thresholds(), self.sizes)
        self.groups = [
            DraftGroup(
                key=g.key,
                name=g.name,
                basis=g.basis,
                reason=g.reason,
                student_ids=self._sorted(g.student_ids),
                unit_id=g.unit_id,
            )
            for g in found.groups
        ]
        self.ungrouped = list(found.ungrouped)
        self._set_mode("suggested")

    def set_sizes(self, smallest: int, largest: int) -> bool:
        """New sizes and suggestions made with them; False (and ``error``) if unusable."""
        try:
            sizes = GroupSizes(smallest, largest)
        except GroupingError as error:
            self.error = str(error)
            self._notify()
            return False
        self.suggest(sizes)
        return True

    # -- editing (nothing is saved) ---------------------------------------------

    def group_of(self, student_id: str) -> int | None:
        return next((n for n, g in enumerate(self.groups) if student_id in g.student_ids), None)

    def move(self, student_id: str, to: int | None) -> None:
        """Move a student to group ``to`` (an index), or out of every group (``None``)."""
        if student_id not in self.cards:
            return
        source = self.group_of(student_id)
        if source == to:
            return
        if source is None:
            self.ungrouped.remove(student_id)
        else:
            self.groups[source].student_ids.remove(student_id)
        if to is None:
            self.ungrouped = self._sorted([*self.ungrouped, student_id])
        else:
            target = self.groups[to]
            target.student_ids = self._sorted([*target.student_ids, student_id])
        self._set_mode("edited")

    def move_by(self, student_id: str, step: int) -> int | None:
        """Move a student to the next (+1) or previous (-1) column; the last column is
        "not in a group". Returns the column they are now in."""
        columns = len(self.groups) + 1
        source = self.group_of(student_id)
        position = len(self.groups) if source is None else source
        target = (position + step) % columns
        self.move(student_id, None if target == len(self.groups) else target)
        return target

    def merge(self, index: int, into: int) -> None:
        """Group ``index``'s students join group ``into``; ``index`` goes."""
        if index == into or not (0 <= index < len(self.groups) and 0 <= into < len(self.groups)):
            return
        absorbed = self.groups[index]
        target = self.groups[into]
        target.student_ids = self._sorted([*target.student_ids, *absorbed.student_ids])
        target.reason = (
            translate("Groups", "{reason}; with {group}")
            .format(reason=target.reason, group=absorbed.name)
            .strip("; ")
        )
        del self.groups[index]
        self._set_mode("edited")

    def split(self, index: int) -> int | None:
        """Split a group in two halves (the second half a new group after it); returns
        the new group's index, or None for a group too small to split."""
        group = self.groups[index]
        if len(group.student_ids) < 2:
            self.error = translate("Groups", "A group needs at least two students to split.")
            self._notify()
            return None
        half = (len(group.student_ids) + 1) // 2
        moved = group.student_ids[half:]
        group.student_ids = group.student_ids[:half]
        self._serial += 1
        name = checked_group_name(f"{group.name[:50]} (2)")
        self.groups.insert(
            index + 1,
            DraftGroup(
                key=f"split:{self._serial}",
                name=name,
                basis=group.basis,
                reason=group.reason,
                student_ids=moved,
                unit_id=group.unit_id,
            ),
        )
        self._set_mode("edited")
        return index + 1

    def rename(self, index: int, name: str) -> bool:
        try:
            checked = checked_group_name(name)
        except GroupingError as error:
            self.error = str(error)
            self._notify()
            return False
        self.groups[index].name = checked
        self._set_mode("edited")
        return True

    def add_group(self) -> int:
        self._serial += 1
        self.groups.append(
            DraftGroup(
                key=f"new:{self._serial}",
                name=translate("Groups", "Group {number}").format(number=len(self.groups) + 1),
                basis=GroupBasis.TEACHER,
                reason=translate("Groups", "Made by the teacher"),
                student_ids=[],
            )
        )
        self._set_mode("edited")
        return len(self.groups) - 1

    def remove_group(self, index: int) -> None:
        removed = self.groups.pop(index)
        self.ungrouped = self._sorted([*self.ungrouped, *removed.student_ids])
        self._set_mode("edited")

    def accept(self) -> bool:
        """Save the groups on screen as the block's (empty groups are left out)."""
        block = self.block
        if block is None:
            return False
        drafts = [
            GroupDraft(
                name=g.name,
                student_ids=tuple(g.student_ids),
                basis=g.basis,
                reason=g.reason,
                unit_id=g.unit_id,
                group_id=g.group_id,
            )
            for g in self.groups
            if g.student_ids
        ]
        try:
            self.actions.accept_groups(
                section_id=block.section_id,
                content_area_id=block.content_area_id,
                week=block.week,
                groups=drafts,
                now=self.now().astimezone(UTC).replace(tzinfo=None),
            )
        except ValueError as error:
            self.error = str(error)
            self._notify()
            return False
        self.open(block)
        return True

    # -- what the view shows ---------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Something on screen is not saved (suggestions not accepted, or edits)."""
        return self.mode != "saved"

    def status_text(self) -> str:
        placed = sum(len(g.student_ids) for g in self.groups)
        total = len(self.cards)
        counts = plural(
            len(self.groups),
            translate("Groups", "{groups} group, {placed} of {total} students in a group"),
            translate("Groups", "{groups} groups, {placed} of {total} students in a group"),
        ).format(groups=len(self.groups), placed=placed, total=total)
        if self.mode == "saved":
            return translate("Groups", "Saved: {counts}.").format(counts=counts)
        if self.mode == "suggested":
            if self.saved:
                return translate(
                    "Groups",
                    "Suggested from this week's data (your saved groups stay until you "
                    "accept): {counts}. Nothing is saved until you accept (Ctrl+Enter).",
                ).format(counts=counts)
            return translate(
                "Groups",
                "Suggested from this week's data: {counts}. Nothing is saved until you accept "
                "(Ctrl+Enter).",
            ).format(counts=counts)
        return translate(
            "Groups", "Edited: {counts}. Nothing is saved until you accept (Ctrl+Enter)."
        ).format(counts=counts)

    def group_title(self, index: int) -> str:
        group = self.groups[index]
        return f"{group.name} ({len(group.student_ids)})"

    def group_tooltip(self, index: int) -> str:
        group = self.groups[index]
        sizes = self.sizes
        warning = ""
        if group.student_ids and not sizes.smallest <= len(group.student_ids) <= sizes.largest:
            warning = " " + translate("Groups", "Outside the chosen size ({sizes}).").format(
                sizes=sizes.describe()
            )
        return f"{group.reason}.{warning}"

    def last_week_lines(self) -> list[str]:
        """Last week's groups of this block, one line each."""
        return [
            f"{g.name}: "
            + ", ".join(self.cards[s].short_name for s in g.student_ids if s in self.cards)
            for g in self.last_week
        ]

    def moved_lines(self) -> list[str]:
        """Who is in another group than last week: by group name, a split's "(1 of 2)"
        aside (moving from one enrichment group to another is not a move)."""
        if not self.last_week:
            return []
        before = {s: _need_name(g.name) for g in self.last_week for s in g.student_ids}
        now = {s: _need_name(g.name) for g in self.groups for s in g.student_ids}
        lines = []
        for move in moves_between(before, now):
            card = self.cards.get(move.student_id)
            if card is None:
                continue
            nowhere = translate("Groups", "no group")
            lines.append(f"{card.name}: {move.last_week or nowhere} → {move.this_week or nowhere}")
        return sorted(lines)

    # -- helpers ---------------------------------------------------------------

    def _sorted(self, student_ids: Iterable[str]) -> list[str]:
        """Students in name order (family, given)."""
        return sorted(student_ids, key=lambda s: self._order.get(s, ("", "", s)))

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.error = ""
        self._notify()

    def _notify(self) -> None:
        for listener in self.changed:
            listener()


#: A split's " (1 of 2)" in any language (" (1 de 2)").
_PART = re.compile(r" \(\d+ [^\d()]+ \d+\)$")


def _need_name(name: str) -> str:
    return _PART.sub("", name)


def _near(goal: GoalLine, figures: WeeklyFigures) -> bool:
    progress = goal_progress(goal.kind, goal.target, figures)
    return not progress.met and progress.fraction >= NEAR_GOAL_SHARE


def _card(student: GroupingStudent) -> StudentCard:
    words = week_words(student.figures)
    weak = ", ".join(f"{u.title} {u.score:.0f}%" for u in student.weak_units)
    tooltip = f"{student.name}: {words}"
    if weak:
        tooltip += translate("Groups", "; under mastery: {units}").format(units=weak)
    if student.near_goal:
        tooltip += translate("Groups", "; close to a goal")
    return StudentCard(
        student_id=student.student_id,
        name=student.name,
        short_name=short_name(student.given_name, student.family_name),
        detail=words,
        tooltip=tooltip,
    )

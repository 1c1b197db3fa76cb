"""The station rotation board, decided without Qt: which group is at which station now
and next, the round timer, and who still needs minutes at the online station.

The board comes in two forms. The teacher's (window) names groups and students in full
and shows minutes. The projector's (``public=True``) shows only what a class may see:
groups by letter (a suggested group's name can say "Average under 60%"), students by
first name and last initial, and no figure of any student.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.domain.rotation import (
    RotationError,
    RotationProgress,
    Station,
    StationKind,
    TimerState,
    checked_round_minutes,
    checked_stations,
    format_clock,
    groups_at,
    station_of,
)
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import translate
from classroom_desk.presenters.groups import Block, PlanWrites, WeekSource, short_name
from classroom_desk.store.plan_queries import GroupRecord, RotationRecord


class BoardSource(WeekSource, Protocol):
    def block_groups(
        self, *, section_id: str, content_area_id: str, week: date
    ) -> list[GroupRecord]: ...

    def rotation(self, *, section_id: str, content_area_id: str, week: date) -> RotationRecord: ...


class BoardActions(PlanWrites, Protocol):
    """What the board writes (the store's ``PlanActions``)."""

    def set_up_rotation(
        self,
        *,
        section_id: str,
        content_area_id: str,
        week: date,
        stations: Sequence[Station],
        round_minutes: int,
        now: datetime | None = None,
    ) -> str: ...

    def set_rotation_progress(
        self,
        *,
        section_id: str,
        content_area_id: str,
        week: date,
        progress: RotationProgress,
        now: datetime | None = None,
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class GroupOnBoard:
    label: str  # "Group A"
    name: str  # the group's own name (the teacher's board only)
    members: tuple[str, ...]
    #: Members who still need minutes this week (shown at the online station).
    needs_minutes: tuple[str, ...]
    #: The station the group goes to next ("" after the last round).
    next_station: str


@dataclass(frozen=True, slots=True)
class StationOnBoard:
    name: str
    kind: StationKind
    now: tuple[GroupOnBoard, ...]
    next_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BoardView:
    title: str
    round_text: str
    clock: str
    state: TimerState
    stations: tuple[StationOnBoard, ...]
    #: Teacher's board only: everyone under the weekly minutes, with their minutes.
    minutes_line: str


def group_label(position: int) -> str:
    letters = string.ascii_uppercase
    label = letters[position % 26] * (1 + position // 26)
    return translate("Rotation", "Group {letter}").format(letter=label)


@dataclass(slots=True)
class RotationPresenter:
    source: BoardSource
    actions: BoardActions
    calendar: Callable[[], SchoolCalendar]
    thresholds: Callable[[], Thresholds]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    block: Block | None = None
    groups: list[GroupRecord] = field(default_factory=list)
    record: RotationRecord = field(default_factory=RotationRecord)
    weeks: dict[str, StudentWeek] = field(default_factory=dict)
    error: str = ""

    def open(self, block: Block) -> None:
        self.block = block
        self.groups = [
            g
            for g in self.source.block_groups(
                section_id=block.section_id,
                content_area_id=block.content_area_id,
                week=block.week,
            )
            if g.student_ids
        ]
        self.record = self.source.rotation(
            section_id=block.section_id, content_area_id=block.content_area_id, week=block.week
        )
        start, end = self.calendar().utc_bounds(block.week)
        self.weeks = {
            w.student_id: w
            for w in self.source.weekly_roster(
                section_ids=[block.section_id],
                content_area_id=block.content_area_id,
                start_utc=start,
                end_utc=end,
                thresholds=self.thresholds(),
            )
        }

    @property
    def stations(self) -> tuple[Station, ...]:
        return self.record.stations

    @property
    def progress(self) -> RotationProgress:
        return self.record.progress

    def _clock_now(self) -> datetime:
        return self.now().astimezone(UTC).replace(tzinfo=None)

    # -- setting up -------------------------------------------------------------

    def set_up(self, stations: Sequence[Station], round_minutes: int) -> bool:
        block = self._block()
        try:
            checked = checked_stations(stations)
            minutes = checked_round_minutes(round_minutes)
            self.actions.set_up_rotation(
                section_id=block.section_id,
                content_area_id=block.content_area_id,
                week=block.week,
                stations=checked,
                round_minutes=minutes,
            )
        except (RotationError, ValueError) as error:
            self.error = str(error)
            return False
        self.error = ""
        self.record = RotationRecord(
            stations=checked, round_minutes=minutes, progress=self.progress, saved=True
        )
        return True

    # -- the timer ---------------------------------------------------------------

    def state(self) -> TimerState:
        return self.progress.state(len(self.stations), self.record.round_minutes, self._clock_now())

    def next_round(self) -> None:
        """Start the first round, or move every group on to its next station."""
        now = self._clock_now()
        following = self.progress.round_number + 1
        if following > len(self.stations):
            return
        self._save(self.progress.start_round(following, now))

    def previous_round(self) -> None:
        if self.progress.round_number <= 0:
            return
        self._save(self.progress.start_round(self.progress.round_number - 1, self._clock_now()))

    def toggle_pause(self) -> None:
        now, minutes = self._clock_now(), self.record.round_minutes
        state = self.state()
        if state is TimerState.NOT_STARTED:
            self.next_round()
        elif state is TimerState.PAUSED:
            self._save(self.progress.resume(minutes, now))
        elif state is TimerState.RUNNING:
            self._save(self.progress.pause(minutes, now))

    def reset(self) -> None:
        self._save(RotationProgress())

    def _save(self, progress: RotationProgress) -> None:
        block = self._block()
        try:
            self.actions.set_rotation_progress(
                section_id=block.section_id,
                content_area_id=block.content_area_id,
                week=block.week,
                progress=progress,
            )
        except ValueError as error:  # a read-only account: the board stays as it was
            self.error = str(error)
            return
        self.error = ""
        self.record = RotationRecord(
            stations=self.stations,
            round_minutes=self.record.round_minutes,
            progress=progress,
            saved=True,
        )

    # -- what the board shows ---------------------------------------------------

    def board(self, *, public: bool = False) -> BoardView:
        """The board now; ``public`` is the projector's (see the module docstring)."""
        block = self._block()
        stations = self.stations
        count = len(stations)
        state = self.state()
        shown_round = min(max(self.progress.round_number, 0), count - 1)
        minutes_needed = self.thresholds().min_weekly_minutes
        views = []
        for index, station in enumerate(stations):
            here = groups_at(index, shown_round, len(self.groups), count)
            coming = groups_at(index, shown_round + 1, len(self.groups), count)
            views.append(
                StationOnBoard(
                    name=station.shown_name,
                    kind=station.kind,
                    now=tuple(
                        self._group_on_board(g, shown_round, public, minutes_needed) for g in here
                    ),
                    next_labels=tuple(
                        group_label(g) if public else self.groups[g].name for g in coming
                    )
                    if shown_round + 1 < count
                    else (),
                )
            )
        if state is TimerState.NOT_STARTED:
            round_text = translate("Rotation", "Ready: {count} rounds of {minutes} min").format(
                count=count, minutes=self.record.round_minutes
            )
        elif state is TimerState.FINISHED:
            round_text = translate("Rotation", "Rotation done")
        else:
            round_text = translate("Rotation", "Round {number} of {count}").format(
                number=self.progress.round_number + 1, count=count
            )
        seconds = self.progress.seconds_left(self.record.round_minutes, self._clock_now())
        clock = {
            TimerState.NOT_STARTED: format_clock(self.record.round_minutes * 60),
            TimerState.FINISHED: "0:00",
            TimerState.TIME_UP: translate("Rotation", "Rotate!"),
        }.get(state, format_clock(seconds))
        if public:
            title = translate("Rotation", "Centers")
        else:
            title = translate("Rotation", "{section} · {area} centers").format(
                section=block.section_name, area=block.area_name
            )
        return BoardView(
            title=title,
            round_text=round_text,
            clock=clock,
            state=state,
            stations=tuple(views),
            minutes_line="" if public else self._minutes_line(minutes_needed),
        )

    def _group_on_board(
        self, position: int, round_number: int, public: bool, minutes_needed: int
    ) -> GroupOnBoard:
        group = self.groups[position]
        count = len(self.stations)
        following = round_number + 1
        next_station = (
            self.stations[station_of(position, following, count)].shown_name
            if following < count
            else ""
        )
        members = []
        needing = []
        for student_id in group.student_ids:
            week = self.weeks.get(student_id)
            if week is None:
                continue
            name = (
                short_name(week.given_name, week.family_name)
                if public
                else f"{week.given_name} {week.family_name}"
            )
            members.append(name)
            if week.figures.minutes < minutes_needed:
                needing.append(
                    name
                    if public
                    else translate("Rotation", "{name} ({minutes} of {target} min)").format(
                        name=name, minutes=week.figures.minutes, target=minutes_needed
                    )
                )
        return GroupOnBoard(
            label=group_label(position),
            name=group_label(position) if public else group.name,
            members=tuple(members),
            needs_minutes=tuple(needing),
            next_station=next_station,
        )

    def _minutes_line(self, minutes_needed: int) -> str:
        short = sorted(
            (w for w in self.weeks.values() if w.figures.minutes < minutes_needed),
            key=lambda w: (w.figures.minutes, w.family_name.casefold(), w.given_name.casefold()),
        )
        if not short:
            return translate("Rotation", "Everyone has {minutes} minutes this week.").format(
                minutes=minutes_needed
            )
        names = ", ".join(f"{w.given_name} {w.family_name[:1]}. {w.figures.minutes}" for w in short)
        return translate("Rotation", "Still need minutes (of {minutes}): {names}").format(
            minutes=minutes_needed, names=names
        )

    def _block(self) -> Block:
        if self.block is None:
            raise RuntimeError("no block is open on the board")
        return self.block

"""Station rotations during centers: which group is at which station each round, and the
rotation timer.

Groups move through the stations in a fixed cycle: in round ``r`` (0-based) the group
at position ``g`` is at station ``(g + r) mod S``, so after ``S`` rounds every group has
been at every station once. More groups than stations share a station; fewer leave
one empty. The timer is one record, ``RotationProgress``: the round, when it started
(or how much was left when paused), so a co-teacher's laptop shows the same clock.
"""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from classroom_desk.i18n import translatable, translate

MAX_STATIONS: Final = 8
MAX_STATION_NAME: Final = 40
MIN_ROUND_MINUTES: Final = 1
MAX_ROUND_MINUTES: Final = 90
DEFAULT_ROUND_MINUTES: Final = 15


_ROTATION_NAMESPACE = uuid.UUID("8e2f4a6b-1c3d-4f5e-8a7b-9c0d1e2f3a4b")


def rotation_id(section_id: str, content_area_id: str, week: str) -> str:
    """The one rotation of a block (``week``: its first day, ISO), on every laptop."""
    return str(uuid.uuid5(_ROTATION_NAMESPACE, f"{section_id}/{content_area_id}/{week}"))


class RotationError(ValueError):
    """A station or timer setting that cannot be used; the message says why."""


class StationKind(enum.Enum):
    TEACHER = "teacher"
    ONLINE = "online"
    COLLABORATIVE = "collaborative"
    INDEPENDENT = "independent"
    OTHER = "other"

    @property
    def default_name(self) -> str:
        """The kind's station name as stored when the teacher kept the default (English,
        the same on every laptop; shown translated, see ``Station.shown_name``)."""
        return _DEFAULT_NAMES[self]

    @property
    def label(self) -> str:
        """The kind in the teacher's language (the stations dialog's choice)."""
        if self is StationKind.OTHER:
            return translate("Stations", "Own")
        return translate("Stations", self.default_name)


_DEFAULT_NAMES: Final = {
    StationKind.TEACHER: translatable("Stations", "Teacher table"),
    StationKind.ONLINE: translatable("Stations", "Online learning"),
    StationKind.COLLABORATIVE: translatable("Stations", "Collaborative"),
    StationKind.INDEPENDENT: translatable("Stations", "Independent"),
    StationKind.OTHER: translatable("Stations", "Station"),
}


@dataclass(frozen=True, slots=True)
class Station:
    kind: StationKind
    name: str

    def __post_init__(self) -> None:
        plain = " ".join(self.name.split())
        if not plain:
            raise RotationError(translate("Stations", "a station needs a name"))
        if len(plain) > MAX_STATION_NAME:
            raise RotationError(
                translate(
                    "Stations",
                    "a station's name is too long ({length} characters, at most {limit})",
                ).format(length=len(plain), limit=MAX_STATION_NAME)
            )
        object.__setattr__(self, "name", plain)

    @property
    def shown_name(self) -> str:
        """The name on screen: a kind's default name (never changed by the teacher) in the
        teacher's language, any other name as written."""
        if self.name == self.kind.default_name:
            return translate("Stations", self.name)
        return self.name


DEFAULT_STATIONS: Final = tuple(
    Station(kind, kind.default_name)
    for kind in (
        StationKind.TEACHER,
        StationKind.ONLINE,
        StationKind.COLLABORATIVE,
        StationKind.INDEPENDENT,
    )
)


def checked_stations(stations: Sequence[Station]) -> tuple[Station, ...]:
    if not 1 <= len(stations) <= MAX_STATIONS:
        raise RotationError(
            translate("Stations", "a rotation has 1 to {limit} stations, not {count}").format(
                limit=MAX_STATIONS, count=len(stations)
            )
        )
    names = [station.name.casefold() for station in stations]
    if len(set(names)) != len(names):
        raise RotationError(translate("Stations", "two stations have the same name"))
    return tuple(stations)


def checked_round_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not MIN_ROUND_MINUTES <= minutes <= MAX_ROUND_MINUTES:
        raise RotationError(
            translate("Stations", "a round lasts {low} to {high} minutes, not {minutes}").format(
                low=MIN_ROUND_MINUTES, high=MAX_ROUND_MINUTES, minutes=minutes
            )
        )
    return minutes


def station_of(group_position: int, round_number: int, station_count: int) -> int:
    """The station (index) of the group at ``group_position`` in ``round_number``."""
    return (group_position + round_number) % station_count


def groups_at(station: int, round_number: int, group_count: int, station_count: int) -> list[int]:
    """Positions of the groups at ``station`` in ``round_number``."""
    return [g for g in range(group_count) if station_of(g, round_number, station_count) == station]


class TimerState(enum.Enum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    TIME_UP = "time up"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class RotationProgress:
    """Where the rotation is: round ``round_number`` (0-based; -1 not started, equal to
    the station count when done), running since ``started_at`` (naive UTC) or paused
    with ``paused_left`` seconds to go."""

    round_number: int = -1
    started_at: datetime | None = None
    paused_left: int | None = None

    def state(self, station_count: int, round_minutes: int, now: datetime) -> TimerState:
        if self.round_number < 0:
            return TimerState.NOT_STARTED
        if self.round_number >= station_count:
            return TimerState.FINISHED
        if self.paused_left is not None:
            return TimerState.PAUSED
        return (
            TimerState.TIME_UP if self.seconds_left(round_minutes, now) == 0 else TimerState.RUNNING
        )

    def seconds_left(self, round_minutes: int, now: datetime) -> int:
        if self.paused_left is not None:
            return self.paused_left
        if self.started_at is None:
            return round_minutes * 60
        elapsed = int((now - self.started_at).total_seconds())
        return max(0, round_minutes * 60 - max(0, elapsed))

    def start_round(self, round_number: int, now: datetime) -> RotationProgress:
        return RotationProgress(round_number=round_number, started_at=now, paused_left=None)

    def pause(self, round_minutes: int, now: datetime) -> RotationProgress:
        if self.paused_left is not None or self.round_number < 0:
            return self
        return RotationProgress(self.round_number, None, self.seconds_left(round_minutes, now))

    def resume(self, round_minutes: int, now: datetime) -> RotationProgress:
        if self.paused_left is None:
            return self
        elapsed = round_minutes * 60 - self.paused_left
        return RotationProgress(self.round_number, now - timedelta(seconds=elapsed), None)


def format_clock(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


def encode_stations(stations: Sequence[Station]) -> str:
    """Stations as stored: JSON ``[[kind, name], ...]`` in rotation order."""
    return json.dumps([[station.kind.value, station.name] for station in stations])


def decode_stations(text: str | None) -> tuple[Station, ...]:
    try:
        return tuple(Station(StationKind(kind), name) for kind, name in json.loads(text or "[]"))
    except (ValueError, TypeError):
        return DEFAULT_STATIONS


def encode_progress(progress: RotationProgress) -> str:
    """The timer as stored: JSON with the round, the start (ISO, naive UTC) or what was
    left when paused."""
    started = None if progress.started_at is None else progress.started_at.isoformat()
    return json.dumps(
        {
            "round": progress.round_number,
            "started_at": started,
            "paused_left": progress.paused_left,
        },
        sort_keys=True,
    )


def decode_progress(text: str | None) -> RotationProgress:
    try:
        found = json.loads(text or "{}")
        started = found.get("started_at")
        return RotationProgress(
            round_number=int(found.get("round", -1)),
            started_at=None if started is None else datetime.fromisoformat(started),
            paused_left=None if found.get("paused_left") is None else int(found["paused_left"]),
        )
    except (ValueError, TypeError, AttributeError):
        return RotationProgress()

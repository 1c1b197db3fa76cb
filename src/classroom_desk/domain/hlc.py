"""Hybrid logical clock stamps: last-writer-wins that survives a laptop clock a day off.

A stamp is wall-clock milliseconds, a counter and the device id, written as text that
sorts the way stamps compare, so the store and the server compare them as strings.
Ties between devices break by device id (DESIGN.md's rule for goals and profiles).
"""

from __future__ import annotations

from dataclasses import dataclass

_MILLIS_DIGITS = 15
_COUNTER_DIGITS = 6


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    millis: int
    counter: int
    device_id: str

    def __post_init__(self) -> None:
        if not 0 <= self.millis < 10**_MILLIS_DIGITS:
            raise ValueError(f"clock millis out of range: {self.millis}")
        if not 0 <= self.counter < 10**_COUNTER_DIGITS:
            raise ValueError(f"clock counter out of range: {self.counter}")
        if not self.device_id:
            raise ValueError(f"a stamp needs a device id, got {self.device_id!r}")

    def encode(self) -> str:
        millis = f"{self.millis:0{_MILLIS_DIGITS}d}"
        return f"{millis}-{self.counter:0{_COUNTER_DIGITS}d}-{self.device_id}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        try:
            millis, counter, device_id = text.split("-", 2)
            return cls(int(millis), int(counter), device_id)
        except ValueError as error:
            raise ValueError(f"not a clock stamp: {text!r}") from error


def next_stamp(last: Stamp | None, *, wall_millis: int, device_id: str) -> Stamp:
    """The stamp for a local change: after both the wall clock and every stamp seen."""
    if last is None or wall_millis > last.millis:
        return Stamp(wall_millis, 0, device_id)
    return _just_after(last, device_id)


def observe(last: Stamp | None, seen: Stamp, *, wall_millis: int, device_id: str) -> Stamp:
    """Advance the local clock past a stamp received from elsewhere."""
    newest = max((s for s in (last, seen) if s is not None), key=lambda s: (s.millis, s.counter))
    if wall_millis > newest.millis:
        return Stamp(wall_millis, 0, device_id)
    return _just_after(newest, device_id)


def _just_after(stamp: Stamp, device_id: str) -> Stamp:
    """The next stamp after ``stamp``; a full counter borrows the next millisecond."""
    if stamp.counter + 1 < 10**_COUNTER_DIGITS:
        return Stamp(stamp.millis, stamp.counter + 1, device_id)
    return Stamp(stamp.millis + 1, 0, device_id)

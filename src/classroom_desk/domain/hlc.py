"""Hybrid logical clock stamps: last-writer-wins that survives a laptop clock a day off.

A stamp is wall-clock milliseconds, a counter and the device id. It has exactly one
text form, ``MMMMMMMMMMMMMMM-CCCCCC-device`` (15 and 6 ASCII digits, zero-padded), and
:meth:`Stamp.decode` refuses every other spelling (``1-0-x``, `` 5-0-x``, ``5_0-0-x``,
non-ASCII digits), so a stamp is always parsed and compared as numbers: (millis,
counter), ties broken by device id (DESIGN.md's rule for goals and profiles). Because
only canonical stamps are ever stored, ordering stored stamps in SQL agrees with that.

A stamp far ahead of the receiver's clock is a wrong clock, not a later edit: the
server refuses one (:func:`ahead_of`), and a laptop never moves its own clock to one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

_MILLIS_DIGITS = 15
_COUNTER_DIGITS = 6
MAX_DEVICE_ID_CHARS = 64
#: How far ahead of the school server's clock a stamp may be (the server's setting
#: overrides it): a laptop clock a few minutes fast is normal, hours fast is wrong.
DEFAULT_MAX_CLOCK_AHEAD = timedelta(minutes=5)

_CANONICAL = re.compile(
    rf"([0-9]{{{_MILLIS_DIGITS}}})-([0-9]{{{_COUNTER_DIGITS}}})-([^\x00-\x1f\x7f]{{1,{MAX_DEVICE_ID_CHARS}}})",
    re.ASCII,
)


class StampError(ValueError):
    """Text that is not a canonical clock stamp; the message says why."""


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    millis: int
    counter: int
    device_id: str

    def __post_init__(self) -> None:
        if not 0 <= self.millis < 10**_MILLIS_DIGITS:
            raise StampError(f"clock millis out of range: {self.millis}")
        if not 0 <= self.counter < 10**_COUNTER_DIGITS:
            raise StampError(f"clock counter out of range: {self.counter}")
        if not self.device_id or len(self.device_id) > MAX_DEVICE_ID_CHARS:
            raise StampError(f"a stamp needs a device id, got {self.device_id!r}")

    def encode(self) -> str:
        millis = f"{self.millis:0{_MILLIS_DIGITS}d}"
        return f"{millis}-{self.counter:0{_COUNTER_DIGITS}d}-{self.device_id}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        """The stamp ``text`` spells canonically, else :class:`StampError`."""
        found = _CANONICAL.fullmatch(text) if isinstance(text, str) else None
        if found is None:
            shown = text if len(str(text)) <= 60 else f"{str(text)[:60]}…"
            raise StampError(
                f"not a clock stamp: {shown!r} (expected {_MILLIS_DIGITS} digits, '-', "
                f"{_COUNTER_DIGITS} digits, '-', the device id)"
            )
        return cls(int(found[1]), int(found[2]), found[3])

    @property
    def clock(self) -> tuple[int, int]:
        """The time part alone, for "which clock is further on" (device ids aside)."""
        return (self.millis, self.counter)


def ahead_of(stamp: Stamp, *, wall_millis: int, allowed: timedelta) -> int:
    """By how many milliseconds ``stamp`` is further ahead of ``wall_millis`` than
    ``allowed`` (0 when it is not)."""
    return max(0, stamp.millis - wall_millis - int(allowed.total_seconds() * 1000))


def next_stamp(last: Stamp | None, *, wall_millis: int, device_id: str) -> Stamp:
    """The stamp for a local change: after both the wall clock and every stamp seen."""
    if last is None or wall_millis > last.millis:
        return Stamp(wall_millis, 0, device_id)
    return _just_after(last, device_id)


def observe(last: Stamp | None, seen: Stamp, *, wall_millis: int, device_id: str) -> Stamp:
    """Advance the local clock past a stamp received from elsewhere."""
    newest = max((s for s in (last, seen) if s is not None), key=lambda s: s.clock)
    if wall_millis > newest.millis:
        return Stamp(wall_millis, 0, device_id)
    return _just_after(newest, device_id)


def _just_after(stamp: Stamp, device_id: str) -> Stamp:
    """The next stamp after ``stamp``; a full counter borrows the next millisecond."""
    if stamp.counter + 1 < 10**_COUNTER_DIGITS:
        return Stamp(stamp.millis, stamp.counter + 1, device_id)
    return Stamp(stamp.millis + 1, 0, device_id)


def describe_clock_offset(ahead: timedelta) -> str:
    """``3 hours``, ``2 days``, ``73 years``: how far a clock is off, in words."""
    seconds = abs(ahead.total_seconds())
    for unit, size in (("year", 365.25 * 86400), ("day", 86400), ("hour", 3600)):
        if seconds >= size:
            count = round(seconds / size)
            return f"{count} {unit}{'' if count == 1 else 's'}"
    count = max(1, round(seconds / 60))
    return f"{count} minute{'' if count == 1 else 's'}"

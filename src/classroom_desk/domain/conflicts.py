"""A value that lost a last-writer-wins race (goals, learner profiles): kept, so the
teacher can read it and take it back (DESIGN.md: "the losing value kept and visible")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class LostValue(Generic[V]):
    """A value that lost a sync conflict to the one shown. ``written_at`` is its clock
    stamp's time (naive UTC); ``here`` says it was written on this laptop, so the laptop
    whose edit lost can say so rather than blame "another laptop"."""

    value: V
    device_id: str
    written_at: datetime
    here: bool = False

"""Learner profiles: a student's strengths, needs, interests, supports, interventions and
MTSS tier, each field merged on its own (last writer wins by clock stamp, see ``hlc``).

The rules both ends apply: which fields exist, what a valid value is, and the profile's
id, made from its student's so two laptops that start a profile offline make one row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from classroom_desk.domain.conflicts import LostValue as LostValue

TEXT_FIELDS: Final = ("strengths", "needs", "interests", "supports", "interventions")
TIER_FIELD: Final = "mtss_tier"
PROFILE_FIELDS: Final = (*TEXT_FIELDS, TIER_FIELD)
MTSS_TIERS: Final = (1, 2, 3)
#: A paragraph or two per field: this is a profile, not a case file.
MAX_PROFILE_TEXT: Final = 4_000

_PROFILE_NAMESPACE = uuid.UUID("6f1c2a7e-3b54-4d0a-9f57-52c1d8e4b9a3")

ProfileValue = str | int | None


class ProfileValueError(ValueError):
    """A value a learner profile cannot hold; the message names the field."""


def profile_id(student_id: str) -> str:
    """The one profile's id for a student, the same on every laptop and the server."""
    return str(uuid.uuid5(_PROFILE_NAMESPACE, student_id))


def checked_value(name: str, value: object) -> ProfileValue:
    """``value`` as stored for field ``name``: text trimmed and plain (``""`` clears it),
    the tier 1, 2 or 3, or ``None`` for no tier. Raises :class:`ProfileValueError`."""
    if name in TEXT_FIELDS:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ProfileValueError(f"{name} must be text")
        text = value.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(text) > MAX_PROFILE_TEXT:
            raise ProfileValueError(
                f"{name} is too long ({len(text):,} characters, at most {MAX_PROFILE_TEXT:,})"
            )
        return text
    if name == TIER_FIELD:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value not in MTSS_TIERS:
            raise ProfileValueError(f"the MTSS tier must be 1, 2 or 3 (or none), not {value!r}")
        return value
    raise ProfileValueError(f"a learner profile has no field {name!r}")


@dataclass(frozen=True, slots=True)
class LearnerProfile:
    student_id: str
    values: dict[str, ProfileValue] = field(default_factory=dict)
    #: Per field, values that lost to the field's current value (newest first).
    lost: dict[str, tuple[LostValue[ProfileValue], ...]] = field(default_factory=dict)
    updated_at: datetime | None = None

    def value(self, name: str) -> ProfileValue:
        return self.values.get(name, None if name == TIER_FIELD else "")

    @property
    def tier(self) -> int | None:
        tier = self.values.get(TIER_FIELD)
        return tier if isinstance(tier, int) else None

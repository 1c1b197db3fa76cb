"""The student panel's Profile section, decided without Qt: the five texts and the MTSS
tier, edited in place and saved as the conference note is (``save`` a moment after the
last keystroke, on a student change and on close; ``SAVED`` only once committed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from classroom_desk.domain.profiles import (
    PROFILE_FIELDS,
    TEXT_FIELDS,
    TIER_FIELD,
    LearnerProfile,
    LostValue,
    ProfileValue,
    ProfileValueError,
    checked_value,
)
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import plural, translatable, translate
from classroom_desk.presenters.conflicts import ConflictNotice, more_text, written_where
from classroom_desk.presenters.save_state import SaveState

_PROFILE_LABELS: dict[str, str] = {
    "strengths": translatable("Profile", "Strengths"),
    "needs": translatable("Profile", "Needs"),
    "interests": translatable("Profile", "Interests"),
    "supports": translatable("Profile", "Supports"),
    "interventions": translatable("Profile", "Interventions"),
    TIER_FIELD: translatable("Profile", "MTSS tier"),
}
_TIER_CHOICES: tuple[tuple[int | None, str], ...] = (
    (None, translatable("Profile", "No tier")),
    (1, translatable("Profile", "Tier 1")),
    (2, translatable("Profile", "Tier 2")),
    (3, translatable("Profile", "Tier 3")),
)


def profile_label(name: str) -> str:
    """A profile field's name in the teacher's language."""
    return translate("Profile", _PROFILE_LABELS[name])


def tier_choices() -> list[tuple[int | None, str]]:
    """The tiers the section offers, each in the teacher's language."""
    return [(value, translate("Profile", text)) for value, text in _TIER_CHOICES]


#: How much of a losing text the section quotes (its tooltip has all of it).
LOST_QUOTE_CHARS = 120


class ProfileSource(Protocol):
    def learner_profile(self, *, student_id: str) -> LearnerProfile: ...


class ProfileActions(Protocol):
    def set_profile_field(
        self,
        *,
        student_id: str,
        field: str,
        value: ProfileValue,
        now: datetime | None = None,
    ) -> str: ...


def tier_text(tier: ProfileValue) -> str:
    return next(
        (text for value, text in tier_choices() if value == tier),
        translate("Profile", "No tier"),
    )


@dataclass(slots=True)
class ProfileField:
    """One field: what the teacher sees (``value``, maybe typed since the last save), what
    the store holds (``saved``), and values that lost a sync conflict to ``saved``."""

    name: str
    label: str
    value: ProfileValue
    saved: ProfileValue
    lost: tuple[LostValue[ProfileValue], ...] = ()

    @property
    def dirty(self) -> bool:
        try:
            return checked_value(self.name, self.value) != self.saved
        except ProfileValueError:
            return True  # too long, say: saving says why


@dataclass(slots=True)
class ProfileEditor:
    """One student's learner profile in the panel."""

    source: ProfileSource
    actions: ProfileActions
    now: Callable[[], datetime]
    student_id: str | None = None
    fields: dict[str, ProfileField] = field(default_factory=dict)
    state: SaveState = SaveState.EMPTY
    error: str = ""
    #: The school's calendar, for when a losing value was written (none: not said).
    calendar: Callable[[], SchoolCalendar] | None = None

    def load(self, student_id: str) -> None:
        """Show ``student_id``'s profile; edits of the previous student are saved first."""
        if self.student_id is not None and self.student_id != student_id:
            self.save()
        if self.student_id != student_id:
            self.student_id = student_id
            self.fields = {}
            self.state, self.error = SaveState.EMPTY, ""
        self.reload()

    def reload(self) -> None:
        """Read the store again (after a sync, say); a field being edited keeps its text."""
        if self.student_id is None:
            return
        profile = self.source.learner_profile(student_id=self.student_id)
        for name in PROFILE_FIELDS:
            saved = profile.value(name)
            lost = profile.lost.get(name, ())
            current = self.fields.get(name)
            if current is None or not current.dirty:
                self.fields[name] = ProfileField(name, profile_label(name), saved, saved, lost)
            else:
                current.saved, current.lost = saved, lost

    def edit(self, name: str, value: ProfileValue) -> None:
        """The teacher changed a field (not saved yet)."""
        item = self.fields[name]
        item.value = value
        if any(f.dirty for f in self.fields.values()):
            self.state = SaveState.UNSAVED
        elif self.state is SaveState.UNSAVED:
            self.state = SaveState.SAVED  # typed back to what is stored

    def save(self) -> SaveState:
        """Commit every changed field, each in its own transaction; ``SAVED`` means all are
        on disk. A field that cannot be saved leaves ``FAILED`` with the reason, and its
        text stays as typed; the next save tries it again (what refused it may be gone:
        the laptop signed in as a teacher again, say)."""
        if self.student_id is None or self.state not in (SaveState.UNSAVED, SaveState.FAILED):
            return self.state
        for item in self.fields.values():
            if not item.dirty:
                continue
            try:
                self.actions.set_profile_field(
                    student_id=self.student_id, field=item.name, value=item.value, now=self.now()
                )
            except ValueError as error:
                self.state, self.error = SaveState.FAILED, f"{item.label}: {error}"
                return self.state
            item.saved = checked_value(item.name, item.value)
        self.state, self.error = SaveState.SAVED, ""
        self.reload()  # a field written again no longer shows the value it beat
        return self.state

    def use_lost_value(self, name: str, index: int = 0) -> None:
        """Take a value that lost a conflict: written as a new edit, saved now."""
        item = self.fields[name]
        self.edit(name, item.lost[index].value)
        self.state = SaveState.UNSAVED
        self.save()

    # -- what the section shows -----------------------------------------------

    @property
    def tier(self) -> int | None:
        item = self.fields.get(TIER_FIELD)
        value = None if item is None else item.value
        return value if isinstance(value, int) else None

    def summary(self) -> str:
        """The collapsed header's line: the tier first, a conflict, then what is noted."""
        noted = [
            profile_label(name)
            for name in TEXT_FIELDS
            if name in self.fields and str(self.fields[name].value or "").strip()
        ]
        parts = [tier_text(self.tier)]
        conflicts = sum(1 for f in self.fields.values() if f.lost)
        if conflicts:  # before the list, which is cut first when the panel is narrow
            parts.append(
                plural(
                    conflicts,
                    translate("Profile", "{count} field has another laptop's value"),
                    translate("Profile", "{count} fields have another laptop's value"),
                ).format(count=conflicts)
            )
        parts.append(", ".join(noted) if noted else translate("Profile", "nothing noted yet"))
        return " · ".join(parts)

    def lost_text(self, name: str) -> str:
        """A field's losing value, quoted, or ``""`` when it has none."""
        notice = self.conflict_notice(name)
        return "" if notice is None else notice.text

    def conflict_notice(self, name: str) -> ConflictNotice | None:
        """What the section shows under a field whose value beat another laptop's."""
        item = self.fields.get(name)
        if item is None or not item.lost:
            return None
        lost = item.lost[0]
        if name == TIER_FIELD:
            shown = tier_text(lost.value)
        else:
            text = str(lost.value or "")
            quote = text if len(text) <= LOST_QUOTE_CHARS else text[: LOST_QUOTE_CHARS - 1] + "…"
            shown = f"“{quote}”" if text else translate("Profile", "(cleared)")
        calendar = None if self.calendar is None else self.calendar()
        written = (
            translate("Profile", "Written {where}: {value}{more}")
            if lost.here
            else translate("Profile", "Also written {where}: {value}{more}")
        )
        return ConflictNotice(
            key=name,
            text=written.format(
                where=written_where(lost, calendar), value=shown, more=more_text(len(item.lost))
            ),
            action_name=translate("Profile", "Use that {field}: {value}").format(
                field=profile_label(name).lower(), value=shown
            ),
        )

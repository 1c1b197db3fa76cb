"""The 30-second conference, decided without Qt: what the student panel shows and does.

The panel opens on one student for the roster's week and content area. Notes are
saved through ``autosave`` (the view calls it a moment after the last keystroke and
whenever the panel changes student or closes); ``saved`` turns true only once the
store has committed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from classroom_desk.domain.conflicts import LostValue
from classroom_desk.domain.figures import Assessment, WeeklyFigures, assess, percent_text
from classroom_desk.domain.goals import GoalKind, GoalProgress, GoalValue, goal_progress
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.profiles import LearnerProfile, ProfileValue
from classroom_desk.domain.records import GoalLine
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import (
    day_and_month,
    plural,
    translatable,
    translate,
    weekday_day_and_month,
)
from classroom_desk.presenters.conflicts import ConflictNotice, more_text, written_where
from classroom_desk.presenters.learner_profile import ProfileEditor
from classroom_desk.presenters.roster import status_line
from classroom_desk.presenters.save_state import SaveState as SaveState
from classroom_desk.store.conference_queries import NoteLine, WeekPoint

# Re-exported ("X as X"): the view reads these and may not import the store itself.
from classroom_desk.store.conference_queries import TimelineEntry as TimelineEntry
from classroom_desk.store.conference_queries import UnitLine as UnitLine
from classroom_desk.store.conference_queries import UnitState as UnitState
from classroom_desk.store.teacher_actions import NOTE_TAGS as NOTE_TAGS
from classroom_desk.store.teacher_actions import ReadOnlyAccountError

CONFERENCE_AIM_SECONDS = 30
CHART_WEEKS = 10
UNDO_SECONDS = 10


class ConferenceSource(Protocol):
    def units(
        self, *, student_id: str, content_area_id: str, mastery_score: float, limit: int = 12
    ) -> list[UnitLine]: ...

    def active_goals(self, *, student_ids: Sequence[str]) -> list[GoalLine]: ...

    def goal_conflicts(
        self, *, goal_ids: Sequence[str]
    ) -> dict[str, dict[str, tuple[LostValue[GoalValue], ...]]]: ...

    def units_to_reassign(
        self, *, student_ids: Sequence[str], content_area_id: str, mastery_score: float
    ) -> list[tuple[str, str]]: ...

    def celebrated_goal_ids(self, *, student_id: str, week: date) -> set[str]: ...

    def notes(self, *, student_id: str, limit: int = 50) -> list[NoteLine]: ...

    def note(self, *, student_id: str, note_id: str) -> NoteLine | None: ...

    def timeline(self, *, student_id: str, limit: int = 60) -> list[TimelineEntry]: ...

    def learner_profile(self, *, student_id: str) -> LearnerProfile: ...

    def weekly_history(
        self,
        *,
        student_id: str,
        content_area_id: str,
        weeks: Sequence[tuple[date, datetime, datetime]],
    ) -> list[WeekPoint]: ...


class ConferenceActions(Protocol):
    def read_only(self) -> bool: ...

    def save_note(
        self,
        *,
        student_id: str,
        body: str,
        tags: Sequence[str] = (),
        follow_up_on: date | None = None,
        note_id: str | None = None,
        now: datetime | None = None,
    ) -> str | None: ...

    def revise_note(
        self,
        *,
        note_id: str,
        body: str,
        version_id: str | None = None,
        now: datetime | None = None,
    ) -> str | None: ...

    def reassign(
        self,
        *,
        units: Sequence[tuple[str, str]],
        mastery_score: float,
        now: datetime | None = None,
    ) -> str: ...

    def undo_reassignment(self, *, batch_id: str, now: datetime | None = None) -> int: ...

    def set_goal(
        self,
        *,
        student_id: str,
        content_area_id: str,
        kind: GoalKind,
        target: float,
        goal_id: str | None = None,
        now: datetime | None = None,
    ) -> str: ...

    def drop_goal(self, *, goal_id: str, now: datetime | None = None) -> None: ...

    def restore_goal(self, *, goal_id: str, now: datetime | None = None) -> None: ...

    def celebrate(
        self,
        *,
        student_id: str,
        goal_id: str | None,
        week: date | None,
        note: str = "",
        now: datetime | None = None,
    ) -> str: ...

    def set_profile_field(
        self,
        *,
        student_id: str,
        field: str,
        value: ProfileValue,
        now: datetime | None = None,
    ) -> str: ...


@dataclass(frozen=True, slots=True)
class StudentContext:
    """Who is at the teacher's elbow, and which week and area the roster shows."""

    student_id: str
    name: str
    grade: str
    content_area_id: str
    content_area_name: str
    week: date
    figures: WeeklyFigures


@dataclass(frozen=True, slots=True)
class ExpectationLine:
    label: str
    value: str
    #: ``None``: nothing to judge (no units, so no average).
    met: bool | None


@dataclass(frozen=True, slots=True)
class GoalView:
    goal: GoalLine
    description: str
    progress: GoalProgress
    celebrated: bool
    #: Per field, values another laptop's change beat (or that beat this one's), newest
    #: first, only while the field still holds the value they lost to.
    lost: Mapping[str, tuple[LostValue[GoalValue], ...]] = field(default_factory=dict)
    #: What the goal's row says about them, one line per field, each with "Use that".
    conflicts: tuple[ConflictNotice, ...] = ()


@dataclass(slots=True)
class NoteDraft:
    text: str = ""
    tags: list[str] = field(default_factory=list)
    follow_up_on: date | None = None
    note_id: str | None = None
    state: SaveState = SaveState.EMPTY
    error: str = ""


@dataclass(slots=True)
class NoteRevision:
    """An earlier note being corrected: the version it replaces and the text so far.

    The first save makes the new version (``version_id``); later saves of the same
    correction write that version in place, as the conference's own note is written.
    """

    note: NoteLine
    text: str
    version_id: str | None = None
    state: SaveState = SaveState.SAVED  # nothing typed yet: the note stands as saved
    error: str = ""

    @property
    def changed(self) -> bool:
        """Something was saved, or is waiting to be."""
        return self.version_id is not None or self.state is not SaveState.SAVED


@dataclass(frozen=True, slots=True)
class UndoableStep:
    """A step Ctrl+Z takes back: a reassignment batch, or (``dropped_goal_id``) a goal
    the teacher dropped. ``tagged``: the tag the step put on ``student_id``'s note (the
    ``draft`` of that conference), which its undo takes off again."""

    batch_id: str
    description: str
    made_at: datetime
    dropped_goal_id: str | None = None
    student_id: str | None = None
    tagged: str | None = None
    draft: NoteDraft | None = field(default=None, compare=False, repr=False)
    #: What the toast says once the step is undone.
    undone: str = ""


def expectations(figures: WeeklyFigures, thresholds: Thresholds) -> list[ExpectationLine]:
    """This week against the school's expectations, as the panel's header shows them: each
    figure and its target (``Average 75% (target 80%)``), met or not as the status says."""
    average, target = figures.average_score, thresholds.target_average
    units = thresholds.weekly_units_target
    return [
        ExpectationLine(
            translate("Panel", "Minutes"),
            translate("Panel", "{minutes} (target {target})").format(
                minutes=figures.minutes, target=thresholds.min_weekly_minutes
            ),
            figures.minutes >= thresholds.min_weekly_minutes,
        ),
        ExpectationLine(
            translate("Panel", "Units mastered"),
            translate("Panel", "{mastered} (target {low}-{high})").format(
                mastered=figures.units_mastered, low=units, high=units + 1
            ),
            figures.units_mastered >= units,
        ),
        ExpectationLine(
            translate("Panel", "Average"),
            translate("Panel", "no units yet (target {target}%)").format(target=f"{target:.0f}")
            if average is None
            else translate("Panel", "{average} (target {target}%)").format(
                average=percent_text(average, target), target=f"{target:.0f}"
            ),
            # No units is no average, neither met nor missed: the units line says it.
            None if average is None else average >= target,
        ),
    ]


@dataclass(slots=True)
class StudentPanelPresenter:
    """One student's conference: what it shows, and the actions it takes."""

    source: ConferenceSource
    actions: ConferenceActions
    calendar: Callable[[], SchoolCalendar]
    thresholds: Callable[[], Thresholds]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    context: StudentContext | None = None
    assessment: Assessment | None = None
    units: list[UnitLine] = field(default_factory=list)
    goals: list[GoalView] = field(default_factory=list)
    last_note: NoteLine | None = None
    timeline: list[TimelineEntry] = field(default_factory=list)
    draft: NoteDraft = field(default_factory=NoteDraft)
    revision: NoteRevision | None = None
    opened_at: datetime | None = None
    #: The clock stands still while a menu or a dialog has the keyboard (``pause``).
    paused_at: datetime | None = None
    paused_for: timedelta = timedelta()
    undo_steps: list[UndoableStep] = field(default_factory=list)
    #: Notes whose save failed, by student, kept while the app runs: opening the student
    #: again puts the note back in the box and tries again. A failed save is never dropped.
    unsaved: dict[str, NoteDraft] = field(default_factory=dict)
    changed: list[Callable[[str], None]] = field(default_factory=list)
    profile: ProfileEditor = field(init=False)

    def __post_init__(self) -> None:
        self.profile = ProfileEditor(
            self.source, self.actions, self._naive_now, calendar=self.calendar
        )

    # -- opening ---------------------------------------------------------------

    def open(self, context: StudentContext) -> None:
        """Show a student; a note typed for the previous student is saved first."""
        if self.context is not None and self.context.student_id != context.student_id:
            self._save_or_keep()
            self.finish_revision()
            self.profile.save()
        if self.context is None or self.context.student_id != context.student_id:
            self.draft = self._draft_for(context.student_id)
            self._restart_clock()
        self.context = context
        self.refresh()

    def close(self) -> None:
        """No student in the panel (the list hid them): their note is saved first."""
        if self.context is None:
            return
        self._save_or_keep()
        self.finish_revision()
        self.profile.save()
        self.context = None
        self.assessment = None
        self.draft = NoteDraft()
        self.opened_at = None

    def _save_or_keep(self) -> None:
        """Save the open student's note; one that cannot be saved is kept for them."""
        if self.context is not None and self.autosave() is SaveState.FAILED:
            self.unsaved[self.context.student_id] = self.draft

    def _draft_for(self, student_id: str) -> NoteDraft:
        """A new note, or the one kept for this student, to be saved again."""
        draft = self.unsaved.pop(student_id, None)
        if draft is None:
            return NoteDraft()
        draft.state = SaveState.UNSAVED
        return draft

    def refresh(self) -> None:
        context = self._require_context()
        thresholds = self.thresholds()
        self.assessment = assess(context.figures, thresholds)
        self.units = self.source.units(
            student_id=context.student_id,
            content_area_id=context.content_area_id,
            mastery_score=thresholds.mastery_score,
        )
        celebrated = self.source.celebrated_goal_ids(
            student_id=context.student_id, week=context.week
        )
        goals = [
            goal
            for goal in self.source.active_goals(student_ids=[context.student_id])
            if goal.content_area_id == context.content_area_id
        ]
        conflicts = self.source.goal_conflicts(goal_ids=[goal.id for goal in goals])
        calendar = self.calendar()
        self.goals = []
        for goal in goals:
            description = goal.kind.describe(goal.target, context.content_area_name)
            lost = conflicts.get(goal.id, {})
            self.goals.append(
                GoalView(
                    goal=goal,
                    description=description,
                    progress=goal_progress(goal.kind, goal.target, context.figures),
                    celebrated=goal.id in celebrated,
                    lost=lost,
                    conflicts=tuple(
                        goal_conflict_notice(goal, description, name, lost[name], calendar)
                        for name in ("target", "status")
                        if lost.get(name)
                    ),
                )
            )
        notes = [
            n
            for n in self.source.notes(student_id=context.student_id, limit=10)
            if not n.superseded and n.id != self.draft.note_id
        ]
        self.last_note = notes[0] if notes else None
        self.timeline = self.source.timeline(student_id=context.student_id)
        self.profile.load(context.student_id)

    def _require_context(self) -> StudentContext:
        if self.context is None:
            raise RuntimeError("no student is open in the panel")
        return self.context

    def expectation_lines(self) -> list[ExpectationLine]:
        return expectations(self._require_context().figures, self.thresholds())

    def status_text(self) -> str:
        """The panel's first line: the status and every target it says is missed."""
        return "" if self.assessment is None else status_line(self.assessment)

    def last_note_text(self) -> str:
        note = self.last_note
        if note is None:
            return translate("Panel", "No earlier conference notes.")
        calendar = self.calendar()
        when = day_and_month(calendar.local_date(note.created_at))
        if note.edited_at is not None:
            when = translate("Panel", "{day}, edited {edited}").format(
                day=when, edited=day_and_month(calendar.local_date(note.edited_at))
            )
        text = translate("Panel", "Last time ({when}): {note}").format(when=when, note=note.body)
        if note.follow_up_on:
            follow_up = translate("Panel", "Follow up {day}").format(
                day=weekday_day_and_month(note.follow_up_on)
            )
            text = f"{text}  ·  {follow_up}"
        return text

    def start_clock(self) -> None:
        """The conference starts now: the teacher may have browsed to the student earlier."""
        if self.context is not None:
            self._restart_clock()

    def _restart_clock(self) -> None:
        now = self.now()
        self.opened_at = now
        self.paused_for = timedelta()
        if self.paused_at is not None:
            self.paused_at = now  # still in a menu or dialog: counts from its closing

    def pause(self) -> None:
        """A menu or a dialog took the keyboard: the conference clock stands still."""
        if self.paused_at is None:
            self.paused_at = self.now()

    def resume(self) -> None:
        """The window has the keyboard again: the clock goes on from where it stood."""
        if self.paused_at is not None:
            self.paused_for += self.now() - self.paused_at
            self.paused_at = None

    def elapsed_seconds(self) -> int:
        """The conference's length so far, time in menus and dialogs left out."""
        if self.opened_at is None:
            return 0
        end = self.paused_at or self.now()
        return max(0, int((end - self.opened_at - self.paused_for).total_seconds()))

    # -- notes -----------------------------------------------------------------

    def edit_note(self, text: str) -> None:
        self.draft.text = text
        self.draft.state = SaveState.UNSAVED if text.strip() else SaveState.EMPTY

    def toggle_tag(self, tag: str) -> None:
        if tag in self.draft.tags:
            self.draft.tags.remove(tag)
        else:
            self.draft.tags.append(tag)
        if self.draft.text.strip():
            self.draft.state = SaveState.UNSAVED

    def set_follow_up(self, day: date | None) -> None:
        self.draft.follow_up_on = day
        if self.draft.text.strip():
            self.draft.state = SaveState.UNSAVED

    def autosave(self) -> SaveState:
        """Commit the note if it changed; ``SAVED`` means it is on disk."""
        if self.context is None or self.draft.state is not SaveState.UNSAVED:
            return self.draft.state
        first_save = self.draft.note_id is None
        state = self._save_draft(self.context.student_id, self.draft)
        if first_save and state is SaveState.SAVED:
            self.timeline = self.source.timeline(student_id=self.context.student_id)
            self._notify()
        return state

    def save_failed_notes(self) -> list[NoteDraft]:
        """Try again every note whose save failed: the open student's and those kept for
        other students (what refused them may be gone: the laptop signed in as a teacher
        again, say). Returns the notes still not saved, the open student's first."""
        if self.context is not None and self.draft.state is SaveState.FAILED:
            self.draft.state = SaveState.UNSAVED
            self.autosave()
        for student_id, draft in list(self.unsaved.items()):
            if self._save_draft(student_id, draft) is not SaveState.FAILED:
                del self.unsaved[student_id]
                for listener in self.changed:
                    listener(student_id)
        return self.failed_notes()

    def failed_notes(self) -> list[NoteDraft]:
        """The notes not saved because their save failed, the open student's first."""
        open_note = self.context is not None and self.draft.state is SaveState.FAILED
        return [*([self.draft] if open_note else []), *self.unsaved.values()]

    def _save_draft(self, student_id: str, draft: NoteDraft) -> SaveState:
        """Commit ``draft`` as ``student_id``'s note; a refusal leaves it ``FAILED`` with the
        reason in ``draft.error``."""
        try:
            note_id = self.actions.save_note(
                student_id=student_id,
                body=draft.text,
                tags=list(draft.tags),
                follow_up_on=draft.follow_up_on,
                note_id=draft.note_id,
                now=self._naive_now(),
            )
        except ValueError as error:
            draft.state, draft.error = SaveState.FAILED, str(error)
            return draft.state
        draft.note_id = note_id
        draft.state = SaveState.SAVED if note_id else SaveState.EMPTY
        draft.error = ""  # an earlier failure's reason no longer holds
        return draft.state

    # -- correcting an earlier note --------------------------------------------

    def begin_revision(self, note_id: str) -> NoteRevision | None:
        """Start correcting an earlier note of the open student.

        ``None`` when the note is this conference's own (the note box edits it), is not
        the student's, or has been corrected since (on another laptop, say). A correction
        left open for another note is saved first.
        """
        context = self._require_context()
        if note_id == self.draft.note_id:
            return None
        if self.revision is not None and self.revision.note.id == note_id:
            return self.revision
        self.finish_revision()
        note = self.source.note(student_id=context.student_id, note_id=note_id)
        if note is None or note.superseded:
            return None
        self.revision = NoteRevision(note=note, text=note.body)
        return self.revision

    def edit_revision(self, text: str) -> None:
        revision = self._require_revision()
        revision.text = text
        if not text.strip():
            revision.state = SaveState.EMPTY
        elif revision.version_id is None and text == revision.note.body:
            revision.state = SaveState.SAVED  # back to the text as it stands
        else:
            revision.state = SaveState.UNSAVED

    def save_revision(self) -> SaveState:
        """Commit the correction if it changed; ``SAVED`` means it is on disk."""
        revision = self.revision
        if revision is None or self.context is None:
            return SaveState.EMPTY
        if revision.state is not SaveState.UNSAVED:
            return revision.state
        try:
            version_id = self.actions.revise_note(
                note_id=revision.note.id,
                body=revision.text,
                version_id=revision.version_id,
                now=self._naive_now(),
            )
        except ValueError as error:
            revision.state, revision.error = SaveState.FAILED, str(error)
            return revision.state
        if version_id is None:
            revision.state = SaveState.EMPTY
            return revision.state
        first_save = revision.version_id is None
        revision.version_id = version_id
        revision.state, revision.error = SaveState.SAVED, ""
        if first_save:
            self.refresh()
            self._notify()
        return revision.state

    def finish_revision(self) -> SaveState:
        """Save the correction and close it; a correction that cannot be saved stays open
        (``FAILED``) so its text is not lost."""
        if self.revision is None:
            return SaveState.EMPTY
        state = self.save_revision()
        if state is SaveState.FAILED:
            return state
        made = self.revision.version_id is not None
        self.revision = None
        if made and self.context is not None:
            self.refresh()
            self._notify()
        return state

    def _require_revision(self) -> NoteRevision:
        if self.revision is None:
            raise RuntimeError("no earlier note is being corrected")
        return self.revision

    # -- reassignment ----------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Signed in as a principal or a coach: the student is shown, nothing is changed."""
        return self.actions.read_only()

    def lowest_unit_to_reassign(self) -> UnitLine | None:
        waiting = [u for u in self.units if u.state is UnitState.TO_REASSIGN]
        return min(waiting, key=lambda u: (u.latest_score, u.code), default=None)

    def reassign(self, unit_id: str) -> UndoableStep:
        context = self._require_context()
        unit = next(u for u in self.units if u.unit_id == unit_id)
        batch = self.actions.reassign(
            units=[(context.student_id, unit_id)],
            mastery_score=self.thresholds().mastery_score,
            now=self._naive_now(),
        )
        tagged = None
        if "reassigned" not in self.draft.tags:
            self.toggle_tag("reassigned")
            tagged = "reassigned"
        step = UndoableStep(
            batch,
            translate("Panel", "Reassigned {unit} to {student}").format(
                unit=unit.title, student=context.name
            ),
            self.now(),
            student_id=context.student_id,
            tagged=tagged,
            draft=self.draft,
            undone=translate("Panel", "Undone: {unit} is no longer reassigned to {student}").format(
                unit=unit.title, student=context.name
            ),
        )
        self.undo_steps.append(step)
        self.refresh()
        self._notify()
        return step

    def bulk_candidates(
        self, student_ids: Sequence[str], content_area_id: str
    ) -> list[tuple[str, str]]:
        """(student, unit) pairs a bulk reassignment of these students would send back."""
        return self.source.units_to_reassign(
            student_ids=student_ids,
            content_area_id=content_area_id,
            mastery_score=self.thresholds().mastery_score,
        )

    def reassign_many(self, units: Sequence[tuple[str, str]]) -> UndoableStep:
        """Reassign many students' units as one batch: one step for one undo."""
        batch = self.actions.reassign(
            units=units, mastery_score=self.thresholds().mastery_score, now=self._naive_now()
        )
        students = len({student_id for student_id, _ in units})
        step = UndoableStep(
            batch,
            plural(
                len(units),
                translate("Panel", "Reassigned {units} unit for {students}"),
                translate("Panel", "Reassigned {units} units for {students}"),
            ).format(
                units=len(units),
                students=plural(
                    students,
                    translate("Panel", "{count} student"),
                    translate("Panel", "{count} students"),
                ).format(count=students),
            ),
            self.now(),
        )
        self.record_bulk_step(step)
        return step

    def record_bulk_step(self, step: UndoableStep) -> None:
        """A bulk reassignment made from the roster joins the same undo history."""
        self.undo_steps.append(step)
        if self.context is not None:
            self.refresh()

    def undo_last(self) -> UndoableStep | None:
        """Take back the last step; raises ``ActionError`` (a ``ValueError``) when it cannot
        be. Refused on a read-only laptop, the step stays, to undo once signed in as a
        teacher again; refused for any other reason (its goal gone after a backup was
        restored, say), it never can be, so it goes: the steps before it stay undoable."""
        if not self.undo_steps:
            return None
        step = self.undo_steps[-1]
        try:
            if step.dropped_goal_id is not None:
                self.actions.restore_goal(goal_id=step.dropped_goal_id, now=self._naive_now())
            else:
                self.actions.undo_reassignment(batch_id=step.batch_id, now=self._naive_now())
        except ReadOnlyAccountError:
            raise
        except ValueError:
            self.undo_steps.pop()
            raise
        self.undo_steps.pop()
        self._untag(step)
        if self.context is not None:
            self.refresh()
        self._notify()
        return step

    def _untag(self, step: UndoableStep) -> None:
        """Take off the note tag the step put on: from the note being typed, or from the
        note of that conference if the teacher has moved on (saved again in place)."""
        draft, tag = step.draft, step.tagged
        if draft is None or tag is None or tag not in draft.tags:
            return
        if draft is self.draft:
            self.toggle_tag(tag)  # saved with the note, as the tag was
            return
        draft.tags.remove(tag)
        if draft.note_id is None or step.student_id is None:
            return  # the note was never saved: nothing on disk carries the tag
        try:
            self.actions.save_note(
                student_id=step.student_id,
                body=draft.text,
                tags=list(draft.tags),
                follow_up_on=draft.follow_up_on,
                note_id=draft.note_id,
                now=self._naive_now(),
            )
        except ValueError:
            draft.tags.append(tag)  # corrected since on another laptop: left as it is

    # -- goals -----------------------------------------------------------------

    def set_goal(self, kind: GoalKind, target: float, goal_id: str | None = None) -> str:
        context = self._require_context()
        goal = self.actions.set_goal(
            student_id=context.student_id,
            content_area_id=context.content_area_id,
            kind=kind,
            target=target,
            goal_id=goal_id,
            now=self._naive_now(),
        )
        if goal_id is None and "set goal" not in self.draft.tags:
            self.toggle_tag("set goal")
        self.refresh()
        self._notify()
        return goal

    def drop_goal(self, goal_id: str) -> UndoableStep:
        """Drop a goal as one undoable step (undo brings it back through its status)."""
        context = self._require_context()
        view = next(g for g in self.goals if g.goal.id == goal_id)
        self.actions.drop_goal(goal_id=goal_id, now=self._naive_now())
        step = UndoableStep(
            "",
            translate("Panel", "Dropped {student}'s goal: {goal}").format(
                student=context.name, goal=view.description
            ),
            self.now(),
            dropped_goal_id=goal_id,
            student_id=context.student_id,
            undone=translate("Panel", "Undone: {student}'s goal is back: {goal}").format(
                student=context.name, goal=view.description
            ),
        )
        self.undo_steps.append(step)
        self.refresh()
        self._notify()
        return step

    def celebrate(self, goal_id: str) -> None:
        context = self._require_context()
        view = next(g for g in self.goals if g.goal.id == goal_id)
        self.actions.celebrate(
            student_id=context.student_id,
            goal_id=goal_id,
            week=context.week,
            note=translate("Panel", "Met: {goal}").format(goal=view.description),
            now=self._naive_now(),
        )
        if "celebrated" not in self.draft.tags:
            self.toggle_tag("celebrated")
        self.refresh()
        self._notify()

    def use_lost_goal_value(self, goal_id: str, key: str) -> UndoableStep | None:
        """Take a goal value that lost a sync conflict ("Use that"): written as a new
        stamped change through the goal's own setter, so it syncs and wins over the value
        shown, and the notice goes. A drop taken this way is undoable as any drop is (the
        step is returned for the toast); a target is changed as "Change goal" does."""
        view = next(g for g in self.goals if g.goal.id == goal_id)
        value = view.lost[key][0].value
        if key == "target" and isinstance(value, float):
            self.set_goal(view.goal.kind, value, goal_id)
            return None
        if key == "status" and value == "dropped":
            return self.drop_goal(goal_id)
        if key == "status" and value == "active":
            self.actions.restore_goal(goal_id=goal_id, now=self._naive_now())
            self.refresh()
            self._notify()
            return None
        raise ValueError(f"goal {goal_id!r} has no lost {key!r} value to use")

    # -- chart -----------------------------------------------------------------

    def chart_weeks(self) -> list[WeekPoint]:
        context = self._require_context()
        calendar = self.calendar()
        weeks = [context.week - timedelta(weeks=n) for n in range(CHART_WEEKS - 1, -1, -1)]
        return self.source.weekly_history(
            student_id=context.student_id,
            content_area_id=context.content_area_id,
            weeks=[(w, *calendar.utc_bounds(w)) for w in weeks],
        )

    # -- internals -------------------------------------------------------------

    def _naive_now(self) -> datetime:
        return self.now().astimezone(UTC).replace(tzinfo=None)

    def _notify(self) -> None:
        if self.context is None:
            return
        for listener in self.changed:
            listener(self.context.student_id)


_TAG_LABELS = {
    "celebrated": translatable("Tags", "Celebrated"),
    "set goal": translatable("Tags", "Set goal"),
    "reassigned": translatable("Tags", "Reassigned"),
    "discussed time": translatable("Tags", "Discussed time"),
    "needs small group": translatable("Tags", "Needs small group"),
    "contact family": translatable("Tags", "Contact family"),
}


def tag_label(tag: str) -> str:
    """A note tag as the panel names it, in the teacher's language (the tag itself is the
    stored, synced key and stays English)."""
    english = _TAG_LABELS.get(tag)
    return tag[:1].upper() + tag[1:] if english is None else translate("Tags", english)


def goal_target_text(kind: GoalKind, target: float) -> str:
    """A goal's target in words: ``5 units``, ``85%``, ``60 min``."""
    if kind is GoalKind.AVERAGE_SCORE:
        return f"{target:.0f}%"
    if kind is GoalKind.MINUTES:
        return translate("Panel", "{minutes} min").format(minutes=f"{target:.0f}")
    units = round(target)
    return plural(
        units, translate("Panel", "{count} unit"), translate("Panel", "{count} units")
    ).format(count=units)


def goal_conflict_notice(
    goal: GoalLine,
    description: str,
    name: str,
    lost: Sequence[LostValue[GoalValue]],
    calendar: SchoolCalendar | None,
) -> ConflictNotice:
    """The line under a goal whose ``name`` field beat another value (newest first):
    ``Changed on another laptop (Nov 19, 2:59 PM): target 5 units; kept 6 units``."""
    newest = lost[0]
    where = written_where(newest, calendar)
    more = more_text(len(lost))
    if name == "target" and isinstance(newest.value, float):
        theirs = goal_target_text(goal.kind, newest.value)
        kept = goal_target_text(goal.kind, goal.target)
        return ConflictNotice(
            key=name,
            text=translate("Panel", "Changed {where}: target {theirs}{more}; kept {kept}").format(
                where=where, theirs=theirs, more=more, kept=kept
            ),
            action_name=translate(
                "Panel", "Use that target, {theirs}, for the goal: {goal}"
            ).format(theirs=theirs, goal=description),
        )
    if newest.value == "dropped":
        return ConflictNotice(
            key=name,
            text=translate("Panel", "Dropped {where}{more}; kept as an active goal").format(
                where=where, more=more
            ),
            action_name=translate("Panel", "Use that: drop the goal {goal}").format(
                goal=description
            ),
        )
    return ConflictNotice(
        key=name,
        text=translate("Panel", "Kept active {where}{more}; dropped").format(
            where=where, more=more
        ),
        action_name=translate("Panel", "Use that: keep the goal {goal}").format(goal=description),
    )

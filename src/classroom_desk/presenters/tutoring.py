"""Tutoring, decided without Qt: a class's tutors and tutoring groups (ratio checked by
grade band), the 20-second session log, this week's sessions, and each student's
dosage against their group's plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol

from classroom_desk.domain.groups import GroupingError, checked_group_name
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.domain.tutoring import (
    MAX_TUTORING_GROUP_SIZE,
    Dosage,
    Plan,
    RatioCheck,
    Schedule,
    TutoringError,
    checked_tutor_name,
    dosage,
    ratio_check,
)
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import plural, translate, weekday_day_and_month
from classroom_desk.presenters.groups import Block, PlanWrites, WeekSource
from classroom_desk.store.plan_queries import SessionRecord, TutoringGroupRecord, TutorRecord


class TutoringSource(WeekSource, Protocol):
    def tutors(self, *, section_id: str) -> list[TutorRecord]: ...

    def tutoring_groups(self, *, section_id: str) -> list[TutoringGroupRecord]: ...

    def sessions(self, *, section_id: str, week: date) -> list[SessionRecord]: ...


class TutoringActions(PlanWrites, Protocol):
    def save_tutor(
        self,
        *,
        section_id: str,
        name: str | None = None,
        role: str | None = None,
        active: bool | None = None,
        tutor_id: str | None = None,
        now: datetime | None = None,
    ) -> str: ...

    def save_tutoring_group(
        self,
        *,
        section_id: str,
        group_id: str | None = None,
        content_area_id: str | None = None,
        name: str | None = None,
        tutor_id: str | None = None,
        schedule: Schedule | None = None,
        plan: Plan | None = None,
        members: Sequence[str] | None = None,
        active: bool | None = None,
        now: datetime | None = None,
    ) -> str: ...

    def log_session(
        self,
        *,
        group_id: str,
        held_on: date,
        minutes: int,
        attendees: Sequence[str],
        focus: str = "",
        focus_unit_id: str | None = None,
        note: str = "",
        now: datetime | None = None,
    ) -> str: ...

    def void_session(
        self, *, session_id: str, voided: bool = True, now: datetime | None = None
    ) -> None: ...


@dataclass(slots=True)
class LogDraft:
    """The session being logged: who came (every member ticked to start), how long
    (the plan's minutes to start), the focus and a short note."""

    group_id: str
    held_on: date
    attendees: list[str]
    minutes: int
    focus: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class DosageRow:
    student_id: str
    name: str
    dosage: Dosage


@dataclass(slots=True)
class TutoringPresenter:
    source: TutoringSource
    actions: TutoringActions
    calendar: Callable[[], SchoolCalendar]
    thresholds: Callable[[], Thresholds]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    block: Block | None = None
    tutors: list[TutorRecord] = field(default_factory=list)
    groups: list[TutoringGroupRecord] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    students: dict[str, StudentWeek] = field(default_factory=dict)
    draft: LogDraft | None = None
    #: The last session this presenter logged (Ctrl+Z voids it).
    last_logged: str | None = None
    message: str = ""
    error: str = ""

    def open(self, block: Block) -> None:
        self.block = block
        start, end = self.calendar().utc_bounds(block.week)
        self.students = {
            w.student_id: w
            for w in self.source.weekly_roster(
                section_ids=[block.section_id],
                content_area_id=block.content_area_id,
                start_utc=start,
                end_utc=end,
                thresholds=self.thresholds(),
            )
        }
        self.reload()

    def reload(self) -> None:
        block = self._block()
        self.tutors = self.source.tutors(section_id=block.section_id)
        self.groups = [
            g for g in self.source.tutoring_groups(section_id=block.section_id) if g.active
        ]
        self.sessions = self.source.sessions(section_id=block.section_id, week=block.week)

    # -- tutors and groups -------------------------------------------------------

    def add_tutor(self, name: str, role: str) -> str | None:
        block = self._block()
        try:
            checked_tutor_name(name)
            tutor_id = self.actions.save_tutor(section_id=block.section_id, name=name, role=role)
        except ValueError as error:
            self.error = str(error)
            return None
        self.error = ""
        self.reload()
        return tutor_id

    def save_group(
        self,
        *,
        name: str,
        tutor_id: str,
        members: Sequence[str],
        schedule: Schedule,
        plan: Plan,
        group_id: str | None = None,
    ) -> str | None:
        block = self._block()
        try:
            checked_group_name(name)
            if not members:
                raise TutoringError(translate("Tutoring", "Tick the group's students."))
            if len(members) > MAX_TUTORING_GROUP_SIZE:
                raise TutoringError(
                    translate("Tutoring", "A tutoring group has at most {limit} students.").format(
                        limit=MAX_TUTORING_GROUP_SIZE
                    )
                )
            saved = self.actions.save_tutoring_group(
                section_id=block.section_id,
                group_id=group_id,
                content_area_id=block.content_area_id if group_id is None else None,
                name=name,
                tutor_id=tutor_id,
                schedule=schedule,
                plan=plan,
                members=list(members),
            )
        except (GroupingError, ValueError) as error:
            self.error = str(error)
            return None
        self.error = ""
        self.reload()
        return saved

    def ratio(self, group: TutoringGroupRecord) -> RatioCheck:
        return ratio_check(self.students[s].grade for s in group.student_ids if s in self.students)

    def tutor_name(self, tutor_id: str) -> str:
        return next(
            (t.name for t in self.tutors if t.id == tutor_id), translate("Tutoring", "a tutor")
        )

    def name(self, student_id: str) -> str:
        week = self.students.get(student_id)
        if week is None:
            return translate("Tutoring", "a student of another class")
        return f"{week.given_name} {week.family_name}"

    def members(self, group: TutoringGroupRecord) -> list[str]:
        """The group's students in name order (the log numbers them so: Alt+1 ...)."""
        return sorted(group.student_ids, key=lambda s: self.name(s).casefold())

    def group_line(self, group: TutoringGroupRecord) -> str:
        count = len(group.student_ids)
        students = plural(
            count,
            translate("Tutoring", "{count} student"),
            translate("Tutoring", "{count} students"),
        ).format(count=count)
        return (
            f"{self.tutor_name(group.tutor_id)} · {group.schedule.describe()} · "
            f"{group.plan.describe()} · {students}"
        )

    # -- the session log ------------------------------------------------------------

    def start_log(self, group_id: str | None = None) -> LogDraft | None:
        """A new session for ``group_id`` or, by default, the group that meets today
        (the first one otherwise); every member ticked, the plan's minutes."""
        if not self.groups:
            self.error = translate(
                "Tutoring", "Make a tutoring group first (its tutor, students and plan)."
            )
            return None
        today = self.calendar().local_date(self.now())
        group = next((g for g in self.groups if g.id == group_id), None)
        if group is None:
            group = next(
                (g for g in self.groups if today.weekday() in g.schedule.days), self.groups[0]
            )
        self.draft = LogDraft(
            group_id=group.id,
            held_on=today,
            attendees=self.members(group),
            minutes=group.plan.minutes_per_session,
        )
        self.error = ""
        return self.draft

    def draft_group(self) -> TutoringGroupRecord | None:
        draft = self.draft
        if draft is None:
            return None
        return next((g for g in self.groups if g.id == draft.group_id), None)

    def toggle_attendee(self, student_id: str) -> None:
        draft = self._draft()
        if student_id in draft.attendees:
            draft.attendees.remove(student_id)
        else:
            draft.attendees.append(student_id)

    def save_log(self) -> str | None:
        """Log the session; returns its id (None, with ``error``, if refused)."""
        draft = self._draft()
        if not draft.attendees:
            self.error = translate(
                "Tutoring", "Tick who came: a session needs at least one student."
            )
            return None
        try:
            session_id = self.actions.log_session(
                group_id=draft.group_id,
                held_on=draft.held_on,
                minutes=draft.minutes,
                attendees=draft.attendees,
                focus=draft.focus,
                note=draft.note,
            )
        except ValueError as error:
            self.error = str(error)
            return None
        group = self.draft_group()
        self.last_logged = session_id
        self.message = translate(
            "Tutoring", "Logged: {group}, {minutes} min, {came} came. Ctrl+Z takes it back."
        ).format(
            group=group.name if group else translate("Tutoring", "session"),
            minutes=draft.minutes,
            came=len(draft.attendees),
        )
        self.error = ""
        self.draft = None
        self.reload()
        return session_id

    def undo_last_log(self) -> bool:
        if self.last_logged is None:
            return False
        try:
            self.actions.void_session(session_id=self.last_logged)
        except ValueError as error:
            self.message = str(error)
            return False
        self.last_logged = None
        self.message = translate(
            "Tutoring", "The session was taken back (kept in the log, marked void)."
        )
        self.reload()
        return True

    # -- this week ------------------------------------------------------------------

    def dosage_rows(self, group: TutoringGroupRecord) -> list[DosageRow]:
        """Each member's sessions and minutes this week against the group's plan."""
        rows = []
        for student_id in self.members(group):
            attended = [
                s.minutes
                for s in self.sessions
                if not s.voided and s.group_id == group.id and student_id in s.attendees
            ]
            rows.append(DosageRow(student_id, self.name(student_id), dosage(attended, group.plan)))
        return rows

    def session_line(self, session: SessionRecord) -> str:
        group = next((g for g in self.groups if g.id == session.group_id), None)
        came = ", ".join(self.name(s).split(" ")[0] for s in session.attendees)
        focus = f" · {session.focus}" if session.focus else ""
        void = translate("Tutoring", " (void)") if session.voided else ""
        name = group.name if group else translate("Tutoring", "a group")
        minutes = translate("Tutoring", "{minutes} min").format(minutes=session.minutes)
        day = weekday_day_and_month(session.held_on)
        return f"{day} · {name} · {minutes}{focus} · {came}{void}"

    def _draft(self) -> LogDraft:
        if self.draft is None:
            raise RuntimeError("no session is being logged")
        return self.draft

    def _block(self) -> Block:
        if self.block is None:
            raise RuntimeError("no class is open in tutoring")
        return self.block

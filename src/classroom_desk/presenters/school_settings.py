"""The school's settings as the Settings dialog shows and changes them, and what the About
box says of the app: decided without Qt.

A laptop without a school server keeps its own school: its thresholds and week are changed
here. A laptop signed in to a server takes them from it, so they are shown read-only with
where they come from (a change here would be undone by the next sync).
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from classroom_desk.domain.policy import WEEKDAYS, Thresholds, parse_time_zone
from classroom_desk.i18n import translate
from classroom_desk.store.database import StoreKey, open_store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.school_policy import PolicyChangeError, set_school_policy


@dataclass(frozen=True, slots=True)
class SchoolSettings:
    """What the Settings dialog shows."""

    school_name: str
    time_zone: str
    first_day_of_week: int  # 0 Monday .. 6 Sunday
    thresholds: Thresholds
    #: The school server the settings come from; ``None``: this laptop sets them.
    governed_by: str | None = None

    @property
    def editable(self) -> bool:
        return self.governed_by is None

    def source_text(self) -> str:
        """Where the settings come from, in words."""
        if self.governed_by is None:
            return translate(
                "Settings",
                "This laptop keeps its own school: the settings are changed here and apply at "
                "once.",
            )
        return translate(
            "Settings",
            "Set by the school server at {server}. They change there (ask the school's "
            "administrator) and reach this laptop at the next sync.",
        ).format(server=self.governed_by)


class SettingsError(Exception):
    """A setting that cannot be saved; the message says which and what to do, in words."""


@dataclass(frozen=True, slots=True)
class AppInfo:
    """What the About box tells: the version and where the teacher's data lives."""

    version: str
    data_folder: Path
    store_file: Path
    settings_file: Path


class SchoolSettingsService:
    """Reads and changes the school's settings in the store file at ``store_path`` (each
    call on a connection of its own, as the other services do; ``key`` for an encrypted
    store, as the app's always is)."""

    def __init__(self, store_path: Path, key: StoreKey | None = None) -> None:
        self.store_path = store_path
        self.key = key

    def read(self) -> SchoolSettings | None:
        """The settings; ``None`` when the store has no school yet."""
        with closing(open_store(self.store_path, self.key)) as store:
            school = RosterQueries(store.connection).school()
            row = store.connection.execute(
                "SELECT server_url FROM sync_state WHERE id = 1"
            ).fetchone()
        if school is None:
            return None
        return SchoolSettings(
            school_name=school.name,
            time_zone=school.time_zone,
            first_day_of_week=school.first_day_of_week,
            thresholds=school.thresholds,
            governed_by=row[0] if row is not None and row[0] else None,
        )

    def save(
        self,
        *,
        time_zone: str,
        first_day_of_week: int,
        min_weekly_minutes: int,
        mastery_score: float,
        target_average: float,
        weekly_units_target: int,
    ) -> SchoolSettings:
        """Write the settings in one transaction; ``SettingsError`` in plain words (and
        nothing changed) for a value that cannot be, or a laptop that takes them from a
        server."""
        try:
            zone = parse_time_zone(time_zone)
        except ValueError:
            raise SettingsError(
                translate(
                    "Settings",
                    "“{zone}” is not a time zone this computer knows. Choose one from the "
                    "list, such as America/Chicago.",
                ).format(zone=time_zone.strip())
            ) from None
        if not 0 <= first_day_of_week < len(WEEKDAYS):
            raise SettingsError(translate("Settings", "Choose the day the school week starts on."))
        try:
            thresholds = Thresholds(
                min_weekly_minutes=min_weekly_minutes,
                mastery_score=mastery_score,
                target_average=target_average,
                weekly_units_target=weekly_units_target,
            )
        except ValueError:
            raise SettingsError(
                translate(
                    "Settings", "Minutes and units are 0 or more, and scores are from 0 to 100%."
                )
            ) from None
        changes = {
            "time_zone": zone,
            "first_day_of_week": first_day_of_week,
            "min_weekly_minutes": thresholds.min_weekly_minutes,
            "mastery_score": thresholds.mastery_score,
            "target_average": thresholds.target_average,
            "weekly_units_target": thresholds.weekly_units_target,
        }
        try:
            with closing(open_store(self.store_path, self.key)) as store:
                set_school_policy(store, changes)
        except PolicyChangeError:
            current = self.read()
            if current is None:
                raise SettingsError(
                    translate(
                        "Settings",
                        "There is no school here yet: import a roster first (File menu).",
                    )
                ) from None
            where = current.governed_by
            raise SettingsError(
                translate(
                    "Settings",
                    "These settings come from the school server at {server}: ask the "
                    "school's administrator to change them there.",
                ).format(server=where)
                if where
                else translate(
                    "Settings",
                    "These settings come from the school server: ask the school's "
                    "administrator to change them there.",
                )
            ) from None
        saved = self.read()
        assert saved is not None
        return saved

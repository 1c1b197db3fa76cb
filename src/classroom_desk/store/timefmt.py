"""How instants are written in the store: naive UTC text that sorts as time does.

The format is SQLAlchemy's SQLite ``DATETIME`` format, so rows written through the ORM
and through ``sqlite3`` compare correctly with each other.
"""

from __future__ import annotations

from datetime import UTC, datetime

DB_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def to_db_time(instant: datetime) -> str:
    if instant.tzinfo is not None:
        instant = instant.astimezone(UTC).replace(tzinfo=None)
    return instant.strftime(DB_TIME_FORMAT)


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text)

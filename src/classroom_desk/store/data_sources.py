"""When each data source (the roster, each learning platform's activity) was last imported:
written in the import's own transaction, read by the roster to say how fresh it is."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

from classroom_desk.domain.freshness import DataSourceRecord
from classroom_desk.store.timefmt import from_db_time, to_db_time

ROSTER_SOURCE = "roster"


def source_id(kind: str, name: str) -> str:
    """``roster``, or ``activity:<name>`` with the name's case and punctuation ignored."""
    if kind == "roster":
        return ROSTER_SOURCE
    return "activity:" + " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def record_import(connection: sqlite3.Connection, *, kind: str, name: str, at: datetime) -> None:
    """Note an import of ``name`` at ``at`` (call inside the import's transaction)."""
    connection.execute(
        "INSERT INTO data_source (id, kind, name, imported_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
        " imported_at = MAX(data_source.imported_at, excluded.imported_at)",
        (source_id(kind, name), kind, name.strip(), to_db_time(at)),
    )


def data_sources(connection: sqlite3.Connection) -> list[DataSourceRecord]:
    """Every source, the roster first, then by name."""
    rows = connection.execute(
        "SELECT id, kind, name, imported_at FROM data_source"
        " ORDER BY kind != 'roster', name COLLATE NOCASE"
    )
    return [DataSourceRecord(id_, kind, name, from_db_time(at)) for id_, kind, name, at in rows]

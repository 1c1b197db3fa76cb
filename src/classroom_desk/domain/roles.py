"""The roles of a school server's accounts, and which of them change records.

A principal reads the whole school and a coach the classes of their teachers; neither
changes a record (the README's "Who sees what"). The server refuses such a change, and a
laptop signed in with such a role refuses it at once, with the same words, so nothing
typed there waits for a sync to be turned away.
"""

from __future__ import annotations

from typing import Literal

AccountRole = Literal["teacher", "admin", "principal", "coach"]
READ_ONLY_ROLES: frozenset[str] = frozenset({"principal", "coach"})
READ_ONLY_REFUSAL = "this account reads the school's records; it cannot change them"

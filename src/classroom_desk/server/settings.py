"""The school server's settings: limits on requests and clocks, sign-in capacity, tokens.

Defaults suit one school on a small machine; ``classroom-desk-server serve`` options
change them (see ``server.cli``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from classroom_desk.domain.hlc import DEFAULT_MAX_CLOCK_AHEAD
from classroom_desk.server.auth import TOKEN_IDLE_LIMIT


@dataclass(frozen=True, slots=True)
class ServerSettings:
    #: A change stamped further ahead of the server's clock waits on its laptop.
    max_clock_ahead: timedelta = DEFAULT_MAX_CLOCK_AHEAD
    #: A request body (after gzip) may be this large: a push batch is about 0.5 MB, a
    #: batch of long notes a few; the laptop keeps its batches under half of it.
    max_body_bytes: int = 8 * 1024 * 1024
    #: A sign-in is a name and a password: a few hundred bytes.
    max_sign_in_body_bytes: int = 16 * 1024
    #: Password checks at once: each argon2 check holds 64 MiB and a core for ~50 ms.
    password_checks: int = 2
    #: Sign-ins that may wait for a check; more are told to come back (503).
    password_queue: int = 32
    #: A device token unused this long stops working (each use renews it).
    token_idle: timedelta = TOKEN_IDLE_LIMIT

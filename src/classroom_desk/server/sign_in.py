"""Sign-in that cannot stall sync: throttled first, the password checked with no
transaction open and on a few threads of its own, the outcome written in one short
transaction. A flood of sign-ins waits here, never for the threads pushes run on.

An argon2 check is CPU work on several threads of the library's own (its lanes); they
run at the lowest CPU priority (nice 19, inherited from the checking thread), so on a
two-core server a sign-in flood slows sign-ins, not pushes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import anyio
import anyio.to_thread
from sqlalchemy import Engine

from classroom_desk.server import auth
from classroom_desk.server.database import read_transaction, write_transaction
from classroom_desk.server.settings import ServerSettings
from classroom_desk.sync.protocol import SchoolChoice, SignInRequest, SignInResponse


class ServerBusyError(Exception):
    """More sign-ins are waiting for a password check than the server queues."""


class WrongPasswordError(Exception):
    """A wrong user name or password, or a disabled account (the same answer)."""


class NotInSchoolError(Exception):
    """The right password, for a school the person has no account in."""


def _lowest_cpu_priority() -> None:
    """Lower this thread's CPU priority (Linux: per thread); elsewhere, leave it."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


class SignInGate:
    """Runs sign-ins for one server process (see the module's docstring)."""

    def __init__(self, engine: Engine, settings: ServerSettings) -> None:
        self._engine = engine
        self._queue = settings.password_queue
        self._checks = ThreadPoolExecutor(
            max_workers=settings.password_checks,
            thread_name_prefix="password-check",
            initializer=_lowest_cpu_priority,
        )
        # The short database steps of sign-ins get threads of their own too.
        self._database = anyio.CapacityLimiter(4)
        self._waiting = 0

    async def sign_in(self, request: SignInRequest, address: str) -> SignInResponse:
        """Raises :class:`auth.TooManyAttemptsError`, :class:`ServerBusyError`,
        :class:`WrongPasswordError`, :class:`NotInSchoolError` or
        :class:`auth.DeviceOwnedError`."""
        found = await anyio.to_thread.run_sync(
            self._throttled_lookup, request, address, limiter=self._database
        )
        if self._waiting >= self._queue:
            raise ServerBusyError
        self._waiting += 1
        try:
            login = await asyncio.wrap_future(
                self._checks.submit(auth.verify_password, found, request.password)
            )
        finally:
            self._waiting -= 1
        return await anyio.to_thread.run_sync(
            self._record, request, address, login, limiter=self._database
        )

    def _throttled_lookup(self, request: SignInRequest, address: str) -> auth.Login | None:
        with read_transaction(self._engine) as connection:
            auth.check_throttle(connection, request.user, address, time.time())
            return auth.login_of(connection, request.user, request.school)

    def _record(
        self, request: SignInRequest, address: str, login: auth.Login | None
    ) -> SignInResponse:
        """Write the outcome (and its audit line), then answer or raise."""
        refusal: Exception | None = None
        answer: SignInResponse | None = None
        with write_transaction(self._engine) as connection:
            if login is None:
                auth.record_failure(connection, request.user, address, time.time())
                refusal = WrongPasswordError()
                detail = "wrong user name or password, or a disabled account"
            elif login.account is None:
                refusal = NotInSchoolError()
                detail = f"no account in school {request.school}"
            else:
                account = login.account
                try:
                    token, token_id = auth.issue_token(
                        connection,
                        account=account,
                        address=address,
                        device_id=request.device_id,
                        device_name=request.device_name,
                    )
                except auth.DeviceOwnedError as error:
                    refusal = error
                    detail = "the device is registered to another account"
                else:
                    detail = request.device_name
                    answer = SignInResponse(
                        token=token,
                        token_id=token_id,
                        account_id=account.id,
                        role=account.role,
                        school_id=account.school_id,
                        teacher_id=account.teacher_id,
                        display_name=account.display_name,
                        school_name=dict(login.schools)[account.school_id],
                        schools=[SchoolChoice(id=id_, name=name) for id_, name in login.schools],
                    )
            auth.audit(
                connection,
                action="signed in" if answer is not None else "sign-in refused",
                actor=request.user,
                subject=request.device_id,
                address=address,
                detail=detail,
            )
        if answer is None:
            raise refusal or WrongPasswordError()
        return answer

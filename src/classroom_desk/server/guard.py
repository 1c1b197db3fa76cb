"""The door every request passes before the application reads a byte of its body.

1. A device token is checked first (everything but /health, /metrics, sign-in and the
   API docs):
   without a valid one the answer is 401 and the body is never read.
2. The body is bounded: a ``Content-Length`` over the limit is refused at once (413); a
   streamed body is counted as it arrives; a gzip body is inflated a chunk at a time
   and refused as soon as its output passes the limit. Nothing of it is echoed back.
3. What passes is handed on as a plain body (gzip removed), with the caller in
   ``scope["state"]``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from classroom_desk.server import auth
from classroom_desk.server.database import read_transaction, write_transaction
from classroom_desk.server.settings import ServerSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths answered without a device token.
PUBLIC_PATHS = frozenset(
    {
        "/health",
        "/metrics",
        "/auth/sign-in",
        "/openapi.json",
        "/docs",
        "/docs/oauth2-redirect",
        "/redoc",
    }
)
SIGN_IN_PATH = "/auth/sign-in"
NOT_SIGNED_IN = "sign in first: this request needs a device token"
TOKEN_REFUSED = "this device's sign-in is no longer valid; sign in again"
DATABASE_BUSY = "the school server's database is busy; try again shortly"


class _RefusedError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class RequestGuard:
    """ASGI middleware: token before body, bounded plain and gzip bodies."""

    def __init__(self, app: ASGIApp, *, engine: Engine, settings: ServerSettings) -> None:
        self.app = app
        self.engine = engine
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.lower(): value for key, value in scope.get("headers") or []}
        path = str(scope.get("path", ""))
        try:
            if path not in PUBLIC_PATHS:
                caller = await self._caller(headers.get(b"authorization", b""))
                scope.setdefault("state", {})["caller"] = caller
            limit = (
                self.settings.max_sign_in_body_bytes
                if path == SIGN_IN_PATH
                else self.settings.max_body_bytes
            )
            body = await self._body(headers, receive, limit)
        except _RefusedError as refused:
            await _answer(send, refused.status, refused.detail, path not in PUBLIC_PATHS)
            return
        new_headers = [
            (key, value)
            for key, value in scope.get("headers") or []
            if key.lower() not in (b"content-encoding", b"content-length", b"transfer-encoding")
        ]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": new_headers}, replay, send)

    async def _caller(self, header: bytes) -> auth.Caller:
        scheme, _, token = header.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _RefusedError(401, NOT_SIGNED_IN)
        try:
            found = await anyio.to_thread.run_sync(self._check_token, token.strip())
        except (DBAPIError, PoolTimeoutError):
            # The laptop waits for Retry-After and sends the request again.
            raise _RefusedError(503, DATABASE_BUSY) from None
        if found is None:
            raise _RefusedError(401, TOKEN_REFUSED)
        return found

    def _check_token(self, token: str) -> auth.Caller | None:
        with read_transaction(self.engine) as connection:
            found = auth.authenticate(connection, token, idle_limit=self.settings.token_idle)
        if found is None:
            return None
        if found.stale_last_seen:
            with write_transaction(self.engine) as connection:
                auth.touch_token(connection, found.caller.token_id)
        return found.caller

    async def _body(self, headers: dict[bytes, bytes], receive: Receive, limit: int) -> bytes:
        encoding = headers.get(b"content-encoding", b"identity").strip().lower()
        if encoding not in (b"identity", b"gzip"):
            raise _RefusedError(415, "request bodies may be sent plain or gzip-compressed only")
        too_large = f"the request body is larger than this server takes (at most {limit:,} bytes)"
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise _RefusedError(400, "Content-Length is not a number")
            if int(declared) > limit:
                raise _RefusedError(413, too_large)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == b"gzip" else None
        parts: list[bytes] = []
        received = produced = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _RefusedError(400, "the client went away")
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > limit:
                raise _RefusedError(413, too_large)
            if inflater is not None and chunk:
                try:
                    chunk = inflater.decompress(chunk, limit - produced + 1)
                except zlib.error:
                    raise _RefusedError(400, "the request body is not valid gzip") from None
                if inflater.unconsumed_tail or produced + len(chunk) > limit:
                    raise _RefusedError(413, too_large)
            produced += len(chunk)
            parts.append(chunk)
            if not message.get("more_body", False):
                break
        if inflater is not None and received and not inflater.eof:
            raise _RefusedError(400, "the request body is not complete gzip")
        return b"".join(parts)


async def _answer(send: Send, status: int, detail: str, bearer: bool) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        # The rest of the body is not read: the connection cannot carry another request.
        (b"connection", b"close"),
    ]
    if status == 401 and bearer:
        headers.append((b"www-authenticate", b"Bearer"))
    if status == 503:
        headers.append((b"retry-after", b"1"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

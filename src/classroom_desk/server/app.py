"""The HTTP API: sign-in, devices, sync push/pull, the reassignment feed, plain reads.

Every endpoint but /health and sign-in needs a device token; every read or write of a
section or student checks the caller may see it, and answers 404 (never a hint) when not.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from classroom_desk import __version__
from classroom_desk.server import auth, sync_service
from classroom_desk.server.database import read_transaction, write_transaction
from classroom_desk.sync.protocol import (
    DeviceTokenInfo,
    ErrorBody,
    Policy,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ReassignmentFeed,
    SectionInfo,
    SignInRequest,
    SignInResponse,
    StudentInfo,
)

MAX_REQUEST_BYTES = 64 * 1024 * 1024
NOT_FOUND = "not found"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class GzipRequestMiddleware:
    """Accept request bodies sent with ``Content-Encoding: gzip`` (bounded when inflated)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if headers.get(b"content-encoding", b"").lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > MAX_REQUEST_BYTES:
                await _plain_error(send, 413, "request too large")
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = inflater.decompress(b"".join(chunks), MAX_REQUEST_BYTES + 1)
            if len(data) > MAX_REQUEST_BYTES or inflater.unconsumed_tail:
                await _plain_error(send, 413, "request too large")
                return
        except zlib.error:
            await _plain_error(send, 400, "request body is not valid gzip")
            return
        new_headers = [
            (key, value)
            for key, value in scope["headers"]
            if key not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(data)).encode()))
        scope = {**scope, "headers": new_headers}
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": data, "more_body": False}

        await self.app(scope, replay, send)


async def _plain_error(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


_bearer = HTTPBearer(auto_error=False)


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.Caller:
    """The signed-in device making this request, or 401 (a revoked token included)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "sign in first", headers={"WWW-Authenticate": "Bearer"})
    engine: Engine = request.app.state.engine
    with read_transaction(engine) as connection:
        found = auth.authenticate(connection, credentials.credentials)
    if found is None:
        raise HTTPException(
            401,
            "this device's sign-in is no longer valid; sign in again",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


CallerDep = Annotated[auth.Caller, Depends(current_caller)]


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(
        title="Classroom Desk school server",
        version=__version__,
        description="Sync for teacher laptops, sign-in and device tokens, and the "
        "reassignment feed for the learning platform.",
    )
    app.state.engine = engine
    app.add_middleware(GZipMiddleware, minimum_size=600, compresslevel=6)
    app.add_middleware(GzipRequestMiddleware)

    @app.exception_handler(DBAPIError)
    async def _database_unavailable(_request: Request, error: DBAPIError) -> JSONResponse:
        return JSONResponse(
            status_code=503,
            content={"detail": "the school server's database is busy; try again shortly"},
            headers={"Retry-After": "1"},
        )

    errors: dict[int | str, dict[str, Any]] = {
        401: {"model": ErrorBody},
        404: {"model": ErrorBody},
    }

    @app.get("/health")
    def health() -> dict[str, str]:
        with read_transaction(engine) as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    @app.post(
        "/auth/sign-in",
        response_model=SignInResponse,
        responses={401: {"model": ErrorBody}, 429: {"model": ErrorBody}},
    )
    def sign_in(body: SignInRequest, request: Request) -> SignInResponse:
        address = request.client.host if request.client else "unknown"
        try:
            with write_transaction(engine) as connection:
                signed_in = auth.sign_in(
                    connection,
                    username=body.user,
                    password=body.password,
                    address=address,
                    device_id=body.device_id,
                    device_name=body.device_name,
                )
        except auth.TooManyAttemptsError as error:
            raise HTTPException(
                429,
                "too many failed sign-ins: wait a little and try again",
                headers={"Retry-After": str(max(1, round(error.retry_after)))},
            ) from error
        if signed_in is None:
            raise HTTPException(401, "wrong user name or password")
        account, token, token_id = signed_in
        return SignInResponse(
            token=token,
            token_id=token_id,
            account_id=account.id,
            role=account.role,
            school_id=account.school_id,
            teacher_id=account.teacher_id,
            display_name=account.display_name,
        )

    @app.get("/auth/devices", response_model=list[DeviceTokenInfo], responses=errors)
    def list_devices(who: CallerDep) -> list[DeviceTokenInfo]:
        with read_transaction(engine) as connection:
            return list_device_tokens(
                connection,
                school_id=who.account.school_id,
                account_id=None if who.account.role == "admin" else who.account.id,
            )

    @app.post("/auth/devices/{token_id}/revoke", status_code=204, responses=errors)
    def revoke_device(token_id: str, who: CallerDep) -> Response:
        with write_transaction(engine) as connection:
            owner = connection.execute(
                text(
                    "SELECT a.id, a.school_id FROM device_token t JOIN account a"
                    " ON a.id = t.account_id WHERE t.id = :id"
                ),
                {"id": token_id},
            ).fetchone()
            allowed = owner is not None and (
                owner[0] == who.account.id
                or (who.account.role == "admin" and owner[1] == who.account.school_id)
            )
            if not allowed:
                raise HTTPException(404, NOT_FOUND)
            auth.revoke_token(connection, token_id)
        return Response(status_code=204)

    @app.post(
        "/sync/push", response_model=PushResponse, responses={**errors, 403: {"model": ErrorBody}}
    )
    def push(body: PushRequest, who: CallerDep) -> Response:
        if body.device_id != who.device_id:
            raise HTTPException(403, "this token belongs to another device")
        with write_transaction(engine) as connection:
            answer = sync_service.push(connection, who, body)
        # Serialized once here: through response_model FastAPI would validate all the
        # results again before serializing them.
        return Response(content=answer.model_dump_json(), media_type="application/json")

    @app.post("/sync/pull", response_model=PullResponse, responses=errors)
    def pull(body: PullRequest, who: CallerDep) -> Response:
        with read_transaction(engine) as connection:
            sections = list(auth.visible_sections(connection, who.account))
            page = sync_service.pull(connection, who, body, sections)
        return Response(content=page, media_type="application/json")

    @app.get("/policy", response_model=Policy, responses=errors)
    def policy(who: CallerDep) -> Policy:
        with read_transaction(engine) as connection:
            found = sync_service._policy(connection, who.account.school_id)
        if found is None:
            raise HTTPException(404, NOT_FOUND)
        return found

    @app.get("/sections", response_model=list[SectionInfo], responses=errors)
    def sections(who: CallerDep) -> list[SectionInfo]:
        with read_transaction(engine) as connection:
            roles = auth.visible_sections(connection, who.account)
            rows = connection.execute(
                text("SELECT id, name, grade, teacher_id FROM class_section WHERE school_id = :s"),
                {"s": who.account.school_id},
            ).fetchall()
        return [
            SectionInfo(id=r[0], name=r[1], grade=r[2], teacher_id=r[3], role=roles[r[0]])
            for r in rows
            if r[0] in roles
        ]

    @app.get("/sections/{section_id}/students", response_model=list[StudentInfo], responses=errors)
    def section_students(section_id: str, who: CallerDep) -> list[StudentInfo]:
        with read_transaction(engine) as connection:
            if section_id not in auth.visible_sections(connection, who.account):
                raise HTTPException(404, NOT_FOUND)
            rows = connection.execute(
                text(
                    "SELECT s.id, s.given_name, s.family_name, s.grade FROM student s"
                    " JOIN enrollment e ON e.student_id = s.id WHERE e.section_id = :id"
                    " ORDER BY s.family_name, s.given_name"
                ),
                {"id": section_id},
            ).fetchall()
        return [StudentInfo(id=r[0], given_name=r[1], family_name=r[2], grade=r[3]) for r in rows]

    @app.get("/students/{student_id}", response_model=StudentInfo, responses=errors)
    def student(student_id: str, who: CallerDep) -> StudentInfo:
        with read_transaction(engine) as connection:
            if not auth.may_see_student(connection, who.account, student_id):
                raise HTTPException(404, NOT_FOUND)
            row = connection.execute(
                text("SELECT id, given_name, family_name, grade FROM student WHERE id = :id"),
                {"id": student_id},
            ).one()
        return StudentInfo(id=row[0], given_name=row[1], family_name=row[2], grade=row[3])

    @app.get("/feed/reassignments", response_model=ReassignmentFeed, responses=errors)
    def reassignments(
        who: CallerDep,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    ) -> ReassignmentFeed:
        with read_transaction(engine) as connection:
            return sync_service.reassignment_feed(connection, who, after=after, limit=limit)

    return app


def list_device_tokens(
    connection: Any, *, school_id: str, account_id: str | None
) -> list[DeviceTokenInfo]:
    only_account = "" if account_id is None else " AND a.id = :account"
    rows = connection.execute(
        text(
            "SELECT t.id, a.id, a.username, t.device_id, t.device_name, t.created_at,"
            " t.last_seen_at, t.revoked_at FROM device_token t JOIN account a"
            " ON a.id = t.account_id WHERE a.school_id = :school"
            f"{only_account} ORDER BY t.created_at"
        ),
        {"school": school_id, "account": account_id},
    ).fetchall()
    return [
        DeviceTokenInfo(
            id=r[0],
            account_id=r[1],
            user=r[2],
            device_id=r[3],
            device_name=r[4],
            created_at=r[5],
            last_seen_at=r[6],
            revoked=r[7] is not None,
        )
        for r in rows
    ]

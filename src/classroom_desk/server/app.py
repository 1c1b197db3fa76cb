"""The HTTP API: sign-in, devices, sync push/pull, the reassignment feed, plain reads,
the School view's monthly figures.

Every endpoint but /health, /metrics and sign-in needs a device token, checked before the body is
read (``guard``); every read or write of a section or student checks the caller may see
it, and answers 404 (never a hint) when not. Routes live in ``server.routers``; their
SQL in ``records``, ``auth``, ``sync_service`` and ``school_figures``.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from classroom_desk import __version__
from classroom_desk.server.database import make_engine, read_transaction
from classroom_desk.server.guard import DATABASE_BUSY, RequestGuard
from classroom_desk.server.metrics import (
    METRICS_PATH,
    RequestMetrics,
    RouteRecorder,
    metrics_text,
)
from classroom_desk.server.openapi import errors, install_openapi
from classroom_desk.server.routers import accounts, reads, school, sync
from classroom_desk.server.settings import ServerSettings
from classroom_desk.server.sign_in import SignInGate

# Least CPU within 10% of level 6's bytes on real pull pages: BENCHMARKS.md, "The server's
# gzip level, chosen by measurement" (bench/gzip_levels.py).
RESPONSE_GZIP_LEVEL = 3


def create_app(engine: Engine, settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    app = FastAPI(
        title="Classroom Desk school server",
        version=__version__,
        description="Sync for teacher laptops, sign-in and device tokens, the "
        "reassignment feed for the learning platform, and the School view's monthly figures.",
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.sign_in_gate = SignInGate(engine, settings)
    app.add_middleware(RouteRecorder)
    app.add_middleware(GZipMiddleware, minimum_size=600, compresslevel=RESPONSE_GZIP_LEVEL)
    app.add_middleware(RequestGuard, engine=engine, settings=settings)
    # Outermost: every answer is counted, those the guard refuses included.
    app.add_middleware(RequestMetrics)

    async def _database_unavailable(_request: Request, _error: Exception) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": DATABASE_BUSY}, headers={"Retry-After": "1"}
        )

    # A failing database, or every pooled connection in use past the pool's wait.
    app.add_exception_handler(DBAPIError, _database_unavailable)
    app.add_exception_handler(PoolTimeoutError, _database_unavailable)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        # Where and which rule, never the value sent (it may be megabytes, or a password).
        problems: list[dict[str, Any]] = [
            {"loc": list(problem.get("loc", ())), "msg": str(problem.get("msg", "")),
             "type": str(problem.get("type", ""))}
            for problem in list(error.errors())[:20]
        ]  # fmt: skip
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.get("/health", responses=errors(503))
    def health() -> dict[str, str]:
        with read_transaction(engine) as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    @app.get(METRICS_PATH, response_class=PlainTextResponse)
    def metrics() -> Response:
        """Counts for Prometheus (no names, notes or ids: route templates only)."""
        content, media_type = metrics_text()
        return Response(content=content, media_type=media_type)

    for router in (accounts.router, sync.router, reads.router, school.router):
        app.include_router(router)
    install_openapi(app)
    return app


#: How ``serve --workers N`` tells each worker process what to serve: uvicorn starts its
#: workers afresh from an import string, so they cannot be handed an engine.
WORKER_SETTINGS = "CLASSROOM_DESK_SERVER_WORKER"


def worker_settings(database_url: str, settings: ServerSettings) -> str:
    """What :func:`worker_app` reads from :data:`WORKER_SETTINGS`."""
    return json.dumps(
        {"database": database_url, "max_clock_ahead_s": settings.max_clock_ahead.total_seconds()}
    )


def worker_app() -> FastAPI:
    """The app of one of ``serve --workers N``'s processes, with its own connections."""
    given = json.loads(os.environ[WORKER_SETTINGS])
    settings = ServerSettings(max_clock_ahead=timedelta(seconds=given["max_clock_ahead_s"]))
    return create_app(make_engine(given["database"]), settings)

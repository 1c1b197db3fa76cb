"""``/metrics`` in Prometheus's text format: requests, their latency, sync records, errors.

Why prometheus_client: it is the Prometheus project's own library, and it aggregates what
several ``serve --workers N`` processes counted (its multiprocess mode, each process
writing to files in ``PROMETHEUS_MULTIPROC_DIR``, which ``serve`` makes for them).

Labels never carry what a client sent: a route is its template (``/students/{student_id}``),
and a request no route answered is counted as ``unrouted``, so no student id reaches a
metric and a client cannot grow the label sets without bound.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prometheus_multiprocess

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

METRICS_PATH = "/metrics"
#: Set for ``serve --workers N``'s processes: where each writes what it counted.
MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"
#: The route label of a request no route answered: refused before routing (no token, too
#: large) or a path the server does not have.
UNROUTED = "unrouted"
ROUTE_KEY = "metrics_route"
#: Seconds: a routine sync takes milliseconds, a first pull of a year's history seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "classroom_desk_requests",
    "HTTP requests answered, by method, route template and status code.",
    ("method", "route", "status"),
)
LATENCY = Histogram(
    "classroom_desk_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by method and route template.",
    ("method", "route"),
    buckets=LATENCY_BUCKETS,
)
ERRORS = Counter(
    "classroom_desk_request_errors",
    "Requests that ended in an error the server did not expect (an exception), by route.",
    ("route",),
)
SYNC_RECORDS = Counter(
    "classroom_desk_sync_records",
    "Records through sync: mutations pushed by laptops, log rows pulled by them.",
    ("direction",),
)


def count_sync_records(direction: str, count: int) -> None:
    SYNC_RECORDS.labels(direction).inc(count)


def metrics_text() -> tuple[bytes, str]:
    """What ``/metrics`` answers, and its content type: this process's counts, or every
    worker's added up when ``serve`` runs several."""
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class RequestMetrics:
    """ASGI middleware, outermost: counts every answer, the refused ones included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        # Shared with the scopes made from this one further in (the guard copies the
        # scope, not its state): ``RouteRecorder`` leaves the route's template here.
        state = scope.setdefault("state", {})

        async def send_counting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_counting)
        except Exception:
            ERRORS.labels(state.get(ROUTE_KEY, UNROUTED)).inc()
            raise
        finally:
            route = state.get(ROUTE_KEY, UNROUTED)
            method = scope.get("method", "")
            REQUESTS.labels(method, route, str(status)).inc()
            LATENCY.labels(method, route).observe(time.perf_counter() - started)


class RouteRecorder:
    """ASGI middleware, innermost: once the router has answered, leaves the template of
    the route it chose in the request's state for ``RequestMetrics``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None)
            if isinstance(template, str) and isinstance(scope.get("state"), dict):
                scope["state"][ROUTE_KEY] = template

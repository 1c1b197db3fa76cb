"""The OpenAPI schema says every status a route can answer, and documents the request
bodies that ``deps.json_body`` reads itself (FastAPI does not see them as bodies)."""

from __future__ import annotations

from typing import Any

import pydantic
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from classroom_desk.sync.protocol import ErrorBody, ValidationErrorBody

_WHY = {
    400: "The request is malformed (its framing, not its fields).",
    401: "No valid device token: sign in (again).",
    403: "Not allowed for this account or device.",
    404: "Not found, or outside the caller's classes (the same answer).",
    413: "The request body is larger than the server takes; the limit is in the detail.",
    415: "The body's encoding is neither plain nor gzip.",
    422: "A field is missing or not valid; each problem names its place.",
    429: "Too many failed sign-ins: wait the Retry-After seconds.",
    503: "The server is busy (its database, or sign-ins): try again after Retry-After.",
}
#: What every route behind the token may answer besides its own statuses.
GUARDED = (400, 401, 413, 415, 422, 503)

_bodies: dict[str, type[pydantic.BaseModel]] = {}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for these statuses, each with its error body and meaning."""
    return {
        code: {
            "model": ValidationErrorBody if code == 422 else ErrorBody,
            "description": _WHY[code],
        }
        for code in sorted(set(codes))
    }


def body_doc(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """``openapi_extra=`` documenting a JSON request body of ``model``."""
    _bodies[model.__name__] = model
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
    }


def install_openapi(app: FastAPI) -> None:
    """Build the schema once, with the request-body models in its components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            _, definitions = models_json_schema(
                [(model, "validation") for model in _bodies.values()],
                ref_template="#/components/schemas/{model}",
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, definition in definitions.get("$defs", {}).items():
                components.setdefault(name, definition)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

"""What route handlers are given: the engine, the settings, the signed-in caller, and
request bodies read straight into their model.

Handlers open their own transaction (``read_transaction``, ``write_transaction``): a
write has committed before the answer goes out (a laptop that hears "applied" may forget
it), and a connection is held only on the thread that uses it. A connection a dependency
took on one worker thread was held while the handler waited for another; with every
thread waiting for a connection, the server stood still until the pool's wait ran out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import anyio.to_thread
import pydantic
from fastapi import Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from classroom_desk.server import auth
from classroom_desk.server.guard import NOT_SIGNED_IN
from classroom_desk.server.settings import ServerSettings

NOT_FOUND = "not found"
#: A body this large is parsed on a worker thread, so the event loop stays free.
_PARSE_INLINE_BYTES = 64 * 1024


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(_engine)]
SettingsDep = Annotated[ServerSettings, Depends(_settings)]


# Declared so the OpenAPI schema shows the bearer scheme; the token itself was checked
# by ``RequestGuard`` before the body was read.
_bearer = HTTPBearer(auto_error=False)


def _caller(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.Caller:
    caller = getattr(request.state, "caller", None)
    if not isinstance(caller, auth.Caller):
        raise HTTPException(401, NOT_SIGNED_IN, headers={"WWW-Authenticate": "Bearer"})
    return caller


CallerDep = Annotated[auth.Caller, Depends(_caller)]

_Model = TypeVar("_Model", bound=pydantic.BaseModel)


def json_body(model: type[_Model]) -> Callable[[Request], Awaitable[_Model]]:
    """A dependency reading the request body into ``model`` straight from the JSON text
    (no dict of everything first: a hostile body costs no more than the model it fails
    to be). Errors name the place and the rule, never the value sent."""

    async def parse(request: Request) -> _Model:
        raw = await request.body()
        try:
            if len(raw) > _PARSE_INLINE_BYTES:
                return await anyio.to_thread.run_sync(model.model_validate_json, raw)
            return model.model_validate_json(raw)
        except pydantic.ValidationError as error:
            raise RequestValidationError(
                [
                    {
                        "loc": ("body", *problem["loc"]),
                        "msg": problem["msg"],
                        "type": problem["type"],
                    }
                    for problem in error.errors(include_input=False, include_url=False)[:20]
                ]
            ) from None

    parse.__name__ = f"{model.__name__}_body"
    return parse

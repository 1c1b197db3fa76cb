"""Sign-in and the caller's devices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from classroom_desk.server import auth
from classroom_desk.server.access import access_of
from classroom_desk.server.database import read_transaction, write_transaction
from classroom_desk.server.deps import NOT_FOUND, CallerDep, EngineDep, json_body
from classroom_desk.server.openapi import GUARDED, body_doc, errors
from classroom_desk.server.sign_in import (
    NotInSchoolError,
    ServerBusyError,
    SignInGate,
    WrongPasswordError,
)
from classroom_desk.sync.protocol import (
    SCHOOLS_HEADER,
    DeviceTokenInfo,
    SignInRequest,
    SignInResponse,
)

router = APIRouter()


@router.post(
    "/auth/sign-in",
    response_model=SignInResponse,
    responses=errors(400, 401, 403, 413, 415, 422, 429, 503),
    openapi_extra=body_doc(SignInRequest),
)
async def sign_in(
    request: Request,
    body: Annotated[SignInRequest, Depends(json_body(SignInRequest))],
    reads_schools: Annotated[
        str | None, Header(alias=SCHOOLS_HEADER, include_in_schema=False)
    ] = None,
) -> Response:
    """A device token for this laptop: the password checked, the device bound to the
    person who first signed in with it."""
    gate: SignInGate = request.app.state.sign_in_gate
    address = request.client.host if request.client else "unknown"
    try:
        answer = await gate.sign_in(body, address)
        unread = set() if reads_schools == "1" else {"school_name", "schools"}
        return JSONResponse(answer.model_dump(mode="json", exclude=unread))
    except auth.TooManyAttemptsError as error:
        raise HTTPException(
            429,
            "too many failed sign-ins: wait a little and try again",
            headers={"Retry-After": str(auth.retry_after_seconds(error))},
        ) from None
    except ServerBusyError:
        raise HTTPException(
            503, "the server is busy signing others in; try again", headers={"Retry-After": "1"}
        ) from None
    except WrongPasswordError:
        raise HTTPException(401, "wrong user name or password") from None
    except NotInSchoolError:
        raise HTTPException(403, "this account does not teach in that school") from None
    except auth.DeviceOwnedError:
        raise HTTPException(
            403, "this device is registered to another account on the school server"
        ) from None


@router.get("/auth/devices", response_model=list[DeviceTokenInfo], responses=errors(*GUARDED))
def list_devices(who: CallerDep, engine: EngineDep) -> list[DeviceTokenInfo]:
    """The caller's devices (an admin: the school's)."""
    everyone = access_of(who.account).manages_devices
    with read_transaction(engine) as connection:
        return auth.list_device_tokens(
            connection,
            school_id=who.account.school_id,
            account_id=None if everyone else who.account.id,
        )


@router.post("/auth/devices/{token_id}/revoke", status_code=204, responses=errors(*GUARDED, 404))
def revoke_device(token_id: str, who: CallerDep, engine: EngineDep) -> Response:
    with write_transaction(engine) as connection:
        manages = access_of(who.account).manages_devices
        if not auth.may_revoke(connection, who, token_id, manages_devices=manages):
            raise HTTPException(404, NOT_FOUND)
        auth.revoke_token(connection, token_id)
        auth.audit(
            connection, action="revoked device", actor=who.account.username, subject=token_id
        )
    return Response(status_code=204)

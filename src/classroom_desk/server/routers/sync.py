"""Push and pull for the laptops, the school policy, and the learning platform's feed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Response

from classroom_desk.server import sync_service
from classroom_desk.server.database import read_transaction, write_transaction
from classroom_desk.server.deps import (
    NOT_FOUND,
    CallerDep,
    EngineDep,
    SettingsDep,
    json_body,
)
from classroom_desk.server.metrics import count_sync_records
from classroom_desk.server.openapi import GUARDED, body_doc, errors
from classroom_desk.sync.protocol import (
    CLASS_LIST_CHANGES_HEADER,
    MAX_PULL_LIMIT,
    MAX_SEQ,
    Policy,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ReassignmentFeed,
)

router = APIRouter()


@router.post(
    "/sync/push",
    response_model=PushResponse,
    responses=errors(*GUARDED, 403),
    openapi_extra=body_doc(PushRequest),
)
def push(
    body: Annotated[PushRequest, Depends(json_body(PushRequest))],
    who: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
) -> Response:
    if body.device_id != who.device_id:
        raise HTTPException(403, "this token belongs to another device")
    with write_transaction(engine) as connection:
        answer = sync_service.push(connection, who, body, max_clock_ahead=settings.max_clock_ahead)
    count_sync_records("pushed", len(body.mutations))
    # Serialized once here: through response_model FastAPI would validate all the
    # results again before serializing them.
    return Response(content=answer.model_dump_json(), media_type="application/json")


@router.post(
    "/sync/pull",
    response_model=PullResponse,
    responses=errors(*GUARDED),
    openapi_extra=body_doc(PullRequest),
)
def pull(
    body: Annotated[PullRequest, Depends(json_body(PullRequest))],
    who: CallerDep,
    engine: EngineDep,
    class_list_changes: Annotated[
        str | None, Header(alias=CLASS_LIST_CHANGES_HEADER, include_in_schema=False)
    ] = None,
) -> Response:
    with read_transaction(engine) as connection:
        page = sync_service.pull(
            connection, who, body, class_list_changes=class_list_changes == "1"
        )
        return Response(content=page, media_type="application/json")


@router.get("/policy", response_model=Policy, responses=errors(*GUARDED, 404))
def policy(who: CallerDep, engine: EngineDep) -> Policy:
    with read_transaction(engine) as connection:
        found = sync_service.school_policy(connection, who.account.school_id)
        if found is None:
            raise HTTPException(404, NOT_FOUND)
        return found


@router.get("/feed/reassignments", response_model=ReassignmentFeed, responses=errors(*GUARDED))
def reassignments(
    who: CallerDep,
    engine: EngineDep,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 1000,
) -> ReassignmentFeed:
    with read_transaction(engine) as connection:
        return sync_service.reassignment_feed(connection, who, after=after, limit=limit)

"""Plain reads of the caller's sections and students; outside them, 404."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from classroom_desk.server import records
from classroom_desk.server.access import access_of
from classroom_desk.server.database import read_transaction
from classroom_desk.server.deps import NOT_FOUND, CallerDep, EngineDep
from classroom_desk.server.openapi import GUARDED, errors
from classroom_desk.sync.protocol import SectionInfo, StudentInfo

router = APIRouter()


@router.get("/sections", response_model=list[SectionInfo], responses=errors(*GUARDED))
def sections(who: CallerDep, engine: EngineDep) -> list[SectionInfo]:
    with read_transaction(engine) as connection:
        roles = access_of(who.account).sections(connection)
        return [
            SectionInfo(**row, role=roles[row["id"]])
            for row in records.section_rows(connection, who.account.school_id)
            if row["id"] in roles
        ]


@router.get(
    "/sections/{section_id}/students",
    response_model=list[StudentInfo],
    responses=errors(*GUARDED, 404),
)
def section_students(section_id: str, who: CallerDep, engine: EngineDep) -> list[StudentInfo]:
    with read_transaction(engine) as connection:
        if section_id not in access_of(who.account).sections(connection):
            raise HTTPException(404, NOT_FOUND)
        return [StudentInfo(**row) for row in records.section_student_rows(connection, section_id)]


@router.get("/students/{student_id}", response_model=StudentInfo, responses=errors(*GUARDED, 404))
def student(student_id: str, who: CallerDep, engine: EngineDep) -> StudentInfo:
    with read_transaction(engine) as connection:
        if not access_of(who.account).sees_student(connection, student_id):
            raise HTTPException(404, NOT_FOUND)
        row = records.student_row(connection, student_id)
        if row is None:
            raise HTTPException(404, NOT_FOUND)
        return StudentInfo(**row)

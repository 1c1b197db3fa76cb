"""A small, complete OneRoster 1.1 package (one school, a reading, a math and an art class)
that tests copy and break in one place at a time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

MANIFEST_KINDS = (
    "academicSessions",
    "classes",
    "courses",
    "demographics",
    "enrollments",
    "orgs",
    "roles",
    "users",
)

BASE_FILES: dict[str, str] = {
    "orgs.csv": (
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
        "org-d,active,2024-08-01,Maple District,district,,\n"
        "org-1,active,2024-08-01,Maple Elementary,school,,org-d\n"
    ),
    "academicSessions.csv": (
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,"
        "schoolYear\n"
        "term-1,active,2024-08-01,Fall,term,2024-08-26,2024-12-20,,2025\n"
    ),
    "courses.csv": (
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
        "orgSourcedId,subjects,subjectCodes\n"
        "crs-r,active,2024-08-01,,Reading 4,R4,04,org-1,English Language Arts,\n"
        "crs-m,active,2024-08-01,,Grade 4,M4,04,org-1,Mathematics,\n"
        "crs-a,active,2024-08-01,,Art,A4,04,org-1,Art,\n"
    ),
    "classes.csv": (
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
        "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
        "cls-r,active,2024-08-01,Reading 4A,04,crs-r,,scheduled,,org-1,term-1,,,\n"
        "cls-m,active,2024-08-01,Homeroom 4A,,crs-m,,homeroom,,org-1,term-1,,,\n"
        "cls-a,active,2024-08-01,Art 4,04,crs-a,,scheduled,,org-1,term-1,Art,,\n"
    ),
    "users.csv": (
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
        "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
        "password\n"
        "t-1,active,2024-08-01,true,org-1,teacher,,,Elena,Rivera,,,elena@maple.test,,,,,\n"
        "t-2,active,2024-08-01,true,org-1,teacher,,,Sam,Okafor,,,sam@maple.test,,,,,\n"
        "s-1,active,2024-08-01,true,org-1,student,,,Ava,Nguyen,,1001,,,,,04,\n"
        "s-2,active,2024-08-01,true,org-1,student,,,Ben,Ortiz,,1002,,,,,04,\n"
        "s-3,active,2024-08-01,true,org-1,student,,,Cleo,Park,,1003,,,,,04,\n"
        "s-4,active,2024-08-01,true,org-1,student,,,Dev,Shah,,1004,,,,,04,\n"
        "p-1,active,2024-08-01,true,org-1,parent,,,Pat,Nguyen,,,,,,,,\n"
    ),
    "enrollments.csv": (
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
        "primary,beginDate,endDate\n"
        "e-t1-r,active,2024-08-01,cls-r,org-1,t-1,teacher,true,,\n"
        "e-a-t2-r,active,2024-08-01,cls-r,org-1,t-2,teacher,false,,\n"
        "e-t1-m,active,2024-08-01,cls-m,org-1,t-1,teacher,true,,\n"
        "e-t2-a,active,2024-08-01,cls-a,org-1,t-2,teacher,true,,\n"
        "e-s1-r,active,2024-08-01,cls-r,org-1,s-1,student,false,,\n"
        "e-s2-r,active,2024-08-01,cls-r,org-1,s-2,student,false,,\n"
        "e-s3-r,active,2024-08-01,cls-r,org-1,s-3,student,false,,\n"
        "e-s1-m,active,2024-08-01,cls-m,org-1,s-1,student,false,,\n"
        "e-s4-m,active,2024-08-01,cls-m,org-1,s-4,student,false,,\n"
        "e-s4-a,active,2024-08-01,cls-a,org-1,s-4,student,false,,\n"
    ),
}
ENROLLMENT_HEADER = BASE_FILES["enrollments.csv"].splitlines()[0]
USER_HEADER = BASE_FILES["users.csv"].splitlines()[0]
#: What BASE_FILES gives: teachers, students, classes and student enrollments.
BASE_COUNTS = {"teacher": 2, "student": 4, "class_section": 3, "enrollment": 6}


def manifest_text(files: Mapping[str, object], *, version: str, modes: Mapping[str, str]) -> str:
    lines = ["propertyName,value", "manifest.version,1.0", f"oneroster.version,{version}"]
    for kind in MANIFEST_KINDS:
        default = "bulk" if f"{kind}.csv" in files else "absent"
        lines.append(f"file.{kind},{modes.get(kind, default)}")
    return "\n".join(lines) + "\n"


def write_package(
    folder: Path,
    files: Mapping[str, str | bytes] | None = None,
    *,
    version: str = "1.1",
    modes: Mapping[str, str] | None = None,
) -> Path:
    """Write ``files`` (default: the base package) and a manifest listing them as bulk
    unless ``modes`` says otherwise."""
    contents: Mapping[str, str | bytes] = BASE_FILES if files is None else files
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.csv").write_text(
        manifest_text(contents, version=version, modes=modes or {})
    )
    for name, content in contents.items():
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def replaced(name: str, old: str, new: str) -> dict[str, str | bytes]:
    """The base files with one text replacement in one file (which must contain it)."""
    assert old in BASE_FILES[name], old
    return {**BASE_FILES, name: BASE_FILES[name].replace(old, new)}


def line_of(name: str, text: str, files: Mapping[str, str | bytes] = BASE_FILES) -> int:
    """The 1-based line of ``files[name]`` containing ``text``."""
    content = files[name]
    lines = (content if isinstance(content, str) else content.decode()).splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def without_students(
    *numbers: int, files: Mapping[str, str | bytes] = BASE_FILES
) -> dict[str, str | bytes]:
    """``files`` without the students ``s-N`` of ``numbers`` and their enrollments (a
    partial export, or one that drops them)."""

    def kept(name: str, drop: Callable[[str], bool]) -> str:
        text = files[name]
        assert isinstance(text, str)
        return "".join(line for line in text.splitlines(keepends=True) if not drop(line))

    return {
        **files,
        "users.csv": kept(
            "users.csv", lambda line: line.startswith(tuple(f"s-{n}," for n in numbers))
        ),
        "enrollments.csv": kept(
            "enrollments.csv", lambda line: any(f",s-{n}," in line for n in numbers)
        ),
    }

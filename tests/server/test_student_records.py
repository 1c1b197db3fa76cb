"""``export-student`` and ``forget-student`` end to end: a real server, a real laptop that
synced the student and wrote a note, the admin's commands, and the laptop's next sync."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from classroom_desk.demo import demo_id
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.store.plan_actions import GroupDraft, PlanActions
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    server_checksums,
    server_cli,
    sqlite_url,
)

HOMEROOM = demo_id("section", "homeroom-4")
WEEK = date(2026, 11, 30)
NOTE = "Talked with grandmother about reading at home; she will sign the log"


def _laptop(directory: Path, url: str, user: str) -> Laptop:
    laptop = Laptop(directory / f"{user}.sqlite", url, user)
    laptop.sign_in()
    laptop.sync()
    return laptop


def test_export_then_forget_reaches_the_server_and_every_laptop(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    server = ServerProcess(sqlite_url(tmp_path), tmp_path)
    server.start()
    rivera = _laptop(tmp_path, server.url, "rivera")
    okafor = _laptop(tmp_path, server.url, "okafor")
    try:
        student = demo_id("student", "homeroom-4/6")
        classmate = demo_id("student", "homeroom-4/7")
        given = str(rivera.one("SELECT given_name FROM student WHERE id = ?", student))
        rivera.actions.save_note(student_id=student, body=NOTE)
        # A small group and a tutoring group with a session: class records that name them.
        plans = PlanActions(rivera.store, rivera.actions._device)
        plans.accept_groups(
            section_id=HOMEROOM,
            content_area_id="math",
            week=WEEK,
            groups=[GroupDraft("Time builders", (student, classmate))],
            now=datetime.now(UTC).replace(tzinfo=None),
        )
        tutor = plans.save_tutor(section_id=HOMEROOM, name="Ms. Ade", role="paraprofessional")
        tutoring = plans.save_tutoring_group(
            section_id=HOMEROOM,
            content_area_id="reading",
            name="Reading boost",
            tutor_id=tutor,
            schedule=Schedule.of([0, 2], "10:30"),
            plan=Plan(2, 30),
            members=[student, classmate],
        )
        plans.log_session(
            group_id=tutoring, held_on=WEEK, minutes=25, attendees=[student, classmate],
            focus="Main idea", note="",
        )  # fmt: skip
        rivera.sync()
        okafor.sync()
        assert okafor.one("SELECT COUNT(*) FROM group_member WHERE student_id = ?", student) == 1
        assert rivera.one("SELECT COUNT(*) FROM unit_attempt WHERE student_id = ?", student)

        exported = server_cli(
            server.database_url, "export-student", student, "--output", str(tmp_path / "out"),
            "--by", "principal-lee",
        )  # fmt: skip
        assert exported.returncode == 0, exported.stderr
        document = json.loads((tmp_path / "out" / f"student-{student}.json").read_text())
        assert document["records"]["student"][0]["given_name"] == given
        assert [n["body"] for n in document["records"]["conference_note"]] == [NOTE]
        assert document["records"]["unit_attempt"] and document["records"]["enrollment"]
        assert document["sections"]
        assert [g["name"] for g in document["groups"].values()] == ["Time builders"]
        assert [g["name"] for g in document["listed_in"]["tutoring_group"]] == ["Reading boost"]
        assert len(document["listed_in"]["tutoring_session"]) == 1
        pdf = (tmp_path / "out" / f"student-{student}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 2000

        refused = server_cli(server.database_url, "forget-student", student)
        assert refused.returncode == 1 and "add --yes" in refused.stderr
        forgot = server_cli(
            server.database_url, "forget-student", student, "--yes", "--by", "principal-lee"
        )
        assert forgot.returncode == 0, forgot.stderr
        assert "conference_note 1" in forgot.stdout

        # The server keeps nothing of them, not even in the sync log's old row data.
        server_db = sqlite3.connect(tmp_path / "server.sqlite")
        try:
            for table in ("student", "enrollment", "conference_note", "unit_attempt"):
                column = "id" if table == "student" else "student_id"
                found = server_db.execute(
                    f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (student,)
                ).fetchone()
                assert found == (0,), table
            log = server_db.execute("SELECT group_concat(data, ' ') FROM sync_row").fetchone()
            assert NOTE not in log[0]
        finally:
            server_db.close()

        # At their next sync every laptop drops the student and all their rows.
        rivera.sync()
        okafor.sync()
        for laptop in (rivera, okafor):
            assert laptop.one("SELECT COUNT(*) FROM student WHERE id = ?", student) == 0
            for table in (
                "enrollment", "conference_note", "unit_attempt", "unit_progress", "group_member"
            ):  # fmt: skip
                count = laptop.one(f"SELECT COUNT(*) FROM {table} WHERE student_id = ?", student)
                assert count == 0, (laptop.user, table)
            # The tutoring group and its session stay for the classmate, without them.
            members = laptop.one("SELECT members FROM tutoring_group WHERE id = ?", tutoring)
            attendees = laptop.one("SELECT attendees FROM tutoring_session")
            assert json.loads(str(members)) == json.loads(str(attendees)) == [classmate]
            assert laptop.checksums() == server_checksums(server.database_url, laptop.user)
        assert rivera.one("SELECT COUNT(*) FROM conference_note WHERE body = ?", NOTE) == 0
        # Both laptops still sync (nothing set aside or stuck).
        assert rivera.sync().pulled >= 0
        assert rivera.one("SELECT COUNT(*) FROM sync_problem") == 0

        entries = server_cli(server.database_url, "audit-log", "--subject", student)
        assert entries.returncode == 0
        lines = entries.stdout.splitlines()[1:]
        assert [line.split("\t")[1:3] for line in lines] == [
            ["principal-lee", "forget-student"],  # the latest first
            ["principal-lee", "export-student"],
        ]
        assert given not in entries.stdout and NOTE not in entries.stdout

        again = server_cli(server.database_url, "export-student", student)
        assert again.returncode == 1 and f"no student with id {student!r}" in again.stderr
    finally:
        rivera.close()
        okafor.close()
        server.stop()

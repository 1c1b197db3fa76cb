"""A property of sync: whatever order three laptops' valid changes and a hostile device's
changes arrive in, the hostile ones are refused (each with a reason) or become what the
rules make of them (an edit of another device's note: a new version), and afterwards
every laptop and the server hold the same records, none lost and none twice."""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.demo import demo_id
from classroom_desk.domain.profiles import profile_id
from classroom_desk.server.sync_service import NOTE_VERSION_NAMESPACE
from tests.sync.harness import Laptop, MemoryKeyring, ServerProcess, new_laptop, template_store
from tests.sync.hostile import RawDevice, now_millis, stamp
from tests.sync.test_faults import Expected, check_converged, random_edit

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "25"))
HOMEROOM_STUDENT = demo_id("student", "homeroom-4/6")
GRADE7_STUDENT = demo_id("student", "math-7/3")  # outside the co-teacher's classes
UNIT = demo_id("unit", "MTH-4.01")


@dataclass
class World:
    laptops: list[Laptop]
    hostile: RawDevice
    expected: Expected = field(default_factory=Expected)
    refusals: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def world(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[World]:
    template = template_store(tmp_path)
    laptops = [
        new_laptop(tmp_path, "teacher-a", fresh_server.url, "rivera", template),
        new_laptop(tmp_path, "teacher-b", fresh_server.url, "rivera", template),
        new_laptop(tmp_path, "coteacher", fresh_server.url, "okafor", template),
    ]
    for laptop in laptops:
        laptop.sign_in()
        laptop.sync()
    yield World(laptops, RawDevice.sign_in(fresh_server, "okafor"))
    for laptop in laptops:
        laptop.close()


# -- what the hostile device sends ------------------------------------------------------

Hostile = Callable[[World, random.Random], tuple[dict[str, Any], set[str]]]


def _note(world: World, **overrides: Any) -> dict[str, Any]:
    device = world.hostile
    mutation = device.mutation(
        "note.put",
        record_id=str(uuid.uuid4()),
        student_id=HOMEROOM_STUDENT,
        payload={"body": "From somewhere odd", "tags": []},
    )
    mutation.update(overrides)
    return mutation


def text_sorting_stamp(world: World, rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    bad = rng.choice(["1-0-x", " 5-0-x", "5_0-0-x", "\u0665-000000-x", f"{now_millis()}-0-x"])
    return _note(world, stamp=bad.replace("x", world.hostile.device_id)), {"rejected"}


def another_devices_stamp(world: World, _rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    return _note(world, stamp=stamp(now_millis(), "someone-else")), {"rejected"}


def far_future_goal(world: World, rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    goals = [row[0] for row in world.laptops[2].store.connection.execute("SELECT id FROM goal")]
    device = world.hostile
    millis = rng.choice([10**15 - 1, now_millis() + 3 * 3_600_000])
    mutation = device.mutation(
        "goal.set_target",
        record_id=rng.choice(goals) if goals else str(uuid.uuid4()),
        student_id=HOMEROOM_STUDENT,
        payload={"content_area_id": "math", "kind": "minutes", "target": 99},
        stamp_text=stamp(millis, device.device_id),
    )
    return mutation, {"deferred"}


def hostile_number(world: World, rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    score = rng.choice([float("nan"), -1e300, float("inf"), 101, "80"])
    mutation = world.hostile.mutation(
        "reassignment.reassign",
        record_id=str(uuid.uuid4()),
        student_id=HOMEROOM_STUDENT,
        payload={"unit_id": UNIT, "score": score},
    )
    return mutation, {"rejected"}


def unknown_kind(world: World, _rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    return _note(world, kind="note.delete_everything"), {"rejected"}


def outside_her_classes(world: World, _rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    return _note(world, student_id=GRADE7_STUDENT), {"rejected"}


def bad_profile_tier(world: World, _rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    mutation = world.hostile.mutation(
        "profile.set_field",
        record_id=profile_id(HOMEROOM_STUDENT),
        student_id=HOMEROOM_STUDENT,
        payload={"field": "mtss_tier", "value": 7},
    )
    return mutation, {"rejected"}


def rewrite_someone_elses_note(world: World, rng: random.Random) -> tuple[dict[str, Any], set[str]]:
    """Applied, as a new version: the note itself keeps its text. (A version this device
    wrote earlier is its own note, changed in place: not chosen here.)"""
    connection = world.laptops[0].store.connection
    notes = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM conference_note WHERE student_id IN"
            " (SELECT student_id FROM enrollment WHERE section_id = ?) AND server_seq IS NOT NULL"
            " AND device_id <> ?",
            (demo_id("section", "homeroom-4"), world.hostile.device_id),
        )
    ]
    if not notes:
        return text_sorting_stamp(world, rng)
    note = rng.choice(notes)
    student = connection.execute(
        "SELECT student_id FROM conference_note WHERE id = ?", (note,)
    ).fetchone()[0]
    mutation = world.hostile.mutation(
        "note.put",
        record_id=note,
        student_id=student,
        payload={"body": f"Rewritten {uuid.uuid4().hex[:6]}", "tags": []},
    )
    version = str(uuid.uuid5(NOTE_VERSION_NAMESPACE, f"{note}/{mutation['mutation_id']}"))
    world.expected.note_versions.add(version)
    return mutation, {"applied"}


HOSTILE: tuple[Hostile, ...] = (
    text_sorting_stamp,
    another_devices_stamp,
    far_future_goal,
    hostile_number,
    unknown_kind,
    outside_her_classes,
    bad_profile_tier,
    rewrite_someone_elses_note,
)

# A step: who acts (0-2 a laptop, 3 the hostile device), a choice, and whether the actor
# syncs (or, for the hostile device, replays its last push) afterwards.
steps = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 2**16), st.booleans()), min_size=4, max_size=20
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("fresh_server", ["sqlite"], indirect=True)
@given(plan=steps)
def test_valid_and_hostile_changes_in_any_order_converge_with_nothing_lost_or_doubled(
    world: World, plan: list[tuple[int, int, bool]]
) -> None:
    last_push: list[dict[str, Any]] = []
    for actor, choice, then_sync in plan:
        rng = random.Random(choice)
        if actor < 3:
            laptop = world.laptops[actor]
            random_edit(rng, laptop, world.expected)
            if then_sync:
                laptop.sync()
            continue
        mutation, allowed = HOSTILE[choice % len(HOSTILE)](world, rng)
        [result] = world.hostile.push([mutation])
        assert result["outcome"] in allowed, (mutation["kind"], result)
        if result["outcome"] != "applied":
            assert result["reason"], "a refusal always says why"
            world.refusals[result["outcome"]] = world.refusals.get(result["outcome"], 0) + 1
        last_push = [mutation]
        if then_sync and last_push:
            # The same mutation again: answered as before, never applied twice.
            [again] = world.hostile.push(last_push)
            repeat = {"applied": "duplicate", "duplicate": "duplicate"}
            assert again["outcome"] == repeat.get(result["outcome"], result["outcome"])
    for _round in range(2):
        for laptop in world.laptops:
            laptop.sync()
    check_converged(world.laptops, world.hostile.server, world.expected)
    print(
        f"\nso far: refused {world.refusals}; notes {len(world.expected.notes)},"
        f" versions {len(world.expected.note_versions)}, goals {len(world.expected.goals)},"
        f" events {len(world.expected.events)}, celebrations {len(world.expected.celebrations)}:"
        " 0 lost, 0 duplicated"
    )

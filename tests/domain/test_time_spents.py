"""Time-spent reads are batch reads; writes keep the task duration as the sum of its time spents."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain import time_spents
from domain.events import EventBus
from domain.tables import Task
from tests.team_world import day, team_world


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


async def log(db, w, who, on, minutes, *, task=None, add=False, bus=None):
    ref = (await time_spents.task_refs_by_ids(db, [task or w.t1]))[0]
    return await time_spents.log_time(db, bus or EventBus(), task=ref, person_id=w.people[who], day=day(on),
                                      duration=minutes, add=add, actor_id=w.people[who])


async def test_reads_align_with_keys_in_one_statement(db, w, count_sql):
    a = await log(db, w, "user", "2026-01-05", 10)
    b = await log(db, w, "vendor", "2026-01-05", 20)
    c = await log(db, w, "user", "2026-01-06", 30, task=w.t2)
    keys = [(w.people["vendor"], w.t1, day("2026-01-05")), (w.people["user"], w.t1, day("2026-01-06")),
            (w.people["user"], w.t2, day("2026-01-06"))]
    with count_sql() as n:
        found = await time_spents.time_spents_by_key(db, keys)
    assert n.count == 1
    assert [r and r["id"] for r in found] == [b["id"], None, c["id"]]
    with count_sql() as n:
        per_task = await time_spents.time_spents_for_tasks(db, [w.t2, w.t1])
    assert n.count == 1
    assert [[r["id"] for r in rows] for rows in per_task] == [[c["id"]], [a["id"], b["id"]]]
    on_day = await time_spents.time_spents_for_tasks(db, [w.t1], day("2026-01-06"))
    assert on_day == [[]]
    by_ids = await time_spents.time_spents_by_ids(db, [c["id"], w.t1])
    assert [r and r["id"] for r in by_ids] == [c["id"], None]
    per_person = await time_spents.time_spents_for_persons(db, [w.people["user"]], day("2026-01-06"),
                                                           day("2026-01-31"))
    assert [r["id"] for r in per_person[0]] == [c["id"]]


async def test_task_refs_carry_assignees(db, w):
    t1, missing, t2 = await time_spents.task_refs_by_ids(db, [w.t1, w.people["user"], w.t2])
    assert missing is None
    assert set(t1["assignees"]) == {w.people[k] for k in ("user", "vendor", "manager", "teammgr")}
    assert t2["assignees"] == [w.people["user"]] and t2["project_id"] == w.project


async def test_add_accumulates_and_set_overwrites(db, w):
    await log(db, w, "user", "2026-01-05", 10, add=True)
    row = await log(db, w, "user", "2026-01-05", 5.5, add=True)
    assert row["duration"] == 15.5
    row = await log(db, w, "user", "2026-01-05", 3)
    assert row["duration"] == 3.0


async def test_task_duration_is_the_sum_and_removal_updates_it(db, w):
    await log(db, w, "user", "2026-01-05", 10)
    await log(db, w, "vendor", "2026-01-05", 20)
    await log(db, w, "user", "2026-01-05", 1, task=w.t2)
    duration = select(Task.duration).where(Task.id == w.t1)
    assert (await db.scalars(duration))[0] == 30.0
    ref = (await time_spents.task_refs_by_ids(db, [w.t1]))[0]
    bus = EventBus()
    removed = await time_spents.remove_time(db, bus, task=ref, person_id=w.people["vendor"], day=day("2026-01-05"))
    assert removed["duration"] == 0
    assert (await db.scalars(duration))[0] == 10.0
    assert [e.name for e in bus.pending] == ["time-spent:delete", "task:update"]
    await time_spents.remove_time(db, bus, task=ref, person_id=w.people["user"], day=day("2026-01-05"))
    assert (await db.scalars(duration))[0] == 0.0

"""Day-off rules: overlap refusal, time spents wiped on covered days, batch reads aligned with keys."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain import day_offs, errors, time_spents
from domain.events import EventBus
from domain.tables import DayOff, Task, TimeSpent
from tests.team_world import _insert, day, team_world


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


async def add_day_off(db, person, start, end):
    return await _insert(db, DayOff, person_id=person, date=day(start), end_date=day(end))


async def log(db, w, who, on, minutes, task=None):
    task = (await time_spents.task_refs_by_ids(db, [task or w.t1]))[0]
    return await time_spents.log_time(db, EventBus(), task=task, person_id=w.people[who], day=day(on),
                                      duration=minutes)


@pytest.mark.parametrize("start,end,clash", [
    ("2026-01-07", "2026-01-08", True),   # same period
    ("2026-01-08", "2026-01-10", True),   # starts inside
    ("2026-01-01", "2026-01-07", True),   # ends on its first day
    ("2026-01-06", "2026-01-12", True),   # holds it
    ("2026-01-09", "2026-01-10", False),  # the day after
    ("2026-01-01", "2026-01-06", False),  # the days before
])
async def test_overlap_is_any_shared_day(db, w, start, end, clash):
    await add_day_off(db, w.people["user"], "2026-01-07", "2026-01-08")
    if clash:
        with pytest.raises(errors.InvalidInput) as exc:
            await day_offs.check_period_free(db, w.people["user"], day(start), day(end))
        assert exc.value.message == "Day off already exists for this period" and exc.value.status == 400
    else:
        await day_offs.check_period_free(db, w.people["user"], day(start), day(end))


async def test_overlap_ignores_other_people_and_the_day_off_itself(db, w):
    own = await add_day_off(db, w.people["user"], "2026-01-07", "2026-01-08")
    await day_offs.check_period_free(db, w.people["vendor"], day("2026-01-07"), day("2026-01-08"))
    await day_offs.check_period_free(db, w.people["user"], day("2026-01-07"), day("2026-01-09"), exclude_id=own)


async def test_day_off_wipes_covered_time_spents_only(db, w):
    for on in ("2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"):
        await log(db, w, "user", on, 10)
    await log(db, w, "vendor", "2026-01-07", 10)
    removed = await day_offs.clear_covered_time_spents(db, w.people["user"], day("2026-01-07"), day("2026-01-08"))
    assert len(removed) == 2
    left = await db.rows(select(TimeSpent.person_id, TimeSpent.date).order_by(TimeSpent.date, TimeSpent.person_id))
    assert sorted((str(r["date"]), r["person_id"] == w.people["user"]) for r in left) == [
        ("2026-01-06", True), ("2026-01-07", False), ("2026-01-09", True)]
    # as in Zou, the task duration is not recomputed by a day off
    assert (await db.scalars(select(Task.duration).where(Task.id == w.t1)))[0] == 50.0


async def test_batch_reads_align_with_keys_in_one_statement(db, w, count_sql):
    a = await add_day_off(db, w.people["user"], "2026-01-07", "2026-01-08")
    b = await add_day_off(db, w.people["vendor"], "2026-02-01", "2026-02-01")
    unknown = w.people["outsider"]
    with count_sql() as c:
        rows = await day_offs.day_offs_by_ids(db, [b, unknown, a])
    assert c.count == 1
    assert [r and r["id"] for r in rows] == [b, None, a]
    with count_sql() as c:
        covering = await day_offs.day_offs_covering(db, [(w.people["user"], day("2026-01-08")),
                                                         (w.people["user"], day("2026-01-09")),
                                                         (w.people["vendor"], day("2026-02-01"))])
    assert c.count == 1
    assert [r and r["id"] for r in covering] == [a, None, b]
    per_person = await day_offs.day_offs_for_persons(db, [w.people["vendor"], w.people["user"], unknown])
    assert [[r["id"] for r in rows] for rows in per_person] == [[b], [a], []]
    within = await day_offs.day_offs_for_persons(db, [w.people["user"]], day("2026-01-08"), day("2026-01-20"))
    assert [r["id"] for r in within[0]] == [a]

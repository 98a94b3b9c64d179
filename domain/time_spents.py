"""Time spents: batch reads, and the writes that keep `task.duration` and `person.last_presence` in step
(spec time-budget.md §1-2)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, delete, func, insert, select, update

from domain import errors
from domain.base import new_id, utcnow
from domain.events import EventBus
from domain.tables import DesktopLoginLog, Person, Project, Task, TaskPersonLink, TimeSpent

TIME_SPENT = TimeSpent.__table__


async def time_spents_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(TIME_SPENT).where(db.in_keys(TimeSpent.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def time_spents_by_key(db, keys: Sequence[tuple[uuid.UUID, uuid.UUID, date]]) -> list[dict | None]:
    """The time spent of each (person_id, task_id, date), or None."""
    if not keys:
        return []
    task_ids = list({k[1] for k in keys})
    person_ids = list({k[0] for k in keys})
    rows = await db.rows(select(TIME_SPENT).where(db.in_keys(TimeSpent.task_id, task_ids),
                                                  db.in_keys(TimeSpent.person_id, person_ids)))
    by_key = {(r["person_id"], r["task_id"], r["date"]): dict(r) for r in rows}
    return [by_key.get(k) for k in keys]


async def time_spents_for_tasks(db, task_ids: Sequence[uuid.UUID], on: date | None = None) -> list[list[dict]]:
    """Every time spent of each task (of one day when `on` is given), oldest day first."""
    stmt = select(TIME_SPENT).where(db.in_keys(TimeSpent.task_id, list(task_ids)))
    if on is not None:
        stmt = stmt.where(TimeSpent.date == on)
    rows = await db.rows(stmt.order_by(TimeSpent.date, TimeSpent.created_at, TimeSpent.id))
    out: dict[uuid.UUID, list[dict]] = {t: [] for t in task_ids}
    for r in rows:
        out[r["task_id"]].append(dict(r))
    return [out[t] for t in task_ids]


async def time_spents_for_persons(db, person_ids: Sequence[uuid.UUID], start: date, end: date) -> list[list[dict]]:
    """Each person's time spents between two days (both included), oldest first."""
    rows = await db.rows(select(TIME_SPENT)
                         .where(db.in_keys(TimeSpent.person_id, list(person_ids)),
                                TimeSpent.date >= start, TimeSpent.date <= end)
                         .order_by(TimeSpent.date, TimeSpent.created_at, TimeSpent.id))
    out: dict[uuid.UUID, list[dict]] = {p: [] for p in person_ids}
    for r in rows:
        out[r["person_id"]].append(dict(r))
    return [out[p] for p in person_ids]


# --- the tasks and persons the rules read (small batch reads; the task module proper lives elsewhere) ---

async def task_refs_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    """{id, project_id, entity_id, task_type_id, assignees, is_bot_collaboration_enabled} of each task."""
    rows = await db.rows(select(Task.id, Task.project_id, Task.entity_id, Task.task_type_id,
                                Project.is_bot_collaboration_enabled)
                         .outerjoin(Project, Project.id == Task.project_id)
                         .where(db.in_keys(Task.id, list(ids))))
    links = await db.rows(select(TaskPersonLink.task_id, TaskPersonLink.person_id)
                          .where(db.in_keys(TaskPersonLink.task_id, list(ids))))
    assignees: dict[uuid.UUID, list[uuid.UUID]] = {}
    for link in links:
        assignees.setdefault(link["task_id"], []).append(link["person_id"])
    by_id = {r["id"]: {**r, "assignees": assignees.get(r["id"], [])} for r in rows}
    return [by_id.get(i) for i in ids]


# --- writes ---

async def log_time(db, events: EventBus, *, task: dict, person_id: uuid.UUID, day: date, duration: float,
                   add: bool = False, actor_id: uuid.UUID | None = None) -> dict:
    """Set (or, with `add`, increase) a person's time on a task for one day; creates the row when missing.
    Then recomputes the task's duration. Flushes, never commits."""
    project_id = task["project_id"]
    current = (await time_spents_by_key(db, [(person_id, task["id"], day)]))[0]
    now = utcnow()
    if current is not None:
        new_duration = current["duration"] + duration if add else duration
        await db.execute(update(TIME_SPENT).where(TimeSpent.id == current["id"])
                         .values(duration=new_duration, updated_at=now))
        ts_id, name = current["id"], "time-spent:update"
    else:
        ts_id, name = new_id(), "time-spent:new"
        await db.execute(insert(TIME_SPENT).values(id=ts_id, task_id=task["id"], person_id=person_id, date=day,
                                                  duration=duration, created_at=now, updated_at=now))
        await refresh_last_presence(db, events, person_id, actor_id=actor_id)
    events.record(name, {"time_spent_id": ts_id, "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)
    await recompute_task_durations(db, events, [task["id"]], project_id=project_id, actor_id=actor_id)
    return (await time_spents_by_ids(db, [ts_id]))[0]


async def remove_time(db, events: EventBus, *, task: dict, person_id: uuid.UUID, day: date,
                      actor_id: uuid.UUID | None = None) -> dict:
    """Delete a person's time on a task for one day; the deleted row comes back with duration 0."""
    current = (await time_spents_by_key(db, [(person_id, task["id"], day)]))[0]
    if current is None:
        raise errors.NotFound("Time spent not found")
    project_id = task["project_id"]
    await db.execute(delete(TIME_SPENT).where(TimeSpent.id == current["id"]))
    events.record("time-spent:delete", {"time_spent_id": current["id"], "project_id": project_id},
                  project_id=project_id, user_id=actor_id)
    await recompute_task_durations(db, events, [task["id"]], project_id=project_id, actor_id=actor_id)
    return {**current, "duration": 0}


async def recompute_task_durations(db, events: EventBus, task_ids: Sequence[uuid.UUID], *,
                                   project_id: uuid.UUID | None, actor_id: uuid.UUID | None = None) -> None:
    """`task.duration` = the sum of its time spents (0 when none), then `task:update`."""
    total = (select(func.coalesce(func.sum(TimeSpent.duration), 0.0))
             .where(TimeSpent.task_id == Task.id).scalar_subquery())
    await db.execute(update(Task.__table__).where(db.in_keys(Task.id, list(task_ids)))
                     .values(duration=total, updated_at=utcnow()))
    for task_id in task_ids:
        events.record("task:update", {"task_id": task_id, "project_id": project_id}, project_id=project_id,
                      user_id=actor_id)


async def refresh_last_presence(db, events: EventBus, person_id: uuid.UUID, *,
                                actor_id: uuid.UUID | None = None) -> None:
    """`person.last_presence` = the latest day among the person's time spents and desktop logins."""
    last_ts = (await db.scalars(select(func.max(TimeSpent.date)).where(TimeSpent.person_id == person_id)))[0]
    last_login = (await db.scalars(select(func.max(DesktopLoginLog.date))
                                   .where(DesktopLoginLog.person_id == person_id)))[0]
    days = [d for d in (last_ts, _day_of(last_login)) if d is not None]
    await db.execute(update(Person.__table__).where(Person.id == person_id)
                     .values(last_presence=max(days) if days else None, updated_at=utcnow()))
    events.record("person:update", {"person_id": person_id}, user_id=actor_id)


def _day_of(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands max() of a DATETIME back as text
        return date.fromisoformat(value[:10])
    return value.date() if hasattr(value, "date") else value


async def delete_time_spents_between(db, person_id: uuid.UUID, start: date, end: date) -> list[uuid.UUID]:
    """Remove a person's time spents between two days (both included); task durations are left as they
    are, as Zou does when a day off covers logged days. Returns the removed ids."""
    where = and_(TimeSpent.person_id == person_id, TimeSpent.date >= start, TimeSpent.date <= end)
    ids = await db.scalars(select(TimeSpent.id).where(where))
    if ids:
        await db.execute(delete(TIME_SPENT).where(where))
    return list(ids)

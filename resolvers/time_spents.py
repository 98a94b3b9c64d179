"""Time spents, shared by GraphQL and REST: who may read and log time (spec time-budget.md §1-2)."""
from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from domain import errors, payloads, people, time_spents
from resolvers import access
from resolvers.context import Context

DURATION = [payloads.Field("duration", "float", required=True, gt=0)]


def _day(text: str, message: str) -> date:
    try:
        return payloads.parse_day(text)
    except ValueError as exc:
        raise errors.InvalidInput(message) from exc


async def task_ref(ctx: Context, task_id: uuid.UUID) -> dict:
    task = await ctx.loaders.get(time_spents.task_refs_by_ids).load(task_id)
    if task is None:
        raise errors.NotFound("Task not found")
    return task


async def _person(ctx: Context, person_id: uuid.UUID) -> dict:
    person = await ctx.loaders.get(people.persons_by_ids).load(person_id)
    if person is None:
        raise errors.NotFound("Person not found")
    return person


async def own_time_spent(ctx: Context, task_id: uuid.UUID | None, day: str) -> dict | None:
    """The caller's time spent on a task for a day, or None (any task id: Zou checks no task access)."""
    user = access.require_person(ctx)
    on = _day(day, "Wrong date format.")
    if task_id is None:
        return None
    return await ctx.loaders.get(time_spents.time_spents_by_key).load((user.id, task_id, on))


async def task_time_spents(ctx: Context, task_id: uuid.UUID, day: str | None = None) -> list[dict]:
    """Every time spent of a task (of one day if given); task access required."""
    task = await task_ref(ctx, task_id)
    await access.check_entity_access(ctx, task["project_id"], task["entity_id"])
    on = _day(day, "Wrong date format.") if day is not None else None
    return await ctx.loaders.get(time_spents.time_spents_for_tasks, on).load(task_id)


async def can_log_time_for(ctx: Context, task: dict, person_id: uuid.UUID) -> bool:
    """The person must be an assignee, and the caller that person, an admin, or a manager of the task's
    project team (even an admin cannot log time for a non-assignee)."""
    user = ctx.require_user()
    if person_id not in task["assignees"]:
        return False
    if user.id == person_id or user.is_admin:
        return True
    project_id = task["project_id"]
    return (project_id is not None and await access.has_project_access(ctx, project_id)
            and await access.effective_role(ctx, project_id) == "manager")


async def _check_not_bot(ctx: Context, person_id: uuid.UUID, task: dict | None) -> None:
    """Time is not logged for bots, unless the task's project lets bots collaborate."""
    person = await _person(ctx, person_id)
    if person["is_bot"] and not (task is not None and task["is_bot_collaboration_enabled"]):
        raise errors.PermissionDenied()


async def log_time(ctx: Context, task_id: uuid.UUID, person_id: uuid.UUID, day: str, payload: Any, *,
                   add: bool = False) -> dict:
    """Set (or add to) a person's time on a task for a day. Checks run in Zou's order: task, person, body,
    permission, date."""
    user = ctx.require_user()
    task = await task_ref(ctx, task_id)
    await _check_not_bot(ctx, person_id, task)
    body = payloads.validate("TimeSpentSchema", payload, DURATION)
    if not await can_log_time_for(ctx, task, person_id):
        raise errors.PermissionDenied()
    on = _day(day, "Invalid date format.")
    try:
        row = await time_spents.log_time(ctx.db, ctx.events, task=task, person_id=person_id, day=on,
                                         duration=body["duration"], add=add, actor_id=user.id)
    except errors.Conflict:
        # A concurrent request created the same (person, task, day) row between our read and our insert (the
        # transaction was rolled back): apply this one to that row.
        ctx.events.discard()
        row = await time_spents.log_time(ctx.db, ctx.events, task=task, person_id=person_id, day=on,
                                         duration=body["duration"], add=add, actor_id=user.id)
    await ctx.commit()
    return row


async def remove_time(ctx: Context, task_id: uuid.UUID, person_id: uuid.UUID, day: str) -> dict:
    """Delete a person's time on a task for a day; the deleted row comes back with duration 0."""
    user = ctx.require_user()
    await _check_not_bot(ctx, person_id, None)
    task = await task_ref(ctx, task_id)
    if not await can_log_time_for(ctx, task, person_id):
        raise errors.PermissionDenied()
    on = _day(day, "Invalid date format.")
    row = await time_spents.remove_time(ctx.db, ctx.events, task=task, person_id=person_id, day=on,
                                        actor_id=user.id)
    await ctx.commit()
    return row


"""Production budgets, shared by GraphQL and REST: manager project access on every route (spec
time-budget.md §4). Ids arrive as text so that each route can check them where Zou does: a malformed id
is a 400 `Wrong UUID format.`, except when the project lookup of a non-admin runs first (then a 404)."""
from __future__ import annotations

import uuid
from typing import Any

from domain import budgets, errors, payloads
from domain.teams import projects_exist
from resolvers import access
from resolvers.context import Context


def _id(value: str | uuid.UUID) -> uuid.UUID:
    parsed = payloads.parse_uuid(value)
    if parsed is None:
        raise errors.InvalidInput("Wrong UUID format.")
    return parsed


async def _manager_access(ctx: Context, project_id: str | uuid.UUID) -> None:
    """Admin, or a manager of the project's team. An admin is not asked whether the project exists."""
    if ctx.require_user().is_admin:
        return
    parsed = payloads.parse_uuid(project_id)
    if parsed is None:
        raise errors.NotFound("Project not found")
    await access.check_manager_project_access(ctx, parsed)


async def _budget_of(ctx: Context, project_id: uuid.UUID, budget_id: uuid.UUID) -> dict:
    budget = await ctx.loaders.get(budgets.budgets_by_ids).load(budget_id)
    if budget is None or budget["project_id"] != project_id:
        raise errors.NotFound("Budget not found")
    return budget


async def _entry_of(ctx: Context, budget: dict, entry_id: uuid.UUID) -> dict:
    entry = await ctx.loaders.get(budgets.entries_by_ids).load(entry_id)
    if entry is None or entry["budget_id"] != budget["id"]:
        raise errors.NotFound("Budget entry not found")
    return entry


async def project_budgets(ctx: Context, project_id: str | uuid.UUID) -> list[dict]:
    await _manager_access(ctx, project_id)
    return await ctx.loaders.get(budgets.budgets_for_projects).load(_id(project_id))


async def create_budget(ctx: Context, project_id: str | uuid.UUID, payload: Any) -> dict:
    pid = _id(project_id)
    await _manager_access(ctx, pid)
    if not (await projects_exist(ctx.db, [pid]))[0]:
        raise errors.NotFound("Project not found")
    row = await budgets.create_budget(ctx.db, ctx.events, project_id=pid, payload=payload, actor_id=ctx.user.id)
    await ctx.commit()
    return row


async def budget(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID) -> dict:
    pid, bid = _id(project_id), _id(budget_id)
    await _manager_access(ctx, pid)
    return await _budget_of(ctx, pid, bid)


async def update_budget(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID,
                        payload: Any) -> dict:
    pid, bid = _id(project_id), _id(budget_id)
    await _manager_access(ctx, pid)
    row = await budgets.update_budget(ctx.db, ctx.events, budget=await _budget_of(ctx, pid, bid), payload=payload,
                                      actor_id=ctx.user.id)
    await ctx.commit()
    return row


async def delete_budget(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID) -> None:
    pid, bid = _id(project_id), _id(budget_id)
    await _manager_access(ctx, pid)
    await budgets.delete_budget(ctx.db, ctx.events, budget=await _budget_of(ctx, pid, bid), actor_id=ctx.user.id)
    await ctx.commit()


async def budget_entries(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID) -> list[dict]:
    pid, bid = _id(project_id), _id(budget_id)
    await _manager_access(ctx, pid)
    await _budget_of(ctx, pid, bid)
    return await ctx.loaders.get(budgets.entries_for_budgets).load(bid)


async def create_budget_entry(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID,
                              payload: Any) -> dict:
    pid, bid = _id(project_id), _id(budget_id)
    await _manager_access(ctx, pid)
    row = await budgets.create_entry(ctx.db, ctx.events, budget=await _budget_of(ctx, pid, bid), payload=payload,
                                     actor_id=ctx.user.id)
    await ctx.commit()
    return row


async def budget_entry(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID,
                       entry_id: str | uuid.UUID) -> dict:
    await _manager_access(ctx, project_id)
    pid, bid, eid = _id(project_id), _id(budget_id), _id(entry_id)
    return await _entry_of(ctx, await _budget_of(ctx, pid, bid), eid)


async def update_budget_entry(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID,
                              entry_id: str | uuid.UUID, payload: Any) -> dict:
    await _manager_access(ctx, project_id)
    pid, bid, eid = _id(project_id), _id(budget_id), _id(entry_id)
    entry = await _entry_of(ctx, await _budget_of(ctx, pid, bid), eid)
    row = await budgets.update_entry(ctx.db, ctx.events, entry=entry, payload=payload, actor_id=ctx.user.id)
    await ctx.commit()
    return row


async def delete_budget_entry(ctx: Context, project_id: str | uuid.UUID, budget_id: str | uuid.UUID,
                              entry_id: str | uuid.UUID) -> None:
    pid, bid, eid = _id(project_id), _id(budget_id), _id(entry_id)
    await _manager_access(ctx, pid)
    entry = await _entry_of(ctx, await _budget_of(ctx, pid, bid), eid)
    await budgets.delete_entry(ctx.db, ctx.events, entry=entry, actor_id=ctx.user.id)
    await ctx.commit()


async def month_time_spents(ctx: Context, project_id: str | uuid.UUID) -> dict:
    """Admin only: the production's actual spending by department, person and month."""
    access.require_admin(ctx)
    return await budgets.month_time_spents(ctx.db, _id(project_id))

"""Time spents and day offs as both faces read them, person by person: a person sees their own, an admin
everyone's; a manager sees the time logged on the projects they manage and the day offs of their teams'
people; a supervisor the dates (not the reason) of the day offs of their teams' people who share a
department with them (spec time-budget.md §3). Anyone else: FORBIDDEN for that person."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from domain import day_offs, errors, memberships, time_spents, timesheets
from domain.batch import Row
from resolvers.context import Context
from resolvers.engine import Failure
from resolvers.scope import caller_department_ids, scope

FULL, DATES = "full", "dates"


async def day_off_access(ctx: Context, person_ids: Sequence[uuid.UUID]) -> list[str | None]:
    """For each person: "full", "dates" (no description) or None (refused)."""
    user = ctx.require_user()
    if user.is_admin:
        return [FULL] * len(person_ids)
    s = await scope(ctx)
    others = [p for p in person_ids if p != user.id]
    teams = dict(zip(others, await memberships.team_roles_for_persons(ctx.db, others))) if others else {}
    needs_departments = any(set(teams.get(p, ())) & s.supervisor_project_ids for p in others)
    mine = await caller_department_ids(ctx) if needs_departments else set()
    theirs = dict(zip(others, await memberships.departments_for_persons(ctx.db, others))) \
        if needs_departments else {}
    out: list[str | None] = []
    for p in person_ids:
        shared = set(teams.get(p, ()))
        if p == user.id or shared & (s.manager_project_ids or set()):
            out.append(FULL)
        elif shared & s.supervisor_project_ids and (not mine or mine & {d["id"] for d in theirs.get(p, [])}):
            out.append(DATES)
        else:
            out.append(None)
    return out


async def person_day_offs(ctx: Context, person_ids: Sequence[uuid.UUID], *, from_: date | None = None,
                          to: date | None = None) -> list[list[Row] | Failure]:
    allowed = await day_off_access(ctx, person_ids)
    readable = [p for p, a in zip(person_ids, allowed) if a]
    found = dict(zip(readable, await day_offs.day_offs_for_persons(ctx.db, readable, from_, to))) if readable else {}
    refused = Failure(errors.PermissionDenied())
    out: list[list[Row] | Failure] = []
    for p, a in zip(person_ids, allowed):
        if a is None:
            out.append(refused)
        elif a == DATES:
            out.append([{**r, "description": None} for r in found[p]])
        else:
            out.append(found[p])
    return out


async def person_time_spents(ctx: Context, person_ids: Sequence[uuid.UUID], *, from_: date | None = None,
                             to: date | None = None) -> list[list[Row] | Failure]:
    """Each person's time spents between two days: all of the caller's own (or, for an admin, anyone's);
    for others, those on the tasks of the projects the caller manages; FORBIDDEN when they manage none."""
    user = ctx.require_user()
    s = await scope(ctx)
    whole = [p for p in person_ids if user.is_admin or p == user.id]
    managed = [p for p in person_ids if p not in set(whole)] if s.manager_project_ids else []
    found: dict[uuid.UUID, list[Row]] = {}
    if whole:
        found.update(zip(whole, await timesheets.time_spents_for_persons(ctx.db, whole, start=from_, end=to)))
    if managed:
        found.update(zip(managed, await timesheets.time_spents_for_persons(
            ctx.db, managed, start=from_, end=to, project_ids=s.manager_project_ids)))
    refused = Failure(errors.PermissionDenied())
    return [found.get(p, refused) for p in person_ids]


async def task_time_spents(ctx: Context, task_rows: Sequence[Row]) -> list[list[Row]]:
    """Each (visible) task's time spents; none for a client's blanked tasks."""
    ids = [t["id"] for t in task_rows if not t.get("client_blanked")]
    found = dict(zip(ids, await time_spents.time_spents_for_tasks(ctx.db, ids))) if ids else {}
    return [found.get(t["id"], []) for t in task_rows]

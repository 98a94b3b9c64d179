"""Projects as both faces read them: access-checked, batch-first (keys in, values aligned out)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain import errors, metadata, projects
from domain.batch import Row
from resolvers import pagination
from resolvers.args import uuid_arg
from resolvers.context import Context
from resolvers.people import redact
from resolvers.scope import scope


async def project(ctx: Context, id: Any) -> Row:  # noqa: A002 - the GraphQL argument's name
    """One project: 404 when unknown, 403 outside the caller's teams."""
    pid = uuid_arg(id)
    row = await ctx.loaders.of(projects_by_ids, ctx).load(pid)
    if row is None:
        if await _exists(ctx, pid):
            raise errors.PermissionDenied()
        raise errors.NotFound()
    return row


async def _exists(ctx: Context, pid: uuid.UUID) -> bool:
    return (await projects.projects_by_ids(ctx.db, [pid]))[0] is not None


async def projects_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    """Projects the caller sees; None for the others."""
    s = await scope(ctx)
    rows = await projects.projects_by_ids(ctx.db, ids)
    return [r if r is not None and s.sees(r["id"]) else None for r in rows]


async def projects_page(ctx: Context, *, first: int | None = None, after: str | None = None,
                        name: str | None = None, status: str | None = None,
                        updated_since: datetime | None = None) -> dict:
    s = await scope(ctx)
    stmt = projects.project_filter(ctx.db, project_ids=s.project_ids, name=name, status=status,
                                   updated_since=updated_since)
    return await pagination.page(ctx.db, stmt, first=first, after=after)


async def project_statuses(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await projects.project_statuses_by_ids(ctx.db, ids)


async def all_project_statuses(ctx: Context) -> list[Row]:
    ctx.require_user()
    return await projects.all_project_statuses(ctx.db)


async def _visible_only(ctx: Context, project_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    s = await scope(ctx)
    return [p for p in project_ids if s.sees(p)]


async def _per_project(ctx: Context, project_ids: Sequence[uuid.UUID], read) -> list[list[Row]]:
    """`read(db, ids)` for the visible projects; [] for the others."""
    visible = await _visible_only(ctx, project_ids)
    found = dict(zip(visible, await read(ctx.db, visible))) if visible else {}
    return [found.get(p, []) for p in project_ids]


async def project_team(ctx: Context, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    return redact(ctx, await _per_project(ctx, project_ids, projects.team_for_projects))


async def project_task_types(ctx: Context, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    return await _per_project(ctx, project_ids, projects.task_types_for_projects)


async def project_task_statuses(ctx: Context, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    return await _per_project(ctx, project_ids, projects.task_statuses_for_projects)


async def project_asset_types(ctx: Context, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    return await _per_project(ctx, project_ids, projects.asset_types_for_projects)


async def all_projects(ctx: Context, *, name: str | None = None) -> tuple[list[Row], bool]:
    """Zou's `GET /data/projects/all`: an admin gets every project (with its status name and its Project
    metadata descriptors; `name` a case-insensitive match, 404 when none); anyone else the projects of their
    teams (`name`: the one of that name, 404 when none). The second value says which shape it is."""
    user = ctx.require_user()
    if user.is_admin:
        rows = await projects.projects_with_status(ctx.db, name=name)
        if name is not None:
            rows = rows[:1]
        found = await metadata.descriptors_for_projects(ctx.db, [r["id"] for r in rows], entity_type="Project") \
            if rows else []
        for r, descriptors in zip(rows, found):
            r["descriptors"] = descriptors
    else:
        rows = await projects.projects_with_status(ctx.db, project_ids=(await scope(ctx)).project_ids)
        if name is not None:
            rows = [r for r in rows if r["name"].lower() == name.lower()][:1]
    if name is not None and not rows:
        raise errors.NotFound()
    return rows, user.is_admin

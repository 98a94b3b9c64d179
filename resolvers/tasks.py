"""Tasks, task types and task statuses as both faces read them. Tasks are scoped to the caller's projects;
a vendor sees only the tasks assigned to them; a client's tasks come blanked (spec entities.md §0)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain import errors, tasks
from domain.batch import Row, count_of, fetch, page_of
from resolvers import access, pagination, zou_access
from resolvers.args import uuid_arg
from resolvers.context import Context
from resolvers.people import redact
from resolvers.scope import blank_for_clients, scope


async def task(ctx: Context, id: Any) -> Row:  # noqa: A002
    """One task: 404 when unknown, 403 without task access (project access; vendors: assigned)."""
    tid = uuid_arg(id)
    row = (await tasks.tasks_by_ids(ctx.db, [tid]))[0]
    if row is None:
        raise errors.NotFound()
    await access.check_project_access(ctx, row["project_id"])
    s = await scope(ctx)
    if row["project_id"] in s.vendor_project_ids and ctx.require_user().id not in (
            await tasks.assignee_ids_for_tasks(ctx.db, [tid]))[0]:
        raise errors.PermissionDenied()
    return blank_for_clients(s, [row])[0]


async def tasks_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    s = await scope(ctx)
    return blank_for_clients(s, await tasks.tasks_by_ids(ctx.db, ids, **s.filters))


def _filters(task_type_id: Any, task_status_id: Any, updated_since: datetime | None) -> dict[str, Any]:
    return {"task_type_id": uuid_arg(task_type_id, "taskTypeId"),
            "task_status_id": uuid_arg(task_status_id, "taskStatusId"), "updated_since": updated_since}


async def entity_tasks(ctx: Context, entity_ids: Sequence[uuid.UUID], *, task_type_id: Any = None,
                       task_status_id: Any = None, updated_since: datetime | None = None) -> list[list[Row]]:
    s = await scope(ctx)
    found = await tasks.tasks_for_entities(ctx.db, entity_ids, **_filters(task_type_id, task_status_id,
                                                                          updated_since), **s.filters)
    return blank_for_clients(s, found)


async def person_tasks(ctx: Context, person_ids: Sequence[uuid.UUID], *, task_type_id: Any = None,
                       task_status_id: Any = None, updated_since: datetime | None = None) -> list[list[Row]]:
    """Each person's assigned tasks, within what the caller sees."""
    s = await scope(ctx)
    found = await tasks.tasks_for_assignees(ctx.db, person_ids, **_filters(task_type_id, task_status_id,
                                                                           updated_since), **s.filters)
    return blank_for_clients(s, found)


async def task_assignees(ctx: Context, task_rows: Sequence[Row]) -> list[list[Row]]:
    """Each task's assignees; none for a client's (blanked) tasks."""
    ids = [t["id"] for t in task_rows if not t.get("client_blanked")]
    found = dict(zip(ids, await tasks.assignees_for_tasks(ctx.db, ids))) if ids else {}
    return redact(ctx, [found.get(t["id"], []) for t in task_rows])


async def tasks_page(ctx: Context, *, first: int | None = None, after: str | None = None,
                     project_id: Any = None, entity_id: Any = None, task_type_id: Any = None,
                     task_status_id: Any = None, assignee_id: Any = None,
                     updated_since: datetime | None = None) -> dict:
    s = await scope(ctx)
    stmt = tasks.task_listing(ctx.db, project_id=uuid_arg(project_id, "projectId"),
                              entity_id=uuid_arg(entity_id, "entityId"),
                              assignee_id=uuid_arg(assignee_id, "assigneeId"),
                              **_filters(task_type_id, task_status_id, updated_since), **s.filters)

    async def blanked(rows: list[Row]) -> list[Row]:
        return blank_for_clients(s, rows)

    return await pagination.page(ctx.db, stmt, first=first, after=after, rows_hook=blanked)


async def task_types(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await tasks.task_types_by_ids(ctx.db, ids)


async def task_statuses(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await tasks.task_statuses_by_ids(ctx.db, ids)


async def task_type(ctx: Context, id: Any) -> Row:  # noqa: A002
    row = await ctx.loaders.of(task_types, ctx).load(uuid_arg(id))
    if row is None:
        raise errors.NotFound()
    return row


async def task_status(ctx: Context, id: Any) -> Row:  # noqa: A002
    row = await ctx.loaders.of(task_statuses, ctx).load(uuid_arg(id))
    if row is None:
        raise errors.NotFound()
    return row


async def task_types_list(ctx: Context, *, name: str | None = None, for_entity: str | None = None,
                          archived: bool | None = None) -> list[Row]:
    ctx.require_user()
    return await fetch(ctx.db, tasks.task_type_listing(name=name, for_entity=for_entity, archived=archived))


async def task_statuses_list(ctx: Context, *, name: str | None = None, archived: bool | None = None) -> list[Row]:
    ctx.require_user()
    return await fetch(ctx.db, tasks.task_status_listing(name=name, archived=archived))



async def entity_task_types(ctx: Context, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each entity's task types (those it has tasks of)."""
    ctx.require_user()
    return await tasks.task_types_for_entities(ctx.db, entity_ids)


async def project_tasks(ctx: Context, project_id: uuid.UUID, *, page: int = -1, limit: int = 100,
                        task_type_id: Any = None, episode_id: Any = None) -> tuple[list[Row], dict | None]:
    """A project's tasks, most recently updated first (a vendor's: assigned ones; a client's: blanked); a
    page of them when `page` >= 1, with Zou's envelope values (second value). The project is read first
    (404), then project access."""
    await zou_access.existing_project_access(ctx, project_id)
    s = await scope(ctx)
    stmt = tasks.project_task_listing(ctx.db, project_id, task_type_id=uuid_arg(task_type_id, "task_type_id"),
                                      episode_id=uuid_arg(episode_id, "episode_id"), **s.filters)
    if page < 1:
        return blank_for_clients(s, await fetch(ctx.db, stmt)), None
    total = await count_of(ctx.db, stmt)
    rows = await page_of(ctx.db, stmt, offset=(page - 1) * limit, limit=limit)
    envelope = {"total": total, "nb_pages": -(-total // limit), "limit": limit, "offset": (page - 1) * limit,
                "page": page}
    return blank_for_clients(s, rows), envelope

"""Preview, working and output files as both faces read them, batch-first and scoped to the caller's
projects (a vendor: the tasks assigned to them)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import files, tasks
from domain.batch import Row
from resolvers.context import Context
from resolvers.scope import scope


async def _task_scope(ctx: Context) -> dict:
    s = await scope(ctx)
    return {"project_ids": s.project_ids,
            "assigned_task_clause": tasks.assigned_task_clause(ctx.db, s.filters["assigned_to"])}


async def task_preview_files(ctx: Context, task_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each (visible) task's previews, latest revision first."""
    ctx.require_user()
    return await files.preview_files_for_tasks(ctx.db, task_ids)


async def entity_preview_files(ctx: Context, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each entity's previews through the tasks the caller sees."""
    return await files.preview_files_for_entities(ctx.db, entity_ids, **await _task_scope(ctx))


async def preview_files_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return await files.preview_files_by_ids(ctx.db, ids, **await _task_scope(ctx))


async def task_working_files(ctx: Context, task_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    ctx.require_user()
    return await files.working_files_for_tasks(ctx.db, task_ids)


async def entity_output_files(ctx: Context, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    ctx.require_user()
    return await files.output_files_for_entities(ctx.db, entity_ids)


async def output_types(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await files.output_types_by_ids(ctx.db, ids)


async def softwares(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await files.softwares_by_ids(ctx.db, ids)


async def file_statuses(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await files.file_statuses_by_ids(ctx.db, ids)


async def all_output_types(ctx: Context) -> list[Row]:
    ctx.require_user()
    return await files.all_output_types(ctx.db)


async def all_softwares(ctx: Context) -> list[Row]:
    ctx.require_user()
    return await files.all_softwares(ctx.db)


async def all_file_statuses(ctx: Context) -> list[Row]:
    ctx.require_user()
    return await files.all_file_statuses(ctx.db)

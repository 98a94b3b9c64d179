"""Working files of an entity, shared by GraphQL and REST: the entity must exist, then project access
only (Zou does not check vendors here)."""
from __future__ import annotations

import uuid

from domain import errors, payloads, working_files
from resolvers import access
from resolvers.context import Context
from resolvers.news import entity_ref


async def entity_working_files(ctx: Context, entity_id: uuid.UUID, *, task_id: str | None = None,
                               name: str | None = None, with_outputs: bool = False) -> list[dict]:
    """Highest revision first; `task_id` and `name` (exact) narrow the list; `with_outputs` adds the ids of
    the output files made from each (`outputs`)."""
    entity = await entity_ref(ctx, entity_id)
    await access.check_project_access(ctx, entity["project_id"])
    task = None
    if task_id:
        task = payloads.parse_uuid(task_id)
        if task is None:  # Zou 1.0.97 answers 500 here
            raise errors.InvalidInput("Wrong UUID format.")
    rows = await ctx.loaders.get(working_files.working_files_for_entities, task, name or None).load(entity_id)
    if with_outputs:
        outputs = await ctx.loaders.get(working_files.output_ids_for_working_files).load_many([r["id"] for r in rows])
        rows = [{**r, "outputs": o} for r, o in zip(rows, outputs)]
    return rows

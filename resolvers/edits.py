"""Edits and episodes as Zou's edit and episode routes serve them (entities.md §5-9): a project's and an
episode's edits, an episode's own tasks, a scene, and the edit removal. Access follows Zou's order of checks;
the vendor's metadata masking is `resolvers.boards.hidden_metadata`."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import entities, entity_removal, errors, tasks, teams
from domain.batch import Assigned, Row
from resolvers import access
from resolvers import entities as entity_resolvers
from resolvers import zou_access
from resolvers.context import Context
from resolvers.scope import blank_for_clients, scope


async def board_task_assignee_ids(ctx: Context, task_rows: Sequence[Row]) -> list[list[uuid.UUID]]:
    """Each task's assignee ids on the edits board: Zou blanks a client's edit tasks but its edit task fields
    do not name `assignees`, so it adds the real ones afterwards; a client sees them."""
    ctx.require_user()
    ids = [t["id"] for t in task_rows]
    return list(await tasks.assignee_ids_for_tasks(ctx.db, ids)) if ids else []


async def project_entities(ctx: Context, project_id: uuid.UUID, kind: str) -> list[Row]:
    """The project's entities of one kind (its shots, its edits), by name; a vendor's: those holding a task
    of theirs."""
    await zou_access.existing_project_access(ctx, project_id)
    return await entity_resolvers.entity_list(ctx, kind, project_id=project_id)


async def episode_edits(ctx: Context, episode_id: uuid.UUID) -> list[Row]:
    """The edits of an episode (project and entity access on the episode)."""
    await entity_resolvers.entity(ctx, episode_id, "Episode")
    return (await entities.children_of(ctx.db, [episode_id], "Edit"))[0]


async def episode_tasks(ctx: Context, episode_id: uuid.UUID) -> tuple[list[Row], bool]:
    """The tasks of the episode entity itself. A vendor gets the plain rows of the ones assigned to them in
    an open project (second value False); anyone else the tasks with their names, sorted as Zou sorts them
    (case-insensitively by task name, project, task type, entity type and entity names), blanked for a
    client."""
    episode = await entity_resolvers.entity(ctx, episode_id, "Episode")
    user = ctx.require_user()
    if await access.effective_role(ctx, episode["project_id"]) == "vendor":
        if not await teams.open_project_ids(ctx.db, [episode["project_id"]]):
            return [], False
        mine = Assigned(user.id, frozenset({episode["project_id"]}))
        return (await tasks.tasks_for_entities(ctx.db, [episode_id], assigned_to=mine))[0], False
    rows = (await tasks.named_tasks_for_entities(ctx.db, [episode_id]))[0]
    rows.sort(key=lambda t: (t["name"].casefold(), t["project_name"].casefold(), t["task_type_name"].casefold(),
                             t["entity_type_name"].casefold(), t["entity_name"].casefold()))
    return blank_for_clients(await scope(ctx), rows), True


async def scene(ctx: Context, scene_id: uuid.UUID) -> Row:
    """A scene (404 unless a scene placed in a sequence: Zou reads the sequence), then project and entity
    access."""
    row = (await entities.entities_by_ids(ctx.db, [scene_id]))[0]
    if row is None or row["kind"] != "Scene" or row["parent_id"] is None:
        raise errors.NotFound()
    sequence = (await entities.entities_by_ids(ctx.db, [row["parent_id"]]))[0]
    if sequence is None or sequence["kind"] != "Sequence":
        raise errors.NotFound()
    await access.check_entity_access(ctx, row["project_id"], row["id"])
    return row


async def delete_edit(ctx: Context, edit_id: uuid.UUID, *, force: bool = False) -> None:
    """`DELETE /data/edits/{id}`: its creator may (Zou does not enforce the team check it computes for
    them); anyone else needs manager access on the project."""
    row = (await entities.entities_by_ids(ctx.db, [edit_id]))[0]
    if row is None or row["kind"] != "Edit":
        raise errors.NotFound()
    user = ctx.require_user()
    if row["created_by"] != user.id:
        await zou_access.manager_access(ctx, row["project_id"])
    await entity_removal.remove_entity(ctx.db, ctx.events, entity=row, kind="Edit", force=force, actor_id=user.id)
    await ctx.commit()

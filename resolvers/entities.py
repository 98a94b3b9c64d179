"""Episodes, sequences, shots, scenes, edits and assets as both faces read them: access-checked and
batch-first. Every read is scoped to the caller's projects (and, for a vendor, to what is assigned)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain import entities, errors
from domain.batch import Row, fetch
from resolvers import access, pagination
from resolvers.args import uuid_arg
from resolvers.context import Context
from resolvers.scope import scope

KINDS = ("Episode", "Sequence", "Shot", "Scene", "Edit", "Asset", "Concept")


async def entity(ctx: Context, id: Any, kind: str | None = None) -> Row:  # noqa: A002
    """One entity (of `kind` when given): 404 when unknown or of another kind, 403 without access."""
    eid = uuid_arg(id)
    row = (await entities.entities_by_ids(ctx.db, [eid]))[0]
    if row is None or (kind is not None and row["kind"] != kind):
        raise errors.NotFound()
    await access.check_entity_access(ctx, row["project_id"], row["id"])
    return row


async def entities_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    """Entities of any kind the caller sees (None for the others), each with its `kind`."""
    return await entities.entities_by_ids(ctx.db, ids, **(await scope(ctx)).filters)


async def entities_of_kind(ctx: Context, ids: Sequence[uuid.UUID], *, kind: str) -> list[Row | None]:
    return await entities.entities_of_kind_by_ids(ctx.db, ids, kind, **(await scope(ctx)).filters)


async def project_entities(ctx: Context, project_ids: Sequence[uuid.UUID], *, kind: str, name: str | None = None,
                           canceled: bool | None = None, updated_since: datetime | None = None,
                           asset_type_id: Any = None) -> list[list[Row]]:
    """Each project's entities of one kind (its episodes, sequences, shots, assets...)."""
    s = await scope(ctx)
    visible = [p for p in project_ids if s.sees(p)]
    if not visible:
        return [[] for _ in project_ids]
    found = await entities.entities_for_projects(
        ctx.db, visible, kind, name=name, canceled=canceled, updated_since=updated_since,
        asset_type_id=uuid_arg(asset_type_id, "assetTypeId"), assigned_to=s.filters["assigned_to"])
    by_project = dict(zip(visible, found))
    return [by_project.get(p, []) for p in project_ids]


async def children(ctx: Context, parent_ids: Sequence[uuid.UUID], *, kind: str, name: str | None = None,
                   canceled: bool | None = None, updated_since: datetime | None = None) -> list[list[Row]]:
    """Each parent's children of one kind (an episode's sequences, a sequence's shots)."""
    return await entities.children_of(ctx.db, parent_ids, kind, name=name, canceled=canceled,
                                      updated_since=updated_since, **(await scope(ctx)).filters)


async def entities_page(ctx: Context, *, kind: str, first: int | None = None, after: str | None = None,
                        project_id: Any = None, episode_id: Any = None, sequence_id: Any = None,
                        asset_type_id: Any = None, name: str | None = None, canceled: bool | None = None,
                        updated_since: datetime | None = None) -> dict:
    """A root list of entities of one kind, a page at a time."""
    s = await scope(ctx)
    stmt = entities.entity_listing(
        ctx.db, kind, project_id=uuid_arg(project_id, "projectId"), episode_id=uuid_arg(episode_id, "episodeId"),
        sequence_id=uuid_arg(sequence_id, "sequenceId"), asset_type_id=uuid_arg(asset_type_id, "assetTypeId"),
        name=name, canceled=canceled, updated_since=updated_since, **s.filters)

    async def with_kind(rows: list[Row]) -> list[Row]:
        return entities.rows_with_kind(rows)

    return await pagination.page(ctx.db, stmt, first=first, after=after, rows_hook=with_kind)


async def entity_types(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await entities.entity_types_by_ids(ctx.db, ids)


async def asset_types(ctx: Context, *, name: str | None = None) -> list[Row]:
    ctx.require_user()
    return await entities.asset_types(ctx.db, name=name)


async def entity_list(ctx: Context, kind: str, *, project_id: Any = None, episode_id: Any = None,
                      sequence_id: Any = None, asset_type_id: Any = None, name: str | None = None,
                      canceled: bool | None = None) -> list[Row]:
    """A whole list of entities of one kind the caller sees, by name (the unpaginated `entities_page`)."""
    s = await scope(ctx)
    stmt = entities.entity_listing(
        ctx.db, kind, project_id=uuid_arg(project_id, "projectId"), episode_id=uuid_arg(episode_id, "episodeId"),
        sequence_id=uuid_arg(sequence_id, "sequenceId"), asset_type_id=uuid_arg(asset_type_id, "assetTypeId"),
        name=name, canceled=canceled, **s.filters)
    return entities.rows_with_kind(await fetch(ctx.db, stmt))


async def casting_containers(ctx: Context, project_id: uuid.UUID) -> list[Row]:
    """The project's entities that cast something, by name."""
    return await entities.casting_containers(ctx.db, project_id, **(await scope(ctx)).filters)

"""The breakdown as Zou's casting routes serve it (breakdown.md §2-4): which containers a casting read covers,
with Zou's access rules and order of checks, and the casting write. The casting links themselves come from
`resolvers.casting` (the reads GraphQL uses)."""
from __future__ import annotations

import uuid
from typing import Any

from domain import casting, entities, errors
from domain.batch import Row
from resolvers import asset_instances, zou_access
from resolvers import entities as entity_resolvers
from resolvers.context import Context

NOT_AN_ARRAY = "Request body must be a JSON array"


async def _entity_of_project(ctx: Context, project_id: uuid.UUID, entity_id: uuid.UUID,
                             kind: str | None = None) -> Row:
    """The entity (404 when unknown or of another kind), which must belong to the project (403)."""
    row = (await entities.entities_by_ids(ctx.db, [entity_id]))[0]
    if row is None or (kind is not None and row["kind"] != kind):
        raise errors.NotFound()
    if row["project_id"] != project_id:
        raise errors.PermissionDenied()
    return row


async def casting_reader(ctx: Context, project_id: uuid.UUID) -> None:
    await zou_access.project_access(ctx, project_id)
    await zou_access.refuse_vendor(ctx, project_id)


async def casting_container(ctx: Context, project_id: uuid.UUID, entity_id: uuid.UUID) -> Row:
    """The container whose casting `GET /data/projects/{p}/entities/{e}/casting` lists."""
    await casting_reader(ctx, project_id)
    return await _entity_of_project(ctx, project_id, entity_id)


async def sequence_shots(ctx: Context, project_id: uuid.UUID, sequence_id: uuid.UUID) -> list[Row]:
    """The shots of a sequence of the project, by name."""
    await casting_reader(ctx, project_id)
    await _entity_of_project(ctx, project_id, sequence_id, "Sequence")
    return (await entity_resolvers.children(ctx, [sequence_id], kind="Shot"))[0]


async def project_shots(ctx: Context, project_id: uuid.UUID, episode_id: uuid.UUID | None = None) -> list[Row]:
    """The shots of the project (of one episode's sequences when given), by name."""
    await casting_reader(ctx, project_id)
    return await entity_resolvers.entity_list(ctx, "Shot", project_id=project_id, episode_id=episode_id)


async def project_containers(ctx: Context, project_id: uuid.UUID) -> list[Row]:
    """Every entity of the project that casts something (Zou's episodes casting does not restrict the kind)."""
    await casting_reader(ctx, project_id)
    return await entity_resolvers.casting_containers(ctx, project_id)


async def asset_type_assets(ctx: Context, project_id: uuid.UUID, asset_type_id: uuid.UUID) -> list[Row]:
    """The assets of one asset type in the project (404 for an unknown asset type)."""
    await casting_reader(ctx, project_id)
    if (await entity_resolvers.entity_types(ctx, [asset_type_id]))[0] is None:
        raise errors.NotFound()
    return await entity_resolvers.entity_list(ctx, "Asset", project_id=project_id, asset_type_id=asset_type_id)


async def cast_assets(ctx: Context, ids: list[uuid.UUID]) -> list[Row | None]:
    """The assets named by casting links the caller was allowed to read (a shared asset may belong to a
    production outside the caller's teams)."""
    ctx.require_user()
    return await entities.entities_by_ids(ctx.db, ids)


async def shot_asset_instances(ctx: Context, shot_id: uuid.UUID) -> list[Row]:
    """A shot's asset instances (project and entity access; 404 for anything but a shot)."""
    await entity_resolvers.entity(ctx, shot_id, "Shot")
    return (await asset_instances.entity_asset_instances(ctx, [shot_id]))[0]


# --- write -----------------------------------------------------------------------------------------------

def _cast_items(body: list[Any]) -> tuple[list[casting.CastItem], set[uuid.UUID]]:
    """The entries having both an asset and a count (others are skipped, as Zou does), and every asset id
    named. A malformed id or count is a 400 (Zou answers 500)."""
    items, mentioned = [], set()
    for entry in body:
        if not isinstance(entry, dict):
            raise errors.InvalidInput(f"Casting entries must be JSON objects: {entry!r}")
        if "asset_id" not in entry:
            continue
        asset_id = _uuid(entry["asset_id"])
        mentioned.add(asset_id)
        if "nb_occurences" not in entry:
            continue
        count = entry["nb_occurences"]
        if isinstance(count, bool) or not isinstance(count, int):
            raise errors.InvalidInput(f"nb_occurences must be an integer: {count!r}")
        items.append(casting.CastItem(asset_id, count, _label(entry.get("label", ""))))
    return items, mentioned


def _label(value: Any) -> str | None:
    """The label as the column stores it: PostgreSQL casts a number or a boolean Zou passes on to text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    raise errors.InvalidInput(f"label must be a string: {value!r}")


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise errors.InvalidInput(f"Invalid UUID format for asset_id: {value}") from exc


async def set_entity_casting(ctx: Context, project_id: uuid.UUID, entity_id: uuid.UUID, body: Any) -> None:
    """`PUT /data/projects/{p}/entities/{e}/casting`: full replacement of the entity's casting. Entries naming
    an asset that does not exist are skipped, as Zou does."""
    if not isinstance(body, list):
        raise errors.InvalidInput(NOT_AN_ARRAY, body={"error": True, "message": NOT_AN_ARRAY})
    await zou_access.manager_access(ctx, project_id)
    entity = await _entity_of_project(ctx, project_id, entity_id)
    items, mentioned = _cast_items(body)
    known = {r["id"] for r in await entities.entities_by_ids(ctx.db, sorted({i.asset_id for i in items}, key=str))
             if r is not None}
    items = [i for i in items if i.asset_id in known]
    await casting.set_casting(ctx.db, ctx.events, entity=entity, kind=entity["kind"], items=items,
                              mentioned=mentioned, actor_id=ctx.require_user().id)
    await ctx.commit()

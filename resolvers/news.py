"""News of an entity, shared by GraphQL and REST: the entity must exist, then project and entity access
(vendors need a task of it assigned)."""
from __future__ import annotations

import uuid

from domain import errors, news
from resolvers import access
from resolvers.context import Context


async def entity_ref(ctx: Context, entity_id: uuid.UUID) -> dict:
    entity = await ctx.loaders.get(news.entity_refs_by_ids).load(entity_id)
    if entity is None:
        raise errors.NotFound("Entity not found")
    return entity


async def entity_news(ctx: Context, entity_id: uuid.UUID) -> list[dict]:
    """The news of the entity's tasks, newest first."""
    entity = await entity_ref(ctx, entity_id)
    await access.check_entity_access(ctx, entity["project_id"], entity_id)
    return await ctx.loaders.get(news.news_for_entities).load(entity_id)

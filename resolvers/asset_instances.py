"""Asset instances as both faces read them (entities already visible to the caller)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import asset_instances
from domain.batch import Row
from resolvers.context import Context


async def entity_asset_instances(ctx: Context, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    ctx.require_user()
    return await asset_instances.instances_for_entities(ctx.db, entity_ids)


async def asset_instances_of_assets(ctx: Context, asset_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    ctx.require_user()
    return await asset_instances.instances_for_assets(ctx.db, asset_ids)

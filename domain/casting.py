"""Casting (breakdown): which assets are cast in which shots, episodes or assets (`entity_link` rows:
`entity_in_id` the container, `entity_out_id` the asset). Canceled assets are never part of a casting."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import aliased

from domain.batch import Row, fetch, many_per_key, where_all, within
from domain.tables import Entity, EntityLink, EntityType

LINK = EntityLink.__table__


async def casting_for_entities(db, entity_ids: Sequence[uuid.UUID], *, project_ids=None) -> list[list[Row]]:
    """Each container's casting links, ordered by asset type name then asset name (as Zou lists them).
    `project_ids` limits the containers' projects."""
    asset = aliased(Entity)
    stmt = (select(LINK)
            .join(asset, asset.id == EntityLink.entity_out_id)
            .join(EntityType, EntityType.id == asset.entity_type_id)
            .where(db.in_keys(EntityLink.entity_in_id, entity_ids), asset.canceled.isnot(True)))
    if project_ids is not None:
        container = aliased(Entity)
        stmt = stmt.join(container, container.id == EntityLink.entity_in_id).where(
            within(db, container.project_id, project_ids))
    rows = await fetch(db, stmt.order_by(EntityType.name, asset.name, asset.id))
    return many_per_key(rows, "entity_in_id", entity_ids)


async def cast_in_for_assets(db, asset_ids: Sequence[uuid.UUID], *, project_ids=None) -> list[list[Row]]:
    """Each asset's links to the containers it is cast in (shots, episodes, assets), by container name."""
    container = aliased(Entity)
    asset = aliased(Entity)
    stmt = (select(LINK)
            .join(container, container.id == EntityLink.entity_in_id)
            .join(asset, asset.id == EntityLink.entity_out_id)
            .where(db.in_keys(EntityLink.entity_out_id, asset_ids), asset.canceled.isnot(True)))
    stmt = where_all(stmt, within(db, container.project_id, project_ids))
    rows = await fetch(db, stmt.order_by(container.name, container.id))
    return many_per_key(rows, "entity_out_id", asset_ids)

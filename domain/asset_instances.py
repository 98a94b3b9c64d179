"""Asset instances (breakdown.md §1): instances of an asset placed in shots (asset_instance_link) or scenes."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key
from domain.tables import AssetInstance, AssetInstanceLink

INSTANCE = AssetInstance.__table__


async def instances_for_entities(db, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each shot's asset instances (its instance casting), by asset and number."""
    rows = await fetch(db, select(INSTANCE, AssetInstanceLink.entity_id.label("linked_entity_id"))
                       .join(AssetInstanceLink, AssetInstanceLink.asset_instance_id == AssetInstance.id)
                       .where(db.in_keys(AssetInstanceLink.entity_id, entity_ids))
                       .order_by(AssetInstance.asset_id, AssetInstance.number, AssetInstance.id))
    return many_per_key(rows, "linked_entity_id", entity_ids)


async def instances_for_assets(db, asset_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(INSTANCE).where(db.in_keys(AssetInstance.asset_id, asset_ids))
                       .order_by(AssetInstance.number, AssetInstance.id))
    return many_per_key(rows, "asset_id", asset_ids)

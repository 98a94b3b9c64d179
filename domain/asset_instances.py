"""Asset instances (breakdown.md §1): instances of an asset placed in shots (asset_instance_link) or scenes."""
from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence

from sqlalchemy import func, insert, select

from domain.base import new_id, utcnow
from domain.batch import Row, fetch, many_per_key, one_per_key
from domain.events import EventBus
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


def instance_name(asset_name: str, number: int) -> str:
    """Zou's default instance name: the asset name as a slug (`_` between words, case kept), then the number
    on four digits."""
    ascii_name = unicodedata.normalize("NFKD", asset_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "_", ascii_name.replace("'", "")).strip("_")
    return f"{slug}_{number:04d}"


async def add_instance_to_scene(db, events: EventBus, *, scene_id: uuid.UUID, asset: Row,
                                description: str | None = None) -> Row:
    """A new instance of the asset in the layout scene, numbered after the scene's last one of that asset."""
    last = await db.scalars(select(func.max(AssetInstance.number)).where(AssetInstance.scene_id == scene_id,
                                                                       AssetInstance.asset_id == asset["id"]))
    number = (last[0] or 0) + 1
    instance_id, now = new_id(), utcnow()
    await db.execute(insert(AssetInstance).values(
        id=instance_id, asset_id=asset["id"], scene_id=scene_id, number=number, active=True,
        name=instance_name(asset["name"], number), description=description, created_at=now, updated_at=now))
    events.record("asset_instance:new", {"scene_id": scene_id, "asset_id": asset["id"],
                                         "asset_instance_id": instance_id})
    return (await fetch(db, select(INSTANCE).where(AssetInstance.id == instance_id)))[0]


async def instances_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(INSTANCE).where(db.in_keys(AssetInstance.id, ids)))
    return one_per_key(rows, "id", ids)


async def add_instance_to_shot(db, events: EventBus, *, shot_id: uuid.UUID, instance_id: uuid.UUID) -> None:
    """The instance joins the shot's instance casting (once)."""
    linked = await db.scalars(select(AssetInstanceLink.entity_id).where(
        AssetInstanceLink.entity_id == shot_id, AssetInstanceLink.asset_instance_id == instance_id))
    if not linked:
        await db.execute(insert(AssetInstanceLink).values(entity_id=shot_id, asset_instance_id=instance_id))
    events.record("asset_instance:add-to-shot", {"shot_id": shot_id, "asset_instance_id": instance_id})

"""Casting links: an asset cast in a shot, an episode or another asset."""
from __future__ import annotations

import strawberry

import resolvers.entities
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.type(description="One asset cast in one container (a row of entity_link).")
class CastingLink:
    id: strawberry.ID
    nb_occurences: int | None
    label: str | None
    data: JSON | None
    entity_in_id: strawberry.ID
    entity_out_id: strawberry.ID
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.entities.entities_of_kind, key="entity_out_id", kind="Asset")
    def asset(self) -> Asset | None:
        """The cast asset."""

    @relation(resolvers.entities.entities_by_ids, key="entity_in_id")
    def entity(self) -> Entity | None:
        """The container the asset is cast in (a shot, an episode, an asset)."""


@strawberry.type(description="An instance of an asset placed in a shot or a scene (instance casting).")
class AssetInstance:
    id: strawberry.ID
    asset_id: strawberry.ID
    name: str | None
    number: int | None
    description: str | None
    active: bool | None
    data: JSON | None
    scene_id: strawberry.ID | None
    target_asset_id: strawberry.ID | None
    entity_id: strawberry.ID | None
    entity_type_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.entities.entities_of_kind, key="asset_id", kind="Asset")
    def asset(self) -> Asset | None:
        """The asset instanced."""


from schema.entities import Asset, Entity  # noqa: E402

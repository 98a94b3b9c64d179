"""Episodes, sequences, shots, scenes, edits, concepts and assets: rows of Zou's `entity` table, all
implementing the `Entity` interface. The row's `kind` names its GraphQL type."""
from __future__ import annotations

from typing import Any

import strawberry

import resolvers.asset_instances
import resolvers.casting
import resolvers.entities
import resolvers.files
import resolvers.projects
import resolvers.tasks
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.interface(description="A row of Zou's entity table: an episode, sequence, shot, asset...")
class Entity:
    id: strawberry.ID
    name: str
    code: str | None
    description: str | None
    status: str
    canceled: bool | None
    nb_frames: int | None
    nb_entities_out: int | None
    is_casting_standby: bool | None
    is_shared: bool
    project_id: strawberry.ID
    entity_type_id: strawberry.ID
    parent_id: strawberry.ID | None
    source_id: strawberry.ID | None
    preview_file_id: strawberry.ID | None
    ready_for: strawberry.ID | None
    created_by: strawberry.ID | None
    shotgun_id: int | None
    data: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("kind") == cls.__name__

    @relation(resolvers.projects.projects_by_ids, key="project_id")
    def project(self) -> Project | None:
        """The project the entity belongs to."""

    @relation(resolvers.tasks.entity_tasks)
    def tasks(self, task_type_id: strawberry.ID | None = None, task_status_id: strawberry.ID | None = None,
              updated_since: DateTime | None = None) -> list[Task]:
        """The entity's tasks, by task type priority."""

    @relation(resolvers.files.preview_files_by_ids, key="preview_file_id")
    def preview_file(self) -> PreviewFile | None:
        """The entity's main preview (thumbnail)."""

    @relation(resolvers.files.entity_preview_files)
    def preview_files(self) -> list[PreviewFile]:
        """The previews of the entity's tasks, newest first."""

    @relation(resolvers.files.entity_output_files)
    def output_files(self) -> list[OutputFile]:
        """The files produced for the entity."""

    @relation(resolvers.entities.entity_types, key="entity_type_id")
    def entity_type(self) -> AssetType | None:
        """The entity's type (an asset type for assets; Shot, Sequence... otherwise)."""


@strawberry.type(description="An asset type (Character, Prop, Environment, FX...): a row of entity_type.")
class AssetType:
    id: strawberry.ID
    name: str
    short_name: str | None
    description: str | None
    archived: bool | None
    created_at: DateTime | None
    updated_at: DateTime | None


@strawberry.type
class Episode(Entity):
    @relation(resolvers.entities.children, kind="Sequence")
    def sequences(self, name: str | None = None, canceled: bool | None = None,
                  updated_since: DateTime | None = None) -> list[Sequence]:
        """The episode's sequences, by name."""

    @relation(resolvers.entities.children, kind="Edit")
    def edits(self, name: str | None = None, canceled: bool | None = None,
              updated_since: DateTime | None = None) -> list[Edit]:
        """The episode's edits, by name."""

    @relation(resolvers.casting.entity_casting, key=None)
    def casting(self) -> list[CastingLink]:
        """The assets cast in the episode."""


@strawberry.type
class Sequence(Entity):
    @relation(resolvers.entities.entities_of_kind, key="parent_id", kind="Episode")
    def episode(self) -> Episode | None:
        """The sequence's episode (TV shows)."""

    @relation(resolvers.entities.children, kind="Shot")
    def shots(self, name: str | None = None, canceled: bool | None = None,
              updated_since: DateTime | None = None) -> list[Shot]:
        """The sequence's shots, by name."""

    @relation(resolvers.entities.children, kind="Scene")
    def scenes(self, name: str | None = None, canceled: bool | None = None,
               updated_since: DateTime | None = None) -> list[Scene]:
        """The sequence's scenes, by name."""


@strawberry.type
class Shot(Entity):
    @relation(resolvers.entities.entities_of_kind, key="parent_id", kind="Sequence")
    def sequence(self) -> Sequence | None:
        """The shot's sequence."""

    @relation(resolvers.casting.entity_casting, key=None)
    def casting(self) -> list[CastingLink]:
        """The assets cast in the shot, by asset type and name (canceled assets left out)."""

    @relation(resolvers.asset_instances.entity_asset_instances)
    def asset_instances(self) -> list[AssetInstance]:
        """The asset instances placed in the shot."""


@strawberry.type
class Scene(Entity):
    @relation(resolvers.entities.entities_of_kind, key="parent_id", kind="Sequence")
    def sequence(self) -> Sequence | None:
        """The scene's sequence."""


@strawberry.type
class Edit(Entity):
    @relation(resolvers.entities.entities_of_kind, key="parent_id", kind="Episode")
    def episode(self) -> Episode | None:
        """The edit's episode."""


@strawberry.type
class Concept(Entity):
    pass


@strawberry.type
class Asset(Entity):
    @relation(resolvers.entities.entity_types, key="entity_type_id")
    def asset_type(self) -> AssetType | None:
        """The asset's type."""

    @relation(resolvers.entities.entities_of_kind, key="source_id", kind="Episode")
    def episode(self) -> Episode | None:
        """The asset's home episode (TV shows); null for the main pack."""

    @relation(resolvers.casting.asset_cast_in)
    def cast_in(self) -> list[CastingLink]:
        """Where the asset is cast: shots, episodes, other assets."""

    @relation(resolvers.casting.entity_casting, key=None)
    def casting(self) -> list[CastingLink]:
        """The assets cast in this asset (sub-assets, set dressing)."""

    @relation(resolvers.asset_instances.asset_instances_of_assets)
    def instances(self) -> list[AssetInstance]:
        """The instances of this asset."""


ENTITY_TYPES = [Episode, Sequence, Shot, Scene, Edit, Concept, Asset]

from schema.casting import AssetInstance, CastingLink  # noqa: E402
from schema.files import OutputFile, PreviewFile  # noqa: E402
from schema.projects import Project  # noqa: E402
from schema.tasks import Task  # noqa: E402

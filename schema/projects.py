"""Projects and project statuses."""
from __future__ import annotations

from datetime import date

import strawberry

import resolvers.activity
import resolvers.entities
import resolvers.metadata
import resolvers.production_budgets
import resolvers.projects
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.type
class ProjectStatus:
    id: strawberry.ID
    name: str
    color: str
    created_at: DateTime | None
    updated_at: DateTime | None


@strawberry.type(description="A production: a film, a series, a game...")
class Project:
    id: strawberry.ID
    name: str
    code: str | None
    description: str | None
    fps: str | None
    ratio: str | None
    resolution: str | None
    production_type: str | None
    production_style: str
    start_date: date | None
    end_date: date | None
    man_days: int | None
    nb_episodes: int | None
    episode_span: int | None
    max_retakes: int | None
    is_clients_isolated: bool | None
    is_preview_download_allowed: bool | None
    is_set_preview_automated: bool | None
    is_publish_default_for_artists: bool | None
    homepage: str | None
    has_avatar: bool | None
    project_status_id: strawberry.ID | None
    file_tree: JSON | None
    data: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.projects.project_statuses, key="project_status_id")
    def status(self) -> ProjectStatus | None:
        """The project's status (Open, Closed)."""

    @relation(resolvers.projects.project_team)
    def team(self) -> list[Person]:
        """The people of the project's team."""

    @relation(resolvers.projects.project_task_types)
    def task_types(self) -> list[TaskType]:
        """The task types used by the project, by priority."""

    @relation(resolvers.projects.project_task_statuses)
    def task_statuses(self) -> list[TaskStatus]:
        """The task statuses used by the project."""

    @relation(resolvers.projects.project_asset_types)
    def asset_types(self) -> list[AssetType]:
        """The asset types used by the project."""

    @relation(resolvers.entities.project_entities, kind="Episode")
    def episodes(self, name: str | None = None, canceled: bool | None = None,
                 updated_since: DateTime | None = None) -> list[Episode]:
        """The project's episodes, by name."""

    @relation(resolvers.entities.project_entities, kind="Sequence")
    def sequences(self, name: str | None = None, canceled: bool | None = None,
                  updated_since: DateTime | None = None) -> list[Sequence]:
        """The project's sequences, by name."""

    @relation(resolvers.entities.project_entities, kind="Shot")
    def shots(self, name: str | None = None, canceled: bool | None = None,
              updated_since: DateTime | None = None) -> list[Shot]:
        """The project's shots, by name."""

    @relation(resolvers.entities.project_entities, kind="Asset")
    def assets(self, name: str | None = None, canceled: bool | None = None, updated_since: DateTime | None = None,
               asset_type_id: strawberry.ID | None = None) -> list[Asset]:
        """The project's assets, by name."""

    @relation(resolvers.entities.project_entities, kind="Scene")
    def scenes(self, name: str | None = None, canceled: bool | None = None,
               updated_since: DateTime | None = None) -> list[Scene]:
        """The project's scenes, by name."""

    @relation(resolvers.entities.project_entities, kind="Edit")
    def edits(self, name: str | None = None, canceled: bool | None = None,
              updated_since: DateTime | None = None) -> list[Edit]:
        """The project's edits, by name."""

    @relation(resolvers.production_budgets.project_budgets)
    def budgets(self) -> list[Budget] | None:
        """The production's budgets, by revision (managers of the production only)."""

    @relation(resolvers.metadata.project_descriptors)
    def metadata_descriptors(self, entity_type: str | None = None) -> list[MetadataDescriptor]:
        """The production's custom columns (clients: those for clients)."""

    @relation(resolvers.activity.project_news)
    def news(self, limit: int = 50) -> list[News]:
        """The production's latest news, newest first (at most `limit`, up to 500)."""


from schema.activity import News  # noqa: E402
from schema.budgets import Budget  # noqa: E402
from schema.entities import Asset, AssetType, Edit, Episode, Scene, Sequence, Shot  # noqa: E402
from schema.metadata import MetadataDescriptor  # noqa: E402
from schema.people import Person  # noqa: E402
from schema.tasks import TaskStatus, TaskType  # noqa: E402

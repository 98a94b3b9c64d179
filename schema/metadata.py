"""Metadata descriptors: the custom columns of a production's lists, stored in the rows' `data`."""
from __future__ import annotations

import strawberry

import resolvers.metadata
import resolvers.projects
import resolvers.tasks
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.type
class MetadataDescriptor:
    id: strawberry.ID
    project_id: strawberry.ID
    entity_type: str
    name: str
    field_name: str
    data_type: str | None
    choices: JSON | None
    for_client: bool | None
    position: int | None
    task_type_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.metadata.descriptor_departments, key=None)
    def departments(self) -> list[Department]:
        """The departments the column is for (none: every department)."""

    @relation(resolvers.projects.projects_by_ids, key="project_id")
    def project(self) -> Project | None:
        """The production of the descriptor."""

    @relation(resolvers.tasks.task_types, key="task_type_id")
    def task_type(self) -> TaskType | None:
        """The task type of a task descriptor."""


from schema.people import Department  # noqa: E402
from schema.projects import Project  # noqa: E402
from schema.tasks import TaskType  # noqa: E402

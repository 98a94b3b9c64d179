"""Preview files (reviewed media), working files (scene files), output files, and their reference tables."""
from __future__ import annotations

import strawberry

import resolvers.entities
import resolvers.files
import resolvers.people
import resolvers.tasks
from schema.fields import relation
from schema.scalars import JSON, BigInt, DateTime


@strawberry.type(description="A version of a task's media sent for review.")
class PreviewFile:
    id: strawberry.ID
    name: str | None
    original_name: str | None
    revision: int | None
    position: int | None
    extension: str | None
    description: str | None
    path: str | None
    source: str | None
    file_size: BigInt | None
    status: str
    validation_status: str
    annotations: JSON | None
    width: int | None
    height: int | None
    duration: float | None
    is_movie: bool | None
    url: str | None
    uploaded_movie_url: str | None
    uploaded_movie_name: str | None
    task_id: strawberry.ID | None
    person_id: strawberry.ID | None
    source_file_id: strawberry.ID | None
    data: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.tasks.tasks_by_ids, key="task_id")
    def task(self) -> Task | None:
        """The task the preview belongs to."""

    @relation(resolvers.people.persons_by_ids, key="person_id")
    def person(self) -> Person | None:
        """Who uploaded it."""


@strawberry.type(description="An artist's scene file, by revision.")
class WorkingFile:
    id: strawberry.ID
    name: str | None
    description: str | None
    comment: str | None
    revision: int | None
    size: int | None
    checksum: int | None
    path: str | None
    validation_status: str
    data: JSON | None
    task_id: strawberry.ID | None
    entity_id: strawberry.ID | None
    person_id: strawberry.ID | None
    software_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.files.softwares, key="software_id")
    def software(self) -> Software | None:
        """The software the file is made with."""

    @relation(resolvers.people.persons_by_ids, key="person_id")
    def person(self) -> Person | None:
        """Who made the revision."""


@strawberry.type(description="A file produced for an entity (cache, render, publish...).")
class OutputFile:
    id: strawberry.ID
    name: str
    canceled: bool
    size: int | None
    checksum: str | None
    description: str | None
    comment: str | None
    extension: str | None
    revision: int
    representation: str | None
    nb_elements: int | None
    source: str | None
    path: str | None
    quality: str | None
    data: JSON | None
    file_status_id: strawberry.ID
    entity_id: strawberry.ID | None
    asset_instance_id: strawberry.ID | None
    output_type_id: strawberry.ID | None
    task_type_id: strawberry.ID | None
    person_id: strawberry.ID | None
    source_file_id: strawberry.ID | None
    temporal_entity_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.files.output_types, key="output_type_id")
    def output_type(self) -> OutputType | None:
        """The kind of output."""

    @relation(resolvers.files.file_statuses, key="file_status_id")
    def file_status(self) -> FileStatus | None:
        """The file's status."""

    @relation(resolvers.tasks.task_types, key="task_type_id")
    def task_type(self) -> TaskType | None:
        """The step that produced it."""

    @relation(resolvers.entities.entities_by_ids, key="entity_id")
    def entity(self) -> Entity | None:
        """The entity the file is for."""


@strawberry.type
class OutputType:
    id: strawberry.ID
    name: str
    short_name: str
    created_at: DateTime | None
    updated_at: DateTime | None


@strawberry.type
class Software:
    id: strawberry.ID
    name: str
    short_name: str
    archived: bool | None
    version: str | None
    file_extension: str
    secondary_extensions: JSON | None
    monthly_cost: int | None
    inventory_amount: int | None
    created_at: DateTime | None
    updated_at: DateTime | None


@strawberry.type
class FileStatus:
    id: strawberry.ID
    name: str
    color: str
    created_at: DateTime | None
    updated_at: DateTime | None


from schema.entities import Entity  # noqa: E402
from schema.people import Person  # noqa: E402
from schema.tasks import Task, TaskType  # noqa: E402

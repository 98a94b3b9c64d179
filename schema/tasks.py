"""Tasks, task types and task statuses."""
from __future__ import annotations

import strawberry

import resolvers.entities
import resolvers.people
import resolvers.projects
import resolvers.tasks
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.type
class TaskType:
    id: strawberry.ID
    name: str
    short_name: str | None
    description: str | None
    color: str | None
    priority: int | None
    for_entity: str | None
    allow_timelog: bool | None
    archived: bool | None
    department_id: strawberry.ID | None
    shotgun_id: int | None
    created_at: DateTime | None
    updated_at: DateTime | None


@strawberry.type
class TaskStatus:
    id: strawberry.ID
    name: str
    short_name: str
    description: str | None
    color: str
    priority: int | None
    archived: bool | None
    is_done: bool | None
    is_artist_allowed: bool | None
    is_client_allowed: bool | None
    is_retake: bool | None
    is_feedback_request: bool | None
    is_default: bool | None
    is_wip: bool | None
    for_concept: bool | None
    shotgun_id: int | None
    created_at: DateTime | None
    updated_at: DateTime | None


@strawberry.type(description="A task: one step (task type) of one entity.")
class Task:
    id: strawberry.ID
    name: str
    description: str | None
    priority: int | None
    difficulty: int | None
    duration: float | None
    estimation: float | None
    completion_rate: int | None
    retake_count: int | None
    sort_order: int | None
    start_date: DateTime | None
    due_date: DateTime | None
    real_start_date: DateTime | None
    end_date: DateTime | None
    done_date: DateTime | None
    last_comment_date: DateTime | None
    nb_assets_ready: int | None
    nb_drawings: int | None
    last_preview_file_id: strawberry.ID | None
    project_id: strawberry.ID | None
    task_type_id: strawberry.ID | None
    task_status_id: strawberry.ID | None
    entity_id: strawberry.ID | None
    assigner_id: strawberry.ID | None
    data: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.projects.projects_by_ids, key="project_id")
    def project(self) -> Project | None:
        """The task's project."""

    @relation(resolvers.entities.entities_by_ids, key="entity_id")
    def entity(self) -> Entity | None:
        """The shot, asset, sequence... the task is about."""

    @relation(resolvers.tasks.task_types, key="task_type_id")
    def task_type(self) -> TaskType | None:
        """The task's type (its step)."""

    @relation(resolvers.tasks.task_statuses, key="task_status_id")
    def task_status(self) -> TaskStatus | None:
        """The task's status."""

    @relation(resolvers.tasks.task_assignees, key=None)
    def assignees(self) -> list[Person]:
        """The people assigned to the task (none shown to clients)."""

    @relation(resolvers.people.persons_by_ids, key="assigner_id")
    def assigner(self) -> Person | None:
        """Who assigned the task."""


from schema.entities import Entity  # noqa: E402
from schema.people import Person  # noqa: E402
from schema.projects import Project  # noqa: E402

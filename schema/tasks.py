"""Tasks, task types and task statuses."""
from __future__ import annotations

import strawberry

import resolvers.activity
import resolvers.entities
import resolvers.files
import resolvers.people
import resolvers.projects
import resolvers.studio
import resolvers.tasks
import resolvers.timesheets
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

    @relation(resolvers.studio.departments, key="department_id")
    def department(self) -> Department | None:
        """The department doing this step."""


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

    @relation(resolvers.timesheets.task_time_spents, key=None)
    def time_spents(self) -> list[TimeSpent]:
        """The time logged on the task (none shown to clients)."""

    @relation(resolvers.activity.task_comments, key=None)
    def comments(self) -> list[Comment]:
        """The task's comments, newest first (clients: those meant for them)."""

    @relation(resolvers.files.task_preview_files)
    def preview_files(self) -> list[PreviewFile]:
        """The task's previews, latest revision first."""

    @relation(resolvers.files.task_working_files)
    def working_files(self) -> list[WorkingFile]:
        """The task's working files, latest revision first."""


from schema.activity import Comment  # noqa: E402
from schema.entities import Entity  # noqa: E402
from schema.files import PreviewFile, WorkingFile  # noqa: E402
from schema.people import Department, Person  # noqa: E402
from schema.time import TimeSpent  # noqa: E402
from schema.projects import Project  # noqa: E402

"""The root query: each entity by id, root lists as cursor connections with a production's filters."""
from __future__ import annotations

import strawberry

import resolvers.entities
import resolvers.files
import resolvers.people
import resolvers.projects
import resolvers.studio
import resolvers.tasks
from schema.connections import Connection
from schema.entities import Asset, AssetType, Edit, Entity, Episode, Scene, Sequence, Shot
from schema.fields import root
from schema.files import FileStatus, OutputType, Software
from schema.people import Department, Organisation, Person, SalaryScale
from schema.projects import Project, ProjectStatus
from schema.scalars import DateTime
from schema.tasks import Task, TaskStatus, TaskType


@strawberry.type
class Query:
    @root(resolvers.people.me)
    def me(self) -> Person:
        """The authenticated person."""

    @root(resolvers.projects.project)
    def project(self, id: strawberry.ID) -> Project | None:
        """A project by id (NOT_FOUND, FORBIDDEN outside the caller's teams)."""

    @root(resolvers.projects.projects_page)
    def projects(self, first: int | None = None, after: str | None = None, name: str | None = None,
                 status: str | None = None, updated_since: DateTime | None = None) -> Connection[Project]:
        """The projects the caller sees: admins all, others those of their teams. `name` is a part of the name
        (any case), `status` a project status name."""

    @root(resolvers.entities.entity)
    def entity(self, id: strawberry.ID) -> Entity | None:
        """Any entity (episode, sequence, shot, asset...) by id."""

    @root(resolvers.entities.entity, kind="Episode")
    def episode(self, id: strawberry.ID) -> Episode | None:
        """An episode by id."""

    @root(resolvers.entities.entity, kind="Sequence")
    def sequence(self, id: strawberry.ID) -> Sequence | None:
        """A sequence by id."""

    @root(resolvers.entities.entity, kind="Shot")
    def shot(self, id: strawberry.ID) -> Shot | None:
        """A shot by id."""

    @root(resolvers.entities.entity, kind="Scene")
    def scene(self, id: strawberry.ID) -> Scene | None:
        """A scene by id."""

    @root(resolvers.entities.entity, kind="Edit")
    def edit(self, id: strawberry.ID) -> Edit | None:
        """An edit by id."""

    @root(resolvers.entities.entity, kind="Asset")
    def asset(self, id: strawberry.ID) -> Asset | None:
        """An asset by id."""

    @root(resolvers.entities.entities_page, kind="Episode")
    def episodes(self, first: int | None = None, after: str | None = None, project_id: strawberry.ID | None = None,
                 name: str | None = None, canceled: bool | None = None,
                 updated_since: DateTime | None = None) -> Connection[Episode]:
        """Episodes of the projects the caller sees."""

    @root(resolvers.entities.entities_page, kind="Sequence")
    def sequences(self, first: int | None = None, after: str | None = None,
                  project_id: strawberry.ID | None = None, episode_id: strawberry.ID | None = None,
                  name: str | None = None, canceled: bool | None = None,
                  updated_since: DateTime | None = None) -> Connection[Sequence]:
        """Sequences of the projects the caller sees."""

    @root(resolvers.entities.entities_page, kind="Shot")
    def shots(self, first: int | None = None, after: str | None = None, project_id: strawberry.ID | None = None,
              episode_id: strawberry.ID | None = None, sequence_id: strawberry.ID | None = None,
              name: str | None = None, canceled: bool | None = None,
              updated_since: DateTime | None = None) -> Connection[Shot]:
        """Shots of the projects the caller sees (a vendor: the shots with a task assigned to them)."""

    @root(resolvers.entities.entities_page, kind="Asset")
    def assets(self, first: int | None = None, after: str | None = None, project_id: strawberry.ID | None = None,
               asset_type_id: strawberry.ID | None = None, name: str | None = None, canceled: bool | None = None,
               updated_since: DateTime | None = None) -> Connection[Asset]:
        """Assets of the projects the caller sees."""

    @root(resolvers.entities.entities_page, kind="Scene")
    def scenes(self, first: int | None = None, after: str | None = None, project_id: strawberry.ID | None = None,
               sequence_id: strawberry.ID | None = None, name: str | None = None, canceled: bool | None = None,
               updated_since: DateTime | None = None) -> Connection[Scene]:
        """Scenes of the projects the caller sees."""

    @root(resolvers.entities.entities_page, kind="Edit")
    def edits(self, first: int | None = None, after: str | None = None, project_id: strawberry.ID | None = None,
              episode_id: strawberry.ID | None = None, name: str | None = None, canceled: bool | None = None,
              updated_since: DateTime | None = None) -> Connection[Edit]:
        """Edits of the projects the caller sees."""

    @root(resolvers.tasks.task)
    def task(self, id: strawberry.ID) -> Task | None:
        """A task by id."""

    @root(resolvers.tasks.tasks_page)
    def tasks(self, first: int | None = None, after: str | None = None, project_id: strawberry.ID | None = None,
              entity_id: strawberry.ID | None = None, task_type_id: strawberry.ID | None = None,
              task_status_id: strawberry.ID | None = None, assignee_id: strawberry.ID | None = None,
              updated_since: DateTime | None = None) -> Connection[Task]:
        """Tasks of the projects the caller sees (a vendor: those assigned to them)."""

    @root(resolvers.tasks.task_type)
    def task_type(self, id: strawberry.ID) -> TaskType | None:
        """A task type by id."""

    @root(resolvers.tasks.task_types_list)
    def task_types(self, name: str | None = None, for_entity: str | None = None,
                   archived: bool | None = None) -> list[TaskType]:
        """Every task type of the studio."""

    @root(resolvers.tasks.task_status)
    def task_status(self, id: strawberry.ID) -> TaskStatus | None:
        """A task status by id."""

    @root(resolvers.tasks.task_statuses_list)
    def task_statuses(self, name: str | None = None, archived: bool | None = None) -> list[TaskStatus]:
        """Every task status of the studio."""

    @root(resolvers.entities.asset_types)
    def asset_types(self, name: str | None = None) -> list[AssetType]:
        """Every asset type of the studio."""

    @root(resolvers.projects.all_project_statuses)
    def project_statuses(self) -> list[ProjectStatus]:
        """Every project status."""

    @root(resolvers.people.person)
    def person(self, id: strawberry.ID) -> Person | None:
        """A person by id."""

    @root(resolvers.people.persons_page)
    def persons(self, first: int | None = None, after: str | None = None, name: str | None = None,
                role: str | None = None, active: bool | None = None, department_id: strawberry.ID | None = None,
                updated_since: DateTime | None = None) -> Connection[Person]:
        """The studio's people by name (a client: the people of their teams). `name` is a part of the full
        name, any case."""

    @root(resolvers.studio.organisation)
    def organisation(self) -> Organisation:
        """The studio's settings."""

    @root(resolvers.studio.all_departments)
    def departments(self, archived: bool | None = None) -> list[Department]:
        """The studio's departments."""

    @root(resolvers.studio.all_salary_scales)
    def salary_scales(self) -> list[SalaryScale]:
        """The salary grid of every department (admins)."""

    @root(resolvers.files.all_softwares)
    def softwares(self) -> list[Software]:
        """The studio's softwares."""

    @root(resolvers.files.all_output_types)
    def output_types(self) -> list[OutputType]:
        """The kinds of output files."""

    @root(resolvers.files.all_file_statuses)
    def file_statuses(self) -> list[FileStatus]:
        """The statuses of output files."""

"""Projects: batch reads of projects, their statuses, teams and the task types, task statuses and asset
types linked to them."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select

from domain.batch import Row, fetch, many_per_key, one_per_key, where_all, within
from domain.tables import (EntityType, Person, Project, ProjectAssetTypeLink, ProjectPersonLink,
                           ProjectStatus, ProjectTaskStatusLink, ProjectTaskTypeLink, TaskStatus, TaskType)

PROJECT = Project.__table__


async def projects_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(PROJECT).where(db.in_keys(Project.id, ids)))
    return one_per_key(rows, "id", ids)


def project_filter(db, *, project_ids: Iterable[uuid.UUID] | None = None, name: str | None = None,
                   status: str | None = None, updated_since: datetime | None = None):
    """The projects listed under these filters: `name` a case-insensitive part of the name, `status` a
    project status name ("Open", "Closed"), `project_ids` None for every project."""
    stmt = select(PROJECT)
    if status is not None:
        stmt = stmt.join(ProjectStatus, ProjectStatus.id == Project.project_status_id).where(
            func.lower(ProjectStatus.name) == status.lower())
    return where_all(
        stmt,
        within(db, Project.id, project_ids),
        func.lower(Project.name).contains(name.lower(), autoescape=True) if name else None,
        Project.updated_at >= updated_since if updated_since is not None else None,
    ).order_by(Project.name, Project.id)


async def project_statuses_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(ProjectStatus.__table__).where(db.in_keys(ProjectStatus.id, ids)))
    return one_per_key(rows, "id", ids)


async def all_project_statuses(db) -> list[Row]:
    return await fetch(db, select(ProjectStatus.__table__).order_by(ProjectStatus.name))


async def team_for_projects(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each project's team: person rows, with the per-project role as `project_role`."""
    rows = await fetch(db, select(Person.__table__, ProjectPersonLink.project_id.label("team_project_id"),
                                  ProjectPersonLink.role.label("project_role"))
                       .join(ProjectPersonLink, ProjectPersonLink.person_id == Person.id)
                       .where(db.in_keys(ProjectPersonLink.project_id, project_ids))
                       .order_by(Person.first_name, Person.last_name, Person.id))
    return many_per_key(rows, "team_project_id", project_ids)


async def task_types_for_projects(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(TaskType.__table__, ProjectTaskTypeLink.project_id.label("link_project_id"),
                                  ProjectTaskTypeLink.priority.label("project_priority"))
                       .join(ProjectTaskTypeLink, ProjectTaskTypeLink.task_type_id == TaskType.id)
                       .where(db.in_keys(ProjectTaskTypeLink.project_id, project_ids))
                       .order_by(ProjectTaskTypeLink.priority, TaskType.priority, TaskType.name, TaskType.id))
    return many_per_key(rows, "link_project_id", project_ids)


async def task_statuses_for_projects(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(TaskStatus.__table__,
                                  ProjectTaskStatusLink.project_id.label("link_project_id"))
                       .join(ProjectTaskStatusLink, ProjectTaskStatusLink.task_status_id == TaskStatus.id)
                       .where(db.in_keys(ProjectTaskStatusLink.project_id, project_ids))
                       .order_by(ProjectTaskStatusLink.priority, TaskStatus.priority, TaskStatus.name,
                                 TaskStatus.id))
    return many_per_key(rows, "link_project_id", project_ids)


async def asset_types_for_projects(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(EntityType.__table__, ProjectAssetTypeLink.project_id.label("link_project_id"))
                       .join(ProjectAssetTypeLink, ProjectAssetTypeLink.asset_type_id == EntityType.id)
                       .where(db.in_keys(ProjectAssetTypeLink.project_id, project_ids))
                       .order_by(EntityType.name, EntityType.id))
    return many_per_key(rows, "link_project_id", project_ids)


async def projects_with_status(db, *, project_ids=None, name: str | None = None) -> list[Row]:
    """Projects (those of `project_ids` when given) by name, each with `project_status_name`; `name` a
    case-insensitive pattern (SQL LIKE)."""
    stmt = select(PROJECT, ProjectStatus.name.label("project_status_name")).join(
        ProjectStatus, ProjectStatus.id == Project.project_status_id)
    stmt = where_all(stmt, within(db, Project.id, project_ids),
                     Project.name.ilike(name) if name is not None else None)
    return await fetch(db, stmt.order_by(Project.name, Project.id))

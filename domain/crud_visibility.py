"""The reads behind the permission rules and row visibility of `/data/<model>` (crud.md §7): which rows of a
model a caller's projects reach, and the few lookups the rules need (task rows, assignees, departments,
descriptors). Plain values in, WHERE clauses or rows out; the rules themselves are `resolvers/crud.py`'s."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import and_, exists, false, or_, select
from sqlalchemy.sql import ColumnElement

from domain.crud_models import DEFAULT_USER_LIMIT, active_user_count
from domain.tables import (
    DepartmentLink, DepartmentMetadataDescriptorLink, Entity, MetadataDescriptor, PreviewFile, Project,
    ProjectPersonLink, ProjectStatus, ProjectTaskStatusLink, ProjectTaskTypeLink, Task, TaskPersonLink, TaskType,
    WorkingFile,
)

USER_LIMIT = DEFAULT_USER_LIMIT


# --- WHERE clauses of list scopes ------------------------------------------------------------------------

def rows_in_projects(db, column, project_ids: Iterable[uuid.UUID]) -> ColumnElement[bool]:
    ids = list(project_ids)
    return db.in_keys(column, ids) if ids else false()


def projects_with_assignment(project_column, person_id: uuid.UUID) -> ColumnElement[bool]:
    """Rows of the projects where the person has at least one assigned task (a vendor's entity list)."""
    return project_column.in_(select(Task.project_id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id)
                              .where(TaskPersonLink.person_id == person_id))


def tasks_assigned_to(task_column, person_id: uuid.UUID) -> ColumnElement[bool]:
    return task_column.in_(select(TaskPersonLink.task_id).where(TaskPersonLink.person_id == person_id))


def previews_visible(db, open_project_ids: Iterable[uuid.UUID], assignee_id: uuid.UUID | None) -> ColumnElement[bool]:
    """Previews whose task is in one of the (open, team) projects; for a vendor, tasks assigned to them."""
    tasks = select(Task.id).where(rows_in_projects(db, Task.project_id, open_project_ids))
    if assignee_id is not None:
        tasks = tasks.where(tasks_assigned_to(Task.id, assignee_id))
    return PreviewFile.task_id.in_(tasks)


def working_files_in_projects(db, project_ids: Iterable[uuid.UUID]) -> ColumnElement[bool]:
    return WorkingFile.entity_id.in_(select(Entity.id).where(rows_in_projects(db, Entity.project_id, project_ids)))


def descriptors_visible(db, projects_by_role: Mapping[str, list[uuid.UUID]],
                        vendor_departments: list[uuid.UUID]) -> ColumnElement[bool]:
    """Descriptors of the caller's open projects, narrowed per role held there: clients only those published
    to clients, vendors those of no department or of one of theirs."""
    parts = []
    for role, project_ids in projects_by_role.items():
        clause = rows_in_projects(db, MetadataDescriptor.project_id, project_ids)
        if role == "client":
            clause = and_(clause, MetadataDescriptor.for_client.is_(True))
        elif role == "vendor":
            link = DepartmentMetadataDescriptorLink
            has_none = ~exists().where(link.metadata_descriptor_id == MetadataDescriptor.id)
            mine = exists().where(link.metadata_descriptor_id == MetadataDescriptor.id,
                                  rows_in_projects(db, link.department_id, vendor_departments))
            clause = and_(clause, or_(has_none, mine))
        parts.append(clause)
    return or_(*parts) if parts else false()


# --- lookups of the rules --------------------------------------------------------------------------------

async def department_ids_of(db, person_id: uuid.UUID) -> list[uuid.UUID]:
    return list(await db.scalars(select(DepartmentLink.department_id).where(DepartmentLink.person_id == person_id)))


async def has_assigned_task(db, person_id: uuid.UUID, *, entity_id: uuid.UUID | None) -> bool:
    stmt = (select(Task.id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id)
            .where(TaskPersonLink.person_id == person_id, Task.entity_id == entity_id).limit(1))
    return bool(await db.scalars(stmt))


async def task_row(db, task_id: uuid.UUID | None) -> dict[str, Any] | None:
    if task_id is None:
        return None
    rows = await db.rows(select(Task.id, Task.project_id, Task.entity_id, Task.task_type_id)
                         .where(Task.id == task_id))
    return dict(rows[0]) if rows else None


async def task_assignee_ids(db, task_id: uuid.UUID) -> set[uuid.UUID]:
    return set(await db.scalars(select(TaskPersonLink.person_id).where(TaskPersonLink.task_id == task_id)))


async def task_type_department(db, task_type_id: uuid.UUID | None) -> uuid.UUID | None:
    found = await db.scalars(select(TaskType.department_id).where(TaskType.id == task_type_id))
    return found[0] if found else None


async def entity_creator(db, entity_id: uuid.UUID | None) -> uuid.UUID | None:
    found = await db.scalars(select(Entity.created_by).where(Entity.id == entity_id))
    return found[0] if found else None


async def user_limit_reached(db, limit: int = USER_LIMIT) -> bool:
    return await active_user_count(db) >= limit


async def client_team_person_ids(db, person_id: uuid.UUID) -> set[uuid.UUID]:
    """The people in the teams of the open projects the person is in (whom a client meets)."""
    mine = select(ProjectPersonLink.project_id).join(Project, Project.id == ProjectPersonLink.project_id) \
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id) \
        .where(ProjectPersonLink.person_id == person_id, ProjectStatus.name == "Open")
    return set(await db.scalars(select(ProjectPersonLink.person_id)
                                .where(ProjectPersonLink.project_id.in_(mine)).distinct()))


async def descriptor_departments(db, project_id: uuid.UUID, entity_type: str) -> dict[str, list[uuid.UUID]]:
    """{field_name: department ids} of a project's descriptors for one entity type."""
    rows = await db.rows(
        select(MetadataDescriptor.field_name, DepartmentMetadataDescriptorLink.department_id)
        .outerjoin(DepartmentMetadataDescriptorLink,
                   DepartmentMetadataDescriptorLink.metadata_descriptor_id == MetadataDescriptor.id)
        .where(MetadataDescriptor.project_id == project_id, MetadataDescriptor.entity_type == entity_type))
    out: dict[str, list[uuid.UUID]] = {}
    for r in rows:
        out.setdefault(r["field_name"], [])
        if r["department_id"] is not None:
            out[r["field_name"]].append(r["department_id"])
    return out


async def manager_or_supervisor_projects(db, person_id: uuid.UUID, global_role: str) -> dict[uuid.UUID, str]:
    """{project: role} of the projects where the person is manager or supervisor (the team link's role wins)."""
    rows = await db.rows(select(ProjectPersonLink.project_id, ProjectPersonLink.role)
                         .where(ProjectPersonLink.person_id == person_id))
    out = {}
    for r in rows:
        role = r["role"] or global_role
        if role in ("manager", "supervisor"):
            out[r["project_id"]] = role
    return out


async def teams_holding(db, person_id: uuid.UUID, project_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    ids = list(project_ids)
    if not ids:
        return set()
    return set(await db.scalars(select(ProjectPersonLink.project_id).where(
        ProjectPersonLink.person_id == person_id, db.in_keys(ProjectPersonLink.project_id, ids))))


async def shares_department(db, person_id: uuid.UUID, department_ids: list[uuid.UUID]) -> bool:
    if not department_ids:
        return True
    return bool(await db.scalars(select(DepartmentLink.person_id).where(
        DepartmentLink.person_id == person_id, db.in_keys(DepartmentLink.department_id, department_ids)).limit(1)))


# --- a project's read-one extras -------------------------------------------------------------------------

async def project_descriptors(db, project_id: uuid.UUID, *, for_client: bool,
                              vendor_departments: list[uuid.UUID] | None) -> list[dict[str, Any]]:
    rows = [dict(r) for r in await db.rows(select(MetadataDescriptor.__table__)
                                           .where(MetadataDescriptor.project_id == project_id))]
    links = await db.rows(select(DepartmentMetadataDescriptorLink.__table__).where(
        db.in_keys(DepartmentMetadataDescriptorLink.metadata_descriptor_id, [r["id"] for r in rows]))) if rows else []
    departments: dict[uuid.UUID, list[uuid.UUID]] = {}
    for link in links:
        departments.setdefault(link["metadata_descriptor_id"], []).append(link["department_id"])
    out = []
    for r in rows:
        deps = departments.get(r["id"], [])
        if for_client and not r["for_client"]:
            continue
        if vendor_departments is not None and deps and not set(deps) & set(vendor_departments):
            continue
        out.append({"id": r["id"], "name": r["name"], "field_name": r["field_name"], "data_type": r["data_type"],
                    "choices": r["choices"], "for_client": r["for_client"] or False, "entity_type": r["entity_type"],
                    "task_type_id": r["task_type_id"], "position": r["position"], "departments": deps})
    return out


async def project_links(db, project_id: uuid.UUID) -> dict[str, Any]:
    type_links = {
        str(r["task_type_id"]): {"priority": r["priority"], "hd_bitrate_compression": r["hd_bitrate_compression"],
                                 "ld_bitrate_compression": r["ld_bitrate_compression"],
                                 "is_client_visible": r["is_client_visible"]}
        for r in await db.rows(select(ProjectTaskTypeLink.__table__).where(ProjectTaskTypeLink.project_id == project_id))
    }
    status_links = {
        str(r["task_status_id"]): {"priority": r["priority"], "roles_for_board": r["roles_for_board"],
                                   "is_client_allowed": r["is_client_allowed"]}
        for r in await db.rows(select(ProjectTaskStatusLink.__table__)
                               .where(ProjectTaskStatusLink.project_id == project_id))
    }
    return {"task_type_links": type_links,
            "task_types_priority": {k: v["priority"] for k, v in type_links.items()},
            "task_statuses_link": status_links}


async def project_status_name(db, status_id: uuid.UUID | None) -> str | None:
    found = await db.scalars(select(ProjectStatus.name).where(ProjectStatus.id == status_id))
    return found[0] if found else None

"""The reads behind `GET /data/user/context` (spec user-context.md): studio-wide lists, the caller's open
projects with their extras, the people the caller may see, saved filters and unread notifications.
Every read is one statement (two for the filters) whatever the number of rows."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import String, exists, func, literal, or_, select, union_all

from domain.batch import Row, fetch, many_per_key
from domain.tables import (
    DepartmentLink, DepartmentMetadataDescriptorLink, Entity, EntityType, MetadataDescriptor, Notification, Person,
    Plugin, Project, ProjectAssetTypeLink, ProjectPersonLink, ProjectPreviewBackgroundFileLink, ProjectStatus,
    ProjectStatusAutomationLink, ProjectTaskStatusLink, ProjectTaskTypeLink, SearchFilter, SearchFilterGroup,
    TaskTypeAssetTypeLink,
)

# Entity types that are not asset types: everything placed in time, and concept folders.
TEMPORAL_TYPES = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")
OPEN = "Open"
PLUGIN_FIELDS = ("id", "plugin_id", "name", "description", "version", "maintainer_name", "maintainer_email",
                 "frontend_project_enabled", "frontend_studio_enabled", "icon")


# --- studio-wide lists ---

async def every_row(db, table) -> list[Row]:
    """All rows of a small studio table (departments, studios, task types...), by name when it has one."""
    order = [table.name] if "name" in table.__table__.c else []
    return await fetch(db, select(table.__table__).order_by(*order, table.created_at, table.id))


async def asset_types(db) -> list[Row]:
    """Every asset type, with the ids of its task types as `task_types`."""
    rows = await fetch(db, select(EntityType.__table__).where(EntityType.name.notin_(TEMPORAL_TYPES))
                       .order_by(EntityType.name))
    links = await fetch(db, select(TaskTypeAssetTypeLink.asset_type_id, TaskTypeAssetTypeLink.task_type_id)
                        .join(EntityType, EntityType.id == TaskTypeAssetTypeLink.asset_type_id)
                        .where(EntityType.name.notin_(TEMPORAL_TYPES)))
    grouped = many_per_key(links, "asset_type_id", [r["id"] for r in rows])
    for r, group in zip(rows, grouped):
        r["task_types"] = [link["task_type_id"] for link in group]
    return rows


async def plugins(db) -> list[Row]:
    return await fetch(db, select(*[getattr(Plugin, f) for f in PLUGIN_FIELDS]).order_by(Plugin.name))


async def unread_notification_counts(db, person_ids: Sequence[uuid.UUID]) -> list[int]:
    rows = await fetch(db, select(Notification.person_id, func.count().label("n"))
                       .where(db.in_keys(Notification.person_id, list(person_ids)), Notification.read.is_(False))
                       .group_by(Notification.person_id))
    counts = {r["person_id"]: r["n"] for r in rows}
    return [counts.get(p, 0) for p in person_ids]


# --- people ---

async def studio_people(db) -> list[Row]:
    """Every person but guests and preview accounts, with `departments` (ids)."""
    rows = await fetch(db, select(Person.__table__).where(Person.preview_project_id.is_(None),
                                                          Person.is_guest.isnot(True))
                       .order_by(Person.first_name, Person.last_name, Person.id))
    return await _with_departments(db, rows)


async def client_team_people(db, person_id: uuid.UUID) -> list[Row]:
    """The members of the teams of the open projects whose team holds the person (a client's view)."""
    mine = select(ProjectPersonLink.project_id).join(Project, Project.id == ProjectPersonLink.project_id).join(
        ProjectStatus, ProjectStatus.id == Project.project_status_id).where(
        ProjectPersonLink.person_id == person_id, ProjectStatus.name == OPEN)
    member_ids = select(ProjectPersonLink.person_id).where(ProjectPersonLink.project_id.in_(mine))
    return await fetch(db, select(Person.__table__).where(Person.id.in_(member_ids)))


async def _with_departments(db, rows: list[Row]) -> list[Row]:
    links = await fetch(db, select(DepartmentLink.person_id, DepartmentLink.department_id)
                        .where(db.in_keys(DepartmentLink.person_id, [r["id"] for r in rows]))) if rows else []
    for r, group in zip(rows, many_per_key(links, "person_id", [r["id"] for r in rows])):
        r["departments"] = [link["department_id"] for link in group]
    return rows


async def explicit_project_roles(db, person_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """{project_id: role} for the person's team links that set a role."""
    rows = await fetch(db, select(ProjectPersonLink.project_id, ProjectPersonLink.role)
                       .where(ProjectPersonLink.person_id == person_id, ProjectPersonLink.role.isnot(None)))
    return {r["project_id"]: r["role"] for r in rows}


# --- projects ---

async def open_projects(db, member_id: uuid.UUID | None) -> list[Row]:
    """Open projects; only those whose team holds `member_id` unless it is None (an admin)."""
    stmt = (select(Project.__table__).join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
            .where(ProjectStatus.name == OPEN))
    if member_id is not None:
        stmt = stmt.where(exists().where(ProjectPersonLink.project_id == Project.id,
                                         ProjectPersonLink.person_id == member_id))
    return await fetch(db, stmt.order_by(Project.name, Project.id))


LINKS = {  # relation key: (link table, column holding the linked id)
    "team": (ProjectPersonLink, "person_id"),
    "asset_types": (ProjectAssetTypeLink, "asset_type_id"),
    "task_statuses": (ProjectTaskStatusLink, "task_status_id"),
    "task_types": (ProjectTaskTypeLink, "task_type_id"),
    "status_automations": (ProjectStatusAutomationLink, "status_automation_id"),
    "preview_background_files": (ProjectPreviewBackgroundFileLink, "preview_background_file_id"),
}


async def project_relations(db, project_ids: Sequence[uuid.UUID]) -> list[dict[str, list[uuid.UUID]]]:
    """Each project's collections as id lists (Zou's `relations=True` keys), one statement for all."""
    parts = [select(link.project_id.label("project_id"), getattr(link, column).label("linked_id"),
                    literal(key, String(40)).label("relation"))
             .where(db.in_keys(link.project_id, list(project_ids)))
             for key, (link, column) in LINKS.items()]
    rows = await fetch(db, union_all(*parts))
    out = {p: {key: [] for key in LINKS} for p in project_ids}
    for r in sorted(rows, key=lambda r: str(r["linked_id"])):
        out[r["project_id"]][r["relation"]].append(r["linked_id"])
    return [out[p] for p in project_ids]


async def task_type_links(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(ProjectTaskTypeLink.__table__)
                       .where(db.in_keys(ProjectTaskTypeLink.project_id, list(project_ids))))
    return many_per_key(rows, "project_id", project_ids)


async def task_status_links(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(ProjectTaskStatusLink.__table__)
                       .where(db.in_keys(ProjectTaskStatusLink.project_id, list(project_ids))))
    return many_per_key(rows, "project_id", project_ids)


async def first_episodes(db, project_ids: Sequence[uuid.UUID]) -> list[uuid.UUID | None]:
    """The episode a TV show opens on: the first running one by name, else the first one by name."""
    if not project_ids:
        return []
    rows = await fetch(db, select(Entity.id, Entity.project_id, Entity.status)
                       .join(EntityType, EntityType.id == Entity.entity_type_id)
                       .where(EntityType.name == "Episode", db.in_keys(Entity.project_id, list(project_ids)))
                       .order_by(Entity.name, Entity.id))
    out: list[uuid.UUID | None] = []
    for group in many_per_key(rows, "project_id", project_ids):
        running = [r for r in group if r["status"] == "running"]
        out.append((running or group)[0]["id"] if group else None)
    return out


async def descriptors(db, project_ids: Sequence[uuid.UUID], visibility: Mapping[uuid.UUID, tuple[bool, list | None]]
                      ) -> list[list[Row]]:
    """Each project's metadata descriptors with their department ids, narrowed by `visibility[project_id]` =
    (for_client, vendor_departments): a client reads only the client ones, a vendor those of no department
    or of one of theirs."""
    rows = await fetch(db, select(MetadataDescriptor.__table__)
                       .where(db.in_keys(MetadataDescriptor.project_id, list(project_ids)))
                       .order_by(MetadataDescriptor.position, MetadataDescriptor.name, MetadataDescriptor.id))
    links = await fetch(db, select(DepartmentMetadataDescriptorLink.metadata_descriptor_id,
                                   DepartmentMetadataDescriptorLink.department_id)
                        .where(db.in_keys(DepartmentMetadataDescriptorLink.metadata_descriptor_id,
                                          [r["id"] for r in rows]))) if rows else []
    for r, group in zip(rows, many_per_key(links, "metadata_descriptor_id", [r["id"] for r in rows])):
        r["departments"] = [link["department_id"] for link in group]
    kept = [r for r in rows if _visible(r, *visibility.get(r["project_id"], (False, None)))]
    return many_per_key(kept, "project_id", project_ids)


def _visible(descriptor: Row, for_client: bool, vendor_departments: list | None) -> bool:
    if for_client:
        return bool(descriptor["for_client"])
    if vendor_departments is not None:
        return not descriptor["departments"] or bool(set(descriptor["departments"]) & set(vendor_departments))
    return True


# --- saved filters ---

async def search_filters(db, person_id: uuid.UUID, department_ids: Iterable[uuid.UUID], *, is_manager: bool
                         ) -> list[Row]:
    return await _filters(db, SearchFilter, person_id, department_ids, is_manager,
                          order=(SearchFilter.created_at, SearchFilter.id))


async def search_filter_groups(db, person_id: uuid.UUID, department_ids: Iterable[uuid.UUID], *, is_manager: bool
                               ) -> list[Row]:
    return await _filters(db, SearchFilterGroup, person_id, department_ids, is_manager,
                          order=(SearchFilterGroup.created_at.desc(), SearchFilterGroup.id))


async def _filters(db, table, person_id, department_ids, is_manager, *, order) -> list[Row]:
    """The person's own filters and the shared ones, of open projects or of none; one restricted to a
    department only for managers and members of that department."""
    departments = list(department_ids)
    open_project = exists().where(Project.id == table.project_id, Project.project_status_id == ProjectStatus.id,
                                  ProjectStatus.name == OPEN)
    department_ok = (table.department_id.is_(None) if not is_manager else None)
    if department_ok is not None and departments:
        department_ok = or_(department_ok, db.in_keys(table.department_id, departments))
    stmt = select(table.__table__).where(or_(table.person_id == person_id, table.is_shared.is_(True)),
                                         or_(table.project_id.is_(None), open_project))
    if department_ok is not None:
        stmt = stmt.where(department_ok)
    return await fetch(db, stmt.order_by(*order))


def grouped_by_list_and_project(rows: Iterable[Row]) -> dict[str, dict[str, list[Row]]]:
    """{list_type: {project_id or "all": [rows]}}, as Zou groups saved filters."""
    out: dict[str, dict[str, list[Row]]] = {}
    for r in rows:
        key = str(r["project_id"]) if r["project_id"] is not None else "all"
        out.setdefault(r["list_type"], {}).setdefault(key, []).append(r)
    return out


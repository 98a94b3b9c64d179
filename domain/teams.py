"""Project teams: who is in which project, with which per-project role."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.tables import Project, ProjectPersonLink, ProjectStatus, Task, TaskPersonLink


async def team_roles_of_person(db, person_id: uuid.UUID) -> dict[uuid.UUID, str | None]:
    """{project_id: per-project role or None} for every project whose team holds the person."""
    rows = await db.rows(select(ProjectPersonLink.project_id, ProjectPersonLink.role)
                         .where(ProjectPersonLink.person_id == person_id))
    return {r["project_id"]: r["role"] for r in rows}


async def open_project_ids(db, project_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not project_ids:
        return set()
    rows = await db.scalars(select(Project.id).join(ProjectStatus, Project.project_status_id == ProjectStatus.id)
                            .where(db.in_keys(Project.id, list(project_ids)), ProjectStatus.name == "Open"))
    return set(rows)


async def projects_exist(db, project_ids: Sequence[uuid.UUID]) -> list[bool]:
    found = set(await db.scalars(select(Project.id).where(db.in_keys(Project.id, list(project_ids)))))
    return [p in found for p in project_ids]


async def entity_ids_assigned_to(db, person_id: uuid.UUID, entity_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of `entity_ids` have at least one task assigned to the person (a vendor's entity access)."""
    rows = await db.scalars(select(Task.entity_id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id)
                            .where(TaskPersonLink.person_id == person_id, db.in_keys(Task.entity_id, list(entity_ids)))
                            .distinct())
    return set(rows)


async def project_ids_with_assignment(db, person_id: uuid.UUID) -> set[uuid.UUID]:
    rows = await db.scalars(select(Task.project_id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id)
                            .where(TaskPersonLink.person_id == person_id).distinct())
    return {r for r in rows if r is not None}

"""Tasks, task types and task statuses: batch reads and listing filters."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import exists, func, not_, or_, select
from sqlalchemy.orm import aliased

from domain.batch import Assigned, Row, fetch, many_per_key, one_per_key, where_all, within
from domain.tables import Entity, EntityType, Person, Project, Task, TaskPersonLink, TaskStatus, TaskType

TASK = Task.__table__


def assigned_task_clause(db, assigned_to: Assigned | None):
    """A vendor's tasks: in the vendor's projects, only the tasks assigned to them."""
    if assigned_to is None or not assigned_to.project_ids:
        return None
    mine = exists(select(TaskPersonLink.task_id).where(TaskPersonLink.task_id == Task.id,
                                                       TaskPersonLink.person_id == assigned_to.person_id))
    return or_(not_(db.in_keys(Task.project_id, list(assigned_to.project_ids))), mine)


def task_filters(db, *, project_ids: Iterable[uuid.UUID] | None = None, task_type_id: uuid.UUID | None = None,
                 task_status_id: uuid.UUID | None = None, updated_since: datetime | None = None,
                 assigned_to: Assigned | None = None) -> list:
    return [
        within(db, Task.project_id, project_ids),
        assigned_task_clause(db, assigned_to),
        Task.task_type_id == task_type_id if task_type_id is not None else None,
        Task.task_status_id == task_status_id if task_status_id is not None else None,
        Task.updated_at >= updated_since if updated_since is not None else None,
    ]


async def tasks_by_ids(db, ids: Sequence[uuid.UUID], *, project_ids=None, assigned_to=None) -> list[Row | None]:
    stmt = where_all(select(TASK).where(db.in_keys(Task.id, ids)),
                     *task_filters(db, project_ids=project_ids, assigned_to=assigned_to))
    return one_per_key(await fetch(db, stmt), "id", ids)


async def tasks_for_entities(db, entity_ids: Sequence[uuid.UUID], *, project_ids=None, task_type_id=None,
                             task_status_id=None, updated_since=None, assigned_to=None) -> list[list[Row]]:
    """Each entity's tasks, in task type priority order."""
    stmt = where_all(select(TASK).join(TaskType, TaskType.id == Task.task_type_id)
                     .where(db.in_keys(Task.entity_id, entity_ids)),
                     *task_filters(db, project_ids=project_ids, task_type_id=task_type_id,
                                   task_status_id=task_status_id, updated_since=updated_since,
                                   assigned_to=assigned_to))
    rows = await fetch(db, stmt.order_by(TaskType.priority, TaskType.name, Task.id))
    return many_per_key(rows, "entity_id", entity_ids)


async def tasks_for_assignees(db, person_ids: Sequence[uuid.UUID], *, project_ids=None, task_type_id=None,
                              task_status_id=None, updated_since=None, assigned_to=None) -> list[list[Row]]:
    """Each person's assigned tasks (most recently updated first)."""
    stmt = where_all(select(TASK, TaskPersonLink.person_id.label("assignee_id"))
                     .join(TaskPersonLink, TaskPersonLink.task_id == Task.id)
                     .where(db.in_keys(TaskPersonLink.person_id, person_ids)),
                     *task_filters(db, project_ids=project_ids, task_type_id=task_type_id,
                                   task_status_id=task_status_id, updated_since=updated_since,
                                   assigned_to=assigned_to))
    rows = await fetch(db, stmt.order_by(Task.updated_at.desc(), Task.id))
    return many_per_key(rows, "assignee_id", person_ids)


def task_listing(db, *, project_ids=None, project_id=None, entity_id=None, task_type_id=None,
                 task_status_id=None, assignee_id=None, updated_since=None, assigned_to=None):
    """The select of a root list of tasks."""
    stmt = select(TASK)
    if assignee_id is not None:
        stmt = stmt.join(TaskPersonLink, TaskPersonLink.task_id == Task.id).where(
            TaskPersonLink.person_id == assignee_id)
    return where_all(
        stmt,
        *task_filters(db, project_ids=project_ids, task_type_id=task_type_id, task_status_id=task_status_id,
                      updated_since=updated_since, assigned_to=assigned_to),
        Task.project_id == project_id if project_id is not None else None,
        Task.entity_id == entity_id if entity_id is not None else None,
    ).order_by(Task.created_at, Task.id)


async def assignees_for_tasks(db, task_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each task's assignees (person rows), by name."""
    rows = await fetch(db, select(Person.__table__, TaskPersonLink.task_id.label("assigned_task_id"))
                       .join(TaskPersonLink, TaskPersonLink.person_id == Person.id)
                       .where(db.in_keys(TaskPersonLink.task_id, task_ids))
                       .order_by(Person.first_name, Person.last_name, Person.id))
    return many_per_key(rows, "assigned_task_id", task_ids)


async def assignee_ids_for_tasks(db, task_ids: Sequence[uuid.UUID]) -> list[list[uuid.UUID]]:
    rows = await fetch(db, select(TaskPersonLink.task_id, TaskPersonLink.person_id)
                       .where(db.in_keys(TaskPersonLink.task_id, task_ids)))
    return [[r["person_id"] for r in group] for group in many_per_key(rows, "task_id", task_ids)]


async def task_types_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(TaskType.__table__).where(db.in_keys(TaskType.id, ids)))
    return one_per_key(rows, "id", ids)


async def task_statuses_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(TaskStatus.__table__).where(db.in_keys(TaskStatus.id, ids)))
    return one_per_key(rows, "id", ids)


def task_type_listing(*, name: str | None = None, for_entity: str | None = None, archived: bool | None = None):
    return where_all(
        select(TaskType.__table__),
        func.lower(TaskType.name).contains(name.lower(), autoescape=True) if name else None,
        TaskType.for_entity == for_entity if for_entity else None,
        (TaskType.archived.is_(True) if archived else TaskType.archived.isnot(True)) if archived is not None else None,
    ).order_by(TaskType.for_entity, TaskType.priority, TaskType.name, TaskType.id)


def task_status_listing(*, name: str | None = None, archived: bool | None = None):
    return where_all(
        select(TaskStatus.__table__),
        func.lower(TaskStatus.name).contains(name.lower(), autoescape=True) if name else None,
        (TaskStatus.archived.is_(True) if archived else TaskStatus.archived.isnot(True))
        if archived is not None else None,
    ).order_by(TaskStatus.priority, TaskStatus.name, TaskStatus.id)


async def task_types_for_entities(db, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each entity's task types, those it has at least one task of (distinct), by priority then name."""
    rows = await fetch(db, select(TaskType.__table__, Task.entity_id.label("of_entity_id"))
                       .join(Task, Task.task_type_id == TaskType.id)
                       .where(db.in_keys(Task.entity_id, entity_ids))
                       .distinct()
                       .order_by(TaskType.priority, TaskType.name, TaskType.id))
    return many_per_key(rows, "of_entity_id", entity_ids)


async def named_tasks_for_entities(db, entity_ids: Sequence[uuid.UUID], *, project_ids=None,
                                   assigned_to=None) -> list[list[Row]]:
    """Each entity's tasks with the names a task list shows: `project_name`, `task_type_name`,
    `task_status_name`, `entity_type_name`, `entity_name` (unordered)."""
    stmt = where_all(select(TASK, Project.name.label("project_name"), TaskType.name.label("task_type_name"),
                            TaskStatus.name.label("task_status_name"), EntityType.name.label("entity_type_name"),
                            Entity.name.label("entity_name"))
                     .join(Project, Project.id == Task.project_id)
                     .join(TaskType, TaskType.id == Task.task_type_id)
                     .join(TaskStatus, TaskStatus.id == Task.task_status_id)
                     .join(Entity, Entity.id == Task.entity_id)
                     .join(EntityType, EntityType.id == Entity.entity_type_id)
                     .where(db.in_keys(Task.entity_id, entity_ids)),
                     *task_filters(db, project_ids=project_ids, assigned_to=assigned_to))
    return many_per_key(await fetch(db, stmt), "entity_id", entity_ids)


def project_task_listing(db, project_id: uuid.UUID, *, task_type_id: uuid.UUID | None = None,
                         episode_id: uuid.UUID | None = None, project_ids=None, assigned_to=None):
    """The select of a project's tasks, most recently updated first; `episode_id` keeps the tasks of the
    shots of that episode's sequences."""
    stmt = select(TASK).where(Task.project_id == project_id)
    if episode_id is not None:
        sequence = aliased(Entity)
        stmt = (stmt.join(Entity, Entity.id == Task.entity_id).join(sequence, sequence.id == Entity.parent_id)
                .where(sequence.parent_id == episode_id))
    return where_all(stmt, Task.task_type_id == task_type_id if task_type_id is not None else None,
                     *task_filters(db, project_ids=project_ids, assigned_to=assigned_to)
                     ).order_by(Task.updated_at.desc(), Task.id)

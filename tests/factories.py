"""Test data: plain async factories with keyword arguments. Each inserts one row with Core `insert()` through a
`Db` (Zou's Python-side defaults filled in, as `domain/crud_models.py` lists them) and returns it as a dict.

    project = await make_project(db, team=[person])
    shot = await make_shot(db, project=project, sequence=seq, name="SH010")
    headers = auth_headers(settings, person)
"""
from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

import bcrypt
from sqlalchemy import insert, select

from domain import tokens
from domain.base import new_id, utcnow
from domain.crud_models import MODELS, open_status_id, temporal_type_id
from domain.tables import (
    Budget, BudgetEntry, DayOff, Department, DepartmentLink, DepartmentMetadataDescriptorLink, Entity, EntityLink,
    EntityType, MetadataDescriptor, Person, Project, ProjectPersonLink, ProjectStatus, ProjectTaskStatusLink,
    ProjectTaskTypeLink, SearchFilterGroup, Task, TaskPersonLink, TaskStatus, TaskType, TimeSpent,
)

Row = dict[str, Any]
_seq = itertools.count(1)
_DEFAULTS = {m.table: m.defaults for m in MODELS.values()}
PASSWORD = "mysecretpassword"
_HASH = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4))


def unique(prefix: str) -> str:
    return f"{prefix} {next(_seq)}-{uuid.uuid4().hex[:6]}"


def _id(value: Row | uuid.UUID | None) -> uuid.UUID | None:
    return value["id"] if isinstance(value, dict) else value


async def insert_row(db, table, **values: Any) -> Row:
    """One row of `table` with Zou's defaults, id and timestamps; returns the stored row."""
    now = utcnow()
    row = {**_DEFAULTS.get(table, {}), **values}
    row.setdefault("id", new_id())
    row.setdefault("created_at", now)
    row.setdefault("updated_at", now)
    await db.execute(insert(table.__table__).values(row))
    found = await db.rows(select(table.__table__).where(table.id == row["id"]))
    return dict(found[0])


async def link(db, table, **values: Any) -> None:
    await db.execute(insert(table.__table__).values(values))


def auth_headers(settings, person: Row | uuid.UUID) -> dict[str, str]:
    """A valid access token of the person, as the `Authorization` header."""
    token = tokens.make_token(tokens.TokenConfig(settings.secret_key), _id(person), kind="access")
    return {"Authorization": f"Bearer {token}"}


# --- people and organisation -----------------------------------------------------------------------------

async def make_department(db, *, name: str | None = None, color: str = "#123456", **values) -> Row:
    return await insert_row(db, Department, name=name or unique("Dept"), color=color, **values)


async def make_person(db, *, role: str = "user", first_name: str = "Jane", last_name: str | None = None,
                      email: str | None = None, password: str | None = PASSWORD, departments=(), **values) -> Row:
    last_name = last_name or unique("Doe")
    email = email or f"{uuid.uuid4().hex[:10]}@example.com"
    hashed = _HASH if password == PASSWORD else (bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4))
                                                 if password else None)
    person = await insert_row(db, Person, first_name=first_name, last_name=last_name, email=email, role=role,
                              password=hashed, **values)
    for department in departments:
        await link(db, DepartmentLink, person_id=person["id"], department_id=_id(department))
    return person


async def make_search_filter_group(db, *, person=None, project=None, name: str | None = None,
                                   list_type: str = "asset", **values) -> Row:
    return await insert_row(db, SearchFilterGroup, name=name or unique("Group"), list_type=list_type,
                            person_id=_id(person), project_id=_id(project), **values)


# --- productions -----------------------------------------------------------------------------------------

async def make_project_status(db, *, name: str | None = None, color: str = "#000000") -> Row:
    return await insert_row(db, ProjectStatus, name=name or unique("Status"), color=color)


async def closed_status_id(db) -> uuid.UUID:
    found = await db.scalars(select(ProjectStatus.id).where(ProjectStatus.name == "Closed"))
    return found[0] if found else (await make_project_status(db, name="Closed"))["id"]


async def make_project(db, *, name: str | None = None, team=(), closed: bool = False, task_types=(),
                       task_statuses=(), **values) -> Row:
    """A production (open unless `closed`), with its team (persons or (person, role) pairs) and links."""
    status = await closed_status_id(db) if closed else await open_status_id(db)
    values.setdefault("project_status_id", status)
    project = await insert_row(db, Project, name=name or unique("Project"), **values)
    for member in team:
        person, role = member if isinstance(member, tuple) else (member, None)
        await link(db, ProjectPersonLink, project_id=project["id"], person_id=_id(person), role=role)
    now = utcnow()
    for task_type in task_types:
        await link(db, ProjectTaskTypeLink, id=new_id(), project_id=project["id"], task_type_id=_id(task_type),
                   priority=None, created_at=now, updated_at=now)
    for task_status in task_statuses:
        await link(db, ProjectTaskStatusLink, id=new_id(), project_id=project["id"], task_status_id=_id(task_status),
                   priority=None, roles_for_board=["user", "admin", "supervisor", "manager", "vendor"],
                   created_at=now, updated_at=now)
    return project


async def add_to_team(db, project, person, role: str | None = None) -> None:
    await link(db, ProjectPersonLink, project_id=_id(project), person_id=_id(person), role=role)


async def make_entity_type(db, *, name: str | None = None, **values) -> Row:
    """An asset type (any name that is not a built-in temporal type)."""
    return await insert_row(db, EntityType, name=name or unique("Type")[:30], **values)


async def entity_type(db, name: str) -> Row:
    """The built-in entity type of that name (Shot, Sequence, Episode...), created if missing."""
    type_id = await temporal_type_id(db, name)
    return dict((await db.rows(select(EntityType.__table__).where(EntityType.id == type_id)))[0])


async def make_entity(db, *, project, entity_type, name: str | None = None, parent=None, created_by=None,
                      **values) -> Row:
    return await insert_row(db, Entity, name=name or unique("Entity"), project_id=_id(project),
                            entity_type_id=_id(entity_type), parent_id=_id(parent), created_by=_id(created_by),
                            **values)


async def make_episode(db, *, project, name: str | None = None, **values) -> Row:
    return await make_entity(db, project=project, entity_type=await entity_type(db, "Episode"),
                             name=name or unique("E"), **values)


async def make_sequence(db, *, project, episode=None, name: str | None = None, **values) -> Row:
    return await make_entity(db, project=project, entity_type=await entity_type(db, "Sequence"), parent=episode,
                             name=name or unique("SQ"), **values)


async def make_shot(db, *, project, sequence=None, name: str | None = None, **values) -> Row:
    return await make_entity(db, project=project, entity_type=await entity_type(db, "Shot"), parent=sequence,
                             name=name or unique("SH"), **values)


async def make_asset(db, *, project, asset_type=None, name: str | None = None, **values) -> Row:
    asset_type = asset_type or await make_entity_type(db)
    return await make_entity(db, project=project, entity_type=asset_type, name=name or unique("Asset"), **values)


async def make_entity_link(db, *, entity_in, entity_out, nb_occurences: int = 1, **values) -> Row:
    return await insert_row(db, EntityLink, entity_in_id=_id(entity_in), entity_out_id=_id(entity_out),
                            nb_occurences=nb_occurences, **values)


async def make_metadata_descriptor(db, *, project, name: str | None = None, entity_type: str = "Asset",
                                   departments=(), **values) -> Row:
    name = name or unique("Field")
    values.setdefault("field_name", name.lower().replace(" ", "_").replace("-", "_"))
    values.setdefault("data_type", "string")
    descriptor = await insert_row(db, MetadataDescriptor, project_id=_id(project), name=name,
                                  entity_type=entity_type, **values)
    for department in departments:
        await link(db, DepartmentMetadataDescriptorLink, metadata_descriptor_id=descriptor["id"],
                   department_id=_id(department))
    return descriptor


# --- tasks and time --------------------------------------------------------------------------------------

async def make_task_type(db, *, name: str | None = None, for_entity: str = "Shot", department=None,
                         **values) -> Row:
    return await insert_row(db, TaskType, name=name or unique("TT")[:40], for_entity=for_entity,
                            department_id=_id(department), **values)


async def make_task_status(db, *, name: str | None = None, short_name: str | None = None, color: str = "#f5f5f5",
                           **values) -> Row:
    return await insert_row(db, TaskStatus, name=name or unique("Status")[:40],
                            short_name=short_name or uuid.uuid4().hex[:10], color=color, **values)


async def make_task(db, *, entity, task_type=None, task_status=None, project=None, assignees=(),
                    name: str = "main", **values) -> Row:
    """A task of an entity (its project by default), assigned to `assignees`."""
    task_type = task_type or await make_task_type(db)
    task_status = task_status or await make_task_status(db)
    project_id = _id(project) if project is not None else entity["project_id"]
    task = await insert_row(db, Task, name=name, entity_id=_id(entity), task_type_id=_id(task_type),
                            task_status_id=_id(task_status), project_id=project_id, **values)
    for person in assignees:
        await link(db, TaskPersonLink, task_id=task["id"], person_id=_id(person))
    return task


async def make_time_spent(db, *, task, person, duration: float = 60.0, day: date = date(2026, 1, 5)) -> Row:
    return await insert_row(db, TimeSpent, task_id=_id(task), person_id=_id(person), duration=duration, date=day)


async def make_day_off(db, *, person, day: date = date(2026, 2, 2), end: date | None = None,
                       description: str | None = "holiday") -> Row:
    return await insert_row(db, DayOff, person_id=_id(person), date=day, end_date=end or day,
                            description=description)


async def make_budget(db, *, project, name: str | None = None, revision: int = 1, currency: str = "EUR") -> Row:
    return await insert_row(db, Budget, project_id=_id(project), name=name or unique("Budget"), revision=revision,
                            currency=currency)


async def make_budget_entry(db, *, budget, department, person=None, start_date: date = date(2026, 1, 1),
                            months_duration: int = 3, daily_salary: float = 300.0, **values) -> Row:
    return await insert_row(db, BudgetEntry, budget_id=_id(budget), department_id=_id(department),
                            person_id=_id(person), start_date=start_date, months_duration=months_duration,
                            daily_salary=daily_salary, exceptions={}, **values)

"""Entities (Zou's one `entity` table for episodes, sequences, shots, scenes, edits, concepts and assets):
batch reads and the listing filters. An entity's kind is its entity type's name for the shot-side types,
"Asset" for every other type (the asset types)."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import exists, func, not_, or_, select
from sqlalchemy.orm import aliased

from domain.batch import Assigned, Row, fetch, many_per_key, one_per_key, where_all, within
from domain.tables import Entity, EntityType, Task, TaskPersonLink

ENTITY = Entity.__table__
SHOT_SIDE_KINDS = frozenset({"Shot", "Scene", "Sequence", "Episode", "Edit", "Concept", "ConceptFolder"})
# Containers carry no work of their own: a vendor sees them, and within them what is assigned.
CONTAINER_KINDS = frozenset({"Episode", "Sequence"})


def kind_of(entity_type_name: str) -> str:
    return entity_type_name if entity_type_name in SHOT_SIDE_KINDS else "Asset"


def _with_kind(rows: list[Row]) -> list[Row]:
    for r in rows:
        r["kind"] = kind_of(r["entity_type_name"])
    return rows


def _typed_select():
    return (select(ENTITY, EntityType.name.label("entity_type_name"))
            .join(EntityType, EntityType.id == Entity.entity_type_id))


def _kind_clause(kind: str):
    """Entities of one kind, on a select joined with entity_type."""
    if kind == "Asset":
        return not_(EntityType.name.in_(sorted(SHOT_SIDE_KINDS)))
    return EntityType.name == kind


def assigned_clause(db, entity_id_column, project_id_column, assigned_to: Assigned | None):
    """Restricts a vendor to what is assigned to them: rows of the vendor's projects only when some task of
    the entity is assigned to the person."""
    if assigned_to is None or not assigned_to.project_ids:
        return None
    has_task = exists(select(Task.id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id).where(
        Task.entity_id == entity_id_column, TaskPersonLink.person_id == assigned_to.person_id))
    return or_(not_(db.in_keys(project_id_column, list(assigned_to.project_ids))), has_task)


def entity_filters(db, *, project_ids: Iterable[uuid.UUID] | None = None, name: str | None = None,
                   canceled: bool | None = None, updated_since: datetime | None = None,
                   assigned_to: Assigned | None = None, kind: str | None = None) -> list:
    """Filters of a select joined with entity_type; `kind` None when the select mixes kinds."""
    assigned = None
    if kind not in CONTAINER_KINDS:
        assigned = assigned_clause(db, Entity.id, Entity.project_id, assigned_to)
        if assigned is not None and kind is None:
            assigned = or_(EntityType.name.in_(sorted(CONTAINER_KINDS)), assigned)
    return [
        within(db, Entity.project_id, project_ids),
        assigned,
        func.lower(Entity.name).contains(name.lower(), autoescape=True) if name else None,
        (Entity.canceled.is_(True) if canceled else Entity.canceled.isnot(True)) if canceled is not None else None,
        Entity.updated_at >= updated_since if updated_since is not None else None,
    ]


async def entities_by_ids(db, ids: Sequence[uuid.UUID], *, project_ids=None, assigned_to=None) -> list[Row | None]:
    """Entities of any kind, each with `entity_type_name` and `kind`."""
    stmt = where_all(_typed_select().where(db.in_keys(Entity.id, ids)),
                     *entity_filters(db, project_ids=project_ids, assigned_to=assigned_to))
    return one_per_key(_with_kind(await fetch(db, stmt)), "id", ids)


async def entities_of_kind_by_ids(db, ids: Sequence[uuid.UUID], kind: str, *, project_ids=None,
                                  assigned_to=None) -> list[Row | None]:
    stmt = where_all(_typed_select().where(db.in_keys(Entity.id, ids), _kind_clause(kind)),
                     *entity_filters(db, project_ids=project_ids, assigned_to=assigned_to, kind=kind))
    return one_per_key(_with_kind(await fetch(db, stmt)), "id", ids)


async def entities_for_projects(db, project_ids: Sequence[uuid.UUID], kind: str, *, name=None, canceled=None,
                                updated_since=None, asset_type_id: uuid.UUID | None = None,
                                assigned_to=None) -> list[list[Row]]:
    """Each project's entities of one kind, by name."""
    stmt = where_all(_typed_select().where(db.in_keys(Entity.project_id, project_ids), _kind_clause(kind)),
                     *entity_filters(db, name=name, canceled=canceled, updated_since=updated_since,
                                     assigned_to=assigned_to, kind=kind),
                     Entity.entity_type_id == asset_type_id if asset_type_id else None)
    rows = _with_kind(await fetch(db, stmt.order_by(Entity.name, Entity.id)))
    return many_per_key(rows, "project_id", project_ids)


async def children_of(db, parent_ids: Sequence[uuid.UUID], kind: str, *, project_ids=None, name=None,
                      canceled=None, updated_since=None, assigned_to=None) -> list[list[Row]]:
    """Each parent's child entities of one kind (an episode's sequences, a sequence's shots), by name."""
    stmt = where_all(_typed_select().where(db.in_keys(Entity.parent_id, parent_ids), _kind_clause(kind)),
                     *entity_filters(db, project_ids=project_ids, name=name, canceled=canceled,
                                     updated_since=updated_since, assigned_to=assigned_to, kind=kind))
    rows = _with_kind(await fetch(db, stmt.order_by(Entity.name, Entity.id)))
    return many_per_key(rows, "parent_id", parent_ids)


def entity_listing(db, kind: str, *, project_ids=None, project_id: uuid.UUID | None = None,
                   episode_id: uuid.UUID | None = None, sequence_id: uuid.UUID | None = None,
                   asset_type_id: uuid.UUID | None = None, name=None, canceled=None, updated_since=None,
                   assigned_to=None):
    """The select of a root list of entities of one kind, by name. `episode_id` holds for sequences (their
    parent) and for shots (their sequence's parent)."""
    stmt = _typed_select().where(_kind_clause(kind))
    if episode_id is not None:
        if kind == "Shot":
            parent = aliased(Entity)
            stmt = stmt.join(parent, parent.id == Entity.parent_id).where(parent.parent_id == episode_id)
        else:
            stmt = stmt.where(Entity.parent_id == episode_id)
    return where_all(
        stmt,
        *entity_filters(db, project_ids=project_ids, name=name, canceled=canceled, updated_since=updated_since,
                        assigned_to=assigned_to, kind=kind),
        Entity.project_id == project_id if project_id is not None else None,
        Entity.parent_id == sequence_id if sequence_id is not None else None,
        Entity.entity_type_id == asset_type_id if asset_type_id is not None else None,
    ).order_by(Entity.name, Entity.id)


def rows_with_kind(rows: list[Row]) -> list[Row]:
    """Rows of `entity_listing` with their `kind`."""
    return _with_kind(rows)


async def entity_types_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(EntityType.__table__).where(db.in_keys(EntityType.id, ids)))
    return one_per_key(rows, "id", ids)


async def asset_types(db, *, name: str | None = None) -> list[Row]:
    stmt = select(EntityType.__table__).where(not_(EntityType.name.in_(sorted(SHOT_SIDE_KINDS))))
    if name:
        stmt = stmt.where(func.lower(EntityType.name) == name.lower())
    return await fetch(db, stmt.order_by(EntityType.name))


async def entity_type_by_name(db, name: str) -> Row | None:
    rows = await fetch(db, select(EntityType.__table__).where(EntityType.name == name))
    return rows[0] if rows else None



async def casting_containers(db, project_id: uuid.UUID, *, project_ids=None, assigned_to=None) -> list[Row]:
    """The project's entities (any kind) that cast at least one asset, by name."""
    from domain.tables import EntityLink

    casts = exists(select(EntityLink.id).where(EntityLink.entity_in_id == Entity.id))
    stmt = where_all(_typed_select().where(Entity.project_id == project_id, casts),
                     *entity_filters(db, project_ids=project_ids, assigned_to=assigned_to))
    return _with_kind(await fetch(db, stmt.order_by(Entity.name, Entity.id)))

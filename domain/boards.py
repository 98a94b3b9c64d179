"""The production boards of the web UI (Zou's `*/with-tasks` lists, entities.md §7): which shots, assets,
edits and sequences a board lists under Zou's criteria, and the per-task reads the boards add (assignee ids,
the caller's subscriptions, the episodes an asset is cast in). The tasks themselves come from
`domain.tasks`."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, not_, or_, select
from sqlalchemy.orm import aliased

from domain.batch import Assigned, Row, fetch, many_per_key, where_all, within
from domain.entities import SHOT_SIDE_KINDS, kind_of
from domain.tables import Entity, EntityLink, EntityType, Project, Subscription, Task, TaskPersonLink

ENTITY = Entity.__table__
MAIN, ALL = "main", "all"


@dataclass(frozen=True)
class Criteria:
    """A board's filters: `episode_id` may be "all" (no filter) or "main" (outside any episode)."""

    project_id: uuid.UUID | None = None
    episode_id: uuid.UUID | str | None = None
    entity_id: uuid.UUID | None = None
    assigned_to_me: bool = False  # Zou's `assigned_to` criterion (any value): only what the caller is assigned


async def every_project_id(db) -> list[uuid.UUID]:
    return list(await db.scalars(select(Project.id)))


def _typed(kind: str):
    stmt = select(ENTITY, EntityType.name.label("entity_type_name")).join(
        EntityType, EntityType.id == Entity.entity_type_id)
    if kind == "Asset":
        return stmt.where(not_(EntityType.name.in_(sorted(SHOT_SIDE_KINDS))))
    return stmt.where(EntityType.name == kind)


def _has_assigned_task(person_id: uuid.UUID, entity_id_column):
    return exists(select(Task.id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id).where(
        Task.entity_id == entity_id_column, TaskPersonLink.person_id == person_id))


def _assigned(db, assigned_to: Assigned | None, entity_id_column=Entity.id):
    """Within the vendor's projects, only entities holding a task assigned to them."""
    if assigned_to is None or not assigned_to.project_ids:
        return None
    return or_(not_(db.in_keys(Entity.project_id, list(assigned_to.project_ids))),
               _has_assigned_task(assigned_to.person_id, entity_id_column))


def _common(db, c: Criteria, project_ids) -> list:
    return [within(db, Entity.project_id, project_ids),
            Entity.project_id == c.project_id if c.project_id is not None else None,
            Entity.id == c.entity_id if c.entity_id is not None else None]


async def _rows(db, stmt) -> list[Row]:
    rows = await fetch(db, stmt)
    for r in rows:
        r["kind"] = kind_of(r.pop("entity_type_name"))
    return rows


async def board_shots(db, c: Criteria, *, project_ids=None, assigned_to: Assigned | None = None) -> list[Row]:
    """Shots placed in a sequence (Zou joins the sequence), of an episode's sequences when given."""
    sequence = aliased(Entity)
    stmt = _typed("Shot").join(sequence, sequence.id == Entity.parent_id)
    if c.episode_id == MAIN:
        return []
    episode = sequence.parent_id == c.episode_id if isinstance(c.episode_id, uuid.UUID) else None
    stmt = where_all(stmt, *_common(db, c, project_ids), episode, _assigned(db, assigned_to))
    return await _rows(db, stmt.order_by(Entity.name, Entity.id))


async def board_assets(db, c: Criteria, *, project_ids=None, assigned_to: Assigned | None = None) -> list[Row]:
    """Assets by asset type name then name; an episode lists its own assets and those cast in it, the main
    pack the assets of no episode."""
    stmt = _typed("Asset")
    if c.episode_id == MAIN:
        episode = Entity.source_id.is_(None)
    elif isinstance(c.episode_id, uuid.UUID):
        cast = exists(select(EntityLink.id).where(EntityLink.entity_out_id == Entity.id,
                                                  EntityLink.entity_in_id == c.episode_id))
        episode = or_(Entity.source_id == c.episode_id, cast)
    else:
        episode = None
    stmt = where_all(stmt, *_common(db, c, project_ids), episode, _assigned(db, assigned_to))
    return await _rows(db, stmt.order_by(EntityType.name, Entity.name, Entity.id))


async def board_edits(db, c: Criteria, *, project_ids=None, assigned_to: Assigned | None = None) -> list[Row]:
    """Edits of an episode (`main`: of none)."""
    if c.episode_id == MAIN:
        episode = Entity.parent_id.is_(None)
    elif isinstance(c.episode_id, uuid.UUID):
        episode = Entity.parent_id == c.episode_id
    else:
        episode = None
    stmt = where_all(_typed("Edit"), *_common(db, c, project_ids), episode, _assigned(db, assigned_to))
    return await _rows(db, stmt.order_by(Entity.name, Entity.id))


async def board_sequences(db, c: Criteria, *, project_ids=None, assigned_to: Assigned | None = None) -> list[Row]:
    """Sequences of an episode; a vendor sees those holding a shot with a task of theirs."""
    episode = Entity.parent_id == c.episode_id if isinstance(c.episode_id, uuid.UUID) else None
    assigned = None
    if assigned_to is not None and assigned_to.project_ids:
        shot = aliased(Entity)
        holds = exists(select(shot.id).where(shot.parent_id == Entity.id,
                                             _has_assigned_task(assigned_to.person_id, shot.id)))
        assigned = or_(not_(db.in_keys(Entity.project_id, list(assigned_to.project_ids))), holds)
    stmt = where_all(_typed("Sequence"), *_common(db, c, project_ids), episode, assigned)
    return await _rows(db, stmt.order_by(Entity.name, Entity.id))


async def subscribed_tasks(db, person_id: uuid.UUID, task_ids: Sequence[uuid.UUID]) -> list[bool]:
    """Whether the person subscribed to each task's notifications."""
    found = set(await db.scalars(select(Subscription.task_id).where(
        Subscription.person_id == person_id, db.in_keys(Subscription.task_id, task_ids))))
    return [t in found for t in task_ids]


async def casting_episodes_of_assets(db, asset_ids: Sequence[uuid.UUID], *,
                                     episode_id: uuid.UUID | None = None) -> list[list[uuid.UUID]]:
    """Each asset's episodes it is cast in (one of them only when `episode_id` is given), by episode name."""
    episode = aliased(Entity)
    stmt = (select(EntityLink.entity_out_id, EntityLink.entity_in_id)
            .join(episode, episode.id == EntityLink.entity_in_id)
            .join(EntityType, EntityType.id == episode.entity_type_id)
            .where(EntityType.name == "Episode", db.in_keys(EntityLink.entity_out_id, asset_ids)))
    if episode_id is not None:
        stmt = stmt.where(EntityLink.entity_in_id == episode_id)
    rows = await fetch(db, stmt.order_by(episode.name, episode.id))
    return [[r["entity_in_id"] for r in group] for group in many_per_key(rows, "entity_out_id", asset_ids)]

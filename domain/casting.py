"""Casting (breakdown): which assets are cast in which shots, episodes or assets (`entity_link` rows:
`entity_in_id` the container, `entity_out_id` the asset). Canceled assets are never part of a casting."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.orm import aliased

from domain.base import new_id, utcnow
from domain.batch import Row, fetch, many_per_key, where_all, within
from domain.events import EventBus
from domain.tables import Entity, EntityLink, EntityType, ProjectTaskTypeLink, Task, TaskType

ENTITY = Entity.__table__

LINK = EntityLink.__table__


async def casting_for_entities(db, entity_ids: Sequence[uuid.UUID], *, project_ids=None) -> list[list[Row]]:
    """Each container's casting links, ordered by asset type name then asset name (as Zou lists them).
    `project_ids` limits the containers' projects."""
    asset = aliased(Entity)
    stmt = (select(LINK)
            .join(asset, asset.id == EntityLink.entity_out_id)
            .join(EntityType, EntityType.id == asset.entity_type_id)
            .where(db.in_keys(EntityLink.entity_in_id, entity_ids), asset.canceled.isnot(True)))
    if project_ids is not None:
        container = aliased(Entity)
        stmt = stmt.join(container, container.id == EntityLink.entity_in_id).where(
            within(db, container.project_id, project_ids))
    rows = await fetch(db, stmt.order_by(EntityType.name, asset.name, asset.id))
    return many_per_key(rows, "entity_in_id", entity_ids)


async def cast_in_for_assets(db, asset_ids: Sequence[uuid.UUID], *, project_ids=None) -> list[list[Row]]:
    """Each asset's links to the containers it is cast in (shots, episodes, assets), by container name."""
    container = aliased(Entity)
    asset = aliased(Entity)
    stmt = (select(LINK)
            .join(container, container.id == EntityLink.entity_in_id)
            .join(asset, asset.id == EntityLink.entity_out_id)
            .where(db.in_keys(EntityLink.entity_out_id, asset_ids), asset.canceled.isnot(True)))
    stmt = where_all(stmt, within(db, container.project_id, project_ids))
    rows = await fetch(db, stmt.order_by(container.name, container.id))
    return many_per_key(rows, "entity_out_id", asset_ids)


# --- writes (breakdown.md §3) ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CastItem:
    """One entry of a casting: the asset and how many times (label "" when none)."""

    asset_id: uuid.UUID
    nb_occurences: int
    label: str = ""


async def live_link_count(db, entity_id: uuid.UUID) -> int:
    """How many non-canceled assets the container casts (what `nb_entities_out` caches)."""
    asset = aliased(Entity)
    found = await db.scalars(select(func.count()).select_from(EntityLink)
                             .join(asset, asset.id == EntityLink.entity_out_id)
                             .where(EntityLink.entity_in_id == entity_id, asset.canceled.isnot(True)))
    return int(found[0])


async def _cast_asset_ids(db, entity_id: uuid.UUID) -> set[uuid.UUID]:
    return set(await db.scalars(select(EntityLink.entity_out_id).where(EntityLink.entity_in_id == entity_id)))


async def _episode_of_shot(db, shot: Row) -> uuid.UUID | None:
    """The episode above a shot's sequence, None without sequence or episode."""
    if shot.get("parent_id") is None:
        return None
    found = await db.scalars(select(Entity.parent_id).where(Entity.id == shot["parent_id"]))
    return found[0] if found else None


async def _episode_shot_ids(db, episode_id: uuid.UUID) -> list[uuid.UUID]:
    sequence = aliased(Entity)
    shot_type = select(EntityType.id).where(EntityType.name == "Shot").scalar_subquery()
    return list(await db.scalars(select(Entity.id).join(sequence, sequence.id == Entity.parent_id)
                                 .where(sequence.parent_id == episode_id, Entity.entity_type_id == shot_type)))


async def _set_link_count(db, entity_id: uuid.UUID, count: int) -> None:
    await db.execute(update(Entity).where(Entity.id == entity_id).values(nb_entities_out=count))


def _casting_event(events: EventBus, kind: str, entity: Row, count: int, added, removed, actor_id) -> None:
    name = {"Shot": "shot", "Episode": "episode"}.get(kind, "asset")
    project_id = entity["project_id"]
    events.record(f"{name}:casting-update", {
        f"{name}_id": entity["id"], "nb_entities_out": count, "added_asset_ids": sorted(str(a) for a in added),
        "removed_asset_ids": sorted(str(a) for a in removed), "project_id": project_id},
        project_id=project_id, user_id=actor_id)


async def set_casting(db, events: EventBus, *, entity: Row, kind: str, items: Sequence[CastItem],
                      mentioned: set[uuid.UUID], actor_id: uuid.UUID | None = None) -> None:
    """Replace the casting of `entity` (a shot, an episode, an asset...) by `items`, as Zou does: an episode
    drops the assets it loses from its shots' castings too; a shot casts its new assets in its episode
    (links marked `auto`) and the episode forgets the auto links no shot needs any more; counters, the shot
    tasks' `nb_assets_ready` and the events follow. `mentioned` holds every asset id the request names
    (an episode keeps in its shots the assets named without a count)."""
    entity_id, project_id = entity["id"], entity["project_id"]
    previous = await _cast_asset_ids(db, entity_id)
    wanted = {item.asset_id for item in items}
    if kind == "Episode":
        await _uncast_from_episode_shots(db, events, entity_id, previous - mentioned, actor_id)
    await db.execute(delete(EntityLink).where(EntityLink.entity_in_id == entity_id))
    episode_id = await _episode_of_shot(db, entity) if kind == "Shot" else None
    linked: set[uuid.UUID] = set()
    for item in items:
        if item.asset_id in linked:
            await db.execute(update(EntityLink).where(EntityLink.entity_in_id == entity_id,
                                                      EntityLink.entity_out_id == item.asset_id)
                             .values(nb_occurences=item.nb_occurences, label=item.label))
            link_id = (await db.scalars(select(EntityLink.id).where(
                EntityLink.entity_in_id == entity_id, EntityLink.entity_out_id == item.asset_id)))[0]
            events.record("entity-link:update", {"entity_link_id": link_id, "nb_occurences": item.nb_occurences,
                                                 "project_id": project_id}, project_id=project_id, user_id=actor_id)
            continue
        if episode_id is not None:
            await _cast_in_episode(db, events, episode_id, item, project_id, actor_id)
        link_id = await _insert_link(db, entity_id, item.asset_id, item.nb_occurences, item.label)
        linked.add(item.asset_id)
        events.record("entity-link:new", {
            "entity_link_id": link_id, "entity_in_id": entity_id, "entity_out_id": item.asset_id,
            "nb_occurences": item.nb_occurences, "project_id": project_id}, project_id=project_id, user_id=actor_id)
        if kind == "Episode":
            events.record("asset:update", {"asset_id": item.asset_id, "project_id": project_id},
                          project_id=project_id, user_id=actor_id)
    count = await live_link_count(db, entity_id)
    await _set_link_count(db, entity_id, count)
    _casting_event(events, kind, entity, count, wanted - previous, previous - wanted, actor_id)
    if kind == "Shot":
        await refresh_shot_casting_stats(db, entity)
        if episode_id is not None:
            for asset_id in sorted(previous - wanted, key=str):
                await _detach_from_episode_if_unused(db, events, episode_id, asset_id, project_id, actor_id)


async def _insert_link(db, entity_in_id, entity_out_id, nb_occurences: int, label: str, data=None) -> uuid.UUID:
    link_id = new_id()
    now = utcnow()
    await db.execute(insert(EntityLink).values(id=link_id, entity_in_id=entity_in_id, entity_out_id=entity_out_id,
                                               nb_occurences=nb_occurences, label=label, data=data,
                                               created_at=now, updated_at=now))
    return link_id


async def _cast_in_episode(db, events: EventBus, episode_id: uuid.UUID, item: CastItem, project_id, actor_id) -> None:
    """A shot's new asset joins its episode's casting (once, marked `auto`)."""
    exists_already = await db.scalars(select(EntityLink.id).where(EntityLink.entity_in_id == episode_id,
                                                                  EntityLink.entity_out_id == item.asset_id))
    if exists_already:
        return
    await _insert_link(db, episode_id, item.asset_id, 1, item.label, {"auto": True})
    await db.execute(update(Entity).where(Entity.id == episode_id)
                     .values(nb_entities_out=func.coalesce(Entity.nb_entities_out, 0) + 1))
    events.record("asset:update", {"asset_id": item.asset_id, "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)


async def _uncast_from_episode_shots(db, events: EventBus, episode_id: uuid.UUID, asset_ids: set[uuid.UUID],
                                     actor_id) -> None:
    """The assets an episode loses leave the castings of its shots."""
    if not asset_ids:
        return
    shot_ids = await _episode_shot_ids(db, episode_id)
    if not shot_ids:
        return
    links = await fetch(db, select(EntityLink.entity_in_id, EntityLink.entity_out_id).where(
        db.in_keys(EntityLink.entity_in_id, shot_ids), db.in_keys(EntityLink.entity_out_id, sorted(asset_ids))))
    if not links:
        return
    await db.execute(delete(EntityLink).where(db.in_keys(EntityLink.entity_in_id, shot_ids),
                                              db.in_keys(EntityLink.entity_out_id, sorted(asset_ids))))
    shots = {r["id"]: r for r in await fetch(db, select(ENTITY).where(
        db.in_keys(Entity.id, sorted({link["entity_in_id"] for link in links}))))}
    for link in links:
        shot = shots[link["entity_in_id"]]
        count = await live_link_count(db, shot["id"])
        await _set_link_count(db, shot["id"], count)
        await refresh_shot_casting_stats(db, shot)
        _casting_event(events, "Shot", shot, count, (), (link["entity_out_id"],), actor_id)


async def _detach_from_episode_if_unused(db, events: EventBus, episode_id: uuid.UUID, asset_id: uuid.UUID,
                                         project_id, actor_id) -> None:
    """An auto link of the episode goes once no shot of the episode casts the asset any more."""
    shot_ids = await _episode_shot_ids(db, episode_id)
    if shot_ids and await db.scalars(select(EntityLink.id).where(db.in_keys(EntityLink.entity_in_id, shot_ids),
                                                                 EntityLink.entity_out_id == asset_id).limit(1)):
        return
    link = await fetch(db, select(LINK).where(EntityLink.entity_in_id == episode_id,
                                              EntityLink.entity_out_id == asset_id))
    if not link or not (link[0]["data"] or {}).get("auto"):
        return
    await db.execute(delete(EntityLink).where(EntityLink.id == link[0]["id"]))
    await db.execute(update(Entity).where(Entity.id == episode_id).values(
        nb_entities_out=case((func.coalesce(Entity.nb_entities_out, 0) > 0, Entity.nb_entities_out - 1), else_=0)))
    count = (await db.scalars(select(Entity.nb_entities_out).where(Entity.id == episode_id)))[0]
    episode = {"id": episode_id, "project_id": project_id}
    _casting_event(events, "Episode", episode, count, (), (asset_id,), actor_id)
    events.record("asset:update", {"asset_id": asset_id, "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)


async def refresh_shot_casting_stats(db, shot: Row) -> None:
    """Each task of the shot counts the cast assets ready for it: shared from another project, or ready for a
    task type that comes at or after the task's own in the project's pipeline order."""
    priorities = {r["task_type_id"]: r["priority"] for r in await fetch(db, select(
        ProjectTaskTypeLink.task_type_id, ProjectTaskTypeLink.priority)
        .join(TaskType, TaskType.id == ProjectTaskTypeLink.task_type_id)
        .where(ProjectTaskTypeLink.project_id == shot["project_id"], TaskType.for_entity == "Shot"))}
    assets = await fetch(db, select(Entity.canceled, Entity.is_shared, Entity.project_id, Entity.ready_for)
                         .join(EntityLink, EntityLink.entity_out_id == Entity.id)
                         .where(EntityLink.entity_in_id == shot["id"]))
    tasks = await fetch(db, select(Task.id, Task.task_type_id, Task.project_id).where(Task.entity_id == shot["id"]))
    by_count: dict[int, list[uuid.UUID]] = {}
    for task in tasks:
        by_count.setdefault(sum(1 for a in assets if _is_ready(a, task, priorities)), []).append(task["id"])
    for ready, task_ids in by_count.items():  # written even when unchanged: Zou's update dates the task
        await db.execute(update(Task).where(db.in_keys(Task.id, task_ids)).values(nb_assets_ready=ready))


def _is_ready(asset: Row, task: Row, priorities: dict) -> bool:
    if asset["canceled"]:
        return False
    if asset["is_shared"] and asset["project_id"] != task["project_id"]:
        return True
    if asset["ready_for"] is None:
        return False
    ready_at = priorities.get(asset["ready_for"], -1) or -1
    task_at = priorities.get(task["task_type_id"], 0) or 0
    return task_at <= ready_at

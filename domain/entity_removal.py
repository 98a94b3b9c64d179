"""Removing an entity as Zou's typed routes do (DELETE /data/shots|assets|sequences|episodes|scenes/<id>,
Zou's `cascade_deletion_service`):

- a shot or an asset with tasks is only marked canceled (`<kind>:update`) unless `force`; otherwise its
  tasks go with everything hanging from them, then its versions, subscriptions, links and output files;
- a sequence or an episode is deleted alone, and refused (409) while anything refers to it, unless `force`,
  which first removes what hangs from it (a sequence's shots and scenes, an episode's sequences and the
  assets whose home it is) the same way;
- a scene still referred to (tasks, shots, casting, instances) is marked canceled instead.

Every statement takes all the ids at once, whatever the number of shots under a sequence."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, or_, select, union_all, update

from domain import casting, errors
from domain.batch import Row
from domain.crud_models import remove_tasks_records
from domain.events import EventBus
from domain.tables import (AssetInstance, AssetInstanceLink, Entity, EntityConceptLink, EntityLink, EntityType,
                           EntityVersion, OutputFile, Playlist, PreviewFile, ScheduleItem, Subscription, Task,
                           TaskPersonLink)

CANCELABLE = ("Shot", "Asset", "Edit")
REFUSALS = {"Sequence": "Some data are still linked to this sequence.",
            "Episode": "Some data are still linked to this episode."}


async def remove_entity(db, events: EventBus, *, entity: Row, kind: str, force: bool = False,
                        actor_id: uuid.UUID | None = None) -> bool:
    """Remove the entity (of `kind`), or cancel it as Zou does. True when removed."""
    if kind == "Scene":
        return await _remove_scene(db, events, entity, actor_id)
    if kind in CANCELABLE:
        has_tasks = bool(await db.scalars(select(Task.id).where(Task.entity_id == entity["id"]).limit(1)))
        casting_shots = await _shots_casting(db, [entity["id"]]) if kind == "Asset" else []
        if has_tasks and not force:
            await _cancel(db, events, entity, kind, actor_id)
        else:
            await _purge(db, events, [(entity, kind)], actor_id)
        await _refresh_casting(db, events, casting_shots, actor_id)
        return not (has_tasks and not force)
    try:
        if force:
            doomed = await _hanging_from(db, entity, kind) + [(entity, kind)]
            doomed_ids = {e["id"] for e, _ in doomed}
            casting_shots = [s for s in await _shots_casting(db, [e["id"] for e, k in doomed if k == "Asset"])
                             if s["id"] not in doomed_ids]
            await _purge(db, events, doomed, actor_id)
            await _refresh_casting(db, events, casting_shots, actor_id)
        else:
            await db.execute(delete(Entity).where(Entity.id == entity["id"]))
            _record(events, f"{_event_kind(kind)}:delete", entity, actor_id)
    except errors.Conflict as exc:
        message = REFUSALS.get(kind, str(exc))
        raise errors.Conflict(message, body={"message": message}) from exc
    return True


async def _shots_casting(db, asset_ids: list[uuid.UUID]) -> list[Row]:
    """The shots whose casting names one of the assets."""
    if not asset_ids:
        return []
    return [dict(r) for r in await db.rows(
        select(Entity.id, Entity.project_id, Entity.nb_entities_out).distinct()
        .join(EntityLink, EntityLink.entity_in_id == Entity.id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(db.in_keys(EntityLink.entity_out_id, asset_ids), EntityType.name == "Shot"))]


async def _refresh_casting(db, events: EventBus, shots: list[Row], actor_id) -> None:
    """Zou's `refresh_shot_casting_stats` for the shots that cast a canceled or removed asset: the live
    link counter (`shot:casting-update` when it changes) and their tasks' ready-asset counts."""
    for shot in shots:
        count = await casting.live_link_count(db, shot["id"])
        if count != shot["nb_entities_out"]:
            await db.execute(update(Entity).where(Entity.id == shot["id"]).values(nb_entities_out=count))
            project_id = shot["project_id"]
            events.record("shot:casting-update", {"shot_id": shot["id"], "nb_entities_out": count,
                                                  "added_asset_ids": [], "removed_asset_ids": [],
                                                  "project_id": project_id},
                          project_id=project_id, user_id=actor_id)
        await casting.refresh_shot_casting_stats(db, shot)


async def _cancel(db, events: EventBus, entity: Row, kind: str, actor_id) -> None:
    await db.execute(update(Entity).where(Entity.id == entity["id"]).values(canceled=True))
    _record(events, f"{_event_kind(kind)}:update", entity, actor_id)


async def _remove_scene(db, events: EventBus, scene: Row, actor_id) -> bool:
    scene_id = scene["id"]
    referred = await db.scalars(union_all(
        select(Task.id).where(Task.entity_id == scene_id),
        select(Entity.id).where(or_(Entity.source_id == scene_id, Entity.parent_id == scene_id)),
        select(EntityLink.id).where(or_(EntityLink.entity_in_id == scene_id, EntityLink.entity_out_id == scene_id)),
        select(AssetInstance.id).where(or_(AssetInstance.scene_id == scene_id, AssetInstance.entity_id == scene_id)),
    ).limit(1))
    if referred:
        await db.execute(update(Entity).where(Entity.id == scene_id).values(canceled=True))
    else:
        await db.execute(delete(Entity).where(Entity.id == scene_id))
    # Zou emits the delete event in both cases
    _record(events, "scene:delete", scene, actor_id)
    return not referred


async def _hanging_from(db, entity: Row, kind: str) -> list[tuple[Row, str]]:
    """What a forced removal of a sequence (its shots and scenes) or an episode (its sequences with theirs,
    and the assets whose home episode it is) takes with it, deepest first."""
    typed = select(Entity.id, Entity.project_id, Entity.parent_id, EntityType.name.label("type_name")).join(
        EntityType, EntityType.id == Entity.entity_type_id)
    if kind == "Episode":
        sequences = await db.rows(typed.where(Entity.parent_id == entity["id"], EntityType.name == "Sequence"))
        assets = await db.rows(typed.where(Entity.source_id == entity["id"],
                                           EntityType.name.not_in(_TEMPORAL_TYPES)))
        below = await _children(db, typed, [s["id"] for s in sequences])
        return below + [(dict(s), "Sequence") for s in sequences] + [(dict(a), "Asset") for a in assets]
    if kind == "Sequence":
        return await _children(db, typed, [entity["id"]])
    return []


_TEMPORAL_TYPES = ("Shot", "Sequence", "Episode", "Scene", "Edit", "Concept", "ConceptFolder")


async def _children(db, typed, sequence_ids: list[uuid.UUID]) -> list[tuple[Row, str]]:
    if not sequence_ids:
        return []
    rows = await db.rows(typed.where(db.in_keys(Entity.parent_id, sequence_ids),
                                     EntityType.name.in_(("Shot", "Scene"))))
    return [(dict(r), r["type_name"]) for r in rows]


async def _purge(db, events: EventBus, doomed: Sequence[tuple[Row, str]], actor_id) -> None:
    """Delete the entities with their tasks (and what hangs from those), versions, subscriptions, schedule
    items, casting and concept links, instance links, output files and an episode's playlists; other
    entities' `source_id` (home episode, a shot's scene) pointing at them is cleared."""
    ids = [e["id"] for e, _ in doomed]
    tasks = await db.rows(select(Task.id, Task.entity_id, Task.task_type_id, Task.project_id)
                          .where(db.in_keys(Task.entity_id, ids)))
    task_ids = [t["id"] for t in tasks]
    if task_ids:
        await remove_tasks_records(db, task_ids)
        await db.execute(delete(TaskPersonLink).where(db.in_keys(TaskPersonLink.task_id, task_ids)))
        await db.execute(delete(Task).where(db.in_keys(Task.id, task_ids)))
    await db.execute(delete(EntityVersion).where(db.in_keys(EntityVersion.entity_id, ids)))
    await db.execute(delete(Subscription).where(db.in_keys(Subscription.entity_id, ids)))
    await db.execute(delete(ScheduleItem).where(db.in_keys(ScheduleItem.object_id, ids)))
    for column in (EntityLink.entity_in_id, EntityLink.entity_out_id):
        await db.execute(delete(EntityLink).where(db.in_keys(column, ids)))
    for column in (EntityConceptLink.entity_in_id, EntityConceptLink.entity_out_id):
        await db.execute(delete(EntityConceptLink).where(db.in_keys(column, ids)))
    await db.execute(delete(AssetInstanceLink).where(db.in_keys(AssetInstanceLink.entity_id, ids)))
    outputs = list(await db.scalars(select(OutputFile.id).where(db.in_keys(OutputFile.entity_id, ids))))
    if outputs:
        await db.execute(update(PreviewFile).where(db.in_keys(PreviewFile.source_file_id, outputs))
                         .values(source_file_id=None))
        await db.execute(delete(OutputFile).where(db.in_keys(OutputFile.id, outputs)))
    if any(kind == "Episode" for _, kind in doomed):
        await db.execute(delete(Playlist).where(db.in_keys(Playlist.episode_id, ids)))
    if all(kind in CANCELABLE for _, kind in doomed):
        # Zou detaches a removed asset's children; under a sequence or an episode they are refused
        await db.execute(update(Entity).where(db.in_keys(Entity.parent_id, ids)).values(parent_id=None))
    await db.execute(update(Entity).where(db.in_keys(Entity.source_id, ids)).values(source_id=None))
    await db.execute(delete(Entity).where(db.in_keys(Entity.id, ids)))
    for t in tasks:
        events.record("task:delete", {"task_id": t["id"], "entity_id": t["entity_id"],
                                      "task_type_id": t["task_type_id"], "project_id": t["project_id"]},
                      project_id=t["project_id"], user_id=actor_id)
    for entity, kind in doomed:
        _record(events, f"{_event_kind(kind)}:delete", entity, actor_id)


def _event_kind(kind: str) -> str:
    return kind.lower()


def _record(events: EventBus, name: str, entity: Row, actor_id) -> None:
    kind = name.split(":")[0]
    project_id = entity["project_id"]
    events.record(name, {f"{kind}_id": entity["id"], "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)

"""Removing a shot or an asset as Zou's typed routes do (DELETE /data/shots/<id>, /data/assets/<id>): with
tasks and no `force` it is only marked canceled (`<kind>:update`); otherwise its tasks go with everything
hanging from them, then its versions, subscriptions, links and output files (`<kind>:delete`)."""
from __future__ import annotations

import uuid

from sqlalchemy import delete, or_, select, update

from domain.batch import Row
from domain.crud_models import remove_tasks_records
from domain.events import EventBus
from domain.tables import (AssetInstanceLink, Entity, EntityConceptLink, EntityLink, EntityVersion, OutputFile,
                           PreviewFile, ScheduleItem, Subscription, Task, TaskPersonLink)


async def remove_entity(db, events: EventBus, *, entity: Row, kind: str, force: bool = False,
                        actor_id: uuid.UUID | None = None) -> bool:
    """Remove the entity, or cancel it when it has tasks and `force` is not set. True when removed."""
    name = kind.lower()
    entity_id, project_id = entity["id"], entity["project_id"]
    tasks = await db.rows(select(Task.id, Task.task_type_id).where(Task.entity_id == entity_id))
    if tasks and not force:
        await db.execute(update(Entity).where(Entity.id == entity_id).values(canceled=True))
        events.record(f"{name}:update", {f"{name}_id": entity_id, "project_id": project_id},
                      project_id=project_id, user_id=actor_id)
        return False
    await _remove_tasks(db, events, entity, [dict(t) for t in tasks], actor_id)
    await db.execute(delete(EntityVersion).where(EntityVersion.entity_id == entity_id))
    await db.execute(delete(Subscription).where(Subscription.entity_id == entity_id))
    await db.execute(delete(ScheduleItem).where(ScheduleItem.object_id == entity_id))
    await db.execute(delete(EntityLink).where(or_(EntityLink.entity_in_id == entity_id,
                                                  EntityLink.entity_out_id == entity_id)))
    await db.execute(delete(EntityConceptLink).where(or_(EntityConceptLink.entity_in_id == entity_id,
                                                         EntityConceptLink.entity_out_id == entity_id)))
    await db.execute(delete(AssetInstanceLink).where(AssetInstanceLink.entity_id == entity_id))
    outputs = list(await db.scalars(select(OutputFile.id).where(OutputFile.entity_id == entity_id)))
    if outputs:
        await db.execute(update(PreviewFile).where(db.in_keys(PreviewFile.source_file_id, outputs))
                         .values(source_file_id=None))
        await db.execute(delete(OutputFile).where(db.in_keys(OutputFile.id, outputs)))
    await db.execute(update(Entity).where(Entity.parent_id == entity_id).values(parent_id=None))
    await db.execute(delete(Entity).where(Entity.id == entity_id))
    events.record(f"{name}:delete", {f"{name}_id": entity_id, "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)
    return True


async def _remove_tasks(db, events: EventBus, entity: Row, tasks: list[Row], actor_id) -> None:
    task_ids = [t["id"] for t in tasks]
    if not task_ids:
        return
    await remove_tasks_records(db, task_ids)
    await db.execute(delete(TaskPersonLink).where(db.in_keys(TaskPersonLink.task_id, task_ids)))
    await db.execute(delete(Task).where(db.in_keys(Task.id, task_ids)))
    project_id = entity["project_id"]
    for t in tasks:
        events.record("task:delete", {"task_id": t["id"], "entity_id": entity["id"],
                                      "task_type_id": t["task_type_id"], "project_id": project_id},
                      project_id=project_id, user_id=actor_id)

"""Edit removal (entities.md §8): an edit with tasks is only marked canceled unless the removal is forced;
otherwise its tasks (and what hangs from them), versions, subscriptions, schedule items and links go
with it."""
from __future__ import annotations

import uuid

from sqlalchemy import delete, or_, select, update

from domain.batch import Row
from domain.crud_models import remove_tasks_records
from domain.events import EventBus
from domain.tables import (AssetInstanceLink, Entity, EntityConceptLink, EntityLink, EntityVersion, News,
                           ScheduleItem, Subscription, Task, TaskPersonLink)


async def remove_edit(db, events: EventBus, *, edit: Row, force: bool = False,
                      actor_id: uuid.UUID | None = None) -> bool:
    """Remove the edit, or cancel it when it has tasks and `force` is not set. True when removed."""
    project_id = edit["project_id"]
    tasks = await db.rows(select(Task.id, Task.task_type_id).where(Task.entity_id == edit["id"]))
    if tasks and not force:
        await db.execute(update(Entity).where(Entity.id == edit["id"]).values(canceled=True))
        events.record("edit:update", {"edit_id": edit["id"], "project_id": project_id}, project_id=project_id,
                      user_id=actor_id)
        return False
    task_ids = [t["id"] for t in tasks]
    if task_ids:
        await remove_tasks_records(db, task_ids)
        await db.execute(delete(News).where(db.in_keys(News.task_id, task_ids)))
        await db.execute(delete(TaskPersonLink).where(db.in_keys(TaskPersonLink.task_id, task_ids)))
        await db.execute(delete(Task).where(db.in_keys(Task.id, task_ids)))
        for t in tasks:
            events.record("task:delete", {"task_id": t["id"], "entity_id": edit["id"],
                                          "task_type_id": t["task_type_id"], "project_id": project_id},
                          project_id=project_id, user_id=actor_id)
    edit_id = edit["id"]
    await db.execute(delete(EntityVersion).where(EntityVersion.entity_id == edit_id))
    await db.execute(delete(Subscription).where(Subscription.entity_id == edit_id))
    await db.execute(delete(ScheduleItem).where(ScheduleItem.object_id == edit_id))
    await db.execute(delete(EntityLink).where(or_(EntityLink.entity_in_id == edit_id,
                                                  EntityLink.entity_out_id == edit_id)))
    await db.execute(delete(EntityConceptLink).where(or_(EntityConceptLink.entity_in_id == edit_id,
                                                         EntityConceptLink.entity_out_id == edit_id)))
    await db.execute(delete(AssetInstanceLink).where(AssetInstanceLink.entity_id == edit_id))
    await db.execute(delete(Entity).where(Entity.id == edit_id))
    events.record("edit:delete", {"edit_id": edit_id, "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)
    return True

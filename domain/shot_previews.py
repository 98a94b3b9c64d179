"""An entity's preview files grouped the way Zou's `GET /data/shots/{id}/preview-files` lists them
(entities.md §4): task types by priority (highest first) then name, revisions newest first."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key
from domain.tables import PreviewFile, Task, TaskType

COLUMNS = (PreviewFile.id, PreviewFile.revision, PreviewFile.position, PreviewFile.original_name,
           PreviewFile.extension, PreviewFile.width, PreviewFile.height, PreviewFile.duration, PreviewFile.status,
           PreviewFile.annotations, PreviewFile.created_at, PreviewFile.task_id, PreviewFile.data)


async def previews_for_entities(db, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each entity's preview files, each with its task's `task_type_id` and `entity_id`."""
    rows = await fetch(db, select(*COLUMNS, Task.task_type_id, Task.entity_id)
                       .join(Task, Task.id == PreviewFile.task_id)
                       .join(TaskType, TaskType.id == Task.task_type_id)
                       .where(db.in_keys(Task.entity_id, entity_ids))
                       .order_by(TaskType.priority.desc(), TaskType.name, PreviewFile.revision.desc(),
                                 PreviewFile.created_at, PreviewFile.id))
    return many_per_key(rows, "entity_id", entity_ids)

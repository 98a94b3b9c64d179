"""Preview, working and output files with their reference tables (output types, softwares, file
statuses): batch reads keyed by task, entity or id."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key, one_per_key, where_all, within
from domain.tables import FileStatus, OutputFile, OutputType, PreviewFile, Software, Task, WorkingFile

PREVIEW = PreviewFile.__table__


async def preview_files_for_tasks(db, task_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each task's previews, latest revision first."""
    rows = await fetch(db, select(PREVIEW).where(db.in_keys(PreviewFile.task_id, task_ids))
                       .order_by(PreviewFile.revision.desc(), PreviewFile.position, PreviewFile.id))
    return many_per_key(rows, "task_id", task_ids)


async def preview_files_for_entities(db, entity_ids: Sequence[uuid.UUID], *, project_ids=None,
                                     assigned_task_clause=None) -> list[list[Row]]:
    """Each entity's previews (through its tasks), latest first."""
    stmt = where_all(select(PREVIEW, Task.entity_id.label("preview_entity_id"))
                     .join(Task, Task.id == PreviewFile.task_id)
                     .where(db.in_keys(Task.entity_id, entity_ids)),
                     within(db, Task.project_id, project_ids), assigned_task_clause)
    rows = await fetch(db, stmt.order_by(PreviewFile.created_at.desc(), PreviewFile.revision.desc(), PreviewFile.id))
    return many_per_key(rows, "preview_entity_id", entity_ids)


async def preview_files_by_ids(db, ids: Sequence[uuid.UUID], *, project_ids=None,
                               assigned_task_clause=None) -> list[Row | None]:
    stmt = where_all(select(PREVIEW).join(Task, Task.id == PreviewFile.task_id)
                     .where(db.in_keys(PreviewFile.id, ids)),
                     within(db, Task.project_id, project_ids), assigned_task_clause)
    return one_per_key(await fetch(db, stmt), "id", ids)


async def working_files_for_tasks(db, task_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(WorkingFile.__table__).where(db.in_keys(WorkingFile.task_id, task_ids))
                       .order_by(WorkingFile.revision.desc(), WorkingFile.id))
    return many_per_key(rows, "task_id", task_ids)


async def output_files_for_entities(db, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(OutputFile.__table__).where(db.in_keys(OutputFile.entity_id, entity_ids))
                       .order_by(OutputFile.revision.desc(), OutputFile.name, OutputFile.id))
    return many_per_key(rows, "entity_id", entity_ids)


async def output_types_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return one_per_key(await fetch(db, select(OutputType.__table__).where(db.in_keys(OutputType.id, ids))), "id", ids)


async def softwares_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return one_per_key(await fetch(db, select(Software.__table__).where(db.in_keys(Software.id, ids))), "id", ids)


async def file_statuses_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return one_per_key(await fetch(db, select(FileStatus.__table__).where(db.in_keys(FileStatus.id, ids))), "id", ids)


async def all_output_types(db) -> list[Row]:
    return await fetch(db, select(OutputType.__table__).order_by(OutputType.name, OutputType.id))


async def all_softwares(db) -> list[Row]:
    return await fetch(db, select(Software.__table__).order_by(Software.name, Software.id))


async def all_file_statuses(db) -> list[Row]:
    return await fetch(db, select(FileStatus.__table__).order_by(FileStatus.name, FileStatus.id))

"""Working files (the artists' scene files): batch reads."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.tables import OutputFile, WorkingFile

WORKING_FILE = WorkingFile.__table__


async def working_files_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(WORKING_FILE).where(db.in_keys(WorkingFile.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def working_files_for_entities(db, entity_ids: Sequence[uuid.UUID], task_id: uuid.UUID | None = None,
                                     name: str | None = None) -> list[list[dict]]:
    """Each entity's working files (revision >= 0), highest revision first; `task_id` and `name` (exact)
    narrow them."""
    stmt = select(WORKING_FILE).where(db.in_keys(WorkingFile.entity_id, list(entity_ids)), WorkingFile.revision >= 0)
    if task_id is not None:
        stmt = stmt.where(WorkingFile.task_id == task_id)
    if name:
        stmt = stmt.where(WorkingFile.name == name)
    rows = await db.rows(stmt.order_by(WorkingFile.revision.desc(), WorkingFile.created_at, WorkingFile.id))
    out: dict[uuid.UUID, list[dict]] = {e: [] for e in entity_ids}
    for r in rows:
        out[r["entity_id"]].append(dict(r))
    return [out[e] for e in entity_ids]


async def output_ids_for_working_files(db, ids: Sequence[uuid.UUID]) -> list[list[uuid.UUID]]:
    """The output files made from each working file (Zou's `outputs` relation)."""
    rows = await db.rows(select(OutputFile.id, OutputFile.source_file_id)
                         .where(db.in_keys(OutputFile.source_file_id, list(ids))).order_by(OutputFile.id))
    out: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    for r in rows:
        out[r["source_file_id"]].append(r["id"])
    return [out[i] for i in ids]

"""Time spents read for a caller who may see only part of them (the persons' own, or those on tasks of
the projects they manage): one statement per batch, scoped in SQL. (Unscoped reads and the writes are in
domain/time_spents.py, day offs in domain/day_offs.py.)"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key, where_all, within
from domain.tables import Task, TimeSpent


async def time_spents_for_persons(db, person_ids: Sequence[uuid.UUID], *, start: date | None = None,
                                  end: date | None = None, project_ids: Iterable[uuid.UUID] | None = None
                                  ) -> list[list[Row]]:
    """Each person's time spents between two days (bounds included, open when None), oldest first, on
    tasks of `project_ids` (None: any)."""
    stmt = select(TimeSpent.__table__).where(db.in_keys(TimeSpent.person_id, person_ids))
    if project_ids is not None:
        stmt = stmt.join(Task, Task.id == TimeSpent.task_id).where(within(db, Task.project_id, project_ids))
    stmt = where_all(stmt, TimeSpent.date >= start if start else None, TimeSpent.date <= end if end else None)
    rows = await fetch(db, stmt.order_by(TimeSpent.date, TimeSpent.created_at, TimeSpent.id))
    return many_per_key(rows, "person_id", person_ids)


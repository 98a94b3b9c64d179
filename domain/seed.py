"""The default rows Zou's `init-data` creates (project statuses, entity types, task types, task statuses,
departments), written only where missing."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.base import new_id, utcnow
from domain.tables import ProjectStatus

PROJECT_STATUSES = [("Open", "#000000"), ("Closed", "#000000")]


async def seed_defaults(conn: AsyncConnection) -> None:
    have = set((await conn.execute(select(ProjectStatus.name))).scalars())
    now = utcnow()
    rows = [{"id": new_id(), "name": n, "color": c, "created_at": now, "updated_at": now}
            for n, c in PROJECT_STATUSES if n not in have]
    if rows:
        await conn.execute(insert(ProjectStatus), rows)

"""Creating the schema: every Zou table on an empty database, only TrackQL's own on a Zou database."""
from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

import domain.tables  # noqa: F401 - registers Zou's tables
import domain.trackql_tables  # noqa: F401
from domain.base import Base


def _own_tables():
    return [t for name, t in Base.metadata.tables.items() if name.startswith("trackql_")]


async def existing_tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def create_schema(engine: AsyncEngine) -> bool:
    """Create what is missing. Returns True when Zou's tables were created (an empty database),
    False when they were already there (a Kitsu database: only `trackql_` tables are added)."""
    present = await existing_tables(engine)
    fresh = "person" not in present
    async with engine.begin() as conn:
        if fresh:
            await conn.run_sync(Base.metadata.create_all)
        else:
            await conn.run_sync(Base.metadata.create_all, tables=_own_tables())
    return fresh

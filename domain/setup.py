"""Creating the schema: every Zou table on an empty database, only TrackQL's own on a Zou database."""
from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

import domain.tables  # noqa: F401 - registers Zou's tables
import domain.trackql_tables  # noqa: F401
from domain.base import Base
from domain.seed import seed_defaults
from domain.tables import ProjectStatus, TaskStatus


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


async def is_empty(engine: AsyncEngine) -> bool:
    """True when the database holds none of Zou's tables yet (a new or missing SQLite file, a new database)."""
    return "person" not in await existing_tables(engine)


async def init_database(engine: AsyncEngine) -> bool:
    """`trackql init-db`: on an empty database, every table and Zou's default rows; on a Zou database, only
    TrackQL's own tables (its data is left alone). Returns True when the database was empty.
    A database whose tables exist but which has neither project nor task statuses (a first init-db
    interrupted before the default rows) gets them too."""
    fresh = await create_schema(engine)
    async with engine.begin() as conn:
        if fresh or not await _has_default_rows(conn):
            await seed_defaults(conn)
    return fresh


async def _has_default_rows(conn) -> bool:
    for table in (ProjectStatus, TaskStatus):
        if (await conn.execute(select(table.id).limit(1))).first() is not None:
            return True
    return False

"""Generate a studio-scale TV-show production into an empty database (SQLite or PostgreSQL).

    python -m bench.generate --database-url URL --size studio|medium|small|tiny [--scale N] [--seed S]

The same seed gives the same rows, ids included, on either database. The schema and Zou's default rows
are created first when the database is empty; an admin `admin@example.com` (password
`mysecretpassword`, as every generated person) lets TrackQL and the real Zou log in."""
from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import itertools
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bcrypt
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

import domain.seed
from bench import bulk
from bench.production import (ASSET_TASK_TYPES, ASSET_TYPES, PASSWORD, SHOT_TASK_TYPES, SIZES, T0,
                              TASK_STATUSES, Production, Refs, Size, build_production, ident, person_row,
                              validate)
from domain.db import Db, make_engine
from domain.setup import create_schema
from domain.tables import Department, EntityType, Person, Project, ProjectStatus, TaskStatus, TaskType

ADMIN_EMAIL = "admin@example.com"
BCRYPT_ROUNDS = 12  # what Zou writes

# Rows the production needs that Zou's defaults may lack, created when missing:
# task type name -> (for_entity, colour, priority, department name)
EXTRA_TASK_TYPES = {"Previz": ("Shot", "#5C6BC0", 2, "Layout")}
_FALLBACK_TASK_TYPE = ("#999999", 1, None)
_STATUS_FLAGS = {"todo": "is_default", "wip": "is_wip", "wfa": "is_feedback_request", "retake": "is_retake",
                 "done": "is_done"}
_STATUS_NAMES = {"todo": "Todo", "ready": "Ready To Start", "wip": "Work In Progress",
                 "wfa": "Waiting For Approval", "retake": "Retake", "done": "Done"}


class NotEmpty(Exception):
    """The database already holds a production; the generator writes into empty ones only."""


@dataclass
class Report:
    database: str
    size: Size
    seed: int
    counts: dict[str, int]  # rows written, by batch label
    seconds: dict[str, float] = field(default_factory=dict)  # by phase and by batch label
    table_counts: dict[str, int] = field(default_factory=dict)  # rows in the database afterwards
    project_id: uuid.UUID | None = None

    def text(self) -> str:
        lines = [f"generated into {self.database} (seed {self.seed}, project {self.project_id})", ""]
        width = max(len(k) for k in self.counts)
        for label, n in self.counts.items():
            lines.append(f"  {label:<{width}} {n:>9,}  {self.seconds.get(label, 0.0):7.2f}s")
        lines.append(f"  {'rows written':<{width}} {sum(self.counts.values()):>9,}")
        lines.append("")
        lines.append("rows in the database, by table:")
        for name, n in sorted(self.table_counts.items()):
            if n:
                lines.append(f"  {name:<{width}} {n:>9,}")
        lines.append("")
        for phase in ("schema and defaults", "build rows", "write rows", "analyze", "total"):
            lines.append(f"  {phase:<{width}} {self.seconds.get(phase, 0.0):7.2f}s")
        return "\n".join(lines)


def normalize_url(url: str) -> str:
    """Accept plain `postgresql://` and `sqlite:///` URLs too: the async drivers are the ones used."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        u = u.set(drivername="postgresql+asyncpg")
    elif u.drivername == "sqlite":
        u = u.set(drivername="sqlite+aiosqlite")
    if u.drivername not in ("postgresql+asyncpg", "sqlite+aiosqlite"):
        raise ValueError(f"unsupported database URL {url!r}: use postgresql:// or sqlite:///")
    return u.render_as_string(hide_password=False)


async def ensure_database(url: str, recreate: bool = False) -> None:
    """Create the PostgreSQL database when it does not exist (drop it first with `recreate`); with SQLite,
    `recreate` removes the file."""
    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        if recreate and u.database and u.database != ":memory:":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(u.database + suffix).unlink(missing_ok=True)
        return
    import asyncpg

    admin_dsn = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    conn = await asyncpg.connect(admin_dsn)
    try:
        name = u.database
        if recreate:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


@contextlib.contextmanager
def _deterministic(seed: int, *modules):
    """Rows written by the domain's own seeding get ids and times from the seed instead of uuid4 and the
    clock, so that a generated database is the same on every run and backend."""
    counter = itertools.count()
    saved = []
    for module in modules:
        for name, fake in (("new_id", lambda: ident(seed, "default", next(counter))), ("utcnow", lambda: T0)):
            if hasattr(module, name):
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, fake)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def password_hash(seed: int, rounds: int = BCRYPT_ROUNDS) -> bytes:
    """bcrypt of PASSWORD with a salt drawn from the seed (bcrypt's own salt is random)."""
    raw = random.Random(f"{seed}/salt").randbytes(16)
    std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    crypt = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    salt = base64.b64encode(raw).decode().rstrip("=").translate(str.maketrans(std, crypt))[:22]
    return bcrypt.hashpw(PASSWORD.encode(), f"$2b${rounds:02d}${salt}".encode())


async def _id_where(conn: AsyncConnection, column, *conditions) -> uuid.UUID | None:
    return (await conn.execute(select(column).where(*conditions).limit(1))).scalar()


async def _get_or_create(conn: AsyncConnection, model, seed: int, match: dict[str, Any],
                         values: dict[str, Any]) -> uuid.UUID:
    table = model.__table__
    found = await _id_where(conn, table.c.id, *[table.c[k] == v for k, v in match.items()])
    if found is not None:
        return found
    new = ident(seed, table.name, "/".join(str(v) for v in match.values()))
    await conn.execute(table.insert().values(id=new, created_at=T0, updated_at=T0, **match, **values))
    return new


async def _organisation(conn: AsyncConnection, seed: int) -> None:
    """The organisation row Zou makes on first use, made now through the domain's own function."""
    from domain import organisations

    async with AsyncSession(bind=conn) as session:
        with _deterministic(seed, organisations):
            await organisations.get_organisation(Db(session))
        await session.flush()


async def _admin(conn: AsyncConnection, seed: int, hashed: bytes) -> uuid.UUID:
    found = await _id_where(conn, Person.id, func.lower(Person.email) == ADMIN_EMAIL)
    if found is not None:
        return found
    admin_id = ident(seed, "admin", 0)
    await conn.execute(Person.__table__.insert().values(
        person_row(admin_id, "Super", "Admin", ADMIN_EMAIL, "admin", hashed, T0)))
    return admin_id


async def prepare(conn: AsyncConnection, seed: int, rounds: int = BCRYPT_ROUNDS) -> Refs:
    """Zou's defaults, the organisation, the admin and the reference rows the production points at
    (found by name, created when missing)."""
    if (await conn.execute(select(func.count()).select_from(Project))).scalar():
        raise NotEmpty("the database already holds projects: generate into an empty database "
                       "(or pass --recreate)")
    with _deterministic(seed, domain.seed):
        await domain.seed.seed_defaults(conn)
    await _organisation(conn, seed)
    hashed = password_hash(seed, rounds)
    admin_id = await _admin(conn, seed, hashed)
    open_id = await _get_or_create(conn, ProjectStatus, seed, {"name": "Open"}, {"color": "#000000"})

    departments = {}
    for name in ["Concept", "Layout", "Animation", "FX", "Compositing", "Modeling"]:
        departments[name] = await _get_or_create(conn, Department, seed, {"name": name},
                                                 {"color": "#999999", "archived": False})
    entity_types = {}
    for name in ["Episode", "Sequence", "Shot"] + [n for n, _, _ in ASSET_TYPES]:
        entity_types[name] = await _get_or_create(conn, EntityType, seed, {"name": name},
                                                  {"short_name": None, "description": None, "archived": False})
    task_types, task_type_departments = {}, {}
    for name in SHOT_TASK_TYPES + ASSET_TASK_TYPES:
        for_entity = "Asset" if name in ASSET_TASK_TYPES else "Shot"
        _, color, priority, department = EXTRA_TASK_TYPES.get(name, (for_entity, *_FALLBACK_TASK_TYPE))
        tid = await _get_or_create(conn, TaskType, seed, {"name": name, "for_entity": for_entity}, {
            "short_name": "", "description": None, "color": color, "priority": priority,
            "allow_timelog": True, "archived": False, "shotgun_id": None,
            "department_id": departments.get(department) if department else None})
        task_types[name] = tid
        task_type_departments[name] = await _id_where(conn, TaskType.department_id, TaskType.id == tid)
    statuses = {}
    for short in TASK_STATUSES:
        flags = {f: _STATUS_FLAGS.get(short) == f for f in set(_STATUS_FLAGS.values())}
        statuses[short] = await _get_or_create(conn, TaskStatus, seed, {"short_name": short}, {
            "name": _STATUS_NAMES[short], "color": "#999999", "priority": 1, "archived": False,
            "is_artist_allowed": True, "is_client_allowed": True, "for_concept": False, **flags})
    return Refs(admin_id=admin_id, open_status_id=open_id, entity_types=entity_types, task_types=task_types,
                task_type_departments=task_type_departments, task_statuses=statuses, departments=departments,
                password_hash=hashed)


async def table_counts(conn: AsyncConnection, names) -> dict[str, int]:
    from domain.base import Base

    out = {}
    for name in names:
        out[name] = (await conn.execute(select(func.count()).select_from(Base.metadata.tables[name]))).scalar()
    return out


async def generate(url: str, size: Size, *, seed: int = 1, recreate: bool = False, progress: bool = True,
                   rounds: int = BCRYPT_ROUNDS) -> Report:
    validate(size)
    url = normalize_url(url)
    started = time.perf_counter()
    await ensure_database(url, recreate=recreate)
    engine = make_engine(url)
    seconds: dict[str, float] = {}
    try:
        await create_schema(engine)
        async with engine.begin() as conn:
            refs = await prepare(conn, seed, rounds)
            seconds["schema and defaults"] = time.perf_counter() - started

            t = time.perf_counter()
            production: Production = build_production(size, refs, seed)
            seconds["build rows"] = time.perf_counter() - t

            t = time.perf_counter()
            bar = bulk.Progress(sum(len(b.rows) for b in production.batches), enabled=progress)
            for batch in production.batches:
                bt = time.perf_counter()
                bar.table(batch.label)
                await bulk.write_rows(conn, batch.table, batch.rows, bar)
                seconds[batch.label] = time.perf_counter() - bt
                bar.table_done(batch.label, len(batch.rows), seconds[batch.label])
            bar.close()
            seconds["write rows"] = time.perf_counter() - t
        t = time.perf_counter()
        async with engine.begin() as conn:
            await bulk.analyze(conn)
        seconds["analyze"] = time.perf_counter() - t
        async with engine.connect() as conn:
            written = {b.table.name for b in production.batches}
            counts = await table_counts(conn, sorted(written | {"department", "entity_type", "task_type",
                                                                "task_status", "project_status",
                                                                "organisation"}))
    finally:
        await engine.dispose()
    seconds["total"] = time.perf_counter() - started
    return Report(database=make_url(url).render_as_string(hide_password=True), size=size, seed=seed,
                  counts=production.counts(), seconds=seconds, table_counts=counts,
                  project_id=production.project_id)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    p.add_argument("--database-url", required=True,
                   help="postgresql://user@host/db (created when missing) or sqlite:///path.db")
    p.add_argument("--size", choices=sorted(SIZES), default="studio")
    p.add_argument("--scale", type=float, default=1.0, help="multiply every count of the size")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--recreate", action="store_true", help="drop the database (or SQLite file) first")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        size = SIZES[args.size].scaled(args.scale) if args.scale != 1.0 else SIZES[args.size]
        report = asyncio.run(generate(args.database_url, size, seed=args.seed, recreate=args.recreate,
                                      progress=not args.quiet))
    except (NotEmpty, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())

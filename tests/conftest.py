"""Test fixtures. Every test runs once on SQLite and once on PostgreSQL (`backend`), inside a
transaction that is rolled back; each run creates and drops its own databases."""
from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import uuid
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import async_sessionmaker

from domain.db import Db, make_engine
from domain.setup import create_schema
from gateway.app import create_app
from gateway.settings import Settings

PG_URL = os.environ.get("TRACKQL_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("TRACKQL_REQUIRE_PG") == "1"
BACKENDS = [b for b in os.environ.get("TRACKQL_TEST_BACKENDS", "sqlite,postgres").split(",") if b]

_pg_unavailable: str | None = None


def pytest_report_header(config):
    return f"trackql backends: {', '.join(BACKENDS)} (PostgreSQL server: {PG_URL})"


def pytest_terminal_summary(terminalreporter):
    if _pg_unavailable:
        terminalreporter.write_line(
            f"WARNING: the PostgreSQL half of the suite did NOT run: {_pg_unavailable}", red=True, bold=True)


async def _admin_conn():
    import asyncpg

    dsn = PG_URL.replace("postgresql+asyncpg://", "postgresql://")
    return await asyncpg.connect(dsn, timeout=5)


@contextlib.asynccontextmanager
async def _pg_database():
    """A fresh PostgreSQL database for this run, dropped afterwards."""
    global _pg_unavailable
    try:
        admin = await _admin_conn()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no PostgreSQL here"
        _pg_unavailable = f"cannot connect to {PG_URL}: {exc}"
        if REQUIRE_PG:
            pytest.fail(_pg_unavailable, pytrace=False)
        pytest.skip(_pg_unavailable)
    name = f"trackql_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
async def database_url(backend):
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite+aiosqlite:///{tmp}/trackql-test.db"
        return
    async with _pg_database() as url:
        yield url


def _sqlite_emits_begin(engine) -> None:
    """pysqlite/aiosqlite send no BEGIN of their own, so a test's outer transaction is none and releasing a
    session's SAVEPOINT (a commit in the code under test) committed for good, leaking rows into the next
    tests. SQLAlchemy's recipe: turn the driver's handling off and emit BEGIN ourselves."""

    @event.listens_for(engine.sync_engine, "connect")
    def _no_driver_transactions(dbapi_conn, _record):
        dbapi_conn.isolation_level = None

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")


@pytest.fixture(scope="session")
async def engine(database_url):
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":
        _sqlite_emits_begin(engine)
    await create_schema(engine)
    from domain.seed import seed_defaults

    async with engine.begin() as conn:
        await seed_defaults(conn)
    yield engine
    await engine.dispose()


@pytest.fixture
async def empty_database_url(backend, tmp_path):
    """A new database of the current backend with no table at all (for tests of schema creation, the CLI,
    live servers), dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/empty.db"
        return
    async with _pg_database() as url:
        yield url


@pytest.fixture
async def conn(engine):
    async with engine.connect() as conn:
        trans = await conn.begin()
        try:
            yield conn
        finally:
            await trans.rollback()


@pytest.fixture
def session_factory(conn):
    return async_sessionmaker(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False,
                              autoflush=False)


@pytest.fixture
async def db(session_factory):
    async with session_factory() as session:
        yield Db(session)


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(database_url=database_url, secret_key="test-secret-" + "x" * 32,
                    preview_folder=tmp_path / "previews")


@pytest.fixture
def app(settings, engine, session_factory):
    return create_app(settings, engine=engine, session_factory=session_factory)


@pytest.fixture
async def client(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver") as c:
        yield c


@dataclass
class SqlCount:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_sql(engine):
    """`with count_sql() as c: ...; c.count` counts the SQL statements sent meanwhile."""

    @contextlib.contextmanager
    def counter():
        c = SqlCount()

        def before(conn, cursor, statement, parameters, context, executemany):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                c.statements.append(statement)

        event.listen(engine.sync_engine, "before_cursor_execute", before)
        try:
            yield c
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", before)

    return counter

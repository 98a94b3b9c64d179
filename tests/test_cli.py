"""The `trackql` command on a new database of each backend: init-db, create-admin, demo-data, and the first
start of `serve` (the bootstrap it runs before serving)."""
from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, inspect, select

from domain import passwords
from domain.base import Base
from domain.bootstrap import first_run
from domain.db import make_engine
from domain.tables import (AlembicVersion, Budget, BudgetEntry, DayOff, Department, DepartmentLink, Entity,
                           EntityLink, EntityType, Person, Project, ProjectPersonLink, ProjectStatus, Task,
                           TaskPersonLink, TaskStatus, TaskType, TimeSpent)
from gateway.app import create_app
from gateway.cli import main
from gateway.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
# Zou's default rows as a fresh Zou 1.0.97 holds them (`zou init-db` + `zou init-data`), read from the
# reference database `zouref` (department ids replaced by department names).
ZOU_INIT_DATA = json.loads((FIXTURES / "zou-init-data.json").read_text())
SEED_TABLES = [ProjectStatus, Department, EntityType, TaskType, TaskStatus]
TRACKQL = Path(sys.executable).parent / "trackql"


@pytest.fixture
def cli(empty_database_url, monkeypatch, capsys):
    """Run `trackql ARGS...` in-process on the empty database; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("TRACKQL_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("TRACKQL_BCRYPT_ROUNDS", "4")
    monkeypatch.delenv("TRACKQL_SECRET_KEY", raising=False)

    async def run(*args: str) -> tuple[int, str, str]:
        code = await asyncio.to_thread(main, list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
async def check_engine(empty_database_url):
    engine = make_engine(empty_database_url)
    yield engine
    await engine.dispose()


async def _tables(engine) -> dict[str, list[str]]:
    async with engine.connect() as conn:
        return await conn.run_sync(
            lambda c: {t: [col["name"] for col in inspect(c).get_columns(t)] for t in inspect(c).get_table_names()})


async def _rows(engine, stmt) -> list[dict]:
    async with engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(stmt)).mappings()]


async def _seed_rows(engine) -> dict[str, list[dict]]:
    """The default rows in the shape of tests/fixtures/zou-init-data.json."""
    def drop(row, *keys):
        return {k: v for k, v in row.items() if k not in keys}

    stamps = ("id", "created_at", "updated_at")
    out = {
        "alembic_version": [r["version_num"] for r in await _rows(engine, select(AlembicVersion.version_num))],
        "project_status": [drop(r, *stamps) for r in await _rows(engine, select(ProjectStatus.__table__))],
        "department": [drop(r, *stamps) for r in await _rows(engine, select(Department.__table__))],
        "entity_type": [drop(r, *stamps) for r in await _rows(engine, select(EntityType.__table__))],
        "task_status": [drop(r, *stamps) for r in await _rows(engine, select(TaskStatus.__table__))],
    }
    task_types = await _rows(engine, select(TaskType.__table__, Department.name.label("department"))
                             .outerjoin(Department, Department.id == TaskType.department_id))
    out["task_type"] = [drop(r, *stamps, "department_id") for r in task_types]
    return {k: sorted(v, key=lambda r: json.dumps(r, sort_keys=True)) for k, v in out.items()}


def _expected_seed() -> dict[str, list]:
    return {k: sorted(v, key=lambda r: json.dumps(r, sort_keys=True)) for k, v in ZOU_INIT_DATA.items()}


# --- init-db ---------------------------------------------------------------------------------------

async def test_init_db_creates_every_table_and_zous_default_rows(cli, check_engine):
    code, out, _ = await cli("init-db")
    assert code == 0
    assert "Created Zou's tables" in out
    tables = await _tables(check_engine)
    assert set(tables) == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        assert sorted(tables[name]) == sorted(c.name for c in table.columns), name
    assert await _seed_rows(check_engine) == _expected_seed()


async def test_init_db_twice_changes_nothing(cli, check_engine):
    await cli("init-db")
    before = {t.__tablename__: await _rows(check_engine, select(t.__table__)) for t in SEED_TABLES}
    code, out, _ = await cli("init-db")
    assert code == 0
    assert "only TrackQL's own tables" in out
    after = {t.__tablename__: await _rows(check_engine, select(t.__table__)) for t in SEED_TABLES}
    assert after == before
    assert len(after["task_status"]) == 9


async def test_init_db_completes_the_default_rows_of_an_interrupted_first_run(cli, check_engine):
    await cli("init-db")
    async with check_engine.begin() as conn:
        for table in (TaskType, TaskStatus, ProjectStatus, Department, EntityType):
            await conn.execute(table.__table__.delete())
    await cli("init-db")
    assert await _seed_rows(check_engine) == _expected_seed()


async def _zou_database(backend: str, database_url: str, engine) -> None:
    """Zou's own tables without TrackQL's: on PostgreSQL Zou's pg_dump itself, restored with psql; on SQLite
    the same tables made by SQLAlchemy."""
    if backend == "postgres":
        dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f",
                        str(FIXTURES / "zou-schema-1.0.97.sql")], check=True, capture_output=True)
    else:
        zou_tables = [t for name, t in Base.metadata.tables.items() if not name.startswith("trackql_")]
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all, tables=zou_tables)
    async with engine.begin() as conn:  # a studio's own row, that init-db must leave alone
        await conn.execute(ProjectStatus.__table__.insert().values(name="Studio Open", color="#123456"))


async def test_init_db_on_a_zou_database_adds_only_trackql_tables(cli, check_engine, backend,
                                                                  empty_database_url):
    await _zou_database(backend, empty_database_url, check_engine)
    before = await _tables(check_engine)
    assert not [t for t in before if t.startswith("trackql_")]

    code, out, _ = await cli("init-db")

    assert code == 0
    assert "only TrackQL's own tables" in out
    after = await _tables(check_engine)
    own = {name for name in Base.metadata.tables if name.startswith("trackql_")}
    assert set(after) == set(before) | own
    assert {t: after[t] for t in before} == before
    assert [r["name"] for r in await _rows(check_engine, select(ProjectStatus.name))] == ["Studio Open"]
    for table in (TaskStatus, TaskType, Department, EntityType, AlembicVersion):
        assert await _rows(check_engine, select(table.__table__)) == [], table.__tablename__


# --- create-admin ----------------------------------------------------------------------------------

async def _person(engine, email: str) -> dict | None:
    rows = await _rows(engine, select(Person.__table__).where(Person.email == email))
    return rows[0] if rows else None


async def test_create_admin_creates_a_super_admin(cli, check_engine):
    await cli("init-db")
    code, out, _ = await cli("create-admin", "Boss@Example.com", "--password", "s3cret-pass")
    assert code == 0
    assert "created" in out
    person = await _person(check_engine, "boss@example.com")
    assert (person["role"], person["first_name"], person["last_name"]) == ("admin", "Super", "Admin")
    assert person["active"] is True and person["is_bot"] is False
    assert passwords.check_sync(person["password"], "s3cret-pass")


async def test_create_admin_again_keeps_the_admin_and_upgrades_a_non_admin(cli, check_engine):
    await cli("init-db")
    await cli("create-admin", "boss@example.com", "--password", "s3cret-pass")
    code, out, _ = await cli("create-admin", "boss@example.com")
    assert (code, "already exists" in out) == (0, True)
    async with check_engine.begin() as conn:
        await conn.execute(Person.__table__.update().values(role="user"))
    code, out, _ = await cli("create-admin", "boss@example.com")
    assert (code, "upgraded" in out) == (0, True)
    assert (await _person(check_engine, "boss@example.com"))["role"] == "admin"


@pytest.mark.parametrize("args, message", [
    (["create-admin", "boss@example.com", "--password", "short"], "Password is too short"),
    (["create-admin", "boss@example.com"], "password is required"),
    (["create-admin", "not-an-email", "--password", "long enough"], "Email is not valid"),
])
async def test_create_admin_refuses_bad_input_and_writes_nothing(cli, check_engine, args, message):
    await cli("init-db")
    code, _, err = await cli(*args)
    assert code == 1
    assert message in err
    assert await _rows(check_engine, select(Person.id)) == []


async def test_create_admin_on_an_empty_database_says_to_run_init_db(cli):
    code, _, err = await cli("create-admin", "boss@example.com", "--password", "s3cret-pass")
    assert code == 1
    assert "trackql init-db" in err


async def test_the_created_admin_can_log_in(cli, empty_database_url, tmp_path):
    await cli("init-db")
    await cli("create-admin", "boss@example.com", "--password", "s3cret-pass")
    settings = Settings(database_url=empty_database_url, secret_key="cli-test-" + "z" * 40,
                        preview_folder=tmp_path / "previews", bcrypt_rounds=4)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver") as c:
            r = await c.post("/api/auth/login", json={"email": "boss@example.com", "password": "s3cret-pass"})
    assert r.status_code == 200, r.text
    assert r.json()["user"]["email"] == "boss@example.com"
    assert r.json()["access_token"]


# --- demo-data -------------------------------------------------------------------------------------

async def _count(engine, table, *where) -> int:
    async with engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(table).where(*where))).scalar()


async def _entities(engine, type_name: str) -> list[dict]:
    return await _rows(engine, select(Entity.__table__).join(EntityType, EntityType.id == Entity.entity_type_id)
                       .where(EntityType.name == type_name).order_by(Entity.name))


async def test_demo_data_creates_a_tv_show_production(cli, check_engine):
    await cli("init-db")
    code, out, _ = await cli("demo-data")
    assert code == 0
    assert "Demo production" in out and "- budget" in out  # progress lines, then the summary

    [project] = await _rows(check_engine, select(Project.__table__))
    assert project["production_type"] == "tvshow"
    assert await _count(check_engine, ProjectPersonLink.__table__) == 7
    episodes, sequences = await _entities(check_engine, "Episode"), await _entities(check_engine, "Sequence")
    shots = await _entities(check_engine, "Shot")
    assert [e["name"] for e in episodes] == ["E01", "E02"]
    assert len(sequences) == 4 and {s["parent_id"] for s in sequences} == {e["id"] for e in episodes}
    assert len(shots) == 20 and {s["parent_id"] for s in shots} == {s["id"] for s in sequences}
    for shot in shots:
        assert shot["data"]["frame_out"] - shot["data"]["frame_in"] + 1 == shot["nb_frames"]
    assets = [a for t in ("Character", "Prop", "Environment", "FX") for a in await _entities(check_engine, t)]
    assert len(assets) == 12
    asset_ids = {a["id"] for a in assets}
    links = await _rows(check_engine, select(EntityLink.__table__))
    assert {lk["entity_in_id"] for lk in links} == {s["id"] for s in shots}
    assert {lk["entity_out_id"] for lk in links} <= asset_ids
    assert sum(s["nb_entities_out"] for s in shots) == len(links)

    # people of several roles, most in a department
    people = await _rows(check_engine, select(Person.__table__))
    assert {p["role"] for p in people} >= {"manager", "supervisor", "user", "client"}
    assert await _count(check_engine, DepartmentLink.__table__) >= 5

    # tasks on every shot and asset, of several statuses, assigned; durations are the time spents' sums
    tasks = await _rows(check_engine, select(Task.__table__))
    assert {t["entity_id"] for t in tasks} == {s["id"] for s in shots} | asset_ids
    assert len({t["task_status_id"] for t in tasks}) >= 4
    assert await _count(check_engine, TaskPersonLink.__table__) == len(tasks)
    spents = await _rows(check_engine, select(TimeSpent.__table__))
    assert spents
    by_task: dict = {}
    for s in spents:
        by_task[s["task_id"]] = by_task.get(s["task_id"], 0) + s["duration"]
    assert all(t["duration"] == by_task.get(t["id"], 0) for t in tasks)

    # a day off without time spents inside it; a budget with entries
    [day_off] = await _rows(check_engine, select(DayOff.__table__))
    assert not [s for s in spents if s["person_id"] == day_off["person_id"]
                and day_off["date"] <= s["date"] <= day_off["end_date"]]
    assert await _count(check_engine, Budget.__table__) == 1
    assert await _count(check_engine, BudgetEntry.__table__) >= 5


async def test_demo_data_twice_adds_nothing(cli, check_engine):
    await cli("init-db")
    await cli("demo-data")
    before = await _count(check_engine, Task.__table__)
    code, out, _ = await cli("demo-data")
    assert code == 0 and "already there" in out
    assert await _count(check_engine, Task.__table__) == before
    assert await _count(check_engine, Project.__table__) == 1


async def test_demo_data_on_an_empty_database_says_to_run_init_db(cli):
    code, _, err = await cli("demo-data")
    assert code == 1
    assert "trackql init-db" in err


async def test_demo_data_is_deterministic(tmp_path, monkeypatch, capsys):
    snapshots = []
    for n in (1, 2):
        url = f"sqlite+aiosqlite:///{tmp_path}/demo{n}.db"
        monkeypatch.setenv("TRACKQL_DATABASE_URL", url)
        await asyncio.to_thread(main, ["init-db"])
        await asyncio.to_thread(main, ["demo-data"])
        engine = make_engine(url)
        snapshots.append({
            "entities": await _rows(engine, select(Entity.id, Entity.name, Entity.parent_id, Entity.nb_frames)
                                    .order_by(Entity.id)),
            "casting": await _rows(engine, select(EntityLink.entity_in_id, EntityLink.entity_out_id,
                                                  EntityLink.nb_occurences).order_by(EntityLink.id)),
            "tasks": await _rows(engine, select(Task.id, Task.entity_id, Task.duration).order_by(Task.id)),
            "statuses": await _rows(engine, select(TaskStatus.name, func.count(Task.id))
                                    .join(Task, Task.task_status_id == TaskStatus.id)
                                    .group_by(TaskStatus.name).order_by(TaskStatus.name)),
            "spents": await _rows(engine, select(TimeSpent.date, TimeSpent.duration).order_by(TimeSpent.id)),
        })
        await engine.dispose()
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["entities"]) == 2 + 4 + 20 + 12


# --- first start of `serve` ------------------------------------------------------------------------

async def test_first_run_on_an_empty_database_creates_the_admin_and_the_demo(check_engine):
    result = await first_run(check_engine, admin_email=None, admin_password=None, rounds=4)
    assert result.admin_email == "admin@example.com"
    assert len(result.admin_password) >= 12
    admin = await _person(check_engine, "admin@example.com")
    assert admin["role"] == "admin"
    assert passwords.check_sync(admin["password"], result.admin_password)
    assert result.demo.created and await _count(check_engine, Project.__table__) == 1
    assert await _seed_rows(check_engine) == _expected_seed()


async def test_first_run_takes_the_admin_from_the_environment_values(check_engine):
    result = await first_run(check_engine, admin_email="Chief@Studio.example", admin_password="chosen-pass",
                             rounds=4, demo=False)
    assert (result.admin_email, result.admin_password) == ("Chief@Studio.example", "chosen-pass")
    assert (await _person(check_engine, "chief@studio.example"))["role"] == "admin"
    assert await _count(check_engine, Project.__table__) == 0


async def test_first_run_on_a_database_in_use_does_nothing(cli, check_engine):
    await cli("init-db")
    assert await first_run(check_engine, admin_email=None, admin_password=None, rounds=4) is None
    assert await _count(check_engine, Person.__table__) == 0


async def test_first_run_refuses_a_short_admin_password_before_writing(check_engine):
    from domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        await first_run(check_engine, admin_email=None, admin_password="short", rounds=4)
    assert await _tables(check_engine) == {}


async def _serve(cli, monkeypatch, *args: str) -> tuple[str, dict]:
    """`trackql serve ARGS` up to the point where uvicorn would take over: (output, uvicorn's arguments)."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setenv("TRACKQL_SECRET_KEY", "serve-test-" + "k" * 40)
    code, out, _ = await cli("serve", *args)
    assert code == 0 and len(calls) == 1
    return out, calls[0]


async def test_serve_runs_the_app_factory_on_uvloop_and_httptools(cli, monkeypatch):
    out, run = await _serve(cli, monkeypatch, "--port", "8123", "--workers", "3", "--no-demo-data")
    assert run["app"] == "gateway.app:create_app" and run["factory"] is True
    assert (run["loop"], run["http"], run["workers"], run["port"]) == ("uvloop", "httptools", 3, 8123)
    assert "GraphiQL:   http://127.0.0.1:8123/graphql" in out
    assert "Login:      admin@example.com  password: " in out


async def test_serve_on_a_database_in_use_prints_no_login_and_changes_nothing(cli, monkeypatch, check_engine):
    monkeypatch.setenv("TRACKQL_ADMIN_EMAIL", "chief@example.com")
    monkeypatch.setenv("TRACKQL_ADMIN_PASSWORD", "chosen-password")
    first, _ = await _serve(cli, monkeypatch)
    assert "Login:      chief@example.com  password: chosen-password" in first
    tasks = await _count(check_engine, Task.__table__)
    second, _ = await _serve(cli, monkeypatch)
    assert "Login:" not in second and "trackql create-admin" in second
    assert await _count(check_engine, Task.__table__) == tasks > 0
    assert await _count(check_engine, Person.__table__) == 8


# --- schema and the console script ----------------------------------------------------------------

def test_schema_prints_the_sdl_of_the_graphql_schema(capsys):
    from graphql import build_schema

    from schema.schema import schema

    assert main(["schema"]) == 0
    sdl = capsys.readouterr().out
    assert sdl.strip() == schema.as_str().strip()
    parsed = build_schema(sdl)
    assert {"me", "projects"} <= set(parsed.query_type.fields)


def test_the_trackql_console_script_is_installed():
    exe = str(TRACKQL) if TRACKQL.exists() else shutil.which("trackql")
    assert exe, "the trackql console script is not installed (pip install -e .)"
    r = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    for command in ("serve", "init-db", "create-admin", "demo-data", "schema"):
        assert command in r.stdout

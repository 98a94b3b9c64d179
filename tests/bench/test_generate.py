"""The production generator: counts, Zou's invariants, and the same rows on every run and backend."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from bench.generate import NotEmpty, generate, main
from bench.production import SIZES, validate
from domain.base import Base
from domain.db import make_engine
from domain.tables import (Entity, EntityLink, EntityType, Person, ProjectPersonLink, Task, TaskPersonLink,
                           TaskStatus, TaskType, TimeSpent)

TINY = SIZES["tiny"]
FAST = 4  # bcrypt rounds: the cost does not matter here


async def _rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every non-empty table, in a backend-independent order."""
    engine = make_engine(url)
    out = {}
    try:
        async with engine.connect() as conn:
            for name, table in Base.metadata.tables.items():
                rows = (await conn.execute(select(table))).all()
                if rows:
                    out[name] = sorted((tuple(r) for r in rows), key=repr)
    finally:
        await engine.dispose()
    return out


async def _scalar(url: str, query):
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(query)).scalar()
    finally:
        await engine.dispose()


async def test_tiny_production_has_the_counts_of_its_size(empty_database_url):
    report = await generate(empty_database_url, TINY, progress=False, rounds=FAST)

    written = report.counts
    assert written["entity: episodes"] == TINY.episodes
    assert written["entity: sequences"] == TINY.sequences
    assert written["entity: shots"] == TINY.shots
    assert written["entity: assets"] == TINY.assets
    assert written["entity_link: shot casting"] == TINY.casting
    assert written["task"] == TINY.tasks
    assert written["person"] == TINY.persons
    assert written["project_person_link"] == TINY.persons
    assert written["time_spent"] == TINY.time_spents
    assert written["day_off"] == TINY.day_offs
    assert written["budget"] == 1
    assert written["budget_entry"] == TINY.budget_entries
    assert written["project_task_type_link"] == 10
    assert TINY.tasks <= written["task_person_link"] <= 2 * TINY.tasks
    # what is in the database afterwards: the production, plus the admin and Zou's default rows
    tables = report.table_counts
    assert tables["person"] == TINY.persons + 1
    assert tables["entity"] == TINY.episodes + TINY.sequences + TINY.shots + TINY.assets
    assert tables["entity_link"] == TINY.casting + written["entity_link: episode casting (auto)"]
    assert tables["organisation"] == 1
    assert tables["task_type"] >= 10 and tables["task_status"] >= 6


async def test_studio_size_asks_for_the_briefed_counts():
    studio = SIZES["studio"]
    assert (studio.shots, studio.assets, studio.casting, studio.tasks, studio.persons, studio.time_spents,
            studio.day_offs, studio.budget_entries) == (5000, 1000, 50000, 40000, 200, 100000, 500, 200)
    validate(studio)


async def test_defaults_are_not_duplicated(empty_database_url):
    await generate(empty_database_url, TINY, progress=False, rounds=FAST)
    for columns in ([EntityType.name], [TaskType.name, TaskType.for_entity], [TaskStatus.short_name]):
        dupes = await _scalar(empty_database_url, select(func.count()).select_from(
            select(*columns).group_by(*columns).having(func.count() > 1).subquery()))
        assert dupes == 0, columns


async def test_rows_keep_zou_invariants(empty_database_url):
    url = empty_database_url
    await generate(url, TINY, progress=False, rounds=FAST)
    # nb_entities_out is the number of casting links of the entity
    links = select(func.count()).where(EntityLink.entity_in_id == Entity.id).scalar_subquery()
    assert await _scalar(url, select(func.count()).select_from(Entity).where(Entity.nb_entities_out != links)) == 0
    # a task's duration is the sum of its time spents
    spent = select(func.coalesce(func.sum(TimeSpent.duration), 0.0)).where(
        TimeSpent.task_id == Task.id).scalar_subquery()
    assert await _scalar(url, select(func.count()).select_from(Task).where(Task.duration != spent)) == 0
    # every task has one or two assignees
    per_task = select(TaskPersonLink.task_id, func.count().label("n")).group_by(TaskPersonLink.task_id).subquery()
    assert await _scalar(url, select(func.min(per_task.c.n))) == 1
    assert await _scalar(url, select(func.max(per_task.c.n))) <= 2
    assert await _scalar(url, select(func.count(func.distinct(per_task.c.task_id)))) == TINY.tasks
    # every generated person is in the team; the admin can log in
    team = await _scalar(url, select(func.count()).select_from(ProjectPersonLink))
    assert team == TINY.persons
    admin_hash = await _scalar(url, select(Person.password).where(Person.email == "admin@example.com"))
    assert bytes(admin_hash).startswith(b"$2b$04$")


async def test_two_runs_give_the_same_rows(empty_database_url):
    await generate(empty_database_url, TINY, progress=False, rounds=FAST)
    first = await _rows(empty_database_url)
    await generate(empty_database_url, TINY, progress=False, rounds=FAST, recreate=True)
    second = await _rows(empty_database_url)
    assert first == second
    id_at = list(Task.__table__.c.keys()).index("id")
    assert len({r[id_at] for r in first["task"]}) == TINY.tasks


async def test_rows_match_a_sqlite_generation(empty_database_url, tmp_path):
    """On PostgreSQL: the same ids and values as SQLite (on SQLite this is a second SQLite run)."""
    sqlite_url = f"sqlite+aiosqlite:///{tmp_path}/reference.db"
    await generate(empty_database_url, TINY, progress=False, rounds=FAST)
    await generate(sqlite_url, TINY, progress=False, rounds=FAST)
    assert await _rows(empty_database_url) == await _rows(sqlite_url)


async def test_another_seed_gives_other_ids(tmp_path):
    a = await generate(f"sqlite+aiosqlite:///{tmp_path}/one.db", TINY, progress=False, rounds=FAST)
    b = await generate(f"sqlite+aiosqlite:///{tmp_path}/two.db", TINY, seed=2, progress=False, rounds=FAST)
    assert a.project_id != b.project_id


async def test_a_database_with_a_production_is_refused_and_left_alone(empty_database_url):
    await generate(empty_database_url, TINY, progress=False, rounds=FAST)
    before = await _rows(empty_database_url)
    with pytest.raises(NotEmpty):
        await generate(empty_database_url, TINY, progress=False, rounds=FAST)
    assert await _rows(empty_database_url) == before


async def test_impossible_sizes_are_refused_before_writing(tmp_path):
    too_many_tasks = dataclasses.replace(TINY, tasks=10_000)
    with pytest.raises(ValueError, match="more tasks"):
        validate(too_many_tasks)
    url = f"sqlite+aiosqlite:///{tmp_path}/never.db"
    with pytest.raises(ValueError):
        await generate(url, dataclasses.replace(TINY, casting=10_000), progress=False, rounds=FAST)
    assert not (tmp_path / "never.db").exists()


def test_cli_reports_a_clear_error_for_a_bad_url(capsys):
    assert main(["--database-url", "mysql://x/y", "--size", "tiny"]) == 2
    assert "unsupported database URL" in capsys.readouterr().err

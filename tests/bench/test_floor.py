"""The floor's reads carry every row of the production they measure (what is timed is the real work)."""
from __future__ import annotations

import asyncpg
import orjson
import pytest
from sqlalchemy.engine import make_url

from bench import floor
from bench.generate import generate
from bench.production import SIZES

TINY = SIZES["tiny"]


@pytest.fixture
async def pg(empty_database_url):
    await generate(empty_database_url, TINY, progress=False, rounds=4)
    conn = await asyncpg.connect(make_url(empty_database_url).set(drivername="postgresql")
                                 .render_as_string(hide_password=False))
    try:
        yield conn
    finally:
        await conn.close()


@pytest.mark.parametrize("backend", ["postgres"])  # the floor is asyncpg's
async def test_nested_view_holds_every_shot_cast_and_task(pg):
    target = await floor.find_target(pg)
    answer = orjson.loads(await floor.nested_view(pg, target))
    shots = [s for e in answer["data"]["project"]["episodes"] for q in e["sequences"] for s in q["shots"]]
    assert len(shots) == TINY.shots
    assert sum(len(s["casting"]) for s in shots) == TINY.casting
    shot_tasks = await pg.fetchval("SELECT count(*) FROM task t JOIN entity s ON s.id = t.entity_id "
                                   "WHERE s.entity_type_id = $1", target.types["Shot"])
    tasks = [t for s in shots for t in s["tasks"]]
    assert len(tasks) == shot_tasks
    assert all(1 <= len(t["assignees"]) <= 2 and t["assignees"][0]["fullName"] for t in tasks)
    first = shots[0]["casting"][0]
    assert first["nbOccurences"] >= 1 and first["asset"]["name"] and first["asset"]["assetType"]["name"]


@pytest.mark.parametrize("backend", ["postgres"])
async def test_sequence_casting_is_keyed_by_the_sequence_shots(pg):
    target = await floor.find_target(pg)
    answer = orjson.loads(await floor.sequence_casting(pg, target))
    shots = {str(r["id"]): r["nb_entities_out"] for r in await pg.fetch(
        "SELECT id, nb_entities_out FROM entity WHERE parent_id = $1", target.sequence_id)}
    assert set(answer) == {k for k, n in shots.items() if n}
    assert all(len(answer[k]) == shots[k] for k in answer)


@pytest.mark.parametrize("backend", ["postgres"])
async def test_shots_with_tasks_lists_every_shot_and_its_tasks(pg):
    target = await floor.find_target(pg)
    answer = orjson.loads(await floor.shots_with_tasks(pg, target))
    assert len(answer) == TINY.shots
    shot_tasks = await pg.fetchval("SELECT count(*) FROM task t JOIN entity s ON s.id = t.entity_id "
                                   "WHERE s.entity_type_id = $1", target.types["Shot"])
    assert sum(len(s["tasks"]) for s in answer) == shot_tasks
    assert all(s["sequence_name"] and s["episode_name"] and s["frame_in"] == 1001 for s in answer)


def test_floor_refuses_a_sqlite_database(capsys):
    assert floor.main(["--database-url", "sqlite:///x.db"]) == 2
    assert "PostgreSQL" in capsys.readouterr().err

"""bench.run asks every documented GET route with real ids, counts statements on the real app, and judges
the targets from what it measured; the heavy lists' floor fetches the rows their answers are made of."""
from __future__ import annotations

import json

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bench import floor, run
from bench.generate import generate
from bench.production import SIZES
from rest_compat.app import routes

TINY = SIZES["tiny"]


@pytest.fixture
async def tiny_url(empty_database_url):
    await generate(empty_database_url, TINY, progress=False, rounds=4)
    return make_url(empty_database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _templates() -> list[str]:
    return [r.path for r in routes() if "GET" in (r.methods or [])]


@pytest.mark.parametrize("backend", ["postgres"])
async def test_every_get_route_is_asked_or_skipped_for_a_reason(tiny_url):
    ids = await run.pick_ids(tiny_url)
    probes, skipped = run.probes_for(_templates(), ids)
    asked = {p.key for p in probes}
    assert asked | set(skipped) == set(_templates()) | {"graphql nested view"}
    assert not asked & set(skipped)
    assert all("{" not in p.path and p.path.startswith(("/api/", "/graphql")) for p in probes)
    assert {p.floor for p in probes if p.floor} == set(floor.HEAVY_LISTS) | {"nested_view", "sequence_casting"}
    assert "/auth/logout" in skipped
    by_key = {p.key: p for p in probes}
    assert by_key["/data/shots/with-tasks"].path.endswith(f"?project_id={ids['project_id']}")
    assert by_key["/data/user/tasks/{task_id}/time-spents/{date}"].user == "artist"


@pytest.mark.parametrize("backend", ["postgres"])
async def test_statements_are_counted_on_the_app_for_every_probe(tiny_url):
    ids = await run.pick_ids(tiny_url)
    probes, _ = run.probes_for(_templates(), ids)
    counts = await run.sql_counts(tiny_url, probes, ids)
    assert set(counts) == {p.key for p in probes}
    assert counts["/"]["statements"] == 0
    assert counts["/data/task-types"]["status"] == 200 and counts["/data/task-types"]["statements"] >= 2
    assert counts["graphql nested view"]["status"] == 200 and counts["graphql nested view"]["bytes"] > 100
    assert all(c["status"] < 500 for c in counts.values()), {k: c["status"] for k, c in counts.items()}
    assert all(len(c["sql"]) == c["statements"] for c in counts.values())


@pytest.mark.parametrize("backend", ["postgres"])
async def test_the_heavy_lists_floor_fetches_the_rows_of_the_answer(tiny_url):
    conn = await asyncpg.connect(tiny_url)
    try:
        t = await floor.find_target(conn)
        count = conn.fetchval
        tasks = await count("SELECT count(*) FROM task")
        shot_tasks = await count("SELECT count(*) FROM task t JOIN entity s ON s.id = t.entity_id "
                                 "WHERE s.entity_type_id = $1", t.types["Shot"])
        links = await count("SELECT count(*) FROM task_person_link")
        shots, = await floor.heavy_list_rows(conn, t, "project_shots")
        assert len(shots) == TINY.shots and all(r["sequence_name"] and r["episode_name"] for r in shots)
        _, with_tasks, _ = await floor.heavy_list_rows(conn, t, "shots_with_tasks")
        assert len(with_tasks) == shot_tasks
        assets, asset_tasks, _ = await floor.heavy_list_rows(conn, t, "assets_with_tasks")
        assert len(assets) == TINY.assets and len(asset_tasks) == tasks - shot_tasks
        all_tasks, assignees = await floor.heavy_list_rows(conn, t, "project_tasks")
        assert (len(all_tasks), len(assignees)) == (tasks, links)
        casting, = await floor.heavy_list_rows(conn, t, "all_sequences_casting")
        assert len(casting) == TINY.casting
        assert await floor.heavy_list(conn, t, "project_shots", {"a": [1]}) == b'{"a":[1]}'
    finally:
        await conn.close()


def _saved(tmp_path, name, sql, latency=None, **extra):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"database": f"trackql_bench_{name}", "sql": sql, "latency": latency or {},
                                **extra}))
    return str(path)


def test_targets_are_judged_from_the_saved_figures(tmp_path):
    small = _saved(tmp_path, "small", {"a": {"statements": 3}, "b": {"statements": 4}})
    side = {"status": 200, "bytes": 100, "cpu_ms": 2.0}
    studio = _saved(tmp_path, "studio", {"a": {"statements": 3}, "b": {"statements": 9}}, latency={
        "/data/task-types": {"trackql": {**side, "p50_ms": 4.0}, "zou": {**side, "p50_ms": 10.0}},
        "/data/persons": {"trackql": {**side, "p50_ms": 6.0}, "zou": {**side, "p50_ms": 10.0}},
        "graphql nested view": {"trackql": {**side, "p50_ms": 300.0}, "floor": {"p50_ms": 100.0}},
    }, memory={"graphql nested view": {"peak_rss_mb": 350.0, "peak_over_idle_mb": 250.0}},
        wrk={"GET /api/data/shots/{id}": {"trackql": [{"rps": 500}], "zou": [{"rps": 200}]}})
    lines = run.targets([small, studio]).splitlines()
    assert "not met" in lines[0] and "`b` 4 → 9" in lines[0] and "`a`" not in lines[0]
    assert "not met" in lines[1] and "1 of 2 meet it" in lines[1]
    assert any("Nested GraphQL query: 3.00× the floor **not met**" in x for x in lines)
    assert any("436" not in x and "350 MB **met**" in x for x in lines)
    assert any("(2.50×) **met**" in x for x in lines)
    table = run.render([small, studio])
    assert "SQL small / studio" in table and "| `/data/task-types` | 200/200 | 4.0 |" in table

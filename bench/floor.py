"""The floor: how fast asyncpg alone fetches the rows of three reads of a generated production and orjson
encodes the answer, with no framework, no ORM, no permission checks. TrackQL's engine is compared against
these figures.

    python -m bench.floor --database-url postgresql://postgres@127.0.0.1/trackql_bench_studio [--runs 20]

(a) the nested production view, as a GraphQL answer would be shaped:
    project { episodes { sequences { shots { casting { nbOccurences asset { name assetType { name } } }
                                             tasks { taskType { name } taskStatus { shortName }
                                                     assignees { fullName } } } } } }
(b) one sequence's casting, shaped as Zou's GET /data/projects/{p}/sequences/{s}/casting
(c) every shot of the project with its tasks, shaped as Zou's GET /data/shots/with-tasks?project_id=
(d) `heavy_list`: the floor of each heavy list route, used by `bench.run` (fetch + dicts + orjson of the answer)
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import orjson
from sqlalchemy.engine import make_url

ENTITY_TYPES = """SELECT name, id FROM entity_type WHERE name IN ('Episode', 'Sequence', 'Shot')"""

EPISODES = """SELECT id::text, name FROM entity
              WHERE project_id = $1 AND entity_type_id = $2 ORDER BY name"""
SEQUENCES = """SELECT id::text, name, parent_id::text FROM entity
               WHERE project_id = $1 AND entity_type_id = $2 ORDER BY name"""
SHOTS = """SELECT id::text, name, nb_frames, parent_id::text FROM entity
           WHERE project_id = $1 AND entity_type_id = $2 ORDER BY name"""
SHOT_CASTING = """SELECT l.entity_in_id::text, l.nb_occurences, a.name, t.name
                  FROM entity_link l
                  JOIN entity s ON s.id = l.entity_in_id
                  JOIN entity a ON a.id = l.entity_out_id
                  JOIN entity_type t ON t.id = a.entity_type_id
                  WHERE s.project_id = $1 AND s.entity_type_id = $2
                  ORDER BY t.name, a.name"""
SHOT_TASKS = """SELECT t.id::text, t.entity_id::text, tt.name, ts.short_name
                FROM task t
                JOIN entity s ON s.id = t.entity_id
                JOIN task_type tt ON tt.id = t.task_type_id
                JOIN task_status ts ON ts.id = t.task_status_id
                WHERE t.project_id = $1 AND s.entity_type_id = $2
                ORDER BY tt.priority, tt.name"""
ASSIGNEES = """SELECT l.task_id::text, p.first_name, p.last_name
               FROM task_person_link l
               JOIN task t ON t.id = l.task_id
               JOIN entity s ON s.id = t.entity_id
               JOIN person p ON p.id = l.person_id
               WHERE t.project_id = $1 AND s.entity_type_id = $2
               ORDER BY p.first_name, p.last_name"""

SEQUENCE_CASTING = """SELECT s.id::text, a.id::text, a.name, t.name, sq.name, a.preview_file_id::text,
                             l.nb_occurences, l.label, a.is_shared, a.project_id::text
                      FROM entity s
                      JOIN entity sq ON sq.id = s.parent_id
                      JOIN entity_link l ON l.entity_in_id = s.id
                      JOIN entity a ON a.id = l.entity_out_id
                      JOIN entity_type t ON t.id = a.entity_type_id
                      WHERE s.parent_id = $1 AND s.project_id = $2 AND a.canceled IS NOT TRUE
                      ORDER BY s.name, t.name, a.name"""

SHOTS_WITH_PARENTS = """SELECT s.id::text, s.name, s.canceled, s.data, s.description, s.entity_type_id::text,
                               ep.id::text AS episode_id, ep.name AS episode_name, s.nb_frames,
                               s.parent_id::text, s.preview_file_id::text, s.project_id::text,
                               p.name AS project_name, sq.id::text AS sequence_id, sq.name AS sequence_name,
                               s.source_id::text, s.nb_entities_out, s.is_casting_standby
                        FROM entity s
                        JOIN project p ON p.id = s.project_id
                        LEFT JOIN entity sq ON sq.id = s.parent_id
                        LEFT JOIN entity ep ON ep.id = sq.parent_id
                        WHERE s.project_id = $1 AND s.entity_type_id = $2"""
TASKS_OF_SHOTS = """SELECT t.id::text, t.duration, t.due_date, t.end_date, t.done_date, t.entity_id::text,
                           t.estimation, t.last_comment_date, t.last_preview_file_id::text, t.nb_assets_ready,
                           t.priority, t.real_start_date, t.retake_count, t.start_date, t.difficulty,
                           t.nb_drawings, t.task_status_id::text, t.task_type_id::text, t.data
                    FROM task t JOIN entity s ON s.id = t.entity_id
                    WHERE t.project_id = $1 AND s.entity_type_id = $2"""
ASSIGNEE_IDS = """SELECT l.task_id::text, l.person_id::text
                  FROM task_person_link l
                  JOIN task t ON t.id = l.task_id
                  JOIN entity s ON s.id = t.entity_id
                  WHERE t.project_id = $1 AND s.entity_type_id = $2"""


def _iso(value) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


@dataclass
class Target:
    project_id: Any
    project_name: str
    types: dict[str, Any]
    sequence_id: Any


async def find_target(conn: asyncpg.Connection, sequence_id: str | None = None) -> Target:
    project = await conn.fetchrow("SELECT id, name FROM project ORDER BY created_at LIMIT 1")
    if project is None:
        raise SystemExit("no project in this database: generate one with python -m bench.generate")
    types = {r["name"]: r["id"] for r in await conn.fetch(ENTITY_TYPES)}
    if sequence_id is None:
        sequence_id = await conn.fetchval(
            "SELECT id FROM entity WHERE project_id = $1 AND entity_type_id = $2 ORDER BY created_at LIMIT 1",
            project["id"], types["Sequence"])
    return Target(project["id"], project["name"], types, sequence_id)


# ------------------------------------------------------------------ (a) the nested production view
async def nested_view_rows(conn: asyncpg.Connection, t: Target) -> list[list[asyncpg.Record]]:
    p, shot_type = t.project_id, t.types["Shot"]
    return [await conn.fetch(EPISODES, p, t.types["Episode"]),
            await conn.fetch(SEQUENCES, p, t.types["Sequence"]),
            await conn.fetch(SHOTS, p, shot_type),
            await conn.fetch(SHOT_CASTING, p, shot_type),
            await conn.fetch(SHOT_TASKS, p, shot_type),
            await conn.fetch(ASSIGNEES, p, shot_type)]


async def nested_view(conn: asyncpg.Connection, t: Target) -> bytes:
    return encode_nested_view(t, *await nested_view_rows(conn, t))


def encode_nested_view(t: Target, episodes, sequences, shots, casting, tasks, assignees) -> bytes:
    people_of: dict[str, list] = defaultdict(list)
    for task_id, first, last in assignees:
        people_of[task_id].append({"fullName": f"{first} {last}"})
    tasks_of: dict[str, list] = defaultdict(list)
    for task_id, entity_id, type_name, status in tasks:
        tasks_of[entity_id].append({"taskType": {"name": type_name}, "taskStatus": {"shortName": status},
                                    "assignees": people_of.get(task_id, [])})
    cast_of: dict[str, list] = defaultdict(list)
    for entity_id, nb, asset_name, type_name in casting:
        cast_of[entity_id].append({"nbOccurences": nb,
                                   "asset": {"name": asset_name, "assetType": {"name": type_name}}})
    shots_of: dict[str, list] = defaultdict(list)
    for shot_id, name, frames, parent in shots:
        shots_of[parent].append({"id": shot_id, "name": name, "nbFrames": frames,
                                 "casting": cast_of.get(shot_id, []), "tasks": tasks_of.get(shot_id, [])})
    sequences_of: dict[str, list] = defaultdict(list)
    for seq_id, name, parent in sequences:
        sequences_of[parent].append({"id": seq_id, "name": name, "shots": shots_of.get(seq_id, [])})
    answer = {"data": {"project": {
        "id": str(t.project_id), "name": t.project_name,
        "episodes": [{"id": ep_id, "name": name, "sequences": sequences_of.get(ep_id, [])}
                     for ep_id, name in episodes]}}}
    return orjson.dumps(answer)


# ----------------------------------------------------------------------- (b) one sequence's casting
async def sequence_casting(conn: asyncpg.Connection, t: Target) -> bytes:
    rows = await conn.fetch(SEQUENCE_CASTING, t.sequence_id, t.project_id)
    out: dict[str, list] = {}
    for shot_id, asset_id, name, type_name, seq_name, preview, nb, label, shared, project in rows:
        out.setdefault(shot_id, []).append({
            "asset_id": asset_id, "name": name, "asset_name": name, "asset_type_name": type_name,
            "sequence_name": seq_name, "preview_file_id": preview, "nb_occurences": nb, "label": label,
            "is_shared": shared, "project_id": project})
    return orjson.dumps(out)


# ----------------------------------------------------------------- (c) all shots with their tasks
async def shots_with_tasks(conn: asyncpg.Connection, t: Target) -> bytes:
    p, shot_type = t.project_id, t.types["Shot"]
    shots = await conn.fetch(SHOTS_WITH_PARENTS, p, shot_type)
    tasks = await conn.fetch(TASKS_OF_SHOTS, p, shot_type)
    links = await conn.fetch(ASSIGNEE_IDS, p, shot_type)
    assignees: dict[str, list] = defaultdict(list)
    for task_id, person_id in links:
        assignees[task_id].append(person_id)
    tasks_of: dict[str, list] = defaultdict(list)
    for r in tasks:
        tasks_of[r[5]].append({
            "id": r[0], "duration": r[1], "due_date": _iso(r[2]), "end_date": _iso(r[3]), "done_date": _iso(r[4]),
            "entity_id": r[5], "estimation": r[6], "is_subscribed": False, "last_comment_date": _iso(r[7]),
            "last_preview_file_id": r[8], "nb_assets_ready": r[9], "priority": r[10] or 0,
            "real_start_date": _iso(r[11]), "retake_count": r[12], "start_date": _iso(r[13]),
            "difficulty": r[14], "nb_drawings": r[15], "task_status_id": r[16], "task_type_id": r[17],
            "assignees": assignees.get(r[0], []), "data": orjson.Fragment(r[18]) if r[18] else None})
    out = []
    for s in shots:
        data = orjson.loads(s["data"]) if s["data"] else {}
        out.append({
            "canceled": s["canceled"], "data": data, "description": s["description"],
            "entity_type_id": s["entity_type_id"], "episode_id": s["episode_id"],
            "episode_name": s["episode_name"] or "", "fps": data.get("fps"), "frame_in": data.get("frame_in"),
            "frame_out": data.get("frame_out"), "id": s["id"], "name": s["name"], "nb_frames": s["nb_frames"],
            "parent_id": s["parent_id"], "preview_file_id": s["preview_file_id"], "project_id": s["project_id"],
            "project_name": s["project_name"], "sequence_id": s["sequence_id"],
            "sequence_name": s["sequence_name"], "source_id": s["source_id"],
            "nb_entities_out": s["nb_entities_out"], "is_casting_standby": s["is_casting_standby"],
            "type": "Shot", "tasks": tasks_of.get(s["id"], [])})
    return orjson.dumps(out)


# ------------------------------------------------------------------------- (d) the heavy list routes
# For each heavy list route of the REST layer: the rows it needs, fetched whole (every column of the tables
# behind the answer), each row turned into a dict, then orjson encoding the very answer TrackQL sent (the
# same bytes). `bench.run` times this next to the route.
_SHOTS = """SELECT s.*, sq.name AS sequence_name, ep.id AS episode_id, ep.name AS episode_name, p.name
            FROM entity s JOIN project p ON p.id = s.project_id
            LEFT JOIN entity sq ON sq.id = s.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id
            WHERE s.project_id = $1 AND s.entity_type_id = $2"""
_SHOT_TASKS = """SELECT t.* FROM task t JOIN entity s ON s.id = t.entity_id
                 WHERE t.project_id = $1 AND s.entity_type_id = $2"""
_SHOT_ASSIGNEES = """SELECT l.task_id, l.person_id FROM task_person_link l JOIN task t ON t.id = l.task_id
                     JOIN entity s ON s.id = t.entity_id WHERE t.project_id = $1 AND s.entity_type_id = $2"""
_ASSET_KINDS = """(SELECT id FROM entity_type WHERE name NOT IN ('Episode', 'Sequence', 'Shot', 'Scene', 'Edit',
                                                                 'Concept'))"""
_ASSETS = f"""SELECT a.*, at.name AS asset_type_name, p.name FROM entity a
              JOIN entity_type at ON at.id = a.entity_type_id JOIN project p ON p.id = a.project_id
              WHERE a.project_id = $1 AND a.entity_type_id IN {_ASSET_KINDS}"""
_ASSET_TASKS = f"""SELECT t.* FROM task t JOIN entity a ON a.id = t.entity_id
                   WHERE t.project_id = $1 AND a.entity_type_id IN {_ASSET_KINDS}"""
_ASSET_ASSIGNEES = f"""SELECT l.task_id, l.person_id FROM task_person_link l JOIN task t ON t.id = l.task_id
                       JOIN entity a ON a.id = t.entity_id
                       WHERE t.project_id = $1 AND a.entity_type_id IN {_ASSET_KINDS}"""
_TASKS = "SELECT t.* FROM task t WHERE t.project_id = $1"
_TASK_ASSIGNEES = """SELECT l.task_id, l.person_id FROM task_person_link l JOIN task t ON t.id = l.task_id
                     WHERE t.project_id = $1"""
_CASTING = """SELECT l.*, s.parent_id, sq.name AS sequence_name, a.name, a.preview_file_id, a.is_shared,
                     at.name AS asset_type_name
              FROM entity_link l JOIN entity s ON s.id = l.entity_in_id
              JOIN entity sq ON sq.id = s.parent_id JOIN entity a ON a.id = l.entity_out_id
              JOIN entity_type at ON at.id = a.entity_type_id
              WHERE s.project_id = $1 AND s.entity_type_id = $2"""

HEAVY_LISTS: dict[str, list[tuple[str, bool]]] = {  # route -> (query, takes the shot type as $2)
    "project_shots": [(_SHOTS, True)],
    "shots_with_tasks": [(_SHOTS, True), (_SHOT_TASKS, True), (_SHOT_ASSIGNEES, True)],
    "assets_with_tasks": [(_ASSETS, False), (_ASSET_TASKS, False), (_ASSET_ASSIGNEES, False)],
    "project_tasks": [(_TASKS, False), (_TASK_ASSIGNEES, False)],
    "all_sequences_casting": [(_CASTING, True)],
}


async def heavy_list_rows(conn: asyncpg.Connection, t: Target, route: str) -> list[list[dict]]:
    """The rows behind one heavy list route, each made a dict, one list per query."""
    out = []
    for query, with_type in HEAVY_LISTS[route]:
        args = (t.project_id, t.types["Shot"]) if with_type else (t.project_id,)
        out.append([dict(r) for r in await conn.fetch(query, *args)])
    return out


async def heavy_list(conn: asyncpg.Connection, t: Target, route: str, answer: Any) -> bytes:
    """The floor of one heavy list route: its rows fetched and made dicts, `answer` encoded."""
    await heavy_list_rows(conn, t, route)
    return orjson.dumps(answer)


# ------------------------------------------------------------------------------------- harness
@dataclass
class Timing:
    name: str
    runs: list[float]
    size: int

    def line(self) -> str:
        ms = sorted(r * 1000 for r in self.runs)
        p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
        return (f"{self.name:<44} p50 {statistics.median(ms):8.1f} ms   min {ms[0]:8.1f}   p90 {p90:8.1f}"
                f"   ({len(ms)} runs, {self.size / 1e6:.2f} MB)")


async def measure(name: str, fn: Callable[[], Awaitable[Any]], runs: int, warmup: int = 2,
                  pause_gc: bool = False) -> Timing:
    """Median and spread of `runs` calls. `pause_gc`: Python's cyclic garbage collector is off during each
    call and runs between calls, untimed (what a server could do around a big answer)."""
    for _ in range(warmup):
        await fn()
    times, size = [], 0
    for _ in range(runs):
        if pause_gc:
            gc.disable()
        try:
            start = time.perf_counter()
            body = await fn()
            times.append(time.perf_counter() - start)
        finally:
            if pause_gc:  # on again even when the call fails
                gc.enable()
                gc.collect()
        size = len(body) if isinstance(body, bytes) else 0
    return Timing(name, times, size)


async def _built(t: Target, rows) -> bytes:
    return encode_nested_view(t, *rows)


async def run(url: str, runs: int, sequence_id: str | None = None) -> list[Timing]:
    u = make_url(url)
    dsn = u.set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        t = await find_target(conn, sequence_id)
        counts = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM entity WHERE project_id = $1 AND entity_type_id = $2) AS shots, "
            "(SELECT count(*) FROM task WHERE project_id = $1) AS tasks", t.project_id, t.types["Shot"])
        print(f"project {t.project_name} ({t.project_id}): {counts['shots']} shots, {counts['tasks']} tasks; "
              f"sequence {t.sequence_id}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus",
              flush=True)
        rows = await nested_view_rows(conn, t)
        return [
            await measure("(a) nested production view", lambda: nested_view(conn, t), runs),
            await measure("(a) of which: fetching the rows", lambda: nested_view_rows(conn, t), runs),
            await measure("(a) of which: nesting + orjson", lambda: _built(t, rows), runs),
            await measure("(b) one sequence's casting", lambda: sequence_casting(conn, t), runs * 10),
            await measure("(c) all shots with their tasks", lambda: shots_with_tasks(conn, t), runs),
            await measure("(a) nested view, GC paused", lambda: nested_view(conn, t), runs, pause_gc=True),
            await measure("(c) shots with tasks, GC paused", lambda: shots_with_tasks(conn, t), runs,
                          pause_gc=True),
        ]
    finally:
        await conn.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__.split("\n")[0])
    p.add_argument("--database-url", required=True, help="postgresql://user@host/db holding a generated production")
    p.add_argument("--runs", type=int, default=20, help="runs of (a) and (c); (b) runs ten times as many")
    p.add_argument("--sequence-id", help="the sequence of (b); default: the first created")
    args = p.parse_args(argv)
    if not make_url(args.database_url).drivername.startswith("postgres"):
        print("error: the floor is measured on PostgreSQL", file=sys.stderr)
        return 2
    for timing in asyncio.run(run(args.database_url, args.runs, args.sequence_id)):
        print(timing.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The nested production view at studio scale with the rows already in memory: Strawberry's stock execution
vs the breadth-first executor vs the same JSON built by hand from the same rows. No database: every batch
function of the query is replaced by a dictionary lookup, so the figures are the executors' own cost.

    python -m bench.graphql_inmemory [--shots 5000] [--runs 3] [--skip-stock]

Each figure includes encoding the answer to JSON (orjson), as the server sends it.
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import statistics
import time
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

import orjson
from graphql import parse

import resolvers.casting
import resolvers.entities
import resolvers.projects
import resolvers.tasks
from domain import people
from domain.tables import Entity, EntityLink, EntityType, Person, Project, Task, TaskStatus, TaskType
from resolvers.context import Context, CurrentUser
from schema import breadth
from schema.app import encode
from schema.fields import SPEC, RelationSpec, RootSpec
from schema.schema import schema

NESTED = """query($id: ID!) { project(id: $id) { episodes { sequences { shots {
  name casting { asset { name assetType { name } } nbOccurences }
  tasks { taskType { name } taskStatus { shortName } assignees { fullName } } } } } } }"""

WIDE = """query($id: ID!) { project(id: $id) { name episodes { id name sequences { id name shots {
  id name code description status canceled nbFrames nbEntitiesOut isCastingStandby isShared projectId entityTypeId
  parentId sourceId previewFileId readyFor createdBy data createdAt updatedAt
  casting { id nbOccurences label entityInId entityOutId createdAt asset { id name canceled data
            assetType { id name } } }
  tasks { id name description priority difficulty duration estimation completionRate retakeCount sortOrder
          startDate dueDate realStartDate endDate doneDate lastCommentDate nbAssetsReady nbDrawings data
          createdAt updatedAt taskType { id name color priority } taskStatus { id name shortName color isDone }
          assignees { id fullName firstName lastName } } } } } } }"""


def _row(table, **values) -> dict[str, Any]:
    """A row as the database gives it: every column, None where not set."""
    return {**{c: None for c in table.__table__.c.keys()}, **values}


@dataclasses.dataclass
class Studio:
    project: dict
    episodes: list[dict]
    sequences: list[dict]
    shots: list[dict]
    assets: list[dict]
    asset_types: list[dict]
    links: list[dict]
    tasks: list[dict]
    task_types: list[dict]
    task_statuses: list[dict]
    persons: list[dict]
    assignees: dict  # task id -> [person rows]


def make_studio(shots: int, *, per_sequence: int = 50, per_episode: int = 10, assets: int = 500,
                cast: int = 10, task_types: int = 8) -> Studio:
    now = datetime(2025, 3, 1, 9, 30, 15)
    new = uuid.uuid4
    project = _row(Project, id=new(), name="Bench", production_style="2d3d", created_at=now, updated_at=now,
                   data={})
    types = {n: new() for n in ("Episode", "Sequence", "Shot")}
    asset_types = [_row(EntityType, id=new(), name=n, created_at=now) for n in ("Character", "Prop", "Set", "FX")]

    def entity(kind: str, name: str, n: int, **kw) -> dict:
        return _row(Entity, id=new(), name=name, project_id=project["id"], status="running", is_shared=False,
                    canceled=False, created_at=now + timedelta(seconds=n), updated_at=now, data={"n": n},
                    kind=kind, **kw)

    nb_seq = -(-shots // per_sequence)
    nb_ep = -(-nb_seq // per_episode)
    episodes = [entity("Episode", f"E{e:03d}", e, entity_type_id=types["Episode"]) for e in range(nb_ep)]
    sequences = [entity("Sequence", f"SQ{s:04d}", s, entity_type_id=types["Sequence"],
                        parent_id=episodes[s // per_episode]["id"]) for s in range(nb_seq)]
    shot_rows = [entity("Shot", f"SH{n:05d}", n, entity_type_id=types["Shot"], nb_frames=24 + n % 100,
                        parent_id=sequences[n // per_sequence]["id"]) for n in range(shots)]
    asset_rows = [entity("Asset", f"Asset{a:04d}", a, entity_type_id=asset_types[a % 4]["id"])
                  for a in range(assets)]
    links = [_row(EntityLink, id=new(), entity_in_id=s["id"], entity_out_id=asset_rows[(n * 7 + k) % assets]["id"],
                  nb_occurences=1 + k % 3, label="", created_at=now)
             for n, s in enumerate(shot_rows) for k in range(cast)]
    tts = [_row(TaskType, id=new(), name=f"Step{i}", color="#000000", priority=i, for_entity="Shot")
           for i in range(task_types)]
    statuses = [_row(TaskStatus, id=new(), name=f"Status{i}", short_name=f"s{i}", color="#ffffff", is_done=i == 4)
                for i in range(9)]
    persons = [_row(Person, id=new(), first_name=f"First{i}", last_name=f"Last{i}", role="user", is_bot=False,
                    is_guest=False, contract_type="open-ended") for i in range(50)]
    tasks, assignees = [], {}
    for n, s in enumerate(shot_rows):
        for i in range(7 + n % 2):
            t = _row(Task, id=new(), name="main", project_id=project["id"], entity_id=s["id"],
                     task_type_id=tts[i % task_types]["id"], task_status_id=statuses[(n + i) % 9]["id"],
                     duration=60.0, estimation=2.0, priority=0, difficulty=3, created_at=now, updated_at=now,
                     due_date=now)
            tasks.append(t)
            assignees[t["id"]] = [persons[(n + i) % 50]]
    return Studio(project, episodes, sequences, shot_rows, asset_rows, asset_types, links, tasks, tts, statuses,
                  persons, assignees)


class InMemory:
    """The query's batch functions, answered from dictionaries (same signatures as the resolvers)."""

    def __init__(self, s: Studio):
        self.s = s
        self.by_id = {r["id"]: r for r in [s.project, *s.episodes, *s.sequences, *s.shots, *s.assets]}
        self.children = defaultdict(list)
        for r in [*s.sequences, *s.shots]:
            self.children[r["parent_id"]].append(r)
        self.casting = defaultdict(list)
        for link in s.links:
            self.casting[link["entity_in_id"]].append(link)
        self.tasks = defaultdict(list)
        for t in s.tasks:
            self.tasks[t["entity_id"]].append(t)
        self.types = {r["id"]: r for r in [*s.asset_types, *s.task_types, *s.task_statuses]}

    async def project(self, ctx, id):  # noqa: A002
        return self.s.project

    async def project_entities(self, ctx, ids, *, kind, **_):
        return [self.s.episodes if kind == "Episode" else [] for _ in ids]

    async def entity_casting(self, ctx, rows):
        return [self.casting.get(r["id"], []) for r in rows]

    async def entities_of_kind(self, ctx, ids, *, kind):
        return [self.by_id.get(i) for i in ids]

    async def by_key(self, ctx, ids):
        return [self.types.get(i) for i in ids]

    async def entity_tasks(self, ctx, ids, **_):
        return [self.tasks.get(i, []) for i in ids]

    async def task_assignees(self, ctx, rows):
        return [self.s.assignees.get(r["id"], []) for r in rows]

    def replacements(self) -> dict:
        return {
            resolvers.projects.project: self.project,
            resolvers.entities.project_entities: self.project_entities,
            resolvers.entities.children: self.children_batch,
            resolvers.casting.entity_casting: self.entity_casting,
            resolvers.entities.entities_of_kind: self.entities_of_kind,
            resolvers.entities.entity_types: self.by_key,
            resolvers.tasks.entity_tasks: self.entity_tasks,
            resolvers.tasks.task_types: self.by_key,
            resolvers.tasks.task_statuses: self.by_key,
            resolvers.tasks.task_assignees: self.task_assignees,
        }

    async def children_batch(self, ctx, ids, *, kind, **_):
        return [self.children.get(i, []) for i in ids]


def patch_schema(replacements: dict) -> None:
    """Point the schema's field declarations at the in-memory batch functions (this process only)."""
    for gql_type in schema._schema.type_map.values():
        for field in getattr(gql_type, "fields", {}).values() if hasattr(gql_type, "fields") else ():
            sfield = field.extensions.get("strawberry-definition") if field.extensions else None
            spec = (sfield.metadata or {}).get(SPEC) if sfield is not None else None
            if isinstance(spec, RelationSpec) and spec.batch in replacements:
                object.__setattr__(spec, "batch", replacements[spec.batch])
            elif isinstance(spec, RootSpec) and spec.fn in replacements:
                object.__setattr__(spec, "fn", replacements[spec.fn])


def by_hand_nested(mem: InMemory) -> bytes:
    """The nested answer built directly from the rows, one object at a time."""
    s = mem.s
    types = mem.types
    episodes = []
    for ep in s.episodes:
        sequences = []
        for seq in mem.children.get(ep["id"], []):
            shots = []
            for shot in mem.children.get(seq["id"], []):
                casting = []
                for link in mem.casting.get(shot["id"], []):
                    asset = mem.by_id[link["entity_out_id"]]
                    casting.append({"asset": {"name": asset["name"],
                                              "assetType": {"name": types[asset["entity_type_id"]]["name"]}},
                                     "nbOccurences": link["nb_occurences"]})
                tasks = []
                for t in mem.tasks.get(shot["id"], []):
                    tasks.append({"taskType": {"name": types[t["task_type_id"]]["name"]},
                                  "taskStatus": {"shortName": types[t["task_status_id"]]["short_name"]},
                                  "assignees": [{"fullName": people.full_name(p)}
                                                for p in s.assignees.get(t["id"], [])]})
                shots.append({"name": shot["name"], "casting": casting, "tasks": tasks})
            sequences.append({"shots": shots})
        episodes.append({"sequences": sequences})
    return orjson.dumps({"data": {"project": {"episodes": episodes}}}, option=orjson.OPT_OMIT_MICROSECONDS)


def without_gc(fn, *args):
    """The hand-built answer with the cyclic collector paused, as the engine pauses it while building."""
    gc.disable()
    try:
        return fn(*args)
    finally:
        gc.enable()


def context() -> Context:
    user = CurrentUser(id=uuid.uuid4(), role="admin", is_bot=False, identity_type="person", person={})
    return Context(db=None, settings=None, user=user)  # type: ignore[arg-type]


async def run_breadth(query: str, variables: dict) -> bytes:
    result = await breadth.execute(schema, parse(query), context=context(), variables=variables)
    return encode(result)


async def run_stock(query: str, variables: dict) -> bytes:
    result = await schema.execute(query, variable_values=variables, context_value=context())
    return encode(result)


async def timed(fn, runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = await fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shots", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-stock", action="store_true", help="skip Strawberry's stock execution (slow)")
    args = parser.parse_args()

    studio = make_studio(args.shots)
    mem = InMemory(studio)
    patch_schema(mem.replacements())
    variables = {"id": str(studio.project["id"])}
    print(f"{args.shots} shots, {len(studio.links)} casting links, {len(studio.tasks)} tasks; median of {args.runs}")

    hand_gc, hand_out = await timed(lambda: asyncio.sleep(0, by_hand_nested(mem)), args.runs)
    hand, _ = await timed(lambda: asyncio.sleep(0, without_gc(by_hand_nested, mem)), args.runs)
    fast, fast_out = await timed(lambda: run_breadth(NESTED, variables), args.runs)
    assert orjson.loads(fast_out) == orjson.loads(hand_out), "the breadth-first answer differs from the hand-built"
    print(f"nested query, {len(fast_out) / 1e6:.1f} MB")
    print(f"  by hand from the rows     {hand:8.3f} s   (with the cyclic GC running: {hand_gc:.3f} s)")
    print(f"  breadth-first executor    {fast:8.3f} s   {fast / hand:5.2f}x by hand")
    if not args.skip_stock:
        stock, stock_out = await timed(lambda: run_stock(NESTED, variables), 1)
        assert orjson.loads(stock_out) == orjson.loads(fast_out), "stock and breadth-first answers differ"
        print(f"  Strawberry stock          {stock:8.3f} s   {stock / hand:5.2f}x by hand, "
              f"{stock / fast:5.1f}x breadth-first")
    wide, wide_out = await timed(lambda: run_breadth(WIDE, variables), args.runs)
    print(f"wide query (every column of shots and tasks), {len(wide_out) / 1e6:.1f} MB")
    print(f"  breadth-first executor    {wide:8.3f} s")
    if not args.skip_stock:
        stock_wide, stock_wide_out = await timed(lambda: run_stock(WIDE, variables), 1)
        assert orjson.loads(stock_wide_out) == orjson.loads(wide_out), "stock and breadth-first answers differ"
        print(f"  Strawberry stock          {stock_wide:8.3f} s   {stock_wide / wide:5.1f}x breadth-first")


if __name__ == "__main__":
    asyncio.run(main())

"""A whole production inserted in bulk (a few statements whatever its size): episodes, sequences, shots,
assets, casting, tasks with assignees. Deterministic names, so two productions answer alike."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from domain.base import new_id
from domain.tables import (Entity, EntityLink, EntityType, Person, Project, ProjectPersonLink, ProjectStatus,
                           ProjectTaskTypeLink, Task, TaskPersonLink, TaskStatus, TaskType)

Row = dict[str, Any]
STAMP = datetime(2025, 3, 1, 9, 30, 15, 123456)
SHOT_TASK_TYPES = ("Layout", "Animation", "Lighting")
ASSET_TYPES = ("Character", "Prop", "Environment")


@dataclass
class Production:
    project: Row
    episodes: list[Row] = field(default_factory=list)
    sequences: list[Row] = field(default_factory=list)
    shots: list[Row] = field(default_factory=list)
    assets: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    artists: list[Row] = field(default_factory=list)


async def _ids(db, column_name, column_id) -> dict:
    return dict((await db.execute(select(column_name, column_id))).all())


async def _insert(db, table, rows: list[Row]) -> None:
    """A bulk insert; every row gets every key (an executemany takes its columns from the first row)."""
    if rows:
        keys = {k for r in rows for k in r}
        await db.execute(insert(table.__table__), [{k: r.get(k) for k in keys} for r in rows])


def _stamped(row: Row, n: int = 0) -> Row:
    at = STAMP + timedelta(seconds=n)
    return {"id": new_id(), "created_at": at, "updated_at": at, **row}


async def build_production(db, *, shots: int, name: str | None = None, team=(), artists: int = 3,
                           shots_per_sequence: int = 10, sequences_per_episode: int = 4, assets: int = 12,
                           cast_per_shot: int = 3, canceled_every: int = 0) -> Production:
    """`shots` shots under episodes and sequences, each with three tasks (one artist assigned) and
    `cast_per_shot` assets cast. `team` persons (or (person, role) pairs) join the project's team."""
    types = await _ids(db, EntityType.name, EntityType.id)
    statuses = await _ids(db, TaskStatus.short_name, TaskStatus.id)
    shot_task_types = dict((await db.execute(select(TaskType.name, TaskType.id).where(
        TaskType.for_entity == "Shot", TaskType.name.in_(SHOT_TASK_TYPES)))).all())
    open_id = (await db.scalars(select(ProjectStatus.id).where(ProjectStatus.name == "Open")))[0]
    tag = name or f"Prod {uuid.uuid4().hex[:8]}"
    project = _stamped({"name": tag, "production_style": "2d3d", "production_type": "tvshow",
                        "project_status_id": open_id, "revision_padding": 0, "data": {"tag": tag}})
    await _insert(db, Project, [project])
    prod = Production(project)

    people = [_stamped({"first_name": f"Artist{i}", "last_name": tag, "email": f"a{i}.{project['id'].hex}@ex.com",
                        "role": "user", "contract_type": "open-ended", "active": True, "is_bot": False,
                        "is_guest": False}) for i in range(artists)]
    await _insert(db, Person, people)
    prod.artists = people
    members = [(p, None) for p in people] + [m if isinstance(m, tuple) else (m, None) for m in team]
    await _insert(db, ProjectPersonLink, [{"project_id": project["id"], "person_id": p["id"], "role": role}
                                          for p, role in members])
    await _insert(db, ProjectTaskTypeLink, [
        _stamped({"project_id": project["id"], "task_type_id": tt, "priority": i})
        for i, tt in enumerate(shot_task_types.values())])

    def entity(kind_id, name, n, **extra) -> Row:
        return _stamped({"name": name, "project_id": project["id"], "entity_type_id": kind_id, "status": "running",
                         "is_shared": False, "canceled": False, "data": {"n": n}, **extra}, n)

    nb_sequences = max(1, -(-shots // shots_per_sequence))
    nb_episodes = max(1, -(-nb_sequences // sequences_per_episode))
    prod.episodes = [entity(types["Episode"], f"E{e + 1:02d}", e) for e in range(nb_episodes)]
    prod.sequences = [entity(types["Sequence"], f"SQ{s + 1:03d}", s,
                             parent_id=prod.episodes[s // sequences_per_episode]["id"]) for s in range(nb_sequences)]
    prod.shots = [entity(types["Shot"], f"SH{n + 1:05d}", n, parent_id=prod.sequences[n // shots_per_sequence]["id"],
                         nb_frames=24 + n % 50,
                         canceled=bool(canceled_every and n % canceled_every == canceled_every - 1))
                  for n in range(shots)]
    prod.assets = [entity(types[ASSET_TYPES[a % len(ASSET_TYPES)]], f"Asset{a + 1:03d}", a,
                          canceled=bool(canceled_every and a % canceled_every == canceled_every - 1))
                   for a in range(assets)]
    await _insert(db, Entity, prod.episodes + prod.sequences + prod.shots + prod.assets)

    prod.links = [_stamped({"entity_in_id": shot["id"], "entity_out_id": prod.assets[(n + k) % assets]["id"],
                            "nb_occurences": 1 + k, "label": "fixed" if k == 0 else "animate"})
                  for n, shot in enumerate(prod.shots) for k in range(min(cast_per_shot, assets))]
    await _insert(db, EntityLink, prod.links)

    status_cycle = [statuses[s] for s in ("todo", "wip", "wfa", "done")]
    prod.tasks = [_stamped({"name": "main", "project_id": project["id"], "task_type_id": tt, "entity_id": shot["id"],
                            "task_status_id": status_cycle[(n + i) % 4], "difficulty": 3, "duration": 60.0 * i,
                            "estimation": 2.0, "priority": i, "retake_count": 0,
                            "due_date": STAMP + timedelta(days=n % 30)}, n)
                  for n, shot in enumerate(prod.shots) for i, tt in enumerate(shot_task_types.values())]
    await _insert(db, Task, prod.tasks)
    if people:
        await _insert(db, TaskPersonLink, [{"task_id": t["id"], "person_id": people[n % len(people)]["id"]}
                                           for n, t in enumerate(prod.tasks)])
    return prod

"""Check that a server answering Zou's REST routes (the real Zou, or TrackQL) serves a generated database:
log in as the admin and as a generated artist, read the project and its entities, and compare the numbers
with the database's own counts.

    python -m bench.zou_check --api http://127.0.0.1:5001/api --database-url postgresql://.../trackql_bench_small
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass

import httpx
from sqlalchemy import func, select

from bench.generate import ADMIN_EMAIL, normalize_url
from bench.production import PASSWORD
from domain.db import make_engine
from domain.tables import (DayOff, Entity, EntityLink, EntityType, Person, Project, Task, TaskPersonLink,
                           TaskStatus)


@dataclass
class Expected:
    project_id: str
    shots: int
    sequences: int
    episodes: int
    assets: int
    tasks: int
    one_sequence_id: str
    one_sequence_cast_shots: int
    artist_email: str
    artist_todo: int  # assigned tasks whose status is not done
    artist_done: int
    day_offs: int


async def expected(url: str) -> Expected:
    engine = make_engine(normalize_url(url))
    try:
        async with engine.connect() as conn:
            async def scalar(q):
                return (await conn.execute(q)).scalar()

            project_id = await scalar(select(Project.id).limit(1))
            types = {name: id_ for name, id_ in (await conn.execute(select(EntityType.name, EntityType.id))).all()}

            def of_type(name):
                return select(func.count()).select_from(Entity).where(
                    Entity.project_id == project_id, Entity.entity_type_id == types[name])

            asset_types = [v for k, v in types.items() if k not in (
                "Shot", "Sequence", "Episode", "Scene", "Edit", "Concept", "ConceptFolder")]
            sequence_id = await scalar(select(Entity.id).where(Entity.entity_type_id == types["Sequence"])
                                       .order_by(Entity.created_at).limit(1))
            shot_ids = select(Entity.id).where(Entity.parent_id == sequence_id).scalar_subquery()
            artist = (await conn.execute(
                select(Person.id, Person.email).join(TaskPersonLink, TaskPersonLink.person_id == Person.id)
                .where(Person.role == "user").group_by(Person.id, Person.email)
                .order_by(func.count().desc(), Person.email).limit(1))).one()
            assigned = (select(func.count()).select_from(TaskPersonLink)
                        .join(Task, Task.id == TaskPersonLink.task_id)
                        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
                        .where(TaskPersonLink.person_id == artist.id))
            return Expected(
                project_id=str(project_id),
                shots=await scalar(of_type("Shot")), sequences=await scalar(of_type("Sequence")),
                episodes=await scalar(of_type("Episode")),
                assets=await scalar(select(func.count()).select_from(Entity).where(
                    Entity.project_id == project_id, Entity.entity_type_id.in_(asset_types))),
                tasks=await scalar(select(func.count()).select_from(Task).where(Task.project_id == project_id)),
                one_sequence_id=str(sequence_id),
                one_sequence_cast_shots=await scalar(select(func.count(func.distinct(EntityLink.entity_in_id)))
                                                     .where(EntityLink.entity_in_id.in_(shot_ids))),
                artist_email=artist.email,
                artist_todo=await scalar(assigned.where(TaskStatus.is_done.is_(False))),
                artist_done=await scalar(assigned.where(TaskStatus.is_done.is_(True))),
                day_offs=await scalar(select(func.count()).select_from(DayOff)),
            )
    finally:
        await engine.dispose()


def login(client: httpx.Client, email: str) -> dict[str, str]:
    r = client.post("/auth/login", json={"email": email, "password": PASSWORD})
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def check(api: str, exp: Expected) -> list[str]:
    """The requests and what they answered; a line starting with FAIL when it is not what the database holds."""
    out: list[str] = []

    def get(client, path, headers, expect_len=None, expect_status=200):
        r = client.get(path, headers=headers)
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else None
        size = len(body) if isinstance(body, (list, dict)) else None
        ok = r.status_code == expect_status and (expect_len is None or size == expect_len)
        out.append(f"{'ok  ' if ok else 'FAIL'} GET {path} -> {r.status_code}, {size} items"
                   + ("" if expect_len is None else f" (expected {expect_len})")
                   + f", {r.elapsed.total_seconds() * 1000:.0f} ms")
        return body

    p = exp.project_id
    with httpx.Client(base_url=api, timeout=120) as client:
        admin = login(client, ADMIN_EMAIL)
        out.append(f"ok   POST /auth/login as {ADMIN_EMAIL}")
        projects = get(client, "/data/projects", admin, 1)
        if projects and projects[0]["id"] != p:
            out.append(f"FAIL project id {projects[0]['id']} != {p}")
        get(client, f"/data/projects/{p}", admin)
        get(client, "/data/projects/open", admin, 1)
        get(client, f"/data/projects/{p}/episodes", admin, exp.episodes)
        get(client, f"/data/projects/{p}/sequences", admin, exp.sequences)
        get(client, f"/data/projects/{p}/shots", admin, exp.shots)
        get(client, f"/data/shots?project_id={p}", admin, exp.shots)
        get(client, f"/data/assets?project_id={p}", admin, exp.assets)
        get(client, f"/data/tasks?project_id={p}", admin, exp.tasks)
        get(client, f"/data/shots/with-tasks?project_id={p}", admin, exp.shots)
        get(client, f"/data/assets/with-tasks?project_id={p}", admin, exp.assets)
        get(client, f"/data/projects/{p}/sequences/{exp.one_sequence_id}/casting", admin,
            exp.one_sequence_cast_shots)
        get(client, f"/data/projects/{p}/team", admin)
        get(client, "/data/persons", admin)
        get(client, "/data/task-types", admin)
        get(client, "/data/task-status", admin)
        get(client, "/data/organisations", admin)
        get(client, f"/data/projects/{p}/budgets", admin, 1)
        get(client, "/data/day-offs", admin, exp.day_offs)
        get(client, "/data/user/context", admin)
        artist = login(client, exp.artist_email)
        out.append(f"ok   POST /auth/login as {exp.artist_email}")
        get(client, "/data/user/tasks", artist, exp.artist_todo)
        get(client, "/data/user/done-tasks", artist, exp.artist_done)
        get(client, "/data/projects", artist, 1)
        get(client, "/data/user/context", artist)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.zou_check", description=__doc__.split("\n")[0])
    p.add_argument("--api", required=True, help="base URL of the REST routes, e.g. http://127.0.0.1:5001/api")
    p.add_argument("--database-url", required=True)
    args = p.parse_args(argv)
    lines = check(args.api.rstrip("/"), asyncio.run(expected(args.database_url)))
    print("\n".join(lines))
    return 1 if any(line.startswith("FAIL") for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())

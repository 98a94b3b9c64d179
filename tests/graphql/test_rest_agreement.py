"""For the same objects, GraphQL and the REST routes (`/api/data/...`) agree on every field they share: each
type's scalar fields are read from the schema (introspection), asked for by GraphQL, mapped camelCase ->
snake_case and compared, value for value, with the REST answer (date-times as Zou writes them)."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest

from factories import (auth_headers, make_asset, make_budget, make_budget_entry, make_department, make_episode,
                       make_person, make_project, make_sequence, make_shot, make_task, make_time_spent)

TYPE_FIELDS = """query($name: String!) { __type(name: $name) { fields { name args { type { kind } }
    type { kind ofType { kind ofType { kind ofType { kind } } } } } } }"""


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


async def scalar_fields(gql, type_name: str) -> list[str]:
    """The fields of the type that are scalars (or lists of them) and need no argument."""
    body = await gql(TYPE_FIELDS, {"name": type_name})
    out = []
    for f in body["data"]["__type"]["fields"]:
        kind, t = f["type"]["kind"], f["type"]
        while kind in ("NON_NULL", "LIST"):
            t = t["ofType"]
            kind = t["kind"]
        if kind in ("SCALAR", "ENUM") and not any(a["type"]["kind"] == "NON_NULL" for a in f["args"]):
            out.append(f["name"])
    return out


def shared(graphql: dict[str, Any], rest: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """GraphQL field -> (GraphQL value, REST value) for every field both answers carry."""
    return {name: (value, rest[snake(name)]) for name, value in graphql.items() if snake(name) in rest}


@pytest.fixture
async def world(db):
    admin = await make_person(db, role="admin", first_name="Ada")
    artist = await make_person(db, role="user", first_name="Art", phone="+33 1 23")
    project = await make_project(db, team=[admin, artist], name="Agreement P")
    episode = await make_episode(db, project=project, name="E01", description="first")
    sequence = await make_sequence(db, project=project, episode=episode, name="SQ01", data={"k": [1, "a"]})
    shot = await make_shot(db, project=project, sequence=sequence, name="SH010", nb_frames=48,
                           data={"frame_in": 1, "frame_out": 48})
    asset = await make_asset(db, project=project, name="Hero", description="the hero")
    task = await make_task(db, entity=shot, assignees=[artist], estimation=3.5, priority=2,
                           start_date=datetime(2026, 1, 5, 9, 30, 15), due_date=datetime(2026, 2, 1))
    time_spent = await make_time_spent(db, task=task, person=artist, duration=90.0)
    department = await make_department(db, name="Agreement Dept")
    budget = await make_budget(db, project=project, name="B1")
    await make_budget_entry(db, budget=budget, department=department, person=artist)
    return {"admin": admin, "artist": artist, "project": project, "episode": episode, "sequence": sequence,
            "shot": shot, "asset": asset, "task": task, "time_spent": time_spent, "budget": budget}


# type name, how GraphQL reaches the object (the selection goes in `{}`), the REST path, the id it takes, the
# fields both answers carry for an admin (the REST key sets less Zou's relation lists and `type`)
CASES = [
    ("Project", "project(id: $id) {}", "/api/data/projects/{project}", "project", 26),
    ("Episode", "episode(id: $id) {}", "/api/data/entities/{episode}", "episode", 21),
    ("Sequence", "sequence(id: $id) {}", "/api/data/entities/{sequence}", "sequence", 21),
    ("Shot", "shot(id: $id) {}", "/api/data/entities/{shot}", "shot", 21),
    ("Asset", "asset(id: $id) {}", "/api/data/entities/{asset}", "asset", 21),
    ("Task", "task(id: $id) {}", "/api/data/tasks/{task}", "task", 27),
    ("TaskType", "task(id: $id) { taskType {} }", "/api/data/task-types/{task_type}", "task", 13),
    ("TaskStatus", "task(id: $id) { taskStatus {} }", "/api/data/task-status/{task_status}", "task", 18),
    ("Person", "person(id: $id) {}", "/api/data/persons/{artist}", "artist", 25),
    ("TimeSpent", "task(id: $id) { timeSpents {} }", "/api/data/time-spents/{time_spent}", "task", 7),
    ("Budget", "project(id: $id) { budgets {} }", "/api/data/projects/{project}/budgets/{budget}", "project", 7),
]
# what an artist of the team reads on both faces (REST keeps a person's own record, their time spents and
# budgets from them; GraphQL shows them their own, see the budget refusal below)
ARTIST_CASES = CASES[:8]


def _ids(world: dict[str, Any]) -> dict[str, str]:
    ids = {name: str(row["id"]) for name, row in world.items()}
    ids["task_type"] = str(world["task"]["task_type_id"])
    ids["task_status"] = str(world["task"]["task_status_id"])
    return ids


def _dig(data: Any) -> dict[str, Any]:
    """The one object at the end of the path (a single-element list counts as its element)."""
    while True:
        if isinstance(data, list):
            assert len(data) == 1, data
            data = data[0]
        elif isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), (dict, list)):
            data = next(iter(data.values()))
        else:
            return data


async def _compare(gql, client, settings, world, case, viewer) -> dict[str, tuple[Any, Any]]:
    type_name, path, rest_path, root, _ = case
    ids = _ids(world)
    selection = path.replace("{}", "{ " + " ".join(await scalar_fields(gql, type_name)) + " }")
    body = await gql(f"query($id: ID!) {{ {selection} }}", {"id": ids[root]}, as_=world[viewer])
    assert "errors" not in body, body
    r = await client.get(rest_path.format(**ids), headers=auth_headers(settings, world[viewer]))
    assert r.status_code == 200, r.text
    pairs = shared(_dig(body["data"]), r.json())
    assert {k: g for k, (g, _) in pairs.items()} == {k: z for k, (_, z) in pairs.items()}
    return pairs


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
async def test_graphql_and_rest_agree_for_an_admin(gql, client, settings, world, case):
    pairs = await _compare(gql, client, settings, world, case, "admin")
    assert len(pairs) == case[4], sorted(pairs)


@pytest.mark.parametrize("case", ARTIST_CASES, ids=[c[0] for c in ARTIST_CASES])
async def test_graphql_and_rest_agree_for_an_artist(gql, client, settings, world, case):
    pairs = await _compare(gql, client, settings, world, case, "artist")
    assert len(pairs) >= 7, sorted(pairs)


async def test_budgets_are_refused_to_an_artist_on_both_faces(gql, client, settings, world):
    ids = _ids(world)
    body = await gql("query($id: ID!) { project(id: $id) { budgets { id } } }", {"id": ids["project"]},
                     as_=world["artist"])
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    r = await client.get(f"/api/data/projects/{ids['project']}/budgets/{ids['budget']}",
                         headers=auth_headers(settings, world["artist"]))
    assert r.status_code == 403

"""Zou's casting routes (breakdown.md §2-4): an entity's and a sequence's casting, a shot's asset instances and
the casting update gazu's `update_shot_casting` sends, with the statuses, keys and order Zou 1.0.97 answered
for the same requests (tests/zou_breakdown_diff.py)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.tables import ApiEvent, AssetInstance, AssetInstanceLink, Entity, EntityLink, Task
from tests.factories import (make_asset, make_entity_link, make_entity_type, make_episode, make_sequence, make_shot,
                             unique)
from tests.team_world import _insert, team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"
ROLES_READ = [("admin", 200), ("manager", 200), ("teammgr", 200), ("user", 200), ("super", 200), ("client", 200),
              ("vendor", 403), ("outsider", 403), ("outmgr", 403)]


@pytest.fixture
async def w(db, settings):
    """The team world (SQ01 with SH010 and SH020), two asset types, SH010 casting three assets and a canceled one."""
    w = await team_world(db, settings)
    chars = await make_entity_type(db, name="A Char " + unique("t")[-6:])
    props = await make_entity_type(db, name="B Prop " + unique("t")[-6:])
    w.ids.update(chars=chars["id"], props=props["id"])
    for key, name, kind in (("zed", "Zed", chars), ("anna", "Anna", chars), ("chair", "chair", props),
                            ("broken", "Broken", props)):
        w.ids[key] = (await make_asset(db, project=w.project, asset_type=kind, name=name,
                                       canceled=key == "broken"))["id"]
    await make_entity_link(db, entity_in=w.sh1, entity_out=w.chair, nb_occurences=1, label="")
    await make_entity_link(db, entity_in=w.sh1, entity_out=w.zed, nb_occurences=2, label="animate")
    await make_entity_link(db, entity_in=w.sh1, entity_out=w.anna, nb_occurences=1, label="")
    await make_entity_link(db, entity_in=w.sh1, entity_out=w.broken, nb_occurences=1, label="")
    return w


def casting_url(w, entity, project=None) -> str:
    return f"/api/data/projects/{project or w.project}/entities/{entity}/casting"


def sequence_url(w, sequence, project=None) -> str:
    return f"/api/data/projects/{project or w.project}/sequences/{sequence}/casting"


async def events(db, prefix: str = "") -> list[dict]:
    rows = await db.rows(select(ApiEvent.name, ApiEvent.data).order_by(ApiEvent.created_at))
    return [dict(r) for r in rows if r["name"].startswith(prefix)]


# --- reads -------------------------------------------------------------------------------------------------

async def test_entity_casting_lists_assets_by_type_then_name_without_canceled_ones(client, w):
    r = await client.get(casting_url(w, w.sh1), headers=w.auth("user"))
    assert r.status_code == 200
    body = r.json()
    assert [c["asset_name"] for c in body] == ["Anna", "Zed", "chair"]
    assert body[1] == {"asset_id": str(w.zed), "asset_name": "Zed", "asset_type_name": body[1]["asset_type_name"],
                       "ready_for": None, "episode_id": None, "preview_file_id": None, "nb_occurences": 2,
                       "label": "animate", "is_shared": False, "project_id": str(w.project)}
    assert body[1]["asset_type_name"].startswith("A Char") and body[2]["asset_type_name"].startswith("B Prop")


async def test_an_asset_without_casting_answers_an_empty_list(client, w):
    r = await client.get(casting_url(w, w.zed), headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (200, [])


async def test_sequence_casting_is_keyed_by_shot_and_leaves_out_uncast_shots(client, w, db):
    await make_entity_link(db, entity_in=w.sh2, entity_out=w.chair, nb_occurences=4, label="bg")
    r = await client.get(sequence_url(w, w.seq), headers=w.auth("client"))
    assert r.status_code == 200
    body = r.json()
    assert list(body) == [str(w.sh1), str(w.sh2)]
    assert [c["name"] for c in body[str(w.sh1)]] == ["Anna", "Zed", "chair"]
    assert body[str(w.sh2)] == [{"asset_id": str(w.chair), "name": "chair", "asset_name": "chair",
                                 "asset_type_name": body[str(w.sh2)][0]["asset_type_name"], "sequence_name": "SQ01",
                                 "preview_file_id": None, "nb_occurences": 4, "label": "bg", "is_shared": False,
                                 "project_id": str(w.project)}]
    other = await make_sequence(db, project=w.project, name="SQ09")
    await make_shot(db, project=w.project, sequence=other)
    r = await client.get(sequence_url(w, other["id"]), headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (200, {})


@pytest.mark.parametrize("who,status", ROLES_READ)
async def test_casting_reads_follow_zous_project_access_and_refuse_vendors(client, w, who, status):
    for url in (casting_url(w, w.sh1), sequence_url(w, w.seq)):
        r = await client.get(url, headers=w.auth(who))
        assert r.status_code == status, url
        if status == 403:
            assert r.json()["error"] is True


async def test_casting_reads_refuse_an_entity_of_another_project_and_unknown_ids(client, w, db):
    other = await make_sequence(db, project=w.project2)
    cases = [(casting_url(w, w.sh1, w.project2), 403), (casting_url(w, UNKNOWN), 404), (casting_url(w, "nope"), 404),
             (sequence_url(w, w.seq, w.project2), 403), (sequence_url(w, other["id"]), 403),
             (sequence_url(w, UNKNOWN), 404), (sequence_url(w, "nope"), 404), (sequence_url(w, w.sh1), 404)]
    for url, status in cases:
        r = await client.get(url, headers=w.auth("admin"))
        assert r.status_code == status, url
        assert r.json()["error"] is True


async def test_sequence_casting_costs_the_same_statements_for_200_shots_as_for_2(client, w, db, count_sql):
    async def sequence_with(n: int):
        seq = await make_sequence(db, project=w.project)
        for i in range(n):
            shot = await make_shot(db, project=w.project, sequence=seq, name=f"SH{i:04}")
            await make_entity_link(db, entity_in=shot, entity_out=w.zed if i % 2 else w.chair)
        return seq["id"]

    small, large = await sequence_with(2), await sequence_with(200)
    with count_sql() as few:
        r_small = await client.get(sequence_url(w, small), headers=w.auth("user"))
    with count_sql() as many:
        r_large = await client.get(sequence_url(w, large), headers=w.auth("user"))
    assert (len(r_small.json()), len(r_large.json())) == (2, 200)
    assert many.count == few.count


# --- asset instances ---------------------------------------------------------------------------------------

async def test_shot_asset_instances_are_keyed_by_asset(client, w, db):
    instance = await _insert(db, AssetInstance, asset_id=w.zed, name="Zed_0001", number=1, description="",
                             active=True)
    await _insert(db, AssetInstanceLink, entity_id=w.sh1, asset_instance_id=instance)
    r = await client.get(f"/api/data/shots/{w.sh1}/asset-instances", headers=w.auth("vendor"))
    assert r.status_code == 200
    body = r.json()
    assert list(body) == [str(w.zed)]
    [row] = body[str(w.zed)]
    assert set(row) == {"id", "asset_id", "name", "number", "description", "active", "data", "scene_id",
                        "target_asset_id", "entity_id", "entity_type_id", "created_at", "updated_at", "type"}
    assert (row["id"], row["name"], row["number"], row["type"]) == (str(instance), "Zed_0001", 1, "AssetInstance")
    r = await client.get(f"/api/data/shots/{w.sh2}/asset-instances", headers=w.auth("user"))
    assert (r.status_code, r.json()) == (200, {})


@pytest.mark.parametrize("who,shot,status", [
    ("admin", "sh1", 200), ("manager", "sh1", 200), ("user", "sh1", 200), ("client", "sh1", 200),
    ("vendor", "sh1", 200), ("vendor", "sh2", 403), ("outsider", "sh1", 403), ("outmgr", "sh1", 403)])
async def test_shot_asset_instances_need_entity_access(client, w, who, shot, status):
    r = await client.get(f"/api/data/shots/{getattr(w, shot)}/asset-instances", headers=w.auth(who))
    assert r.status_code == status


async def test_asset_instances_of_anything_but_a_shot_are_404(client, w):
    for entity in (w.zed, w.seq, UNKNOWN, "nope"):
        r = await client.get(f"/api/data/shots/{entity}/asset-instances", headers=w.auth("admin"))
        assert r.status_code == 404 and r.json()["error"] is True


# --- the casting update ------------------------------------------------------------------------------------

async def test_casting_update_replaces_the_casting_and_echoes_the_body(client, w, db):
    body = [{"asset_id": str(w.anna), "nb_occurences": 3, "label": "fg"}, {"asset_id": str(w.chair)},
            {"nb_occurences": 2}, {"asset_id": UNKNOWN, "nb_occurences": 1}]
    r = await client.put(casting_url(w, w.sh1), json=body, headers=w.auth("manager"))
    assert (r.status_code, r.json()) == (200, body)
    links = await db.rows(select(EntityLink.entity_out_id, EntityLink.nb_occurences, EntityLink.label)
                          .where(EntityLink.entity_in_id == w.sh1))
    assert [tuple(link.values()) for link in links] == [(w.anna, 3, "fg")]
    assert (await db.scalars(select(Entity.nb_entities_out).where(Entity.id == w.sh1))) == [1]
    new = await events(db, "entity-link:new")
    assert [e["data"]["entity_out_id"] for e in new] == [str(w.anna)]
    assert set(new[0]["data"]) == {"entity_link_id", "entity_in_id", "entity_out_id", "nb_occurences", "project_id"}
    [update] = await events(db, "shot:casting-update")
    assert update["data"] == {"shot_id": str(w.sh1), "nb_entities_out": 1, "added_asset_ids": [],
                              "removed_asset_ids": sorted([str(w.zed), str(w.chair), str(w.broken)]),
                              "project_id": str(w.project)}


async def test_casting_a_shot_casts_its_assets_in_its_episode_and_refreshes_task_stats(client, w, db):
    episode = await make_episode(db, project=w.project, name="E01")
    seq = await make_sequence(db, project=w.project, episode=episode)
    shot = await make_shot(db, project=w.project, sequence=seq)
    r = await client.put(casting_url(w, shot["id"]), json=[{"asset_id": str(w.zed), "nb_occurences": 2}],
                         headers=w.auth("admin"))
    assert r.status_code == 200
    r = await client.get(casting_url(w, episode["id"]), headers=w.auth("admin"))
    assert [(c["asset_id"], c["nb_occurences"]) for c in r.json()] == [(str(w.zed), 1)]
    assert [e["data"]["asset_id"] for e in await events(db, "asset:update")] == [str(w.zed)]
    await client.put(casting_url(w, shot["id"]), json=[], headers=w.auth("admin"))
    r = await client.get(casting_url(w, episode["id"]), headers=w.auth("admin"))
    assert r.json() == []  # the automatic episode link goes with the last shot casting the asset
    assert [e["data"]["removed_asset_ids"] for e in await events(db, "episode:casting-update")] == [[str(w.zed)]]


@pytest.mark.parametrize("who,status", [("admin", 200), ("manager", 200), ("teammgr", 200), ("user", 403),
                                        ("super", 403), ("client", 403), ("vendor", 403), ("outmgr", 403)])
async def test_casting_update_needs_manager_access(client, w, db, who, status):
    r = await client.put(casting_url(w, w.sh2), json=[{"asset_id": str(w.chair), "nb_occurences": 1}],
                         headers=w.auth(who))
    assert r.status_code == status
    links = await db.scalars(select(EntityLink.entity_out_id).where(EntityLink.entity_in_id == w.sh2))
    assert links == ([w.chair] if status == 200 else [])


@pytest.mark.parametrize("body,message", [
    ({"a": 1}, "Request body must be a JSON array"),
    ([{"asset_id": "nope", "nb_occurences": 1}], "Invalid UUID format for asset_id: nope"),
    ([{"asset_id": "{chair}", "nb_occurences": "x"}], "nb_occurences must be an integer: 'x'"),
    ([{"asset_id": "{chair}", "nb_occurences": 1}, 7], "Casting entries must be JSON objects: 7"),
    ([{"asset_id": "{chair}", "nb_occurences": 1, "label": {"a": 1}}], "label must be a string: {'a': 1}"),
])
async def test_bad_casting_bodies_are_400_and_change_nothing(client, w, db, body, message):
    if isinstance(body, list):
        body = [{k: (str(w.chair) if v == "{chair}" else v) for k, v in e.items()} if isinstance(e, dict) else e
                for e in body]
    r = await client.put(casting_url(w, w.sh1), json=body, headers=w.auth("admin"))
    assert r.status_code == 400 and r.json()["message"] == message
    r = await client.get(casting_url(w, w.sh1), headers=w.auth("admin"))
    assert [c["asset_name"] for c in r.json()] == ["Anna", "Zed", "chair"]
    assert await events(db) == []


async def test_a_numeric_label_is_stored_as_text_as_zou_does(client, w):
    await client.put(casting_url(w, w.sh2), json=[{"asset_id": str(w.chair), "nb_occurences": 1, "label": 5}],
                     headers=w.auth("admin"))
    r = await client.get(casting_url(w, w.sh2), headers=w.auth("admin"))
    assert r.json()[0]["label"] == "5"


async def test_casting_update_refuses_other_projects_and_unknown_entities(client, w):
    for url, status in ((casting_url(w, w.sh1, w.project2), 403), (casting_url(w, UNKNOWN), 404),
                        (casting_url(w, "nope"), 404)):
        r = await client.put(url, json=[], headers=w.auth("admin"))
        assert r.status_code == status, url


async def test_casting_update_refreshes_the_shot_tasks_ready_counts(client, w, db):
    ready = await make_asset(db, project=w.project, asset_type=w.props, name="ready", ready_for=w.animation)
    from domain.tables import ProjectTaskTypeLink
    await _insert(db, ProjectTaskTypeLink, project_id=w.project, task_type_id=w.animation, priority=3)
    await client.put(casting_url(w, w.sh2), json=[{"asset_id": str(ready["id"]), "nb_occurences": 1},
                                                  {"asset_id": str(w.chair), "nb_occurences": 1}],
                     headers=w.auth("admin"))
    assert await db.scalars(select(Task.nb_assets_ready).where(Task.id == w.t2)) == [1]

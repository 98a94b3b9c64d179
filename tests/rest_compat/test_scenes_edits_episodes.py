"""Zou's scene, edit and episode routes (entities.md §5-9): a scene, the edits board, the edit removal, an
episode's edits and the tasks of the episode itself, as Zou 1.0.97 answered them (tests/zou_breakdown_diff.py)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.tables import ApiEvent, Entity, Task
from tests.factories import entity_type, make_entity, make_episode, make_sequence
from tests.team_world import make_task, team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"
EDIT_KEYS = {"canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "id", "name",
             "parent_id", "preview_file_id", "project_id", "project_name", "source_id", "nb_entities_out", "type",
             "tasks"}
EDIT_TASK_KEYS = {"id", "duration", "due_date", "entity_id", "end_date", "estimation", "last_comment_date",
                  "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date", "retake_count",
                  "start_date", "task_status_id", "task_type_id", "data", "is_subscribed", "assignees"}
TASK_ROW_KEYS = {"name", "description", "priority", "difficulty", "duration", "estimation", "completion_rate",
                 "retake_count", "sort_order", "start_date", "due_date", "real_start_date", "end_date", "done_date",
                 "last_comment_date", "nb_assets_ready", "data", "nb_drawings", "shotgun_id", "last_preview_file_id",
                 "project_id", "task_type_id", "task_status_id", "entity_id", "assigner_id", "id", "created_at",
                 "updated_at", "type"}
TASK_NAMES = {"project_name", "task_type_name", "task_status_name", "entity_type_name", "entity_name"}
ENTITY_ROW_KEYS = {"id", "name", "code", "description", "shotgun_id", "canceled", "nb_frames", "nb_entities_out",
                   "is_casting_standby", "is_shared", "status", "project_id", "entity_type_id", "parent_id",
                   "source_id", "preview_file_id", "data", "ready_for", "created_by", "created_at", "updated_at",
                   "type"}


@pytest.fixture
async def w(db, settings):
    """The team world plus episode E01 (sequence SQ05, scene SC01, edits ED01 with a task of the vendor's and
    ED02 made by the user), a scene under SQ01 and edit ED03 outside any episode; E01 has tasks of its own."""
    w = await team_world(db, settings)
    ids = w.ids
    ids["ep"] = (await make_episode(db, project=w.project, name="E01"))["id"]
    ids["seq5"] = (await make_sequence(db, project=w.project, episode=ids["ep"], name="SQ05"))["id"]
    scene_type, edit_type = await entity_type(db, "Scene"), await entity_type(db, "Edit")
    ids["scene"] = (await make_entity(db, project=w.project, entity_type=scene_type, name="SC01", parent=ids["seq5"],
                                      status="running"))["id"]
    ids["scene_q1"] = (await make_entity(db, project=w.project, entity_type=scene_type, name="SC02",
                                         parent=w.seq))["id"]
    ids["lost_scene"] = (await make_entity(db, project=w.project, entity_type=scene_type, name="SC03"))["id"]
    ids["ed1"] = (await make_entity(db, project=w.project, entity_type=edit_type, name="ED01", parent=ids["ep"],
                                    data=None))["id"]
    ids["ed2"] = (await make_entity(db, project=w.project, entity_type=edit_type, name="ED02", parent=ids["ep"],
                                    created_by=w.people["user"]))["id"]
    ids["ed3"] = (await make_entity(db, project=w.project, entity_type=edit_type, name="ED03"))["id"]
    ids["t_ed1"] = await make_task(db, w, ids["ed1"], ["vendor", "user"])
    ids["t_ep_b"] = await make_task(db, w, ids["ep"], ["vendor"], name="board")
    ids["t_ep_a"] = await make_task(db, w, ids["ep"], [], name="Animatic")
    return w


async def event_names(db) -> list[str]:
    return [r["name"] for r in await db.rows(select(ApiEvent.name).order_by(ApiEvent.created_at))]


# --- scenes --------------------------------------------------------------------------------------------------

async def test_a_scene_reads_with_its_project_sequence_and_episode_names(client, w):
    r = await client.get(f"/api/data/scenes/{w.scene}", headers=w.auth("user"))
    assert r.status_code == 200
    scene = r.json()
    assert set(scene) == ENTITY_ROW_KEYS | {"project_name", "sequence_id", "sequence_name", "episode_id",
                                            "episode_name"}
    assert (scene["type"], scene["name"], scene["project_name"], scene["sequence_id"], scene["sequence_name"],
            scene["episode_id"], scene["episode_name"]) == ("Scene", "SC01", "TB Film", str(w.seq5), "SQ05",
                                                            str(w.ep), "E01")
    r = await client.get(f"/api/data/scenes/{w.scene_q1}", headers=w.auth("user"))
    assert "episode_id" not in r.json() and r.json()["sequence_name"] == "SQ01"


@pytest.mark.parametrize("who,status", [("admin", 200), ("manager", 200), ("user", 200), ("client", 200),
                                        ("vendor", 403), ("outsider", 403), ("outmgr", 403)])
async def test_scene_reads_need_project_and_entity_access(client, w, who, status):
    r = await client.get(f"/api/data/scenes/{w.scene}", headers=w.auth(who))
    assert r.status_code == status


async def test_a_scene_outside_a_sequence_and_other_ids_are_404(client, w):
    for scene in (w.lost_scene, w.sh1, UNKNOWN, "nope"):
        r = await client.get(f"/api/data/scenes/{scene}", headers=w.auth("admin"))
        assert r.status_code == 404, scene


# --- the edits board -----------------------------------------------------------------------------------------

async def test_edits_board_lists_edits_with_their_tasks(client, w):
    r = await client.get("/api/data/edits/with-tasks", params={"project_id": str(w.project)}, headers=w.auth("user"))
    assert r.status_code == 200
    by_name = {e["name"]: e for e in r.json()}
    assert set(by_name) == {"ED01", "ED02", "ED03"}
    ed1 = by_name["ED01"]
    assert set(ed1) == EDIT_KEYS and set(ed1["tasks"][0]) == EDIT_TASK_KEYS
    assert (ed1["type"], ed1["episode_id"], ed1["episode_name"], ed1["project_name"]) == (
        "Edit", str(w.ep), "E01", "TB Film")
    assert (by_name["ED03"]["episode_id"], by_name["ED03"]["episode_name"], by_name["ED03"]["tasks"]) == (None, "", [])
    r = await client.get("/api/data/edits/with-tasks", params={"project_id": str(w.project), "episode_id": "main"},
                         headers=w.auth("user"))
    assert [e["name"] for e in r.json()] == ["ED03"]
    r = await client.get("/api/data/edits/with-tasks", params={"project_id": str(w.project), "episode_id": str(w.ep)},
                         headers=w.auth("user"))
    assert sorted(e["name"] for e in r.json()) == ["ED01", "ED02"]


async def test_a_client_sees_edit_tasks_blanked_but_their_assignees(client, w):
    r = await client.get("/api/data/edits/with-tasks", params={"project_id": str(w.project)},
                         headers=w.auth("client"))
    [task] = next(e for e in r.json() if e["name"] == "ED01")["tasks"]
    assert sorted(task["assignees"]) == sorted([str(w.people["vendor"]), str(w.people["user"])])
    assert (task["duration"], task["estimation"], task["priority"]) == (0, 0, 0) and type(task["duration"]) is int


async def test_a_vendor_sees_only_the_edits_they_work_on(client, w):
    r = await client.get("/api/data/edits/with-tasks", params={"project_id": str(w.project)},
                         headers=w.auth("vendor"))
    assert [(e["name"], [t["id"] for t in e["tasks"]]) for e in r.json()] == [("ED01", [str(w.t_ed1)])]


@pytest.mark.parametrize("who,params,status", [
    ("admin", {}, 200), ("user", {}, 403), ("outsider", {"project_id": "{project}"}, 403),
    ("outmgr", {"project_id": "{project}"}, 403), ("admin", {"project_id": "nope"}, 400),
    ("admin", {"project_id": "{project}", "episode_id": "nope"}, 400)])
async def test_edits_board_access_and_bad_ids(client, w, who, params, status):
    params = {k: v.format(project=w.project) for k, v in params.items()}
    r = await client.get("/api/data/edits/with-tasks", params=params, headers=w.auth(who))
    assert r.status_code == status
    if status == 400:
        key = "episode_id" if "episode_id" in params else "project_id"
        assert r.json()["message"] == f"Invalid UUID format for {key}: nope"


# --- DELETE /data/edits/{id} ---------------------------------------------------------------------------------

async def test_an_edit_with_tasks_is_canceled_unless_forced(client, w, db):
    r = await client.delete(f"/api/data/edits/{w.ed1}", headers=w.auth("manager"))
    assert (r.status_code, r.content) == (204, b"")
    assert await db.scalars(select(Entity.canceled).where(Entity.id == w.ed1)) == [True]
    r = await client.delete(f"/api/data/edits/{w.ed1}", params={"force": "true"}, headers=w.auth("manager"))
    assert r.status_code == 204
    assert await db.scalars(select(Entity.id).where(Entity.id == w.ed1)) == []
    assert await db.scalars(select(Task.id).where(Task.entity_id == w.ed1)) == []
    assert await event_names(db) == ["edit:update", "task:delete", "edit:delete"]
    r = await client.delete(f"/api/data/edits/{w.ed1}", headers=w.auth("manager"))
    assert r.status_code == 404


async def test_an_edits_creator_may_remove_it_others_need_manager_access(client, w, db):
    r = await client.delete(f"/api/data/edits/{w.ed3}", headers=w.auth("user"))
    assert r.status_code == 403
    r = await client.delete(f"/api/data/edits/{w.ed2}", headers=w.auth("user"))
    assert r.status_code == 204
    assert await db.scalars(select(Entity.id).where(Entity.id == w.ed2)) == []
    for who in ("client", "vendor", "outmgr"):
        assert (await client.delete(f"/api/data/edits/{w.ed3}", headers=w.auth(who))).status_code == 403


async def test_removing_anything_but_an_edit_is_404(client, w):
    for edit in (w.sh1, UNKNOWN, "nope"):
        r = await client.delete(f"/api/data/edits/{edit}", headers=w.auth("admin"))
        assert r.status_code == 404, edit


# --- an episode's edits and tasks ----------------------------------------------------------------------------

async def test_an_episodes_edits(client, w):
    r = await client.get(f"/api/data/episodes/{w.ep}/edits", headers=w.auth("user"))
    assert r.status_code == 200
    assert sorted(e["name"] for e in r.json()) == ["ED01", "ED02"]
    assert set(r.json()[0]) == ENTITY_ROW_KEYS and r.json()[0]["type"] == "Edit"
    r = await client.get(f"/api/data/episodes/{w.ep}/edits", params={"relations": "true"}, headers=w.auth("user"))
    assert {"entities_out", "entities_in", "instance_casting", "entity_concept_links"} <= set(r.json()[0])
    assert next(e for e in r.json() if e["name"] == "ED01")["data"] is None
    r = await client.get(f"/api/data/episodes/{w.ep}/edits", headers=w.auth("vendor"))
    assert next(e for e in r.json() if e["name"] == "ED01")["data"] == {}  # Zou masks a vendor's through a dict


@pytest.mark.parametrize("who,status", [("admin", 200), ("manager", 200), ("user", 200), ("client", 200),
                                        ("vendor", 200), ("outsider", 403), ("outmgr", 403)])
async def test_episode_routes_need_project_and_entity_access(client, w, db, who, status):
    for suffix in ("edits", "tasks"):
        r = await client.get(f"/api/data/episodes/{w.ep}/{suffix}", headers=w.auth(who))
        assert r.status_code == status, suffix
    other = await make_episode(db, project=w.project)
    if who == "vendor":  # no task of theirs on that episode
        assert (await client.get(f"/api/data/episodes/{other['id']}/tasks", headers=w.auth(who))).status_code == 403


async def test_episode_routes_of_unknown_malformed_or_other_entities_are_404(client, w):
    for episode in (UNKNOWN, "nope", w.sh1):
        for suffix in ("edits", "tasks"):
            r = await client.get(f"/api/data/episodes/{episode}/{suffix}", headers=w.auth("admin"))
            assert r.status_code == 404, (episode, suffix)


async def test_an_episodes_own_tasks_with_their_names_sorted(client, w):
    r = await client.get(f"/api/data/episodes/{w.ep}/tasks", headers=w.auth("user"))
    body = r.json()
    assert [t["id"] for t in body] == [str(w.t_ep_a), str(w.t_ep_b)]  # "Animatic" before "board", any case
    assert set(body[0]) == TASK_ROW_KEYS | TASK_NAMES
    assert (body[0]["type"], body[0]["entity_type_name"], body[0]["entity_name"], body[0]["task_type_name"],
            body[0]["project_name"], body[0]["difficulty"]) == ("Task", "Episode", "E01", "Animation", "TB Film", 3)


async def test_a_vendor_gets_their_episode_tasks_as_plain_rows_and_a_client_blanked_ones(client, w):
    r = await client.get(f"/api/data/episodes/{w.ep}/tasks", headers=w.auth("vendor"))
    assert [t["id"] for t in r.json()] == [str(w.t_ep_b)]
    assert set(r.json()[0]) == TASK_ROW_KEYS
    r = await client.get(f"/api/data/episodes/{w.ep}/tasks", headers=w.auth("client"))
    task = r.json()[0]
    assert (task["difficulty"], task["duration"], task["estimation"]) == (None, 0, 0)
    assert type(task["duration"]) is int and set(task) == TASK_ROW_KEYS | TASK_NAMES


async def test_episode_tasks_cost_the_same_statements_for_200_tasks_as_for_2(client, w, db, count_sql):
    async def episode_with(n):
        episode = await make_episode(db, project=w.project)
        for i in range(n):
            await make_task(db, w, episode["id"], ["user"] if i % 2 else [], name=f"task {i:04}")
        return episode["id"]

    small, large = await episode_with(2), await episode_with(200)
    with count_sql() as few:
        r_small = await client.get(f"/api/data/episodes/{small}/tasks", headers=w.auth("client"))
    with count_sql() as many:
        r_large = await client.get(f"/api/data/episodes/{large}/tasks", headers=w.auth("client"))
    assert (len(r_small.json()), len(r_large.json())) == (2, 200)
    assert many.count == few.count

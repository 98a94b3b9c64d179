"""Zou's shot routes (entities.md §1-4): a shot, `/data/shots/all`, creation, the two updates gazu and Kitsu
send, a shot's task types and its previews by task type, as Zou 1.0.97 answered them
(tests/zou_breakdown_diff.py)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from domain.base import utcnow
from domain.tables import ApiEvent, Entity, PreviewFile, Task
from tests.factories import (make_asset, make_entity_link, make_episode, make_sequence, make_shot,
                             make_task_type)
from tests.team_world import _insert, make_task, team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"
SHOT_KEYS = {"canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "fps", "frame_in",
             "frame_out", "id", "name", "nb_frames", "parent_id", "preview_file_id", "project_id", "project_name",
             "sequence_id", "sequence_name", "source_id", "nb_entities_out", "is_casting_standby", "type", "tasks",
             "code", "shotgun_id", "is_shared", "status", "ready_for", "created_by", "entities_out",
             "entity_concept_links", "instance_casting", "created_at", "updated_at", "entities_in"}
TASK_KEYS = {"id", "duration", "due_date", "end_date", "done_date", "entity_id", "estimation", "is_subscribed",
             "last_comment_date", "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date",
             "retake_count", "start_date", "difficulty", "nb_drawings", "task_status_id", "task_type_id", "assignees",
             "data"}
ROW_KEYS = {"id", "name", "code", "description", "shotgun_id", "canceled", "nb_frames", "nb_entities_out",
            "is_casting_standby", "is_shared", "status", "project_id", "entity_type_id", "parent_id", "source_id",
            "preview_file_id", "data", "ready_for", "created_by", "created_at", "updated_at", "type"}


@pytest.fixture
async def w(db, settings):
    w = await team_world(db, settings)
    layout = await make_task_type(db, name="Layout TS", priority=9)
    w.ids["layout"] = layout["id"]
    task = await make_task(db, w, w.sh1, [], name="layout")
    await db.execute(update(Task).where(Task.id == task).values(task_type_id=layout["id"]))
    w.ids["t_layout"] = task
    return w


async def events(db, name: str) -> list[dict]:
    rows = await db.rows(select(ApiEvent.name, ApiEvent.data).where(ApiEvent.name == name))
    return [r["data"] for r in rows]


# --- GET /data/shots/{id} ----------------------------------------------------------------------------------

async def test_a_shot_reads_with_its_names_tasks_and_relations(client, w):
    r = await client.get(f"/api/data/shots/{w.sh1}", headers=w.auth("user"))
    assert r.status_code == 200
    shot = r.json()
    assert set(shot) == SHOT_KEYS
    assert (shot["type"], shot["name"], shot["sequence_name"], shot["project_name"], shot["episode_id"],
            shot["episode_name"]) == ("Shot", "SH010", "SQ01", "TB Film", None, "")
    assert {t["id"] for t in shot["tasks"]} == {str(w.t1), str(w.t_layout)}
    assert all(set(t) == TASK_KEYS for t in shot["tasks"])
    main = next(t for t in shot["tasks"] if t["id"] == str(w.t1))
    assert sorted(main["assignees"]) == sorted(str(w.people[p]) for p in ("user", "vendor", "manager", "teammgr"))
    assert (main["difficulty"], main["duration"]) == (3, 0.0)
    assert (shot["entities_out"], shot["instance_casting"], shot["entities_in"]) == ([], [], [])


@pytest.mark.parametrize("links", [1, 6])
async def test_a_shot_reads_its_relations_in_one_statement_and_ten_in_all(client, w, db, count_sql, links):
    assets = [await make_asset(db, project=w.project) for _ in range(links)]
    for a in assets:
        await make_entity_link(db, entity_in=w.sh1, entity_out=a)
    await make_entity_link(db, entity_in=w.sh2, entity_out=w.sh1)
    with count_sql() as c:
        r = await client.get(f"/api/data/shots/{w.sh1}", headers=w.auth("user"))
    assert r.status_code == 200
    shot = r.json()
    assert sorted(shot["entities_out"]) == sorted(str(a["id"]) for a in assets)
    assert (shot["entities_in"], shot["instance_casting"], shot["entity_concept_links"]) == ([str(w.sh2)], [], [])
    relation_reads = [s for s in c.statements if "asset_instance_link" in s or "entity_link" in s]
    assert len(relation_reads) == 1 and relation_reads[0].count("UNION ALL") == 3
    assert c.count <= 10


async def test_a_client_reads_a_shots_tasks_blanked(client, w):
    shot = (await client.get(f"/api/data/shots/{w.sh1}", headers=w.auth("client"))).json()
    main = next(t for t in shot["tasks"] if t["id"] == str(w.t1))
    assert (main["assignees"], main["difficulty"], main["duration"], main["estimation"]) == ([], None, 0, 0)
    assert type(main["duration"]) is int


async def test_a_vendor_reads_every_task_of_a_shot_they_work_on(client, w):
    shot = (await client.get(f"/api/data/shots/{w.sh1}", headers=w.auth("vendor"))).json()
    assert {t["id"] for t in shot["tasks"]} == {str(w.t1), str(w.t_layout)}


@pytest.mark.parametrize("who,shot,status", [
    ("admin", "sh1", 200), ("manager", "sh1", 200), ("user", "sh1", 200), ("super", "sh1", 200),
    ("client", "sh1", 200), ("vendor", "sh1", 200), ("vendor", "sh2", 403), ("outsider", "sh1", 403),
    ("outmgr", "sh1", 403)])
async def test_shot_reads_need_project_and_entity_access(client, w, who, shot, status):
    for suffix in ("", "/task-types", "/preview-files"):
        r = await client.get(f"/api/data/shots/{getattr(w, shot)}{suffix}", headers=w.auth(who))
        assert r.status_code == status, suffix


async def test_shot_reads_of_unknown_malformed_or_other_entities_are_404(client, w):
    for entity in (UNKNOWN, "nope", w.seq):
        for suffix in ("", "/task-types", "/preview-files"):
            r = await client.get(f"/api/data/shots/{entity}{suffix}", headers=w.auth("admin"))
            assert r.status_code == 404 and r.json()["message"].startswith("404 Not Found"), (entity, suffix)


# --- task types and previews ---------------------------------------------------------------------------------

async def test_shot_task_types_are_those_of_its_tasks(client, w):
    r = await client.get(f"/api/data/shots/{w.sh1}/task-types", headers=w.auth("user"))
    body = r.json()
    assert {t["id"] for t in body} == {str(w.animation), str(w.layout)}
    assert {t["type"] for t in body} == {"TaskType"}
    assert {"name", "short_name", "color", "priority", "for_entity", "department_id", "allow_timelog",
            "archived", "created_at", "updated_at"} <= set(body[0])
    r = await client.get(f"/api/data/shots/{w.sh2}/task-types", headers=w.auth("user"))
    assert [t["id"] for t in r.json()] == [str(w.animation)]


async def test_shot_previews_are_grouped_by_task_type_then_revision(client, w, db):
    now = utcnow()

    async def preview(task, revision, position, minutes):
        at = now + timedelta(minutes=minutes)
        return str(await _insert(db, PreviewFile, name=f"p{revision}-{position}", revision=revision,
                                 position=position, extension="mp4", status="processing", task_id=task,
                                 validation_status="neutral", data={"original_width": 1920}, created_at=at,
                                 updated_at=at))

    first = await preview(w.t1, 1, 1, 0)
    second = await preview(w.t1, 1, 2, 1)
    newest = await preview(w.t1, 2, 1, 2)
    layout = await preview(w.t_layout, 1, 1, 3)
    r = await client.get(f"/api/data/shots/{w.sh1}/preview-files", headers=w.auth("client"))
    assert r.status_code == 200
    body = r.json()
    assert list(body) == [str(w.layout), str(w.animation)]  # task type priority, highest first
    assert [g["id"] for g in body[str(w.animation)]] == [newest, first]
    assert [p["id"] for p in body[str(w.animation)][1]["previews"]] == [second]
    assert [g["id"] for g in body[str(w.layout)]] == [layout]
    head, nested = body[str(w.animation)][1], body[str(w.animation)][1]["previews"][0]
    assert set(head) == {"id", "revision", "original_name", "extension", "width", "height", "duration", "status",
                         "annotations", "previews", "created_at", "task_id", "original_width", "original_height",
                         "original_duration", "original_file_size"}
    assert set(nested) == set(head) - {"previews"} | {"position", "task_type_id"}
    assert (head["original_width"], head["duration"], nested["position"]) == (1920, 0.0, 2)
    r = await client.get(f"/api/data/shots/{w.sh2}/preview-files", headers=w.auth("admin"))
    assert r.json() == {}


# --- GET /data/shots/all -------------------------------------------------------------------------------------

async def test_all_shots_of_a_sequence_by_name(client, w):
    r = await client.get("/api/data/shots/all", params={"sequence_id": str(w.seq)}, headers=w.auth("user"))
    assert r.status_code == 200
    body = r.json()
    assert [s["name"] for s in body] == ["SH010", "SH020"]
    assert set(body[0]) == ROW_KEYS | {"project_name", "sequence_name"}
    assert (body[0]["type"], body[0]["project_name"], body[0]["sequence_name"]) == ("Shot", "TB Film", "SQ01")
    r = await client.get("/api/data/shots/all", params={"sequence_id": str(w.seq), "name": "sh020"},
                         headers=w.auth("user"))
    assert [s["id"] for s in r.json()] == [str(w.sh2)]  # gazu's new_shot lookup; the name matches any case


async def test_all_shots_of_a_project_and_a_vendors_share(client, w, db):
    other = await make_sequence(db, project=w.project2)
    await make_shot(db, project=w.project2, sequence=other)
    r = await client.get("/api/data/shots/all", params={"project_id": str(w.project)}, headers=w.auth("client"))
    assert [s["name"] for s in r.json()] == ["SH010", "SH020"]
    r = await client.get("/api/data/shots/all", params={"project_id": str(w.project)}, headers=w.auth("vendor"))
    assert [s["name"] for s in r.json()] == ["SH010"]
    r = await client.get("/api/data/shots/all", headers=w.auth("admin"))
    assert {str(w.sh1), str(w.sh2)} <= {s["id"] for s in r.json()}


@pytest.mark.parametrize("who,params,status", [
    ("user", {}, 403), ("outsider", {"project_id": "{project}"}, 403), ("outmgr", {"sequence_id": "{seq}"}, 403),
    ("admin", {"sequence_id": "nope"}, 404), ("admin", {"sequence_id": UNKNOWN}, 404),
    ("admin", {"sequence_id": "{sh1}"}, 404), ("admin", {"project_id": "nope"}, 400)])
async def test_all_shots_refusals(client, w, who, params, status):
    params = {k: v.format(project=w.project, seq=w.seq, sh1=w.sh1) for k, v in params.items()}
    r = await client.get("/api/data/shots/all", params=params, headers=w.auth(who))
    assert r.status_code == status and r.json()["error"] is True


async def test_all_shots_cost_the_same_statements_for_200_shots_as_for_2(client, w, db, count_sql):
    async def sequence_with(n):
        seq = await make_sequence(db, project=w.project)
        for i in range(n):
            await make_shot(db, project=w.project, sequence=seq, name=f"SH{i:04}")
        return str(seq["id"])

    small, large = await sequence_with(2), await sequence_with(200)
    with count_sql() as few:
        r_small = await client.get("/api/data/shots/all", params={"sequence_id": small}, headers=w.auth("user"))
    with count_sql() as many:
        r_large = await client.get("/api/data/shots/all", params={"sequence_id": large}, headers=w.auth("user"))
    assert (len(r_small.json()), len(r_large.json())) == (2, 200)
    assert many.count == few.count


# --- POST /data/projects/{id}/shots --------------------------------------------------------------------------

async def test_creating_a_shot_records_shot_new_and_returns_an_existing_one_unchanged(client, w, db):
    episode = await make_episode(db, project=w.project)
    seq = await make_sequence(db, project=w.project, episode=episode)
    url = f"/api/data/projects/{w.project}/shots"
    r = await client.post(url, json={"name": "SH100", "sequence_id": str(seq["id"]), "nb_frames": 12,
                                     "data": {"frame_in": 1}}, headers=w.auth("teammgr"))
    assert r.status_code == 201
    shot = r.json()
    assert set(shot) == ROW_KEYS
    assert (shot["type"], shot["name"], shot["parent_id"], shot["nb_frames"], shot["data"], shot["created_by"]) == (
        "Shot", "SH100", str(seq["id"]), 12, {"frame_in": 1}, str(w.people["teammgr"]))
    assert await events(db, "shot:new") == [{"shot_id": shot["id"], "episode_id": str(episode["id"]),
                                             "project_id": str(w.project)}]
    again = await client.post(url, json={"name": "SH100", "sequence_id": str(seq["id"]), "nb_frames": 99},
                              headers=w.auth("admin"))
    assert (again.status_code, again.json()["id"], again.json()["nb_frames"]) == (201, shot["id"], 12)
    assert len(await events(db, "shot:new")) == 1


@pytest.mark.parametrize("who,status", [("admin", 201), ("manager", 201), ("teammgr", 201), ("user", 403),
                                        ("super", 403), ("client", 403), ("vendor", 403), ("outmgr", 403)])
async def test_creating_a_shot_needs_manager_access(client, w, who, status):
    r = await client.post(f"/api/data/projects/{w.project}/shots", json={"name": "SHX"}, headers=w.auth(who))
    assert r.status_code == status


@pytest.mark.parametrize("body,field,message", [
    ({"sequence_id": None}, "name", "Field required"),
    ({"name": ""}, "name", "String should have at least 1 character"),
    ({"name": "X", "nb_frames": "many"}, "nb_frames",
     "Input should be a valid integer, unable to parse string as an integer"),
    ({"name": "X", "sequence_id": "nope"}, "sequence_id",
     "Input should be a valid UUID, invalid character: found `n` at 1"),
])
async def test_shot_creation_validation_errors(client, w, db, body, field, message):
    r = await client.post(f"/api/data/projects/{w.project}/shots", json=body, headers=w.auth("admin"))
    assert r.status_code == 400
    assert r.json() == {"error": True, "message": "Validation error.",
                        "data": {"errors": [{"field": field, "message": message}]}}
    assert await events(db, "shot:new") == []


async def test_shot_creation_in_an_unknown_project_or_sequence_is_404(client, w, db):
    seq2 = await make_sequence(db, project=w.project2)
    for url, body in ((f"/api/data/projects/{UNKNOWN}/shots", {"name": "X"}),
                      ("/api/data/projects/nope/shots", {"name": "X"}),
                      (f"/api/data/projects/{w.project}/shots", {"name": "X", "sequence_id": UNKNOWN}),
                      (f"/api/data/projects/{w.project}/shots", {"name": "X", "sequence_id": str(w.sh1)}),
                      (f"/api/data/projects/{w.project}/shots", {"name": "X", "sequence_id": str(seq2["id"])})):
        r = await client.post(url, json=body, headers=w.auth("admin"))
        assert r.status_code == 404, (url, body)


# --- PUT /data/shots/{id} and PUT /data/entities/{id} --------------------------------------------------------

async def test_updating_a_shot_replaces_its_data_and_records_shot_update(client, w, db):
    await client.put(f"/api/data/entities/{w.sh2}", json={"data": {"fps": 24}}, headers=w.auth("admin"))
    r = await client.put(f"/api/data/shots/{w.sh2}", json={"description": "d", "nb_frames": 48,
                                                           "data": {"frame_in": 3}, "code": "c1", "unknown": 1,
                                                           "project_id": str(w.project2)},
                         headers=w.auth("manager"))
    assert r.status_code == 200
    shot = r.json()
    assert set(shot) == ROW_KEYS and shot["type"] == "Entity"
    assert (shot["description"], shot["nb_frames"], shot["data"], shot["code"], shot["project_id"]) == (
        "d", 48, {"frame_in": 3}, "c1", str(w.project))
    assert await events(db, "shot:update") == [{"shot_id": str(w.sh2), "project_id": str(w.project)}] * 2


async def test_gazus_entity_update_merges_the_data(client, w, db):
    await client.put(f"/api/data/shots/{w.sh2}", json={"data": {"fps": 24}}, headers=w.auth("admin"))
    r = await client.put(f"/api/data/entities/{w.sh2}", json={"description": "e", "data": {"frame_out": 9}},
                         headers=w.auth("admin"))
    assert r.status_code == 200
    assert (r.json()["description"], r.json()["data"]) == ("e", {"fps": 24, "frame_out": 9})
    assert len(await events(db, "shot:update")) == 2


@pytest.mark.parametrize("body,field,message", [
    ({"nb_frames": "many"}, "nb_frames", "Input should be a valid integer, unable to parse string as an integer"),
    ({"name": ""}, "name", "String should have at least 1 character"),
    ({"parent_id": "nope"}, "parent_id", "Input should be a valid UUID, invalid character: found `n` at 1"),
    ({"canceled": "maybe"}, "canceled", "Input should be a valid boolean, unable to interpret input"),
    ({"data": [1]}, "data", "Input should be a valid dictionary"),
])
async def test_shot_update_validation_errors_change_nothing(client, w, db, body, field, message):
    r = await client.put(f"/api/data/shots/{w.sh2}", json=body, headers=w.auth("admin"))
    assert r.status_code == 400
    assert r.json()["data"] == {"errors": [{"field": field, "message": message}]}
    row = (await db.rows(select(Entity.name, Entity.nb_frames).where(Entity.id == w.sh2)))[0]
    assert (row["name"], row["nb_frames"]) == ("SH020", None)
    assert await events(db, "shot:update") == []


@pytest.mark.parametrize("who,status", [("admin", 200), ("manager", 200), ("teammgr", 200), ("user", 403),
                                        ("client", 403), ("vendor", 403), ("outmgr", 403)])
async def test_shot_updates_need_manager_access_checked_before_the_body(client, w, who, status):
    r = await client.put(f"/api/data/shots/{w.sh2}", json={"description": "x"}, headers=w.auth(who))
    assert r.status_code == status
    if status == 403:
        r = await client.put(f"/api/data/shots/{w.sh2}", json={"nb_frames": "many"}, headers=w.auth(who))
        assert r.status_code == 403
        r = await client.put(f"/api/data/entities/{w.sh2}", json={"description": "x"}, headers=w.auth(who))
        assert r.status_code == 403


async def test_shot_updates_of_unknown_or_malformed_ids(client, w):
    for url, status in ((f"/api/data/shots/{UNKNOWN}", 404), ("/api/data/shots/nope", 404),
                        (f"/api/data/shots/{w.seq}", 404), (f"/api/data/entities/{UNKNOWN}", 404),
                        ("/api/data/entities/nope", 400)):
        r = await client.put(url, json={"description": "x"}, headers=w.auth("admin"))
        assert r.status_code == status, url


async def test_a_nul_character_is_refused_by_postgresql_never_a_500(client, w, backend):
    """PostgreSQL stores no NUL in text (Zou 1.0.97 answers 500 for these writes, 400 for the filter); SQLite
    stores it."""
    expected = 400 if backend == "postgres" else None
    answers = [await client.post(f"/api/data/projects/{w.project}/shots", json={"name": "A\u0000B"},
                                 headers=w.auth("admin")),
               await client.put(f"/api/data/shots/{w.sh2}", json={"description": "d\u0000"}, headers=w.auth("admin")),
               await client.get("/api/data/shots/all", params={"sequence_id": str(w.seq), "name": "\u0000"},
                                headers=w.auth("admin"))]
    assert [r.status_code for r in answers] == [expected or 201, expected or 200, expected or 200]
    if backend == "postgres":
        assert answers[2].json() == {"error": True,
                                     "message": "One of the ID sent in parameter is not properly formatted."}

"""The lists the Kitsu web UI loads a production with (issue 4): `/config`, `/data/projects/all`, the boards
(`/data/{shots,assets,sequences}/with-tasks`, plain, `compact=true`, `stream=true` ndjson), a project's shots
and tasks, `/data/tasks?project_id=` and the all-sequences casting. Key lists and their order are those Zou
1.0.97 answered for the same production (tests/fixtures/zou/production_lists/answers.json)."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy import insert

from domain.base import new_id, utcnow
from domain.tables import Entity, EntityLink, Subscription, Task, TaskPersonLink
from tests.factories import (
    _DEFAULTS, auth_headers, entity_type, make_asset, make_entity, make_entity_link, make_episode, make_person,
    make_project,
    make_sequence, make_shot, make_task, make_task_status, make_task_type,
)

SHOT_KEYS = ["canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "fps", "frame_in",
             "frame_out", "id", "name", "nb_frames", "parent_id", "preview_file_id", "project_id", "project_name",
             "sequence_id", "sequence_name", "source_id", "nb_entities_out", "is_casting_standby", "tasks", "type"]
# The compact header's order (Zou's SHOTS_AND_TASKS_SHOT_FIELDS) puts `type` before `tasks`.
SHOT_FIELDS = SHOT_KEYS[:-2] + ["type", "tasks"]
SHOT_TASK_KEYS = ["id", "duration", "due_date", "end_date", "done_date", "entity_id", "estimation", "is_subscribed",
                  "last_comment_date", "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date",
                  "retake_count", "start_date", "difficulty", "nb_drawings", "task_status_id", "task_type_id",
                  "assignees", "data"]
ASSET_KEYS = ["id", "name", "preview_file_id", "description", "asset_type_name", "asset_type_id", "canceled",
              "ready_for", "episode_id", "casting_episode_ids", "is_casting_standby", "is_shared", "data", "tasks"]
ASSET_TASK_KEYS = ["id", "due_date", "done_date", "duration", "entity_id", "estimation", "end_date", "is_subscribed",
                   "last_comment_date", "last_preview_file_id", "priority", "real_start_date", "retake_count",
                   "start_date", "difficulty", "task_status_id", "task_type_id", "assignees", "data"]
SEQUENCE_KEYS = ["id", "name", "status", "episode_id", "description", "frame_in", "frame_out", "fps",
                 "preview_file_id", "canceled", "data", "tasks"]
SEQUENCE_TASK_KEYS = ["id", "estimation", "entity_id", "end_date", "due_date", "done_date", "duration",
                      "last_comment_date", "last_preview_file_id", "priority", "real_start_date", "retake_count",
                      "start_date", "difficulty", "task_status_id", "task_type_id", "data", "is_subscribed",
                      "assignees"]
PROJECT_TASK_KEYS = ["name", "description", "priority", "difficulty", "duration", "estimation", "completion_rate",
                     "retake_count", "sort_order", "start_date", "due_date", "real_start_date", "end_date",
                     "done_date", "last_comment_date", "nb_assets_ready", "data", "nb_drawings", "shotgun_id",
                     "last_preview_file_id", "project_id", "task_type_id", "task_status_id", "entity_id",
                     "assigner_id", "assignees", "id", "created_at", "updated_at", "type"]
PROJECT_KEYS = ["name", "code", "description", "shotgun_id", "file_tree", "data", "has_avatar", "fps", "ratio",
                "resolution", "production_type", "production_style", "start_date", "end_date", "man_days",
                "nb_episodes", "episode_span", "max_retakes", "is_clients_isolated", "is_client_stats_visible",
                "is_client_task_list_visible", "is_client_task_panel_visible", "is_preview_download_allowed",
                "is_set_preview_automated", "homepage", "is_publish_default_for_artists",
                "is_bot_collaboration_enabled", "is_single_preview_per_revision", "is_frame_in_numbering",
                "revision_padding", "hd_bitrate_compression", "ld_bitrate_compression", "project_status_id",
                "default_preview_background_file_id", "from_schedule_version_id", "id", "created_at", "updated_at",
                "type"]
CLIENT_BLANK = {"duration": 0, "estimation": 0, "priority": 0, "retake_count": 0, "difficulty": None,
                "due_date": None, "start_date": None, "end_date": None, "done_date": None, "assignees": []}
NDJSON = "application/x-ndjson"


@dataclass
class Prod:
    settings: object
    people: dict[str, dict] = field(default_factory=dict)
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return auth_headers(self.settings, self.people[who])

    def s(self, key: str) -> str:
        return str(self.ids[key])


@pytest.fixture
async def prod(db, settings) -> Prod:
    """A TV show: episode E01 with SQ01 (SH010 with two tasks, SH020 with one) and E02 with SQ02 (SH030);
    a character cast in SH010 (so in E01) and a prop of no episode; people of every role, in the team or
    not. The user is assigned SH010's animation and subscribed to it, the vendor SH020's."""
    p = Prod(settings)
    for who, role in (("admin", "admin"), ("manager", "manager"), ("user", "user"), ("client", "client"),
                      ("vendor", "vendor"), ("outsider", "user")):
        p.people[who] = await make_person(db, role=role, first_name=who.title())
    anim = await make_task_type(db, name="PL Animation " + uuid.uuid4().hex[:6])
    layout = await make_task_type(db, name="PL Layout " + uuid.uuid4().hex[:6])
    model = await make_task_type(db, name="PL Modeling " + uuid.uuid4().hex[:6], for_entity="Asset")
    todo = await make_task_status(db)
    team = [p.people[w] for w in ("manager", "user", "client", "vendor")]
    project = await make_project(db, name="PL Show " + uuid.uuid4().hex[:6], team=team, production_type="tvshow",
                                 task_types=[anim, layout, model], task_statuses=[todo])
    other = await make_project(db, name="PL Other " + uuid.uuid4().hex[:6], team=[p.people["outsider"]])
    e01 = await make_episode(db, project=project, name="E01")
    e02 = await make_episode(db, project=project, name="E02")
    sq01 = await make_sequence(db, project=project, episode=e01, name="SQ01", description="")
    sq02 = await make_sequence(db, project=project, episode=e02, name="SQ02", description="")
    sh020 = await make_shot(db, project=project, sequence=sq01, name="SH020", nb_frames=24, data={"fps": 24})
    sh010 = await make_shot(db, project=project, sequence=sq01, name="SH010", nb_frames=48,
                            data={"frame_in": 1, "frame_out": 48})
    sh030 = await make_shot(db, project=project, sequence=sq02, name="SH030")
    character = await make_asset(db, project=project, name="Hero", asset_type=await entity_type(db, "Character"))
    prop = await make_asset(db, project=project, name="Lamp", asset_type=await entity_type(db, "Prop"),
                            source_id=e02["id"])
    await make_entity_link(db, entity_in=sh010, entity_out=character, label="")
    await make_entity_link(db, entity_in=e01, entity_out=character, data={"auto": True})
    t_anim = await make_task(db, entity=sh010, task_type=anim, task_status=todo, assignees=[p.people["user"]],
                             priority=2, estimation=240, duration=60.0)
    t_layout = await make_task(db, entity=sh010, task_type=layout, task_status=todo, estimation=60)
    t_vendor = await make_task(db, entity=sh020, task_type=anim, task_status=todo, assignees=[p.people["vendor"]])
    t_model = await make_task(db, entity=character, task_type=model, task_status=todo,
                              assignees=[p.people["user"]])
    await make_task(db, entity=sq01, task_type=layout, task_status=todo, assignees=[p.people["user"]])
    await db.execute(insert(Subscription.__table__).values(id=new_id(), person_id=p.people["user"]["id"],
                                                          task_id=t_anim["id"]))
    p.ids.update(project=project["id"], other=other["id"], E01=e01["id"], E02=e02["id"], SQ01=sq01["id"],
                 SQ02=sq02["id"], SH010=sh010["id"], SH020=sh020["id"], SH030=sh030["id"], Hero=character["id"],
                 Lamp=prop["id"], anim=anim["id"], t_anim=t_anim["id"], t_layout=t_layout["id"],
                 t_vendor=t_vendor["id"], t_model=t_model["id"], todo=todo["id"])
    return p


async def get(client, p: Prod, url: str, who: str = "admin"):
    return await client.get("/api" + url, headers=p.auth(who))


async def ok(client, p: Prod, url: str, who: str = "admin"):
    r = await get(client, p, url, who)
    assert r.status_code == 200, r.text
    return r


def ndjson_lines(r) -> list:
    assert r.headers["content-type"].startswith(NDJSON)
    assert r.text.endswith("\n")
    return [json.loads(line) for line in r.text.split("\n")[:-1]]


def as_compact(entries: list[dict], fields: list[str], task_fields: list[str]) -> list[list]:
    """What the compact form must hold: the plain form's values in the header's order."""
    return [[[[t[f] for f in task_fields] for t in e["tasks"]] if f == "tasks" else e[f] for f in fields]
            for e in entries]


# --- the boards ----------------------------------------------------------------------------------------------

async def test_shots_board_keys_values_and_order(client, prod):
    shots = (await ok(client, prod, f"/data/shots/with-tasks?project_id={prod.s('project')}")).json()
    assert [s["name"] for s in shots] == ["SH010", "SH020", "SH030"]
    for s in shots:
        assert list(s) == SHOT_KEYS and s["type"] == "Shot"
        assert all(list(t) == SHOT_TASK_KEYS for t in s["tasks"])
    sh010 = shots[0]
    assert sh010["id"] == prod.s("SH010") and sh010["sequence_name"] == "SQ01" and sh010["episode_name"] == "E01"
    assert sh010["episode_id"] == prod.s("E01") and sh010["project_name"].startswith("PL Show")
    assert (sh010["frame_in"], sh010["frame_out"], sh010["fps"], sh010["nb_frames"]) == (1, 48, None, 48)
    assert shots[1]["fps"] == 24 and shots[1]["frame_in"] is None
    anim = next(t for t in sh010["tasks"] if t["id"] == prod.s("t_anim"))
    assert anim["assignees"] == [str(prod.people["user"]["id"])] and anim["priority"] == 2
    assert anim["estimation"] == 240 and anim["duration"] == 60.0 and anim["is_subscribed"] is False
    assert isinstance(anim["difficulty"], int) and anim["task_status_id"] == prod.s("todo")
    assert shots[2]["tasks"] == []


async def test_shots_board_subscriptions_are_the_callers(client, prod):
    shots = (await ok(client, prod, f"/data/shots/with-tasks?project_id={prod.s('project')}", "user")).json()
    flags = {t["id"]: t["is_subscribed"] for s in shots for t in s["tasks"]}
    assert flags == {prod.s("t_anim"): True, prod.s("t_layout"): False, prod.s("t_vendor"): False}


async def test_shots_board_of_an_episode(client, prod):
    url = f"/data/shots/with-tasks?project_id={prod.s('project')}&episode_id="
    assert [s["name"] for s in (await ok(client, prod, url + prod.s("E02"))).json()] == ["SH030"]
    assert [s["name"] for s in (await ok(client, prod, url + "all")).json()] == ["SH010", "SH020", "SH030"]


async def test_shots_board_ndjson_line_by_line(client, prod):
    base = f"/data/shots/with-tasks?project_id={prod.s('project')}"
    plain = (await ok(client, prod, base)).json()
    lines = ndjson_lines(await ok(client, prod, base + "&stream=true&compact=true"))
    assert lines[0] == {"compact": True, "shot_fields": SHOT_FIELDS, "task_fields": SHOT_TASK_KEYS}
    assert list(lines[0]) == ["compact", "shot_fields", "task_fields"]
    assert len(lines) == 1 + len(plain)
    assert all(isinstance(row, list) and len(row) == len(SHOT_FIELDS) for row in lines[1:])
    assert lines[1:] == as_compact(plain, SHOT_FIELDS, SHOT_TASK_KEYS)
    assert lines[1][SHOT_FIELDS.index("type")] == "Shot"
    assert lines[1][SHOT_FIELDS.index("tasks")][0][0] in {prod.s("t_anim"), prod.s("t_layout")}


async def test_shots_board_compact_and_stream_forms(client, prod):
    base = f"/data/shots/with-tasks?project_id={prod.s('project')}"
    plain = (await ok(client, prod, base)).json()
    r = await ok(client, prod, base + "&compact=true")
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["compact", "shot_fields", "task_fields", "rows"]
    assert body["shot_fields"] == SHOT_FIELDS
    assert body["rows"] == as_compact(plain, SHOT_FIELDS, SHOT_TASK_KEYS)
    lines = ndjson_lines(await ok(client, prod, base + "&stream=true"))
    assert lines[0] == {"compact": False} and lines[1:] == plain


async def test_assets_board(client, prod):
    base = f"/data/assets/with-tasks?project_id={prod.s('project')}"
    assets = (await ok(client, prod, base)).json()
    assert [a["name"] for a in assets] == ["Hero", "Lamp"]  # by asset type name, then name
    assert all(list(a) == ASSET_KEYS for a in assets)
    hero, lamp = assets
    assert hero["asset_type_name"] == "Character" and hero["casting_episode_ids"] == [prod.s("E01")]
    assert hero["episode_id"] == "" and lamp["episode_id"] == prod.s("E02") and hero["preview_file_id"] == ""
    assert hero["ready_for"] == "None" and [list(t) for t in hero["tasks"]] == [ASSET_TASK_KEYS]
    lines = ndjson_lines(await ok(client, prod, base + "&stream=true&compact=true"))
    assert lines[0] == {"compact": True, "asset_fields": ASSET_KEYS, "task_fields": ASSET_TASK_KEYS}
    assert lines[1:] == as_compact(assets, ASSET_KEYS, ASSET_TASK_KEYS)
    e01 = (await ok(client, prod, base + f"&episode_id={prod.s('E01')}")).json()
    assert [a["name"] for a in e01] == ["Hero"]  # cast in E01's shots
    assert [a["name"] for a in (await ok(client, prod, base + f"&episode_id={prod.s('E02')}")).json()] == ["Lamp"]
    assert (await ok(client, prod, base + "&episode_id=main")).json()[0]["name"] == "Hero"


async def test_sequences_board(client, prod):
    base = f"/data/sequences/with-tasks?project_id={prod.s('project')}"
    sequences = (await ok(client, prod, base)).json()
    assert [s["name"] for s in sequences] == ["SQ01", "SQ02"]
    assert all(list(s) == SEQUENCE_KEYS for s in sequences)
    assert sequences[0]["episode_id"] == prod.s("E01") and sequences[0]["status"] == "running"
    assert [list(t) for t in sequences[0]["tasks"]] == [SEQUENCE_TASK_KEYS] and sequences[1]["tasks"] == []
    e02 = (await ok(client, prod, base + f"&episode_id={prod.s('E02')}")).json()
    assert [s["name"] for s in e02] == ["SQ02"]


# --- permissions ---------------------------------------------------------------------------------------------

BOARDS = ("shots", "assets", "sequences")


@pytest.mark.parametrize("kind", BOARDS)
async def test_board_access(client, prod, kind):
    url = f"/data/{kind}/with-tasks?project_id={prod.s('project')}"
    for who in ("manager", "user", "client", "vendor"):
        assert (await get(client, prod, url, who)).status_code == 200
    r = await get(client, prod, url, "outsider")
    assert r.status_code == 403 and r.json()["error"] is True
    assert (await client.get("/api" + url)).status_code == 401
    if kind != "assets":  # Zou: only an admin lists a board without naming a project
        assert (await get(client, prod, f"/data/{kind}/with-tasks", "user")).status_code == 403
        assert (await get(client, prod, f"/data/{kind}/with-tasks", "admin")).status_code == 200


async def test_assets_board_without_project_lists_the_callers_projects(client, prod):
    names = {a["name"] for a in (await ok(client, prod, "/data/assets/with-tasks", "user")).json()}
    assert names == {"Hero", "Lamp"}
    assert (await ok(client, prod, "/data/assets/with-tasks", "outsider")).json() == []


async def test_client_sees_blanked_tasks(client, prod):
    base = f"/data/shots/with-tasks?project_id={prod.s('project')}"
    shots = (await ok(client, prod, base, "client")).json()
    tasks = [t for s in shots for t in s["tasks"]]
    assert len(tasks) == 3
    for t in tasks:
        assert {k: t[k] for k in CLIENT_BLANK} == CLIENT_BLANK
        assert t["task_status_id"] == prod.s("todo")
    lines = ndjson_lines(await ok(client, prod, base + "&stream=true&compact=true", "client"))
    assert lines[1:] == as_compact(shots, SHOT_FIELDS, SHOT_TASK_KEYS)
    assets = (await ok(client, prod, f"/data/assets/with-tasks?project_id={prod.s('project')}", "client")).json()
    assert assets[0]["tasks"][0]["assignees"] == [] and assets[0]["tasks"][0]["estimation"] == 0


async def test_vendor_sees_what_is_assigned_to_them(client, prod):
    project = prod.s("project")
    shots = (await ok(client, prod, f"/data/shots/with-tasks?project_id={project}", "vendor")).json()
    assert [(s["name"], [t["id"] for t in s["tasks"]]) for s in shots] == [("SH020", [prod.s("t_vendor")])]
    lines = ndjson_lines(await ok(client, prod, f"/data/shots/with-tasks?project_id={project}&stream=true"
                                                f"&compact=true", "vendor"))
    assert len(lines) == 2 and lines[1][SHOT_FIELDS.index("name")] == "SH020"
    assert (await ok(client, prod, f"/data/assets/with-tasks?project_id={project}", "vendor")).json() == []
    sequences = (await ok(client, prod, f"/data/sequences/with-tasks?project_id={project}", "vendor")).json()
    assert [s["name"] for s in sequences] == ["SQ01"] and sequences[0]["tasks"] == []
    tasks = (await ok(client, prod, f"/data/projects/{project}/tasks", "vendor")).json()
    assert [t["id"] for t in tasks] == [prod.s("t_vendor")]


async def test_assigned_to_lists_what_the_caller_is_assigned(client, prod):
    """Zou's `assigned_to` criterion (any value): the entities holding a task assigned to the caller, with only
    those tasks, each with all its assignees."""
    project = prod.s("project")
    shots = (await ok(client, prod, f"/data/shots/with-tasks?project_id={project}&assigned_to=1", "user")).json()
    assert [(s["name"], [t["id"] for t in s["tasks"]]) for s in shots] == [("SH010", [prod.s("t_anim")])]
    lines = ndjson_lines(await ok(client, prod, f"/data/shots/with-tasks?project_id={project}&assigned_to=1"
                                                f"&stream=true&compact=true", "user"))
    assert lines[1:] == as_compact(shots, SHOT_FIELDS, SHOT_TASK_KEYS)
    assets = (await ok(client, prod, f"/data/assets/with-tasks?project_id={project}&assigned_to=1", "user")).json()
    assert [(a["name"], [t["id"] for t in a["tasks"]]) for a in assets] == [("Hero", [prod.s("t_model")])]
    # the sequence board keeps every sequence, and the tasks whose assignees hold the value as given
    url = f"/data/sequences/with-tasks?project_id={project}&assigned_to="
    sequences = (await ok(client, prod, url + "1", "manager")).json()
    assert [(s["name"], s["tasks"]) for s in sequences] == [("SQ01", []), ("SQ02", [])]
    sequences = (await ok(client, prod, url + str(prod.people["user"]["id"]), "manager")).json()
    assert [len(s["tasks"]) for s in sequences] == [1, 0]
    everything = (await ok(client, prod, "/data/shots/with-tasks?assigned_to=1", "admin")).json()
    assert everything == []


async def test_assigned_to_on_the_edit_board(client, prod, db):
    edit_type = await entity_type(db, "Edit")
    mine = await make_entity(db, project=prod.ids["project"], entity_type=edit_type, name="Cut A")
    other = await make_entity(db, project=prod.ids["project"], entity_type=edit_type, name="Cut B")
    task_type = await make_task_type(db, for_entity="Edit")
    kept = await make_task(db, entity=mine, task_type=task_type, assignees=[prod.people["user"]])
    await make_task(db, entity=mine, task_type=await make_task_type(db, for_entity="Edit"))
    await make_task(db, entity=other, task_type=task_type)
    url = f"/data/edits/with-tasks?project_id={prod.s('project')}"
    assert len((await ok(client, prod, url, "user")).json()) == 2
    edits = (await ok(client, prod, url + "&assigned_to=true", "user")).json()
    assert [(e["name"], [t["id"] for t in e["tasks"]]) for e in edits] == [("Cut A", [str(kept["id"])])]


# --- bad ids -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url,status", [
    ("/data/shots/with-tasks?project_id=12", 400),
    ("/data/shots/with-tasks?project_id={project}&episode_id=nope", 400),
    ("/data/assets/with-tasks?project_id=12", 400),
    ("/data/sequences/with-tasks?project_id=not-a-uuid", 400),
    ("/data/projects/abc/shots", 404),
    ("/data/projects/{rand}/shots", 404),
    ("/data/projects/abc/tasks", 404),
    ("/data/projects/{rand}/tasks", 404),
    ("/data/projects/{project}/tasks?page=two", 400),
    ("/data/projects/{project}/tasks?task_type_id=xyz", 400),
    ("/data/tasks?project_id=abc", 400),
    ("/data/projects/abc/sequences/all/casting", 404),  # Zou: 500
])
async def test_bad_ids_are_4xx(client, prod, url, status):
    r = await get(client, prod, url.format(project=prod.s("project"), rand=uuid.uuid4()))
    assert r.status_code == status, r.text
    assert r.json()["message"]


async def test_invalid_uuid_message(client, prod):
    r = await get(client, prod, "/data/shots/with-tasks?project_id=12")
    assert r.json()["message"] == "Invalid UUID format for project_id: 12"


# --- the other lists -----------------------------------------------------------------------------------------

async def test_config_is_public(client):
    r = await client.get("/api/config")
    assert r.status_code == 200
    body = r.json()
    assert body["is_self_hosted"] is True and isinstance(body["default_locale"], str)
    assert {"crisp_token", "indexer_configured", "saml_enabled", "oidc_enabled", "enforce_2fa"} <= set(body)


async def test_all_projects(client, prod):
    admin = (await ok(client, prod, "/data/projects/all")).json()
    mine = next(x for x in admin if x["id"] == prod.s("project"))
    assert list(mine) == PROJECT_KEYS + ["project_status_name", "descriptors"]
    assert mine["project_status_name"] == "Open" and mine["descriptors"] == []
    user = (await ok(client, prod, "/data/projects/all", "user")).json()
    assert [x["id"] for x in user] == [prod.s("project")] and list(user[0]) == PROJECT_KEYS
    assert [x["id"] for x in (await ok(client, prod, "/data/projects/all", "outsider")).json()] == [prod.s("other")]


async def test_project_shots(client, prod):
    url = f"/data/projects/{prod.s('project')}/shots"
    shots = (await ok(client, prod, url)).json()
    assert sorted(s["name"] for s in shots) == ["SH010", "SH020", "SH030"]
    assert all(s["type"] == "Shot" and s["project_id"] == prod.s("project") for s in shots)
    assert {"id", "name", "parent_id", "data", "nb_frames", "created_at", "updated_at"} <= set(shots[0])
    assert (await get(client, prod, url, "outsider")).status_code == 403
    assert len((await ok(client, prod, url, "user")).json()) == 3


async def test_project_tasks(client, prod):
    url = f"/data/projects/{prod.s('project')}/tasks"
    tasks = (await ok(client, prod, url)).json()
    assert len(tasks) == 5 and all(list(t) == PROJECT_TASK_KEYS for t in tasks)
    by_id = {t["id"]: t for t in tasks}
    assert by_id[prod.s("t_anim")]["assignees"] == [str(prod.people["user"]["id"])]
    stamps = [t["updated_at"] for t in tasks]
    assert stamps == sorted(stamps, reverse=True)  # most recently updated first
    anim = (await ok(client, prod, url + f"?task_type_id={prod.s('anim')}")).json()
    assert {t["id"] for t in anim} == {prod.s("t_anim"), prod.s("t_vendor")}
    e02 = (await ok(client, prod, url + f"?episode_id={prod.s('E02')}")).json()
    assert e02 == []
    page = (await ok(client, prod, url + "?page=1")).json()
    assert list(page) == ["data", "total", "nb_pages", "limit", "offset", "page"]
    assert (page["total"], page["nb_pages"], page["page"], len(page["data"])) == (5, 1, 1, 5)
    assert (await get(client, prod, url, "outsider")).status_code == 403
    blanked = (await ok(client, prod, url, "client")).json()
    assert all(t["assignees"] == [] and t["estimation"] == 0 for t in blanked)


async def test_crud_tasks_of_a_project(client, prod):
    tasks = (await ok(client, prod, f"/data/tasks?project_id={prod.s('project')}")).json()
    assert len(tasks) == 5 and all(t["project_id"] == prod.s("project") and t["type"] == "Task" for t in tasks)
    mine = (await ok(client, prod, f"/data/tasks?project_id={prod.s('project')}", "user")).json()
    assert len(mine) == 5
    outsider = await get(client, prod, f"/data/tasks?project_id={prod.s('project')}", "outsider")
    assert outsider.status_code in (200, 403)
    if outsider.status_code == 200:
        assert outsider.json() == []


async def test_all_sequences_casting(client, prod):
    url = f"/data/projects/{prod.s('project')}/sequences/all/casting"
    casting = (await ok(client, prod, url)).json()
    assert list(casting) == [prod.s("SH010")]
    link = casting[prod.s("SH010")][0]
    assert link["asset_id"] == prod.s("Hero") and link["asset_name"] == "Hero" and link["nb_occurences"] == 1
    assert (await get(client, prod, url, "outsider")).status_code == 403
    assert (await ok(client, prod, url, "user")).json() == casting
    # Zou's answer to an admin for a project that does not exist: an empty casting
    assert (await ok(client, prod, f"/data/projects/{uuid.uuid4()}/sequences/all/casting")).json() == {}


# --- SQL statements: the same at 2 and at 200 shots --------------------------------------------------------

async def grow(db, p: Prod, n: int) -> None:
    """n more shots in SQ01, each with an animation task assigned to the user and the vendor, cast with the
    character, the user subscribed to the task; written in a few statements."""
    now = utcnow()
    shot_type = (await entity_type(db, "Shot"))["id"]
    shots = [{**_DEFAULTS.get(Entity, {}), "id": new_id(), "name": f"BULK{i:04d}", "project_id": p.ids["project"],
              "entity_type_id": shot_type, "parent_id": p.ids["SQ01"], "data": {"frame_in": i},
              "status": "running", "created_at": now, "updated_at": now} for i in range(n)]
    await db.execute(insert(Entity.__table__), shots)
    tasks = [{**_DEFAULTS.get(Task, {}), "id": new_id(), "name": "main", "entity_id": s["id"],
              "project_id": p.ids["project"], "task_type_id": p.ids["anim"], "task_status_id": p.ids["todo"],
              "created_at": now, "updated_at": now} for s in shots]
    await db.execute(insert(Task.__table__), tasks)
    await db.execute(insert(TaskPersonLink.__table__),
                     [{"task_id": t["id"], "person_id": p.people[who]["id"]} for t in tasks for who in
                      ("user", "vendor")])
    await db.execute(insert(Subscription.__table__),
                     [{"id": new_id(), "person_id": p.people["user"]["id"], "task_id": t["id"]} for t in tasks])
    await db.execute(insert(EntityLink.__table__),
                     [{"id": new_id(), "entity_in_id": s["id"], "entity_out_id": p.ids["Hero"], "nb_occurences": 1,
                       "label": "", "created_at": now, "updated_at": now} for s in shots])


COUNTED = [
    ("/data/shots/with-tasks?project_id={project}", ("admin", "user", "client", "vendor")),
    ("/data/shots/with-tasks?project_id={project}&stream=true&compact=true", ("admin", "vendor")),
    ("/data/shots/with-tasks?project_id={project}&episode_id={E01}&compact=true", ("user",)),
    ("/data/assets/with-tasks?project_id={project}", ("admin", "client")),
    ("/data/assets/with-tasks?project_id={project}&stream=true&compact=true", ("user",)),
    ("/data/sequences/with-tasks?project_id={project}", ("admin", "vendor")),
    ("/data/projects/{project}/shots", ("admin", "vendor")),
    ("/data/projects/{project}/tasks", ("admin", "client")),
    ("/data/projects/{project}/tasks?page=1", ("user",)),
    ("/data/tasks?project_id={project}", ("admin", "user")),
    ("/data/projects/{project}/sequences/all/casting", ("admin", "user")),
    ("/data/projects/all", ("admin", "user")),
]


async def _counts(client, p: Prod, count_sql) -> dict[tuple[str, str], tuple[int, int]]:
    out = {}
    for url, people in COUNTED:
        full = url.format(project=p.s("project"), E01=p.s("E01"))
        for who in people:
            with count_sql() as c:
                r = await get(client, p, full, who)
            assert r.status_code == 200, (full, who, r.text)
            out[(url, who)] = (c.count, len(r.content))
    return out


async def test_statement_count_does_not_grow_with_shots(client, prod, db, count_sql):
    small = await _counts(client, prod, count_sql)
    await grow(db, prod, 198)
    large = await _counts(client, prod, count_sql)
    for key, (statements, size) in small.items():
        assert 0 < statements == large[key][0], (key, statements, large[key][0])
        if not key[0].startswith(("/data/sequences/", "/data/projects/all")) and key[1] != "client" \
                and "assets" not in key[0]:
            assert large[key][1] > size, key  # the 198 shots are in the answer
    shots = (await ok(client, prod, f"/data/shots/with-tasks?project_id={prod.s('project')}", "user")).json()
    assert len(shots) == 201 and all(t["is_subscribed"] for s in shots if s["name"].startswith("BULK")
                                     for t in s["tasks"])

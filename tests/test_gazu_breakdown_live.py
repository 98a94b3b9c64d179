"""gazu 1.3.1 (Kitsu's Python client) against a live `trackql serve`, over the breakdown, shot, scene, edit,
episode and entity routes, and through `gazu.client.fetch_all`/`fetch_one` the routes gazu has no function for
(a shot's asset instances, an episode's edits and tasks, the user context, budgets). One server per module and
backend; the tests write to separate rows so their order does not matter. (gazu's time-spent functions are
covered by tests/rest_compat/test_time.py.)"""
from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from types import SimpleNamespace

import gazu
import pytest
from sqlalchemy import update

from domain import passwords
from domain.tables import AssetInstance, AssetInstanceLink, Comment, News, Person, WorkingFile
from live import live_server
from tests.conftest import _pg_database
from tests.factories import (entity_type, make_asset, make_budget, make_entity, make_entity_link, make_episode,
                             make_sequence)
from tests.team_world import _insert, make_task, team_world

PASSWORD = "gazu-password"


@dataclass
class Live:
    api_url: str
    ids: dict[str, str]


async def _prepare(db, ids: dict[str, str]) -> None:
    w = await team_world(db, SimpleNamespace(secret_key="unused-" + "z" * 32))
    for who in ("admin", "manager", "user", "client", "vendor"):
        await db.execute(update(Person.__table__).where(Person.id == w.people[who]).values(
            password=await passwords.hash_password(PASSWORD, 4)))
    episode = await make_episode(db, project=w.project, name="E01")
    seq5 = await make_sequence(db, project=w.project, episode=episode, name="SQ05")
    scene = await make_entity(db, project=w.project, entity_type=await entity_type(db, "Scene"), name="SC01",
                              parent=seq5)
    edit_type = await entity_type(db, "Edit")
    ed1 = await make_entity(db, project=w.project, entity_type=edit_type, name="ED01", parent=episode)
    ed2 = await make_entity(db, project=w.project, entity_type=edit_type, name="ED02")
    await make_task(db, w, episode["id"], ["user"], name="board")
    hero = await make_asset(db, project=w.project, name="Hero")
    chair = await make_asset(db, project=w.project, name="Chair")
    await make_entity_link(db, entity_in=w.sh1, entity_out=hero, nb_occurences=2, label="animate")
    instance = await _insert(db, AssetInstance, asset_id=hero["id"], name="Hero_0001", number=1, description="",
                             active=True)
    await _insert(db, AssetInstanceLink, entity_id=w.sh1, asset_instance_id=instance)
    for revision, name in ((1, "layout"), (2, "layout"), (1, "anim")):
        await _insert(db, WorkingFile, name=name, revision=revision, task_id=w.t1, entity_id=w.sh1,
                      person_id=w.people["user"], path=f"/w/{name}_v{revision}")
    comment = await _insert(db, Comment, object_id=w.t1, object_type="Task", text="looks good",
                            person_id=w.people["manager"], task_status_id=w.wip)
    await _insert(db, News, change=True, author_id=w.people["manager"], comment_id=comment, task_id=w.t1)
    budget = await make_budget(db, project=w.project, name="Main budget")
    ids.update({k: str(v) for k, v in w.ids.items()})
    ids.update(episode=str(episode["id"]), seq5=str(seq5["id"]), scene=str(scene["id"]), ed1=str(ed1["id"]),
               ed2=str(ed2["id"]), hero=str(hero["id"]), chair=str(chair["id"]), instance=str(instance),
               budget=str(budget["id"]))


@pytest.fixture(scope="module")
async def live(backend, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"gazu-breakdown-{backend}")
    ids: dict[str, str] = {}
    async with contextlib.AsyncExitStack() as stack:
        url = await stack.enter_async_context(_pg_database()) if backend == "postgres" else None
        server = await stack.enter_async_context(
            live_server(tmp, prepare=lambda db: _prepare(db, ids), database_url=url))
        yield Live(server.api_url, ids)


def as_user(live: Live, who: str, fn):
    """Run `fn()` with gazu logged in as TB <who> on the live server (in a thread: gazu is synchronous)."""
    def run():
        gazu.set_host(live.api_url)
        gazu.log_in(f"tb.{who}@example.com", PASSWORD)
        try:
            return fn()
        finally:
            gazu.log_out()
    return asyncio.to_thread(run)


async def test_gazu_reads_sequence_and_shot_casting(live):
    ids = live.ids
    seen = await as_user(live, "user", lambda: (
        gazu.casting.get_sequence_casting({"id": ids["seq"], "project_id": ids["project"]}),
        gazu.casting.get_shot_casting({"id": ids["sh1"], "project_id": ids["project"]})))
    sequence, shot = seen
    assert list(sequence) == [ids["sh1"]]
    assert [(c["asset_id"], c["nb_occurences"], c["label"], c["sequence_name"]) for c in sequence[ids["sh1"]]] == [
        (ids["hero"], 2, "animate", "SQ01")]
    assert [(c["asset_id"], c["asset_name"]) for c in shot] == [(ids["hero"], "Hero")]


async def test_gazu_updates_a_shots_casting_and_an_artist_may_not(live):
    ids = live.ids
    casting = [{"asset_id": ids["chair"], "nb_occurences": 3}, {"asset_id": ids["hero"], "nb_occurences": 1}]

    def update_then_read():
        echoed = gazu.casting.update_shot_casting(ids["project"], ids["sh2"], casting)
        return echoed, gazu.casting.get_shot_casting({"id": ids["sh2"], "project_id": ids["project"]})

    echoed, after = await as_user(live, "manager", update_then_read)
    assert echoed == casting
    assert sorted((c["asset_name"], c["nb_occurences"]) for c in after) == [("Chair", 3), ("Hero", 1)]

    def artist_update():
        with pytest.raises(gazu.exception.NotAllowedException):
            gazu.casting.update_shot_casting(ids["project"], ids["sh2"], [])
        return gazu.casting.get_shot_casting({"id": ids["sh2"], "project_id": ids["project"]})

    assert len(await as_user(live, "user", artist_update)) == 2


async def test_gazu_creates_a_shot_once_and_updates_it(live):
    ids = live.ids

    def create_and_update():
        shot = gazu.shot.new_shot(ids["project"], ids["seq5"], "SH900", nb_frames=10, frame_in=1, frame_out=10,
                                  description="first")
        again = gazu.shot.new_shot(ids["project"], ids["seq5"], "SH900", nb_frames=99)
        shot["description"] = "changed"
        shot["data"] = {"fps": 25}
        updated = gazu.shot.update_shot(shot)
        return shot, again, updated, gazu.shot.get_shot(shot["id"])

    shot, again, updated, read = await as_user(live, "manager", create_and_update)
    assert (shot["type"], shot["name"], shot["nb_frames"], shot["parent_id"]) == ("Shot", "SH900", 10, ids["seq5"])
    assert again["id"] == shot["id"] and again["nb_frames"] == 10
    assert (updated["description"], updated["data"]) == ("changed", {"frame_in": 1, "frame_out": 10, "fps": 25})
    assert (read["episode_id"], read["sequence_name"], read["frame_in"], read["fps"]) == (ids["episode"], "SQ05",
                                                                                         1, 25)


async def test_gazu_reads_a_scene_the_project_edits_and_a_shots_task_types(live):
    ids = live.ids
    scene, edits, task_types = await as_user(live, "user", lambda: (
        gazu.scene.get_scene(ids["scene"]), gazu.edit.all_edits_for_project(ids["project"]),
        gazu.task.all_task_types_for_shot(ids["sh1"])))
    assert (scene["type"], scene["sequence_name"], scene["episode_name"]) == ("Scene", "SQ05", "E01")
    assert [(e["name"], e["type"]) for e in edits] == [("ED01", "Edit"), ("ED02", "Edit")]
    assert [t["id"] for t in task_types] == [ids["animation"]]


async def test_gazu_lists_an_entitys_working_files_with_its_filters(live):
    ids = live.ids
    every, layout = await as_user(live, "user", lambda: (
        gazu.files.get_all_working_files_for_entity(ids["sh1"]),
        gazu.files.get_all_working_files_for_entity(ids["sh1"], task=ids["t1"], name="layout")))
    assert [(f["name"], f["revision"]) for f in every][:1] == [("layout", 2)]
    assert sorted((f["name"], f["revision"]) for f in every) == [("anim", 1), ("layout", 1), ("layout", 2)]
    assert [(f["name"], f["revision"], f["type"]) for f in layout] == [("layout", 2, "WorkingFile"),
                                                                      ("layout", 1, "WorkingFile")]


async def test_gazu_fetches_an_entitys_news(live):
    ids = live.ids
    page = await as_user(live, "vendor", lambda: gazu.client.fetch_all(f"entities/{ids['sh1']}/news"))
    assert (page["total"], page["limit"], page["page"]) == (1, 2000, 1)
    [news] = page["data"]
    assert (news["task_id"], news["full_entity_name"], news["person"]["full_name"]) == (
        ids["t1"], "SQ01 / SH010", "TB Manager")

    def refused():
        with pytest.raises(gazu.exception.NotAllowedException):
            gazu.client.fetch_all(f"entities/{ids['sh2']}/news")  # no task of the vendor's on SH020
    await as_user(live, "vendor", refused)


async def test_gazu_fetches_asset_instances_and_an_episodes_edits_and_tasks(live):
    ids = live.ids
    instances, edits, tasks = await as_user(live, "client", lambda: (
        gazu.client.fetch_all(f"shots/{ids['sh1']}/asset-instances"),
        gazu.client.fetch_all(f"episodes/{ids['episode']}/edits"),
        gazu.client.fetch_all(f"episodes/{ids['episode']}/tasks")))
    assert [(i["id"], i["name"]) for i in instances[ids["hero"]]] == [(ids["instance"], "Hero_0001")]
    assert [e["name"] for e in edits] == ["ED01"]
    assert [(t["name"], t["entity_name"], t["duration"]) for t in tasks] == [("board", "E01", 0)]  # blanked


async def test_gazu_fetches_the_user_context_and_budgets(live):
    ids = live.ids
    context, budgets, budget = await as_user(live, "manager", lambda: (
        gazu.client.fetch_one("user", "context"),
        gazu.client.fetch_all(f"projects/{ids['project']}/budgets"),
        gazu.client.fetch_one(f"projects/{ids['project']}/budgets", ids["budget"])))
    assert ids["project"] in [p["id"] for p in context["projects"]]
    assert {"asset_types", "task_types", "task_status", "persons"} <= set(context)
    assert [b["name"] for b in budgets] == ["Main budget"]
    assert (budget["id"], budget["name"], budget["type"]) == (ids["budget"], "Main budget", "Budget")

    def artist_budgets():
        with pytest.raises(gazu.exception.NotAllowedException):
            gazu.client.fetch_all(f"projects/{ids['project']}/budgets")
        return gazu.client.fetch_one("user", "context")["projects"]

    assert [p["name"] for p in await as_user(live, "user", artist_budgets)] == ["TB Film"]

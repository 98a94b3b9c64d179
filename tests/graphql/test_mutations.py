"""Mutations go through the REST routes' resolvers: their permissions, their Zou events (stored in api_event
after the commit), and the written row comes back as the caller may see it."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select, update

from domain.tables import (ApiEvent, Budget, Entity, EntityLink, EntityType, EntityVersion, MetadataDescriptor, Task,
                           TaskType, TimeSpent)
from factories import make_asset, make_department, make_person, make_project, make_sequence, make_shot, make_task


@pytest.fixture
async def team(db):
    manager = await make_person(db, role="manager", first_name="Manon")
    artist = await make_person(db, role="user", first_name="Art")
    project = await make_project(db, team=[manager, artist])
    sequence = await make_sequence(db, project=project, name="SQ01")
    return {"manager": manager, "artist": artist, "project": project, "sequence": sequence}


async def events(db, name: str) -> list[dict]:
    return [dict(r) for r in await db.rows(select(ApiEvent.__table__).where(ApiEvent.name == name))]


CREATE_SHOT = """mutation($input: ShotInput!) { createShot(input: $input) {
    id name nbFrames data sequence { name } project { id } } }"""


async def test_create_shot_records_its_event(gql, db, team):
    body = await gql(CREATE_SHOT, {"input": {"projectId": str(team["project"]["id"]), "name": "SH010",
                                             "sequenceId": str(team["sequence"]["id"]), "nbFrames": 48,
                                             "data": {"fps": 24}}}, as_=team["manager"])
    shot = body["data"]["createShot"]
    assert shot["name"] == "SH010" and shot["nbFrames"] == 48 and shot["data"] == {"fps": 24}
    assert shot["sequence"] == {"name": "SQ01"}
    [event] = await events(db, "shot:new")
    assert event["data"]["shot_id"] == shot["id"]
    assert event["project_id"] == team["project"]["id"] and event["user_id"] == team["manager"]["id"]


async def test_an_artist_cannot_create_a_shot_and_nothing_is_written(gql, db, team):
    body = await gql(CREATE_SHOT, {"input": {"projectId": str(team["project"]["id"]), "name": "SH999"}},
                     as_=team["artist"])
    assert body["data"] == {"createShot": None}
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await db.scalars(select(Entity.id).where(Entity.name == "SH999")) == []
    assert await events(db, "shot:new") == []


async def test_every_kind_is_created_with_its_event(gql, db, team):
    pid = str(team["project"]["id"])
    episode = (await gql("mutation($p: ID!) { createEpisode(input: {projectId: $p, name: \"E01\"}) { id } }",
                         {"p": pid}, as_=team["manager"]))["data"]["createEpisode"]
    created = await gql("""mutation($p: ID!, $e: ID!, $s: ID!, $t: ID!) {
        sequence: createSequence(input: {projectId: $p, episodeId: $e, name: "SQ02"}) { name episode { id } }
        scene: createScene(input: {projectId: $p, sequenceId: $s, name: "SC01"}) { name sequence { id } }
        edit: createEdit(input: {projectId: $p, episodeId: $e, name: "ED01"}) { name episode { id } }
        asset: createAsset(input: {projectId: $p, assetTypeId: $t, name: "Hero", episodeId: $e}) {
            name assetType { id } episode { id } } }""",
                        {"p": pid, "e": episode["id"], "s": str(team["sequence"]["id"]),
                         "t": await _asset_type_id(db)},
                        as_=team["manager"])
    assert "errors" not in created, created
    assert created["data"]["sequence"]["episode"]["id"] == episode["id"]
    assert created["data"]["asset"]["episode"]["id"] == episode["id"]
    for name in ("episode:new", "sequence:new", "scene:new", "edit:new", "asset:new"):
        assert len(await events(db, name)) == 1, name


async def _asset_type_id(db) -> str:
    return str((await db.scalars(select(EntityType.id).where(EntityType.name == "Character")))[0])


async def test_update_merges_data_and_records_a_shot_version(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"], name="SH020", data={"a": 1})
    updated = await gql("""mutation($id: ID!) { updateShot(id: $id, input: {name: "SH021", data: {b: 2}}) {
        name data } }""", {"id": str(shot["id"])}, as_=team["manager"])
    assert updated["data"]["updateShot"] == {"name": "SH021", "data": {"a": 1, "b": 2}}
    assert [e["data"]["shot_id"] for e in await events(db, "shot:update")] == [str(shot["id"])]
    assert await db.scalars(select(EntityVersion.name).where(EntityVersion.entity_id == shot["id"])) == ["SH020"]


DELETE_SHOT = "mutation($id: ID!, $force: Boolean!) { deleteShot(id: $id, force: $force) }"


async def test_a_shot_with_tasks_is_canceled_unless_forced(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"], name="SH030")
    task = await make_task(db, entity=shot, assignees=[team["artist"]])
    await gql("""mutation($id: ID!) { updateShot(id: $id, input: {name: "SH031"}) { id } }""",
              {"id": str(shot["id"])}, as_=team["manager"])  # leaves a shot version behind
    refused = await gql(DELETE_SHOT, {"id": str(shot["id"]), "force": True}, as_=team["artist"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    canceled = await gql(DELETE_SHOT, {"id": str(shot["id"]), "force": False}, as_=team["manager"])
    assert canceled["data"] == {"deleteShot": str(shot["id"])}
    assert await db.scalars(select(Entity.canceled).where(Entity.id == shot["id"])) == [True]
    assert len(await events(db, "shot:update")) == 2 and await events(db, "shot:delete") == []
    deleted = await gql(DELETE_SHOT, {"id": str(shot["id"]), "force": True}, as_=team["manager"])
    assert deleted["data"] == {"deleteShot": str(shot["id"])}, deleted
    assert await db.scalars(select(Entity.id).where(Entity.id == shot["id"])) == []
    assert await db.scalars(select(Task.id).where(Task.id == task["id"])) == []
    assert await db.scalars(select(EntityVersion.id).where(EntityVersion.entity_id == shot["id"])) == []
    [gone] = await events(db, "shot:delete")
    assert gone["data"] == {"shot_id": str(shot["id"]), "project_id": str(team["project"]["id"])}
    assert [e["data"]["task_id"] for e in await events(db, "task:delete")] == [str(task["id"])]


async def test_a_sequence_with_shots_is_refused_unless_forced(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"], name="SH040")
    await make_task(db, entity=shot)
    query = "mutation($id: ID!, $force: Boolean!) { deleteSequence(id: $id, force: $force) }"
    refused = await gql(query, {"id": str(team["sequence"]["id"]), "force": False}, as_=team["manager"])
    assert refused["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert refused["errors"][0]["message"] == "Some data are still linked to this sequence."
    assert len(await db.scalars(select(Entity.id).where(Entity.id.in_([shot["id"], team["sequence"]["id"]])))) == 2
    assert await events(db, "sequence:delete") == []
    forced = await gql(query, {"id": str(team["sequence"]["id"]), "force": True}, as_=team["manager"])
    assert forced["data"] == {"deleteSequence": str(team["sequence"]["id"])}, forced
    assert await db.scalars(select(Entity.id).where(Entity.id.in_([shot["id"], team["sequence"]["id"]]))) == []
    assert len(await events(db, "shot:delete")) == 1 and len(await events(db, "sequence:delete")) == 1
    assert len(await events(db, "task:delete")) == 1


async def test_a_forced_episode_delete_takes_its_sequences_and_home_assets(gql, db, team):
    pid = str(team["project"]["id"])
    made = await gql("""mutation($p: ID!) { episode: createEpisode(input: {projectId: $p, name: "E09"}) { id } }""",
                     {"p": pid}, as_=team["manager"])
    episode_id = made["data"]["episode"]["id"]
    below = await gql("""mutation($p: ID!, $e: ID!, $t: ID!) {
        sequence: createSequence(input: {projectId: $p, episodeId: $e, name: "SQ09"}) { id }
        asset: createAsset(input: {projectId: $p, assetTypeId: $t, name: "Home", episodeId: $e}) { id } }""",
                      {"p": pid, "e": episode_id, "t": await _asset_type_id(db)}, as_=team["manager"])
    ids = [below["data"]["sequence"]["id"], below["data"]["asset"]["id"], episode_id]
    gone = await gql("mutation($id: ID!) { deleteEpisode(id: $id, force: true) }", {"id": episode_id},
                     as_=team["artist"])
    assert gone["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    gone = await gql("mutation($id: ID!) { deleteEpisode(id: $id, force: true) }", {"id": episode_id},
                     as_=team["manager"])
    assert gone["data"] == {"deleteEpisode": episode_id}, gone
    assert await db.scalars(select(Entity.id).where(Entity.id.in_([uuid.UUID(i) for i in ids]))) == []
    for name in ("episode:delete", "sequence:delete", "asset:delete"):
        assert len(await events(db, name)) == 1, name


async def test_a_scene_still_referred_to_is_canceled(gql, db, team):
    pid = str(team["project"]["id"])
    scene = (await gql("""mutation($p: ID!, $s: ID!) { createScene(input: {projectId: $p, sequenceId: $s,
        name: "SC09"}) { id } }""", {"p": pid, "s": str(team["sequence"]["id"])},
                       as_=team["manager"]))["data"]["createScene"]
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"], name="SH090")
    await db.execute(update(Entity).where(Entity.id == shot["id"]).values(source_id=uuid.UUID(scene["id"])))
    query = "mutation($id: ID!) { deleteScene(id: $id) }"
    assert (await gql(query, {"id": scene["id"]}, as_=team["manager"]))["data"] == {"deleteScene": scene["id"]}
    assert await db.scalars(select(Entity.canceled).where(Entity.id == uuid.UUID(scene["id"]))) == [True]
    await db.execute(update(Entity).where(Entity.id == shot["id"]).values(source_id=None))
    await gql(query, {"id": scene["id"]}, as_=team["manager"])
    assert await db.scalars(select(Entity.id).where(Entity.id == uuid.UUID(scene["id"]))) == []
    assert len(await events(db, "scene:delete")) == 2


async def test_a_forced_edit_delete_goes_through_the_edit_route(gql, db, team):
    edit = (await gql("""mutation($p: ID!) { createEdit(input: {projectId: $p, name: "ED09"}) { id } }""",
                      {"p": str(team["project"]["id"])}, as_=team["manager"]))["data"]["createEdit"]
    body = await gql("mutation($id: ID!) { deleteEdit(id: $id) }", {"id": edit["id"]}, as_=team["manager"])
    assert body["data"] == {"deleteEdit": edit["id"]}
    assert await db.scalars(select(Entity.id).where(Entity.id == uuid.UUID(edit["id"]))) == []
    assert len(await events(db, "edit:delete")) == 1


async def test_a_mutation_on_an_entity_of_another_kind_is_not_found(gql, db, team):
    body = await gql("mutation($id: ID!) { deleteAsset(id: $id) }", {"id": str(team["sequence"]["id"])},
                     as_=team["manager"])
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await db.scalars(select(Entity.id).where(Entity.id == team["sequence"]["id"])) != []


async def test_tasks_are_created_assigned_and_deleted(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"])
    tt = str((await db.scalars(select(TaskType.id).where(TaskType.name == "Animation")))[0])
    created = await gql("""mutation($e: ID!, $t: ID!) { createTask(input: {entityId: $e, taskTypeId: $t}) {
        id name project { id } taskStatus { shortName } assignees { id } } }""",
                        {"e": str(shot["id"]), "t": tt}, as_=team["manager"])
    task = created["data"]["createTask"]
    refused = await gql("""mutation($e: ID!, $t: ID!) { createTask(input: {entityId: $e, taskTypeId: $t,
        name: "other"}) { id } }""", {"e": str(shot["id"]), "t": tt}, as_=team["artist"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert task["name"] == "main" and task["project"]["id"] == str(team["project"]["id"])
    assert task["taskStatus"]["shortName"] == "todo" and task["assignees"] == []
    assert len(await events(db, "task:new")) == 1
    assigned = await gql("""mutation($id: ID!, $a: [ID!]) { updateTask(id: $id, input: {assigneeIds: $a,
        priority: 2}) { priority assignees { firstName } } }""",
                         {"id": task["id"], "a": [str(team["artist"]["id"])]}, as_=team["manager"])
    assert assigned["data"]["updateTask"] == {"priority": 2, "assignees": [{"firstName": "Art"}]}
    [assign] = await events(db, "task:assign")
    assert assign["data"] == {"task_id": task["id"], "person_id": str(team["artist"]["id"]),
                              "project_id": str(team["project"]["id"])}
    gone = await gql("mutation($id: ID!) { deleteTask(id: $id) }", {"id": task["id"]}, as_=team["manager"])
    assert gone["data"] == {"deleteTask": task["id"]}
    assert len(await events(db, "task:delete")) == 1


async def test_reference_data_is_for_admins(gql, db, team, admin):
    query = """mutation { createTaskType(input: {name: "Grading X", forEntity: "Shot", color: "#112233"}) {
        id name forEntity } }"""
    refused = await gql(query, as_=team["manager"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    created = (await gql(query, as_=admin))["data"]["createTaskType"]
    assert created["name"] == "Grading X"
    assert [e["data"] for e in await events(db, "task-type:new")] == [{"task_type_id": created["id"]}]
    renamed = await gql("mutation($id: ID!) { updateTaskType(id: $id, input: {name: \"Grading Y\"}) { name } }",
                        {"id": created["id"]}, as_=admin)
    assert renamed["data"]["updateTaskType"] == {"name": "Grading Y"}
    others = await gql("""mutation {
        status: createTaskStatus(input: {name: "On hold X", shortName: "holdx", color: "#000000"}) { shortName }
        output: createOutputType(input: {name: "Cache X", shortName: "cachex"}) { id shortName } }""", as_=admin)
    assert others["data"]["status"] == {"shortName": "holdx"}
    assert len(await events(db, "task-status:new")) == 1 and len(await events(db, "output-type:new")) == 1
    deleted = await gql("mutation($id: ID!) { deleteOutputType(id: $id) }",
                        {"id": others["data"]["output"]["id"]}, as_=admin)
    assert deleted["data"]["deleteOutputType"] == others["data"]["output"]["id"]


async def test_metadata_descriptor_with_departments(gql, db, team, admin):
    dept = await make_department(db, name="MD Dept")
    query = """mutation($p: ID!, $d: ID!, $n: String) { createMetadataDescriptor(input: {projectId: $p,
        entityType: "Shot", name: $n, dataType: "string", departmentIds: [$d]}) {
        name fieldName departments { name } project { id } } }"""
    variables = {"p": str(team["project"]["id"]), "d": str(dept["id"]), "n": "Camera Lens (mm)"}
    refused = await gql(query, variables, as_=team["manager"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(query, variables, as_=admin)
    assert "errors" not in body, body
    assert body["data"]["createMetadataDescriptor"]["fieldName"] == "camera_lens_mm"
    assert body["data"]["createMetadataDescriptor"]["departments"] == [{"name": "MD Dept"}]
    [event] = await events(db, "metadata-descriptor:new")
    assert event["project_id"] == team["project"]["id"]
    missing = await gql(query, {**variables, "n": None}, as_=admin)
    assert missing["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert missing["errors"][0]["message"] == "name is required."
    assert len(await db.scalars(select(MetadataDescriptor.id))) == 1


async def test_search_filters_are_the_callers_own(gql, db, team):
    created = await gql("""mutation($p: ID!) {
        group: createSearchFilterGroup(input: {listType: "shot", name: "Mine", color: "#fff", projectId: $p}) {
            id isShared }
        filter: createSearchFilter(input: {listType: "shot", name: "Retakes", searchQuery: "retake",
                                           projectId: $p, isShared: true}) { id isShared personId } }""",
                        {"p": str(team["project"]["id"])}, as_=team["artist"])
    assert created["data"]["filter"]["isShared"] is False  # sharing is a manager's privilege
    assert created["data"]["filter"]["personId"] == str(team["artist"]["id"])
    filed = await gql("""mutation($id: ID!, $g: ID!) { updateSearchFilter(id: $id, input: {
        searchFilterGroupId: $g, name: "Retakes 2"}) { name group { name } } }""",
                      {"id": created["data"]["filter"]["id"], "g": created["data"]["group"]["id"]},
                      as_=team["artist"])
    assert filed["data"]["updateSearchFilter"] == {"name": "Retakes 2", "group": {"name": "Mine"}}
    stranger = await gql("mutation($id: ID!) { deleteSearchFilter(id: $id) }",
                         {"id": created["data"]["filter"]["id"]}, as_=team["manager"])
    assert stranger["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    shared = await gql("""mutation($p: ID!) { createSearchFilter(input: {listType: "shot", name: "Team",
        searchQuery: "x", projectId: $p, isShared: true}) { isShared } }""",
                       {"p": str(team["project"]["id"])}, as_=team["manager"])
    assert shared["data"]["createSearchFilter"] == {"isShared": True}
    gone = await gql("mutation($id: ID!) { deleteSearchFilterGroup(id: $id) }",
                     {"id": created["data"]["group"]["id"]}, as_=team["artist"])
    assert gone["data"]["deleteSearchFilterGroup"] == created["data"]["group"]["id"]
    mine = await gql("{ me { searchFilters { name } searchFilterGroups { name } } }", as_=team["artist"])
    assert mine["data"]["me"] == {"searchFilters": [], "searchFilterGroups": []}


async def test_budgets_and_entries(gql, db, team):
    dept = await make_department(db, name="Budget Dept")
    budget = (await gql("""mutation($p: ID!) { createBudget(projectId: $p, input: {name: "B1"}) {
        id name revision currency } }""", {"p": str(team["project"]["id"])}, as_=team["manager"]))["data"]
    assert budget["createBudget"]["revision"] == 1 and budget["createBudget"]["currency"] == "USD"
    bid = budget["createBudget"]["id"]
    entry = (await gql("""mutation($b: ID!, $d: ID!) { createBudgetEntry(budgetId: $b, input: {departmentId: $d,
        startDate: "2026-01-01", monthsDuration: 3, dailySalary: 300, position: "artist", seniority: "mid"}) {
        id dailySalary monthsDuration department { name } } }""", {"b": bid, "d": str(dept["id"])},
                       as_=team["manager"]))["data"]["createBudgetEntry"]
    assert entry["dailySalary"] == 300.0 and entry["department"] == {"name": "Budget Dept"}
    changed = await gql("""mutation($id: ID!) { updateBudgetEntry(id: $id, input: {monthsDuration: 5}) {
        monthsDuration dailySalary startDate position } }""", {"id": entry["id"]}, as_=team["manager"])
    assert changed["data"]["updateBudgetEntry"] == {"monthsDuration": 5, "dailySalary": 300.0,
                                                    "startDate": "2026-01-01", "position": "artist"}
    assert len(await events(db, "budget:create")) == 1
    assert len(await events(db, "budget-entry:create")) == 1 and len(await events(db, "budget-entry:update")) == 1
    refused = await gql("mutation($id: ID!) { deleteBudget(id: $id) }", {"id": bid}, as_=team["artist"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert len(await db.scalars(select(Budget.id).where(Budget.project_id == team["project"]["id"]))) == 1
    gone = await gql("mutation($id: ID!) { deleteBudget(id: $id) }", {"id": bid}, as_=team["manager"])
    assert gone["data"]["deleteBudget"] == bid
    assert len(await events(db, "budget:delete")) == 1


async def test_set_shot_casting(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"], name="SH100")
    hero = await make_asset(db, project=team["project"], name="Hero")
    prop = await make_asset(db, project=team["project"], name="Prop")
    body = await gql("""mutation($s: ID!, $c: [CastingInput!]!) { setShotCasting(shotId: $s, casting: $c) {
        name nbEntitiesOut casting { nbOccurences label asset { name } } } }""",
                     {"s": str(shot["id"]), "c": [{"assetId": str(hero["id"]), "nbOccurences": 2, "label": "fg"},
                                                  {"assetId": str(prop["id"])}]}, as_=team["manager"])
    assert "errors" not in body, body
    cast = body["data"]["setShotCasting"]
    assert cast["nbEntitiesOut"] == 2
    assert sorted((c["asset"]["name"], c["nbOccurences"], c["label"]) for c in cast["casting"]) == [
        ("Hero", 2, "fg"), ("Prop", 1, "")]
    assert len(await events(db, "entity-link:new")) == 2
    [update] = await events(db, "shot:casting-update")
    assert update["data"]["shot_id"] == str(shot["id"]) and update["data"]["nb_entities_out"] == 2
    refused = await gql("""mutation($s: ID!) { setShotCasting(shotId: $s, casting: []) { id } }""",
                        {"s": str(shot["id"])}, as_=team["artist"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert len(await db.scalars(select(EntityLink.id).where(EntityLink.entity_in_id == shot["id"]))) == 2


async def test_set_time_spent(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"])
    task = await make_task(db, entity=shot, assignees=[team["artist"]])
    query = """mutation($t: ID!, $p: ID!) { setTimeSpent(taskId: $t, personId: $p, date: "2026-01-05",
        duration: 90) { duration date person { firstName } task { duration } } }"""
    body = await gql(query, {"t": str(task["id"]), "p": str(team["artist"]["id"])}, as_=team["artist"])
    assert body["data"]["setTimeSpent"] == {"duration": 90.0, "date": "2026-01-05", "person": {"firstName": "Art"},
                                            "task": {"duration": 90.0}}
    assert len(await events(db, "time-spent:new")) == 1 and len(await events(db, "task:update")) == 1
    refused = await gql(query, {"t": str(task["id"]), "p": str(team["manager"]["id"])}, as_=team["artist"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    rows = await db.scalars(select(TimeSpent.date).where(TimeSpent.task_id == task["id"]))
    assert rows == [date(2026, 1, 5)]


async def test_removing_or_canceling_a_cast_asset_refreshes_the_shots_casting(gql, db, team):
    shot = await make_shot(db, project=team["project"], sequence=team["sequence"], name="SH200")
    hero = await make_asset(db, project=team["project"], name="Hero2")
    prop = await make_asset(db, project=team["project"], name="Prop2")
    await make_task(db, entity=prop)
    await gql("""mutation($s: ID!, $c: [CastingInput!]!) { setShotCasting(shotId: $s, casting: $c) { id } }""",
              {"s": str(shot["id"]), "c": [{"assetId": str(hero["id"])}, {"assetId": str(prop["id"])}]},
              as_=team["manager"])
    query = "mutation($id: ID!) { deleteAsset(id: $id) }"
    await gql(query, {"id": str(prop["id"])}, as_=team["manager"])  # has a task: canceled
    assert await db.scalars(select(Entity.nb_entities_out).where(Entity.id == shot["id"])) == [1]
    await gql(query, {"id": str(hero["id"])}, as_=team["manager"])
    assert await db.scalars(select(Entity.nb_entities_out).where(Entity.id == shot["id"])) == [0]
    assert await db.scalars(select(Entity.id).where(Entity.id == hero["id"])) == []
    updates = [e["data"] for e in await events(db, "shot:casting-update")]
    assert [u["nb_entities_out"] for u in updates] == [2, 1, 0]
    assert len(await events(db, "asset:update")) == 1 and len(await events(db, "asset:delete")) == 1

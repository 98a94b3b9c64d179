"""`/api/data/<model>[/<id>]` through HTTP: Zou's shapes, filters, pages, writes, errors, events, the
statement count of lists, per-role permissions, and the answers compared with the real Zou's."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from domain.tables import (ApiEvent, DepartmentLink, Entity, EntityType, EntityVersion, ProjectPersonLink, TaskStatus,
                           TaskType)
from zou_crud_scenario import differences, load_answers, load_cases, play  # noqa: I001 - tests/rest_compat
from factories import (
    add_to_team, auth_headers, closed_status_id, entity_type, make_asset, make_day_off, make_department,
    make_entity_type, make_episode, make_metadata_descriptor, make_person, make_project, make_sequence, make_shot,
    make_task, make_task_status, make_task_type, make_time_spent,
)

NIL = "00000000-0000-4000-8000-000000000000"
NOT_FOUND = ("404 Not Found: The requested URL was not found on the server. If you entered the URL manually "
             "please check your spelling and try again.")
FORBIDDEN = ("You don't have the permission to access the requested resource. It is either read-protected or "
             "not readable by the server.")


@pytest.fixture
async def admin(db):
    return await make_person(db, role="admin")


@pytest.fixture
def as_(settings):
    return lambda person: auth_headers(settings, person)


@pytest.fixture
async def api(client, admin, as_):
    """An HTTP client acting as an admin: `await api.get("/data/task-types")`."""

    class Api:
        async def request(self, method, path, *, who=None, **kwargs):
            headers = {**as_(who or admin), **kwargs.pop("headers", {})}
            return await client.request(method, "/api" + path, headers=headers, **kwargs)

        async def get(self, path, **kw):
            return await self.request("GET", path, **kw)

        async def post(self, path, body=None, **kw):
            return await self.request("POST", path, json=body, **kw)

        async def put(self, path, body=None, **kw):
            return await self.request("PUT", path, json=body, **kw)

        async def delete(self, path, **kw):
            return await self.request("DELETE", path, **kw)

    return Api()


async def events_named(db, name: str) -> list[dict]:
    return [dict(r) for r in await db.rows(select(ApiEvent.__table__).where(ApiEvent.name == name))]


# --- reads -----------------------------------------------------------------------------------------------

async def test_unauthenticated_requests_get_zous_401(client):
    r = await client.get("/api/data/task-types")
    assert r.status_code == 401 and "msg" in r.json()


async def test_unknown_model_is_404(api):
    r = await api.get("/data/no-such-models")
    assert r.status_code == 404 and r.json()["message"] == NOT_FOUND


async def test_list_without_query_string_is_a_plain_array_of_typed_rows(api, db):
    tt = await make_task_type(db, name="Crud List TT")
    r = await api.get("/data/task-types")
    assert r.status_code == 200
    row = next(t for t in r.json() if t["id"] == str(tt["id"]))
    assert row["type"] == "TaskType" and row["name"] == "Crud List TT"
    assert row["created_at"].count(":") == 2 and "." not in row["created_at"]


async def test_trailing_slash_is_accepted(api):
    assert (await api.get("/data/task-status/")).status_code == 200


async def test_paginated_envelope(api, db):
    for i in range(3):
        await make_department(db, name=f"Crud Page {i}")
    r = await api.get("/data/departments?name=Crud Page%25&page=2&limit=2")
    body = r.json()
    assert {k: body[k] for k in ("total", "nb_pages", "limit", "offset", "page")} == {
        "total": 3, "nb_pages": 2, "limit": 2, "offset": 2, "page": 2}
    assert len(body["data"]) == 1 and body["data"][0]["type"] == "Department"


async def test_page_and_limit_errors(api):
    assert (await api.get("/data/departments?page=x")).json()["message"] == "page must be an integer."
    assert (await api.get("/data/departments?limit=x")).json()["message"] == "limit must be an integer."
    r = await api.get("/data/departments?page=1&limit=-3")
    assert r.status_code == 400 and r.json() == {"error": True, "message": "limit must be a positive integer.",
                                                 "data": None}


async def test_limit_zero_means_the_default(api):
    r = await api.get("/data/departments?page=1&limit=0")
    assert r.json()["limit"] == 100


async def test_fields_keeps_id_and_type(api, db):
    await make_department(db, name="Crud Fields")
    r = await api.get("/data/departments?name=Crud Fields&fields=name,nope")
    assert r.json() == [{"id": r.json()[0]["id"], "type": "Department", "name": "Crud Fields"}]


async def test_relations_adds_collection_id_lists(api, db, admin):
    project = await make_project(db, team=[admin])
    plain = (await api.get(f"/data/projects?id={project['id']}")).json()[0]
    assert "team" not in plain
    full = (await api.get(f"/data/projects?id={project['id']}&relations=true")).json()[0]
    assert full["team"] == [str(admin["id"])] and full["task_types"] == []


async def test_cast_error_on_a_filter_has_no_data_key(api):
    r = await api.get("/data/task-types?priority=high")
    assert r.status_code == 400
    assert r.json() == {"error": True, "message": "One of the provided values has an invalid format."}


async def test_read_one_has_relations_unless_turned_off(api, db, admin):
    project = await make_project(db, team=[admin])
    r = await api.get(f"/data/projects/{project['id']}")
    assert r.json()["team"] == [str(admin["id"])] and r.json()["project_status_name"] == "Open"
    r = await api.get(f"/data/projects/{project['id']}?relations=false")
    assert "team" not in r.json() and "descriptors" not in r.json()
    assert r.json()["project_status_name"] == "Open"


async def test_malformed_and_unknown_ids(api):
    r = await api.get("/data/task-types/abc")
    assert r.status_code == 400 and r.json() == {"error": True, "message": "Malformed ID.", "data": None}
    r = await api.get(f"/data/task-types/{NIL}")
    assert r.status_code == 404 and r.json() == {"error": True, "message": NOT_FOUND}
    assert (await api.get("/data/output-types/abc")).status_code == 404  # Zou's own read route


async def test_organisation_kitsu_is_created_on_first_list(api, db):
    from domain.tables import Organisation

    await db.execute(Organisation.__table__.delete())
    r = await api.get("/data/organisations")
    assert [o["name"] for o in r.json()] == ["Kitsu"]
    assert r.json()[0]["hours_by_day"] == 8.0


async def test_person_rows_never_carry_secrets(api, db):
    person = await make_person(db)
    for r in [await api.get(f"/data/persons?id={person['id']}&relations=true"),
              await api.get(f"/data/persons/{person['id']}")]:
        row = r.json()[0] if isinstance(r.json(), list) else r.json()
        assert "password" not in row and "totp_secret" not in row and "jti" not in row
        assert row["full_name"] == f"Jane {person['last_name']}"


async def test_admin_may_ask_for_password_hashes(api, db):
    person = await make_person(db)
    row = (await api.get(f"/data/persons?id={person['id']}&with_pass_hash=true")).json()[0]
    assert row["password"].startswith("$2")


async def test_list_statement_count_does_not_grow_with_rows(api, db, count_sql):
    """Auth plus one statement (two with a page, one more for the collections), at 3 rows as at 50."""
    async def counted(path):
        with count_sql() as c:
            r = await api.get(path)
        assert r.status_code == 200
        return c

    for i in range(3):
        await make_project(db, name=f"Crud Count {i}", team=[await make_person(db)])
    small = [await counted(p) for p in ("/data/projects?name=Crud Count%25",
                                        "/data/projects?name=Crud Count%25&page=1&limit=100",
                                        "/data/projects?name=Crud Count%25&relations=true")]
    for i in range(3, 50):
        await make_project(db, name=f"Crud Count {i}", team=[await make_person(db)])
    large = [await counted(p) for p in ("/data/projects?name=Crud Count%25",
                                        "/data/projects?name=Crud Count%25&page=1&limit=100",
                                        "/data/projects?name=Crud Count%25&relations=true")]
    assert [c.count for c in small] == [c.count for c in large]
    reads = [[s for s in c.statements if "FROM project " in s or "FROM project\n" in s] for c in large]
    assert [len(r) for r in reads] == [1, 2, 1]
    # the project's six collections in one statement
    assert large[2].count - large[0].count == 1
    assert sum(s.count("UNION ALL") for s in large[2].statements) == 5


# --- writes ----------------------------------------------------------------------------------------------

async def test_create_answers_201_with_relations_and_drops_the_id(api, db):
    r = await api.post("/data/projects", {"name": "Crud Create", "id": NIL, "created_at": "2001-01-01"})
    assert r.status_code == 201
    body = r.json()
    assert body["id"] != NIL and body["created_at"] != "2001-01-01T00:00:00"
    assert body["team"] == [] and body["type"] == "Project" and body["production_style"] == "2d3d"


async def test_create_rejects_unknown_keys_without_writing(api, db):
    r = await api.post("/data/departments", {"name": "Crud Unknown", "color": "#000000", "foo": 1})
    assert r.status_code == 400 and r.json() == {"message": "'foo' is an invalid keyword argument for Department"}
    assert (await api.get("/data/departments?name=Crud Unknown")).json() == []


async def test_create_body_errors(api):
    r = await api.request("POST", "/data/departments", content=b"null", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["message"].startswith("Data are empty.")
    r = await api.request("POST", "/data/departments", content=b"name=x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and r.json()["error"] is True
    r = await api.post("/data/departments", {"name": "Crud no colour"})
    assert r.status_code == 400 and r.json() == {"message": "A required field is missing."}


async def test_a_failed_write_leaves_nothing_half_written(api, db):
    """Creating a default status first clears the current default: the refused insert undoes that too."""
    default = await make_task_status(db, is_default=True, for_concept=False)
    r = await api.post("/data/task-status", {"name": "Crud Default", "color": "#000000", "is_default": True})
    assert r.status_code == 400 and r.json() == {"message": "A required field is missing."}
    flags = await db.scalars(select(TaskStatus.is_default).where(TaskStatus.id == default["id"]))
    assert flags == [True]
    assert await db.scalars(select(TaskStatus.id).where(TaskStatus.name == "Crud Default")) == []


async def test_create_records_an_event(api, db, admin):
    r = await api.post("/data/task-types", {"name": "Crud Event TT", "for_entity": "Shot"})
    events = [e for e in await events_named(db, "task-type:new") if e["data"]["task_type_id"] == r.json()["id"]]
    assert len(events) == 1 and events[0]["user_id"] == admin["id"]


async def test_update_drops_protected_fields_and_ignores_unknown_keys(api, db):
    project = await make_project(db)
    other = await make_project(db)
    descriptor = await make_metadata_descriptor(db, project=project)
    r = await api.put(f"/data/metadata-descriptors/{descriptor['id']}",
                      {"project_id": str(other["id"]), "id": NIL, "name": "Renamed", "colour": "red"})
    assert r.status_code == 200
    assert r.json()["project_id"] == str(project["id"]) and r.json()["name"] == "Renamed"
    assert r.json()["departments"] == []


async def test_update_truncates_a_datetime_sent_for_a_date(api, db):
    project = await make_project(db)
    r = await api.put(f"/data/projects/{project['id']}", {"start_date": "2026-05-01T10:00:00"})
    assert r.json()["start_date"] == "2026-05-01" and "team" not in r.json()


async def test_update_rejects_a_malformed_date(api, db):
    project = await make_project(db)
    r = await api.put(f"/data/projects/{project['id']}", {"end_date": "2026-04-"})
    assert r.status_code == 400
    assert r.json()["message"] == ("Invalid date format for 'end_date': '2026-04-'. Expected an ISO 8601 date or "
                                   "datetime.")


async def test_update_of_a_collection_replaces_it(api, db, admin):
    department = await make_department(db)
    person = await make_person(db, departments=[department])
    other = await make_department(db)
    r = await api.put(f"/data/persons/{person['id']}", {"departments": [str(other["id"])]})
    assert r.json()["departments"] == [str(other["id"])]
    links = await db.scalars(select(DepartmentLink.department_id).where(DepartmentLink.person_id == person["id"]))
    assert links == [other["id"]]


async def test_update_records_an_event_with_the_project(api, db):
    project = await make_project(db)
    descriptor = await make_metadata_descriptor(db, project=project)
    await api.put(f"/data/metadata-descriptors/{descriptor['id']}", {"for_client": True})
    events = await events_named(db, "metadata-descriptor:update")
    assert events[-1]["data"] == {"metadata_descriptor_id": str(descriptor["id"]), "project_id": str(project["id"])}
    assert events[-1]["project_id"] == project["id"]


async def test_delete_answers_204_and_records_an_event(api, db):
    department = await make_department(db)
    r = await api.delete(f"/data/departments/{department['id']}")
    assert r.status_code == 204 and r.content == b""
    assert (await api.get(f"/data/departments/{department['id']}")).status_code == 404
    assert [e["data"] for e in await events_named(db, "department:delete")] == [
        {"department_id": str(department["id"])}]


async def test_delete_of_a_referenced_row_is_refused(api, db):
    department = await make_department(db)
    await make_task_type(db, department=department)
    r = await api.delete(f"/data/departments/{department['id']}")
    assert r.status_code == 400 and r.json() == {"message": "The change conflicts with records referencing this one."}
    assert (await api.get(f"/data/departments/{department['id']}")).status_code == 200


# --- model rules -----------------------------------------------------------------------------------------

async def test_task_type_names_are_unique_regardless_of_case(api, db):
    await make_task_type(db, name="Crud Unique")
    r = await api.post("/data/task-types", {"name": "CRUD unique", "for_entity": "Asset"})
    assert r.status_code == 400 and r.json()["message"] == "A task type with similar name already exists"


async def test_task_type_attached_to_a_project_needs_force(api, db):
    task_type = await make_task_type(db)
    await make_project(db, task_types=[task_type])
    r = await api.delete(f"/data/task-types/{task_type['id']}")
    assert r.json()["message"] == ("Task type is attached to projects. Re-issue the request with force=true to "
                                   "detach.")
    assert (await api.delete(f"/data/task-types/{task_type['id']}?force=true")).status_code == 204
    assert await db.scalars(select(TaskType.id).where(TaskType.id == task_type["id"])) == []


async def test_tvshow_creation_makes_episode_e01(api, db):
    r = await api.post("/data/projects", {"name": "Crud Show", "production_type": "tvshow"})
    episode_id = r.json()["first_episode_id"]
    names = await db.scalars(select(Entity.name).where(Entity.id == uuid.UUID(episode_id)))
    assert names == ["E01"]
    assert (await api.get(f"/data/projects/{r.json()['id']}")).json()["first_episode_id"] == episode_id
    assert len(await events_named(db, "episode:new")) == 1


async def test_project_read_one_extras(api, db):
    task_type = await make_task_type(db)
    status = await make_task_status(db)
    project = await make_project(db, task_types=[task_type], task_statuses=[status])
    await make_metadata_descriptor(db, project=project, name="Crud Field")
    body = (await api.get(f"/data/projects/{project['id']}")).json()
    assert [d["name"] for d in body["descriptors"]] == ["Crud Field"]
    assert body["task_types_priority"] == {str(task_type["id"]): None}
    assert set(body["task_type_links"][str(task_type["id"])]) == {
        "priority", "hd_bitrate_compression", "ld_bitrate_compression", "is_client_visible"}
    assert body["task_statuses_link"][str(status["id"])]["roles_for_board"] == [
        "user", "admin", "supervisor", "manager", "vendor"]


async def test_only_closed_projects_can_be_deleted_and_this_is_checked_first(api, db):
    user = await make_person(db)
    project = await make_project(db)
    r = await api.delete(f"/data/projects/{project['id']}", who=user)
    assert r.status_code == 400 and r.json() == {"error": True, "message": "Only closed projects can be deleted"}
    closed = await make_project(db, closed=True)
    assert (await api.delete(f"/data/projects/{closed['id']}", who=user)).status_code == 403
    assert (await api.delete(f"/data/projects/{closed['id']}")).status_code == 204


async def test_forced_delete_of_a_closed_project_removes_its_contents(api, db, admin):
    project = await make_project(db, closed=True, team=[admin])
    shot = await make_shot(db, project=project, sequence=await make_sequence(db, project=project))
    task = await make_task(db, entity=shot, assignees=[admin])
    await make_time_spent(db, task=task, person=admin)
    await make_metadata_descriptor(db, project=project)
    assert (await api.delete(f"/data/projects/{project['id']}")).status_code == 400
    assert (await api.delete(f"/data/projects/{project['id']}?force=true")).status_code == 204
    assert await db.scalars(select(Entity.id).where(Entity.project_id == project["id"])) == []


async def test_project_update_cannot_change_the_team(api, db, admin):
    project = await make_project(db, team=[admin])
    await api.put(f"/data/projects/{project['id']}", {"team": []})
    team = await db.scalars(select(ProjectPersonLink.person_id).where(ProjectPersonLink.project_id == project["id"]))
    assert team == [admin["id"]]


async def test_entities_are_typed_by_their_base_type(api, db):
    project = await make_project(db)
    shot = await make_shot(db, project=project)
    asset = await make_asset(db, project=project)
    rows = {r["id"]: r["type"] for r in (await api.get(f"/data/entities?project_id={project['id']}")).json()}
    assert rows == {str(shot["id"]): "Shot", str(asset["id"]): "Asset"}
    assert (await api.get(f"/data/entities/{shot['id']}")).json()["type"] == "Shot"


async def test_entity_create_sets_the_creator_and_emits_a_typed_event(api, db, admin):
    project = await make_project(db)
    character = await make_entity_type(db)
    r = await api.post("/data/entities", {"name": "Crud Hero", "project_id": str(project["id"]),
                                          "entity_type_id": str(character["id"]), "created_by": NIL})
    assert r.status_code == 201 and r.json()["type"] == "Entity"
    assert r.json()["created_by"] == str(admin["id"]) and r.json()["entities_out"] == []
    assert [e["data"]["asset_id"] for e in await events_named(db, "asset:new")] == [r.json()["id"]]


async def test_entity_update_merges_data_and_records_a_shot_version(api, db):
    project = await make_project(db)
    shot = await make_shot(db, project=project, data={"frame_in": 1, "keep": "me"})
    r = await api.put(f"/data/entities/{shot['id']}", {"data": {"frame_in": 5}, "project_id": NIL})
    assert r.json()["data"] == {"frame_in": 5, "keep": "me"} and r.json()["type"] == "Shot"
    assert r.json()["project_id"] == str(project["id"]) and "entities_out" in r.json()
    versions = await db.scalars(select(EntityVersion.name).where(EntityVersion.entity_id == shot["id"]))
    assert versions == [shot["name"]]


async def test_entity_rename_into_an_existing_one_is_refused(api, db):
    project = await make_project(db)
    kind = await make_entity_type(db)
    await make_asset(db, project=project, asset_type=kind, name="Crud Taken")
    other = await make_asset(db, project=project, asset_type=kind)
    r = await api.put(f"/data/entities/{other['id']}", {"name": "Crud Taken"})
    assert r.status_code == 400 and "The combination of these fields must be unique." in r.json()["message"]


async def test_entity_delete_removes_its_casting_links(api, db):
    project = await make_project(db)
    shot = await make_shot(db, project=project)
    asset = await make_asset(db, project=project)
    link = (await api.post("/data/entity-links", {"entity_in_id": str(shot["id"]),
                                                   "entity_out_id": str(asset["id"])})).json()
    assert (await api.delete(f"/data/entities/{asset['id']}")).status_code == 204
    assert (await api.get(f"/data/entity-links/{link['id']}")).status_code == 404


async def test_task_create_checks_the_entity_type_and_leaves_project_empty(api, db):
    project = await make_project(db)
    shot = await make_shot(db, project=project)
    asset = await make_asset(db, project=project)
    shot_type = await make_task_type(db, for_entity="Shot")
    asset_type = await make_task_type(db, for_entity="Asset")
    r = await api.post("/data/tasks", {"task_type_id": str(shot_type["id"]), "entity_id": str(asset["id"])})
    assert r.json() == {"error": True, "message": "Task type of the task does not match entity type."}
    r = await api.post("/data/tasks", {"task_type_id": str(asset_type["id"]), "entity_id": str(asset["id"])})
    assert r.status_code == 201 and r.json()["name"] == "main" and r.json()["project_id"] is None
    assert r.json()["assignees"] == []
    r = await api.post("/data/tasks", {"task_type_id": str(shot_type["id"]), "entity_id": str(shot["id"]),
                                       "assignees": "x"})
    assert r.json()["message"] == "assignees must be a list."
    r = await api.post("/data/tasks", {"task_type_id": str(shot_type["id"]), "entity_id": NIL})
    assert r.status_code == 404


async def test_task_update_merges_data_and_announces_assignee_changes(api, db):
    ann, bob = await make_person(db), await make_person(db)
    project = await make_project(db, team=[ann, bob])
    task = await make_task(db, entity=await make_shot(db, project=project), assignees=[ann], data={"a": 1})
    r = await api.put(f"/data/tasks/{task['id']}", {"data": {"b": 2}, "assignees": [str(bob["id"])]})
    assert r.json()["data"] == {"a": 1, "b": 2} and "assignees" not in r.json()
    assert [e["data"]["person_id"] for e in await events_named(db, "task:assign")] == [str(bob["id"])]
    assert [e["data"]["person_id"] for e in await events_named(db, "task:unassign")] == [str(ann["id"])]


async def test_task_difficulty_must_be_between_1_and_5(api, db):
    task = await make_task(db, entity=await make_shot(db, project=await make_project(db)))
    r = await api.put(f"/data/tasks/{task['id']}", {"difficulty": 9})
    assert r.status_code == 400 and r.json() == {"message": "The data conflicts with database integrity rules."}


async def test_tasks_of_an_episode(api, db):
    project = await make_project(db)
    episode = await make_episode(db, project=project)
    in_episode = await make_task(db, entity=await make_shot(db, project=project, sequence=await make_sequence(
        db, project=project, episode=episode)))
    await make_task(db, entity=await make_shot(db, project=project, sequence=await make_sequence(db, project=project)))
    r = await api.get(f"/data/tasks?episode_id={episode['id']}")
    assert [t["id"] for t in r.json()] == [str(in_episode["id"])]
    assert (await api.get("/data/tasks?episode_id=nope")).json()["message"] == "Invalid UUID format for episode_id: nope"


async def test_time_spent_writes_recompute_the_task_duration(api, db, admin):
    task = await make_task(db, entity=await make_shot(db, project=await make_project(db)), assignees=[admin])
    r = await api.post("/data/time-spents", {"task_id": str(task["id"]), "person_id": str(admin["id"]),
                                             "date": "2026-03-02", "duration": 90})
    assert r.status_code == 201
    assert (await api.get(f"/data/tasks/{task['id']}")).json()["duration"] == 90.0
    assert (await api.delete(f"/data/time-spents/{r.json()['id']}")).status_code == 204
    assert (await api.get(f"/data/tasks/{task['id']}")).json()["duration"] == 0.0
    assert len([e for e in await events_named(db, "task:update")]) == 2


async def test_time_spent_list_by_date_range(api, db, admin):
    task = await make_task(db, entity=await make_shot(db, project=await make_project(db)))
    from datetime import date

    await make_time_spent(db, task=task, person=admin, day=date(2026, 3, 2))
    await make_time_spent(db, task=task, person=admin, day=date(2026, 4, 2))
    r = await api.get(f"/data/time-spents?task_id={task['id']}&start_date=2026-03-01&end_date=2026-03-31")
    assert [t["date"] for t in r.json()] == ["2026-03-02"]
    r = await api.get(f"/data/time-spents?task_id={task['id']}&start_date=2026-03-01")
    assert r.status_code == 400 and "both a `start_date` and an `end_date`" in r.json()["message"]


async def test_day_off_creation_removes_covered_time_spents(api, db, admin):
    from datetime import date

    task = await make_task(db, entity=await make_shot(db, project=await make_project(db)))
    await make_time_spent(db, task=task, person=admin, day=date(2026, 7, 2))
    kept = await make_time_spent(db, task=task, person=admin, day=date(2026, 7, 9))
    r = await api.post("/data/day-offs", {"person_id": str(admin["id"]), "date": "2026-07-01",
                                          "end_date": "2026-07-03"})
    assert r.status_code == 201
    left = (await api.get(f"/data/time-spents?task_id={task['id']}")).json()
    assert [t["id"] for t in left] == [str(kept["id"])]
    r = await api.post("/data/day-offs", {"person_id": str(admin["id"]), "date": "2026-07-03",
                                          "end_date": "2026-07-04"})
    assert r.json()["message"] == "Day off already exists for this period"


async def test_salary_scales_are_filled_in_and_cannot_be_created(api, db):
    department = await make_department(db)
    rows = (await api.get("/data/salary-scales")).json()
    mine = [r for r in rows if r["department_id"] == str(department["id"])]
    assert len(mine) == 9 and {r["salary"] for r in mine} == {0}
    r = await api.post("/data/salary-scales", {"department_id": str(department["id"])})
    assert r.status_code == 400 and r.json()["message"] == "Salary scales cannot be created"


async def test_bot_creation_answers_a_working_token(api, client, db):
    r = await api.post("/data/persons", {"first_name": "Crud", "last_name": "Bot", "is_bot": True, "role": "admin"})
    token = r.json()["access_token"]
    me = await client.get("/api/data/task-types", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200


async def test_person_creation_validates_and_hashes(api, db):
    r = await api.post("/data/persons", {"first_name": "Crud", "last_name": "Person", "email": "Crud@Example.COM",
                                         "password": "longenough1", "country": "fr"})
    assert r.status_code == 201 and "password" not in r.json()
    assert r.json()["email"] == "Crud@example.com" and r.json()["country"] == "FR"
    assert r.json()["departments"] == [] and r.json()["timezone"] == "Europe/Paris"
    again = await api.post("/data/persons", {"first_name": "X", "last_name": "Y", "email": "Crud@example.com"})
    assert again.json() == {"error": True, "message": "Email already in use.", "data": None}
    r = await api.post("/data/persons", {"first_name": "X", "last_name": "Y", "email": "x@example.com",
                                         "expiration_date": "2001-01-01"})
    assert r.json()["message"] == "Expiration date can't be in the past."


async def test_person_delete_without_force_is_refused_while_linked(api, db, admin):
    person = await make_person(db)
    await make_project(db, team=[person])
    r = await api.delete(f"/data/persons/{person['id']}")
    assert r.status_code == 400 and r.json() == {"error": True,
                                                 "message": "Some data are still linked to given person."}
    assert (await api.delete(f"/data/persons/{person['id']}?force=true")).status_code == 204
    assert (await api.delete(f"/data/persons/{admin['id']}")).status_code == 403  # never oneself


async def test_static_paths_of_other_modules_win_over_an_id(client):
    from rest_compat import crud as crud_routes

    route = next(r for r in crud_routes.ROUTES if r.path == "/data/projects/{instance_id}")
    scope = {"type": "http", "path": "/data/projects/open", "method": "GET", "root_path": ""}
    crud_routes._static_paths.cache_clear()
    original = crud_routes._static_paths
    try:
        crud_routes._static_paths = lambda: frozenset({("projects", "open")})  # type: ignore[assignment]
        assert route.matches(scope)[0].name == "NONE"
        assert route.matches({**scope, "path": f"/data/projects/{NIL}"})[0].name == "FULL"
        assert route.matches({**scope, "path": "/data/projects/not-an-id"})[0].name == "FULL"
    finally:
        crud_routes._static_paths = original



# --- permissions and visibility --------------------------------------------------------------------------

async def test_reference_models_are_readable_by_all_and_written_by_admins(api, db):
    user = await make_person(db)
    task_type = await make_task_type(db)
    assert (await api.get("/data/task-types", who=user)).status_code == 200
    assert (await api.get(f"/data/task-types/{task_type['id']}", who=user)).status_code == 200
    r = await api.post("/data/task-types", {"name": "Crud Nope"}, who=user)
    assert r.status_code == 403 and r.json() == {"error": True, "message": FORBIDDEN}
    assert (await api.put(f"/data/task-types/{task_type['id']}", {"color": "#000000"}, who=user)).status_code == 403
    assert (await api.delete(f"/data/task-types/{task_type['id']}", who=user)).status_code == 403


async def test_admin_only_models(api, db):
    user = await make_person(db)
    for model in ("search-filter-groups", "entity-links", "news", "budgets", "budget-entries", "salary-scales",
                  "time-spents", "day-offs"):
        assert (await api.get(f"/data/{model}", who=user)).status_code == 403, model


async def test_non_admins_list_the_open_projects_of_their_teams(api, db):
    user = await make_person(db)
    mine = await make_project(db, team=[user])
    await make_project(db, team=[user], closed=True)
    other = await make_project(db)
    assert [p["id"] for p in (await api.get("/data/projects", who=user)).json()] == [str(mine["id"])]
    assert [p["id"] for p in (await api.get("/data/projects?relations=true", who=user)).json()] == [str(mine["id"])]
    assert (await api.get(f"/data/projects/{other['id']}", who=user)).status_code == 403


async def test_project_update_needs_manager_access(api, db):
    user, manager = await make_person(db), await make_person(db, role="manager")
    teammgr = await make_person(db)
    project = await make_project(db, team=[user, manager, (teammgr, "manager")])
    assert (await api.put(f"/data/projects/{project['id']}", {"fps": "24"}, who=user)).status_code == 403
    assert (await api.put(f"/data/projects/{project['id']}", {"fps": "24"}, who=manager)).status_code == 200
    assert (await api.put(f"/data/projects/{project['id']}", {"fps": "30"}, who=teammgr)).json()["fps"] == "30"


async def test_person_shapes_per_role(api, db):
    department = await make_department(db)
    person = await make_person(db, departments=[department], phone="0102")
    user, manager = await make_person(db), await make_person(db, role="manager")
    minimal = {"id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "departments",
               "studio_id", "role", "desktop_login", "is_bot"}
    row = (await api.get(f"/data/persons?id={person['id']}", who=user)).json()[0]
    assert set(row) == minimal and row["departments"] == []
    row = (await api.get(f"/data/persons?id={person['id']}&relations=true", who=user)).json()[0]
    assert row["departments"] == [str(department["id"])]
    assert set((await api.get(f"/data/persons/{person['id']}", who=user)).json()) == minimal
    full = (await api.get(f"/data/persons/{person['id']}", who=manager)).json()
    assert full["phone"] == "0102" and "password" not in full
    r = await api.get("/data/persons?phone=0102", who=user)
    assert r.status_code == 400 and r.json()["message"] == "Filtering on phone is not allowed."
    assert (await api.get(f"/data/persons?email={person['email']}", who=user)).json()[0]["id"] == str(person["id"])


async def test_clients_see_only_their_teammates(api, db):
    client_person = await make_person(db, role="client")
    mate, stranger = await make_person(db), await make_person(db)
    await make_project(db, team=[client_person, mate])
    ids = {p["id"] for p in (await api.get("/data/persons", who=client_person)).json()}
    assert ids == {str(client_person["id"]), str(mate["id"])}
    one = (await api.get(f"/data/persons/{mate['id']}", who=client_person)).json()
    assert set(one) == {"id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "role", "is_bot"}
    assert (await api.get(f"/data/persons/{stranger['id']}", who=client_person)).status_code == 403


async def test_persons_update_themselves_but_not_their_role(api, db):
    user, other = await make_person(db), await make_person(db)
    r = await api.put(f"/data/persons/{user['id']}", {"phone": "0607", "role": "admin", "active": False}, who=user)
    assert r.status_code == 200 and r.json()["role"] == "user" and r.json()["active"] is True
    assert r.json()["phone"] == "0607"
    assert (await api.put(f"/data/persons/{other['id']}", {"phone": "1"}, who=user)).status_code == 403


async def test_organisation_chat_tokens_are_admin_only(api, db):
    user = await make_person(db)
    row = (await api.get("/data/organisations", who=user)).json()[0]
    assert "chat_token_slack" not in row and "hours_by_day" in row
    assert "chat_token_slack" in (await api.get("/data/organisations")).json()[0]
    r = await api.get("/data/organisations?chat_token_slack=x", who=user)
    assert r.json()["message"] == "Filtering on chat_token_slack is not allowed."
    org = (await api.get("/data/organisations")).json()[0]
    r = await api.put(f"/data/organisations/{org['id']}", {"hours_by_day": "many"})
    assert r.json()["message"] == "hours_by_day must be a number."
    assert (await api.put(f"/data/organisations/{org['id']}", {"hours_by_day": "7.5"})).json()["hours_by_day"] == 7.5


async def test_vendors_see_entities_of_projects_where_they_have_work(api, db):
    vendor = await make_person(db, role="vendor")
    busy = await make_project(db, team=[vendor])
    idle = await make_project(db, team=[vendor])
    shot = await make_shot(db, project=busy)
    other_shot = await make_shot(db, project=busy)
    await make_shot(db, project=idle)
    await make_task(db, entity=shot, assignees=[vendor])
    listed = {e["id"] for e in (await api.get("/data/entities", who=vendor)).json()}
    assert listed == {str(shot["id"]), str(other_shot["id"])}
    assert (await api.get(f"/data/entities/{shot['id']}", who=vendor)).status_code == 200
    assert (await api.get(f"/data/entities/{other_shot['id']}", who=vendor)).status_code == 403


async def test_entity_creation_needs_manager_access_on_the_body_project(api, db):
    user = await make_person(db)
    project = await make_project(db, team=[user])
    kind = await make_entity_type(db)
    body = {"name": "Crud Ent", "project_id": str(project["id"]), "entity_type_id": str(kind["id"])}
    assert (await api.post("/data/entities", body, who=user)).status_code == 403
    r = await api.post("/data/entities", {"name": "x"}, who=user)
    assert r.status_code == 400 and r.json() == {"message": "'project_id'"}


async def test_supervisors_update_only_descriptor_data_of_their_departments(api, db):
    department, elsewhere = await make_department(db), await make_department(db)
    supervisor = await make_person(db, role="supervisor", departments=[department])
    project = await make_project(db, team=[supervisor])
    await make_metadata_descriptor(db, project=project, entity_type="Shot", field_name="crud_lens",
                                   departments=[department])
    await make_metadata_descriptor(db, project=project, entity_type="Shot", field_name="crud_other",
                                   departments=[elsewhere])
    shot = await make_shot(db, project=project)
    path = f"/data/entities/{shot['id']}"
    assert (await api.put(path, {"data": {"crud_lens": "35mm"}}, who=supervisor)).status_code == 200
    assert (await api.put(path, {"data": {"crud_other": "x"}}, who=supervisor)).status_code == 403
    assert (await api.put(path, {"name": "renamed"}, who=supervisor)).status_code == 403


async def test_creators_may_delete_their_entities(api, db):
    user = await make_person(db)
    project = await make_project(db, team=[user])
    mine = await make_asset(db, project=project, created_by=user)
    theirs = await make_asset(db, project=project)
    assert (await api.delete(f"/data/entities/{theirs['id']}", who=user)).status_code == 403
    assert (await api.delete(f"/data/entities/{mine['id']}", who=user)).status_code == 204


async def test_task_visibility_per_role(api, db):
    user, vendor = await make_person(db), await make_person(db, role="vendor")
    client_person = await make_person(db, role="client")
    project = await make_project(db, team=[user, vendor, client_person])
    shot = await make_shot(db, project=project)
    assigned = await make_task(db, entity=shot, assignees=[vendor], estimation=5.0)
    other = await make_task(db, entity=shot, task_type=await make_task_type(db))
    await make_task(db, entity=await make_shot(db, project=await make_project(db)))
    seen = {t["id"] for t in (await api.get(f"/data/tasks?entity_id={shot['id']}", who=user)).json()}
    assert seen == {str(assigned["id"]), str(other["id"])}
    assert {t["id"] for t in (await api.get("/data/tasks", who=vendor)).json()} == {str(assigned["id"])}
    blank = (await api.get(f"/data/tasks/{assigned['id']}", who=client_person)).json()
    assert blank["estimation"] == 0 and blank["assignees"] == [] and blank["difficulty"] is None
    assert (await api.get(f"/data/tasks/{other['id']}", who=vendor)).status_code == 200  # same entity
    assert len((await api.get("/data/tasks?relations=true", who=client_person)).json()) == 2


async def test_any_user_may_create_a_task(api, db):
    user = await make_person(db)
    shot = await make_shot(db, project=await make_project(db))
    task_type = await make_task_type(db, for_entity="Shot")
    r = await api.post("/data/tasks", {"task_type_id": str(task_type["id"]), "entity_id": str(shot["id"])}, who=user)
    assert r.status_code == 201


async def test_supervisors_update_a_few_task_fields_of_their_department(api, db):
    department = await make_department(db)
    supervisor = await make_person(db, role="supervisor", departments=[department])
    project = await make_project(db, team=[supervisor])
    shot = await make_shot(db, project=project)
    task = await make_task(db, entity=shot, task_type=await make_task_type(db, department=department))
    foreign = await make_task(db, entity=shot, task_type=await make_task_type(db, department=await make_department(db)))
    assert (await api.put(f"/data/tasks/{task['id']}", {"priority": 3}, who=supervisor)).status_code == 200
    assert (await api.put(f"/data/tasks/{task['id']}", {"name": "x"}, who=supervisor)).status_code == 403
    assert (await api.put(f"/data/tasks/{foreign['id']}", {"priority": 3}, who=supervisor)).status_code == 403
    assert (await api.delete(f"/data/tasks/{task['id']}", who=supervisor)).status_code == 403


async def test_descriptor_list_per_role_on_each_project(api, db):
    department = await make_department(db)
    client_person = await make_person(db, role="client")
    vendor = await make_person(db, role="vendor", departments=[department])
    project = await make_project(db, team=[client_person, vendor])
    public = await make_metadata_descriptor(db, project=project, for_client=True)
    theirs = await make_metadata_descriptor(db, project=project, departments=[department])
    other = await make_metadata_descriptor(db, project=project, departments=[await make_department(db)])
    await make_metadata_descriptor(db, project=await make_project(db))
    seen = {d["id"] for d in (await api.get("/data/metadata-descriptors", who=client_person)).json()}
    assert seen == {str(public["id"])}
    seen = {d["id"] for d in (await api.get("/data/metadata-descriptors", who=vendor)).json()}
    assert seen == {str(public["id"]), str(theirs["id"])}
    rows = (await api.get("/data/metadata-descriptors")).json()
    assert "departments" in rows[0]  # relations by default on this list
    assert str(other["id"]) in {d["id"] for d in rows}
    assert (await api.get(f"/data/metadata-descriptors/{public['id']}", who=client_person)).status_code == 403


async def test_day_off_rules(api, db, admin):
    department = await make_department(db)
    person = await make_person(db, departments=[department])
    manager = await make_person(db, role="manager")
    supervisor = await make_person(db, role="supervisor", departments=[department])
    outsider = await make_person(db)
    await make_project(db, team=[person, manager, supervisor])
    day_off = await make_day_off(db, person=person, description="family")
    path = f"/data/day-offs/{day_off['id']}"
    assert (await api.get(path, who=person)).json()["description"] == "family"
    assert (await api.get(path, who=manager)).json()["description"] == "family"
    assert "description" not in (await api.get(path, who=supervisor)).json()
    assert (await api.get(path, who=outsider)).status_code == 403
    r = await api.post("/data/day-offs", {"person_id": str(person["id"]), "date": "2030-01-01",
                                          "end_date": "2030-01-01"}, who=outsider)
    assert r.status_code == 403
    r = await api.post("/data/day-offs", {"person_id": str(outsider["id"]), "date": "2030-01-01",
                                          "end_date": "2030-01-01"}, who=outsider)
    assert r.status_code == 201
    mine = f"/data/day-offs/{r.json()['id']}"
    assert (await api.put(mine, {"person_id": str(person["id"])}, who=outsider)).status_code == 403
    assert (await api.put(mine, {"description": "trip"}, who=outsider)).status_code == 200
    assert (await api.delete(path, who=outsider)).status_code == 403
    assert (await api.delete(mine, who=outsider)).status_code == 204


async def test_time_spent_delete_needs_the_person_to_be_assigned(api, db, admin):
    artist = await make_person(db)
    task = await make_task(db, entity=await make_shot(db, project=await make_project(db)), assignees=[artist])
    logged = await make_time_spent(db, task=task, person=artist)
    stray = await make_time_spent(db, task=task, person=admin)
    assert (await api.delete(f"/data/time-spents/{stray['id']}")).status_code == 403  # even an admin
    assert (await api.delete(f"/data/time-spents/{logged['id']}", who=artist)).status_code == 204


async def test_vendors_may_not_list_working_files(api, db):
    vendor = await make_person(db, role="vendor")
    assert (await api.get("/data/working-files", who=vendor)).status_code == 403
    assert (await api.get("/data/working-files", who=await make_person(db))).status_code == 200


async def test_add_to_team_makes_a_project_visible(api, db):
    user = await make_person(db)
    project = await make_project(db)
    assert (await api.get(f"/data/projects/{project['id']}", who=user)).status_code == 403
    await add_to_team(db, project, user)
    assert (await api.get(f"/data/projects/{project['id']}", who=user)).status_code == 200


# --- the same questions to the real Zou 1.0.97 -----------------------------------------------------------

# Where Zou 1.0.97 crashes or leaks Python internals, TrackQL answers the refusal its spec recommends: deleting
# a closed project that api_event rows still reference is an unhandled IntegrityError (500) there, the FK 400
# here; a PUT of JSON null on an entity is a TypeError (500) there; a JSON array posted as a row is a 400 whose
# message is a Python TypeError text there.
DATA_EMPTY_BODY = {"error": True, "data": None, "message": "Data are empty. Please verify that you sent JSON data and "
                   "that you set the right headers."}
KNOWN_DIFFERENCES = {
    "entities: update, JSON null": (400, DATA_EMPTY_BODY),
    "departments: create, JSON array": (400, DATA_EMPTY_BODY),
    "projects: delete a closed project": (400, {"message": "The change conflicts with records referencing this one."}),
    "projects: delete a closed project that has an episode": (
        400, {"message": "The change conflicts with records referencing this one."}),
}
ZOU_CHECKED_MODELS = ("task-types", "task-status", "departments", "projects", "persons", "entities", "tasks",
                      "day-offs", "output-types", "search-filter-groups", "metadata-descriptors", "entity-links")


def test_zou_answers_cover_every_model_and_error_kind():
    answers = load_answers()
    assert [a["name"] for a in answers] == [c["name"] for c in load_cases()]
    for model in ZOU_CHECKED_MODELS:
        mine = [a for a in answers if a["path"].startswith(f"/data/{model}")]
        statuses = {a["status"] for a in mine}
        assert {200, 400, 404, 415} <= statuses, model
        assert 201 in statuses and 204 in statuses, model
        kinds = {a["name"].split(": ", 1)[1] for a in mine}
        assert {"std read one, malformed id", "std read one, unknown id", "std create, empty object",
                "std create, unknown key only", "std create, not JSON (415)"} <= kinds, model


async def test_same_status_codes_and_keys_as_zou(client, db, settings):
    """tests/fixtures/zou/crud/cases.json played here as against Zou (answers.json, made by capture.py)."""
    me = await make_person(db, role="admin")
    found = await db.rows(select(EntityType.__table__).where(EntityType.name == "Character"))
    character = dict(found[0]) if found else await make_entity_type(db, name="Character")
    state = {"me": {"id": str(me["id"])}, "asset_type": {"id": str(character["id"])},
             "shot_type": {"id": str((await entity_type(db, "Shot"))["id"])},
             "sequence_type": {"id": str((await entity_type(db, "Sequence"))["id"])},
             "closed_status": str(await closed_status_id(db))}
    headers = auth_headers(settings, me)

    async def send(method, path, **kwargs):
        return await client.request(method, "/api" + path, headers={**headers, **kwargs.pop("headers", {})},
                                    **kwargs)

    answers = await play(load_cases(), send, state)
    zou_answers = {a["name"]: a for a in load_answers()}
    differing = {}
    for answer in answers:
        if answer["name"] in KNOWN_DIFFERENCES:
            assert (answer["status"], answer.get("body")) == KNOWN_DIFFERENCES[answer["name"]]
            continue
        found = differences(zou_answers[answer["name"]], answer)
        if found:
            differing[answer["name"]] = found
    assert differing == {}


# --- bad input is a 4xx, never a 500 ---------------------------------------------------------------------

ODD_VALUES = ["x", 12345, [], {"a": 1}, True, "2026-13-45", "y" * 300]
ODD_FILTERS = ["x", "", "[1]", '["x"]', '{"a": 1}', "2026-13-45", "[", "null"]


async def test_odd_values_in_bodies_and_filters_are_never_500(api, db):
    from resolvers.crud import model_routes
    from domain.crud_models import MODELS

    failures = []
    for route in model_routes():
        columns = [c for c in MODELS[route].attribute_names() if c not in ("id", "created_at", "updated_at")]
        for i, column in enumerate(sorted(columns)):
            value = ODD_VALUES[i % len(ODD_VALUES)]
            r = await api.post(f"/data/{route}", {column: value})
            if r.status_code >= 500:
                failures.append(("POST", route, column, value, r.status_code))
            raw = ODD_FILTERS[i % len(ODD_FILTERS)]
            r = await api.get(f"/data/{route}", params={column: raw})
            if r.status_code >= 500:
                failures.append(("GET", route, column, raw, r.status_code))
    assert failures == []


async def test_odd_values_in_updates_are_never_500(api, db, admin):
    project = await make_project(db, team=[admin])
    shot = await make_shot(db, project=project)
    rows = {"projects": project, "entities": shot, "tasks": await make_task(db, entity=shot),
            "persons": await make_person(db), "task-types": await make_task_type(db),
            "departments": await make_department(db), "metadata-descriptors": await make_metadata_descriptor(
                db, project=project), "day-offs": await make_day_off(db, person=admin)}
    from domain.crud_models import MODELS

    failures = []
    for route, row in rows.items():
        columns = sorted(c for c in MODELS[route].attribute_names() if c not in ("id", "created_at", "updated_at"))
        for shift in (0, 3):  # each column gets two of the odd values
            for i, column in enumerate(columns):
                value = ODD_VALUES[(i + shift) % len(ODD_VALUES)]
                r = await api.put(f"/data/{route}/{row['id']}", {column: value})
                if r.status_code >= 500:
                    failures.append((route, column, value, r.status_code))
    assert failures == []

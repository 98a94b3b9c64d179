"""`GET /data/user/context` against Zou 1.0.97's answers (spec user-context.md)."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from domain.tables import (DepartmentLink, DepartmentMetadataDescriptorLink, Entity, EntityType, MetadataDescriptor,
                           Notification, Plugin, Project, ProjectStatus, ProjectTaskTypeLink, SearchFilter,
                           SearchFilterGroup, TaskTypeAssetTypeLink)
from tests.team_world import _existing_or_new, _insert, make_person, team_world

KEYS = {"asset_types", "custom_actions", "status_automations", "departments", "studios", "notification_count",
        "persons", "project_status", "project_roles", "projects", "task_types", "task_status", "search_filters",
        "search_filter_groups", "preview_background_files", "plugins"}
MINIMAL = {"id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "departments", "studio_id",
           "role", "desktop_login", "is_bot"}
CLIENT = {"id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "role", "is_bot"}


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


async def context(client, w, who):
    r = await client.get("/api/data/user/context", headers=w.auth(who))
    assert r.status_code == 200, r.text
    return r.json()


async def test_keys_per_role(client, w):
    admin = await context(client, w, "admin")
    assert set(admin) == KEYS | {"user_limit"} and admin["user_limit"] == 100
    for who in ("manager", "user", "client", "vendor", "super"):
        assert set(await context(client, w, who)) == KEYS


async def test_needs_a_person_token(client, w, db):
    r = await client.get("/api/data/user/context")
    assert r.status_code == 401
    w.people["bot"] = await make_person(db, "Some", "Bot", is_bot=True)
    r = await client.get("/api/data/user/context", headers=w.auth("bot"))
    assert r.status_code == 403


async def test_persons_shape_follows_the_global_role(client, w, db):
    guest = await make_person(db, "Guest", "Viewer", is_guest=True)
    admin = await context(client, w, "admin")
    ids = {p["id"] for p in admin["persons"]}
    assert str(guest) not in ids and str(w.people["outsider"]) in ids
    full = next(p for p in admin["persons"] if p["id"] == str(w.people["super"]))
    assert full["type"] == "Person" and full["full_name"] == "TB Super" and full["email"] == "tb.super@example.com"
    assert full["departments"] == [str(w.animation_dep)] and "password" not in full and "jti" not in full
    assert set((await context(client, w, "manager"))["persons"][0]) == set(full)
    user_view = await context(client, w, "user")
    assert all(set(p) == MINIMAL for p in user_view["persons"])
    assert len(user_view["persons"]) == len(admin["persons"])
    client_view = await context(client, w, "client")
    assert all(set(p) == CLIENT for p in client_view["persons"])
    names = [p["full_name"] for p in client_view["persons"]]
    assert names == sorted(names)
    assert {p["id"] for p in client_view["persons"]} == {
        str(w.people[k]) for k in ("manager", "teammgr", "user", "super", "client", "vendor")}


async def test_projects_are_the_open_ones_of_the_team(client, w, db):
    closed = (await db.scalars(select(ProjectStatus.id).where(ProjectStatus.name == "Closed")))[0]
    await db.execute(update(Project.__table__).where(Project.id == w.project2).values(project_status_id=closed))
    admin = await context(client, w, "admin")
    assert [p["name"] for p in admin["projects"]] == ["TB Film"]
    assert [p["name"] for p in (await context(client, w, "user"))["projects"]] == ["TB Film"]
    assert (await context(client, w, "outsider"))["projects"] == []
    project = admin["projects"][0]
    assert project["type"] == "Project" and "project_status_name" not in project
    assert set(project["team"]) == {str(w.people[k]) for k in ("manager", "teammgr", "user", "super", "client",
                                                                 "vendor")}
    for key in ("asset_types", "task_statuses", "task_types", "status_automations", "preview_background_files"):
        assert project[key] == []
    assert "first_episode_id" not in project


async def test_project_extras(client, w, db):
    await _insert(db, ProjectTaskTypeLink, project_id=w.project, task_type_id=w.animation, priority=4)
    plain = await _insert(db, MetadataDescriptor, project_id=w.project, entity_type="Shot", name="difficulty",
                          field_name="difficulty", for_client=False, choices=[])
    shown = await _insert(db, MetadataDescriptor, project_id=w.project, entity_type="Shot", name="client note",
                          field_name="client_note", for_client=True)
    modeling = await _insert(db, MetadataDescriptor, project_id=w.project, entity_type="Shot", name="mod",
                             field_name="mod")
    await _insert(db, DepartmentMetadataDescriptorLink, metadata_descriptor_id=modeling, department_id=w.modeling_dep)
    project = (await context(client, w, "manager"))["projects"][0]
    assert project["task_types"] == [str(w.animation)]
    assert project["task_type_links"] == {str(w.animation): {
        "priority": 4, "hd_bitrate_compression": None, "ld_bitrate_compression": None, "is_client_visible": True}}
    assert project["task_types_priority"] == {str(w.animation): 4}
    assert project["task_statuses_link"] == {}
    by_name = {d["field_name"]: d for d in project["descriptors"]}
    assert set(by_name) == {"difficulty", "client_note", "mod"}
    assert by_name["mod"]["departments"] == [str(w.modeling_dep)]
    assert set(by_name["difficulty"]) == {"id", "name", "field_name", "data_type", "choices", "for_client",
                                          "entity_type", "task_type_id", "position", "departments"}
    client_view = (await context(client, w, "client"))["projects"][0]
    assert [d["id"] for d in client_view["descriptors"]] == [str(shown)]
    vendor_view = (await context(client, w, "vendor"))["projects"][0]  # vendor in no department
    assert {d["id"] for d in vendor_view["descriptors"]} == {str(plain), str(shown)}
    await _insert(db, DepartmentLink, person_id=w.people["vendor"], department_id=w.modeling_dep)
    vendor_view = (await context(client, w, "vendor"))["projects"][0]
    assert {d["id"] for d in vendor_view["descriptors"]} == {str(plain), str(shown), str(modeling)}


async def test_project_roles_and_descriptors_follow_the_role_held_there(client, w, db):
    from domain.tables import ProjectPersonLink
    await db.execute(update(ProjectPersonLink.__table__).where(
        ProjectPersonLink.person_id == w.people["user"], ProjectPersonLink.project_id == w.project).values(role="client"))
    await _insert(db, MetadataDescriptor, project_id=w.project, entity_type="Shot", name="internal",
                  field_name="internal", for_client=False)
    view = await context(client, w, "user")
    assert view["project_roles"] == {str(w.project): "client"}
    assert view["projects"][0]["descriptors"] == []  # a client on this production
    assert all(set(p) == MINIMAL for p in view["persons"])  # but globally an artist
    assert (await context(client, w, "teammgr"))["project_roles"] == {str(w.project): "manager"}
    assert (await context(client, w, "manager"))["project_roles"] == {}


async def test_tv_show_gets_its_first_episode(client, w, db):
    await db.execute(update(Project.__table__).where(Project.id == w.project).values(production_type="tvshow"))
    episode_type = await _existing_or_new(db, EntityType, {"name": "Episode"})
    ids = {}
    for name, status in (("E02", "running"), ("E01", "canceled"), ("E03", "running")):
        ids[name] = await _insert(db, Entity, name=name, project_id=w.project, entity_type_id=episode_type,
                                  status=status, is_shared=False)
    project = (await context(client, w, "user"))["projects"][0]
    assert project["first_episode_id"] == str(ids["E02"])


async def test_saved_filters_grouped_and_scoped(client, w, db):
    def filt(name, person, **extra):
        return _insert(db, SearchFilter, list_type=extra.pop("list_type", "shot"), name=name, search_query="q",
                       person_id=w.people[person], is_shared=extra.pop("is_shared", False), **extra)
    await filt("mine", "user", project_id=w.project)
    await filt("mine everywhere", "user")
    await filt("someone else's", "manager")
    await filt("shared", "manager", is_shared=True, list_type="asset", project_id=w.project)
    await filt("shared for modeling", "manager", is_shared=True, department_id=w.modeling_dep)
    await filt("shared for animation", "manager", is_shared=True, department_id=w.animation_dep)
    await _insert(db, SearchFilterGroup, list_type="shot", name="group", color="#ff0000", person_id=w.people["user"],
                  is_shared=False)
    view = await context(client, w, "user")
    names = {lt: {p: sorted(f["name"] for f in fs) for p, fs in by.items()} for lt, by in view["search_filters"].items()}
    assert names == {"shot": {str(w.project): ["mine"], "all": ["mine everywhere"]},
                     "asset": {str(w.project): ["shared"]}}
    assert view["search_filters"]["shot"]["all"][0]["type"] == "SearchFilter"
    assert [g["name"] for g in view["search_filter_groups"]["shot"]["all"]] == ["group"]
    supervisor = await context(client, w, "super")  # in Animation
    assert sorted(f["name"] for f in supervisor["search_filters"]["shot"]["all"]) == ["shared for animation"]
    manager = await context(client, w, "manager")  # managers see every department's shared filters
    assert sorted(f["name"] for f in manager["search_filters"]["shot"]["all"]) == [
        "shared for animation", "shared for modeling", "someone else's"]


async def test_studio_lists(client, w, db):
    prop = await _insert(db, EntityType, name="TB Prop")
    await _insert(db, TaskTypeAssetTypeLink, asset_type_id=prop, task_type_id=w.animation)
    await _insert(db, Plugin, plugin_id="tb", name="TB plugin", version="1.0", maintainer_name="me", license="MIT")
    for _ in range(2):
        await _insert(db, Notification, read=False, change=False, type="comment", person_id=w.people["user"],
                      author_id=w.people["manager"])
    await _insert(db, Notification, read=True, change=False, type="comment", person_id=w.people["user"],
                  author_id=w.people["manager"])
    view = await context(client, w, "user")
    assert view["notification_count"] == 2
    names = {a["name"]: a for a in view["asset_types"]}
    assert "Shot" not in names and "Sequence" not in names
    assert names["TB Prop"]["task_types"] == [str(w.animation)] and names["TB Prop"]["type"] == "AssetType"
    assert view["plugins"] == [{"id": view["plugins"][0]["id"], "plugin_id": "tb", "name": "TB plugin",
                                "description": None, "version": "1.0", "maintainer_name": "me",
                                "maintainer_email": None, "frontend_project_enabled": None,
                                "frontend_studio_enabled": None, "icon": None}]
    task_type_names = {t["name"] for t in view["task_types"]}
    assert "Animation" in task_type_names and all(t["type"] == "TaskType" for t in view["task_types"])
    assert {s["name"] for s in view["project_status"]} >= {"Open", "Closed"}
    assert all(d["type"] == "Department" for d in view["departments"])
    assert all(s["type"] == "TaskStatus" for s in view["task_status"])


async def test_statement_count_does_not_grow_with_projects(client, w, db, count_sql):
    from domain.tables import ProjectPersonLink
    open_id = (await db.scalars(select(ProjectStatus.id).where(ProjectStatus.name == "Open")))[0]

    async def add_project(i):
        project = await _insert(db, Project, name=f"P{i}", production_type="tvshow", production_style="2d3d",
                                project_status_id=open_id, revision_padding=0)
        await _insert(db, ProjectPersonLink, project_id=project, person_id=w.people["user"])
        await _insert(db, MetadataDescriptor, project_id=project, entity_type="Shot", name="d", field_name="d")
        await _insert(db, ProjectTaskTypeLink, project_id=project, task_type_id=w.animation, priority=1)

    await add_project(0)
    with count_sql() as small:
        await context(client, w, "user")
    for i in range(1, 16):
        await add_project(i)
    with count_sql() as large:
        view = await context(client, w, "user")
    assert len(view["projects"]) == 17
    assert large.count == small.count

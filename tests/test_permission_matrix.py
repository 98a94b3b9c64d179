"""The permission matrix (resolvers/permissions.py) walked whole: every row of the table (REST operations and
GraphQL root fields) with every role, in one production world, each request inside a savepoint rolled back
afterwards. A role the row's rule lets through must not be refused (401/403, nor a 500); a role it refuses
gets exactly the rule's status (GraphQL: the matching error code).

    .venv/bin/python -m resolvers.permissions    # prints the number of rows and of (operation, role) cases
"""
from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest
from graphql import Undefined, get_named_type, is_leaf_type, is_non_null_type
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from domain import tokens
from domain.db import Db
from domain.tables import (Budget, BudgetEntry, Comment, DayOff, DepartmentLink, Entity, EntityLink, EntityType,
                           FileStatus, MetadataDescriptor, News, Organisation, OutputType, PreviewFile, Project,
                           ProjectStatus, SalaryScale, SearchFilter, SearchFilterGroup, Software, TimeSpent,
                           WorkingFile)
from gateway.app import create_app
from gateway.settings import Settings
from resolvers.permissions import MATRIX_ROLES, OPERATIONS, graphql_key, matrix_size, rest_key
from tests.team_world import World, _existing_or_new, _insert, team_world

ROLE_PEOPLE = {"admin": "admin", "manager": "manager", "supervisor": "super", "user": "user",
               "outsider": "outsider", "client": "client", "vendor": "vendor", "team_manager": "teammgr",
               "outside_manager": "outmgr"}
GRAPHQL_CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}
REFUSALS = ("UNAUTHENTICATED", "FORBIDDEN", "INTERNAL_SERVER_ERROR")
DAY = "2026-01-05"
CASES = [(key, role) for key in sorted(OPERATIONS) for role in MATRIX_ROLES]


# --- the world ---------------------------------------------------------------------------------------------

async def matrix_world(db, settings) -> World:
    """team_world, plus one row of every model a route reads, in the production (or of `user`)."""
    w = await team_world(db, settings)
    ids, people = w.ids, w.people
    await _insert(db, DepartmentLink, person_id=people["user"], department_id=ids["animation_dep"])
    ep_type = await _existing_or_new(db, EntityType, {"name": "Episode"})
    scene_type = await _existing_or_new(db, EntityType, {"name": "Scene"})
    edit_type = await _existing_or_new(db, EntityType, {"name": "Edit"})
    ids["asset_type"] = await _existing_or_new(db, EntityType, {"name": "Props"})
    ids["episode"] = await _insert(db, Entity, name="E01", project_id=ids["project"], entity_type_id=ep_type,
                                   status="running", is_shared=False)
    ids["scene"] = await _insert(db, Entity, name="SC01", project_id=ids["project"], entity_type_id=scene_type,
                                 parent_id=ids["seq"], status="running", is_shared=False)
    ids["edit"] = await _insert(db, Entity, name="ED01", project_id=ids["project"], entity_type_id=edit_type,
                                parent_id=ids["episode"], status="running", is_shared=False)
    ids["asset"] = await _insert(db, Entity, name="Chair", project_id=ids["project"],
                                 entity_type_id=ids["asset_type"], status="running", is_shared=False)
    ids["entity_link"] = await _insert(db, EntityLink, entity_in_id=ids["sh2"], entity_out_id=ids["asset"],
                                       nb_occurences=1)
    closed = await _existing_or_new(db, ProjectStatus, {"name": "Closed"}, color="#000000")
    ids["closed_project"] = await _insert(db, Project, name="TB Closed", production_type="featurefilm",
                                          production_style="2d3d", project_status_id=closed, revision_padding=0)
    found = await db.scalars(select(Organisation.id).limit(1))
    ids["organisation"] = found[0] if found else await _insert(db, Organisation, name="TB studio", hours_by_day=8)
    ids["file_status"] = await _existing_or_new(db, FileStatus, {"name": "TB status"}, color="#000000")
    ids["software"] = await _insert(db, Software, name="TB soft", short_name="tbs", file_extension="tbs")
    ids["output_type"] = await _insert(db, OutputType, name="TB out", short_name="tbo")
    ids["day_off"] = await _insert(db, DayOff, date=date(2026, 2, 2), end_date=date(2026, 2, 3),
                                   person_id=people["user"], description="rest")
    ids["filter_group"] = await _insert(db, SearchFilterGroup, list_type="shots", name="TB group", color="#000000",
                                        person_id=people["user"], project_id=ids["project"], is_shared=False)
    ids["descriptor"] = await _insert(db, MetadataDescriptor, project_id=ids["project"], entity_type="Shot",
                                      name="Look", field_name="look", choices=[], for_client=False)
    ids["budget"] = await _insert(db, Budget, project_id=ids["project"], revision=1, name="B1", currency="USD")
    ids["budget_entry"] = await _insert(db, BudgetEntry, budget_id=ids["budget"], department_id=ids["animation_dep"],
                                        start_date=date(2026, 1, 1), months_duration=2, daily_salary=100.0,
                                        exceptions={})
    ids["salary_scale"] = await _insert(db, SalaryScale, department_id=ids["animation_dep"], position="artist",
                                        seniority="junior", salary=0)
    ids["preview"] = await _insert(db, PreviewFile, name="v1", revision=1, task_id=ids["t2"], status="ready",
                                   validation_status="neutral", extension="mp4", is_movie=True)
    ids["working_file"] = await _insert(db, WorkingFile, name="wf", revision=1, task_id=ids["t2"],
                                        entity_id=ids["sh2"], person_id=people["user"])
    comment = await _insert(db, Comment, object_id=ids["t2"], object_type="Task", person_id=people["user"],
                            text="hi", task_status_id=ids["wip"])
    ids["news"] = await _insert(db, News, change=False, author_id=people["user"], task_id=ids["t2"],
                                comment_id=comment)
    ids["search_filter"] = await _insert(db, SearchFilter, list_type="shots", name="TB search", search_query="x",
                                         person_id=people["user"], is_shared=False)
    ids["time_spent"] = await _insert(db, TimeSpent, duration=60.0, date=date(2026, 1, 5), task_id=ids["t2"],
                                      person_id=people["user"])
    return w


# The row of each /data/<model>/{instance_id} route (persons: read and deleted `outsider`, updated `user`).
INSTANCES = {
    "task-types": "animation", "task-status": "wip", "departments": "animation_dep", "file-status": "file_status",
    "softwares": "software", "output-types": "output_type", "entity-types": "asset_type", "day-offs": "day_off",
    "search-filter-groups": "filter_group", "metadata-descriptors": "descriptor", "entity-links": "entity_link",
    "projects": "project", "entities": "sh2", "tasks": "t2", "time-spents": "time_spent", "budgets": "budget",
    "budget-entries": "budget_entry", "salary-scales": "salary_scale", "preview-files": "preview",
    "working-files": "working_file", "news": "news", "organisations": "organisation",
}
PATH_IDS = {"project_id": "project", "entity_id": "sh2", "shot_id": "sh2", "sequence_id": "seq",
            "episode_id": "episode", "asset_type_id": "asset_type", "scene_id": "scene", "edit_id": "edit",
            "preview_id": "preview", "task_id": "t2", "budget_id": "budget", "entry_id": "budget_entry"}
PROJECT_QUERY = ("/data/shots/with-tasks", "/data/assets/with-tasks", "/data/sequences/with-tasks",
                 "/data/edits/with-tasks", "/data/shots", "/data/shots/all")
EMAIL_QUERY = ("/auth/email-otp", "/auth/fido")
# An allowed caller's answer when it is not a 2xx: the row's documented non-permission answer.
ALLOWED_ANSWERS = {
    "GET /auth/fido": 400,  # FIDO not enabled for that person
    "GET /movies/originals/preview-files/{preview_id}.mp4": 404,  # the world stores no movie file
}


def rest_request(w: World, key: str) -> tuple[str, str, dict[str, Any] | None]:
    method, path = key.split(" ", 1)
    model = re.fullmatch(r"/data/([a-z-]+)/\{instance_id\}", path)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name == "instance_id":
            route = model.group(1) if model else ""
            if route == "persons":
                return str(w.people["user" if method == "PUT" else "outsider"])
            if route == "projects" and method == "DELETE":
                return str(w.ids["closed_project"])  # an open one is refused to everyone first (400)
            return str(w.ids[INSTANCES[route]])
        if name == "person_id":
            return str(w.people["user"])
        if name == "date":
            return DAY
        return str(w.ids[PATH_IDS[name]])

    url = "/api" + re.sub(r"\{([a-z_]+)\}", fill, path)
    if path in PROJECT_QUERY:
        url += f"?project_id={w.project}"
    if path in EMAIL_QUERY and method == "GET":
        url += "?email=tb.user@example.com"
    return method, url, None if method in ("GET", "DELETE") else rest_body(w, key)


def rest_body(w: World, key: str) -> dict[str, Any]:
    """A plausible body: what an allowed caller sends (the answer may still be a 400 on some rows)."""
    ids, people = w.ids, w.people
    bodies = {
        "POST /data/projects/{project_id}/shots": {"name": "SH999", "sequence_id": str(ids["seq"])},
        "PUT /data/shots/{shot_id}": {"description": "changed"},
        "PUT /data/projects/{project_id}/entities/{entity_id}/casting": [
            {"asset_id": str(ids["asset"]), "nb_occurences": 1}],
        "POST /data/projects/{project_id}/budgets": {"name": "B2"},
        "PUT /data/projects/{project_id}/budgets/{budget_id}": {"name": "B1b"},
        "POST /data/projects/{project_id}/budgets/{budget_id}/entries": {
            "department_id": str(ids["animation_dep"]), "start_date": "2026-01-01", "months_duration": 1,
            "daily_salary": 10},
        "PUT /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}": {
            "department_id": str(ids["animation_dep"]), "start_date": "2026-01-01", "months_duration": 1,
            "daily_salary": 10},
        "POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}": {"duration": 30},
        "POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}/add": {"duration": 30},
        "POST /data/entities": {"name": "X", "project_id": str(ids["project"]),
                                "entity_type_id": str(ids["asset_type"])},
        "PUT /data/entities/{instance_id}": {"description": "changed"},
        "PUT /data/tasks/{instance_id}": {"priority": 2},
        "POST /data/tasks": {"task_type_id": str(ids["animation"]), "entity_id": str(ids["sh1"]), "name": "extra",
                             "project_id": str(ids["project"]), "task_status_id": str(ids["wip"])},
        "PUT /data/persons/{instance_id}": {"phone": "0123"},
        "POST /data/day-offs": {"person_id": str(people["user"]), "date": "2026-03-02", "end_date": "2026-03-03"},
        "PUT /data/day-offs/{instance_id}": {"description": "changed"},
        "PUT /data/preview-files/{instance_id}": {"position": 2},
        "PUT /data/working-files/{instance_id}": {"comment": "changed"},
        "PUT /data/projects/{instance_id}": {"description": "changed"},
        "POST /actions/persons/{person_id}/api-token": {"read_only": True},
    }
    return bodies.get(key, {"name": "TB changed"})


# --- GraphQL -----------------------------------------------------------------------------------------------

def graphql_ids(w: World) -> dict[str, Any]:
    ids = w.ids
    by_field = {
        "project": ids["project"], "entity": ids["sh2"], "episode": ids["episode"], "sequence": ids["seq"],
        "shot": ids["sh2"], "scene": ids["scene"], "edit": ids["edit"], "asset": ids["asset"], "task": ids["t2"],
        "taskType": ids["animation"], "taskStatus": ids["wip"], "person": w.people["outsider"],
    }
    for kind, key in (("Episode", "episode"), ("Sequence", "seq"), ("Shot", "sh2"), ("Scene", "scene"),
                      ("Edit", "edit"), ("Asset", "asset"), ("Task", "t2"), ("TaskType", "animation"),
                      ("TaskStatus", "wip"), ("OutputType", "output_type"), ("MetadataDescriptor", "descriptor"),
                      ("SearchFilterGroup", "filter_group"), ("SearchFilter", "search_filter"), ("Budget", "budget"), ("BudgetEntry", "budget_entry")):
        by_field[f"update{kind}"] = by_field[f"delete{kind}"] = ids[key]
    return {k: str(v) for k, v in by_field.items()}


def graphql_args(w: World, field: str) -> dict[str, Any]:
    ids, people = w.ids, w.people
    project = str(ids["project"])
    entity = {"projectId": project, "name": "NEW1"}
    args: dict[str, dict[str, Any]] = {
        "createEpisode": {"input": entity}, "createEdit": {"input": entity},
        "createSequence": {"input": entity},
        "createShot": {"input": {**entity, "sequenceId": str(ids["seq"])}},
        "createScene": {"input": {**entity, "sequenceId": str(ids["seq"])}},
        "createAsset": {"input": {**entity, "assetTypeId": str(ids["asset_type"])}},
        "createTask": {"input": {"entityId": str(ids["sh2"]), "taskTypeId": str(ids["animation"]), "name": "extra"}},
        "updateTask": {"input": {"priority": 2}},
        "createTaskType": {"input": {"name": "TB type", "forEntity": "Shot"}},
        "createTaskStatus": {"input": {"name": "TB st", "shortName": "tbst", "color": "#000000"}},
        "createOutputType": {"input": {"name": "TB out2", "shortName": "tbo2"}},
        "createMetadataDescriptor": {"input": {"projectId": project, "entityType": "Shot", "name": "Mood"}},
        "createSearchFilter": {"input": {"listType": "shots", "name": "f", "searchQuery": "x"}},
        "createSearchFilterGroup": {"input": {"listType": "shots", "name": "g", "color": "#000000"}},
        "createBudget": {"projectId": project, "input": {"name": "B2"}},
        "createBudgetEntry": {"budgetId": str(ids["budget"]), "input": {
            "departmentId": str(ids["animation_dep"]), "startDate": "2026-01-01", "monthsDuration": 1,
            "dailySalary": 10.0}},
        "setShotCasting": {"shotId": str(ids["sh2"]), "casting": [{"assetId": str(ids["asset"])}]},
        "login": {"email": "tb.user@example.com", "password": "wrong password"},
        "refreshToken": {"refreshToken": tokens.make_token(tokens.TokenConfig(w.secret), people["user"],
                                                           kind="refresh")}, "sendEmailOtp": {"email": "tb.user@example.com"},
        "enableTotp": {"totp": "000000"}, "enableEmailOtp": {"emailOtp": "000000"},
        "issueApiToken": {"personId": str(people["user"]), "readOnly": True},
        "setTimeSpent": {"taskId": str(ids["t2"]), "personId": str(people["user"]), "date": DAY, "duration": 30.0},
    }
    return args.get(field, {})


def graphql_request(schema, w: World, key: str) -> dict[str, Any]:
    """A document calling the root field `key` with every required argument (and those given above)."""
    parent, field = key.split(".", 1)
    root_type = schema._schema.get_type(parent)
    definition = root_type.fields[field]
    given = graphql_args(w, field)
    default_id = graphql_ids(w).get(field)
    variables: dict[str, Any] = {}
    for name, arg in definition.args.items():
        if name in given:
            variables[name] = given[name]
        elif name == "id" and default_id is not None:
            variables[name] = default_id
        elif is_non_null_type(arg.type) and arg.default_value is Undefined:
            variables[name] = {} if name == "input" else None
    declared = ", ".join(f"${n}: {definition.args[n].type}" for n in variables)
    passed = ", ".join(f"{n}: ${n}" for n in variables)
    selection = "" if is_leaf_type(get_named_type(definition.type)) else " { __typename }"
    keyword = "mutation" if parent == "Mutation" else "query"
    head = f"{keyword} M({declared})" if declared else keyword
    call = f"{field}({passed})" if passed else field
    return {"query": f"{head} {{ {call}{selection} }}", "variables": variables}


# --- fixtures ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
async def matrix(engine, tmp_path_factory):
    """One world per backend; each case runs in a savepoint of this connection, rolled back after it."""
    settings = Settings(database_url=str(engine.url), secret_key="test-secret-" + "x" * 32,
                        preview_folder=tmp_path_factory.mktemp("previews"))
    async with engine.connect() as conn:
        trans = await conn.begin()
        factory = async_sessionmaker(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False,
                                     autoflush=False)
        async with factory() as session:
            w = await matrix_world(Db(session), settings)
            await session.commit()
        app = create_app(settings, engine=engine, session_factory=factory)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver") as client:
            yield conn, client, w, app
        await trans.rollback()


def headers_for(w: World, role: str, *, kind: str = "access") -> dict[str, str]:
    if role == "anonymous":
        return {}
    token = tokens.make_token(tokens.TokenConfig(w.secret), w.people[ROLE_PEOPLE[role]], kind=kind)
    return {"Authorization": f"Bearer {token}"}


async def send(matrix, key: str, role: str) -> httpx.Response:
    conn, client, w, _ = matrix
    op = OPERATIONS[key]
    headers = headers_for(w, role, kind=op.rule.token)
    savepoint = await conn.begin_nested()
    try:
        if key.startswith(("Query.", "Mutation.")):
            from schema.schema import schema
            return await client.post("/graphql", json=graphql_request(schema, w, key), headers=headers)
        method, url, body = rest_request(w, key)
        return await client.request(method, url, json=body, headers=headers)
    finally:
        await savepoint.rollback()


# --- the matrix --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "role"), CASES, ids=[f"{k}|{r}" for k, r in CASES])
async def test_permission_matrix(matrix, key, role):
    op = OPERATIONS[key]
    refused = op.rule.status_for(role)
    response = await send(matrix, key, role)
    what = f"{key} as {role} (rule {op.rule.name})"
    if key.startswith(("Query.", "Mutation.")):
        assert response.status_code == 200, (what, response.text)
        field = key.split(".", 1)[1]
        codes = [e.get("extensions", {}).get("code") for e in response.json().get("errors") or []
                 if (e.get("path") or [None])[0] == field]
        if refused is None:
            assert not set(codes) & set(REFUSALS), (what, response.text)
            if key.startswith("Query."):
                assert not codes and response.json()["data"][field] is not None, (what, response.text)
        else:
            assert GRAPHQL_CODES[refused] in codes, (what, response.text)
        return
    if refused is None:
        assert response.status_code not in (401, 403) and response.status_code < 500, (what, response.text)
        if key in ALLOWED_ANSWERS:
            assert response.status_code == ALLOWED_ANSWERS[key], (what, response.status_code, response.text[:300])
        elif key.startswith("GET "):
            assert 200 <= response.status_code < 300, (what, response.status_code, response.text[:300])
    else:
        assert response.status_code == refused, (what, response.status_code, response.text[:300])


def test_every_route_and_root_field_has_a_row():
    from rest_compat.app import routes
    from schema.schema import schema

    served = {rest_key(m, r.path) for r in routes() for m in r.methods - {"HEAD"}}
    for root_type in (schema._schema.query_type, schema._schema.mutation_type, schema._schema.subscription_type):
        if root_type is not None:
            served |= {graphql_key(root_type.name, name) for name in root_type.fields}
    assert sorted(served - set(OPERATIONS)) == []  # operations nobody may call until they get a row
    assert sorted(set(OPERATIONS) - served) == []  # rows of operations that no longer exist


def test_the_matrix_walks_every_row_with_every_role():
    assert len(CASES) == matrix_size()["cases"] == len(OPERATIONS) * len(MATRIX_ROLES)


async def test_an_operation_without_a_row_is_refused(matrix):
    from starlette.applications import Starlette
    from starlette.responses import Response

    from resolvers.context import Context
    from rest_compat.routing import route

    conn, _, w, _ = matrix
    ran = []

    async def handler(request):
        ran.append(True)
        return Response("ran")

    async def with_context(scope, receive, send):
        factory = async_sessionmaker(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
        async with factory() as session:
            scope.setdefault("state", {})["ctx"] = Context(db=Db(session), settings=Settings(secret_key=w.secret))
            await inner(scope, receive, send)

    inner = Starlette(routes=[route("/data/no-row-here", handler, ["GET"])])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(with_context), base_url="http://t") as c:
        assert (await c.get("/data/no-row-here")).status_code == 401
        assert (await c.get("/data/no-row-here", headers=headers_for(w, "admin"))).status_code == 403
    assert ran == []

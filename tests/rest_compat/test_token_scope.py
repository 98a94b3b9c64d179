"""Scoped API tokens (beyond Zou): an admin limits a bot's or a person's API token to some projects and/or
to reading; the scope is in the token's claims and in trackql_api_token_scope, and every check honours it
(REST and GraphQL)."""
from __future__ import annotations

import jwt
import pytest
from factories import auth_headers, make_person, make_project, make_sequence, make_shot
from sqlalchemy import select

from domain import api_tokens, tokens
from domain.api_tokens import TokenScope
from domain.trackql_tables import ApiTokenScope

READ_ONLY = {"error": True, "message": "This token is read-only."}


def cfg(settings) -> tokens.TokenConfig:
    return tokens.TokenConfig(settings.secret_key)


async def token_for(db, settings, person, **scope) -> dict[str, str]:
    token = await api_tokens.issue(db, cfg(settings), person["id"], scope=TokenScope.of(**scope) if scope else None)
    await db.commit()
    return {"Authorization": f"Bearer {token}"}


def claims_of(headers: dict[str, str], settings) -> dict:
    return jwt.decode(headers["Authorization"].split()[1], settings.secret_key, algorithms=["HS256"])


async def project_names(client, headers) -> set[str]:
    r = await client.get("/api/data/projects", headers=headers)
    assert r.status_code == 200, r.text
    return {p["name"] for p in r.json()}


@pytest.fixture
async def world(db):
    admin = await make_person(db, role="admin")
    manager = await make_person(db, role="manager")
    bot = await make_person(db, role="admin", is_bot=True, password=None)
    p1 = await make_project(db, name="Scope One", team=[manager])
    p2 = await make_project(db, name="Scope Two", team=[manager])
    await db.commit()
    return {"admin": admin, "manager": manager, "bot": bot, "p1": p1, "p2": p2}


async def test_a_read_only_token_reads_and_is_refused_every_write(client, db, settings, world):
    headers = await token_for(db, settings, world["bot"], read_only=True)
    assert claims_of(headers, settings)["scope"] == {"projects": None, "read_only": True}
    p1 = world["p1"]["id"]
    assert (await client.get(f"/api/data/projects/{p1}", headers=headers)).status_code == 200
    assert {"Scope One", "Scope Two"} <= await project_names(client, headers)
    for method, path, body in (("PUT", f"/api/data/projects/{p1}", {"description": "x"}),
                               ("POST", "/api/data/persons", {"first_name": "New", "email": "n@example.com"}),
                               ("DELETE", f"/api/data/projects/{world['p2']['id']}", None)):
        r = await client.request(method, path, json=body, headers=headers)
        assert (r.status_code, r.json()) == (403, READ_ONLY), (method, path)
    writable = await token_for(db, settings, world["bot"])  # the same bot without the limit writes
    r = await client.put(f"/api/data/projects/{p1}", json={"description": "x"}, headers=writable)
    assert r.status_code == 200 and r.json()["description"] == "x"


async def test_a_read_only_token_is_refused_graphql_mutations(client, db, settings, world):
    headers = await token_for(db, settings, world["bot"], read_only=True)
    query = 'mutation { createEpisode(input: {projectId: "%s", name: "E01"}) { id } }' % world["p1"]["id"]
    r = await client.post("/graphql", json={"query": query}, headers=headers)
    body = r.json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == "This token is read-only."
    r = await client.post("/graphql", json={"query": "{ projects { nodes { name } } }"}, headers=headers)
    assert "errors" not in r.json() and {"Scope One", "Scope Two"} <= {p["name"] for p in r.json()["data"]["projects"]["nodes"]}


async def test_a_project_limited_token_sees_only_its_projects(client, db, settings, world):
    headers = await token_for(db, settings, world["manager"], project_ids=[str(world["p1"]["id"])])
    assert claims_of(headers, settings)["identity_type"] == "person_api"
    assert await project_names(client, headers) == {"Scope One"}
    assert (await client.get(f"/api/data/projects/{world['p1']['id']}", headers=headers)).status_code == 200
    assert (await client.get(f"/api/data/projects/{world['p2']['id']}", headers=headers)).status_code == 403
    r = await client.post("/graphql", json={"query": "{ projects { nodes { name } } }"}, headers=headers)
    assert [p["name"] for p in r.json()["data"]["projects"]["nodes"]] == ["Scope One"]
    shot_in = await make_shot(db, project=world["p1"], name="SH_IN",
                              sequence=await make_sequence(db, project=world["p1"]))
    shot_out = await make_shot(db, project=world["p2"], name="SH_OUT",
                               sequence=await make_sequence(db, project=world["p2"]))
    await db.commit()
    assert (await client.get(f"/api/data/shots/{shot_in['id']}", headers=headers)).status_code == 200
    assert (await client.get(f"/api/data/shots/{shot_out['id']}", headers=headers)).status_code == 403
    r = await client.get(f"/api/data/shots?project_id={world['p1']['id']}", headers=headers)
    assert r.status_code == 200 and [s["name"] for s in r.json()] == ["SH_IN"]
    assert (await client.get(f"/api/data/shots?project_id={world['p2']['id']}", headers=headers)).status_code == 403
    # the manager's own session still sees both
    assert {"Scope One", "Scope Two"} <= await project_names(client, auth_headers(settings, world["manager"]))


async def test_an_admin_token_limited_to_a_project_loses_the_studio_wide_powers(client, db, settings, world):
    headers = await token_for(db, settings, world["bot"], project_ids=[world["p2"]["id"]])
    assert await project_names(client, headers) == {"Scope Two"}
    assert (await client.get(f"/api/data/projects/{world['p1']['id']}", headers=headers)).status_code == 403
    r = await client.post("/api/data/persons", json={"first_name": "New", "email": "n2@example.com"}, headers=headers)
    assert r.status_code == 403
    r = await client.put(f"/api/data/projects/{world['p2']['id']}", json={"description": "ok"}, headers=headers)
    assert r.status_code == 200  # a manager of its project
    unlimited = await token_for(db, settings, world["bot"])
    assert {"Scope One", "Scope Two"} <= await project_names(client, unlimited)


async def test_the_scope_is_recorded_and_kept_when_zou_regenerates_the_token(client, db, settings, world):
    bot = world["bot"]
    await token_for(db, settings, bot, project_ids=[world["p1"]["id"]], read_only=True)
    rows = await db.rows(select(ApiTokenScope.__table__).where(ApiTokenScope.person_id == bot["id"]))
    assert [(r["project_ids"], r["read_only"]) for r in rows] == [([str(world["p1"]["id"])], True)]
    r = await client.put(f"/api/data/persons/{bot['id']}", json={"expiration_date": None},
                         headers=auth_headers(settings, world["admin"]))
    assert r.status_code == 200, r.text
    regenerated = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert claims_of(regenerated, settings)["scope"] == {"projects": [str(world["p1"]["id"])], "read_only": True}
    assert await project_names(client, regenerated) == {"Scope One"}
    rows = await db.rows(select(ApiTokenScope.jti).where(ApiTokenScope.person_id == bot["id"]))
    assert rows[0]["jti"] == claims_of(regenerated, settings)["jti"]
    await token_for(db, settings, bot)  # an unlimited token clears the record
    assert not await db.rows(select(ApiTokenScope.jti).where(ApiTokenScope.person_id == bot["id"]))


async def test_the_admin_route_sets_the_scope_and_refuses_bad_input(client, db, settings, world):
    admin = auth_headers(settings, world["admin"])
    path = f"/api/actions/persons/{world['bot']['id']}/api-token"
    r = await client.post(path, json={"project_ids": [str(world["p2"]["id"])], "read_only": True}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == {"projects": [str(world["p2"]["id"])], "read_only": True}
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert await project_names(client, headers) == {"Scope Two"}
    for body in ({"project_ids": "nope"}, {"project_ids": ["not-a-uuid"]}, {"read_only": "yes"},
                 {"project_ids": [str(world["admin"]["id"])]}, {"scopes": []}, ["x"]):
        r = await client.post(path, json=body, headers=admin)
        assert r.status_code == 400, body
    # a manager cannot issue someone else's token; an API token cannot issue one at all
    r = await client.post(path, json={}, headers=auth_headers(settings, world["manager"]))
    assert r.status_code == 403
    r = await client.post(path, json={}, headers=headers)
    assert r.status_code == 403
    r = await client.post("/api/actions/persons/not-a-uuid/api-token", json={}, headers=admin)
    assert r.status_code == 404


async def test_zou_person_routes_take_a_token_scope(client, db, settings, world):
    admin = auth_headers(settings, world["admin"])
    scope = {"project_ids": [str(world["p1"]["id"])], "read_only": True}
    r = await client.post("/api/data/persons", json={"first_name": "Scoped", "last_name": "Bot", "is_bot": True,
                                                     "token_scope": scope}, headers=admin)
    assert r.status_code == 201, r.text
    assert "token_scope" not in r.json()
    created = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert claims_of(created, settings)["scope"] == {"projects": scope["project_ids"], "read_only": True}
    bot_id = r.json()["id"]
    r = await client.put(f"/api/data/persons/{bot_id}", json={"expiration_date": None, "token_scope": None},
                         headers=admin)
    assert r.status_code == 200 and "scope" not in claims_of({"Authorization": f"Bearer {r.json()['access_token']}"},
                                                              settings)
    for method, path, body in (
            ("POST", "/api/data/persons", {"first_name": "Not", "last_name": "Bot", "token_scope": scope}),
            ("POST", "/api/data/persons", {"first_name": "B", "last_name": "C", "is_bot": True, "token_scope": ["x"]}),
            ("POST", "/api/data/persons", {"first_name": "B", "last_name": "C", "is_bot": True,
                                           "token_scope": {"project_ids": [str(world["admin"]["id"])]}}),
            ("PUT", f"/api/data/persons/{bot_id}", {"token_scope": scope}),  # no new token without expiration_date
            ("PUT", f"/api/data/persons/{bot_id}", {"expiration_date": None, "token_scope": {"read_only": 1}})):
        r = await client.request(method, path, json=body, headers=admin)
        assert r.status_code == 400, (body, r.text)

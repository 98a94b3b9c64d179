"""The /graphql endpoint: GraphiQL, authentication, `me` and `projects`."""
from __future__ import annotations

from factories import make_person, make_project


async def test_graphiql_is_served_to_browsers(client):
    r = await client.get("/graphql", headers={"accept": "text/html"})
    assert r.status_code == 200
    assert "graphiql" in r.text.lower()


async def test_me_answers_the_bearer_token_owner(gql, admin):
    body = await gql("{ me { id firstName fullName role } }", as_=admin)
    assert body == {"data": {"me": {"id": str(admin["id"]), "firstName": "Ada",
                                    "fullName": f"Ada {admin['last_name']}", "role": "admin"}}}


async def test_me_without_token_is_unauthenticated(gql):
    body = await gql("{ me { id } }")
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert body["errors"][0]["path"] == ["me"]


async def test_bad_token_is_unauthenticated(client):
    r = await client.post("/graphql", json={"query": "{ me { id } }"}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 200
    assert r.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_access_token_cookie_is_accepted(client, settings, admin):
    from factories import auth_headers

    token = auth_headers(settings, admin)["Authorization"].split()[1]
    client.cookies.set("access_token_cookie", token)
    r = await client.post("/graphql", json={"query": "{ me { id } }"})
    client.cookies.clear()
    assert r.json() == {"data": {"me": {"id": str(admin["id"])}}}


async def test_projects_lists_only_the_callers_teams(gql, db, admin):
    artist = await make_person(db, role="user")
    mine = await make_project(db, name="Mine-1", team=[artist])
    await make_project(db, name="Theirs-1")
    query = "{ projects(name: \"-1\") { totalCount nodes { id name } } }"
    seen = await gql(query, as_=artist)
    assert seen["data"]["projects"] == {"totalCount": 1, "nodes": [{"id": str(mine["id"]), "name": "Mine-1"}]}
    assert (await gql(query, as_=admin))["data"]["projects"]["totalCount"] == 2


async def test_projects_pages_with_cursors(gql, db, admin):
    for i in range(5):
        await make_project(db, name=f"Paged-{i}")
    query = """query($after: String) { projects(name: "Paged-", first: 2, after: $after) {
        edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""
    first = (await gql(query, as_=admin))["data"]["projects"]
    assert [e["node"]["name"] for e in first["edges"]] == ["Paged-0", "Paged-1"]
    assert first["pageInfo"]["hasNextPage"] is True and first["pageInfo"]["hasPreviousPage"] is False
    second = (await gql(query, {"after": first["pageInfo"]["endCursor"]}, as_=admin))["data"]["projects"]
    assert [e["node"]["name"] for e in second["edges"]] == ["Paged-2", "Paged-3"]
    assert second["pageInfo"]["hasPreviousPage"] is True


async def test_project_outside_the_team_is_forbidden(gql, db):
    artist = await make_person(db, role="user")
    other = await make_project(db)
    body = await gql("query($id: ID!) { project(id: $id) { name } }", {"id": str(other["id"])}, as_=artist)
    assert body["data"] == {"project": None}
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_syntax_error_is_a_bad_request(gql, admin):
    body = await gql("{ me { id ", as_=admin, status=400)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

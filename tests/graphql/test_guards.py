"""Depth, alias and field-count limits refuse a query before any resolver runs: the only SQL is none at
all (the limits are checked before authentication)."""
from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from factories import auth_headers
from gateway.app import create_app
from schema import breadth


@pytest.fixture
def no_batch_calls(monkeypatch):
    calls = []
    real = breadth.execute

    async def spy(*a, **kw):
        calls.append(1)
        return await real(*a, **kw)

    monkeypatch.setattr(breadth, "execute", spy)
    return calls


def _nested(depth: int) -> str:
    """A query `depth` fields deep: shot { sequence { shots { sequence { ... name } } } }."""
    inner = "name"
    for level in reversed(range(depth - 2)):  # from the inside out; level 0 is under the shot
        inner = f"{'sequence' if level % 2 == 0 else 'shots'} {{ {inner} }}"
    return "query($id: ID!) { shot(id: $id) { " + inner + " } }"


async def test_too_deep_is_refused_before_anything_runs(gql, admin, count_sql, settings, no_batch_calls):
    query = _nested(settings.graphql_max_depth + 1)
    with count_sql() as sql:
        body = await gql(query, {"id": str(admin["id"])}, as_=admin, status=400)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "too deep" in body["errors"][0]["message"]
    assert sql.count == 0 and no_batch_calls == []


async def test_thousands_of_aliases_are_refused(gql, admin, count_sql, no_batch_calls):
    query = "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(3000)) + " }"
    with count_sql() as sql:
        body = await gql(query, as_=admin, status=400)
    messages = [e["message"] for e in body["errors"]]
    assert any("too many aliases" in m for m in messages)
    assert sql.count == 0 and no_batch_calls == []


async def test_too_many_fields_are_refused(settings, engine, session_factory, admin, count_sql, no_batch_calls):
    tight = create_app(replace(settings, graphql_max_fields=20), engine=engine, session_factory=session_factory)
    # fragments count where they are spread: 1 + 12 + 2 + 12 fields
    query = ("fragment P on Person { id firstName lastName email role active isBot isGuest hasAvatar } "
             "fragment Q on Person { ...P departments { id name } } "
             "{ me { ...Q tasks { assignees { ...Q } } } }")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(tight), base_url="http://t") as c:
        with count_sql() as sql:
            r = await c.post("/graphql", json={"query": query}, headers=auth_headers(settings, admin))
    assert r.status_code == 400
    assert [e["message"] for e in r.json()["errors"]] == ["The query has too many fields: 27, the limit is 20."]
    assert sql.count == 0 and no_batch_calls == []


def test_fragments_are_measured_once_each():
    from graphql import parse

    from schema.guards import measure

    fragments = ["fragment F0 on Person { id }"] + [
        f"fragment F{i} on Person {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 40)]
    document = parse("{ me { ...F39 } } " + " ".join(fragments))
    cost = measure(document, document.definitions[0])
    assert cost.fields == 1 + 2 ** 39 and cost.depth == 2


async def test_a_query_within_the_limits_runs(gql, admin, settings):
    body = await gql(_nested(settings.graphql_max_depth), {"id": str(admin["id"])}, as_=admin)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # it ran: the id is no shot


async def test_introspection_is_not_counted(client):
    from graphql import get_introspection_query

    r = await client.post("/graphql", json={"query": get_introspection_query(descriptions=True)})
    assert r.status_code == 200
    assert "Shot" in {t["name"] for t in r.json()["data"]["__schema"]["types"]}

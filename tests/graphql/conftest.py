"""GraphQL test helpers: `gql(query, variables, as_=person)` posts to /graphql and returns the JSON body."""
from __future__ import annotations

from typing import Any

import pytest

from factories import auth_headers, make_person
from gql_production import build_production


@pytest.fixture
async def admin(db):
    return await make_person(db, role="admin", first_name="Ada")


@pytest.fixture
def gql(client, settings):
    async def run(query: str, variables: dict[str, Any] | None = None, *, as_=None,
                  operation_name: str | None = None, status: int = 200) -> dict[str, Any]:
        headers = auth_headers(settings, as_) if as_ is not None else {}
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        if operation_name is not None:
            body["operationName"] = operation_name
        r = await client.post("/graphql", json=body, headers=headers)
        assert r.status_code == status, r.text
        return r.json()

    return run


@pytest.fixture
def production(db):
    async def make(**kw):
        return await build_production(db, **kw)

    return make

"""Running one query both ways on the same data: Strawberry's stock execution (field resolvers through
DataLoaders) and the breadth-first executor. Answers are compared as the client receives them (JSON),
errors in a stable order."""
from __future__ import annotations

import json
from typing import Any

import orjson
from graphql import parse

from resolvers.context import Context, CurrentUser
from schema import breadth
from schema.app import encode
from schema.schema import schema


def context_for(db, settings, person: dict | None) -> Context:
    user = None
    if person is not None:
        user = CurrentUser(id=person["id"], role=person["role"], is_bot=bool(person.get("is_bot")),
                           identity_type="person", person=person)
    return Context(db=db, settings=settings, user=user)


def as_client_sees(result) -> dict[str, Any]:
    body = orjson.loads(encode(result))
    if "errors" in body:
        body["errors"] = sorted(body["errors"], key=lambda e: (json.dumps(e.get("path")), e["message"]))
    return body


async def run_stock(db, settings, person, query: str, variables=None, operation_name=None) -> dict[str, Any]:
    result = await schema.execute(query, variable_values=variables, context_value=context_for(db, settings, person),
                                  operation_name=operation_name)
    return as_client_sees(result)


async def run_breadth(db, settings, person, query: str, variables=None, operation_name=None) -> dict[str, Any]:
    result = await breadth.execute(schema, parse(query), context=context_for(db, settings, person),
                                   variables=variables, operation_name=operation_name)
    return as_client_sees(result)

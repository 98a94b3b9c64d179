"""The `/graphql` endpoint (GraphiQL for browsers). Filled in by the GraphQL schema work."""
from __future__ import annotations

import strawberry
from strawberry.asgi import GraphQL


@strawberry.type
class Query:
    @strawberry.field
    def version(self) -> str:
        return "0.1.0"


def create_graphql_app(settings):
    return GraphQL(strawberry.Schema(query=Query))

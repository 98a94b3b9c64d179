"""The Strawberry schema: the one definition of the API (SDL, introspection, GraphiQL, stock execution of
mutations; the breadth-first executor reads its fields' batch declarations)."""
from __future__ import annotations

from typing import Any

import strawberry
from strawberry.schema.config import StrawberryConfig

from schema.entities import ENTITY_TYPES
from schema.errors import log_unexpected
from schema.mutations import Mutation
from schema.permission_hook import RootFieldPermissions
from schema.query import Query
from schema.scalars import SCALAR_MAP


def read_field(obj: Any, name: str) -> Any:
    """Rows are plain dicts: a field without a resolver reads its key."""
    if type(obj) is dict:
        return obj[name]
    return getattr(obj, name)


class TrackQLSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        # Domain errors are answers, not incidents; unexpected ones are logged with their traceback.
        log_unexpected(errors)


schema = TrackQLSchema(
    query=Query,
    mutation=Mutation,
    types=ENTITY_TYPES,
    config=StrawberryConfig(default_resolver=read_field, scalar_map=SCALAR_MAP),
    extensions=[RootFieldPermissions],
)

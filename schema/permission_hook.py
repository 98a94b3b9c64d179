"""The permission table (resolvers/permissions.py) in front of every GraphQL root field: a root field runs
only after `permissions.enforce` passed for "Query.<field>" / "Mutation.<field>" (a field with no row is
refused). Breadth-first queries wrap their root resolvers (`guarded_root`); Strawberry's own execution
(mutations, introspection) goes through `RootFieldPermissions`."""
from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

from strawberry.extensions import SchemaExtension

from resolvers import permissions


async def check_root_field(ctx: Any, parent_type: str, field_name: str) -> None:
    key = permissions.graphql_key(parent_type, field_name)
    await permissions.enforce(ctx, permissions.operation(key), key)


@lru_cache(maxsize=None)
def guarded_root(fn: Callable[..., Awaitable[Any]], parent_type: str, field_name: str) -> Callable[..., Any]:
    """`fn(ctx, **args)` behind the root field's rule."""
    async def guarded(ctx: Any, **args: Any) -> Any:
        await check_root_field(ctx, parent_type, field_name)
        return await fn(ctx, **args)

    guarded.__qualname__ = f"guarded({getattr(fn, '__qualname__', fn)})"
    return guarded


class RootFieldPermissions(SchemaExtension):
    def resolve(self, _next, root, info, *args, **kwargs) -> Any:
        if info.path.prev is not None or info.field_name.startswith("__"):
            return _next(root, info, *args, **kwargs)
        return self._checked(_next, root, info, *args, **kwargs)

    async def _checked(self, _next, root, info, *args, **kwargs) -> Any:
        await check_root_field(info.context, info.parent_type.name, info.field_name)
        result = _next(root, info, *args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

"""Fields declared once for both executions. A `relation` names the resolver batch function and the parent
column giving its key: Strawberry's stock execution loads it through the request's DataLoader, the
breadth-first executor (schema/breadth.py) calls the same function once per level. A `computed` leaf is a
function of the row; a `root` field a resolver of the request alone."""
from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import strawberry

from resolvers.engine import Failure

SPEC = "trackql"


@dataclass(frozen=True)
class RelationSpec:
    batch: Callable[..., Awaitable[Any]]  # batch(ctx, keys, **args) -> values aligned with keys
    key: str | None  # the parent's column holding the key; None: the parent row itself
    fixed: dict[str, Any] = field(default_factory=dict)  # arguments the field always passes


@dataclass(frozen=True)
class ComputedSpec:
    fn: Callable[[dict], Any]


@dataclass(frozen=True)
class RootSpec:
    fn: Callable[..., Awaitable[Any]]  # fn(ctx, **args) -> value
    fixed: dict[str, Any] = field(default_factory=dict)


def spec_of(strawberry_field: Any) -> Any:
    return (strawberry_field.metadata or {}).get(SPEC)


def _with_info(stub: Callable) -> inspect.Signature:
    """The stub's signature with an `info` parameter after `self` (the stub declares only GraphQL args)."""
    sig = inspect.signature(stub)
    params = list(sig.parameters.values())
    info = inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=strawberry.Info)
    return sig.replace(parameters=[params[0], info, *params[1:]])


def _named_like(fn: Callable, stub: Callable, sig: inspect.Signature) -> Callable:
    fn.__signature__ = sig  # type: ignore[attr-defined]
    fn.__name__ = stub.__name__
    fn.__qualname__ = stub.__qualname__
    fn.__module__ = stub.__module__
    fn.__doc__ = stub.__doc__
    return fn


def relation(batch: Callable[..., Awaitable[Any]], *, key: str | None = "id", name: str | None = None,
             description: str | None = None, **fixed: Any):
    """Decorates a stub `def field(self, <GraphQL args>) -> Type: ...`."""
    spec = RelationSpec(batch, key, fixed)

    def deco(stub: Callable) -> Any:
        async def resolve(self, info, **kwargs):
            return await load(info.context, spec, self, kwargs)

        resolver = _named_like(resolve, stub, _with_info(stub))
        return strawberry.field(resolver=resolver, name=name, description=description or stub.__doc__,
                                metadata={SPEC: spec})

    return deco


async def load(ctx: Any, spec: RelationSpec, row: dict, kwargs: dict[str, Any]) -> Any:
    """One object's value of a relation, through the request's DataLoader."""
    args = {**spec.fixed, **kwargs} if spec.fixed else kwargs
    if spec.key is None:
        value = await ctx.loaders.of(spec.batch, ctx, args, by_object=True).load(row)
    else:
        key = row[spec.key]
        if key is None:
            return None
        value = await ctx.loaders.of(spec.batch, ctx, args).load(key)
    if type(value) is Failure:
        raise value.error
    return value


def computed(fn: Callable[[dict], Any], *, name: str | None = None, description: str | None = None):
    """Decorates a stub `def field(self) -> Type: ...` whose value is `fn(row)`."""
    def deco(stub: Callable) -> Any:
        def resolve(self):
            return fn(self)

        resolver = _named_like(resolve, stub, inspect.signature(stub))
        return strawberry.field(resolver=resolver, name=name, description=description or stub.__doc__,
                                metadata={SPEC: ComputedSpec(fn)})

    return deco


def root(fn: Callable[..., Awaitable[Any]], *, name: str | None = None, description: str | None = None,
         **fixed: Any):
    """Decorates a stub `def field(self, <GraphQL args>) -> Type: ...` answered by `fn(ctx, **args)`."""
    spec = RootSpec(fn, fixed)

    def deco(stub: Callable) -> Any:
        async def resolve(self, info, **kwargs):
            value = await spec.fn(info.context, **spec.fixed, **kwargs)
            if type(value) is Failure:
                raise value.error
            return value

        resolver = _named_like(resolve, stub, _with_info(stub))
        return strawberry.field(resolver=resolver, name=name, description=description or stub.__doc__,
                                metadata={SPEC: spec})

    return deco

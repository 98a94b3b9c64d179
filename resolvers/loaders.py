"""Per-request DataLoaders over the domain's batch reads (for paths that resolve one object at a time)."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiodataloader import DataLoader

BatchRead = Callable[..., Awaitable[Sequence[Any]]]


class Loaders:
    """`loaders.get(batch_fn)` is the request's DataLoader over `batch_fn(db, keys)`; made on first use."""

    def __init__(self, db):
        self._db = db
        self._loaders: dict[Any, DataLoader] = {}

    def get(self, batch_fn: BatchRead, *extra: Any) -> DataLoader:
        key = (batch_fn, extra)
        loader = self._loaders.get(key)
        if loader is None:
            db = self._db

            async def load(keys, _fn=batch_fn, _extra=extra):
                return list(await _fn(db, list(keys), *_extra))

            loader = self._loaders[key] = DataLoader(load)
        return loader

    def of(self, batch_fn: BatchRead, ctx: Any, args: dict[str, Any] | None = None, *,
           by_object: bool = False) -> DataLoader:
        """The request's DataLoader over a resolver batch `batch_fn(ctx, keys, **args)`. With `by_object` the
        keys are rows (cached by their "id"), for batches that need more of the parent than a key."""
        args = args or {}
        key = (batch_fn, by_object, _freeze(args))
        loader = self._loaders.get(key)
        if loader is None:
            async def load(keys, _fn=batch_fn, _args=args):
                return list(await _fn(ctx, list(keys), **_args))

            loader = self._loaders[key] = DataLoader(load, get_cache_key=_row_key if by_object else None)
        return loader

    def clear(self) -> None:
        self._loaders.clear()


def _row_key(row: Any) -> Any:
    key = row.get("id")
    return key if key is not None else id(row)


def _freeze(value: Any) -> Any:
    """A hashable stand-in for argument values (lists, dicts, input objects)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_freeze(v) for v in value)
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return (type(value).__name__, _freeze(vars(value)))
    return value

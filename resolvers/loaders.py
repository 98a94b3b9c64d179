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

    def clear(self) -> None:
        self._loaders.clear()

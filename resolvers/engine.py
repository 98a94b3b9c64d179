"""Breadth-first execution of a selection tree over batch functions.

A `Selection` says which keys to build for each object at one position of an answer: leaves read straight
off the row (one compiled function builds every leaf of an object), object-valued fields either embedded in
the row or loaded by a batch function. The engine walks the tree level by level: every field that loads is
called ONCE per level with the keys of every object at its position (deduplicated), whatever the number of
objects. The tree knows nothing of GraphQL; `schema/breadth.py` builds one from a validated operation,
REST routes may declare their own.

A batch function is `async def fn(ctx, keys, **args) -> Sequence[value]` aligned with `keys`; a value is a
row (a dict), a list of rows (`many`), None, or a `Failure` (an error at that position). When it raises a
`DomainError` every position gets that error. Errors stay in the answer as `Failure` markers; the face
decides what they become (GraphQL: errors with paths, null propagation).
"""
from __future__ import annotations

import gc
import logging
from collections import deque
from contextlib import contextmanager
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain import errors

log = logging.getLogger("trackql.engine")

Row = dict[str, Any]
Batch = Callable[..., Awaitable[Sequence[Any]]]


class Failure:
    """An error standing where a value should be."""

    __slots__ = ("error",)

    def __init__(self, error: Exception):
        self.error = error

    def __repr__(self) -> str:
        return f"Failure({self.error!r})"


class NullValue(errors.DomainError):
    """A value that must not be null was null."""


@dataclass(eq=False)
class Leaf:
    """A value read from the object: `row[column]`, `compute(row)`, or a constant."""

    key: str
    column: str | None = None
    compute: Callable[[Row], Any] | None = None
    constant: Any = None
    info: Any = None  # the face's own notes (GraphQL: field nodes, types)


@dataclass(eq=False)
class Load:
    """How an object-valued field gets its values: `batch(ctx, keys, **args)`, the keys being
    `row[key]` (None: the objects themselves, not deduplicated)."""

    batch: Batch
    key: str | None = "id"
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Branch:
    """An object-valued field: loaded (`load`) or embedded in the row (`column`). `selection` is None when
    the loaded value is given as is (a scalar that needs I/O)."""

    key: str
    selection: Selection | Typed | None
    load: Load | None = None
    column: str | None = None
    many: bool = False
    required: bool = False  # a null value is an error
    info: Any = None


@dataclass(eq=False)
class Selection:
    """The fields to build for each object at one position, in answer order."""

    fields: list[Leaf | Branch]
    _build: Callable[[Any], Row] | None = field(default=None, repr=False)

    @property
    def branches(self) -> list[Branch]:
        return [f for f in self.fields if isinstance(f, Branch)]

    def builder(self) -> Callable[[Any], Row]:
        if self._build is None:
            self._build = _compile(self.fields)
        return self._build


@dataclass(eq=False)
class Typed:
    """A position whose objects may be of several types (an interface or a union): `type_of(row)` names
    the type, `by_type` holds each type's selection."""

    type_of: Callable[[Row], str]
    by_type: dict[str, Selection]


def _compile(fields: list[Leaf | Branch]) -> Callable[[Any], Row]:
    """One function building an object's dict: leaves read in place, branches left None for later."""
    env: dict[str, Any] = {}
    parts = []
    for i, f in enumerate(fields):
        if isinstance(f, Branch):
            expr = "None"
        elif f.compute is not None:
            env[f"c{i}"] = f.compute
            expr = f"c{i}(r)"
        elif f.column is not None:
            expr = f"r[{f.column!r}]"
        else:
            env[f"k{i}"] = f.constant
            expr = f"k{i}"
        parts.append(f"{f.key!r}: {expr}")
    src = "def build(r):\n    return {" + ", ".join(parts) + "}\n"
    exec(compile(src, "<selection>", "exec"), env)  # noqa: S102 - source built from our own field names
    return env["build"]


@dataclass
class Result:
    objects: list[Row]
    failed: bool  # some Failure is in the answer
    typed: dict[int, Selection]  # id(out) -> the selection used, for objects under a `Typed` position


class _Step:
    """Objects waiting for one branch's selection; once built, placed into their parents."""

    __slots__ = ("branch", "parents", "values")

    def __init__(self, branch: Branch, parents: list[Row], values: list[Any]):
        self.branch, self.parents, self.values = branch, parents, values


async def run(ctx: Any, selection: Selection | Typed, objects: Sequence[Any]) -> Result:
    """Build the answer for `objects` at the top of `selection`, level by level."""
    runner = _Runner(ctx)
    with _no_gc():
        outs = runner.build(selection, list(objects))
    while runner.queue:
        await runner.advance(runner.queue.popleft())
    return Result(outs, runner.failed, runner.typed)


@contextmanager
def _no_gc():
    """Building an answer allocates millions of containers, none of them garbage: the cyclic collector
    would walk the whole heap again and again (seconds at studio scale). It is paused while this code runs
    without awaiting (no other task runs meanwhile), then resumed."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Runner:
    def __init__(self, ctx: Any):
        self.ctx = ctx
        self.queue: deque[tuple[Branch, list[Any], list[Row]]] = deque()
        self.failed = False
        self.typed: dict[int, Selection] = {}

    def build(self, selection: Selection | Typed, objects: list[Any]) -> list[Row]:
        """The objects' dicts with their leaves; their branches are queued for the next level."""
        if isinstance(selection, Typed):
            return self._build_typed(selection, objects)
        build = selection.builder()
        outs = [build(o) for o in objects]
        for branch in selection.branches:
            self.queue.append((branch, objects, outs))
        return outs

    def _build_typed(self, typed: Typed, objects: list[Any]) -> list[Row]:
        groups: dict[str, list[int]] = {}
        for i, o in enumerate(objects):
            groups.setdefault(typed.type_of(o), []).append(i)
        outs: list[Any] = [None] * len(objects)
        for type_name, positions in groups.items():
            sel = typed.by_type.get(type_name)
            if sel is None:
                raise TypeError(f"no selection for type {type_name}")
            built = self.build(sel, [objects[i] for i in positions])
            for i, out in zip(positions, built):
                outs[i] = out
                self.typed[id(out)] = sel
        return outs

    async def advance(self, item: tuple[Branch, list[Any], list[Row]]) -> None:
        branch, objects, outs = item
        load = branch.load
        if load is None:
            col = branch.column
            with _no_gc():
                self._place(branch, outs, [o[col] for o in objects])
            return
        if load.key is None:
            values = await self._call(load, objects)
            with _no_gc():
                self._place(branch, outs, values)
            return
        col = load.key
        keys = [o[col] for o in objects]
        unique = [k for k in dict.fromkeys(keys) if k is not None]
        found = await self._call(load, unique) if unique else []
        with _no_gc():
            self._assign(branch, outs, keys, unique, found)

    def _assign(self, branch: Branch, outs: list[Row], keys: list[Any], unique: list[Any], found: list[Any]) -> None:
        """Values found for the distinct keys, placed into the parents holding each key."""
        key = branch.key
        if branch.many or branch.selection is None:
            by_key = dict(zip(unique, found))
            self._place(branch, outs, [by_key.get(k) for k in keys])
            return
        # To-one: build each distinct object once, share its dict between the parents pointing at it.
        rows = [v for v in found if v is not None and type(v) is not Failure]
        built = iter(self.build(branch.selection, rows)) if rows else iter(())
        by_key = {}
        for k, v in zip(unique, found):
            by_key[k] = next(built) if v is not None and type(v) is not Failure else self._other(branch, v)
        missing = None if not branch.required else self._null(branch)
        for out, k in zip(outs, keys):
            out[key] = by_key.get(k, missing) if k is not None else missing

    async def _call(self, load: Load, keys: list[Any]) -> list[Any]:
        try:
            values = list(await load.batch(self.ctx, keys, **load.args))
        except errors.DomainError as exc:
            return [Failure(exc)] * len(keys)
        except Exception as exc:  # noqa: BLE001 - masked for the client, logged for us
            log.exception("batch %s failed", getattr(load.batch, "__qualname__", load.batch))
            return [Failure(exc)] * len(keys)
        if len(values) != len(keys):
            raise RuntimeError(f"{load.batch.__qualname__} returned {len(values)} values for {len(keys)} keys")
        return values

    def _place(self, branch: Branch, outs: list[Row], values: list[Any]) -> None:
        key = branch.key
        sel = branch.selection
        if sel is None:
            for out, v in zip(outs, values):
                out[key] = v if v is not None and type(v) is not Failure else self._other(branch, v)
            return
        if branch.many:
            flat: list[Any] = []
            for v in values:
                if type(v) is list:
                    flat.extend(v)
            built = self.build(sel, flat) if flat else []
            i = 0
            for out, v in zip(outs, values):
                if type(v) is list:
                    n = len(v)
                    out[key] = built[i:i + n]
                    i += n
                else:
                    out[key] = self._other(branch, v)
            return
        rows = [v for v in values if v is not None and type(v) is not Failure]
        built_iter = iter(self.build(sel, rows)) if rows else iter(())
        for out, v in zip(outs, values):
            out[key] = next(built_iter) if v is not None and type(v) is not Failure else self._other(branch, v)

    def _other(self, branch: Branch, v: Any) -> Any:
        """A value that is not an object: a failure, or null (a failure when the branch is required)."""
        if type(v) is Failure:
            self.failed = True
            return v
        return self._null(branch) if branch.required else None

    def _null(self, branch: Branch) -> Failure:
        self.failed = True
        return Failure(NullValue(f"null for required {branch.key}"))

"""Helpers of the batch reads: rows as plain dicts, results aligned with the keys asked for."""
from __future__ import annotations

import uuid
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.sql import ColumnElement

Row = dict[str, Any]


@dataclass(frozen=True)
class Assigned:
    """Within `project_ids`, only what is assigned to `person_id` (a vendor's view)."""

    person_id: uuid.UUID
    project_ids: frozenset[uuid.UUID]


async def fetch(db, stmt) -> list[Row]:
    """The rows of a select as plain dicts (cheaper to read than row mappings, and extensible)."""
    result = await db.read(stmt)
    names = list(result.keys())
    return [dict(zip(names, t)) for t in result.all()]


def one_per_key(rows: Iterable[Row], column: str, keys: Sequence[Hashable]) -> list[Row | None]:
    by_key = {r[column]: r for r in rows}
    return [by_key.get(k) for k in keys]


def many_per_key(rows: Iterable[Row], column: str, keys: Sequence[Hashable]) -> list[list[Row]]:
    """Rows grouped under the key of `column`, in the rows' order; [] for a key with none."""
    groups: dict[Hashable, list[Row]] = {k: [] for k in keys}
    for r in rows:
        group = groups.get(r[column])
        if group is not None:
            group.append(r)
    return [groups[k] for k in keys]


def within(db, column, allowed: Iterable[Any] | None) -> ColumnElement[bool] | None:
    """`column IN allowed` as one bind parameter; None when everything is allowed."""
    if allowed is None:
        return None
    allowed = list(allowed)
    return db.in_keys(column, allowed) if allowed else false()


def where_all(stmt, *clauses: ColumnElement[bool] | None):
    """`stmt` with every clause that is not None."""
    present = [c for c in clauses if c is not None]
    return stmt.where(*present) if present else stmt


async def count_of(db, stmt) -> int:
    """How many rows `stmt` selects (its ordering dropped)."""
    return (await db.scalars(select(func.count()).select_from(stmt.order_by(None).subquery())))[0]


async def page_of(db, stmt, *, offset: int, limit: int) -> list[Row]:
    return await fetch(db, stmt.offset(offset).limit(limit))

"""Cursor pages of a root list (Relay-style connections) over a domain select. A page is a plain dict the
engine and both faces read: `edges`, `nodes`, `page_info`, and `count` (the total, read only if asked)."""
from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from domain import errors
from domain.batch import Row, count_of, page_of

DEFAULT_FIRST = 100
MAX_FIRST = 10_000
_PREFIX = "cursor:"


def cursor_of(offset: int) -> str:
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode()


def offset_of(cursor: str | None) -> int:
    """The offset of the row after `cursor`; 0 without one."""
    if cursor is None:
        return 0
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(cursor)
        value = int(text[len(_PREFIX):])
        if value < 0:
            raise ValueError(cursor)
    except (ValueError, UnicodeDecodeError) as exc:
        raise errors.InvalidInput(f"Invalid cursor: {cursor}") from exc
    return value + 1


def check_first(first: int | None) -> int:
    if first is None:
        return DEFAULT_FIRST
    if first < 0 or first > MAX_FIRST:
        raise errors.InvalidInput(f"first must be between 0 and {MAX_FIRST}.")
    return first


async def page(db, stmt, *, first: int | None, after: str | None,
               rows_hook: Callable[[list[Row]], Awaitable[list[Row]]] | None = None) -> dict[str, Any]:
    """One page of `stmt`: `first` rows after the `after` cursor. `rows_hook` post-processes the rows read
    (kinds, visibility) before they become edges."""
    limit = check_first(first)
    offset = offset_of(after)
    rows = await page_of(db, stmt, offset=offset, limit=limit + 1) if limit else []
    has_next = len(rows) > limit
    rows = rows[:limit]
    if rows_hook is not None:
        rows = await rows_hook(rows)
    return connection(rows, offset, has_next, lambda: count_of(db, stmt))


def connection(rows: list[Row], offset: int, has_next: bool, count: Callable[[], Awaitable[int]]) -> dict:
    edges = [{"cursor": cursor_of(offset + i), "node": r} for i, r in enumerate(rows)]
    return {
        "edges": edges,
        "nodes": rows,
        "page_info": {
            "has_next_page": has_next,
            "has_previous_page": offset > 0,
            "start_cursor": edges[0]["cursor"] if edges else None,
            "end_cursor": edges[-1]["cursor"] if edges else None,
        },
        "count": count,
    }


async def total_counts(ctx, pages: Sequence[dict]) -> list[int]:
    """The total number of rows of each page's list (one count statement per page)."""
    return [await p["count"]() for p in pages]

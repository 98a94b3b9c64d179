"""Relay-style cursor connections for the root lists (resolvers/resolvers.pagination.py builds the pages)."""
from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

import resolvers.pagination
from schema.fields import relation

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo

    @relation(resolvers.pagination.total_counts, key=None)
    def total_count(self) -> int:
        """The number of items of the whole list (one count statement, only when asked)."""

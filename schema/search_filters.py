"""Saved searches of the web UI."""
from __future__ import annotations

import strawberry

import resolvers.projects
import resolvers.search_filters
from schema.fields import relation
from schema.scalars import DateTime


@strawberry.type
class SearchFilter:
    id: strawberry.ID
    list_type: str
    entity_type: str | None
    name: str
    search_query: str
    is_shared: bool
    department_id: strawberry.ID | None
    search_filter_group_id: strawberry.ID | None
    person_id: strawberry.ID | None
    project_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.search_filters.search_filter_groups, key="search_filter_group_id")
    def group(self) -> SearchFilterGroup | None:
        """The group the search is filed in."""

    @relation(resolvers.projects.projects_by_ids, key="project_id")
    def project(self) -> Project | None:
        """The production the search is for."""


@strawberry.type
class SearchFilterGroup:
    id: strawberry.ID
    list_type: str
    entity_type: str | None
    name: str
    color: str
    is_shared: bool
    person_id: strawberry.ID | None
    project_id: strawberry.ID | None
    department_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.search_filters.group_search_filters)
    def search_filters(self) -> list[SearchFilter]:
        """The searches of the group."""


from schema.projects import Project  # noqa: E402

"""Saved searches of the web UI (search filters and their groups): batch reads per person."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key, one_per_key
from domain.tables import SearchFilter, SearchFilterGroup


async def filters_for_persons(db, person_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(SearchFilter.__table__).where(db.in_keys(SearchFilter.person_id, person_ids))
                       .order_by(SearchFilter.list_type, SearchFilter.name, SearchFilter.id))
    return many_per_key(rows, "person_id", person_ids)


async def groups_for_persons(db, person_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(SearchFilterGroup.__table__)
                       .where(db.in_keys(SearchFilterGroup.person_id, person_ids))
                       .order_by(SearchFilterGroup.list_type, SearchFilterGroup.name, SearchFilterGroup.id))
    return many_per_key(rows, "person_id", person_ids)


async def filters_for_groups(db, group_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(SearchFilter.__table__)
                       .where(db.in_keys(SearchFilter.search_filter_group_id, group_ids))
                       .order_by(SearchFilter.name, SearchFilter.id))
    return many_per_key(rows, "search_filter_group_id", group_ids)


async def groups_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(SearchFilterGroup.__table__).where(db.in_keys(SearchFilterGroup.id, ids)))
    return one_per_key(rows, "id", ids)


async def filters_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(SearchFilter.__table__).where(db.in_keys(SearchFilter.id, ids)))
    return one_per_key(rows, "id", ids)


async def shared_filters_for_projects(db, project_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """The filters shared with each project's team."""
    rows = await fetch(db, select(SearchFilter.__table__)
                       .where(db.in_keys(SearchFilter.project_id, project_ids), SearchFilter.is_shared.is_(True))
                       .order_by(SearchFilter.name, SearchFilter.id))
    return many_per_key(rows, "project_id", project_ids)


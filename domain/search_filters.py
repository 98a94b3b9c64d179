"""Saved searches of the web UI (search filters and their groups): batch reads per person, and the writes of
a person's own searches (a shared search is a per-production manager privilege)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update

from domain import errors
from domain.base import new_id, utcnow
from domain.batch import Row, fetch, many_per_key, one_per_key
from domain.tables import Department, SearchFilter, SearchFilterGroup


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



# --- writes (a person's own saved searches; Zou's search_filters rules) -------------------------------------

SAME_SHARING = "A search filter should have the same value for is_shared than its search filter group."


async def _department_exists(db, department_id: uuid.UUID | None) -> None:
    if department_id is not None:
        found = await db.scalars(select(Department.id).where(Department.id == department_id))
        if not found:
            raise errors.InvalidInput(f"No department found with id: {department_id}")


async def _check_group(db, group_id: uuid.UUID | None, is_shared: bool) -> None:
    if group_id is None:
        return
    group = (await groups_by_ids(db, [group_id]))[0]
    if group is None:
        raise errors.NotFound("Search filter group not found")
    if bool(group["is_shared"]) != bool(is_shared):
        raise errors.InvalidInput(SAME_SHARING)


async def create_filter(db, *, person_id: uuid.UUID, values: dict[str, Any], may_share: bool) -> Row:
    """A saved search of `person_id`; `is_shared` falls to False when the person may not share it."""
    values = {**values, "is_shared": bool(values.get("is_shared")) and may_share}
    await _check_group(db, values.get("search_filter_group_id"), values["is_shared"])
    await _department_exists(db, values.get("department_id"))
    return await _insert(db, SearchFilter, {**values, "person_id": person_id})


async def update_filter(db, row: Row, values: dict[str, Any], *, may_share: bool) -> Row:
    values = _sharing(row, values, may_share)
    await _department_exists(db, values.get("department_id"))
    await _check_group(db, values.get("search_filter_group_id", row["search_filter_group_id"]),
                       values.get("is_shared", row["is_shared"]))
    return await _update(db, SearchFilter, row["id"], values)


async def delete_filter(db, row: Row) -> None:
    await db.execute(delete(SearchFilter).where(SearchFilter.id == row["id"]))


async def create_group(db, *, person_id: uuid.UUID, values: dict[str, Any], may_share: bool) -> Row:
    values = {**values, "is_shared": bool(values.get("is_shared")) and may_share}
    await _department_exists(db, values.get("department_id"))
    return await _insert(db, SearchFilterGroup, {**values, "person_id": person_id})


async def update_group(db, row: Row, values: dict[str, Any], *, may_share: bool) -> Row:
    """A group and, when its sharing changes, its filters with it (they must agree)."""
    values = _sharing(row, values, may_share)
    await _department_exists(db, values.get("department_id"))
    updated = await _update(db, SearchFilterGroup, row["id"], values)
    if "is_shared" in values:
        await db.execute(update(SearchFilter).where(SearchFilter.search_filter_group_id == row["id"])
                         .values(is_shared=updated["is_shared"], updated_at=utcnow()))
    return updated


async def delete_group(db, row: Row) -> None:
    """A group and the searches filed in it."""
    await db.execute(delete(SearchFilter).where(SearchFilter.search_filter_group_id == row["id"]))
    await db.execute(delete(SearchFilterGroup).where(SearchFilterGroup.id == row["id"]))


def _sharing(row: Row, values: dict[str, Any], may_share: bool) -> dict[str, Any]:
    """A change of sharing the caller may not make is turned off, silently (as Zou does)."""
    if values.get("is_shared") is not None and bool(values["is_shared"]) != bool(row["is_shared"]) \
            and not may_share:
        values = {**values, "is_shared": False}
    return values


async def _insert(db, table, values: dict[str, Any]) -> Row:
    now = utcnow()
    row_id = new_id()
    await db.execute(insert(table).values(id=row_id, created_at=now, updated_at=now, **values))
    return (await fetch(db, select(table.__table__).where(table.id == row_id)))[0]


async def _update(db, table, row_id: uuid.UUID, values: dict[str, Any]) -> Row:
    if values:
        await db.execute(update(table).where(table.id == row_id).values(**values, updated_at=utcnow()))
    return (await fetch(db, select(table.__table__).where(table.id == row_id)))[0]
